"""The admin viewsets of region-scoped models (docs/editors.md): every view of a record or
of a region-scoped page refuses one outside the user's regions, and listings and choosers
show the user's rows only."""

from django.core.exceptions import PermissionDenied

from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from .policies import page_in_scope, scoped_page_models
from .scope import in_scope, scoped


class ScopedObjectViewMixin:
    """For an admin view that loads one record: 403 when it lies outside the user's
    regions (edit, delete, copy, history, usage, inspect, a chooser's "chosen", and any
    view a later Wagtail adds to the viewset)."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if instance is not None and not in_scope(self.request.user, instance):
            raise PermissionDenied
        if instance is not None and getattr(self, "permission_required", None) == "delete":
            # Wagtail's delete view asks the model permission only; the policy also
            # refuses deleting a live record to those who may not publish.
            policy = getattr(self, "permission_policy", None)
            if policy and not policy.user_has_permission_for_instance(
                self.request.user, "delete", instance
            ):
                raise PermissionDenied
        return instance


class ScopedObjectsViewMixin:
    """For a chooser's views that list records or return several: the user's only."""

    def get_object_list(self, *args, **kwargs):
        return scoped(super().get_object_list(*args, **kwargs), self.request.user)

    def get_objects(self, *args, **kwargs):
        return scoped(super().get_objects(*args, **kwargs), self.request.user)


def scoped_view_class(view_class):
    """`view_class` with the mixins above that apply to it."""
    mixins = []
    if hasattr(view_class, "get_object"):
        mixins.append(ScopedObjectViewMixin)
    if hasattr(view_class, "get_object_list") or hasattr(view_class, "get_objects"):
        mixins.append(ScopedObjectsViewMixin)
    mixins = [mixin for mixin in mixins if not issubclass(view_class, mixin)]
    if not mixins:
        return view_class
    return type(view_class.__name__, (*mixins, view_class), {})


class RegionScopedChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser of a region-scoped model (Wagtail gives every snippet one):
    the user's rows only."""

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view_class(view_class), **kwargs)


class RegionScopedViewSetMixin:
    """For the SnippetViewSet of a region-scoped model: the listing (and its search and
    filters) shows the user's rows only, every view that loads a row refuses others, and
    so does its chooser."""

    chooser_viewset_class = RegionScopedChooserViewSet

    def get_queryset(self, request):
        return scoped(self.model._default_manager.all(), request.user)

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view_class(view_class), **kwargs)


class ScopedPageViewMixin:
    """For every admin view of one page of a region-scoped type: 403 before anything
    else when the page lies outside the user's regions. The tester already refuses in
    the views that ask it; this also covers those that ask nothing on GET (the move
    confirmation, the workflow cancellation dialog) and any view a later Wagtail adds."""

    page_kwargs = ("page_id", "page_to_move_id", "pk")

    def setup(self, request, *args, **kwargs):
        for key in self.page_kwargs:
            if key in kwargs:
                page = Page.objects.filter(pk=kwargs[key]).first()
                if page is not None and not page_in_scope(request.user, page):
                    raise PermissionDenied
        super().setup(request, *args, **kwargs)


class RegionScopedPageViewSet(PageViewSet):
    """The admin views of a region-scoped page type, each behind ScopedPageViewMixin.
    The explorer's listing of their parents stays Wagtail's (parent_models is empty):
    the page policy filters it."""

    parent_models = ()

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, ScopedPageViewMixin):
            view_class = type(view_class.__name__, (ScopedPageViewMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)


def page_viewsets():
    """One RegionScopedPageViewSet a region-scoped page type (access/wagtail_hooks.py)."""
    return [
        RegionScopedPageViewSet(f"{model._meta.label_lower.replace('.', '_')}_pages", model=model)
        for model in scoped_page_models()
    ]
