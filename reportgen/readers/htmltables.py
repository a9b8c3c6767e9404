"""An HTML page's tables: what finance web systems export under an .xls name (Excel opens it), and
what Excel writes as "网页". Every <table> is one grid, named by its <caption>, else its title
attribute, else the nearest heading (h1–h6, or a paragraph outside any table that reads as a table's title:
“表5 一般公共预算支出表”) before it that no earlier table took, else 表1, 表2, … in the page's order.

Cells are placed as a browser places them: a cell spanning rows (rowspan) takes its column in the
rows below, so their cells move right; the span is recorded as a Merge, the value in its first cell.
A cell is text as shown (whitespace collapsed, <br> a line break), unless the page says it is a
number: Excel's x:num attribute (its value, or the text) or an mso-number-format that is not text
("@"), on the cell or its class; then its value is the exact Decimal. What a browser never shows
(readers/html_hidden.py: a <template>, the hidden attribute, display:none or visibility:hidden by the
element's style or a class the page's styles hide) is marked or left out: a table inside such an
element is a hidden grid (import sets it apart and names it), such a row or column a hidden one, such
a cell is not placed (a browser gives it no column) and such text inside a cell is not its text.

The encoding: a byte-order mark, else the page's own <meta charset> / http-equiv (GB2312 and GBK
read as GB18030, their superset), else UTF-8, else GB18030; bytes that still do not decode are
replaced and a note says so."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from decimal import Decimal

from lxml import etree, html

from reportgen.base.patterns import regex
from reportgen.readers.grid import EMPTY, Cell, Grid, Merge
from reportgen.readers.html_hidden import hidden_classes, hides
from reportgen.readers.office.sheets import (
    MAX_CELLS,
    MAX_COLUMNS,
    Ranges,
    check_bounds,
    exact_number,
    finish,
    plain,
    refused,
)
from reportgen.readers.pdf.tables.titles import is_table_title
from reportgen.reading.amounts import printed_amount

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Bounded runs only: each pattern is linear in what it reads.
_CHARSET = regex(rb"""(?:charset|encoding)\s{0,8}=\s{0,8}["']?\s{0,8}([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_NUMBER_FORMAT = regex(r"""mso-number-format\s{0,8}:\s{0,8}(?:"([^"]{0,200})"|'([^']{0,200})'|([^;"']{0,200}))""")
_SPACE = regex(r"[ \t\r\n\f]+")
_BREAK = "\ue000"  # stands for a <br> while whitespace is collapsed
_AROUND_BREAK = regex(" ?\ue000 ?")
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "ms936", "euc-cn", "csgb2312", "hz-gb-2312"}
_TEXT_FORMATS = ("@", "\\@")
_MAX_COLSPAN, _MAX_ROWSPAN = 1000, 65534  # the HTML standard's own limits
# The page is parsed whole: lxml takes about 300 bytes an element (measured: 1,000,000 cells, 440 MB).
# Two million tags are 100,000 rows of 8 cells, five times a large department's export.
MAX_TAGS = 2_000_000


