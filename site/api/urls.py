from django.urls import include, path, re_path

from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import errors, views

router = DefaultRouter()
for key, viewset in views.viewsets_by_key().items():
    router.register(key, viewset, basename=key)

urlpatterns = [
    path("search/", views.search, name="api-search"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file (?script): no inline script
    # under the Content-Security-Policy (docs/security.md).
    path("docs/", views.DocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
    # Last: any other address ending in / is the API's JSON 404 (one without the slash is
    # first redirected to it by APPEND_SLASH), not the site's HTML page.
    re_path(r"^.*/$", errors.not_found),
]
