from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = "社区社会组织"

    def ready(self):
        from . import search  # noqa: F401  (registers what the public search finds here)
