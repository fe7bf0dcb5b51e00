"""RSS 2.0 and Atom feeds of the notice list and the funding and evaluation tables:
the list's URL + feed/rss/ or feed/atom/, with the list's own filters (disclosure.filters),
so `/zh-hans/notices/feed/rss/?kind=filing&district=420106` follows that list. An invalid
value is dropped, as on the page; an empty selection is an empty feed.

Built with Django's syndication framework. A feed is in its page's script: notices are
the twins of that locale; records, stored once in simplified script, are converted, and
link the organization's page (or the notice that announced them) in that script."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Prefetch
from django.http import QueryDict
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, override, pgettext

from core.languages import HTML_LANG
from core.scripts import in_reader_script
from core.templatetags.site_tags import money
from translation.locales import in_locale, with_display_organizations

from .filters import EvaluationFilter, FundingFilter, NoticeFilter
from .models import EvaluationRecord, FundingRecord, NoticeOrganization, NoticePage

FEED_SIZE = 50
# The feed formats: path segment → (label of the link, feed generator).
FLAVOURS = {"rss": ("RSS", Rss201rev2Feed), "atom": ("Atom", Atom1Feed)}
# Parameters of a list that choose a page or a download, not rows.
NOT_FILTERS = {"page", "format"}
# Parameters that order a table: a feed is always newest first.
ORDERING = {"sort"}
# The date of tag: URIs (RFC 4151) naming records: when the site began to name them.
TAG_DATE = "2026"


@dataclass
class Entry:
    title: str
    link: str
    description: str
    guid: str
    published: datetime.datetime
    updated: datetime.datetime
    guid_is_permalink: bool = False
    categories: tuple = ()
    author: str | None = None


@dataclass
class Channel:
    title: str
    link: str
    description: str
    feed_url: str
    author: str
    entries: list = field(default_factory=list)


class ListFeed(Feed):
    """A list's feed from a Channel of ready Entries (built in one pass over the rows,
    so the number of queries does not grow with the number of items)."""

    def __init__(self, feed_type, language):
        super().__init__()
        self.feed_type = feed_type
        self.language = language

    def get_object(self, request, channel):
        return channel

    def title(self, channel):
        return channel.title

    def link(self, channel):
        return channel.link

    def description(self, channel):
        return channel.description

    def feed_url(self, channel):
        return channel.feed_url

    def author_name(self, channel):
        return channel.author

    def items(self, channel):
        return channel.entries

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.description

    def item_guid(self, entry):
        return entry.guid

    def item_guid_is_permalink(self, entry):
        return entry.guid_is_permalink

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return entry.categories

    def item_author_name(self, entry):
        return entry.author


def filter_query(params):
    """The query string of a list's filters (`params`: its GET): the page number, the
    format of a download and empty values left out."""
    query = QueryDict(mutable=True)
    for name, values in params.lists():
        if name not in NOT_FILTERS:
            query.setlist(name, [value for value in values if value])
    return query.urlencode()


def feed_links(request, list_url, list_name):
    """The template context announcing a list's feeds, carrying its current filters:
    `feeds` [(label, url)] for the subscribe links (includes/downloads.html) and
    `feed_alternates` [(content type, title, url)] for <link rel="alternate"> in the head
    (includes/feed_links.html)."""
    query = filter_query(request.GET)
    feeds, alternates = [], []
    for flavour, (label, generator) in FLAVOURS.items():
        url = f"{list_url}feed/{flavour}/" + (f"?{query}" if query else "")
        feeds.append((label, url))
        content_type = generator.content_type.split(";")[0]
        alternates.append((content_type, f"{list_name} ({label})", url))
    return {"feeds": feeds, "feed_alternates": alternates}


def site_name():
    return gettext("Community Social Organization Public Service Platform")


def valid_query(request, filterset):
    """The request's parameters that `filterset` accepted, as a query string."""
    filterset.is_valid()
    query = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in filterset.filters and name not in filterset.errors:
            query.setlist(name, [value for value in values if value])
    return query.urlencode()


def filters_summary(filterset, ignore=ORDERING):
    """The filters applied, in words: "Notice type: Filing notice; District (county): …"."""
    form = filterset.form
    parts = []
    for name, value in form.cleaned_data.items():
        if name in ignore or value in (None, "", [], ()):
            continue
        form_field = form.fields[name]
        shown = dict(getattr(form_field, "choices", ())).get(value, value)
        parts.append(gettext("%(label)s: %(value)s") % {"label": form_field.label, "value": shown})
    return pgettext("between the filters of a feed's description", "; ").join(parts)


