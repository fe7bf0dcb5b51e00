"""Builds the demo site from data/ (regions, categories, organizations, notices, funding,
evaluations, cases, policies). Idempotent: every item has a natural key (a slug, a
code, or the fields that identify a record) and is created only when missing.

Dates in the data are relative to the day of the first load ("starts_in_days",
"years_ago"), so a fresh demo always has notices in their period and this year's money.
"""

import datetime
import io
import json
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.dates import today
from home.site_setup import ensure_site_structure

from . import content
from .images import draw_scene

ABOUT_TEXT = """本站是社区社会组织的公开服务平台，由民政部门和街道办事处共同维护。

居民可以在这里查到身边的社区社会组织：它们做什么、由谁负责、在哪里活动、是否正常活动，以及获得了哪些公共资金支持、星级评估和满意度测评结果如何。

街道办事处和民政局在这里发布社区社会组织的备案、变更、终止和撤销备案公示。公示期内，任何单位和个人对公示内容有异议的，可以在公示页面提交，也可以按公示中载明的联系方式反映；异议人的姓名和联系方式不公开。公示期结束后，公示页面显示收到的异议数量和发布单位公开的处理结果。

政府购买服务、公益创投、福彩公益金、扶持资金等公共资金的资助项目和金额，按照“服务项目及财政资金扶持额度向社会公布”的要求在“信息公开”栏目公开，接受社会监督。"""


