"""The admin form for organizations."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from access.scope import out_of_scope_message, region_in_scope
from core.slugs import BlankSlugFormMixin
from publishing.forms import CorrectionReasonFormMixin

from .slugs import organization_slug


def lifecycle_fields(instance):
    """Put on an existing organization (the edit form's object is its latest revision, which
    may be older than what its notices have done since) the status, filing number and date
    its notices decided; the filing notice's row when one decides the filing fields."""
    if instance is None or not instance.pk:
        return None
    from .lifecycle import decided_filing

    stored = type(instance).objects.filter(pk=instance.pk).values("status").first()
    if stored:
        instance.status = stored["status"]
    filing = decided_filing(instance)
    if filing is not None:
        instance.filed_on = filing.effective_on
        if filing.filing_number:
            instance.filing_number = filing.filing_number
    return filing


class OrganizationPageForm(CorrectionReasonFormMixin, BlankSlugFormMixin, WagtailAdminPageForm):
    """A blank slug gives a new organization the pinyin of its short name (or title)
    (core.slugs, orgs/slugs.py); a change of what readers see needs a reason
    (publishing.forms). The title field is not wired to the slug (see
    OrganizationPage.content_panels), so a rename never changes it; editors may still type
    their own."""

    slug_help_text = (
        "用于网址，只能用小写字母、数字和连字符。新建时留空则根据简称（没有简称时根据"
        "组织名称）自动生成拼音，如“邻里互助队”→ linlihuzhu-dui；留空不会改变已有的"
        "网址。发布后请勿随意修改。"
    )

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        filing = lifecycle_fields(instance)
        super().__init__(*args, **kwargs)
        if filing is not None:
            # A filing notice gave the filing number and date: they follow the notice.
            source = f"由备案公示《{filing.notice.title}》决定，随公示更新。"
            for name in ("filing_number", "filed_on"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = source

    def default_slug(self, cleaned_data):
        if not cleaned_data.get("title"):
            return ""
        return organization_slug(cleaned_data.get("short_name", ""), cleaned_data["title"])

    def clean(self):
        region = self.cleaned_data.get("region")
        if region is not None and self.for_user and not region_in_scope(self.for_user, region):
            # docs/editors.md: a street editor's organizations are their street's.
            self.add_error("region", out_of_scope_message("区域"))
        return super().clean()

    def save(self, commit=True):
        page = super().save(commit)
        # An editor-only document is private from this save on, draft or not
        # (orgs/archive.py).
        from .archive import protect_editor_only_documents

        protect_editor_only_documents(self.formsets.get("archive_documents"))
        return page


class HalfYearReportForm(WagtailAdminModelForm):
    """A hub's half-year report: the hub within the editor's regions, each line a member
    of the hub (docs/archive.md). Each member once: the lines' unique constraint, which
    the formset already checks ("请修正重复的数据.")."""

    def clean(self):
        cleaned = super().clean()
        hub = cleaned.get("hub")
        if hub is not None:
            if self.for_user and not region_in_scope(self.for_user, hub.region):
                self.add_error("hub", out_of_scope_message("枢纽型组织"))
            elif not type(hub).objects.filter(hub=hub).exists():
                self.add_error("hub", f"“{hub.title}”没有成员组织，不是枢纽型组织。")
        return cleaned

    def is_valid(self):
        # The lines are checked against the hub once both are cleaned: ClusterForm cleans
        # its formsets after the form's own clean(). Checked even when something else is
        # wrong, so that the editor sees every problem at once.
        valid = super().is_valid()
        return self.lines_are_valid() and valid

    def lines_are_valid(self):
        hub = getattr(self, "cleaned_data", {}).get("hub")
        lines = self.formsets.get("lines")
        if hub is None or lines is None:
            return True
        valid = True
        for form in lines.forms:
            data = getattr(form, "cleaned_data", None) or {}
            organization = data.get("organization")
            if data.get("DELETE") or organization is None:
                continue
            if organization.hub_id != hub.pk:
                form.add_error(
                    "organization", f"“{organization.title}”不是“{hub.title}”的成员组织。"
                )
                valid = False
        return valid