def channel_description(about, filterset):
    summary = filters_summary(filterset)
    if not summary:
        return str(about)
    return f"{about} " + gettext("Filtered by %(filters)s.") % {"filters": summary}


def tag_uri(request, specific):
    """A tag: URI (RFC 4151) on the site's host name: stable, and not a link."""
    host = urlsplit(f"//{request.get_host()}").hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:{specific}"


def as_datetime(day):
    return datetime.datetime.combine(day, datetime.time.min)


def labelled(label, value):
    """A label and its value in the reader's language, as HTML (the value may be a link)."""
    # Both parts are escaped; the msgstr is ours.
    return mark_safe(
        gettext("%(label)s: %(value)s")
        % {"label": conditional_escape(label), "value": conditional_escape(value)}
    )


def details(rows):
    """An item's facts as an HTML list: rows of (label, value); empty values left out."""
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "", "<li>{}</li>", ((labelled(label, value),) for label, value in rows if value)
        ),
    )


def organization_link(organization, request):
    """A link to the organization's page; absolute, as RSS has no base for relative links.
    An organization that is not published is named without a link (its page is gone)."""
    if not organization.live:
        return organization.title
    url = request.build_absolute_uri(organization.get_url(request))
    return format_html('<a href="{}">{}</a>', url, organization.title)


def serve_feed(request, channel, flavour, language):
    _label, generator = FLAVOURS[flavour]
    return ListFeed(generator, HTML_LANG.get(language, language))(request, channel)


# Notices


def notice_entries(page, request, notices):
    """Each notice with its period, issuer, document number and the organizations it
    concerns (their pages in the notice's script: the rows point at zh-hans pages)."""
    links = [link for notice in notices for link in notice.notice_organizations.all()]
    twins = in_locale([link.organization for link in links], page.locale_id)
    organization = {link.organization_id: twin for link, twin in zip(links, twins, strict=True)}
    entries = []
    for notice in notices:
        concerned = [
            organization[link.organization_id] for link in notice.notice_organizations.all()
        ]
        period = pgettext("date range", "%(start)s to %(end)s") % {
            "start": date_format(notice.starts_on, "DATE_FORMAT"),
            "end": date_format(notice.ends_on, "DATE_FORMAT"),
        }
        url = notice.get_url(request)
        published = notice.first_published_at or as_datetime(notice.starts_on)
        entries.append(
            Entry(
                title=notice.title,
                link=url,
                description=details(
                    [
                        (gettext("Notice type"), notice.get_kind_display()),
                        (gettext("Notice period"), period),
                        (gettext("Issued by"), notice.issuer),
                        (gettext("Reference number"), notice.reference_number),
                        (
                            gettext("Organizations concerned"),
                            format_html_join(
                                "、",
                                "{}",
                                ((organization_link(org, request),) for org in concerned),
                            ),
                        ),
                    ]
                ),
                # The notice's address in this script: slugs do not change.
                guid=request.build_absolute_uri(url),
                guid_is_permalink=True,
                published=published,
                updated=notice.last_published_at or published,
                categories=(str(notice.get_kind_display()),),
                author=notice.issuer,
            )
        )
    return entries


def notice_channel(page, request):
    filterset = NoticeFilter(
        request.GET,
        # One list per locale: the zh-hant feed lists the zh-hant twins.
        queryset=NoticePage.objects.live().filter(locale_id=page.locale_id),
        request=request,
    )
    query = valid_query(request, filterset)
    notices = list(
        filterset.qs.prefetch_related(
            Prefetch(
                "notice_organizations",
                queryset=NoticeOrganization.objects.select_related("organization"),
            )
        ).order_by(F("first_published_at").desc(nulls_last=True), "-starts_on", "-page_ptr_id")[
            :FEED_SIZE
        ]
    )
    list_url = page.get_url(request)
    return Channel(
        title=f"{site_name()} - {page.title}",
        link=list_url + (f"?{query}" if query else ""),
        description=channel_description(
            gettext("Notices of filing, change, exit, revocation, evaluation results and funding."),
            filterset,
        ),
        feed_url=request.get_full_path(),
        author=site_name(),
        entries=notice_entries(page, request, notices),
    )


def notice_feed(page, request, flavour):
    """The notice list's feed (NoticeIndexPage, feed/rss/ and feed/atom/)."""
    language = page.locale.language_code
    with override(language):
        return serve_feed(request, notice_channel(page, request), flavour, language)


# Funding and evaluation records


def has_notice(model):
    """Whether records carry the notice that announced them (a nullable `notice`)."""
    try:
        model._meta.get_field("notice")
    except FieldDoesNotExist:
        return False
    return True


