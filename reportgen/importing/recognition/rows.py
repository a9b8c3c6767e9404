"""A recognised table's body as rows: each row's code (from 类/款/项 columns, a code column, or a
"code name" cell), its name or label, and its amounts by column meaning, each with its place.

Inside a table of figures a blank cell, "-" or "—" is zero (the budget system prints zero so);
it is recorded as blank, so that a message can say so. Text where an amount belongs is a problem
named by its place, never read as zero."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.base.patterns import regex
from reportgen.importing.recognition.recognize import DASHES, Table, cell_text, numbers_columns
from reportgen.readers.grid import Cell
from reportgen.readers.text.statements import is_page_number
from reportgen.reading.amounts import bounded, printed_amount, why_not_amount

LABEL_MEANINGS = ("类", "款", "项", "编码", "名称", "功能科目", "行次", "单位", "单位编码", "部门经济科目", "政府经济科目")  # 行次: the 决算 总表's line numbers
# a code joined to its name (2130306-水利工程运行与维), where the words of a name run on from the line above
# stand before it in the cell (“护 2130306-水利工程运行与维”: 北京's 支出总表)
_CODE_NAMED = regex(r"(?<![\d.])(\d{3}(?:\d{2}){0,2})-(?=\D)")
_LEADING_CODE = regex(r"^\[?(\d{3}(?:\d{2}){0,2})\]?(?![\d.])\s*(?:[-－]\s*)?")
NUMBERING = regex(r"^(?:[一二三四五六七八九十]+、|\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）])\s*")
_TOTAL = ("合计", "总计", "小计")
_NOTE = regex(r"^(?:注|说明|备注)\s*[:：]")


@dataclass(frozen=True)
class Amount:
    value: Decimal
    where: str
    blank: bool = False  # the cell was empty, "-" or "—"
    cell: tuple[int, int] = (-1, -1)  # (row, column) in its grid


@dataclass
class Row:
    index: int  # the grid's row
    where: str
    code: str = ""
    name: str = ""
    label: str = ""  # the row's text without numbering (两栏 tables, totals)
    total: bool = False
    amounts: dict[str, Amount] = field(default_factory=dict)
    second: tuple[str, str] | None = None  # a second (code, name): the 政府经济分类 of an economic row
    function_code: str = ""  # a project's 功能科目


@dataclass(frozen=True)
class CellProblem:
    where: str
    column: str
    text: str
    why: str = ""  # why the text is not an amount, where it looks like one (reading/amounts.py)


def body_rows(table: Table, columns: dict[int, str] | None = None,
              problems: list[CellProblem] | None = None) -> list[Row]:
    """The rows of ``table``'s body that carry a code, a label or an amount."""
    shape = _Columns(table.columns if columns is None else columns)
    found = []
    for index in range(table.body_start, len(table.grid.rows)):
        if is_page_number("".join(map(cell_text, table.grid.rows[index]))):
            continue  # the page's number, set among the table's last cells (重庆市委宣传部 p. 9: “— 9 —”): furniture
        row = _row(table, index, shape, problems if problems is not None else [])
        if row is not None:
            found.append(row)
    return found


