"""The Content-Security-Policy of each part of the site (docs/security.md)."""

from csp.middleware import CSPMiddleware, PolicyParts

# Wagtail's admin (and its page previews) inlines scripts and styles throughout; the
# browsable API pages and the API's documentation page inline styles. Each gets the public
# policy with these sources added; nothing else is relaxed.
RELAXED_PATHS = {
    "/admin/": {
        "script-src": ["'unsafe-inline'"],
        "style-src": ["'unsafe-inline'"],
        "img-src": ["blob:"],
    },
    "/api/": {"style-src": ["'unsafe-inline'"], "img-src": ["https:"]},
}


def relaxation_for(path: str) -> dict | None:
    for prefix, sources in RELAXED_PATHS.items():
        if path.startswith(prefix):
            return sources
    return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the per-path additions above: the strict policy of
    settings.CONTENT_SECURITY_POLICY everywhere else."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        sources = None if report_only else relaxation_for(request.path_info)
        if sources:
            update = dict(parts.update or {})
            for directive, values in sources.items():
                update[directive] = [*update.get(directive, []), *values]
            parts.update = update
        return parts
