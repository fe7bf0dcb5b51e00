"""The demo loader builds a realistic site from the policy documents, and only once."""

from django.apps import apps
from django.core.management import call_command

import pytest

from core.dates import today
from demo.loader import DemoLoader
from disclosure.models import EvaluationRecord, FundingRecord, NoticePage, NoticeState
from home.models import StandardPage
from orgs.models import OrganizationPage
from taxonomy.models import Region


def table_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {
            "home",
            "orgs",
            "disclosure",
            "cases",
            "wagtailcore",
            "wagtailimages",
            "wagtaildocs",
            "taggit",
        }
    }


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_scale_and_spread(client):
    orgs = OrganizationPage.objects.live()
    assert orgs.count() >= 60
    districts = {
        org.region.ancestors_and_self()[0].code
        for org in orgs.select_related("region__parent__parent")
    }
    assert len(districts) >= 3
    assert set(orgs.values_list("management", flat=True)) == {"registered", "filed", "community"}
    assert {"active", "exiting", "exited", "revoked"} <= set(orgs.values_list("status", flat=True))


def test_named_organizations_and_cases_from_the_seeds(client):
    titles = set(OrganizationPage.objects.values_list("title", flat=True))
    assert "东亭社区七宝巡逻队" in titles
    assert "青和居社区天天敲门组" in titles
    assert any("社区社会组织联合会" in t for t in titles)
    assert OrganizationPage.objects.filter(members__isnull=False).exists()
    assert (
        OrganizationPage.objects.filter(
            region__parent__parent__name="宣州区", tags__name="助餐"
        ).exists()
        or OrganizationPage.objects.filter(
            region__parent__name="宣州区", tags__name="助餐"
        ).exists()
    )
    assert (
        FundingRecord.objects.filter(
            round__contains="公益创投", organization__region__parent__parent__name="广德市"
        ).exists()
        or FundingRecord.objects.filter(
            round__contains="公益创投", organization__region__parent__name="广德市"
        ).exists()
    )
    from cases.models import CasePage

    cases = CasePage.objects.live()
    assert cases.count() >= 5
    assert not cases.filter(hero_image__isnull=True).exists()
    assert cases.filter(title__contains="七宝巡逻队").exists()


def test_every_organization_has_a_filing_notice(client):
    without = OrganizationPage.objects.filter(locale__language_code="zh-hans").exclude(
        notice_links__notice__kind=NoticePage.Kind.FILING
    )
    assert not without.exists(), list(without.values_list("title", flat=True))


def test_notices_of_every_kind_some_still_open(client):
    kinds = set(NoticePage.objects.values_list("kind", flat=True))
    assert {"filing", "change", "exit", "revocation"} <= kinds
    open_kinds = set(NoticePage.objects.in_state(NoticeState.OPEN).values_list("kind", flat=True))
    assert {"change", "exit"} <= open_kinds


def test_records_cover_every_source_kind_and_both_evaluations(client):
    assert set(FundingRecord.objects.values_list("source_kind", flat=True)) == set(
        FundingRecord.SourceKind.values
    )
    assert FundingRecord.objects.filter(year=today().year).exists()
    assert set(EvaluationRecord.objects.values_list("kind", flat=True)) == {"star", "satisfaction"}
    assert set(
        EvaluationRecord.objects.filter(kind="star").values_list("star_level", flat=True)
    ) == {1, 2, 3}


def test_policy_documents_are_pages(client):
    policies = (
        StandardPage.objects.live()
        .filter(url_path__contains="/policies/", locale__language_code="zh-hans")
        .exclude(slug="policies")
    )
    assert policies.count() == 5
    chongqing = policies.get(title__contains="五社联动")
    assert chongqing.reference_number == "渝民发〔2022〕7号"
    text = str(chongqing.body)
    assert "第壹文秘" not in text


def test_everything_validates(client):
    for model in (Region, FundingRecord, EvaluationRecord):
        for instance in model.objects.all():
            instance.full_clean()
    for org in OrganizationPage.objects.all():
        org.full_clean()


