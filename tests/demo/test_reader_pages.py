"""The demo site as readers get it, in both scripts: the pages the demo shows most."""

import re

import pytest

from disclosure.models import NoticePage
from orgs.models import OrganizationPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

SCRIPTS = ["zh-hans", "zh-hant"]
QIBAO_SLUG = "dongting-qibao-patrol"
CARD = re.compile(r'<li class="org-card">(.*?)</li>', re.S)
STARS = re.compile(r'<span aria-hidden="true">([★☆]{3})</span>')


@pytest.mark.parametrize("language", SCRIPTS)
def test_the_qibao_patrol_lists_each_of_its_notices_once(client, language):
    source = OrganizationPage.objects.get(slug=QIBAO_SLUG, locale__language_code="zh-hans")
    page = OrganizationPage.objects.get(slug=QIBAO_SLUG, locale__language_code=language)
    notices = NoticePage.objects.live().filter(
        locale__language_code=language,
        translation_key__in=NoticePage.objects.filter(
            notice_organizations__organization=source
        ).values("translation_key"),
    )
    assert notices.count() >= 2  # filed, then changed its person in charge
    html = client.get(page.url).content.decode()
    # In the notice history; the status history links those that changed its status too.
    timeline = re.search(r'<section aria-labelledby="timeline">(.*?)</section>', html, re.S)
    for notice in notices:
        assert timeline.group(1).count(f'href="{notice.url}"') == 1, notice.title
    other = "zh-hant" if language == "zh-hans" else "zh-hans"
    assert f'href="/{other}/notices/' not in html


@pytest.mark.parametrize("language", SCRIPTS)
def test_three_star_cards_show_three_stars(client, language):
    html = client.get(f"/{language}/orgs/", {"star": "3"}).content.decode()
    cards = CARD.findall(html)
    assert len(cards) >= 3
    assert [STARS.findall(card) for card in cards] == [["★★★"]] * len(cards)
