"""The editors' groups, made from the region tree (`manage.py create_editor_groups`;
docs/editors.md).

One group a street and one a district, each linked to its region (GroupRegion), and the
bureau's reviewers' group with the review workflow. Street and district editors write and
submit for review; the reviewers publish. Running it again adds what is missing (groups
for new regions, permissions a group lacks) and changes nothing else: permissions an
administrator gave a group by hand are kept."""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    Collection,
    DraftStateMixin,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    LockableMixin,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowPage,
    WorkflowTask,
)

from taxonomy.models import Region

from .models import GroupRegion
from .policies import scoped_page_models, scoped_record_models

# Street and district editors create and change pages and submit them for review; they do
# not publish (nor unpublish, nor delete a live page: Wagtail ties both to "publish").
EDITOR_PAGE_PERMISSIONS = ("add", "change")
REVIEWER_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
# Records (funding, evaluations) are reviewed like pages: editors add and change drafts
# and delete their drafts (a live record only with "publish", access.policies); the
# reviewers also publish (which unpublishes too) and lock, for records under review.
RECORD_PERMISSIONS = ("add", "change", "delete")
# A charter, a notice's attachments, images in a notice's body.
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
)

REVIEWERS_GROUP = "民政局审核"
REVIEW_WORKFLOW = "民政局审核"
REVIEW_TASK = "民政局审核"


@dataclass
class Outcome:
    created: list = field(default_factory=list)  # names of the groups created
    existing: int = 0  # regional groups already there
    workflow_pages: list = field(default_factory=list)  # sections given the review workflow
    workflow_models: list = field(default_factory=list)  # record models given it


def group_name(region):
    """ "武昌区 › 水果湖街道 编辑" (street names repeat across districts)."""
    return f"{region.path_label} 编辑"


def scoped_sections():
    """The zh-hans pages under which region-scoped pages live (the organizations' and
    notices' index pages): where the groups' page permissions are given."""
    locale = Locale.get_default()
    parent_models = {
        parent for model in scoped_page_models() for parent in model.allowed_parent_page_models()
    }
    return [
        page
        for model in sorted(parent_models, key=lambda model: model._meta.label)
        for page in model.objects.filter(locale=locale).order_by("path")
    ]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def record_actions(model, reviewer=False):
    """What a group gets on a region-scoped record model. A model may narrow what editors
    get (objections: "change" only, to record outcomes); the reviewers also get what its
    Wagtail mixins add (publish for drafts, lock and unlock)."""
    actions = list(getattr(model, "editor_actions", RECORD_PERMISSIONS))
    if reviewer and issubclass(model, DraftStateMixin):
        actions.append("publish")
    if reviewer and issubclass(model, LockableMixin):
        actions.extend(("lock", "unlock"))
    return actions


def _give(group, sections, page_actions, reviewer=False):
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for section in sections:
        for action in page_actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=_permission("wagtailcore", f"{action}_page")
            )
    for model in scoped_record_models():
        content_type = ContentType.objects.get_for_model(model)
        for action in record_actions(model, reviewer):
            group.permissions.add(
                Permission.objects.get(
                    content_type=content_type, codename=f"{action}_{model._meta.model_name}"
                )
            )
    root_collection = Collection.get_first_root_node()
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(app_label, codename)
        )


def _regional_group(region):
    link = GroupRegion.objects.select_related("group").filter(region=region).first()
    if link is not None:
        return link.group, False
    name = group_name(region)
    taken = Group.objects.filter(name=name, region_scope__isnull=False).exists()
    group, _created = Group.objects.get_or_create(
        name=f"{name}（{region.code}）" if taken else name
    )
    GroupRegion.objects.create(group=group, region=region)
    return group, True


@transaction.atomic
def ensure_editor_groups():
    """Create what is missing; return an Outcome."""
    outcome = Outcome()
    sections = scoped_sections()
    regions = (
        Region.objects.filter(
            locale=Locale.get_default(),
            level__in=(Region.Level.DISTRICT, Region.Level.STREET),
        )
        .select_related("parent")
        .order_by("code")
    )
    for region in regions:
        group, created = _regional_group(region)
        _give(group, sections, EDITOR_PAGE_PERMISSIONS)
        if created:
            outcome.created.append(group.name)
        else:
            outcome.existing += 1

    reviewers, created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    _give(reviewers, sections, REVIEWER_PAGE_PERMISSIONS, reviewer=True)
    if created:
        outcome.created.append(reviewers.name)

    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.add(reviewers)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )
    for section in sections:
        # A section that already has a workflow (chosen by an administrator) keeps it.
        _link, created = WorkflowPage.objects.get_or_create(
            page=section, defaults={"workflow": workflow}
        )
        if created:
            outcome.workflow_pages.append(section)
    for model in scoped_record_models():
        if not issubclass(model, WorkflowMixin):
            continue
        # Likewise a record model whose workflow an administrator chose keeps it.
        _link, created = WorkflowContentType.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
        if created:
            outcome.workflow_models.append(model)
    return outcome
