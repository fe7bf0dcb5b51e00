"""What the public search finds, declared by the content apps.

Each content app says what is searchable about its models in its own `search.py`: a
`SearchKind` per result type (its key, label, facets, fields with weights, sort date and
how a hit is shown), registered with `@register` when the app is ready. This package
then turns any registered object into an entry (`search.documents.prepare`) and every
engine indexes, matches, ranks and counts entries the same way; it imports no model of a
content app. Adding a searchable type means one `search.py` in its app.
"""

import datetime
from dataclasses import dataclass
from enum import IntEnum

from django import forms
from django.utils.translation import gettext_lazy as _

from core.labels import year_label


class Weight(IntEnum):
    """How much a match in a field counts. A hit ranks by the highest weight at which its
    fields of that weight or more hold every query word; within equal weight, newer
    first. The same on every engine and in both scripts."""

    TEXT = 1  # description, body, summary, address
    PERSON = 2  # person in charge, issuer, evaluator, funder
    TOPIC = 3  # service-area tags, category, region, kind of notice or funding
    SHORT_NAME = 4  # short name; the organization a record or story is about
    NAME = 5  # the name or title itself


WEIGHTS = sorted(Weight, reverse=True)


@dataclass(frozen=True)
class Field:
    """One searchable value of an object: an attribute path (`organization__title`), or a
    method of the object named so (called without arguments)."""

    path: str
    weight: Weight = Weight.TEXT

    def value(self, obj):
        for attr in self.path.split("__"):
            if obj is None:
                return None
            obj = getattr(obj, attr)
        return obj() if callable(obj) and not hasattr(obj, "all") else obj


class Facet:
    """A filter and its counts, read from the object at `path` (a Field path). `values(obj)`
    gives the values an object is counted under (any number); `options()` names and orders
    the counted values for the reader."""

    name = ""  # the query-string parameter
    label = ""

    def __init__(self, path):
        self.field = Field(path)

    def values(self, obj):
        raise NotImplementedError

    def options(self, counts, locale_id):
        """[(value, label, count)] for counts {value: n}."""
        return [(value, value, counts[value]) for value in sorted(counts)]

    def form_field(self):
        """Validates the parameter; an invalid value is ignored and named to the reader."""
        return forms.CharField(required=False, max_length=64, label=self.label)

    def schema(self):
        """The parameter's values in the API's OpenAPI schema (what form_field accepts;
        choices read from the database are not listed)."""
        return {"type": "string", "maxLength": 64}


class ChoiceFacet(Facet):
    """Values from a fixed list of choices (a model field's), in the list's order."""

    def __init__(self, name, label, choices, path):
        super().__init__(path)
        self.name, self.label, self.choices = name, label, choices

    def values(self, obj):
        value = self.field.value(obj)
        return [] if value in (None, "") else [str(value)]

    def options(self, counts, locale_id):
        return [
            (str(value), label, counts[str(value)])
            for value, label in self.choices
            if str(value) in counts
        ]

    def form_field(self):
        return forms.ChoiceField(
            required=False, label=self.label, choices=[(str(v), v) for v, _ in self.choices]
        )

    def schema(self):
        return {"type": "string", "enum": [str(value) for value, _label in self.choices]}


class YearFacet(Facet):
    """The year of a date (or a year number), newest first."""

    name = "year"
    label = _("Year")

    def values(self, obj):
        value = self.field.value(obj)
        if isinstance(value, datetime.date):
            value = value.year
        return [str(value)] if value else []

    def options(self, counts, locale_id):
        return sorted(((y, year_label(y), n) for y, n in counts.items()), reverse=True)

    def form_field(self):
        return forms.IntegerField(required=False, min_value=1990, max_value=2100, label=self.label)

    def schema(self):
        return {"type": "integer", "minimum": 1990, "maximum": 2100}


@dataclass
class Hit:
    """A result as the reader sees it (titles and snippets still in stored script)."""

    title: str
    url: str
    snippet: str = ""
    meta: tuple = ()
    badge: str = ""


class SearchKind:
    """A result type. Subclasses in the content apps set the class attributes and
    implement `hits()`; the defaults suit a page type."""

    key = ""  # the tab's parameter value
    label = ""
    position = 0  # tabs in ascending order
    model = None
    fields: tuple = ()
    facets: tuple = ()
    sort_date_path = None  # the date a kind is listed by within a weight, newest first
    autocomplete = False  # its names complete the search box (organizations)
    select_related: tuple = ()  # what `hits()` and `fields` read, fetched with the rows
    prefetch_related: tuple = ()

    # Which rows, in which locale -------------------------------------------------------
    def indexed_objects(self):
        """Every row, live or not (entries carry `live`), with what the fields read."""
        return (
            self.model._default_manager.all()
            .select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
        )

    def locale_id(self, obj):
        return obj.locale_id

    def is_live(self, obj):
        return obj.live

    def sort_date(self, obj):
        if self.sort_date_path:
            return Field(self.sort_date_path).value(obj)
        published = getattr(obj, "first_published_at", None)
        return published.date() if published else None

    def entry_locale_id(self, locale_id):
        """The locale whose entries a reader of `locale_id` searches (records are stored
        once, against the zh-hans source, and searched from either script)."""
        return locale_id

    def visible(self, queryset, locale_id):
        """What the public may see of `queryset` for a reader of `locale_id`: the hits
        are loaded through this, so a stale entry never shows a withdrawn object."""
        return queryset.live().filter(locale_id=locale_id)

    # Keeping entries current ----------------------------------------------------------
    def affected_by(self, model, pks):
        """Rows of this kind whose entries carry text of rows `pks` of `model` (an
        organization's name in its records, a region's name in its organizations), or
        None. Called when those rows change."""
        return None

    # Showing hits -----------------------------------------------------------------------
    def hits(self, objects, words, request, locale_id):
        """[Hit] for a page of objects, in order."""
        raise NotImplementedError

    def exact_match(self, query, locale_id):
        """An object a query names exactly (a code), to go straight to; or None."""
        return None

    def when_nothing_found(self, locale_id):
        """Context for the page when no kind has a hit (links to browse instead)."""
        return {}


_kinds: dict[str, SearchKind] = {}


def register(kind_class):
    """Class decorator for a content app's `search.py`: the kind is searchable from now."""
    kind = kind_class()
    if kind.key in _kinds and type(_kinds[kind.key]) is not kind_class:
        raise ValueError(f"search kind {kind.key!r} is registered twice")
    _kinds[kind.key] = kind
    return kind_class


def kinds():
    """Every registered kind, in tab order."""
    return dict(sorted(_kinds.items(), key=lambda item: (item[1].position, item[0])))


def get(key):
    return _kinds[key]


def kinds_for(model):
    """The kinds whose rows are instances of `model` (a page's specific class)."""
    return [kind for kind in _kinds.values() if issubclass(model, kind.model)]


def facets():
    """Every facet of every kind, by name (the first declaration of a name wins: facets
    that share a name share its parameter and its validation)."""
    found = {}
    for kind in kinds().values():
        for facet in kind.facets:
            found.setdefault(facet.name, facet)
    return found
