"""Production: every security value comes from the environment, with no default."""

import os

from django.core.exceptions import ImproperlyConfigured

from config.secret_key import check_secret_key

from .base import *  # noqa: F403

DEBUG = False
if os.environ.get("DEBUG", "").lower() in {"1", "true", "yes", "on"}:
    raise ImproperlyConfigured("生产环境不得开启 DEBUG。")

# At least 50 characters of some variety, never a development or example key.
SECRET_KEY = check_secret_key(os.environ.get("SECRET_KEY", ""))

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("生产环境必须设置 ALLOWED_HOSTS。")


def _flag(name, default):
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in {"1", "true", "yes", "on"}


# HTTPS (docs/security.md). The proxy in front terminates TLS and says so in
# X-Forwarded-Proto; plain-HTTP requests are redirected to HTTPS and browsers are told
# to use HTTPS only (HSTS) for SECURE_HSTS_SECONDS. SECURE_SSL_REDIRECT=0 is for a local
# run over plain HTTP (then the secure cookies are off too, or no login would hold).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS") or 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", False)
# Asking for the browsers' preload list binds the whole domain and its subdomains to HTTPS
# for months, beyond this site: the domain's owner decides (SECURE_HSTS_PRELOAD=1), so
# `check --deploy` does not warn that it is off (docs/security.md).
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
LANGUAGE_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
