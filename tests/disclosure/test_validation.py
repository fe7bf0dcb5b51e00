import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from disclosure.factories import EvaluationRecordFactory, FundingRecordFactory, NoticePageFactory
from disclosure.models import EvaluationRecord, NoticePage
from orgs.factories import OrganizationPageFactory
from tests.utils import site_sections

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationPageFactory(parent=site_sections()["orgs"])


def messages(instance):
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def test_notice_period_end_not_before_start():
    notice = NoticePage(
        title="关于测试的公示",
        slug="t",
        kind="filing",
        issuer="街道办",
        path="0001ZZZZ",
        depth=3,
        starts_on=datetime.date(2026, 3, 10),
        ends_on=datetime.date(2026, 3, 9),
    )
    assert messages(notice)["ends_on"] == ["公示结束日期不能早于开始日期。"]


def test_notice_period_of_one_day_is_allowed():
    notice = NoticePageFactory.build(
        starts_on=datetime.date(2026, 3, 10), ends_on=datetime.date(2026, 3, 10)
    )
    notice.clean()
    assert notice.period_days == 1


def test_funding_amount_cannot_be_negative(org):
    record = FundingRecordFactory.build(organization=org, amount=Decimal("-1.00"))
    assert "金额不能为负数。" in messages(record)["amount"]


def test_funding_amount_zero_is_allowed(org):
    FundingRecordFactory.build(organization=org, amount=Decimal("0")).full_clean()


@pytest.mark.parametrize("level", [1, 2, 3])
def test_star_levels_one_to_three_are_valid(org, level):
    EvaluationRecordFactory.build(organization=org, star_level=level).full_clean()


@pytest.mark.parametrize("level", [0, 4])
def test_star_level_outside_one_to_three_is_rejected(org, level):
    record = EvaluationRecordFactory.build(organization=org, star_level=level)
    assert messages(record)["star_level"] != []


def test_star_evaluation_needs_a_level(org):
    record = EvaluationRecordFactory.build(organization=org, star_level=None)
    assert messages(record)["star_level"] == ["星级评估必须填写星级（1星至3星）。"]


def test_satisfaction_needs_a_score_between_0_and_100(org):
    record = EvaluationRecordFactory.build(
        organization=org,
        kind=EvaluationRecord.Kind.SATISFACTION,
        star_level=None,
        score=Decimal("101"),
    )
    assert messages(record)["score"] == ["满意度得分应在 0 至 100 分之间。"]
    record.score = Decimal("92.5")
    record.full_clean()


def test_star_level_range_is_also_a_database_constraint(org):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationRecordFactory(organization=org, star_level=5)


def test_valid_until_defaults_to_two_years_after_the_evaluation(org):
    record = EvaluationRecordFactory(organization=org, evaluated_on=datetime.date(2025, 11, 20))
    assert record.valid_until == datetime.date(2027, 11, 20)


def test_valid_until_from_29_february(org):
    record = EvaluationRecordFactory(organization=org, evaluated_on=datetime.date(2024, 2, 29))
    assert record.valid_until == datetime.date(2026, 2, 28)


def test_valid_until_given_is_kept_but_not_before_the_evaluation(org):
    record = EvaluationRecordFactory.build(
        organization=org,
        evaluated_on=datetime.date(2025, 11, 20),
        valid_until=datetime.date(2025, 1, 1),
    )
    assert messages(record)["valid_until"] == ["有效期不能早于评估日期。"]
