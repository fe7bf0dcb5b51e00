import datetime
from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from .models import EvaluationRecord, FundingRecord, NoticePage


class NoticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NoticePage

    title = factory.Sequence(lambda n: f"关于测试事项的公示{n}")
    slug = factory.Sequence(lambda n: f"notice-{n}")
    kind = NoticePage.Kind.FILING
    issuer = "测试街道办事处"
    starts_on = datetime.date(2026, 1, 5)
    ends_on = factory.LazyAttribute(lambda obj: obj.starts_on + datetime.timedelta(days=6))
    live = True


class FundingRecordFactory(DjangoModelFactory):
    class Meta:
        model = FundingRecord

    project_title = factory.Sequence(lambda n: f"社区服务项目{n}")
    source_kind = FundingRecord.SourceKind.GOVERNMENT_PURCHASE
    funder = "测试区民政局"
    amount = Decimal("10000.00")
    year = 2026


class EvaluationRecordFactory(DjangoModelFactory):
    class Meta:
        model = EvaluationRecord

    kind = EvaluationRecord.Kind.STAR
    star_level = 2
    evaluated_on = datetime.date(2025, 11, 20)
    evaluator = "测试社会组织评估中心"
