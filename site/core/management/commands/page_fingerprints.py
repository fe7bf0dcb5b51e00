"""`manage.py page_fingerprints`: one line per public page, its address, status and the
SHA-256 of its HTML, rendered by this process from the database in DATABASE_URL.

Run before a backup and on the restored copy, then compare the two files (docs/operations.md,
"Backup and restore"; tests/core/test_backup_restore.py does exactly that). The CSRF token
of a form, different at every request, is left out of the hash."""

import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client

from wagtail.models import Page

CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
# Pages that are not Wagtail pages, in both scripts.
FIXED_PATHS = ["/{language}/search/?q=社区", "/{language}/data/"]


class Command(BaseCommand):
    help = "每个公开页面的地址、状态码和 HTML 的 SHA-256（备份与恢复后对比用）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit",
            type=int,
            default=1000,
            help="at most this many Wagtail pages, the first by tree path (default 1000; 0: all)",
        )
        parser.add_argument(
            "--html",
            metavar="DIRECTORY",
            help="also write each page's HTML there (to diff two runs)",
        )

    def handle(self, *args, limit, html=None, **options):
        hosts = [host for host in settings.ALLOWED_HOSTS if host != "*" and "*" not in host]
        host = hosts[0].lstrip(".") if hosts else "localhost"
        client = Client(HTTP_HOST=host)
        pages = Page.objects.live().public().filter(depth__gt=1).order_by("path")
        if limit:
            pages = pages[:limit]
        paths = [page.url for page in pages.specific() if page.url]
        for language, _name in settings.LANGUAGES:
            paths += [path.format(language=language) for path in FIXED_PATHS]
        for path in paths:
            response = client.get(path, secure=True)
            body = CSRF_TOKEN.sub(b"", response.content)
            digest = hashlib.sha256(body).hexdigest()
            if html:
                name = re.sub(r"[^0-9A-Za-z-]+", "_", path.strip("/")) or "root"
                Path(html).mkdir(parents=True, exist_ok=True)
                (Path(html) / f"{name}.html").write_bytes(body)
            self.stdout.write(f"{response.status_code} {digest} {path}")
