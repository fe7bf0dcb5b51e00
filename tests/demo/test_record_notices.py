"""The demo's funding and evaluation records name the notices that announced them
(`notice` in funding.toml and evaluations.toml), and those notices list them, in both
scripts."""

import re
from decimal import Decimal

from django.db.models import Sum

import pytest

from demo.loader import DemoLoader
from disclosure.models import EvaluationRecord, FundingRecord, NoticePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

SCRIPTS = ["zh-hans", "zh-hant"]
ROW = re.compile(r"<tr\b.*?</tr>", re.S)


def notice(slug, language="zh-hans"):
    return NoticePage.objects.get(slug=slug, locale__language_code=language)


def announced_rows(html):
    found = re.search(r'<section aria-labelledby="announced">(.*?)</section>', html, re.S)
    assert found, "the notice lists no records"
    return ROW.findall(found.group(1).split("<tbody>", 1)[-1])


def test_the_funding_and_evaluation_notices_announce_their_records(client):
    expected = {
        # slug: (records, total) as the notice's text gives them
        "funding-guangde-venture-7": (9, Decimal("326000")),
        "funding-pingshan-growth-care": (3, Decimal("29000")),
    }
    for slug, (count, total) in expected.items():
        records = FundingRecord.objects.filter(notice=notice(slug))
        assert records.count() == count, slug
        assert records.aggregate(total=Sum("amount"))["total"] == total, slug
    for slug, count in (("evaluation-wuchang-star-2025", 9), ("evaluation-pingshan-star-2026", 8)):
        records = EvaluationRecord.objects.filter(notice=notice(slug))
        assert records.count() == count, slug
        # Each result the notice announced concerns one of the organizations it names.
        concerned = set(notice(slug).notice_organizations.values_list("organization", flat=True))
        assert set(records.values_list("organization", flat=True)) == concerned


def test_only_notices_of_the_records_kind_are_named(client):
    assert not FundingRecord.objects.exclude(notice=None).exclude(notice__kind="funding").exists()
    assert (
        not EvaluationRecord.objects.exclude(notice=None)
        .exclude(notice__kind="evaluation")
        .exists()
    )
    for model in (FundingRecord, EvaluationRecord):
        assert (
            not model.objects.exclude(notice=None)
            .exclude(notice__locale__language_code="zh-hans")
            .exists()
        )


@pytest.mark.parametrize("language", SCRIPTS)
def test_a_funding_notice_lists_its_grants_in_the_readers_script(client, language):
    page = notice("funding-guangde-venture-7", language)
    html = client.get(page.url).content.decode()
    rows = announced_rows(html)
    assert len(rows) == 9
    total = "326,000.00"
    assert ("合计" if language == "zh-hans" else "合計") + f" {total} 元" in html
    other = "zh-hant" if language == "zh-hans" else "zh-hans"
    assert all(f'href="/{language}/orgs/' in row for row in rows)
    assert not any(f'href="/{other}/' in row for row in rows)


@pytest.mark.parametrize("language", SCRIPTS)
def test_a_grant_on_a_profile_links_its_notice_in_the_readers_script(client, language):
    from orgs.models import OrganizationPage

    profile = OrganizationPage.objects.get(
        slug="hengshan-seedling-care", locale__language_code=language
    )
    html = client.get(profile.url).content.decode()
    announced_by = notice("funding-guangde-venture-7", language)
    issuer = "广德市民政局" if language == "zh-hans" else "廣德市民政局"
    assert f'<a href="{announced_by.url}">{issuer} {announced_by.reference_number}</a>' in html


def links():
    return {
        (model.__name__, pk, notice_id)
        for model in (FundingRecord, EvaluationRecord)
        for pk, notice_id in model.objects.exclude(notice=None).values_list("pk", "notice")
    }


def test_running_again_links_nothing_more_and_restores_a_lost_link(client):
    before = links()
    assert len(before) == 9 + 3 + 9 + 8
    assert DemoLoader(log=lambda *a: None).run() == {}
    assert links() == before

    # A demo loaded before records named their notices: the next run links them.
    FundingRecord.objects.filter(notice__slug="funding-pingshan-growth-care").update(notice=None)
    assert DemoLoader(log=lambda *a: None).run() == {"funding records linked to their notices": 3}
    assert links() == before
