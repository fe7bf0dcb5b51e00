"""The traditional site follows the simplified one: OpenCC conversion, zh-hant twins
synced on publish, and editors' overrides that survive later syncs."""

import io

from django.core.management import call_command

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue

import pytest

from core.scripts import convert
from home.models import StandardPage
from orgs.models import OrganizationPage
from taxonomy.models import Region
from tests.orgs.world import build_world
from tests.utils import site_sections
from translation.opencc_translator import OpenCCTranslator

# (simplified, traditional): one-to-many characters that a naive table gets wrong, and
# vocabulary that must not change (s2tw, never s2twp).
PAIRS = [
    ("发展", "發展"),
    ("头发", "頭髮"),
    ("干部", "幹部"),
    ("后来", "後來"),
    ("皇后", "皇后"),
    ("面条", "麵條"),
    ("社区", "社區"),
    ("社区社会组织联合会", "社區社會組織聯合會"),
    ("东亭社区七宝巡逻队", "東亭社區七寶巡邏隊"),
    ("备案", "備案"),
    ("公益创投", "公益創投"),
    ("软件", "軟件"),
]


@pytest.mark.parametrize("simplified, traditional", PAIRS)
def test_tricky_pairs_convert_both_ways(simplified, traditional):
    assert convert(simplified, "zh-hans", "zh-hant") == traditional
    assert convert(traditional, "zh-hant", "zh-hans") == simplified


def test_vocabulary_is_never_localised():
    converted = convert("社区服务中心的软件和信息", "zh-hans", "zh-hant")
    assert "社群" not in converted and "軟體" not in converted and "資訊" not in converted


def test_markup_digits_and_latin_pass_through():
    html = '<p>2025年<a href="/zh-hans/orgs/qibao/?page=2&amp;q=x" id="a1">发展</a> <b>ABC</b></p>'
    assert convert(html) == html.replace("发展", "發展")


@pytest.mark.django_db
def test_the_machine_translator_speaks_wagtail_localizes_interface():
    hans, hant = (
        Locale.objects.get(language_code="zh-hans"),
        Locale.objects.get(language_code="zh-hant"),
    )
    translator = OpenCCTranslator({})
    assert translator.can_translate(hans, hant) and translator.can_translate(hant, hans)
    source, _attributes = StringValue.from_source_html('<a href="/x">头发</a>和面条')
    translated = translator.translate(hans, hant, [source])[source]
    assert translated.data == '<a id="a1">頭髮</a>和麵條'


def twin_of(page):
    return page.get_translation(Locale.objects.get(language_code="zh-hant")).specific


@pytest.mark.django_db
def test_publishing_creates_a_live_traditional_twin(traditional):
    world = build_world()
    qibao = world["orgs"]["qibao"]
    twin = twin_of(qibao)
    assert twin.live and twin.title == "東亭社區七寶巡邏隊"
    assert twin.url == "/zh-hant/orgs/qibao/"
    assert twin.region.name == "東亭社區" and twin.region.locale.language_code == "zh-hant"
    assert twin.category.locale.language_code == "zh-hant"
    assert twin.leader_name == "劉建國"
    assert twin.credit_code == qibao.credit_code  # codes are not text to convert


@pytest.mark.django_db
def test_an_edit_reaches_the_twin_within_the_same_publish(traditional):
    qibao = build_world()["orgs"]["qibao"]
    qibao.title = "东亭社区七宝平安巡逻队"
    qibao.description = '<p>队员<b>发展</b>到20人，见<a href="https://example.org/x">简报</a>。</p>'
    qibao.save_revision().publish()
    twin = twin_of(qibao)
    assert twin.title == "東亭社區七寶平安巡邏隊"
    assert twin.description == (
        '<p>隊員<b>發展</b>到20人，見<a href="https://example.org/x">簡報</a>。</p>'
    )


@pytest.mark.django_db
def test_streamfield_blocks_keep_their_types_order_and_links(traditional):
    sections = site_sections()
    page = StandardPage(
        title="社区发展政策",
        slug="fazhan",
        body=[
            ("heading", "头发与面条"),
            (
                "paragraph",
                '<p>见<a href="/zh-hans/orgs/">组织名录</a>和<i>干部</i>名单。</p><ul><li>后来</li></ul>',
            ),
            ("quote", {"text": "皇后的发展", "attribution": "东亭社区"}),
        ],
    )
    sections["policies"].add_child(instance=page)
    page.save_revision().publish()
    twin = twin_of(page)
    blocks = [(block.block_type, block.value) for block in twin.body]
    assert [kind for kind, _value in blocks] == ["heading", "paragraph", "quote"]
    assert blocks[0][1] == "頭髮與麵條"
    assert blocks[1][1].source == (
        '<p>見<a href="/zh-hans/orgs/">組織名錄</a>和<i>幹部</i>名單。</p><ul><li>後來</li></ul>'
    )
    assert blocks[2][1]["text"] == "皇后的發展" and blocks[2][1]["attribution"] == "東亭社區"
    assert twin.url == "/zh-hant/policies/fazhan/"


@pytest.mark.django_db
def test_unpublishing_withdraws_the_twin(traditional):
    qibao = build_world()["orgs"]["qibao"]
    qibao.unpublish()
    assert not twin_of(qibao).live


@pytest.mark.django_db
def test_a_renamed_region_follows(traditional):
    build_world()
    region = Region.objects.get(code="420106001001", locale__language_code="zh-hans")
    region.name = "东亭新社区"
    region.save()
    twin = Region.objects.get(code="420106001001", locale__language_code="zh-hant")
    assert twin.name == "東亭新社區"


