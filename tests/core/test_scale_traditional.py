"""`load_demo --orgs N` writes the zh-hant twins of what it generates, in bulk: pages a
later publish keeps in step, that render, list, search (after rebuild_search) and keep
the page tree sound."""

import io

from django.core.management import call_command

from wagtail.models import Locale, Page

import pytest

from core.scripts import to_traditional
from demo.scale import generate_organizations
from disclosure.models import EvaluationRecord, FundingRecord, NoticeOrganization, NoticePage
from orgs.models import OrganizationPage, OrganizationPageTag
from taxonomy.factories import CategoryFactory, RegionFactory
from taxonomy.models import Region
from tests.utils import site_sections
from translation.sync import sync_to_traditional

ORGS = 60  # three communities' worth: the base has one, so two are generated


def quiet(*args):
    pass


@pytest.fixture
def base(traditional):
    """The site skeleton, two districts with one street and community, the generator's
    four categories, all with their zh-hant twins (synced as they are saved)."""
    site_sections()
    wuchang = RegionFactory(name="武昌区", code="420106")
    RegionFactory(name="青山区", code="420107")
    street = RegionFactory(
        name="水果湖街道", code="420106001", level=Region.Level.STREET, parent=wuchang
    )
    RegionFactory(name="东亭社区", code="420106001001", level=Region.Level.COMMUNITY, parent=street)
    for name, slug in [
        ("公益慈善类", "gongyi-cishan"),
        ("生活服务类", "shenghuo-fuwu"),
        ("社区事务类", "shequ-shiwu"),
        ("文体活动类", "wenti-huodong"),
    ]:
        CategoryFactory(name=name, slug=slug)
    assert Page.objects.filter(locale__language_code="zh-hant", slug="orgs").exists()


def generated(model, language):
    return model.objects.filter(slug__startswith="gen-", locale__language_code=language)


def twin(page):
    return type(page).objects.get(
        translation_key=page.translation_key, locale__language_code="zh-hant"
    )


def assert_sound_tree():
    assert Page.find_problems() == ([], [], [], [], [])
    for index in Page.objects.filter(slug__in=["orgs", "notices"]):
        assert index.numchild == index.get_children().count()


@pytest.mark.django_db
def test_every_generated_page_gets_a_converted_twin(base):
    created = generate_organizations(ORGS, log=quiet)
    assert created["zh-hant organizations"] == ORGS
    assert created["zh-hant notices"] == created["generated notices"]
    assert created["zh-hant regions"] == 3  # the generated street and its two communities

    hant = Locale.objects.get(language_code="zh-hant")
    orgs_twin_index = Page.objects.get(locale=hant, slug="orgs")
    for model in (OrganizationPage, NoticePage):
        sources = generated(model, "zh-hans")
        assert set(sources.values_list("translation_key", "slug")) == set(
            generated(model, "zh-hant").values_list("translation_key", "slug")
        )
    for source in generated(OrganizationPage, "zh-hans").select_related("region", "category"):
        copy = twin(source)
        assert copy.title == copy.draft_title == to_traditional(source.title) != source.title
        assert copy.description == to_traditional(source.description)
        assert copy.address == to_traditional(source.address)
        assert copy.leader_name == to_traditional(source.leader_name)
        assert copy.filing_number == to_traditional(source.filing_number)  # as the sync does
        assert (copy.credit_code, copy.status, copy.management, copy.founded_on) == (
            source.credit_code,
            source.status,
            source.management,
            source.founded_on,
        )
        assert copy.region.locale_id == copy.category.locale_id == hant.pk
        assert copy.region.translation_key == source.region.translation_key
        assert copy.region.code == source.region.code
        assert copy.region.name == to_traditional(source.region.name)
        assert copy.category.translation_key == source.category.translation_key
        assert copy.live and not copy.has_unpublished_changes
        assert (copy.first_published_at, copy.last_published_at) == (
            source.first_published_at,
            source.last_published_at,
        )
        assert copy.url_path == f"{orgs_twin_index.url_path}{source.slug}/"
        assert copy.get_parent().pk == orgs_twin_index.pk
        assert copy.url == f"/zh-hant/orgs/{source.slug}/"
        # Tags are copied with a page (wagtail-localize does the same); records are not.
        assert set(copy.tags.values_list("pk", flat=True)) == set(
            source.tags.values_list("pk", flat=True)
        )
    for source in generated(NoticePage, "zh-hans"):
        copy = twin(source)
        assert copy.title == to_traditional(source.title)
        assert copy.issuer == to_traditional(source.issuer)
        assert copy.objection_contact == to_traditional(source.objection_contact)
        assert (copy.kind, copy.starts_on, copy.ends_on) == (
            source.kind,
            source.starts_on,
            source.ends_on,
        )
        source_blocks, twin_blocks = list(source.body.raw_data), list(copy.body.raw_data)
        assert [(b["type"], b["id"]) for b in twin_blocks] == [
            (b["type"], b["id"]) for b in source_blocks
        ]
        assert [b["value"] for b in twin_blocks] == [
            to_traditional(b["value"]) for b in source_blocks
        ]
        # The concerned organizations: the zh-hans source's, as after a sync.
        assert list(copy.notice_organizations.values_list("organization_id", flat=True)) == list(
            source.notice_organizations.values_list("organization_id", flat=True)
        )
    for model in (FundingRecord, EvaluationRecord):
        assert model.objects.exists()
        assert not model.objects.filter(organization__locale=hant).exists()

    # Every generated region has its twin, under the twin of its parent.
    for region in Region.objects.filter(locale__language_code="zh-hans").select_related("parent"):
        copy = Region.objects.get(translation_key=region.translation_key, locale=hant)
        assert (copy.code, copy.level, copy.name) == (
            region.code,
            region.level,
            to_traditional(region.name),
        )
        if region.parent_id:
            assert copy.parent.translation_key == region.parent.translation_key
            assert copy.parent.locale_id == hant.pk
    assert_sound_tree()


