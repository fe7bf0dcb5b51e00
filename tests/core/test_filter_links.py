"""Links that change one filter of a list keep the reader's other choices and start
again at the first page (Django's {% querystring %}, with a variable name for facets)."""

import re
from urllib.parse import parse_qsl

from tests.orgs.world import build_world


def links(client, path, params):
    content = client.get(path, params).content.decode()
    return [
        dict(parse_qsl(query.replace("&amp;", "&")))
        for query in re.findall(r'href="\?([^"]*)"', content)
    ]


def test_search_tabs_and_facets_keep_the_other_filters_and_drop_the_page(client, db):
    build_world()
    found = links(
        client,
        "/zh-hans/search/",
        {"q": "巡逻", "kind": "orgs", "district": "420106", "page": "2"},
    )
    query = {"q": "巡逻", "district": "420106"}
    # One tab per kind, each keeping the query and the chosen district.
    for kind in ("orgs", "notices", "funding", "evaluations", "cases", "pages"):
        assert {**query, "kind": kind} in found, kind
    # A category narrows further; "any district" removes the district only.
    assert {**query, "kind": "orgs", "category": "shequ-shiwu"} in found
    assert {"q": "巡逻", "kind": "orgs"} in found
    assert not [link for link in found if "page" in link]
