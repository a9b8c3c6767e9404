"""Document → one self-contained HTML file.

The writer turns each block into markup itself and hands the result to the page shell
``page.html.j2`` as already-safe Markup. Every string that comes from the Document goes through
``HtmlWriter.text`` and nowhere else (a table cell with no character to escape skips the call), so a department name such as ``<script>`` or ``{{ 7*7 }}``
shows up literally: escaped once here, and never evaluated, because Jinja2 does not re-render the
contents of a variable.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup, escape

from reportgen.base import templating
from reportgen.base.atomic import write_atomically
from reportgen.base.locations import DEFAULT_TEMPLATES
from reportgen.base.patterns import regex
from reportgen.base.templating import render_template
from reportgen.docmodel.document import Block, Cell, Cover, Document, Heading, PageBreak, Paragraph, Row, Table, Title

PAGE_TEMPLATE = "page.html.j2"
TOC_MAX_LEVEL = 2  # parts (第一部分) and 一、 sections; deeper levels would swamp a phone screen


class TocEntry(NamedTuple):
    """One line of the 目录: a tuple so templates may unpack it or use the names."""

    level: int
    text: str
    id: str


class HtmlWriter:
    """Builds the body markup block by block and records the headings for the 目录.

    One instance renders one document: it remembers which ids are taken so that every anchor in
    the page is unique even when two tables share an id or an anchor repeats.
    """

    def __init__(self) -> None:
        self.toc: list[TocEntry] = []
        self._ids: set[str] = set()
        self._headings = 0
        self._cover: Cover | None = None  # the layout's cover, printed in the title's place
        self._new_page_levels: frozenset[int] = frozenset()

    # -- the single escaping point ------------------------------------------------------------

    @staticmethod
    def text(value: object) -> Markup:
        """Escape a Document string for element content and quoted attribute values alike."""
        return escape(str(value))

    # -- blocks ---------------------------------------------------------------------------------

    def block(self, block: Block) -> Markup:
        if isinstance(block, Title):
            return self.title(block)
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, PageBreak):
            return self.page_break(block)
        raise TypeError(f"unknown block type {type(block).__name__}")

    def title(self, title: Title) -> Markup:
        # Not an <h1>: parts (level 1 headings) are the h1s, and the title is shown above them.
        if self._cover is not None:  # on paper a page of its own, each line in the layout's size
            lines = "".join(f'\n<p class="{"title" if i == 0 else "subtitle"}{" one-line" if line.one_line else ""}" '
                            f'style="--cover-size:{line.points:g}pt">{self.text(line.text)}</p>'
                            for i, line in enumerate(self._cover.lines))
            turned = " wide" if self._cover.landscape else ""  # on a landscape page, as the DOCX
            return Markup(f'<div class="doc-title cover{turned}">{lines}\n</div>')
        sub = f'\n<p class="subtitle">{self.text(title.subtitle)}</p>' if title.subtitle else ""
        return Markup(f'<div class="doc-title">\n<p class="title">{self.text(title.text)}</p>{sub}\n</div>')

    def heading(self, heading: Heading) -> Markup:
        self._headings += 1
        level = min(max(int(heading.level), 1), 6)  # HTML has h1..h6 only
        anchor = self._claim(heading.anchor or f"h-{self._headings}")
        if level <= TOC_MAX_LEVEL:
            self.toc.append(TocEntry(level, heading.full_text, anchor))
        page = ' class="new-page"' if heading.level in self._new_page_levels else ""
        return Markup(f'<h{level} id="{self.text(anchor)}"{page}>{self.text(heading.full_text)}</h{level}>')

    def paragraph(self, paragraph: Paragraph) -> Markup:
        return Markup(f'<p class="{self.text(paragraph.role)}">{self.text(paragraph.text)}</p>')

    def page_break(self, _: PageBreak) -> Markup:
        return Markup('<div class="page-break"></div>')

    def table(self, table: Table) -> Markup:
        classes = "rg-table wide" if table.wide else "rg-table"
        anchor = self._claim(f"table-{table.id}")
        caption = " ".join(
            f'<span class="{cls}">{self.text(value)}</span>'
            for cls, value in (("table-number", table.number), ("table-title", table.title))
            if value
        )
        lines = [
            f'<figure class="{classes}" id="{self.text(anchor)}">',
            "<figcaption>",
            f'<div class="caption">{caption}</div>',
            '<div class="table-meta">'
            f'<span class="department">{self.text(table.department_line)}</span>'
            f'<span class="unit">{self.text(table.unit_line)}</span></div>',
            "</figcaption>",
            # a region that may scroll sideways: reachable by keyboard, and named for a screen reader
            f'<div class="table-scroll" tabindex="0" role="region" aria-label="{self.text(table.title or table.number)}">',
            "<table>",
            *self._colgroup(table.widths),
        ]
        if table.header:
            lines += ["<thead>", *(self._row(row, "th") for row in table.header), "</thead>"]
        lines += ["<tbody>", *(self._row(row, "td") for row in table.body), "</tbody>"]
        lines += ["</table>", "</div>"]
        lines += [f'<p class="note">{self.text(note)}</p>' for note in table.notes]
        lines.append("</figure>")
        return Markup("\n".join(lines))

    # -- table parts ----------------------------------------------------------------------------

    def _colgroup(self, widths: list[int]) -> list[str]:
        total = sum(widths)
        if not widths or total <= 0:
            return []
        # Fixed two decimals keep the output byte-identical from run to run.
        cols = "".join(f'<col style="width:{w * 100 / total:.2f}%">' for w in widths)
        return [f"<colgroup>{cols}</colgroup>"]

    def _row(self, row: Row, tag: str) -> str:
        cls = f' class="{self.text(row.kind)}"' if row.kind in ("total", "subtotal") else ""
        return f"<tr{cls}>" + "".join(self._cell(cell, tag) for cell in row.cells) + "</tr>"

    def _cell(self, cell: Cell, tag: str) -> str:
        text = cell.text
        if text and (_NEEDS_ESCAPE.search(text) is not None):
            text = self.text(text)
        attrs = _cell_attrs(tag, cell.colspan, cell.rowspan, cell.align, cell.bold, cell.missing, cell.indent)
        if cell.header and tag == "td":  # a label in the body (预算数, 绩效目标 …): the header of its row
            tag, attrs = "th", ' scope="row"' + attrs
        return f"<{tag}{attrs}>{text}</{tag}>"

    # -- ids ------------------------------------------------------------------------------------

    def _claim(self, wanted: str) -> str:
        """A unique id near ``wanted``: ids may not hold whitespace, and duplicates break links."""
        base = "-".join(wanted.split()) or "x"
        candidate, n = base, 1
        while candidate in self._ids:
            n += 1
            candidate = f"{base}-{n}"
        self._ids.add(candidate)
        return candidate

    # -- whole document -------------------------------------------------------------------------

    def render(self, document: Document) -> dict[str, Any]:
        """The page template's variables for ``document`` (except ``extra``)."""
        # Front matter (title, 草稿 banner) is everything before the first heading; the 目录 sits
        # between it and the parts, where a reader of a printed disclosure expects it.
        self._cover, self._new_page_levels = document.cover, document.new_page_levels
        split = next((i for i, b in enumerate(document.blocks) if isinstance(b, Heading)), len(document.blocks))
        front = Markup("\n").join(self.block(b) for b in document.blocks[:split])
        body = Markup("\n").join(self.block(b) for b in document.blocks[split:])
        return {
            "title": _page_title(document),
            "front": front,
            "body": body,
            "toc": self._contents(document),
            "toc_title": document.contents_title or "目录",
            "toc_printed": bool(document.contents),
            "toc_alone": document.contents_alone,
            "layout_pages": bool(document.cover or document.contents_alone or document.new_page_levels),
            "landscape": document.landscape,
            # the layout's 正文字号 on paper; its lines as 正文行距 says (single: 1.3), exact ones as before
            "body_points": f"{document.body_points:g}",
            "body_line": "1.6" if document.body_line else "1.3",
            "meta": dict(document.meta),
        }

    def _contents(self, document: Document) -> list[TocEntry]:
        """The 目录: the layout's (headings and tables as it numbers them), else the parts and sections rendered."""
        return [TocEntry(e.level, e.text, e.anchor) for e in document.contents] if document.contents else list(self.toc)


