"""manage.py advance_lifecycle: what the calendar decided about organizations' status."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from core.dates import today
from orgs import lifecycle
from publishing.pipeline import refresh
from translation.locales import default_locale_id


class Command(BaseCommand):
    help = (
        "Apply the status changes whose day has come (an exit or revocation notice's period "
        "started or ended, a filing notice's first day): each organization, in both scripts, "
        "stores the status its notices decide for today. Idempotent; run it hourly from a "
        "timer (README). Pages derive pending changes on view in the meantime."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="first write the status history of every published notice again (a "
            "database from before the lifecycle, or after a repair)",
        )

    def handle(self, *args, rebuild=False, **options):
        day = today()
        with transaction.atomic():
            applied = lifecycle.rebuild(day) if rebuild else lifecycle.advance(day)
            refresh(entry.page for entry in applied)
        sources = [entry for entry in applied if entry.page.locale_id == default_locale_id()]
        with translation.override("zh-hans"):
            self.report(day, applied, sources)

    def report(self, day, applied, sources):
        for entry in sources:
            changes = "，".join(
                f"{name} {describe(name, entry.before[name])} → {describe(name, value)}"
                for name, value in entry.after.items()
            )
            self.stdout.write(f"{entry.page.title}：{changes}")
        self.stdout.write(
            f"{day:%Y-%m-%d}：{len(sources)} 个组织的状态或备案信息已更新"
            f"（含繁体页面共 {len(applied)} 页）。"
        )


def describe(name, value):
    if name == "status":
        return f"{lifecycle.Status(value).label}（{value}）"
    return str(value or "—")
