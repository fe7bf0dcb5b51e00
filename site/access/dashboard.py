"""Review on the admin dashboard, narrowed to the editor's regions (docs/editors.md, "The
dashboard"): what of the editor's street waits in a workflow, and Wagtail's own "awaiting
your review" panel without the items of other streets (a street editor who is also a
reviewer reviews their street only)."""

from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, WorkflowState

from core.dashboard import DashboardPanel, DashboardRow

from .policies import page_in_scope
from .scope import RegionScoped, allowed_region_codes, in_scope


def object_in_scope(user, instance):
    """Whether `user` may act on `instance`, a page or a region-scoped record; objects that
    belong to no region (index pages, cases, images) are everyone's."""
    if isinstance(instance, Page):
        return page_in_scope(user, instance)
    if isinstance(instance, RegionScoped):
        return in_scope(user, instance)
    return True


def waiting_for_review(user):
    """The objects in a workflow now (submitted, not yet approved or rejected) that lie in
    `user`'s regions, longest waiting first. Workflows are few at a time (tens): the
    regions are checked object by object, through the same checks as the admin's views."""
    states = (
        WorkflowState.objects.active()
        .select_related("current_task_state__task", "requested_by")
        .prefetch_related("content_object")
        .order_by("current_task_state__started_at", "pk")
    )
    if allowed_region_codes(user) is None:
        return [state for state in states if state.content_object is not None]
    return [
        state
        for state in states
        if state.content_object is not None and object_in_scope(user, state.content_object)
    ]


class WaitingForReviewPanel(DashboardPanel):
    heading = "等待审核"
    empty_text = "没有等待审核的内容。"
    order = 154

    def queryset(self):
        return waiting_for_review(self.request.user)

    def row(self, state):
        instance = state.content_object
        task = state.current_task_state.task if state.current_task_state else None
        submitter = (
            state.requested_by.get_full_name() or state.requested_by.get_username()
            if state.requested_by
            else ""
        )
        detail = " · ".join(
            part for part in (task and task.name, submitter and f"提交人 {submitter}") if part
        )
        started = (
            state.current_task_state.started_at if state.current_task_state else state.created_at
        )
        title = instance.get_admin_display_title() if isinstance(instance, Page) else str(instance)
        return DashboardRow(title, self.edit_url(instance), detail, started)


class ScopedObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's panel of the tasks the user may approve, without those outside the user's
    regions."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["states"] = [
            state for state in context["states"] if object_in_scope(user, state["obj"])
        ]
        return context
