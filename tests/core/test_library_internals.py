"""The library behaviour that core/library_internals.py relies on. A failure here after
an upgrade means the bulk writers (core/bulk_pages.py: the demo generator, the ledger
import) would write a tree that the library no longer reads the same way: fix
library_internals first."""

from django.test import TestCase

from wagtail.models import Page

from core.bulk_pages import TreeSlots
from core.library_internals import child_path, step_of
from tests.utils import site_sections

# Past the first "digit" of a step, so that the encoding of larger numbers is compared too.
CHILDREN = 40


class TreebeardPathTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.parent = site_sections()["about"]

    def add_child(self, number):
        self.parent.refresh_from_db()
        return self.parent.add_child(instance=Page(title=f"子页{number}", slug=f"child-{number}"))

    def test_paths_are_the_ones_add_child_assigns(self):
        for step in range(1, CHILDREN + 1):
            expected = child_path(Page, self.parent, step)
            child = self.add_child(step)
            self.assertEqual(child.path, expected)
            self.assertEqual(step_of(Page, child.path), step)
            self.assertEqual(child.depth, self.parent.depth + 1)

    def test_bulk_written_children_are_read_back_as_treebeard_children(self):
        """Children with paths from TreeSlots, written without treebeard, are found by its
        queries in order, and its add_child continues after them."""
        first = self.add_child(0)
        slots = TreeSlots(self.parent)
        bulk = [
            Page(
                title=f"批量{number}",
                slug=f"bulk-{number}",
                path=slots.take(),
                depth=self.parent.depth + 1,
                numchild=0,
                url_path=f"{self.parent.url_path}bulk-{number}/",
                content_type_id=first.content_type_id,
                locale_id=self.parent.locale_id,
            )
            for number in range(CHILDREN)
        ]
        Page.objects.bulk_create(bulk)
        slots.commit()
        self.parent.refresh_from_db()
        self.assertEqual(self.parent.numchild, CHILDREN + 1)
        self.assertEqual(
            [page.slug for page in self.parent.get_children()],
            ["child-0"] + [f"bulk-{number}" for number in range(CHILDREN)],
        )
        last = self.add_child("last")
        self.assertEqual(step_of(Page, last.path), CHILDREN + 2)
        self.assertEqual(list(self.parent.get_children())[-1], last)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
