"""What the disclosure app publishes as open data (opendata.registry): notices, funding
records and evaluation records, with the filters of their pages."""

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from core.dates import today
from opendata.registry import Dataset, register
from opendata.serializers import DatasetSerializer, DisplayField, PageURLField
from publishing.datasets import RecordCorrectionsMixin, correction_columns
from translation.locales import default_locale_id

from .filters import EvaluationFilter, FundingFilter, NoticeFilter
from .models import EvaluationRecord, FundingRecord, NoticePage

ORGANIZATION_RELATED = (
    "organization__region__parent__parent",
    "organization__category",
    "notice",
)


class RecordSerializer(RecordCorrectionsMixin, DatasetSerializer):
    """The organization a record belongs to, as columns of the record; its corrections
    (publishing.datasets) as its last columns."""

    id = serializers.IntegerField(
        label="记录编号", help_text="本站为记录编的号，不会变，也不会重复使用。"
    )
    organization_id = serializers.UUIDField(
        source="organization.translation_key",
        label="组织标识",
        help_text="本站为组织编的标识（与组织数据集的“组织标识”相同），改名、换证也不变。",
    )
    organization = serializers.CharField(source="organization.title", label="组织名称")
    credit_code = serializers.CharField(
        source="organization.credit_code",
        label="统一社会信用代码",
        help_text="依法登记的组织才有。",
    )
    filing_number = serializers.CharField(
        source="organization.filing_number", label="备案编号", help_text="街道办事处备案时颁发。"
    )
    district = serializers.CharField(source="organization.region.district.name", label="所在区(县)")
    region_code = serializers.CharField(
        source="organization.region.code", label="区划代码", help_text="组织所在区域的区划代码。"
    )
    region = serializers.CharField(
        source="organization.region.full_name", label="所在区域", help_text="区(县)、街道、社区。"
    )
    category = serializers.CharField(source="organization.category.name", label="类别")
    organization_url = PageURLField(source="organization", label="组织主页")

    notice = serializers.CharField(
        source="notice.title",
        label="公示",
        allow_null=True,
        help_text="公布这条记录的公示（资助公示或评估结果公示），没有则为空。",
    )
    notice_issuer = serializers.CharField(source="notice.issuer", label="发布单位", allow_null=True)
    notice_reference_number = serializers.CharField(
        source="notice.reference_number", label="文号", allow_null=True
    )
    notice_date = serializers.DateField(
        source="notice.starts_on", label="公示日期", allow_null=True, help_text="公示开始日期。"
    )
    notice_url = PageURLField(source="notice", label="公示网址", allow_null=True)

    class Meta:
        codes = ("credit_code", "filing_number", "region_code", "notice_reference_number")


class FundingSerializer(RecordSerializer):
    project_title = serializers.CharField(label="项目名称")
    source_kind = serializers.ChoiceField(
        FundingRecord.SourceKind.choices, label="资金来源代码", help_text="资金来源的英文代码。"
    )
    source = DisplayField("source_kind", label="资金来源")
    funder = serializers.CharField(label="资助方")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, label="金额（元）")
    year = serializers.IntegerField(label="年度")
    awarded_on = serializers.DateField(label="资助日期", allow_null=True)
    round = serializers.CharField(label="资助批次")
    updated_at = serializers.DateTimeField(label="更新时间")
    corrected_at, corrections = correction_columns()


class EvaluationSerializer(RecordSerializer):
    kind = serializers.ChoiceField(
        EvaluationRecord.Kind.choices,
        label="评估类型代码",
        help_text="star：星级评估；satisfaction：满意度测评。",
    )
    kind_label = DisplayField("kind", label="评估类型")
    star_level = serializers.IntegerField(
        label="星级", help_text="1 至 3 星，仅星级评估。", allow_null=True
    )
    score = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        label="满意度得分",
        help_text="0–100 分，仅满意度测评。",
        allow_null=True,
    )
    evaluated_on = serializers.DateField(label="评估日期")
    valid_until = serializers.DateField(
        label="有效期至", help_text="星级评估有效期两年。", allow_null=True
    )
    current = serializers.SerializerMethodField(label="当前有效", help_text="今天是否在有效期内。")
    evaluator = serializers.CharField(label="评估机构")
    updated_at = serializers.DateTimeField(label="更新时间")
    corrected_at, corrections = correction_columns()

    def get_current(self, record) -> bool:
        return record.is_valid_on(today())


