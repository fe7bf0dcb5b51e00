"""The API's datasets: lists, filters, pagination, details, both scripts, and the same
counts as the pages that show the same rows."""

import re
from decimal import Decimal

import pytest

from core.dates import today

RESULT_COUNT = re.compile(r'class="result-count" role="status">(.*?)</p>', re.S)
STRONG = re.compile(r"<strong>([\d,.]+)</strong>")


def page_numbers(client, url):
    """The numbers in bold in a list page's result count: [count] or [count, total]."""
    response = client.get(url)
    assert response.status_code == 200, url
    (text,) = RESULT_COUNT.findall(response.content.decode())
    return [Decimal(n.replace(",", "")) for n in STRONG.findall(text)]


def everything(api, path):
    """Every row of a list, page after page (two rows a page), in the order given."""
    rows, url = [], f"{path}{'&' if '?' in path else '?'}page_size=2"
    while url:
        data = api(url)
        rows += data["results"]
        url = data["next"] and data["next"].split("/api/v1/", 1)[1]
    assert len(rows) == data["count"]
    return rows


@pytest.mark.parametrize(
    "key,count",
    [
        # Every status (the directory's default is the active organizations).
        ("organizations/?status=any", 6),
        ("notices", 4),
        ("funding", 2),
        ("evaluations", 5),
        ("regions", 9),
        ("categories", 2),
    ],
)
def test_each_dataset_lists_every_row(api, key, count):
    data = api(key if "?" in key else f"{key}/")
    assert data["count"] == count
    assert data["previous"] is None and data["next"] is None
    assert len(data["results"]) == count


def test_the_index_names_every_dataset(api):
    assert set(api("")) == {
        "organizations",
        "notices",
        "funding",
        "evaluations",
        "regions",
        "categories",
        "corrections",
    }


@pytest.mark.parametrize(
    "path",
    [
        "organizations/",
        "organizations/?sort=star",
        "organizations/?sort=name",
        "notices/",
        "funding/?sort=amount",
        "funding/?sort=-year",
        "evaluations/?sort=star",
        "evaluations/?sort=-score",
        "regions/",
        "categories/",
    ],
)
def test_pages_are_stable_and_cover_every_row_once(api, path):
    key = "code" if path.startswith("regions") else "slug" if path.startswith("cat") else "id"
    first = [row[key] for row in everything(api, path)]
    assert len(set(first)) == len(first)
    assert [row[key] for row in everything(api, path)] == first
    assert first == [row[key] for row in api(path)["results"]]


def test_pagination_links_keep_the_filters_and_the_script(api):
    data = api("regions/?level=3&lang=zh-hant&page_size=1&page=2")
    assert data["count"] == 4
    assert "level=3" in data["next"] and "lang=zh-hant" in data["next"]
    assert "page=3" in data["next"]
    assert "page=" not in data["previous"] or "page=1" in data["previous"]


def test_organizations_filter_as_the_directory_does(api, world):
    client = api.client
    directory = world["sections"]["orgs"].url
    for query in (
        "district=420106",
        "district=420107",
        "street=420106001",
        "community=420106001001",
        "category=wenti-huodong",
        "management=community",
        "status=active",
        "",  # active, as the directory without a status
        "status=any",
        "status=exiting",
        "star=3",
        "star=none",
        "district=420106&star=3&category=shequ-shiwu",
    ):
        data = api(f"organizations/?{query}")
        assert [data["count"]] == page_numbers(client, f"{directory}?{query}"), query
    names = {row["name"] for row in api("organizations/?star=3")["results"]}
    assert names == {"东亭社区七宝巡逻队", "水果湖街道社区社会组织联合会"}


def test_notices_filter_as_the_notice_list_does(api, world):
    client = api.client
    notices = world["sections"]["notices"].url
    year = today().year
    for query in (
        "kind=change",
        "state=ended",
        "district=420106",
        f"year={year}",
        "street=420107001",
    ):
        data = api(f"notices/?{query}")
        assert [data["count"]] == page_numbers(client, f"{notices}?{query}"), query
    (row,) = api("notices/?kind=change")["results"]
    assert row["organizations"] == "东亭社区七宝巡逻队"
    assert row["state"] == "公示中"


