"""Good-practice case stories (案例): "一街多品, 一社一品"."""

from django.db import models

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from core.blocks import BodyBlock
from core.models import BasePage, IndexPage, TagNamesMixin, prefetch_tags
from core.paging import paginate
from core.slugs import title_panel
from search.index import ChineseSearchMixin
from taxonomy.models import RegionNamesMixin
from translation.locales import linked_organizations

from .forms import CasePageForm


class CaseIndexPage(ChineseSearchMixin, IndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cases.CasePage"]

    class Meta:
        verbose_name = "典型案例栏目"
        verbose_name_plural = "典型案例栏目"

    def page_context(self, request):
        cases = (
            CasePage.objects.live()
            .child_of(self)
            .select_related("hero_image", "region")
            .order_by("-published_on", "-pk")
        )
        return {"page_obj": paginate(request, cases, per_page=12)}


class CasePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cases.CasePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CasePage(ChineseSearchMixin, RegionNamesMixin, TagNamesMixin, BasePage):
    published_on = models.DateField("发布日期")

    base_form_class = CasePageForm
    summary = models.TextField(
        "摘要", max_length=300, help_text="列表与分享时显示，不超过 300 字。"
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="题图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name="所在社区",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    body = StreamField(BodyBlock(), verbose_name="正文")
    outcomes = StreamField(
        [("outcome", blocks.CharBlock(label="成效"))],
        verbose_name="主要成效",
        blank=True,
    )
    featured = models.BooleanField("首页推荐", default=False)
    tags = ClusterTaggableManager("标签", through=CasePageTag, blank=True)

    # Not wired to the slug: a new case's slug is its date (core.slugs).
    content_panels = [
        title_panel("案例标题*"),
        MultiFieldPanel(
            [FieldPanel("published_on"), FieldPanel("summary"), FieldPanel("featured")],
            heading="概要",
        ),
        FieldPanel("hero_image", help_text="替代文字取自图片的“描述”。"),
        MultipleChooserPanel(
            "case_organizations",
            chooser_field_name="organization",
            label="相关组织",
            heading="相关组织",
        ),
        FieldPanel("region"),
        FieldPanel("tags"),
        FieldPanel("body"),
        FieldPanel("outcomes"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("outcomes"),
        index.SearchField("tag_names"),
        index.SearchField("region_names"),
        index.SearchField("organization_titles"),
        index.FilterField("featured"),
    ]

    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "典型案例"
        verbose_name_plural = "典型案例"

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .select_related("region__parent__parent")
            .prefetch_related(prefetch_tags(), "case_organizations__organization")
        )

    def page_context(self, request):
        return {"case_orgs": linked_organizations(self, self.case_organizations.all(), request)}

    def organization_titles(self):
        return " ".join(link.organization.title for link in self.case_organizations.all())


class CaseOrganization(Orderable):
    case = ParentalKey(CasePage, related_name="case_organizations", on_delete=models.CASCADE)
    organization = models.ForeignKey(
        "orgs.OrganizationPage",
        verbose_name="组织",
        on_delete=models.CASCADE,
        related_name="case_links",
    )

    panels = [FieldPanel("organization")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organization"], name="unique_case_organization"
            )
        ]
