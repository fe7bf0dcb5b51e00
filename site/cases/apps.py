from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "典型案例"

    def ready(self):
        from . import search  # noqa: F401  (registers what the public search finds here)
