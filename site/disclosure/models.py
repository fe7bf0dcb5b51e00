"""Notices (公示) and the public-money and evaluation records they disclose."""

import datetime
from decimal import Decimal
from http import HTTPMethod

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    PublishingPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PageManager,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.query import PageQuerySet
from wagtail.search import index

from modelcluster.fields import ParentalKey

from access.policies import RegionScopedPage
from access.scope import RegionScoped, codes_q
from core.blocks import BodyBlock
from core.dates import add_years, today
from core.labels import star_label, star_label_lazy
from core.models import BasePage, IndexPage
from core.slugs import title_panel
from opendata.pages import DownloadableListMixin
from publishing.corrections import with_corrections
from publishing.models import Correctable, Correction
from publishing.panels import CorrectionHistoryPanel
from search.index import ChineseSearchMixin
from translation.locales import (
    default_locale_id,
    linked_organizations,
    with_display_organizations,
)

from .choosers import evaluation_notice_chooser, funding_notice_chooser
from .forms import NoticePageForm, RecordForm


class NoticeState(models.TextChoices):
    """Derived from the notice period and today's date; never stored."""

    UPCOMING = "upcoming", pgettext_lazy("notice state", "Upcoming")
    OPEN = "open", pgettext_lazy("notice state", "Open")
    ENDED = "ended", pgettext_lazy("notice state", "Ended")


class NoticeQuerySet(PageQuerySet):
    def in_state(self, state, on=None):
        day = on or today()
        if state == NoticeState.UPCOMING:
            return self.filter(starts_on__gt=day)
        if state == NoticeState.OPEN:
            return self.filter(starts_on__lte=day, ends_on__gte=day)
        if state == NoticeState.ENDED:
            return self.filter(ends_on__lt=day)
        raise ValueError(f"unknown notice state {state!r}")

    def with_organizations(self):
        """The concerned organizations (and their regions) fetched with the notices."""
        return self.prefetch_related(
            Prefetch(
                "notice_organizations",
                queryset=NoticeOrganization.objects.select_related(
                    "organization__region__parent__parent"
                ),
            )
        )


NoticeManager = PageManager.from_queryset(NoticeQuerySet)


