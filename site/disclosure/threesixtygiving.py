"""Funding records as 360Giving data (Data Standard 1.4): one grant per `FundingRecord`,
and a package of them (`{"grants": [...]}`) written as a stream of JSON text.

What each field holds, the identifiers and their limits are in docs/360giving.md; the
prefixes below are the ones that document names (a test checks it).

Text is stored once, in simplified script. Names and titles go through the caller's
`convert` (`reader_script(language)`: OpenCC from core.scripts for zh-hant); identifiers
never do, so a grant, a recipient or a funder has the same id in both scripts.
"""

import datetime
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache, lru_cache, partial
from itertools import islice

from django.utils import timezone, translation

from core.scripts import in_reader_script
from translation.locales import in_locale

from .models import FundingRecord, organization_model

# Grant ids: this publisher's 360Giving prefix and the record's primary key.
GRANT_PREFIX = "360G-SHEQU-"
# Recipients registered with a 统一社会信用代码 (USCC): the prefix and the 18-character code.
USCC_PREFIX = "CN-USC-"
# Recipients without a credit code (filed, community): the organization's translation_key.
ORGANIZATION_PREFIX = "XI-SHEQU-ORG-"
# Funders (text only): a hash of the normalised name.
FUNDER_PREFIX = "XI-SHEQU-FUNDER-"
FUNDER_HASH_LENGTH = 16  # hex digits of SHA-256: 64 bits
# The vocabulary of the `classifications` entry that names a record's source of money.
SOURCE_KIND_VOCABULARY = "XI-SHEQU-SOURCE-KIND"

CURRENCY = "CNY"
COUNTRY_CODE = "CN"
COUNTRY_NAME = "中国"
# The profile section that lists an organization's funding records.
FUNDING_ANCHOR = "#funding"
# What a grant reads besides the record: its organization and the region's ancestors.
RELATED = "organization__region__parent__parent"
CHUNK_SIZE = 2000
TEXT_CACHE_SIZE = 10_000  # converted texts kept while a package is written


def same_script(text):
    """The `convert` for zh-hans: the text as stored."""
    return text


def reader_script(language):
    """The `convert` for readers of `language`: traditional script (OpenCC, `s2tw`, as
    everywhere on the site) for zh-hant, the text as stored otherwise."""
    return partial(in_reader_script, language=language)


# Identifiers -------------------------------------------------------------------------


def grant_id(record):
    """`360G-SHEQU-<pk>`: primary keys are never reused, so neither are grant ids."""
    return f"{GRANT_PREFIX}{record.pk}"


def recipient_id(organization):
    """`CN-USC-<code>` for a registered organization with its credit code, otherwise
    `XI-SHEQU-ORG-<translation_key>` (the UUID its zh-hant twin shares, unchanged by a
    rename or a new filing number). `organization` is the zh-hans source page."""
    code = (organization.credit_code or "").strip().upper()
    if organization.management == organization.Management.REGISTERED and code:
        return f"{USCC_PREFIX}{code}"
    return f"{ORGANIZATION_PREFIX}{organization.translation_key}"


