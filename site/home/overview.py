"""The figures and lists on the home page."""

from django.db.models import Count, Sum

from core.content_cache import cached
from core.dates import today


def organization_figures(locale_id):
    """Active organizations by category and by district (plain data, so it can be cached)."""
    from orgs.lifecycle import filter_status
    from orgs.models import OrganizationPage
    from taxonomy.models import Region, district_of

    # Active today: the stored status, and what the calendar decided since it was stored.
    active = filter_status(
        OrganizationPage.objects.live().filter(locale_id=locale_id), OrganizationPage.Status.ACTIVE
    )
    # Rows of {"value": the directory's filter value, "name", "count"}.
    by_category = [
        {"value": slug, "name": name, "count": count}
        for name, slug, count in active.values("category__name", "category__slug")
        .annotate(count=Count("pk"))
        .order_by("-count", "category__name")
        .values_list("category__name", "category__slug", "count")
    ]
    counts = dict(
        active.annotate(district=district_of("region"))
        .values("district")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("district", "count")
    )
    by_district = [
        {"value": code, "name": name, "count": counts[pk]}
        for pk, code, name in Region.objects.filter(pk__in=counts)
        .order_by("code")
        .values_list("pk", "code", "name")
    ]
    return {
        "active_total": sum(row["count"] for row in by_category),
        "by_category": by_category,
        "by_district": by_district,
    }


def funding_figures(year):
    from disclosure.models import FundingRecord

    funding = (
        FundingRecord.objects.live()
        .filter(year=year)
        .aggregate(
            total=Sum("amount"),
            count=Count("pk"),
            organizations=Count("organization", distinct=True),
        )
    )
    return {
        "funding_year": year,
        "funding_total": funding["total"] or 0,
        "funding_count": funding["count"],
        "funding_organizations": funding["organizations"],
    }


def home_context(home):
    """Everything on the home page depends only on published content and today's date,
    so it is built once per content version and day (see core.content_cache)."""
    day = today()
    return cached(f"home:{home.pk}:{day.isoformat()}", lambda: build_home_context(home, day))


def build_home_context(home, day):
    from cases.models import CaseIndexPage, CasePage
    from disclosure.models import NoticeIndexPage, NoticePage, NoticeState
    from orgs.models import OrganizationIndexPage

    locale = home.locale_id
    return {
        **organization_figures(locale),
        **funding_figures(day.year),
        "orgs_index": OrganizationIndexPage.objects.live().child_of(home).first(),
        "notices_index": NoticeIndexPage.objects.live().child_of(home).first(),
        "cases_index": CaseIndexPage.objects.live().child_of(home).first(),
        "open_notices": list(
            NoticePage.objects.live()
            .filter(locale_id=locale)
            .in_state(NoticeState.OPEN, day)
            .order_by("-starts_on", "-page_ptr_id")[:6]
        ),
        "featured_cases": list(
            CasePage.objects.live()
            .filter(locale_id=locale, featured=True)
            .select_related("hero_image", "region")
            .order_by("-published_on")[:3]
        ),
    }
