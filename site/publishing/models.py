"""Public corrections (更正说明): what changed in published content, and why.

A content model that readers rely on subclasses `Correctable` and names its tracked
fields in `correction_fields`; publishing.corrections compares what readers saw with
what is published and writes a `Correction` row for each tracked field that changed
(docs/corrections.md). The model lives here, below the content apps, and points at its
object by content type and id: the zh-hans page or the record."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

REASON_HELP = (
    "修改已发布的金额、星级、日期、文号等公开信息时必须填写：发布后，公开页面会显示"
    "“已更正”、更正日期、改动前后的内容和这条说明。只改其他内容时留空。"
)


class Correction(models.Model):
    """One tracked field of one published object that changed when it was published
    again: the displayed text before and after, and the editor's reason. The rows of one
    publish share `corrected_at` and `reason`."""

    content_type = models.ForeignKey(
        ContentType, verbose_name="内容类型", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField("对象编号")
    content_object = GenericForeignKey("content_type", "object_id")
    corrected_at = models.DateTimeField("更正时间", default=timezone.now)
    field = models.CharField("字段", max_length=100)
    label = models.CharField("更正项目", max_length=100)
    before = models.TextField("更正前", blank=True)
    after = models.TextField("更正后", blank=True)
    reason = models.TextField("更正说明", blank=True)

    class Meta:
        verbose_name = "更正记录"
        verbose_name_plural = "更正记录"
        ordering = ["-corrected_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="correction_object"),
            models.Index(fields=["corrected_at"], name="correction_time"),
        ]

    def __str__(self):
        return f"{self.label}：{self.before or '—'} → {self.after or '—'}"


class Correctable(models.Model):
    """Published content whose tracked fields cannot change silently. `correction_fields`
    names them: model fields, or "relation.field" for the rows of a child relation (a
    notice's organizations), optionally as (name, label) pairs."""

    correction_reason = models.TextField("更正说明", blank=True, help_text=REASON_HELP)

    correction_fields = ()

    class Meta:
        abstract = True

    def correction_page(self):
        """The public page that shows this object's corrections: a page itself; a record
        overrides it (its organization's profile)."""
        from wagtail.models import Page

        return self if isinstance(self, Page) else None
