"""Read rendered outputs back the way a reader sees them: text and table cells, per format."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import docx
from docx.oxml.ns import qn


def rendered_outputs(source: Path, out: Path) -> dict[str, Path]:
    """Render ``source`` (DOCX and HTML) into ``out``: each output by its suffix; none is a failure
    that names the findings."""
    from reportgen.runners.render import render_source

    result = render_source(source, out)
    assert result.outputs, [f.format() for f in result.findings]
    return {p.suffix: p for p in result.outputs}


def docx_paragraphs(path: Path) -> list[str]:
    """Every body paragraph's text (not table cells), in order."""
    return [p.text for p in docx.Document(str(path)).paragraphs]


class Tables(list):
    """A document's tables (each rows of cell texts) in order, each known by its title too."""

    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []

    def add(self, title: str) -> list[list[str]]:
        self.titles.append(title)
        self.append([])
        return self[-1]

    def titled(self, fragment: str) -> list[list[str]]:
        """The one table whose title holds ``fragment`` (a table is found by what it is, never by
        where it stands: a layout may order them otherwise)."""
        hits = [table for title, table in zip(self.titles, self, strict=True) if fragment in title]
        assert len(hits) == 1, f"{len(hits)} tables titled with {fragment!r} among {self.titles}"
        return hits[0]


def docx_tables(path: Path) -> Tables:
    """Each table as rows of cell texts (a merged cell appears once; covered cells are empty),
    with the title the paragraph of style Table Title before it gives. A table printed in parts
    (w:tbl after w:tbl with nothing but empty paragraphs between) is one table, as a reader sees it."""
    tables = Tables()
    package = docx.Document(str(path))
    title = ""
    after_table = False
    for element in package.element.body:
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            after_table = after_table and not text.strip()
            style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is not None and package.styles.get_by_id(style.get(qn("w:val")), 1).name == "Table Title":
                title = text
        elif element.tag == qn("w:tbl"):
            rows = tables[-1] if after_table and not title else tables.add(title)
            title = ""
            after_table = True
            for tr in element.findall(qn("w:tr")):
                rows.append(["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.findall(qn("w:tc"))])
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
        self.tables = Tables()
        self._title: list[str] | None = None
        self._next_title = ""
        self._text: list[str] = []
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag in ("style", "script", "nav"):
            self._skip += 1
        elif tag == "span" and ("class", "table-title") in attrs:
            self._title = []
        elif tag == "table":
            self.tables.add(self._next_title)
            self._next_title = ""
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("style", "script", "nav"):
            self._skip -= 1
        elif tag == "span" and self._title is not None:
            self._next_title, self._title = "".join(self._title).strip(), None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "div", "tr", "caption", "figcaption"):
            self._text.append("\n")

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._skip:
            return
        self._text.append(data)
        if self._title is not None:
            self._title.append(data)
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


def html_tables(path: Path) -> Tables:
    return _collect(path).tables


def find_row(tables: list[list[list[str]]], first_cell: str, titled: str | None = None) -> list[str]:
    """The first row starting with a cell, in any table or in the one whose title holds ``titled``."""
    pool = tables if titled is None else [tables.titled(titled)]  # type: ignore[attr-defined]
    for table in pool:
        for row in table:
            if row and row[0] == first_cell:
                return row
    raise AssertionError(f"no table row starts with {first_cell!r}")
