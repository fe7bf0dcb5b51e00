"""Listings, search, choosers and reports show an editor their regions' rows only;
records' admin views refuse another street's; forms refuse another street's
organizations and regions (docs/editors.md)."""

import datetime
import json

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from access.groups import REVIEW_WORKFLOW
from core.dates import today
from disclosure.models import EvaluationRecord, FundingRecord, NoticePage
from orgs.models import OrganizationPage
from tests.access.admin_urls import admin_patterns
from tests.access.world import member
from tests.orgs.world import organization_form
from tests.shared_world import ScopedWorldTestCase

AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
OWN_ORGS = ("东亭社区七宝巡逻队", "茶港社区墨香书画社", "水果湖街道社区社会组织联合会")
ZHONGHUA_ORG = "起义门社区养生保健协会"
OTHER_ORGS = ("青和居社区天天敲门组", "青和居社区广场舞蹈队")
OWN_NOTICES = ("关于东亭社区七宝巡逻队备案的公示", "关于东亭社区七宝巡逻队负责人变更的公示")
OTHER_NOTICES = (
    "关于青和居社区广场舞蹈队终止活动的公示",
    "关于撤销起义门社区养生保健协会备案的公示",
    "武昌区社区服务项目资助公示",  # also 钢花村街道's 天天敲门组: not wholly the street's
)
OWN_GRANT = "东亭社区夜间平安巡逻项目"
OTHER_GRANT = "独居老人敲门关爱项目"


def text(response):
    content = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        content = json.dumps(json.loads(content), ensure_ascii=False)
    return content


