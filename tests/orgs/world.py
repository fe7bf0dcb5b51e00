"""A small, fully known world for page tests: six organizations with notices, records
and a case story, published as the demo loader publishes them: link rows first, then a
publish that gives every page its zh-hant twin (the twins' link rows point at the zh-hans
organizations, as they do on the running site) and its search entries."""

import datetime
import re
from decimal import Decimal

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cases.factories import CasePageFactory
from cases.models import CaseOrganization
from core.dates import today
from disclosure.factories import EvaluationRecordFactory, FundingRecordFactory, NoticePageFactory
from disclosure.models import NoticeOrganization
from orgs.factories import OrganizationPageFactory, credit_code
from tests.shared_world import WorldTestCase
from tests.utils import categories, editor_user, region_tree, site_sections


def build_world():
    sections = site_sections()
    regions = region_tree()
    cats = categories()
    day = today()
    index = sections["orgs"]

    def org(title, slug, region, category, **fields):
        return OrganizationPageFactory(
            parent=index,
            title=title,
            slug=slug,
            region=regions[region],
            category=cats[category],
            **fields,
        )

    hub = org(
        "水果湖街道社区社会组织联合会",
        "hub",
        "shuiguohu",
        "affairs",
        management="registered",
        credit_code=credit_code(7),
        filing_number="",
        filed_on=datetime.date(2019, 9, 2),
    )
    orgs = {
        "qibao": org(
            "东亭社区七宝巡逻队",
            "qibao",
            "dongting",
            "affairs",
            hub=hub,
            filed_on=datetime.date(2016, 3, 15),
            leader_name="刘建国",
            contact_phone="027-86781234",
        ),
        "moxiang": org(
            "茶港社区墨香书画社",
            "moxiang",
            "chagang",
            "culture",
            hub=hub,
            management="community",
            filing_number="",
            filed_on=None,
        ),
        "yangsheng": org(
            "起义门社区养生保健协会",
            "yangsheng",
            "qiyimen",
            "affairs",
            status="revoked",
            filed_on=datetime.date(2019, 8, 6),
            contact_phone="13907165432",
        ),
        "qiaomen": org(
            "青和居社区天天敲门组",
            "qiaomen",
            "qinghe",
            "affairs",
            filed_on=datetime.date(2020, 6, 1),
        ),
        "hub": hub,
        "wudao": org(
            "青和居社区广场舞蹈队",
            "wudao",
            "qinghe",
            "culture",
            status="exiting",
            management="community",
            filing_number="",
            filed_on=None,
            contact_phone="13871239876",
        ),
    }
    orgs["qibao"].tags.add("治安巡逻", "志愿服务")  # written when it is published, below

    recent = day - datetime.timedelta(days=300)
    EvaluationRecordFactory(organization=orgs["qibao"], star_level=3, evaluated_on=recent)
    EvaluationRecordFactory(organization=orgs["hub"], star_level=3, evaluated_on=recent)
    EvaluationRecordFactory(organization=orgs["qiaomen"], star_level=2, evaluated_on=recent)
    # Expired: three years ago, valid for two.
    EvaluationRecordFactory(
        organization=orgs["yangsheng"],
        star_level=1,
        evaluated_on=day - datetime.timedelta(days=1100),
    )
    EvaluationRecordFactory(
        organization=orgs["qibao"],
        kind="satisfaction",
        star_level=None,
        score=Decimal("96.5"),
        evaluated_on=day - datetime.timedelta(days=100),
        evaluator="东亭社区居民委员会",
    )
    FundingRecordFactory(
        organization=orgs["qibao"],
        project_title="东亭社区夜间平安巡逻项目",
        amount=Decimal("48000"),
        year=day.year,
        funder="武昌区民政局",
    )
    FundingRecordFactory(
        organization=orgs["qiaomen"],
        project_title="独居老人敲门关爱项目",
        source_kind="venture_philanthropy",
        amount=Decimal("30000"),
        year=day.year - 1,
    )

    notices_index = sections["notices"]

    def notice(title, slug, kind, starts_in, concerned, period=7):
        page = NoticePageFactory(
            parent=notices_index,
            title=title,
            slug=slug,
            kind=kind,
            starts_on=day + datetime.timedelta(days=starts_in),
            ends_on=day + datetime.timedelta(days=starts_in + period - 1),
            issuer="武昌区水果湖街道办事处",
            objection_contact="公示期内如有异议，请致电 027-87654321。",
        )
        for member in concerned:
            NoticeOrganization.objects.create(notice=page, organization=member)
        return page

    notices = {
        "filing": notice(
            "关于东亭社区七宝巡逻队备案的公示", "filing-qibao", "filing", -3000, [orgs["qibao"]]
        ),
        "change": notice(
            "关于东亭社区七宝巡逻队负责人变更的公示", "change-qibao", "change", -2, [orgs["qibao"]]
        ),
        "exit": notice(
            "关于青和居社区广场舞蹈队终止活动的公示", "exit-wudao", "exit", 3, [orgs["wudao"]]
        ),
        "revocation": notice(
            "关于撤销起义门社区养生保健协会备案的公示",
            "revoke-yangsheng",
            "revocation",
            -200,
            [orgs["yangsheng"]],
        ),
    }
    case = CasePageFactory(
        parent=sections["cases"],
        title="敲门组和巡逻队：独居老人的平安守望",
        slug="knock-and-patrol",
        published_on=day - datetime.timedelta(days=20),
        summary="天天敲门组和七宝巡逻队结对，每天问候辖区独居老人。",
        region=regions["dongting"],
        featured=True,
    )
    for member in (orgs["qibao"], orgs["qiaomen"]):
        CaseOrganization.objects.create(case=case, organization=member)

    # Published as editors publish (the demo loader too): with their tags and link rows,
    # through the publish pipeline, which gives each its zh-hant twin and search entries.
    for page in [*orgs.values(), *notices.values(), case]:
        page.save_revision().publish()
    return {
        "sections": sections,
        "regions": regions,
        "categories": cats,
        "orgs": orgs,
        "notices": notices,
        "cases": {"knock-and-patrol": case},
    }


