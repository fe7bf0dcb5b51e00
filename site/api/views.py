"""The open data API, /api/v1/: one read-only endpoint per dataset (opendata.registry),
each with the filters of its page, page-number pagination in a stable order, and both
scripts (?lang=zh-hant); the public search; the OpenAPI schema and its documentation
page. See docs/api.md."""

import re

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from opendata.registry import datasets
from search import registry as search_registry
from search.views import search_json

from .errors import NotFound, ParameterError, filter_errors

LANGUAGES = ("zh-hans", "zh-hant")
DEFAULT_LANGUAGE = "zh-hans"
LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=LANGUAGES,
    default=DEFAULT_LANGUAGE,
    description="文字：zh-hans 简体（默认），zh-hant 繁体；其他值为 400 错误。"
    "Script: zh-hans simplified (default) or zh-hant traditional; any other value is a 400.",
)
BAD_LANGUAGE = _("Choose zh-hans (simplified script) or zh-hant (traditional script).")
BAD_PAGE = _("Give a page number: a whole number from 1.")
BAD_PAGE_SIZE = _("Give a page size: a whole number from 1 to %(max)d.")
NO_SUCH_PAGE = _("There is no page %(page)d: the last page is %(last)d.")
NO_SUCH_RECORD = _("No record has this identifier in this dataset.")
NUMBER = re.compile(r"[0-9]{1,9}")


def request_language(request):
    """The script asked for with ?lang= (zh-hans when absent or empty); anything else
    is a 400."""
    language = request.GET.get("lang") or DEFAULT_LANGUAGE
    if language not in LANGUAGES:
        raise ParameterError.one("lang", BAD_LANGUAGE)
    return language


def language_or_default(request):
    """For messages before the parameter is validated."""
    language = request.GET.get("lang")
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


class Pagination(PageNumberPagination):
    """Numbered pages of `page_size` rows (50 by default, at most 500). A page number or
    size that is not a number in range is a 400; a page past the last one a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value in (None, ""):
            return self.page_size
        if not NUMBER.fullmatch(value) or not 1 <= int(value) <= self.max_page_size:
            raise ParameterError.one("page_size", BAD_PAGE_SIZE, max=self.max_page_size)
        return int(value)

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value in (None, ""):
            return 1
        if not NUMBER.fullmatch(value) or int(value) < 1:
            raise ParameterError.one("page", BAD_PAGE)
        number = int(value)
        if number > paginator.num_pages:
            raise NotFound(NO_SUCH_PAGE, page=number, last=paginator.num_pages)
        return number

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = "页码，从 1 开始。Page number, from 1."
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(
                    minimum=1, maximum=self.max_page_size, default=self.page_size
                )
                parameter["description"] = (
                    f"每页条数，1–{self.max_page_size}，默认 {self.page_size}。"
                    f"Rows per page, 1–{self.max_page_size}, {self.page_size} by default."
                )
        return parameters


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


def with_tie_breaker(queryset):
    """The queryset's order, made total: rows that tie on every ordering key (two grants
    of the same amount) are ordered by primary key, so a page always holds the same rows.
    The key is the column itself (page_ptr_id for a page type): ordering by "pk" would
    follow the relation to Wagtail's Page and order by its path."""
    key = queryset.model._meta.pk.attname
    ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
    if ordering and isinstance(ordering[-1], str) and ordering[-1].lstrip("-") in (key, "pk"):
        return queryset
    return queryset.order_by(*ordering, key)


class DatasetViewSet(viewsets.ReadOnlyModelViewSet):
    dataset = None
    pagination_class = Pagination
    filter_backends = [FilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema: no database needed
            return self.filterset_class._meta.model.objects.none()
        return self.dataset.get_queryset()

    def filter_queryset(self, queryset):
        return with_tie_breaker(super().filter_queryset(queryset))

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as exc:
            raise NotFound(NO_SUCH_RECORD) from exc

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "language": request_language(self.request),
            "base_url": self.request.build_absolute_uri("/").rstrip("/"),
        }

    def dispatch(self, request, *args, **kwargs):
        # Choice labels and messages in the reader's script.
        with translation.override(language_or_default(request)):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # throttling first
        request_language(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response


class FieldErrorSerializer(serializers.Serializer):
    message = serializers.CharField(help_text="中文说明。")
    message_en = serializers.CharField(help_text="The same in English.")


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="HTTP 状态码。The HTTP status code.")
    message = serializers.CharField(help_text="中文说明。")
    message_en = serializers.CharField(help_text="The same in English.")
    fields = serializers.DictField(
        child=FieldErrorSerializer(),
        help_text="被拒绝的参数及其说明（400）。Each refused parameter with its messages (400).",
    )


