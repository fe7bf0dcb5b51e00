"""The relevance suite: what a resident or a journalist types, and what must (and must
not) come back. Runs on demo content against every available engine."""

import pytest

from search.engines.base import SearchRequest

QIBAO = "东亭社区七宝巡逻队"
KNOCK = "青和居社区天天敲门组"
CANTEEN = "宣城市宣州区叠嶂社区老年助餐服务中心"
MEALS = "梅溪社区老年助餐送餐志愿服务队"


def titles(engine, locale_id, query, kind="orgs", per_page=50, **filters):
    results = engine.search(
        SearchRequest(
            query=query, locale_id=locale_id, kind=kind, filters=filters, per_page=per_page
        )
    )
    return [_title(hit) for hit in results.hits], results


def _title(obj):
    return getattr(obj, "title", None) or getattr(obj, "project_title", None) or str(obj)


# (query, kind, expected title, within the first N)
FINDS = [
    ("巡逻", "orgs", QIBAO, 3),
    ("巡邏", "orgs", QIBAO, 3),  # traditional query, simplified content
    ("巡邏隊", "orgs", QIBAO, 1),
    ("七宝巡逻队", "orgs", QIBAO, 1),
    ("七寶巡邏隊", "orgs", QIBAO, 1),
    ("東亭社區", "orgs", QIBAO, 3),
    ("东亭社区巡逻", "orgs", QIBAO, 1),  # several words, no spaces
    ("东亭 巡逻", "orgs", QIBAO, 1),
    ("七宝", "orgs", QIBAO, 1),
    ("天天敲门", "orgs", KNOCK, 1),
    ("敲門", "orgs", KNOCK, 3),
    ("青和居", "orgs", KNOCK, 3),
    ("刘建国", "orgs", QIBAO, 1),  # leader
    ("水果湖街道", "orgs", QIBAO, 20),  # region name
    ("治安巡逻", "orgs", QIBAO, 3),  # tag
    ("叠嶂爱心食堂", "orgs", CANTEEN, 1),  # short name
    ("助餐", "orgs", MEALS, 5),
    ("老年助餐", "orgs", CANTEEN, 3),
    ("宣州 助餐", "orgs", CANTEEN, 3),
    ("社区社会组织联合会", "orgs", "武汉市武昌区水果湖街道社区社会组织联合会", 10),
    ("联合会", "orgs", "广德市桃州镇社区社会组织联合会", 10),
    ("公益创投", "cases", "广德市七届公益创投：64个小项目撬动基层大治理", 3),
    ("七宝巡逻", "cases", "七宝巡逻队：七位老党员守护东亭社区十余年平安", 1),
    ("五社联动", "pages", "重庆市民政局关于创新“五社联动”机制提升基层治理效能的意见", 3),
    ("十条措施", "pages", "培育发展社区社会组织十条措施", 1),
    ("坪山 孵化基地", "cases", "坪山街道孵化基地：从“想做点事”到“把事做成”", 3),
    ("七宝巡逻队 备案", "notices", "关于东亭社区七宝巡逻队备案的公示", 3),
    ('"七宝巡逻"', "orgs", QIBAO, 1),  # a quoted phrase is an exact substring
]


@pytest.mark.parametrize(("query", "kind", "expected", "within"), FINDS, ids=[f[0] for f in FINDS])
def test_finds(engine, locale_id, query, kind, expected, within):
    found, _ = titles(engine, locale_id, query, kind)
    assert expected in found[:within], f"{query!r} → {found[:within]}"


def test_funding_by_programme(engine, locale_id):
    found, results = titles(engine, locale_id, "第七届公益创投", "funding")
    assert len(found) >= 8
    assert all(hit.round == "广德市第七届公益创投" for hit in results.hits)


def test_funding_by_source_kind(engine, locale_id):
    _, results = titles(engine, locale_id, "福彩公益金", "funding")
    assert results.hits and any(hit.source_kind == "welfare_lottery" for hit in results.hits)


def test_funding_region_and_topic(engine, locale_id):
    _, results = titles(engine, locale_id, "广德 公益创投", "funding")
    assert results.hits
    assert all("广德市" in hit.organization.region_names() for hit in results.hits)


def test_region_plus_topic(engine, locale_id):
    found, results = titles(engine, locale_id, "武昌 养老")
    assert found
    for org in results.hits:
        assert org.region_names().startswith("武昌区"), org.title


def test_evaluations_by_organization_and_kind(engine, locale_id):
    _, results = titles(engine, locale_id, "七宝巡逻队 星级评估", "evaluations")
    assert results.hits and all(
        hit.organization.title == QIBAO and hit.kind == "star" for hit in results.hits
    )
    _, results = titles(engine, locale_id, "满意度测评", "evaluations")
    assert results.hits and all(hit.kind == "satisfaction" for hit in results.hits)


def test_notices_by_kind_word(engine, locale_id):
    _, results = titles(engine, locale_id, "撤销备案公示", "notices")
    assert results.hits and any(hit.kind == "revocation" for hit in results.hits)


# Ranking by weight ---------------------------------------------------------------------
# The decoys (tests/search/conftest.py) hold 银杏 once each, at falling weights and rising
# filing dates: name, short name, tag, person in charge, then twice in the description
# (where the newer comes first).
GINKGO = [
    "银杏社区书画社",
    "茶港社区老年书画研习社",
    "茶港社区绿化养护队",
    "茶港社区邻里调解室",
    "茶港社区读书会",
    "茶港社区护树志愿队",
]


def in_script(titles, traditional):
    from core.scripts import to_traditional

    return [to_traditional(t) for t in titles] if traditional else titles


