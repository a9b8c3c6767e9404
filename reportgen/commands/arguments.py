"""Command-line argument types and an argument parser that answers in Chinese.

argparse's own messages are English and a type that raises anything but ValueError/TypeError
(``Decimal("abc")`` raises InvalidOperation) escapes as a traceback: every typed argument goes
through a function here, which raises ArgumentTypeError with a Chinese message.

The checks at the end look at what an argument names (a folder, a layout) once it is parsed, in
the command's run: they raise UsageError (commands/base.py).
"""

from __future__ import annotations

import argparse
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NoReturn

from reportgen.commands.base import UsageError, as_usage_error
from reportgen.reading.outputs import Output, refused_outputs

YEAR_MIN, YEAR_MAX = 2000, 2100  # the schema's range for 年度: a command never writes a year check refuses


def year(text: str) -> int:
    """A budget year, 2000–2100."""
    if not re.fullmatch(r"[0-9]{4}", text.strip()):
        raise argparse.ArgumentTypeError(f"“{text[:20]}”不是年度：应为四位数的年份，如 2025")
    value = int(text)
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise argparse.ArgumentTypeError(f"年度 {value} 超出范围：应在 {YEAR_MIN}–{YEAR_MAX} 之间")
    return value


def percent(text: str) -> Decimal:
    """A percentage threshold: a finite decimal from 0 to 1000, such as 10 or 7.5."""
    try:
        value = Decimal(text.strip().rstrip("%"))
    except (InvalidOperation, ValueError):
        raise argparse.ArgumentTypeError(f"“{text[:20]}”不是百分比：应为数字，如 10 或 7.5") from None
    if not value.is_finite() or not 0 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"“{text[:20]}”不可用：百分比应为 0 到 1000 之间的数字，如 10")
    return value


def jobs(text: str) -> int:
    """A number of worker processes, 1–256."""
    if not re.fullmatch(r"[0-9]{1,3}", text.strip()) or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(f"“{text[:20]}”不可用：进程数应为 1 到 256 之间的整数")
    return int(text)


def port(text: str) -> int:
    """A TCP port, 0–65535 (0: any free port)."""
    if not re.fullmatch(r"[0-9]{1,5}", text.strip()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"“{text[:20]}”不是端口号：应为 0 到 65535 之间的整数")
    return int(text)


# Patterns as text, compiled only when a usage error is to be translated.
_TRANSLATIONS = (
    (r"the following arguments are required: (.*)", "缺少参数：{0}"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"argument (\S+): expected one argument", "参数 {0} 需要一个值"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", "参数 {0} 的值 {1} 不可用，应为以下之一：{2}"),
    (r"argument (\S+): invalid \w+ value: (.*)", "参数 {0} 的值 {1} 不可用"),
    (r"argument (\S+): (.*)", "参数 {0}：{1}"),
)


def chinese(message: str) -> str:
    """argparse's English usage messages in Chinese (the ones users meet); others as they are."""
    for pattern, words in _TRANSLATIONS:
        match = re.fullmatch(pattern, message)
        if match:
            return words.format(*match.groups())
    return message


# Stands in a help text (and the schema's descriptions) for the names of the shipped layouts,
# filled in from the layouts themselves only when the text is shown: a new layout folder is
# listed everywhere without a word of code, and a command that shows no help reads no layout.
LAYOUT_NAMES = "【版式列表】"


def layout_names(text: str) -> str:
    """``text`` with LAYOUT_NAMES replaced by the shipped layouts' names (the default left out)."""
    if LAYOUT_NAMES not in text:
        return text
    from reportgen.shaping.layouts import (  # deferred: 100 ms at start-up, only for help naming the layouts
        DEFAULT,
        shipped,
    )

    return text.replace(LAYOUT_NAMES, "、".join(name for name, _ in shipped() if name != DEFAULT))


class ArgumentParser(argparse.ArgumentParser):
    """argparse with its usage errors in Chinese; exit code 2 as before."""

    def error(self, message: str) -> NoReturn:
        self.print_usage()
        self.exit(2, f"{self.prog}: 错误：{chinese(message)}\n")

    def format_help(self) -> str:
        return layout_names(super().format_help())


def check_templates(folders: list[Path] | None) -> None:
    """Every --templates folder exists, or UsageError naming the first that does not."""
    for folder in folders or []:
        if not folder.is_dir():
            raise UsageError(f"模板文件夹 {folder} 不存在")


def check_layout(name_or_folder: str | None) -> None:
    """A --layout that can be used (or none given), or UsageError saying why not: checked before
    a command that renders several times (render, preview) starts its work."""
    if name_or_folder:
        from reportgen.shaping.layouts import resolve  # deferred: 100 ms at start-up, only when --layout is given

        with as_usage_error():
            resolve(name_or_folder)


def refuse_outputs(outputs: list[Output], inputs: list[Path]) -> None:
    """Every output a command will write through the one guard (reading/outputs.py): a usage
    error, exit 2, naming each file it must not write, before any work and with nothing written."""
    refused = refused_outputs(outputs, inputs)
    if refused:
        raise UsageError("\n".join(message for _, message in refused))
