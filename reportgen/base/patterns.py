"""A module's regular expressions compiled on first use, not when the module is imported: every pattern a
module keeps at its top level (or in a class, a list or a dict there) is written ``regex(r"…")``, not
``re.compile(r"…")``.

Why: a command imports several hundred patterns it mostly never runs (``check`` runs none of review's), and
compiling them is a large part of importing those modules — ``re`` builds a bitmap for each range of Han characters,
about a millisecond each. Measured (bench/README.md, 启动): importing what ``reportgen review`` runs took
725 ms of CPU before, 539 ms after (medians, alternating); every process a command or the desk starts pays it.

What :func:`regex` gives is used as the compiled pattern it stands for (``search``, ``finditer``, ``sub``,
``pattern``, ``groupindex`` …): it compiles on the first such use and from then on hands out the compiled
pattern's own methods, so a pattern run in a loop costs what a compiled one does. The one difference: the
functions of ``re`` (``re.sub(p, …)``) take a compiled pattern or a string, not this — call the pattern's
own method. A pattern that does not compile fails on its first use; tests/test_patterns.py compiles every
one a module keeps, so a mistake is found by a test, not by a user.
"""

from __future__ import annotations

import re
from typing import Any, cast, overload

# The methods a pattern is used through: after the first use each is the compiled pattern's own bound
# method, found on the instance without a call through __getattr__.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")

_KEPT: list[_OnUse] = []  # every one made, for kept()


class _OnUse:
    """A pattern's source and flags, compiled by the first use of anything but its source."""

    def __init__(self, source: str | bytes, flags: int) -> None:
        self.pattern = source
        self._flags = flags
        _KEPT.append(self)

    def compiled(self) -> re.Pattern[Any]:
        """The compiled pattern (compiled now, if this is its first use)."""
        done: re.Pattern[Any] | None = self.__dict__.get("_compiled")
        if done is None:
            done = re.compile(self.pattern, self._flags)
            self.__dict__["_compiled"] = done
            for name in _METHODS:
                self.__dict__[name] = getattr(done, name)
        return done

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_compiled", "_flags"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"regex({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _OnUse):
            other = other.compiled()
        return self.compiled() == other

    def __hash__(self) -> int:
        return hash(self.compiled())


@overload
def regex(source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]: ...
@overload
def regex(source: bytes, flags: int | re.RegexFlag = 0) -> re.Pattern[bytes]: ...
def regex(source: str | bytes, flags: int | re.RegexFlag = 0) -> re.Pattern[Any]:
    """``re.compile(source, flags)``, done on the pattern's first use (see the module's text)."""
    return cast("re.Pattern[Any]", _OnUse(source, int(flags)))


def kept() -> list[re.Pattern[str]]:
    """Every pattern :func:`regex` has kept in this process so far, compiled: what tests/test_patterns.py
    compiles after importing every module."""
    return [cast("re.Pattern[str]", each.compiled()) for each in _KEPT]


def compiled(value: object) -> re.Pattern[str] | re.Pattern[bytes] | None:
    """``value``'s compiled pattern when it is one — compiled by ``re.compile`` or kept by :func:`regex` —
    else None: what a test looking through a module's patterns needs."""
    if isinstance(value, _OnUse):
        return value.compiled()
    if isinstance(value, re.Pattern):
        return value
    return None