def test_funding_count_and_sum_equal_the_funding_table(api, world):
    """ "How much went to 武昌区 this year": the API and the table agree."""
    client = api.client
    table = world["sections"]["disclosure"].url + "funding/"
    year = today().year
    for query in (
        f"district=420106&year={year}",
        f"district=420107&year={year - 1}",
        f"year_from={year - 1}&year_to={year}",
        "source=venture_philanthropy",
        "category=shequ-shiwu",
        "street=420106001",
        f"district=420107&year={year}",
    ):
        rows = everything(api, f"funding/?{query}")
        total = sum((Decimal(row["amount"]) for row in rows), Decimal(0))
        assert [len(rows), total] == page_numbers(client, f"{table}?{query}"), query
    (row,) = api(f"funding/?district=420106&year={year}")["results"]
    assert row["amount"] == "48000.00"
    assert row["organization"] == "东亭社区七宝巡逻队"


def test_evaluations_filter_as_the_evaluation_table_does(api, world):
    client = api.client
    table = world["sections"]["disclosure"].url + "evaluations/"
    for query in ("kind=star", "kind=satisfaction", "star=3", "star=1", "district=420107"):
        data = api(f"evaluations/?{query}")
        assert [data["count"]] == page_numbers(client, f"{table}?{query}"), query
    (expired,) = api("evaluations/?star=1")["results"]
    assert expired["current"] is False


def test_regions_filter_by_level_and_parent(api):
    assert [r["code"] for r in api("regions/?level=1")["results"]] == ["420106", "420107"]
    assert [r["code"] for r in api("regions/?parent=420106")["results"]] == [
        "420106001",
        "420106002",
    ]


def test_details_by_their_identifiers(api, world):
    qibao = world["orgs"]["qibao"]
    organization = api(f"organizations/{qibao.translation_key}/")
    assert organization["name"] == "东亭社区七宝巡逻队"
    assert organization["id"] == str(qibao.translation_key)
    notice = world["notices"]["change"]
    assert api(f"notices/{notice.translation_key}/")["kind"] == "change"
    funding_id = api("funding/?source=venture_philanthropy")["results"][0]["id"]
    assert api(f"funding/{funding_id}/")["project_title"] == "独居老人敲门关爱项目"
    evaluation_id = api("evaluations/?kind=satisfaction")["results"][0]["id"]
    assert api(f"evaluations/{evaluation_id}/")["score"] == "96.50"
    assert api("regions/420106001001/")["name"] == "东亭社区"
    assert api("categories/wenti-huodong/")["name"] == "文体活动类"


