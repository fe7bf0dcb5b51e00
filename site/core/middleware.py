"""All-or-nothing writes in the editors' admin; a friendly 503 when the database is down."""

import logging

from django.db import InterfaceError, OperationalError, transaction
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.template import loader
from django.urls import reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Paths that live outside /zh-hans/ and /zh-hant/ and answer their own 404s.
UNPREFIXED_PREFIXES = ("/api/",)

# Seconds a client is asked to wait when the database does not answer.
DATABASE_RETRY_AFTER = 30
DATABASE_UNAVAILABLE = _(
    "The site’s database is not answering at the moment. Please try again in a minute."
)


class DatabaseUnavailableMiddleware:
    """A database that does not answer (stopped, restarting, unreachable) gives a 503 with
    Retry-After: the friendly page 503.html, or JSON under /api/; not a 500 and a
    traceback. The page is rendered without context processors and without a request
    context, so it needs no database (as 500.html). Django calls process_exception for an
    exception of the view or of the rendering of its template response; with
    CONN_HEALTH_CHECKS (settings) the next request opens a new connection."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("数据库不可用（%s %s）：%s", request.method, request.path, exception)
        return database_unavailable(request)


def database_unavailable(request):
    if request.path_info.startswith(UNPREFIXED_PREFIXES):
        # The API's error shape (api/errors.py), in both languages.
        texts = {}
        for language in ("zh-hans", "en"):
            with override(language):
                texts[language] = str(DATABASE_UNAVAILABLE)
        error = {"status": 503, "message": texts["zh-hans"], "message_en": texts["en"]}
        response = JsonResponse(
            {"error": {**error, "fields": {}}},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


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
