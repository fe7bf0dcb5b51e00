"""Slugs for new organizations: pinyin of the short name (or of the title), word by word.

东亭社区邻里互助队 (简称 邻里互助队) → linlihuzhu-dui; without a short name the title is
used, cut at a word to at most MAX_LENGTH characters. Words come from the site's Chinese
segmenter (search.normalize, with its dictionary of local names, so 水果湖街道 stays one
word); pypinyin reads each word as a whole, which gets polyphones right in context
(长寿区 → changshouqu). See docs/architecture.md ("Slugs")."""

from functools import lru_cache

from django.utils.text import slugify

from wagtail.models import Page

from pypinyin import lazy_pinyin

from search.normalize import is_cjk, query_terms

MAX_LENGTH = 40
FALLBACK = "org"


@lru_cache(maxsize=50_000)
def word_slug(word):
    """One word's part of a slug (cached: names repeat their words, 社区, 志愿服务队 …,
    and the ledger import makes tens of thousands of slugs at once)."""
    return slugify("".join(lazy_pinyin(word)) if is_cjk(word) else word)


def pinyin_slug(text, max_length=MAX_LENGTH):
    words = []
    for term in query_terms(text):
        word = word_slug(term.word)
        if word:
            words.append(word)
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > max_length:
            break
        slug = longer
    if not slug and words:  # one word longer than the limit
        slug = words[0][:max_length].strip("-")
    return slug or FALLBACK


def organization_slug(short_name, title):
    return pinyin_slug(short_name or title)


class SlugAllocator:
    """`available_slug` for many new pages at once (the ledger import): the slugs below
    `parent` and below its translations are read once, and each slug handed out is taken."""

    def __init__(self, parent):
        self.taken = set()
        for each in [parent, *parent.get_translations()]:
            self.taken.update(Page.objects.child_of(each).values_list("slug", flat=True))
        self.last_number = {}

    def take(self, base):
        slug, number = base, self.last_number.get(base, 1)
        if number > 1:
            slug = f"{base}-{number}"
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.last_number[base] = number
        self.taken.add(slug)
        return slug
