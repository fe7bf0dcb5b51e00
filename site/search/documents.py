"""Elasticsearch documents of the public search: one per result kind (search/kinds.py).

Each kind has one index per locale, named `{ELASTICSEARCH_INDEX_PREFIX}_{kind}_{language}`
(for example `shequ_orgs_zh-hans`). That name is an alias: a rebuild fills a new index
and moves the alias in one step, so readers never see a half-built index.

The text fields hold the output of `search.normalize.index_text` (bigrams, single
characters and Latin words, separated by spaces), taken from the same search fields as
the database index. Elasticsearch only splits it on whitespace: its own analysers
would cut Chinese differently from the query side. Facets are keyword fields holding
the values the search form sends (district code, category slug, notice kind, year,
star level), so a filter is a plain `term`.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from wagtail.search import index

from elasticsearch_dsl import Document, Integer, Keyword, Text, analyzer, connections, token_filter

from .index import flatten
from .kinds import KINDS
from .normalize import index_text

ALIAS = "search"  # the elasticsearch-dsl connection these documents use

# The text is already normalised: only split it. Its tokens are whole words, so the
# `term` query of a one-token query term matches them exactly.
normalised = analyzer("normalised", tokenizer="whitespace")
# Autocomplete: every leading part of a token (七宝 → 七, 七宝), so one typed character
# finds the names it starts a word of.
name_prefix = analyzer(
    "name_prefix",
    tokenizer="whitespace",
    filter=[token_filter("name_edge", "edge_ngram", min_gram=1, max_gram=15)],
)


# One shard: the indices are small (tens of thousands of documents), and one shard
# scores with the statistics of the whole index, so the ranking does not vary by shard.
INDEX_SETTINGS = {"number_of_shards": 1}


def client():
    """The Elasticsearch client of ELASTICSEARCH_URL (credentials may sit in the URL)."""
    try:
        return connections.get_connection(ALIAS)
    except KeyError:
        if not settings.ELASTICSEARCH_URL:
            raise ImproperlyConfigured(
                "The Elasticsearch engine needs ELASTICSEARCH_URL (see docs/search-elasticsearch.md)."
            ) from None
        return connections.create_connection(
            ALIAS, hosts=[settings.ELASTICSEARCH_URL], request_timeout=10
        )


def index_name(kind, language_code):
    """The alias a kind's documents in one locale are read from and written to."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_{kind}_{language_code}".lower()


