"""The admin form for organizations."""

from wagtail.admin.forms import WagtailAdminPageForm

from .slugs import available_slug, organization_slug


class OrganizationPageForm(WagtailAdminPageForm):
    """A new organization's slug may be left blank: it is then made from the pinyin of the
    short name (or title), unique among its siblings in both scripts (orgs/slugs.py). An
    existing organization keeps its slug whatever happens to its title (the title field is
    not wired to the slug, see OrganizationPage.content_panels); editors may still type
    their own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_new and "slug" in self.fields:
            slug = self.fields["slug"]
            slug.required = False
            slug.help_text = (
                "用于网址，只能用小写字母、数字和连字符。留空则根据简称（没有简称时根据组织名称）"
                "自动生成拼音，如“邻里互助队”→ linlihuzhu-dui；发布后请勿随意修改。"
            )

    @property
    def is_new(self):
        return not self.instance.pk

    def clean(self):
        if (
            self.is_new
            and "slug" in self.fields
            and not self.cleaned_data.get("slug")
            and "slug" not in self.errors
            and self.cleaned_data.get("title")
            and self.parent_page is not None
        ):
            base = organization_slug(
                self.cleaned_data.get("short_name", ""), self.cleaned_data["title"]
            )
            self.cleaned_data["slug"] = available_slug(self.parent_page, base)
        return super().clean()
