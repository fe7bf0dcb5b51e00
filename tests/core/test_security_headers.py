"""The Content-Security-Policy of each part of the site (core/security.py,
docs/security.md): strict on public pages (no inline script or style anywhere), Wagtail's
needs in /admin/, whose pages still open; and the media files Django serves with
SERVE_MEDIA=1 in production (DEBUG off)."""

import os
import re
import shutil
import tempfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from cases.factories import CasePageFactory
from tests.shared_world import WorldTestCase
from tests.utils import patrol_image

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")")


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


class PublicPolicyTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()

    def public_urls(self):
        sections = self.world["sections"]
        urls = ["/zh-hans/", "/zh-hant/", "/zh-hans/search/?q=巡逻", "/zh-hans/data/"]
        urls += [page.url for page in sections.values()]
        urls += [self.world["orgs"]["qibao"].url, self.world["notices"]["change"].url]
        return urls

    def test_public_pages_get_the_strict_policy_and_have_nothing_inline(self):
        for url in self.public_urls():
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                policy = directives(response)
                self.assertEqual(policy["script-src"], ["'self'"])
                self.assertEqual(policy["style-src"], ["'self'"])
                self.assertEqual(policy["object-src"], ["'none'"])
                html = response.content.decode()
                self.assertIsNone(INLINE_SCRIPT.search(html), "inline <script>")
                self.assertNotIn("<style", html)
                self.assertNotIn(" style=", html)
                self.assertIsNone(re.search(r"\son[a-z]+=", html), "inline event handler")

    def test_the_api_documentation_loads_its_script_from_a_file(self):
        response = self.client.get("/api/v1/docs/")
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(INLINE_SCRIPT.search(response.content.decode()))
        self.assertEqual(directives(response)["script-src"], ["'self'"])
        script = self.client.get("/api/v1/docs/?script=")
        self.assertEqual(script.status_code, 200)
        self.assertIn("SwaggerUIBundle", script.content.decode())


class AdminPolicyTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.user = get_user_model().objects.create_superuser("guanli", "g@example.org", "pw")

    def test_the_login_page_and_admin_views_open_under_the_admin_policy(self):
        response = self.client.get(reverse("wagtailadmin_login"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("'unsafe-inline'", directives(response)["script-src"])
        self.client.force_login(self.user)
        urls = [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore", args=[self.world["sections"]["orgs"].pk]),
            reverse("wagtailadmin_pages:edit", args=[self.world["orgs"]["qibao"].pk]),
            reverse("wagtailimages:index"),
            reverse("wagtaildocs:index"),
            reverse("wagtailsnippets_taxonomy_region:list"),
        ]
        for url in urls:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                policy = directives(response)
                self.assertIn("'unsafe-inline'", policy["script-src"])
                self.assertIn("'unsafe-inline'", policy["style-src"])
                self.assertEqual(policy["object-src"], ["'none'"])
                self.assertEqual(policy["frame-ancestors"], ["'self'"])


class MediaInProductionTests(WorldTestCase):
    """DEBUG off, as in production: /media/ is served only with SERVE_MEDIA=1, never a
    document's file."""

    @classmethod
    def setUpClass(cls):
        cls.media_root = tempfile.mkdtemp(prefix="served-media-")
        cls.on_disk = override_settings(
            DEBUG=False,
            MEDIA_ROOT=cls.media_root,
            STORAGES={
                **settings.STORAGES,
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            },
        )
        cls.on_disk.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.on_disk.disable()
        shutil.rmtree(cls.media_root, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        image = patrol_image()
        cls.case = CasePageFactory(
            parent=cls.world["sections"]["cases"],
            title="七宝巡逻队：守护东亭社区十年平安",
            hero_image=image,
            region=cls.world["regions"]["dongting"],
        )

    def case_image_urls(self):
        response = self.client.get(self.case.url)
        self.assertEqual(response.status_code, 200)
        urls = re.findall(r'src="(/media/images/[^"]+)"', response.content.decode())
        self.assertTrue(urls, "the case page shows its image")
        return urls

    @override_settings(SERVE_MEDIA=True)
    def test_a_case_image_loads_with_serve_media(self):
        for url in self.case_image_urls():
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response["Content-Type"].startswith("image/"))
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                self.assertIn("sandbox", response["Content-Security-Policy"])

    @override_settings(SERVE_MEDIA=False)
    def test_without_serve_media_django_serves_no_media(self):
        for url in self.case_image_urls():
            self.assertEqual(self.client.get(url).status_code, 404)

    @override_settings(SERVE_MEDIA=True)
    def test_never_a_document_nor_outside_media_root(self):
        documents = f"{self.media_root}/documents"
        os.makedirs(documents, exist_ok=True)
        with open(f"{documents}/roster.pdf", "wb") as file:
            file.write(b"%PDF-1.4 editors only")
        for url in (
            "/media/documents/roster.pdf",
            "/media/images/../documents/roster.pdf",
            "/media/./documents/roster.pdf",
            "/media//documents/roster.pdf",
        ):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertIn(self.client.get("/media/%2e%2e/%2e%2e/etc/passwd").status_code, (400, 404))
        # No directory listing (LocaleMiddleware may first redirect a 404 to /zh-hans/…).
        self.assertEqual(self.client.get("/media/images/", follow=True).status_code, 404)
