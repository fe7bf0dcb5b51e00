"""The error pages of the audit (issue 12), one test each, and how each page now answers:
a normal page naming what it ignored, or the API's 400 naming the parameter
(docs/input-validation.md). The hub overflow failed on SQLite, the NUL in a region code
on PostgreSQL; both databases run every test."""

import pytest

from core.query import MAX_INTEGER

IGNORED = "以下筛选条件无效，已忽略："


@pytest.fixture
def get(world, db, client):
    def get(url, status=200):
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        return response

    return get


@pytest.mark.parametrize("query", ["%25", "*", "!", "(((", "%5C", "%FF", "%00", "%E4%B8", "七%25"])
def test_suggestions_answer_any_text(get, query):
    data = get(f"/api/search/suggest/?q={query}").json()
    assert isinstance(data["results"], list)


@pytest.mark.parametrize("hub", [str(2**63), str(2**31), "-1", "0", "9" * 5000])
def test_a_hub_out_of_range_is_ignored_and_named(get, hub):
    response = get(f"/zh-hans/orgs/?hub={hub}")
    html = response.content.decode()
    assert IGNORED in html and "枢纽型组织" in html
    assert "共 <strong>4</strong> 家组织" in html  # the default list, unfiltered


def test_the_largest_hub_id_is_a_filter(get):
    response = get(f"/zh-hans/orgs/?hub={MAX_INTEGER}")
    html = response.content.decode()
    assert IGNORED not in html
    assert "共 <strong>0</strong> 家组织" in html


@pytest.mark.parametrize("name", ["district", "street", "community"])
@pytest.mark.parametrize("value", ["%00", "420106%00", "%FF", "420106%FE"])
def test_a_region_code_with_nul_or_bad_bytes_is_ignored_and_named(get, name, value):
    html = get(f"/zh-hans/orgs/?{name}={value}").content.decode()
    assert IGNORED in html
    label = {"district": "区(县)", "street": "街道(乡镇)", "community": "社区(村)"}[name]
    assert label in html.split(IGNORED)[1].split("</div>")[0]


def test_a_refused_district_leaves_the_other_filters_applied(get):
    html = get("/zh-hans/orgs/?district=%00&status=any&category=wenti-huodong").content.decode()
    assert IGNORED in html
    assert "共 <strong>2</strong> 家组织" in html  # the culture organizations, any status


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/notices/?district=%00&year=99999999999999999999",
        "/zh-hans/disclosure/?district=%00&year=%FF",
        "/zh-hans/disclosure/funding/?street=%00&year_from=9223372036854775808",
        "/zh-hans/disclosure/evaluations/?expires_within=9223372036854775808&district=%00",
    ],
)
def test_the_disclosure_lists_name_what_they_ignored(get, path):
    assert IGNORED in get(path).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/notices/?district=%00&format=csv",
        "/zh-hans/disclosure/funding/?year=9223372036854775808&format=json",
        "/zh-hans/orgs/?hub=9223372036854775808&district=%00&format=xlsx",
        "/zh-hans/notices/feed/rss/?district=%00&year=9223372036854775808",
        "/zh-hans/disclosure/evaluations/feed/atom/?expires_within=9223372036854775808",
    ],
)
def test_downloads_and_feeds_drop_refused_filters(get, path):
    response = get(path)
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "query, field",
    [
        (f"hub={2**63}", "hub"),
        ("hub=0", "hub"),
        ("district=%00", "district"),
        ("street=420106001%00", "street"),
        ("community=%FF", "community"),
    ],
)
def test_the_api_names_a_refused_parameter(get, query, field):
    data = get(f"/api/v1/organizations/?{query}", status=400).json()
    assert list(data["error"]["fields"]) == [field]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/funding/?year=9223372036854775808",
        "/api/v1/evaluations/?expires_within=9223372036854775808",
        "/api/v1/notices/?district=%00",
        "/api/v1/regions/?parent=%00",
        "/api/v1/corrections/?kind=%00",
    ],
)
def test_the_api_refuses_every_list_s_bad_parameters(get, path):
    assert get(path, status=400).json()["error"]["fields"]


@pytest.mark.parametrize("page", [str(2**63), "9" * 5000, "-1", "1e400", "%00", "%FF"])
def test_any_page_number_gives_a_page(get, page):
    for path in ("/zh-hans/orgs/", "/zh-hans/notices/", "/zh-hans/cases/", "/zh-hans/search/"):
        get(f"{path}?page={page}&q=%E5%B7%A1%E9%80%BB")


def test_the_search_names_a_refused_facet(get):
    html = get("/zh-hans/search/?q=%E5%B7%A1%E9%80%BB&kind=funding&year=9223372036854775808")
    assert IGNORED in html.content.decode()


def test_the_api_documentation_page_is_html_whatever_the_format(get):
    for query in ("format=json", "format=%00", "format=openapi"):
        response = get(f"/api/v1/docs/?{query}")
        assert response["Content-Type"].startswith("text/html")


def test_the_api_says_why_a_value_with_nul_is_refused(get):
    data = get("/api/v1/organizations/?district=%00", status=400).json()
    assert data["error"]["fields"]["district"] == {
        "message": "此值含有不允许的字符。",
        "message_en": "This value contains characters that are not allowed.",
    }
