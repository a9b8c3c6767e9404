"""The clock a test of "this is quick" reads: the CPU time the work itself spends, this process's and
its finished children's, never the wall clock. A CI run shares its two cores with whatever else the
machine does; wall-clock bounds then fail for load, not for slowness (seen: five such tests failed
on a busy machine and passed on an idle one). CPU time counts only the work measured, so a bound
on it fails for a pattern that backtracks or a reader that loops, and for nothing else."""

from __future__ import annotations

import os
import time


def cpu_now() -> float:
    """Seconds of CPU this process and its waited-for children have used so far."""
    children = os.times()
    return time.process_time() + children.children_user + children.children_system


class CpuClock:
    """``with CpuClock() as clock: work()`` then ``clock.seconds``."""

    seconds: float = 0.0

    def __enter__(self) -> CpuClock:
        self._start = cpu_now()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = cpu_now() - self._start
