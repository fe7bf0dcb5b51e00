"""Shared abstract page bases."""

from django.db import models
from django.db.models import Prefetch

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class BasePage(Page):
    """Every public page type derives from this, so shared behaviour has one home.

    Page types also put search.index.ChineseSearchMixin first in their bases (so Wagtail's
    index holds normalised Chinese tokens): core sits below the search app and imports
    nothing from it; the system check search.W001 names any indexed model without it.
    """

    show_in_menus_default = False

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_context(request))
        return context

    def page_context(self, request):
        """What this page type adds to its template's context (lists, filters, links)."""
        return {}


PREFETCHED_TAGS = "prefetched_tags"


def prefetch_tags():
    """The tags of each object as a plain list (`tag_names()` reads it), for code that
    reads thousands of objects (search indexing). Django's prefetch into the tags
    manager itself builds a queryset for every object (taggit's `get_queryset`, about a
    millisecond each), which the search writes of a bulk import paid for every page."""
    return Prefetch("tags", to_attr=PREFETCHED_TAGS)


def tags_of(obj):
    """The tags of `obj`: those `prefetch_tags()` read, or else its tags manager's."""
    tags = getattr(obj, PREFETCHED_TAGS, None)
    return obj.tags.all() if tags is None else tags


class TagNamesMixin(models.Model):
    """For a model with a `tags` manager: the tags' names as one text, for search. (An
    abstract model, not a plain mixin: search backends look up where a search field is
    defined, and expect a model there.)"""

    class Meta:
        abstract = True

    def tag_names(self):
        # Not the tags field itself: its value_from_object() ignores prefetched tags.
        return " ".join(tag.name for tag in tags_of(self))


class IndexPage(BasePage):
    """A section's index page (the directory, notices, disclosure, cases): an optional
    intro above what the section lists, once under its parent. Templates extend
    core/index_page.html."""

    intro = RichTextField("导语", blank=True, features=["bold", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    max_count_per_parent = 1

    class Meta:
        abstract = True
