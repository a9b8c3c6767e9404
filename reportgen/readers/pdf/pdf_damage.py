"""The pages of a PDF whose text was lost in reading because the file is damaged there: a content stream
whose compressed data does not inflate (the page reads as blank), a font whose object is broken (the words
set in it dropped, poppler's “No font in show”, or printed as other characters, “Unknown font type”).
pdftotext reads on and exits 0; what it lost it says on its error stream only, and without the page.
Such a page must not be read as printed: a table with its rows missing reads as a sum that does not
add up, a narrative without its page as figures not given.

When pdftotext's errors on the whole file say that something was lost (``_LOST``), each page is read
again alone (``pdftotext -f N -l N``, two at a time, text discarded) and the pages whose own reading
says so are the damaged ones. The published PDFs of the corpus (49 files), 江苏's and the repository's 145
make pdftotext say none of it, so a good file costs nothing here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from reportgen.base.patterns import regex
from reportgen.reading.programs import ProgramOutputTooLarge, ProgramTimeout, run_programs

# what poppler says when text of a page is lost: a stream that does not decode, a font it cannot load
# (not a cross-reference table it rebuilds: “xref num 28 not found but needed, try to reconstruct”)
_LOST = regex(rb"flate stream|LZW stream|No font in show|Unknown font (?:tag|type)|"
              rb"Bad (?:block header|code|literal|distance)|Unexpected end of file", re.IGNORECASE)
_SECONDS = 60.0  # for all the pages' readings together
_MAX_ERRORS = 1024 * 1024  # what one page's reading may say


def lost_text(errors: bytes) -> str:
    """The first thing pdftotext said of text it lost ("" when it said none), for a message."""
    for line in errors.decode("utf-8", errors="replace").splitlines():
        if _LOST.search(line.encode("utf-8")):
            return re.sub(r"^(?:Syntax|Internal) (?:Error|Warning)(?: \(\d+\))?: ", "", line.strip())[:100]
    return ""


def damaged_pages(copy: Path, errors: bytes, pages: int) -> tuple[int, ...]:
    """The pages (1-based) of the PDF at ``copy`` whose text pdftotext lost, where its ``errors`` on the
    whole file say it lost some; () when they do not. Where the pages cannot be told apart (the
    readings run out of time), every page is said to be damaged: none is read as whole."""
    program = shutil.which("pdftotext")
    if not pages or program is None or not _LOST.search(errors):
        return ()
    commands = [[program, "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(copy), "/dev/null"]
                for n in range(1, pages + 1)]
    try:
        runs = run_programs(commands, _SECONDS, _MAX_ERRORS, lanes=[n % 2 for n in range(pages)])
    except (ProgramTimeout, ProgramOutputTooLarge):
        return tuple(range(1, pages + 1))
    return tuple(n for n, (_, _, said) in enumerate(runs, start=1) if _LOST.search(said))


def damaged_note(pages: tuple[int, ...], said: str) -> str:
    """What is told of the damaged pages: which, what pdftotext said, and that their text was not read."""
    shown = "、".join(map(str, pages[:20])) + (f" 等 {len(pages)} 页" if len(pages) > 20 else "")
    why = f"（pdftotext：{said}）" if said else ""
    these = "这一页" if len(pages) == 1 else "这些页"
    return (f"第{shown}页的内容已损坏{why}，{these}的文字与数字没有完整读出，未核对：请重新导出 PDF，"
            "或重新获取完整的文件")
