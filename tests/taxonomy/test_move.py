"""Region and Category moved from orgs to taxonomy; databases from before the move keep
their rows, and what is keyed by content type follows the models."""

import importlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

import pytest

from taxonomy.models import Category, Region

move = importlib.import_module("taxonomy.migrations.0001_initial")


def test_the_tables_keep_their_names():
    assert Region._meta.db_table == "orgs_region"
    assert Category._meta.db_table == "orgs_category"


@pytest.mark.django_db
def test_content_types_of_an_older_database_are_renamed_not_duplicated():
    # A database from before the move: the content types still say orgs.
    ContentType.objects.filter(app_label="taxonomy").update(app_label="orgs")
    old_ids = dict(
        ContentType.objects.filter(app_label="orgs", model__in=move.MOVED).values_list(
            "model", "pk"
        )
    )
    assert set(old_ids) == {"region", "category"}

    move.rename_content_types(apps, None)

    renamed = dict(
        ContentType.objects.filter(app_label="taxonomy", model__in=move.MOVED).values_list(
            "model", "pk"
        )
    )
    assert renamed == old_ids  # the same rows: permissions and translation sources follow
    assert not ContentType.objects.filter(app_label="orgs", model__in=move.MOVED).exists()
