"""Page furniture — a page number, a running header or footer, set apart in a page's margin — is never a table's line.
"""

from __future__ import annotations

from reportgen.readers.pdf.pdf_words import Pages, lines_of_pages
from reportgen.readers.pdf.pdf_words import Word as _Word
from reportgen.readers.pdf.tables.lines import Line, lines_of
from reportgen.readers.pdf.tables.titles import is_caption, is_number_line, is_table_title

_DASHES = "-—–－_·•~～ \u3000"
_FURNITURE_GAP = 0.5  # line heights between furniture in the margin and the page's text, at least
_RUNNING_SHARE = 0.5  # a running header or footer is printed on at least this share of the pages …
_RUNNING_PAGES = 3  # … and on three at least
_RUNNING_SHIFT = 2.0  # points: how far apart one running line may be printed on two pages


def running_lines(pages: list[list[_Word]]) -> set[tuple[int, int]]:
    """The (page, line on the page) of a PDF's running headers and footers (furniture_lines, its page numbers aside): page
    furniture, never words of its text (苏州市应急管理局 2026: “苏州市应急管理局2026年度部门预算公开” over each page, read
    into the 职责 sentence a page break cut: “监督事故查苏州市应急管理局2026年度部门预算公开处和责任追究”)."""
    lines, furniture = page_furniture(pages)
    found = [line for page in lines for line in page if id(line) in furniture and not _is_page_number(line.text)
             and not is_number_line(line)]  # a table's number over its page (深圳's 表3, 烟台's 公开表3) numbers a table
    pages_of: dict[str, set[int]] = {}
    for line in found:
        pages_of.setdefault("".join(line.text.split()), set()).add(line.page)
    return {(line.page, line.number) for line in found if len(pages_of["".join(line.text.split())]) >= _RUNNING_PAGES}


def page_furniture(pages: list[list[_Word]]) -> tuple[list[list[Line]], set[int]]:
    """Each page's printed lines (``lines_of``) and those of them that are furniture (``furniture_lines``, by id):
    made once for pdf_words' answer (``Pages``), which both the reviewer's text (``running_lines``) and the importer's
    tables (pdf_tables.read_pdf) read — the same lines, never changed by either."""
    made: tuple[list[list[Line]], set[int]] | None = pages.__dict__.get("_furniture") \
        if isinstance(pages, Pages) else None
    if made is None:
        lines = [lines_of(number, printed) for number, printed in enumerate(lines_of_pages(pages), start=1)]
        made = lines, furniture_lines(lines)
        if isinstance(pages, Pages):
            pages.__dict__["_furniture"] = made
    return made


def furniture_lines(pages: list[list[Line]]) -> set[int]:
    """The lines (by id) printed in a page's margin, never a table's: a page number (10, — 10 —,
    第 10 页, 第10页 共30页, 10/30) alone on the page's first or last line, and a running header or
    footer: the same text (its figures aside) at the top or bottom of most pages, at one height.
    Either is set apart from the page's text by a line's height at least."""
    found: set[int] = set()
    edges: dict[tuple[str, str], list[Line]] = {}
    for lines in pages:
        for side, position in (("top", 0), ("bottom", len(lines) - 1)):
            line = _margin_line(lines, side, position, found)
            if line is not None and not is_table_title(line.text) and not is_caption(line):
                edges.setdefault((side, _masked(line.text)), []).append(line)
    least = max(_RUNNING_PAGES, _RUNNING_SHARE * sum(1 for lines in pages if lines))
    for group in edges.values():
        found.update(id(line) for line in _running_lines(group, least))
    return found


def _margin_line(lines: list[Line], side: str, position: int, found: set[int]) -> Line | None:
    """The page's first or last line (``side``) where it is set apart from the text, or the line
    beyond a page number there (a footer's page number under its text), that page number added to
    ``found``; None where there is none."""
    if not lines or not _set_apart(lines, position):
        return None
    line = lines[position]
    if not _is_page_number(line.text):
        return line
    found.add(id(line))
    position += 1 if side == "top" else -1
    if not 0 <= position < len(lines) or not _set_apart(lines, position, skip=found):
        return None
    return lines[position]


def _running_lines(group: list[Line], least: float) -> list[Line]:
    """The lines of one text at one page edge that are a running header or footer: printed at one
    height (within a shift) on ``least`` pages at least; none where they are fewer."""
    if len(group) < least:
        return []
    tops = sorted(line.words[0].top for line in group)
    middle = tops[len(tops) // 2]
    same = [line for line in group if abs(line.words[0].top - middle) <= _RUNNING_SHIFT]
    return same if len(same) >= least else []


def _set_apart(lines: list[Line], position: int, skip: set[int] | None = None) -> bool:
    """Whether the line at ``position`` (the first or last of its page's text, ``skip`` aside) is a
    line's height at least from the text next to it."""
    line = lines[position]
    skipped = skip or set()
    gap = _edge_gap(line, [other for other in lines if other is not line and id(other) not in skipped])
    height = min(w.height for w in line.words)  # a dash's box (— 10 —) is taller than the text's
    return gap is None or gap >= _FURNITURE_GAP * height


def _edge_gap(line: Line, others: list[Line]) -> float | None:
    """The space between a line and the text on its one side: None where no text is beside it,
    minus infinity where text is both above and below it (it is not at the page's edge)."""
    top, bottom = line.top, line.bottom
    above = [o.bottom for o in others if o.top < top]
    below = [o.top for o in others if o.top > top]
    if above and below:
        return float("-inf")
    if above:
        return top - max(above)
    return min(below) - bottom if below else None


def _is_page_number(text: str) -> bool:
    """10, — 10 —, - 10 -, 第 10 页, 第10页 共30页, 10/30, 10 / 30, Page 10: a page's number alone."""
    bare = "".join(char for char in text if char not in _DASHES)
    if bare.lower().startswith("page"):
        bare = bare[4:]
    if bare.startswith("第") and "页" in bare:
        head, _, rest = bare[1:].partition("页")
        bare = head + ("/" + rest[1:-1] if rest.startswith("共") and rest.endswith("页") else rest)
    number, slash, total = bare.replace("／", "/").partition("/")
    return _plain(number) and (not slash or _plain(total))


def _plain(text: str) -> bool:
    return 0 < len(text) <= 4 and text.isascii() and text.isdigit()


def _masked(text: str) -> str:
    """A line's text without spaces, each run of digits as one #: a running line's page or date aside."""
    out: list[str] = []
    for char in text:
        if char.isspace():
            continue
        if char.isascii() and char.isdigit():
            if not out or out[-1] != "#":
                out.append("#")
        else:
            out.append(char)
    return "".join(out)
