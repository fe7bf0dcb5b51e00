"""Checking a ledger before anything is written: every row, every problem reported with
its row number, column and a Chinese message; and, for the rows that pass, what they
would create and change (the preview).

A row updates the organization that has its 统一社会信用代码 or 备案编号 (zh-hans, live or
published once: the organizations the model's own uniqueness rule counts). A row with
neither code updates the organization of the same name in the same region, if that one
has no code either; otherwise it creates one. The model's rules (code required or
forbidden by 管理方式, filing number and date, dates in order) are the model's own
(`OrganizationPage.rule_errors`); uniqueness is checked here for the whole file at once,
against every organization, including filing numbers that differ only in script (备/備:
the zh-hant twin would carry the same one)."""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.db.models import Q

from core.models import PREFETCHED_TAGS, prefetch_tags, tags_of
from core.scripts import to_traditional
from taxonomy.models import Category, Region
from translation.locales import default_locale_id

from ..models import OrganizationPage
from ..validators import normalize_credit_code
from .columns import (
    BY_KEY,
    COLUMNS,
    COPIED_FIELDS,
    FIELD_COLUMNS,
    HEADERS,
    ledger_values,
    management_labels,
    split_tags,
    text_to_rich_text,
)

MAX_COUNT = 1_000_000
CHUNK = 500
DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
DATE_HINT = "请写成 2024-01-05、2024/1/5 或 2024年1月5日"
PHONE_CHARACTERS = re.compile(r"[0-9+\-()（）\s转]+")
PHONE_SEPARATORS = re.compile(r"[、,，;；/]+")
EXTENSION = re.compile(r"(转|ext\.?|x)\s*\d{1,6}$", re.IGNORECASE)
MOBILE = re.compile(r"1[3-9]\d{9}")
NUMBER = re.compile(r"\d+")


def plausible_number(digits):
    """A landline with its area code (0 + 9 to 11 digits), a mobile (11 digits from 13
    to 19) or a local number (7 or 8 digits)."""
    if digits.startswith("0"):
        return 10 <= len(digits) <= 12
    if digits.startswith("1"):
        return MOBILE.fullmatch(digits) is not None
    return 7 <= len(digits) <= 8


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return f"第{self.row}行 {self.column}: {self.message}"
        return f"第{self.row}行: {self.message}"


@dataclass
class Change:
    column: str
    before: str
    after: str


@dataclass
class PlannedRow:
    row: int
    page: OrganizationPage  # unsaved (to create) or the organization with its new values
    tags: list
    values: dict  # {column key: text}, as the ledger row reads after the import
    changes: list = field(default_factory=list)
    tags_changed: bool = True


@dataclass
class LedgerPlan:
    rows: int = 0  # data rows read (blank rows left out)
    file_description: str = ""
    creates: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)  # row numbers
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def fingerprint(self):
        """A digest of what the plan would write: the admin's confirmation applies a file
        only if it would still do what its preview showed."""
        summary = [("create", p.row, sorted(p.values.items())) for p in self.creates] + [
            ("update", p.row, p.page.pk, [(c.column, c.before, c.after) for c in p.changes])
            for p in self.updates
        ]
        return hashlib.sha256(repr(summary).encode()).hexdigest()

    def error_lines(self):
        return [str(error) for error in sorted(self.errors, key=lambda e: e.row)]


def normalise_header(value):
    return str(value or "").replace("\ufeff", "").replace("\u3000", " ").strip().rstrip("*＊")


