"""All settings in one place, driven by environment variables.

Development mode is explicit: ``IKZ_DEV=1`` (set by ``make run`` and the tests). Without it the
defaults are those of production: no DEBUG, a required SECRET_KEY, secure cookies, HSTS and CSP.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Django's generic classes (ModelAdmin[Body], ModelForm[Meeting]) subscriptable at run time, so
# that mypy --strict sees their type arguments.
django_stubs_ext.monkeypatch()


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("IKZ_DATA_DIR", Path.cwd() / "var"))

DEV_MODE = env_flag("IKZ_DEV")
DEBUG = env_flag("IKZ_DEBUG", default=DEV_MODE)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEV_MODE:
        raise ImproperlyConfigured(
            "SECRET_KEY fehlt. Setzen Sie die Umgebungsvariable SECRET_KEY "
            "(oder IKZ_DEV=1 für den Entwicklungsmodus)."
        )
    SECRET_KEY = "ikz-development-only-not-secret"  # noqa: S105 - dev mode only

DEV_HOSTS = "localhost,127.0.0.1,[::1],testserver"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", DEV_HOSTS if DEV_MODE else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("IKZ_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "ikz.admin_site.IkzAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "ikz.staticfiles.StaticFilesConfig",  # django.contrib.staticfiles, see there
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "ninja",
    "ikz.ui",
    "ikz.accounts",
    "ikz.security",
    "ikz.cooperation",
    "ikz.activity",
    "ikz.surveys",
    "ikz.meetings",
    "ikz.projects",
    "ikz.agreements",
    "ikz.reports",
    "ikz.attachments",
    "ikz.branding",
    "ikz.exchange",
    "ikz.demo",
    "ikz.operations",
    "ikz.access",
    "ikz.platform",
    "ikz.profile",
    "ikz.history",
    "ikz.oparl",
    "ikz.api",
    "ikz.search",
    "ikz.portal",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Tells the history (django-simple-history) who made a change; see ikz.tracking.records.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ikz.operations.maintenance.MaintenanceMiddleware",
    # Last, so that a locked-out login is answered before the view runs.
    "axes.middleware.AxesMiddleware",
]

# N+1 detection on every request in development and tests (django-zeal is a dev dependency).
# IKZ_ZEAL_RAISE=1 (set by `make test`) turns a detected N+1 into an error.
if DEV_MODE and importlib.util.find_spec("zeal") is not None:
    INSTALLED_APPS.append("zeal")
    MIDDLEWARE.insert(0, "zeal.middleware.zeal_middleware")
    ZEAL_RAISE = env_flag("IKZ_ZEAL_RAISE")
    # Django's auth views load the user and session twice (middleware, then view); no loop.
    ZEAL_ALLOWLIST = [{"model": "accounts.User"}, {"model": "sessions.Session"}]

ROOT_URLCONF = "ikz.urls"
WSGI_APPLICATION = "ikz.wsgi.application"

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
                "csp.context_processors.nonce",
                "ikz.ui.context_processors.site",
                "ikz.platform.context_processors.operator",
                "ikz.branding.context_processors.header",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
# SQLite by default: zero set-up. WAL lets readers run beside the one writer; IMMEDIATE
# transactions take the write lock at BEGIN so that two writers queue on the busy timeout
# instead of failing with "database is locked" half-way through.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
    }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("IKZ_SQLITE_PATH", str(DATA_DIR / "ikz.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
# Persistent connections: opening one (and running the PRAGMAs) costs a few ms of CPU per
# request; the health check replaces a connection that broke between two requests.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("IKZ_CONN_MAX_AGE", "600"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if env_flag("IKZ_FAST_PASSWORD_HASHER"):
    # Tests only: Argon2 is deliberately slow; the hasher itself is tested separately.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "ui:home"

# Failed logins (see docs/operations.md, "Anmeldeschutz"): five per account, from whatever
# addresses, lock that account for 15 minutes (django-axes); twenty per address, on whatever
# accounts, lock that address (password spraying; ikz.security). A new password set through
# the mailed link lifts the account's lock at once, so a stranger cannot keep its owner out.
AXES_FAILURE_LIMIT = int(os.environ.get("IKZ_LOGIN_FAILURE_LIMIT", "5"))
IKZ_LOGIN_FAILURE_LIMIT_PER_ADDRESS = int(
    os.environ.get("IKZ_LOGIN_FAILURE_LIMIT_PER_ADDRESS", "20")
)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_CLIENT_IP_CALLABLE = "ikz.security.client_ip.axes_client_ip"
# axes.W006 wants the address in AXES_LOCKOUT_PARAMETERS; ikz.security counts it separately.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma separated),
# e.g. IKZ_TRUSTED_PROXIES=127.0.0.1,::1 for nginx on the same machine. Empty: none.
IKZ_TRUSTED_PROXIES = env_list("IKZ_TRUSTED_PROXIES")
# "Passwort vergessen": requests per hour and address, and mails per hour and account.
IKZ_RESET_LIMIT_PER_ADDRESS = int(os.environ.get("IKZ_RESET_LIMIT_PER_ADDRESS", "10"))
IKZ_RESET_LIMIT_PER_ACCOUNT = int(os.environ.get("IKZ_RESET_LIMIT_PER_ACCOUNT", "3"))
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Two-factor log-in (django-otp): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = "IKZ-Cockpit"
AXES_ENABLED = env_flag("IKZ_LOGIN_THROTTLING", default=True)

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Security headers ------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEV_MODE:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_flag("IKZ_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("IKZ_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Everything is served from our own origin; no inline script, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = DEV_MODE
if DEV_MODE:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# KERN UX comes from npm (package.json), never from a CDN. `make install` copies the files the
# pages use into ikz/ui/static/vendor/ (scripts/vendor_static.py), so that a built wheel
# carries them; a source checkout without that copy serves them from node_modules. htmx is
# the copy django-htmx ships (static/django_htmx/htmx-2.min.js, found by the app finder).
NODE_MODULES = Path(os.environ.get("IKZ_NODE_MODULES", BASE_DIR.parent.parent / "node_modules"))
VENDORED_STATIC = BASE_DIR / "ui" / "static" / "vendor"
STATICFILES_DIRS = (
    []
    if (VENDORED_STATIC / "kern" / "kern.min.css").exists()
    else [
        ("vendor/kern", NODE_MODULES / "@kern-ux" / "native" / "dist"),
    ]
)
# Uploaded files (attachments) under IKZ_DATA_DIR/media, never served by a public URL: only
# through ikz.attachments' access-checking view. IKZ_S3_BUCKET switches to an S3-compatible
# store (pip install "ikz-cockpit[s3]"; see docs/attachments.md).
MEDIA_ROOT = Path(os.environ.get("IKZ_MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media-not-served/"
_S3_BUCKET = os.environ.get("IKZ_S3_BUCKET", "")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": _S3_BUCKET,
                "endpoint_url": os.environ.get("IKZ_S3_ENDPOINT_URL") or None,
                "default_acl": "private",
                "querystring_auth": True,
            },
        }
        if _S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEV_MODE
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Mail and background work ----------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEV_MODE
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "IKZ-Cockpit <noreply@localhost>")

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "IKZ_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEV_MODE
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}

# Production logs are JSON lines (ikz.operations.logs); IKZ_LOG_FORMAT=text for plain lines.
LOG_FORMAT = os.environ.get("IKZ_LOG_FORMAT", "text" if DEV_MODE else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ikz.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("IKZ_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
FORM_RENDERER = "ikz.ui.forms.KernFormRenderer"

# --- Attachments (ikz.attachments) -----------------------------------------------------------
IKZ_ATTACHMENT_MAX_BYTES = int(os.environ.get("IKZ_ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))
# "" (Django streams the file), "x-accel" (nginx: X-Accel-Redirect to IKZ_SENDFILE_PREFIX +
# the stored name) or "x-sendfile" (Apache mod_xsendfile, lighttpd: the file's path).
IKZ_SENDFILE = os.environ.get("IKZ_SENDFILE", "")
IKZ_SENDFILE_PREFIX = os.environ.get("IKZ_SENDFILE_PREFIX", "/protected-media/")
