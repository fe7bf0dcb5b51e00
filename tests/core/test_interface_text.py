"""Interface text: English msgids in the templates and the Python code, complete zh_Hans and
zh_Hant catalogues (compiled), and pages that show the reader's script.

A public template with a translatable string missing from either catalogue fails here, and
so does a Chinese literal written into a template outside a translation tag."""

import ast
import functools
import io
import re
import tokenize
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.template import loader
from django.template.base import Lexer, TokenType
from django.utils import translation
from django.utils.translation.template import templatize

import polib
import pytest

from tests.shared_world import WorldTestCase
from translation.management.commands.make_traditional_catalogue import (
    catalogue_path,
    traditional_catalogue,
)

LOCALES = ["zh_Hans", "zh_Hant"]
ROOT = Path(settings.BASE_DIR)
TEMPLATE_GLOBS = ["templates/**/*.html", "site/*/templates/**/*.html"]
# Han characters, CJK punctuation (、。「」), kana, bopomofo, full-width forms (，：（）).
CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u312f\u3190-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U00020000-\U0003ffff]"
)
GETTEXT_FUNCTIONS = {"gettext", "pgettext", "ngettext", "npgettext"}
TRANSLATE_TAGS = {"translate", "trans"}
BLOCK_TAGS = {"blocktranslate", "blocktrans"}
END_BLOCK_TAGS = {"endblocktranslate", "endblocktrans"}


def public_templates():
    found = sorted({path for pattern in TEMPLATE_GLOBS for path in ROOT.glob(pattern)})
    return [path for path in found if "wagtailadmin" not in path.parts]


def template_id(path):
    return str(path.relative_to(ROOT))


def template_messages(path):
    """[(context, msgid, msgid_plural)] of a template, found the way makemessages finds
    them: Django's templatize turns the template into gettext calls for xgettext; here the
    calls are read with Python's tokenizer instead."""
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    # Only the calls matter; indentation left from the markup would upset the tokenizer.
    code = "\n".join(line.strip() for line in code.splitlines())
    tokens = [
        token
        for token in tokenize.generate_tokens(io.StringIO(code).readline)
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
    ]
    messages = []
    for index, token in enumerate(tokens):
        if token.type != tokenize.NAME or token.string not in GETTEXT_FUNCTIONS:
            continue
        if index + 1 >= len(tokens) or tokens[index + 1].string != "(":
            continue
        strings = []
        for following in tokens[index + 2 :]:
            if following.type == tokenize.STRING:
                strings.append(ast.literal_eval(following.string))
            elif following.string != ",":
                break
        name = token.string
        context = strings.pop(0) if name.startswith(("pgettext", "npgettext")) else None
        plural = strings[1] if name.startswith(("ngettext", "npgettext")) else None
        messages.append((context, strings[0], plural))
    return messages


@functools.cache
def load_catalogues():
    return {locale: polib.pofile(str(catalogue_path(locale))) for locale in LOCALES}


@pytest.fixture
def catalogues():
    return load_catalogues()


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def is_translated(entry):
    texts = translations(entry)
    return bool(texts) and all(text.strip() for text in texts) and "fuzzy" not in entry.flags


@pytest.mark.parametrize("path", public_templates(), ids=template_id)
def test_every_template_string_is_in_both_catalogues(path, catalogues):
    messages = template_messages(path)
    for context, msgid, plural in messages:
        assert not CJK.search(msgid), f"{template_id(path)}: msgids are English, not {msgid!r}"
        for locale, po in catalogues.items():
            entry = po.find(msgid, msgctxt=context)
            where = f"{template_id(path)}: {msgid!r} (context {context!r}) in {locale}"
            assert entry is not None and not entry.obsolete, f"missing {where}: run make messages"
            assert entry.msgid_plural == (plural or ""), f"plural form differs for {where}"
            assert is_translated(entry), f"no translation (or fuzzy) for {where}"


