"""The directory's default order is `filed_on DESC NULLS LAST, page_ptr_id DESC`.

PostgreSQL can only walk an index for that order if the index says NULLS LAST; SQLite
rejects NULLS LAST in an index but sorts NULL lowest, so a plain DESC index is the same
order there. Django's Index cannot express the difference, hence per-vendor SQL.
"""

from django.db import migrations

SQL = {
    "postgresql": "CREATE INDEX org_directory_order ON orgs_organizationpage (filed_on DESC NULLS LAST, page_ptr_id DESC)",
    "sqlite": "CREATE INDEX org_directory_order ON orgs_organizationpage (filed_on DESC, page_ptr_id DESC)",
}


def create_index(apps, schema_editor):
    sql = SQL.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in SQL:
        schema_editor.execute("DROP INDEX IF EXISTS org_directory_order")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_scale_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
