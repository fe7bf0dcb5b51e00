"""A region's 区划代码 is unique in its script: a duplicate is a form error, not a 500."""

from django.urls import reverse

import pytest

from taxonomy.models import Region
from tests.utils import editor_user, region_tree, site_sections

pytestmark = pytest.mark.django_db


def test_a_duplicate_code_is_refused_in_the_form(client):
    home = site_sections()["home"]
    regions = region_tree()
    client.force_login(editor_user(home))
    url = reverse("wagtailsnippets_taxonomy_region:add") + f"?locale={home.locale.language_code}"
    response = client.post(
        url,
        {
            "name": "另一个水果湖街道",
            "level": 2,
            "code": "420106001",
            "parent": regions["wuchang"].pk,
        },
    )
    assert response.status_code == 200
    assert "区划代码 420106001 已被“水果湖街道”使用。" in response.content.decode()
    assert Region.objects.filter(code="420106001", locale=home.locale).count() == 1
