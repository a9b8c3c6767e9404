"""Read rendered outputs back the way a reader sees them: text and table cells, per format."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import docx
from docx.oxml.ns import qn


def docx_paragraphs(path: Path) -> list[str]:
    """Every body paragraph's text (not table cells), in order."""
    return [p.text for p in docx.Document(str(path)).paragraphs]


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Each table as rows of cell texts; a merged cell appears once (covered cells are empty)."""
    tables = []
    for table in docx.Document(str(path)).tables:
        rows = []
        for tr in table._tbl.findall(qn("w:tr")):
            rows.append(["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.findall(qn("w:tc"))])
        tables.append(rows)
    return tables


def docx_text(path: Path) -> str:
    lines = docx_paragraphs(path)
    for table in docx_tables(path):
        lines += [" ".join(row) for row in table]
    return "\n".join(lines)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._text: list[str] = []
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag in ("style", "script", "nav"):
            self._skip += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("style", "script", "nav"):
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "div", "tr", "caption", "figcaption"):
            self._text.append("\n")

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._skip:
            return
        self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def handle_startendtag(self, tag, attrs):  # type: ignore[no-untyped-def]
        pass


def _collect(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def html_text(path: Path) -> str:
    text = "".join(_collect(path)._text)
    return re.sub(r"[ \t]*\n\s*", "\n", text)


def html_tables(path: Path) -> list[list[list[str]]]:
    return _collect(path).tables


def find_row(tables: list[list[list[str]]], first_cell: str, title_hint: int | None = None) -> list[str]:
    """The first row (in any table, or table number title_hint counting from 0) starting with a cell."""
    pool = tables if title_hint is None else [tables[title_hint]]
    for table in pool:
        for row in table:
            if row and row[0] == first_cell:
                return row
    raise AssertionError(f"no table row starts with {first_cell!r}")
