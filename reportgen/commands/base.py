"""What every command shares: how what goes wrong reaches the user (after pip's base Command).

A command's ``run`` checks its arguments, does its work and prints its result; when something
goes wrong it raises, and :func:`invoke` alone turns what it raised into a message on stderr and
an exit code:

==============================  =============================================  =========
raised                          on stderr                                      exit code
==============================  =============================================  =========
UsageError(message)             reportgen <命令>: 错误：<message>              2
Failure(message)                reportgen <命令>: 错误：<message>              1
any other ReportgenError with   its details, then as above with its message    its
an exit code (errors.py)        (where it stands first)                        exit_code
Ctrl-C / SIGTERM                已中断 / 已终止，未完成的输出已清除            130 / 143
a closed pipe (`… | head`)      nothing                                        141
anything else                   内部错误（…）, never a traceback               3
==============================  =============================================  =========

A command that knows what a failure means where it happened adds it as a note
(``exc.add_note("所有输出文件都保持原样")``): it follows the message after a “；”.

Nothing here imports a command's work: a failure is known by its base, ReportgenError, whatever
module raised it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any, ClassVar

from reportgen.base.errors import ReportgenError
from reportgen.base.signals import Terminated
from reportgen.commands import command


class UsageError(ReportgenError):
    """The arguments (or what they name) cannot be used: exit 2, before any work is done."""

    exit_code: ClassVar[int | None] = 2


class Failure(ReportgenError):
    """The command could not do its work (a port taken, a file that cannot be written): exit 1.
    The message is the command's own wording of what failed (Chinese)."""


def known(exc: BaseException) -> tuple[int, list[str], str] | None:
    """A failure's exit code, the lines printed before its message, and its message: for every
    ReportgenError that has an exit code; None for any other exception."""
    if not isinstance(exc, ReportgenError) or exc.exit_code is None:
        return None
    details, message = exc.told()
    return exc.exit_code, details, message


@contextlib.contextmanager
def as_usage_error() -> Iterator[None]:
    """Inside, a failure is about the arguments given (a --layout that cannot be used, a PDF
    asked for where there is no LibreOffice): a usage error, exit 2, before any work."""
    try:
        yield
    except Exception as exc:
        found = known(exc)
        if found is None or isinstance(exc, (UsageError, Failure)):
            raise
        raise UsageError(found[2]) from exc


def _remove_live() -> None:
    """The unfinished outputs removed (base/staging.py), on an interrupt only."""
    from reportgen.base.staging import remove_live  # deferred: tempfile, shutil, secrets (20 modules); --help, check

    remove_live()


def invoke(name: str, args: Any) -> int:
    """Run command ``name`` on its parsed arguments: its exit code, or that of what it raised."""
    try:
        return command(name).run(args)
    except Terminated:
        _remove_live()
        print("reportgen: 已终止（SIGTERM），未完成的输出已清除", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        _remove_live()
        print("reportgen: 已中断，未完成的输出已清除", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `reportgen schema | head`: the reader has gone, as Unix tools do
        _silence_closed_streams()
        return 128 + signal.SIGPIPE
    except Exception as exc:
        found = known(exc)
        if found is not None:
            code, details, message = found
            for line in details:
                print(line, file=sys.stderr)
            _error(name, "；".join([message, *getattr(exc, "__notes__", ())]))
            return code
        return _internal_error(exc)


def _error(name: str, message: str) -> None:
    print(f"reportgen {name}: 错误：{message}", file=sys.stderr)


def _internal_error(exc: Exception) -> int:
    """The last line of defence: never a traceback for a user."""
    if os.environ.get("REPORTGEN_DEBUG"):
        import traceback  # deferred: traceback costs 2 ms at start-up, needed only with REPORTGEN_DEBUG

        traceback.print_exception(exc)
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