class LedgerValidator:
    """Checks sheets against the regions, categories and organizations as they are now
    (read once, not per row). `allowed_region_codes`: the 区划代码 under which rows may
    create or change organizations (None: everywhere; see permissions.py)."""

    def __init__(self, allowed_region_codes=None):
        self.allowed = tuple(allowed_region_codes) if allowed_region_codes is not None else None
        self.locale_id = default_locale_id()
        self.labels = management_labels()
        self.label_of = {value: label for label, value in self.labels.items()}
        self.load_regions()
        self.categories = {}
        for category in Category.objects.filter(locale_id=self.locale_id):
            self.categories[category.name] = category
            self.categories.setdefault(category.slug, category)
        self.load_organizations()

    # Reference data --------------------------------------------------------------------
    def load_regions(self):
        regions = list(Region.objects.filter(locale_id=self.locale_id).order_by("code"))
        by_id = {region.pk: region for region in regions}
        self.region_by_code = {}
        self.children = {}  # (parent id or None, name) → [regions]
        for region in regions:
            if region.parent_id:
                region.parent = by_id[region.parent_id]  # walk the tree without queries
            self.region_by_code[region.code] = region
            self.children.setdefault((region.parent_id, region.name), []).append(region)
        self.region_by_id = by_id

    def load_organizations(self):
        """Maps of the organizations that hold codes and names (values only)."""
        rows = (
            OrganizationPage.objects.filter(locale_id=self.locale_id)
            .filter(Q(live=True) | Q(first_published_at__isnull=False))
            .values_list("pk", "title", "region_id", "credit_code", "filing_number")
        )
        self.by_credit, self.by_filing, self.by_name, self.existing = {}, {}, {}, {}
        for pk, title, region_id, credit_code, filing_number in rows:
            self.existing[pk] = (title, region_id, credit_code, filing_number)
            if credit_code:
                self.by_credit[credit_code] = pk
            if filing_number:
                self.by_filing[to_traditional(filing_number)] = pk
            self.by_name.setdefault((title, region_id), []).append(pk)

    # The sheet -------------------------------------------------------------------------
    def validate(self, sheet, on_row=None):
        plan = LedgerPlan(rows=len(sheet.rows), file_description=sheet.description)
        positions, header_errors = self.header_positions(sheet)
        if header_errors:
            plan.errors = header_errors
            return plan
        self.seen_credit, self.seen_filing, self.seen_name, self.seen_target = {}, {}, {}, {}
        matched = []
        for number, cells in sheet.rows:
            row = {
                column.key: cells[positions[column.header]]
                if positions[column.header] < len(cells)
                else ""
                for column in COLUMNS
            }
            errors, planned, target = self.check_row(number, row)
            plan.errors.extend(errors)
            if planned is not None:
                if target is None:
                    plan.creates.append(planned)
                else:
                    matched.append((planned, target))
            if on_row:
                on_row()
        self.compare(matched, plan)
        return plan

    def header_positions(self, sheet):
        positions, errors = {}, []
        row = sheet.header_row
        for index, raw in enumerate(sheet.headers):
            header = normalise_header(raw)
            if not header:
                continue
            if header not in HEADERS:
                errors.append(
                    RowError(row, header, f"无法识别的列名。可用的列：{'、'.join(HEADERS)}。")
                )
            elif header in positions:
                errors.append(RowError(row, header, "这一列出现了两次。"))
            else:
                positions[header] = index
        for header in HEADERS:
            if header not in positions:
                errors.append(RowError(row, header, "缺少这一列（第一行应为列名）。"))
        return positions, errors

    def check_row(self, number, row):
        """(errors, PlannedRow or None, pk of the organization it updates or None)."""
        errors = []

        def error(column, message):
            errors.append(RowError(number, column, message))

        def text(key, max_length=None):
            value = row[key]
            value = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
            header = BY_KEY[key].header
            if not value and BY_KEY[key].required:
                error(header, "不能为空。")
            elif max_length and len(value) > max_length:
                error(header, f"不能超过{max_length}个字。（现为{len(value)}个）")
                return None
            return value

        title = text("title", 255)
        management = self.management(text("management"), error)
        category = self.category(text("category"), error)
        region = self.region(text("district"), text("street"), text("community"), error)
        credit_code = normalize_credit_code(text("credit_code"))
        filing_number = text("filing_number", 64)
        leader_name = text("leader_name", 40)
        contact_phone = self.phone(text("contact_phone", 40), error)
        address = text("address", 200)
        member_count = self.count(row["member_count"], "成员数", error)
        volunteer_count = self.count(row["volunteer_count"], "志愿者数", error)
        founded_on = self.date(row["founded_on"], "成立日期", error)
        filed_on = self.date(row["filed_on"], "备案日期", error)
        description = text("description")
        tags = split_tags(text("tags"))
        for name in tags:
            if len(name) > 100:
                error("服务领域", f"“{name[:20]}…”太长：每个服务领域不能超过100个字。")

        page = OrganizationPage(
            title=title or "",
            draft_title=title or "",
            management=management or "",
            category=category,
            region=region,
            credit_code=credit_code,
            filing_number=filing_number or "",
            leader_name=leader_name or "",
            contact_phone=contact_phone or "",
            address=address or "",
            member_count=member_count or 0,
            volunteer_count=volunteer_count or 0,
            founded_on=founded_on,
            filed_on=filed_on,
            description=text_to_rich_text(description),
            locale_id=self.locale_id,
        )
        refused = {
            field
            for field, header in FIELD_COLUMNS.items()
            if any(e.column == header for e in errors)
        }
        if management is None:
            refused.add("management")
        for field_name, messages in page.rule_errors(refused, codes_taken=False).items():
            for message in messages if isinstance(messages, list) else [messages]:
                error(FIELD_COLUMNS[field_name], message)

        target = None
        if not errors:
            target = self.match(number, page, error)
        if errors:
            return errors, None, None
        values = ledger_values(page, tags, self.label_of)
        return errors, PlannedRow(number, page, tags, values), target

    # Cells -----------------------------------------------------------------------------
    def management(self, value, error):
        if not value:
            return None
        if value in self.labels:
            return self.labels[value]
        if value in self.label_of:
            return value
        error("管理方式", f"应为{'、'.join(self.labels)}之一（现为“{value}”）。")
        return None

    def category(self, value, error):
        if not value:
            return None
        category = self.categories.get(value)
        if category is None:
            names = "、".join(sorted({c.name for c in self.categories.values()}))
            error("类别", f"没有“{value}”这个类别。现有类别：{names}。")
        return category

    def region(self, district_name, street_name, community_name, error):
        """The community (or the street, when no community is given), checked to lie
        within the street and district named, and within the allowed regions."""
        if not district_name or not street_name:
            return None
        district = self.find_region("区", district_name, None, Region.Level.DISTRICT, error)
        if district is None:
            return None
        street = self.find_region("街道", street_name, district, Region.Level.STREET, error)
        if street is None:
            return None
        region = street
        if community_name:
            region = self.find_region("社区", community_name, street, Region.Level.COMMUNITY, error)
            if region is None:
                return None
        if not self.region_allowed(region.code):
            error("街道", f"无权导入{street.name}的组织（{self.allowed_description()}）。")
            return None
        return region

    def find_region(self, column, value, parent, level, error):
        parent_id = parent.pk if parent else None
        level_label = Region.Level(level).label
        if value.isdigit():
            region = self.region_by_code.get(value)
            if region is None or region.level != level:
                error(column, f"没有区划代码为 {value} 的{level_label}。")
                return None
            if region.parent_id != parent_id:
                error(column, f"{region.name}（{value}）不属于{parent.name}。")
                return None
            return region
        found = self.children.get((parent_id, value), [])
        found = [region for region in found if region.level == level]
        if len(found) == 1:
            return found[0]
        if parent is None:
            error(column, f"没有名为“{value}”的{level_label}。")
        else:
            elsewhere = [
                r
                for (_parent, name), regions in self.children.items()
                if name == value
                for r in regions
                if r.level == level
            ]
            if elsewhere:
                places = "、".join(r.parent.name for r in elsewhere[:3])
                error(column, f"“{value}”不属于{parent.name}（它在{places}）。")
            else:
                error(column, f"{parent.name}没有名为“{value}”的{level_label}。")
        return None

    def region_allowed(self, code):
        return self.allowed is None or any(code.startswith(prefix) for prefix in self.allowed)

    def allowed_description(self):
        names = []
        for code in self.allowed or ():
            region = self.region_by_code.get(code)
            names.append(region.name if region else code)
        return f"只能导入{'、'.join(names)}的组织" if names else "没有可导入的区域"

    def phone(self, value, error):
        if not value:
            return value
        plausible = PHONE_CHARACTERS.fullmatch(PHONE_SEPARATORS.sub("", value)) is not None
        if plausible:
            for number in PHONE_SEPARATORS.split(value):
                number = EXTENSION.sub("", number.strip())
                digits = "".join(NUMBER.findall(number))
                if digits.startswith("86") and len(digits) > 11:
                    digits = digits[2:]
                elif digits.startswith("0086"):
                    digits = digits[4:]
                if not plausible_number(digits):
                    plausible = False
        if not plausible:
            error(
                "联系电话",
                f"“{value}”不像电话号码：座机如 027-86781234，手机如 13907165432，"
                "多个号码用顿号分开。",
            )
            return None
        return value

    def count(self, value, column, error):
        if value == "" or value is None:
            return 0
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip().replace(",", "").replace("，", "")
            if not text.isdigit():
                error(column, f"应为不小于0的整数（现为“{value}”）。")
                return None
            number = int(text)
        if number < 0:
            error(column, f"应为不小于0的整数（现为“{value}”）。")
            return None
        if number > MAX_COUNT:
            error(column, f"不能超过{MAX_COUNT}。")
            return None
        return number

    def date(self, value, column, error):
        if value == "" or value is None:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        match = DATE.fullmatch(text) or COMPACT_DATE.fullmatch(text)
        if not match:
            error(column, f"无法识别的日期“{text}”：{DATE_HINT}。")
            return None
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            error(column, f"日期“{text}”不存在。")
            return None

    # Matching --------------------------------------------------------------------------
    def match(self, number, page, error):
        """The pk of the organization this row updates (None: a new one); duplicates
        within the file and conflicts with other organizations are errors."""
        credit_key = page.credit_code or None
        filing_key = to_traditional(page.filing_number) if page.filing_number else None
        if credit_key and credit_key in self.seen_credit:
            error("统一社会信用代码", f"与第{self.seen_credit[credit_key]}行重复。")
        if filing_key and filing_key in self.seen_filing:
            earlier = self.seen_filing[filing_key]
            error("备案编号", f"与第{earlier}行重复（繁体页面中会是同一个编号）。")
        by_credit = self.by_credit.get(credit_key) if credit_key else None
        by_filing = self.by_filing.get(filing_key) if filing_key else None
        target, conflict = None, False
        if by_credit and by_filing and by_credit != by_filing:
            conflict = True
            error(
                "备案编号",
                f"备案编号 {page.filing_number} 已被“{self.existing[by_filing][0]}”使用，"
                f"而统一社会信用代码 {page.credit_code} 属于“{self.existing[by_credit][0]}”："
                "一行只能是一个组织。",
            )
        else:
            target = by_credit or by_filing
        name_key = (page.title, page.region.pk)
        same_name = self.by_name.get(name_key, [])
        if conflict:
            pass
        elif target is None and not credit_key and not filing_key:
            if len(same_name) > 1:
                error("组织名称", "本区域有多个同名组织，无法确定要更新哪一个。")
            elif same_name:
                title, _region, credit_code, filing_number = self.existing[same_name[0]]
                if credit_code or filing_number:
                    codes = "、".join(code for code in (credit_code, filing_number) if code)
                    error(
                        "组织名称",
                        f"本区域已有“{title}”（{codes}）：要更新它，请在这一行填写它的"
                        "统一社会信用代码或备案编号。",
                    )
                else:
                    target = same_name[0]
            if target is None and name_key in self.seen_name:
                error("组织名称", f"与第{self.seen_name[name_key]}行重复（同一区域的同名组织）。")
        elif target is None and same_name:
            # New codes under a name the region already has: most likely the same
            # organization with a mistyped (or changed) code; a new one would be a twin.
            title, _region, credit_code, filing_number = self.existing[same_name[0]]
            codes = "、".join(code for code in (credit_code, filing_number) if code) or "无代码"
            error(
                "组织名称",
                f"本区域已有“{title}”（{codes}），与这一行的代码不同：如果是同一个组织，"
                "请填写它现有的代码（更改代码请在管理后台进行）。",
            )
        if target is not None:
            if target in self.seen_target:
                error(
                    "组织名称",
                    f"与第{self.seen_target[target]}行是同一个组织"
                    f"（“{self.existing[target][0]}”）。",
                )
            region = self.region_by_id.get(self.existing[target][1])
            if region is not None and not self.region_allowed(region.code):
                error("街道", f"“{self.existing[target][0]}”属于{region.path_label}，无权修改。")
        if credit_key:
            self.seen_credit.setdefault(credit_key, number)
        if filing_key:
            self.seen_filing.setdefault(filing_key, number)
        if not credit_key and not filing_key:
            self.seen_name.setdefault(name_key, number)
        if target is not None:
            self.seen_target.setdefault(target, number)
        return target

    # What the matched rows change ------------------------------------------------------
    def compare(self, matched, plan):
        """Load the organizations the rows update, set their new values and keep the
        rows that change something (with each change, before → after)."""
        for start in range(0, len(matched), CHUNK):
            chunk = matched[start : start + CHUNK]
            existing = {
                page.pk: page
                for page in OrganizationPage.objects.filter(pk__in=[pk for _row, pk in chunk])
                .select_related("region__parent__parent", "category")
                .prefetch_related(prefetch_tags())
            }
            for planned, pk in chunk:
                page = existing[pk]
                old_tags = sorted(tag.name for tag in tags_of(page))
                delattr(page, PREFETCHED_TAGS)  # the row's tags replace them
                before = ledger_values(page, old_tags, self.label_of)
                new = planned.page
                for name in ("title", *COPIED_FIELDS):
                    setattr(page, name, getattr(new, name))
                page.category = new.category
                page.region = new.region
                if before["description"] != planned.values["description"]:
                    page.description = new.description  # else the formatting is kept
                after = ledger_values(page, planned.tags, self.label_of)
                planned.changes = [
                    Change(column.header, before[column.key], after[column.key])
                    for column in COLUMNS
                    if before[column.key] != after[column.key]
                ]
                planned.tags_changed = old_tags != planned.tags
                planned.page = page
                planned.values = after
                if planned.changes:
                    plan.updates.append(planned)
                else:
                    plan.unchanged.append(planned.row)