def pattern(kind):
    """All locales' indices of a kind. Documents name it as their default index, which
    elasticsearch-dsl refuses to write to: writes always go through index_for()."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_{kind}_*"


def district_code(region):
    """The code of the district (区/县) a region lies in; regions are at most three deep."""
    if region is None:
        return None
    return region.ancestors_and_self()[0].code


def _field_texts(field, obj, field_class):
    """(boost, normalised text) of one entry of `search_fields`, following RelatedFields."""
    if isinstance(field, index.RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return
        for item in related.all() if hasattr(related, "all") else [related]:
            for sub_field in field.fields:
                yield from _field_texts(sub_field, item, field_class)
    elif isinstance(field, field_class):
        # The raw value (ChineseSearchField would hand back tokens already), normalised once.
        text = index_text(flatten(field_class.get_value(field, obj)))
        if text:
            yield getattr(field, "boost", None) or 1, text


def search_texts(obj, field_class=index.SearchField):
    """What the database index stores for `obj`: (boost, normalised text) per search
    field of the model (or per autocomplete field, with `index.AutocompleteField`)."""
    for field in type(obj).get_search_fields():
        yield from _field_texts(field, obj, field_class)


class KindDocument(Document):
    """Fields every kind has. `prepare()` fills the text fields from the model's search
    fields and every other field with its `prepare_<field>(obj)` method."""

    pk = Integer()
    locale_id = Keyword()
    live = Keyword()
    # Every search field's text, one value each: Elasticsearch leaves a gap between
    # values, so a phrase never runs from one field into the next.
    text = Text(analyzer=normalised)
    # The fields the database index boosts (title, short name, summary…): matches
    # there rank higher.
    boosted = Text(analyzer=normalised)
    # The kind's names (Kind.title_fields): hits whose names hold every query word
    # come first, as with the database engine.
    titles = Text(analyzer=normalised)

    kind = ""  # the key in search.kinds.KINDS
    locale_lookup = "locale"  # from a row to its Locale

    @classmethod
    def model(cls):
        return KINDS[cls.kind].model

    @classmethod
    def get_queryset(cls):
        """Every row of the kind, live or not (documents carry `live`), with the
        relations that the preparers read."""
        return cls.model().get_indexed_objects()

    @classmethod
    def in_locale(cls, locale):
        return cls.get_queryset().filter(**{cls.locale_lookup: locale})

    @classmethod
    def locale_of(cls, obj):
        return obj.locale

    @classmethod
    def index_for(cls, language_code, name=None):
        """The kind's index definition (mappings, analysis, settings) under the locale's
        alias, or under `name` (a new index behind that alias)."""
        return cls._index.clone(name=name or index_name(cls.kind, language_code), using=ALIAS)

    @classmethod
    def new_index_name(cls, language_code):
        return f"{index_name(cls.kind, language_code)}_{timezone.now():%Y%m%d%H%M%S%f}"

    @classmethod
    def prepare(cls, obj):
        """The document for a model instance."""
        texts = list(search_texts(obj))
        doc = cls(
            meta={"id": obj.pk},
            text=[text for _boost, text in texts],
            boosted=[text for boost, text in texts if boost > 1],
        )
        for attr in dir(cls):
            if attr.startswith("prepare_"):
                setattr(doc, attr.removeprefix("prepare_"), getattr(doc, attr)(obj))
        return doc

    def prepare_pk(self, obj):
        return obj.pk

    def prepare_titles(self, obj):
        titles = []
        for path in KINDS[self.kind].title_fields:
            value = obj
            for attr in path.split("__"):
                value = getattr(value, attr)
            titles.append(index_text(value))
        return [title for title in titles if title]

    def prepare_locale_id(self, obj):
        return obj.locale_id

    def prepare_live(self, obj):
        return obj.live


class OrganizationRecordDocument(KindDocument):
    """Funding and evaluation records: visible while their organization is, in its locale."""

    district = Keyword()
    year = Keyword()

    locale_lookup = "organization__locale"

    @classmethod
    def locale_of(cls, obj):
        return obj.organization.locale

    def prepare_locale_id(self, obj):
        return obj.organization.locale_id

    def prepare_live(self, obj):
        return obj.organization.live

    def prepare_district(self, obj):
        return district_code(obj.organization.region)


class OrganizationDocument(KindDocument):
    # Title and short name, also split into leading parts for autocomplete.
    names = Text(
        analyzer=normalised,
        fields={"prefix": Text(analyzer=name_prefix, search_analyzer=normalised)},
    )
    district = Keyword()
    category = Keyword()

    kind = "orgs"

    class Index:
        name = pattern("orgs")  # a pattern, never written to: see index_for()
        settings = INDEX_SETTINGS

    def prepare_names(self, obj):
        # Page and OrganizationPage both declare the title: keep it once.
        return list(
            dict.fromkeys(text for _boost, text in search_texts(obj, index.AutocompleteField))
        )

    def prepare_district(self, obj):
        return district_code(obj.region)

    def prepare_category(self, obj):
        return obj.category.slug


class NoticeDocument(KindDocument):
    district = Keyword()  # the districts of the organizations concerned
    notice_kind = Keyword()
    year = Keyword()

    kind = "notices"

    class Index:
        name = pattern("notices")
        settings = INDEX_SETTINGS

    def prepare_district(self, obj):
        return sorted(
            {district_code(link.organization.region) for link in obj.notice_organizations.all()}
        )

    def prepare_notice_kind(self, obj):
        return obj.kind

    def prepare_year(self, obj):
        return str(obj.starts_on.year)


class FundingDocument(OrganizationRecordDocument):
    category = Keyword()

    kind = "funding"

    class Index:
        name = pattern("funding")
        settings = INDEX_SETTINGS

    @classmethod
    def get_queryset(cls):
        return super().get_queryset().select_related("organization__category")

    def prepare_category(self, obj):
        return obj.organization.category.slug

    def prepare_year(self, obj):
        return str(obj.year)


class EvaluationDocument(OrganizationRecordDocument):
    star = Keyword()

    kind = "evaluations"

    class Index:
        name = pattern("evaluations")
        settings = INDEX_SETTINGS

    def prepare_star(self, obj):
        return str(obj.star_level) if obj.star_level else None

    def prepare_year(self, obj):
        return str(obj.evaluated_on.year)


class CaseDocument(KindDocument):
    district = Keyword()
    year = Keyword()

    kind = "cases"

    class Index:
        name = pattern("cases")
        settings = INDEX_SETTINGS

    def prepare_district(self, obj):
        return district_code(obj.region)

    def prepare_year(self, obj):
        return str(obj.published_on.year)


class PageDocument(KindDocument):
    kind = "pages"

    class Index:
        name = pattern("pages")
        settings = INDEX_SETTINGS


DOCUMENTS = {
    document.kind: document
    for document in (
        OrganizationDocument,
        NoticeDocument,
        FundingDocument,
        EvaluationDocument,
        CaseDocument,
        PageDocument,
    )
}


def document_for_model(model):
    """The document class of a model, or None if the public search does not show it."""
    for document in DOCUMENTS.values():
        if document.model() is model:
            return document
    return None
