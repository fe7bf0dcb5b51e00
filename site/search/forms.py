"""Turning a query string into a SearchRequest: anything a reader or a robot can type
is accepted or explained, never an error page."""

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.labels import join_list

from .engines.base import SearchRequest
from .kinds import FACETS, KINDS
from .normalize import MAX_QUERY_LENGTH, clean_query, query_terms

MAX_PAGE = 500


class SearchForm(forms.Form):
    q = forms.CharField(required=False)
    kind = forms.ChoiceField(
        label=_("Result type"), required=False, choices=[(k, v.label) for k, v in KINDS.items()]
    )
    page = forms.IntegerField(required=False, min_value=1)
    district = forms.RegexField(required=False, regex=r"^\d{6}$")
    category = forms.SlugField(required=False)
    notice_kind = forms.ChoiceField(
        required=False,
        choices=[
            (v, v) for v in ("filing", "change", "exit", "revocation", "evaluation", "funding")
        ],
    )
    year = forms.IntegerField(required=False, min_value=1990, max_value=2100)
    star = forms.IntegerField(required=False, min_value=1, max_value=3)

    def to_request(self, locale_id):
        """(SearchRequest or None, messages for the reader)."""
        self.is_valid()
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
        ignored = [
            FACETS[name].label if name in FACETS else self.fields[name].label or name
            for name in self.errors
            if name not in ("q", "page")
        ]
        if ignored:
            messages.append(
                gettext("These filters are not valid and were ignored: %(filters)s.")
                % {"filters": join_list(ignored)}
            )
        if not query:
            return None, messages
        if not query_terms(query):
            messages.append(
                gettext("The search has no letters or digits to look for: try another word.")
            )
            return None, messages
        filters = {name: str(data[name]) for name in FACETS if data.get(name) not in (None, "")}
        request = SearchRequest(
            query=query,
            locale_id=locale_id,
            kind=data.get("kind") or "orgs",
            filters=filters,
            page=min(data.get("page") or 1, MAX_PAGE),
        )
        return request, messages
