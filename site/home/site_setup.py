"""The fixed skeleton of the public site: a home page and its four sections.

Idempotent: existing pages are found by slug and left as they are, so editors'
changes survive. Used by `load_demo` and available for an empty production site.
"""

from django.db import transaction

from wagtail.models import Locale, Page, Site

SECTIONS = [
    # (model path, slug, title, show in menus)
    ("orgs.OrganizationIndexPage", "orgs", "组织名录"),
    ("disclosure.NoticeIndexPage", "notices", "公示公告"),
    ("disclosure.DisclosureIndexPage", "disclosure", "信息公开"),
    ("cases.CaseIndexPage", "cases", "典型案例"),
    ("home.StandardPage", "policies", "政策文件"),
    ("home.StandardPage", "about", "关于本站"),
]

HOME_TITLE = "社区社会组织公开服务平台"
HOME_INTRO = (
    "<p>在这里查看身边的社区社会组织：它们做什么、由谁负责、在哪里活动、是否正常活动，"
    "获得了哪些公共资金支持、评估结果如何；查看备案、变更、终止和撤销公示，并在公示期内提出意见。</p>"
)


def _model(path):
    from django.apps import apps

    return apps.get_model(path)


@transaction.atomic
def ensure_site_structure():
    """Return the zh-hans home page, creating it and its sections where missing."""
    from home.models import HomePage

    locale = Locale.get_default()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page, which owns the slug "home".
        for placeholder in root.get_children().filter(content_type__model="page", slug="home"):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO, locale=locale)
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=HOME_TITLE,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = HOME_TITLE
        site.save()

    for model_path, slug, title in SECTIONS:
        model = _model(model_path)
        if not home.get_children().filter(slug=slug).exists():
            section = home.add_child(
                instance=model(title=title, slug=slug, show_in_menus=True, locale=locale)
            )
            section.save_revision().publish()
    return home
