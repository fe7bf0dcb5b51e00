"""The world of tests/orgs/world.py with its editors' groups made by the command, and
one editor of each kind: a street's (水果湖街道), a district's (武昌区) and the bureau's
reviewer.

Who owns what: 水果湖街道 (420106001) has 七宝巡逻队 (qibao), 墨香书画社 (moxiang) and the
联合会 (hub) and the filing and change notices of 七宝巡逻队; 中华路街道 (420106002, also in
武昌区) has 养生保健协会 (yangsheng) and its revocation notice; 钢花村街道 (420107001, 青山区)
has 天天敲门组 (qiaomen) and 广场舞蹈队 (wudao) and the exit notice of the latter. The funding
and evaluation notices of tests/disclosure/announcements.py concern 七宝巡逻队 and 天天敲门组:
two streets in two districts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from access.groups import REVIEWERS_GROUP, ensure_editor_groups
from access.models import GroupRegion
from tests.disclosure.announcements import announce
from tests.orgs.world import build_world

REGIONAL = ("wuchang", "qingshan", "shuiguohu", "zhonghua", "ganghua")


def member(username, *groups, **fields):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw", **fields)
    user.groups.add(*groups)
    return user


def regional_group(world, key):
    return GroupRegion.objects.select_related("group").get(region=world["regions"][key]).group


def scoped_world():
    return scope(build_world())


def scope(world):
    """Adds to `world` the notices' records, the editors' groups and their users."""
    world["funding"], world["evaluation"] = announce(world)
    world["outcome"] = ensure_editor_groups()
    world["groups"] = {key: regional_group(world, key) for key in REGIONAL}
    world["groups"]["bureau"] = Group.objects.get(name=REVIEWERS_GROUP)
    world["users"] = {
        "shuiguohu": member("shuiguohu-editor", world["groups"]["shuiguohu"]),
        "wuchang": member("wuchang-editor", world["groups"]["wuchang"]),
        "bureau": member("bureau-reviewer", world["groups"]["bureau"]),
    }
    return world


def fresh(user):
    """The user as a new request loads it (scope and permissions are cached on the
    object for the duration of a request, as Wagtail caches page permissions)."""
    return get_user_model().objects.get(pk=user.pk)