@dataclass
class _Columns:
    """A table's columns by what they hold, worked out once for all its rows."""

    meanings: dict[int, str]
    code: list[tuple[int, str]] = field(default_factory=list)  # (column, 类/款/项)
    names: list[int] = field(default_factory=list)
    amounts: list[tuple[int, str]] = field(default_factory=list)
    # A second 编码/名称 pair (the 政府预算经济分类 a 部门经济分类 款 goes to, in the national table)
    second: list[int] = field(default_factory=list)
    second_code: list[tuple[int, str]] = field(default_factory=list)  # the second pair's 类/款 columns
    carried: dict[str, str] = field(default_factory=dict)  # the 类 and 款 of the rows above (_carried)
    function: list[int] = field(default_factory=list)  # a project's 功能科目 (its code)
    units: list[int] = field(default_factory=list)  # the 预算单位 a row is of (深圳: its name on the unit's row)
    # the amount each text of the table's amount cells was read as (a table prints a few hundred texts
    # over a few thousand cells): printed_amount asked once a text
    read: dict[str, Decimal | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        named_second = "政府经济科目" in self.meanings.values()  # the second pair has a column of its own
        by_function = "功能科目" in self.meanings.values()
        for col, meaning in sorted(self.meanings.items()):
            if meaning in ("类", "款", "项"):
                self._place_code(col, meaning)
            elif meaning == "功能科目":
                self.function.append(col)
            elif meaning == "行次":
                continue
            elif meaning == "单位":
                self.units.append(col)
            elif meaning in ("部门经济科目", "政府经济科目"):
                # an economic row's 部门 and 政府 classes (code-name) each in a column (北京's 预算06表); beside a
                # 功能科目 (北京's 支出总表, its lines by function and class) the rows are read by that
                if not by_function:
                    (self.second if meaning == "政府经济科目" else self.names).append(col)
            elif meaning in ("编码", "名称"):
                self._place_label(col, meaning, named_second)
            else:
                self.amounts.append((col, meaning))

    def _place_code(self, col: int, meaning: str) -> None:
        """A 类/款/项 column: the code's, or the second's where the code has that level already (the 政府经济分类's
        类/款 after the 部门's)."""
        if any(m == meaning for _, m in self.code):
            self.second_code.append((col, meaning))
        else:
            self.code.append((col, meaning))

    def _place_label(self, col: int, meaning: str, named_second: bool) -> None:
        """A 编码 or 名称 column: the second's where a 名称 is coded already or a second is read and has no column
        of its own name; else the names'."""
        if meaning == "编码" and any(self.meanings.get(c) == "编码" for c in self.names) \
                or self.second and not named_second:
            self.second.append(col)
        else:
            self.names.append(col)


def is_note_row(table: Table, index: int) -> bool:
    """A table's note printed in its last rows ("注：本部门无……，故本表为空表。"): words, not figures — and each line
    of words alone under it, the note's own (长春市信访局 2026's “说明：” over “1、“本年预算数”的单位范围……”). A note's
    lines are contiguous: an empty row ends it (a workbook's next table set under it on the same sheet is not the note)."""
    for row in range(index, table.body_start - 1, -1):
        texts = [c for c in table.grid.rows[row] if c.value is not None or c.text]
        if not texts or not _words_alone(texts):
            return False
        if _NOTE.match(cell_text(texts[0])) is not None:
            return True
    return False


def _words_alone(texts: list[Cell]) -> bool:
    """Whether a row's cells printing anything are one, of words (no figure)."""
    return not isinstance(texts[0].value, Decimal) and len([c for c in texts if cell_text(c)]) == 1


def is_column_numbers(table: Table, index: int) -> bool:
    """A row numbering the columns (recognize.numbers_columns): no figures."""
    return numbers_columns(table.grid.rows[index])


def _row(table: Table, index: int, columns: _Columns, problems: list[CellProblem]) -> Row | None:
    grid = table.grid
    if is_note_row(table, index):
        table.notes.append((grid.where(index), cell_text(next(c for c in grid.rows[index] if cell_text(c)))))
        return None
    if is_column_numbers(table, index):
        return None
    row = Row(index, grid.where(index))
    if not _read_code_columns(table, index, columns, row, problems):
        return None
    _read_names(table, index, columns, row)
    _read_amounts(table, index, columns, row, problems)
    return row if _carries_anything(row) else None


def _read_code_columns(table: Table, index: int, columns: _Columns, row: Row,
                       problems: list[CellProblem]) -> bool:
    """The row's code from its 类/款/项 columns; False (the row unread, a problem told) where the
    code printed there cannot exist."""
    if not columns.code:
        return True
    grid = table.grid
    parts = _carried(columns, {m: cell_text(grid.cell(index, c)).strip() for c, m in columns.code})
    row.code = _joined_code(parts)
    printed = " ".join(t for t in parts.values() if t.strip())
    if row.code and not _CLASS.fullmatch(parts.get("类", "").strip() or row.code[:3]):
        problems.append(impossible_code(grid.where(index), printed))
        return False
    if row.code and grid.kind == "pdf" and any(len(parts.get(m, "").strip()) == 1 for m in ("款", "项")):
        # printed so (a workbook's number cell loses the 0 itself): read as meant, and told
        problems.append(short_code(grid.where(index), printed, row.code))
    return True


def _carried(columns: _Columns, parts: dict[str, str]) -> dict[str, str]:
    """A row's 类/款/项 with the levels it leaves blank under the rows above it (烟台, 北京 print a 款's
    类 and a 项's 类 and 款 once, on the row that opens them): 08 under 205 is 20508, 03 under it
    2050803. The levels printed are remembered for the rows below."""
    levels = ("类", "款", "项")
    printed = [level for level in levels if parts.get(level, "").isdigit()]
    if printed:
        first = levels.index(printed[0])
        if first and all(columns.carried.get(level) for level in levels[:first]):
            parts = {**parts, **{level: columns.carried[level] for level in levels[:first]}}
        for at, level in enumerate(levels):
            if at >= first and level not in printed:
                columns.carried.pop(level, None)
            elif level in parts and parts[level].isdigit():
                columns.carried[level] = parts[level]
    return parts


def _read_names(table: Table, index: int, columns: _Columns, row: Row) -> None:
    """The row's name (with a code leading it, where no code column gave one), its second
    (code, name), its 功能科目, and its label and whether it is a total."""
    text = _joined_texts(table, index, columns.names) or _total_in_code_columns(table, index, columns) \
        or _total_across(table, index, columns)
    if not row.code and (lead := _LEADING_CODE.match(text)):
        row.code, text = lead.group(1), text[lead.end():]
    row.name = text.strip()
    _read_second(table, index, columns, row)
    _read_function_code(table, index, columns, row)
    _read_label(table, index, columns, row)


def _read_second(table: Table, index: int, columns: _Columns, row: Row) -> None:
    """The row's second (code, name): from its second label column, its code from the second code columns."""
    if columns.second:
        second = _joined_texts(table, index, columns.second)
        if (lead := _LEADING_CODE.match(second)) is not None:
            row.second = (lead.group(1), second[lead.end():].strip())
    if columns.second_code and (code := _joined_code({m: cell_text(table.grid.cell(index, c))
                                                      for c, m in columns.second_code})):
        row.second = (code, row.second[1] if row.second else "")


def _read_function_code(table: Table, index: int, columns: _Columns, row: Row) -> None:
    """The 功能科目 a row of an economic table is under: the code its 功能科目 column leads with or names."""
    for col in columns.function:
        text = cell_text(table.grid.cell(index, col))
        if (lead := _LEADING_CODE.match(text) or _CODE_NAMED.search(text)) is not None:
            row.function_code = lead.group(1)


def _read_label(table: Table, index: int, columns: _Columns, row: Row) -> None:
    """The row's label (its name without numbering or spaces; a total's printed where no label column names it)
    and whether it is a total — the row of the unit the table is of (深圳's 预算单位 column) among them."""
    row.label = NUMBERING.sub("", row.name.replace(" ", "")) if row.name else ""
    if not row.label and not row.code and not row.second and not row.function_code:
        row.label = _unnamed_total(table, index, columns)
    row.total = not row.code and _is_total_label(row.label)
    if not row.code and not row.label:
        _read_owners_row(table, index, columns, row)


def _read_owners_row(table: Table, index: int, columns: _Columns, row: Row) -> None:
    """A row of no code nor label naming, in its 预算单位 column, the unit the table is of (深圳): its total."""
    unit = _joined_texts(table, index, columns.units).replace(" ", "")
    if unit and unit == table.owner.replace(" ", ""):
        row.name = row.label = unit
        row.total = True


def _unnamed_total(table: Table, index: int, columns: _Columns) -> str:
    """A total's label printed in label columns that name nothing of the row (合 计 under 北京's 支出功能分类科目
    or 部门支出经济分类科目: a 功能科目 column, columns no header word names), the row's only words; "" for
    anything else."""
    text = "".join("".join(cell_text(cell).split()) for col, cell in enumerate(table.grid.rows[index])
                   if col not in columns.meanings or col in columns.function)
    return text if text in _TOTAL else ""


def _total_in_code_columns(table: Table, index: int, columns: _Columns) -> str:
    """A total's label printed in the code columns (合计 in the merged 类/款/项 cell of an official
    workbook's last row, its name cell blank); "" for anything else."""
    text = "".join(cell_text(table.grid.cell(index, c)).strip() for c, _ in columns.code)
    return text if text and _is_total_label(NUMBERING.sub("", text)) else ""


def _total_across(table: Table, index: int, columns: _Columns) -> str:
    """A total's label the PDF set apart over the label columns, the first of them blank (江苏省人民检察院 2018's
    机关运行经费 table: 科目编码 read as two columns, “合” under its second, “计” under 科目名称): the words
    joined, where they are a total's; "" for anything else."""
    cols = sorted([*(c for c, _ in columns.code), *columns.names, *columns.second])
    joined = "".join("".join(cell_text(table.grid.cell(index, c)).split()) for c in cols)
    return joined if joined in _TOTAL else ""


def leading_code(text: str) -> str:
    """The code a cell's text begins with (“30101 基本工资”, “[2080505]机关…”); "" where it begins with none."""
    lead = _LEADING_CODE.match(text)
    return lead.group(1) if lead else ""


def _joined_texts(table: Table, index: int, cols: list[int]) -> str:
    return " ".join(t for t in (cell_text(table.grid.cell(index, c)) for c in cols) if t)


def _total_set_over(cell: Cell) -> bool:
    """Whether a cell where an amount belongs holds a total's label alone (…合计, …总计): words, no figure."""
    text = "".join(cell_text(cell).split())
    return not isinstance(cell.value, Decimal) and not any(c.isdigit() for c in text) and bool(text) \
        and text.endswith(_TOTAL_ENDS)


_TOTAL_ENDS = ("合计", "总计")


def _is_total_label(label: str) -> bool:
    return any(label.startswith(t) or label.endswith(t) for t in _TOTAL)


def _read_amounts(table: Table, index: int, columns: _Columns, row: Row, problems: list[CellProblem]) -> None:
    """The row's amounts by column meaning; a cell that holds no amount is a problem."""
    grid = table.grid
    unread = set()
    for col, meaning in columns.amounts:
        cell = grid.cell(index, col)
        amount = amount_of_cell(cell, grid.where(index, col), (index, col), columns.read)
        if amount is None and _total_set_over(cell):
            continue  # a total's label the PDF set over the columns (国家信访局 2024 决算: “人员经费合计 7,967.72
            # 公用经费合计 2,266.65” across a three-pair 基本支出表, “公用经费合计” under the 决算数 of the middle pair)
        if amount is None and _rate_printed(cell, meaning):
            continue  # a change's rate printed as a percentage (国家信访局 2026: 增减(%) “-60.86%”): a rate, as its
            # column says — no amount, and no cell wrongly filled
        if amount is None:
            problems.append(cell_problem(cell, grid.where(index, col), meaning))
            unread.add(meaning)
        else:
            row.amounts[meaning] = amount
    for meaning in unread:  # a meaning of two columns (a header word set apart) one of which was not read: not known
        row.amounts.pop(meaning, None)


_RATE = "增减幅度"  # a change's rate (导入.yaml), “year·增减幅度” under another year's group
_PERCENT = regex(r"^[-+－]?\d+(?:\.\d+)?\s*[%％]$")


def _rate_printed(cell: Cell, meaning: str) -> bool:
    """Whether ``cell`` prints a percentage in a column of a change's rate."""
    return meaning.rpartition("·")[2] == _RATE and bool(_PERCENT.match(cell_text(cell).strip()))


def _carries_anything(row: Row) -> bool:
    """A row worth keeping: a code, a label, a second code or an amount that is not blank."""
    return bool(row.code or row.label or row.second or any(not a.blank for a in row.amounts.values()))


_CLASS = regex(r"[1235]\d\d")  # 收入分类 1, 功能分类 2, 部门经济分类 3, 政府经济分类 5


def _joined_code(parts: dict[str, str]) -> str:
    code = ""
    for level in ("类", "款", "项"):
        text = parts.get(level, "").strip()
        if not text:
            break
        if level != "类" and text.isdigit() and len(text) == 1:
            text = "0" + text  # a 款 or 项 typed as a number cell (2.0) lost its leading zero
        code += text
    return code if code.isdigit() else ""


def amount_of_cell(cell: Cell, where: str, at: tuple[int, int] = (-1, -1),
                   read: dict[str, Decimal | None] | None = None) -> Amount | None:
    """The amount a cell holds, read by reading/amounts.py: a blank, "-" or "—" is a blank zero; a
    formula saved without its result, or text that is not a printed amount, is None (a problem).
    ``read``: the texts of its table read so far, and what each was read as."""
    if cell.unsaved:
        return None
    if isinstance(cell.value, Decimal):
        value = bounded(cell.value)
        return None if value is None else Amount(value, where, cell=at)
    text = "".join(cell_text(cell).split())
    if text in DASHES:
        return Amount(Decimal(0), where, blank=True, cell=at)
    if read is None:
        value = printed_amount(text)
    elif text in read:
        value = read[text]
    else:
        value = read[text] = printed_amount(text)
    return None if value is None else Amount(value, where, cell=at)


def table_unread(table: Table, column: str) -> CellProblem:
    """A table none of whose rows can be read because its ``column`` was not found in its header."""
    where = table.grid.where(table.header_start)
    return CellProblem(where, "", "", f"{table.kind.id}的表头中没有认出“{column}”一栏，这张表未读取（请核对表头）")


def impossible_code(where: str, printed: str) -> CellProblem:
    """A row whose code cannot exist (“7 11 02”: no 类 is one digit): told with its place, the row unread."""
    return CellProblem(where, "", printed, f"科目编码印作“{printed}”，不成立（政府收支分类的类是以 1、2、3 或 5 开头的三位数字）：此行未读取")


def short_code(where: str, printed: str, code: str) -> CellProblem:
    """A 款 or 项 printed as one digit (“301 2”): the code is read as its two-digit form, and told."""
    return CellProblem(where, "", printed, f"科目编码印作“{printed}”：款、项应为两位数字，按 {code} 读取")


def cell_problem(cell: Cell, where: str, column: str) -> CellProblem:
    """What is wrong with a cell where an amount belongs and :func:`amount_of_cell` found none."""
    if cell.unsaved:
        return CellProblem(where, column, "", "是公式，没有保存计算结果：请在 Excel 中打开、重新计算（F9）并保存后再导入")
    text = cell_text(cell) if not isinstance(cell.value, Decimal) else str(cell.value)
    return CellProblem(where, column, text, why_not_amount(text))