def test_every_page_and_reference_has_a_traditional_twin(client):
    from wagtail.models import Page

    from taxonomy.models import Category

    simplified = Page.objects.filter(depth__gt=1, locale__language_code="zh-hans").live()
    traditional = Page.objects.filter(depth__gt=1, locale__language_code="zh-hant").live()
    assert set(simplified.values_list("translation_key", flat=True)) == set(
        traditional.values_list("translation_key", flat=True)
    )
    for model in (Region, Category):
        assert (
            model.objects.filter(locale__language_code="zh-hans").count()
            == model.objects.filter(locale__language_code="zh-hant").count()
        )
    twin = OrganizationPage.objects.get(
        slug="dongting-qibao-patrol", locale__language_code="zh-hant"
    )
    assert twin.title == "東亭社區七寶巡邏隊"
    assert twin.region.name == "東亭社區"
    assert twin.region.locale.language_code == "zh-hant"
    assert twin.url == "/zh-hant/orgs/dongting-qibao-patrol/"


def test_running_again_changes_nothing(client):
    before = table_counts()
    created = DemoLoader(log=lambda *a: None).run()
    assert created == {}
    assert table_counts() == before


def test_command_reports_nothing_to_do(client):
    from io import StringIO

    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "nothing to do" in out.getvalue()


def test_demo_pages_render(client):
    for url in (
        "/zh-hans/",
        "/zh-hans/orgs/",
        "/zh-hans/notices/",
        "/zh-hans/disclosure/",
        "/zh-hans/disclosure/funding/",
        "/zh-hans/disclosure/evaluations/",
        "/zh-hant/disclosure/?district=420106",
        "/zh-hans/cases/",
        "/zh-hans/policies/",
        "/zh-hans/about/",
        OrganizationPage.objects.get(
            title="东亭社区七宝巡逻队", locale__language_code="zh-hans"
        ).url,
    ):
        assert client.get(url).status_code == 200, url


def test_statuses_are_what_the_demo_notices_decide():
    """The data's status of each organization is what its notices decide today (the loader
    enters every organization as 活动中 and publishes its notices); the zh-hant twins agree,
    and advance_lifecycle, run right after, has nothing to do."""
    import io

    from demo.content import read_toml
    from orgs.lifecycle import advance

    rows = read_toml("organizations.toml")["organization"]
    expected = {row["slug"]: row.get("status", "active") for row in rows}
    stored = {}
    for slug, language, status in OrganizationPage.objects.filter(slug__in=expected).values_list(
        "slug", "locale__language_code", "status"
    ):
        stored.setdefault(slug, {})[language] = status
    assert stored == {
        slug: {"zh-hans": status, "zh-hant": status} for slug, status in expected.items()
    }
    assert advance() == []
    out = io.StringIO()
    call_command("advance_lifecycle", stdout=out)
    assert "：0 个组织" in out.getvalue()


def test_half_year_reports_and_archives(client):
    from orgs.half_year import last_completed_half_year, missing_reports
    from orgs.models import ArchiveDocument, HalfYearReport

    hub = OrganizationPage.objects.get(slug="shuiguohu-federation", locale__language_code="zh-hans")
    last = last_completed_half_year(today())
    assert set(HalfYearReport.objects.filter(hub=hub).values_list("year", "half")) == {
        (last.year, last.half),
        (last.previous().year, last.previous().half),
    }
    missing = set(missing_reports(None, last).values_list("slug", flat=True))
    assert "dongting-peacemakers" in missing  # left out of the federation's last report
    assert "qinghejv-knock-door" in missing  # 钢花村街道's federation filed the one before
    assert "chagang-calligraphy" not in missing
    assert "chagang-green-home" not in missing  # not active: leaving, not expected
    assert "半年台账" in client.get(hub.url).content.decode()
    # Every organization that is not community-managed has its charter, public, in its archive.
    charters = ArchiveDocument.objects.filter(organization__locale__language_code="zh-hans")
    assert charters.exists()
    assert set(charters.values_list("kind", "visibility")) == {("charter", "public")}
