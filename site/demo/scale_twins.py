"""zh-hant twins of what the scale generator writes, written in bulk too.

`sync_to_traditional` (wagtail-localize) costs ~0.13 s a page: hours for the ~90,000
pages of `load_demo --orgs 40000`. `translation.bulk.TwinMaker` (shared with the ledger
import) writes, in bulk and the way scale.py writes the sources (Page rows with
bulk_create, specific rows with executemany, treebeard paths from core.bulk_pages), what
that sync would make of each generated source: same translation_key and slug, under the
zh-hant index, text converted with OpenCC, region and category pointing at their twins,
tags and notice links copied (see that module). Records (funding, evaluations) are not
part of a page and stay once, against the source (translation/locales.py).

Generated regions (streets, communities) get their twins first, level by level. No
revision or TranslationSource is written, as for the sources: a later publish of a
source goes through `sync_to_traditional`, which finds its twin by translation_key and
locale and updates it. Only what has no twin yet is written, so running again adds
nothing. The search index is not updated; `rebuild_search` indexes the twins too.
"""

import time

from django.conf import settings
from django.db import transaction

from wagtail.models import Page

from translation.bulk import TwinMaker
from translation.sync import target_locale

GENERATED = "gen-"  # slug prefix of generated pages (organizations and their notices)


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
            "zh-hant regions": region_twins(maker, source_locale, log),
            "zh-hant organizations": generated_twins(
                maker, OrganizationPage, orgs_index, twin_indexes[0]
            ),
            "zh-hant notices": generated_twins(maker, NoticePage, notices_index, twin_indexes[1]),
        }
    created = {kind: number for kind, number in created.items() if number}
    if created:
        log(f"zh-hant twins written in {time.perf_counter() - started:.1f} s")
    return created


def generated_twins(maker, model, index, twin_index):
    """Twins of the generated children of `index` that have none; how many."""
    sources = model.objects.child_of(index).filter(slug__startswith=GENERATED)
    return len(maker.pages(model, maker.missing(sources), twin_index))


def region_twins(maker, source_locale, log):
    """Twins of the regions that have none, districts before streets before communities,
    so that each parent's twin exists first."""
    from taxonomy.models import Region

    have = set(Region.objects.filter(locale=maker.locale).values_list("translation_key", flat=True))
    created = 0
    for level in sorted(Region.Level.values):
        sources = [
            region
            for region in Region.objects.filter(locale=source_locale, level=level).order_by("code")
            if region.translation_key not in have
        ]
        if sources:
            created += maker.snippets(Region, sources)
    if created:
        log(f"adding {created} zh-hant regions")
    return created
