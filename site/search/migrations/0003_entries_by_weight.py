"""Entries by weight: tokens per weight and up, facet values as "name=value" strings.

Existing rows have the old shape and are removed: run `manage.py rebuild_search` after
migrating (`make run` does it when the entries are missing). On PostgreSQL the names and
the facet values get GIN indexes; on SQLite the tokens live in an FTS5 table."""

import django.contrib.postgres.search
from django.db import migrations, models

FTS_COLUMNS = "w5, w4, w3, w2, w1"


def clear(apps, schema_editor):
    apps.get_model("search", "SearchEntry").objects.all().delete()


def create_text_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_entry_names ON search_searchentry USING gin (tokens_4)"
        )
        schema_editor.execute(
            "CREATE INDEX search_entry_facets ON search_searchentry "
            "USING gin (facets jsonb_path_ops)"
        )
    elif vendor == "sqlite":
        schema_editor.execute(f"CREATE VIRTUAL TABLE search_entry_text USING fts5({FTS_COLUMNS})")


def drop_text_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_names")
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_facets")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_entry_text")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_entry_gin"),
    ]

    operations = [
        migrations.RunPython(clear, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="searchentry",
            name="category",
        ),
        migrations.RemoveField(
            model_name="searchentry",
            name="district",
        ),
        migrations.RemoveField(
            model_name="searchentry",
            name="names",
        ),
        migrations.RemoveField(
            model_name="searchentry",
            name="notice_kind",
        ),
        migrations.RemoveField(
            model_name="searchentry",
            name="star",
        ),
        migrations.RemoveField(
            model_name="searchentry",
            name="year",
        ),
        migrations.AddField(
            model_name="searchentry",
            name="facets",
            field=models.JSONField(default=list),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="tokens_2",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="tokens_3",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="tokens_4",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="tokens_5",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="kind",
            field=models.CharField(max_length=20),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="tokens",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunPython(create_text_indexes, drop_text_indexes),
    ]
