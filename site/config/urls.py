from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from core import display, health, languages
from core import views as core_views
from core.sitemaps import BothScriptsSitemap
from opendata import views as opendata_views
from search import views as search_views

SITEMAPS = {"pages": BothScriptsSitemap}

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    # Regions and categories moved from the orgs app to taxonomy: editors' bookmarks follow.
    re_path(
        r"^admin/snippets/orgs/(?P<rest>(?:region|category)/.*)$",
        RedirectView.as_view(url="/admin/snippets/taxonomy/%(rest)s", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/v1/", include("api.urls")),
    path("api/search/", search_views.search_api, name="search_api"),
    path("api/search/suggest/", search_views.suggest_api, name="search_suggest"),
    # For load balancers: the database, cache and search, as JSON (core/health.py).
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg")),
    re_path(
        r"^language/(?P<language>zh-hans|zh-hant)/$",
        languages.choose_language,
        name="choose_language",
    ),
    re_path(
        r"^display/(?P<mode>standard|elder)/$",
        display.choose_display_mode,
        name="choose_display_mode",
    ),
    path("", core_views.language_root, name="language_root"),
]

# Media files in development, or with SERVE_MEDIA=1 (both read on each request); never the
# documents' files, which only Wagtail's document view serves (docs/archive.md).
urlpatterns.append(
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", core_views.serve_media)
)

# Every public page lives under /zh-hans/ or /zh-hant/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search_page, name="search"),
    path("data/", opendata_views.data_page, name="open_data"),
    path("", include(wagtail_urls)),
)
