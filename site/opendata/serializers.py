"""Columns of a dataset, as DRF serializers: one declaration for the exports, the data
dictionary and the API (and its OpenAPI schema)."""

import datetime
import types
import typing
from decimal import Decimal

from django.utils.translation import get_language

from rest_framework import serializers

from core.scripts import to_traditional

from .registry import Column

TYPES = (
    # Most specific first: a URLField is a CharField.
    (serializers.URLField, "url"),
    (serializers.ChoiceField, "code"),
    (serializers.BooleanField, "boolean"),
    (serializers.IntegerField, "integer"),
    (serializers.DecimalField, "decimal"),
    (serializers.DateTimeField, "datetime"),
    (serializers.DateField, "date"),
    (serializers.UUIDField, "code"),
    (serializers.CharField, "text"),
)


# What a SerializerMethodField's method says it returns (its annotation, which
# drf-spectacular reads for the schema as well).
RETURN_TYPES = (
    (bool, "boolean"),
    (int, "integer"),
    (Decimal, "decimal"),
    (datetime.datetime, "datetime"),
    (datetime.date, "date"),
    (str, "text"),
)


def column_type(field):
    if isinstance(field, serializers.SerializerMethodField) and field.parent is not None:
        method = getattr(field.parent, field.method_name, None)
        returns = typing.get_type_hints(method).get("return") if method else None
        if isinstance(returns, types.UnionType):  # `datetime | None`: a datetime or empty
            returns = next((arg for arg in typing.get_args(returns) if arg is not type(None)), None)
        for python_type, name in RETURN_TYPES:
            if returns is python_type:
                return name
        return "text"
    for field_class, name in TYPES:
        if isinstance(field, field_class):
            return name
    return "text"


class DatasetSerializer(serializers.Serializer):
    """Rows of a dataset in the reader's script.

    Rows are zh-hans sources; for zh-hant (`context["language"]`) every text field is
    converted with OpenCC, as the zh-hant twins are; fields listed in `Meta.codes`
    (credit codes, filing numbers, slugs) are identifiers and never change. Labels are
    the Chinese column names, help texts their meaning (the data dictionary)."""

    class Meta:
        codes = ()

    @classmethod
    def columns(cls):
        return [
            Column(
                name,
                str(field.label or name),
                str(field.help_text or ""),
                column_type(field),
            )
            for name, field in cls().fields.items()
        ]

    def language(self):
        return self.context.get("language") or get_language()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self.language() == "zh-hant":
            for name in self.script_fields:
                if isinstance(data.get(name), str) and data[name]:
                    data[name] = to_traditional(data[name])
        return data

    @property
    def script_fields(self):
        if not hasattr(self, "_script_fields"):
            codes = set(getattr(self.Meta, "codes", ()))
            self._script_fields = [
                name
                for name, field in self.fields.items()
                if column_type(field) == "text" and name not in codes
            ]
        return self._script_fields

    def page_url(self, page):
        """A page's public address in the reader's script: the zh-hant twin lives at the
        same path under /zh-hant/ (the sync copies slugs; see docs/two-scripts.md)."""
        from core.languages import swap_prefix

        path = page.get_url()
        if not path:
            return None
        language = self.language()
        if language != "zh-hans":
            path = swap_prefix(path, language)
        return f"{self.context.get('base_url', '')}{path}"


class PageURLField(serializers.URLField):
    """A page's public address in the reader's script (never converted: it is a link)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        return self.parent.page_url(page) if page is not None else None


class DisplayField(serializers.CharField):
    """The reader-facing label of a coded value (get_FOO_display), in the active language."""

    def __init__(self, field, **kwargs):
        kwargs["source"] = f"get_{field}_display"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        # Called directly: DRF would inspect the method's signature on every row (a fifth
        # of an export's time).
        return getattr(instance, self.source)()
