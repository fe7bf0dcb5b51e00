"""What the orgs app publishes as open data (opendata.registry): the directory."""

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from opendata.registry import Dataset, register
from opendata.serializers import DatasetSerializer, DisplayField, PageURLField
from translation.locales import default_locale_id

from .filters import OrganizationFilter
from .lifecycle import current_status_expression
from .models import OrganizationPage


class OrganizationSerializer(DatasetSerializer):
    id = serializers.UUIDField(
        source="translation_key",
        label="组织标识",
        help_text="本站为组织编的标识，两种文字相同，改名、换证也不变。",
    )
    name = serializers.CharField(source="title", label="组织名称")
    short_name = serializers.CharField(label="简称")
    management = serializers.ChoiceField(
        OrganizationPage.Management.choices,
        label="管理方式代码",
        help_text="registered：依法登记；filed：街道备案；community：社区管理。",
    )
    management_label = DisplayField("management", label="管理方式")
    status = serializers.ChoiceField(
        OrganizationPage.Status.choices,
        label="状态代码",
        help_text="active：正常；exiting：退出公示中；exited：已终止；revoked：已撤销备案；"
        "deregistered：已注销。",
    )
    status_label = DisplayField("status", label="状态")
    category_slug = serializers.CharField(source="category.slug", label="类别代码")
    category = serializers.CharField(source="category.name", label="类别")
    region_code = serializers.CharField(
        source="region.code", label="区划代码", help_text="组织所在区域（一般为社区）的区划代码。"
    )
    district = serializers.CharField(source="region.district.name", label="所在区(县)")
    region = serializers.CharField(
        source="region.full_name", label="所在区域", help_text="区(县)、街道、社区。"
    )
    credit_code = serializers.CharField(label="统一社会信用代码", help_text="依法登记的组织才有。")
    filing_number = serializers.CharField(label="备案编号", help_text="街道办事处备案时颁发。")
    leader_name = serializers.CharField(label="负责人")
    contact_phone = serializers.SerializerMethodField(
        label="联系电话", help_text="只公开正常活动的组织的电话。"
    )
    address = serializers.CharField(label="地址")
    member_count = serializers.IntegerField(label="成员数")
    volunteer_count = serializers.IntegerField(label="志愿者数")
    founded_on = serializers.DateField(label="成立日期", allow_null=True)
    filed_on = serializers.DateField(label="备案日期", allow_null=True)
    url = PageURLField(source="*", label="网址")
    updated_at = serializers.DateTimeField(
        source="last_published_at", label="更新时间", allow_null=True
    )

    class Meta:
        codes = ("category_slug", "region_code", "credit_code", "filing_number", "contact_phone")

    def to_representation(self, organization):
        # Today's status (OrganizationDataset.get_queryset annotates it, orgs/lifecycle.py).
        current = getattr(organization, "current_status", None)
        if current:
            organization.status = current
        return super().to_representation(organization)

    def get_contact_phone(self, organization) -> str:
        # As on the profile: an organization that is no longer in service has no phone.
        return organization.contact_phone if organization.is_active else ""


@register
class OrganizationDataset(Dataset):
    key = "organizations"
    lookup_field = "translation_key"
    title = _("Organizations")
    description = _("Every community social organization in the directory.")
    position = 10
    filterset_class = OrganizationFilter
    serializer_class = OrganizationSerializer
    updated_field = "last_published_at"

    def get_queryset(self):
        """Every organization (the bulk files); the filters (the directory's, the API's)
        keep to active ones unless asked otherwise. Each with its status today."""
        return (
            OrganizationPage.objects.live()
            .filter(locale_id=default_locale_id())
            .select_related("category", "region__parent__parent")
            .annotate(current_status=current_status_expression())
        )