class NoticeSerializer(DatasetSerializer):
    id = serializers.UUIDField(
        source="translation_key", label="公示标识", help_text="本站为公示编的标识，两种文字相同。"
    )
    title = serializers.CharField(label="标题")
    kind = serializers.ChoiceField(NoticePage.Kind.choices, label="公示类型代码")
    kind_label = DisplayField("kind", label="公示类型")
    issuer = serializers.CharField(label="发布单位")
    reference_number = serializers.CharField(label="文号")
    starts_on = serializers.DateField(label="公示开始日期")
    ends_on = serializers.DateField(label="公示结束日期")
    state = serializers.SerializerMethodField(label="公示状态", help_text="按今天的日期计算。")
    organizations = serializers.SerializerMethodField(
        label="涉及组织", help_text="多个组织以顿号分隔。"
    )
    published_at = serializers.DateTimeField(
        source="first_published_at", label="发布时间", allow_null=True
    )
    url = PageURLField(source="*", label="网址")

    class Meta:
        codes = ("reference_number",)

    def get_state(self, notice) -> str:
        return str(notice.state_label)

    def get_organizations(self, notice) -> str:
        return "、".join(link.organization.title for link in notice.notice_organizations.all())


@register
class NoticeDataset(Dataset):
    key = "notices"
    lookup_field = "translation_key"
    title = _("Notices")
    description = _("Notices of filing, change, exit, revocation, evaluation results and funding.")
    position = 20
    filterset_class = NoticeFilter
    serializer_class = NoticeSerializer
    updated_field = "last_published_at"

    def get_queryset(self):
        return (
            NoticePage.objects.live()
            .filter(locale_id=default_locale_id())
            .with_organizations()
            .order_by("-starts_on", "-page_ptr_id")
        )


@register
class FundingDataset(Dataset):
    key = "funding"
    title = _("Funding")
    description = _("Public money and charitable resources each organization received.")
    position = 30
    filterset_class = FundingFilter
    serializer_class = FundingSerializer
    updated_field = "updated_at"

    def get_queryset(self):
        return (
            FundingRecord.objects.live()
            .select_related(*ORGANIZATION_RELATED)
            .prefetch_related("corrections")
            .order_by("-year", "-awarded_on", "-pk")
        )

    def extra_formats(self):
        return {"360giving": self.threesixtygiving}

    def threesixtygiving(self, queryset, language, base_url):
        """The records as a 360Giving package (docs/360giving.md), in `language`'s script,
        each grant's dataSource the organization's profile in that script."""
        from wagtail.models import Locale

        from opendata.exports import NoRows, file_name

        from .threesixtygiving import grants_package, reader_script

        if not queryset.exists():
            raise NoRows("a 360Giving package needs at least one grant")

        def profile_url(page):
            path = page.get_url()
            return f"{base_url}{path}" if path else None

        chunks = grants_package(
            queryset,
            convert=reader_script(language),
            profile_url=profile_url,
            locale_id=Locale.objects.get(language_code=language).pk,
        )
        return (
            "application/json; charset=utf-8",
            file_name(self, language, "360giving.json"),
            (chunk.encode() for chunk in chunks),
        )


@register
class EvaluationDataset(Dataset):
    key = "evaluations"
    title = _("Evaluations")
    description = _("Star evaluations and satisfaction surveys, with their validity.")
    position = 40
    filterset_class = EvaluationFilter
    serializer_class = EvaluationSerializer
    updated_field = "updated_at"

    def get_queryset(self):
        return (
            EvaluationRecord.objects.live()
            .select_related(*ORGANIZATION_RELATED)
            .prefetch_related("corrections")
            .order_by("-evaluated_on", "-pk")
        )
