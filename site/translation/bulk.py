"""zh-hant twins of pages written in bulk, written in bulk too: what `sync_to_traditional`
(wagtail-localize, ~0.13 s a page) would make of each source, for the demo's scale
generator (demo/scale_twins.py) and the ledger import (orgs/ledger/, through the publish
pipeline's bulk event).

- A twin has the source's translation_key and slug, locale zh-hant, and sits under the
  zh-hant twin of the source's parent page, published at the same times.
- The fields wagtail-localize translates (`get_translatable_fields`) are converted with
  OpenCC s2tw: text and rich text whole, StreamField JSON value by value (block types,
  ids and child names kept); foreign keys to translatable snippets (region, category)
  point at their zh-hant twins.
- Synchronised fields are copied, and so are the child rows wagtail-localize copies with
  a page (tags, the organizations a notice concerns, which keep pointing at the zh-hans
  organizations, as after a sync).
- An existing twin is refreshed in place (`TwinMaker.refresh`): its text and synchronised
  fields follow the source; its own page state (revisions, lock, slug, first
  publication) stays.

No revision or TranslationSource is written: a later publish of a source goes through
`sync_to_traditional`, which finds its twin by translation_key and locale and updates it.
The search entries and the content cache are the caller's (the publish pipeline's).
"""

import logging
from functools import lru_cache

from django.db import models

from wagtail.fields import StreamField
from wagtail.models import COMMENTS_RELATION_NAME, Page, TranslatableMixin
from wagtail_localize.fields import TranslatableField, get_translatable_fields

from modelcluster.models import get_all_child_relations

from core.bulk_pages import BATCH, TreeSlots, save_pages, update_pages
from core.scripts import to_traditional

from .sync import enabled, sync_to_traditional, target_locale

logger = logging.getLogger(__name__)

# Set per page below, never copied from the source.
PAGE_TREE_FIELDS = {"id", "page_ptr", "path", "depth", "numchild", "url_path"}
# What a refresh writes of Page's own columns; the rest of a twin's page state (slug,
# revisions, lock, first publication, live) is its own.
REFRESHED_PAGE_FIELDS = (
    "title",
    "draft_title",
    "seo_title",
    "search_description",
    "show_in_menus",
    "last_published_at",
)


def convert_stream(data, convert):
    """Raw StreamField JSON with its text converted; block types, ids and the names of
    struct children are kept, and so is everything that is not a string."""
    if isinstance(data, list):
        return [convert_stream(item, convert) for item in data]
    if isinstance(data, dict):
        if "type" in data and "value" in data:  # a block: only its value holds text
            return {
                key: convert_stream(value, convert) if key == "value" else value
                for key, value in data.items()
            }
        return {key: convert_stream(value, convert) for key, value in data.items()}
    if isinstance(data, str):
        return convert(data)
    return data


def field_actions(model):
    """(field, action) for every column of `model`: "text", "stream" (converted),
    "twin" (a translatable snippet: its zh-hant twin) or "copy", as wagtail-localize
    treats the field."""
    translated = {
        f.field_name for f in get_translatable_fields(model) if isinstance(f, TranslatableField)
    }
    actions = []
    for field in model._meta.concrete_fields:
        if field.name in PAGE_TREE_FIELDS and issubclass(model, Page):
            continue
        if field.primary_key:
            continue
        action = "copy"
        if field.name in translated and field.name != "slug":
            if isinstance(field, StreamField):
                action = "stream"
            elif isinstance(field, models.ForeignKey):
                action = "twin"
            elif isinstance(field, models.CharField | models.TextField):  # and RichTextField
                action = "text"
        actions.append((field, action))
    return actions


