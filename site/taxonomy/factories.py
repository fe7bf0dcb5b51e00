"""Test data for regions and categories (used by tests/ and benchmarks; needs the dev extras)."""

from wagtail.models import Locale

import factory
from factory.django import DjangoModelFactory

from .models import Category, Region


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    locale = factory.LazyFunction(Locale.get_default)
    level = Region.Level.DISTRICT
    parent = None
    name = factory.Sequence(lambda n: f"第{n}区")
    code = factory.LazyAttributeSequence(lambda obj, n: region_code(obj.parent, obj.level, n))


def region_code(parent, level, n):
    """Codes of the right length that start with the parent's code, as Region.clean() requires.
    Districts get 4202xx, clear of the 4201xx codes tests write by hand (tests/utils.py)."""
    if parent is None:
        return f"{420200 + n % 100:06d}"
    width = Region.CODE_LENGTHS[level] - len(parent.code)
    return parent.code + f"{n % 10**width:0{width}d}"


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    locale = factory.LazyFunction(Locale.get_default)
    name = factory.Sequence(lambda n: f"类别{n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
