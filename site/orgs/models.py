"""Organizations: the directory page and each organization's profile page."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from access.policies import RegionScopedPage
from access.scope import codes_q
from core.models import BasePage, IndexPage, TagNamesMixin, prefetch_tags
from core.scripts import convert
from opendata.pages import DownloadableListMixin
from search.index import ChineseSearchMixin
from taxonomy.models import Category, Region, RegionNamesMixin
from translation.locales import default_locale_id

from .forms import OrganizationPageForm
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
    ChineseSearchMixin, RegionScopedPage, RegionNamesMixin, TagNamesMixin, BasePage
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
    charter = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="章程",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="参照《社区社会组织章程示范文本》制定的本组织章程。",
    )
    description = RichTextField(
        "组织简介", blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    tags = ClusterTaggableManager("服务领域", through=OrganizationPageTag, blank=True)

    # The title is not wired to the slug (Wagtail's TitleFieldPanel fills the slug with
    # the Chinese title while a page is unpublished): a new organization's slug is pinyin,
    # made by OrganizationPageForm when left blank, and a rename never changes it.
    content_panels = [
        FieldPanel(
            "title",
            classname="title",
            widget=forms.TextInput(attrs={"placeholder": "组织名称*"}),
        ),
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
        FieldPanel("charter"),
    ]

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