@pytest.mark.parametrize(
    "path",
    [
        "organizations/00000000-0000-0000-0000-000000000000/",
        "organizations/not-a-uuid/",
        "notices/00000000-0000-0000-0000-000000000000/",
        "funding/999999/",
        "funding/abc/",
        "funding/99999999999999999999999/",
        "evaluations/999999/",
        "regions/999999/",
        "categories/no-such-category/",
        "no-such-dataset/",
    ],
)
def test_unknown_identifiers_are_a_json_404(api, path):
    response = api.client.get(f"/api/v1/{path}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == 404
    assert error["message"] and error["message_en"] and error["message"] != error["message_en"]


def test_a_page_past_the_last_is_a_json_404(api):
    error = api("funding/?page=3", status=404)["error"]
    assert error["message"] == "没有第 3 页：最后一页是第 1 页。"
    assert error["message_en"] == "There is no page 3: the last page is 1."


def test_traditional_script_on_request_with_the_same_codes(api, world):
    simplified = api("organizations/?community=420106001001")["results"][0]
    traditional = api("organizations/?community=420106001001&lang=zh-hant")["results"][0]
    assert simplified["name"] == "东亭社区七宝巡逻队"
    assert traditional["name"] == "東亭社區七寶巡邏隊"
    assert traditional["url"] == simplified["url"].replace("/zh-hans/", "/zh-hant/")
    assert "/zh-hant/orgs/" in traditional["url"]
    for code in ("id", "region_code", "category_slug", "filing_number", "management", "status"):
        assert traditional[code] == simplified[code], code
    assert traditional["status_label"] == "活動中"
    region = api("regions/420106001001/?lang=zh-hant")
    assert (region["name"], region["code"]) == ("東亭社區", "420106001001")
    record = api("funding/?district=420106&lang=zh-hant")["results"][0]
    assert record["organization_url"].startswith("http://testserver/zh-hant/")
    assert record["district"] == "武昌區"
    notice = api(f"notices/{world['notices']['change'].translation_key}/?lang=zh-hant")
    assert notice["url"].startswith("http://testserver/zh-hant/notices/")
    assert notice["state"] == "公示中"


@pytest.mark.parametrize(
    "query,field,message,message_en",
    [
        ("funding/?year=abc", "year", "输入整数。", "Enter a whole number."),
        ("funding/?year=1800", "year", "确保该值大于或等于1990。", None),
        ("funding/?district=999", "district", "选择一个有效的选项。", "Select a valid choice."),
        ("funding/?source=lottery", "source", "选择一个有效的选项。", "Select a valid choice."),
        ("funding/?sort=name", "sort", "选择一个有效的选项。", "Select a valid choice."),
        ("evaluations/?star=4", "star", "选择一个有效的选项。", "Select a valid choice."),
        ("evaluations/?kind=x", "kind", "选择一个有效的选项。", "Select a valid choice."),
        ("notices/?state=x", "state", "选择一个有效的选项。", "Select a valid choice."),
        ("organizations/?category=x", "category", "选择一个有效的选项。", None),
        ("organizations/?hub=x", "hub", "输入整数。", "Enter a whole number."),
        ("regions/?level=9", "level", "选择一个有效的选项。", None),
        (
            "regions/?lang=en",
            "lang",
            "请选择 zh-hans（简体）或 zh-hant（繁体）。",
            "Choose zh-hans",
        ),
        ("search/?lang=zh-tw", "lang", "请选择 zh-hans（简体）或 zh-hant（繁体）。", None),
        ("funding/?page=0", "page", "页码须为从 1 开始的整数。", "Give a page number"),
        ("funding/?page=x", "page", "页码须为从 1 开始的整数。", None),
        ("funding/?page_size=501", "page_size", "每页条数须为 1 到 500 之间的整数。", None),
        ("funding/?page_size=-1", "page_size", "每页条数须为 1 到 500 之间的整数。", None),
    ],
)
def test_bad_parameters_are_a_400_in_both_languages(api, query, field, message, message_en):
    error = api(query, status=400)["error"]
    assert error["status"] == 400
    assert error["message"] == "请求参数有误，请按各参数的说明修改后重试。"
    assert error["message_en"] == "Some parameters are not valid: see each parameter's message."
    assert list(error["fields"]) == [field]
    assert error["fields"][field]["message"].startswith(message)
    if message_en:
        assert error["fields"][field]["message_en"].startswith(message_en)
    assert error["fields"][field]["message_en"].isascii()


def test_every_bad_parameter_is_named(api):
    error = api("funding/?year=x&district=y&lang=zh-hant", status=400)["error"]
    assert set(error["fields"]) == {"year", "district"}


def test_writes_are_refused_in_both_languages(api):
    response = api.client.post("/api/v1/funding/", {})
    assert response.status_code == 405
    error = response.json()["error"]
    assert error["message_en"] == "This API is read-only: use GET (or HEAD), not POST."
    assert "POST" in error["message"]


def test_get_from_any_origin(api):
    response = api.client.get("/api/v1/funding/", headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = api.client.options(
        "/api/v1/funding/",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_search_joins_the_api(api):
    data = api("search/?q=巡逻")
    assert data["query"] == "巡逻"
    assert data["results"][0]["title"] == "东亭社区七宝巡逻队"
    traditional = api("search/?q=巡逻&lang=zh-hant")
    assert traditional["results"][0]["title"] == "東亭社區七寶巡邏隊"
    assert "/zh-hant/" in traditional["results"][0]["url"]
