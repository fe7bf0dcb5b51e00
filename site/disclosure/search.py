"""What the public search finds of notices, funding and evaluations (see search/registry.py)."""

from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from core.labels import star_label, year_label, yuan
from core.templatetags.site_tags import money
from search.highlight import plain_text, snippet
from search.registry import ChoiceFacet, Field, Hit, SearchKind, Weight, YearFacet, register
from taxonomy.models import Region
from taxonomy.search import CategoryFacet, DistrictFacet
from translation.locales import default_locale_id, with_display_organizations

from .models import EvaluationRecord, FundingRecord, NoticePage, organization_model


class StarFacet(ChoiceFacet):
    def options(self, counts, locale_id):
        return sorted(((s, star_label(s), n) for s, n in counts.items()), reverse=True)


@register
class NoticeKind(SearchKind):
    key = "notices"
    label = _("Notices")
    position = 20
    model = NoticePage
    fields = (
        Field("title", Weight.NAME),
        Field("organization_titles", Weight.SHORT_NAME),
        Field("kind_label", Weight.TOPIC),
        Field("organization_regions", Weight.TOPIC),
        Field("issuer", Weight.PERSON),
        Field("reference_number", Weight.PERSON),
        Field("body", Weight.TEXT),
    )
    facets = (
        DistrictFacet("concerned_regions"),
        ChoiceFacet("notice_kind", _("Notice type"), NoticePage.Kind.choices, "kind"),
        YearFacet("starts_on"),
    )
    sort_date_path = "starts_on"

    def indexed_objects(self):
        return NoticePage.objects.with_organizations()

    def affected_by(self, model, pks):
        if issubclass(model, organization_model()):
            return NoticePage.objects.filter(notice_organizations__organization__in=pks)
        if issubclass(model, Region):
            return NoticePage.objects.filter(
                notice_organizations__organization__region__in=Region.below(pks)
            )
        return None

    def hits(self, objects, words, request, locale_id):
        return [
            Hit(
                title=notice.title,
                url=notice.get_url(request),
                snippet=snippet(
                    [plain_text(notice.body), notice.issuer, notice.reference_number], words
                ),
                meta=(
                    notice.get_kind_display(),
                    notice.issuer,
                    pgettext("date range", "%(start)s to %(end)s")
                    % {
                        "start": f"{notice.starts_on:%Y-%m-%d}",
                        "end": f"{notice.ends_on:%Y-%m-%d}",
                    },
                ),
                badge=notice.state_label,
            )
            for notice in objects
        ]


class RecordKind(SearchKind):
    """Records are stored once, against the zh-hans source of an organization: a reader of
    either script searches the same entries and is sent to the twin in their script."""

    select_related = ("organization__region__parent__parent", "organization__category")

    def locale_id(self, obj):
        return obj.organization.locale_id

    def is_live(self, obj):
        return obj.live and obj.organization.live

    def entry_locale_id(self, locale_id):
        return default_locale_id()

    def visible(self, queryset, locale_id):
        return queryset.live().filter(
            organization__live=True, organization__locale_id=self.entry_locale_id(locale_id)
        )

    def affected_by(self, model, pks):
        if issubclass(model, organization_model()):
            return self.model.objects.filter(organization__in=pks)
        if issubclass(model, Region):
            return self.model.objects.filter(organization__region__in=Region.below(pks))
        return None


@register
class FundingKind(RecordKind):
    key = "funding"
    label = _("Funding")
    position = 30
    model = FundingRecord
    fields = (
        Field("project_title", Weight.NAME),
        Field("organization__title", Weight.SHORT_NAME),
        Field("source_label", Weight.TOPIC),
        Field("round", Weight.TOPIC),
        Field("organization__region_names", Weight.TOPIC),
        Field("funder", Weight.PERSON),
    )
    facets = (
        DistrictFacet("organization__region"),
        CategoryFacet("organization__category"),
        YearFacet("year"),
    )
    sort_date_path = "sort_date"

    def affected_by(self, model, pks):
        from taxonomy.models import Category

        if issubclass(model, Category):
            return FundingRecord.objects.filter(organization__category__in=pks)
        return super().affected_by(model, pks)

    def hits(self, objects, words, request, locale_id):
        return [
            Hit(
                title=record.project_title,
                url=record.display_organization.get_url(request) + "#funding",
                snippet=snippet(
                    [f"{record.organization.title} {record.funder} {record.round}"], words
                ),
                meta=(
                    record.get_source_kind_display(),
                    year_label(record.year),
                    yuan(money(record.amount)),
                ),
                badge=record.get_source_kind_display(),
            )
            for record in with_display_organizations(objects, locale_id)
        ]


@register
class EvaluationKind(RecordKind):
    key = "evaluations"
    label = _("Evaluations")
    position = 40
    model = EvaluationRecord
    fields = (
        Field("organization__title", Weight.NAME),
        Field("kind_label", Weight.TOPIC),
        Field("result_label", Weight.TOPIC),
        Field("organization__region_names", Weight.TOPIC),
        Field("evaluator", Weight.PERSON),
    )
    facets = (
        DistrictFacet("organization__region"),
        StarFacet("star", _("Star rating"), EvaluationRecord.STAR_CHOICES, "star_level"),
        YearFacet("evaluated_on"),
    )
    sort_date_path = "evaluated_on"

    def hits(self, objects, words, request, locale_id):
        return [
            Hit(
                title=gettext("%(organization)s: %(kind)s %(result)s")
                % {
                    "organization": record.display_organization.title,
                    "kind": record.get_kind_display(),
                    "result": record.result_label,
                },
                url=record.display_organization.get_url(request) + "#evaluations",
                snippet=snippet([f"{record.organization.title} {record.evaluator}"], words),
                meta=(record.evaluator, f"{record.evaluated_on:%Y-%m-%d}"),
                badge=record.result_label,
            )
            for record in with_display_organizations(objects, locale_id)
        ]
