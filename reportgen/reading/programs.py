"""External programs (LibreOffice, poppler's pdftotext) run within bounds: a time limit, after which
the program's whole process group is killed (LibreOffice starts a second process), and a bound on
what it may print. The one process runner of the house: the PDF writer and the PDF readers use it."""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Mapping

from reportgen.base.errors import Internal

__all__ = ["NO_SELF_TESTS", "ProgramOutputTooLarge", "ProgramTimeout", "run_program", "run_programs", "seconds"]

# An item of a LibreOffice profile's settings (user/registrymodifications.xcu) for each profile reportgen gives it:
# the version it last started with. LibreOffice runs its graphics self-tests (GraphicsRenderTests: sixteen
# 4096×4096 bitmaps drawn and read back, a GraphicsRenderTests.log in the profile) at every start after an upgrade,
# which it judges by this item — and a profile only ever used headless never gets it (the start centre writes it),
# so every conversion ran them: 1.1 s of its 1.8 s of CPU to print a small DOCX (280,000 page faults; LibreOffice
# 7.4). A version above any there will be: the tests never run, and nothing printed changes (the same PDF bytes).
NO_SELF_TESTS = ("/org.openoffice.Setup/Product", "ooSetupLastVersion", "9999.9")


class ProgramTimeout(Internal):
    """The program ran past its time limit (its process group has been killed)."""


class ProgramOutputTooLarge(Internal):
    """The program printed more than it may (its process group has been killed)."""


def seconds(variable: str, default: float) -> float:
    """A program's time limit: the positive number of seconds in the environment variable
    ``variable`` when it holds one, else ``default``."""
    try:
        value = float(os.environ.get(variable, ""))
    except ValueError:
        return default
    return value if 0 < value < float("inf") else default


def run_program(command: list[str], limit: float, max_output: int,
                env: Mapping[str, str] | None = None) -> tuple[int, bytes, bytes]:
    """Run ``command`` (stdin from /dev/null) in a session of its own: its exit code, stdout and
    stderr. Raises ProgramTimeout when it has not finished and closed its output within ``limit``
    seconds, ProgramOutputTooLarge when stdout and stderr together pass ``max_output`` bytes; either
    way (and on any other exception, Ctrl-C included) its whole process group is killed first."""
    return run_programs([command], limit, max_output, env)[0]


def run_programs(commands: list[list[str]], limit: float, max_output: int, env: Mapping[str, str] | None = None,
                 lanes: list[int] | None = None) -> list[tuple[int, bytes, bytes]]:
    """Run ``commands``, each as run_program runs one: their exit codes, stdouts and stderrs, in
    order. ``lanes`` gives each command its lane: the commands of a lane run one after another, in
    order, and the lanes at the same time (by default each command is a lane of its own). ``limit``
    is for them all, ``max_output`` for each; when one runs past either (and on any other exception,
    Ctrl-C included), every process group still running is killed first."""
    runs = _Runs(commands, time.monotonic() + limit, max_output, env, lanes)
    try:
        with selectors.DefaultSelector() as selector:
            for lane in runs.waiting:
                runs.start(lane, selector)
            while runs.running:
                left = runs.deadline - time.monotonic()
                if left <= 0:
                    raise ProgramTimeout
                for key, _ in selector.select(left):
                    runs.read(key, selector)
    except BaseException:
        for process in runs.started:
            _kill_group(process)
        raise
    finally:
        _close_streams(runs.started)
    return [runs.results[index] for index in range(len(commands))]


def _close_streams(processes: list[subprocess.Popen[bytes]]) -> None:
    """The stdout and stderr pipes of each process started, closed."""
    for process in processes:
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


class _Runs:
    """The commands of run_programs: those waiting in each lane, those running, what each printed."""

    def __init__(self, commands: list[list[str]], deadline: float, max_output: int, env: Mapping[str, str] | None,
                 lanes: list[int] | None) -> None:
        self.commands, self.deadline, self.max_output = commands, deadline, max_output
        self.env = None if env is None else dict(env)
        self.waiting: dict[int, list[int]] = {}
        for index, lane in enumerate(range(len(commands)) if lanes is None else lanes):
            self.waiting.setdefault(lane, []).append(index)
        self.started: list[subprocess.Popen[bytes]] = []
        self.running: dict[int, tuple[int, subprocess.Popen[bytes]]] = {}  # command → its lane and process
        self.output: dict[tuple[int, int], list[bytes]] = {}  # (command, 1 or 2) → what it printed there
        self.open_streams: dict[int, int] = {}
        self.sizes: dict[int, int] = {}
        self.results: dict[int, tuple[int, bytes, bytes]] = {}

    def start(self, lane: int, selector: selectors.BaseSelector) -> None:
        """The lane's next command started, its output watched."""
        if not self.waiting[lane]:
            return
        index = self.waiting[lane].pop(0)
        process = subprocess.Popen(self.commands[index], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=self.env, start_new_session=True)
        self.started.append(process)
        self.running[index] = (lane, process)
        self.open_streams[index], self.sizes[index] = 2, 0
        for number, stream in ((1, process.stdout), (2, process.stderr)):
            assert stream is not None
            self.output[index, number] = []
            selector.register(stream, selectors.EVENT_READ, (index, number))

    def read(self, key: selectors.SelectorKey, selector: selectors.BaseSelector) -> None:
        """What a stream has to give; at its end, the command finished once both streams are closed."""
        index, number = key.data
        data = os.read(key.fd, 65536)
        if data:
            self.output[index, number].append(data)
            self.sizes[index] += len(data)
            if self.sizes[index] > self.max_output:
                raise ProgramOutputTooLarge
            return
        selector.unregister(key.fileobj)
        self.open_streams[index] -= 1
        if not self.open_streams[index]:
            self.finish(index, selector)

    def finish(self, index: int, selector: selectors.BaseSelector) -> None:
        lane, process = self.running.pop(index)  # its output closed: it has finished, or is about to
        try:
            code = process.wait(max(self.deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            raise ProgramTimeout from None
        self.results[index] = (code, b"".join(self.output[index, 1]), b"".join(self.output[index, 2]))
        self.start(lane, selector)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the process group ``process`` leads, then reap it. Only while it is not yet reaped: till
    then its id (the group's) cannot have been given to another process."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)
