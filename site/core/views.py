"""Error pages and the language root."""

from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language_from_request
from django.views.decorators.csrf import requires_csrf_token


def language_root(request):
    """/ → /zh-hans/ or /zh-hant/, from the browser's Accept-Language (zh-TW/HK → zh-hant)."""
    language = get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{language}/")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # No context processors and no database: whatever broke may break them too.
    return HttpResponseServerError(loader.get_template("500.html").render())