def read_html(file: str, data: bytes) -> list[Grid]:
    """Every table of the page as a grid, in the page's order (a table inside a cell as well)."""
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise refused(file, f"网页过大：约有 {tags} 个标签，超过上限 {MAX_TAGS} 个，未读取："
                            "请在 Excel 中打开后另存为 .xlsx 再导入")
    text, replaced = _decode(data)
    parser = html.HTMLParser(encoding="utf-8", no_network=True, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise refused(file, "网页中没有可读的内容：请确认文件是导出的表格") from None
    classes = _class_formats(root)
    hiding = hidden_classes(style.text or "" for style in root.iter("style"))
    grids: list[Grid] = []
    for table, name in _named_tables(root, hiding):
        grid = _with_figure_caption(_read_table(file, name, table, classes, hiding), table)
        grid.hidden = any(_hides(element, hiding) for element in (table, *table.iterancestors()))
        grids.append(grid)
    if not grids:
        raise refused(file, "网页中没有表格（<table>）：请确认导出的是表格，而不是其他页面")
    if replaced:
        grids[0].notes.append(describe(file, replaced))
    return grids


def _decode(data: bytes) -> tuple[str, str]:
    """The page's text, and the encoding whose bad bytes were replaced ("" when none were)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), ""
    tried = []
    declared = _CHARSET.search(data[:4096])
    if declared:
        tried.append(_encoding(declared.group(1).decode("ascii").lower()))
    tried += ["utf-8", "gb18030"]
    for encoding in tried:
        if encoding:
            try:
                return data.decode(encoding), ""
            except (UnicodeDecodeError, LookupError):
                continue
    return data.decode("gb18030", "replace"), "GB18030"


def _encoding(name: str) -> str:
    """A declared encoding as Python names it; GB2312 and GBK as GB18030; "" when unknown."""
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _with_figure_caption(grid: Grid, table: etree._Element) -> Grid:
    """A table set in a <figure> whose <figcaption> holds its title and its caption line (编制部门 …,
    单位：…), as a published page sets it: those lines become the grid's first rows, as a workbook
    holds them, each block of the caption a row and each of its inline parts a cell."""
    figure = next((a for a in table.iterancestors() if a.tag == "figure"), None)
    caption = figure.find("figcaption") if figure is not None else None
    if caption is None:
        return grid
    lines = _caption_lines(caption)
    shift = len(lines)
    grid.rows[:0] = lines
    grid.merges = [Merge(m.first_row + shift, m.first_col, m.last_row + shift, m.last_col) for m in grid.merges]
    grid.hidden_rows = frozenset(r + shift for r in grid.hidden_rows)
    if grid.row_places is not None:
        grid.row_places[:0] = [f"{grid.label}!图题第{i + 1}行" for i in range(shift)]
    return grid


def _caption_lines(caption: etree._Element) -> list[list[Cell]]:
    """A <figcaption>'s rows: each block (or the caption itself) a row of the texts it holds."""
    blocks = [child for child in caption if isinstance(child.tag, str)] or [caption]
    lines = []
    for block in blocks:
        cells = _caption_texts(block)
        if any(cells):
            lines.append([Cell(text, text) for text in cells if text])
    return lines


def _caption_texts(block: etree._Element) -> list[str]:
    """A caption block's cells: each inline part with text apart (编制部门：… | 单位：元), but in a block
    of class "caption", which is one cell."""
    parts = [child for child in block if isinstance(child.tag, str) and _text(child)]
    return [_text(part) for part in parts] if len(parts) > 1 and block.get("class") != "caption" else [_text(block)]


def _hides(element: etree._Element, hiding: frozenset[str]) -> bool:
    return isinstance(element.tag, str) and hides(element.tag, hiding, style=element.get("style"),
                                                  classes=element.get("class"), hidden="hidden" in element.attrib)


def _named_tables(root: etree._Element, hiding: frozenset[str]) -> Iterator[tuple[etree._Element, str]]:
    """Each table with its name: its caption, else its title attribute (where an export writes the
    sheet's name), else the latest heading (or title paragraph) before it not yet taken, else 表N."""
    heading = ""
    number = 0
    for element in root.iter("table", *_HEADINGS, "p"):
        if element.tag in _HEADINGS or element.tag == "p":
            if _names_a_table(element, hiding):
                heading = _text(element, hiding)
            continue
        number += 1
        name = _own_name(element, hiding)
        if not name:
            name, heading = heading, ""
        yield element, name or f"表{number}"


def _names_a_table(element: etree._Element, hiding: frozenset[str]) -> bool:
    """Whether a heading, or a paragraph that reads as a table's title, names the table after it: shown (a hidden
    heading names nothing)."""
    return not any(_hides(e, hiding) for e in (element, *element.iterancestors())) \
        and (element.tag != "p" or _titles_a_table(element, hiding))


def _own_name(table: etree._Element, hiding: frozenset[str]) -> str:
    """The name a table gives itself: its caption, else its title attribute (a sheet's name as an export writes it,
    a trailing space kept); "" where it gives none."""
    caption = table.find("caption")
    name = _text(caption, hiding) if caption is not None else ""
    title = table.get("title") or ""
    return name or (title if title.strip() else "")


def _titles_a_table(paragraph: etree._Element, hiding: frozenset[str]) -> bool:
    """A paragraph outside any table that reads as a table's title (“表5 一般公共预算支出表”): what a web page's
    editor sets above each table of a disclosure, centred and bold, where a heading element is not used."""
    return not any(ancestor.tag == "table" for ancestor in paragraph.iterancestors()) \
        and is_table_title(_text(paragraph, hiding))


def _read_table(file: str, name: str, table: etree._Element, classes: dict[str, str], hiding: frozenset[str]) -> Grid:
    rows = [tr for tr in table.iter("tr") if _owner(tr) is table]
    check_bounds(file, name, len(rows), 1)
    grid = Grid(file, name, [])
    merges: list[Merge] = []
    hidden_rows: Ranges = []
    taken: dict[int, set[int]] = {}  # a row's columns taken by cells spanning down into it
    room = [MAX_CELLS]  # cells placed or spanned over, counted down
    for r, tr in enumerate(rows):
        if _hides(tr, hiding):
            hidden_rows.append((r, r + 1))
        grid.rows.append(_place_row(file, name, tr, r, len(rows), taken, merges, (classes, hiding), room))
    check_bounds(file, name, len(grid.rows), grid.width)
    return finish(grid, merges, hidden_rows, _hidden_columns(table, hiding))


def _place_row(file: str, name: str, tr: etree._Element, r: int, height: int, taken: dict[int, set[int]],
               merges: list[Merge], styles: tuple[dict[str, str], frozenset[str]], room: list[int]) -> list[Cell]:
    """Row ``r``'s cells placed as a browser places them: each in the first column not taken by a
    cell spanning down from above; a span is a Merge and takes its columns in the rows below; a
    hidden cell takes none."""
    classes, hiding = styles
    above = taken.pop(r, set())
    row: list[Cell] = []
    column = 0
    for td in tr:
        if td.tag not in ("td", "th") or _hides(td, hiding):
            continue
        while column in above:
            column += 1
        across = _span(td.get("colspan"), _MAX_COLSPAN)
        down = _rows_down(td, height - r)
        room[0] -= across * down
        if room[0] < 0 or column + across > MAX_COLUMNS:
            check_bounds(file, name, height, max(column + across, MAX_CELLS))
        row.extend(EMPTY for _ in range(column + 1 - len(row)))
        row[column] = _cell(td, classes, hiding)
        if across > 1 or down > 1:
            _merged(r, column, across, down, merges, taken)
        column += across
    return row


def _rows_down(td: etree._Element, left: int) -> int:
    """The rows a cell spans down, of the ``left`` from its own to the table's end (rowspan=0: all of them)."""
    return min(_span(td.get("rowspan"), _MAX_ROWSPAN) or left, left)


def _merged(r: int, column: int, across: int, down: int, merges: list[Merge], taken: dict[int, set[int]]) -> None:
    """A cell spanning ``across`` columns and ``down`` rows from (``r``, ``column``): a Merge, its columns taken
    in the rows below."""
    merges.append(Merge(r, column, r + down - 1, column + across - 1))
    for below in range(r + 1, r + down):
        taken.setdefault(below, set()).update(range(column, column + across))


def _span(text: str | None, most: int) -> int:
    """A colspan or rowspan as a browser reads it: digits, at most ``most``; 1 when missing or bad."""
    digits = (text or "").strip()
    if not digits.isdigit() or not digits.isascii():
        return 1
    return min(int(digits[:9]), most)


def _owner(element: etree._Element) -> etree._Element | None:
    return next(element.iterancestors("table"), None)


def _cell(td: etree._Element, classes: dict[str, str], hiding: frozenset[str]) -> Cell:
    """A cell's text as shown; a Decimal value where the page marks it a number."""
    text = _text(td, hiding)
    number_format = _own_format(td.get("style", "")) or classes.get(td.get("class", "").strip(), "")
    value = None
    if td.get("x:str") is None:
        given = td.get("x:num")
        if given is not None:
            value = exact_number(given) if given.strip() else _shown_number(text)
        elif number_format and number_format not in _TEXT_FORMATS:
            value = _shown_number(text)
    if value is not None:
        return Cell(value, text, number_format)
    return Cell(text, text, number_format) if text else EMPTY if not number_format else Cell(None, "", number_format)


def _shown_number(text: str) -> Decimal | None:
    """A number as a page shows it (thousands separated): its Decimal, or None."""
    value = printed_amount(text) if text else None
    return None if value is None else plain(value)


def _text(element: etree._Element, hiding: frozenset[str] = frozenset()) -> str:
    """The text a reader sees: runs of spaces and line ends one space, <br> a line break; nothing
    of an element inside it that a browser does not show (its tail is shown)."""
    parts: list[str] = []
    walk = etree.iterwalk(element, events=("start", "end"))
    for event, node in walk:
        if not isinstance(node.tag, str):
            continue
        if event == "start":
            if node is not element and _hides(node, hiding):
                walk.skip_subtree()  # no "end" comes for it: its tail is taken here
                parts.append(node.tail or "")
                continue
            parts.append(_opening_text(node))
        elif node is not element and node.tail:
            parts.append(node.tail)
    text = _SPACE.sub(" ", "".join(parts)).strip(" ")
    return _AROUND_BREAK.sub("\n", text) if _BREAK in text else text


def _opening_text(node: etree._Element) -> str:
    """The text an element shows before its children: a <br>'s line break, else its own text."""
    return _BREAK if node.tag == "br" else node.text or ""


def _own_format(style: str) -> str:
    found = _NUMBER_FORMAT.search(style) if "mso-number-format" in style else None
    if found is None:
        return ""
    return next(group for group in found.groups() if group is not None).strip()


def _class_formats(root: etree._Element) -> dict[str, str]:
    """The mso-number-format of each class in the page's <style> (Excel writes ``.xl65 {…}``)."""
    formats: dict[str, str] = {}
    for style in root.iter("style"):
        for rule in (style.text or "").split("}"):
            selector, _, body = rule.partition("{")
            number_format = _own_format(body)
            selector = selector.strip()
            if number_format and selector.startswith(".") and selector[1:].replace("-", "").replace("_", "").isalnum():
                formats[selector[1:]] = number_format
    return formats


def _hidden_columns(table: etree._Element, hiding: frozenset[str]) -> Ranges:
    hidden: Ranges = []
    column = 0
    for col in table.iter("col"):
        if _owner(col) is not table:
            continue
        span = _span(col.get("span"), _MAX_COLSPAN)
        group = col.getparent()
        if _hides(col, hiding) or (group is not None and _hides(group, hiding)):
            hidden.append((column, column + span))
        column += span
    return hidden


def describe(file: str, encoding: str) -> str:
    """The note on a page whose bytes did not all decode."""
    return f"{file}：网页中有些字节无法按 {encoding} 解码，已替换为“\ufffd”：请确认文件的编码（应为 UTF-8 或 GBK）"
