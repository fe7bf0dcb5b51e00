from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "公示与信息公开"

    def ready(self):
        # What the public search finds here, and what the site publishes as open data.
        from wagtail.models import ReferenceIndex

        from . import datasets, search  # noqa: F401
        from .models import Objection

        # A notice that received objections cannot be deleted (PROTECT): Wagtail's delete
        # view says so when its reference index knows the objections. The admin viewset
        # registers the model too, but only once the admin's URLs are loaded, so an
        # objection saved before that (a shell, a test) would be missing and the delete
        # would fail with an error instead of the explanation.
        ReferenceIndex.register_model(Objection)
