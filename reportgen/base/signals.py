"""SIGTERM unwinding a process like Ctrl-C: the command line and a batch's worker processes both
ask for it, so it lives below both."""

from __future__ import annotations

import contextlib
import signal


class Terminated(KeyboardInterrupt):
    """SIGTERM (what `timeout`, CI and service managers send), raised where the process is, so
    that it unwinds like Ctrl-C: staging folders removed, no output half in place."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def handle_sigterm() -> None:
    """Make SIGTERM unwind this process like Ctrl-C (main thread only; elsewhere a no-op)."""
    with contextlib.suppress(ValueError):  # not the main thread: the host program's business
        signal.signal(signal.SIGTERM, _on_sigterm)