@pytest.mark.parametrize("path", public_templates(), ids=template_id)
def test_no_chinese_outside_translation_tags(path):
    """Text, variables and tags may not carry Chinese: it belongs in the catalogues."""
    inside_block = False
    for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
        if token.token_type == TokenType.COMMENT:
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in BLOCK_TAGS:
                inside_block = True
                continue
            if name in END_BLOCK_TAGS:
                inside_block = False
                continue
            if name in TRANSLATE_TAGS or (inside_block and name == "plural"):
                continue  # its msgid is checked (English) by the test above
        if inside_block:
            continue
        match = CJK.search(token.contents)
        assert match is None, (
            f"{template_id(path)} line {token.lineno}: {match.group()!r} in "
            f"{token.contents.strip()[:60]!r}: use {{% translate %}} with an English msgid"
        )


def test_templates_were_found():
    paths = {template_id(path) for path in public_templates()}
    assert {"templates/base.html", "templates/404.html", "templates/500.html"} <= paths
    assert "site/search/templates/search/search.html" in paths
    assert len(paths) > 20


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete(locale, catalogues):
    po = catalogues[locale]
    assert po.metadata.get("Plural-Forms") == "nplurals=1; plural=0;"
    assert po.metadata.get("Language") == locale
    assert not po.metadata_is_fuzzy
    untranslated = [entry.msgid for entry in po if not entry.obsolete and not is_translated(entry)]
    assert not untranslated, f"{locale}: untranslated or fuzzy: {untranslated}"
    english = [e.msgid for e in po if not e.obsolete and CJK.search(e.msgid)]
    assert not english, f"{locale}: msgids must be English: {english}"


def test_traditional_catalogue_is_generated_from_the_simplified_one(catalogues):
    expected = str(traditional_catalogue(catalogues["zh_Hans"]))
    assert catalogue_path("zh_Hant").read_text(encoding="utf-8") == expected, (
        "locale/zh_Hant is out of date: run `make messages`"
    )
    call_command("make_traditional_catalogue", check=True)


def message_table(entries):
    table = {}
    for entry in entries:
        if not entry.msgid:
            continue  # the header
        if entry.msgid_plural:
            texts = tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
        else:
            texts = entry.msgstr
        table[(entry.msgctxt, entry.msgid, entry.msgid_plural or None)] = texts
    return table


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_matches_the_po_file(locale, catalogues):
    po = catalogues[locale]
    mo_path = catalogue_path(locale).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    mo = polib.mofile(str(mo_path))
    wanted = message_table(e for e in po if not e.obsolete and is_translated(e))
    assert message_table(mo) == wanted, f"{mo_path} is out of date: run `make messages`"
    assert mo.metadata.get("Plural-Forms") == "nplurals=1; plural=0;"


# Rendering -----------------------------------------------------------------------------

SIMPLIFIED_SHELL = ["社区社会组织公开服务平台", "跳到正文", "编辑登录"]
TRADITIONAL_SHELL = ["社區社會組織公開服務平臺", "跳到正文", "編輯登錄"]


def english_leaks(content, catalogues):
    """Catalogue msgids (without placeholders) shown as an element's text or an
    attribute's value: a string that was not translated."""
    leaks = []
    for entry in catalogues["zh_Hans"]:
        msgid = entry.msgid
        if not msgid or "%" in msgid or "<" in msgid or not re.search("[A-Za-z]{2}", msgid):
            continue
        if f">{msgid}<" in content or f'="{msgid}"' in content:
            leaks.append(msgid)
    return leaks


