"""Funding records as 360Giving data (disclosure/threesixtygiving.py, docs/360giving.md)."""

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from disclosure import threesixtygiving as g360
from disclosure.factories import FundingRecordFactory
from disclosure.models import FundingRecord
from orgs.factories import OrganizationPageFactory
from tests.orgs.world import build_world, twin
from translation.locales import default_locale_id

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).resolve().parent / "360giving"  # the standard's files, unchanged
DOC = ROOT / "docs" / "360giving.md"

pytestmark = pytest.mark.django_db


# Validation ---------------------------------------------------------------------------


def format_checker():
    """jsonschema's format checks, with `date-time` and `uri` checked too (jsonschema
    needs optional packages for them). The standard's dates are a oneOf of
    {"format": "date-time"} and a YYYY-MM-DD pattern: unless date-time is checked, a
    plain date matches both branches and fails the oneOf. 360Giving's own validator checks
    the format, so must we."""
    checker = FormatChecker()

    @checker.checks("date-time")
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        if not re.fullmatch(
            r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", value
        ):
            return False
        try:
            datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError:
            return False
        return True

    @checker.checks("uri")
    def is_uri(value):
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme and parts.netloc) and " " not in value

    return checker


def load(name):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def package_validator():
    """The package schema, its `$ref` to the grant schema resolved to the local file (the
    package names the 1.4.2 URL, the file's own $id is 1.4.3): nothing is fetched. Their
    `$schema` is draft 2020-12 spelt with http://, which `referencing` does not know by
    that name, so the dialect is given."""
    package = load("360-giving-package-schema.json")
    grant = load("360-giving-schema.json")
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources(
        [(package["properties"]["grants"]["items"]["$ref"], resource), (grant["$id"], resource)]
    )
    return Draft202012Validator(package, registry=registry, format_checker=format_checker())


def errors(validator, data):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


# The world ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """build_world() (its records: a filed organization's without a date, a filed one's
    from another funder) and two more: the registered hub's, with a date, a round and
    cents, and a community-managed group's. Built once for the module in a transaction
    rolled back after it; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield add_records(build_world())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def add_records(world):
    orgs = world["orgs"]
    world["records"] = {
        "qibao": FundingRecord.objects.get(organization=orgs["qibao"]),
        "qiaomen": FundingRecord.objects.get(organization=orgs["qiaomen"]),
        "hub": FundingRecordFactory(
            organization=orgs["hub"],
            project_title="水果湖街道社区社会组织孵化项目",
            source_kind=FundingRecord.SourceKind.VENTURE_PHILANTHROPY,
            funder="武昌区水果湖街道办事处",
            amount=Decimal("48000.10"),
            year=2025,
            awarded_on=datetime.date(2025, 6, 18),
            round="第七届公益创投",
        ),
        "moxiang": FundingRecordFactory(
            organization=orgs["moxiang"],
            project_title="社区书画公益课堂",
            source_kind=FundingRecord.SourceKind.SUBSIDY,
            funder="武昌区水果湖街道办事处",
            amount=Decimal("2000"),
            year=2024,
            awarded_on=datetime.date(2024, 3, 1),
        ),
    }
    return world


def export(records=None, **options):
    chunks = list(g360.grants_package(records or FundingRecord.objects.all(), **options))
    assert all(isinstance(chunk, str) for chunk in chunks)
    return json.loads("".join(chunks), parse_float=Decimal)


def by_title(package):
    return {grant["title"]: grant for grant in package["grants"]}


def full_url(page):
    return page.get_full_url()


# Tests ----------------------------------------------------------------------------------


