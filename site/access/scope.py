"""Who may act on which regions: the 区划代码 prefixes of a user's street or district
groups, and the filters that keep a query inside them (docs/editors.md).

A region's code starts with its parent's (district 6 digits, street 9, community 12), so
"this street and everything below it" is one `code LIKE '420106001%'`: every filter here
is a join to the region table on such a prefix, never a loop over rows in Python."""

from functools import reduce
from operator import or_

from django.db.models import Q

from .models import GroupRegion

# Cached on the user object for the duration of a request, as Wagtail caches a user's
# page permissions.
CODES_CACHE = "_access_region_codes"
IN_SCOPE_CACHE = "_access_in_scope"


def allowed_region_codes(user):
    """The 区划代码 prefixes `user` may act on, or None for every region.

    None for superusers and for users in no street or district group (the bureau: the
    civil affairs bureau's editors and reviewers). Otherwise a sorted tuple of the codes
    of the regions of the user's groups, without one lying below another (a district
    editor who is also in one of its streets' groups gets the district only); an inactive
    or anonymous user gets an empty tuple (nothing). Membership in a street group narrows:
    being in another group as well never widens it."""
    if user is None or not user.is_active or user.is_anonymous:
        return ()
    if user.is_superuser:
        return None
    if hasattr(user, CODES_CACHE):
        return getattr(user, CODES_CACHE)
    codes = sorted(
        set(GroupRegion.objects.filter(group__user=user).values_list("region__code", flat=True))
    )
    prefixes = None
    if codes:
        prefixes = []
        for code in codes:  # sorted: a region comes before the regions below it
            if not any(code.startswith(prefix) for prefix in prefixes):
                prefixes.append(code)
        prefixes = tuple(prefixes)
    setattr(user, CODES_CACHE, prefixes)
    return prefixes


def codes_q(code_lookup, prefixes):
    """A Q: the rows whose region code (`code_lookup`, e.g. "region__code") starts with one
    of `prefixes`. No prefixes, no rows."""
    if not prefixes:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{code_lookup}__startswith": prefix}) for prefix in prefixes))


class RegionScoped:
    """A model whose rows belong to regions: organizations, notices, records. It says
    which rows lie within a user's regions; access applies it to every admin view."""

    @classmethod
    def region_scope_q(cls, prefixes, user):
        """A Q selecting the rows within the regions `prefixes` (a non-empty tuple of
        区划代码 prefixes) for `user` (an active, logged-in user)."""
        raise NotImplementedError


def scoped(queryset, user):
    """`queryset` (of a RegionScoped model) narrowed to the rows `user` may act on."""
    prefixes = allowed_region_codes(user)
    if prefixes is None:
        return queryset
    if not prefixes:
        return queryset.none()
    return queryset.filter(queryset.model.region_scope_q(prefixes, user))


def in_scope(user, instance):
    """Whether `user` may act on `instance` (a saved RegionScoped row), judged by the row
    as stored: a draft revision does not move an organization to another street, and an
    unsaved object has nothing to protect yet (forms check what it will be saved as)."""
    prefixes = allowed_region_codes(user)
    if prefixes is None or instance.pk is None:
        return True
    if not prefixes:
        return False
    model = type(instance)
    key = (model._meta.label, instance.pk)
    cache = getattr(user, IN_SCOPE_CACHE, None)
    if cache is None:
        cache = {}
        setattr(user, IN_SCOPE_CACHE, cache)
    if key not in cache:
        cache[key] = (
            model._default_manager.filter(pk=instance.pk)
            .filter(model.region_scope_q(prefixes, user))
            .exists()
        )
    return cache[key]


def region_in_scope(user, region):
    """Whether a region (a taxonomy.Region) lies within `user`'s regions."""
    prefixes = allowed_region_codes(user)
    if prefixes is None or region is None:
        return True
    return any(region.code.startswith(prefix) for prefix in prefixes)


def regions_in_scope(regions, user):
    """A queryset of regions narrowed to `user`'s regions (for the region chooser)."""
    prefixes = allowed_region_codes(user)
    if prefixes is None:
        return regions
    return regions.filter(codes_q("code", prefixes))


OUT_OF_SCOPE_MESSAGE = "不在您负责的区域内：街道编辑只能选择本街道（区编辑：本区）的{what}。"


def out_of_scope_message(what):
    return OUT_OF_SCOPE_MESSAGE.format(what=what)
