"""Search tests run on demo content, once per module, against every available engine:
the database engine always (SQLite or PostgreSQL, whichever DATABASE_URL names), and
Elasticsearch when ELASTICSEARCH_URL points at a real node."""

import os

from django.db import transaction

import pytest

ES_REASON = (
    "Elasticsearch tests need a real node: set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200)"
)

ENGINE_PARAMS = [
    pytest.param("database", id="database"),
    pytest.param(
        "elasticsearch",
        id="elasticsearch",
        marks=pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason=ES_REASON),
    ),
]

# Two extra organizations for the negative cases the demo data cannot show: 东 and 亭
# apart, and 巡逻 and 队 apart.
DECOYS = [
    ("decoy-donghu-tingtai", "东湖社区亭台书画社", "东湖社区的书画爱好者在亭台边写字作画。"),
    ("decoy-hubin-patrol", "湖滨社区巡逻志愿服务队", "居民志愿者组成的夜间巡逻小组，每周两次。"),
]


def add_decoys():
    from wagtail.models import Locale

    from orgs.models import OrganizationIndexPage
    from taxonomy.models import Category, Region

    source = Locale.get_default()
    index = OrganizationIndexPage.objects.get(slug="orgs", locale=source)
    region = Region.objects.get(code="420106001002", locale=source)
    category = Category.objects.get(slug="wenti-huodong", locale=source)
    from orgs.models import OrganizationPage

    for slug, title, description in DECOYS:
        page = OrganizationPage(
            title=title,
            slug=slug,
            management="community",
            category=category,
            region=region,
            leader_name="李平",
            description=f"<p>{description}</p>",
        )
        index.add_child(instance=page)
        page.save_revision().publish()


@pytest.fixture(scope="module")
def demo_site(request, django_db_setup, django_db_blocker):
    """The demo site (plus decoys), loaded once for the module and rolled back after.
    A module that sets TRADITIONAL = True gets the zh-hant twins too."""
    from django.test import override_settings

    from demo.loader import DemoLoader

    traditional = getattr(request.module, "TRADITIONAL", False)
    with django_db_blocker.unblock(), override_settings(SYNC_TRADITIONAL=traditional):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            DemoLoader(log=lambda *args: None).run()
            add_decoys()
            if os.environ.get("ELASTICSEARCH_URL"):
                from search.engines import get_engine

                get_engine().rebuild()  # the views read the configured engine
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(params=ENGINE_PARAMS)
def engine(request, demo_site, db):
    from django.utils.module_loading import import_string

    path = {
        "database": "search.engines.database.DatabaseEngine",
        "elasticsearch": "search.engines.elasticsearch.ElasticsearchEngine",
    }[request.param]
    engine = import_string(path)()
    if request.param == "elasticsearch":
        engine.rebuild()
    return engine


@pytest.fixture
def locale_id(db):
    from wagtail.models import Locale

    return Locale.get_default().pk