def test_package_validates_against_the_360giving_schema(world, package_validator):
    package = export(profile_url=full_url)
    assert len(package["grants"]) == 4
    assert errors(package_validator, package) == []

    hub = by_title(package)["水果湖街道社区社会组织孵化项目"]
    assert hub["currency"] == "CNY"
    assert hub["awardDate"] == "2025-06-18"
    assert hub["grantProgramme"] == [{"title": "第七届公益创投"}]
    assert hub["classifications"] == [
        {
            "vocabulary": g360.SOURCE_KIND_VOCABULARY,
            "code": "venture_philanthropy",
            "title": "公益创投",
        }
    ]
    assert hub["description"] == (
        "2025年度公益创投：武昌区水果湖街道办事处资助水果湖街道社区社会组织联合会"
        "实施“水果湖街道社区社会组织孵化项目”（第七届公益创投）。"
    )
    recipient = hub["recipientOrganization"][0]
    assert recipient["name"] == "水果湖街道社区社会组织联合会"
    assert recipient["organisationType"] == "依法登记"
    assert recipient["addressRegion"] == "武昌区"
    assert recipient["addressLocality"] == "水果湖街道"
    assert recipient["location"] == [
        {"name": "武昌区 水果湖街道", "countryCode": "CN", "geoCode": "420106001"}
    ]
    assert "postalCode" not in recipient
    assert hub["fundingOrganization"][0]["name"] == "武昌区水果湖街道办事处"
    assert hub["dataSource"].endswith("/zh-hans/orgs/hub/#funding")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", hub["dateModified"])


def test_the_validator_is_not_vacuous(world, package_validator):
    """The local $ref is followed: a grant the standard refuses is refused."""
    grant = export()["grants"][0]
    for change in (
        {"currency": "RMB"},
        {"amountAwarded": "48000.10"},
        {"awardDate": "2025-6-18"},
        {"recipientOrganization": [{"name": "无编号组织"}]},
    ):
        assert errors(package_validator, {"grants": [{**grant, **change}]}), change
    missing = {key: value for key, value in grant.items() if key != "description"}
    assert errors(package_validator, {"grants": [missing]})


def test_a_year_only_record_is_awarded_on_31_december(world):
    qibao = world["records"]["qibao"]
    assert qibao.awarded_on is None
    grant = by_title(export())[qibao.project_title]
    assert grant["awardDate"] == f"{qibao.year}-12-31"


def test_identifiers(world):
    orgs, records = world["orgs"], world["records"]
    grants = by_title(export())
    hub = grants["水果湖街道社区社会组织孵化项目"]
    assert hub["id"] == f"360G-SHEQU-{records['hub'].pk}"
    assert hub["recipientOrganization"][0]["id"] == f"CN-USC-{orgs['hub'].credit_code}"
    assert len(orgs["hub"].credit_code) == 18

    qibao = grants[records["qibao"].project_title]["recipientOrganization"][0]
    assert qibao["id"] == f"XI-SHEQU-ORG-{orgs['qibao'].translation_key}"
    moxiang = grants["社区书画公益课堂"]["recipientOrganization"][0]  # community-managed
    assert moxiang["id"] == f"XI-SHEQU-ORG-{orgs['moxiang'].translation_key}"
    assert orgs["moxiang"].management == "community"

    # One funder, one id; another funder, another.
    assert (
        hub["fundingOrganization"][0]["id"]
        == (grants["社区书画公益课堂"]["fundingOrganization"][0]["id"])
    )
    assert re.fullmatch(r"XI-SHEQU-FUNDER-[0-9a-f]{16}", hub["fundingOrganization"][0]["id"])
    qibao_funder = grants[records["qibao"].project_title]["fundingOrganization"][0]
    assert qibao_funder["id"] != hub["fundingOrganization"][0]["id"]
    # Spaces and full-width forms do not make another funder.
    assert g360.funder_id(" 武昌区　民政局 ") == g360.funder_id("武昌区民政局")
    assert g360.funder_id("武昌区民政局（本级）") == g360.funder_id("武昌区民政局(本级)")

    ids = [grant["id"] for grant in grants.values()]
    assert len(set(ids)) == len(ids)


def test_ids_are_stable_across_exports_and_a_rename(world):
    def ids(package):
        return [
            (g["id"], g["recipientOrganization"][0]["id"], g["fundingOrganization"][0]["id"])
            for g in package["grants"]
        ]

    first = export()
    assert ids(export()) == ids(first)

    # Fresh copies: the world's objects stay as the other tests know them.
    qibao, hub = (Page.objects.get(pk=world["orgs"][key].pk).specific for key in ("qibao", "hub"))
    qibao.title = "东亭社区平安巡逻队"
    qibao.filing_number = "武昌水备字〔2026〕第01号"  # re-filed
    qibao.save_revision().publish()
    hub.title = "水果湖街道社区社会组织服务中心"
    hub.save_revision().publish()

    after = export()
    assert ids(after) == ids(first)
    names = {g["recipientOrganization"][0]["name"] for g in after["grants"]}
    assert {"东亭社区平安巡逻队", "水果湖街道社区社会组织服务中心"} <= names


