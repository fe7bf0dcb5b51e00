"""An unpublished organization is linked from no page: its name stays where it is part of
the record (a notice, a case story, a funding or evaluation row), as text."""

import pytest

from tests.orgs.world import twin
from tests.shared_world import shared_world

# Built once for the test run (tests/shared_world.py).
world_kind = "world"

pytestmark = pytest.mark.django_db


def test_no_page_links_to_an_unpublished_organization(client):
    world = shared_world("world")
    qibao = world["orgs"]["qibao"]  # on notices, a case story, funding and evaluations
    disclosure = world["sections"]["disclosure"].url
    pages = [
        world["sections"]["orgs"].url,
        world["orgs"]["hub"].url,  # its hub: the member list
        world["cases"]["knock-and-patrol"].url,
        disclosure,
        disclosure + "funding/",
        disclosure + "evaluations/",
        *(notice.url for notice in world["notices"].values()),
    ]
    feeds = [
        world["sections"]["notices"].url + "feed/rss/",
        disclosure + "funding/feed/atom/",
        disclosure + "evaluations/feed/rss/",
    ]
    pages += [page.replace("/zh-hans/", "/zh-hant/", 1) for page in pages]
    feeds += [feed.replace("/zh-hans/", "/zh-hant/", 1) for feed in feeds]

    def links_to_it(url, content):
        """On a page, an href; in a feed, its absolute address: an entry's link
        (<link>…</link>, or Atom's href) or a link in an escaped description."""
        target = twin(qibao).url if "/zh-hant/" in url else qibao.url
        if url not in feeds:
            return f'href="{target}"' in content
        content = content.replace("&lt;", "<").replace("&quot;", '"')
        return f"{target}<" in content or f'{target}"' in content

    def linking():
        found = []
        for url in pages + feeds:
            response = client.get(url)
            assert response.status_code == 200, url
            if links_to_it(url, response.content.decode()):
                found.append(url)
        return found

    before = linking()  # the test can see the links, on pages and in feeds
    assert set(feeds) <= set(before) and len(before) >= 12, before
    qibao.unpublish()
    assert linking() == []
    # Its name is still on its notices and records, as text.
    change = client.get(world["notices"]["change"].url).content.decode()
    assert "东亭社区七宝巡逻队" in change
