"""The one settings module, steered by environment variables.

With nothing set it is a working single-machine site: SQLite (WAL) and files under the data folder,
background jobs in the database queue, e-mail written to a local outbox. See the README's
configuration table for every variable.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key_from_environment() -> str:
    """SECRET_KEY, or the first line of the file SECRET_KEY_FILE names (e.g. a systemd credential); else empty."""
    if key := os.environ.get("SECRET_KEY", "").strip():
        return key
    if path := os.environ.get("SECRET_KEY_FILE", "").strip():
        return Path(path).read_text().strip()
    return ""


def load_secret_key(data_dir: Path) -> str:
    """SECRET_KEY from the environment, or one generated once and kept in the data folder (one machine only:
    `rapfang serve` refuses a generated key in production, core.deployment)."""
    if key := secret_key_from_environment():
        return key
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def s3_storage(bucket: str) -> dict[str, Any]:
    """Files in an S3-compatible object store shared by every machine (RAPFANG_S3_*); never public: the bucket
    stays private and every download goes through the site's views (decision 14)."""
    from botocore.config import Config

    endpoint = os.environ.get("RAPFANG_S3_ENDPOINT") or None
    config = Config(
        s3={"addressing_style": "path" if endpoint else "auto"}, signature_version="s3v4",
        connect_timeout=3, read_timeout=30, retries={"max_attempts": 3, "mode": "standard"},
    )  # fmt: skip
    options = {
        "bucket_name": bucket, "endpoint_url": endpoint, "region_name": os.environ.get("RAPFANG_S3_REGION") or None,
        "access_key": os.environ.get("RAPFANG_S3_ACCESS_KEY") or None,
        "secret_key": os.environ.get("RAPFANG_S3_SECRET_KEY") or None,
        "location": os.environ.get("RAPFANG_S3_PREFIX", "").strip("/"), "file_overwrite": False,
        "default_acl": None, "querystring_expire": 60, "client_config": config,
    }  # fmt: skip
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


