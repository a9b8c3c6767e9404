"""The command line: the parser of every command (reportgen/commands/), and the last line of
defence around a command's run: Ctrl-C and SIGTERM unwind it cleanly, and an unexpected error is a
short message (内部错误), never a traceback."""

from __future__ import annotations

import contextlib
import os
import signal
import sys

from reportgen.commands import COMMANDS, arguments, command

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


class Terminated(KeyboardInterrupt):
    """SIGTERM (what `timeout`, CI and service managers send), raised where the process is, so
    that it unwinds like Ctrl-C: staging folders removed, no output half in place."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def handle_sigterm() -> None:
    """Make SIGTERM unwind this process like Ctrl-C (main thread only; elsewhere a no-op)."""
    with contextlib.suppress(ValueError):  # not the main thread: the host program's business
        signal.signal(signal.SIGTERM, _on_sigterm)


def main(argv: list[str] | None = None) -> int:
    handle_sigterm()
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(argv).parse_args(argv)
    try:
        return command(args.command).run(args)
    except Terminated:
        print("reportgen: 已终止（SIGTERM），未完成的输出已清除", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("reportgen: 已中断，未完成的输出已清除", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `reportgen schema | head`: the reader has gone, as Unix tools do
        _silence_closed_streams()
        return 128 + signal.SIGPIPE
    except Exception as exc:  # the last line of defence: never a traceback for a user
        if os.environ.get("REPORTGEN_DEBUG"):
            import traceback  # only here: a normal run does not pay for it

            traceback.print_exc()
        print(f"reportgen: 内部错误（{type(exc).__name__}: {exc}）。请把源文件与此信息报告给开发者；"
              "设置 REPORTGEN_DEBUG=1 可查看详细信息。", file=sys.stderr)
        return 3


def _silence_closed_streams() -> None:
    """Point stdout and stderr at /dev/null: what is still buffered for a closed pipe would
    otherwise fail again when Python flushes it at exit (and print an English warning)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(devnull, stream.fileno())
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
