"""印出表 imported: the numbered tables a document prints whose kind reportgen has none of (北京's 财政拨款政府购买服务
明细表, 苏州's 政府采购支出表, 烟台's 基本支出预算情况表, 深圳's 基本支出总表), held as printed (source/printed_tables.py)
from the grids the geometric table reader made of them — its number (before its title, or on the line printed just
above it), its title, its 单位 line, its header's rows (each cell with the columns and rows it spans: held_header.py)
and its rows, each amount the decimal literal printed (its places kept) traced to its line, the notes printed under it (注：无。) its 注 — so that a learned layout prints them in their
place. A table that prints no amount at all is held where its row of the total is printed alone under its header
(无锡's 公开13表, 西安's 表11: empty, the header the rows above it), or its lines under it, the first numbered 一、 (西安's
表9: each line a row of its own); a table the department prints by its units (广州's
表11, set aside by budget/by_unit.py) is held too; so is a numbered form of label and value cells the PDF reader read
from the lines drawn between them (北京's 预算13表 部门整体支出绩效目标表, 西安's 表14–16: held_forms.py), its cells
spanning as printed and no header; and so, with no 表号, is such a form printed without a number (烟台's 20
政策和项目预算绩效目标表, one table under their one title; 国家信访局's three projects' 绩效目标表; 泉州's, in a document
that numbers none of its tables: the review still judges a held form's cells that speak of the department's money).
A grid no kind names that prints no number, no header, or neither an amount nor such a row is left unread, as
before — save a table printed without a number, its title at the top of its page over its 单位 line (福州's and 泉州's
一般公共预算支出经济分类情况表, 长春's 国有资本经营预算支出明细表（预算表10）): held with no 表号."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from reportgen.base.patterns import regex
from reportgen.importing.held_forms import FIRST_ROW, Held, form_rows, joined_forms
from reportgen.importing.held_header import TEXT, UNIT, structured_header
from reportgen.importing.recognition.catalog import Catalog
from reportgen.importing.recognition.recognize import title_kind
from reportgen.importing.tree import Placed, Tree
from reportgen.readers.grid import Cell, Grid
from reportgen.readers.text.lines import Line
from reportgen.reading.amounts import printed_amount

# A table's printed number: 公开表10, 公开13表, 预算11表, 表7, 附表3, 部门公开表1 … (the learned 表号 pattern's forms)
NUMBER = regex(r"^\s*(?P<before>(?:部门)?(?:预算)?公开\s*表|附\s*表|表|预算|(?:部门)?公开)\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})"
               r"\s*(?P<after>表?)\s*[：:、.．]?\s*")
_TITLE = regex(r"表(?:[（(][^（）()]{1,20}[）)])?$")  # a title ends in 表, perhaps with a note in brackets
_AMOUNT = regex(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)$|^-?\d+\.\d+$")  # an amount printed with its decimals
_PLACE = regex(r"第(\d+)页 第(\d+)行")
_NOTE = regex(r"^注\s*\d*\s*[：:]")  # a note printed under a table (注：无。, 注1：…): no row of it
_TOTAL = regex(r"合计|总计")  # a table's row of the total, its cell the word alone
_FIRST_ITEM = regex(r"^(?:一|1)\s*[、.．]\s*\S|^[（(]\s*(?:一|1)\s*[）)]")  # the first item of a list: 一、…, 1、…, （一）…
_PART = regex(r"^[-－—]\s*\d")  # what follows a number that numbers a part of a table (预算14表-1): its part's
_UNIT = regex(r"单位\s*[：:]\s*(?:人民币)?(?:元|千元|万元|亿元)\s*$")  # the 单位 line's cell: 单位：万元, 金额单位：元
# an amount printed with its unit after it, in a cell of its own (2,080.76万元, 12万元): the decimal literal, the unit
_WITH_UNIT = regex(r"^(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*(万元|元)$")
# a unit a table states: its 单位 line (单位：万元), or a label's bracketed unit (预算金额（万元）, 资金总额(元))
_STATED_UNIT = regex(r"(?:单位\s*[：:]\s*(?:人民币)?|[（(])(万元|元)(?:[）)]|\s*$)")


def printed_tables(unknown: list[Grid], printed: dict[str, list[Line]], catalog: Catalog) -> list[tuple[Grid, Tree]]:
    """Each grid of ``unknown`` that is a numbered table of no kind reportgen has, with its 印出表 item, in order."""
    found = []
    for grid in unknown:
        item = _form(grid, printed.get(grid.file, []), catalog) if grid.form else \
            _held(grid, printed.get(grid.file, []), catalog)
        if item is not None:
            found.append((grid, item))
    return joined_forms(_each_title_once(found), _separated)


def _each_title_once(found: list[tuple[Grid, Tree]]) -> list[tuple[Grid, Tree]]:
    """The ``found`` but the tables printed without a number whose title is printed over more than one grid (长沙's
    “2025年项目支出绩效目标表” over each project's form, on 22 pages: a set of forms, not one table of amounts)."""
    titles = [str(getattr(item.get("表名"), "value", "")) for grid, item in found if "表号" not in item and not grid.form]
    return [(grid, item) for grid, item in found
            if "表号" in item or grid.form or titles.count(str(getattr(item.get("表名"), "value", ""))) == 1]


def in_printed_order(grids: list[Grid], forms: list[Grid]) -> list[Grid]:
    """The ``grids`` with the ``forms`` among them, each in the place it is printed (its file's, its first page's
    and line's): the grids alone where there are no forms, in their order."""
    if not forms:
        return grids
    files = list(dict.fromkeys(grid.file for grid in [*grids, *forms]))
    return sorted([*grids, *forms], key=lambda grid: (files.index(grid.file), *_first_place(grid)))


def _first_place(grid: Grid) -> tuple[int, int]:
    where = _PLACE.match(next((place for place in grid.row_places or [] if place), ""))
    return (int(where.group(1)), int(where.group(2))) if where is not None else (0, 0)


def _form(grid: Grid, lines: list[Line], catalog: Catalog) -> Tree | None:
    """A form (Grid.form) as a 印出表 item: its number (none where it prints none: 烟台's 政策和项目预算绩效目标表, 国家信访局's 信息化运行维护绩效目标表, a project's form each; 泉州's
    project forms and 部门整体支出绩效目标表 in a document that numbers none) and title, its rows of cells spanning as
    printed; None where it is no table of its own, or one of the parts of a table numbered 表-1, 表-2 (北京教委's
    预算14表-1 促进教育事业均衡发展共同事权转移支付绩效目标表: no layout's 表号 prints such a number)."""
    number, title = _numbered(grid, lines)
    if len(grid.rows) <= FIRST_ROW or _PART.match(title) or not (
            _of_no_kind(number, title, catalog) or _unnumbered_form(number, title, catalog)):
        return None
    places = grid.row_places or []
    item = _named(number, title, places[0])
    body = [(places[index], grid.rows[index]) for index in range(FIRST_ROW, len(grid.rows))]
    if _unseparated(body):
        item["千分位"] = Placed(False, places[0])
    item["行"] = form_rows(grid, _valued(stated_units(grid)))
    return item


def _held(grid: Grid, lines: list[Line], catalog: Catalog) -> Tree | None:
    """The grid as a 印出表 item; None where it is no numbered table of its own (see the module)."""
    if grid.kind != "pdf" or not grid.row_places or len(grid.rows) < 4:
        return None
    number, title = _numbered(grid, lines)
    empty = _first_body_row(grid) is None
    first = _first_body_row(grid) or _empty_body_row(grid) or 0
    header = _header_rows(grid, first)
    if not header or not (_of_no_kind(number, title, catalog) or _unnumbered_of_no_kind(grid, number, title, catalog)):
        return None
    return _item(grid, number, title, header, first, wraps=not empty)


def _header_rows(grid: Grid, first: int) -> list[int]:
    """The rows between the caption and the body's ``first`` that print a word."""
    return [index for index in range(2, first) if any(_text(c) for c in grid.rows[index])]


def _of_no_kind(number: str, title: str, catalog: Catalog) -> bool:
    """Whether a table numbered ``number`` (as printed, "" for none) and titled ``title`` is a table (its title ends in
    表) of no kind reportgen knows."""
    return bool(number) and bool(_TITLE.search(title)) and title_kind(title, catalog) is None


def _unnumbered_of_no_kind(grid: Grid, number: str, title: str, catalog: Catalog) -> bool:
    """Whether the grid is a table printed without a number (its title alone, as the tables of 福州 and 泉州, 长春 and
    长沙 are) of no kind reportgen knows: its title the first lines of its page, as each of the tables part is printed
    (a table printed in the text, 西安's 会议费明细表 under a paragraph, is the text's), its 单位 line under it, no
    table's number in its title."""
    top = _PLACE.match(grid.row_places[0] if grid.row_places else "")
    return not number and top is not None and int(top.group(2)) <= _TOP_LINES and bool(_unit_line(grid)) \
        and _unnumbered_title(title, catalog)


def _unnumbered_form(number: str, title: str, catalog: Catalog) -> bool:
    """Whether a form titled ``title`` is printed without a number (``number`` "", no list's number before its title:
    an item of the text's list titles none) and is of no kind reportgen knows."""
    return not number and not _ITEM.match(title) and _unnumbered_title(title, catalog)


def _unnumbered_title(title: str, catalog: Catalog) -> bool:
    """Whether ``title`` (printed with no number before it) is a table's of no kind reportgen knows, no table's number
    in it."""
    return bool(_TITLE.search(title)) and not _NUMBER_IN_TITLE.search(title) and title_kind(title, catalog) is None


# a table's number printed in its title, in no layout's 表号 form (北京's “预算表12项目支出绩效目标表”): a numbered table's
_NUMBER_IN_TITLE = regex(r"表\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})")
# an item of a list numbered in the text (福州's “1.项目支出绩效目标表” over a project's form, under its 七、预算绩效目标情况
# and （二）绩效目标表及说明): a heading of the text's, no table's title
_ITEM = regex(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．]|^[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]")
_TOP_LINES = 2  # a page's first lines: a title, or the part's heading (福州's “八、…”) and the title under it


def _first_body_row(grid: Grid) -> int | None:
    """The first row under the caption printing an amount; None for none."""
    return next((index for index in range(2, len(grid.rows)) if any(_is_amount(c) for c in grid.rows[index])), None)


def _empty_body_row(grid: Grid) -> int | None:
    """The first row of a table that prints no amount (无锡's 公开13表, 西安's 表11: a header and its 合计 row, empty, with
    perhaps a note that it has no data; 西安's 表9 部门综合预算政府性基金收支表: a header and its lines, 一、政府性基金拨款 …
    本年收入合计, none with an amount) — its row of the total, printing 合计 or 总计 and nothing else (a header's 总计
    stands beside its other columns' names), else its first line of a list, its first text opening 一、 or 1、 (no
    header's cell is numbered); None where it prints an amount or no such row."""
    if any(_is_amount(cell) for row in grid.rows for cell in row):
        return None
    rows = range(3, len(grid.rows))
    return next((index for index in rows if _total_alone(grid.rows[index])),
                next((index for index in rows if _opens_a_list(grid.rows[index])), None))


def _opens_a_list(row: list[Cell]) -> bool:
    """Whether the row's first text is the first item of a list (一、政府性基金拨款, 1、财政拨款)."""
    first = next((_text(cell) for cell in row if _text(cell)), "")
    return bool(_FIRST_ITEM.match(first))


def _total_alone(row: list[Cell]) -> bool:
    texts = ["".join(_text(cell).split()) for cell in row if _text(cell)]
    return len(texts) == 1 and bool(_TOTAL.fullmatch(texts[0]))


def _item(grid: Grid, number: str, title: str, header: list[int], first: int, wraps: bool = True) -> Tree:
    """The 印出表 item of the grid: its number and title, its 单位 line, its header's rows and its body's from
    ``first``, each traced to its line; ``wraps``: a row printing no amount under a row's names joined to it (a name
    wrapped in its cell) — not in a table that prints no amount, each of whose lines is one of its rows."""
    places = grid.row_places or []
    rows, notes = _joined([(places[index], grid.rows[index]) for index in range(first, len(grid.rows))], wraps)
    item = _named(number, title, places[0])
    unit = _unit_line(grid)
    if unit:
        item["单位"] = Placed(unit, places[1])
    if _unseparated(rows):  # its thousands printed without separators: said, as 展示.千分位 says a document's
        item["千分位"] = Placed(False, places[0])
    item["表头"] = structured_header(grid, header) or [_row(places[index], grid.rows[index], grid.width, _text)
                                                       for index in header]
    item["行"] = [_row(place, row, grid.width, _valued(stated_units(grid))) for place, row in rows]
    if notes:
        item["注"] = [{"": Placed(text, place)} for place, text in notes]
    return item


def _named(number: str, title: str, place: str) -> Tree:
    """A held table's 表号 and 表名 at ``place``: no 表号 for a table printed without one."""
    named: Tree = {"表号": Placed(number, place)} if number else {}
    named["表名"] = Placed(title, place)
    return named


def _unit_line(grid: Grid) -> str:
    """The caption's 单位 cell (单位：万元), "" for none."""
    return next((_text(c) for c in grid.rows[1] if _UNIT.search(_text(c))), "")


def _unseparated(rows: list[tuple[str, list[Cell]]]) -> bool:
    """Whether the rows print amounts of a thousand or more, none of them with a thousands separator (1099.35)."""
    large = [text for _, row in rows for c in row if (text := _number_printed(c)) and _at_least_a_thousand(text)]
    return bool(large) and not any("," in text for text in large)


def _row(place: str, cells: list[Cell], width: int, value: Callable[[Cell], Held]) -> Tree:
    """A row of 表头 or 行: its cells as held, as wide as the grid, traced to its line."""
    return {"": Placed([value(c) for c in _padded(cells, width)], place)}


def _numbered(grid: Grid, lines: list[Line]) -> tuple[str, str]:
    """The table's number as printed and its title: the number before the title (表7 一般公共预算…表), else on the
    line printed just above the title (公开13表 over 政府采购支出表); ("", title) where it prints none."""
    title = "".join(" ".join(_text(c) for c in grid.rows[0] if _text(c)).split())
    found = NUMBER.match(title)
    if found is not None and (found.group("before").endswith("表") or found.group("after")):
        return "".join(found.group(0).split()).rstrip("：:、.．"), title[found.end():]
    above = "".join(_line_above(grid.row_places[0] if grid.row_places else "", lines).split())
    found = NUMBER.fullmatch(above)
    if found is not None and (found.group("before").endswith("表") or found.group("after")):
        return above.rstrip("：:、.．"), title
    return "", title


def _line_above(place: str, lines: list[Line]) -> str:
    """The text of the line printed just above the one at ``place`` (“第7页 第2行”) on its page; "" for none."""
    where = _PLACE.match(place)
    if where is None:
        return ""
    page, line = int(where.group(1)), int(where.group(2))
    above = [ln for ln in lines if ln.page == page and 0 < (ln.line or ln.number) < line and ln.text.strip()]
    return above[-1].text.strip() if above else ""


def _joined(rows: list[tuple[str, list[Cell]]],
            wraps: bool = True) -> tuple[list[tuple[str, list[Cell]]], list[tuple[str, str]]]:
    """The body's rows, a row printing no amount whose every word stands under a text of the row above (a name wrapped
    in its cell: “其他商品和服 / 务支出”) joined to that row; rows printing nothing left out; and the notes printed under
    the table (“注：无。”, “注：本单位无政府采购支出，故本表无数据。”): from the first row opening with 注, each its line's words
    with its place — no row's."""
    kept: list[tuple[str, list[Cell]]] = []
    for at, (place, row) in enumerate(rows):
        texts = {index: _text(cell) for index, cell in enumerate(row) if _text(cell)}
        if not texts:
            continue
        if _NOTE.match(next(iter(texts.values()))):
            return kept, _notes(rows[at:])
        if wraps and _wrapped(row, texts, kept):
            kept[-1] = (kept[-1][0], _wrapped_into(kept[-1][1], texts))
            continue
        kept.append((place, list(row)))
    return kept, []


def _wrapped(row: list[Cell], texts: dict[int, str], kept: list[tuple[str, list[Cell]]]) -> bool:
    """Whether a row (its ``texts`` by column) is the words of names wrapped in the cells of the last row ``kept``: it
    prints no amount, and its every word stands under a text of that row."""
    return bool(kept) and not any(_is_amount(c) for c in row) and _under_texts(texts, kept[-1][1])


def _wrapped_into(above: list[Cell], texts: dict[int, str]) -> list[Cell]:
    """The row ``above`` with the words of a line wrapped in its cells (``texts`` by column) joined to them."""
    joined = list(above)
    for index, text in texts.items():
        joined[index] = Cell(_text(joined[index]) + text, _text(joined[index]) + text)
    return joined


def _notes(rows: list[tuple[str, list[Cell]]]) -> list[tuple[str, str]]:
    """The notes under a table: each row's words, with its place."""
    return [(place, text) for place, row in rows if (text := "".join(_text(cell) for cell in row))]


def _under_texts(texts: dict[int, str], above: list[Cell]) -> bool:
    """Whether the words ``texts`` each stand under a text (no amount) of the row ``above``, none a code under a code
    (福州's 307 债务利息及费用支出 under 303 对个人和家庭的补助, its amount blank: a line of its own, not a wrapped name)."""
    return all(index < len(above) and _text(above[index]) and not _is_amount(above[index])
               and not (text.isdigit() and _text(above[index]).isdigit()) for index, text in texts.items())


def _padded(row: list[Cell], width: int) -> list[Cell]:
    return list(row) + [Cell(None, "")] * (width - len(row))


def _text(cell: Cell) -> str:
    text = cell.text or (str(cell.value) if cell.value is not None else "")
    return " ".join(text.split())


def _is_amount(cell: Cell) -> bool:
    return bool(_AMOUNT.match(_text(cell))) and printed_amount(_text(cell)) is not None


def _at_least_a_thousand(text: str) -> bool:
    amount = printed_amount(text)
    return amount is not None and amount.copy_abs() >= 1000


def _number_printed(cell: Cell) -> str:
    """The figure an amount's cell prints (an amount with its decimals, or one with its unit after it), "" for none."""
    if _is_amount(cell):
        return _text(cell)
    unit = _WITH_UNIT.match(_text(cell))
    return unit.group(1) if unit is not None else ""


def _separated(grid: Grid) -> bool:
    """Whether a grid prints an amount of a thousand or more with a thousands separator (2,080.76)."""
    return any("," in text for row in grid.rows for cell in row
               if (text := _number_printed(cell)) and _at_least_a_thousand(text))


def stated_units(grid: Grid) -> frozenset[str]:
    """The units the table states: its 单位 line's (单位：万元), and a unit a cell's words name in brackets (西安's 表15:
    预算金额（万元）)."""
    return frozenset(unit.group(1) for row in grid.rows for cell in row
                     for unit in _STATED_UNIT.finditer(_text(cell)))


def _valued(units: frozenset[str]) -> Callable[[Cell], Held]:
    """A cell as held in a table stating ``units``: an amount printed with its decimals the decimal literal printed
    (1,099.35 → 1099.35); an amount printed with a unit the table states after it (西安's 表15: 2,080.76万元 under
    预算金额（万元）) {文字: the literal, 单位: the unit} — an amount, printed back as printed and asked for next year; else
    its text."""
    def value(cell: Cell) -> Held:
        if _is_amount(cell):
            return Decimal(re.sub(",", "", _text(cell)))
        unit = _WITH_UNIT.match(_text(cell))
        if unit is not None and unit.group(2) in units:
            return {TEXT: Decimal(unit.group(1).replace(",", "")), UNIT: unit.group(2)}
        return _text(cell)
    return value


def places(items: list[tuple[Grid, Tree]]) -> frozenset[str]:
    """The lines the held tables' rows are printed on."""
    return frozenset(node.where for _, item in items for row in item["行"] for node in row.values()  # type: ignore[union-attr]
                     if isinstance(node, Placed) and node.where)
