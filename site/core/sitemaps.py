"""The sitemap: every public page in both scripts, each with its twin as an hreflang
alternate. At full scale that is about 180,000 URLs, so /sitemap.xml is an index of
pages of at most 5,000 (Django's limit is 50,000; smaller pages render in well under a
second)."""

from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .languages import HTML_LANG


class BothScriptsSitemap(Sitemap):
    limit = 5000

    def items(self):
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .order_by("path")
            .select_related("locale")
            .defer_streamfields()
        )

    def _urls(self, page, protocol, domain):
        """Like Wagtail's, plus the alternates of each page fetched once per sitemap page."""
        items = list(self.paginator.page(page).object_list)
        twins = {}
        for twin in (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
            .only("url_path", "translation_key", "locale__language_code")
        ):
            twins.setdefault(twin.translation_key, []).append(twin)
        urls = []
        for item in items:
            alternates = [
                {
                    "lang_code": HTML_LANG.get(
                        twin.locale.language_code, twin.locale.language_code
                    ),
                    "location": twin.get_full_url(self.request),
                }
                for twin in sorted(twins.get(item.translation_key, []), key=lambda t: t.locale_id)
            ]
            urls.append(
                {
                    "item": item,
                    "location": item.get_full_url(self.request),
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        dates = [url["lastmod"] for url in urls]
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return urls
