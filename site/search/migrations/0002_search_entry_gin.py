"""GIN indexes for the token columns, on PostgreSQL only (SQLite keeps the table empty)."""

from django.db import migrations

INDEXES = {
    "search_entry_tokens": "tokens",
    "search_entry_names": "names",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX {name} ON search_searchentry USING gin ({column})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entry")]

    operations = [migrations.RunPython(create, drop)]