class PagesInBothScriptsTests(WorldTestCase):
    def page(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        content = response.content.decode()
        self.assertEqual(english_leaks(content, load_catalogues()), [], url)
        return content

    def assert_simplified(self, content, *texts):
        for text in [*SIMPLIFIED_SHELL, *texts]:
            self.assertIn(text, content)
        for text in TRADITIONAL_SHELL[:1]:
            self.assertNotIn(text, content)

    def assert_traditional(self, content, *texts):
        for text in [*TRADITIONAL_SHELL, *texts]:
            self.assertIn(text, content)
        for text in SIMPLIFIED_SHELL[:1]:
            self.assertNotIn(text, content)

    def test_simplified_home(self):
        content = self.page("/zh-hans/")
        self.assert_simplified(
            content, "活动中的社区社会组织", "正在公示", "按类别浏览", "全部公示公告"
        )
        self.assertIn('?status=active">4</a> 家', content)

    def test_simplified_directory(self):
        content = self.page("/zh-hans/orgs/")
        self.assert_simplified(content, "筛选组织", "所在区域", "清除条件", "3星")
        self.assertIn("共 <strong>4</strong> 家组织", content)  # the active ones
        filtered = self.page("/zh-hans/orgs/?status=active&category=shequ-shiwu")
        self.assertIn("按“类别：社区事务类”、“状态：活动中”筛选", filtered)
        self.assertIn("共 <strong>3</strong> 家组织", filtered)

    def test_simplified_search(self):
        content = self.page("/zh-hans/search/?q=巡逻")
        self.assert_simplified(content, "搜索组织、公示、资助、评估、案例和政策", "组织", "资助")

    def test_simplified_404(self):
        content = self.page("/zh-hans/no-such-page/", status=404)
        self.assert_simplified(content, "页面不存在", "返回首页", "浏览社区社会组织名录")
        self.assertIn('href="/zh-hans/orgs/"', content)

    def test_traditional_search(self):
        content = self.page("/zh-hant/search/?q=巡逻")
        self.assert_traditional(
            content, "搜索組織、公示、資助、評估、案例和政策", ">組織 <span", ">資助 <span"
        )
        self.assertIn('lang="zh-Hant"', content)
        for simplified in ("搜索组织", ">组织 <span", ">资助 <span", "资金", "页"):
            self.assertNotIn(simplified, content)

    def test_traditional_search_without_results(self):
        content = self.page("/zh-hant/search/?q=没有这个词")
        self.assert_traditional(content, "沒有找到與", "檢查是否有錯別字")

    def test_traditional_404(self):
        content = self.page("/zh-hant/no-such-page/", status=404)
        self.assert_traditional(content, "頁面不存在", "返回首頁", "瀏覽社區社會組織名錄")
        self.assertIn('href="/zh-hant/orgs/"', content)
        self.assertNotIn("页面不存在", content)

    def test_search_json_labels_follow_the_language(self):
        def search(language, **params):
            params = {"q": "巡逻", "kind": "funding", "lang": language, **params}
            return self.client.get("/api/search/", params).json()

        year = str(self.world["orgs"]["qibao"].funding_records.get().year)
        self.assertEqual(
            search("zh-hans")["results"][0]["meta"], ["政府购买服务", f"{year}年", "48,000.00 元"]
        )
        self.assertEqual(
            search("zh-hant")["results"][0]["meta"], ["政府購買服務", f"{year}年", "48,000.00 元"]
        )
        stars = search("zh-hant", kind="evaluations")["facets"]["star"]
        self.assertEqual([option["label"] for option in stars], ["3星"])
        self.assertEqual(
            search("zh-hans", year="x")["messages"], ["以下筛选条件无效，已忽略：年度。"]
        )
        self.assertEqual(
            search("zh-hant", year="x", star="9")["messages"],
            ["以下篩選條件無效，已忽略：年度、星級。"],
        )


@pytest.mark.parametrize(
    ("language", "title", "lang"),
    [("zh-hans", "服务暂时不可用", "zh-Hans"), ("zh-hant", "服務暫時不可用", "zh-Hant")],
)
def test_server_error_page_in_each_script(language, title, lang):
    """500.html renders without context processors or a database."""
    with translation.override(language):
        content = loader.get_template("500.html").render()
    assert f"<h1>{title}</h1>" in content
    assert f'<html lang="{lang}">' in content
