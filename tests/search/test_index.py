"""What goes into the index, and the system check that guards it."""

from django.db import models
from django.test.utils import isolate_apps

from wagtail.search import index

import pytest

from orgs.models import OrganizationPage
from search.checks import indexed_models_normalise_chinese
from search.index import ChineseSearchField


def test_every_project_model_is_normalised():
    assert indexed_models_normalise_chinese() == []
    fields = OrganizationPage.get_search_fields()
    assert all(
        not isinstance(f, index.SearchField) or isinstance(f, ChineseSearchField) for f in fields
    )


@isolate_apps("orgs")
def test_check_warns_about_a_model_without_the_mixin(monkeypatch):
    class Plain(index.Indexed, models.Model):
        name = models.CharField(max_length=10)
        search_fields = [index.SearchField("name")]

        class Meta:
            app_label = "orgs"

        def __str__(self):
            return self.name

    monkeypatch.setattr("search.checks.get_indexed_models", lambda: [Plain])
    warnings = indexed_models_normalise_chinese()
    assert [w.id for w in warnings] == ["search.W001"]
    assert "ChineseSearchMixin" in warnings[0].hint


@pytest.mark.django_db
def test_organization_entry_carries_names_tags_region_and_codes(demo_site):
    org = OrganizationPage.objects.get(
        slug="dongting-qibao-patrol", locale__language_code="zh-hans"
    )
    values = {
        f.field_name: f.get_value(org)
        for f in org.get_search_fields()
        if isinstance(f, ChineseSearchField)
    }
    assert "巡逻" in values["title"].split()
    assert "治安" in values["tag_names"].split()
    assert "水果" in values["region_names"].split()
    assert values["leader_name"].startswith("刘建")


@pytest.mark.django_db
def test_index_follows_a_renamed_region(demo_site, client, django_capture_on_commit_callbacks):
    from taxonomy.models import Region

    street = Region.objects.get(code="420106001", locale__language_code="zh-hans")
    street.name = "新水果湖街道"
    with django_capture_on_commit_callbacks(execute=True):  # Elasticsearch updates on commit
        street.save()
    response = client.get("/zh-hans/search/", {"q": "新水果湖"})
    assert "东亭社区七宝巡逻队" in response.content.decode()


@pytest.mark.django_db
def test_unpublished_pages_leave_the_public_results(
    demo_site, client, django_capture_on_commit_callbacks
):
    org = OrganizationPage.objects.get(slug="qinghejv-knock-door", locale__language_code="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        org.unpublish()
    assert (
        "青和居社区天天敲门组"
        not in client.get("/zh-hans/search/", {"q": "天天敲门"}).content.decode()
    )


@pytest.mark.django_db
def test_admin_search_understands_chinese(demo_site, admin_client):
    response = admin_client.get("/admin/pages/search/", {"q": "巡邏"})
    assert response.status_code == 200
    assert "东亭社区七宝巡逻队" in response.content.decode()


def _entries(model):
    """Wagtail's index entries of `model` and their full-text rows, as the search reads them."""
    from django.db import connection

    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_content_type_pk

    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 (wagtail.search's model)
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.object_id, e.title, e.autocomplete, e.body, f.title, f.autocomplete, f.body "  # noqa: S608
            f"FROM {table} e JOIN {table}_fts f ON f.rowid = e.id WHERE e.content_type_id = %s "
            "ORDER BY e.object_id",
            [get_content_type_pk(model)],
        )
        return cursor.fetchall()


def _bulk_writer_matches(reference_class, entries, changed_columns):
    """Our bulk writer (the index Wagtail's backend gives for organizations, a subclass of
    modelsearch's `reference_class`) writes the rows modelsearch's own index writes: for
    new entries, and for changed ones written in two batches of one bulk write (whose
    title norms are refreshed once, not once a batch). `entries(model)` reads the rows;
    `changed_columns` are those that must hold the changed text."""
    from modelsearch.conf import get_app_config
    from wagtail.search.backends import get_search_backend

    from search.index import writing_in_bulk

    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 (wagtail.search's model)
    backend = get_search_backend()
    ours = backend.get_index_for_model(OrganizationPage)
    assert isinstance(ours, reference_class) and type(ours) is not reference_class
    organizations = list(OrganizationPage.objects.all())
    assert len(organizations) > 100  # both scripts of the demo
    descriptions = [organization.description for organization in organizations]
    changed = organizations[::2]

    def written_by(index):
        IndexEntry.objects.all().delete()
        for organization, description in zip(organizations, descriptions, strict=True):
            organization.description = description
        index.add_items(OrganizationPage, organizations)  # new entries
        new = entries(OrganizationPage)
        for organization in changed:
            organization.description += "鹈鹕观察"
        with writing_in_bulk():  # entries that exist: changed
            index.add_items(OrganizationPage, changed[::2])
            index.add_items(OrganizationPage, changed[1::2])
        return new, entries(OrganizationPage)

    new, after = written_by(reference_class(backend))
    assert len(new) == len(organizations)
    changed_rows = [row for row in after if all("鹈鹕" in row[i] for i in changed_columns)]
    assert len(changed_rows) == len(changed)
    assert written_by(ours) == (new, after)


@pytest.mark.django_db
def test_sqlite_bulk_write_gives_modelsearchs_entries(demo_site):
    """search.backends.database writes new and changed entries in bulk on SQLite: the
    entries (and the FTS rows the searches read) are those modelsearch's own index writes."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the bulk write replaces modelsearch's SQLite index only")
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex

    _bulk_writer_matches(SQLiteIndex, _entries, changed_columns=(3, 6))


def _postgres_entries(model):
    """Wagtail's index entries of `model` on PostgreSQL, vectors as text."""
    from django.db import connection

    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_content_type_pk

    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 (wagtail.search's model)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, title::text, autocomplete::text, body::text, title_norm, "  # noqa: S608
            f"title_text, body_text FROM {IndexEntry._meta.db_table} "
            "WHERE content_type_id = %s ORDER BY object_id",
            [get_content_type_pk(model)],
        )
        return cursor.fetchall()


@pytest.mark.django_db
def test_postgresql_bulk_write_gives_modelsearchs_entries(demo_site):
    """search.backends.database writes entries in bulk on PostgreSQL: the vectors, texts
    and title norms are those modelsearch's own index writes."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the bulk write replaces modelsearch's PostgreSQL index only")
    from modelsearch.backends.database.postgres.postgres import PostgresIndex

    _bulk_writer_matches(PostgresIndex, _postgres_entries, changed_columns=(3, 6))