class NoticeIndexPage(RoutablePageMixin, DownloadableListMixin, ChineseSearchMixin, IndexPage):
    """公示公告: the list of notices, filterable by kind, state, district, street and
    year, downloadable (?format=csv|xlsx|json), with its feeds (feed/rss/, feed/atom/)."""

    dataset_key = "notices"

    parent_page_types = ["home.HomePage"]
    subpage_types = ["disclosure.NoticePage"]

    class Meta:
        verbose_name = "公示公告栏目"
        verbose_name_plural = "公示公告栏目"

    def page_context(self, request):
        from .notice_list import notice_list_context

        return notice_list_context(self, request)

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The list, or its rows as a download (?format=…: DownloadableListMixin)."""
        from opendata.exports import requested_format

        fmt = requested_format(request, self.dataset)
        if fmt:
            return self.serve_download(request, fmt)
        return super().index_route(request, *args, **kwargs)

    @re_path(r"^feed/(?P<flavour>rss|atom)/$")
    def feed(self, request, flavour):
        from .feeds import notice_feed

        return notice_feed(self, request, flavour)


class NoticePage(ChineseSearchMixin, RegionScopedPage, Correctable, BasePage):
    """A notice belongs to the streets of the organizations it concerns: an editor sees
    and edits it when every one of them lies within their regions; one that concerns no
    organization yet, when they created it (docs/editors.md)."""

    class Kind(models.TextChoices):
        FILING = "filing", _("Filing notice")
        CHANGE = "change", _("Change notice")
        EXIT = "exit", _("Exit notice")
        REVOCATION = "revocation", _("Revocation notice")
        EVALUATION = "evaluation", _("Evaluation results notice")
        FUNDING = "funding", _("Funding notice")

    kind = models.CharField("公示类型", max_length=16, choices=Kind.choices)
    issuer = models.CharField("发布单位", max_length=100, help_text="一般为街道办事处或区民政局。")
    reference_number = models.CharField("文号", max_length=64, blank=True)
    starts_on = models.DateField("公示开始日期")
    ends_on = models.DateField("公示结束日期")
    objection_contact = models.TextField(
        "异议受理联系方式",
        blank=True,
        help_text="公示期内对公示内容有异议的，向何单位、以何种方式反映（电话、地址、邮箱）。",
    )
    body = StreamField(BodyBlock(), verbose_name="公示内容", blank=True)

    objects = NoticeManager()

    # Changing these once the notice is published is a public correction (更正说明,
    # docs/corrections.md). The objection contact and attachments are not: the contact is
    # an address, and attachments are documents with their own history.
    correction_fields = (
        "kind",
        "starts_on",
        "ends_on",
        "reference_number",
        "issuer",
        ("notice_organizations.organization", "涉及组织"),
        "body",
    )

    base_form_class = NoticePageForm

    # Not wired to the slug: a new notice's slug is its date and kind (core.slugs).
    content_panels = [
        title_panel("公示标题*"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("reference_number")]),
                FieldPanel("issuer"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading="公示信息",
        ),
        MultipleChooserPanel(
            "notice_organizations",
            chooser_field_name="organization",
            label="涉及组织",
            heading="涉及组织",
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", heading="附件"),
        FieldPanel("objection_contact"),
        FieldPanel("correction_reason"),
        CorrectionHistoryPanel(heading="更正记录"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("issuer"),
        index.SearchField("reference_number"),
        index.SearchField("kind_label"),
        index.SearchField("body"),
        index.SearchField("organization_titles"),
        index.SearchField("organization_regions"),
        index.FilterField("kind"),
        index.FilterField("starts_on"),
        index.FilterField("ends_on"),
    ]

    parent_page_types = ["disclosure.NoticeIndexPage"]
    subpage_types = []
    # POST: an objection (disclosure/objections.py); nothing else writes.
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]

    class Meta:
        verbose_name = "公示"
        verbose_name_plural = "公示"
        indexes = [
            models.Index(fields=["starts_on", "ends_on"], name="notice_period"),
            # "Open now" is ends_on >= today: few rows, so this index is the selective one.
            models.Index(fields=["ends_on"], name="notice_ends_on"),
            # The notice list's order, newest first (scanned backwards).
            models.Index(fields=["starts_on", "page_ptr"], name="notice_list_order"),
        ]

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":  # the objection form (disclosure/objections.py)
            from .objections import receive_objection

            return receive_objection(self, request)
        return super().serve(request, *args, **kwargs)

    def page_context(self, request):
        from .objections import objection_context

        records = with_display_organizations(self.announced_records(), self.locale_id)
        # "已更正": the notice's corrections (a twin shows its source's), and the announced
        # records'.
        with_corrections(records, page=self)
        return {
            "correction_history": self.correction_history,
            "concerned": linked_organizations(self, self.notice_organizations.all(), request),
            "announced_records": records,
            "announced_total": sum(record.amount for record in records)
            if self.kind == self.Kind.FUNDING
            else None,
            **objection_context(self, request),
        }

    def announced_records(self):
        """The records this notice announced: a funding notice's grants, an evaluation
        notice's results (none for the other kinds), with their organizations. Records
        point at the zh-hans notice; a zh-hant twin finds them by its translation_key."""
        model = {model.notice_kind: model for model in (FundingRecord, EvaluationRecord)}.get(
            self.kind
        )
        if model is None:
            return []
        return (
            model.objects.live()
            .filter(
                notice__translation_key=self.translation_key,
                notice__locale_id=default_locale_id(),
            )
            .select_related("organization")
            .order_by(*model.order_in_notice)
        )

    @classmethod
    def region_scope_q(cls, prefixes, user):
        links = NoticeOrganization.objects.filter(notice=OuterRef("pk"))
        outside = links.exclude(codes_q("organization__region__code", prefixes))
        return ~Exists(outside) & (Exists(links) | Q(owner=user))

    @classmethod
    def concerning_q(cls, prefixes):
        """The notices that concern at least one organization within `prefixes`: those a
        record of such an organization may name as its notice."""
        return Exists(
            NoticeOrganization.objects.filter(notice=OuterRef("pk")).filter(
                codes_q("organization__region__code", prefixes)
            )
        )

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "公示结束日期不能早于开始日期。"})

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().with_organizations()

    def kind_label(self):
        return self.get_kind_display()

    def organization_titles(self):
        """The concerned organizations' names (prefetched when indexing)."""
        return " ".join(link.organization.title for link in self.notice_organizations.all())

    def concerned_regions(self):
        return [link.organization.region for link in self.notice_organizations.all()]

    def organization_regions(self):
        return " ".join(region.full_name for region in self.concerned_regions())

    def state_on(self, day: datetime.date) -> str:
        if day < self.starts_on:
            return NoticeState.UPCOMING
        if day > self.ends_on:
            return NoticeState.ENDED
        return NoticeState.OPEN

    @property
    def state(self) -> str:
        return self.state_on(today())

    @property
    def state_label(self) -> str:
        return NoticeState(self.state).label

    @property
    def period_days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def days_left(self) -> int:
        """Days remaining in the period, today included (0 once it has ended)."""
        return max(0, (self.ends_on - today()).days + 1)


