"""What the public search finds, kind by kind: the base queryset (live, in the reader's
locale), the facets that apply, and how a hit is shown. Shared by every engine."""

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from core.labels import star_label, year_label, yuan

from .highlight import plain_text, snippet


@dataclass(frozen=True)
class Facet:
    name: str  # the query-string parameter
    label: str


DISTRICT = Facet("district", _("District (county)"))
CATEGORY = Facet("category", _("Category"))
NOTICE_KIND = Facet("notice_kind", _("Notice type"))
YEAR = Facet("year", _("Year"))
STAR = Facet("star", _("Star rating"))
FACETS = {f.name: f for f in (DISTRICT, CATEGORY, NOTICE_KIND, YEAR, STAR)}


def district_options(counts_by_region_id, locale_id):
    """[(code, name in the reader's locale, count)] from counts keyed by district ids of
    either script."""
    from taxonomy.models import Region

    codes = dict(Region.objects.filter(pk__in=counts_by_region_id).values_list("pk", "code"))
    by_code = {}
    for pk, count in counts_by_region_id.items():
        by_code[codes[pk]] = by_code.get(codes[pk], 0) + count
    names = dict(
        Region.objects.filter(locale_id=locale_id, code__in=by_code).values_list("code", "name")
    )
    return [(code, names.get(code, code), by_code[code]) for code in sorted(by_code)]


def district_of(prefix):
    """The district id of a row whose region is at `prefix` (any of the three levels)."""
    return Case(
        When(**{f"{prefix}__level": 3}, then=F(f"{prefix}__parent__parent")),
        When(**{f"{prefix}__level": 2}, then=F(f"{prefix}__parent")),
        default=F(prefix),
    )


@dataclass
class Kind:
    key: str
    label: str
    facets: tuple = ()
    region_path: str | None = None  # lookup from the row to its Region
    category_path: str | None = None
    year_path: str | None = None
    star_path: str | None = None
    notice_kind_path: str | None = None
    title_fields: tuple = ("title",)  # a match on these ranks first
    default_order: tuple = ("-pk",)  # then this: newest first, mostly

    @property
    def model(self):
        raise NotImplementedError

    def restrict(self, queryset, locale_id):
        """Only what the public may see, in the reader's locale."""
        return queryset.live().filter(locale_id=locale_id)

    def index_locale_id(self, locale_id):
        """The locale this kind's rows live in for a reader of `locale_id`."""
        return locale_id

    def prepare_hits(self, objects, locale_id):
        """Batch work before `hit()` is called for a page of objects."""

    def base_queryset(self, locale_id):
        return self.restrict(self.model.objects.all(), locale_id)

    # Filters -----------------------------------------------------------------------
    def apply_filters(self, queryset, filters, regions_by_code):
        for facet in self.facets:
            value = filters.get(facet.name)
            if not value:
                continue
            if facet is DISTRICT:
                # By code prefix: records point at zh-hans organizations whatever the
                # reader's script, and 区划代码 are the same in both.
                if value in regions_by_code:
                    queryset = queryset.filter(**{f"{self.region_path}__code__startswith": value})
            elif facet is CATEGORY:
                queryset = queryset.filter(**{f"{self.category_path}__slug": value})
            elif facet is NOTICE_KIND:
                queryset = queryset.filter(**{self.notice_kind_path: value})
            elif facet is YEAR:
                queryset = queryset.filter(**{self.year_path: int(value)})
            elif facet is STAR:
                queryset = queryset.filter(**{self.star_path: int(value)})
        return queryset

    # Facet counts over a matched queryset (plain ORM; the engines share it) -------------
    def facet_counts(self, queryset, facet, locale_id):
        from taxonomy.models import Category

        queryset = queryset.order_by()
        if facet is DISTRICT:
            rows = (
                queryset.annotate(_d=district_of(self.region_path))
                .values("_d")
                .annotate(n=Count("pk"))
            )
            return district_options({row["_d"]: row["n"] for row in rows if row["_d"]}, locale_id)
        if facet is CATEGORY:
            path = f"{self.category_path}__slug"
            rows = queryset.values(path).annotate(n=Count("pk"))
            counts = {row[path]: row["n"] for row in rows if row[path]}
            # Named in the reader's locale (the rows may be the zh-hans sources').
            categories = Category.objects.filter(locale_id=locale_id, slug__in=counts)
            return [(c.slug, c.name, counts[c.slug]) for c in categories]
        if facet is NOTICE_KIND:
            from disclosure.models import NoticePage

            rows = queryset.values(self.notice_kind_path).annotate(n=Count("pk"))
            labels = dict(NoticePage.Kind.choices)
            return [
                (r[self.notice_kind_path], labels.get(r[self.notice_kind_path], ""), r["n"])
                for r in rows
            ]
        if facet is YEAR:
            rows = queryset.annotate(_y=self.year_expression()).values("_y").annotate(n=Count("pk"))
            return sorted(
                ((str(r["_y"]), year_label(r["_y"]), r["n"]) for r in rows if r["_y"]), reverse=True
            )
        if facet is STAR:
            rows = queryset.values(self.star_path).annotate(n=Count("pk"))
            return sorted(
                (
                    (str(r[self.star_path]), star_label(r[self.star_path]), r["n"])
                    for r in rows
                    if r[self.star_path]
                ),
                reverse=True,
            )
        return []

    def year_expression(self):
        return F(self.year_path)

    def title_match(self, words):
        """1 where one title field holds every query word (stored text is simplified, like
        the folded words), else 0: names first, then the engine's relevance."""
        if not words:
            return Value(0)
        whole = Q()
        for name in self.title_fields:
            each = Q()
            for word in words:
                each &= Q(**{f"{name}__icontains": word})
            whole |= each
        return Case(When(whole, then=Value(1)), default=Value(0), output_field=IntegerField())

    # Showing a hit -----------------------------------------------------------------
    def hit(self, obj, words, request):
        raise NotImplementedError


