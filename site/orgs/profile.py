"""What an organization's profile page shows besides its own fields.

Notices, records, cases and member organizations point at the zh-hans source of a
profile; a zh-hant profile reads them through its source and shows their zh-hant twins
(translation/locales.py). The twins of notices and cases carry copies of the link
rows, which also point at the zh-hans organization: only the zh-hans notices and cases
are looked up, or each would be listed twice."""

from django.db.models import prefetch_related_objects

from core.dates import today
from publishing.corrections import with_corrections
from taxonomy.models import Region
from translation.locales import (
    in_locale,
    source_of,
    with_display_notices,
    with_display_organizations,
)

from .archive import public_archive
from .lifecycle import lifecycle_of
from .models import HalfYearReport, HalfYearReportLine, OrganizationPage

MEMBERS_SHOWN = 12


def profile_context(page):
    from cases.models import CasePage
    from disclosure.models import EvaluationRecord, FundingRecord, NoticePage

    day = today()
    locale_id = page.locale_id
    source = source_of(page)
    # The status today (what the calendar decided since advance_lifecycle last ran too),
    # and its history with each notice in the reader's script.
    lifecycle = lifecycle_of(page, day)
    page.status = lifecycle.status
    region_chain = []
    if page.region_id:
        region = Region.objects.select_related("parent__parent").get(pk=page.region_id)
        region_chain = region.ancestors_and_self()

    notices = in_locale(
        NoticePage.objects.live()
        .filter(locale_id=source.locale_id, notice_organizations__organization=source)
        .order_by("starts_on", "pk")
        .distinct(),
        locale_id,
    )
    # Each grant with the notice that announced it, in the reader's script.
    funding = with_display_notices(
        FundingRecord.objects.live().filter(organization=source).order_by("-year", "-awarded_on"),
        locale_id,
    )
    evaluations = with_display_notices(
        EvaluationRecord.objects.live().filter(organization=source).order_by("-evaluated_on"),
        locale_id,
    )
    # The notice that ended the organization (or is ending it): the one that decided its
    # status, else (a status entered without its notice) the latest exit or revocation
    # notice, in the reader's script.
    ending_kinds = {NoticePage.Kind.EXIT, NoticePage.Kind.REVOCATION}
    ending_notices = [notice for notice in notices if notice.kind in ending_kinds]
    deciding = lifecycle.deciding
    if deciding is not None and deciding.notice_id and deciding.cause in ending_kinds:
        ending_notices = [
            notice
            for notice in notices
            if notice.translation_key == deciding.notice.translation_key
        ] or ending_notices
    # "已更正": the source's corrections (its twin shows them too), and its records'.
    with_corrections(funding, evaluations, page=source)
    stars = [e for e in evaluations if e.kind == EvaluationRecord.Kind.STAR and e.is_valid_on(day)]
    cases = in_locale(
        CasePage.objects.live()
        .filter(locale_id=source.locale_id, case_organizations__organization=source)
        .select_related("hero_image", "region")
        .order_by("-published_on")
        .distinct(),
        locale_id,
    )
    # The twins come without what the cards show; fetch it for all of them at once.
    prefetch_related_objects(cases, "hero_image", "region")
    members = (
        OrganizationPage.objects.live()
        .filter(hub=source, locale_id=source.locale_id)
        .order_by("title")
    )
    member_count = members.count()
    hub = source.hub if source.hub_id and source.hub.live else None
    # Half-year reports (docs/archive.md): a member's latest line, a hub's latest report.
    latest_line = (
        HalfYearReportLine.objects.filter(organization=source)
        .select_related("report__hub")
        .order_by("-report__year", "-report__half")
        .first()
    )
    latest_report = HalfYearReport.objects.filter(hub=source).order_by("-year", "-half").first()
    report_lines = []
    if latest_report is not None:
        report_lines = with_display_organizations(
            latest_report.lines.select_related("organization").order_by("organization__title"),
            locale_id,
        )
    return {
        "half_year_line": latest_line,
        "half_year_report": latest_report,
        "half_year_report_lines": report_lines,
        "region_chain": region_chain,
        "notices": notices,
        "ending_notice": ending_notices[-1] if ending_notices and not page.is_active else None,
        "funding_records": funding,
        "funding_total": sum(r.amount for r in funding),
        "evaluation_records": evaluations,
        "current_rating": stars[0] if stars else None,
        "cases": cases,
        "hub_page": in_locale([hub], locale_id)[0] if hub else None,
        "member_orgs": in_locale(members.select_related("category")[:MEMBERS_SHOWN], locale_id)
        if member_count
        else [],
        "member_count": member_count,
        "hub_filter_id": source.pk,
        "tags": page.tag_list,
        "status_history": lifecycle.history,
        # The public documents of its archive, by kind (the twin's rows are copies).
        "archive": public_archive(page),
        "correction_history": source.correction_history,
    }
