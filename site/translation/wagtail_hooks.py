"""The zh-hant twins in the editors' admin."""

from wagtail import hooks
from wagtail.models import Page

from .locales import default_locale_id


@hooks.register("construct_translated_pages_to_cascade_actions")
def twins_are_deleted_with_their_source(pages, action):
    """Deleting a zh-hans page in the admin deletes its zh-hant twin too (Wagtail's delete
    view lists it in the confirmation and deletes it after the source). Otherwise the twin
    stays behind, unpublished, holding the page's slug and codes in the zh-hant tree: a
    later page of the same name got another slug there, and an organization created again
    could not be published (its twin collided with the leftover).

    Only for deletion: moving (not synced, docs/two-scripts.md) and unpublishing (done by
    the publish pipeline, publishing/pipeline.py) keep their behaviour."""
    if action != "delete":
        return {}
    return {
        page: Page.objects.translation_of(page, inclusive=False)
        for page in pages
        if page.locale_id == default_locale_id()
    }
