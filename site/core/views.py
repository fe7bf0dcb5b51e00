"""Error pages, the language root and media files (in development, or with SERVE_MEDIA)."""

import posixpath
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language_from_request
from django.views.decorators.csrf import requires_csrf_token
from django.views.static import serve

from .middleware import database_unavailable

# Wagtail's documents are stored under MEDIA_ROOT/documents/ and served only by Wagtail's
# document view, which refuses an archive's editor-only documents (orgs/archive.py).
DOCUMENTS_DIRECTORY = "documents/"


def language_root(request):
    """/ → /zh-hans/ or /zh-hant/, from the browser's Accept-Language (zh-TW/HK → zh-hant)."""
    language = get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{language}/")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # A database that does not answer, where DatabaseUnavailableMiddleware does not see it
    # (a middleware's own query): the same 503 as from the middleware.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    # No context processors and no database: whatever broke may break them too.
    return HttpResponseServerError(loader.get_template("500.html").render())


def serve_media(request, path):
    """MEDIA_URL in development (DEBUG), or in production with SERVE_MEDIA=1 (one box with
    no web server serving /media/, docs/deploy.md), as `django.conf.urls.static` would:
    `serve` keeps the path inside MEDIA_ROOT and lists no directory. Never a document's
    file: the web server in production is set up the same way (README)."""
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404
    # As `serve` will read it: "images/../documents/x.pdf" is a document too.
    if f"{posixpath.normpath(path).lstrip('/')}/".startswith(DOCUMENTS_DIRECTORY):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # Uploaded files are never scripts or pages of this site, whatever their bytes say.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
