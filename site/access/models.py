"""Which region a group of editors works for (docs/editors.md)."""

from django.contrib.auth.models import Group
from django.db import models


class GroupRegion(models.Model):
    """A group of street (or district) editors and the region they work for: its members
    see and edit the organizations, notices and records of that region and of every region
    below it, and nothing else. A group without one (the bureau's) is not limited by
    region."""

    group = models.OneToOneField(
        Group, verbose_name="用户组", on_delete=models.CASCADE, related_name="region_scope"
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name="负责区域",
        on_delete=models.PROTECT,
        related_name="editor_groups",
        help_text="街道或区(县)：组内编辑只能查看和编辑该区域（含下级区域）的组织、公示和记录。",
    )

    class Meta:
        verbose_name = "编辑组的负责区域"
        verbose_name_plural = "编辑组的负责区域"

    def __str__(self):
        return f"{self.group} → {self.region.code}"
