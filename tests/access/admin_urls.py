"""The admin's URL patterns, enumerated from the URL configuration, so that a view added
by a later Wagtail (or by us) is tested without anyone listing it."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern


def _parameters(pattern):
    if isinstance(pattern, RoutePattern):
        return set(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return set(pattern.regex.groupindex)
    return set()


def admin_patterns(prefix="admin/"):
    """(name with namespaces, parameter names, route) of every named pattern below
    `prefix`."""
    found = []

    def walk(patterns, namespace, route, parameters):
        for entry in patterns:
            here = route + str(entry.pattern)
            params = parameters | _parameters(entry.pattern)
            if isinstance(entry, URLResolver):
                space = namespace
                if entry.namespace:
                    space = f"{namespace}{entry.namespace}:"
                walk(entry.url_patterns, space, here, params)
            elif isinstance(entry, URLPattern) and entry.name:
                found.append((f"{namespace}{entry.name}", params, here))

    walk(get_resolver().url_patterns, "", "", set())
    return [entry for entry in found if entry[2].lstrip("^").startswith(prefix)]