class TwinMaker:
    def __init__(self, locale, log):
        self.locale = locale
        self.log = log
        # Generated text repeats a lot (issuers, names, places): convert each once.
        self.convert = lru_cache(maxsize=100_000)(to_traditional)
        self.twin_ids = {}  # model → {source pk: twin pk}
        self.actions = {}

    def twin_id(self, model, pk):
        """The pk of the zh-hant twin of snippet `pk`; synced now if it has none (a
        category or region added while the sync was off: a handful at most)."""
        if pk is None:
            return None
        ids = self.twin_ids.get(model)
        if ids is None:
            twins = dict(
                model.objects.filter(locale=self.locale).values_list("translation_key", "pk")
            )
            ids = self.twin_ids[model] = {
                source_pk: twins[key]
                for source_pk, key in model.objects.exclude(locale=self.locale).values_list(
                    "pk", "translation_key"
                )
                if key in twins
            }
        if pk not in ids:
            ids[pk] = sync_to_traditional(model.objects.get(pk=pk)).pk
        return ids[pk]

    def fill(self, model, source, twin):
        """Set every field of `twin` from `source`, converted or mapped as needed."""
        if model not in self.actions:
            self.actions[model] = field_actions(model)
        for field, action in self.actions[model]:
            value = getattr(source, field.attname)
            if action == "text":
                value = self.convert(value) if value else value
            elif action == "stream":
                value = convert_stream(list(value.raw_data), self.convert)
            elif action == "twin":
                value = self.twin_id(field.related_model, value)
            setattr(twin, field.attname, value)
        twin.locale_id = self.locale.pk
        return twin

    def snippets(self, model, sources):
        """Twins of the translatable snippets `sources` (saved, without twins; a parent's
        twin must exist first: call once a level). Returns how many."""
        twins = [self.fill(model, source, model()) for source in sources]
        model.objects.bulk_create(twins, batch_size=BATCH)
        ids = self.twin_ids.get(model)
        if ids is not None:
            ids.update({s.pk: t.pk for s, t in zip(sources, twins, strict=True)})
        return len(twins)

    def missing(self, sources):
        """The pks of the pages of `sources` (a queryset) that have no twin, in tree
        order."""
        return list(
            sources.exclude(
                translation_key__in=Page.objects.filter(locale=self.locale).values(
                    "translation_key"
                )
            )
            .order_by("path")
            .values_list("pk", flat=True)
        )

    def pages(self, model, missing, twin_index):
        """Twins of the source pages `missing` (pks in tree order, children of the source
        of `twin_index`, without twins: see `missing()`), under `twin_index`. Returns the
        twins' pks."""
        if not missing:
            return []
        self.log(f"writing {len(missing)} zh-hant {model._meta.verbose_name_plural}")
        batches = (
            model.objects.filter(pk__in=missing[start : start + BATCH])
            for start in range(0, len(missing), BATCH)
        )
        return self.twins_of(model, batches, twin_index)

    def twins_of(self, model, batches, twin_index):
        """Twins under `twin_index` of the source pages in `batches` (iterables of saved
        pages of `model` without twins, children of the source of `twin_index`; the
        pages in memory after a bulk write, or read from the database). Returns the
        twins' pks."""
        slots = TreeSlots(twin_index)
        written = []
        for batch in batches:
            sources = sorted(batch, key=lambda page: page.path)
            twins = [self.page(model, source, twin_index, slots) for source in sources]
            save_pages(model, twins)
            self.copy_child_rows(
                model, {source.pk: twin.pk for source, twin in zip(sources, twins, strict=True)}
            )
            written.extend(twin.pk for twin in twins)
        slots.commit()
        return written

    def refresh(self, model, sources):
        """Bring the existing twins of `sources` (saved zh-hans pages of `model`) in step
        with them; returns the twins' pks."""
        twins = {
            twin.translation_key: twin
            for start in range(0, len(sources), BATCH)
            for twin in model.objects.filter(
                locale=self.locale,
                translation_key__in=[s.translation_key for s in sources[start : start + BATCH]],
            )
        }
        pairs = [(s, twins[s.translation_key]) for s in sources if s.translation_key in twins]
        if not pairs:
            return []
        for source, twin in pairs:
            self.fill(model, source, twin)
            twin.draft_title = twin.title
        specific = [f.attname for f in model._meta.local_concrete_fields if not f.primary_key]
        update_pages(model, [twin for _source, twin in pairs], [*REFRESHED_PAGE_FIELDS, *specific])
        self.copy_child_rows(model, {source.pk: twin.pk for source, twin in pairs}, replace=True)
        return [twin.pk for _source, twin in pairs]

    def page(self, model, source, twin_index, slots):
        twin = self.fill(model, source, model())
        twin.path = slots.take()
        twin.depth = twin_index.depth + 1
        twin.numchild = 0
        twin.url_path = f"{twin_index.url_path}{source.slug}/"
        twin.draft_title = twin.title
        twin.latest_revision_id = twin.live_revision_id = None
        twin.alias_of_id = None
        return twin

    def copy_child_rows(self, model, twin_of, replace=False):
        """Copy the rows wagtail-localize copies with a page (non-translatable child
        relations: tags, notice ↔ organization links, attachments) onto the twins
        (`replace`: instead of the twins' own)."""
        for relation in get_all_child_relations(model):
            child = relation.related_model
            if relation.get_accessor_name() == COMMENTS_RELATION_NAME or issubclass(
                child, TranslatableMixin
            ):
                continue
            parent_key = relation.field.attname
            if replace:
                child.objects.filter(**{f"{parent_key}__in": list(twin_of.values())}).delete()
            copies = []
            for row in child.objects.filter(**{f"{parent_key}__in": list(twin_of)}).order_by("pk"):
                row.pk = None
                row._state.adding = True
                setattr(row, parent_key, twin_of[getattr(row, parent_key)])
                copies.append(row)
            child.objects.bulk_create(copies, batch_size=BATCH)


def follow_written_in_bulk(model, pages):
    """The twins of zh-hans `pages` of `model` just written in bulk (saved instances):
    refreshed when they exist, made under the zh-hant twin of the source's parent when
    not. Returns the pks of the twins written: none when the sync is off (or paused), or
    there is no zh-hant site."""
    locale = target_locale()
    if not enabled() or locale is None or not pages:
        return []
    maker = TwinMaker(locale, logger.info)
    keys = [page.translation_key for page in pages]
    have_twin = set()
    for start in range(0, len(keys), BATCH):
        have_twin.update(
            model.objects.filter(
                locale=locale, translation_key__in=keys[start : start + BATCH]
            ).values_list("translation_key", flat=True)
        )
    written = maker.refresh(model, [page for page in pages if page.translation_key in have_twin])
    by_parent = {}
    for page in sorted(pages, key=lambda page: page.path):
        by_parent.setdefault(page.path[: -Page.steplen], []).append(page)
    for path, children in by_parent.items():
        parent = Page.objects.get(path=path)
        twin_parent = Page.objects.filter(
            translation_key=parent.translation_key, locale=locale
        ).first()
        if twin_parent is None:
            logger.warning("“%s”没有繁体版本：其下批量写入的页面没有繁体页面", parent.title)
            continue
        # The pages as written (no need to read them back).
        missing = [page for page in children if page.translation_key not in have_twin]
        if missing:
            batches = (missing[start : start + BATCH] for start in range(0, len(missing), BATCH))
            written.extend(maker.twins_of(model, batches, twin_parent))
    return written
