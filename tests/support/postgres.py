"""A real PostgreSQL server for the tests, started from the machine's own binaries and removed after.

``postgres_url`` (session scope: one server per test process, so per pytest-xdist worker) finds the
server's programs (``pg_config --bindir``, else the newest /usr/lib/postgresql/*/bin), makes a
cluster with initdb in a fresh temporary folder, starts it on a free port of 127.0.0.1 with its unix
socket in that folder (no other socket, no other address), creates a database and yields its URL:
``postgresql://postgres@127.0.0.1:PORT/reportgen_test``. At the end (and when anything on the way
fails) the server is stopped and the folder removed.

PostgreSQL refuses to run as root: run as root (as these machines are), every server program runs
as the system user ``postgres`` (``runuser -u postgres --``, the folder handed to that user);
otherwise as the user running the tests. Trust authentication is safe here: the server listens on
127.0.0.1 only and its socket lies in a folder only its user can enter.

Without PostgreSQL (or its ``postgres`` user, run as root) the tests that use it are skipped with
the reason, and fail under CI=true (tests/clients.unavailable): scripts/setup installs Debian's
``postgresql``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from tests.clients import unavailable

DATABASE = "reportgen_test"
SUPERUSER = "postgres"
START_WAIT = 60  # seconds pg_ctl waits for the server to accept connections
ATTEMPTS = 3  # a free port taken by another process between choosing it and binding it: try again
# A throwaway cluster: nothing to keep across a crash, so nothing is flushed to disk.
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def bindir() -> Path | None:
    """The folder of initdb, pg_ctl and postgres: pg_config's answer, else the newest Debian one."""
    candidates: list[Path] = []
    if shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            done = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, timeout=30)
            if done.returncode == 0 and done.stdout.strip():
                candidates.append(Path(done.stdout.strip()))
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: _version(Path(p).parent.name), reverse=True)
    candidates.extend(Path(p) for p in versions)
    for folder in candidates:
        if all((folder / name).is_file() and os.access(folder / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """One cluster in ``folder`` (data/, server.log and the socket), its programs in ``bin``, run as
    ``as_user`` (a prefix for every command: runuser when the tests run as root)."""

    bin: Path
    folder: Path
    as_user: list[str]
    port: int = 0

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.as_user, str(self.bin / program), *args], capture_output=True, text=True,
                              timeout=START_WAIT + 30, cwd=self.folder, env=_plain_environment())

    def initdb(self) -> None:
        done = self.run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
                        "--no-locale", "--no-sync")
        if done.returncode != 0:
            raise ServerFailed(f"initdb failed ({done.returncode}):\n{done.stdout}{done.stderr}")

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} {FAST}"
        done = self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", str(START_WAIT),
                        "start")
        if done.returncode != 0:
            raise ServerFailed(f"pg_ctl start failed ({done.returncode}):\n{done.stdout}{done.stderr}\n{self.log_tail()}")

    def create_database(self) -> None:
        done = self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, DATABASE)
        if done.returncode != 0:
            raise ServerFailed(f"createdb failed ({done.returncode}):\n{done.stdout}{done.stderr}")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def stop(self) -> None:
        """Stop the server (fast shutdown: open sessions are ended), waiting until it has."""
        if self.running():
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", str(START_WAIT), "stop")
        if self.running():  # it did not stop: end the postmaster, by the id it wrote
            with contextlib.suppress(OSError, ValueError, IndexError):
                pid = int((self.data / "postmaster.pid").read_text().splitlines()[0])
                os.kill(pid, 9)

    def log_tail(self) -> str:
        try:
            return "server log:\n" + "\n".join(self.log.read_text(errors="replace").splitlines()[-20:])
        except OSError:
            return "(no server log)"


class ServerFailed(Exception):
    """The server could not be made or started: the message holds what its programs said."""


def _plain_environment() -> dict[str, str]:
    """This environment without the PG* variables a developer's shell may set (PGDATA, PGPORT …),
    which would send the programs to another cluster."""
    return {key: value for key, value in os.environ.items() if not key.startswith("PG")}


def _as_user() -> tuple[list[str], int | None]:
    """The prefix that runs a server program as a user PostgreSQL accepts, and that user's id when
    it is not this process's; skipped (failed under CI=true) when there is none."""
    if os.geteuid() != 0:
        return [], None
    try:
        uid = pwd.getpwnam("postgres").pw_uid
    except KeyError:
        unavailable("PostgreSQL test runs as root and needs the system user `postgres` (apt install postgresql)")
    runuser = shutil.which("runuser")
    if runuser is None:
        unavailable("PostgreSQL test runs as root and needs `runuser` (util-linux) to run the server as `postgres`")
    return [runuser, "-u", "postgres", "--"], uid


@contextlib.contextmanager
def postgres_server() -> Iterator[Server]:
    """A started server with the test database; stopped and removed on leaving, however it is left."""
    programs = bindir()
    if programs is None:
        unavailable("PostgreSQL test needs the server's programs (pg_config --bindir or /usr/lib/postgresql/*/bin: "
                    "apt install postgresql)")
    prefix, uid = _as_user()
    # Under /tmp, not pytest's own temporary folder: that one is private to the user running the
    # tests, and the server's user must reach its own folder.
    folder = Path(tempfile.mkdtemp(prefix="reportgen-pg-"))
    server = Server(programs, folder, prefix)
    try:
        if uid is not None:
            os.chown(folder, uid, -1)
        server.initdb()
        for attempt in range(ATTEMPTS):
            server.port = free_port()
            try:
                server.start()
                break
            except ServerFailed:
                if attempt == ATTEMPTS - 1 or "could not bind" not in server.log_tail():
                    raise
        server.create_database()
        yield server
    except ServerFailed as exc:
        pytest.fail(f"PostgreSQL server for the tests: {exc}")
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a database on a real PostgreSQL server started for this test process."""
    with postgres_server() as server:
        yield server.url


def psycopg() -> ModuleType:
    """psycopg (3), which the tests talk to the server with; skipped without it (failed on CI)."""
    try:
        import psycopg as module
    except ImportError:
        unavailable("PostgreSQL test needs psycopg (pip install -e '.[test]')")
    return module
