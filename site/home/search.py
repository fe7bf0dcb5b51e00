"""What the public search finds of policies and other plain pages (see search/registry.py)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from search.highlight import plain_text, snippet
from search.registry import Field, Hit, SearchKind, Weight, register

from .models import StandardPage


@register
class PageKind(SearchKind):
    key = "pages"
    label = _("Policies and pages")
    position = 60
    model = StandardPage
    fields = (
        Field("title", Weight.NAME),
        Field("issuer", Weight.PERSON),
        Field("reference_number", Weight.PERSON),
        Field("summary", Weight.TEXT),
        Field("body", Weight.TEXT),
    )
    sort_date_path = "listed_on"

    def hits(self, objects, words, request, locale_id):
        return [
            Hit(
                title=page.title,
                url=page.get_url(request),
                snippet=snippet([page.summary, plain_text(page.body)], words),
                meta=(page.issuer, page.reference_number),
                badge=gettext("Page"),
            )
            for page in objects
        ]
