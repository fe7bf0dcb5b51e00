"""Turning a query string into a SearchRequest: anything a reader or a robot can type
is accepted or explained, never an error page."""

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.query import QueryForm, ignored_filters, ignored_filters_message

from . import registry
from .engines.base import SearchRequest
from .normalize import MAX_QUERY_LENGTH, clean_query, query_terms

MAX_PAGE = 500


class SearchForm(QueryForm):
    q = forms.CharField(required=False)
    kind = forms.ChoiceField(label=_("Result type"), required=False)
    page = forms.IntegerField(required=False, min_value=1)
    free_text = ("q",)  # cleaned by normalize.clean_query

    def __init__(self, data):
        super().__init__(data)
        self.kinds = registry.kinds()
        self.fields["kind"].choices = [(key, kind.label) for key, kind in self.kinds.items()]
        # One field per facet of any kind: each facet validates its own parameter.
        self.facets = registry.facets()
        for name, facet in self.facets.items():
            self.fields[name] = facet.form_field()

    def to_request(self, locale_id):
        """(SearchRequest or None, messages for the reader)."""
        ignored = ignored_filters(self, skip=("q", "page"))
        data = self.cleaned_data
        messages = []
        raw = self.data.get("q", "") or ""
        query = clean_query(raw)
        if len(raw) > MAX_QUERY_LENGTH:
            messages.append(
                ngettext(
                    "The search is too long: only its first %(counter)s character is used.",
                    "The search is too long: only its first %(counter)s characters are used.",
                    MAX_QUERY_LENGTH,
                )
                % {"counter": MAX_QUERY_LENGTH}
            )
        if ignored:
            messages.append(ignored_filters_message(ignored))
        if not query:
            return None, messages
        if not query_terms(query):
            messages.append(
                gettext("The search has no letters or digits to look for: try another word.")
            )
            return None, messages
        filters = {
            name: str(data[name]) for name in self.facets if data.get(name) not in (None, "")
        }
        request = SearchRequest(
            query=query,
            locale_id=locale_id,
            kind=data.get("kind") or next(iter(self.kinds)),
            filters=filters,
            page=min(data.get("page") or 1, MAX_PAGE),
        )
        return request, messages
