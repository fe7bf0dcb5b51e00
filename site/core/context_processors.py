"""Values every public template needs."""

from django.utils.functional import SimpleLazyObject

from .navigation import navigation


def site_navigation(request):
    """Lazy, so responses that never render the header pay nothing."""
    return {"site_navigation": SimpleLazyObject(lambda: navigation(request))}
