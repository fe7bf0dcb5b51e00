"""Hooking the normaliser into Wagtail's search (modelsearch).

`ChineseSearchMixin` goes on every indexed model of this project. It wraps
`get_search_fields()` so that each SearchField and AutocompleteField hands the index
normalised tokens instead of raw text, whichever backend stores them.
"""

import threading
from contextlib import contextmanager

from wagtail.search import index

from .documents import flatten
from .normalize import index_text

_scope = threading.local()


@contextmanager
def shared_values():
    """Within this block, each field of each object is normalised once: modelsearch asks
    for every field three times (title, body, autocomplete) when it indexes an object.
    Outside it nothing is remembered, so an edited object is never indexed stale."""
    outer = getattr(_scope, "values", None)
    _scope.values = {} if outer is None else outer
    try:
        yield
    finally:
        _scope.values = outer


_bulk = threading.local()


@contextmanager
def writing_in_bulk():
    """Within this block (a bulk write of many batches: search.sync.changed_in_bulk),
    an index may put off work due once per write rather than once per batch
    (`once_after_bulk`); it runs when the block ends without an error."""
    if getattr(_bulk, "pending", None) is not None:  # nested: the outer block runs it
        yield
        return
    _bulk.pending = {}
    try:
        yield
        for job in _bulk.pending.values():
            job()
    finally:
        _bulk.pending = None


def once_after_bulk(key, job):
    """Run `job` now, or once at the end of the bulk write in progress (one per `key`)."""
    pending = getattr(_bulk, "pending", None)
    if pending is None:
        job()
    else:
        pending[key] = job


class NormalisedValueMixin:
    def get_value(self, obj):
        values = getattr(_scope, "values", None)
        if values is None:
            return index_text(flatten(super().get_value(obj)))
        key = (id(obj), type(self).__name__, self.field_name)
        if key not in values:
            values[key] = index_text(flatten(super().get_value(obj)))
        return values[key]


class ChineseSearchField(NormalisedValueMixin, index.SearchField):
    pass


class ChineseAutocompleteField(NormalisedValueMixin, index.AutocompleteField):
    pass


def normalised(field):
    """The same search field, storing normalised tokens."""
    if isinstance(field, index.SearchField) and not isinstance(field, ChineseSearchField):
        return ChineseSearchField(field.field_name, boost=field.boost, **field.kwargs)
    if isinstance(field, index.AutocompleteField) and not isinstance(
        field, ChineseAutocompleteField
    ):
        return ChineseAutocompleteField(field.field_name, **field.kwargs)
    if isinstance(field, index.RelatedFields):
        return index.RelatedFields(field.field_name, [normalised(f) for f in field.fields])
    return field


_normalised_fields = {}  # model → (its fields, the same fields normalised)


class ChineseSearchMixin:
    """Put on every indexed model: its search fields index normalised Chinese tokens."""

    chinese_search = True

    @classmethod
    def get_search_fields(cls):
        # modelsearch asks for the fields once per object it indexes: wrap them once per
        # model (and again only if the model's fields change).
        fields = super().get_search_fields()
        known = _normalised_fields.get(cls)
        if (
            known is None
            or len(known[0]) != len(fields)
            or any(a is not b for a, b in zip(known[0], fields, strict=True))
        ):
            known = _normalised_fields[cls] = (fields, [normalised(field) for field in fields])
        return list(known[1])


class SharedValuesIndexMixin:
    """For a backend's index class: each add_items() call normalises every value once."""

    def add_items(self, model, objs):
        with shared_values():
            return super().add_items(model, objs)
