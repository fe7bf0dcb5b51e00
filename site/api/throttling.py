"""The API's rate limit per address, on the shared cache (Redis in production)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's AnonRateThrottle (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"], set by
    API_RATE_LIMIT), except that the rate is read at each request: DRF reads it once, when
    the class is imported, so a changed setting (a test's) would not apply."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
