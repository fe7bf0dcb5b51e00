"""The admin, narrowed to the editor's regions (docs/editors.md): the page viewsets of
the region-scoped page types, and Wagtail's page chooser."""

from wagtail import hooks
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from .dashboard import ScopedObjectsToModeratePanel, WaitingForReviewPanel
from .policies import pages_in_scope
from .viewsets import page_viewsets


@hooks.register("register_admin_viewset")
def register_region_scoped_page_viewsets():
    return page_viewsets()


@hooks.register("construct_page_chooser_queryset")
def page_chooser_within_regions(pages, request):
    """Wagtail's page chooser (internal links, and any page field without a chooser of
    its own) lists no organization or notice outside the editor's regions."""
    return pages_in_scope(pages, request.user)


@hooks.register("construct_homepage_panels")
def review_panels_within_regions(request, panels):
    """The dashboard's review panels, narrowed to the editor's regions."""
    panels[:] = [
        ScopedObjectsToModeratePanel()
        if isinstance(panel, WorkflowObjectsToModeratePanel)
        else panel
        for panel in panels
    ]
    panels.append(WaitingForReviewPanel(request))
