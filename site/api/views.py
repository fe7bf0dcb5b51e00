"""The open data API, /api/v1/: one read-only endpoint per dataset (opendata.registry),
each with the filters of its page, page-number pagination in a stable order, and both
scripts (?lang=zh-hant); the public search; the OpenAPI schema and its documentation
page. See docs/api.md."""

from django.utils import translation
from django.views.decorators.cache import never_cache

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from opendata.registry import datasets
from search.views import search_json

from .errors import ParameterError, filter_errors

LANGUAGES = ("zh-hans", "zh-hant")
LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=LANGUAGES,
    default="zh-hans",
    description="文字：zh-hans 简体（默认），zh-hant 繁体。Script: simplified (default) or traditional.",
)


def request_language(request):
    language = request.query_params.get("lang", "zh-hans")
    return language if language in LANGUAGES else "zh-hans"


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class FilterBackend(DjangoFilterBackend):
    """The dataset's FilterSet; invalid values are a 400 naming each parameter, with its
    message in Chinese and English."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise ParameterError(filter_errors(lambda: self.get_filterset(request, queryset, view)))
        return filterset.qs


class DatasetViewSet(viewsets.ReadOnlyModelViewSet):
    dataset = None
    pagination_class = Pagination
    filter_backends = [FilterBackend]

    def get_queryset(self):
        return self.dataset.get_queryset()

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "language": request_language(self.request),
            "base_url": self.request.build_absolute_uri("/").rstrip("/"),
        }

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Choice labels and messages in the reader's script.
        translation.activate(request_language(request))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response


def dataset_viewset(dataset):
    """The viewset of one dataset, described for the schema in its own words."""
    viewset = type(
        f"{dataset.serializer_class.__name__.removesuffix('Serializer')}ViewSet",
        (DatasetViewSet,),
        {
            "dataset": dataset,
            "serializer_class": dataset.serializer_class,
            "filterset_class": dataset.filterset_class,
            "lookup_field": dataset.lookup_field,
            "lookup_value_regex": "[^/]+",
        },
    )
    summary = str(dataset.title)
    return extend_schema_view(
        list=extend_schema(
            summary=summary,
            description=str(dataset.description),
            parameters=[LANG_PARAMETER],
            tags=[dataset.key],
        ),
        retrieve=extend_schema(summary=summary, parameters=[LANG_PARAMETER], tags=[dataset.key]),
    )(viewset)


def viewsets_by_key():
    return {dataset.key: dataset_viewset(dataset) for dataset in datasets()}


class SearchHitSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()
    snippet = serializers.CharField()
    meta = serializers.ListField(child=serializers.CharField())


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    messages = serializers.ListField(child=serializers.CharField())
    kind = serializers.CharField(required=False)
    page = serializers.IntegerField(required=False)
    pages = serializers.IntegerField(required=False)
    total = serializers.IntegerField(required=False)
    counts = serializers.DictField(child=serializers.IntegerField(), required=False)
    facets = serializers.DictField(
        child=serializers.ListField(child=serializers.DictField()), required=False
    )
    results = SearchHitSerializer(many=True)


@extend_schema(
    summary="搜索 Search",
    description="The public search (docs/search.md): the same results as /zh-hans/search/.",
    parameters=[
        OpenApiParameter("q", OpenApiTypes.STR, description="搜索词 Words to find."),
        OpenApiParameter("kind", OpenApiTypes.STR, description="orgs, notices, funding, …"),
        OpenApiParameter("page", OpenApiTypes.INT),
        LANG_PARAMETER,
    ],
    responses=SearchResultSerializer,
    tags=["search"],
)
@never_cache
@api_view(["GET"])
def search(request):
    with translation.override(request_language(request)):
        data = search_json(request._request)
    response = Response(data)
    response["X-Robots-Tag"] = "noindex"
    return response
