import datetime

import pytest

from disclosure.factories import NoticePageFactory
from disclosure.models import NoticePage, NoticeState
from tests.utils import site_sections

START = datetime.date(2026, 3, 10)
END = datetime.date(2026, 3, 16)


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (datetime.date(2026, 3, 9), NoticeState.UPCOMING),
        (START, NoticeState.OPEN),
        (datetime.date(2026, 3, 13), NoticeState.OPEN),
        (END, NoticeState.OPEN),
        (datetime.date(2026, 3, 17), NoticeState.ENDED),
    ],
)
def test_state_by_date(day, state):
    notice = NoticePage(starts_on=START, ends_on=END)
    assert notice.state_on(day) == state


def test_state_labels_are_chinese():
    assert [label for _, label in NoticeState.choices] == ["即将开始", "公示中", "已结束"]


@pytest.mark.django_db
def test_queryset_state_filter_agrees_with_the_property():
    index = site_sections()["notices"]
    notices = [
        NoticePageFactory(
            parent=index,
            starts_on=START + datetime.timedelta(days=offset),
            ends_on=END + datetime.timedelta(days=offset),
        )
        for offset in (-30, -3, 0, 5, 30)
    ]
    day = datetime.date(2026, 3, 12)
    for state in NoticeState.values:
        expected = {n.pk for n in notices if n.state_on(day) == state}
        assert set(NoticePage.objects.in_state(state, day).values_list("pk", flat=True)) == expected


@pytest.mark.django_db
def test_live_state_uses_the_local_calendar(settings):
    """Shanghai's date, not UTC's: at 07:00 Shanghai time it is still the day before in UTC."""
    from unittest import mock

    from django.utils import timezone

    notice = NoticePage(starts_on=START, ends_on=END)
    moment = timezone.make_aware(
        datetime.datetime(2026, 3, 17, 7, 0), timezone.get_fixed_timezone(480)
    )
    with mock.patch("django.utils.timezone.now", return_value=moment):
        assert notice.state == NoticeState.ENDED
