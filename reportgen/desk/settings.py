"""The desk's Django configuration, made in code (no settings module on disk): its data folder holds
desk.sqlite3 (the embedded database), store/ (the content-addressed files), work/ (where a worker
reviews a stored file) and secret_key; ``--database postgresql://user:password@host:port/name`` puts
the tables on a PostgreSQL server for a shared deployment (the store stays in the data folder).

Passwords are hashed with Argon2 (argon2-cffi, memory-hard); sessions are kept in the database;
every POST carries Django's CSRF token; the pages are Jinja2 templates (templates/desk/)."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from reportgen.base.errors import ReportgenError
from reportgen.base.locations import DEFAULT_TEMPLATES
from reportgen.base.oserrors import reason

DATABASE_FILE = "desk.sqlite3"
SECRET_FILE = "secret_key"
DATABASE_URL_FILE = "database_url"  # `desk init --database URL`: the server serve, worker and adduser then use
MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # a department's PDF is a few MB; a workbook less
PASSWORD_COST = (2, 102400, 8)  # Argon2's time cost, memory (KiB) and parallelism: Django's (record/passwords.py)
_SCHEMES = ("postgresql", "postgres")


class DeskRefused(ReportgenError):
    """The desk cannot start or do what it was asked (a Chinese message): exit 2."""

    exit_code = 2


def database_settings(data: Path, url: str | None) -> dict[str, Any]:
    """Django's DATABASES["default"]: SQLite in the data folder, or the PostgreSQL server of ``url``."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data / DATABASE_FILE),
                # one writer at a time, waited for (workers and the web server share the file); WAL lets pages read meanwhile
                "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}}
    parts = urlsplit(url)
    if parts.scheme not in _SCHEMES or not parts.path.strip("/"):
        raise DeskRefused(f"--database {_shown(url)}：应为 postgresql://用户:密码@主机:端口/数据库名")
    return {"ENGINE": "django.db.backends.postgresql", "NAME": unquote(parts.path.strip("/")),
            "USER": unquote(parts.username or ""), "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "", "PORT": str(parts.port or ""), "CONN_MAX_AGE": 0}


def _shown(url: str) -> str:
    """The URL as told in a message: its password left out."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@")


def secret_key(data: Path) -> str:
    """The key that signs the desk's sessions and CSRF tokens, made at ``desk init`` (readable by its owner alone)."""
    path = data / SECRET_FILE
    if not path.is_file():
        raise DeskRefused(f"{data} 不是审核台的数据文件夹（没有 {SECRET_FILE}）：请先运行 reportgen desk init {data}")
    return path.read_text(encoding="ascii").strip()


def make_secret(data: Path) -> None:
    data.mkdir(mode=0o700, parents=True, exist_ok=True)
    (data / "work").mkdir(mode=0o700, exist_ok=True)
    path = data / SECRET_FILE
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(50))


def record_database(data: Path, url: str) -> None:
    """The database URL ``desk init --database`` was given, kept in the data folder (readable by its owner
    alone: it may hold the password) for serve, worker and adduser; a URL that is none is refused first."""
    database_settings(data, url)
    data.mkdir(parents=True, exist_ok=True)
    path = data / DATABASE_URL_FILE
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # a file left by an earlier init keeps no wider mode
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(url + "\n")


def recorded_database(data: Path) -> str | None:
    """The database URL ``desk init --database`` recorded in ``data``; None: the folder's own SQLite."""
    try:
        return (data / DATABASE_URL_FILE).read_text(encoding="utf-8").strip() or None
    except (FileNotFoundError, NotADirectoryError):  # no such folder: secret_key tells it is no desk
        return None
    except OSError as exc:
        raise DeskRefused(f"读不了 {data / DATABASE_URL_FILE}（desk init --database 记下的数据库）：{reason(exc)}") from None
    except UnicodeDecodeError:
        raise DeskRefused(f"{data / DATABASE_URL_FILE}（desk init --database 记下的数据库）不是 UTF-8 文本："
                          f"请用 reportgen desk init {data} --database URL 重新记下") from None


@dataclass(frozen=True)
class Site:
    """Where the desk is reached: the host names it answers to (any other Host header is refused: 400) and the
    address its submission links are built on (never the Host a request was sent with)."""

    hosts: tuple[str, ...]
    address: str


LOCAL = ("localhost", "127.0.0.1", "[::1]")
_ANY = ("", "0.0.0.0", "::", "[::]")  # noqa: S104 - the addresses that mean every interface, told apart


