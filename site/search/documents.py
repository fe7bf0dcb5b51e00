"""The one function that turns a searchable object into what every engine stores.

An `Entry` holds an object's normalised tokens by weight (search/normalize.py: bigrams
and characters of Chinese runs, other words) and its facet values. The SQLite,
PostgreSQL and Elasticsearch engines all store entries made here, so they match, rank
and count the same things.
"""

from dataclasses import dataclass, field

from django.utils.encoding import force_str

from .normalize import index_text
from .registry import WEIGHTS


def flatten(value) -> str:
    """Search values can be strings, lists (tags, StreamField content), dicts or
    related objects with a name."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(flatten(v) for v in value.values())
    if isinstance(value, list | tuple | set):
        return " ".join(flatten(v) for v in value)
    if hasattr(value, "all") and callable(value.all):
        return " ".join(flatten(v) for v in value.all())  # a related manager
    if hasattr(value, "name") and not isinstance(value, int | float):
        return force_str(value.name)  # taggit Tag, Region, Category
    return force_str(value)


@dataclass
class Entry:
    kind: str
    object_id: int
    locale_id: int
    live: bool
    sort_date: object  # a date, or None
    texts: dict = field(default_factory=dict)  # Weight → normalised tokens
    facets: dict = field(default_factory=dict)  # facet name → [values]

    def tokens(self, weight):
        """The tokens of every field of `weight` or more (what a match at that weight
        may use)."""
        return " ".join(text for w, text in self.texts.items() if w >= weight and text)

    def columns(self):
        """What every store keeps beside the tokens."""
        return {
            "kind": self.kind,
            "object_id": self.object_id,
            "locale_id": self.locale_id,
            "live": self.live,
            "sort_date": self.sort_date,
            "facets": self.facet_values,
        }

    @property
    def facet_values(self):
        """Facet values as "name=value" strings: one flat list any store can hold."""
        return sorted(
            {f"{name}={value}" for name, values in self.facets.items() for value in values}
        )


def prepare(kind, obj) -> Entry:
    texts = {}
    for search_field in kind.fields:
        text = index_text(flatten(search_field.value(obj)))
        if text:
            texts[search_field.weight] = f"{texts.get(search_field.weight, '')} {text}".strip()
    return Entry(
        kind=kind.key,
        object_id=obj.pk,
        locale_id=kind.locale_id(obj),
        live=bool(kind.is_live(obj)),
        sort_date=kind.sort_date(obj),
        texts={weight: texts[weight] for weight in WEIGHTS if weight in texts},
        facets={facet.name: sorted(set(facet.values(obj))) for facet in kind.facets},
    )
