"""Whether a recognised table's header was read column by column for sure: every column its body
prints an amount in is given a meaning by its header, and no meaning is given to two such columns
(of one side of a 两栏 table). A table read so is built into the source; any other is read but not
judged — its figures are told as not read, never turned into a difference or into a figure a text is
judged by (a header whose words the PDF sets apart, a year's columns beside last year's, a column
no table definition names: the figures could stand under any of its meanings; a code printed on
several rows: the rows are not one a code)."""

from __future__ import annotations

from collections import Counter

from reportgen.base.patterns import regex
from reportgen.importing.recognition.grouped import grouped_income
from reportgen.importing.recognition.recognize import (
    ITEMS,
    ONE_ROW,
    TURNED_FIGURE,
    Table,
    cell_text,
    is_amount,
    numbers_columns,
    turned_figure,
)
from reportgen.importing.recognition.rows import LABEL_MEANINGS, Row, body_rows, is_note_row
from reportgen.importing.recognition.sides import label_columns, spanning_label
from reportgen.reading.amounts import MISPLACED_SEPARATORS, why_not_amount


def header_doubts(table: Table) -> list[str]:
    """Why ``table``'s header does not give each column of amounts one meaning for sure: each column
    printing amounts under no meaning (with the header words it has), each meaning given to two or more
    of them; none where it does."""
    grid = table.grid
    amounts = sorted({col for row in grid.rows[table.body_start:] if not numbers_columns(row)  # a repeated 1 2 3
                      for col, cell in enumerate(row) if is_amount(cell) and table.columns.get(col) not in LABEL_MEANINGS})
    doubts = [f"第{col + 1}列{_header_words(table, col)}没有可以认定的表头" for col in amounts if col not in table.columns]
    for side in _sides(table, [col for col in amounts if col in table.columns]):
        repeated = Counter(table.columns[col] for col in side)
        doubts += [f"“{meaning}”对应了{count}列" for meaning, count in repeated.items() if count > 1]
    return doubts + _unheaded_names(table) + _one_vehicle_part(table) + _repeated_codes(table) + _items_as_rows(table) \
        + _units_in_turn(table) + _scanned(table) + _unjoined(table) + _misplaced(table) + _other_unit(table)


# A caption stating a unit a source has none for (单位：千元, 亿元): its figures are not 元 nor 万元.
_OTHER_UNIT = regex(r"(?:单位|金额单位)\s*[：:]\s*(千\s*元|百\s*万\s*元|亿\s*元)")


def _other_unit(table: Table) -> list[str]:
    """A table whose title rows or caption state its figures in 千元 (or 百万元, 亿元): a source holds 元 or 万元
    only, so its figures would be read 1,000 times too small as 元 — not read for sure, its unit told."""
    stated = other_unit(table)
    return [other_unit_note(*stated)] if stated else []


def other_unit(table: Table) -> tuple[str, str] | None:
    """The unit other than 元 and 万元 the table's title rows or caption state, and the cell stating it."""
    grid = table.grid
    for row in range(min(max(table.header_start, table.body_start), len(grid.rows))):
        for col, cell in enumerate(grid.rows[row]):
            if (stated := _OTHER_UNIT.search(cell_text(cell))) is not None:
                return "".join(stated.group(1).split()), grid.where(row, col)
    return None


def other_unit_note(unit: str, where: str) -> str:
    return f"金额单位是{unit}（{where}），不是元或万元"


def _misplaced(table: Table) -> list[str]:
    """Cells of the body printing digits with their thousands separators misplaced (上海市职业能力考试院 2026:
    “7880,000”, every 元 figure over 999 with its last separator only): what they are is not read (a decimal
    comma is not ruled out), so the table's figures are not all known — not read for sure, never summed as if
    those cells were 0 (its 收入总计 was told “应为 0万元”, its income against its spending, its 基本支出 …)."""
    cells = [cell.text.strip() for row in table.grid.rows[table.body_start:] for cell in row
             if not is_amount(cell) and cell.text.strip() and why_not_amount(cell.text) == MISPLACED_SEPARATORS]
    return [misplaced_note(len(cells), cells[0])] if cells else []


def misplaced_note(count: int, example: str) -> str:
    return f"{count} 格的千位分隔符印错了位置（如“{example}”），这些格的数读不出，导入不按猜测修补，表中的数不全"


def _unjoined(table: Table) -> list[str]:
    """A table too wide for its page whose columns the next page continues, its rows not lined up with that page's
    one for one (readers/pdf/tables/sides.py): each half is part of the table only (a 合计 whose parts are printed on the
    other page), never read for sure."""
    return [table.grid.unjoined] if table.grid.unjoined else []