def test_traditional_script_changes_names_not_ids(world, package_validator):
    simplified = export(profile_url=full_url)
    traditional = export(
        convert=g360.reader_script("zh-hant"),
        profile_url=full_url,
        locale_id=twin(world["orgs"]["qibao"]).locale_id,
    )
    assert errors(package_validator, traditional) == []

    qibao = world["records"]["qibao"]
    grant = next(g for g in traditional["grants"] if g["id"] == f"360G-SHEQU-{qibao.pk}")
    recipient = grant["recipientOrganization"][0]
    assert recipient["name"] == "東亭社區七寶巡邏隊"
    assert recipient["location"][0]["name"] == "武昌區 水果湖街道 東亭社區"
    assert recipient["organisationType"] == "街道備案"
    assert grant["title"] == "東亭社區夜間平安巡邏項目"
    assert grant["fundingOrganization"][0]["name"] == "武昌區民政局"
    assert grant["dataSource"].endswith("/zh-hant/orgs/qibao/#funding")

    def ids(package):
        return sorted(
            (g["id"], g["recipientOrganization"][0]["id"], g["fundingOrganization"][0]["id"])
            for g in package["grants"]
        )

    assert ids(traditional) == ids(simplified)
    same = export(convert=g360.reader_script("zh-hans"))
    assert [g["title"] for g in same["grants"]] == [g["title"] for g in simplified["grants"]]


def test_amounts_are_exact_json_numbers(world):
    text = "".join(g360.grants_package(FundingRecord.objects.all()))
    assert '"amountAwarded":48000.10,' in text
    assert '"amountAwarded":30000.00,' in text
    amounts = {g["title"]: g["amountAwarded"] for g in json.loads(text)["grants"]}
    assert amounts["水果湖街道社区社会组织孵化项目"] == 48000.1  # a number, not a string
    exact = {g["title"]: g["amountAwarded"] for g in export()["grants"]}
    assert exact["水果湖街道社区社会组织孵化项目"] == Decimal("48000.10")
    assert g360.json_text(Decimal("0.30")) == "0.30"
    assert g360.json_text(Decimal("1E+3")) == "1000"
    with pytest.raises(ValueError):
        g360.json_text(Decimal("NaN"))


def test_chunks_join_into_json_for_any_number_of_records(world):
    none = list(g360.grants_package(FundingRecord.objects.none()))
    assert json.loads("".join(none)) == {"grants": []}  # valid JSON; the schema wants one

    chunks = list(g360.grants_package(FundingRecord.objects.all(), chunk_size=1))
    assert len(chunks) == 4 + 2  # one per batch, the opening and the close
    assert len(json.loads("".join(chunks))["grants"]) == 4
    chunks = list(g360.grants_package(FundingRecord.objects.all(), chunk_size=3))
    assert len(json.loads("".join(chunks))["grants"]) == 4


def test_in_the_querysets_order(world):
    records = FundingRecord.objects.order_by("pk")
    assert [g["id"] for g in export(records)["grants"]] == [
        f"360G-SHEQU-{pk}" for pk in records.values_list("pk", flat=True)
    ]


def count_queries(**options):
    with CaptureQueriesContext(connection) as queries:
        export(**options)
    return len(queries)


