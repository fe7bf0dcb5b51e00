"""Short, stable slugs that editors need not type.

Wagtail's TitleFieldPanel copies the title into the slug while a page is unpublished:
with Unicode slugs (WAGTAIL_ALLOW_UNICODE_SLUGS) a notice would be found at
/zh-hans/notices/关于东亭社区邻里互助队备案的公示/, two hundred characters once
percent-encoded, and the zh-hant twin copies the slug. Page types that mix
`BlankSlugFormMixin` into their form and use `title_panel()` instead of the wired
title keep the slug apart from the title: a new page whose slug is left blank gets one
made by the page type (`default_slug`), unique among its siblings in both scripts; an
existing page keeps the slug it has. Organizations: pinyin of the short name
(orgs/slugs.py); notices: start date and kind (20261201-filing); cases: date
(20261201-case).
"""

from django import forms

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


def available_slug(parent, base):
    """`base`, or `base-2`, `base-3`… : the first not used below `parent` nor below its
    translations, so the zh-hant twin (which copies the slug) can keep it too."""
    parents = [parent, *parent.get_translations()]
    taken = set()
    for each in parents:
        taken.update(
            Page.objects.child_of(each).filter(slug__startswith=base).values_list("slug", flat=True)
        )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def title_panel(placeholder):
    """The title field, not wired to the slug (see the module)."""
    return FieldPanel(
        "title", classname="title", widget=forms.TextInput(attrs={"placeholder": placeholder})
    )


class BlankSlugFormMixin:
    """For a WagtailAdminPageForm: the slug may be left blank (see the module). Blank is
    also what the browser sends after Wagtail's autosave has created the page from the
    create form (the form becomes the page's edit form, its slug field still empty)."""

    slug_help_text = "用于网址，只能用字母、数字和连字符。新建时可留空，由系统自动生成；留空不会改变已有的网址。发布后请勿随意修改。"

    def default_slug(self, cleaned_data):
        """The slug's base for a new page from the form's cleaned data, or "" if the data
        to make one is missing (the fields' own errors then say so)."""
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = self.slug_help_text

    slug_filled_in = False

    def clean(self):
        if (
            "slug" in self.fields
            and not self.cleaned_data.get("slug")
            and "slug" not in self.errors
        ):
            if self.instance.pk:
                self.slug_filled_in = True
                self.cleaned_data["slug"] = self.instance.slug
            elif self.parent_page is not None:
                base = self.default_slug(self.cleaned_data)
                if base:
                    self.slug_filled_in = True
                    self.cleaned_data["slug"] = available_slug(self.parent_page, base)
                else:
                    self.add_error("slug", "请填写网址别名。")
        return super().clean()

    def get_field_updates_for_resave(self):
        """After an autosave, show the slug the page got in the still-open form."""
        updates = list(super().get_field_updates_for_resave())
        if self.slug_filled_in:
            updates.append(("slug", self.instance.slug))
        return updates