class OrganizationKind(Kind):
    @property
    def model(self):
        from orgs.models import OrganizationPage

        return OrganizationPage

    def select(self, queryset):
        return queryset.select_related("category", "region__parent__parent")

    def hit(self, obj, words, request):
        return {
            "title": obj.title,
            "url": obj.get_url(request),
            "snippet": snippet(
                [obj.description, obj.short_name, obj.address, obj.leader_name], words
            ),
            "meta": [obj.category.name, obj.region.full_name, obj.get_status_display()],
            "badge": obj.get_status_display(),
        }


class NoticeKind(Kind):
    @property
    def model(self):
        from disclosure.models import NoticePage

        return NoticePage

    def select(self, queryset):
        return queryset

    def apply_filters(self, queryset, filters, regions_by_code):
        code = filters.get("district") or ""
        filters = {k: v for k, v in filters.items() if k != "district"}
        queryset = super().apply_filters(queryset, filters, regions_by_code)
        if code in regions_by_code:
            queryset = queryset.filter(pk__in=self.notice_ids_in(code))
        return queryset

    @staticmethod
    def notice_ids_in(district_code):
        from disclosure.models import NoticeOrganization

        return NoticeOrganization.objects.filter(
            organization__region__code__startswith=district_code
        ).values("notice_id")

    def year_expression(self):
        return ExtractYear("starts_on")

    def facet_counts(self, queryset, facet, locale_id):
        if facet is not DISTRICT:
            return super().facet_counts(queryset, facet, locale_id)
        # A notice has no region of its own: count it under its organizations' districts.
        from disclosure.models import NoticeOrganization

        rows = (
            NoticeOrganization.objects.filter(notice__in=queryset.order_by().values("pk"))
            .annotate(_d=district_of("organization__region"))
            .values("_d")
            .annotate(n=Count("notice", distinct=True))
            .order_by()
        )
        return district_options({row["_d"]: row["n"] for row in rows if row["_d"]}, locale_id)

    def hit(self, obj, words, request):
        return {
            "title": obj.title,
            "url": obj.get_url(request),
            "snippet": snippet([plain_text(obj.body), obj.issuer, obj.reference_number], words),
            "meta": [
                obj.get_kind_display(),
                obj.issuer,
                pgettext("date range", "%(start)s to %(end)s")
                % {"start": f"{obj.starts_on:%Y-%m-%d}", "end": f"{obj.ends_on:%Y-%m-%d}"},
            ],
            "badge": obj.state_label,
        }


