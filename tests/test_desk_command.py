"""`reportgen desk init|adduser` as a bureau runs them (subprocesses: each its own Django), and the
database URL a shared deployment gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.desk.settings import DeskRefused, database_settings
from tests.support.postgres import postgres_url  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent


def _desk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", "desk", *args], input=stdin, capture_output=True,
                          text=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_init_makes_the_data_folder_and_adduser_keeps_an_argon2_hash(tmp_path: Path) -> None:
    import sqlite3

    data = tmp_path / "审核台"
    done = _desk("init", str(data))
    assert done.returncode == 0, done.stderr
    assert (data / "desk.sqlite3").is_file() and oct((data / "secret_key").stat().st_mode & 0o777) == "0o600"
    modes = {name: oct((data / name).stat().st_mode & 0o777) for name in ("", "work", "desk.sqlite3")}
    assert modes == {"": "0o700", "work": "0o700", "desk.sqlite3": "0o600"}  # the owner's alone, whatever the umask
    assert _desk("adduser", str(data), "张三", stdin="short\n").returncode == 2  # under ten characters: refused
    done = _desk("adduser", str(data), "张三", stdin="correct horse battery\n")
    assert done.returncode == 0 and "已添加审核人员：张三" in done.stdout
    with sqlite3.connect(data / "desk.sqlite3") as db:
        (password,) = db.execute("select password from auth_user where username = '张三'").fetchone()
    assert password.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$") and "correct horse" not in password  # Django's cost
    again = _desk("adduser", str(data), "张三", stdin="correct horse battery\n")
    assert again.returncode == 2 and "已有名为“张三”的审核人员" in again.stderr


def test_a_folder_that_is_no_desk_is_refused_with_the_command_to_make_one(tmp_path: Path) -> None:
    done = _desk("serve", str(tmp_path), "--port", "0")
    assert done.returncode == 2 and f"请先运行 reportgen desk init {tmp_path}" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_postgresql_url_names_the_server_and_a_wrong_one_is_refused_without_its_password(tmp_path: Path) -> None:
    db = database_settings(tmp_path, "postgresql://desk:s%40cret@127.0.0.1:5433/reportgen_desk")
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql", "reportgen_desk", "desk", "s@cret", "127.0.0.1", "5433")
    assert database_settings(tmp_path, None)["NAME"] == str(tmp_path / "desk.sqlite3")
    with pytest.raises(DeskRefused) as refused:
        database_settings(tmp_path, "mysql://desk:hunter2@host/db")
    assert "hunter2" not in str(refused.value) and "postgresql://" in str(refused.value)


def test_init_records_the_database_url_so_the_other_commands_need_not_be_given_it(tmp_path: Path,
                                                                                   request: pytest.FixtureRequest) -> None:
    """`desk init DATA --database URL` keeps the URL in DATA (mode 600: it may hold a password); adduser,
    worker and serve then use that server without --database — and an explicit --database still wins."""
    from tests.support.postgres import psycopg

    url: str = request.getfixturevalue("postgres_url")
    data = tmp_path / "审核台"
    done = _desk("init", str(data), "--database", url)
    assert done.returncode == 0, done.stderr
    recorded = data / "database_url"
    assert recorded.read_text(encoding="utf-8").strip() == url and oct(recorded.stat().st_mode & 0o777) == "0o600"
    assert not (data / "desk.sqlite3").exists()
    done = _desk("adduser", str(data), "李四", stdin="correct horse battery\n")  # no --database: the recorded server
    assert done.returncode == 0, done.stderr
    assert not (data / "desk.sqlite3").exists()
    with psycopg().connect(url) as db:
        assert db.execute("select count(*) from auth_user where username = '李四'").fetchone() == (1,)
    assert _desk("worker", str(data), "--once").returncode == 0
    wins = _desk("adduser", str(data), "王五", "--database", "mysql://desk:hunter2@host/db", stdin="correct horse battery\n")
    assert wins.returncode == 2 and "postgresql://" in wins.stderr and "hunter2" not in wins.stderr  # the given one, refused
    refused = _desk("init", str(tmp_path / "另一个"), "--database", "mysql://desk:hunter2@host/db")
    assert refused.returncode == 2 and not (tmp_path / "另一个" / "database_url").exists()
