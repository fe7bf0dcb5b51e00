"""What the public search finds of case stories (see search/registry.py)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import prefetch_tags
from search.highlight import plain_text, snippet
from search.registry import Field, Hit, SearchKind, Weight, YearFacet, register
from taxonomy.models import Region
from taxonomy.search import DistrictFacet

from .models import CaseOrganization, CasePage


@register
class CaseKind(SearchKind):
    key = "cases"
    label = _("Cases")
    position = 50
    model = CasePage
    fields = (
        Field("title", Weight.NAME),
        Field("organization_titles", Weight.SHORT_NAME),
        Field("tag_names", Weight.TOPIC),
        Field("region_names", Weight.TOPIC),
        Field("summary", Weight.TEXT),
        Field("body", Weight.TEXT),
        Field("outcomes", Weight.TEXT),
    )
    facets = (DistrictFacet("region"), YearFacet("published_on"))
    sort_date_path = "published_on"
    select_related = ("region__parent__parent",)
    prefetch_related = (prefetch_tags(), "case_organizations__organization")

    def affected_by(self, model, pks):
        organization = CaseOrganization._meta.get_field("organization").related_model
        if issubclass(model, organization):
            return CasePage.objects.filter(case_organizations__organization__in=pks)
        if issubclass(model, Region):
            return CasePage.objects.filter(region__in=Region.below(pks))
        return None

    def hits(self, objects, words, request, locale_id):
        return [
            Hit(
                title=case.title,
                url=case.get_url(request),
                snippet=snippet([case.summary, plain_text(case.body)], words),
                meta=(f"{case.published_on:%Y-%m-%d}", case.region.name if case.region_id else ""),
                badge=gettext("Case"),
            )
            for case in objects
        ]
