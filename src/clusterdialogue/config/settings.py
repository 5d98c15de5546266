"""Django settings, read from the environment (12-factor).

Every setting a deployment may change comes from a ``DJANGO_``-prefixed variable, or from
``DATABASE_URL`` / ``CLUSTERDIALOGUE_*``. The defaults suit a laptop: SQLite in ``var/``,
debug off unless ``DJANGO_DEBUG=true``.
"""

from __future__ import annotations

import importlib.util
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import plotly

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = Path(os.environ.get("CLUSTERDIALOGUE_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("CLUSTERDIALOGUE_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable (``1``, ``true``, ``yes``, ``on`` mean yes)."""
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
# A development key is acceptable only while debugging or on loopback-only default hosts.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    SECRET_KEY = "insecure-development-key-set-DJANGO_SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "clusterdialogue.regions",
    "clusterdialogue.statistics",
    "clusterdialogue.clusters",
    "clusterdialogue.accounts",
    "clusterdialogue.collaboration",
    "clusterdialogue.dialogue",
    "clusterdialogue.events",
    "clusterdialogue.portal",
    "clusterdialogue.analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clusterdialogue.config.urls"
WSGI_APPLICATION = "clusterdialogue.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "clusterdialogue.portal.context_processors.network",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'clusterdialogue.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while an import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("it", "Italiano"),
    ("es", "Español"),
    ("ca", "Català"),
    ("nl", "Nederlands"),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

MEDIA_URL = "media/"
# Uploaded collaboration documents; served only through views that check permissions.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
# plotly.min.js ships inside the plotly wheel; serve it from there instead of a CDN.
# Leaflet ships inside django-leaflet; its app is not installed (it needs GDAL), only its files.
STATICFILES_DIRS = [
    ("plotly", Path(plotly.__file__).parent / "package_data"),
    Path(importlib.util.find_spec("leaflet").submodule_search_locations[0]) / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = True

# Security headers and cookies. Always: no MIME sniffing, same-origin referrers, no framing,
# HttpOnly cookies, SameSite=Lax. Behind HTTPS (``DJANGO_HTTPS=true``, the production set-up
# behind the reverse proxy): secure cookies, HSTS for a year, redirect to HTTPS, and the
# proxy's X-Forwarded-Proto trusted. ``make run`` serves plain HTTP on 127.0.0.1 and keeps them off.
HTTPS = env_bool("DJANGO_HTTPS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD")
if env_bool("DJANGO_BEHIND_PROXY", HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Joining the browsers' HSTS preload list is the operator's decision (DJANGO_SECURE_HSTS_PRELOAD),
# not a fault of the set-up: ``check --deploy`` does not warn about it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content Security Policy (django-csp): scripts only from this site, no inline script (pages
# declare behaviour with data attributes, portal/static/portal/behaviours.js). Leaflet and
# Plotly set inline styles, hence 'unsafe-inline' for styles only; ReDoc runs a blob: worker.
CSP_SELF, CSP_NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF, "'unsafe-inline'"],
        "img-src": [CSP_SELF, "data:", "blob:"],
        "font-src": [CSP_SELF, "data:"],
        "connect-src": [CSP_SELF],
        "worker-src": [CSP_SELF, "blob:"],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    }
}
if env_bool("DJANGO_CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY_REPORT_ONLY, CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY, None

# Sign-in: Django's sessions, CSRF and password validators; django-axes refuses further attempts
# for a while after too many failures with the same user name from the same address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:home"
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Invitations go out by e-mail; without a configured backend they are printed on the console
# (the inviter also sees the link on screen).
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Cluster Dialogue <no-reply@localhost>"
)
CLUSTERDIALOGUE_INVITATION_DAYS = int(os.environ.get("CLUSTERDIALOGUE_INVITATION_DAYS", "14"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_THROTTLE_CLASSES": [
        "clusterdialogue.common.throttles.PublicApiThrottle",
        "clusterdialogue.common.throttles.AccountApiThrottle",
    ],
}
# API rate limits (``common/throttles.py``); an empty value switches one off.
CLUSTERDIALOGUE_API_ANON_RATE = (
    os.environ.get("CLUSTERDIALOGUE_API_ANON_RATE", "600/minute") or None
)
CLUSTERDIALOGUE_API_USER_RATE = (
    os.environ.get("CLUSTERDIALOGUE_API_USER_RATE", "3000/minute") or None
)
CLUSTERDIALOGUE_MAX_UPLOAD_MB = int(os.environ.get("CLUSTERDIALOGUE_MAX_UPLOAD_MB", "25"))
CLUSTERDIALOGUE_INVITATIONS_PER_HOUR = int(
    os.environ.get("CLUSTERDIALOGUE_INVITATIONS_PER_HOUR", "50")
)
SPECTACULAR_SETTINGS = {
    "TITLE": "Cluster Dialogue API",
    "DESCRIPTION": (
        "Regions, networks, statistics and cluster mapping results. Public data is readable "
        "anonymously; writes need an account with the matching permission."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to the public validator badge service: the docs must work offline.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Several models have a `status` or `kind`; give each enum its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "CooperationPostStatusEnum": "clusterdialogue.collaboration.models.CooperationPost.Status",
        "CooperationPostKindEnum": "clusterdialogue.collaboration.models.CooperationPost.Kind",
        "CollaborationKindEnum": "clusterdialogue.collaboration.models.Collaboration.Kind",
        "OrganisationStatusEnum": "clusterdialogue.clusters.models.ClusterOrganisation.Status",
        "RegionKindEnum": "clusterdialogue.regions.models.Region.Kind",
        "PolicyInstrumentKindEnum": "clusterdialogue.dialogue.models.PolicyInstrument.Kind",
        "PracticeCaseKindEnum": "clusterdialogue.dialogue.models.PracticeCase.Kind",
        "GroupMemberRoleEnum": "clusterdialogue.dialogue.models.GroupMember.Role",
        "AccountRoleEnum": "clusterdialogue.accounts.models.Role",
        "CollaborationStageEnum": "clusterdialogue.collaboration.models.Collaboration.Stage",
    },
}

# A file cache is shared by the server's worker processes and survives restarts, so costly
# analytics computed once (or warmed by `data load`) serve every worker.
CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_CACHE_BACKEND", "django.core.cache.backends.filebased.FileBasedCache"
        ),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", str(VAR_DIR / "cache" / "django")),
        "TIMEOUT": None,
    }
}

# Where real data comes from: a local mirror folder, else the official download into a cache.
CLUSTERDIALOGUE_DATA_DIR = os.environ.get("CLUSTERDIALOGUE_DATA_DIR", "")
CLUSTERDIALOGUE_DOWNLOAD_MIRROR = os.environ.get("CLUSTERDIALOGUE_DOWNLOAD_MIRROR", "")
CLUSTERDIALOGUE_CACHE_DIR = Path(os.environ.get("CLUSTERDIALOGUE_CACHE_DIR", VAR_DIR / "cache"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
