"""Test data for organizations (used by tests/ and benchmarks; needs the dev extras)."""

import datetime

from wagtail.models import Locale

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from .models import Category, OrganizationPage, Region
from .validators import make_credit_code as credit_code  # noqa: F401 (re-exported for tests)


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


class OrganizationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OrganizationPage

    title = factory.Sequence(lambda n: f"测试社区志愿服务队{n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    management = OrganizationPage.Management.FILED
    status = OrganizationPage.Status.ACTIVE
    category = factory.SubFactory(CategoryFactory)
    region = factory.SubFactory(RegionFactory)
    filing_number = factory.Sequence(lambda n: f"测街备字〔2024〕第{n:04d}号")
    filed_on = datetime.date(2024, 3, 1)
    leader_name = "张桂芳"
    live = True
