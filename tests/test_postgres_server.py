"""The PostgreSQL fixture (tests/support/postgres.py) gives a real server: a table made, written and
read back through psycopg, Chinese text and exact decimals intact; its socket and port are its own,
and nothing of it is left once it is stopped."""

from __future__ import annotations

import os
import socket
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import tests.support.postgres as pg
from tests.support.postgres import (
    DATABASE,
    postgres_server,
    postgres_url,  # noqa: F401  (the fixture: a real server)
    psycopg,
)


def test_a_table_is_written_and_read_back(postgres_url):  # noqa: F811
    driver = psycopg()
    with driver.connect(postgres_url) as connection:
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE submission (id serial PRIMARY KEY, unit text NOT NULL, total numeric(20, 2))")
            cursor.execute("INSERT INTO submission (unit, total) VALUES (%s, %s), (%s, %s)",
                           ("上海市普陀区人民政府办公室", Decimal("64840547.00"), "区文化和旅游局", Decimal("0.01")))
        connection.commit()
    with driver.connect(postgres_url) as again, again.cursor() as cursor:  # a second session sees it committed
        cursor.execute("SELECT unit, total FROM submission ORDER BY id")
        assert cursor.fetchall() == [("上海市普陀区人民政府办公室", Decimal("64840547.00")), ("区文化和旅游局", Decimal("0.01"))]
        cursor.execute("SELECT current_database(), inet_server_addr()::text, current_setting('server_version_num')::int")
        database, address, version = cursor.fetchone()
    assert database == DATABASE and address == "127.0.0.1/32" and version >= 130000
    assert urlsplit(postgres_url).hostname == "127.0.0.1"


def test_the_server_listens_only_where_told_and_is_gone_after():
    with postgres_server() as server:  # skips (fails under CI=true) without PostgreSQL, saying why
        port, folder = server.port, server.folder
        sockets = [p.name for p in folder.iterdir() if p.is_socket()]
        assert sockets == [f".s.PGSQL.{port}"]  # the unix socket in the test's folder, not /var/run/postgresql
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        assert server.running()
        if os.geteuid() == 0:  # the server runs as `postgres`, owner of its data
            assert (server.data / "PG_VERSION").stat().st_uid != 0
    assert not folder.exists()
    refused = socket.socket()
    try:
        assert refused.connect_ex(("127.0.0.1", port)) != 0  # stopped
    finally:
        refused.close()


def test_a_failed_start_leaves_nothing(monkeypatch, tmp_path):
    """A server that cannot start (its data folder unusable) fails the test with pg_ctl's words,
    and the folder made for it is removed all the same."""
    made: list[Path] = []
    real = pg.Server.initdb

    def broken(self):
        made.append(self.folder)
        real(self)
        (self.data / "postgresql.conf").write_text("this is not a setting\n")

    monkeypatch.setattr(pg.Server, "initdb", broken)
    with pytest.raises(pytest.fail.Exception, match="pg_ctl start failed"):
        with postgres_server():
            pass
    assert made and not made[0].exists()


@pytest.mark.parametrize(("ci", "outcome"), [("", pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_without_postgresql_skipped_locally_failed_on_ci(monkeypatch, ci, outcome):
    monkeypatch.setattr(pg, "bindir", lambda: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="apt install postgresql"):
        with postgres_server():
            pass
