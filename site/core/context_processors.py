"""Values every public template needs."""

from django.utils.functional import SimpleLazyObject

from .display import display_mode
from .navigation import navigation


def site_navigation(request):
    """Lazy, so responses that never render the header pay nothing."""
    return {"site_navigation": SimpleLazyObject(lambda: navigation(request))}


def display(request):
    """The reader's display mode ("standard" or "elder", from its cookie): the class on
    <html> and the header's switch. Nothing else of the request decides it."""
    return {"display_mode": display_mode(request)}