class DemoLoader:
    def __init__(self, log=print, day=None):
        self.log = log
        self.today = day or today()
        self.created = {}

    def count(self, kind):
        self.created[kind] = self.created.get(kind, 0) + 1

    def at_noon(self, day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))

    @transaction.atomic
    def run(self):
        """Loads what is missing, then gives it zh-hant twins in one pass (unless
        settings.SYNC_TRADITIONAL is off): syncing page by page as each is published
        would convert the regions and the index pages over and over."""
        from django.conf import settings

        from translation.sync import sync_paused, sync_site

        with sync_paused():
            self.load()
        if getattr(settings, "SYNC_TRADITIONAL", True):
            synced = sync_site(only_missing=True)
            if synced:
                self.log(f"synced {synced} pages and snippets to zh-hant")
        return self.created

    def load(self):
        self.locale = Locale.get_default()
        self.home = ensure_site_structure()
        sections = {child.slug: child for child in self.home.get_children().specific()}
        self.orgs_index = sections["orgs"]
        self.notices_index = sections["notices"]
        self.cases_index = sections["cases"]
        self.policies_index = sections["policies"]
        self.about_page = sections["about"]
        self.load_categories()
        self.load_regions()
        self.load_organizations()
        self.load_filing_notices()
        self.load_notices()
        self.load_funding()
        self.load_evaluations()
        self.load_half_year_reports()
        self.load_cases()
        self.load_policies()
        self.load_about()

    # Reference lists -------------------------------------------------------------------
    def load_categories(self):
        from taxonomy.models import Category

        self.categories = {}
        for order, row in enumerate(content.read_toml("categories.toml")["category"]):
            category = Category.objects.filter(locale=self.locale, slug=row["slug"]).first()
            if category is None:
                category = Category(
                    locale=self.locale,
                    slug=row["slug"],
                    name=row["name"],
                    description=row.get("description", ""),
                    sort_order=order,
                )
                category.full_clean()
                category.save()
                self.count("categories")
            self.categories[row["slug"]] = category

    def load_regions(self):
        from taxonomy.models import Region

        self.regions = {}

        def ensure(code, name, level, parent):
            region = Region.objects.filter(locale=self.locale, code=code).first()
            if region is None:
                region = Region(
                    locale=self.locale, code=code, name=name, level=level, parent=parent
                )
                region.full_clean()
                region.save()
                self.count("regions")
            self.regions[code] = region
            return region

        for district in content.read_toml("regions.toml")["district"]:
            d = ensure(district["code"], district["name"], Region.Level.DISTRICT, None)
            d.city = district.get("city", "")
            for street in district.get("street", []):
                s = ensure(street["code"], street["name"], Region.Level.STREET, d)
                for community in street.get("community", []):
                    ensure(community["code"], community["name"], Region.Level.COMMUNITY, s)

    # Pages -----------------------------------------------------------------------------
    def publish_child(self, parent, page, published_on=None):
        if published_on:
            page.first_published_at = self.at_noon(published_on)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def load_organizations(self):
        from orgs.models import ArchiveDocument, OrganizationPage

        rows = content.read_toml("organizations.toml")["organization"]
        existing = {p.slug: p for p in OrganizationPage.objects.child_of(self.orgs_index)}
        self.orgs = dict(existing)
        self.org_rows = {row["slug"]: row for row in rows}
        # Hubs first, so members can point at them.
        rows = sorted(rows, key=lambda row: "hub" in row)
        for row in rows:
            if row["slug"] in self.orgs:
                continue
            page = OrganizationPage(
                title=row["title"],
                slug=row["slug"],
                locale=self.locale,
                short_name=row.get("short_name", ""),
                management=row["management"],
                category=self.categories[row["category"]],
                region=self.regions[row["region"]],
                hub=self.orgs.get(row["hub"]) if row.get("hub") else None,
                credit_code=row.get("credit_code", ""),
                filing_number=row.get("filing_number", ""),
                leader_name=row["leader_name"],
                contact_phone=row.get("contact_phone", ""),
                address=row.get("address", ""),
                member_count=row.get("member_count", 0),
                volunteer_count=row.get("volunteer_count", 0),
                founded_on=row.get("founded_on"),
                filed_on=row.get("filed_on"),
                description=content.paragraphs_html(row.get("description", "")),
            )
            page.tags.add(*row.get("tags", []))
            if row["management"] != "community":
                # The charter is public: the first document of the organization's archive.
                page.archive_documents.add(
                    ArchiveDocument(
                        kind=ArchiveDocument.Kind.CHARTER,
                        document=self.charter_for(row),
                        dated_on=row.get("filed_on") or row.get("founded_on"),
                        visibility=ArchiveDocument.Visibility.PUBLIC,
                    )
                )
            self.publish_child(self.orgs_index, page, row.get("filed_on") or row.get("founded_on"))
            self.orgs[row["slug"]] = page
            self.count("organizations")

    def charter_for(self, row):
        Document = get_document_model()
        title = f"{row['title']}章程"
        document = Document.objects.filter(title=title).first()
        if document is None:
            text = charter_text(row)
            document = Document(title=title)
            document.file.save(
                f"charter-{row['slug']}.txt", ContentFile(text.encode("utf-8")), save=False
            )
            document.save()
            self.count("documents")
        return document

    def notice_exists(self, slug):
        return self.notices_index.get_children().filter(slug=slug).exists()

    def create_notice(
        self,
        slug,
        kind,
        title,
        issuer,
        reference_number,
        starts_on,
        period_days,
        organizations,
        body,
        objection_contact,
    ):
        from disclosure.models import NoticeOrganization, NoticePage

        notice = NoticePage(
            title=title,
            slug=slug,
            locale=self.locale,
            kind=kind,
            issuer=issuer,
            reference_number=reference_number,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=period_days - 1),
            objection_contact=objection_contact,
            body=json.dumps(content.body_blocks(body)),
        )
        notice.notice_organizations = [
            NoticeOrganization(organization=org) for org in organizations
        ]
        self.publish_child(self.notices_index, notice, min(starts_on, self.today))
        self.count("notices")
        return notice

    def load_filing_notices(self):
        for slug, row in self.org_rows.items():
            notice_slug = f"filing-{slug}"
            if self.notice_exists(notice_slug):
                continue
            org = self.orgs[slug]
            region = org.region
            street = region if region.level == 2 else region.parent
            # A filing notice gives a 街道备案 organization its filing date, its first day
            # (orgs/lifecycle.py); the data's status is what the notices decide.
            starts_on = row.get("filed_on") or row.get("founded_on") + datetime.timedelta(days=30)
            management = row["management"]
            if management == "registered":
                issuer = f"{street.parent.name}民政局"
                title = f"关于{org.title}成立登记的公示"
                reason = "经审查，该组织符合社会组织成立登记条件，拟准予成立登记。"
            elif management == "filed":
                issuer = f"{street.parent.name}{street.name}办事处"
                title = f"关于{org.title}备案的公示"
                reason = "经社区居(村)委会初审、街道办事处审核，该组织符合社区社会组织备案条件，拟予以备案并颁发《社区社会组织备案证书》。"
            else:
                issuer = f"{region.name}居民委员会" if region.level == 3 else f"{street.name}办事处"
                title = f"关于{org.title}纳入社区管理的公示"
                reason = "该组织规模较小，拟纳入社区党组织领导、居(村)委会指导的社区管理。"
            body = (
                f"{reason}\n\n组织名称：{org.title}\n\n所在区域：{region.full_name}\n\n"
                f"负责人：{org.leader_name}\n\n活动内容：{row.get('description', '').split(chr(10))[0]}"
            )
            self.create_notice(
                notice_slug,
                "filing",
                title,
                issuer,
                row.get("filing_number", ""),
                starts_on,
                7,
                [org],
                body,
                f"公示期内如有异议，请向{issuer}反映。",
            )

    def load_notices(self):
        for row in content.read_toml("notices.toml")["notice"]:
            if self.notice_exists(row["slug"]):
                continue
            starts_on = self.today + datetime.timedelta(days=row["starts_in_days"])
            self.create_notice(
                row["slug"],
                row["kind"],
                row["title"],
                row["issuer"],
                row.get("reference_number", ""),
                starts_on,
                row["period_days"],
                [self.orgs[s] for s in row["organizations"]],
                row["body"],
                row.get("objection_contact", ""),
            )

    # Records ---------------------------------------------------------------------------
    def load_records(self, model, filename, table, label, month_day, fields):
        """Records of one organization each, from the rows of `table` in `filename`, dated
        `years_ago` before this year, on `month_day` unless a row gives its own day.
        `fields(row, year, day)` gives the record's natural key (besides the organization)
        and the rest; a row's `notice` is the slug of the notice that announced it. A
        record that exists already is left as it is, but for the link to its notice when
        it has none (a demo loaded before records named their notices)."""
        rows = content.read_toml(filename)[table]
        notices = self.notices_named({row["notice"] for row in rows if "notice" in row})
        for row in rows:
            year = self.today.year - row["years_ago"]
            month, day = row.get("month", month_day[0]), row.get("day", month_day[1])
            key, defaults = fields(row, year, safe_date(year, month, day, self.today))
            notice = notices.get(row.get("notice"))
            record, created = model.objects.get_or_create(
                organization=self.orgs[row["organization"]],
                **key,
                defaults={**defaults, "notice": notice},
            )
            if created:
                record.full_clean()
                self.count(label)
            elif notice is not None and record.notice_id is None:
                record.notice = notice
                record.full_clean()
                record.save(update_fields=["notice", "updated_at"])
                self.count(f"{label} linked to their notices")

    def notices_named(self, slugs):
        """The zh-hans notices with these slugs, by slug; a slug the data names but no
        notice has is an error in the data."""
        from disclosure.models import NoticePage

        notices = {
            notice.slug: notice
            for notice in NoticePage.objects.child_of(self.notices_index).filter(slug__in=slugs)
        }
        if missing := slugs - notices.keys():
            raise ValueError(f"no demo notice with the slug {', '.join(sorted(missing))}")
        return notices

    def load_funding(self):
        from disclosure.models import FundingRecord

        def fields(row, year, day):
            key = {"project_title": row["project_title"], "year": year}
            return key, {
                "source_kind": row["source_kind"],
                "funder": row["funder"],
                "amount": Decimal(row["amount"]),
                "awarded_on": day,
                "round": row.get("round", "").format(year=year),
            }

        self.load_records(
            FundingRecord, "funding.toml", "funding", "funding records", (1, 1), fields
        )

    def load_evaluations(self):
        from disclosure.models import EvaluationRecord

        def fields(row, year, day):
            return {"kind": row["kind"], "evaluated_on": day}, {
                "star_level": row.get("star_level"),
                "score": Decimal(row["score"]) if "score" in row else None,
                "evaluator": row["evaluator"],
            }

        self.load_records(
            EvaluationRecord,
            "evaluations.toml",
            "evaluation",
            "evaluation records",
            (11, 15),
            fields,
        )

    def load_half_year_reports(self):
        """Hubs' half-year reports, by the half-years completed before the first load
        (half_year_reports.toml). A hub that has reports already is left alone, so a run
        in a later half-year adds none (the demo stays as first loaded)."""
        from orgs.half_year import last_completed_half_year
        from orgs.models import HalfYearReport, HalfYearReportLine

        reported = set(HalfYearReport.objects.values_list("hub_id", flat=True))
        for row in content.read_toml("half_year_reports.toml")["report"]:
            half_year = last_completed_half_year(self.today)
            for _step in range(row["ago"] - 1):
                half_year = half_year.previous()
            hub = self.orgs[row["hub"]]
            if hub.pk in reported:
                continue
            report = HalfYearReport(
                hub=hub,
                year=half_year.year,
                half=half_year.half,
                submitted_on=half_year.ends_on
                + datetime.timedelta(days=row["submitted_days_after"]),
            )
            for line in row["lines"]:
                report.lines.add(
                    HalfYearReportLine(
                        organization=self.orgs[line["organization"]],
                        activities=line["activities"],
                        members=line["members"],
                        funds_used=Decimal(line["funds_used"]),
                    )
                )
            report.save()
            self.count("half-year reports")

    def load_cases(self):
        from cases.models import CaseOrganization, CasePage

        for index, row in enumerate(content.read_toml("cases.toml")["case"]):
            if self.cases_index.get_children().filter(slug=row["slug"]).exists():
                continue
            hero = self.image(
                f"{row['title']}（题图）",
                row.get("palette", "slate"),
                1000 + index,
                row.get("image_alt", row["title"]),
            )
            scene = self.image(
                f"{row['title']}（活动现场）",
                row.get("palette", "slate"),
                2000 + index,
                row.get("image_alt", row["title"]),
            )
            blocks = content.body_blocks(row["body"])
            blocks.insert(
                min(2, len(blocks)),
                {
                    "type": "image",
                    "value": {
                        "image": {
                            "image": scene.pk,
                            "decorative": False,
                            "alt_text": scene.description,
                        },
                        "caption": "活动现场（示意插图）",
                    },
                },
            )
            published_on = self.today + datetime.timedelta(days=row.get("published_in_days", -30))
            case = CasePage(
                title=row["title"],
                slug=row["slug"],
                locale=self.locale,
                published_on=published_on,
                summary=row["summary"],
                hero_image=hero,
                region=self.regions.get(row.get("region")),
                featured=row.get("featured", False),
                body=json.dumps(blocks),
                outcomes=json.dumps(
                    [{"type": "outcome", "value": text} for text in row.get("outcomes", [])]
                ),
            )
            case.case_organizations = [
                CaseOrganization(organization=self.orgs[s]) for s in row["organizations"]
            ]
            case.tags.add(*row.get("tags", []))
            self.publish_child(self.cases_index, case, published_on)
            self.count("cases")

    def image(self, title, palette, seed, alt):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            data = io.BytesIO(draw_scene(palette, seed))
            image = Image(
                title=title, description=alt, file=ImageFile(data, name=f"demo-{seed}.jpg")
            )
            image.save()
            self.count("images")
        return image

    def load_policies(self):
        from home.models import StandardPage

        for policy in content.policies():
            if self.policies_index.get_children().filter(slug=policy.slug).exists():
                continue
            body = [
                {
                    "type": kind,
                    "value": text if kind == "heading" else content.paragraphs_html(text),
                }
                for kind, text in policy.blocks
            ]
            page = StandardPage(
                title=policy.title,
                slug=policy.slug,
                locale=self.locale,
                summary=policy.summary,
                issuer=policy.issuer,
                issued_on=policy.issued_on,
                reference_number=policy.reference_number,
                source=policy.source,
                body=json.dumps(body),
            )
            self.publish_child(self.policies_index, page, policy.issued_on)
            self.count("policies")
        index = self.policies_index.specific
        if not index.summary:
            index.summary = (
                "培育发展社区社会组织的政策文件：备案与退出、资金扶持、评估和“五社联动”。"
            )
            index.save_revision().publish()

    def load_about(self):
        about = self.about_page.specific
        if not about.body:
            about.summary = "本站的服务对象、内容来源和异议反映渠道。"
            about.body = json.dumps(
                [{"type": "paragraph", "value": content.paragraphs_html(ABOUT_TEXT)}]
            )
            about.save_revision().publish()
            self.count("about page")