class NoticeOrganization(Orderable):
    """An organization a notice concerns. A chooser row rather than a multi-select:
    there are tens of thousands of organizations."""

    notice = ParentalKey(NoticePage, related_name="notice_organizations", on_delete=models.CASCADE)
    organization = models.ForeignKey(
        "orgs.OrganizationPage",
        verbose_name="组织",
        on_delete=models.CASCADE,
        related_name="notice_links",
    )

    panels = [FieldPanel("organization")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "organization"], name="unique_notice_organization"
            )
        ]


def organization_model():
    """OrganizationPage, without importing the orgs app (which composes this one): the
    model our relations to organizations point at."""
    return NoticeOrganization._meta.get_field("organization").related_model


class NoticeAttachment(Orderable):
    notice = ParentalKey(NoticePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        "显示名称", max_length=200, blank=True, help_text="留空则使用文件标题。"
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title


class Objection(RegionScoped, models.Model):
    """An objection (异议) a reader sent through a notice's page during its period.

    Stored once, against the zh-hans notice, whichever script's page it came from; the
    content as typed. The objector's name and contact are for the issuing editors only:
    no public page, feed, export, API or search shows them. After the period the notice
    shows how many objections it received and the outcomes editors chose to publish
    (docs/objections.md)."""

    notice = models.ForeignKey(
        NoticePage,
        verbose_name="公示",
        on_delete=models.PROTECT,
        related_name="objections",
    )
    reference = models.CharField("受理编号", max_length=20, unique=True)
    content = models.TextField("异议内容")
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    outcome = models.TextField(
        "处理结果",
        blank=True,
        help_text="核实情况与处理意见。如需公开，请勿写入异议人姓名和联系方式。",
    )
    outcome_public = models.BooleanField(
        "在公示页面公开处理结果",
        default=False,
        help_text="公示期结束后，公示页面显示受理编号和这里的处理结果（不显示异议人和异议内容）。",
    )
    outcome_recorded_at = models.DateTimeField("处理结果记录时间", null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理结果记录人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "异议"
        verbose_name_plural = "异议"
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["notice", "submitted_at"], name="objection_notice")]

    # What the editors' groups of a street may do (access.groups): record outcomes. Nobody
    # adds an objection in the admin, and deleting one is the bureau's decision.
    editor_actions = ("change",)

    def __str__(self):
        return f"{self.reference}（{self.notice.title}）"

    @classmethod
    def region_scope_q(cls, prefixes, user):
        """An objection is for the editors of its notice: those who may edit the notice
        (docs/editors.md)."""
        notices = NoticePage.objects.filter(NoticePage.region_scope_q(prefixes, user))
        return Q(notice__in=notices.values("pk"))

    @property
    def awaiting_outcome(self):
        return not self.outcome.strip()

    def outcome_status(self):
        if self.awaiting_outcome:
            return "待处理"
        return "已处理（结果公开）" if self.outcome_public else "已处理（结果不公开）"

    outcome_status.short_description = "处理状态"  # the admin list's column

    def clean(self):
        if self.outcome_public and self.awaiting_outcome:
            raise ValidationError({"outcome_public": "请先填写处理结果，再选择公开。"})


