"""Suar's one settings module: everything comes from environment variables with safe defaults."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from suar.datadir import data_dir, ensure_data_dir

PACKAGE_DIR = Path(__file__).resolve().parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = data_dir()
DEBUG = env_flag("SUAR_DEBUG", False)
# Behind TLS (the production default): secure cookies, HSTS and redirects. `suar demo` and the
# tests turn it off because they serve plain HTTP on localhost.
HTTPS = env_flag("SUAR_HTTPS", not DEBUG)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else generated once and kept in the data dir."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    ensure_data_dir(DATA_DIR)
    path = DATA_DIR / "secret_key"
    try:
        if path.exists():
            return path.read_text().strip()
        # Written whole under a private name, then linked into place: several processes
        # starting at once on a new data dir (web, worker, two ingesters) must all end up
        # with the same key, and none may read a file another is still writing.
        key = secrets.token_urlsafe(64)
        fd, tmp = tempfile.mkstemp(dir=DATA_DIR, prefix=".secret_key-")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(key)
            os.link(tmp, path)
        except FileExistsError:
            return path.read_text().strip()
        finally:
            os.unlink(tmp)
        return key
    except OSError as exc:
        raise ImproperlyConfigured(
            f"cannot keep the secret key in {path}: {exc.strerror}. "
            "Set SUAR_DATA_DIR to a writable folder or SECRET_KEY in the environment."
        ) from exc


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("SUAR_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("SUAR_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SUAR_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs (Swagger UI) from local static files, not a CDN
    "axes",
    "django_tasks",
    "django_tasks_db",
    "suar.core",
    "suar.accounts",
    "suar.community",
    "suar.qa",
    "suar.challenges",
    "suar.polls",
    "suar.moderation",
    "suar.studio",
    "suar.publishing",
    "suar.campaigns",
    "suar.help",
    "suar.analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "suar.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "suar.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "suar.urls"
WSGI_APPLICATION = "suar.wsgi.application"
ASGI_APPLICATION = "suar.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "suar.accounts.context_processors.roles",
            ],
        },
    },
]


def _databases() -> dict[str, dict[str, object]]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except Exception as exc:  # dj_database_url raises several types for bad URLs
            raise ImproperlyConfigured(
                f"DATABASE_URL is not a database URL Suar understands ({exc}). "
                "Use postgres://USER:PASSWORD@HOST:5432/NAME or sqlite:////path/to/file.sqlite3"
            ) from exc
        if not config.get("ENGINE"):
            raise ImproperlyConfigured("DATABASE_URL names no database engine.")
        return {"default": dict(config)}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "suar.sqlite3",
            # Each server thread keeps its connection: opening one and running the PRAGMAs
            # below costs more than a whole page's queries.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers run while the worker writes; IMMEDIATE takes the write lock
                # at BEGIN so concurrent writers wait (busy timeout) instead of failing.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }


DATABASES = _databases()
# Per process; the story-card cache wants more than Django's default 300 entries.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "suar.accounts.backends.RoleAdminBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Log-in throttling: 5 failures for one username from one address lock that pair for 15 minutes.
# Successful log-ins are not recorded (collect the least).
AXES_FAILURE_LIMIT = int(os.environ.get("SUAR_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "suar_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = os.environ.get("SUAR_TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_flag("SUAR_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("SUAR_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = os.environ.get(
    "SUAR_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("SUAR_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SUAR_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("SUAR_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SUAR_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_flag("SUAR_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("SUAR_FROM_EMAIL", "Suar <noreply@localhost>")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_flag("SUAR_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a one-way decision for the operator's domain, not a default we can take.
    "security.W021",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("SUAR_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

if not DEBUG and not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is empty.")
