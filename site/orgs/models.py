"""Organizations: the directory page and each organization's profile page."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase

from access.policies import RegionScopedPage
from access.scope import RegionScoped, codes_q
from core.models import BasePage, IndexPage, TagNamesMixin, prefetch_tags
from core.scripts import convert
from core.slugs import title_panel
from opendata.pages import DownloadableListMixin
from publishing.models import Correctable
from publishing.panels import CorrectionHistoryPanel
from search.index import ChineseSearchMixin
from taxonomy.models import Category, Region, RegionNamesMixin
from translation.locales import default_locale_id

from .forms import HalfYearReportForm, OrganizationPageForm
from .panels import StatusPanel
from .validators import normalize_credit_code, validate_credit_code


class OrganizationIndexPage(DownloadableListMixin, ChineseSearchMixin, IndexPage):
    """组织名录: the filterable directory of every organization below it, downloadable
    (?format=csv|xlsx|json)."""

    dataset_key = "organizations"

    parent_page_types = ["home.HomePage"]
    subpage_types = ["orgs.OrganizationPage"]

    class Meta:
        verbose_name = "组织名录"
        verbose_name_plural = "组织名录"

    def page_context(self, request):
        from .directory import directory_context

        return directory_context(self, request)


class OrganizationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "orgs.OrganizationPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class OrganizationPage(
    ChineseSearchMixin, RegionScopedPage, RegionNamesMixin, TagNamesMixin, Correctable, BasePage
):
    """One community social organization's public profile. It belongs to the street of
    its region: street editors see and edit their street's only (docs/editors.md)."""

    class Management(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        FILED = "filed", _("Filed with the street office")
        COMMUNITY = "community", _("Managed by the community")

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("organization status", "Active")
        EXITING = "exiting", _("Exit under notice")
        EXITED = "exited", _("Ceased")
        REVOKED = "revoked", _("Filing revoked")
        DEREGISTERED = "deregistered", _("Deregistered")

    short_name = models.CharField("简称", max_length=40, blank=True)
    management = models.CharField(
        "管理方式",
        max_length=16,
        choices=Management.choices,
        default=Management.FILED,
        help_text="依法登记：已在民政部门登记为法人；街道备案：由街道办事处备案管理；"
        "社区管理：规模较小，由社区党组织领导、居(村)委会指导。",
    )
    # Follows the organization's notices (orgs/lifecycle.py); not in the admin form.
    status = models.CharField(
        "状态",
        max_length=16,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text="由公示决定：备案、终止、撤销备案公示。",
    )
    category = models.ForeignKey(
        Category, verbose_name="类别", on_delete=models.PROTECT, related_name="organizations"
    )
    region = models.ForeignKey(
        Region,
        verbose_name="所在区域",
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text="一般选择社区(村)；街道层面的枢纽型组织可选择街道。",
    )
    hub = models.ForeignKey(
        "self",
        verbose_name="枢纽型组织",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="为本组织提供支持的社区社会组织联合会等枢纽型组织。",
    )
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        blank=True,
        db_index=True,
        help_text="18 位，仅依法登记的组织填写。",
    )
    filing_number = models.CharField(
        "备案编号",
        max_length=64,
        blank=True,
        db_index=True,
        help_text="街道办事处备案时颁发的编号。",
    )
    leader_name = models.CharField("负责人", max_length=40)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    member_count = models.PositiveIntegerField(
        "成员数", default=0, validators=[MaxValueValidator(1_000_000)]
    )
    volunteer_count = models.PositiveIntegerField(
        "志愿者数", default=0, validators=[MaxValueValidator(1_000_000)]
    )
    founded_on = models.DateField("成立日期", null=True, blank=True)
    filed_on = models.DateField("备案日期", null=True, blank=True)
    description = RichTextField(
        "组织简介", blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    tags = ClusterTaggableManager("服务领域", through=OrganizationPageTag, blank=True)

    # The title is not wired to the slug (Wagtail's TitleFieldPanel fills the slug with
    # the Chinese title while a page is unpublished): a new organization's slug is pinyin,
    # made by OrganizationPageForm when left blank, and a rename never changes it.
    content_panels = [
        title_panel("组织名称*"),
        FieldPanel("short_name"),
        MultiFieldPanel(
            [
                FieldPanel("management"),
                StatusPanel(heading="状态"),
                FieldRowPanel([FieldPanel("credit_code"), FieldPanel("filing_number")]),
                FieldRowPanel([FieldPanel("founded_on"), FieldPanel("filed_on")]),
            ],
            heading="登记与备案",
        ),
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("tags"), FieldPanel("region"), FieldPanel("hub")],
            heading="类别与区域",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("leader_name"), FieldPanel("contact_phone")]),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("member_count"), FieldPanel("volunteer_count")]),
            ],
            heading="负责人与规模",
        ),
        FieldPanel("description"),
        FieldPanel("correction_reason"),
        CorrectionHistoryPanel(heading="更正记录"),
    ]
    # The organization's archive (档案, seed 000 §2) in its own tab: docs/archive.md.
    archive_panels = [
        InlinePanel(
            "archive_documents",
            heading="组织档案",
            label="档案文件",
            help_text="章程、备案表、成员花名册、测评、信息公开、处理结果。每份文件都必须选择"
            "公开范围：“公开”的文件列在组织主页上，任何人可下载；“仅编辑可见”的文件只有本组织"
            "所在街道（区）的编辑和民政局能打开。",
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="内容"),
            ObjectList(archive_panels, heading="档案"),
            ObjectList(BasePage.promote_panels, heading="推广"),
            ObjectList(BasePage.settings_panels, heading="设置"),
        ]
    )

    # Changing these once the organization is published is a public correction
    # (docs/corrections.md). The status is not edited (it follows notices, whose period
    # dates are tracked on the notice); nor are a filing number and date that a filing
    # notice gave (the form disables them).
    correction_fields = ("credit_code", "filing_number", "founded_on", "filed_on")

    search_fields = BasePage.search_fields + [
        index.SearchField("short_name", boost=3),
        index.SearchField("credit_code"),
        index.SearchField("filing_number"),
        index.SearchField("description"),
        index.SearchField("leader_name"),
        index.SearchField("address"),
        index.SearchField("tag_names"),
        index.SearchField("region_names"),
        index.SearchField("category_name"),
        index.AutocompleteField("title"),
        index.AutocompleteField("short_name"),
        index.FilterField("status"),
        index.FilterField("management"),
        index.FilterField("category"),
        index.FilterField("region"),
    ]

    base_form_class = OrganizationPageForm

    parent_page_types = ["orgs.OrganizationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "社区社会组织"
        verbose_name_plural = "社区社会组织"
        indexes = [
            models.Index(fields=["status", "management"], name="org_status_management"),
            models.Index(fields=["filed_on"], name="org_filed_on"),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def region_scope_q(cls, prefixes, user):
        return codes_q("region__code", prefixes)

    @classmethod
    def get_indexed_objects(cls):
        # Region names, category and tags go into each entry: fetch them with the rows.
        return (
            super()
            .get_indexed_objects()
            .select_related("region__parent__parent", "category")
            .prefetch_related(prefetch_tags())
        )

    def category_name(self):
        return self.category.name if self.category_id else ""

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    def clean_fields(self, exclude=None):
        """Model field checks, then the organization's own rules (registration, filing,
        dates, uniqueness).

        The rules live here rather than in clean() because Django passes clean_fields() the
        fields to leave alone (`exclude`): in the admin, those the form has already refused.
        Such a field still holds its previous value on the instance (often blank), so
        judging it again would put a second, wrong message under the form's own, e.g.
        "必须填写备案日期" under "输入一个有效的日期". A rule is skipped when a field it
        reads was refused. Wagtail calls full_clean() (so this) whenever it saves a live page
        or a revision."""
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        refused = set(exclude or ()) | set(errors)
        for field, messages in self.rule_errors(refused).items():
            errors.setdefault(field, []).extend(
                messages if isinstance(messages, list) else [messages]
            )
        if errors:
            raise ValidationError(errors)

    def rule_errors(self, refused=frozenset(), codes_taken=True):
        """{field: message(s)} for the rules broken, skipping rules that read a field in
        `refused`. Without `codes_taken`, the uniqueness of the codes is left to the
        caller (the ledger import checks a whole file against every organization at
        once)."""
        errors = {}

        def usable(*fields):
            return not refused.intersection(fields)

        if usable("credit_code"):
            self.credit_code = normalize_credit_code(self.credit_code)
        if usable("filing_number"):
            self.filing_number = (self.filing_number or "").strip()
        registered = self.management == self.Management.REGISTERED

        if usable("management", "credit_code"):
            if self.credit_code:
                if not registered:
                    errors["credit_code"] = (
                        "只有依法登记的组织才有统一社会信用代码；备案或社区管理的组织请留空。"
                    )
                else:
                    try:
                        validate_credit_code(self.credit_code)
                    except ValidationError as error:
                        errors["credit_code"] = error.messages
            elif registered:
                errors["credit_code"] = "依法登记的组织必须填写统一社会信用代码。"

        if self.management == self.Management.FILED and usable("management"):
            if not self.filing_number and usable("filing_number"):
                errors["filing_number"] = "街道备案的组织必须填写备案编号。"
            if not self.filed_on and usable("filed_on"):
                errors["filed_on"] = "街道备案的组织必须填写备案日期。"

        if (
            usable("founded_on", "filed_on")
            and self.founded_on
            and self.filed_on
            and self.filed_on < self.founded_on
        ):
            errors["filed_on"] = "备案日期不能早于成立日期。"
        if usable("hub") and self.hub_id and self.pk and self.hub_id == self.pk:
            errors["hub"] = "枢纽型组织不能选择本组织自己。"

        # Unique per locale (the zh-hant twin carries the same codes). Checked here rather
        # than by a database constraint because the locale lives on Page's table.
        for field, label in (("credit_code", "统一社会信用代码"), ("filing_number", "备案编号")):
            value = getattr(self, field)
            if value and codes_taken and usable(field) and field not in errors:
                message = self.code_taken_message(field, label, value)
                if message:
                    errors[field] = message
        return errors

    def code_taken_message(self, field, label, value):
        """Why `value` cannot be this organization's `field`, or None.

        Only organizations count, and a page that has never been published is not one yet:
        Wagtail autosaves a new page as a draft while the editor fills the form in, so a
        first attempt that fails (or is abandoned) leaves a draft holding the codes, and
        the editor's retry from a new form was refused in the name of the organization
        itself. Duplicates among drafts are caught when one of them is published. Nor is a
        zh-hant page whose zh-hans source is gone (a twin left by a deletion).

        For a zh-hans page the value is also checked as its twin will carry it (converted
        to traditional script, as the sync does): a number that differs from another's only
        in script (备/備) would otherwise pass here and make the twin's save, and so the
        publish, fail after the page was written."""
        source_locale_id = default_locale_id()
        sources = OrganizationPage.objects.filter(locale_id=source_locale_id)
        others = OrganizationPage.objects.exclude(translation_key=self.translation_key).filter(
            Q(live=True) | Q(first_published_at__isnull=False)
        )
        same_locale = others.filter(locale_id=self.locale_id)
        if self.locale_id != source_locale_id:
            same_locale = same_locale.filter(translation_key__in=sources.values("translation_key"))
        other = same_locale.filter(**{field: value}).first()
        if other:
            return f"{label} {value} 已被“{other.title}”使用。"
        if self.locale_id == source_locale_id:
            twin = (
                others.exclude(locale_id=source_locale_id)
                .filter(**{field: convert(value)})
                .filter(translation_key__in=sources.values("translation_key"))
                .first()
            )
            if twin:
                other = sources.get(translation_key=twin.translation_key)
                return (
                    f"{label} {value} 与“{other.title}”的{label} {getattr(other, field)}"
                    "只有简繁写法不同，繁体页面中会是同一个编号。"
                )
        return None

    def page_context(self, request):
        from .profile import profile_context

        return profile_context(self)


class OrganizationStatusChange(models.Model):
    """One step of an organization's lifecycle (orgs/lifecycle.py): the status it took, from
    which day, and the notice that decided it. A change notice leaves the status as it is
    (`status` blank) and says what changed. The first row of an organization (`cause`
    "entered", no date) is the status it had when it was entered, before any notice.

    Rows belong to the zh-hans organization; its zh-hant twin shows the same history.
    `applied` says that the organization's stored status already accounts for the row:
    a row whose day has come but is not applied yet is pending (`advance_lifecycle`
    applies it, and pages derive it on view in the meantime)."""

    class Cause(models.TextChoices):
        ENTERED = "entered", _("Entered")
        FILING = "filing", _("Filing notice")
        CHANGE = "change", _("Change notice")
        EXIT = "exit", _("Exit notice")
        REVOCATION = "revocation", _("Revocation notice")

    organization = models.ForeignKey(
        OrganizationPage,
        verbose_name="组织",
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    cause = models.CharField("原因", max_length=16, choices=Cause.choices)
    status = models.CharField(
        "状态",
        max_length=16,
        choices=OrganizationPage.Status.choices,
        blank=True,
        help_text="变更公示不改变状态，留空。",
    )
    effective_on = models.DateField("生效日期", null=True, blank=True)
    notice = models.ForeignKey(
        "disclosure.NoticePage",
        verbose_name="公示",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    filing_number = models.CharField("备案编号", max_length=64, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    applied = models.BooleanField("已计入组织状态", default=False)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "组织状态变化"
        verbose_name_plural = "组织状态变化"
        ordering = [models.F("effective_on").asc(nulls_first=True), "pk"]
        indexes = [
            # The pending rows whose day has come: few, read on every directory view.
            models.Index(
                fields=["effective_on"],
                name="status_change_pending",
                condition=Q(applied=False),
            ),
        ]

    def __str__(self):
        return f"{self.organization}：{self.get_status_display() or self.get_cause_display()}"

    @property
    def since(self):
        """The day the row took effect; an entered status counts from when it was entered."""
        return self.effective_on or self.created_at.date()


class ArchiveDocument(Orderable):
    """One document of an organization's archive (档案, seed 000 §2), with its kind and
    whether readers may have it. `visibility` has no default: the editor chooses, for
    every document, between 公开 and 仅编辑可见 (docs/archive.md).

    The rows are the page's (ParentalKey, edited in the page's "档案" tab) and go public
    with it; the zh-hant twin gets copies of them on every sync (wagtail-localize copies
    child rows that are not translatable), same documents and visibility, and shows the
    title in the reader's script at render time. Whether a document file may be served
    is decided from these rows (orgs/archive.py), whatever page or script links it."""

    class Kind(models.TextChoices):
        CHARTER = "charter", _("Charter")
        FILING_FORM = "filing_form", _("Filing form")
        MEMBER_ROSTER = "member_roster", _("Member roster")
        ASSESSMENT = "assessment", _("Reports and assessments")
        DISCLOSURE = "disclosure", _("Information disclosure")
        DECISION = "decision", _("Decisions on the organization")

    class Visibility(models.TextChoices):
        PUBLIC = "public", "公开"
        EDITORS = "editors", "仅编辑可见"

    organization = ParentalKey(
        OrganizationPage, related_name="archive_documents", on_delete=models.CASCADE
    )
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="文件",
        on_delete=models.PROTECT,
        related_name="archive_entries",
        help_text="PDF、Word、Excel 或图片。",
    )
    title = models.CharField("名称", max_length=200, blank=True, help_text="留空则使用文件标题。")
    dated_on = models.DateField("日期", null=True, blank=True, help_text="文件的日期，可留空。")
    visibility = models.CharField(
        "公开范围",
        max_length=8,
        choices=Visibility.choices,
        help_text="公开：列在组织主页上，任何人可下载。仅编辑可见：成员花名册等含个人信息的"
        "文件，只有本组织所在街道（区）的编辑和民政局能打开。",
    )

    panels = [
        # Required on a draft too (Wagtail defers required fields of a draft otherwise):
        # the choice is made when the document is added, not at publication.
        FieldRowPanel(
            [
                FieldPanel("kind", required_on_save=True),
                FieldPanel("visibility", required_on_save=True),
            ]
        ),
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("dated_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "档案文件"
        verbose_name_plural = "档案文件"
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=["public", "editors"]),
                name="archive_visibility_chosen",
            )
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or self.document.title

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC


class HalfYearReport(RegionScoped, ClusterableModel):
    """A hub organization's half-year ledger report (半年报, seed 000 §2: hubs keep their
    members' ledger and report it upward every half-year): one line per member
    organization. Edited as a snippet by the hub's street (docs/archive.md); like the
    funding and evaluation records, a saved report is public at once (no review)."""

    class Half(models.IntegerChoices):
        FIRST = 1, _("First half")
        SECOND = 2, _("Second half")

    hub = models.ForeignKey(
        OrganizationPage,
        verbose_name="枢纽型组织",
        on_delete=models.PROTECT,
        related_name="half_year_reports",
        help_text="报送台账的社区社会组织联合会等枢纽型组织。",
    )
    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    half = models.PositiveSmallIntegerField("半年", choices=Half.choices)
    submitted_on = models.DateField("报送日期")

    panels = [
        FieldPanel("hub"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("half"), FieldPanel("submitted_on")]),
        InlinePanel("lines", heading="成员组织台账", label="成员组织"),
    ]
    base_form_class = HalfYearReportForm

    class Meta:
        verbose_name = "半年报"
        verbose_name_plural = "半年报"
        ordering = ["-year", "-half", "hub__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "year", "half"],
                name="one_half_year_report_per_hub",
                violation_error_message="该枢纽型组织这半年已经报送过台账，请修改已有的半年报。",
            )
        ]

    def __str__(self):
        return f"{self.hub}：{self.half_year_label}"

    @property
    def half_year_label(self):
        return f"{self.year}年{self.get_half_display()}"

    @classmethod
    def region_scope_q(cls, prefixes, user):
        return codes_q("hub__region__code", prefixes)

    @property
    def half_year(self):
        from .half_year import HalfYear

        return HalfYear(self.year, self.half)

    def clean(self):
        from core.dates import today

        from .half_year import HalfYear

        super().clean()
        errors = {}
        day = today()
        if self.year and self.half and HalfYear(self.year, self.half).starts_on > day:
            errors["half"] = "不能报送尚未开始的半年。"
        if self.submitted_on and self.submitted_on > day:
            errors["submitted_on"] = "报送日期不能晚于今天。"
        if self.hub_id and self.hub.locale_id != default_locale_id():
            errors["hub"] = "请选择简体页面中的组织。"
        if errors:
            raise ValidationError(errors)

    @property
    def totals(self):
        lines = list(self.lines.all())
        return {
            "organizations": len(lines),
            "activities": sum(line.activities for line in lines),
            "members": sum(line.members for line in lines),
            "funds_used": sum((line.funds_used for line in lines), 0),
        }


class HalfYearReportLine(Orderable):
    """One member organization's line of a half-year report."""

    report = ParentalKey(HalfYearReport, related_name="lines", on_delete=models.CASCADE)
    organization = models.ForeignKey(
        OrganizationPage,
        verbose_name="成员组织",
        on_delete=models.PROTECT,
        related_name="half_year_lines",
    )
    activities = models.PositiveIntegerField(
        "开展活动（次）", validators=[MaxValueValidator(100_000)]
    )
    members = models.PositiveIntegerField("成员数", validators=[MaxValueValidator(1_000_000)])
    funds_used = models.DecimalField(
        "使用资金（元）",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0, message="使用资金不能为负数。")],
    )

    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("activities"), FieldPanel("members"), FieldPanel("funds_used")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "成员组织台账"
        verbose_name_plural = "成员组织台账"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "organization"], name="one_line_per_member_and_report"
            ),
            models.CheckConstraint(
                condition=Q(funds_used__gte=0), name="half_year_funds_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.organization}（{self.report.half_year_label}）"
