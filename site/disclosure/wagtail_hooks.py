from django.utils import timezone

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import django_filters

from access.policies import RegionScopedModelPolicy
from access.scope import scoped
from access.viewsets import RegionScopedViewSetMixin
from translation.locales import default_locale_id

from .choosers import evaluation_notice_chooser, funding_notice_chooser
from .dashboard import NoticesEndingPanel, ObjectionsAwaitingPanel, RatingsExpiringPanel
from .models import EvaluationRecord, FundingRecord, NoticePage, Objection


class FundingRecordViewSet(RegionScopedViewSetMixin, SnippetViewSet):
    model = FundingRecord
    icon = "doc-full"
    menu_label = "资助记录"
    list_display = ["project_title", "organization", "source_kind", "amount", "year"]
    list_filter = ["year", "source_kind"]
    search_fields = ["project_title", "funder", "round", "organization__title"]
    # The database's own LIKE, not the search backend: the backend's autocomplete limited
    # to these fields failed on SQLite ("no such column: project_title"), and a substring
    # is what an editor types here.
    search_backend_name = None
    list_per_page = 50


class EvaluationRecordViewSet(RegionScopedViewSetMixin, SnippetViewSet):
    model = EvaluationRecord
    icon = "pick"
    menu_label = "评估记录"
    list_display = [
        "organization",
        "kind",
        "result_label",
        "evaluated_on",
        "valid_until",
        "evaluator",
    ]
    list_filter = ["kind", "star_level"]
    search_fields = ["evaluator", "organization__title"]
    search_backend_name = None  # as above
    list_per_page = 50


class DisclosureRecordGroup(SnippetViewSetGroup):
    menu_label = "资助与评估"
    menu_icon = "list-ul"
    menu_order = 200
    items = (FundingRecordViewSet, EvaluationRecordViewSet)


register_snippet(DisclosureRecordGroup)


@hooks.register("register_admin_viewset")
def register_notice_choosers():
    return [funding_notice_chooser, evaluation_notice_chooser]


# Objections (docs/objections.md) ------------------------------------------------------
class ObjectionPermissionPolicy(RegionScopedModelPolicy):
    """Objections come from readers, through a notice's page: nobody adds one in the admin.
    Editors with the change permission record outcomes on the objections to their own
    notices (access: the notice's regions); deleting needs its own permission."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# exact_class, like access's own registration, which this one replaces (or which then
# finds it there and leaves it).
register_permission_policy(Objection, ObjectionPermissionPolicy(Objection), exact_class=True)


def notices_with_objections(request):
    notices = NoticePage.objects.filter(locale_id=default_locale_id(), objections__isnull=False)
    return scoped(notices, request.user).distinct().order_by("-starts_on", "-pk")


class ObjectionFilterSet(WagtailFilterSet):
    notice = django_filters.ModelChoiceFilter(
        label="公示", queryset=notices_with_objections, empty_label="全部公示"
    )
    status = django_filters.ChoiceFilter(
        label="处理状态",
        choices=[("awaiting", "待处理"), ("recorded", "已处理")],
        empty_label="全部",
        method="filter_status",
    )

    class Meta:
        model = Objection
        fields = []

    def filter_status(self, queryset, name, value):
        if value == "awaiting":
            return queryset.filter(outcome="")
        if value == "recorded":
            return queryset.exclude(outcome="")
        return queryset


class ObjectionEditView(EditView):
    """Records who wrote the outcome, and when."""

    def save_instance(self):
        if {"outcome", "outcome_public"} & set(self.form.changed_data):
            self.form.instance.outcome_recorded_at = timezone.now()
            self.form.instance.outcome_recorded_by = self.request.user
        return super().save_instance()


class ObjectionIndexView(IndexView):
    """The editor's own objections: those to the notices they may edit (a ModelViewSet's
    listing reads no viewset queryset, unlike a snippet's)."""

    def get_base_queryset(self):
        return scoped(super().get_base_queryset(), self.request.user)


class ObjectionViewSet(RegionScopedViewSetMixin, ModelViewSet):
    model = Objection
    icon = "warning"
    menu_label = "异议"
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    edit_view_class = ObjectionEditView
    index_view_class = ObjectionIndexView
    list_display = ["reference", "notice", "submitted_at", "outcome_status"]
    filterset_class = ObjectionFilterSet
    search_fields = ["reference", "content"]
    search_backend_name = None  # the database's own filter: objections are not indexed
    list_per_page = 50
    # What the reader sent stays as it came: only the outcome is edited.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("reference", read_only=True),
                FieldPanel("notice", read_only=True),
                FieldPanel("submitted_at", read_only=True),
                FieldPanel("content", read_only=True),
            ],
            heading="异议",
        ),
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldPanel("phone", read_only=True),
                FieldPanel("email", read_only=True),
            ],
            heading="异议人（仅编辑可见，不公开）",
        ),
        MultiFieldPanel(
            [
                FieldPanel("outcome"),
                FieldPanel("outcome_public"),
                FieldPanel("outcome_recorded_at", read_only=True),
                FieldPanel("outcome_recorded_by", read_only=True),
            ],
            heading="处理结果",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_objections():
    return ObjectionViewSet("objections")


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.extend(
        panel(request)
        for panel in (NoticesEndingPanel, RatingsExpiringPanel, ObjectionsAwaitingPanel)
    )