def override_title(page, text):
    """What an editor does in wagtail-localize's translation editor for one segment."""
    translation = StringTranslation.objects.get(
        translation_of__data=page.title, locale__language_code="zh-hant", context__path="title"
    )
    translation.data = text
    translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
    translation.tool_name = ""
    translation.save()


@pytest.mark.django_db
def test_an_editors_override_survives_resyncs(traditional):
    qibao = build_world()["orgs"]["qibao"]
    override_title(qibao, "東亭社區「七寶」巡邏隊")
    # Another field changes and the page is published again: the title keeps the override.
    qibao.leader_name = "王建国"
    qibao.save_revision().publish()
    twin = twin_of(qibao)
    assert twin.title == "東亭社區「七寶」巡邏隊" and twin.leader_name == "王建國"
    # Re-syncing the whole site, even redoing every machine conversion, keeps it too.
    call_command("sync_traditional", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("sync_traditional", "--reconvert", stdout=io.StringIO(), stderr=io.StringIO())
    assert twin_of(qibao).title == "東亭社區「七寶」巡邏隊"
    # A new source text is a new segment: converted afresh.
    qibao.title = "东亭社区七宝巡逻大队"
    qibao.save_revision().publish()
    assert twin_of(qibao).title == "東亭社區七寶巡邏大隊"


@pytest.mark.django_db
def test_sync_traditional_translates_everything_and_is_safe_to_rerun(settings):
    settings.SYNC_TRADITIONAL = False
    build_world()
    assert not Page.objects.filter(locale__language_code="zh-hant").exists()
    out, err = io.StringIO(), io.StringIO()
    call_command("sync_traditional", stdout=out, stderr=err)
    assert "synced" in out.getvalue() and "项" in err.getvalue()  # the progress bar
    # …redrawn in place (\r) on one line, not on a new line for each update.
    assert "\r" in err.getvalue() and err.getvalue().count("\n") == 1
    simplified = Page.objects.filter(depth__gt=1, locale__language_code="zh-hans")
    traditional = Page.objects.filter(depth__gt=1, locale__language_code="zh-hant")
    assert simplified.count() == traditional.count()
    assert set(simplified.live().values_list("translation_key", flat=True)) == set(
        traditional.live().values_list("translation_key", flat=True)
    )
    counts = (Page.objects.count(), Region.objects.count(), StringTranslation.objects.count())
    call_command("sync_traditional", stdout=io.StringIO(), stderr=io.StringIO())
    assert (Page.objects.count(), Region.objects.count(), StringTranslation.objects.count()) == (
        counts
    )
    qibao = OrganizationPage.objects.get(slug="qibao", locale__language_code="zh-hant")
    assert qibao.title == "東亭社區七寶巡邏隊"


@pytest.mark.django_db
def test_editors_correct_a_twin_in_wagtail_localizes_translation_editor(client, traditional):
    from django.contrib.auth import get_user_model

    qibao = build_world()["orgs"]["qibao"]
    client.force_login(get_user_model().objects.create_superuser("editor", "e@example.org", "pw"))
    response = client.get(f"/admin/pages/{twin_of(qibao).pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    # The editor is wagtail-localize's segment editor, not a second copy of the form.
    assert "东亭社区七宝巡逻队" in content and "東亭社區七寶巡邏隊" in content
    assert "OpenCC" in content  # the machine translator is offered for a re-conversion


@pytest.mark.django_db
def test_make_run_gives_an_older_database_its_twins(settings):
    settings.SYNC_TRADITIONAL = False
    build_world()  # content from before the traditional site existed
    out = io.StringIO()
    call_command("bootstrap_demo", stdout=out, stderr=io.StringIO())
    assert "繁体版本" in out.getvalue()
    assert OrganizationPage.objects.filter(locale__language_code="zh-hant", live=True).count() == (
        OrganizationPage.objects.filter(locale__language_code="zh-hans", live=True).count()
    )
    out = io.StringIO()
    call_command("bootstrap_demo", stdout=out, stderr=io.StringIO())
    assert "繁体版本" not in out.getvalue()  # nothing missing the second time


@pytest.mark.django_db
def test_records_are_shown_in_the_readers_script(client, traditional):
    build_world()
    # Stored once, in simplified script, against the zh-hans source.
    profile = client.get("/zh-hant/orgs/qibao/").content.decode()
    for text in ("東亭社區夜間平安巡邏項目", "武昌區民政局", "東亭社區居民委員會", "治安巡邏"):
        assert text in profile, text
    assert "測試社會組織評估中心" in profile  # the evaluator of the current star rating
    for text in ("东亭社区夜间平安巡逻项目", "武昌区民政局", "测试社会组织评估中心", "治安巡逻"):
        assert text not in profile, text
    disclosure = client.get("/zh-hant/disclosure/funding/").content.decode()
    assert "東亭社區夜間平安巡邏項目" in disclosure and "武昌區民政局" in disclosure
    assert 'href="/zh-hant/orgs/qibao/"' in disclosure  # the twin, not the source
    # The simplified site is untouched.
    simplified = client.get("/zh-hans/orgs/qibao/").content.decode()
    assert "东亭社区夜间平安巡逻项目" in simplified and "武昌区民政局" in simplified


@pytest.mark.django_db
def test_make_run_rebuilds_search_entries_an_older_database_lacks(client):
    from search.models import SearchEntry

    build_world()
    SearchEntry.objects.all().delete()  # as the migration to entries by weight leaves them
    assert "七宝" not in client.get("/zh-hans/search/", {"q": "巡逻"}).content.decode()
    out = io.StringIO()
    call_command("bootstrap_demo", stdout=out, stderr=io.StringIO())
    assert "重建搜索索引" in out.getvalue()
    assert (
        "东亭社区七宝<mark>巡逻</mark>队"
        in client.get("/zh-hans/search/", {"q": "巡逻"}).content.decode()
    )
