"""`reportgen desk serve`: the database brought up to date (migrations), N worker processes started
(and started again when one dies), and the pages served by waitress on HOST:PORT until Ctrl-C or
SIGTERM, when the workers are stopped with it — and, the server killed (SIGKILL: it stops nothing), each worker ends
by itself once its job is done, seeing its server gone (worker.run ``server``). A job a stopped worker held is claimed again by its
lease, on this start or the next: nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command

THREADS = 8  # waitress's request threads: a page is a few ms, an upload is bounded


def migrate() -> None:
    call_command("migrate", verbosity=0, interactive=False)


@dataclass
class Workers:
    """The worker processes: each `python -m reportgen desk worker DATA`, restarted while the desk runs."""

    command: list[str]
    count: int
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        self.processes = [subprocess.Popen(self.command) for _ in range(self.count)]
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while not self.stopping.wait(2):
            for index, process in enumerate(self.processes):
                if process.poll() is not None and not self.stopping.is_set():
                    print(f"提示 [审核台] 审核进程 {process.pid} 已退出（{process.returncode}），重新启动", file=sys.stderr)
                    self.processes[index] = subprocess.Popen(self.command)

    def stop(self) -> None:
        self.stopping.set()
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def worker_command(data: Path, database: str | None, lease: float) -> list[str]:
    """A worker of this server: it ends when this process is gone (``--server``: killed, it cannot stop them)."""
    return [sys.executable, "-m", "reportgen", "desk", "worker", str(data), "--lease", str(lease),
            "--server", str(os.getpid()), *(["--database", database] if database else [])]


def serve(host: str, port: int, workers: Workers, max_body: int) -> None:
    from django.core.wsgi import get_wsgi_application  # deferred: with the server

    from reportgen.desk.web.front import desk_server  # deferred: waitress only for serve

    server = desk_server(get_wsgi_application(), host=host, port=port, threads=THREADS,
                         max_request_body_size=max_body, ident="reportgen-desk")
    workers.start()
    try:
        server.run()
    finally:
        workers.stop()
