from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from search.models import SearchEntry
from translation.sync import site_sources

# Stated in README.md: a local demo account, never used in production.
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "shequ-demo-2026"


class Command(BaseCommand):
    help = (
        "For `make run`: loads the demo content into an empty database and creates the demo admin."
    )

    def handle(self, *args, **options):
        from orgs.models import OrganizationPage

        if OrganizationPage.objects.exists():
            self.stdout.write("数据库已有内容，跳过演示数据加载。")
            # A database from before the traditional site existed: give it its twins.
            missing = sum(queryset.count() for queryset in site_sources(only_missing=True))
            if missing:
                self.stdout.write(f"正在生成 {missing} 个繁体版本……")
                call_command("sync_traditional", "--missing", stdout=self.stdout)
            # A database from before the search entries took their present shape (the
            # migration that changed it empties them): build them again.
            if not SearchEntry.objects.exists():
                self.stdout.write("正在重建搜索索引……")
                call_command("rebuild_search", "--public-only", stdout=self.stdout)
            # Statuses follow notices (orgs/lifecycle.py): a database from before that
            # gets its status history; any other, what the calendar decided since.
            from orgs.models import OrganizationStatusChange

            rebuild = ["--rebuild"] if not OrganizationStatusChange.objects.exists() else []
            call_command("advance_lifecycle", *rebuild, stdout=self.stdout)
        else:
            self.stdout.write("正在加载演示数据……")
            call_command("load_demo", stdout=self.stdout)
        User = get_user_model()
        if not User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            User.objects.create_superuser(
                DEMO_ADMIN_USERNAME, "admin@example.org", DEMO_ADMIN_PASSWORD
            )
            self.stdout.write(f"已创建管理员：{DEMO_ADMIN_USERNAME} / {DEMO_ADMIN_PASSWORD}")
