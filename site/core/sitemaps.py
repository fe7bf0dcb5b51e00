"""The sitemap: every public page in both scripts, each with its twin as an hreflang
alternate. At full scale that is about 180,000 URLs, so /sitemap.xml is an index of
pages of at most 5,000 (Django's limit is 50,000; smaller pages render in well under a
second)."""

from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .languages import HTML_LANG


class BothScriptsSitemap(Sitemap):
    """Wagtail's sitemap (its `location` and `lastmod` of a page) over both scripts.

    Django's own `i18n`/`alternates` support does not fit: it lists one object once per
    language, reversing its URL under each, while our scripts are two pages (twins sharing
    a translation_key) with URLs of their own. So `get_urls`, the method the sitemap views
    call, lists a page of items and adds the alternates of that page, fetched in one query.
    """

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

    def get_urls(self, page=1, site=None, protocol=None):
        """The entries of sitemap page `page` (Wagtail gives full URLs: `site` and
        `protocol` are not needed). Raises the paginator's EmptyPage/PageNotAnInteger for
        a page that does not exist, which the view answers with a 404."""
        items = list(self.paginator.page(page).object_list)
        twins = self.twins_of(items)
        urls = [
            {
                "item": item,
                "location": self.location(item),
                "lastmod": self.lastmod(item),
                "alternates": self.hreflang_links(twins.get(item.translation_key, [])),
            }
            for item in items
        ]
        # Read by the view for the Last-Modified header, when every entry has a date.
        dates = [url["lastmod"] for url in urls]
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return urls

    def twins_of(self, items):
        """{translation_key: [the live pages of every script]} for `items`, in one query."""
        twins = {}
        for twin in (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
            .order_by("locale_id")
            .only("url_path", "translation_key", "locale__language_code")
        ):
            twins.setdefault(twin.translation_key, []).append(twin)
        return twins

    def hreflang_links(self, versions):
        """The alternates of one page: itself and its twin, or none when it has no twin."""
        if len(versions) < 2:
            return []
        return [
            {
                "lang_code": HTML_LANG.get(
                    version.locale.language_code, version.locale.language_code
                ),
                "location": self.location(version),
            }
            for version in versions
        ]