DATA_DIR = Path(os.environ.get("RAPFANG_DATA_DIR", "var")).resolve()
SECRET_KEY = load_secret_key(DATA_DIR)
SECRET_KEY_FROM_ENVIRONMENT = bool(secret_key_from_environment())
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")  # earlier keys, accepted while links made with them live
DEBUG = env_bool("RAPFANG_DEBUG")
# A development machine (`make run`): the data folder may hold the secret key, and `rapfang serve` migrates.
DEVELOPMENT = DEBUG or env_bool("RAPFANG_DEVELOPMENT")
# How many app machines serve this site; more than one (or REDIS_URL) is a site on many machines (core.deployment).
INSTANCES = int(os.environ.get("RAPFANG_INSTANCES", "1"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("RAPFANG_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rapfang.core",
    "rapfang.accounts",
    "rapfang.consultations",
    "rapfang.documents",
    "rapfang.hearings",
    "rapfang.comments",
    "rapfang.questionnaires",
    "rapfang.analysis",
    "rapfang.reports",
    "rapfang.participation",
    "rapfang.portal",
    "rapfang.workspace",
    "rapfang.api",
]

MIDDLEWARE = [
    "rapfang.core.arrival.ArrivalMiddleware",  # the moment the request arrived, before anything else (decision 19)
    "rapfang.core.health.HealthMiddleware",  # /healthz and /readyz: before redirects, host checks and sessions
    "rapfang.core.metrics.MetricsMiddleware",  # counts every answer; /metrics for its token, also before redirects
    "rapfang.core.overload.OverloadMiddleware",  # 503 at once past the requests a process serves promptly
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "rapfang.api.middleware.ApiLanguageMiddleware",
    "rapfang.core.malformed.MalformedInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rapfang.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "rapfang.core.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "rapfang.urls"
WSGI_APPLICATION = "rapfang.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "portal:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

# --- Database: SQLite in the data folder unless DATABASE_URL says otherwise -----------------------
# synchronous=FULL: every commit is on disk before the answer (a receipt) leaves, through a power cut too; about
# 0.2 ms a commit here against 0.02 ms with NORMAL, which keeps commits only through a crash of the process.
SQLITE_PRAGMAS = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'rapfang.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": SQLITE_PRAGMAS,
    }
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
else:  # a database that does not answer is given up on after a few seconds (503), not waited on for minutes
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set (the site works on while Redis is away), else this process's memory --
# Every key starts with the prefix, so that two sites can share one Redis; by default the site's host name.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_PREFIX = os.environ.get("RAPFANG_CACHE_PREFIX") or f"rapfang:{urlsplit(SITE_URL).netloc or 'site'}"
CACHES = {
    "default": (
        {"BACKEND": "rapfang.core.cache.TolerantRedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": CACHE_PREFIX}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rapfang",
            "KEY_PREFIX": CACHE_PREFIX,
        }
    )
}
# Sessions: the database, with a copy in Redis when there is one. Never a copy in each process's memory, where
# a session ended by one process (a logout) would live on in the others.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
# API keys are remembered in a cache every process shares, where a revocation reaches them all at once; and by each
# process for a second, so that a revocation elsewhere reaches it within that second (accounts.selectors).
APIKEY_CACHE_SECONDS = 30 if REDIS_URL else 0
APIKEY_LOCAL_SECONDS = 1.0

# --- Background jobs: the database queue; RAPFANG_TASKS=immediate runs them inline ----------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("RAPFANG_TASKS") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# --- Language and time ----------------------------------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"  # never served as a folder: downloads go through counting views
STORAGES = {
    "default": s3_storage(S3_BUCKET)
    if (S3_BUCKET := os.environ.get("RAPFANG_S3_BUCKET", ""))
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "rapfang.core.staticfiles.SiteStaticFilesStorage"
        )
    },
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = False
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Mail: SMTP when EMAIL_HOST is set, else files in the outbox ----------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "outbox"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rapfang <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security: HTTPS settings switch on with RAPFANG_HTTPS=1 ---------------------------------------
HTTPS = env_bool("RAPFANG_HTTPS")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("RAPFANG_BEHIND_PROXY") else None
# Reverse proxies in front of the site that append to X-Forwarded-For; the client is the Nth address from the right.
TRUSTED_PROXIES = int(os.environ.get("RAPFANG_TRUSTED_PROXIES", "0"))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSP_DOCS_PATH = "/api/v1/docs"  # the Swagger UI page keeps its own, looser policy (core.csp)
SESSION_COOKIE_HTTPONLY = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- The law: the shortest comment period a hearing may have, in days ---------------------------------
LEGAL_MINIMUM_DAYS = int(os.environ.get("RAPFANG_LEGAL_MINIMUM_DAYS", "15"))
# Days after the comment period closes from which the staff home reminds organisers that no results are published.
RESULTS_DUE_DAYS = int(os.environ.get("RAPFANG_RESULTS_DUE_DAYS", "30"))

# --- Staff invitations: days an invitation's link works ---------------------------------------------
INVITATION_DAYS = int(os.environ.get("RAPFANG_INVITATION_DAYS", "7"))

# --- Personal data: registrants' details are emptied this many days after their event ------------------
REGISTRATION_RETENTION_DAYS = int(os.environ.get("RAPFANG_REGISTRATION_RETENTION_DAYS", "90"))
# ... and commenters' names and e-mail addresses this many days after the comment period closes (the texts stay)
COMMENT_RETENTION_DAYS = int(os.environ.get("RAPFANG_COMMENT_RETENTION_DAYS", "90"))

# --- Erasure under the PDPA: what else `comments.moderation.comment_erase` calls, in its transaction, to remove a
# comment's copies (core and comments import no app above them) ----------------------------------------
ERASURE_STEPS = [
    "rapfang.analysis.services.analysis_comment_forget",
    "rapfang.reports.services.erasure.reports_comment_erased",
]

