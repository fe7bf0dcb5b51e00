"""Regions and categories as open data (opendata.registry): the code lists the other
datasets' region_code and category_slug columns refer to."""

from django.utils.translation import gettext_lazy as _

import django_filters
from rest_framework import serializers

from core.labels import ANY_VALUE
from core.query import QueryFilterSet
from opendata.registry import Dataset, register
from opendata.serializers import DatasetSerializer, DisplayField
from translation.locales import default_locale_id

from .models import Category, Region


class RegionListFilter(QueryFilterSet):
    level = django_filters.ChoiceFilter(
        label=_("Level"),
        choices=Region.Level.choices,
        empty_label=ANY_VALUE,
    )
    parent = django_filters.CharFilter(
        field_name="parent__code", label=_("Parent region code"), max_length=12
    )

    class Meta:
        model = Region
        fields = []


class RegionSerializer(DatasetSerializer):
    code = serializers.CharField(label="区划代码")
    name = serializers.CharField(label="名称")
    level = serializers.IntegerField(
        label="层级代码", help_text="1：区(县)；2：街道(乡镇)；3：社区(村)。"
    )
    level_label = DisplayField("level", label="层级")
    parent_code = serializers.CharField(
        source="parent.code", label="上级区划代码", allow_null=True, help_text="区(县)没有上级。"
    )

    class Meta:
        codes = ("code", "parent_code")


class CategoryListFilter(QueryFilterSet):
    class Meta:
        model = Category
        fields = []


class CategorySerializer(DatasetSerializer):
    slug = serializers.CharField(label="类别代码", help_text="组织数据集“类别代码”一栏所指。")
    name = serializers.CharField(label="名称")
    description = serializers.CharField(label="说明")

    class Meta:
        codes = ("slug",)


@register
class RegionDataset(Dataset):
    key = "regions"
    lookup_field = "code"
    title = _("Regions")
    description = _("Districts, streets and communities with their administrative codes.")
    position = 50
    filterset_class = RegionListFilter
    serializer_class = RegionSerializer

    def get_queryset(self):
        return (
            Region.objects.filter(locale_id=default_locale_id())
            .select_related("parent")
            .order_by("code")
        )


@register
class CategoryDataset(Dataset):
    key = "categories"
    lookup_field = "slug"
    title = _("Categories")
    description = _("The categories organizations are listed under.")
    position = 60
    filterset_class = CategoryListFilter
    serializer_class = CategorySerializer

    def get_queryset(self):
        return Category.objects.filter(locale_id=default_locale_id()).order_by("sort_order", "name")
