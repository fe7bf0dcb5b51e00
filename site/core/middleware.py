"""All-or-nothing writes in the editors' admin."""

from django.db import transaction
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import reverse
from django.utils.translation import get_language

# Paths that live outside /zh-hans/ and /zh-hant/ and answer their own 404s.
UNPREFIXED_PREFIXES = ("/api/",)


class AtomicAdminWritesMiddleware:
    """Run each POST to the Wagtail admin in one database transaction.

    Wagtail's page create view is not atomic: it saves the new page, then its revision,
    then publishes, and publishing a zh-hans page also writes its zh-hant twin
    (the publish pipeline). When anything after the first save failed, the editor got an
    error page and the half-made page stayed (live, without its twin); the retry was then
    refused with "备案编号 … 已被“<the same organization>”使用". In one transaction a
    failure rolls the whole action back and the editor can simply try again. The same holds
    for publishing from the edit view and every other admin action.

    Like Django's ATOMIC_REQUESTS, but only for admin writes: public pages and the search
    API are read-only and keep their query budgets. Keep it last in MIDDLEWARE: it calls
    the view itself, so middleware after it would not see the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 outside the language prefixes stays a 404 under /api/.

    Django answers a 404 for an unprefixed path by redirecting to /zh-hans/<path> when
    that would resolve, and Wagtail's catch-all resolves every path: an API client asking
    for a record that does not exist would be sent to an HTML page instead of getting
    the API's JSON 404."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED_PREFIXES) and response.status_code == 404:
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
