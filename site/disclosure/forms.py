"""The admin forms of notices and records: an editor may name only organizations within
their regions (docs/editors.md). The choosers offer no others; these checks refuse an
organization posted by other means."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from access.scope import out_of_scope_message, region_in_scope
from core.child_rows import adopt_existing_rows
from core.slugs import BlankSlugFormMixin
from publishing.forms import CorrectionReasonFormMixin

ORGANIZATION = "组织"


def organization_in_scope(user, organization):
    """A form built outside a request (no user) is not an editor's: nothing to check."""
    return user is None or organization is None or region_in_scope(user, organization.region)


class NoticePageForm(CorrectionReasonFormMixin, BlankSlugFormMixin, WagtailAdminPageForm):
    """Each organization the notice concerns must lie within the editor's regions; a
    change of what readers see needs a reason (publishing.forms). A blank slug gives a new
    notice its start date and kind, e.g. 20261201-filing (core.slugs)."""

    def default_slug(self, cleaned_data):
        starts_on, kind = cleaned_data.get("starts_on"), cleaned_data.get("kind")
        if not starts_on or not kind:
            return ""
        return f"{starts_on:%Y%m%d}-{kind}"

    def is_valid(self):
        valid = super().is_valid()
        adopt_existing_rows(self, "notice_organizations", "organization")
        formset = self.formsets.get("notice_organizations")
        for form in formset.forms if formset is not None else ():
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            if not organization_in_scope(self.for_user, data.get("organization")):
                form.add_error("organization", out_of_scope_message(ORGANIZATION))
                valid = False
        return valid


class RecordForm(CorrectionReasonFormMixin, WagtailAdminModelForm):
    """A funding or evaluation record's organization must lie within the editor's
    regions; a change of what readers see needs a reason (publishing.forms)."""

    def clean(self):
        cleaned_data = super().clean()
        if not organization_in_scope(self.for_user, cleaned_data.get("organization")):
            self.add_error("organization", out_of_scope_message(ORGANIZATION))
        return cleaned_data
