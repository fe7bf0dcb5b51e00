"""The ledger's columns: the Chinese headers the street offices' 台账 already use, and how
an organization reads in each (the same text for the export, the preview's before and
after, and the comparison that finds what a row changes)."""

import html
import re
from dataclasses import dataclass

from django.utils import translation

from ..models import OrganizationPage


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    type: str = "text"  # for the XLSX export: text, code, integer, date
    required: bool = False  # the cell must be filled


COLUMNS = (
    Column("组织名称", "title", required=True),
    Column("统一社会信用代码", "credit_code", "code"),
    Column("备案编号", "filing_number", "code"),
    Column("管理方式", "management", required=True),
    Column("类别", "category", required=True),
    Column("服务领域", "tags"),
    Column("区", "district", required=True),
    Column("街道", "street", required=True),
    Column("社区", "community"),
    Column("负责人", "leader_name", required=True),
    Column("联系电话", "contact_phone", "code"),
    Column("地址", "address"),
    Column("成员数", "member_count", "integer"),
    Column("志愿者数", "volunteer_count", "integer"),
    Column("成立日期", "founded_on", "date"),
    Column("备案日期", "filed_on", "date"),
    Column("简介", "description"),
)
HEADERS = tuple(column.header for column in COLUMNS)
BY_KEY = {column.key: column for column in COLUMNS}
# The model's fields a column writes, for the messages of the model's own rules.
FIELD_COLUMNS = {
    "title": "组织名称",
    "credit_code": "统一社会信用代码",
    "filing_number": "备案编号",
    "management": "管理方式",
    "category": "类别",
    "region": "社区",
    "leader_name": "负责人",
    "contact_phone": "联系电话",
    "address": "地址",
    "member_count": "成员数",
    "volunteer_count": "志愿者数",
    "founded_on": "成立日期",
    "filed_on": "备案日期",
    "description": "简介",
}
# The fields a row's value is copied to as it stands on an organization it changes (the
# others: title, category and region by relation, the description only when its text
# changed, so the formatting is kept).
COPIED_FIELDS = (
    "management",
    "credit_code",
    "filing_number",
    "leader_name",
    "contact_phone",
    "address",
    "member_count",
    "volunteer_count",
    "founded_on",
    "filed_on",
)
TAG_SEPARATORS = re.compile(r"[、,，;；/\n]+")
TAG_JOINER = "、"


def management_labels():
    """{Chinese label: value}, as the admin shows them (依法登记, 街道备案, 社区管理)."""
    with translation.override("zh-hans"):
        return {str(label): value for value, label in OrganizationPage.Management.choices}


def split_tags(text):
    return sorted({name.strip() for name in TAG_SEPARATORS.split(text or "") if name.strip()})


def text_to_rich_text(text):
    """简介 as the ledger has it (plain text, a paragraph a line) → the page's rich text."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)


BLOCK_END = re.compile(r"</(p|li|h\d|div|blockquote)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def rich_text_to_text(value):
    """The page's rich text → plain text, a paragraph a line (formatting and links are
    not part of the ledger)."""
    text = TAG.sub("", BLOCK_END.sub("\n", value or ""))
    return "\n".join(line.strip() for line in html.unescape(text).splitlines() if line.strip())


def region_names(region):
    """(区, 街道, 社区) names of `region` (a district, street or community)."""
    chain = region.ancestors_and_self() if region else []
    names = [r.name for r in chain] + ["", "", ""]
    return tuple(names[:3])


def ledger_values(page, tag_names, management_label):
    """{column key: text} of an organization as its ledger row reads."""
    district, street, community = region_names(page.region if page.region_id else None)
    return {
        "title": page.title,
        "credit_code": page.credit_code,
        "filing_number": page.filing_number,
        "management": management_label.get(page.management, page.management),
        "category": page.category.name if page.category_id else "",
        "tags": TAG_JOINER.join(sorted(tag_names)),
        "district": district,
        "street": street,
        "community": community,
        "leader_name": page.leader_name,
        "contact_phone": page.contact_phone,
        "address": page.address,
        "member_count": str(page.member_count),
        "volunteer_count": str(page.volunteer_count),
        "founded_on": page.founded_on.isoformat() if page.founded_on else "",
        "filed_on": page.filed_on.isoformat() if page.filed_on else "",
        "description": rich_text_to_text(page.description),
    }
