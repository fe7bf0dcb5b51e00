"""Elder mode (长辈模式, 大字版): larger text, more spacing, higher contrast and larger
targets, after MIIT's 《互联网网站适老化通用设计规范》 and GB/T 37668.

The reader's choice lives in one cookie. A plain link (`/display/elder/?next=…`) sets it
and returns to the same page in the same script, so it works without JavaScript; every
public page reads it through `display_mode(request)` and sets a class on <html> (the
styles are in static/css/site.css, nothing inline, for the Content-Security-Policy).

A page's HTML therefore depends on this cookie's *normalised value*, nothing else of
the request's cookies: a page cache keys on `display_mode(request)` (see
docs/accessibility.md), not on the whole Cookie header (`Vary: Cookie`)."""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

COOKIE_NAME = "display_mode"
ELDER = "elder"
STANDARD = "standard"
MODES = (STANDARD, ELDER)
COOKIE_AGE = 365 * 24 * 60 * 60


def display_mode(request):
    """ "elder" when the reader chose elder mode, else "standard" (whatever else the
    cookie holds)."""
    return ELDER if request.COOKIES.get(COOKIE_NAME) == ELDER else STANDARD


def choose_display_mode(request, mode):
    """/display/<mode>/?next=<url>: remember the reader's choice, then go back to `next`
    (a path on this site only: anything else goes to the site's root)."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if mode == ELDER:
        response.set_cookie(COOKIE_NAME, ELDER, max_age=COOKIE_AGE, samesite="Lax")
    else:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response
