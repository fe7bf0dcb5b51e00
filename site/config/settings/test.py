"""Small, fast settings for the test suite. DATABASE_URL still selects the database."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The API's rate limit is tested on its own (tests/api); other tests are never throttled.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
LEDGER_UPLOAD_ROOT = BASE_DIR / "var" / "test-ledger-uploads"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Live-server threads must not keep connections open past a test (PostgreSQL refuses to
# drop a test database that still has sessions).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Tests never write into the site's own Elasticsearch indices.
ELASTICSEARCH_INDEX_PREFIX = f"test_{ELASTICSEARCH_INDEX_PREFIX}"  # noqa: F405
if ELASTICSEARCH_URL:  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"{ELASTICSEARCH_INDEX_PREFIX}_wagtail_"  # noqa: F405
