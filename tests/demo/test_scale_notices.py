"""`load_demo --orgs N` on the demo site: generated grants and star ratings are announced
by generated notices of their kind (one of each kind a street and year, the next
January), which list them in both scripts; a larger N later extends the same notices."""

import re

from django.db.models import Count

import pytest

from core.dates import today
from demo.scale import announced_on, generate_organizations
from disclosure.models import EvaluationRecord, FundingRecord, NoticeOrganization, NoticePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

ORGS = 60
ROW = re.compile(r"<tr\b.*?</tr>", re.S)


def quiet(*args):
    pass


def generated_records():
    """(record, kind, year) of every generated grant and star rating."""
    related = ("organization__region__parent__parent", "notice")
    grants = FundingRecord.objects.filter(organization__slug__startswith="gen-")
    stars = EvaluationRecord.objects.filter(organization__slug__startswith="gen-", kind="star")
    return [(r, "funding", r.year) for r in grants.select_related(*related)] + [
        (r, "evaluation", r.evaluated_on.year) for r in stars.select_related(*related)
    ]


def assert_announced_by_their_streets():
    """Each record of a year already announced names the notice of its street and year,
    which concerns its organization; the others name none."""
    announced = set()
    for record, kind, year in generated_records():
        if announced_on(kind, year) > today():
            assert record.notice is None, record
            continue
        street = record.organization.region.parent
        assert record.notice.slug == f"gen-{kind}-{street.code}-{year}"
        assert record.notice.kind == kind
        assert record.notice.locale.language_code == "zh-hans"
        assert record.notice.issuer == f"{street.parent.name}{street.name}办事处"
        assert NoticeOrganization.objects.filter(
            notice=record.notice, organization=record.organization
        ).exists()
        announced.add(kind)
    assert announced == {"funding", "evaluation"}
    assert not EvaluationRecord.objects.filter(
        kind="satisfaction", notice__slug__startswith="gen-"
    ).exists()


def announcing_notices(language):
    return NoticePage.objects.filter(
        locale__language_code=language, kind__in=["funding", "evaluation"], slug__startswith="gen-"
    )


def test_generated_records_are_announced_by_the_notices_of_their_street():
    generate_organizations(ORGS, log=quiet)
    assert_announced_by_their_streets()


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_a_generated_funding_notice_lists_its_grants(client, language):
    generate_organizations(ORGS, log=quiet)
    source = (
        announcing_notices("zh-hans")
        .filter(kind="funding")
        .annotate(grants=Count("funding_records"))
        .order_by("-grants", "slug")
        .first()
    )
    page = NoticePage.objects.get(
        translation_key=source.translation_key, locale__language_code=language
    )
    html = client.get(page.url).content.decode()
    section = re.search(r'<section aria-labelledby="announced">(.*?)</section>', html, re.S)
    rows = ROW.findall(section.group(1).split("<tbody>", 1)[-1])
    assert len(rows) == source.grants
    assert all(f'href="/{language}/orgs/gen-' in row for row in rows)


def concerned_by_announcing_notices():
    return {
        notice.slug: set(notice.notice_organizations.values_list("organization", flat=True))
        for notice in announcing_notices("zh-hans")
    }


def test_a_larger_n_extends_the_same_notices_and_their_twins():
    # The 50th organization is in the demo's third community: the next ten join it there.
    generate_organizations(50, log=quiet)
    before = concerned_by_announcing_notices()
    generate_organizations(120, log=quiet)
    assert_announced_by_their_streets()
    after = concerned_by_announcing_notices()
    assert any(after[slug] > concerned for slug, concerned in before.items())
    slugs = list(announcing_notices("zh-hans").values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    assert sorted(slugs) == sorted(announcing_notices("zh-hant").values_list("slug", flat=True))
    for source in announcing_notices("zh-hans"):
        twin = NoticePage.objects.get(
            translation_key=source.translation_key, locale__language_code="zh-hant"
        )
        assert set(twin.notice_organizations.values_list("organization", flat=True)) == set(
            source.notice_organizations.values_list("organization", flat=True)
        ), source.slug


def test_generated_statuses_are_what_their_notices_decide():
    """The bulk path sends no signals: it writes each generated organization's status
    history itself, with the lifecycle's own rules, and the status they decide (in both
    scripts), so advance_lifecycle finds nothing to do and a page derives the same."""
    from orgs.lifecycle import advance, deciding_change, planned_changes
    from orgs.models import OrganizationPage, OrganizationStatusChange

    generate_organizations(ORGS, log=quiet)
    sources = OrganizationPage.objects.filter(
        slug__startswith="gen-", locale__language_code="zh-hans"
    )
    statuses = set()
    for org in sources:
        rows = list(OrganizationStatusChange.objects.filter(organization=org))
        notices = NoticePage.objects.filter(
            locale__language_code="zh-hans",  # the twins' link rows point at org too
            notice_organizations__organization=org,
            kind__in=["filing", "exit", "revocation", "change"],
        )
        assert len(rows) == 1 + sum(len(planned_changes(n, org)) for n in notices), org.slug
        assert org.status == deciding_change(rows, today()).status, org.slug
        copy = OrganizationPage.objects.get(
            translation_key=org.translation_key, locale__language_code="zh-hant"
        )
        assert copy.status == org.status
        statuses.add(org.status)
    assert {"active", "exited"} <= statuses
    assert advance() == []