# --- The event's printed reply form: what else it carries, each a function of the consultation returning a part
# (title, intro, questions with the boxes to tick) or None; hearings imports no app above it ----------------------
REPLY_FORM_PARTS = ["rapfang.questionnaires.printouts.reply_form_part"]

# --- Daily jobs: queued by `rapfang worker` once a day, at the first check after this hour (Bangkok time) ---
DAILY_JOBS = [
    "rapfang.hearings.tasks.reminders_send",
    "rapfang.hearings.tasks.registrations_purge",
    "rapfang.documents.tasks.pending_drafts_purge",
    "rapfang.comments.tasks.commenters_purge",
    "rapfang.participation.tasks.follows_purge",
    "rapfang.questionnaires.tasks.answerers_purge",
]
DAILY_JOBS_HOUR = int(os.environ.get("RAPFANG_DAILY_JOBS_HOUR", "6"))
# Called by each job worker every second (core.polling): the registrants' mail outbox.
POLLED_JOBS = [
    "rapfang.hearings.services.outbox.mail_outbox_flush",
    "rapfang.participation.alerts.alerts_poll",  # followers' alerts and "your comment was counted", once each
    "rapfang.comments.followup.comments_followup_poll",  # taken comments' search entries and receipt mails
]
# A comment's search entry and receipt mail right after its intake commits, in the request, instead of from the
# worker (decision 22): with RAPFANG_TASKS=immediate, as the tests run.
COMMENT_FOLLOWUP_INLINE = os.environ.get("RAPFANG_TASKS") == "immediate"
# Send queued mail at once instead of from the worker: with RAPFANG_TASKS=immediate, as the tests run.
MAIL_OUTBOX_INLINE = os.environ.get("RAPFANG_TASKS") == "immediate"

# --- Rate limits: "requests/seconds", several separated by commas (a burst within a longer limit) ---------
# Counted in Redis when REDIS_URL is set, else in the database: shared by every process and machine.
RATE_LIMIT_ANONYMOUS = os.environ.get("RAPFANG_RATE_LIMIT_ANONYMOUS", "300/60,3000/3600")  # per address and kind
RATE_LIMIT_API_KEY = os.environ.get("RAPFANG_RATE_LIMIT_API_KEY", "600/60")
RATE_LIMIT_IDENTITY = os.environ.get("RAPFANG_RATE_LIMIT_IDENTITY", "30/3600,100/86400")  # per e-mail or telephone
RATE_LIMIT_MAIL = os.environ.get("RAPFANG_RATE_LIMIT_MAIL", "10/3600,30/86400")  # mail caused to one address
RATE_LIMIT_LOOKUP = os.environ.get("RAPFANG_RATE_LIMIT_LOOKUP", "120/60,1200/3600")  # receipt lookups per address
# Logins (accounts.throttle, decision 11): tries from an unknown address; wrong passwords per account and origin;
# wrong passwords per account, past which only known browsers and addresses may try; password checks a minute
# for unknown origins on the whole site; wrong codes of the second factor per account.
RATE_LIMIT_LOGIN_ADDRESS = os.environ.get("RAPFANG_RATE_LIMIT_LOGIN_ADDRESS", "20/60,100/3600")
RATE_LIMIT_LOGIN_FAILURES = os.environ.get("RAPFANG_RATE_LIMIT_LOGIN_FAILURES", "5/900")
RATE_LIMIT_LOGIN_ACCOUNT = os.environ.get("RAPFANG_RATE_LIMIT_LOGIN_ACCOUNT", "20/900")
RATE_LIMIT_LOGIN_SITE = os.environ.get("RAPFANG_RATE_LIMIT_LOGIN_SITE", "30/60")
RATE_LIMIT_LOGIN_CODE = os.environ.get("RAPFANG_RATE_LIMIT_LOGIN_CODE", "5/900")

