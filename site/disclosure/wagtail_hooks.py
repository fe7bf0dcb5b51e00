from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from access.viewsets import RegionScopedViewSetMixin

from .choosers import evaluation_notice_chooser, funding_notice_chooser
from .models import EvaluationRecord, FundingRecord


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
