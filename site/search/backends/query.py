"""Rewriting a reader's query into normalised tokens, for any modelsearch backend."""

from wagtail.models import Page
from wagtail.search.query import And, Not, Or, Phrase, PlainText

from ..normalize import query_terms


def uses_normalised_index(model) -> bool:
    """Our models store normalised tokens; Page searches cover our page types too.
    Wagtail's own models (images, documents, users) keep stock text and stock queries."""
    return getattr(model, "chinese_search", False) or model is Page


def normalised_query(raw, autocomplete=False):
    """Every term must match; a term of several tokens must match as a phrase.

    For autocomplete, the tokens go into one PlainText so that the backend treats the
    last one as a prefix (七 → 七宝…)."""
    terms = query_terms(raw)
    if not terms:
        return None
    if autocomplete:
        return PlainText(" ".join(token for term in terms for token in term.tokens), operator="and")
    parts = [
        Phrase(" ".join(term.tokens)) if term.is_phrase else PlainText(term.tokens[0])
        for term in terms
    ]
    return parts[0] if len(parts) == 1 else And(parts)


def rewrite(query, autocomplete=False):
    """Rewrite a query string or a query object (Wagtail's admin parses the search box
    into PlainText/Phrase objects). Rewriting is idempotent: tokens rewrite to themselves."""
    if isinstance(query, str):
        return normalised_query(query, autocomplete)
    if isinstance(query, PlainText):
        return normalised_query(query.query_string, autocomplete)
    if isinstance(query, Phrase):
        return normalised_query(f'"{query.query_string}"', autocomplete)
    if isinstance(query, And | Or):
        parts = [
            part
            for part in (rewrite(q, autocomplete) for q in query.subqueries)
            if part is not None
        ]
        return type(query)(parts) if parts else None
    if isinstance(query, Not):
        inner = rewrite(query.subquery, autocomplete)
        return Not(inner) if inner is not None else None
    return query  # MatchAll, Boost …


class ChineseQueryMixin:
    """Backend mixin: the query given to `search()` and `autocomplete()` (the admin search
    and any other caller) is rewritten into normalised tokens for our models."""

    def search(self, query, model_or_queryset, *args, **kwargs):
        return super().search(
            self._rewrite(query, model_or_queryset), model_or_queryset, *args, **kwargs
        )

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        query = self._rewrite(query, model_or_queryset, autocomplete=True)
        return super().autocomplete(query, model_or_queryset, *args, **kwargs)

    @staticmethod
    def _rewrite(query, model_or_queryset, autocomplete=False):
        model = getattr(model_or_queryset, "model", model_or_queryset)
        if not uses_normalised_index(model):
            return query
        rewritten = rewrite(query, autocomplete)
        return "" if rewritten is None else rewritten
