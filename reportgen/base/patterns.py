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

import contextlib
import re
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any, cast, overload

# The methods a pattern is used through: after the first use each is the compiled pattern's own bound
# method, found on the instance without a call through __getattr__.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")

_KEPT: list[_OnUse] = []  # every one made, for kept()
_COMPILE = re.compile  # re's own, whatever compiled_on_use does to re.compile for a while


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
            done = _COMPILE(self.pattern, self._flags)
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


def printable_but(text: str, allowed: str = "") -> bool:
    """Whether every character of ``text`` is printable (``str.isprintable``) or one of ``allowed``: then a pattern
    matching only characters ``isprintable`` refuses, none of ``allowed`` (a control character, a line separator, a
    surrogate …), finds nothing in it. A test in C, before such a pattern's first use: a class reaching past U+00FF
    costs ``re`` some 4 M instructions to compile (it walks the class code point by code point), and nearly every
    text has none of those characters (tests/test_patterns.py checks each pattern so guarded)."""
    if text.isprintable():
        return True
    for character in allowed:
        text = text.replace(character, "")
    return text.isprintable()


# The characters YAML refuses (yaml/reader.py's NON_PRINTABLE, "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")
# named the other way round (what that class leaves out of all of Unicode), a class ``re`` compiles cheaply: C0
# controls but tab, LF and CR; DEL and the C1 controls but NEL; the surrogates; U+FFFE, U+FFFF. reportgen reads YAML
# with libyaml (CParser), which never runs yaml's pure-Python Reader; its class is compiled on first use (below).
NON_PRINTABLE = regex("[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]")


# Libraries whose own top-level patterns are compiled on first use too, as reportgen's are. jinja2 compiles some twenty
# when imported — its lexer's identifier class (every Unicode letter and mark), a URL pattern for ``urlize`` — 15 M
# instructions (callgrind), 2 % of a whole `reportgen render` of the Yantian example, which runs none of them: its
# templates are read compiled from the cache (reportgen/base/templating.py), never lexed. PyYAML's pure-Python Reader
# compiles a class reaching U+10FFFF in its class body, for which ``re`` walks some 63,000 code points one by one (60 M
# instructions), and its Constructor a timestamp pattern: reportgen's CParser runs neither. A library is listed here only
# when it uses every pattern it keeps through the pattern's own methods, never through ``re``'s functions (which refuse
# a pattern compiled on use) or an ``isinstance`` of ``re.Pattern`` (checked: tests/test_patterns.py).
DEFERRED_LIBRARIES = ("jinja2", "yaml")


@contextlib.contextmanager
def compiled_on_use(library: str) -> Iterator[None]:
    """While inside, ``re.compile`` called from ``library``'s own modules gives what :func:`regex` gives, a pattern
    compiled on its first use; called from any other module (one the library imports), it compiles at once as ever.
    For importing a library of :data:`DEFERRED_LIBRARIES` only."""
    prefix = library + "."

    def compile_for(source: Any, flags: int = 0) -> re.Pattern[Any]:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller == library or caller.startswith(prefix):
            return regex(source, flags)
        return _COMPILE(source, flags)

    previous = re.compile
    re.compile = compile_for  # type: ignore[assignment]
    try:
        yield
    finally:
        re.compile = previous


class _LibraryPatterns:
    """A finder on ``sys.meta_path`` that finds nothing itself: for a library of :data:`DEFERRED_LIBRARIES` it has the
    ordinary finders find the module and runs the module's code :func:`compiled_on_use` (with the submodules the
    library imports from its own ``__init__``)."""

    def find_spec(self, name: str, path: Any, target: ModuleType | None = None) -> Any:
        library = name.partition(".")[0]
        if library not in DEFERRED_LIBRARIES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _OnUseLoader(spec.loader, library)  # type: ignore[assignment]
                return spec
        return None


class _OnUseLoader:
    """A module's own loader, its code run :func:`compiled_on_use`."""

    def __init__(self, loader: Any, library: str) -> None:
        self._loader = loader
        self._library = library

    def create_module(self, spec: Any) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        with compiled_on_use(self._library):
            self._loader.exec_module(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


def defer_library_patterns() -> None:
    """Have the libraries of :data:`DEFERRED_LIBRARIES` not imported yet compile their top-level patterns on first use
    when they are imported (once per process)."""
    if any(isinstance(finder, _LibraryPatterns) for finder in sys.meta_path):
        return
    sys.meta_path.insert(0, _LibraryPatterns())