class ScopedTestCase(ScopedWorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.world["users"]["zhonghua"] = member("zhonghua-editor", cls.world["groups"]["zhonghua"])

    def login(self, who="shuiguohu"):
        self.client.force_login(self.world["users"][who])

    def assert_lists(self, response, shown, hidden):
        self.assertEqual(response.status_code, 200)
        content = text(response)
        for title in shown:
            self.assertIn(title, content)
        for title in hidden:
            self.assertNotIn(title, content)


class ListingTests(ScopedTestCase):
    def setUp(self):
        self.login()

    def explore(self, section, **query):
        return self.client.get(
            reverse("wagtailadmin_explore", args=[self.world["sections"][section].pk]), query
        )

    def test_the_explorer_lists_the_streets_organizations_and_notices(self):
        self.assert_lists(self.explore("orgs"), OWN_ORGS, (ZHONGHUA_ORG, *OTHER_ORGS))
        self.assert_lists(self.explore("notices"), OWN_NOTICES, OTHER_NOTICES)

    def test_the_explorers_search_and_filters_too(self):
        self.assert_lists(self.explore("orgs", q="社区"), OWN_ORGS[:2], OTHER_ORGS)
        self.assert_lists(
            self.explore("orgs", q="社区", search_all="1"),
            OWN_ORGS[:2],
            (ZHONGHUA_ORG, *OTHER_ORGS),
        )
        self.assert_lists(self.explore("orgs", has_child_pages="false"), OWN_ORGS, OTHER_ORGS)

    def test_the_admin_page_search(self):
        for query in ("", "社区", "公示"):
            with self.subTest(query):
                response = self.client.get(reverse("wagtailadmin_pages:search"), {"q": query})
                self.assertEqual(response.status_code, 200)
                self.assert_lists(response, (), (ZHONGHUA_ORG, *OTHER_ORGS, *OTHER_NOTICES))
        self.assert_lists(
            self.client.get(reverse("wagtailadmin_pages:search"), {"q": "七宝"}), OWN_ORGS[:1], ()
        )

    def test_the_district_editor_sees_both_streets_and_not_the_other_district(self):
        self.login("wuchang")
        self.assert_lists(self.explore("orgs"), (*OWN_ORGS, ZHONGHUA_ORG), OTHER_ORGS)
        self.assert_lists(
            self.explore("notices"),
            (*OWN_NOTICES, "关于撤销起义门社区养生保健协会备案的公示"),
            ("关于青和居社区广场舞蹈队终止活动的公示", "武昌区社区服务项目资助公示"),
        )

    def test_the_bureau_sees_every_street(self):
        self.login("bureau")
        self.assert_lists(self.explore("orgs"), (*OWN_ORGS, ZHONGHUA_ORG, *OTHER_ORGS), ())
        self.assert_lists(self.explore("notices"), (*OWN_NOTICES, *OTHER_NOTICES), ())

    def test_wagtails_page_chooser(self):
        orgs = self.world["sections"]["orgs"].pk
        self.assert_lists(
            self.client.get(reverse("wagtailadmin_choose_page_child", args=[orgs])),
            OWN_ORGS,
            (ZHONGHUA_ORG, *OTHER_ORGS),
        )
        self.assert_lists(
            self.client.get(reverse("wagtailadmin_choose_page_search"), {"q": "社区"}),
            OWN_ORGS[:2],
            OTHER_ORGS,
        )

    def test_the_organization_chooser(self):
        results = reverse("organization_chooser:choose_results")
        self.assert_lists(self.client.get(results), OWN_ORGS, (ZHONGHUA_ORG, *OTHER_ORGS))
        self.assert_lists(self.client.get(results, {"q": "社区"}), OWN_ORGS[:2], OTHER_ORGS)
        own, other = self.world["orgs"]["qibao"], self.world["orgs"]["qiaomen"]
        chosen = "organization_chooser:chosen"
        self.assertEqual(self.client.get(reverse(chosen, args=[own.pk])).status_code, 200)
        refused = self.client.get(reverse(chosen, args=[other.pk]), follow=True)
        self.assertEqual(refused.status_code, 404)

    def test_the_notice_chooser_offers_notices_concerning_one_of_the_streets_organizations(self):
        funding = self.world["funding"]
        results = reverse("funding_notice_chooser:choose_results")
        chosen = reverse("funding_notice_chooser:chosen", args=[funding.pk])
        # 水果湖街道's 七宝巡逻队 is among its organizations: a grant may name it.
        self.assert_lists(self.client.get(results), (funding.title,), ())
        self.assertEqual(self.client.get(chosen).status_code, 200)
        self.login("zhonghua")
        self.assert_lists(self.client.get(results), (), (funding.title,))
        self.assertEqual(self.client.get(chosen, follow=True).status_code, 404)

    def test_the_region_chooser_offers_the_streets_regions(self):
        response = self.client.get(reverse("wagtailsnippetchoosers_taxonomy_region:choose_results"))
        self.assert_lists(
            response, ("水果湖街道", "东亭社区", "茶港社区"), ("起义门社区", "青和居社区")
        )

    def test_the_record_listings_and_their_search(self):
        funding = reverse("wagtailsnippets_disclosure_fundingrecord:list_results")
        self.assert_lists(self.client.get(funding), (OWN_GRANT,), (OTHER_GRANT,))
        self.assert_lists(self.client.get(funding, {"q": "项目"}), (OWN_GRANT,), (OTHER_GRANT,))
        self.assert_lists(self.client.get(funding, {"q": "敲门"}), (), (OTHER_GRANT,))
        self.assert_lists(self.client.get(funding, {"q": "七宝"}), (OWN_GRANT,), ())
        evaluations = reverse("wagtailsnippets_disclosure_evaluationrecord:list_results")
        self.assert_lists(
            self.client.get(evaluations), ("东亭社区七宝巡逻队",), (ZHONGHUA_ORG, *OTHER_ORGS)
        )
        self.login("bureau")
        self.assert_lists(self.client.get(funding), (OWN_GRANT, OTHER_GRANT), ())

    def test_the_records_snippet_chooser(self):
        results = reverse("wagtailsnippetchoosers_disclosure_fundingrecord:choose_results")
        self.assert_lists(self.client.get(results), (OWN_GRANT,), (OTHER_GRANT,))

    def test_reports_and_the_dashboard(self):
        # (The locked pages report is for those who may unlock: the bureau.)
        for name in (
            "wagtailadmin_reports:site_history",
            "wagtailadmin_reports:aging_pages",
            "wagtailadmin_home",
        ):
            with self.subTest(name):
                response = self.client.get(reverse(name))
                self.assert_lists(response, (), (ZHONGHUA_ORG, *OTHER_ORGS, *OTHER_NOTICES))
        self.assert_lists(
            self.client.get(reverse("wagtailadmin_reports:site_history")), OWN_ORGS[:1], ()
        )


class RecordViewsTests(ScopedTestCase):
    """Every admin URL of a record, enumerated from the URL configuration: those of the
    record itself and those draft state, revisions, locking and the review workflow add
    (history, compare, revert, unschedule, unpublish, lock, unlock, workflow actions and
    history)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        groups = cls.world["groups"]
        # A street editor who is also a reviewer may do everything to a record (docs/
        # editors.md): only the region refuses the other street's.
        cls.world["users"]["trusted"] = member(
            "trusted-editor", groups["shuiguohu"], groups["bureau"]
        )
        workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
        cls.under_review = {}
        for model in (FundingRecord, EvaluationRecord):
            own, other = cls.records(model)
            for record in (own, other):
                revision = record.save_revision(user=cls.world["users"]["bureau"])
                state = workflow.start(record, cls.world["users"]["bureau"])
                cls.under_review[record.pk, model] = (revision, state)
            # Locked by the trusted editor, who may then unlock it (under review, the
            # task decides who else may).
            own.locked, own.locked_by = True, cls.world["users"]["trusted"]
            own.save(update_fields=["locked", "locked_by"])

    def setUp(self):
        self.login("trusted")

    def record_urls(self, model):
        names = [
            (name, params)
            for name, params, _route in admin_patterns()
            if "pk" in params and f"_disclosure_{model._meta.model_name}:" in name
        ]
        self.assertGreaterEqual(len(names), 16, names)
        return names

    @classmethod
    def records(cls, model):
        own = model.objects.get(organization=cls.world["orgs"]["qibao"], **cls.which[model])
        other = model.objects.filter(organization=cls.world["orgs"]["qiaomen"]).first()
        return own, other

    which = {FundingRecord: {}, EvaluationRecord: {"kind": "star"}}

    def url(self, name, params, record):
        revision, state = self.under_review[record.pk, type(record)]
        values = {
            "pk": record.pk,
            "revision_id": revision.pk,
            "revision_id_a": "earliest",
            "revision_id_b": revision.pk,
            "workflow_state_id": state.pk,
            "task_state_id": state.current_task_state.pk,
            "action_name": "approve",
        }
        return reverse(name, kwargs={key: values[key] for key in params})

    def test_another_streets_record_is_refused_by_every_view_and_ones_own_answers(self):
        for model in (FundingRecord, EvaluationRecord):
            own, other = self.records(model)
            for name, params in self.record_urls(model):
                with self.subTest(model.__name__, view=name):
                    url = self.url(name, params, other)
                    answers = {
                        method: getattr(self.client, method)(url, follow=True, **AJAX).status_code
                        for method in ("get", "post")
                    }
                    self.assertTrue(set(answers.values()) <= {403, 404, 405}, answers)
                    self.assertTrue({403, 404} & set(answers.values()), answers)
                    response = self.client.get(self.url(name, params, own), **AJAX)
                    # (lock and unlock take a POST only)
                    self.assertIn(response.status_code, {200, 405}, name)
            other.refresh_from_db()
            self.assertTrue(other.live)
            self.assertFalse(other.locked)
            self.assertEqual(other.workflow_states.get().status, "in_progress")

    def test_a_street_editor_neither_publishes_nor_unpublishes_nor_deletes_a_live_record(self):
        self.login("shuiguohu")
        own, _other = self.records(FundingRecord)
        for name in ("unpublish", "delete"):
            with self.subTest(name):
                url = reverse(f"wagtailsnippets_disclosure_fundingrecord:{name}", args=[own.pk])
                self.assertEqual(self.client.post(url, **AJAX).status_code, 403)
        url = reverse("wagtail_bulk_action", args=["disclosure", "fundingrecord", "delete"])
        self.client.post(f"{url}?id={own.pk}")
        own.refresh_from_db()
        self.assertTrue(own.live)

    def test_bulk_delete_leaves_another_streets_records_alone(self):
        # (A live record is deleted by someone who may publish: the trusted editor.)
        own, other = self.records(FundingRecord)
        url = reverse("wagtail_bulk_action", args=["disclosure", "fundingrecord", "delete"])
        self.client.post(f"{url}?id={own.pk}&id={other.pk}")
        self.assertFalse(FundingRecord.objects.filter(pk=own.pk).exists())
        self.assertTrue(FundingRecord.objects.filter(pk=other.pk).exists())

    def test_bulk_actions_leave_another_streets_pages_alone(self):
        # With the right to publish (so that the region alone refuses them).
        GroupPagePermission.objects.create(
            group=self.world["groups"]["shuiguohu"],
            page=self.world["sections"]["orgs"],
            permission=Permission.objects.get(codename="publish_page"),
        )
        own, other = self.world["orgs"]["moxiang"], self.world["orgs"]["qiaomen"]
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
        self.client.post(f"{url}?id={own.pk}&id={other.pk}")
        self.assertFalse(Page.objects.get(pk=own.pk).live)
        self.assertTrue(Page.objects.get(pk=other.pk).live)
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        self.client.post(f"{url}?id={own.pk}&id={other.pk}")
        self.assertFalse(Page.objects.filter(pk=own.pk).exists())
        self.assertTrue(Page.objects.filter(pk=other.pk).exists())


class FormTests(ScopedTestCase):
    """What the editor posts: another street's organization or region is a form error."""

    def setUp(self):
        self.login()

    def add_organization(self, region):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["orgs", "organizationpage", self.world["sections"]["orgs"].pk],
        )
        return self.client.post(
            url, organization_form(self.world, region=self.world["regions"][region].pk)
        )

    def test_an_organization_in_another_street_is_refused(self):
        response = self.add_organization("qinghe")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "不在您负责的区域内")
        self.assertFalse(OrganizationPage.objects.filter(title="东亭社区邻里互助队").exists())

    def test_an_organization_in_the_street_is_saved_as_a_draft_to_submit(self):
        response = self.add_organization("dongting")
        self.assertEqual(response.status_code, 302)
        created = OrganizationPage.objects.get(title="东亭社区邻里互助队")
        self.assertFalse(created.live)
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[created.pk]))
        self.assertContains(edit, "action-submit")  # submit for review, no publish
        self.assertNotContains(edit, 'name="action-publish"')

    def test_an_organization_cannot_be_moved_to_another_street(self):
        qibao = self.world["orgs"]["qibao"]
        data = organization_form(
            self.world,
            title=qibao.title,
            slug=qibao.slug,
            filing_number=qibao.filing_number,
            filed_on=qibao.filed_on.isoformat(),
            leader_name=qibao.leader_name,
            region=self.world["regions"]["qinghe"].pk,
        )
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[qibao.pk]), data)
        self.assertContains(response, "不在您负责的区域内")
        qibao.refresh_from_db()
        self.assertEqual(qibao.region, self.world["regions"]["dongting"])

    def notice_form(self, *organizations):
        day = today()
        return nested_form_data(
            {
                "title": "关于东亭社区邻里互助队备案的公示",
                "slug": "filing-linli",
                "kind": "filing",
                "reference_number": "",
                "issuer": "武昌区水果湖街道办事处",
                "starts_on": day.isoformat(),
                "ends_on": (day + datetime.timedelta(days=6)).isoformat(),
                "notice_organizations": inline_formset(
                    [{"organization": organization.pk} for organization in organizations]
                ),
                "body": streamfield([]),
                "attachments": inline_formset([]),
                "objection_contact": "",
            }
        )

    def add_notice(self, *organizations):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["disclosure", "noticepage", self.world["sections"]["notices"].pk],
        )
        return self.client.post(url, self.notice_form(*organizations))

    def test_a_notice_about_another_streets_organization_is_refused(self):
        orgs = self.world["orgs"]
        response = self.add_notice(orgs["qibao"], orgs["qiaomen"])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "不在您负责的区域内")
        self.assertFalse(NoticePage.objects.filter(slug="filing-linli").exists())

    def test_a_notice_about_the_streets_organizations_is_saved(self):
        orgs = self.world["orgs"]
        response = self.add_notice(orgs["qibao"], orgs["moxiang"])
        self.assertEqual(response.status_code, 302)
        notice = NoticePage.objects.get(slug="filing-linli")
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk]))
        self.assertEqual(edit.status_code, 200)

    def test_a_notice_about_no_organization_yet_is_its_authors(self):
        self.assertEqual(self.add_notice().status_code, 302)
        notice = NoticePage.objects.get(slug="filing-linli")
        edit_url = reverse("wagtailadmin_pages:edit", args=[notice.pk])
        self.assertEqual(self.client.get(edit_url).status_code, 200)
        self.login("zhonghua")
        self.assertEqual(self.client.get(edit_url, **AJAX).status_code, 403)

    def record_form(self, organization, title="东亭社区反诈宣传项目"):
        return {
            "organization": organization.pk,
            "project_title": title,
            "source_kind": "subsidy",
            "funder": "武昌区民政局",
            "amount": "5000",
            "year": today().year,
            "awarded_on": "",
            "round": "",
            "notice": "",
        }

    def test_a_record_of_another_streets_organization_is_refused(self):
        add = reverse("wagtailsnippets_disclosure_fundingrecord:add")
        refused = self.client.post(add, self.record_form(self.world["orgs"]["qiaomen"]))
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, "不在您负责的区域内")
        self.assertFalse(
            FundingRecord.objects.filter(project_title="东亭社区反诈宣传项目").exists()
        )
        saved = self.client.post(add, self.record_form(self.world["orgs"]["qibao"]))
        self.assertEqual(saved.status_code, 302)

    def test_a_record_cannot_be_given_to_another_streets_organization(self):
        grant = FundingRecord.objects.get(project_title=OWN_GRANT)
        response = self.client.post(
            reverse("wagtailsnippets_disclosure_fundingrecord:edit", args=[grant.pk]),
            self.record_form(self.world["orgs"]["qiaomen"], title=OWN_GRANT),
        )
        self.assertContains(response, "不在您负责的区域内")
        grant.refresh_from_db()
        self.assertEqual(grant.organization_id, self.world["orgs"]["qibao"].pk)


