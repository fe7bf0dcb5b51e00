"""Ledger files for the import tests: rows as the street offices write them, as CSV in
any encoding or as XLSX."""

import csv
import datetime
import io

from django.db.models import Count

from wagtail.models import Page, Revision

from orgs.ledger import HEADERS
from orgs.models import OrganizationPage, OrganizationPageTag
from search.models import SearchEntry


def new_row(**values):
    """A valid row for a new organization in 东亭社区 (build_world), filed; keyword
    arguments by Chinese header replace values."""
    row = {
        "组织名称": "东亭社区邻里互助队",
        "统一社会信用代码": "",
        "备案编号": "武昌水备字〔2026〕第17号",
        "管理方式": "街道备案",
        "类别": "社区事务类",
        "服务领域": "养老、志愿服务",
        "区": "武昌区",
        "街道": "水果湖街道",
        "社区": "东亭社区",
        "负责人": "王秀兰",
        "联系电话": "027-86781234",
        "地址": "东亭路1号",
        "成员数": "12",
        "志愿者数": "20",
        "成立日期": "2026-01-05",
        "备案日期": "2026/2/1",
        "简介": "邻里之间互相帮助。\n每周三上午活动。",
    }
    row.update(values)
    return row


def existing_row(page, **values):
    """The ledger row of an existing organization as the export writes it."""
    from orgs.ledger.columns import COLUMNS
    from orgs.ledger.exporting import ledger_rows, organizations

    exported = next(ledger_rows(organizations().filter(pk=page.pk)))
    row = {column.header: exported[column.key] for column in COLUMNS}
    row.update(values)
    return row


def ledger_csv(rows, headers=HEADERS, encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return buffer.getvalue().encode(encoding)


def ledger_xlsx(rows, headers=HEADERS, typed=True):
    """An XLSX ledger; `typed`: numbers and dates as the spreadsheet's own types, as
    a sheet typed in Excel has them."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        cells = []
        for header in headers:
            value = row.get(header, "")
            if typed and header in ("成员数", "志愿者数") and value.isdigit():
                value = int(value)
            elif typed and header in ("成立日期", "备案日期") and value[:4].isdigit():
                try:
                    value = datetime.date.fromisoformat(value)
                except ValueError:
                    pass
            cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def database_state():
    """What an import may change, as comparable values: every page and organization row,
    tags, revisions and search entries."""
    fields = [
        f.attname
        for f in OrganizationPage._meta.concrete_fields
        if f.attname not in ("latest_revision_created_at",)
    ]
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "path", "numchild", "title")),
        "organizations": list(OrganizationPage.objects.order_by("pk").values_list(*fields)),
        "tags": list(
            OrganizationPageTag.objects.order_by("pk").values_list("content_object_id", "tag__name")
        ),
        "revisions": Revision.objects.count(),
        "search": list(SearchEntry.objects.values("kind").annotate(n=Count("pk")).order_by("kind")),
    }
