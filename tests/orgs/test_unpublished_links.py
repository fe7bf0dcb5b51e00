"""An unpublished organization is linked from no page: its name stays where it is part of
the record (a notice, a case story, a funding or evaluation row), as text."""

import pytest

from tests.orgs.world import build_world, twin

pytestmark = pytest.mark.django_db


def test_no_page_links_to_an_unpublished_organization(client):
    world = build_world()
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
    pages += [page.replace("/zh-hans/", "/zh-hant/", 1) for page in pages]
    links = {
        "zh-hans": f'href="{qibao.url}"',
        "zh-hant": f'href="{twin(qibao).url}"',
    }

    def linking():
        found = []
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            if links["zh-hant" if "/zh-hant/" in url else "zh-hans"] in html:
                found.append(url)
        return found

    assert len(linking()) >= 6  # the test can see the links
    qibao.unpublish()
    assert linking() == []
    # Its name is still on its notices and records, as text.
    change = client.get(world["notices"]["change"].url).content.decode()
    assert "东亭社区七宝巡逻队" in change
