"""Elasticsearch without a node, on the world of tests/orgs/world.py: the documents the
engine would index, and a publish while the node is down. (The rest of the package reads
the demo site: tests/search/__init__.py.)"""

import logging

import pytest

from search.documents import prepare
from search.engines.elasticsearch import EntryDocument
from search.registry import get
from tests.shared_world import shared_world

world_kind = "world"


@pytest.mark.django_db
def test_documents_carry_the_entry_of_prepare():
    world = shared_world("world")
    qibao = world["orgs"]["qibao"]
    doc = EntryDocument.from_entry(prepare(get("orgs"), qibao)).to_dict()
    assert doc["kind"] == "orgs" and doc["object_id"] == qibao.pk and doc["live"] is True
    assert "巡逻" in doc["w5"].split() and "刘建" in doc["w2"].split()
    assert "治安" in doc["w3"].split()  # a service-area tag
    assert {"district=420106", "category=shequ-shiwu"} <= set(doc["facets"])
    assert "巡逻" in doc["names"].split()
    notice = EntryDocument.from_entry(prepare(get("notices"), world["notices"]["exit"])).to_dict()
    assert "district=420107" in notice["facets"]  # 青和居社区 lies in 青山区
    assert "notice_kind=exit" in notice["facets"]


# Without a node: publishing goes on when the node cannot be reached -------------------
@pytest.mark.django_db
def test_a_publish_succeeds_and_logs_when_the_node_is_down(
    settings, caplog, django_capture_on_commit_callbacks
):
    world = shared_world("world")
    settings.SEARCH_ENGINE = settings.SEARCH_ENGINES["elasticsearch"]
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    qibao = world["orgs"]["qibao"]
    qibao.title = "东亭社区七宝巡逻队（新）"
    with caplog.at_level(logging.ERROR, logger="search.sync"):
        with django_capture_on_commit_callbacks(execute=True):
            qibao.save_revision().publish()
    qibao.refresh_from_db()
    assert qibao.live and qibao.title.endswith("（新）")
    assert any("rebuild_search" in record.getMessage() for record in caplog.records)
