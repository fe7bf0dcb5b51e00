"""The two classifications every content app files things under: the region tree
(区(县) → 街道(乡镇) → 社区(村), with 区划代码) and the editable list of categories (类别).

They are translatable snippets: each has a zh-hant twin with the same code or slug, so
filtered URLs work in both scripts. Organizations, notices (through their
organizations), records and cases all point here, which is why these live below every
content app rather than in one of them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, When

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin


class RegionNamesMixin(models.Model):
    """For a model with a `region` foreign key: the names of its region and of the regions
    above it (区 街道 社区), for search. (An abstract model: see core.models.TagNamesMixin.)"""

    class Meta:
        abstract = True

    def region_names(self):
        return self.region.full_name if self.region_id else ""


class Region(TranslatableMixin, models.Model):
    """One node of the 区(县) → 街道(乡镇) → 社区(村) tree."""

    class Level(models.IntegerChoices):
        DISTRICT = 1, "区(县)"
        STREET = 2, "街道(乡镇)"
        COMMUNITY = 3, "社区(村)"

    CODE_LENGTHS = {Level.DISTRICT: 6, Level.STREET: 9, Level.COMMUNITY: 12}

    name = models.CharField("名称", max_length=64)
    code = models.CharField(
        "区划代码",
        max_length=12,
        help_text="区(县) 6 位，街道(乡镇) 9 位，社区(村) 12 位，且以上级代码开头。用于网址筛选，请勿随意修改。",
    )
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级区域",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("code")]),
        FieldPanel("parent"),
    ]

    class Meta(TranslatableMixin.Meta):
        db_table = "orgs_region"  # the table keeps the name it had in the orgs app
        verbose_name = "区域"
        verbose_name_plural = "区域"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_region_code_per_locale")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.code and not self.code.isdigit():
            errors["code"] = "区划代码只能由数字组成。"
        elif self.level and self.code and len(self.code) != self.CODE_LENGTHS[self.level]:
            errors["code"] = (
                f"{self.get_level_display()}的区划代码应为 {self.CODE_LENGTHS[self.level]} 位。"
            )
        if self.level == self.Level.DISTRICT:
            if self.parent_id:
                errors["parent"] = "区(县)是最上一级，不能选择上级区域。"
        elif self.level:
            if self.parent is None:
                errors["parent"] = "请选择上级区域。"
            elif self.parent.level != self.level - 1:
                wanted = self.Level(self.level - 1).label
                errors["parent"] = f"{self.get_level_display()}的上级应为{wanted}。"
            elif self.code and not self.code.startswith(self.parent.code):
                errors["code"] = f"区划代码应以上级区域的代码 {self.parent.code} 开头。"
        if self.code and "code" not in errors and self.locale_id:
            # Unique per locale (a database constraint too); the admin form has no locale
            # field, so Django's own check of that constraint never runs there.
            other = (
                Region.objects.filter(code=self.code, locale_id=self.locale_id)
                .exclude(pk=self.pk)
                .first()
            )
            if other:
                errors["code"] = f"区划代码 {self.code} 已被“{other.name}”使用。"
        if errors:
            raise ValidationError(errors)

    def ancestors_and_self(self):
        """From the district down to this region (walks parents; at most three levels)."""
        chain = []
        node = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def district(self):
        """The district (区/县) this region lies in (itself, for a district)."""
        return self.ancestors_and_self()[0]

    @property
    def full_name(self):
        return " ".join(r.name for r in self.ancestors_and_self())

    @property
    def path_label(self):
        """ "武昌区 › 水果湖街道 › 东亭社区": how the admin names a region, since many
        communities and streets share a name across districts."""
        return " › ".join(r.name for r in self.ancestors_and_self())

    def descendant_ids(self):
        """A subquery of this region and every region below it (the tree is three deep)."""
        return Region.below([self.pk]).values("pk")

    @classmethod
    def below(cls, pks):
        """The regions `pks` and every region below them."""
        return cls.objects.filter(Q(pk__in=pks) | Q(parent__in=pks) | Q(parent__parent__in=pks))


class Category(TranslatableMixin, models.Model):
    """类别: an editable list (Wuhan's four, Pingshan's "3+3", rural self-service)."""

    name = models.CharField("名称", max_length=40)
    slug = models.SlugField(
        "网址标识",
        max_length=40,
        help_text="用于网址筛选，只能用小写字母、数字和连字符，请勿随意修改。",
    )
    description = models.TextField("说明", blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        db_table = "orgs_category"
        verbose_name = "类别"
        verbose_name_plural = "类别"
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_category_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


def district_of(path):
    """A query expression: the id of the district (区/县) of the region at `path` (a
    lookup from the queried rows to a Region, at any of the three levels). The SQL twin of
    `Region.district`: the one place either is computed."""
    return Case(
        When(**{f"{path}__level": Region.Level.COMMUNITY}, then=F(f"{path}__parent__parent")),
        When(**{f"{path}__level": Region.Level.STREET}, then=F(f"{path}__parent")),
        default=F(path),
    )