class DisclosureIndexPage(RoutablePageMixin, ChineseSearchMixin, IndexPage):
    """信息公开: the overview of public money and ratings (charts and tables under one set
    of filters), and the record tables below it: funding/ and evaluations/, each
    downloadable (?format=…) with its feeds (feed/rss/, feed/atom/)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "信息公开栏目"
        verbose_name_plural = "信息公开栏目"

    @path("")
    def overview(self, request):
        from .feeds import feed_links, record_list_name
        from .summary import disclosure_context

        context = disclosure_context(self, request)
        # The overview's filters are the funding table's: it announces that feed.
        context.update(
            feed_links(request, f"{self.get_url(request)}funding/", record_list_name("funding"))
        )
        return self.render(request, context_overrides=context)

    @path("funding/")
    def funding(self, request):
        return self.record_table(request, "funding", "disclosure/funding_records.html")

    @path("evaluations/")
    def evaluations(self, request):
        return self.record_table(request, "evaluations", "disclosure/evaluation_records.html")

    @re_path(r"^(?P<dataset_key>funding|evaluations)/feed/(?P<flavour>rss|atom)/$")
    def record_feed(self, request, dataset_key, flavour):
        from .feeds import record_feed

        return record_feed(self, request, dataset_key, flavour)

    def record_table(self, request, dataset_key, template):
        from opendata.exports import download_links, requested_format
        from opendata.pages import serve_download
        from opendata.registry import get_dataset

        from . import records
        from .feeds import feed_links, record_list_name

        dataset = get_dataset(dataset_key)
        fmt = requested_format(request, dataset)
        if fmt:
            return serve_download(self, request, dataset, fmt)
        builder = {
            "funding": records.funding_table_context,
            "evaluations": records.evaluation_table_context,
        }[dataset_key]
        context = builder(self, request)
        context["downloads"] = download_links(request, dataset)
        context.update(
            feed_links(
                request, f"{self.get_url(request)}{dataset_key}/", record_list_name(dataset_key)
            )
        )
        return self.render(request, template=template, context_overrides=context)


class RecordQuerySet(models.QuerySet):
    def live(self):
        """What readers see: the published records. Every public read of records (pages,
        totals, ratings, feeds, datasets, the API, search hits) goes through this."""
        return self.filter(live=True)


RecordManager = models.Manager.from_queryset(RecordQuerySet)


class OrganizationRecord(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    RegionScoped,
    Correctable,
    index.Indexed,
    models.Model,
):
    """A fact about one organization (a grant, an evaluation): not a page, edited as a
    snippet with the organization chooser (orgs/choosers.py), and found by the organization's
    name and region. It belongs to its organization's street (docs/editors.md).

    Reviewed before it is public, as pages are: a draft, revisions and the bureau's review
    workflow (Wagtail's snippet mixins, in the order Wagtail documents). The row holds the
    live version; a draft change to a live record waits in its latest revision until it is
    published. `live` defaults to true, so records written in code (the demo, the bulk
    generator, the bench) are published ones; the admin saves new records as drafts."""

    updated_at = models.DateTimeField(auto_now=True)
    corrections = GenericRelation(Correction)

    objects = RecordManager()
    # Revisions and workflow states go with a deleted record (Wagtail's recommendation).
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    # Each record model has a `notice` foreign key: the notice of this kind that announced
    # the record (its provenance), or none.
    notice_kind = None
    wrong_notice_kind_message = ""
    base_form_class = RecordForm
    order_in_notice = ["pk"]  # how the notice's page lists its records

    organization_search_fields = [
        index.RelatedFields(
            "organization", [index.SearchField("title"), index.SearchField("region_names")]
        ),
        index.FilterField("organization"),
    ]

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("organization__region__parent__parent")

    @classmethod
    def region_scope_q(cls, prefixes, user):
        # Through `organization`, a filter field: the admin listing's search runs on the
        # search backend, which filters on declared fields only.
        organizations = organization_model()._default_manager.filter(
            codes_q("region__code", prefixes)
        )
        return Q(organization__in=organizations.values("pk"))

    def correction_page(self):
        return self.organization

    def notice_errors(self):
        """{"notice": message} when the chosen notice cannot have announced this record:
        a notice of another kind, or a zh-hant twin (records point at the zh-hans source,
        and the chooser offers only those)."""
        if self.notice_id is None:
            return {}
        if self.notice.kind != self.notice_kind:
            return {"notice": self.wrong_notice_kind_message}
        if self.notice.locale_id != default_locale_id():
            return {"notice": "请选择简体中文的公示：繁体版由系统自动同步。"}
        return {}


class FundingRecord(ChineseSearchMixin, OrganizationRecord):
    """Public money or charity resources that reached an organization (资金)."""

    class SourceKind(models.TextChoices):
        GOVERNMENT_PURCHASE = "government_purchase", _("Government purchase of services")
        VENTURE_PHILANTHROPY = "venture_philanthropy", _("Venture philanthropy")
        WELFARE_LOTTERY = "welfare_lottery", _("Welfare lottery fund")
        SUBSIDY = "subsidy", _("Start-up and activity subsidies")
        COMMUNITY_BENEFIT = "community_benefit", _("Community benefit fund")
        AWARD_SUBSIDY = "award_subsidy", _("Awards in lieu of subsidies")
        COMMUNITY_FUND = "community_fund", _("Community fund and charitable donations")

    organization = models.ForeignKey(
        "orgs.OrganizationPage",
        verbose_name="组织",
        on_delete=models.PROTECT,
        related_name="funding_records",
    )
    project_title = models.CharField("项目名称", max_length=200)
    source_kind = models.CharField("资金来源", max_length=32, choices=SourceKind.choices)
    funder = models.CharField("资助方", max_length=100)
    amount = models.DecimalField(
        "金额（元）",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message="金额不能为负数。")],
    )
    year = models.PositiveSmallIntegerField(
        "年度",
        validators=[
            MinValueValidator(1990, message="年度应在 1990 年之后。"),
            MaxValueValidator(2100, message="年度不正确。"),
        ],
    )
    awarded_on = models.DateField("资助日期", null=True, blank=True)
    round = models.CharField(
        "资助批次", max_length=100, blank=True, help_text="如“第七届公益创投”。"
    )
    notice = models.ForeignKey(
        "disclosure.NoticePage",
        verbose_name="公示",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding_records",
        help_text="公布这笔资助的资助公示。",
    )

    notice_kind = NoticePage.Kind.FUNDING
    wrong_notice_kind_message = "所选公示不是资助公示：请选择公布这笔资助的资助公示。"

    search_fields = OrganizationRecord.organization_search_fields + [
        index.SearchField("project_title", boost=2),
        index.SearchField("funder"),
        index.SearchField("round"),
        index.SearchField("source_label"),
        index.FilterField("year"),
        index.FilterField("source_kind"),
    ]

    panels = [
        FieldPanel("organization"),
        FieldPanel("project_title"),
        FieldRowPanel([FieldPanel("source_kind"), FieldPanel("funder")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("year"), FieldPanel("awarded_on")]),
        FieldPanel("round"),
        FieldPanel("notice", widget=funding_notice_chooser.widget_class),
        FieldPanel("correction_reason"),
        CorrectionHistoryPanel(heading="更正记录"),
        PublishingPanel(),
    ]

    # Changing these once the record is public is a correction (docs/corrections.md).
    correction_fields = (
        "organization",
        "project_title",
        "source_kind",
        "funder",
        "amount",
        "year",
        "awarded_on",
    )

    class Meta:
        verbose_name = "资助记录"
        verbose_name_plural = "资助记录"
        ordering = ["-year", "-awarded_on", "-pk"]
        indexes = [
            models.Index(fields=["year", "source_kind"], name="funding_year_source"),
            models.Index(fields=["year", "awarded_on"], name="funding_year_date"),
        ]

    def __str__(self):
        return f"{self.project_title}（{self.year}年）"

    def source_label(self):
        return self.get_source_kind_display()

    @property
    def sort_date(self):
        """Listed by: the award date, else the end of its year."""
        return self.awarded_on or datetime.date(self.year, 12, 31)

    def clean(self):
        errors = {}
        if self.amount is not None and self.amount < 0:
            errors["amount"] = "金额不能为负数。"
        if self.awarded_on and self.year and abs(self.awarded_on.year - self.year) > 1:
            errors["awarded_on"] = "资助日期与年度相差过大，请核对。"
        errors.update(self.notice_errors())
        if errors:
            raise ValidationError(errors)


class EvaluationRecord(ChineseSearchMixin, OrganizationRecord):
    """星级评估 by a third party, or 满意度测评 by the community (评估)."""

    class Kind(models.TextChoices):
        STAR = "star", _("Star evaluation")
        SATISFACTION = "satisfaction", _("Satisfaction survey")

    VALID_YEARS = 2  # seed 003 §三.2: a star rating is valid for two years
    STAR_CHOICES = [(level, star_label_lazy(level)) for level in (3, 2, 1)]

    organization = models.ForeignKey(
        "orgs.OrganizationPage",
        verbose_name="组织",
        on_delete=models.PROTECT,
        related_name="evaluation_records",
    )
    kind = models.CharField("评估类型", max_length=16, choices=Kind.choices)
    star_level = models.PositiveSmallIntegerField(
        "星级",
        null=True,
        blank=True,
        choices=STAR_CHOICES,
    )
    score = models.DecimalField(
        "满意度得分", max_digits=5, decimal_places=2, null=True, blank=True, help_text="0–100 分。"
    )
    evaluated_on = models.DateField("评估日期")
    valid_until = models.DateField(
        "有效期至", null=True, blank=True, help_text="留空则为评估日期后两年。"
    )
    evaluator = models.CharField("评估机构", max_length=100)
    notice = models.ForeignKey(
        "disclosure.NoticePage",
        verbose_name="公示",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation_records",
        help_text="公布这次评估结果的评估结果公示。",
    )

    notice_kind = NoticePage.Kind.EVALUATION
    wrong_notice_kind_message = "所选公示不是评估结果公示：请选择公布这次评估结果的评估结果公示。"
    # Best results first, as a results notice lists them.
    order_in_notice = [
        models.F("star_level").desc(nulls_last=True),
        models.F("score").desc(nulls_last=True),
        "pk",
    ]

    search_fields = OrganizationRecord.organization_search_fields + [
        index.SearchField("evaluator"),
        index.SearchField("kind_label"),
        index.SearchField("result_label"),
        index.FilterField("kind"),
        index.FilterField("star_level"),
        index.FilterField("evaluated_on"),
    ]

    panels = [
        FieldPanel("organization"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("star_level"), FieldPanel("score")]),
        FieldRowPanel([FieldPanel("evaluated_on"), FieldPanel("valid_until")]),
        FieldPanel("evaluator"),
        FieldPanel("notice", widget=evaluation_notice_chooser.widget_class),
        FieldPanel("correction_reason"),
        CorrectionHistoryPanel(heading="更正记录"),
        PublishingPanel(),
    ]

    # Changing these once the record is public is a correction (docs/corrections.md).
    correction_fields = (
        "organization",
        "kind",
        "star_level",
        "score",
        "evaluated_on",
        "valid_until",
    )

    class Meta:
        verbose_name = "评估记录"
        verbose_name_plural = "评估记录"
        ordering = ["-evaluated_on", "-pk"]
        indexes = [
            models.Index(fields=["organization", "kind", "valid_until"], name="evaluation_current")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(star_level__isnull=True) | Q(star_level__gte=1, star_level__lte=3),
                name="star_level_1_to_3",
            ),
        ]

    def __str__(self):
        return f"{self.organization}：{self.result_label}"

    def save(self, *args, **kwargs):
        self.fill_valid_until()
        super().save(*args, **kwargs)

    def fill_valid_until(self):
        if self.valid_until is None and self.evaluated_on:
            self.valid_until = add_years(self.evaluated_on, self.VALID_YEARS)

    def kind_label(self):
        return self.get_kind_display()

    @property
    def result_label(self):
        if self.kind == self.Kind.STAR:
            return star_label(self.star_level) if self.star_level else "—"
        if self.score is None:
            return "—"
        return gettext("%(score)s points") % {"score": self.score}

    def is_valid_on(self, day):
        return self.evaluated_on <= day and (self.valid_until is None or day <= self.valid_until)

    def clean(self):
        errors = {}
        if self.kind == self.Kind.STAR:
            if self.star_level is None:
                errors["star_level"] = "星级评估必须填写星级（1星至3星）。"
            elif not 1 <= self.star_level <= 3:
                errors["star_level"] = "星级只能是1星、2星或3星。"
            if self.score is not None:
                errors["score"] = "星级评估不填写满意度得分。"
        elif self.kind == self.Kind.SATISFACTION:
            if self.score is None:
                errors["score"] = "满意度测评必须填写得分。"
            elif not Decimal("0") <= self.score <= Decimal("100"):
                errors["score"] = "满意度得分应在 0 至 100 分之间。"
            if self.star_level is not None:
                errors["star_level"] = "满意度测评不填写星级。"
        if self.evaluated_on:
            self.fill_valid_until()
            if self.valid_until < self.evaluated_on:
                errors["valid_until"] = "有效期不能早于评估日期。"
        errors.update(self.notice_errors())
        if errors:
            raise ValidationError(errors)
