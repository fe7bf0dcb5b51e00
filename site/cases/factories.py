import datetime

import factory
import wagtail_factories

from .models import CasePage


class CasePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CasePage

    title = factory.Sequence(lambda n: f"测试案例{n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    published_on = datetime.date(2026, 5, 1)
    summary = "一个测试案例的摘要。"
    body = factory.LazyFunction(lambda: [("paragraph", "<p>案例正文。</p>")])
    live = True