class RecordKind(Kind):
    """Records are stored once, against the zh-hans source of an organization: a reader
    of either script searches the same rows and is sent to the twin in their script."""

    def index_locale_id(self, locale_id):
        from translation.locales import default_locale_id

        return default_locale_id()

    def restrict(self, queryset, locale_id):
        return queryset.filter(
            organization__live=True, organization__locale_id=self.index_locale_id(locale_id)
        )

    def prepare_hits(self, objects, locale_id):
        from translation.locales import with_display_organizations

        with_display_organizations(objects, locale_id)


class FundingKind(RecordKind):
    @property
    def model(self):
        from disclosure.models import FundingRecord

        return FundingRecord

    def select(self, queryset):
        return queryset.select_related("organization")

    def hit(self, obj, words, request):
        from core.templatetags.site_tags import money

        return {
            "title": obj.project_title,
            "url": obj.display_organization.get_url(request) + "#funding",
            "snippet": snippet([f"{obj.organization.title} {obj.funder} {obj.round}"], words),
            "meta": [obj.get_source_kind_display(), year_label(obj.year), yuan(money(obj.amount))],
            "badge": obj.get_source_kind_display(),
        }


class EvaluationKind(RecordKind):
    @property
    def model(self):
        from disclosure.models import EvaluationRecord

        return EvaluationRecord

    def select(self, queryset):
        return queryset.select_related("organization")

    def year_expression(self):
        return ExtractYear("evaluated_on")

    def hit(self, obj, words, request):
        return {
            "title": gettext("%(organization)s: %(kind)s %(result)s")
            % {
                "organization": obj.display_organization.title,
                "kind": obj.get_kind_display(),
                "result": obj.result_label,
            },
            "url": obj.display_organization.get_url(request) + "#evaluations",
            "snippet": snippet([f"{obj.organization.title} {obj.evaluator}"], words),
            "meta": [obj.evaluator, f"{obj.evaluated_on:%Y-%m-%d}"],
            "badge": obj.result_label,
        }


class CaseKind(Kind):
    @property
    def model(self):
        from cases.models import CasePage

        return CasePage

    def select(self, queryset):
        return queryset.select_related("region")

    def year_expression(self):
        return ExtractYear("published_on")

    def hit(self, obj, words, request):
        return {
            "title": obj.title,
            "url": obj.get_url(request),
            "snippet": snippet([obj.summary, plain_text(obj.body)], words),
            "meta": [f"{obj.published_on:%Y-%m-%d}"] + ([obj.region.name] if obj.region_id else []),
            "badge": gettext("Case"),
        }


class PolicyKind(Kind):
    @property
    def model(self):
        from home.models import StandardPage

        return StandardPage

    def select(self, queryset):
        return queryset

    def hit(self, obj, words, request):
        return {
            "title": obj.title,
            "url": obj.get_url(request),
            "snippet": snippet([obj.summary, plain_text(obj.body)], words),
            "meta": [m for m in (obj.issuer, obj.reference_number) if m],
            "badge": gettext("Page"),
        }


KINDS = {
    kind.key: kind
    for kind in (
        OrganizationKind(
            "orgs",
            _("Organizations"),
            facets=(DISTRICT, CATEGORY),
            region_path="region",
            category_path="category",
            title_fields=("title", "short_name"),
            default_order=(F("filed_on").desc(nulls_last=True), "-page_ptr_id"),
        ),
        NoticeKind(
            "notices",
            _("Notices"),
            facets=(DISTRICT, NOTICE_KIND, YEAR),
            notice_kind_path="kind",
            year_path="starts_on__year",
            default_order=("-starts_on", "-page_ptr_id"),
        ),
        FundingKind(
            "funding",
            _("Funding"),
            facets=(DISTRICT, CATEGORY, YEAR),
            region_path="organization__region",
            category_path="organization__category",
            year_path="year",
            title_fields=("project_title",),
            default_order=("-year", F("awarded_on").desc(nulls_last=True), "-pk"),
        ),
        EvaluationKind(
            "evaluations",
            _("Evaluations"),
            facets=(DISTRICT, STAR, YEAR),
            region_path="organization__region",
            star_path="star_level",
            year_path="evaluated_on__year",
            title_fields=("organization__title",),
            default_order=("-evaluated_on", "-pk"),
        ),
        CaseKind(
            "cases",
            _("Cases"),
            facets=(DISTRICT, YEAR),
            region_path="region",
            year_path="published_on__year",
            default_order=("-published_on", "-page_ptr_id"),
        ),
        PolicyKind("pages", _("Policies and pages"), default_order=("path",)),
    )
}