class ErrorSerializer(serializers.Serializer):
    """Every error of the API: {"error": {status, message, message_en, fields}}."""

    error = ErrorDetailSerializer()


ERRORS = {
    400: ErrorSerializer,
    404: ErrorSerializer,
    429: ErrorSerializer,
}


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
            "lookup_url_kwarg": "id",
            "lookup_value_regex": "[^/]+",
        },
    )
    summary = str(dataset.title)
    return extend_schema_view(
        list=extend_schema(
            summary=summary,
            description=str(dataset.description),
            parameters=[LANG_PARAMETER],
            responses={200: dataset.serializer_class(many=True), **ERRORS},
            tags=[dataset.key],
        ),
        retrieve=extend_schema(
            summary=summary,
            parameters=[
                LANG_PARAMETER,
                OpenApiParameter(
                    "id",
                    OpenApiTypes.STR,
                    OpenApiParameter.PATH,
                    description=LOOKUP_DESCRIPTIONS.get(dataset.lookup_field, ""),
                ),
            ],
            responses={200: dataset.serializer_class, **ERRORS},
            tags=[dataset.key],
        ),
    )(viewset)


LOOKUP_DESCRIPTIONS = {
    "translation_key": "字段 id 的值（UUID）。The row's id (a UUID).",
    "pk": "字段 id 的值（整数）。The row's id (an integer).",
    "code": "区划代码。The region's code.",
    "slug": "类别代码。The category's slug.",
}


def viewsets_by_key():
    return {dataset.key: dataset_viewset(dataset) for dataset in datasets()}


class SearchHitSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()
    snippet = serializers.CharField(allow_blank=True)
    meta = serializers.ListField(child=serializers.CharField())


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField(allow_blank=True, help_text="整理后的搜索词。The cleaned query.")
    messages = serializers.ListField(
        child=serializers.CharField(), help_text="给读者的提示。Notes for the reader."
    )
    kind = serializers.CharField(required=False, help_text="结果的类别。The kind shown.")
    page = serializers.IntegerField(required=False)
    pages = serializers.IntegerField(required=False)
    total = serializers.IntegerField(required=False, help_text="该类别的结果数。Hits of this kind.")
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        help_text="各类别的结果数。Hits per kind.",
    )
    facets = serializers.DictField(
        child=FacetOptionSerializer(many=True),
        required=False,
        help_text="可进一步筛选的值。Values to narrow the results by.",
    )
    results = SearchHitSerializer(many=True)


@extend_schema(
    summary="搜索 Search",
    description="The public search (docs/search.md): the same results as /zh-hans/search/.",
    parameters=[
        OpenApiParameter("q", OpenApiTypes.STR, description="搜索词 Words to find."),
        OpenApiParameter("kind", OpenApiTypes.STR, description="orgs, notices, funding, …"),
        OpenApiParameter("page", OpenApiTypes.INT, description="页码 Page number."),
        LANG_PARAMETER,
        # The facets of every kind (search.registry): an invalid value is ignored and
        # named in `messages`.
        *[
            OpenApiParameter(name, facet.schema(), description=str(facet.label))
            for name, facet in search_registry.facets().items()
        ],
    ],
    responses={200: SearchResultSerializer, 400: ErrorSerializer, 429: ErrorSerializer},
    tags=["search"],
)
@never_cache
@api_view(["GET"])
def search(request):
    language = request_language(request)
    with translation.override(language):
        data = search_json(request._request)
    response = Response(data)
    response["X-Robots-Tag"] = "noindex"
    return response


class DocsView(SpectacularSwaggerSplitView):
    """The schema's documentation page: HTML whatever the query string says. DRF reads
    ?format= as a choice of renderer, and this view has only the HTML one: ?format=json
    was a 404 rendered by the HTML renderer through the site's 404 template, outside a
    page's context (an error page; docs/input-validation.md)."""

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)
