"""Each test's CPU, to find where the test command's time goes: with ``CPULOG=FILE`` and ``-p tests.support.cpu_per_test``,
a line per test — its id, the worker's own CPU seconds, the CPU of the processes it started and waited for, and its wall
seconds (tab-separated). Chromium and other processes not waited for are not counted. Without CPULOG it does nothing.

    CPULOG=/tmp/cpu.tsv .venv/bin/python -m pytest -n 3 --dist loadscope -p tests.support.cpu_per_test tests
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterator

import pytest


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    waited = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, waited.ru_utime + waited.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    before, start = _cpu(), time.monotonic()
    yield
    after, log = _cpu(), os.environ.get("CPULOG")
    if log:
        with open(log, "a", encoding="utf-8") as file:
            file.write(f"{item.nodeid}\t{after[0] - before[0]:.3f}\t{after[1] - before[1]:.3f}\t"
                       f"{time.monotonic() - start:.3f}\n")