def test_queries_do_not_grow_with_the_records(
    world, django_assert_max_num_queries, django_assert_num_queries
):
    locale_id = twin(world["orgs"]["qibao"]).locale_id
    options = {
        "convert": g360.reader_script("zh-hant"),
        "profile_url": full_url,
        "locale_id": locale_id,
    }
    with django_assert_num_queries(0):
        g360.grants_package(FundingRecord.objects.all(), **options)  # nothing until read
    export(**options)  # Wagtail caches the sites' root paths (for the URLs) once
    few = count_queries(**options)
    assert few == 2  # the records, and their organizations' zh-hant twins

    regions, index = world["regions"], world["sections"]["orgs"]
    for n in range(12):
        organization = OrganizationPageFactory(
            parent=index,
            slug=f"more-{n}",
            region=regions["qinghe" if n % 2 else "shuiguohu"],
            category=world["categories"]["culture"],
        )
        organization.save_revision().publish()  # with its twin
        FundingRecordFactory(organization=organization, awarded_on=datetime.date(2026, 1, n + 1))
    assert FundingRecord.objects.count() == 16
    with django_assert_max_num_queries(few):
        package = export(**options)
    assert len(package["grants"]) == 16
    assert all("/zh-hant/" in g["dataSource"] for g in package["grants"])
    # The twins are looked up once per batch.
    assert count_queries(chunk_size=5, **options) == 1 + 4

    # Without twins to look up, the records are one query.
    with django_assert_max_num_queries(1):
        export()


def test_identifiers_never_go_through_convert(world):
    def shout(text):
        return f"«{text}»"

    package = export(convert=shout)
    for grant in package["grants"]:
        assert grant["title"].startswith("«")
        for key in ("id", "currency", "awardDate", "amountAwarded"):
            assert "«" not in str(grant[key])
        assert "«" not in grant["recipientOrganization"][0]["id"]
        assert "«" not in grant["fundingOrganization"][0]["id"]


def test_the_doc_names_the_prefixes_and_choices():
    doc = DOC.read_text(encoding="utf-8")
    for constant in (
        g360.GRANT_PREFIX,
        g360.USCC_PREFIX,
        g360.ORGANIZATION_PREFIX,
        g360.FUNDER_PREFIX,
        g360.SOURCE_KIND_VOCABULARY,
        g360.CURRENCY,
    ):
        assert f"`{constant}" in doc, constant
    assert "31 December" in doc
    assert f"{g360.FUNDER_HASH_LENGTH} hex" in doc


def test_the_grants_are_read_from_the_zh_hans_sources(world):
    """Records point at zh-hans organizations: the recipient's id is the source's."""
    qibao = world["orgs"]["qibao"]
    assert qibao.locale_id == default_locale_id()
    assert twin(qibao).translation_key == qibao.translation_key


def test_the_funding_table_downloads_a_valid_package_in_both_scripts(
    world, package_validator, client
):
    """/disclosure/funding/?format=360giving: the table's filters apply, the file validates,
    and the zh-hant file names organizations in traditional script, linking zh-hant pages."""
    from disclosure.models import FundingRecord
    from tests.orgs.world import twin

    disclosure = world["sections"]["disclosure"]
    expected = FundingRecord.objects.filter(organization__region__code__startswith="420106")
    assert expected.count() < FundingRecord.objects.count()  # the filter leaves some out
    for page, name in (
        (disclosure, "东亭社区七宝巡逻队"),
        (twin(disclosure), "東亭社區七寶巡邏隊"),
    ):
        response = client.get(page.url + "funding/?format=360giving&district=420106")
        assert response.status_code == 200
        data = json.loads(b"".join(response.streaming_content))
        assert errors(package_validator, data) == []
        assert len(data["grants"]) == expected.count()
        assert name in {g["recipientOrganization"][0]["name"] for g in data["grants"]}
        language = page.locale.language_code
        assert all(f"/{language}/orgs/" in g["dataSource"] for g in data["grants"])


def test_a_package_of_no_grants_is_a_page_that_says_so(world, client):
    """Filters that match nothing: no invalid empty package, but a 404 page in the reader's
    script that explains and links back to the table with the same filters."""
    from tests.orgs.world import twin

    disclosure = world["sections"]["disclosure"]
    for page, text in (
        (disclosure, "没有可下载的记录"),
        (twin(disclosure), "沒有可下載的記錄"),
    ):
        response = client.get(page.url + "funding/?format=360giving&year=1990&district=420106")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")
        body = response.content.decode()
        assert text in body
        assert f'href="{page.url}funding/?year=1990&amp;district=420106"' in body
        # The formats that can be empty still download, with the header row only.
        csv_response = client.get(page.url + "funding/?format=csv&year=1990")
        assert csv_response.status_code == 200
        assert len(b"".join(csv_response.streaming_content).decode("utf-8-sig").splitlines()) == 1
