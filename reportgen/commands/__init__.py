"""The commands of the command line, one module each: ``register(subparsers)`` adds its parser,
``run(args) -> int`` does the command. They parse arguments and print; the work is elsewhere,
imported inside ``run`` so that a command loads only what it needs. What goes wrong they raise
(UsageError, Failure, reportgen's own exceptions): base.invoke alone turns it into a message and
an exit code."""

from __future__ import annotations

import importlib
from types import ModuleType

COMMANDS = ("render", "check", "import", "review", "schema", "diff", "preview", "rollover", "new", "layouts", "desk")
MODULES = {"import": "importer"}  # a command whose name is a Python keyword


def command(name: str) -> ModuleType:
    """The module of command ``name``."""
    return importlib.import_module(f"reportgen.commands.{MODULES.get(name, name)}")
