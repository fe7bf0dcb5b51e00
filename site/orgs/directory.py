"""The organization directory: filters that combine, a sort, pagination.

Filters use stable codes (区划代码, category slugs), so a filtered URL can be shared and
keeps working in either script.
"""

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from core.dates import today
from core.labels import ANY_VALUE, join_list, star_label_lazy
from core.paging import paginate, unfiltered_count
from core.query import QueryForm, ignored_filters, safe_value
from taxonomy.models import Category, Region
from translation.locales import in_locale

from .models import OrganizationPage

PER_PAGE = 20

SORTS = {
    # The default order has a matching index (migration orgs 0003); the tie-breaker is
    # page_ptr_id, not pk, which Django would resolve to the Page table.
    "filed": (
        _("Filing date (newest first)"),
        [F("filed_on").desc(nulls_last=True), "-page_ptr_id"],
    ),
    "filed_asc": (
        _("Filing date (oldest first)"),
        [F("filed_on").asc(nulls_last=True), "page_ptr_id"],
    ),
    "star": (
        _("Star rating (highest first)"),
        [F("current_star").desc(nulls_last=True), "title", "page_ptr_id"],
    ),
    "name": (pgettext_lazy("sort order", "Name"), ["title", "page_ptr_id"]),
}
DEFAULT_SORT = "filed"
STAR_CHOICES = [(str(level), star_label_lazy(level)) for level in (3, 2, 1)] + [
    ("none", _("No current star rating"))
]
ALL = [("", ANY_VALUE)]
# The directory lists active organizations unless asked for another status, or for any.
DEFAULT_STATUS = OrganizationPage.Status.ACTIVE
ANY_STATUS = "any"
STATUS_CHOICES = OrganizationPage.Status.choices + [(ANY_STATUS, _("Any status"))]


