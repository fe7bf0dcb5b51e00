"""Plausible organizations in bulk, for benchmarks at city scale (`load_demo --orgs N`).

Wagtail's add_child() and publish() cost tens of milliseconds a page; 40,000
organizations with their notices would take hours. Here pages are written in bulk
instead, by core.bulk_pages (shared with the ledger import): tree paths computed by
treebeard's own helpers, Page rows bulk-inserted, the rows of the specific page tables
(which Django cannot bulk_create for multi-table inheritance) inserted with executemany.

Generated organizations have slugs gen-00001 …, and are deterministic (seeded by their
number), so asking for N again adds nothing and asking for more adds only the rest.
Their grants and star ratings are announced, street by street, by a funding notice and
a results notice a year (gen-funding-<street code>-<year>, gen-evaluation-…), which a
later run with more organizations extends.
Their zh-hant twins (and those of the generated regions) are written in bulk the same
way, by scale_twins. The search index is not updated here; rebuild it afterwards.
"""

import datetime
import random
import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Locale

from core import content_cache
from core.bulk_pages import BATCH, TreeSlots, save_pages
from core.dates import today

ORGS_PER_COMMUNITY = 20  # Wuhan's target for urban communities (seed 002 §3)
COMMUNITIES_PER_STREET = 12

PLACE_WORDS = (
    "长青 和平 幸福 新华 光明 建设 友谊 东湖 南湖 西苑 北港 民主 团结 安居 金桥 花园 翠竹 丽水 "
    "紫阳 星火 青山 白沙 桃源 杏林 锦绣 滨江 朝阳 春晖 凤凰 桂花 华景 嘉禾 康乐 兰亭 茂林 宁远"
).split()
ACTIVITIES = {
    "gongyi-cishan": ["爱心助学", "扶老助困", "恤病助残", "慈善帮扶", "邻里互助"],
    "shenghuo-fuwu": ["老年助餐", "便民维修", "托幼看护", "家政互助", "健康义诊"],
    "shequ-shiwu": ["平安巡逻", "纠纷调解", "垃圾分类", "楼栋议事", "法律援助", "心理疏导"],
    "wenti-huodong": ["广场舞", "太极拳", "书画", "合唱", "象棋", "戏曲", "乒乓球"],
}
KINDS = ["志愿服务队", "协会", "互助会", "服务站", "小组", "队"]
TAGS = {
    "gongyi-cishan": ["志愿服务", "扶老助困", "助残", "邻里互助"],
    "shenghuo-fuwu": ["养老", "助餐", "便民服务", "儿童关爱"],
    "shequ-shiwu": ["治安巡逻", "纠纷调处", "心理疏导", "环境保护", "法律服务"],
    "wenti-huodong": ["文体活动", "志愿服务"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "秀兰 建国 桂英 志强 丽华 国庆 淑珍 海燕 德明 玉梅 春生 红霞 卫东 金凤 永胜 晓梅 文华 爱民 素芳 家豪".split()
SOURCES = [
    ("government_purchase", "区民政局", (20000, 120000)),
    ("venture_philanthropy", "区社会组织服务中心", (10000, 60000)),
    ("welfare_lottery", "市民政局", (5000, 50000)),
    ("subsidy", "区民政局", (2000, 20000)),
    ("community_benefit", "社区居民委员会", (3000, 30000)),
    ("award_subsidy", "街道办事处", (5000, 20000)),
    ("community_fund", "社区基金会", (2000, 15000)),
]
STATUSES = [("active", 88), ("exiting", 2), ("exited", 5), ("revoked", 4), ("deregistered", 1)]
# The notices that announce generated records: for each street and year, one of each
# kind, issued by the street office the next January (a year not announced yet stays so).
ANNOUNCEMENTS = {  # kind: (title, text, mark in the 文号, first day)
    "funding": (
        "{street}{year}年度社区社会组织资助项目公示",
        "现将{year}年度本街道社区社会组织获得的政府购买服务、公益创投和各类扶持资金公示如下。",
        "资",
        (1, 15),
    ),
    "evaluation": (
        "{street}{year}年度社区社会组织星级评估结果公示",
        "现将{year}年度本街道社区社会组织星级评估结果公示如下，评估等级有效期两年。",
        "评",
        (1, 10),
    ),
}


def generate_organizations(total, log=print, seed=2026):
    """Make sure organizations gen-00001 … gen-{total} exist; returns what was created."""
    from disclosure.models import NoticeIndexPage
    from orgs.models import OrganizationIndexPage
    from taxonomy.models import Category

    from .scale_twins import make_traditional_twins

    locale = Locale.get_default()
    orgs_index = OrganizationIndexPage.objects.get(locale=locale, slug="orgs")
    notices_index = NoticeIndexPage.objects.get(locale=locale, slug="notices")
    existing = set(
        orgs_index.get_children().filter(slug__startswith="gen-").values_list("slug", flat=True)
    )
    wanted = [n for n in range(1, total + 1) if f"gen-{n:05d}" not in existing]
    created = {}
    if wanted:
        categories = {
            c.slug: c for c in Category.objects.filter(locale=locale, slug__in=ACTIVITIES)
        }
        communities = ensure_communities(locale, total, log)
        builder = BulkBuilder(locale, orgs_index, notices_index, categories, communities, seed, log)
        with transaction.atomic():
            created = builder.run(wanted)
    # Also when nothing was wanted: generated pages of an earlier run may lack twins.
    created.update(make_traditional_twins(locale, orgs_index, notices_index, log))
    if not created:
        return {}
    content_cache.bump()  # bulk writes send no signals
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after a bulk load (both databases)
    return created


def ensure_communities(locale, total, log):
    """Enough communities for ~20 organizations each, spread over the demo districts."""
    from taxonomy.models import Region

    needed = max(1, total // ORGS_PER_COMMUNITY)
    communities = list(
        Region.objects.filter(locale=locale, level=Region.Level.COMMUNITY).order_by("code")
    )
    districts = list(
        Region.objects.filter(locale=locale, level=Region.Level.DISTRICT).order_by("code")
    )
    if len(communities) >= needed or not districts:
        return communities
    missing = needed - len(communities)
    log(f"adding {missing} generated communities for scale")
    streets_needed = -(-missing // COMMUNITIES_PER_STREET)
    # Generated streets have serials from 500; number new ones after those of earlier
    # runs (a larger N later), or their codes would collide.
    first = sum(
        1
        for code in Region.objects.filter(locale=locale, level=Region.Level.STREET).values_list(
            "code", flat=True
        )
        if int(code[-3:]) >= 500
    )

    def child(parent, level, serial, name):
        return Region(
            locale=locale, level=level, parent=parent, code=f"{parent.code}{serial:03d}", name=name
        )

    new_streets = []
    for number in range(first, first + streets_needed):
        word = (
            PLACE_WORDS[number % len(PLACE_WORDS)]
            + PLACE_WORDS[(number // len(PLACE_WORDS)) % len(PLACE_WORDS)]
        )
        district = districts[number % len(districts)]
        serial = 500 + number // len(districts)
        new_streets.append(child(district, Region.Level.STREET, serial, f"{word}街道"))
    Region.objects.bulk_create(new_streets)
    new_communities = []
    for number in range(missing):
        word = PLACE_WORDS[(number * 7) % len(PLACE_WORDS)] + ("里" if number % 3 else "苑")
        street = new_streets[number // COMMUNITIES_PER_STREET]
        serial = number % COMMUNITIES_PER_STREET + 1
        new_communities.append(child(street, Region.Level.COMMUNITY, serial, f"{word}社区"))
    Region.objects.bulk_create(new_communities, batch_size=BATCH)
    return list(Region.objects.filter(locale=locale, level=Region.Level.COMMUNITY).order_by("code"))


class BulkBuilder:
    def __init__(self, locale, orgs_index, notices_index, categories, communities, seed, log):
        self.locale = locale
        self.orgs_index = orgs_index
        self.notices_index = notices_index
        self.categories = categories
        self.communities = communities
        self.seed = seed
        self.log = log
        self.today = today()
        self.now = timezone.now()
        self.org_slots = TreeSlots(orgs_index)
        self.notice_slots = TreeSlots(notices_index)

    def base_page(self, model, title, slug, parent, slots, published_on):
        published = timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(9)))
        page = model(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=ContentType.objects.get_for_model(model),
            path=slots.take(),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            locale=self.locale,
            translation_key=uuid.uuid4(),
        )
        return page

    def save_pages(self, model, pages):
        save_pages(model, pages)

    def run(self, numbers):
        from taggit.models import Tag

        from disclosure.models import (
            EvaluationRecord,
            FundingRecord,
            NoticeOrganization,
            NoticePage,
        )
        from orgs.models import OrganizationPage, OrganizationPageTag, OrganizationStatusChange

        tags = {}
        for names in TAGS.values():
            for name in names:
                if name not in tags:
                    tags[name] = Tag.objects.get_or_create(
                        name=name, defaults={"slug": f"tag-{len(tags)}"}
                    )[0]

        plans = [self.plan(number) for number in numbers]
        self.log(f"writing {len(plans)} organizations")
        orgs = [plan["page"] for plan in plans]
        self.save_pages(OrganizationPage, orgs)

        OrganizationPageTag.objects.bulk_create(
            [
                OrganizationPageTag(content_object_id=plan["page"].pk, tag=tags[name])
                for plan in plans
                for name in plan["tags"]
            ],
            batch_size=BATCH,
        )

        # The announcing notices first, so that an organization's own notices stay the
        # newest pages (bench/pages.py measures the last one).
        announcing, announced, new_announcing = self.announcements(plans)
        notices, links = list(new_announcing), []
        for plan in plans:
            for notice in plan["notices"]:
                notices.append(notice)
                links.append((notice, plan["page"]))
        self.log(f"writing {len(notices)} notices")
        self.save_pages(NoticePage, notices)
        for record, key in announced:
            record.notice_id = announcing[key].pk
        concerned = {(record.notice_id, record.organization.pk) for record, _key in announced}
        NoticeOrganization.objects.bulk_create(
            [
                NoticeOrganization(notice_id=n.pk, organization_id=o.pk, sort_order=0)
                for n, o in links
            ]
            + [
                NoticeOrganization(notice_id=notice_id, organization_id=org_id, sort_order=0)
                for notice_id, org_id in sorted(concerned)
            ],
            batch_size=BATCH,
        )
        self.extend_twins_of_earlier_notices(concerned, new_announcing)
        changes = [change for plan in plans for change in plan["status_changes"]]
        for change in changes:
            change.organization_id = change.organization.pk
            change.notice_id = change.notice.pk if change.notice else None
        OrganizationStatusChange.objects.bulk_create(changes, batch_size=BATCH)
        funding = [r for plan in plans for r in plan["funding"]]
        evaluations = [r for plan in plans for r in plan["evaluations"]]
        for record in funding + evaluations:
            record.organization_id = record.organization.pk
        FundingRecord.objects.bulk_create(funding, batch_size=BATCH)
        EvaluationRecord.objects.bulk_create(evaluations, batch_size=BATCH)
        self.org_slots.commit()
        self.notice_slots.commit()
        return {
            "generated organizations": len(orgs),
            "generated notices": len(notices),
            "generated funding records": len(funding),
            "generated evaluation records": len(evaluations),
        }

    def announcements(self, plans):
        """The notices that announce the planned grants and star ratings (ANNOUNCEMENTS):
        ({key: notice}, [(record, key)], the notices to write), where a key is (kind,
        street code, year). Notices of an earlier run are reused: it may have generated
        other organizations of the same street."""
        from disclosure.models import NoticePage

        announced, streets = [], {}
        for plan in plans:
            street = plan["page"].region.parent
            streets[street.code] = street
            records = [(NoticePage.Kind.FUNDING, r, r.year) for r in plan["funding"]] + [
                (NoticePage.Kind.EVALUATION, r, r.evaluated_on.year)
                for r in plan["evaluations"]
                if r.kind == "star"
            ]
            for kind, record, year in records:
                if announced_on(kind, year) <= self.today:
                    announced.append((record, (kind, street.code, year)))
        earlier = {
            notice.slug: notice
            for notice in NoticePage.objects.child_of(self.notices_index)
            .filter(slug__startswith="gen-")
            .filter(Q(kind=NoticePage.Kind.FUNDING) | Q(kind=NoticePage.Kind.EVALUATION))
            .only("pk", "slug", "translation_key")
        }
        announcing, new = {}, []
        for key in sorted({key for _record, key in announced}):
            kind, code, year = key
            slug = f"gen-{kind}-{code}-{year}"
            if slug not in earlier:
                new.append(self.announcing_notice(kind, streets[code], year, slug))
                earlier[slug] = new[-1]
            announcing[key] = earlier[slug]
        return announcing, announced, new

    def announcing_notice(self, kind, street, year, slug):
        title, text, mark, _day = ANNOUNCEMENTS[kind]
        title = title.format(street=street.name, year=year)
        issuer = f"{street.parent.name}{street.name}办事处"
        notice = self.notice(kind, title, slug, issuer, announced_on(kind, year), title)
        notice.reference_number = f"{street.name.removesuffix('街道')}街{mark}〔{year + 1}〕1号"
        notice.body = [("paragraph", f"<p>{text.format(year=year)}</p>")]
        return notice

    def extend_twins_of_earlier_notices(self, concerned, new_notices):
        """The zh-hant twins of announcing notices written by an earlier run concern the
        organizations the sources now concern too (new notices get their twins, with
        their rows, from scale_twins)."""
        from disclosure.models import NoticeOrganization, NoticePage

        new_ids = {notice.pk for notice in new_notices}
        earlier_ids = {notice_id for notice_id, _org in concerned} - new_ids
        if not earlier_ids:
            return
        keys = dict(
            NoticePage.objects.filter(pk__in=earlier_ids).values_list("pk", "translation_key")
        )
        twins = dict(
            NoticePage.objects.filter(translation_key__in=keys.values())
            .exclude(locale=self.locale)
            .values_list("translation_key", "pk")
        )
        NoticeOrganization.objects.bulk_create(
            [
                NoticeOrganization(
                    notice_id=twins[keys[notice_id]], organization_id=org_id, sort_order=0
                )
                for notice_id, org_id in sorted(concerned)
                if notice_id in earlier_ids and keys[notice_id] in twins
            ],
            batch_size=BATCH,
        )

    def plan(self, number):
        """Everything about generated organization `number`, from its own random seed."""
        from disclosure.models import EvaluationRecord, FundingRecord, NoticePage
        from orgs.lifecycle import deciding_change, planned_changes
        from orgs.models import OrganizationPage, OrganizationStatusChange
        from orgs.validators import make_credit_code

        rng = random.Random(self.seed * 1_000_003 + number)
        community = self.communities[(number - 1) // ORGS_PER_COMMUNITY % len(self.communities)]
        street = community.parent
        district = street.parent
        category_slug = rng.choice(sorted(self.categories))
        activity = rng.choice(ACTIVITIES[category_slug])
        kind = rng.choice(KINDS)
        title = f"{community.name}{activity}{kind}"
        status = rng.choices([s for s, _ in STATUSES], weights=[w for _, w in STATUSES])[0]
        management = rng.choices(["filed", "community", "registered"], weights=[60, 35, 5])[0]
        founded_on = self.today - datetime.timedelta(days=rng.randint(200, 3650))
        filed_on = founded_on + datetime.timedelta(days=rng.randint(20, 120))
        slug = f"gen-{number:05d}"
        page = self.base_page(
            OrganizationPage, title, slug, self.orgs_index, self.org_slots, filed_on
        )
        page.short_name = f"{activity}{kind}"
        page.management = management
        page.status = status
        page.category = self.categories[category_slug]
        page.region = community
        page.credit_code = (
            make_credit_code(number, district.code) if management == "registered" else ""
        )
        page.filing_number = (
            f"{district.name[:2]}备〔{filed_on.year}〕G{number:05d}号"
            if management == "filed"
            else ""
        )
        page.leader_name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        page.contact_phone = f"0{rng.randint(10, 99)}-{rng.randint(60000000, 89999999)}"
        page.address = f"{district.name}{street.name}{community.name}党群服务中心"
        page.member_count = rng.randint(5, 60)
        page.volunteer_count = rng.randint(0, 120)
        page.founded_on = founded_on
        page.filed_on = filed_on if management != "community" else None
        page.description = (
            f"<p>{title}由{community.name}居民自发组成，主要开展{activity}等活动，"
            f"服务对象为辖区居民。欢迎热心居民加入。</p>"
        )

        issuer = f"{district.name}{street.name}办事处"
        notices = [
            self.notice(
                NoticePage.Kind.FILING,
                f"关于{title}备案的公示",
                f"{slug}-filing",
                issuer,
                filed_on,  # its first day is the filing date (orgs/lifecycle.py)
                title,
            )
        ]
        if rng.random() < 0.15:
            starts = filed_on + datetime.timedelta(days=rng.randint(100, 900))
            if starts < self.today:
                notices.append(
                    self.notice(
                        NoticePage.Kind.CHANGE,
                        f"关于{title}负责人变更的公示",
                        f"{slug}-change",
                        issuer,
                        starts,
                        title,
                    )
                )
        # Exit notices are open (exiting) or past; a revocation is past. (A drawn
        # "deregistered" is an exit that ended: 已注销 for a 依法登记 organization.)
        ending = {
            "exiting": (NoticePage.Kind.EXIT, "关于{}终止活动的公示", "exit", (0, 6)),
            "exited": (NoticePage.Kind.EXIT, "关于{}终止活动的公示", "exit", (30, 700)),
            "deregistered": (NoticePage.Kind.EXIT, "关于{}终止活动的公示", "exit", (30, 700)),
            "revoked": (
                NoticePage.Kind.REVOCATION,
                "关于撤销{}备案的公示",
                "revocation",
                (30, 700),
            ),
        }.get(status)
        if ending:
            kind, heading, suffix, days_ago = ending
            starts = self.today - datetime.timedelta(days=rng.randint(*days_ago))
            notices.append(
                self.notice(kind, heading.format(title), f"{slug}-{suffix}", issuer, starts, title)
            )

        # The status is what the notices decide (the drawn one chose the ending notice):
        # an exit ends a 依法登记 organization as 已注销, any other as 已终止.
        changes = [
            OrganizationStatusChange(
                organization=page, cause=OrganizationStatusChange.Cause.ENTERED, status="active"
            )
        ]
        for notice in notices:
            changes.extend(planned_changes(notice, page))
        page.status = deciding_change(changes, self.today).status
        for change in changes:
            change.applied = change.effective_on is None or change.effective_on <= self.today

        funding = []
        if rng.random() < 0.4:
            for _ in range(rng.randint(1, 3)):
                source, funder, (low, high) = rng.choice(SOURCES)
                year = self.today.year - rng.randint(0, 3)
                awarded_on = min(
                    datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)), self.today
                )
                funding.append(
                    FundingRecord(
                        organization=page,
                        project_title=f"{community.name}{activity}服务项目",
                        source_kind=source,
                        funder=f"{district.name}{funder}" if "区" in funder else funder,
                        amount=Decimal(rng.randrange(low, high, 100)),
                        year=awarded_on.year,
                        awarded_on=awarded_on,
                        round=f"{awarded_on.year}年度{district.name}社区服务项目",
                    )
                )
        evaluations = []
        if rng.random() < 0.5:
            evaluated_on = datetime.date(
                self.today.year - rng.randint(1, 3), rng.randint(10, 12), rng.randint(1, 28)
            )
            record = EvaluationRecord(
                organization=page,
                kind="star",
                star_level=rng.choices([1, 2, 3], [3, 4, 2])[0],
                evaluated_on=evaluated_on,
                evaluator=f"{district.name}社会组织评估中心",
            )
            record.fill_valid_until()
            evaluations.append(record)
        if rng.random() < 0.3:
            evaluated_on = self.today - datetime.timedelta(days=rng.randint(30, 700))
            record = EvaluationRecord(
                organization=page,
                kind="satisfaction",
                score=Decimal(rng.randint(700, 1000)) / 10,
                evaluated_on=evaluated_on,
                evaluator=f"{community.name}居民委员会",
            )
            record.fill_valid_until()
            evaluations.append(record)
        return {
            "page": page,
            "tags": rng.sample(TAGS[category_slug], k=min(2, len(TAGS[category_slug]))),
            "notices": notices,
            "status_changes": changes,
            "funding": funding,
            "evaluations": evaluations,
        }

    def notice(self, kind, title, slug, issuer, starts_on, org_title):
        from disclosure.models import NoticePage

        page = self.base_page(
            NoticePage,
            title,
            slug,
            self.notices_index,
            self.notice_slots,
            min(starts_on, self.today),
        )
        page.kind = kind
        page.issuer = issuer
        page.reference_number = ""
        page.starts_on = starts_on
        page.ends_on = starts_on + datetime.timedelta(days=6)
        page.objection_contact = f"公示期内如有异议，请向{issuer}反映。"
        page.body = [("paragraph", f"<p>{org_title}：{NoticePage.Kind(kind).label}。</p>")]
        return page


def announced_on(kind, year):
    """The first day of the notice that announces `kind` records of `year`."""
    *_text, (month, day) = ANNOUNCEMENTS[kind]
    return datetime.date(year + 1, month, day)
