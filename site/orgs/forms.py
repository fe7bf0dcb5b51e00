"""The admin form for organizations."""

from wagtail.admin.forms import WagtailAdminPageForm

from access.scope import out_of_scope_message, region_in_scope
from publishing.forms import CorrectionReasonFormMixin

from .slugs import available_slug, organization_slug


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


class OrganizationPageForm(CorrectionReasonFormMixin, WagtailAdminPageForm):
    """The slug may be left blank. A new organization then gets the pinyin of its short
    name (or title), unique among its siblings in both scripts (orgs/slugs.py); an existing
    one keeps the slug it has. Blank is also what the browser sends after Wagtail's
    autosave has created the page from the create form (the form becomes the page's edit
    form, its slug field still empty). The title field is not wired to the slug (see
    OrganizationPage.content_panels), so a rename never changes it; editors may still type
    their own."""

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
        if "slug" in self.fields:
            slug = self.fields["slug"]
            slug.required = False
            slug.help_text = (
                "用于网址，只能用小写字母、数字和连字符。新建时留空则根据简称（没有简称时根据"
                "组织名称）自动生成拼音，如“邻里互助队”→ linlihuzhu-dui；留空不会改变已有的"
                "网址。发布后请勿随意修改。"
            )

    slug_filled_in = False

    def clean(self):
        if (
            "slug" in self.fields
            and not self.cleaned_data.get("slug")
            and "slug" not in self.errors
        ):
            self.slug_filled_in = True
            if self.instance.pk:
                self.cleaned_data["slug"] = self.instance.slug
            elif self.cleaned_data.get("title") and self.parent_page is not None:
                base = organization_slug(
                    self.cleaned_data.get("short_name", ""), self.cleaned_data["title"]
                )
                self.cleaned_data["slug"] = available_slug(self.parent_page, base)
        region = self.cleaned_data.get("region")
        if region is not None and self.for_user and not region_in_scope(self.for_user, region):
            # docs/editors.md: a street editor's organizations are their street's.
            self.add_error("region", out_of_scope_message("区域"))
        return super().clean()

    def get_field_updates_for_resave(self):
        """After an autosave, show the slug the page got in the still-open form."""
        updates = list(super().get_field_updates_for_resave())
        if self.slug_filled_in:
            updates.append(("slug", self.instance.slug))
        return updates