# --- Overload (core.overload, decision 19): requests one web server process serves at once; a request that finds
# them all taken waits at most RAPFANG_QUEUE_WAIT seconds for one, then is answered 503 with Retry-After.
# `rapfang serve` gives each process more threads than this, so that the refusal is immediate (cli). A few: the
# process runs Python on one core at a time, and more requests at once only wait longer for it (decision 25).
MAX_IN_FLIGHT = int(os.environ.get("RAPFANG_MAX_IN_FLIGHT") or "8")
QUEUE_WAIT_SECONDS = float(os.environ.get("RAPFANG_QUEUE_WAIT", "0.25"))
OVERLOAD_RETRY_AFTER = int(os.environ.get("RAPFANG_OVERLOAD_RETRY_AFTER", "5"))  # spread over 1-2 times this
# While a process refuses more than it lets in, the pause grows with the crowd, up to this (spread up to twice it).
OVERLOAD_RETRY_MAX = int(os.environ.get("RAPFANG_OVERLOAD_RETRY_MAX", "60"))
# A submission refused for overload carries its arrival in a signed token; sent again with it within this many
# seconds, it is judged on its first arrival (decision 21).
ARRIVAL_TOKEN_MAX_AGE = int(os.environ.get("RAPFANG_ARRIVAL_TOKEN_MAX_AGE", "1800"))
# Behind our own nginx, which stamps every request with the moment it had read it (`X-Request-Start: t=$msec`,
# overwriting what a client sent), a request arrived then, not when a thread of ours took it (decision 21's
# addendum). A stamp later than ours (a clock ahead), or more than PROXY_ARRIVAL_MAX_WAIT earlier, is ignored.
PROXY_ARRIVAL = env_bool("RAPFANG_PROXY_ARRIVAL")
PROXY_ARRIVAL_MAX_WAIT = 120  # seconds: more than the shipped proxy lets a POST wait (connect 5 s, answer 60 s)
# PostgreSQL: one pool of connections per process, bounded by the requests the process serves at once (plus a few for
# health checks and the metrics), so that a crowd never asks the database for more connections than it allows
# (psycopg_pool; Django's persistent connections are off with it). RAPFANG_DB_POOL=0 turns it off.
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3" and os.environ.get("RAPFANG_DB_POOL", "1") != "0":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": 1,
        "max_size": (MAX_IN_FLIGHT or 60) + 4,
        "timeout": float(os.environ.get("RAPFANG_DB_POOL_WAIT", "2")),
    }

# --- Second factor: administrators must use one on a production site (RAPFANG_HTTPS=1); others may -------
ADMIN_SECOND_FACTOR = HTTPS

# --- Public pages ---------------------------------------------------------------------------------
PAGE_CACHE_SECONDS = int(os.environ.get("RAPFANG_PAGE_CACHE_SECONDS", "30"))
VIEW_COUNT_FLUSH_SECONDS = float(os.environ.get("RAPFANG_VIEW_COUNT_FLUSH_SECONDS", "2"))

# --- Operations: Prometheus metrics at /metrics for a bearer token (unset: no /metrics); logs as JSON lines ------
METRICS_TOKEN = os.environ.get("RAPFANG_METRICS_TOKEN", "")
METRICS_FIGURES = [
    "rapfang.hearings.metrics.outbox_figures",
    "rapfang.comments.followup.followup_figures",
]  # the apps' figures of the site's state
LOG_FORMAT = "json" if os.environ.get("RAPFANG_LOG_FORMAT", "").strip().lower() == "json" else "plain"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "rapfang.core.logjson.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("RAPFANG_LOG_LEVEL", "INFO")},
    # Django logs every 4xx answer as a warning: a comment refused after the close, a mistyped address. They are
    # the client's doing and are in the access log with their status; a crowd at the close would write thousands of
    # lines. Only server errors (5xx, with their traceback) go to this log.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "django.request": {"level": "ERROR"}},
}
