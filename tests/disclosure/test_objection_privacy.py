"""The objector's name and contact, and what they wrote, appear on no public page, feed,
download, API answer, search result or sitemap, in either script, during the notice
period or after it (with an outcome published)."""

from urllib.parse import quote, urlencode

from core.scripts import to_traditional
from disclosure.models import Objection
from opendata.registry import datasets
from search import registry as search_registry
from tests.disclosure.objection_helpers import after, objection_data
from tests.orgs.world import twin
from tests.shared_world import WorldTestCase

NAME = "欧阳雪梅"
PHONE = "13712345678"
EMAIL = "ouyang.xuemei@example.org"
CONTENT = "七宝巡逻队负责人变更程序存疑甲乙丙"
OUTCOME = "经核实，变更程序符合章程，异议不成立。"


class ObjectionPrivacyTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.notice = cls.world["notices"]["change"]

    def public_urls(self):
        """(url, the query it echoes back or ""): every public place that could show an
        objection, in both scripts."""
        notices, orgs = self.world["sections"]["notices"], self.world["orgs"]["qibao"]
        urls = []
        for pick in (lambda page: page, twin):
            notice_list = pick(notices).url
            urls += [
                pick(self.notice).url,
                notice_list,
                notice_list + "?state=open",
                notice_list + "?format=csv",
                notice_list + "?format=json",
                notice_list + "feed/rss/",
                notice_list + "feed/atom/",
                pick(orgs).url,
                pick(self.world["sections"]["home"]).url,
            ]
        urls += ["/zh-hans/data/", "/zh-hant/data/", "/api/v1/", "/api/v1/notices/"]
        urls += ["/api/v1/notices/?lang=zh-hant", "/sitemap.xml", "/sitemap-pages.xml"]
        urls = [(url, "") for url in urls]
        for query in (NAME, PHONE, EMAIL, CONTENT[:6], "欧阳"):
            for path in ("/zh-hans/search/", "/zh-hant/search/", "/api/search/", "/api/v1/search/"):
                urls.append((f"{path}?{urlencode({'q': query})}", query))
        return urls

    def assert_nothing_private_on_public_pages(self):
        private = [NAME, PHONE, EMAIL, CONTENT]
        private += [to_traditional(text) for text in (NAME, CONTENT)]
        for url, echoed in self.public_urls():
            with self.subTest(url):
                response = self.client.get(url)
                self.assertLess(response.status_code, 400, url)
                if response.streaming:
                    body = b"".join(response.streaming_content).decode()
                else:
                    body = response.content.decode()
                if echoed:  # a search repeats its query: the rest must not hold it
                    body = body.replace(echoed, "").replace(quote(echoed), "")
                for text in private:
                    self.assertNotIn(text, body)

    def test_no_public_surface_shows_the_objector_or_the_content(self):
        for page in (self.notice, twin(self.notice)):
            response = self.client.post(
                page.url,
                objection_data(name=NAME, phone=PHONE, email=EMAIL, content=CONTENT),
                REMOTE_ADDR="192.0.2.40",
            )
            self.assertEqual(response.status_code, 302)
        self.assertEqual(Objection.objects.filter(name=NAME).count(), 2)
        self.assert_nothing_private_on_public_pages()

        Objection.objects.filter(name=NAME).update(outcome=OUTCOME, outcome_public=True)
        with after(self.notice):
            content = self.client.get(self.notice.url).content.decode()
            self.assertIn(OUTCOME, content)  # the page does show the published outcome
            self.assertIn("共收到 2 条异议", content)
            self.assert_nothing_private_on_public_pages()

    def test_objections_are_no_dataset_and_no_search_kind(self):
        self.assertNotIn(Objection, {kind.model for kind in search_registry.kinds().values()})
        for dataset in datasets():
            self.assertIsNot(dataset.get_queryset().model, Objection, dataset.key)
