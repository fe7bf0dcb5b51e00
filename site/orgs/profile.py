"""What an organization's profile page shows besides its own fields."""

from core.dates import today

from .models import OrganizationPage, Region

MEMBERS_SHOWN = 12


def profile_context(page):
    from cases.models import CasePage
    from disclosure.models import EvaluationRecord, FundingRecord, NoticePage

    day = today()
    region_chain = []
    if page.region_id:
        region = Region.objects.select_related("parent__parent").get(pk=page.region_id)
        region_chain = region.ancestors_and_self()

    notices = list(
        NoticePage.objects.live()
        .filter(notice_organizations__organization=page)
        .order_by("starts_on", "pk")
        .distinct()
    )
    funding = list(FundingRecord.objects.filter(organization=page).order_by("-year", "-awarded_on"))
    evaluations = list(EvaluationRecord.objects.filter(organization=page).order_by("-evaluated_on"))
    stars = [e for e in evaluations if e.kind == EvaluationRecord.Kind.STAR and e.is_valid_on(day)]
    cases = list(
        CasePage.objects.live()
        .filter(case_organizations__organization=page)
        .select_related("hero_image")
        .order_by("-published_on")
        .distinct()
    )
    members = OrganizationPage.objects.live().filter(hub=page).order_by("title")
    member_count = members.count()
    return {
        "region_chain": region_chain,
        "notices": notices,
        "funding_records": funding,
        "funding_total": sum(r.amount for r in funding),
        "evaluation_records": evaluations,
        "current_rating": stars[0] if stars else None,
        "cases": cases,
        "hub_page": page.hub if page.hub_id and page.hub.live else None,
        "member_orgs": list(members.select_related("category")[:MEMBERS_SHOWN])
        if member_count
        else [],
        "member_count": member_count,
        "tags": page.tag_list,
    }
