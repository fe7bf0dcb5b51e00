"""Search facets by region and category, for the kinds of every content app.

Values are the stable codes (区划代码 of the district, category slug), the same in both
scripts; options are named in the reader's locale."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from search.registry import Facet

from .models import Category, Region


class ReferenceFacet(Facet):
    """A facet whose values are the codes or slugs of one of our reference lists: the same
    in both scripts, so the editors' script lists the valid ones."""

    def valid_values(self, locale):
        raise NotImplementedError

    def form_field(self):
        values = self.valid_values(Locale.get_default())
        return forms.ChoiceField(
            required=False, label=self.label, choices=[(value, value) for value in values]
        )


class DistrictFacet(ReferenceFacet):
    """The district (区/县) of a region, or of each region of a list."""

    name = "district"
    label = _("District (county)")

    def values(self, obj):
        value = self.field.value(obj)
        regions = [value] if isinstance(value, Region) else list(value or [])
        return sorted({region.district.code for region in regions if region is not None})

    def options(self, counts, locale_id):
        names = dict(
            Region.objects.filter(
                locale_id=locale_id, level=Region.Level.DISTRICT, code__in=counts
            ).values_list("code", "name")
        )
        return [(code, names.get(code, code), counts[code]) for code in sorted(counts)]

    def valid_values(self, locale):
        return Region.objects.filter(locale=locale, level=Region.Level.DISTRICT).values_list(
            "code", flat=True
        )


class CategoryFacet(ReferenceFacet):
    name = "category"
    label = _("Category")

    def values(self, obj):
        category = self.field.value(obj)
        return [category.slug] if category is not None else []

    def options(self, counts, locale_id):
        categories = Category.objects.filter(locale_id=locale_id, slug__in=counts)
        return [(c.slug, c.name, counts[c.slug]) for c in categories]

    def valid_values(self, locale):
        return Category.objects.filter(locale=locale).values_list("slug", flat=True)
