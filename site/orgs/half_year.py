"""Half-year reports (半年报, seed 000 §2): which half-year is which, and which
organizations of a hub have not been reported for one (docs/archive.md).

For the admin's report view and the editor dashboard:

    last_completed_half_year(day) -> HalfYear
    missing_reports(user_or_regions, half_year) -> QuerySet[OrganizationPage]
"""

import datetime
from dataclasses import dataclass

from access.scope import codes_q, scoped
from translation.locales import default_locale_id

from .models import HalfYearReport, OrganizationPage


@dataclass(frozen=True, order=True)
class HalfYear:
    year: int
    half: int  # 1: 上半年 (January–June), 2: 下半年 (July–December)

    @property
    def starts_on(self):
        return datetime.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def ends_on(self):
        if self.half == 1:
            return datetime.date(self.year, 6, 30)
        return datetime.date(self.year, 12, 31)

    @property
    def label(self):
        return f"{self.year}年{HalfYearReport.Half(self.half).label}"

    @classmethod
    def of(cls, day):
        return cls(day.year, 1 if day.month <= 6 else 2)

    def previous(self):
        return HalfYear(self.year, 1) if self.half == 2 else HalfYear(self.year - 1, 2)

    def __str__(self):
        return self.label


def last_completed_half_year(day):
    """The last half-year that ended before `day` (a date): on 2026-11-30, 2026 上半年; on
    2026-07-01 too; on 2026-06-30, 2025 下半年."""
    return HalfYear.of(day).previous()


def missing_reports(user_or_regions, half_year):
    """The active zh-hans organizations that belong to a hub and have no line in any report
    of `half_year` (a HalfYear), with their hub and region loaded, ordered by hub and name.

    `user_or_regions`: a user (narrowed to their regions, access.scope.scoped: the bureau
    sees everything), a tuple of 区划代码 prefixes, or None for every region."""
    organizations = (
        OrganizationPage.objects.live()
        .filter(
            locale_id=default_locale_id(),
            status=OrganizationPage.Status.ACTIVE,
            hub__isnull=False,
            hub__live=True,
        )
        .exclude(
            half_year_lines__report__year=half_year.year,
            half_year_lines__report__half=half_year.half,
        )
        .select_related("hub", "region__parent__parent")
        .order_by("hub__title", "title", "pk")
    )
    if user_or_regions is None:
        return organizations
    if isinstance(user_or_regions, (tuple, list)):
        return organizations.filter(codes_q("region__code", tuple(user_or_regions)))
    return scoped(organizations, user_or_regions)