def safe_date(year, month, day, latest):
    """A date from the data, clamped so that "this year" records never lie in the future."""
    try:
        value = datetime.date(year, month, day)
    except ValueError:
        value = datetime.date(year, month, 28)
    return min(value, latest)


def charter_text(row):
    return f"""{row["title"]}章程

（参照民政部办公厅印发的《社区社会组织章程示范文本》制定）

第一章 总则
第一条 本组织名称为{row["title"]}。
第二条 本组织是由{row.get("address", "本社区").split("党群")[0]}居民自愿组成的公益性、服务性、互助性社区社会组织，在社区党组织领导下开展活动，接受居(村)民委员会的指导和街道办事处的管理。
第三条 本组织遵守宪法、法律、法规和国家政策，践行社会主义核心价值观，遵守社会道德风尚。

第二章 业务范围
第四条 本组织的业务范围：{"、".join(row.get("tags", [])) or "社区服务"}等社区服务活动。

第三章 成员
第五条 凡本社区居民，承认本章程，自愿参加本组织活动的，均可申请成为成员。
第六条 成员享有参加活动、选举和被选举、对本组织工作提出批评建议的权利，履行遵守章程、执行决议的义务。

第四章 组织机构和负责人
第七条 成员大会是本组织的最高权力机构，每年至少召开一次。
第八条 本组织负责人由成员大会选举产生，任期三年，可连选连任。

第五章 资金管理和信息公开
第九条 本组织接受的资助款项专款专用，收支情况每半年向成员和社区居(村)委会公开一次。

第六章 终止
第十条 本组织终止活动，应经全体成员会议表决通过，向居(村)委会提出申请，报街道办事处批准后公示。

第七章 附则
第十一条 本章程经成员大会表决通过，报街道办事处备案后生效。
"""