def _scanned(table: Table) -> list[str]:
    """A table printed on a scanned page, read by OCR: its words' places are the recognition's, which reads a
    ruled table's labels and figures on lines of their own (a 收支总表 rasterised at 150 dpi: its row labels
    apart from their figures, some figures on the header's line) — which figure stands in which row and
    column is not known for sure."""
    pages = table.grid.scanned
    return [f"表印在扫描页上（第{'、'.join(map(str, pages))}页），经文字识别读出，各数所在的行与列不能确定"] if pages else []


_VEHICLES = "公务用车购置及运行维护费"
_VEHICLE_PARTS = ("公务用车购置费", "公务用车运行维护费")


def _one_vehicle_part(table: Table) -> list[str]:
    """A “三公” table whose header names the vehicles' sum and one of its two parts only: the column of the
    other was not told apart (江苏省人民检察院 2018: the PDF set 购置费, printed blank, and 运行维护费 as one
    column, its 267.80 read as 购置费) — not read for sure."""
    meanings = set(table.columns.values())
    parts = [part for part in _VEHICLE_PARTS if part in meanings]
    if table.kind.shape != ONE_ROW or _VEHICLES not in meanings or len(parts) != 1:
        return []
    return [f"{_VEHICLES}之下只认出“{parts[0]}”一列"]


def _unheaded_names(table: Table) -> list[str]:
    """A column under no header word beside the 名称 column that prints names on rows of its own (江苏's
    收入预算总表: 一般公共预算资金 over 公共财政拨款(补助)资金 and 专项收入, the PDF running two rows' names into
    one cell): whose each figure is is not known for sure — not read for sure."""
    if "名称" not in table.columns.values() or grouped_income(table) is not None:  # its groups tell whose each is
        return []
    grid = table.grid
    named: Counter[int] = Counter()
    for index, row in enumerate(grid.rows[table.body_start:], start=table.body_start):
        if is_note_row(table, index):  # “备注：本部门没有……，故本表无数据。”: words under the table, no row's name
            continue
        across = spanning_label(table, index) if table.kind.shape == "两栏" else None  # read as the spending's
        named.update(col for col, cell in enumerate(row) if col not in table.columns and cell_text(cell)
                     and not is_amount(cell) and (across is None or col != across[0]))
    return [f"第{col + 1}列没有表头而印有项目名称" for col, count in sorted(named.items())
            if count > 1 and not _header_words(table, col)]


def _units_in_turn(table: Table) -> list[str]:
    """A table whose 预算单位 column names several units, each over rows of its own that name none (深圳's
    department of several units: 深圳市水务局, then 深圳市水务局（本级） and its codes, then the next unit's):
    its rows are not the department's, one a code — not read for sure. A table of one row a unit (the
    收入总表) is read as ever."""
    columns = [col for col, meaning in table.columns.items() if meaning == "单位"]
    if not columns:
        return []
    named: list[str] = []
    unnamed = False
    for index in range(table.body_start, len(table.grid.rows)):
        row = table.grid.rows[index]
        if is_note_row(table, index):
            continue
        unit = "".join(cell_text(row[col]) for col in columns if col < len(row)).strip()
        if unit and unit not in named:
            named.append(unit)
        unnamed = unnamed or not unit and any(is_amount(cell) for cell in row)
    if len(named) < 2 or not unnamed:
        return []
    return [f"{len(named)}个预算单位（{named[0]}、{named[1]}等）的行相继印出"]


def _items_as_rows(table: Table) -> list[str]:
    """The “三公” table whose header names none of its items: read turned where its rows name them
    (广州 prints them down the rows, its columns the funds; recognize.turned_items), each item's figure
    in its 合计 column — only where every row printing an amount names one item, and no item two rows;
    not read otherwise (its figures would give no item, and the part would seem not published). An item's
    part of one fund (深圳's “因公出国（境）费·一般公共预算”) names the item."""
    if table.kind.shape != ONE_ROW or any(meaning.partition("·")[0] in ITEMS for meaning in table.columns.values()):
        return []
    if not table.items:
        return ["表头没有“三公”经费的各项（各项印在行中）"]
    doubts = [] if turned_figure(table) in table.columns.values() else [f"表头没有“{TURNED_FIGURE}”一列（各项的数）"]
    for index in range(table.body_start, len(table.grid.rows)):
        row = table.grid.rows[index]
        if index not in table.items and index not in table.counts and any(is_amount(cell) for col, cell in enumerate(row)
                                            if table.columns.get(col) not in LABEL_MEANINGS):
            words = "".join(cell_text(cell) for cell in row if not is_amount(cell))
            doubts.append(f"{table.grid.where(index)}（“{''.join(words.split())}”）没有可以认定的项目")
    repeated = Counter(table.items.values())
    return doubts + [f"“{item}”对应了{count}行" for item, count in repeated.items() if count > 1]