def normalize_funder(name):
    """A funder's name as its id reads it: NFKC (full-width letters, digits and brackets
    → their ordinary forms) without any whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


@lru_cache(maxsize=4096)
def funder_id(name):
    """`XI-SHEQU-FUNDER-` and the first 16 hex digits of the SHA-256 of the normalised
    name as stored (simplified script). Two spellings of one funder get two ids."""
    digest = hashlib.sha256(normalize_funder(name).encode("utf-8")).hexdigest()
    return f"{FUNDER_PREFIX}{digest[:FUNDER_HASH_LENGTH]}"


# One grant ----------------------------------------------------------------------------


@cache
def _labels():
    """{field: {value: label}} in simplified script (the catalogue's zh-hans labels), which
    `convert` then turns into the reader's script like every other text."""
    with translation.override("zh-hans"):
        return {
            "source_kind": {value: str(label) for value, label in FundingRecord.SourceKind.choices},
            "management": {
                value: str(label) for value, label in organization_model().Management.choices
            },
        }


def award_date(record):
    """The award date, else 31 December of the record's year (`FundingRecord.sort_date`,
    the date the site lists it by)."""
    return record.sort_date


def _datetime(value):
    return timezone.localtime(value).isoformat(timespec="seconds")


def _location(region, convert):
    """The organization's address by its region: district (区/县) as addressRegion, street
    or town (街道/乡镇) as addressLocality, and the whole path with its 区划代码."""
    chain = [convert(node.name) for node in region.ancestors_and_self()]
    address = {"addressRegion": chain[0]}
    if len(chain) > 1:
        address["addressLocality"] = chain[1]
    address["addressCountry"] = convert(COUNTRY_NAME)
    location = {"name": " ".join(chain), "countryCode": COUNTRY_CODE, "geoCode": region.code}
    return address, location


def recipient(organization, convert=same_script):
    """The recipientOrganization entry for a (zh-hans) organization."""
    entry = {"id": recipient_id(organization), "name": convert(organization.title)}
    if organization.short_name:
        entry["alternateName"] = convert(organization.short_name)
    if organization.address:
        entry["streetAddress"] = convert(organization.address)
    if organization.region_id:
        address, location = _location(organization.region, convert)
        entry.update(address)
        entry["location"] = [location]
    label = _labels()["management"].get(organization.management)
    if label:
        entry["organisationType"] = convert(label)
    return entry


def description(record):
    """One sentence in simplified script: year, source, funder, recipient, project, round.
    2026年度政府购买服务：武昌区民政局资助东亭社区七宝巡逻队实施“东亭社区夜间平安巡逻项目”。"""
    source = _labels()["source_kind"].get(record.source_kind, record.source_kind)
    text = (
        f"{record.year}年度{source}：{record.funder}资助{record.organization.title}"
        f"实施“{record.project_title}”"
    )
    if record.round:
        text += f"（{record.round}）"
    return text + "。"


def grant(record, *, convert=same_script, source_url=None):
    """One 360Giving grant (a dict) for a `FundingRecord`. Amounts stay `Decimal`: write
    the dict with `json_text`, which keeps their exact value. `source_url` (absolute) is
    the page that publishes the record, given as `dataSource`.

    Reads the record's organization and its region with the region's parents: fetch the
    records with `select_related(RELATED)` (grants_package does) or each grant queries."""
    organization = record.organization
    data = {
        "id": grant_id(record),
        "title": convert(record.project_title),
        "description": convert(description(record)),
        "currency": CURRENCY,
        "amountAwarded": record.amount,
        "awardDate": award_date(record).isoformat(),
        "recipientOrganization": [recipient(organization, convert)],
        "fundingOrganization": [{"id": funder_id(record.funder), "name": convert(record.funder)}],
    }
    if record.round:
        data["grantProgramme"] = [{"title": convert(record.round)}]
    source = _labels()["source_kind"].get(record.source_kind)
    if source:
        data["classifications"] = [
            {
                "vocabulary": SOURCE_KIND_VOCABULARY,
                "code": record.source_kind,
                "title": convert(source),
            }
        ]
    if record.updated_at:
        data["dateModified"] = _datetime(record.updated_at)
    if source_url:
        data["dataSource"] = source_url
    return data


# JSON text ----------------------------------------------------------------------------


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def json_text(value):
    """`value` (dicts, lists, strings, numbers, booleans, None) as compact JSON text, with a
    `Decimal` written as the number it is (48000.10, not a float's 48000.1 or worse).
    Non-ASCII text is written as is (UTF-8 when encoded)."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a JSON number: {value}")
        return format(value, "f")
    if isinstance(value, datetime.date):
        raise TypeError("write dates as strings")  # isoformat(): the grant decides the form
    try:
        return _ENCODER.encode(value)  # the whole value at once when it holds no Decimal
    except TypeError:
        pass
    if isinstance(value, dict):
        items = (f"{_ENCODER.encode(str(key))}:{json_text(item)}" for key, item in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(json_text(item) for item in value) + "]"
    raise TypeError(f"not JSON: {type(value).__name__}")


# The package --------------------------------------------------------------------------


def _batches(rows, size):
    rows = iter(rows)
    while batch := list(islice(rows, size)):
        yield batch


def _source_urls(batch, profile_url, locale_id):
    """{organization id: its profile's funding section} for a batch of records, the
    profile in `locale_id` (the zh-hant twin for zh-hant readers): one query per batch."""
    sources = list({record.organization_id: record.organization for record in batch}.values())
    shown = in_locale(sources, locale_id) if locale_id else sources
    urls = {}
    for source, page in zip(sources, shown, strict=True):
        url = profile_url(page)
        if url:
            urls[source.pk] = url + FUNDING_ANCHOR
    return urls


def grants_package(
    records,
    *,
    convert: Callable[[str], str] = same_script,
    profile_url: Callable[[object], str | None] | None = None,
    locale_id: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[str]:
    """A 360Giving package of `records` (a FundingRecord queryset, in its own order) as
    chunks of JSON text that join into `{"grants":[...]}`; for a StreamingHttpResponse.

    Memory stays flat however many records there are: the queryset is read with
    `iterator(chunk_size)` (a server-side cursor on PostgreSQL) with the organization and
    region joined, and each batch of `chunk_size` grants is one chunk. `profile_url(page)`
    (optional) gives the absolute URL of an organization's profile page: each grant's
    dataSource is its funding section, on the organization's twin in `locale_id` when
    given (one query per batch for the twins).

    Zero records give `{"grants":[]}`: valid JSON, but the package schema asks for at
    least one grant, so the funding dataset checks first and raises NoRows."""
    # Region names, funders, rounds and labels repeat from record to record: convert each
    # once (a bounded cache, so memory stays flat).
    convert = lru_cache(maxsize=TEXT_CACHE_SIZE)(convert)
    rows = records.select_related(RELATED).iterator(chunk_size=chunk_size)
    yield '{"grants":['
    separator = ""
    for batch in _batches(rows, chunk_size):
        urls = _source_urls(batch, profile_url, locale_id) if profile_url else {}
        grants = (
            json_text(grant(record, convert=convert, source_url=urls.get(record.organization_id)))
            for record in batch
        )
        yield separator + ",".join(grants)
        separator = ","
    yield "]}"
