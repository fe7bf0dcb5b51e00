from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = "社区社会组织"

    def ready(self):
        # What the public search finds here, and what the site publishes as open data.
        from . import datasets, lifecycle, search  # noqa: F401

        # What a notice's publication does to its organizations' status (the pipeline's
        # content effects).
        lifecycle.register()