def codes_repeated_alone(table: Table) -> bool:
    """Whether the one doubt of ``table``'s header is a 项 code printed on several rows (_repeated_codes): its columns
    are understood, whose each row is is not — a mistyped code (广州's 2200599 printed as 2200509, a code another row
    prints) makes one so."""
    repeated = _repeated_codes(table)
    return bool(repeated) and header_doubts(table) == repeated


def _repeated_codes(table: Table) -> list[str]:
    """A table whose 编码 column prints one 项 code on several rows, where its printed structure does
    not say whose each row is: not read for sure. A 类 or 款 printed again (a section per unit, each
    with its totals) is read as ever; so are the lines of units printed one after another under one
    合计 (unit_lines: 北京's 一般公共预算支出表), read as those lines and never as the department's 项."""
    repeated = repeated_codes(table)
    if not repeated or unit_lines(body_rows(table, problems=[])):
        return []
    return [f"科目编码{'、'.join(repeated[:3])}{'等' if len(repeated) > 3 else ''}印在多行（不是一个科目一行）"]


def repeated_codes(table: Table) -> list[str]:
    """The 项 codes the table's one 编码 column prints on several rows."""
    codes = [col for col, meaning in table.columns.items() if meaning == "编码"]
    if len(codes) != 1:
        return []
    grid = table.grid  # a row may be shorter than the code column (a workbook's row ends at its last cell)
    printed = Counter(text for row in range(table.body_start, len(grid.rows))
                      if _CODE.fullmatch(text := cell_text(grid.cell(row, codes[0])).split("-")[0].strip()))
    return sorted(code for code, count in printed.items() if count > 1)


def unit_lines(rows: list[Row]) -> bool:
    """Whether a function table's rows are the lines of several units printed one after another, their
    names not printed, and the 合计 of them all (北京's 一般公共预算支出表: each unit's 项 in ascending
    order, the next unit's from a lower code again, one 合计 row last): a 项 code on several rows, every
    row a 项 with no second code, and one total row, after them all. The department's own 项 figures
    are not printed: the lines are read and compared (each row's columns, all of them against the 合计
    in every column), never written as the department's 项 nor added up into one."""
    coded = [row for row in rows if row.code]
    totals = [index for index, row in enumerate(rows) if row.total]
    if not coded or len(totals) != 1 or totals[0] != len(rows) - 1 or not rows[-1].amounts:
        return False
    if any(len(row.code) != 7 or row.second for row in coded) or len(coded) != len(rows) - 1:
        return False
    return len({row.code for row in coded}) < len(coded)


def unit_lines_note(table: Table) -> str:
    """What the import tells of a table read as the lines of its units (unit_lines)."""
    repeated = repeated_codes(table)
    return (f"{table.kind.id}（{table.grid.shown}）：科目编码{'、'.join(repeated[:3])}{'等' if len(repeated) > 3 else ''}"
            "印在多行，是所属各单位的行依次印出（没有印出单位名称），部门的各科目数没有印出：各行按列核对，并与合计核对；"
            "不写入部门的功能分类，也不相加成部门的科目数")


_CODE = regex(r"\d{7}")


def _sides(table: Table, columns: list[int]) -> list[list[int]]:
    """The columns of amounts of each side: a 两栏 table's income and spending halves, split where its
    second 名称 column stands (and a second spending side where a third stands: 江苏's 支出用途 beside the
    功能分类); one side for any other table."""
    names = label_columns(table)
    if table.kind.shape != "两栏" or len(names) < 2:
        return [columns]
    bounds = [-1, *names[1:], table.grid.width + 1]
    return [[col for col in columns if low < col < high] for low, high in zip(bounds, bounds[1:], strict=False)]


def _header_words(table: Table, col: int) -> str:
    """A column's words in the header (a row numbering the columns, 栏次 | 1 | 2, heads none)."""
    words = "".join(cell_text(table.grid.cell(row, col)) for row in range(table.header_start, table.body_start)
                    if not numbers_columns(table.grid.rows[row]))
    return f"（表头“{''.join(words.split())}”）" if words.strip() else ""


def unsure_note(table: Table, doubts: list[str]) -> str:
    """What the import tells of a table it did not read for sure: its header's doubts as such, and apart from them
    what the table's figures are printed with (thousands separators misprinted: _misplaced), which no header
    reading mends and the import never repairs."""
    printed = _misplaced(table)
    header = [doubt for doubt in doubts if doubt not in printed]
    said = [f"表头未能逐列认定（{'；'.join(header)}）"] if header else []
    said += [doubt for doubt in doubts if doubt in printed]
    read = "表中的数" if header else "因此全表的数"
    return f"{table.kind.id}（{table.grid.shown}）：{'；'.join(said)}，{read}没有读取，未核对，也不用来核对正文"
