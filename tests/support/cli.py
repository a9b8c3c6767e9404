"""`reportgen ARGS` as a user runs it — its exit code, standard output and standard error — run in the test's
own process: the command's whole path (argument parsing, the command, what commands/base.py makes of an
error, the streams written as text) without a Python started and reportgen imported for it (about half a
second of CPU each, a few hundred times a run: bench/README.md, 测试命令的时间).

A test about the process itself — a signal, a time limit, the environment it is started with, the bytes that
reach a terminal, a module imported or not — starts `python -m reportgen` as before."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path

from reportgen.cli import main


def reportgen(*args: str | Path, cwd: Path | None = None,
              env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``reportgen *args`` run here, in ``cwd`` (else where the test is) with ``env`` for its environment
    (else the test's): what a subprocess.run with capture_output and text gives — the exit code and what
    was written to each stream."""
    argv = [str(arg) for arg in args]
    out, err = io.StringIO(), io.StringIO()
    handler = signal.getsignal(signal.SIGTERM)  # the command makes SIGTERM unwind it: the worker's own after
    with contextlib.chdir(cwd or os.getcwd()), _environment(env), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's refusal of an argument (exit 2) or --help (0)
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        finally:
            signal.signal(signal.SIGTERM, handler)
    return subprocess.CompletedProcess(["reportgen", *argv], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _environment(env: Mapping[str, str] | None) -> Iterator[None]:
    """os.environ holding exactly ``env`` inside (when given), as it was after."""
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
