"""The expected text of every source in data/, as a reader of each output sees it: the DOCX's
paragraphs and its tables cell by cell (read back with python-docx), and the HTML's text and its
tables cell by cell. Kept beside the hashes (fingerprint.py) so that a change shows *what* changed,
as a diff, not only *that* something did (pandoc's golden tests work this way).

    python -m tests.golden.text            # print what differs from the stored text
    python -m tests.golden.text --write    # store the text of every source (a deliberate change)
"""

from __future__ import annotations

import difflib
import sys
import tempfile
from pathlib import Path

from tests.golden.fingerprint import sources
from tests.readback import docx_paragraphs, docx_tables, html_tables, html_text

STORE = Path(__file__).resolve().parent / "text"


def stored_path(source: Path) -> Path:
    return STORE / f"{source.stem}.txt"


def _tables(tables: list[list[list[str]]], titles: list[str]) -> list[str]:
    lines: list[str] = []
    for title, table in zip(titles, tables, strict=True):
        lines.append(f"-- 表 {title}")
        lines += [" | ".join(cell.replace("\n", "⏎") for cell in row) for row in table]
    return lines


def reader_text(source: Path) -> str:
    """The text a reader sees in the DOCX and the HTML of ``source``, one line a paragraph or row."""
    from reportgen.runners.render import render_source

    with tempfile.TemporaryDirectory() as folder:
        result = render_source(source, Path(folder))
        assert result.outputs, [f.format() for f in result.findings]
        docx = next(p for p in result.outputs if p.suffix == ".docx")
        html = next(p for p in result.outputs if p.suffix == ".html")
        lines = ["== DOCX 段落", *docx_paragraphs(docx)]
        tables = docx_tables(docx)
        lines += ["== DOCX 表格", *_tables(tables, tables.titles)]
        lines += ["== HTML 文字", *[line for line in html_text(html).splitlines() if line.strip()]]
        tables = html_tables(html)
        lines += ["== HTML 表格", *_tables(tables, tables.titles)]
    return "\n".join(lines) + "\n"


def difference(source: Path) -> str:
    """A unified diff of the stored text against the text rendered now ('' when they agree)."""
    path = stored_path(source)
    stored = path.read_text(encoding="utf-8") if path.is_file() else ""
    now = reader_text(source)
    return "".join(difflib.unified_diff(stored.splitlines(keepends=True), now.splitlines(keepends=True),
                                        f"stored/{path.name}", f"now/{path.name}", n=2))


if __name__ == "__main__":
    if "--write" in sys.argv:
        STORE.mkdir(exist_ok=True)
        for each in sources():
            stored_path(each).write_text(reader_text(each), encoding="utf-8")
    else:
        for each in sources():
            print(difference(each), end="")
