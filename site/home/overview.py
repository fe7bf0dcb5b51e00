"""The figures and lists on the home page."""

from django.db.models import Case, Count, F, Sum, When

from core.dates import today


def home_context(home):
    from cases.models import CaseIndexPage, CasePage
    from disclosure.models import FundingRecord, NoticeIndexPage, NoticePage, NoticeState
    from orgs.models import OrganizationIndexPage, OrganizationPage, Region

    locale = home.locale_id
    active = OrganizationPage.objects.live().filter(
        locale_id=locale, status=OrganizationPage.Status.ACTIVE
    )
    by_category = list(
        active.values("category__name", "category__slug")
        .annotate(count=Count("pk"))
        .order_by("-count", "category__name")
    )
    district_of_region = Case(
        When(region__level=Region.Level.COMMUNITY, then=F("region__parent__parent")),
        When(region__level=Region.Level.STREET, then=F("region__parent")),
        default=F("region"),
    )
    counts = dict(
        active.annotate(district=district_of_region)
        .values("district")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("district", "count")
    )
    districts = Region.objects.filter(pk__in=counts.keys()).order_by("code")
    by_district = [{"region": d, "count": counts[d.pk]} for d in districts]
    year = today().year
    funding = FundingRecord.objects.filter(year=year).aggregate(
        total=Sum("amount"), count=Count("pk"), organizations=Count("organization", distinct=True)
    )
    return {
        "orgs_index": OrganizationIndexPage.objects.live().child_of(home).first(),
        "notices_index": NoticeIndexPage.objects.live().child_of(home).first(),
        "cases_index": CaseIndexPage.objects.live().child_of(home).first(),
        "open_notices": list(
            NoticePage.objects.live()
            .filter(locale_id=locale)
            .in_state(NoticeState.OPEN)
            .order_by("-starts_on", "-pk")[:6]
        ),
        "featured_cases": list(
            CasePage.objects.live()
            .filter(locale_id=locale, featured=True)
            .select_related("hero_image")
            .order_by("-published_on")[:3]
        ),
        "active_total": sum(row["count"] for row in by_category),
        "by_category": by_category,
        "by_district": by_district,
        "funding_year": year,
        "funding_total": funding["total"] or 0,
        "funding_count": funding["count"],
        "funding_organizations": funding["organizations"],
    }
