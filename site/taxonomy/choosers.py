"""The region chooser editors use wherever they pick a region (an organization's or a
case's region, a region's parent): the regions of the editors' script (zh-hans) only,
each named by its path (武昌区 › 水果湖街道 › 东亭社区), searchable by name or 区划代码.

Built on Wagtail's public chooser extension points: SnippetViewSet.chooser_viewset_class,
the chooser views' get_object_list / filter_form_class / columns, and the widget's
get_display_title."""

from django import forms
from django.db.models import Q

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.widgets import AdminSnippetChooser

from access.scope import regions_in_scope
from core.choosers import title_column

from .models import Region


def editors_regions():
    """Regions in the editors' script, with their parents for the path, in code order
    (a street comes right before its communities)."""
    return (
        Region.objects.filter(locale=Locale.get_default())
        .select_related("parent__parent")
        .order_by("code")
    )


class RegionSearchForm(BaseFilterForm):
    q = forms.CharField(
        label="搜索",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "名称或区划代码，如 水果湖、420106"}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").replace("›", " ").strip()
        if not query:
            return objects
        # Every word must match: a 区划代码 (or its start) finds the region and everything
        # below it; a name matches the region or one of the regions above it.
        for word in query.split():
            if word.isdigit():
                objects = objects.filter(code__startswith=word)
            else:
                objects = objects.filter(
                    Q(name__contains=word)
                    | Q(parent__name__contains=word)
                    | Q(parent__parent__name__contains=word)
                )
        self.is_searching = True
        self.search_query = query
        return objects


class RegionChooseViewMixin:
    filter_form_class = RegionSearchForm

    def get_object_list(self):
        # An editor of a street or district is offered the regions of their street or
        # district (docs/editors.md).
        return regions_in_scope(editors_regions(), self.request.user)

    @property
    def columns(self):
        # Not super().columns: its locale column has nothing to tell (one script here).
        return [
            self.title_column,
            Column("level", label="层级", accessor="get_level_display", width="15%"),
            Column("code", label="区划代码", width="20%"),
        ]

    @property
    def title_column(self):
        return title_column(self, "区域", "path_label")


class RegionChooseView(RegionChooseViewMixin, ChooseView):
    pass


class RegionChooseResultsView(RegionChooseViewMixin, ChooseResultsView):
    pass


class RegionChosenView(SnippetChosenView):
    def get_display_title(self, instance):
        return instance.path_label


class RegionChosenMultipleView(SnippetChosenMultipleView):
    def get_display_title(self, instance):
        return instance.path_label


class RegionChooserWidget(AdminSnippetChooser):
    def get_instance(self, value):
        if value is not None and not isinstance(value, Region):
            return Region.objects.select_related("parent__parent").filter(pk=value).first()
        return super().get_instance(value)

    def get_display_title(self, instance):
        return instance.path_label


class RegionChooserViewSet(SnippetChooserViewSet):
    choose_view_class = RegionChooseView
    choose_results_view_class = RegionChooseResultsView
    chosen_view_class = RegionChosenView
    chosen_multiple_view_class = RegionChosenMultipleView
    base_widget_class = RegionChooserWidget
