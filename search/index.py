"""Hooking the normaliser into Wagtail's search (modelsearch).

`ChineseSearchMixin` goes on every indexed model of this project. It wraps
`get_search_fields()` so that each SearchField and AutocompleteField hands the index
normalised tokens instead of raw text, whichever backend stores them.
"""

from django.utils.encoding import force_str

from wagtail.search import index

from .normalize import index_text


def flatten(value) -> str:
    """Search values can be strings, lists (tags, StreamField content) or dicts."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(flatten(v) for v in value.values())
    if isinstance(value, list | tuple | set):
        return " ".join(flatten(v) for v in value)
    if hasattr(value, "name") and not isinstance(value, int | float):
        return force_str(value.name)  # taggit Tag, Region, Category
    return force_str(value)


class NormalisedValueMixin:
    def get_value(self, obj):
        # modelsearch asks for every field three times (title, body, autocomplete);
        # remember the tokens on the instance so related rows are read once.
        memo = obj.__dict__.setdefault("_normalised_search_values", {})
        key = (type(self).__name__, self.field_name)
        if key not in memo:
            memo[key] = index_text(flatten(super().get_value(obj)))
        return memo[key]


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


class ChineseSearchMixin:
    """Put on every indexed model: its search fields index normalised Chinese tokens."""

    chinese_search = True

    @classmethod
    def get_search_fields(cls):
        return [normalised(field) for field in super().get_search_fields()]
