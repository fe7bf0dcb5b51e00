"""zh-hant twins of what the scale generator writes, written in bulk too.

`sync_to_traditional` (wagtail-localize) costs ~0.13 s a page: hours for the ~90,000
pages of `load_demo --orgs 40000`. This module writes, in bulk and the way scale.py
writes the sources (Page rows with bulk_create, specific rows with executemany,
treebeard paths computed here), what that sync would make of each generated source:

- the twin has the source's translation_key and slug, locale zh-hant, and sits under
  the zh-hant twin of the source's index page, published at the same times;
- the fields wagtail-localize translates (`get_translatable_fields`) are converted with
  OpenCC s2tw: text and rich text whole, StreamField JSON value by value (block types,
  ids and child names kept); its foreign keys to translatable snippets (region,
  category) point at their zh-hant twins;
- synchronised fields are copied, and so are the child rows wagtail-localize copies
  with a page (tags, the organizations a notice concerns, which keep pointing at the
  zh-hans organizations, as after a sync). Records (funding, evaluations) are not part
  of a page and stay once, against the source (translation/locales.py).

Generated regions (streets, communities) get their twins first, level by level. No
revision or TranslationSource is written, as for the sources: a later publish of a
source goes through `sync_to_traditional`, which finds its twin by translation_key and
locale and updates it. Only what has no twin yet is written, so running again adds
nothing. The search index is not updated; `rebuild_search` indexes the twins too.
"""

import time
from functools import lru_cache

from django.conf import settings
from django.db import models, transaction

from wagtail.fields import StreamField
from wagtail.models import COMMENTS_RELATION_NAME, Page, TranslatableMixin
from wagtail_localize.fields import TranslatableField, get_translatable_fields

from modelcluster.models import get_all_child_relations

from core.scripts import to_traditional
from translation.sync import sync_to_traditional, target_locale

from .scale import BATCH, TreeSlots, save_pages

GENERATED = "gen-"  # slug prefix of generated pages (organizations and their notices)

# Set per page below, never copied from the source.
PAGE_TREE_FIELDS = {"id", "page_ptr", "path", "depth", "numchild", "url_path"}


def make_traditional_twins(source_locale, orgs_index, notices_index, log=print):
    """Write the missing zh-hant twins of the generated regions, organizations and
    notices; returns what was created (nothing when there is no zh-hant site)."""
    from disclosure.models import NoticePage
    from orgs.models import OrganizationPage

    if not getattr(settings, "SYNC_TRADITIONAL", True):
        log("SYNC_TRADITIONAL is off: generated pages get no zh-hant twins")
        return {}
    locale = target_locale()
    twin_indexes = [
        Page.objects.filter(translation_key=index.translation_key, locale=locale).first()
        if locale
        else None
        for index in (orgs_index, notices_index)
    ]
    if None in twin_indexes:
        log(
            "no zh-hant orgs/notices index (demo loaded without SYNC_TRADITIONAL?): "
            "generated pages get no zh-hant twins"
        )
        return {}
    started = time.perf_counter()
    maker = TwinMaker(locale, log)
    with transaction.atomic():
        created = {
            "zh-hant regions": maker.regions(source_locale),
            "zh-hant organizations": maker.pages(OrganizationPage, orgs_index, twin_indexes[0]),
            "zh-hant notices": maker.pages(NoticePage, notices_index, twin_indexes[1]),
        }
    created = {kind: number for kind, number in created.items() if number}
    if created:
        log(f"zh-hant twins written in {time.perf_counter() - started:.1f} s")
    return created


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

    def regions(self, source_locale):
        """Twins of the regions that have none, districts before streets before
        communities, so that each parent's twin exists first."""
        from taxonomy.models import Region

        have = set(
            Region.objects.filter(locale=self.locale).values_list("translation_key", flat=True)
        )
        created = 0
        for level in sorted(Region.Level.values):
            sources = [
                region
                for region in Region.objects.filter(locale=source_locale, level=level).order_by(
                    "code"
                )
                if region.translation_key not in have
            ]
            if not sources:
                continue
            twins = [self.fill(Region, source, Region()) for source in sources]
            Region.objects.bulk_create(twins, batch_size=BATCH)
            ids = self.twin_ids.get(Region)
            if ids is not None:
                ids.update({s.pk: t.pk for s, t in zip(sources, twins, strict=True)})
            created += len(twins)
        if created:
            self.log(f"adding {created} zh-hant regions")
        return created

    def pages(self, model, index, twin_index):
        """Twins of the generated children of `index` that have none, under
        `twin_index`, in the sources' order."""
        missing = list(
            model.objects.child_of(index)
            .filter(slug__startswith=GENERATED)
            .exclude(
                translation_key__in=Page.objects.filter(locale=self.locale).values(
                    "translation_key"
                )
            )
            .order_by("path")
            .values_list("pk", flat=True)
        )
        if not missing:
            return 0
        self.log(f"writing {len(missing)} zh-hant {model._meta.verbose_name_plural}")
        slots = TreeSlots(twin_index)
        for start in range(0, len(missing), BATCH):
            sources = list(model.objects.filter(pk__in=missing[start : start + BATCH]))
            sources.sort(key=lambda page: page.path)
            twins = [self.page(model, source, twin_index, slots) for source in sources]
            save_pages(model, twins)
            self.copy_child_rows(
                model, {source.pk: twin.pk for source, twin in zip(sources, twins, strict=True)}
            )
        slots.commit()
        return len(missing)

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

    def copy_child_rows(self, model, twin_of):
        """Copy the rows wagtail-localize copies with a page (non-translatable child
        relations: tags, notice ↔ organization links, attachments) onto the twins."""
        for relation in get_all_child_relations(model):
            child = relation.related_model
            if relation.get_accessor_name() == COMMENTS_RELATION_NAME or issubclass(
                child, TranslatableMixin
            ):
                continue
            parent_key = relation.field.attname
            copies = []
            for row in child.objects.filter(**{f"{parent_key}__in": list(twin_of)}).order_by("pk"):
                row.pk = None
                row._state.adding = True
                setattr(row, parent_key, twin_of[getattr(row, parent_key)])
                copies.append(row)
            child.objects.bulk_create(copies, batch_size=BATCH)