class ObjectionScopeTests(ScopedTestCase):
    """Objections reach the editors of their notice: a street editor lists, opens and
    answers those to the street's notices only; the bureau sees all (docs/objections.md)."""

    @classmethod
    def setUpTestData(cls):
        from disclosure.models import Objection

        super().setUpTestData()
        notices = cls.world["notices"]
        cls.own = Objection.objects.create(
            notice=notices["change"], reference="20260301-OWN01", content="请核实。", name="甲"
        )
        cls.other = Objection.objects.create(
            notice=notices["exit"], reference="20260301-OTH01", content="请核实。", name="乙"
        )

    def test_a_street_editor_answers_its_own_notices_objections_only(self):
        self.login("shuiguohu")
        index = self.client.get(reverse("objections:index"))
        self.assert_lists(index, ["20260301-OWN01"], ["20260301-OTH01"])
        # The notice filter offers the street's notices only.
        self.assertNotIn(OTHER_NOTICES[0], text(index))
        searched = self.client.get(reverse("objections:index") + "?q=20260301")
        self.assert_lists(searched, ["20260301-OWN01"], ["20260301-OTH01"])
        self.assertEqual(
            self.client.get(reverse("objections:edit", args=[self.own.pk])).status_code, 200
        )
        # Wagtail answers a refusal with 403 to a script, and with a redirect and a
        # message to a browser.
        for name in ("edit", "delete", "history"):
            with self.subTest(name):
                url = reverse(f"objections:{name}", args=[self.other.pk])
                self.assertEqual(self.client.get(url, **AJAX).status_code, 403)
        refused = self.client.post(
            reverse("objections:edit", args=[self.other.pk]), {"outcome": "已核实。"}, **AJAX
        )
        self.assertEqual(refused.status_code, 403)
        self.other.refresh_from_db()
        self.assertEqual(self.other.outcome, "")

    def test_the_street_group_may_record_outcomes_but_not_delete(self):
        group = self.world["groups"]["shuiguohu"]
        codenames = set(group.permissions.values_list("codename", flat=True))
        self.assertIn("change_objection", codenames)
        self.assertNotIn("delete_objection", codenames)
        self.assertNotIn("add_objection", codenames)

    def test_the_bureau_sees_every_objection(self):
        self.login("bureau")
        self.assert_lists(
            self.client.get(reverse("objections:index")), ["20260301-OWN01", "20260301-OTH01"], []
        )
