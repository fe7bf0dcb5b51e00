from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = "编辑权限"

    def ready(self):
        # Before any admin view asks the registry for a policy (docs/editors.md).
        from .policies import register_policies

        register_policies()
