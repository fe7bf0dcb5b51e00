"""The OpenAPI schema and its documentation page, and the API checked against its own
schema with generated (hostile) parameters (schemathesis)."""

import re

from django.core.management import call_command

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

ENDPOINTS = [
    "/api/v1/organizations/",
    "/api/v1/organizations/{id}/",
    "/api/v1/notices/",
    "/api/v1/notices/{id}/",
    "/api/v1/funding/",
    "/api/v1/funding/{id}/",
    "/api/v1/evaluations/",
    "/api/v1/evaluations/{id}/",
    "/api/v1/regions/",
    "/api/v1/regions/{id}/",
    "/api/v1/categories/",
    "/api/v1/categories/{id}/",
    "/api/v1/corrections/",
    "/api/v1/corrections/{id}/",
    "/api/v1/search/",
]


def test_the_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )


def test_the_schema_describes_every_endpoint_and_only_the_api(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert sorted(schema["paths"]) == sorted(ENDPOINTS)
    assert schema["openapi"].startswith("3.")
    funding = schema["paths"]["/api/v1/funding/"]["get"]
    parameters = {p["name"]: p["schema"] for p in funding["parameters"]}
    assert parameters["district"]["type"] == "string"  # a 区划代码, not the region's key
    assert parameters["year"] == {"type": "integer", "minimum": 1990, "maximum": 2100}
    assert parameters["lang"]["enum"] == ["zh-hans", "zh-hant"]
    assert parameters["page_size"]["maximum"] == 500
    assert set(funding["responses"]) == {"200", "400", "404", "429"}


def test_the_schema_describes_every_parameter_the_api_reads(client, db):
    """schemathesis generates only the parameters the schema names: each list's filters,
    the pagination and `lang`, and integers with the bounds core.query enforces (a value
    past them is a 400 the schema documents, not a 500)."""
    from core.query import MAX_INTEGER
    from opendata.registry import datasets
    from search import registry as search_registry

    schema = client.get("/api/v1/schema/?format=json").json()
    for dataset in datasets():
        operation = schema["paths"][f"/api/v1/{dataset.key}/"]["get"]
        described = {p["name"]: p["schema"] for p in operation["parameters"]}
        reads = set(dataset.filterset_class.base_filters) | {"page", "page_size", "lang"}
        assert set(described) == reads, dataset.key
        for name, parameter in described.items():
            assert parameter.get("type") != "number", (dataset.key, name)  # a float
            if parameter.get("type") == "integer" and "enum" not in parameter and name != "page":
                assert parameter["maximum"] <= MAX_INTEGER, (dataset.key, name)
    organizations = schema["paths"]["/api/v1/organizations/"]["get"]["parameters"]
    hub = next(p["schema"] for p in organizations if p["name"] == "hub")
    assert hub == {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER}
    search = schema["paths"]["/api/v1/search/"]["get"]["parameters"]
    facets = set(search_registry.facets())
    assert {"district", "category", "year"} <= facets
    assert {p["name"] for p in search} == {"q", "kind", "page", "lang"} | facets


def test_the_documentation_page_is_served_from_this_site(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    # The page's own start-up script is a file too (the split view: no inline script
    # under the Content-Security-Policy, docs/security.md).
    assert "/api/v1/docs/?script=" in assets
    assets.remove("/api/v1/docs/?script=")
    assert assets and all(a.startswith("/static/drf_spectacular_sidecar/") for a in assets)
    assert not re.search(r"https?://", html)
    script = client.get("/api/v1/docs/?script=").content.decode()
    assert "/api/v1/schema/" in script
    assert not re.search(r"https?://", script)


def load_schema():
    """The schema as a client gets it, from the WSGI application (its generation reads no
    database). Loaded when the module is collected: schemathesis makes one test per
    operation from it."""
    from config.wsgi import application

    loaded = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    loaded.config.generation.update(modes=["positive", "negative"], max_examples=12)
    loaded.config.phases.update(phases=["examples", "fuzzing"])
    return loaded


schema = load_schema()


@pytest.fixture
def in_world(world, db):
    """The world's rows to find. Requests go to the WSGI application in this thread, on
    this test's database connection (in the world's transaction): as with Django's test
    client, the end of a request must not close it, so close_old_connections is unplugged
    meanwhile."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield world
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_api_keeps_to_its_schema_and_never_fails(case, in_world):
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
