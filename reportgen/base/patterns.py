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
import sys
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


# PyYAML's pure-Python Reader compiles this pattern in its class body, when ``yaml`` is imported: a character class
# reaching U+10FFFF, for which ``re`` walks some 63,000 code points one by one — 60 M instructions (callgrind), 6 % of a
# whole `reportgen render` of the Yantian example, more than anything else its import does. reportgen reads YAML with
# libyaml (CParser), which never runs that Reader (only a pure-Python loader does, on a cache miss), and finds the
# characters YAML refuses with NON_PRINTABLE below. The pattern, exactly as yaml/reader.py writes it:
YAML_NON_PRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"

# The same characters named the other way round (what YAML_NON_PRINTABLE leaves out of all of Unicode), a class ``re``
# compiles cheaply: C0 controls but tab, LF and CR; DEL and the C1 controls but NEL; the surrogates; U+FFFE, U+FFFF.
NON_PRINTABLE = regex("[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]")


class _Seeded(_OnUse):
    """A pattern placed in ``re``'s own cache before anyone compiles it, so that ``re.compile`` of its source hands
    this out, compiled on its first use; it leaves the cache then (``re.compile`` puts the real one in)."""

    def compiled(self) -> re.Pattern[Any]:
        if "_compiled" not in self.__dict__:
            key = (type(self.pattern), self.pattern, self._flags)
            cache = getattr(re, "_cache", {})
            if cache.get(key) is self:
                del cache[key]
        return super().compiled()


def defer_yaml_reader_pattern() -> None:
    """Have ``import yaml`` (still to come in this process) take :data:`YAML_NON_PRINTABLE` as a pattern compiled on its
    first use. Nothing happens when yaml is imported already or ``re`` keeps no such cache (``re._cache``, a dict of
    (type, source, flags) → pattern, is CPython 3.11's; elsewhere yaml compiles the pattern at import, as before): the
    pattern is the same either way, only when it is compiled differs."""
    cache = getattr(re, "_cache", None)
    if "yaml" in sys.modules or not isinstance(cache, dict):
        return
    cache.setdefault((str, YAML_NON_PRINTABLE, 0), _Seeded(YAML_NON_PRINTABLE, 0))
