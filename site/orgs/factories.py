"""Test data for organizations (used by tests/ and benchmarks; needs the dev extras)."""

import datetime

from wagtail.models import Locale

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from stdnum.cn import uscc

from .models import Category, OrganizationPage, Region


def credit_code(serial: int, district_code: str = "420106") -> str:
    """A valid 统一社会信用代码 for a social organization (5 = civil affairs, 2 = 民办非企业)."""
    body = f"52{district_code}MJ{serial:07d}"
    return body + uscc.calc_check_digit(body)


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    locale = factory.LazyFunction(Locale.get_default)
    level = Region.Level.DISTRICT
    parent = None
    name = factory.Sequence(lambda n: f"第{n}区")
    code = factory.LazyAttributeSequence(lambda obj, n: region_code(obj.parent, obj.level, n))


def region_code(parent, level, n):
    """Codes of the right length that start with the parent's code, as Region.clean() requires."""
    if parent is None:
        return f"{420100 + n % 100:06d}"
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
