"""The one guard every output path of every command passes before any work is done.

A command names each file it will write, with the option the user named it by and what may stand
there already, and :func:`refused_outputs` answers with a Chinese line per file it must not write:

- an output that is one of the command's inputs (the same path, another name of it, a link to it);
- two outputs that are one file (``-o x.yaml --report ./x.yaml``: one would replace the other);
- an output where a folder, a pipe or a device stands;
- an output that exists where the file may not be replaced: a source (``-o``, ``--prior``'s file,
  ``rollover``, ``new``) is never written over; every other output (a page, a rendered document,
  review's annotated copies and hand-back files, ``diff -o``) only where the bytes there are bytes
  reportgen wrote under that name (written.py: the folder's record of them), so a user's own
  ``page.html``, a notice signed and saved, an annotated copy a reviewer added a note to, a
  rendered DOCX corrected in Word are never lost, and reportgen's own last outputs are updated;
- an output named as the folder's record itself (written.RECORD).

Writing itself is staging.py's: whole or not at all, checking the record again as it replaces.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reportgen.base.records import FrozenRecord
from reportgen.base.written import RECORD, why_kept
from reportgen.reading.files import clash_message, identity, overwritten_inputs

# "never": a source, never written over; "written": replaced only where its bytes are reportgen's;
# "later": what stands there is judged by a later call (render's first look, before it knows its inputs)
Replace = Literal["never", "written", "later"]
# review -o's annotated copy of a PDF says so in its catalogue, the first object written (review/annotated.py)
PDF_MARK = b"/ReportgenReview (reportgen review)"


@dataclass(frozen=True, repr=False, eq=False)
class Output(FrozenRecord):
    path: Path
    option: str  # how the user named it: "-o", "--report", "--prior 导入的上年源文件" …
    replace: Replace = "written"


def refused_outputs(outputs: Iterable[Output], inputs: Iterable[Path]) -> list[tuple[Path, str]]:
    """(output, Chinese message) for each output that must not be written (see the module); [] when
    every one may be. Nothing is opened for writing here."""
    outputs = list(outputs)
    refused = [(out, clash_message(out, given)) for out, given in overwritten_inputs([o.path for o in outputs], inputs)]
    seen: dict[object, Output] = {}
    for output in outputs:
        key = identity(output.path)
        first = seen.setdefault(key, output)
        if first is not output:
            twice = f"{output.option} 给了两次同一个文件" if first.option == output.option else \
                f"{output.option} 与 {first.option} 指向同一个文件 {first.path}"
            refused.append((output.path, f"不能写入 {output.path}：{twice}，写出一个会覆盖另一个；请另选文件名"))
        problem = _standing(output)
        if problem:
            refused.append((output.path, f"不能写入 {output.path}（{output.option}）：{problem}"))
    return list(dict.fromkeys(refused))


def _standing(output: Output) -> str:
    """What stands at ``output``'s path that it must not replace, or ""."""
    if output.path.name == RECORD:
        return "这是 reportgen 记录自己写出了哪些文件的文件名，不能作输出；请另选文件名"
    try:
        info = os.stat(output.path)
    except FileNotFoundError:
        return _nothing_there(output.path)
    except NotADirectoryError:
        return f"无法写入：{file_above(output.path)} 不是文件夹，而是文件；请另选输出位置"
    except (OSError, ValueError):
        return ""  # an unreachable folder: the write itself fails and says so
    if stat.S_ISDIR(info.st_mode):
        return "这是一个文件夹，应为文件名"
    if not stat.S_ISREG(info.st_mode):
        return "这里是一个特殊文件（命名管道、设备或套接字），不是普通文件"
    if output.replace == "never":
        return "文件已存在，不会覆盖；请另选文件名，或先移走它"
    return why_kept(output.path) if output.replace == "written" else ""


def _nothing_there(path: Path) -> str:
    """What refuses an output where no file stands at its path: a link to nowhere (never followed), or a file where a
    folder above it should be; "" where nothing does."""
    if os.path.islink(path):
        return "它是指向不存在位置的符号链接，不会跟随它写出"
    blocker = file_above(path)
    return f"无法写入：{blocker} 不是文件夹，而是文件；请另选输出位置" if blocker is not None else ""


def file_above(path: Path) -> Path | None:
    """The nearest existing path above ``path`` where it is not a folder (a file where the output's
    folder should be), found now rather than as an OSError after all the work."""
    for parent in path.parents:
        if parent.is_symlink() or parent.exists():
            return None if parent.is_dir() else parent
    return None
