"""Shared by the objection tests: a day to pretend it is, and what a reader posts."""

import datetime
import re
from contextlib import contextmanager
from unittest import mock
from zoneinfo import ZoneInfo

from django.utils import timezone

REFERENCE = re.compile(r"\b(\d{8}-[2-9A-HJ-NP-Z]{5})\b")


@contextmanager
def on_day(day):
    """Pretend it is noon on `day` in Shanghai: the notices' states (core.dates.today) and
    everything else that reads the clock follow."""
    moment = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(12)), ZoneInfo("Asia/Shanghai")
    )
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def after(notice):
    """on_day() the day after `notice`'s period."""
    return on_day(notice.ends_on + datetime.timedelta(days=1))


def objection_data(**fields):
    data = {
        "content": "负责人变更未经成员大会表决，请核实。",
        "name": "王秀兰",
        "phone": "027-87001234",
        "email": "",
        "website": "",
    }
    data.update(fields)
    return data


def reference_in(text):
    match = REFERENCE.search(text)
    return match and match.group(1)
