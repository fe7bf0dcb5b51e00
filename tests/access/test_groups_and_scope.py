"""The editors' groups made from the region tree, and the region codes a user may act
on (docs/editors.md)."""

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase

from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    PagePermissionTester,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
)

from access.groups import REVIEW_WORKFLOW
from access.models import GroupRegion
from access.policies import ScopedPagePermissionTester
from access.scope import allowed_region_codes, scoped
from disclosure.models import EvaluationRecord, FundingRecord
from orgs.models import OrganizationPage
from taxonomy.factories import RegionFactory
from taxonomy.models import Region
from tests.access.world import fresh, member
from tests.shared_world import ScopedWorldTestCase


def snapshot():
    """Everything the command writes, as comparable sets."""
    return {
        "groups": set(Group.objects.values_list("name", flat=True)),
        "links": set(GroupRegion.objects.values_list("group__name", "region__code")),
        "page permissions": set(
            GroupPagePermission.objects.values_list("group__name", "page_id", "permission_id")
        ),
        "model permissions": set(
            Group.permissions.through.objects.values_list("group__name", "permission_id")
        ),
        "collection permissions": set(
            GroupCollectionPermission.objects.values_list("group__name", "permission_id")
        ),
        "workflow pages": set(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        "workflow models": set(
            WorkflowContentType.objects.values_list("content_type__model", "workflow__name")
        ),
    }


class EditorGroupsTests(ScopedWorldTestCase):
    def test_one_group_a_street_and_a_district_named_by_its_path(self):
        self.assertEqual(
            set(GroupRegion.objects.values_list("group__name", "region__code")),
            {
                ("武昌区 编辑", "420106"),
                ("青山区 编辑", "420107"),
                ("武昌区 › 水果湖街道 编辑", "420106001"),
                ("武昌区 › 中华路街道 编辑", "420106002"),
                ("青山区 › 钢花村街道 编辑", "420107001"),
            },
        )

    def test_street_editors_add_and_change_the_simplified_sections_and_do_not_publish(self):
        sections = self.world["sections"]
        granted = set(
            GroupPagePermission.objects.filter(group=self.world["groups"]["shuiguohu"]).values_list(
                "page_id", "permission__codename"
            )
        )
        self.assertEqual(
            granted,
            {
                (sections["orgs"].pk, "add_page"),
                (sections["orgs"].pk, "change_page"),
                (sections["notices"].pk, "add_page"),
                (sections["notices"].pk, "change_page"),
            },
        )
        codenames = set(
            self.world["groups"]["shuiguohu"].permissions.values_list("codename", flat=True)
        )
        self.assertEqual(
            codenames,
            {
                "access_admin",
                *(f"{action}_fundingrecord" for action in ("add", "change", "delete")),
                *(f"{action}_evaluationrecord" for action in ("add", "change", "delete")),
                *(f"{action}_halfyearreport" for action in ("add", "change", "delete")),
                "change_objection",  # outcomes of objections to their notices
            },
        )

    def test_the_bureaus_reviewers_publish_and_approve_in_the_review_workflow(self):
        sections = self.world["sections"]
        reviewers = self.world["groups"]["bureau"]
        self.assertFalse(GroupRegion.objects.filter(group=reviewers).exists())
        self.assertTrue(
            GroupPagePermission.objects.filter(
                group=reviewers, page=sections["orgs"], permission__codename="publish_page"
            ).exists()
        )
        for section in (sections["orgs"], sections["notices"]):
            workflow = section.get_workflow()
            self.assertEqual(workflow.name, REVIEW_WORKFLOW)
            (task,) = workflow.tasks.specific()
            self.assertEqual(list(task.groups.all()), [reviewers])

    def test_records_go_through_the_same_review_and_only_reviewers_publish_them(self):
        reviewers = self.world["groups"]["bureau"]
        street = self.world["groups"]["shuiguohu"]
        for model in (FundingRecord, EvaluationRecord):
            name = model._meta.model_name
            with self.subTest(name):
                self.assertEqual(model().get_workflow().name, REVIEW_WORKFLOW)
                granted = set(reviewers.permissions.values_list("codename", flat=True))
                for action in ("add", "change", "delete", "publish", "lock", "unlock"):
                    self.assertIn(f"{action}_{name}", granted)
                held = set(street.permissions.values_list("codename", flat=True))
                for action in ("publish", "lock", "unlock"):
                    self.assertNotIn(f"{action}_{name}", held)

    def test_a_workflow_an_administrator_chose_for_records_is_kept(self):
        own = Workflow.objects.create(name="资助记录另行审核")
        WorkflowContentType.objects.filter(content_type__model="fundingrecord").update(workflow=own)
        call_command("create_editor_groups", stdout=open("/dev/null", "w"))
        self.assertEqual(FundingRecord().get_workflow(), own)
        self.assertEqual(EvaluationRecord().get_workflow().name, REVIEW_WORKFLOW)

    def test_running_the_command_again_changes_nothing(self):
        before = snapshot()
        call_command("create_editor_groups", stdout=open("/dev/null", "w"))
        self.assertEqual(snapshot(), before)

    def test_a_new_street_gets_its_group_on_the_next_run(self):
        before = snapshot()
        RegionFactory(
            name="积玉桥街道",
            code="420106003",
            level=Region.Level.STREET,
            parent=self.world["regions"]["wuchang"],
        )
        call_command("create_editor_groups", stdout=open("/dev/null", "w"))
        after = snapshot()
        self.assertEqual(after["groups"] - before["groups"], {"武昌区 › 积玉桥街道 编辑"})
        self.assertEqual(
            after["links"] - before["links"], {("武昌区 › 积玉桥街道 编辑", "420106003")}
        )
        self.assertTrue(before["page permissions"] < after["page permissions"])

    def test_permissions_given_by_hand_are_kept(self):
        group = self.world["groups"]["shuiguohu"]
        publish = GroupPagePermission.objects.create(
            group=group,
            page=self.world["sections"]["orgs"],
            permission=Permission.objects.get(codename="publish_page"),
        )
        call_command("create_editor_groups", stdout=open("/dev/null", "w"))
        self.assertTrue(GroupPagePermission.objects.filter(pk=publish.pk).exists())


class AllowedRegionCodesTests(ScopedWorldTestCase):
    def test_a_street_editor_acts_on_their_street(self):
        self.assertEqual(allowed_region_codes(self.world["users"]["shuiguohu"]), ("420106001",))

    def test_a_district_editor_acts_on_their_district(self):
        self.assertEqual(allowed_region_codes(self.world["users"]["wuchang"]), ("420106",))

    def test_two_streets_and_a_street_inside_a_district(self):
        groups = self.world["groups"]
        both = member("two-streets", groups["shuiguohu"], groups["ganghua"])
        self.assertEqual(allowed_region_codes(both), ("420106001", "420107001"))
        nested = member("nested", groups["shuiguohu"], groups["wuchang"])
        self.assertEqual(allowed_region_codes(nested), ("420106",))

    def test_the_bureau_and_superusers_act_everywhere(self):
        self.assertIsNone(allowed_region_codes(self.world["users"]["bureau"]))
        admin = member("admin", is_superuser=True)
        self.assertIsNone(allowed_region_codes(admin))

    def test_another_group_does_not_widen_a_street_editors_regions(self):
        user = member("also-moderator", self.world["groups"]["shuiguohu"])
        user.groups.add(self.world["groups"]["bureau"], Group.objects.get(name="Moderators"))
        self.assertEqual(allowed_region_codes(fresh(user)), ("420106001",))

    def test_an_inactive_user_acts_nowhere(self):
        user = member("left", self.world["groups"]["shuiguohu"], is_active=False)
        self.assertEqual(allowed_region_codes(user), ())
        self.assertEqual(list(scoped(OrganizationPage.objects.all(), user)), [])

    def test_the_scope_is_one_query_however_many_organizations(self):
        user = fresh(self.world["users"]["shuiguohu"])
        with self.assertNumQueries(2):  # the user's region codes, then the filtered rows
            titles = set(
                scoped(
                    OrganizationPage.objects.filter(locale__language_code="zh-hans"), user
                ).values_list("title", flat=True)
            )
        self.assertEqual(
            titles, {"东亭社区七宝巡逻队", "茶港社区墨香书画社", "水果湖街道社区社会组织联合会"}
        )


class TesterTests(TestCase):
    def test_every_check_of_wagtails_tester_is_narrowed(self):
        checks = {name for name in dir(PagePermissionTester) if name.startswith("can_")}
        self.assertIn("can_edit", checks)
        for name in checks:
            with self.subTest(name):
                self.assertIn(name, vars(ScopedPagePermissionTester))
