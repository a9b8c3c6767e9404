"""The methods @dataclass writes for reportgen's classes, compiled once and kept in the user's cache
(reportgen/base/compiled_methods.py): a process reading them back makes every class exactly as one compiling them,
and as @dataclass alone makes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Every reportgen dataclass a render imports, each generated method as a comparable fingerprint; ``plain`` first puts
# CPython's own dataclasses._create_fn back (before any of the render's classes is made), ``kept`` tells whether
# anything was compiled in the process.
PROBE = """
import dataclasses, json, sys
real = dataclasses._create_fn
import reportgen
import reportgen.base.compiled_methods as kept
if sys.argv[1] == "plain":
    dataclasses._create_fn = real
import reportgen.runners.render, reportgen.runners.batch, reportgen.writers.docx, reportgen.writers.html

def shown(function):
    code = function.__code__
    return [function.__qualname__, code.co_code.hex(), repr(code.co_consts), code.co_names, code.co_varnames,
            code.co_freevars, repr(function.__defaults__), repr(function.__kwdefaults__),
            repr(function.__annotations__), code.co_filename, code.co_firstlineno]

made = {}
for name, module in sorted(sys.modules.items()):
    if name.startswith("reportgen.") and module is not None:
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
                made[value.__qualname__ + "@" + name] = {m: shown(value.__dict__[m]) for m in
                                                         ("__init__", "__setattr__", "__delattr__")
                                                         if m in value.__dict__}
print(json.dumps({"made": made, "compiled": sorted(kept._compiled), "used": len(kept._used)}))
"""


def probe(how: str, cache_home: Path) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE, how], capture_output=True, text=True, env=env, cwd=ROOT,
                          check=True)
    return json.loads(done.stdout)


def test_classes_made_from_kept_methods_are_the_classes_dataclass_makes(tmp_path: Path) -> None:
    plain = probe("plain", tmp_path / "none")
    first = probe("kept", tmp_path / "cache")  # a fresh cache: every method compiled, then kept
    again = probe("kept", tmp_path / "cache")  # every one read back
    assert len(plain["made"]) > 60 and plain["compiled"] == []
    assert first["made"] == plain["made"]
    assert again["made"] == plain["made"]
    assert len(first["compiled"]) > 15 and again["compiled"] == [] and again["used"] == len(first["compiled"])
    assert sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "cache" / "reportgen").glob("dataclass-*")) == \
        ["dataclass-methods"] * len(first["compiled"])


def test_a_damaged_entry_is_compiled_afresh(tmp_path: Path) -> None:
    plain = probe("plain", tmp_path / "none")
    probe("kept", tmp_path / "cache")
    entries = sorted((tmp_path / "cache" / "reportgen").glob("dataclass-methods-*"))
    entries[0].write_bytes(entries[0].read_bytes()[:-7] + b"garbage")
    entries[1].write_bytes(b"")
    again = probe("kept", tmp_path / "cache")
    assert again["made"] == plain["made"] and len(again["compiled"]) == 2
    assert probe("kept", tmp_path / "cache")["compiled"] == []  # written whole again
