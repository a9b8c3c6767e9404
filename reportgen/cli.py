"""The command line: the parser of every command (reportgen/commands/), and the run of the one
given, through commands/base.py, which alone turns what a command raises into a message and an
exit code (Ctrl-C and SIGTERM unwind it cleanly; an unexpected error is 内部错误, never a traceback)."""

from __future__ import annotations

import gc
import sys
from typing import NoReturn

from reportgen.commands import COMMANDS, arguments, command
from reportgen.commands.base import invoke
from reportgen.signals import handle_sigterm

EXAMPLE = "示例：reportgen render data/shenzhen-yantian-zgh-2022.yaml -o out/"


def _parser(argv: list[str]) -> arguments.ArgumentParser:
    """The parser; when ``argv`` starts with a command, with that command's parser alone (each
    parser costs a start of a millisecond or two: argparse looks up its English in gettext
    catalogues, on disk, for every line of help)."""
    parser = arguments.ArgumentParser(
        prog="reportgen",
        description="由 YAML 预算源文件生成部门预算公开文本（DOCX 与 HTML）。",
        epilog=EXAMPLE,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for name in (argv[:1] if argv[:1] and argv[0] in COMMANDS else COMMANDS):
        command(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    handle_sigterm()
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(argv).parse_args(argv)
    return invoke(args.command, args)


# The cyclic garbage collector, tuned for a command that runs once and ends: CPython collects its
# youngest objects after every 700 allocations, a setting made for long-running programs; a command
# that imports its code and builds a document keeps nearly all it allocates, so most of those
# collections find nothing. 100,000 makes them rarer, not larger than a few milliseconds each.
YOUNG_GENERATION = 100_000


def run() -> NoReturn:
    """The ``reportgen`` program (its console script and ``python -m reportgen``): :func:`main`, with the
    collector as above, then the exit. What the command built is left to the operating system
    with the process rather than collected object by object on the way out: the objects are
    frozen (``gc.freeze``), so the interpreter's last collections pass them over. Files are
    closed, buffers flushed and exit handlers run as before. Tests call :func:`main`, whose
    process goes on with the collector as it was."""
    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
