"""The home page and plain content pages (policies, about)."""

from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage
from search.index import ChineseSearchMixin


class HomePage(ChineseSearchMixin, BasePage):
    intro = RichTextField("首页导语", blank=True, features=["bold", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "orgs.OrganizationIndexPage",
        "disclosure.NoticeIndexPage",
        "disclosure.DisclosureIndexPage",
        "cases.CaseIndexPage",
        "home.StandardPage",
    ]

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def page_context(self, request):
        from .overview import home_context

        return home_context(self)


class StandardPage(ChineseSearchMixin, BasePage):
    """Policies, the about page and other plain content. Policy documents fill the
    issuer, date and reference number so readers can cite them."""

    summary = models.TextField("摘要", blank=True, max_length=500)
    issuer = models.CharField("发文单位", max_length=100, blank=True)
    issued_on = models.DateField("发文日期", null=True, blank=True)
    reference_number = models.CharField("文号", max_length=64, blank=True)
    source = models.CharField("来源", max_length=200, blank=True)
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("reference_number")]),
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("source")]),
            ],
            heading="文件信息",
            help_text="政策文件请填写；一般页面可留空。",
        ),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("reference_number"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "普通页面"
        verbose_name_plural = "普通页面"

    @property
    def listed_on(self):
        """The date a policy is listed by (its issue date), else its first publication."""
        if self.issued_on:
            return self.issued_on
        return self.first_published_at.date() if self.first_published_at else None

    def page_context(self, request):
        return {"child_pages": self.get_children().live().specific().order_by("path")}
