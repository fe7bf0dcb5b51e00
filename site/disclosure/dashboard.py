"""The disclosure's panels on the admin dashboard (core.dashboard): notices whose period
ends within the week, star ratings expiring within 90 days, objections awaiting an
outcome; each narrowed to the editor's regions (access.scope.scoped)."""

import datetime

from django.urls import reverse

from wagtail.permissions import policy_registry

from access.scope import scoped
from core.dashboard import DashboardPanel, DashboardRow
from core.dates import today
from translation.locales import default_locale_id

from .models import EvaluationRecord, NoticePage, Objection
from .ratings import current_star_records

WEEK_DAYS = 7
EXPIRY_DAYS = 90


def notices_ending_within_week(user, day=None):
    """The live zh-hans notices whose period ends today or in the six days after: in a
    week, it is over (the twins follow their source)."""
    day = day or today()
    notices = NoticePage.objects.live().filter(
        locale_id=default_locale_id(),
        starts_on__lte=day,
        ends_on__gte=day,
        ends_on__lt=day + datetime.timedelta(days=WEEK_DAYS),
    )
    return scoped(notices, user).order_by("ends_on", "pk")


def ratings_expiring(user, day=None):
    """The current star ratings whose validity ends within 90 days: the organization
    needs its next evaluation (seed 003 §三.2: a rating is valid for two years)."""
    day = day or today()
    records = current_star_records(day).filter(
        valid_until__lt=day + datetime.timedelta(days=EXPIRY_DAYS)
    )
    return scoped(records, user).select_related("organization").order_by("valid_until", "pk")


def objections_awaiting_outcome(user):
    return (
        scoped(Objection.objects.filter(outcome=""), user)
        .select_related("notice")
        .order_by("submitted_at", "pk")
    )


class ShownToEditors:
    """A panel shown to those who may change `model` somewhere."""

    model = None

    def is_shown(self):
        return policy_registry.get_by_type(self.model).user_has_permission(
            self.request.user, "change"
        )


class NoticesEndingPanel(ShownToEditors, DashboardPanel):
    model = NoticePage
    heading = "本周结束公示期的公示"
    empty_text = "7天内没有结束公示期的公示。"
    order = 151

    def queryset(self):
        return notices_ending_within_week(self.request.user)

    def row(self, notice):
        detail = notice.get_kind_display()
        if notice.reference_number:
            detail = f"{detail} · {notice.reference_number}"
        return DashboardRow(
            notice.title, self.edit_url(notice), f"{detail} · 公示期至", notice.ends_on
        )


class RatingsExpiringPanel(ShownToEditors, DashboardPanel):
    model = EvaluationRecord
    heading = "90天内到期的星级评估"
    empty_text = "90天内没有到期的星级评估。"
    order = 152

    def queryset(self):
        return ratings_expiring(self.request.user)

    def row(self, record):
        return DashboardRow(
            record.organization.title,
            self.edit_url(record),
            f"{record.result_label} · 有效期至",
            record.valid_until,
        )

    def more_url(self):
        return reverse(EvaluationRecord.snippet_viewset.get_url_name("list")) + "?kind=star"


class ObjectionsAwaitingPanel(ShownToEditors, DashboardPanel):
    model = Objection
    heading = "待处理的异议"
    empty_text = "没有待处理的异议。"
    order = 153

    def queryset(self):
        return objections_awaiting_outcome(self.request.user)

    def row(self, objection):
        return DashboardRow(
            f"{objection.reference}（{objection.notice.title}）",
            self.edit_url(objection),
            "收到于",
            objection.submitted_at,
        )

    def more_url(self):
        return reverse("objections:index") + "?status=awaiting"
