"""Shared test helpers: the demo site, the site skeleton and a small region tree."""

from contextlib import contextmanager

from home.site_setup import ensure_site_structure
from taxonomy.factories import CategoryFactory, RegionFactory
from taxonomy.models import Region


def site_sections():
    """The home page and its sections, as a dict keyed by slug (plus "home")."""
    home = ensure_site_structure()
    sections = {child.slug: child.specific for child in home.get_children()}
    sections["home"] = home
    return sections


def region_tree():
    """Two districts, each with streets and communities; returns a dict by short name."""
    wuchang = RegionFactory(name="武昌区", code="420106")
    qingshan = RegionFactory(name="青山区", code="420107")
    shuiguohu = RegionFactory(
        name="水果湖街道", code="420106001", level=Region.Level.STREET, parent=wuchang
    )
    zhonghua = RegionFactory(
        name="中华路街道", code="420106002", level=Region.Level.STREET, parent=wuchang
    )
    ganghua = RegionFactory(
        name="钢花村街道", code="420107001", level=Region.Level.STREET, parent=qingshan
    )
    return {
        "wuchang": wuchang,
        "qingshan": qingshan,
        "shuiguohu": shuiguohu,
        "zhonghua": zhonghua,
        "ganghua": ganghua,
        "dongting": RegionFactory(
            name="东亭社区", code="420106001001", level=Region.Level.COMMUNITY, parent=shuiguohu
        ),
        "chagang": RegionFactory(
            name="茶港社区", code="420106001002", level=Region.Level.COMMUNITY, parent=shuiguohu
        ),
        "qiyimen": RegionFactory(
            name="起义门社区", code="420106002001", level=Region.Level.COMMUNITY, parent=zhonghua
        ),
        "qinghe": RegionFactory(
            name="青和居社区", code="420107001001", level=Region.Level.COMMUNITY, parent=ganghua
        ),
    }


def categories():
    return {
        "affairs": CategoryFactory(name="社区事务类", slug="shequ-shiwu"),
        "culture": CategoryFactory(name="文体活动类", slug="wenti-huodong"),
    }


def load_demo():
    """The demo site as `make run` builds it (zh-hant twins and search entries included):
    the "demo" world of tests/shared_world.py, which tests/demo and tests/search read."""
    from demo.loader import DemoLoader

    DemoLoader(log=lambda *args: None).run()
    return {}


def editor_user(home, username="street-editor"):
    """A street office editor who is not a superuser: in a group that may add, edit and
    publish pages below `home` (the zh-hans home page), add, edit and delete regions and
    categories, and add, edit, delete and publish funding and evaluation records (a
    trusted street: docs/editors.md)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission

    group, _created = Group.objects.get_or_create(name="街道编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for model in ("region", "category", "fundingrecord", "evaluationrecord"):
        for action in ("add", "change", "delete"):
            group.permissions.add(Permission.objects.get(codename=f"{action}_{model}"))
    for model in ("fundingrecord", "evaluationrecord"):
        group.permissions.add(Permission.objects.get(codename=f"publish_{model}"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=home, permission=Permission.objects.get(codename=codename)
        )
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(group)
    return user


@contextmanager
def frozen_day(day):
    """The site's calendar (core.dates.today(), Asia/Shanghai) says `day`: Django's clock
    reads noon of that day in Shanghai. Only the clock is replaced, nothing of ours."""
    import datetime
    from unittest import mock

    from django.utils import timezone

    moment = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(12)), timezone.get_fixed_timezone(480)
    )
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def directory_count(html):
    """The number in the directory's "共 N 家" (organizations listed, unfiltered)."""
    import re

    found = re.search(r'class="result-count"[^>]*>\s*共 <strong>(\d+)</strong>', html)
    assert found, "no count on the directory page"
    return int(found.group(1))


def patrol_image():
    """A case story's illustration, saved in the storage in use: 巡逻插图 (a drawn scene)."""
    import io

    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    from demo.images import draw_scene

    image = get_image_model()(
        title="巡逻插图",
        description="巡逻队员夜间巡逻的示意插图",
        file=ImageFile(io.BytesIO(draw_scene("teal", 1)), name="patrol.jpg"),
    )
    image.save()
    return image
