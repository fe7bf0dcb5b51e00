"""The public search page, its JSON twin and the autocomplete endpoint.

Results depend on the query: never cached (never_cache) and never indexed by robots.
When the engine in use does not answer (an Elasticsearch node down), the database's own
engine answers instead and the reader is told (`with_fallback`)."""

import logging

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from wagtail.models import Locale

from core.paging import paginate
from core.scripts import in_reader_script

from . import registry
from .engines import database_engine, get_engine
from .forms import SearchForm
from .highlight import highlight
from .normalize import clean_query

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = _(
    "The search service is not answering at the moment: these results come from a simpler "
    "backup search and may be less complete."
)


def with_fallback(ask, notices=None):
    """(engine, ask(engine)) from the engine in use, or from the database's own when the
    engine's service does not answer; then FALLBACK_NOTICE is added to `notices`."""
    engine = get_engine()
    try:
        return engine, ask(engine)
    except engine.unavailable as error:
        logger.warning("搜索服务无响应，改用数据库搜索：%s", error)
        if notices is not None:
            notices.append(FALLBACK_NOTICE)
        fallback = database_engine()
        return fallback, ask(fallback)


def exact_match(query, locale_id):
    """An object a query names exactly (a 统一社会信用代码 or 备案编号), or None."""
    query = clean_query(query)  # PostgreSQL refuses NUL and friends in a text comparison
    if not query or len(query) > 64:
        return None
    for kind in registry.kinds().values():
        found = kind.exact_match(query, locale_id)
        if found is not None:
            return found
    return None


def reader_locale():
    """The locale of the reader's language; the default one until its content exists."""
    return (
        Locale.objects.filter(language_code=translation.get_language()).first()
        or Locale.get_default()
    )


def reader_script(locale, stored_locale_id):
    """How text stored in locale `stored_locale_id` reaches a reader of `locale`
    (reader_locale()): as it is when it is the reader's own language (zh-hant twins are
    written in traditional script; converting them again turns 鄰里 into 鄰裡), converted
    when it is stored in simplified (records, which exist once, and everything while the
    reader's locale has no content yet)."""
    if stored_locale_id == locale.pk and locale.language_code == translation.get_language():
        return lambda value: value
    return in_reader_script


def run_search(request):
    locale = reader_locale()
    form = SearchForm(request.GET)
    search_request, messages = form.to_request(locale.pk)
    context = {
        "form": form,
        "query": clean_query(request.GET.get("q", "")),
        "messages_for_reader": messages,
    }
    if search_request is None:
        return context, None
    engine, results = with_fallback(lambda engine: engine.search(search_request), messages)
    if not results.total and "kind" not in request.GET:
        # Show the first kind that has something rather than an empty default tab.
        first = next((key for key, count in results.counts.items() if count), None)
        if first:
            search_request.kind = first
            results = engine.search(search_request)
    words = search_request.words
    script = reader_script(locale, results.kind.entry_locale_id(search_request.locale_id))
    hits = []
    for hit in results.kind.hits(results.hits, words, request, search_request.locale_id):
        title = script(hit.title)
        hits.append(
            {
                "title": title,
                "title_html": highlight(title, words),
                "url": hit.url,
                "snippet": script(hit.snippet),
                "meta": [script(str(m)) for m in hit.meta if m],
                "badge": hit.badge,
            }
        )
    kinds = registry.kinds()
    context.update(
        {
            "search": search_request,
            "results": results,
            "facet_links": facet_links(request, results),
            "hits": hits,
            "tabs": [(key, kind.label, results.counts.get(key, 0)) for key, kind in kinds.items()],
            "total_everywhere": sum(results.counts.values()),
            "page_obj": paginate_numbers(request, results),
        }
    )
    if not sum(results.counts.values()):
        context["suggestions"] = engine.suggest(search_request.query, locale.pk)
        for kind in kinds.values():
            context.update(kind.when_nothing_found(locale.pk))
    return context, search_request


def facet_links(request, results):
    """Per facet of the results: (facet, [(value, label, count, query)], clear query),
    each query the current one with that value set (or the facet cleared) and the page
    number dropped, for {% querystring %} (whose names cannot be variables)."""

    def query(name, value):
        params = request.GET.copy()
        params.pop("page", None)
        params.pop(name, None)
        if value is not None:
            params[name] = value
        return params

    return [
        (
            facet,
            [
                (value, label, count, query(facet.name, value))
                for value, label, count in facet.options
            ],
            query(facet.name, None),
        )
        for facet in results.facets
    ]


def paginate_numbers(request, results):
    """A Django page over the hit count, so the shared pagination template works."""
    return paginate(request, range(results.total), per_page=results.request.per_page)


@never_cache
def search_page(request):
    match = exact_match(request.GET.get("q", ""), reader_locale().pk)
    if match is not None:
        return HttpResponseRedirect(match.get_url(request))
    context, _ = run_search(request)
    response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def api_language(view):
    """The API lives outside /zh-hans/ and /zh-hant/: ?lang=zh-hant picks the script."""

    def wrapper(request):
        language = request.GET.get("lang", "zh-hans")
        with translation.override(language if language in ("zh-hans", "zh-hant") else "zh-hans"):
            return view(request)

    wrapper.__doc__ = view.__doc__
    return wrapper


def search_json(request):
    """The search's results as JSON-ready data (the API's /api/v1/search/ and the older
    /api/search/ return this; fields documented in docs/search.md)."""
    context, search_request = run_search(request)
    data = {
        "query": context["query"],
        "messages": [str(message) for message in context["messages_for_reader"]],
        "results": [],
    }
    if search_request is not None:
        results = context["results"]
        data.update(
            {
                "kind": search_request.kind,
                "page": context["page_obj"].number,
                "pages": context["page_obj"].paginator.num_pages,
                "total": results.total,
                "counts": results.counts,
                "facets": {
                    f.name: [{"value": v, "label": label, "count": n} for v, label, n in f.options]
                    for f in results.facets
                },
                "results": [
                    {
                        "title": hit["title"],
                        "url": request.build_absolute_uri(hit["url"]),
                        "snippet": str(hit["snippet"]),
                        "meta": hit["meta"],
                    }
                    for hit in context["hits"]
                ],
            }
        )
    return data


@never_cache
@api_language
def search_api(request):
    """GET /api/search/?q=…&kind=…&page=…&lang=…: kept for links made before /api/v1/."""
    response = JsonResponse(search_json(request), json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@api_language
def suggest_api(request):
    """GET /api/search/suggest/?q=七 — names for the search box (organizations)."""
    text = clean_query(request.GET.get("q", ""))[:20]
    names = []
    if text:
        locale = reader_locale()
        script = reader_script(locale, locale.pk)
        _engine, found = with_fallback(lambda engine: engine.autocomplete(text, locale.pk))
        for org in found:
            names.append({"title": script(org.title), "url": org.get_url(request)})
    return JsonResponse(
        {"query": text, "results": names}, json_dumps_params={"ensure_ascii": False}
    )
