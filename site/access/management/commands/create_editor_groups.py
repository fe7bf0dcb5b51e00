"""One editors' group a street and a district, from the region tree; the bureau's
reviewers' group and its review workflow (access/groups.py, docs/editors.md). Safe to run
again, e.g. after adding regions."""

from django.core.management.base import BaseCommand

from access.groups import ensure_editor_groups


class Command(BaseCommand):
    help = "为每个街道和区(县)建立编辑组，并建立民政局审核组和审核流程（可重复运行）。"

    def handle(self, **options):
        outcome = ensure_editor_groups()
        for name in outcome.created:
            self.stdout.write(f"已创建用户组：{name}")
        for page in outcome.workflow_pages:
            self.stdout.write(f"已为“{page.title}”启用审核流程")
        for model in outcome.workflow_models:
            self.stdout.write(f"已为{model._meta.verbose_name}启用审核流程")
        self.stdout.write(
            f"新建 {len(outcome.created)} 个用户组，已有 {outcome.existing} 个街道或区编辑组。"
        )