class DirectoryFilterForm(QueryForm):
    district = forms.ChoiceField(label=_("District (county)"), required=False)
    street = forms.ChoiceField(label=_("Street (township)"), required=False)
    community = forms.ChoiceField(label=_("Community (village)"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    management = forms.ChoiceField(
        label=_("Management"),
        required=False,
        choices=ALL + OrganizationPage.Management.choices,
    )
    # No ALL entry: without a choice the list is of active organizations, the first option.
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    star = forms.ChoiceField(label=_("Star rating"), required=False, choices=ALL + STAR_CHOICES)
    hub = forms.IntegerField(
        label=_("Hub organization"), required=False, min_value=1, widget=forms.HiddenInput
    )
    sort = forms.ChoiceField(
        label=pgettext_lazy("sort order", "Sort by"),
        required=False,
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, data, locale_id):
        if not data.get("status"):
            data = data.copy()
            data["status"] = DEFAULT_STATUS  # shown as chosen; not counted as a filter
        super().__init__(data)
        data = self.data  # without the values core.query refuses (NUL reaches no query)
        regions = Region.objects.filter(locale_id=locale_id)
        districts = list(regions.filter(level=Region.Level.DISTRICT))
        self.fields["district"].choices = ALL + [(r.code, r.name) for r in districts]
        # Streets follow the chosen district, communities the chosen street, so the lists
        # stay short without JavaScript; without a choice above, the list below is hidden.
        district_code = safe_value(data, "district")
        street_code = safe_value(data, "street")
        community_code = safe_value(data, "community")
        streets = list(regions.filter(level=Region.Level.STREET, parent__code=district_code))
        communities = list(regions.filter(level=Region.Level.COMMUNITY, parent__code=street_code))
        if not streets and street_code:
            streets = list(regions.filter(level=Region.Level.STREET, code=street_code))
        if not communities and community_code:
            communities = list(regions.filter(level=Region.Level.COMMUNITY, code=community_code))
        self.fields["street"].choices = ALL + [(r.code, r.name) for r in streets]
        self.fields["community"].choices = ALL + [(r.code, r.name) for r in communities]
        self.fields["category"].choices = ALL + [
            (c.slug, c.name) for c in Category.objects.filter(locale_id=locale_id)
        ]

    def cleaned_or_ignored(self):
        """Valid values; an invalid value is dropped (and reported), never an error page."""
        ignored = ignored_filters(self)
        values = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return values, ignored

    @property
    def show_street(self):
        return len(self.fields["street"].choices) > 1

    @property
    def show_community(self):
        return len(self.fields["community"].choices) > 1

    def shown_fields(self):
        """The visible fields, street and community once there is a choice between them
        (after a district, then a street, is chosen: the form works without JavaScript)."""
        hidden = {"street"} if not self.show_street else set()
        if not self.show_community:
            hidden.add("community")
        return [field for field in self.visible_fields() if field.name not in hidden]


def filter_organizations(queryset, values, pending=None):
    """Apply every chosen filter; they combine with AND. The directory page and
    orgs.filters.OrganizationFilter (its downloads, the API) both filter through here.
    Without a status, active organizations (DEFAULT_STATUS); `any`: every status. The
    status is today's (orgs/lifecycle.py; `pending`: lifecycle.pending_statuses(), when
    the caller has it already)."""
    from disclosure.ratings import current_star_level, current_star_records

    from .lifecycle import filter_status

    for name in ("community", "street", "district"):
        if values.get(name):
            # Codes start with their parent's code: what lies in a region, in either script.
            inside = Region.objects.filter(code__startswith=values[name]).values("pk")
            queryset = queryset.filter(region__in=inside)
    if values.get("category"):
        queryset = queryset.filter(category__slug=values["category"])
    if values.get("management"):
        queryset = queryset.filter(management=values["management"])
    status = values.get("status") or DEFAULT_STATUS
    if status != ANY_STATUS:
        queryset = filter_status(queryset, status, pending)
    if values.get("hub"):
        queryset = queryset.filter(hub_id=values["hub"])
    star = values.get("star")
    # Records belong to the zh-hans source: match either script's organizations by key.
    rated = current_star_records().values("organization__translation_key")
    if star == "none":
        queryset = queryset.exclude(translation_key__in=rated)
    elif star:
        queryset = queryset.filter(translation_key__in=rated.filter(star_level=int(star)))
    sort = values.get("sort") or DEFAULT_SORT
    if sort == "star":
        queryset = queryset.annotate(current_star=current_star_level())
    return queryset.order_by(*SORTS[sort][1])


def directory_context(index_page, request):
    from disclosure.ratings import current_ratings_for

    from .lifecycle import pending_statuses, show_current_status

    form = DirectoryFilterForm(request.GET, index_page.locale_id)
    values, ignored = form.cleaned_or_ignored()
    # Active organizations are the list itself, not a filter applied to it (unless the
    # URL says so).
    chosen = dict(values)
    if not safe_value(request.GET, "status") and chosen.get("status") == DEFAULT_STATUS:
        chosen["status"] = ""
    day = today()
    pending = pending_statuses(day)
    # One directory per locale (max_count_per_parent on the home page), so the locale
    # selects its organizations; a tree-path filter would make SQLite scan every page.
    organizations = filter_organizations(
        OrganizationPage.objects.live().filter(locale_id=index_page.locale_id),
        values,
        pending,
    ).select_related("category", "region__parent__parent")
    # The default list (active organizations) is counted once a day and content version:
    # statuses move on with the calendar.
    count_key = f"directory-count:{index_page.locale_id}:{day.isoformat()}"
    page_obj = paginate(
        request,
        organizations,
        PER_PAGE,
        count=unfiltered_count(chosen, count_key, organizations),
    )
    items = show_current_status(page_obj.object_list, pending)
    ratings = current_ratings_for(items)
    for org in items:
        org.current_rating = ratings.get(org.translation_key)
    hub = None
    if values.get("hub"):
        hub = OrganizationPage.objects.live().filter(pk=values["hub"]).first()
        hub = in_locale([hub], index_page.locale_id)[0] if hub else None
    active_filters = [
        (form.fields[name].label, dict(form.fields[name].choices).get(values[name], values[name]))
        for name in ("district", "street", "community", "category", "management", "status", "star")
        if chosen.get(name)
    ]
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "organizations": items,
        "ignored_filters": ignored,
        "active_filters": active_filters,
        "active_filters_text": join_list(
            pgettext("a filter and its value", "“%(label)s: %(value)s”")
            % {"label": label, "value": value}
            for label, value in active_filters
        ),
        "hub": hub,
        "downloads": index_page.download_links(request),
    }
