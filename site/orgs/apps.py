from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = "社区社会组织"

    def ready(self):
        # What the public search finds here, and what the site publishes as open data.
        from . import datasets, search  # noqa: F401
