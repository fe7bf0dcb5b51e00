"""The organization chooser: what editors open wherever they pick an organization (the
organizations a notice or case concerns, a funding or evaluation record's organization,
an organization's hub).

Wagtail's page chooser would list both scripts (every organization twice, once as its
zh-hant twin) and name no district; editors write in zh-hans and records point at the
zh-hans source. This is a ChooserViewSet (Wagtail's public extension point for choosers)
over OrganizationPage: zh-hans only, each row with its district, searchable by name,
short name, filing number, credit code or region. Registering it makes its widget the
default for every foreign key to OrganizationPage (FieldPanel picks it up). An editor of a
street or district is offered the organizations of their regions only (docs/editors.md)."""

from django import forms
from django.db.models import Q

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser
from wagtail.models import Locale

from access.scope import scoped
from core.choosers import title_column

from .models import OrganizationPage


def district_name(organization):
    """The 区(县) an organization lies in ("" without a region). Uses the region chain
    that editors_organizations() selects with the row."""
    if not organization.region_id:
        return ""
    return organization.region.ancestors_and_self()[0].name


def chooser_label(organization):
    """ "东亭社区七宝巡逻队（武昌区）": how a chosen organization is shown in a form."""
    district = district_name(organization)
    return f"{organization.title}（{district}）" if district else organization.title


def editors_organizations(user):
    """The zh-hans organizations within `user`'s regions (docs/editors.md)."""
    return scoped(
        OrganizationPage.objects.filter(locale=Locale.get_default()), user
    ).select_related("region__parent__parent")


class OrganizationSearchForm(BaseFilterForm):
    q = forms.CharField(
        label="搜索",
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": "名称、简称、备案编号、信用代码或所在区域，如 七宝、武昌"}
        ),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        for word in query.split():  # every word must match
            objects = objects.filter(
                Q(title__icontains=word)
                | Q(short_name__icontains=word)
                | Q(filing_number__icontains=word)
                | Q(credit_code__icontains=word)
                | Q(region__name__contains=word)
                | Q(region__parent__name__contains=word)
                | Q(region__parent__parent__name__contains=word)
            )
        self.is_searching = True
        self.search_query = query
        return objects


def status_label(organization):
    label = organization.get_status_display()
    return label if organization.live else f"{label}（未发布）"


class OrganizationChooseViewMixin:
    filter_form_class = OrganizationSearchForm
    ordering = ["title", "pk"]

    def get_object_list(self):
        return editors_organizations(self.request.user)

    @property
    def columns(self):
        return [
            self.title_column,
            Column("district", label="所在区", accessor=district_name, width="15%"),
            Column("status", label="状态", accessor=status_label, width="20%"),
        ]

    @property
    def title_column(self):
        return title_column(self, "组织名称", "title")


class OrganizationChooseView(OrganizationChooseViewMixin, chooser_views.ChooseView):
    pass


class OrganizationChooseResultsView(OrganizationChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class OrganizationChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        return editors_organizations(self.request.user).get(pk=pk)

    def get_display_title(self, instance):
        return chooser_label(instance)


class OrganizationChosenMultipleView(chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        return editors_organizations(self.request.user).filter(pk__in=pks)

    def get_display_title(self, instance):
        return chooser_label(instance)


class BaseOrganizationChooser(BaseChooser):
    classname = "organization-chooser"
    # wagtail-localize's translation editor reads `target_models` from the widget
    # registered for a foreign key to a page (it expects Wagtail's page chooser) to offer
    # its own page chooser for the zh-hant twin's hub.
    target_models = [OrganizationPage]

    def get_instance(self, value):
        if value is None or isinstance(value, OrganizationPage):
            return value
        return (
            OrganizationPage.objects.select_related("region__parent__parent")
            .filter(pk=value)
            .first()
        )

    def get_display_title(self, instance):
        return chooser_label(instance)


class OrganizationChooserViewSet(ChooserViewSet):
    model = OrganizationPage
    icon = "group"
    choose_one_text = "选择组织"
    choose_another_text = "选择其他组织"
    edit_item_text = "编辑此组织"
    page_title = "选择组织"
    per_page = 25
    preserve_url_parameters = ["multiple"]

    choose_view_class = OrganizationChooseView
    choose_results_view_class = OrganizationChooseResultsView
    chosen_view_class = OrganizationChosenView
    chosen_multiple_view_class = OrganizationChosenMultipleView
    base_widget_class = BaseOrganizationChooser


organization_chooser_viewset = OrganizationChooserViewSet(
    "organization_chooser", url_prefix="organization-chooser"
)
