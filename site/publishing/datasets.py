"""The corrections as open data (opendata.registry): every change to a published tracked
field, when, before → after and why (docs/corrections.md, docs/open-data.md). The
funding and evaluation datasets also carry each record's corrections as columns."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

import django_filters
from rest_framework import serializers

from core.labels import ANY_VALUE
from core.query import QueryFilterSet
from opendata.registry import Dataset, register
from opendata.serializers import DatasetSerializer

from . import corrections
from .models import Correction


def kind_choices():
    """The tracked models, by model name ("fundingrecord", "noticepage" …)."""
    return [
        (model._meta.model_name, str(model._meta.verbose_name))
        for model in sorted(corrections.tracked_models(), key=lambda model: model._meta.label)
    ]


class CorrectionFilter(QueryFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=kind_choices, empty_label=ANY_VALUE, method="filter_kind"
    )
    since = django_filters.DateFilter(
        field_name="corrected_at", lookup_expr="date__gte", label=_("Corrected on or after")
    )
    until = django_filters.DateFilter(
        field_name="corrected_at", lookup_expr="date__lte", label=_("Corrected on or before")
    )

    class Meta:
        model = Correction
        fields = []

    def filter_kind(self, queryset, name, value: str):
        models = {model._meta.model_name: model for model in corrections.tracked_models()}
        content_type = ContentType.objects.get_for_model(models[value])
        return queryset.filter(content_type=content_type)


class CorrectionSerializer(DatasetSerializer):
    id = serializers.IntegerField(label="更正编号", help_text="本站为每项更正编的号。")
    corrected_at = serializers.DateTimeField(label="更正时间", help_text="改动发布的时间。")
    kind = serializers.CharField(
        source="content_type.model",
        label="对象类型代码",
        help_text="fundingrecord：资助记录；evaluationrecord：评估记录；noticepage：公示；"
        "organizationpage：组织。",
    )
    kind_label = serializers.SerializerMethodField(label="对象类型")
    object_id = serializers.SerializerMethodField(
        label="对象标识",
        help_text="记录为其“记录编号”，公示、组织为其“公示标识”“组织标识”，与相应数据集相同。",
    )
    object = serializers.SerializerMethodField(label="对象名称")
    field = serializers.CharField(label="字段代码", help_text="被更正字段的英文代码。")
    label = serializers.CharField(label="更正项目")
    before = serializers.CharField(label="更正前", help_text="更正前读者看到的内容；空为未填写。")
    after = serializers.CharField(label="更正后")
    reason = serializers.CharField(label="更正说明", help_text="编辑填写的更正原因。")
    url = serializers.SerializerMethodField(label="网址", help_text="显示这项更正的页面。")

    class Meta:
        codes = ("kind", "object_id", "field")

    def get_kind_label(self, correction) -> str:
        model = correction.content_type.model_class()
        return str(model._meta.verbose_name) if model else ""

    def get_object_id(self, correction) -> str:
        obj = correction.content_object
        if obj is None:
            return str(correction.object_id)
        return str(getattr(obj, "translation_key", None) or obj.pk)

    def get_object(self, correction) -> str:
        obj = correction.content_object
        return str(obj) if obj is not None else ""

    def get_url(self, correction) -> str:
        obj = correction.content_object
        page = obj.correction_page() if obj is not None else None
        return (self.page_url(page) or "") if page is not None else ""


@register
class CorrectionDataset(Dataset):
    key = "corrections"
    title = _("Corrections")
    description = _(
        "Every change to a published amount, rating, date, code or notice: before and "
        "after, with the reason."
    )
    position = 70
    filterset_class = CorrectionFilter
    serializer_class = CorrectionSerializer
    updated_field = "corrected_at"

    def get_queryset(self):
        return (
            Correction.objects.select_related("content_type")
            .prefetch_related("content_object")
            .order_by("-corrected_at", "-pk")
        )


def correction_columns():
    """A record's corrections as two columns, for a record serializer's last fields
    (`corrected_at, corrections = correction_columns()`) with RecordCorrectionsMixin
    among its bases; the records' querysets prefetch `corrections`."""
    return (
        serializers.SerializerMethodField(label="最近更正时间", help_text="没有更正则为空。"),
        serializers.SerializerMethodField(
            label="更正记录",
            help_text="每次更正的日期、项目、更正前 → 更正后和更正说明，最近的在前；"
            "逐项数据见更正数据集。",
        ),
    )


class RecordCorrectionsMixin:
    def get_corrected_at(self, record) -> datetime.datetime | None:
        rows = list(record.corrections.all())
        if not rows:
            return None
        return serializers.DateTimeField().to_representation(max(r.corrected_at for r in rows))

    def get_corrections(self, record) -> str:
        rows = sorted(record.corrections.all(), key=lambda row: (row.corrected_at, row.pk))
        return corrections.summary(list(reversed(rows)))
