"""Test data for organizations (used by tests/ and benchmarks; needs the dev extras)."""

import datetime

import factory
import wagtail_factories

from taxonomy.factories import CategoryFactory, RegionFactory

from .models import OrganizationPage
from .validators import make_credit_code as credit_code  # noqa: F401 (re-exported for tests)


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