@pytest.mark.parametrize("traditional", [False, True], ids=["zh-hans", "zh-hant"])
@pytest.mark.parametrize("query", ["银杏", "銀杏"])
def test_weight_decides_the_order(engine, locale_id, traditional_locale_id, query, traditional):
    reader = traditional_locale_id if traditional else locale_id
    found, results = titles(engine, reader, query)
    assert results.total == 6
    assert found == in_script(GINKGO, traditional)


@pytest.mark.parametrize("traditional", [False, True], ids=["zh-hans", "zh-hant"])
def test_every_word_at_the_weight_of_the_field_holding_both(
    engine, locale_id, traditional_locale_id, traditional
):
    # 银杏 书画: the name holds both; the short name holds both (书画 also in the name,
    # which counts at the lower of the two weights); the newest reading circle only in
    # its description.
    reader = traditional_locale_id if traditional else locale_id
    found, _ = titles(engine, reader, "银杏 书画")
    assert found == in_script(
        ["银杏社区书画社", "茶港社区老年书画研习社", "茶港社区读书会"], traditional
    )


@pytest.mark.parametrize("traditional", [False, True], ids=["zh-hans", "zh-hant"])
def test_names_come_before_descriptions_in_the_demo(
    engine, locale_id, traditional_locale_id, traditional
):
    # 志愿服务: in the names of nine organizations, and the descriptions of dozens more.
    from search.normalize import fold

    reader = traditional_locale_id if traditional else locale_id
    found, results = titles(engine, reader, "志愿服务", per_page=100)
    named = [t for t in found if "志愿服务" in fold(t)]
    assert len(named) >= 6 and results.total > len(named) + 6
    assert found[: len(named)] == named
    filed = [hit.filed_on for hit in results.hits[: len(named)]]
    assert filed == sorted(filed, key=lambda d: (d is not None, d), reverse=True)


# Negatives --------------------------------------------------------------------------
def test_patrol_words_need_adjacent_characters(engine, locale_id):
    # 东亭 must not match 东湖…亭台.
    found, _ = titles(engine, locale_id, "东亭")
    assert "东湖社区亭台书画社" not in found
    assert QIBAO in found
    # 巡逻队 needs 巡逻队 together, not 巡逻 … 队.
    found, _ = titles(engine, locale_id, "巡逻队")
    assert "湖滨社区巡逻志愿服务队" not in found
    assert "湖滨社区巡逻志愿服务队" in titles(engine, locale_id, "巡逻")[0]


def test_a_different_word_is_not_a_partial_match(engine, locale_id):
    # 巡查 shares 巡 with 巡逻: only texts that really say 巡查 may come back.
    from search.normalize import fold

    found, results = titles(engine, locale_id, "巡查")
    assert "湖滨社区巡逻志愿服务队" not in found
    for org in results.hits:
        text = fold(f"{org.title} {org.short_name} {org.description} {org.address}")
        assert "巡查" in text, org.title


def test_every_word_must_match(engine, locale_id):
    assert titles(engine, locale_id, "养老 火星基地")[0] == []
    assert KNOCK not in titles(engine, locale_id, "巡逻")[0]


def test_reversed_phrase_does_not_match(engine, locale_id):
    assert titles(engine, locale_id, '"巡逻七宝"')[0] == []


# Autocomplete ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [("七", QIBAO), ("七宝", QIBAO), ("天天", KNOCK), ("東亭", QIBAO), ("叠嶂", CANTEEN)],
)
def test_autocomplete(engine, locale_id, text, expected):
    assert expected in [org.title for org in engine.autocomplete(text, locale_id)]


def test_suggestions_for_a_near_miss(engine, locale_id):
    # Nothing has all of these words, but the names share bigrams with 七宝巡逻队.
    assert not titles(engine, locale_id, "七宝巡逻救火队")[0]
    assert QIBAO in [org.title for org in engine.suggest("七宝巡逻救火队", locale_id)]


# Counts, filters and facets -------------------------------------------------------------
def test_counts_cover_every_kind_and_match_the_hits(engine, locale_id):
    found, results = titles(engine, locale_id, "公益创投", "funding", per_page=100)
    assert set(results.counts) == {"orgs", "notices", "funding", "evaluations", "cases", "pages"}
    assert results.counts["funding"] == results.total == len(found)


def test_district_facet_filters_and_counts(engine, locale_id):
    _, everything = titles(engine, locale_id, "志愿服务", per_page=100)
    districts = next(f for f in everything.facets if f.name == "district")
    assert sum(count for _, _, count in districts.options) == everything.total
    code, name, count = districts.options[0]
    _, narrowed = titles(engine, locale_id, "志愿服务", per_page=100, district=code)
    assert narrowed.total == count
    assert all(org.region_names().startswith(name) for org in narrowed.hits)


def test_year_and_star_facets(engine, locale_id):
    _, results = titles(engine, locale_id, "星级评估", "evaluations", per_page=100)
    stars = next(f for f in results.facets if f.name == "star")
    level = stars.options[0][0]
    _, narrowed = titles(engine, locale_id, "星级评估", "evaluations", per_page=100, star=level)
    assert narrowed.total == stars.options[0][2]
    assert {hit.star_level for hit in narrowed.hits} == {int(level)}


def test_pages_do_not_overlap(engine, locale_id):
    first = engine.search(SearchRequest(query="社区", locale_id=locale_id, page=1))
    second = engine.search(SearchRequest(query="社区", locale_id=locale_id, page=2))
    assert first.total > 10
    assert not {o.pk for o in first.hits} & {o.pk for o in second.hits}
