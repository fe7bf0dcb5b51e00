"""The publish pipeline: each change runs every effect once, in order, on each page it
touches (the source and its zh-hant twin)."""

import logging
import re
from collections import Counter

import pytest

from core import content_cache
from search.engines import get_engine
from search.engines.base import SearchRequest
from tests.orgs.world import twin
from tests.shared_world import shared_world

# Built once for the test run (tests/shared_world.py).
world_kind = "world"

pytestmark = pytest.mark.django_db

EFFECT = re.compile(r"^(\w+) (twin|effects|search|cache): (\w+) (\d+)$")


@pytest.fixture
def world():
    return shared_world("world")


@pytest.fixture
def effects(caplog):
    """The effects the pipeline ran since the fixture started: Counter of
    (event, effect, model name, pk)."""
    caplog.set_level(logging.DEBUG, logger="publishing.pipeline")
    caplog.clear()

    def ran():
        found = Counter()
        for record in caplog.records:
            if record.name == "publishing.pipeline":
                match = EFFECT.match(record.getMessage())
                event, effect, model, pk = match.groups()
                found[(event, effect, model, int(pk))] += 1
        return found

    return ran


def found(query, page, kind="orgs"):
    """The pks the configured engine finds for `query` among `kind` in `page`'s locale."""
    results = get_engine().search(
        SearchRequest(query=query, locale_id=page.locale_id, kind=kind, per_page=50)
    )
    return [hit.pk for hit in results.hits]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Runs what waits for the commit (Elasticsearch writes), as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publishing_an_organization_runs_each_effect_once(world, effects, commit):
    qibao = world["orgs"]["qibao"]
    version = content_cache.version()
    qibao.title = "东亭社区七宝平安巡逻队"
    with commit():
        qibao.save_revision().publish()

    copy = twin(qibao)
    assert copy.title == "東亭社區七寶平安巡邏隊" and copy.live
    assert effects() == Counter(
        {
            ("published", "twin", "OrganizationPage", qibao.pk): 1,
            # The orgs app's effect (its status follows its notices), on each page.
            ("published", "effects", "OrganizationPage", qibao.pk): 1,
            ("published", "effects", "OrganizationPage", copy.pk): 1,
            ("published", "search", "OrganizationPage", qibao.pk): 1,
            ("published", "search", "OrganizationPage", copy.pk): 1,
            ("published", "cache", "OrganizationPage", qibao.pk): 1,
        }
    )
    assert content_cache.version() == version + 1
    assert found("平安巡逻队", qibao) == [qibao.pk]
    assert found("平安巡逻队", copy) == [copy.pk]
    # What carries the organization's name follows it: its funding record.
    assert found("七宝平安巡逻队", qibao, "funding") == [qibao.funding_records.get().pk]


def test_unpublishing_withdraws_the_twin_and_both_entries_once(world, effects, commit):
    qibao = world["orgs"]["qibao"]
    copy = twin(qibao)
    with commit():
        qibao.unpublish()

    copy.refresh_from_db()
    assert not copy.live
    ran = effects()
    assert ran[("unpublished", "twin", "OrganizationPage", qibao.pk)] == 1
    assert ran[("unpublished", "search", "OrganizationPage", qibao.pk)] == 1
    assert ran[("unpublished", "search", "OrganizationPage", copy.pk)] == 1
    assert sum(n for key, n in ran.items() if key[1] == "cache") == 1
    assert found("七宝巡逻队", qibao) == [] and found("七宝巡逻队", copy) == []


def test_a_record_saved_or_deleted_is_one_change(world, effects, commit):
    qiaomen = world["orgs"]["qiaomen"]
    record = qiaomen.funding_records.get()
    version = content_cache.version()
    record.project_title = "独居老人敲门关爱项目（二期）"
    with commit():
        record.save()
    assert effects() == Counter(
        {
            ("saved", "twin", "FundingRecord", record.pk): 1,
            ("saved", "search", "FundingRecord", record.pk): 1,
            ("saved", "cache", "FundingRecord", record.pk): 1,
        }
    )
    assert content_cache.version() == version + 1
    assert found("二期", qiaomen, "funding") == [record.pk]
    with commit():
        record.delete()
    assert found("二期", qiaomen, "funding") == []
    assert content_cache.version() == version + 2


def test_a_records_publish_and_unpublish_are_changes_and_its_drafts_are_not(world, effects, commit):
    """Records are reviewed (DraftStateMixin): Wagtail's publish and unpublish write the
    row, a change each; a new draft and a draft revision of a live record change nothing a
    reader sees, and are not changes."""
    from disclosure.factories import FundingRecordFactory

    qiaomen = world["orgs"]["qiaomen"]
    version = content_cache.version()
    with commit():
        draft = FundingRecordFactory(organization=qiaomen, project_title="敲门草稿项目", live=False)
        live = qiaomen.funding_records.get(live=True)
        live.project_title = "独居老人敲门关爱项目（三期）"
        revision = live.save_revision()
    assert effects() == Counter()
    assert content_cache.version() == version
    assert found("草稿", qiaomen, "funding") == [] and found("三期", qiaomen, "funding") == []

    with commit():
        revision.publish()
    assert effects() == Counter(
        {
            ("saved", "twin", "FundingRecord", live.pk): 1,
            ("saved", "search", "FundingRecord", live.pk): 1,
            ("saved", "cache", "FundingRecord", live.pk): 1,
        }
    )
    assert content_cache.version() == version + 1
    assert found("三期", qiaomen, "funding") == [live.pk]

    with commit():
        draft.save_revision().publish()
    assert found("草稿", qiaomen, "funding") == [draft.pk]
    draft.refresh_from_db()  # (the publish worked on the revision's copy)
    with commit():
        draft.unpublish()
    assert found("草稿", qiaomen, "funding") == []
    assert content_cache.version() == version + 3


def test_a_renamed_region_reaches_its_twin_and_the_entries_carrying_its_name(
    world, effects, commit
):
    dongting = world["regions"]["dongting"]
    dongting.name = "东亭新社区"
    with commit():
        dongting.save()

    assert dongting.get_translations().get().name == "東亭新社區"
    ran = effects()
    assert ran[("saved", "twin", "Region", dongting.pk)] == 1
    assert sum(n for key, n in ran.items() if key[1] == "cache") == 1
    qibao = world["orgs"]["qibao"]
    assert qibao.pk in found("东亭新社区", qibao)


def test_a_deleted_page_leaves_the_search(world, effects, commit):
    moxiang = world["orgs"]["moxiang"]
    pk = moxiang.pk
    assert found("墨香书画社", moxiang) == [pk]
    with commit():
        moxiang.delete()
    assert effects()[("deleted", "search", "OrganizationPage", pk)] == 1
    assert found("墨香书画社", moxiang) == []
