"""Notices that announce the world's records (tests/orgs/world.py), and reading the
tables that list records on a page."""

import datetime
import html
import re

from core.dates import today
from disclosure.factories import NoticePageFactory
from disclosure.models import EvaluationRecord, FundingRecord, NoticeOrganization

ROW = re.compile(r"<tr\b.*?</tr>", re.S)


def text_of(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def section(content, heading_id):
    """The HTML of the <section> labelled by `heading_id` ("" when there is none)."""
    found = re.search(
        rf'<section aria-labelledby="{heading_id}">(.*?)</section>', content, flags=re.S
    )
    return found.group(1) if found else ""


def body_rows(fragment):
    return [text_of(row) for row in ROW.findall(fragment.split("<tbody>", 1)[-1])]


def add_notice(world, kind, title, slug, reference_number, concerned):
    day = today()
    notice = NoticePageFactory(
        parent=world["sections"]["notices"],
        title=title,
        slug=slug,
        kind=kind,
        issuer="武昌区民政局",
        reference_number=reference_number,
        starts_on=day - datetime.timedelta(days=40),
        ends_on=day - datetime.timedelta(days=34),
    )
    for organization in concerned:
        NoticeOrganization.objects.create(notice=notice, organization=organization)
    notice.save_revision().publish()  # and its zh-hant twin
    return notice


def announce(world):
    """A funding notice announcing the world's two grants, an evaluation notice announcing
    two star ratings; the qibao patrol's satisfaction survey is announced by none."""
    orgs = world["orgs"]
    funding = add_notice(
        world,
        "funding",
        "武昌区社区服务项目资助公示",
        "funding-wuchang",
        "武昌民社〔2026〕12号",
        [orgs["qibao"], orgs["qiaomen"]],
    )
    evaluation = add_notice(
        world,
        "evaluation",
        "武昌区社区社会组织星级评估结果公示",
        "evaluation-wuchang",
        "武昌民社〔2026〕3号",
        [orgs["qibao"], orgs["qiaomen"]],
    )
    FundingRecord.objects.update(notice=funding)
    EvaluationRecord.objects.filter(
        kind="star", organization__in=[orgs["qibao"], orgs["qiaomen"]]
    ).update(notice=evaluation)
    return funding, evaluation
