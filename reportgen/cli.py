"""The command line: the parser of every command (reportgen/commands/), and the run of the one
given, through commands/base.py, which alone turns what a command raises into a message and an
exit code (Ctrl-C and SIGTERM unwind it cleanly; an unexpected error is 内部错误, never a traceback)."""

from __future__ import annotations

import sys

from reportgen.base.signals import handle_sigterm
from reportgen.base.terminal import visible_streams
from reportgen.commands import COMMANDS, arguments, command
from reportgen.commands.base import invoke

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
    with visible_streams():  # what any input says is printed as text (reportgen/base/terminal.py)
        args = _parser(argv).parse_args(argv)
        return invoke(args.command, args)


if __name__ == "__main__":
    sys.exit(main())
