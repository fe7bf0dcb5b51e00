"""Settings of the worker processes of tests/core/test_workers.py: the test settings with
the cache the site gets without REDIS_URL (files, shared by every process), in the
directory the test names. DATABASE_URL names the database the test prepared."""

import os

from config.settings.base import CACHES as SITE_CACHES
from config.settings.test import *  # noqa: F403

CACHES = {"default": {**SITE_CACHES["default"], "LOCATION": os.environ["WORKER_CACHE_DIR"]}}
if os.environ.get("WORKER_CACHE") == "locmem":  # what the site had: one cache per process
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
