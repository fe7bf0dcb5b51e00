"""The two scripts from the reader's side: where the same content lives in the other
script, and remembering an explicit choice.

Pages link to their twin (same translation_key); anything else under a language prefix
(the search page, error pages) swaps the prefix. The query string is kept, so a filtered
directory or a search stays filtered."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

from wagtail.models import Page

# Shown in the switcher in their own script, whatever the page's script.
LABELS = {"zh-hans": "简体", "zh-hant": "繁體"}
HTML_LANG = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}
CODES = [code for code, _name in settings.LANGUAGES]


def swap_prefix(path, language):
    for code in CODES:
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            return f"/{language}{path[len(code) + 1 :]}"
    return f"/{language}/"


def twin_url(page, language, request):
    """The live twin's URL, or None when the page has none (yet)."""
    twin = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    return twin.get_url(request) if twin else None


def url_in(language, request, page=None):
    """The URL of what the request shows, in `language`'s script (query string kept)."""
    path = None
    if isinstance(page, Page):
        page_url = page.get_url(request)
        path = twin_url(page, language, request)
        if path and page_url and request.path.startswith(page_url):
            path += request.path[len(page_url) :]  # a routable page's sub-route
    if path is None:
        path = swap_prefix(request.path, language)
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


def alternates(request, page=None):
    """One entry per script: code, label, html lang, URL, and whether it is the current."""
    current = get_language()
    return [
        {
            "code": code,
            "label": LABELS.get(code, code),
            "lang": HTML_LANG.get(code, code),
            "url": request.get_full_path() if code == current else url_in(code, request, page),
            "current": code == current,
        }
        for code in CODES
    ]


def choose_language(request, language):
    """/language/<code>/?next=<url>: remember the reader's explicit choice (the cookie the
    `/` redirect and Django's negotiation read), then go to `next`."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"/{language}/"
    response = HttpResponseRedirect(target)
    if language in CODES:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
        )
    return response
