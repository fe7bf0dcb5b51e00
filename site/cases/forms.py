"""The admin form of case stories."""

from wagtail.admin.forms import WagtailAdminPageForm

from core.child_rows import adopt_existing_rows
from core.slugs import BlankSlugFormMixin


class CasePageForm(BlankSlugFormMixin, WagtailAdminPageForm):
    """A blank slug gives a new case its date, e.g. 20261201-case (core.slugs)."""

    def is_valid(self):
        valid = super().is_valid()
        adopt_existing_rows(self, "case_organizations", "organization")
        return valid

    def default_slug(self, cleaned_data):
        published_on = cleaned_data.get("published_on")
        return f"{published_on:%Y%m%d}-case" if published_on else ""
