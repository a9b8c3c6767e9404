"""Which table a grid is, where its header ends, and what each of its columns means.

A grid is recognised by its title (a row near its top naming a table of the catalog, after the
year and the department's name), else by its sheet's name or 表码; a grid that names no known
table is returned as unknown and listed, never guessed. The header is the rows between the title
and caption (编制部门 …, 单位：元) and the first row that holds a code or an amount; a column's
meaning is found from its header words read from the bottom up (a merged parent above several
columns only counts where the words below it say nothing)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from decimal import Decimal

from reportgen.base.patterns import regex
from reportgen.importing.recognition.by_arithmetic import _LABELS, Printed, by_arithmetic
from reportgen.importing.recognition.by_other_tables import Read, by_other_tables
from reportgen.importing.recognition.catalog import Catalog, TableKind, TitleWords, normalized
from reportgen.importing.recognition.header_paths import groups_completed
from reportgen.importing.recognition.item_sums import items_by_sums
from reportgen.readers.grid import EMPTY, Cell, Grid, Merge
from reportgen.reading.amounts import printed_amount

TITLE_ROWS = 8  # a title sits in the first rows of a sheet or a printed table
_YEAR = regex(r"(?<!\d)(\d{4})年度?")
_UNIT = regex(r"(?:单位|金额单位)\s*[：:]\s*(万\s*元|元)")  # “单位 : 万元”, “单位：万 元” as a PDF spaces them
_OWNER = regex(r"(?:编制|预算)?(部门|单位)(?:（单位）|\(单位\))?(?:名称)?[：:]\s*(?!(?:万元|元|千元|亿元)\s*$)(\S(?:.*\S)?)")
_OWNER_END = regex(r"(?<!\s)\s+(?:金额)?单位[：:]")  # a run's start only: linear on long runs  # "编制部门：X    单位：元" in one cell
_TABLE_NUMBER = regex(r"^\s*(?:(?:部门预算)?公开\s*\d{1,2}\s*表\s*[：:]?|(?:附表|表)\s*[\d一二三四五六七八九十]{1,3}(?:[-－—.．]\d{1,2})?\s*[、.．:：]?|\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}、)\s*")
# a note after the title, or its words after the table's 表 where the print lost its opening bracket (贵州黔西南州政协
# 机关 2024：“一般公共预算支出表细化到功能分类项级科目)”)
_NOTE_SUFFIX = regex(r"[（(][^（）()]*[）)]$|(?<=表)[^（）()表]+[）)]$")
# the unit a title states in its own cell, after the table's name (“一般公共预算支出表（单位：元）”, “收支总表 单位：万元”)
_TITLE_UNIT = regex(r"（?(?:金额)?单位：[^（）：]{1,6}）?$")  # on the title normalized
_SHEET_CODE = regex(r"^\s*(\d{1,2}\.\d{1,2})(?!\d)")
_CODE = regex(r"^\d{3}(?:\d{2}){0,2}$")
# what a table prints where a figure is nil (a blank zero, rows.amount_of_cell): no word of its row
DASHES = frozenset({"", "-", "—", "－", "--", "——", "/"})


@dataclass
class Table:
    kind: TableKind
    grid: Grid
    title: str = ""
    year: int | None = None
    unit: str = ""  # 元 / 万元, as the caption says
    unit_where: str = ""
    owner: str = ""  # the 编制部门 / 编制单位 the caption names
    owner_word: str = ""  # 部门 / 单位
    header_start: int = 0
    body_start: int = 0
    columns: dict[int, str] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (where, text) of the notes under the table
    # a table of one row of items printed turned (its items down the rows): each body row's item
    items: dict[int, str] = field(default_factory=dict)
    # of such a table, the rows that count and do not spend (团组数, 保有量 …: turned_counts), no item's
    counts: set[int] = field(default_factory=set)
    # known by what it holds, its title naming no table (_by_content): the title's words, as import tells it
    by_content: bool = False


# grids recognised in this context: (the grids, the catalog, what they were recognised as), by the grids' ids
_ONCE: ContextVar[dict[tuple[int, ...], list[tuple[list[Grid], Catalog, tuple[list[Table], list[Grid]]]]] | None] = \
    ContextVar("recognised_once", default=None)


@contextlib.contextmanager
def recognised_once() -> Iterator[None]:
    """Within it, the same grids recognised again with an equal catalog give the tables of the first time: review
    recognises a file's grids to know what part of a disclosure it is, then imports them — one recognition, not
    two. The tables are shared: a caller within it that is not the last reads them and changes nothing."""
    token = _ONCE.set({})
    try:
        yield
    finally:
        _ONCE.reset(token)


def recognize(grids: list[Grid], catalog: Catalog) -> tuple[list[Table], list[Grid]]:
    """The grids recognised as tables, and those that are not (once in :func:`recognised_once`)."""
    memo = _ONCE.get()
    if memo is None:
        return _recognized_grids(grids, catalog)
    earlier = memo.setdefault(tuple(map(id, grids)), [])  # the grids themselves held there: their ids not reused
    made = next((made for _grids, known, made in earlier if known == catalog), None)
    if made is None:
        made = _recognized_grids(grids, catalog)
        earlier.append((list(grids), catalog, made))
    return list(made[0]), list(made[1])


def _recognized_grids(grids: list[Grid], catalog: Catalog) -> tuple[list[Table], list[Grid]]:
    """The grids recognised as tables, and those that are not. A grid holding several tables one under
    another (a sheet of an export that sets them so) is taken apart at each table's title first. The grids
    given are left as they are (each is taken apart on a copy of its own): a file's grids recognised again
    (review's ``disclosure_part``, then its import) are recognised alike."""
    known, unknown = [], []
    waiting = [_own_copy(grid) for grid in reversed(grids)]
    while waiting:
        grid = waiting.pop()
        if (after := _next_titled(grid, catalog)) is not None:
            waiting.append(after)
        table = _recognize(grid, catalog)
        if table is None:
            unknown.append(grid)
            continue
        rest = _cut_at_another_title(table)
        if rest is not None:  # a table that is none of the budget's (项目绩效目标表 …) run on after it
            unknown.append(rest)
            table = _finished(table, catalog)  # its header read again without the other table's rows
        known.append(table)
    return _named_by_others(known), unknown


def _named_by_others(tables: list[Table]) -> list[Table]:
    """The tables with a column whose meaning another table of the file tells (by_other_tables.py) given it."""
    read = [Read(table.columns, printed(table), _row_labels(table)) for table in tables]
    for table, meanings in zip(tables, by_other_tables(read), strict=True):
        table.columns = meanings
    return tables


def _row_labels(table: Table) -> dict[int, str]:
    """Each body row's label: the words and codes its label columns print, joined (by_other_tables.Read)."""
    labels = sorted(col for col, meaning in table.columns.items() if meaning in _LABELS)
    return {index: "".join("".join(row[col].text.split()) for col in labels if col < len(row) and row[col].text)
            for index, row in enumerate(table.grid.rows) if index >= table.body_start}


def _own_copy(grid: Grid) -> Grid:
    """``grid`` with rows, places and merged ranges of its own: what recognising it cuts off (``_rest_from``)
    or moves (``_cut_in_two``) is cut in the copy, never in the file's grid (福州市民政局 2026: each table
    after its 目录 line cut from the page's grid, a second recognition found only the 目录 lines)."""
    return replace(grid, rows=[list(row) for row in grid.rows], merges=list(grid.merges),
                   row_places=list(grid.row_places) if grid.row_places is not None else None)


def _next_titled(grid: Grid, catalog: Catalog) -> Grid | None:
    """The rows of ``grid`` from the next table's title on (its 表号 line and the blank rows above it with it),
    past the grid's own title (in its first rows), as a grid of their own; None where no other row titles a
    table of the catalog, or where nothing but blank rows and 表号 lines follows the title before the next (a 目录
    listing the tables' titles is no table of them). A title is a row of one cell naming a table."""
    own, later = -1, list[int]()
    for row in range(len(grid.rows)):  # up to the second title after its own: a sheet of N tables is read once, not N times
        if _titles_a_table(grid.rows[row], catalog):
            if row < TITLE_ROWS and own < 0 and not later:
                own = row
            else:
                later.append(row)
            if len(later) == 2:
                break
    later.append(len(grid.rows))
    if len(later) < 2 or not any(_words(grid, row) for row in range(later[0] + 1, later[1])):
        return None
    return _rest_from(grid, _numbered_above(grid, later[0], own + 1))


def _words(grid: Grid, row: int) -> bool:
    """A row that says something: not blank, and not only a table's number."""
    text = row_text(grid, row).strip()
    return bool(text) and not _is_table_number(text)


def _titles_a_table(row: list[Cell], catalog: Catalog) -> bool:
    texts = [text for text in map(cell_text, row) if text]
    return len(texts) == 1 and not _is_table_number(texts[0]) and titled_table(texts[0], catalog)


# A row that titles a table of its own: one cell of words ending in 表 (“财政项目支出绩效目标填报表”),
# perhaps with a note in brackets and after its number (“预算11表 财政拨款政府购买服务明细表”), and no figure.
_OTHER_TITLE = regex(r"^(?:[^\d,，.]{0,6}\d{1,2}表)?[^\d,，.]{4,40}表(?:[（(][^（）()]{0,20}[）)])?$")
# A row opening a part of the document (江苏省高级人民法院 2018 p. 16: “第三部分 江苏省高级人民法院 2018 年度预算情况说明”
# under the 政府采购预算表 that ends on p. 15): no table's row.
_PART_HEADING = regex(r"^第[一二三四五六七八九十]{1,3}部分")


def _cut_at_another_title(table: Table) -> Grid | None:
    """Where the body of ``table`` runs on into another table's title (a PDF page of a table that is
    none of the budget's, read as the next page of this one) or into a part of the document's heading
    (第三部分 …), the rows from there on, as a grid of their own; ``table`` keeps the rows before it. None
    where there is no such row."""
    grid = table.grid
    for row in range(table.body_start, len(grid.rows)):
        texts = [text for text in map(cell_text, grid.rows[row]) if text]
        if len(texts) == 1 and _OTHER_TITLE.match(normalized(texts[0])):
            return _rest_from(grid, _numbered_above(grid, row, table.body_start))
        if texts and _PART_HEADING.match(texts[0]):
            return _rest_from(grid, row)
    return None


def _rest_from(grid: Grid, index: int) -> Grid:
    """``grid``'s rows from ``index`` on as a grid of their own (a PDF's named by their first page; a sheet's
    cells keep their places), with the merged ranges within them; ``grid`` keeps the rows before."""
    name = grid.row_places[index].split(" ")[0] if grid.row_places is not None else grid.name
    rest = Grid(grid.file, name, grid.rows[index:], kind=grid.kind, hidden=grid.hidden,
                row_places=grid.row_places[index:] if grid.row_places is not None else None,
                row_offset=grid.row_offset + index if grid.row_places is None else 0,
                merges=[Merge(m.first_row - index, m.first_col, m.last_row - index, m.last_col)
                        for m in grid.merges if m.first_row >= index])
    grid.rows = grid.rows[:index]
    if grid.row_places is not None:
        grid.row_places = grid.row_places[:index]
    grid.merges = [m for m in grid.merges if m.last_row < index]
    return rest


_NUMBER_LINE = regex(r"^(?:公开|附)表\d{1,2}$")


def _is_table_number(text: str) -> bool:
    """A line that is only a table's number (表6, 公开表6, 附表3, 公开12表)."""
    return not _TABLE_NUMBER.sub("", text).strip() or bool(_NUMBER_LINE.match("".join(text.split())))


def _numbered_above(grid: Grid, title: int, body: int) -> int:
    """The first row of the lines a title at ``title`` opens with: the 表号 line and the blank rows just
    above it, down to row ``body`` (the rows before it are the table above's)."""
    start = title
    while start - 1 > body and (not row_text(grid, start - 1).strip() or _is_table_number(row_text(grid, start - 1))):
        start -= 1
    while start < title and not row_text(grid, start).strip():
        start += 1
    return start


def words_column(table: Table, label: str) -> int | None:
    """The column of words a table's header heads ``label`` (a 项目支出表's 项目类别, 烟台: 其他运转类, 特定目标类; its
    单位名称, 杭州 and 湖州: the unit printed left of each project's name); None where the table prints none."""
    for row in table.grid.rows[table.header_start:table.body_start]:
        for index, cell in enumerate(row):
            if normalized(cell_text(cell)) == label and table.columns.get(index, "名称") == "名称":
                return index
    return None


UNIT_WORD = "单位"


def unit_column(table: Table) -> int | None:
    """The column of words a 项目支出表's header heads as the unit each project is of: 单位名称 (杭州, 湖州: printed left
    of the project's name), or a unit named by what it is of (长春: 项目单位, printed right of the name); None where the
    table prints none."""
    for row in table.grid.rows[table.header_start:table.body_start]:
        for index, cell in enumerate(row):
            text = normalized(cell_text(cell))
            if (text == "单位名称" or text.endswith(UNIT_WORD) and len(text) > len(UNIT_WORD)) \
                    and table.columns.get(index, "名称") == "名称":
                return index
    return None


def project_words(table: Table) -> dict[str, int | None]:
    """The columns of words a 项目支出表 prints beside its projects' names, by what they are: 单位名称, 项目类别."""
    return {"单位名称": unit_column(table), "项目类别": words_column(table, "项目类别")}


def cell_text(cell: Cell) -> str:
    """A cell's text as a reader sees it: a number cell's value without an exponent."""
    if isinstance(cell.value, Decimal):
        return _plain(cell.value)
    return (cell.text or (cell.value if isinstance(cell.value, str) else "")).strip()


def _plain(value: Decimal) -> str:
    """``value`` in fixed point: its str, a third of format's time (a table's cells are read on every pass over its
    rows), where that has no exponent."""
    text = str(value)
    return text if "E" not in text else format(value, "f")


def row_text(grid: Grid, row: int) -> str:
    return "".join(cell_text(c) for c in grid.rows[row]) if row < len(grid.rows) else ""


def _title_rows(grid: Grid) -> list[int]:
    """The rows a title may be printed in (the first TITLE_ROWS), in the order sought: those not opening with a list's
    number first — a line “五、一般公共预算拨款支出预算表” over the title “2026年度一般公共预算拨款支出预算表” (福州, 泉州) is
    the heading of the part the table is printed in, not its title — each in order."""
    return sorted(range(min(TITLE_ROWS, len(grid.rows))), key=lambda row: bool(_LIST_ITEM.match(row_text(grid, row))))


_LIST_ITEM = regex(r"^\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*、")  # a heading's number (五、, 5、), no table's


def _recognize(grid: Grid, catalog: Catalog) -> Table | None:
    table: Table | None = None
    for row in _title_rows(grid):
        kind, year = _title_kind(row_text(grid, row), catalog)
        if kind is not None and not _listed(grid, row, kind, catalog):
            table = Table(kind, grid, title=row_text(grid, row).strip(), year=year, header_start=row + 1)
            break
    if table is None:  # no title inside: the sheet's name, or the title paragraph a DOCX table is named by
        kind, year = _title_kind(grid.name, catalog)
        kind = kind or _sheet_kind(grid.name, catalog)
        if kind is None:
            return _by_content(grid, catalog)
        table = Table(kind, grid, title=grid.name, year=year)
    return _finished(table, catalog)


_LISTING_NEAR = 2  # a 目录's line has other tables' names within two rows of it, on two rows at least


def _listed(grid: Grid, row: int, kind: TableKind, catalog: Catalog) -> bool:
    """Whether the title at ``row`` is one line of a list of the tables, not a table's title: two of the rows
    within ``_LISTING_NEAR`` of it title other tables (a cover and its 目录 read as one grid, 中共江苏省委办公厅
    2018 报表 pp. 1–2: “一、收支预算总表”, “二、收入预算总表” … — it is no 收支总表). A table with no rows whose
    next table's title follows it has one such row, and stays the table its title names."""
    near = range(max(row - _LISTING_NEAR, 0), min(row + _LISTING_NEAR + 1, len(grid.rows)))
    others = [other for other in near if other != row and _title_kind(row_text(grid, other), catalog)[0] not in (None, kind)]
    return len(others) >= 2


def _finished(table: Table, catalog: Catalog) -> Table:
    """``table`` with its caption, header and columns read."""
    shaped(table, catalog)
    if not table.owner and (owner := _title_owner(table, catalog)):
        table.owner, table.owner_word = owner, "部门"
    table.items = turned_items(table, catalog)
    table.counts = turned_counts(table, catalog) if table.items else set()
    return table


def _by_content(grid: Grid, catalog: Catalog) -> Table | None:
    """A grid whose title names no table, known by what it holds (导入.yaml 表名: 按内容): the codes its rows
    print all of one classification (功能分类: 2…; 经济分类: 3…, 5…), its title holding the words of one table
    only (一般公共预算 and 支出, …) and none that makes it another table's (基本, 项目 … not among them); None
    for any other grid (a table of this region's own: 财政拨款支出预算表 names no fund)."""
    titles = catalog.titles
    for row in _title_rows(grid):
        titled = _YEAR.sub("", normalized(_TABLE_NUMBER.sub("", row_text(grid, row))))
        if not _OTHER_TITLE.match(titled):
            continue
        fits = [kind for kind in catalog.tables if _content_words_fit(titled, *titles.by_content.get(kind.id, ("", [])),
                                                                      titles.content_others)]
        if not fits:
            return None
        year = _YEAR.search(row_text(grid, row))
        table = _finished(Table(fits[0], grid, title=row_text(grid, row).strip(), header_start=row + 1,
                                year=int(year.group(1)) if year else None), catalog)
        family = _code_family(table)
        fits = [kind for kind in fits if titles.by_content[kind.id][0] == family]
        if len(fits) != 1:
            return None
        table.kind, table.by_content = fits[0], True
        return table
    return None


def content_note(table: Table) -> str:
    """What import tells of a table known by what it holds."""
    return (f"{table.grid.shown}：表名“{''.join(table.title.split())}”不是已知的表名，按表中所印的科目编码"
            f"（{_code_family(table)}）与表名中的字样认作{table.kind.id}")


def _content_words_fit(title: str, codes: str, words: list[str], others: list[str]) -> bool:
    return bool(codes and words) and all(word in title for word in words) \
        and not any(other in title and not any(other in word for word in words) for other in others)


_FAMILIES = {"2": "功能分类", "3": "经济分类", "5": "经济分类"}
_CODES_LEAST = 2


def _code_family(table: Table) -> str:
    """The classification of the codes the table's rows print (each row's first code): 功能分类, 经济分类, or
    "" where they are of both, or fewer than two."""
    found = [_FAMILIES.get(cell_text(cell)[:1], "") for row in table.grid.rows[table.body_start:]
             for cell in row[:3] if is_code(cell)]
    return found[0] if len(found) >= _CODES_LEAST and len(set(found)) == 1 else ""


def shaped(table: Table, catalog: Catalog) -> Table:
    """``table`` with its caption read (owner, unit), its body found and its columns' meanings, from its
    title's row on (by_unit.py shapes so a table no kind of the catalog names)."""
    _read_caption(table)
    table.body_start = _body_start(table.grid, table.header_start)
    year = table.year if table.year is not None else header_year(table)  # 2025年预算数 | 2026年预算数, no year above
    table.columns = _function_codes(table, _columns(table.grid, range(table.header_start, table.body_start),
                                                    catalog.of_kind(table.kind), year))
    table.body_start = _past_numbering(table.grid, table.body_start)
    table.columns = by_arithmetic(printed(table), table.kind.shape, table.columns, carried_words(table, catalog))
    if table.kind.shape == ONE_ROW:  # (the 三公 table) one item read over two columns: the table's own sums place them
        table.columns = items_by_sums(printed(table), table.columns)
    return table


def carried_words(table: Table, catalog: Catalog) -> frozenset[int]:
    """The columns a header row prints a word of the carry-over over (上年结转结余: by_arithmetic's _carried_run)."""
    grid = table.grid
    return frozenset(col for row in range(table.header_start, table.body_start) for col in range(grid.width)
                     if (text := header_text(grid, row, col)) and _known_word(normalized(text), catalog) == CARRIED)


def printed(table: Table) -> Printed:
    """What ``table``'s body prints, by column (by_arithmetic.py): its amounts, the columns printing words on two
    rows or more, each column's own (lowest) header word — a row numbering the columns is none of its rows."""
    figures: dict[int, dict[int, Decimal]] = {}
    worded: dict[int, int] = {}
    coded: dict[int, int] = {}
    families: dict[int, set[str]] = {}
    grid = table.grid
    for index in range(table.body_start, len(grid.rows)):
        if not numbers_columns(grid.rows[index]):
            _count_row(grid.rows[index], index, figures, worded, coded)
            _code_families(grid.rows[index], families)
    worded_rows = [row for row in range(table.header_start, table.body_start) if not numbers_columns(grid.rows[row])]
    header = {col: words[-1] for col in range(grid.width)  # (each header row asked once, not once per column)
              if (words := ["".join(text.split()) for row in worded_rows if (text := header_text(grid, row, col))])}
    return Printed(figures, frozenset(col for col, count in worded.items() if count >= 2), header,
                   frozenset(col for col, count in coded.items() if count >= 2),
                   {col: frozenset(found) for col, found in families.items()})


def _count_row(row: list[Cell], index: int, figures: dict[int, dict[int, Decimal]], worded: dict[int, int],
               coded: dict[int, int]) -> None:
    """One body row's cells counted: each amount under its column, each other text as a code or as words."""
    for col, cell in enumerate(row):
        if is_amount(cell):
            value = cell.value if isinstance(cell.value, Decimal) else printed_amount(cell_text(cell))
            if value is not None:
                figures.setdefault(col, {})[index] = value
        elif cell_text(cell):
            counted = coded if is_code(cell) else worded
            counted[col] = counted.get(col, 0) + 1


def _code_families(row: list[Cell], families: dict[int, set[str]]) -> None:
    """The classification each code of a body row is of, by its first digit (2 功能分类, 3 部门预算支出经济分类,
    5 政府预算支出经济分类), added to its column's."""
    for col, cell in enumerate(row):
        if is_code(cell) and not is_amount(cell):
            families.setdefault(col, set()).add(cell_text(cell)[:1])


def _past_numbering(grid: Grid, body: int) -> int:
    """The body's first row past a row numbering the columns under the header (栏次 | 1 | 2 | 3, as the 决算
    templates and many provinces' exports print it): that row is the header's, no row of figures or of a unit."""
    if body < len(grid.rows) and numbers_columns(grid.rows[body]):
        return _body_start(grid, body + 1)
    return body


def header_year(table: Table) -> int | None:
    """The year a table's header names its columns by (_named_year), for a table whose title and caption state
    none (深圳市民政局 2026: “2026年预算数”, beside “2025年预算数” in its “三公” table)."""
    header = range(table.header_start, table.body_start)
    return _named_year({int(found) for row in header for col in range(table.grid.width)
                        for found in _YEAR.findall(normalized(header_text(table.grid, row, col)))})


def year_place(table: Table, year: int) -> str:
    """Where the table states ``year``: the first row of its title, caption or header printing it (第3页 第1行),
    else its sheet's name where that does (a title read from it); "" where none does."""
    for row in range(min(max(table.body_start, table.header_start), len(table.grid.rows))):
        if year in {int(found) for found in _YEAR.findall(normalized(row_text(table.grid, row)))}:
            return table.grid.where(row)
    return table.grid.label if year in {int(found) for found in _YEAR.findall(normalized(table.grid.name))} else ""


def _named_year(printed: set[int]) -> int | None:
    """The year a header's printed years name: one year, the table's; a year and the one before it (2025年预算数
    beside 2026年预算数), the later — a budget sets last year's beside its own, never a later year's; else None."""
    if len(printed) == 1:
        return next(iter(printed))
    return max(printed) if len(printed) == 2 and max(printed) - min(printed) == 1 else None


def _function_codes(table: Table, meanings: dict[int, str]) -> dict[int, str]:
    """A table of function lines whose code column is headed 功能科目编码 (江苏省政协办公厅 2019's 公开07表
    一般公共预算支出预算表（功能科目）: 功能科目编码 | 功能科目名称 | 金额): the column is its lines' 编码, as
    科目编码 is — not the 功能科目 a project is of, which the 项目支出表's column gives."""
    if table.kind.shape != "科目" or "编码" in meanings.values() or "名称" not in meanings.values():
        return meanings
    columns = [col for col, meaning in meanings.items() if meaning == "功能科目"]
    header = range(table.header_start, table.body_start)
    if len(columns) != 1 or not any(normalized(header_text(table.grid, row, columns[0])).endswith("编码")
                                    for row in header):
        return meanings
    return {**meanings, columns[0]: "编码"}


# The shape (导入.形状 of its definition) of a table of one row of items: the “三公” table, whose items are read
# from its header or, turned, its rows.
ONE_ROW = "一行"
# The items of a table of one row of items: its header names one of them at least,
# else, printed turned, its rows do (机关运行经费 may stand beside them either way).
ITEMS = ("“三公”合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
_ROW_ITEMS = (*ITEMS, "机关运行经费")
TURNED_FIGURE = "合计"  # the column a turned table's items are read from (its other columns: the funds)
_RATE = regex(r"^-?\d+(?:\.\d+)?%$")  # a rate a turned table prints beside its figures (增、减幅度: 22%)


def turned_figure(table: Table) -> str:
    """The column a turned table's items are read from: its 合计 (广州: the funds beside it), else, where it
    prints no 合计, this year's 预算数 (云南昌宁县卡斯镇 2024: 2023年预算数 | 2024年预算数 | 增、减金额)."""
    meanings = set(table.columns.values())
    return "预算数" if TURNED_FIGURE not in meanings and "预算数" in meanings else TURNED_FIGURE
_ROW_NUMBERING = regex(r"^(?:其中[：:]?|[一二三四五六七八九十]+、|\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）])")


def turned_items(table: Table, catalog: Catalog) -> dict[int, str]:
    """Of a table of one row of items whose header names none of them (广州 prints the “三公” items down
    the rows, the funds across): each body row's item, named by its words without 其中： and numbering
    (三公经费各行 of 导入.yaml — a row no field holds, 行政经费, among them —, else the columns' words); none
    for any other table."""
    if table.kind.shape != ONE_ROW or any(meaning in ITEMS for meaning in table.columns.values()):
        return {}
    items: dict[int, str] = {}
    for index in range(table.body_start, len(table.grid.rows)):
        label = _label(table.grid.rows[index])
        while (numbering := _ROW_NUMBERING.match(label)) is not None and numbering.end() < len(label):
            label = label[numbering.end():]
        item = catalog.item_rows.get(label) or _known_word(label, catalog)
        if item in _ROW_ITEMS or item in catalog.item_rows.values():
            items[index] = item
    return items


def turned_counts(table: Table, catalog: Catalog) -> set[int]:
    """Of a “三公” table read turned, the rows that count and do not spend (湖南岳阳县台创园 2017, under
    “二、相关统计数”: 因公出国(境)团组数(个), 公务用车保有量(辆), 公务接待批次(批) …; 导入.yaml 三公经费统计数):
    no item's, their figures no amounts of it."""
    return {index for index in range(table.body_start, len(table.grid.rows)) if index not in table.items
            and any(word in _label(table.grid.rows[index]) for word in catalog.item_counts)}


def _label(row: list[Cell]) -> str:
    """A row's words: its cells that are no figure, no rate and no blank figure (“-”, “——” where a figure is nil)."""
    return normalized("".join(cell_text(c) for c in row if not is_amount(c) and not _RATE.match(cell_text(c))
                              and "".join(cell_text(c).split()) not in DASHES))


def titled_table(text: str, catalog: Catalog) -> bool:
    """Whether ``text`` titles one of the catalog's tables (as a grid's title row is read)."""
    return _title_kind(text, catalog)[0] is not None


def title_kind(text: str, catalog: Catalog) -> TableKind | None:
    """The table ``text`` titles (as a grid's title row is read), None for any other text."""
    return _title_kind(text, catalog)[0]


_BOOK_TITLE = regex(r"^《(.*)》$")  # a 目录 naming a table in book-title marks (乌鲁木齐: 九、《…决算表》)
# the mark a 目录 line ends its item with, after the title (某县下马渡镇 2025 “1、2025年部门收支总体情况表;”, 三亚市三亚林场
# 2025 “五、政府性基金预算支出表。”): no word of the title
_LIST_END = "；;。，,、"


def _title_kind(text: str, catalog: Catalog) -> tuple[TableKind | None, int | None]:
    titled = _TITLE_UNIT.sub("", _BOOK_TITLE.sub(r"\1", normalized(_TABLE_NUMBER.sub("", text)).rstrip(_LIST_END)))
    plain = _NOTE_SUFFIX.sub("", titled)  # “表5 …表（按功能分类）”
    note = titled[len(plain):]
    year_match = _YEAR.search(plain)
    rest = _national_title(plain[year_match.end():] if year_match else plain, catalog.titles)
    named = _named_kind(rest, note, bool(year_match), catalog)
    named_in = rest
    if (second := _second_ending(rest, catalog.titles)) is not None:  # 江苏's 收支预算总表
        # the longer name of the two: 江苏's 一般公共预算机关运行经费支出预算表 is the 机关运行经费表 its ending put as
        # the national one names, not a 支出预算表 (山东's 支出总表) after words naming nothing
        again = _named_kind(second, note, bool(year_match), catalog)
        if again is not None and (named is None or again[0] > named[0]):
            named, named_in = again, second
    year = int(year_match.group(1)) if year_match else None
    if named and year_match and not named_in[:-named[0]] \
            and _region_before(plain[:year_match.start()], plain[year_match.end():], catalog.titles):
        return None, None
    return (named[1], year) if named else (None, None)


def _region_before(before: str, after: str, titles: TitleWords) -> bool:
    """Whether a title names a region right before its year and, after it, a table's name with no department's
    word first (“沅陵县2021年“三公”经费预算财政拨款情况统计表”: the county's, all its departments'): then it is that
    region's own table, none of a department's. One of its departments prints 部门 (or its own name) after the
    year (“岳阳县2017年度部门“三公”经费预算情况表”)."""
    region = before.strip()
    return _REGION_MIN <= len(region) <= _OWNER_MAX and region.endswith(tuple(titles.region_endings)) \
        and not after.startswith(tuple(titles.prefixes))


_REGION_MIN = 2


def _named_kind(rest: str, note: str, dated: bool, catalog: Catalog) -> tuple[int, TableKind] | None:
    """The kind whose name is ``rest`` (as the national template words it), or ends it after words no
    qualifier (项目, 财政拨款 …) ends and that list nothing (“三公”经费、行政参公单位机关运行经费情况表 is a table
    of both, not the 机关运行经费表), in a title without a year; the longest name that fits, with its length."""
    best: tuple[int, TableKind] | None = None
    for kind in catalog.tables:
        # only a name ``rest`` ends with (or is, with its note) can fit: the rest is asked of those alone
        ending = _names_ending(kind, rest, note)
        if not ending or _noted_otherwise(kind, note, catalog.titles):
            continue  # 深圳's 一般公共预算支出表（按经济分类）: its rows are 301 …, not the function table's
        for name in ending:  # a name may keep its note (一般公共预算支出表（按经济分类）)
            if _name_fits(rest, note, name, dated, catalog.titles) and (best is None or len(name) > best[0]):
                best = (len(name), kind)
    return best


def _names_ending(kind: TableKind, rest: str, note: str) -> list[str]:
    """The names of ``kind`` a title's ``rest`` ends with, or is with its note."""
    if not rest.endswith(tuple(kind.names)) and rest + note not in kind.names:  # asked of every kind, every title
        return []
    return [name for name in kind.names if rest.endswith(name) or rest + note == name]


def _noted_otherwise(kind: TableKind, note: str, titles: TitleWords) -> bool:
    """Whether a title's bracketed note makes it none of ``kind`` (括注另作他表: 按经济分类, 按单位 …)."""
    return any(word in note and kind.id in kinds for word, kinds in titles.note_others.items())


def _name_fits(rest: str, note: str, name: str, dated: bool, titles: TitleWords) -> bool:
    """Whether ``name`` names the table ``rest`` titles: it is the title (with its note), or ends it after words
    no qualifier ends and that list nothing — a few words in a title without a year, else a department's name."""
    before = rest[:-len(name)]
    return rest == name or rest + note == name or name not in titles.whole_only and (
        rest.endswith(name) and not before.endswith(tuple(titles.qualifiers)) and _LISTING not in before
        and (len(before) <= 12 and not dated or bool(_owner_name(before, titles))))


_LISTING = "、"


def _owner_name(words: str, titles: TitleWords) -> str:
    """The department's name ``words`` before a table's name in a title of a year are (2018年度江苏省高级人民法院
    收支预算总表): a name of 4 to 20 characters ending as departments' names end, perhaps with a prefix of the
    table's name after it (2015年桂林市司法局部门“三公”经费情况统计表: 桂林市司法局); "" where they are none."""
    for name in (words, *(words[:-len(prefix)] for prefix in titles.prefixes if words.endswith(prefix))):
        if _OWNER_MIN <= len(name) <= _OWNER_MAX and name.endswith(tuple(titles.owner_endings)):
            return name
    return ""


def _title_owner(table: Table, catalog: Catalog) -> str:
    """The department a title of a year names before the table's name (“2018 年度江苏省高级人民法院收支预算
    总表”: 江苏省高级人民法院), for a table whose caption names none; "" for any other title."""
    plain = _NOTE_SUFFIX.sub("", normalized(_TABLE_NUMBER.sub("", table.title)))
    year = _YEAR.search(plain)
    rest = _national_title(plain[year.end():], catalog.titles) if year else ""
    for text in dict.fromkeys((rest, _second_ending(rest, catalog.titles) or rest)):
        for name in table.kind.names:
            before = text[:-len(name)] if text.endswith(name) else ""
            owner = _owner_name(before, catalog.titles) if before else ""
            if owner and not before.endswith(tuple(catalog.titles.qualifiers)):
                return owner
    return ""


_OWNER_MIN = 4
_OWNER_MAX = 20


def _second_ending(rest: str, titles: TitleWords) -> str | None:
    """A title whose ending names a table only once put as the national one (收支预算总表 → 收支总表,
    一般公共预算支出预算表 → 一般公共预算支出表: 预算 before the last 表, as many provinces title them)."""
    for ending, national in sorted(titles.second_endings.items(), key=lambda item: -len(item[0])):
        if rest.endswith(ending):
            return rest[:-len(ending)] + national
    return None


def _national_title(rest: str, titles: TitleWords) -> str:
    """A title as the national template words it: its prefix (部门, 本年 …) dropped, a local ending
    (收支总体情况表, 一般公共预算支出情况表) put as the national one (收支总表, 一般公共预算支出表)."""
    for prefix in titles.prefixes:
        if rest.startswith(prefix):
            rest = rest[len(prefix):]
            break
    for ending, national in sorted(titles.endings.items(), key=lambda item: -len(item[0])):
        if rest.endswith(ending):
            return rest[:-len(ending)] + national
    return rest


def _sheet_kind(name: str, catalog: Catalog) -> TableKind | None:
    code = _SHEET_CODE.match(name)
    plain = normalized(name)
    for kind in catalog.tables:
        if code and code.group(1) in kind.codes:
            return kind
        if plain in kind.names:
            return kind
    return None


_CAPTION_WORDS = ("单位", "金额单位", "编制", "部门", "预算单位")


def unwrapped(text: str) -> str:
    """A cell's text with the line breaks it wraps inside the cell taken out (“部门名称：深圳市\n民政局（本级）”,
    as an export sets a narrow cell): a break before a caption's next words (“\n单位：元”) is a space."""
    lines = [line.strip() for line in text.split("\n")]
    return "".join(line if not at or not line.startswith(_CAPTION_WORDS) else f" {line}"
                   for at, line in enumerate(lines))


def _read_caption(table: Table) -> None:
    """The caption rows just under the title: who compiled the table and its unit."""
    grid = table.grid
    title = table.header_start - 1  # the title's row, where the table prints one: its unit in the title's cell
    for col, cell in enumerate(grid.rows[title] if 0 <= title < len(grid.rows) else []):
        if (stated := _UNIT.search(unwrapped(cell_text(cell)))) is not None:
            table.unit, table.unit_where = "".join(stated.group(1).split()), grid.where(title, col)
    for row in range(table.header_start, min(table.header_start + 3, len(grid.rows))):
        found = False
        for col, cell in enumerate(grid.rows[row]):
            text = unwrapped(cell_text(cell))
            if (stated := _UNIT.search(text + _wrapped_below(grid, row, col))) is not None:
                table.unit, table.unit_where, found = "".join(stated.group(1).split()), grid.where(row, col), True
            if (owner := _OWNER.search(text)) is not None:
                # 编制单位/预算单位 names a unit's budget; "单位名称：" is a department's caption as often
                unit = owner.group(0).startswith(("编制单位", "预算单位"))
                table.owner_word, found = "单位" if unit else "部门", True
                table.owner = _OWNER_END.split(owner.group(2))[0].strip()
        if found:
            table.header_start = row + 1
        elif table.unit or table.owner:
            return


def _wrapped_below(grid: Grid, row: int, col: int) -> str:
    """The words a caption cell ending its line in a unit's first character (“单位：万”) wraps onto below it, in its
    column (长春市信访局 2026's 一般公共预算支出表: “单位：万” over “元”, a header row between): the next cell printing
    words in that column, within two rows; "" where the cell ends no unit's word."""
    if not _UNIT_CUT.search(unwrapped(cell_text(grid.cell(row, col)))):
        return ""
    below = (cell_text(grid.cell(r, col)).strip() for r in range(row + 1, min(row + 3, len(grid.rows))))
    return next((text for text in below if text), "")


_UNIT_CUT = regex(r"(?:单位|金额单位)\s*[：:]\s*万$")


def _body_start(grid: Grid, start: int) -> int:
    """The first row holding a code or an amount — or a formula saved without its value (a total row never
    calculated: its figures are not known, but it is no header row)."""
    for row in range(start, len(grid.rows)):
        if any(is_code(c) or is_amount(c) or c.unsaved for c in grid.rows[row]):
            return row
    return len(grid.rows)


def is_code(cell: Cell) -> bool:
    if isinstance(cell.value, Decimal):
        return cell.value == cell.value.to_integral_value() and 100 <= cell.value <= 999
    return bool(_CODE.match(cell_text(cell).split(" ")[0])) if cell_text(cell) else False


def is_amount(cell: Cell) -> bool:
    if isinstance(cell.value, Decimal):
        return True
    return _amount_text(cell_text(cell))


@functools.lru_cache(maxsize=1 << 16)  # a table's cells are asked again for every column and row it is read by
def _amount_text(text: str) -> bool:
    """A text cell's text is an amount: printed as one, and not a code (is_code of a text cell). An
    exported “#,##0 ” format leaves a space after the digits (a csv keeps it)."""
    return printed_amount(text) is not None and not (text and _CODE.match(text.split(" ")[0]))


def header_paths(grid: Grid, header: range, catalog: Catalog) -> tuple[dict[int, list[str]], dict[int, list[bool]]]:
    """Each column's header words, top down (its path: the group words over its own), and for each of them whether
    it heads other columns too; a column of a group read outside it given the group's words (header_paths.py)."""
    texts: dict[int, list[str]] = {}
    groups: dict[int, list[bool]] = {}  # for each of a column's words, whether it heads other columns too
    for row in header:
        cells = {col: _header_word(grid, row, col) for col in range(grid.width) if col not in grid.hidden_cols}
        for col, (text, wide) in _spaced_words_joined(cells, catalog, set(texts)).items():  # a hidden column heads nothing
            if text:
                texts.setdefault(col, []).append(normalized(text))
                groups.setdefault(col, []).append(wide)
    return groups_completed(_words_split(grid, header, texts, groups, catalog), groups)


def _columns(grid: Grid, header: range, catalog: Catalog, year: int | None = None) -> dict[int, str]:
    texts, groups = header_paths(grid, header, catalog)
    own = year if year is not None else _named_year(
        {int(found) for words in texts.values() for word in words for found in _YEAR.findall(word)})
    meanings: dict[int, str] = {}
    for col, words in texts.items():
        meaning = (_year_column(words[-1], year) or _meaning(words, catalog)
                   or _meaning([_this_year(word, own) for word in words], catalog))
        meaning = _of_year(words, groups[col], _of_groups(words, groups[col], meaning, catalog, own), own)
        if meaning:
            meanings[col] = meaning
    meanings = _one_total(grid, header.stop, texts, _total_by_fund(_table_total(texts, meanings), texts, groups, catalog))
    meanings = _parts_in_which(texts, _group_amount(texts, groups, meanings, catalog))
    meanings = _cut_in_two(grid, header, _set_apart(grid, header.stop, texts, meanings))
    return _names_apart(grid, header.stop, texts, _codes_apart(grid, header.stop, texts, meanings))


def _words_split(grid: Grid, header: range, texts: dict[int, list[str]], groups: dict[int, list[bool]],
                 catalog: Catalog) -> dict[int, list[str]]:
    """A header word the PDF split over two columns side by side, one of them printing no figure (北京市审计局 2026's
    “三公” table: “因公出国（境 | ）费” over “用”, its figures under “）费”; “三公” | 经费财政 over 拨款预算总额): the words
    of the two joined line by line, left to right, are the column printing figures' — where its own words name
    nothing and the joined words name a column (因公出国（境）费用, “三公”经费财政拨款预算总额); the other column heads
    nothing. ``groups`` is kept in step."""
    figures = _printing_figures(grid, header.stop)
    out = dict(texts)
    for col in sorted(texts):
        if col in figures and col in out and not _meaning(out[col], catalog) \
                and (joined := _joined_beside(grid, header, col, [c for c in (col - 1, col + 1)
                                                                  if c in out and c not in figures], catalog)):
            out[col], groups[col] = [joined[1]], [False]
            del out[joined[0]]
    return out


def _printing_figures(grid: Grid, body: int) -> set[int]:
    """The columns a table's body prints an amount in."""
    return {col for row in grid.rows[body:] for col, cell in enumerate(row) if is_amount(cell)}


def _joined_beside(grid: Grid, header: range, col: int, others: list[int], catalog: Catalog) -> tuple[int, str] | None:
    """The first of ``others`` whose header words, joined line by line with ``col``'s, name a column, and the words."""
    for other in others:
        if _known_word(word := _joined_by_line(grid, header, col, other), catalog):
            return other, word
    return None


def _joined_by_line(grid: Grid, header: range, col: int, other: int) -> str:
    """The header words of two columns side by side, line by line, left to right, as one word (a cell merged over
    both, once)."""
    left, right = min(col, other), max(col, other)
    lines = [(header_text(grid, row, left), header_text(grid, row, right)) for row in header]
    return normalized("".join(one if one == two else one + two for one, two in lines))


def _spaced_words_joined(words: dict[int, tuple[str, bool]], catalog: Catalog,
                         headed: set[int]) -> dict[int, tuple[str, bool]]:
    """A header row's words with a word printed letter-spaced across cells joined into its first cell: a run
    of cells side by side, each one character, that together are a known header word (“项 | 目” is 项目, the
    名称 column: 长沙市公安局 2025's 收支总表; “合 | 计”), over columns no row above heads (``headed``: a word
    spaced under a column's header is a row's label — 江苏省人大常委会办公厅 2018's “合 | 计” under 功能科目编码 |
    功能科目名称, a table printing no figure); a run that is no known word together (类 | 款 | 项) keeps its cells."""
    joined = dict(words)
    cols = sorted(col for col, (text, wide) in words.items() if len("".join(text.split())) == 1 and not wide)
    runs: list[list[int]] = []
    for col in cols:
        if runs and runs[-1][-1] == col - 1:
            runs[-1].append(col)
        else:
            runs.append([col])
    for run in (run for run in runs if len(run) > 1 and headed.isdisjoint(run)):
        word = "".join("".join(words[col][0].split()) for col in run)
        if _known_word(word, catalog):
            joined[run[0]] = (word, False)
            joined.update({col: ("", False) for col in run[1:]})
    return joined


def _group_amount(texts: dict[int, list[str]], groups: dict[int, list[bool]], meanings: dict[int, str],
                  catalog: Catalog) -> dict[int, str]:
    """A group header over a column worded only as an amount (金额) and one headed “其中：…” beside it (国家信访局
    2026's 收入总表: 事业收入 / 金额 | 其中:教育收费; 长沙市公安局 2025's: 本级财政拨款 / 金额 | 其中:经费拨款): the
    amount's column is the group's own figure — the group's meaning, not the table's 预算数 — and the one headed 其中 a
    part of it, “group·其中：…”, never the group's meaning given to its subset (事业收入 was read from 其中:教育收费).
    Where the group's words name nothing known (本级财政拨款) the columns keep what they were given."""
    out = dict(meanings)
    for col, words in texts.items():
        left = texts.get(col - 1, [])
        if len(words) < 2 or left[:-1] != words[:-1] or not _IN_WHICH.match(words[-1]) \
                or _known_word(left[-1], catalog) != _AMOUNT:
            continue
        group = _group_of(left, groups[col - 1], catalog, None)
        if group and group not in _GENERIC:
            out[col - 1], out[col] = group, f"{group}·{words[-1]}"
    return out


_AMOUNT = "预算数"  # the meaning of a column worded only as an amount (金额)


def _parts_in_which(texts: dict[int, list[str]], meanings: dict[int, str]) -> dict[int, str]:
    """A column headed “其中：…” in words naming nothing known, right of a column of a meaning: a part of that column
    (长沙市公安局 2025's 收入总表: 本级财政拨款 | 金额 | 其中:经费拨款; 西安市行政审批服务局 2025's: 一般公共预算拨款 |
    其中：专项资金列入部门预算项目) — “meaning·words”, its figures read and told as not used, as a group's part no field
    holds (_within_group), never a column under no meaning. So too where the group's words over both gave the
    “其中” column its left one's meaning (西安 2025's 收入总表: 一般公共预算拨款 over 小计 | 其中：…): one meaning is not
    two columns' — the one headed 其中 is the other's part."""
    parts = dict(meanings)
    for col, words in texts.items():
        own = words[-1]
        left = meanings.get(col - 1)
        if left and meanings.get(col) in (None, left) and _IN_WHICH.match(own) and _IN_WHICH.sub("", own):
            parts[col] = f"{left}·{own}"
    return parts


def _table_total(texts: dict[int, list[str]], meanings: dict[int, str]) -> dict[int, str]:
    """Two columns given one group's total, one headed 合计 and one 小计 (江苏省人大常委会办公厅 2018's “三公” table:
    the PDF set “三公”经费 over the table's 合计 as well as over its 小计): the 小计 is the group's, the 合计 the
    table's own (its “三公”经费, 会议费 and 培训费 together)."""
    columns: dict[str, list[int]] = {}
    for col, meaning in meanings.items():
        columns.setdefault(meaning, []).append(col)
    out = dict(meanings)
    for meaning, cols in columns.items():
        own = {texts[col][-1]: col for col in cols}
        if meaning != "合计" and len(cols) == len(own) == 2 and set(own) == {"合计", "小计"}:
            out[own["合计"]] = "合计"
    return out


def _cut_in_two(grid: Grid, header: range, meanings: dict[int, str]) -> dict[int, str]:
    """A PDF's column of amounts its reader cut in two under one header cell (江苏省人大常委会办公厅 2018's
    机关运行经费表: 机关运行经费支出 over both, its 合计 and 类 figures set further right than its 款's): where no
    row prints an amount in both and the right one prints nothing else, they are one column — the right
    one's figures moved into the left one's empty cells."""
    if grid.kind != "pdf":
        return meanings
    moved = dict(meanings)
    for merge in grid.merges:
        left, right = merge.first_col, merge.last_col
        if not header.start <= merge.first_row < header.stop or right != left + 1 \
                or left not in moved or moved.get(right) != moved[left]:
            continue
        body = grid.rows[header.stop:]
        if any(is_amount(grid.cell(row, left)) and is_amount(grid.cell(row, right))
               or cell_text(grid.cell(row, right)) and not is_amount(grid.cell(row, right))
               for row in range(header.stop, len(grid.rows))):
            continue
        for cells in body:
            if right < len(cells) and cell_text(cells[right]) and not cell_text(cells[left]):
                cells[left], cells[right] = cells[right], EMPTY
        del moved[right]
    return moved


def _codes_apart(grid: Grid, body: int, texts: dict[int, list[str]], meanings: dict[int, str]) -> dict[int, str]:
    """A PDF's codes set left of the column headed 科目编码 (江苏省人大常委会办公厅 2018's 机关运行经费表: 302, 30201 …
    in a column under no header word, the 编码 column printing 合计 alone): the codes' column is the 编码 one."""
    if grid.kind != "pdf":
        return meanings
    moved = dict(meanings)
    for col in [c for c, meaning in meanings.items() if meaning == "编码"]:
        rows = grid.rows[body:]
        if col > 0 and col - 1 not in texts and col - 1 not in moved and any(
                is_code(grid.cell(row, col - 1)) for row in range(body, len(grid.rows))) \
                and not any(is_code(grid.cell(row, col)) for row in range(body, len(grid.rows))) and rows:
            moved[col - 1] = moved.pop(col)
    return moved


def _names_apart(grid: Grid, body: int, texts: dict[int, list[str]], meanings: dict[int, str]) -> dict[int, str]:
    """A PDF's names set left of the words that head them (北京's 政府采购预算明细表: 采购类别 centred over a wide
    column, its A-货物 and C-服务 printed at the column's left edge, in a column under no header word, its
    合 计 under the word, in two cells): where the columns given the meaning 名称 print nothing below the header but a
    total's word and the column on the left of the first, under no header word, prints names on two rows
    or more, that column is a 名称 one too. A workbook converted from such a PDF (or exported as its grid) holds
    the same cells: read alike."""
    named = sorted(col for col, meaning in meanings.items() if meaning == "名称")
    if not named or named[0] == 0 or named[0] - 1 in texts or named[0] - 1 in meanings:
        return meanings
    rows = range(body, len(grid.rows))
    if any("".join(cell_text(grid.cell(row, col)) for col in named).replace(" ", "") not in ("", *_TOTAL_WORDS)
           for row in rows):
        return meanings
    cells = [grid.cell(row, named[0] - 1) for row in rows]
    if sum(1 for cell in cells if cell_text(cell) and not is_amount(cell) and not is_code(cell)) < 2:
        return meanings
    return {**meanings, named[0] - 1: "名称"}


def _set_apart(grid: Grid, body: int, texts: dict[int, list[str]], meanings: dict[int, str]) -> dict[int, str]:
    """A header word the PDF sets over a column of its own, apart from the figures under it (佛山's 决算
    tables: 决算数 centred, its figures right-aligned in the next column): a column with a meaning that
    prints no amount, and on its right a column of amounts with no header word, are one — the meaning is
    the amounts' column's."""
    printing = {col for row in grid.rows[body:] if not numbers_columns(row)
                for col, cell in enumerate(row) if is_amount(cell)}
    moved = dict(meanings)
    for col in sorted(meanings):
        if col not in printing and col + 1 in printing and col + 1 not in texts and col + 1 not in moved:
            moved[col + 1] = moved.pop(col)
    return moved


_NUMBERING_WORDS = ("栏次", "行次", "栏目")


def numbers_columns(row: list[Cell]) -> bool:
    """A row numbering the columns (栏次 1 2 3 …, as the national 决算 templates print under their header;
    佛山's 三公 table: 1 2 … 12 alone): known by what it is — its figures a run of consecutive small whole
    numbers, from 1 (or from 4 on in a run of four or more: a table's later columns), whatever label sits beside
    it (“**”, “合计”, “栏次”: 长沙公安局 p. 15, 湖州财政局 p. 19, 杭州气象局 p. 19)."""
    figures: list[int | None] = []
    for cell in row:
        number = _column_number(cell_text(cell))
        if number == _NUMBERING:
            return True
        if number != _WORDS:
            figures.append(number)
    if len(figures) < 3 or None in figures:
        return False
    first = figures[0]
    assert first is not None
    return figures == list(range(first, first + len(figures))) and (first == 1 or len(figures) >= 4)


_NUMBERING, _WORDS = -1, -2  # (a cell's text that says the row numbers columns; one that is no figure)


@functools.lru_cache(maxsize=1 << 16)  # a table's rows are asked on every pass over them (22,000 asks over fresh1)
def _column_number(text: str) -> int | None:
    """What a cell's text is to ``numbers_columns``, its spaces left out: a word of numbering (_NUMBERING), a small
    whole number (its value), another figure (None), or no figure (_WORDS)."""
    text = "".join(text.split())
    if text in _NUMBERING_WORDS:
        return _NUMBERING
    if not text[:1].isdigit():
        return _WORDS
    return int(text) if text.isdecimal() and len(text) <= 3 else None


# Meanings a column under a group header of that meaning keeps as its own: a group that only says
# the columns under it are amounts (预算数 over 合计, 基本支出, 项目支出), or labels (项目 over 编码, 名称:
# rows.py's LABEL_MEANINGS).
_GENERIC = ("合计", "预算数", "上年预算数", "决算数", "类", "款", "项", "编码", "名称", "功能科目")
_TOTAL_WORDS = ("合计", "小计", "总计")
CARRIED = "上年结转"


def _within_group(words: list[str], wide: list[bool], meaning: str, catalog: Catalog, year: int | None = None) -> str:
    """A column's meaning as its group header (a word above it that heads other columns too) makes it:
    the group's total where the column's own word is a total (基本支出 / 小计 is 基本支出, 上年结转结余 /
    小计 is 上年结转); a part of the group no field holds where its own word names nothing known (项目支出 /
    扣除基建项目后预算数) or where the group is last year's carry-over (上年结转结余 / 一般公共预算资金 is not
    this year's 一般公共预算): “group·word”, its figures read and told as not used, never the group's
    meaning given to a second column. A group headed by the table's year (2026年政府采购项目) is its words';
    a column whose wrapped words name a meaning of their own (其中：…政府采购项目中预留给中小企业的项目资金规模
    under 2026年政府采购项目) keeps it."""
    group = _group_of(words, wide, catalog, year)
    if group in ITEMS and meaning in FUND_COLUMNS:
        return f"{group}·{meaning}"  # 深圳's 三公 table: each item over the three funds
    if not group or group in _GENERIC:
        return meaning
    own = words[-1]
    if own in _TOTAL_WORDS:
        return group
    known = _known_word(own, catalog) or _known_word(_under_the_groups(words, wide), catalog)
    if known and group == CARRIED or not known and _is_name(own) and meaning in ("", group):
        return f"{group}·{known or own}"
    return meaning


def _of_groups(words: list[str], wide: list[bool], meaning: str, catalog: Catalog, year: int | None) -> str:
    """A column's meaning as the groups over it make it (_within_group), a part named as its group (_named_as_group)
    and under the carry-over (_carried_over)."""
    within = _named_as_group(words, wide, _within_group(words, wide, meaning, catalog, year), catalog)
    return _carried_over(words, wide, catalog, year, within)


def _named_as_group(words: list[str], wide: list[bool], meaning: str, catalog: Catalog) -> str:
    """A column whose own word is the word of a group over it (因公出国（境）费 / 因公出国（境）费, beside the group's
    小计 and 科研因公出国（境）费用: 长春市信访局 2026's “三公” table) is a part of that group, “group·word” — read
    and told as not used, never the group's meaning given to a second column."""
    own = words[-1]
    grouped = [word for word, heads in zip(words[:-1], wide[:-1], strict=True) if heads]
    if own in grouped and own not in (*_TOTAL_WORDS, *_GENERIC) and meaning and meaning == _known_word(own, catalog):
        return f"{meaning}·{own}"
    return meaning


def _carried_over(words: list[str], wide: list[bool], catalog: Catalog, year: int | None, meaning: str) -> str:
    """A column under last year's carry-over (上年结转结余) above a lower group: “上年结转·meaning”, never this year's
    meaning given to a second column (长春市信访局 2026's “三公” table: 当年预算 | 上年结转结余, each over 小计,
    因公出国（境）费 …, 公务接待费 — the carried 公务接待费 is not this year's). Under no such group, ``meaning``."""
    groups = [_known_word(_this_year(word, year), catalog) for word, heads in zip(words[:-1], wide[:-1], strict=True)
              if heads]
    if not meaning or meaning.startswith(CARRIED) or CARRIED not in groups[:-1] or groups[-1] == CARRIED:
        return meaning
    return f"{CARRIED}·{meaning}"


def _under_the_groups(words: list[str], wide: list[bool]) -> str:
    """A column's own words under its lowest group header, joined: a word the header wrapped over rows of its own
    (杭州市气象局 2026's 收入总表: “一般公 / 共预算” under 上年结转结余, 湖州's likewise), read as one word."""
    last = max((i for i, heads in enumerate(wide[:-1]) if heads), default=-1)
    return "".join(words[last + 1:])


# The funds a table may set the items (ITEMS) out by (a group over 一般公共预算, 政府性基金, 国有资本经营: 深圳's
# 财政拨款“三公”经费支出表), and the funds: each column “item·fund”, read by build.three_public_rows.
FUND_COLUMNS = ("一般公共预算", "政府性基金", "国有资本经营")


def _group_of(words: list[str], wide: list[bool], catalog: Catalog, year: int | None) -> str:
    """The meaning of the lowest group header over a column that names one (a word above it heading
    other columns too), its table's year aside; a total under another group (公务用车购置及运行维护费 over
    小计 over the funds) is that group's."""
    group = ""
    for word, heads in zip(words[:-1], wide[:-1], strict=True):
        found = _known_word(_this_year(word, year), catalog) if heads else ""
        if found and not (word in _TOTAL_WORDS and group):
            group = found
    return group


def _of_year(words: list[str], wide: list[bool], meaning: str, year: int | None) -> str:
    """A column under a group header naming another year than the table's (2025年预算数 over a 2026
    table's first half of columns): that year's figure of its meaning — never this year's. Under the budget
    of the year before (_year_column: “2025年预算数”), “上年预算数·meaning” (烟台's “三公” table: each item's
    上年); under any other year or word (2025年执行数), “2025年·meaning”, read and told as not used."""
    if not meaning or year is None:
        return meaning
    for word, heads in zip(words[:-1], wide[:-1], strict=True):
        years = {int(found) for found in _YEAR.findall(word)}
        if heads and years and year not in years:
            last = _year_column(word, year) == LAST_BUDGET
            return f"{LAST_BUDGET}·{meaning}" if last else f"{min(years)}年·{meaning}"
    return meaning


def _one_total(grid: Grid, body: int, texts: dict[int, list[str]], meanings: dict[int, str]) -> dict[int, str]:
    """The meanings with a total of this year's income (本年收入 / 小计) beside the table's own 合计 (that
    adds last year's carry-over to it, its amounts printed) read as 本年收入合计: a column no field holds.
    Where the table prints no other total it is the table's 合计, as before."""
    totals = [col for col, meaning in meanings.items() if meaning == "合计"]
    plain = [col for col in totals if texts[col][-1] in _TOTAL_WORDS and len(texts[col]) == 1
             and any(is_amount(row[col]) for row in grid.rows[body:] if col < len(row))]
    if len(totals) < 2 or not plain:
        return meanings
    return {col: _YEAR_TOTAL if col in totals and col not in plain and any(_YEAR_INCOME in w for w in texts[col])
            else meaning for col, meaning in meanings.items()}


def _total_by_fund(meanings: dict[int, str], texts: dict[int, list[str]], groups: dict[int, list[bool]],
                   catalog: Catalog) -> dict[int, str]:
    """In a table of items by fund (“因公出国（境）费·一般公共预算” …), the funds under its 总计 or 合计 are
    the items' total by fund: “““三公”合计·一般公共预算” …; in any other table the funds are as they are."""
    if not any(m.partition("·")[0] in ITEMS and m.partition("·")[2] in FUND_COLUMNS for m in meanings.values()):
        return meanings
    return {col: f"{ITEMS[0]}·{meaning}" if meaning in FUND_COLUMNS
            and _group_of(texts[col], groups[col], catalog, None) == "合计" else meaning
            for col, meaning in meanings.items()}


_YEAR_TOTAL = "本年收入合计"
_YEAR_INCOME = "本年收入"


def _is_name(text: str) -> bool:
    """A header cell's words: a name, not a note's sentence (说明：本表无数据。) nor a piece of a name the
    PDF set apart and no line joined (拨款, 算拨款 of 一般公共预 / 算拨款): four characters at least."""
    return _NAME_MIN <= len(text) <= _NAME_MAX and not any(mark in text for mark in "：:，。；")


_NAME_MIN = 4
_NAME_MAX = 20


def _header_word(grid: Grid, row: int, col: int) -> tuple[str, bool]:
    """A header cell's text (a merged range's, in each of its columns) and whether it heads several
    columns (a merged range across columns)."""
    text = header_text(grid, row, col)
    if not text:
        return "", False
    wide = any(merge.first_row <= row <= merge.last_row and merge.first_col <= col <= merge.last_col
               and merge.last_col > merge.first_col for merge in grid.merges)
    return text, wide


def _this_year(word: str, year: int | None) -> str:
    """A header word without the table's own year before it (“2023年机关运行经费预算数” in a 2023 table is
    the column 机关运行经费预算数); a word naming another year is left as it is (it means no column of
    this year's)."""
    prefix = f"{year}年" if year is not None else ""
    which = _IN_WHICH.match(word)  # “其中：2026年政府采购项目中预留给…”: 其中： kept before it
    lead, rest = (word[:which.end()], word[which.end():]) if which else ("", word)
    return lead + rest[len(prefix):] if prefix and rest.startswith(prefix) and len(rest) > len(prefix) else word


LAST_BUDGET = "上年预算数"  # the column of last year's budget, and the prefix of a group's columns under it (_of_year)
_YEAR_COLUMN = regex(r"^(\d{4})年(?:度)?(?:预算数?|预算安排)$")


def _year_column(word: str, year: int | None) -> str:
    """A column headed by its year (“2022年预算数”, “2021年预算数”): this year's or last year's."""
    found = _YEAR_COLUMN.match(word)
    if found is None or year is None:
        return ""
    return {year: "预算数", year - 1: LAST_BUDGET}.get(int(found.group(1)), "")


def header_text(grid: Grid, row: int, col: int) -> str:
    text = cell_text(grid.cell(row, col))
    if text:
        return text
    for merge in grid.merges:
        if merge.first_row <= row <= merge.last_row and merge.first_col <= col <= merge.last_col:
            if merge.first_row == row:  # a parent merged across columns counts once per header row
                return cell_text(grid.cell(merge.first_row, merge.first_col))
    return ""


def _meaning(words: list[str], catalog: Catalog) -> str:
    for k in range(len(words), 0, -1):
        joined = "".join(words[-k:])
        if (meaning := _known_word(joined, catalog)):
            return meaning
    for word in reversed(words):
        if (meaning := _known_word(word, catalog)):
            return meaning
    return ""


_IN_WHICH = regex(r"^(?:其中)[：:]?")
_OF_INCOME = regex(r"(?:收入|拨款)$")


def _known_word(word: str, catalog: Catalog) -> str:
    """The meaning of a header's words, as written or as the national template words them: without
    “其中：” before it, a bracketed note after it (事业收入（不含教育收费）), or 收入/拨款 ending a source's
    name (一般公共预算收入 is the column 一般公共预算)."""
    if word in catalog.columns:
        return catalog.columns[word]
    plain = _NOTE_SUFFIX.sub("", _IN_WHICH.sub("", word))
    if plain in catalog.columns:
        return catalog.columns[plain]
    bare = _OF_INCOME.sub("", plain)
    if bare and bare != plain and bare in catalog.columns:
        return catalog.columns[bare]
    # a kind of spending's column worded with 支出 after it (陕西's 人员经费支出 | 公用经费支出): the kind's column
    spent = plain.removesuffix(_SPENT)
    if spent != plain and catalog.columns.get(spent) in _SPENDING_KINDS:
        return catalog.columns[spent]
    return _UNIT_CODE if _UNIT_CODE in catalog.columns.values() and _UNIT_CODE_WORDS.fullmatch(plain) else ""


# The code of the unit a row is (单位编码): a unit's or a department's code, worded in either order (西安's and 江苏's
# 单位编码, 长春's 部门（单位）代码, 单位（部门）编码): an identifier, no amount nor 科目.
_UNIT_CODE = "单位编码"
_UNIT_CODE_WORDS = regex(r"(?:预算)?(?:单位|部门)(?:[（(](?:单位|部门)[）)])?(?:编码|代码)")


_SPENT = "支出"
_SPENDING_KINDS = ("人员经费", "公用经费", "基本支出", "项目支出")  # the columns a “…支出” header names as they are