def record_links(records, locale_id, request, list_url):
    """{record pk: URL}: the notice that announced the record when it has one (live),
    else the organization's page, in the locale's script, else (an organization that is
    not published) the record's list."""
    announced = [record for record in records if getattr(record, "notice_id", None)]
    notices = in_locale([record.notice for record in announced], locale_id)
    links = {
        record.pk: notice.get_url(request)
        for record, notice in zip(announced, notices, strict=True)
        if notice.live
    }
    for record in records:
        if record.pk not in links:
            organization = record.display_organization
            links[record.pk] = organization.get_url(request) if organization.live else list_url
    return links


def record_entries(page, request, records, describe, language, list_url):
    records = with_display_organizations(records, page.locale_id)
    links = record_links(records, page.locale_id, request, list_url)
    entries = []
    for record in records:
        title, category, rows = describe(record, request, language)
        entries.append(
            Entry(
                title=title,
                link=links[record.pk],
                description=details(rows),
                guid=tag_uri(request, f"{record._meta.model_name}/{record.pk}"),
                published=record.updated_at,
                updated=record.updated_at,
                categories=(category,),
            )
        )
    return entries


def describe_funding(record, request, language):
    organization = record.display_organization
    project = in_reader_script(record.project_title, language)
    title = gettext("%(organization)s: %(project)s") % {
        "organization": organization.title,
        "project": project,
    }
    source = str(record.get_source_kind_display())
    rows = [
        (gettext("Organization"), organization_link(organization, request)),
        (gettext("Project"), project),
        (gettext("Amount (yuan)"), money(record.amount)),
        (gettext("Source of funds"), source),
        (gettext("Funder"), in_reader_script(record.funder, language)),
        (gettext("Funding round"), in_reader_script(record.round, language)),
        (gettext("Year"), record.year),
        (gettext("Date"), record.awarded_on and date_format(record.awarded_on, "DATE_FORMAT")),
    ]
    return title, source, rows


def describe_evaluation(record, request, language):
    organization = record.display_organization
    result = record.result_label
    kind = str(record.get_kind_display())
    title = gettext("%(organization)s: %(kind)s %(result)s") % {
        "organization": organization.title,
        "kind": kind,
        "result": result,
    }
    valid_until = None
    if record.kind == EvaluationRecord.Kind.STAR and record.valid_until:
        valid_until = date_format(record.valid_until, "DATE_FORMAT")
    rows = [
        (gettext("Organization"), organization_link(organization, request)),
        (gettext("Evaluation type"), kind),
        (gettext("Result"), result),
        (gettext("Evaluation date"), date_format(record.evaluated_on, "DATE_FORMAT")),
        (gettext("Valid until"), valid_until),
        (gettext("Evaluator"), in_reader_script(record.evaluator, language)),
    ]
    return title, kind, rows


RECORD_FEEDS = {
    # dataset key: (model, FilterSet, name of the list, what the feed is about, describe)
    "funding": (
        FundingRecord,
        FundingFilter,
        lambda: gettext("Funding records"),
        lambda: gettext("Public money and charitable resources each organization received."),
        describe_funding,
    ),
    "evaluations": (
        EvaluationRecord,
        EvaluationFilter,
        lambda: gettext("Evaluation records"),
        lambda: gettext("Star evaluations and satisfaction surveys, with their validity."),
        describe_evaluation,
    ),
}


def record_list_name(dataset_key):
    return RECORD_FEEDS[dataset_key][2]()


def record_channel(page, request, dataset_key, language):
    model, filterset_class, list_name, about, describe = RECORD_FEEDS[dataset_key]
    queryset = model.objects.live().select_related("organization")
    if has_notice(model):
        queryset = queryset.select_related("notice")
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    query = valid_query(request, filterset)
    # Newest first by their last change (new records): a table's own sort does not apply.
    records = list(filterset.qs.order_by("-updated_at", "-pk")[:FEED_SIZE])
    list_url = f"{page.get_url(request)}{dataset_key}/"
    return Channel(
        title=f"{site_name()} - {list_name()}",
        link=list_url + (f"?{query}" if query else ""),
        description=channel_description(about(), filterset),
        feed_url=request.get_full_path(),
        author=site_name(),
        entries=record_entries(page, request, records, describe, language, list_url),
    )


def record_feed(page, request, dataset_key, flavour):
    """The feed of a record table (DisclosureIndexPage, <table>/feed/rss/ and …/atom/)."""
    language = page.locale.language_code
    with override(language):
        return serve_feed(
            request, record_channel(page, request, dataset_key, language), flavour, language
        )
