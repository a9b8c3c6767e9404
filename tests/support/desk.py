"""The desk under test: one data folder per test process (Django is configured once a process), its
database SQLite by default — or the server of ``REPORTGEN_DESK_DATABASE`` (postgresql://…), so the same
tests run on PostgreSQL — with a reviewer's account; and the steps a reviewer and a department take,
through Django's test client with CSRF checks on (a browser's behaviour)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

REVIEWER, PASSWORD = "审核员甲", "correct horse battery staple"
HEADER = ["单位名称", "类型", "主管部门", "批复日期", "公开日期", "年度"]
# Argon2 at its least (time 1, 8 KiB a lane, one lane): the reviewer's hash is made and checked as the desk does,
# in microseconds — at the desk's cost (settings.PASSWORD_COST) a sign-in is 0.27 CPU-s, and these tests sign in
# hundreds of times. test_desk_command's adduser keeps a hash at the desk's own cost.
PASSWORD_COST = (1, 8, 1)


@dataclass
class Site:
    data: Path
    database: str | None

    def client(self):  # type: ignore[no-untyped-def]
        from django.test import Client

        return Client(enforce_csrf_checks=True)

    def signed_in(self):  # type: ignore[no-untyped-def]
        client = self.client()
        client.get("/login")
        response = client.post("/login", {"username": REVIEWER, "password": PASSWORD, **token(client)})
        assert response.status_code == 302, response.content.decode()
        return client

    def others_set_aside(self) -> None:
        """The reviews other tests of this process left queued or claimed set aside (done, unreviewed): a test that
        counts the reviews its own submissions caused counts only those, whatever ran before it in the process. A
        claimed job is one too: a worker claims it again once its lease runs out (test_desk_season leaves two leased
        for a minute to fictitious workers; a loaded machine reached the next desk file after that minute, and its
        worker reviewed 3, not 1)."""
        from reportgen.desk.record.models import DONE, QUEUED, RUNNING, Job

        Job.objects.filter(state__in=[QUEUED, RUNNING]).update(state=DONE)

    def work(self) -> int:
        """Every queued review done by a worker in this process (the same code the worker process runs)."""
        from datetime import timedelta

        from reportgen.desk.queue import worker

        return worker.run(self.data, timedelta(seconds=60), poll=0.1, once=True)


def token(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The CSRF field a page's form carries (the cookie's token, as Django's csrf_input writes it)."""
    return {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}


def seen(client, submission: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The CSRF field and the page's version (``seen``: its last event) a document page's forms carry, as the
    reviewer's browser sends them once the page is open."""
    page = client.get(f"/document/{submission}").content.decode()
    found = re.search(r'name="seen" value="(\d+)"', page)
    assert found, page
    return {"seen": found.group(1), **token(client)}


def submit(client, link: str, path: Path, name: str = "", *beside: Path):  # type: ignore[no-untyped-def]
    """A department's upload of the file at ``path`` through its link (sent as ``name``, else its own), with the
    files ``beside`` it where one disclosure is sent in several (chosen at once in the form's file field)."""
    import io

    client.get(link)
    uploads = []
    for number, each in enumerate((path, *beside)):
        upload = io.BytesIO(each.read_bytes())
        upload.name = (name or path.name) if number == 0 else each.name
        uploads.append(upload)
    return client.post(link + "/upload", {"document": uploads if beside else uploads[0], **token(client)})


def roster_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(",".join(row) for row in [HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def import_roster(client, path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The roster imported through the register's form: each new row's submission link (its path)."""
    client.get("/register")
    with open(path, "rb") as roster:
        response = client.post("/roster", {"roster": roster, **token(client)})
    assert response.status_code == 200, response.content.decode()
    page = response.content.decode()
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>[^<]*</td><td><a class="link" href="http://testserver(/s/[^"]+)"', page)
    return dict(rows)


@pytest.fixture(scope="session")
def desk_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    from reportgen.desk import settings

    data = tmp_path_factory.mktemp("desk")
    database = os.environ.get("REPORTGEN_DESK_DATABASE") or None
    settings.make_secret(data)
    settings.configure(data, database, site=settings.site_of("testserver", 80),  # the test client's Host
                       password_cost=PASSWORD_COST)
    from django.contrib.auth.models import User
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    User.objects.create_user(REVIEWER, password=PASSWORD)
    return Site(data, database)
