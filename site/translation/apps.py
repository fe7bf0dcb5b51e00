from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "translation"
    verbose_name = "繁体版本"

    def ready(self):
        from . import signals  # noqa: F401  (zh-hant follows zh-hans)