@pytest.mark.django_db
def test_twins_render_and_are_listed(base, client):
    generate_organizations(ORGS, log=quiet)
    first = OrganizationPage.objects.get(slug="gen-00001", locale__language_code="zh-hant")
    response = client.get("/zh-hant/orgs/gen-00001/")
    assert response.status_code == 200
    content = response.content.decode()
    assert first.title in content and first.region.name in content
    assert to_traditional(first.title) == first.title
    listed = client.get("/zh-hant/orgs/?status=any")
    assert listed.status_code == 200
    assert listed.context["page_obj"].paginator.count == ORGS
    shown = {org.pk for org in listed.context["page_obj"].object_list}
    assert shown and shown <= set(
        generated(OrganizationPage, "zh-hant").values_list("pk", flat=True)
    )

    notice = NoticePage.objects.get(slug="gen-00001-filing", locale__language_code="zh-hant")
    response = client.get(notice.url)
    assert response.status_code == 200
    assert [org.pk for org in response.context["concerned"]] == [first.pk]
    assert client.get("/zh-hant/notices/").context["page_obj"].paginator.count == (
        generated(NoticePage, "zh-hant").count()
    )


@pytest.mark.django_db
def test_running_again_adds_nothing_and_a_larger_n_only_the_rest(base):
    generate_organizations(ORGS, log=quiet)
    counts = (Page.objects.count(), Region.objects.count(), OrganizationPageTag.objects.count())
    assert generate_organizations(ORGS, log=quiet) == {}
    assert (
        Page.objects.count(),
        Region.objects.count(),
        OrganizationPageTag.objects.count(),
    ) == counts

    created = generate_organizations(ORGS + 40, log=quiet)
    assert created["generated organizations"] == created["zh-hant organizations"] == 40
    assert created["zh-hant notices"] == created["generated notices"]
    assert created["zh-hant regions"] == 3  # two more communities and their street
    for model in (OrganizationPage, NoticePage):
        assert generated(model, "zh-hant").count() == generated(model, "zh-hans").count()
    assert Region.objects.filter(locale__language_code="zh-hant").count() == (
        Region.objects.filter(locale__language_code="zh-hans").count()
    )
    assert NoticeOrganization.objects.filter(notice__locale__language_code="zh-hant").count() == (
        NoticeOrganization.objects.filter(notice__locale__language_code="zh-hans").count()
    )
    assert_sound_tree()


@pytest.mark.django_db
def test_twins_of_an_earlier_run_without_them_are_added(base, settings):
    settings.SYNC_TRADITIONAL = False
    logged = []
    generate_organizations(ORGS, log=logged.append)
    assert "SYNC_TRADITIONAL is off: generated pages get no zh-hant twins" in logged
    assert not generated(OrganizationPage, "zh-hant").exists()

    settings.SYNC_TRADITIONAL = True
    created = generate_organizations(ORGS, log=quiet)
    assert "generated organizations" not in created
    assert created["zh-hant organizations"] == ORGS
    assert_sound_tree()


