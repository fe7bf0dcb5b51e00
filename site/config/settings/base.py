"""Settings shared by every environment. Values that differ come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # site/
BASE_DIR = SITE_DIR.parent  # repository root

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "core",
    "home",
    "orgs",
    "disclosure",
    "cases",
    "demo",
    "publishing",
    "translation",
    "taxonomy",
    "access",
    "search",
    "opendata",
    "api",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "axes",
    "csp",
]

MIDDLEWARE = [
    # Before anything that answers: the API's CORS headers (GET from any origin).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database that does not answer: a friendly 503 with Retry-After, not a 500.
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The Content-Security-Policy header: strict on public pages, Wagtail's needs in /admin/.
    "core.security.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After the authentication middleware: turns a locked-out login into its page (axes).
    "axes.middleware.AxesMiddleware",
    # Last: runs admin POST views in a transaction (see there).
    "core.middleware.AtomicAdminWritesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site_navigation",
                "core.context_processors.display",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default; DATABASE_URL=postgres://… switches to PostgreSQL.
# Persistent connections (CONN_MAX_AGE seconds) are checked before each request reuses
# them (CONN_HEALTH_CHECKS), so a database restart costs no request an error: a dead
# connection is replaced instead of failing the request that finds it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a long demo load writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes; docs/security.md): the axes backend first refuses a
# locked-out username and address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Two scripts of one language. Codes stay lower-case: Wagtail's locale lookup
# is case-sensitive (see docs/architecture.md).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
]
WAGTAIL_I18N_ENABLED = True
# An explicit choice of script (the switcher) is remembered for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# zh-hant follows zh-hans through OpenCC (site/translation/); see docs/two-scripts.md.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "translation.opencc_translator.OpenCCTranslator"}
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
# Ledger files between the import's preview and its confirmation (orgs/ledger/uploads.py):
# not under MEDIA_ROOT, never served.
LEDGER_UPLOAD_ROOT = Path(os.environ.get("LEDGER_UPLOAD_ROOT", BASE_DIR / "var" / "ledger-uploads"))
# The largest ledger file the admin accepts (a city's 40,000 rows are about 15 MB).
LEDGER_MAX_UPLOAD_BYTES = 50 * 2**20

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: one for every process serving the site (docs/operations.md), since the content
# version (core.content_cache) and the rate limits' counts must be the same in each.
# Redis when REDIS_URL is set, through a backend that degrades to "nothing cached" when
# Redis is down (core.cache); otherwise files under var/cache, which every process on
# the machine shares (the embedded default serves from one machine).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # A node that stops answering costs a page one second, not a hung worker.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": BASE_DIR / "var" / "cache",
            # Each write counts the files once there are more than this; the site keeps a
            # few hundred figures and one rate-limit count per client and window.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

WAGTAIL_SITE_NAME = "社区社会组织公开服务平台"
# The admin calls no outside service (its CSP allows none, docs/security.md): no Gravatar
# avatars (the default avatar instead) and no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Search (docs/search.md): one engine class per engine, chosen by SEARCH_ENGINE: the
# database's own by default (SQLite FTS5, or PostgreSQL's tsvector), "elasticsearch" for
# Elasticsearch 8 at ELASTICSEARCH_URL. Wagtail's admin search follows the same choice.
SEARCH_ENGINES = {
    "sqlite": "search.engines.sqlite.SQLiteEngine",
    "postgresql": "search.engines.postgresql.PostgreSQLEngine",
    "elasticsearch": "search.engines.elasticsearch.ElasticsearchEngine",
}
_database_engine = "postgresql" if "postgresql" in DATABASES["default"]["ENGINE"] else "sqlite"
_search_engine = os.environ.get("SEARCH_ENGINE", "") or _database_engine
if _search_engine not in SEARCH_ENGINES or _search_engine not in (
    _database_engine,
    "elasticsearch",
):
    raise ImproperlyConfigured(
        f"SEARCH_ENGINE={_search_engine!r}: use {_database_engine!r} (the database's own) "
        "or 'elasticsearch'."
    )
SEARCH_ENGINE = SEARCH_ENGINES[_search_engine]
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "shequ")
if _search_engine == "elasticsearch":
    if not ELASTICSEARCH_URL:
        raise ImproperlyConfigured("SEARCH_ENGINE=elasticsearch needs ELASTICSEARCH_URL.")
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}_wagtail_",
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "simple"},
    }
# Documents (docs/archive.md): PDF, Word, Excel and images only; always through Wagtail's
# document view (which applies the archive's editor-only rule, orgs/archive.py), never a
# link to the file under MEDIA_URL; always as a download, with nosniff.
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "gif", "webp"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# Wagtail's autosave is off. Seen in the browser test of the registry's path
# (tests/browser/test_registry_journey.py): the autosave created a new notice while its
# create form was open, the form stayed a create form, and submitting it for review made
# a second notice; a submit sent while an autosave was in flight repeated the chosen
# organizations (core/child_rows.py). Editors save with 保存草稿 and 提交审核.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Image uploads (docs/security.md): a 121-megapixel image took 8-19 s and 1.2 GB per
# worker on the admin's image pages; 40 MP is a 7,300 x 5,500 photograph. The form base
# words the refusals in Chinese (access/uploads.py).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "access.uploads.ImageForm"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"webp": "webp", "avif": "webp"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "jieba": {"level": "WARNING"},
    },
}

# Reverse proxies in front of the site (core.client): 0 counts REMOTE_ADDR; behind N
# proxies, the address the last of them added to X-Forwarded-For. The API's and the
# objection form's rate limits count per that address. API_NUM_PROXIES is its older name.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES") or os.environ.get("API_NUM_PROXIES") or 0)

# Objections to notices (docs/objections.md): accepted per client address, and per
# address and notice, on the shared cache; "<number>/<second|minute|hour|day>".
OBJECTION_RATE_LIMIT = os.environ.get("OBJECTION_RATE_LIMIT") or "5/hour"
OBJECTION_NOTICE_RATE_LIMIT = os.environ.get("OBJECTION_NOTICE_RATE_LIMIT") or "2/hour"

# Open data API (/api/v1/, docs/api.md): read-only, anonymous, throttled per address on
# the shared cache (Redis in production), answering 429 with Retry-After.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
    # Requests per address: "<number>/<second|minute|hour|day>".
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_RATE_LIMIT") or "120/minute"},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handle",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "社区社会组织开放数据接口 Open data API",
    "DESCRIPTION": (
        "组织名录、公示、资助与评估记录、区划与类别的只读数据，筛选参数与网站页面相同。"
        "Read-only data of the community social organization register: organizations, "
        "notices, funding and evaluation records, regions and categories, with the same "
        "filters as the site's pages. ?lang=zh-hant for traditional script."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The documentation page's assets come from this server, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Only the open data API: not Wagtail's own admin API.
    "PREPROCESSING_HOOKS": ["api.schema.only_open_data"],
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Admin login throttling (django-axes, docs/security.md): after AXES_FAILURE_LIMIT wrong
# passwords for one username from one address, that pair is refused for
# AXES_COOLOFF_MINUTES, the right password included, with a Chinese message on Wagtail's
# login page (access/login.py); a successful login clears the count. Attempts are stored
# in the database (shared by every application server).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT") or 5)
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES") or 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client.client_address"
AXES_LOCKOUT_CALLABLE = "access.login.lockout_response"
WAGTAILADMIN_USER_LOGIN_FORM = "access.login.LoginForm"
AXES_VERBOSE = False

# Content-Security-Policy (django-csp; core/security.py, docs/security.md). Public pages:
# scripts, styles, images and fonts from this site only, no inline script or style, no
# framing, forms posting back here. /admin/ and /api/ get the variants in core.security
# (Wagtail's admin needs inline scripts and styles; the API's browsable pages inline styles).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

# HTTPS (production.py turns these on; a plain-HTTP local run keeps them off).
LANGUAGE_COOKIE_SECURE = False
# Media files (MEDIA_URL) served by Django itself when SERVE_MEDIA=1 (a single box without
# a web server in front; docs/deploy.md); always in development (DEBUG).
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "").lower() in {"1", "true", "yes", "on"}
