"""What the public search finds of organizations (see search/registry.py)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import prefetch_tags
from search.highlight import snippet
from search.registry import Field, Hit, SearchKind, Weight, register
from taxonomy.models import Category, Region
from taxonomy.search import CategoryFacet, DistrictFacet

from .lifecycle import show_current_status
from .models import OrganizationIndexPage, OrganizationPage


@register
class OrganizationKind(SearchKind):
    key = "orgs"
    label = _("Organizations")
    position = 10
    model = OrganizationPage
    fields = (
        Field("title", Weight.NAME),
        Field("short_name", Weight.SHORT_NAME),
        Field("tag_names", Weight.TOPIC),
        Field("category__name", Weight.TOPIC),
        Field("region_names", Weight.TOPIC),
        Field("leader_name", Weight.PERSON),
        Field("description", Weight.TEXT),
        Field("address", Weight.TEXT),
        Field("credit_code", Weight.TEXT),
        Field("filing_number", Weight.TEXT),
    )
    facets = (DistrictFacet("region"), CategoryFacet("category"))
    sort_date_path = "filed_on"
    autocomplete = True
    select_related = ("category", "region__parent__parent")
    prefetch_related = (prefetch_tags(),)

    def affected_by(self, model, pks):
        if issubclass(model, Region):
            return OrganizationPage.objects.filter(region__in=Region.below(pks))
        if issubclass(model, Category):
            return OrganizationPage.objects.filter(category__in=pks)
        return None

    def hits(self, objects, words, request, locale_id):
        objects = show_current_status(objects)  # today's status (orgs/lifecycle.py)
        return [
            Hit(
                title=org.title,
                url=org.get_url(request),
                snippet=snippet(
                    [org.description, org.short_name, org.address, org.leader_name], words
                ),
                meta=(org.category.name, org.region.full_name, org.get_status_display()),
                badge=org.get_status_display(),
            )
            for org in objects
        ]

    def exact_match(self, query, locale_id):
        """A 统一社会信用代码 (any case, spaces ignored) or 备案编号 typed in full."""
        code = "".join(query.split()).upper()
        return (
            OrganizationPage.objects.live()
            .filter(locale_id=locale_id)
            .filter(Q(credit_code=code) | Q(filing_number=query.strip()))
            .first()
        )

    def when_nothing_found(self, locale_id):
        directory = OrganizationIndexPage.objects.live().filter(locale_id=locale_id).first()
        if directory is None:
            return {}
        return {
            "categories": [
                (category.name, f"{directory.url}?category={category.slug}")
                for category in Category.objects.filter(locale_id=locale_id)
            ]
        }
