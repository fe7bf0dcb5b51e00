"""The notice choosers of the funding and evaluation records: the notice that announced a
record (资助公示 for a grant, 评估结果公示 for an evaluation).

Wagtail's page chooser would list every notice in both scripts (each twice, once as its
zh-hant twin) and of every kind: tens of thousands of filing notices at city scale.
Records point at the zh-hans source, so each chooser lists the zh-hans notices of one
kind, newest first, with issuer, 文号 and date, searchable by title, issuer or 文号.

The viewsets name their model as a string, as Wagtail's documentation does for a
chooser used in the model's own panels: models.py imports this module for the widgets.
There is one viewset a kind, so none registers its widget as the default for foreign
keys to NoticePage: the records' panels name theirs.

An editor of a street or district is offered the notices that concern at least one
organization of their regions (docs/editors.md): a record names its notice, it does not
change it, and a district's funding notice may list several streets' organizations."""

from django import forms
from django.db.models import Q

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser

from access.scope import allowed_region_codes
from core.choosers import title_column
from translation.locales import default_locale_id

NOTICE_MODEL = "disclosure.NoticePage"


def chooser_label(notice):
    """ "广德市第七届公益创投资助项目公示（广民〔2024〕36号）": a chosen notice in a form."""
    return (
        f"{notice.title}（{notice.reference_number}）" if notice.reference_number else notice.title
    )


def state_label(notice):
    return "已发布" if notice.live else "未发布"


class NoticeSearchForm(BaseFilterForm):
    q = forms.CharField(
        label="搜索",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "标题、发布单位或文号，如 公益创投、民政局"}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        for word in query.split():  # every word must match
            objects = objects.filter(
                Q(title__icontains=word)
                | Q(issuer__icontains=word)
                | Q(reference_number__icontains=word)
            )
        self.is_searching = True
        self.search_query = query
        return objects


def choosable_notices(notice_kind, user):
    """The zh-hans notices of `notice_kind` a record of `user`'s may name."""
    from django.apps import apps

    model = apps.get_model(NOTICE_MODEL)
    notices = model.objects.filter(locale_id=default_locale_id(), kind=notice_kind)
    prefixes = allowed_region_codes(user)
    if prefixes is None:
        return notices
    if not prefixes:
        return notices.none()
    return notices.filter(model.concerning_q(prefixes))


class NoticeChooseViewMixin:
    filter_form_class = NoticeSearchForm
    ordering = ["-starts_on", "-pk"]
    notice_kind = None  # given by the viewset

    def get_object_list(self):
        return choosable_notices(self.notice_kind, self.request.user)

    @property
    def columns(self):
        return [
            title_column(self, "公示标题", "title"),
            Column("reference_number", label="文号", width="20%"),
            Column("issuer", label="发布单位", width="20%"),
            Column("starts_on", label="公示开始日期", width="12%"),
            Column("state", label="状态", accessor=state_label, width="8%"),
        ]


class NoticeChooseView(NoticeChooseViewMixin, chooser_views.ChooseView):
    pass


class NoticeChooseResultsView(NoticeChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class NoticeChosenView(chooser_views.ChosenView):
    notice_kind = None  # given by the viewset

    def get_object(self, pk):
        return choosable_notices(self.notice_kind, self.request.user).get(pk=pk)

    def get_display_title(self, instance):
        return chooser_label(instance)


class BaseNoticeChooser(BaseChooser):
    classname = "notice-chooser"

    def get_display_title(self, instance):
        return chooser_label(instance)


class NoticeChooserViewSet(ChooserViewSet):
    """The zh-hans notices of `notice_kind` (a NoticePage.Kind value)."""

    model = NOTICE_MODEL
    notice_kind = None
    icon = "doc-full"
    choose_another_text = "选择其他公示"
    edit_item_text = "编辑此公示"
    per_page = 25
    register_widget = False

    choose_view_class = NoticeChooseView
    choose_results_view_class = NoticeChooseResultsView
    chosen_view_class = NoticeChosenView
    base_widget_class = BaseNoticeChooser

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(notice_kind=self.notice_kind, **kwargs)


funding_notice_chooser = NoticeChooserViewSet(
    "funding_notice_chooser",
    url_prefix="funding-notice-chooser",
    notice_kind="funding",
    choose_one_text="选择资助公示",
)
evaluation_notice_chooser = NoticeChooserViewSet(
    "evaluation_notice_chooser",
    url_prefix="evaluation-notice-chooser",
    notice_kind="evaluation",
    choose_one_text="选择评估结果公示",
)
