"""Tables that print a department's figures again by its units: a label column whose header names the unit
each row is of (导入.yaml 按单位列出: 广州's 表11 “部门预算基本支出预算表” and 表12 “部门预算项目支出及其他支出
预算表”, headed “支出项目类别（资金使用单位）”), its first row the 合计, then each unit's row and the rows
under it (the economic 类 of its 基本支出, or its projects).

The source has no place for a unit's figures: such a table is recognised and set aside — told, with why —
never read as the department's, and never counted as printed and not read (review/coverage.py measures
the department's own tables and its text). What it can show on its own is checked, as every table read
is: each column's 合计 against the units' rows, and a unit's row against the economic 类 printed under
it, and its 合计 against the department's 基本支出 or 项目支出 its title names; a difference beyond the rounding
of the figures printed is told as the table's, naming both places. 深圳 prints a department of several units
so too: its 基本支出总表 (headed “支出项目类别”) is the department's row, then each unit's and its 类 and 款.

A document may also print its units' own tables (单位预算) after the department's: each kind again, captioned
with a unit (units_after). The department's are read; each unit's are set aside as that unit's, reconciled
as any document's tables are, their slips told as the unit's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.base.patterns import regex
from reportgen.codes import codes_by_name
from reportgen.importing.budget.reconcile import (
    FUNDS,
    Difference,
    differences,
    grouped,
    is_tail,
    quoted_parts,
    rounding_tails,
    within_rows,
)
from reportgen.importing.recognition.catalog import Catalog, TableKind, normalized
from reportgen.importing.recognition.imported import rows_of
from reportgen.importing.recognition.recognize import Table, cell_text, shaped
from reportgen.importing.recognition.rows import LABEL_MEANINGS, Amount, Row, body_rows
from reportgen.importing.recognition.sure import header_doubts
from reportgen.readers.grid import Grid
from reportgen.readers.text.lines import Line
from reportgen.reading.amounts import tail_step
from reportgen.tablekinds import role

BY_UNIT = "按单位列出的表"
_TITLE = regex(r"^[^\d,，.]{4,40}表(?:[（(][^（）()]{0,20}[）)])?$")
_PLACE = regex(r"^第(\d+)页 第(\d+)行$")
_TITLE_ROWS = 4


@dataclass
class SetAside:
    """A table of the department's units, recognised and set aside: where and why, its places (every line of
    its rows and of the pages that continue it) and what its own figures showed."""

    title: str
    where: str  # the grid as shown (file 第25页)
    why: str
    file: str
    places: set[str] = field(default_factory=set)
    differences: list[str] = field(default_factory=list)
    tails: int = 0  # totals off their parts by no more than the rounding of the figures printed
    total: Amount | None = None  # its first row's 合计: the department's figure its title names (catalog.by_unit_totals)
    unit: str = ""  # 元 / 万元, as its caption says
    units: list[str] = field(default_factory=list)  # the units whose rows it prints (units_in_turn.py), by name
    parts: list[Table] = field(default_factory=list)  # each unit's rows as a table of its own (units_in_turn.py)
    grid: Grid | None = None  # the grid of a table the department prints by its units (by_unit_table); None for a unit's own

    def told(self) -> str:
        """What import tells of the table: why it is set aside, and the totals off only by rounding."""
        return self.why + (f"；{self.tails} 处相差在各数按印出位数取整的范围内，是尾数误差" if self.tails else "")


def by_unit_table(grid: Grid, catalog: Catalog, units: set[str] | None = None) -> Table | None:
    """``grid`` as a table of the department's units: a title, a label column whose header names the units
    (catalog.by_unit: “资金使用单位”) or the rows' kind (catalog.by_kind: “支出项目类别”, its rows shown to be
    units by what follows them, or two of them named as ``units`` an earlier such table named: 深圳's 项目支出总表
    after its 基本支出总表), and a first row of 合计 or of the department the caption names; None for any other
    grid (a department's own table headed so: its one unit is itself)."""
    title = _title_row(grid)
    if title is None or not (catalog.by_unit or catalog.by_kind):
        return None
    table = shaped(Table(TableKind(BY_UNIT, shape=BY_UNIT, required=False), grid,
                         title="".join(cell_text(c) for c in grid.rows[title]).strip(), header_start=title + 1), catalog)
    named = label_column(table, catalog.by_unit)
    label = named if named is not None else label_column(table, catalog.by_kind)
    if label is None:
        return None
    table.columns[label] = "名称"
    rows = body_rows(table, problems=[])
    if not _opens_with_the_whole(table, rows):
        return None
    return table if named is not None or _rows_are_units(rows[1:], units) else None


def _title_row(grid: Grid) -> int | None:
    """The row of the first few a table of units' title is printed on (_TITLE); None where none is."""
    return next((row for row in range(min(_TITLE_ROWS, len(grid.rows)))
                 if _TITLE.match(normalized("".join(cell_text(c) for c in grid.rows[row])))), None)


def _opens_with_the_whole(table: Table, rows: list[Row]) -> bool:
    """Whether a table's rows, two at least, open with a row of 合计 or of the department its caption names (the name
    may wrap onto a row of its own: 深圳市人力资源和社会保 / 障局)."""
    return len(rows) >= 2 and bool(rows[0].total or table.owner and normalized(table.owner) in
                                   (normalized(rows[0].name), normalized(rows[0].name + rows[1].name)))


def _rows_are_units(rows: list[Row], units: set[str] | None) -> bool:
    """Whether the rows below a table's whole are units: more than one told as a unit by what follows it, or more than
    one named as ``units`` (an earlier table of units named them)."""
    named_units = sum(1 for row in rows if row.amounts and normalized(row.name) in (units or set()))
    return len(_units(rows)) > 1 or named_units > 1


def unit_names(table: Table) -> set[str]:
    """The names of the units ``table`` (a table of the units) prints rows of, shown so by the 类 after them."""
    return {normalized(row.name) for row in _units(body_rows(table, problems=[])[1:])}


def label_column(table: Table, words: list[str]) -> int | None:
    """The column whose header holds one of ``words``."""
    for col in range(table.grid.width):
        header = normalized("".join(cell_text(table.grid.cell(row, col))
                                    for row in range(table.header_start, table.body_start)))
        if any(word in header for word in words):
            return col
    return None


def set_aside(table: Table, lines: list[Line]) -> SetAside:
    """The table told as set aside, its places (and those of the pages after it that repeat its header) and
    the differences its own figures show."""
    grid = table.grid
    found = SetAside(table.title, grid.shown, "", grid.file, grid=grid)
    found.places = set(spanned(grid.row_places or []))
    continued = _pages_after(table, lines)
    found.places |= continued
    # a table whose grid ends before its pages do is not checked: its last unit's rows are not all read
    rows = body_rows(table, problems=[])
    sums = [] if continued else list(_sums(rows))
    found.total, found.unit = _whole(table, rows[0], rows[0].amounts.get("合计")), table.unit
    checked = [row for row in rows if printed_alike(table, row)] + _continued_rows(table, lines, continued)
    within = list(_row_totals(table, checked)) if _held_by_row(table) else []
    found.why = _why(table, bool(sums), _held_by_row(table))
    step = _step(table.unit, rows)
    for total, parts, what in [*sums, *within]:
        if total.value == sum((p.value for p in parts), Decimal(0)):
            continue
        if is_tail(Difference(table.title, what, total, tuple(parts)), step):
            found.tails += 1
        else:
            found.differences.append(described(table.title, total, parts, what))
    return found


def _pages_after(table: Table, lines: list[Line]) -> set[str]:
    """The places of the pages after a PDF table's grid that continue it, its header printed again (_continued); none
    of another's."""
    grid = table.grid
    if grid.kind == "pdf" and grid.row_places and table.body_start < len(grid.row_places):
        return _continued(grid.row_places[table.header_start - 1], grid.row_places[table.body_start],
                          grid.row_places[-1], lines)
    return set()


def _row_totals(table: Table, rows: list[Row]) -> Iterable[tuple[Amount, list[Amount], str]]:
    """Each row's totals against its columns that make them (reconcile.within_rows: 合计 = 财政拨款 + 财政专户 + 其他资金,
    财政拨款 = its funds — 广州's 表12 prints them for each unit and each project), where _held_by_row; a total none of
    whose parts is printed is not told."""
    for difference in within_rows(table.title, rows):
        if any(not part.blank for part in difference.parts):
            yield difference.total, list(difference.parts), difference.what


def _held_by_row(table: Table) -> bool:
    """Whether the table's rows are held to their sources (_row_totals): its header gives every column of amounts one
    meaning for sure, two funds or more among them."""
    return len(set(table.columns.values()) & set(FUNDS)) >= 2 and not header_doubts(table)


# a figure of a row printed on a line of text (“    JD002     36.12     36.12 …”): to the cent or finer
_LINE_FIGURE = regex(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)\.(\d{2,6})")


def _continued_rows(table: Table, lines: list[Line], continued: set[str]) -> list[Row]:
    """The rows of the pages that continue the table past its grid (their header printed again, _continued; 广州's
    表12, whose 绩效目标 column ends the grid on its first page), read from their lines: a line printing, after its
    label, as many figures as the table has columns of amounts, one after another and to as many places each, is a
    row of them in order; any other line is none."""
    columns = sorted(col for col, meaning in table.columns.items() if meaning not in LABEL_MEANINGS)
    rows = []
    for line in lines:
        words = line.text.split()
        at = _figures_of_a_row(words, len(columns))
        if line.where not in continued or at is None:
            continue
        amounts = {table.columns[col]: Amount(Decimal(words[i].replace(",", "")), line.where) for col, i in zip(columns, at, strict=True)}
        label = "".join(words[:at[0]])
        rows.append(Row(-1, line.where, name=label, label=label, amounts=amounts))
    return rows


def _figures_of_a_row(words: list[str], columns: int) -> list[int] | None:
    """Where a line's figures stand (by word) where they are a row's: as many as the table's ``columns`` of amounts,
    one after another, each to as many places; None where they are not."""
    at = [i for i, word in enumerate(words) if _LINE_FIGURE.fullmatch(word)]
    if len(at) != columns or not at or at[-1] - at[0] != len(at) - 1:
        return None
    return at if len({_decimals(words[i]) for i in at}) <= 1 else None


def printed_alike(table: Table, row: Row) -> bool:
    """Whether the row's figures print as many decimals each: one printing fewer is a figure its cell wrapped
    (深圳's “144,177.8” over “8”), its last digits read apart — the row is not checked."""
    places = {_decimals(cell_text(table.grid.cell(*amount.cell))) for amount in row.amounts.values() if not amount.blank}
    return len(places) <= 1


def _whole(table: Table, row: Row, amount: Amount | None) -> Amount | None:
    """``amount`` where it is printed whole: None where it prints fewer decimals than another figure of its row
    (深圳市水务局 2026's 项目支出总表: “811,669.9” over “7”, a figure its cell wrapped, its last digit read apart)."""
    if amount is None:
        return None
    printed = [_decimals(cell_text(table.grid.cell(*a.cell))) for a in row.amounts.values() if not a.blank]
    return amount if _decimals(cell_text(table.grid.cell(*amount.cell))) >= max(printed, default=0) else None


def _decimals(text: str) -> int:
    return len(text.rpartition(".")[2]) if "." in text else 0


def _step(unit: str, rows: list[Row]) -> Decimal:
    """The step the table prints at where it rounds finer figures (reading.amounts.tail_step)."""
    return tail_step(unit, [a.value for row in rows for a in row.amounts.values() if not a.blank])


def _why(table: Table, checked: bool, by_row: bool) -> str:
    checks = "其合计与各单位、各单位与其下各类逐列核对" if checked else "其各行不全是单位与经济分类（如各个项目），或跨页的行没有读入，不逐单位核对"
    rows = "；各行的合计与其各资金逐行核对" if by_row else ""
    return (f"{table.grid.shown}“{table.title}”按单位列出（各行是所属各单位及其下的行）：源文件没有各单位的数的位置，"
            f"不写入，也不当作部门的数；{checks}{rows}")


def _sums(rows: list[Row]) -> Iterable[tuple[Amount, list[Amount], str]]:
    """Each column's 合计 against the units' rows, and each unit's against the economic 类 under it — only where
    every row of figures is the 合计, a unit or an economic 类 or 款 (a unit's projects are not told from
    another unit's name, nor a name the PDF wrapped from a unit's)."""
    total, body = rows[0], rows[1:]
    units = _units(body)
    economic, classes = _economic()
    if not units or not _units_and_economic(body, units, economic):
        return
    for column, amount in total.amounts.items():
        yield amount, [u.amounts[column] for u in units if column in u.amounts], f"合计（{column}）"
    for index, unit in enumerate(units):
        end = body.index(units[index + 1]) if index + 1 < len(units) else len(body)
        yield from _unit_sums(unit, body[body.index(unit) + 1:end], classes)


def _units_and_economic(body: list[Row], units: list[Row], economic: set[str]) -> bool:
    """Whether every row of figures is a unit's or names an economic 类 or 款."""
    return not any(row.amounts and row not in units and normalized(row.name) not in economic for row in body)


def _unit_sums(unit: Row, block: list[Row], classes: set[str]) -> Iterable[tuple[Amount, list[Amount], str]]:
    """A unit's row against the economic 类 under it (its ``block``), column by column; each 类 against its 款."""
    under = [row for row in block if normalized(row.name) in classes]
    for column, amount in unit.amounts.items():
        yield amount, [r.amounts[column] for r in under if column in r.amounts], f"{unit.name}（{column}）"
    yield from _class_sums(unit.name, block)


def _class_sums(unit: str, block: list[Row]) -> Iterable[tuple[Amount, list[Amount], str]]:
    """Each economic 类 of a unit's rows against the 款 printed under it (a 款 of that 类 by the catalogue's codes),
    where it prints any and the rows after them are another 类 or the unit's end (a row none of its 款 and no
    类 — a name the catalogue gives elsewhere — leaves the 类 unchecked: its 款 are not known all read)."""
    named = {normalized(name): codes for name, codes in codes_by_name("economic").items()}
    for index, row in enumerate(block):
        codes = _class_codes(row, named)
        parts = _items_of_class(block[index + 1:], codes, named)
        after = block[index + 1 + len(parts):]
        if not codes or not parts or after and not _names_a_class(after[0], named):
            continue
        for column, amount in row.amounts.items():
            yield amount, [p.amounts[column] for p in parts if column in p.amounts], f"{unit} {row.name}（{column}）"


def _class_codes(row: Row, named: dict[str, frozenset[str]]) -> set[str]:
    """The codes of the economic 类 a row's name is (of any year)."""
    return {code for code in named.get(normalized(row.name), frozenset()) if len(code) == 3}


def _names_a_class(row: Row, named: dict[str, frozenset[str]]) -> bool:
    """Whether a row names an economic 类 (of any year)."""
    return any(len(c) == 3 for c in named.get(normalized(row.name), ()))


def _items_of_class(rows: list[Row], codes: set[str], named: dict[str, frozenset[str]]) -> list[Row]:
    """The rows right after a 类's (of ``codes``) that name a 款 of it (by the catalogue's codes of their names)."""
    parts: list[Row] = []
    for below in rows:
        found = named.get(normalized(below.name), frozenset())
        if not any(len(code) == 5 and code[:3] in codes for code in found):
            break
        parts.append(below)
    return parts


def _units(body: list[Row]) -> list[Row]:
    """The rows of units: a row of figures that names no economic 类 or 款, and that the row of a 类 follows."""
    economic, classes = _economic()
    return [row for row, following in zip(body, body[1:], strict=False)
            if row.amounts and normalized(row.name) not in economic and normalized(following.name) in classes]


def _economic() -> tuple[set[str], set[str]]:
    """The economic classification's names (any year), and of them the 类's."""
    named = codes_by_name("economic")
    return ({normalized(name) for name in named},
            {normalized(name) for name, codes in named.items() if any(len(code) == 3 for code in codes)})


def described(title: str, total: Amount, parts: list[Amount], what: str, by_units: bool = False) -> str:
    """A total of a table set aside that its parts do not make: where, as printed, and the parts (the units'
    rows, ``by_units``, of a table that prints the department's row and then its units' in turn)."""
    summed = sum((p.value for p in parts), Decimal(0))
    whose, tail = ("各单位的", "各单位的行没有写入源文件") if by_units else ("其", "这张表按单位列出，没有写入源文件")
    return f"{title} {total.where}：{what} 印作 {total.value:,}，而{whose}组成部分之和为 {summed:,}（{quoted_parts(parts)}）；{tail}"


def spanned(places: list[str]) -> list[str]:
    """Each line from the first to the last of ``places`` on each of their pages."""
    lines: dict[str, list[int]] = {}
    for place in places:
        page, _, line = place.partition(" 第")
        if line.endswith("行") and line[:-1].isdigit():
            lines.setdefault(page, []).append(int(line[:-1]))
    return [f"{page} 第{number}行" for page, numbers in lines.items()
            for number in range(min(numbers), max(numbers) + 1)]


def _continued(caption: str, body: str, last: str, lines: list[Line]) -> set[str]:
    """The lines of the pages after the table's last that begin with its header again (the lines between its
    caption and its first body row; as many lines, of the same characters — a page sets a header's words
    over its lines as its columns' widths fall: “其他资金” on one line, “其他资 / 金” on two): its rows the
    table reader did not take (a column of 绩效目标 text, set as a paragraph, ends a PDF table's grid on its
    first page)."""
    first, end, final = _PLACE.match(caption), _PLACE.match(body), _PLACE.match(last)
    if first is None or end is None or final is None or first.group(1) != end.group(1):
        return set()
    page = int(first.group(1))
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    header = _header_lines(by_page.get(page, []), int(first.group(2)), int(end.group(2)))
    found: set[str] = set()
    following = int(final.group(1)) + 1
    while header and _same_words(by_page.get(following, [])[:len(header)], header):
        found.update(line.where for line in by_page[following])
        following += 1
    return found


def _header_lines(lines: list[Line], caption: int, body: int) -> list[str]:
    """The words of a table's header, line by line: the lines of its page between its caption's and its first body
    row's (by their line numbers)."""
    return [_plain(line.text) for line in lines if caption < line.line < body and _plain(line.text)]


def _same_words(lines: list[Line], header: list[str]) -> bool:
    return len(lines) == len(header) and Counter("".join(_plain(line.text) for line in lines)) == Counter("".join(header))


def _plain(text: str) -> str:
    return "".join(text.split())


def units_after(tables: list[Table]) -> tuple[list[Table], list[Table]]:
    """The department's tables, and the tables a document prints after them that are its units' (单位预算
    printed after the 部门预算): a kind printed again whose caption names another owner than the department's
    table of that kind, or a unit (编制单位, 预算单位…) where that one names the department; and once such a
    table is met, each later one of that owner or so worded, whatever its kind. Tables in their order."""
    first: dict[str, Table] = {}
    own: list[Table] = []
    units: list[Table] = []
    for table in tables:
        earlier = first.get(table.kind.id)
        if earlier is not None and _anothers(earlier, table) or units and _anothers(own[0], table):
            units.append(table)
        else:
            first.setdefault(table.kind.id, table)
            own.append(table)
    return own, units


def _anothers(department: Table, table: Table) -> bool:
    if department.owner and table.owner and normalized(department.owner) != normalized(table.owner):
        return True
    return _worded_a_units(table) and not _worded_a_units(department)


def _worded_a_units(table: Table) -> bool:
    """A table whose caption or title says it is a unit's (编制单位, 预算单位; as identity.py reads it)."""
    return table.owner_word == "单位" or "预算单位" in normalized(table.title)


def units_set_aside(units: list[Table], catalog: Catalog) -> list[SetAside]:
    """The units' tables, each unit's (a run of one owner) set aside as one: told, its places, and its own
    tables reconciled as any document's are (within rows, levels, between its tables), each slip told as
    that unit's, never the department's."""
    return [_unit_set_aside(run, catalog) for run in _runs_of_owners(units)]


def _runs_of_owners(units: list[Table]) -> list[list[Table]]:
    """The units' tables by unit: runs of one owner, a table kind once in each."""
    runs: list[list[Table]] = []
    for table in units:
        if runs and normalized(runs[-1][0].owner) == normalized(table.owner) \
                and table.kind.id not in {t.kind.id for t in runs[-1]}:
            runs[-1].append(table)
        else:
            runs.append([table])
    return runs


def _unit_set_aside(run: list[Table], catalog: Catalog) -> SetAside:
    """A unit's tables set aside as one: told, its places, its own slips told as that unit's."""
    owner = run[0].owner or "所属单位"
    slips, tails = rounding_tails(imported := rows_of(run, catalog), differences(imported))
    aside = SetAside("、".join(t.kind.id for t in run), run[0].grid.shown,
                     f"{run[0].grid.shown}起的{len(run)}张表（{'、'.join(t.kind.id for t in run)}）是{owner}的，"
                     "印在部门的表之后：源文件只写部门的表，这些表不写入，按它们自己的表内与表间关系核对",
                     run[0].grid.file, tails=len(tails))
    aside.places = {place for t in run for place in spanned(t.grid.row_places or [])}
    aside.differences = [f"{owner}的表：{told.replace('按原样写入，未作修改', '没有写入源文件')}"
                         for told in grouped(slips)]
    return aside


def _the_departments(total: Row | None, meaning: str) -> Amount | None:
    """The department's total (its 支出总表's 合计 row, ``total``) in the column ``meaning`` names; None for none."""
    return total.amounts.get(meaning) if total is not None and meaning else None


def _one_step(unit: str) -> Decimal:
    """The step a figure is printed to: 0.01 万元, else 1 元."""
    return Decimal("0.01") if unit == "万元" else Decimal(1)


def _total_named(title: str, catalog: Catalog) -> str:
    """The department's total a units' table's title names (catalog.by_unit_totals: 基本支出, 项目支出); "" for none."""
    return next((m for word, m in catalog.by_unit_totals.items() if word in normalized(title)), "")


def against_the_departments(aside: list[SetAside], spending: list[Row], unit: str, catalog: Catalog) -> list[str]:
    """Each table of the units whose title names a total of the department's (catalog.by_unit_totals: 基本支出,
    项目支出) — its 合计 against that column of the 支出总表's 合计 row (``spending``, printed in ``unit``): both
    print one amount, rounded once; a difference of more than one step of 0.01 万元 (or 1 元) is told."""
    total = next((row for row in spending if row.total), None)
    found = []
    for table in aside:
        meaning = _total_named(table.title, catalog)
        theirs = _the_departments(total, meaning)
        if table.total is None or theirs is None or not table.unit or table.unit != unit:
            continue
        if abs(table.total.value - theirs.value) > _one_step(unit):
            found.append(f"{table.title} {table.total.where}：合计 印作 {table.total.value:,}，而部门的{meaning}印作 "
                         f"{theirs.value:,}（{role('spending')} {theirs.where}）；这张表按单位列出，没有写入源文件")
    return found
