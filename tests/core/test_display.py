"""Elder mode (长辈模式) on the server's side: the switch in every page's header, the
cookie the switch sets (same page, same script, never off-site), and a page's HTML that
depends on that cookie's value and nothing else of the request's cookies."""

import html
import re
from urllib.parse import unquote

import pytest

from core.display import COOKIE_NAME
from tests.shared_world import shared_world

# Built once for the test run (tests/shared_world.py).
world_kind = "world"

pytestmark = pytest.mark.django_db


def switch_link(content):
    match = re.search(
        r'<p class="display-switch"><a href="(/display/[a-z]+/\?next=[^"]*)"', content
    )
    assert match, "no elder-mode switch in the header"
    return html.unescape(match.group(1))


def html_class(content):
    match = re.search(r"<html [^>]*>", content)
    return match.group(0)


@pytest.fixture
def world():
    return shared_world("world")


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/",
        "/zh-hant/",
        "/zh-hans/orgs/?district=420106&street=420106001",
        "/zh-hant/orgs/qibao/",
        "/zh-hans/search/?q=%E5%B7%A1%E9%80%BB",  # 巡逻, as browsers send it
        "/zh-hant/no-such-page/",
    ],
)
def test_every_page_switches_back_to_itself(client, world, path):
    response = client.get(path)
    content = response.content.decode()
    assert 'class="elder"' not in html_class(content)
    link = switch_link(content)
    assert link.startswith("/display/elder/?next=")
    # The next URL is the page itself (its script prefix and query string kept).
    assert unquote(link.split("next=", 1)[1]) == path

    switched = client.get(link)
    assert switched.status_code == 302 and switched["Location"] == path
    assert switched.cookies[COOKIE_NAME].value == "elder"

    content = client.get(path).content.decode()
    assert 'class="elder"' in html_class(content)
    back = switch_link(content)
    assert back.startswith("/display/standard/?next=")
    # Chinese in the page's script: the traditional pages say 長輩, the simplified 长辈.
    label = "退出長輩模式" if path.startswith("/zh-hant/") else "退出长辈模式"
    assert label in content

    restored = client.get(back)
    assert restored["Location"] == path
    assert restored.cookies[COOKIE_NAME].value == ""  # deleted
    assert 'class="elder"' not in html_class(client.get(path).content.decode())


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_the_switch_never_sends_readers_off_site(client, target):
    response = client.get("/display/elder/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_only_the_two_modes_exist(client, db):
    assert client.get("/display/huge/", {"next": "/zh-hans/"}, follow=True).status_code == 404


def test_the_page_depends_only_on_the_cookies_value(client, world):
    """What a page cache must key on (docs/accessibility.md): the cookie's value, elder or
    not. Any other value, and any other cookie, gives the standard page byte for byte."""
    path = "/zh-hans/orgs/qibao/"
    standard = client.get(path).content
    for cookies in [{COOKIE_NAME: "ELDER"}, {COOKIE_NAME: "1"}, {"unrelated": "x"}]:
        client.cookies.clear()
        for name, value in cookies.items():
            client.cookies[name] = value
        assert client.get(path).content == standard, cookies
    client.cookies.clear()
    client.cookies[COOKIE_NAME] = "elder"
    client.cookies["unrelated"] = "y"
    elder = client.get(path).content
    assert elder != standard
    client.cookies.clear()
    client.cookies[COOKIE_NAME] = "elder"
    assert client.get(path).content == elder
