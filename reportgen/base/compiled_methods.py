"""The methods ``@dataclass`` writes for reportgen's classes, compiled once and kept in the user's cache.

``@dataclass`` writes the source of a class's ``__init__`` (and of a frozen class's ``__setattr__`` and
``__delattr__``) and compiles it, in every process that imports the class: the 76 classes a render of the
Yantian example imports cost a whole render 94 M instructions (callgrind: 835 M without this, 741 M with it),
more than importing jinja2 does. The source it writes is the same every time the class is the same, and so is
what it compiles to: here the compiled code of each source is kept, per module, in the user's cache
(:mod:`reportgen.base.cache`: the folder only the user can write, every entry checked), and a process finding
a class's source there runs that code instead of compiling it again. ``@dataclass`` does everything else as
before (the fields, the defaults, the namespace the methods run in, setting them on the class): only the
compiling is skipped.

Compiled code is code: as the compiled templates (reportgen/base/templating.py), it is read only from that
folder, keyed by Python's bytecode magic and the module, and used only for the very source it was compiled
from (the entry maps each source to its code). No usable folder, a foreign or damaged entry, or a source not
found in it costs a compile, nothing more; what a process compiled is kept when it ends. The classes made
before the cache module is imported (its own, and those of the modules it stands on) are compiled as ever.
Only CPython 3.11's ``dataclasses`` is taken over (its ``_create_fn``, whose text this reproduces); elsewhere
nothing changes.
"""

from __future__ import annotations

import atexit
import dataclasses
import importlib.util
import marshal
import os
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.base import cache  # used once imported (_cache)

_MODULES = "reportgen."  # the modules whose classes' methods are kept
_NAME = "dataclass-methods"
_KEYED = importlib.util.MAGIC_NUMBER + b"\0" + str(sys.flags.optimize).encode("ascii")

_kept: dict[str, dict[str, types.CodeType]] = {}  # module → source → code: what its entry held
_used: dict[str, dict[str, types.CodeType]] = {}  # module → source → code: what this process ran
_compiled: set[str] = set()  # modules with a source compiled here (their entry is written at the end)
_pid = 0  # the process that took over dataclasses (a forked child writes nothing)


def _dump(value: dict[str, types.CodeType]) -> bytes:
    return marshal.dumps(value)


def _load(data: bytes) -> dict[str, types.CodeType]:
    value = marshal.loads(data)
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, types.CodeType)
                                              for k, v in value.items()):
        raise ValueError("not a map of sources to code")
    return value


_form: cache.Form[dict[str, types.CodeType]] | None = None


def _cache(module: str) -> Any:
    """:mod:`reportgen.base.cache` for a class of ``module`` of reportgen's, once some module has imported the cache
    whole; None before (its own classes and those of the modules it stands on among them). Never imported from
    here: a command that has no use for the cache (a help: tests/test_light_start.py) does not load it, nor
    hashlib, for its classes."""
    global _form
    if not module.startswith(_MODULES):
        return None
    found = sys.modules.get("reportgen.base.cache")
    if found is None or not hasattr(found, "READY"):
        return None
    if _form is None:
        _form = found.Form(_dump, _load, "marshal-1")
    return found


def _create_fn(name: str, args: list[str], body: list[str], *, globals: dict[str, Any] | None = None,
               locals: dict[str, Any] | None = None, return_type: Any = dataclasses.MISSING) -> Any:
    """CPython 3.11's ``dataclasses._create_fn``, the same text made the same way, its compiled code
    taken from the cache where it is kept."""
    if locals is None:
        locals = {}
    return_annotation = ""
    if return_type is not dataclasses.MISSING:
        locals["_return_type"] = return_type
        return_annotation = "->_return_type"
    joined = ",".join(args)
    lines = "\n".join(f"  {b}" for b in body)
    text = f" def {name}({joined}){return_annotation}:\n{lines}"
    local_vars = ", ".join(locals.keys())
    text = f"def __create_fn__({local_vars}):\n{text}\n return {name}"
    ns: dict[str, Any] = {}
    exec(code_of(text, (globals or {}).get("__name__", "")), globals, ns)
    return ns["__create_fn__"](**locals)


def code_of(text: str, module: str) -> types.CodeType:
    """The code ``exec(text)`` compiles (as it compiles it: no ``__future__`` of this module's), kept
    for a module of reportgen's."""
    store = _cache(module)
    if store is None:
        return compile(text, "<string>", "exec", dont_inherit=True)
    kept = _kept.get(module)
    if kept is None:
        kept = _kept[module] = store.fetch(_NAME, store.key_of(_KEYED, module.encode("utf-8")), _form) or {}
    code = kept.get(text)
    if code is None:
        code = compile(text, "<string>", "exec", dont_inherit=True)
        _compiled.add(module)
    _used.setdefault(module, {})[text] = code
    return code


def keep_what_was_compiled() -> None:
    """Write the entry of each module that had a source compiled in this process: the code of every source
    its classes wrote here (a source no class writes any more is left out)."""
    store = sys.modules.get("reportgen.base.cache")
    if os.getpid() != _pid or store is None or _form is None:
        return
    for module in sorted(_compiled):
        store.store(_NAME, store.key_of(_KEYED, module.encode("utf-8")), _used[module], _form)
    _compiled.clear()


def take_over_dataclasses() -> None:
    """Have ``@dataclass`` take the compiled methods of reportgen's classes from the cache (once per
    process; CPython 3.11 only)."""
    global _pid
    if sys.version_info[:2] != (3, 11) or sys.implementation.name != "cpython" or _pid:
        return
    if getattr(dataclasses, "_create_fn", None) is None:
        return
    _pid = os.getpid()
    dataclasses._create_fn = _create_fn  # type: ignore[attr-defined]
    atexit.register(keep_what_was_compiled)