def ended_organization(world):
    """青和居社区邻里互助队, published as entered from a ledger: ended (已终止), with its
    filing of 2019; a filing notice makes it active again."""
    org = OrganizationPageFactory(
        parent=world["sections"]["orgs"],
        title="青和居社区邻里互助队",
        slug="linli",
        status="exited",
        region=world["regions"]["qinghe"],
        category=world["categories"]["affairs"],
        filing_number="青山钢备字〔2019〕第3号",
        filed_on=datetime.date(2019, 5, 1),
        live=False,
    )
    org.save_revision().publish()
    return org


def twin(page):
    """The zh-hant twin of a zh-hans page, as readers of /zh-hant/ get it."""
    return page.get_translation(Locale.objects.get(language_code="zh-hant")).specific


CARD_TITLE = re.compile(r'class="org-card__title"><a href="[^"]*">([^<]+)</a>')


def listed(response):
    return CARD_TITLE.findall(response.content.decode())


class EditorTestCase(WorldTestCase):
    """The world, and a street editor (not a superuser) logged in to the admin."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = editor_user(cls.world["sections"]["home"])

    def setUp(self):
        self.client.force_login(self.editor)


def organization_form(world, **fields):
    """What the browser posts from the admin's create form for a new organization (filed,
    in 东亭社区); `fields` change any value."""
    data = {
        "title": "东亭社区邻里互助队",
        "slug": "",
        "short_name": "",
        "management": "filed",
        "status": "active",
        "credit_code": "",
        "filing_number": "武昌水备字〔2026〕第17号",
        "founded_on": "2026-01-05",
        "filed_on": "2026-02-01",
        "category": world["categories"]["affairs"].pk,
        "tags": "",
        "region": world["regions"]["dongting"].pk,
        "hub": "",
        "leader_name": "王秀兰",
        "contact_phone": "",
        "address": "",
        "member_count": "12",
        "volunteer_count": "20",
        "description": rich_text(""),
        "archive_documents": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)
