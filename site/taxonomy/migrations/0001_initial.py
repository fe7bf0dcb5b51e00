"""Region and Category move here from the orgs app. Their tables stay where they are
(orgs_region, orgs_category): this migration only tells Django's state that the models
now belong to taxonomy, and renames their content types so that everything keyed by
content type (wagtail-localize's translation sources, permissions, the admin log, the
reference index) follows them."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

MOVED = ["region", "category"]


def rename_content_types(apps, schema_editor, old="orgs", new="taxonomy"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if ContentType.objects.filter(app_label=new, model=model).exists():
            continue  # a database where post_migrate already created the new one
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def restore_content_types(apps, schema_editor):
    rename_content_types(apps, schema_editor, old="taxonomy", new="orgs")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("orgs", "0004_choice_labels_msgids"),
    ]

    state_operations = [
        migrations.CreateModel(
            name="Category",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("name", models.CharField(max_length=40, verbose_name="名称")),
                ("slug", models.SlugField(help_text="用于网址筛选，只能用小写字母、数字和连字符，请勿随意修改。", max_length=40, verbose_name="网址标识")),
                ("description", models.TextField(blank=True, verbose_name="说明")),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="排序")),
                ("locale", models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
            ],
            options={
                "verbose_name": "类别",
                "verbose_name_plural": "类别",
                "db_table": "orgs_category",
                "ordering": ["sort_order", "name"],
                "abstract": False,
                "constraints": [models.UniqueConstraint(fields=("slug", "locale"), name="unique_category_slug_per_locale")],
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.CreateModel(
            name="Region",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("name", models.CharField(max_length=64, verbose_name="名称")),
                ("code", models.CharField(help_text="区(县) 6 位，街道(乡镇) 9 位，社区(村) 12 位，且以上级代码开头。用于网址筛选，请勿随意修改。", max_length=12, verbose_name="区划代码")),
                ("level", models.PositiveSmallIntegerField(choices=[(1, "区(县)"), (2, "街道(乡镇)"), (3, "社区(村)")], verbose_name="层级")),
                ("locale", models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
                ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="children", to="taxonomy.region", verbose_name="上级区域")),
            ],
            options={
                "verbose_name": "区域",
                "verbose_name_plural": "区域",
                "db_table": "orgs_region",
                "ordering": ["code"],
                "abstract": False,
                "constraints": [models.UniqueConstraint(fields=("code", "locale"), name="unique_region_code_per_locale")],
                "unique_together": {("translation_key", "locale")},
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