def site_of(host: str, port: int, names: Sequence[str] = ()) -> Site:
    """The site of `desk serve --host HOST --port PORT --name NAME…`: each name a host name or address the desk is
    reached by, or the address itself (``https://desk.example.gov.cn``: behind a proxy); the links on the first,
    else on HOST (the machine's name when HOST is every interface); this machine's own names answer too."""
    if not names:
        names = [socket.gethostname() if host in _ANY else host]
    hosts = [_host_of(name) for name in names]
    first = names[0]
    address = first.rstrip("/") if "://" in first else f"http://{hosts[0]}" + ("" if port == 80 else f":{port}")
    return Site(tuple(dict.fromkeys([*hosts, *LOCAL])), address)


def _host_of(name: str) -> str:
    """The host a --name names (a host name, an address, or an http(s) address's host; an IPv6 address bracketed)."""
    parts = urlsplit(name if "://" in name else f"//{name}")
    if not parts.hostname or (parts.scheme or "http") not in ("http", "https"):
        raise DeskRefused(f"--name {name}：应为主机名或地址（如 desk.example.gov.cn），或网址（如 https://desk.example.gov.cn）")
    return f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname


def configure(data: Path, database: str | None = None, *, debug: bool = False, site: Site | None = None,
              password_cost: tuple[int, int, int] = PASSWORD_COST) -> None:
    """Django configured for the desk of ``data`` and set up (once in a process): on the server of
    ``database``, else the one ``desk init --database`` recorded in ``data``, else its SQLite; reached at
    ``site`` (by default this machine alone); new passwords hashed at ``password_cost`` (the commands: PASSWORD_COST)."""
    import django  # deferred: Django only for the desk (90 ms)
    from django.conf import settings  # deferred: with Django

    if settings.configured:
        return
    database = database or recorded_database(data)
    settings.configure(**_settings(data, database, debug, site or Site(LOCAL, "http://localhost")),
                       DESK_PASSWORD_COST=password_cost)
    owner_only(data, sqlite=database is None)
    django.setup()


def owner_only(data: Path, *, sqlite: bool) -> None:
    """The data folder readable by its owner alone — the folder, its store and work folders (0700), the store's
    files and the database (0600, the store's read-only: 0400) — however an earlier version or the umask left
    them; an SQLite database made empty here at 0600 before SQLite opens it (its journal files take its mode)."""
    database = data / DATABASE_FILE
    if sqlite and not database.exists():
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    folders = [data, data / "work", data / "store", *(data / "store").glob("??")]
    files = [data / f"{DATABASE_FILE}{end}" for end in ("", "-wal", "-shm", "-journal")]
    for path, mode in [*((f, 0o700) for f in folders), *((f, 0o600) for f in files),
                       *((f, 0o400) for f in (data / "store").glob("??/*"))]:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, mode)


def _settings(data: Path, database: str | None, debug: bool, site: Site) -> dict[str, Any]:
    return {
        "DEBUG": debug, "SECRET_KEY": secret_key(data), "ALLOWED_HOSTS": list(site.hosts), "DESK_ADDRESS": site.address,
        "ROOT_URLCONF": "reportgen.desk.urls",
        "USE_TZ": True, "TIME_ZONE": "Asia/Shanghai", "LANGUAGE_CODE": "zh-hans", "USE_I18N": False,
        "INSTALLED_APPS": ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
                           "reportgen.desk.record.apps.DeskConfig"],
        "MIDDLEWARE": ["django.middleware.security.SecurityMiddleware",
                       "django.contrib.sessions.middleware.SessionMiddleware",
                       "django.middleware.csrf.CsrfViewMiddleware",
                       "django.contrib.auth.middleware.AuthenticationMiddleware",
                       "django.middleware.clickjacking.XFrameOptionsMiddleware",
                       "reportgen.desk.web.failures.error_pages", "reportgen.desk.web.failures.known_host",
                       "reportgen.desk.web.bounded.bounded_body"],
        "DATABASES": {"default": database_settings(data, database)},
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "PASSWORD_HASHERS": ["reportgen.desk.record.passwords.DeskArgon2PasswordHasher"],
        "SESSION_COOKIE_HTTPONLY": True, "SESSION_COOKIE_SAMESITE": "Lax", "CSRF_COOKIE_SAMESITE": "Lax",
        "CSRF_FAILURE_VIEW": "reportgen.desk.web.views.csrf_failure",
        "LOGIN_URL": "/login", "DATA_UPLOAD_MAX_MEMORY_SIZE": 2 * 1024 * 1024,
        "FILE_UPLOAD_MAX_MEMORY_SIZE": 2 * 1024 * 1024, "FILE_UPLOAD_TEMP_DIR": str(data / "work"),
        "TEMPLATES": [{"BACKEND": "django.template.backends.jinja2.Jinja2", "DIRS": [str(DEFAULT_TEMPLATES / "desk"), str(DEFAULT_TEMPLATES)],
                       "OPTIONS": {"environment": "reportgen.desk.web.pages.environment"}}],
        "DESK_DATA": str(data), "DESK_MAX_UPLOAD": MAX_UPLOAD_BYTES,
        "LOGGING_CONFIG": None,
    }
