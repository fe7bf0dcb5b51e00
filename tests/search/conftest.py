"""Search tests run on the demo content (both scripts), once per package, against the
configured engine: the database's own (SQLite or PostgreSQL, whichever DATABASE_URL
names), or Elasticsearch when SEARCH_ENGINE=elasticsearch and ELASTICSEARCH_URL point at
a real node. Tests of the Elasticsearch engine itself run whenever ELASTICSEARCH_URL is
set (and fail, not skip, when no node answers there)."""

import datetime
import os

import pytest

ES_REASON = (
    "Elasticsearch tests need a real node: set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200)"
)
needs_node = pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason=ES_REASON)

ENGINE_PARAMS = [
    pytest.param("database", id="database"),
    pytest.param("elasticsearch", id="elasticsearch", marks=needs_node),
]

# Extra organizations for what the demo data cannot show: 东 and 亭 apart, 巡逻 and 队
# apart, and one word (银杏, in no demo text) at every weight, each organization filed
# later than the one matching at the weight above it, so only the weight can put them in
# order (tests/search/test_relevance.py, "Ranking by weight").
DECOYS = [
    (
        "decoy-donghu-tingtai",
        "东湖社区亭台书画社",
        {"description": "东湖社区的书画爱好者在亭台边写字作画。"},
    ),
    (
        "decoy-hubin-patrol",
        "湖滨社区巡逻志愿服务队",
        {"description": "居民志愿者组成的夜间巡逻小组，每周两次。"},
    ),
    (
        "decoy-ginkgo-name",
        "银杏社区书画社",
        {"filed_on": "2012-03-01", "description": "社区书画爱好者的兴趣小组。"},
    ),
    (
        "decoy-ginkgo-short",
        "茶港社区老年书画研习社",
        {"filed_on": "2014-03-01", "short_name": "银杏书画"},
    ),
    ("decoy-ginkgo-tag", "茶港社区绿化养护队", {"filed_on": "2016-03-01", "tags": ["银杏养护"]}),
    (
        "decoy-ginkgo-leader",
        "茶港社区邻里调解室",
        {"filed_on": "2018-03-01", "leader_name": "王银杏"},
    ),
    (
        "decoy-ginkgo-text-old",
        "茶港社区护树志愿队",
        {"filed_on": "2019-03-01", "description": "每年秋天清扫银杏落叶。"},
    ),
    (
        "decoy-ginkgo-text-new",
        "茶港社区读书会",
        {"filed_on": "2021-03-01", "description": "在银杏树下读书，书画、诗歌都读。"},
    ),
]


def add_decoys():
    from wagtail.models import Locale

    from orgs.models import OrganizationIndexPage, OrganizationPage
    from taxonomy.models import Category, Region

    source = Locale.get_default()
    index = OrganizationIndexPage.objects.get(slug="orgs", locale=source)
    region = Region.objects.get(code="420106001002", locale=source)
    category = Category.objects.get(slug="wenti-huodong", locale=source)
    for slug, title, fields in DECOYS:
        page = OrganizationPage(
            title=title,
            slug=slug,
            management="community",
            filed_on=datetime.date.fromisoformat(fields.get("filed_on", "2020-01-01")),
            category=category,
            region=region,
            leader_name=fields.get("leader_name", "李平"),
            short_name=fields.get("short_name", ""),
            description=f"<p>{fields.get('description', '')}</p>",
        )
        index.add_child(instance=page)
        for tag in fields.get("tags", ()):
            page.tags.add(tag)
        page.save_revision().publish()


def with_decoys(world):
    """The demo site plus the decoys: the "decoys" world of tests/shared_world.py, which
    this package names (its __init__.py), built once for the test run."""
    add_decoys()
    if os.environ.get("SEARCH_ENGINE") == "elasticsearch":
        from search import sync

        sync.rebuild()  # in a transaction that never commits, nothing reaches the node
    return world


@pytest.fixture(scope="package")
def demo_site():
    """The demo site and the decoys, open for every test of this package (named in
    tests/search/__init__.py, built by tests/shared_world.py)."""


@pytest.fixture(scope="module", params=ENGINE_PARAMS)
def engine(request, demo_site, django_db_blocker):
    """Each engine, built once per module: the database's own reads the entries the
    publish pipeline wrote; Elasticsearch is filled from them once."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    if request.param == "database":
        path = settings.SEARCH_ENGINES[
            "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
        ]
        return import_string(path)()
    engine = import_string(settings.SEARCH_ENGINES["elasticsearch"])()
    with django_db_blocker.unblock():
        engine.rebuild()
    return engine


@pytest.fixture
def locale_id(db):
    from wagtail.models import Locale

    return Locale.get_default().pk


@pytest.fixture
def traditional_locale_id(db):
    from wagtail.models import Locale

    return Locale.objects.get(language_code="zh-hant").pk