@pytest.mark.django_db
def test_without_a_traditional_site_nothing_is_twinned(settings):
    settings.SYNC_TRADITIONAL = False  # the demo was loaded without the sync
    site_sections()
    RegionFactory(name="武昌区", code="420106")
    CategoryFactory(name="社区事务类", slug="shequ-shiwu")
    settings.SYNC_TRADITIONAL = True
    logged = []
    created = generate_organizations(20, log=logged.append)
    assert created["generated organizations"] == 20
    assert not any(kind.startswith("zh-hant") for kind in created)
    assert any("no zh-hant orgs/notices index" in line for line in logged)
    assert not Page.objects.filter(locale__language_code="zh-hant").exists()


@pytest.mark.django_db
def test_a_bulk_twin_is_what_the_sync_would_write(base):
    """Syncing a generated source rewrites its bulk twin in place with the same values."""
    generate_organizations(ORGS, log=quiet)
    skipped = {"latest_revision_id", "live_revision_id", "last_published_at"}
    skipped |= {"latest_revision_created_at", "draft_title"}
    for model, slug in [(OrganizationPage, "gen-00007"), (NoticePage, "gen-00007-filing")]:
        source = model.objects.get(slug=slug, locale__language_code="zh-hans")
        before = twin(source)
        synced = sync_to_traditional(source)
        after = twin(source)
        assert synced.pk == before.pk == after.pk
        for field in model._meta.concrete_fields:
            if field.attname in skipped:
                continue
            old, new = getattr(before, field.attname), getattr(after, field.attname)
            if field.name == "body":
                old, new = list(old.raw_data), list(new.raw_data)
            assert old == new, field.name
        assert after.live and after.title == after.draft_title
    assert_sound_tree()


@pytest.mark.django_db
def test_a_later_publish_of_the_source_updates_the_bulk_twin(base, client):
    generate_organizations(ORGS, log=quiet)
    source = OrganizationPage.objects.get(slug="gen-00003", locale__language_code="zh-hans")
    bulk_twin = twin(source)
    links = OrganizationPageTag.objects.filter(content_object=bulk_twin).count()

    source.title = "东湖社区发展互助会"
    source.description = "<p>队员<b>发展</b>到20人。</p>"
    source.save_revision().publish()  # as from the admin: the signal syncs the twin

    assert OrganizationPage.objects.filter(translation_key=source.translation_key).count() == 2
    updated = twin(source)
    assert updated.pk == bulk_twin.pk and updated.path == bulk_twin.path
    assert updated.title == "東湖社區發展互助會"
    assert updated.description == "<p>隊員<b>發展</b>到20人。</p>"
    assert updated.live and updated.live_revision_id
    assert OrganizationPageTag.objects.filter(content_object=updated).count() == links
    response = client.get("/zh-hant/orgs/gen-00003/")
    assert response.status_code == 200
    assert "東湖社區發展互助會" in response.content.decode()

    notice = NoticePage.objects.get(slug="gen-00003-filing", locale__language_code="zh-hans")
    notice.title = "关于东湖社区发展互助会备案的公示"
    notice.save_revision().publish()
    notice_twin = twin(notice)
    assert notice_twin.title == "關於東湖社區發展互助會備案的公示"
    assert NoticeOrganization.objects.filter(notice=notice_twin).count() == 1
    assert_sound_tree()


@pytest.mark.django_db
def test_rebuild_search_indexes_the_twins(base, client):
    generate_organizations(ORGS, log=quiet)
    copy = OrganizationPage.objects.get(slug="gen-00005", locale__language_code="zh-hant")

    def found():
        data = client.get(
            "/api/search/", {"q": copy.title, "lang": "zh-hant", "kind": "orgs"}
        ).json()
        return {hit["url"] for hit in data["results"]}

    url = f"http://testserver/zh-hant/orgs/{copy.slug}/"
    assert url not in found()  # bulk rows bypass the index, as the command says
    call_command("rebuild_search", stdout=io.StringIO(), stderr=io.StringIO())
    assert url in found()


@pytest.mark.django_db
def test_the_command_says_to_rebuild_the_search_index(base, monkeypatch):
    class NoDemo:  # the demo itself is the base; only the generator runs here
        def __init__(self, log):
            pass

        def run(self):
            return {}

    monkeypatch.setattr("demo.management.commands.load_demo.DemoLoader", NoDemo)
    out = io.StringIO()
    call_command("load_demo", orgs=20, stdout=out)
    text = out.getvalue()
    assert "rebuild_search" in text
    assert "created 20 zh-hant organizations" in text