def _page_title(document: Document) -> str:
    """The page's title: the document's title line, else its meta title; with a cover, the meta title (the cover's
    first line is a part of the title: the page is named whole)."""
    title = next((b.text for b in document.blocks if isinstance(b, Title)), document.meta.get("title", ""))
    return document.meta.get("title", title) if document.cover is not None else title


# Text with none of these needs no escaping: nearly every table cell is a figure or a name.
_NEEDS_ESCAPE = regex(r"[&<>\"']")


@functools.cache
def _cell_attrs(tag: str, colspan: int, rowspan: int, align: str, bold: bool, missing: bool, indent: int) -> str:
    """A cell's attributes: the same few combinations for a whole table, so each is made once."""
    attrs = ""
    if tag == "th":
        # scope lets a screen reader announce the band a figure belongs to.
        attrs += ' scope="colgroup"' if colspan > 1 else ' scope="col"'
    if colspan > 1:
        attrs += f' colspan="{int(colspan)}"'
    if rowspan > 1:
        attrs += f' rowspan="{int(rowspan)}"'
    classes = [name for name, on in (
        ("num", align == "right"),
        ("center", align == "center"),
        ("bold", bold),
        ("missing", missing),
    ) if on]
    if classes:
        attrs += f' class="{" ".join(classes)}"'
    if indent > 0:
        # On top of the cell's own 0.5em padding, one em per level of the code hierarchy.
        attrs += f' style="padding-left:{int(indent) + 0.5}em"'
    return attrs


def environment(template_dirs: list[Path] | None = None) -> jinja2.Environment:
    """The page templates' shared Environment: the user's folders first (so --templates DIR can
    replace page.html.j2), then the defaults."""
    return templating.environment("page", template_dirs)


def html_string(document: Document, template_dirs: list[Path] | None = None, extra: dict | None = None) -> str:
    """The whole page as text. ``extra`` reaches the template as ``extra`` (e.g. a preview's
    ``head`` and ``body_end`` Markup); plain strings in it are escaped by the template."""
    context = HtmlWriter().render(document)
    context["extra"] = dict(extra or {})
    # The body and the preview's additions are placed as they are: only what the template adds
    # around them counts against its output bound.
    ready_made = len(context["front"]) + len(context["body"])
    ready_made += sum(len(v) for v in context["extra"].values() if isinstance(v, str))
    return render_template(environment(template_dirs), PAGE_TEMPLATE, context, ready_made)


def write_html(document: Document, path: Path, template_dirs: list[Path] | None = None) -> None:
    """Write the page to ``path`` atomically: a reader (or a crash) never sees half a file."""
    data = html_string(document, template_dirs).encode("utf-8")  # render first: a template error writes nothing
    write_atomically(Path(path), data)


__all__ = ["HtmlWriter", "TocEntry", "html_string", "write_html", "PAGE_TEMPLATE", "DEFAULT_TEMPLATES"]
