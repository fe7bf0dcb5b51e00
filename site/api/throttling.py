"""The API's rate limit per address, on the shared cache (Redis in production)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from core.client import client_address


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's AnonRateThrottle (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"], set by
    API_RATE_LIMIT), except that the rate is read at each request: DRF reads it once, when
    the class is imported, so a changed setting (a test's) would not apply; and that the
    client's address is the site's (core.client, NUM_PROXIES), as the objection form's."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_address(request)
