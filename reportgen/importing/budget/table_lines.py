"""表行 written as a table prints them (source/table_lines.py): a 支出总表 that crosses the function and economic
classes — 功能科目 | 政府经济科目 | 部门经济科目, one line each, the department's 项 never printed alone (北京) — and an
一般公共预算支出表 that prints each unit's lines one after another, the unit not named (sure.unit_lines: 北京), and a
收入总表 (广州, 泉州) or 支出总表 (西安: by the source of the money spent) that prints a row per unit. Each
line is written with the codes it prints and each amount it prints (a blank cell is none), each traced to its page
and row; its 合计 (and a 基本支出 of 人员经费 and 公用经费) is a sum the source does not state: where the printed one
differs from the parts, that is told, never written over."""

from __future__ import annotations

from decimal import Decimal

from reportgen import codes
from reportgen.base.patterns import regex
from reportgen.docmodel.model import (
    FISCAL_SOURCES,
    LINE_AMOUNTS,
    SPECIAL_ACCOUNT_PARTS,
    THREE_PUBLIC_PARTS,
    UNIT_INCOME_AMOUNTS,
    UNIT_THREE_PUBLIC_AMOUNTS,
    VEHICLES,
    YEAR_INCOME,
)
from reportgen.importing.recognition.imported import Imported, factor, value
from reportgen.importing.recognition.printed_totals import INCOME_COLUMN
from reportgen.importing.recognition.recognize import Table, cell_text
from reportgen.importing.recognition.rows import Amount, Row, leading_code
from reportgen.importing.recognition.sure import unit_lines
from reportgen.importing.tree import Placed, Tree, scaled
from reportgen.tablekinds import fund_table, role

# A 支出总表's code columns as the import names them, and the code each gives a line (LINE_CODES).
_CROSSED = {"功能科目": "功能分类", "政府经济科目": "政府经济分类", "部门经济科目": "经济分类"}
_KINDS: dict[str, codes.Kind] = {"功能分类": "function", "政府经济分类": "government_economic", "经济分类": "economic"}
_NAME_AFTER = regex(r"^\s*\d+\s*[-－]?\s*")  # a cell's code before the name it prints (30101-基本工资)
# The amounts a line is written with, by the column's meaning (合计 is their sum: never written).
_AMOUNTS = {"基本支出": "基本支出", "人员经费": "人员经费", "公用经费": "公用经费", "项目支出": "项目支出",
            "项目支出·扣除基建项目后预算数": "扣除基建项目后预算数", "经营支出": "经营支出",
            "对附属单位补助支出": "对附属单位补助支出", "上缴上级支出": "上缴上级支出"}
# A column a table of lines prints, by its meaning, under the name a layout's 列 gives it (tables/table_lines.py).
LINE_PRINTED = {"项目支出·扣除基建项目后预算数": "扣除基建项目后预算数"}
JOINED, SPLIT, UNITS = "连写", "分列", "单位"  # tables/table_lines.py's forms: code and name in one cell, or in two; a
# unit's name (a 收入总表 by unit)
# A 收入总表 column by the meaning the import reads it as, under the name a unit's line holds it by (UNIT_INCOME_AMOUNTS)
UNIT_INCOME_COLUMN = {**INCOME_COLUMN, **{f"财政专户管理资金·{part}": part for part in SPECIAL_ACCOUNT_PARTS},
                      YEAR_INCOME: YEAR_INCOME}
# The meanings the import reads a “三公”经费 table's 合计 column under
THREE_PUBLIC_TOTALS = ("合计", "“三公”合计")
_PART_MARK = "·"  # recognize.py's mark between a column's meaning and a part printed beside it (其中：…)
_MIN_UNITS = 2  # a 收入总表 of one unit's row prints the department as itself: its sources are the source's 收入


def lines_form(table: Table, rows: list[Row]) -> str:
    """How ``table`` prints lines the source must hold as 表行: JOINED (a 支出总表 crossing the classes, each code with
    its name in one cell), SPLIT (an 一般公共预算支出表 of units' lines, code and name in two cells); "" otherwise."""
    meanings = set(table.columns.values())
    if table.kind.id == role("spending") and set(_CROSSED) <= meanings:
        return JOINED
    if table.kind.id == fund_table("一般公共预算") and unit_lines(rows):
        return SPLIT
    if table.kind.id == role("income") and _by_unit(rows) or spending_by_unit(table, rows):
        return UNITS
    if table.kind.id == role("three_public") and _three_public_by_unit(table, rows):
        return UNITS
    return ""


def spending_by_unit(table: Table, rows: list[Row]) -> bool:
    """Whether a 支出总表 prints its units' rows by the source of the money they spend, as a 收入总表 by unit prints
    their income (西安: 单位编码 | 单位名称 | 合计 | 一般公共预算拨款 | 其中：… | 政府性基金拨款 …; 122 over 122001): its
    rows a 收入总表 by unit's (_by_unit), every column of amounts a source's, or the 合计, or a part printed beside one
    (a 支出总表 by unit of 基本支出 | 项目支出 prints what no unit's line holds: not such)."""
    if table.kind.id != role("spending") or not _by_unit(rows):
        return False
    meanings = {meaning for row in rows for meaning in row.amounts} - {_UNIT_CODE}
    return bool(meanings) and all(meaning in UNIT_INCOME_COLUMN or _PART_MARK in meaning for meaning in meanings)


def _three_public_by_unit(table: Table, rows: list[Row]) -> bool:
    """Whether a “三公”经费 table printed across (its items as columns) prints its units' rows under its 合计 (杭州,
    湖州: each unit's; 长沙: its one unit's, “106_长沙市公安局”): one total row, the rows under it each naming a unit and
    no code, and adding up to the 合计 in every column (within their rounding) — rows of years (深圳's 2025年, 2026年,
    增减变化) add up to no 合计."""
    lines, total = _lines_under(rows)
    if table.items or total is None or not lines or rows.index(total) > rows.index(lines[0]):
        return False
    if any(row.code or not unit_name(table, row) for row in lines) \
            or not set(total.amounts) <= {*THREE_PUBLIC_TOTALS, *UNIT_THREE_PUBLIC_AMOUNTS}:
        return False  # a column beside the “三公”经费 (江苏's 会议费, 培训费): its units' figures have no place

    return all(_adds_up(total, lines, key) for key in total.amounts)


def _by_unit(rows: list[Row]) -> bool:
    """Whether a 收入总表's rows are its units' (广州, 泉州: 合计, then each unit's name and its income by source; 杭州,
    湖州: the department's row again under the 合计, then its units): one total row, and at least two rows of amounts
    naming no code, every row but the total such (or the department's row again over its units)."""
    lines = [row for row in rows if not row.total and row.amounts]
    totals = [row for row in rows if row.total]
    if len(totals) != 1 or not _all_named(lines):
        return False
    return department_again(rows) or len(lines) >= _MIN_UNITS and not _same_figures(lines[0], totals[0])


def department_again(rows: list[Row]) -> bool:
    """Whether a 收入总表 by unit prints the department's row again under its 合计, no code telling it from its units
    (杭州, 湖州: 合计, 杭州市气象局 5,876.67 …, then its units 杭州市气象局 5,011.05 … and 杭州市气象服务中心 865.62 …;
    a row under the department's 单位编码 is held as printed, _unit_code): the first row of amounts has the 合计's
    figures, and the rows under it add up to it in every column (within their rounding) — a unit of all the income
    beside units of none is no such row."""
    lines, total = _lines_under(rows)
    if total is None or len(lines) <= _MIN_UNITS or _coded(lines):
        return False
    return _same_figures(lines[0], total) and all(_adds_up(lines[0], lines[1:], key) for key in lines[0].amounts)


def _lines_under(rows: list[Row]) -> tuple[list[Row], Row | None]:
    """A table's rows of amounts but its total, and its total row (None where it prints none, or several)."""
    totals = [row for row in rows if row.total]
    return [row for row in rows if not row.total and row.amounts], totals[0] if len(totals) == 1 else None


def _coded(lines: list[Row]) -> bool:
    """Whether a row prints a 单位编码 (the department's row is then told by its code, _unit_code)."""
    return any(_UNIT_CODE in row.amounts for row in lines)


def _adds_up(row: Row, parts: list[Row], key: str) -> bool:
    """Whether the rows ``parts`` add up to ``row`` in the column ``key`` within the rounding of their figures (a
    blank is none)."""
    total = row.amounts[key].value if not row.amounts[key].blank else Decimal(0)
    exponent = total.as_tuple().exponent
    step = Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal(1)
    added = sum((part.amounts[key].value for part in parts if key in part.amounts and not part.amounts[key].blank),
                Decimal(0))
    return abs(added - total) <= step * (len(parts) + 1) / 2


def _all_named(lines: list[Row]) -> bool:
    """Whether every row names a unit, none a code."""
    return all(not row.code and _unit_name(row) for row in lines)


def _same_figures(row: Row, other: Row) -> bool:
    return {k: a.value for k, a in row.amounts.items()} == {k: a.value for k, a in other.amounts.items()}


def _unit_name(row: Row) -> str:
    return "".join((row.name or row.label).split())


def unit_name(table: Table, row: Row) -> str:
    """A unit's name as its row prints it: its name or label, else the text printed left of its first amount (长沙's
    “106_长沙市公安局” under a 部门名称 the import reads no column of)."""
    if (named := _unit_name(row)):
        return named
    first = min((col for col, meaning in table.columns.items() if meaning in row.amounts), default=0)
    return "".join("".join(cell_text(table.grid.cell(row.index, col)) for col in range(first)).split())


def table_lines(result: Imported, held: frozenset[str] = frozenset()) -> Tree:
    """表行: each table printed so, its lines as printed; and the function tables ``held`` (their coded lines no
    fund's function rows: build.held_as_printed), their 类, 款 and 项 lines as printed, code and name in two cells."""
    found: Tree = {}
    for kind, table in result.tables.items():
        rows = result.rows.get(kind, [])
        if lines_form(table, rows) or kind in held:
            lines = [row for row in rows if not row.total and row.amounts]
            again = lines_form(table, rows) == UNITS and department_again(rows)  # its row again: not a unit's
            found[kind] = [_line(result, table, row) for row in lines[1 if again else 0:]]
    return found


def printed_columns(table: Table, year: int | None) -> dict[int, str]:
    """Each amount column of a table of lines by the line's column it prints (tables/table_lines.py's LINE_COLUMNS):
    the written ones (_AMOUNTS) and, of a 中央部门's 一般公共预算支出表 (国家信访局 2026), last year's 执行数, it and this
    year's net of the central 基建 investment (扣除中央基建投资后执行数 | 扣除中央基建投资后预算数, as 北京 prints its
    扣除基建项目后预算数), and each change against them with its rate right of it (增减额 | 增减(%)) — sums the
    source does not state, the render makes them. ``year``: the document's."""
    found: dict[int, str] = {}
    for col, meaning in sorted(table.columns.items()):
        words = "".join(_header_words(table, col).split())
        if (key := "合计" if meaning == "合计" else _AMOUNTS.get(meaning) or _actual(meaning, words, year)):
            found[col] = LINE_PRINTED.get(meaning, key)
        elif meaning.endswith(f"·{CHANGE}") and (base := _actual(meaning.removesuffix(f"·{CHANGE}"), "", year)):
            found[col] = CHANGE_OF[base]
        elif _RATE.search(words) and found.get(col - 1) in RATE_OF:
            found[col] = RATE_OF[found[col - 1]]
    return found


def _actual(meaning: str, words: str, year: int | None) -> str:
    """The line's last-year figure (or this year's net of 基建) a column prints, by its meaning and header words;
    "" for none."""
    if _NET_OF_BUILDING.search(words) and meaning == "预算数":
        return "扣除基建项目后预算数"
    last = _LAST_YEAR.fullmatch(meaning)
    if last is None or year is None or int(last.group(1)) != year - 1 or not last.group(2).endswith("执行数"):
        return ""
    return "扣除基建项目后执行数" if _NET_OF_BUILDING.search(last.group(2)) else "上年执行数" if last.group(2) == "执行数" else ""


def _header_words(table: Table, col: int) -> str:
    """The words the table's header prints over the column."""
    return "".join(cell_text(table.grid.cell(row, col)) for row in range(table.header_start, table.body_start))


_NET_OF_BUILDING = regex(r"扣除.*基建")
_LAST_YEAR = regex(r"(\d{4})年·(.+)")
_RATE = regex(r"增减[(（]?[%％]|增减率|增减幅度")
CHANGE = "增减"
# The change against a last-year figure (and this year's against it), and each change's rate, as a table of lines
# prints them (tables/table_lines.py)
CHANGE_OF = {"上年执行数": "增减额", "扣除基建项目后执行数": "扣除基建项目后增减额"}
RATE_OF = {"增减额": "增减率", "扣除基建项目后增减额": "扣除基建项目后增减率"}


def _line(result: Imported, table: Table, row: Row) -> Tree:
    if table.kind.id == role("three_public"):
        return _three_public_line(result, table, row)
    if lines_form(table, result.rows.get(table.kind.id, [])) == UNITS:
        return _unit_line(result, table, row)
    line: Tree = dict(_codes(result, table, row))
    path = f"表行.{table.kind.id}"
    written = printed_columns(table, result.year)
    for meaning, amount in row.amounts.items():
        key = written.get(amount.cell[1]) if meaning not in _AMOUNTS else _AMOUNTS[meaning]
        if key not in LINE_AMOUNTS or amount.blank or key == "基本支出" and _split(row):
            continue
        line[key] = value(result, table, amount, f"{path}.{key}")
    _tell_sums(result, table, row)
    return line


def _unit_line(result: Imported, table: Table, row: Row) -> Tree:
    """A unit's line of the 收入总表: its name, and each source's income it prints (INCOME_COLUMN's name; 财政拨款收入
    only where none of its funds is printed: it is their sum; 合计 never: the sources added)."""
    line: Tree = {"单位": Placed(_unit_name(row)), **unit_code(table, row)}
    path = f"表行.{table.kind.id}"
    keys = {meaning: UNIT_INCOME_COLUMN.get(meaning, "") for meaning in row.amounts}
    funds = set(keys.values()) & set(FISCAL_SOURCES)
    for meaning, amount in row.amounts.items():
        key = keys[meaning]
        if key not in UNIT_INCOME_AMOUNTS or amount.blank or key == "财政拨款收入" and funds:
            continue
        line[key] = value(result, table, amount, f"{path}.{key}")
    return line


def _three_public_line(result: Imported, table: Table, row: Row) -> Tree:
    """A unit's line of the “三公”经费 table: its name as printed, and each part it prints (公务用车购置及运行维护费 only
    where it prints neither of its two parts; 合计 never: the parts added)."""
    line: Tree = {"单位": Placed(unit_name(table, row))}
    printed = {key: amount for key, amount in row.amounts.items() if not amount.blank}
    split = any(key in printed for key in THREE_PUBLIC_PARTS[2:])
    for key, amount in printed.items():
        if key in THREE_PUBLIC_PARTS or key == VEHICLES and not split:
            line[key] = value(result, table, amount, f"表行.{table.kind.id}.{key}")
    _tell_three_public_sums(result, table, row, printed, split)
    return line


def _tell_three_public_sums(result: Imported, table: Table, row: Row, printed: dict[str, Amount], split: bool) -> None:
    """A unit's printed 合计 (and its 公务用车 小计 beside the two parts) against its parts: told where not equal."""
    def added(keys: tuple[str, ...]) -> Decimal:
        return sum((printed[key].value for key in keys if key in printed), Decimal(0))

    vehicles = added(THREE_PUBLIC_PARTS[2:]) if split else added((VEHICLES,))
    sums = [(key, added(THREE_PUBLIC_PARTS[:2]) + vehicles) for key in printed if key in THREE_PUBLIC_TOTALS]
    sums += [(VEHICLES, vehicles)] if split and VEHICLES in printed else []
    for key, parts in sums:
        if printed[key].value != parts:
            result.told.append(_line_sum_note(f"{table.kind.id} {row.where}", key, ("各项",), printed[key].value, parts,
                                              scaled(parts, factor(result, table))))


def unit_code(table: Table, row: Row) -> Tree:
    """The 单位编码 a unit's line prints, as printed (无锡 113, 113001; 西安 122, 122001); none where it prints none."""
    cols = [col for col, meaning in table.columns.items() if meaning == _UNIT_CODE]
    printed = "".join(cell_text(table.grid.cell(row.index, cols[0])).split()) if cols else ""
    return {"单位编码": Placed(printed)} if printed.isdigit() else {}


_UNIT_CODE = "单位编码"


def _codes(result: Imported, table: Table, row: Row) -> list[tuple[str, Placed]]:
    """The codes a line prints: its 功能科目 and economic classes (JOINED), or its 项 (SPLIT); each with the name it
    prints where the registry knows the code by no such name in the year (3021101-差旅费: a 目 it does not list)."""
    if row.code:
        return [("功能分类", Placed(int(row.code))), *_name("功能分类", row.code, row.name, result.year)]
    found = []
    for col, meaning in sorted(table.columns.items()):
        text = cell_text(table.grid.cell(row.index, col))
        if meaning in _CROSSED and (code := leading_code(text)):
            kind = _CROSSED[meaning]
            found += [(kind, Placed(int(code))), *_name(kind, code, _NAME_AFTER.sub("", text), result.year)]
    return found


def _name(kind: str, code: str, printed: str, year: int | None) -> list[tuple[str, Placed]]:
    """``{kind}名称`` where the line prints a name the registry does not give the code (none where it does)."""
    printed = "".join(printed.split())
    known = codes.printed_names(_KINDS[kind], code, year or 2025)
    if not printed or any(codes.same_name(printed, name) for name in known):
        return []
    return [(f"{kind}名称", Placed(printed))]


def _split(row: Row) -> bool:
    """Whether the line prints its 基本支出 in 人员经费 and 公用经费 (one of them not blank): 基本支出 is their sum."""
    return any(key in row.amounts and not row.amounts[key].blank for key in ("人员经费", "公用经费"))


def _printed(row: Row, key: str) -> Decimal:
    amount = row.amounts.get(key)
    return Decimal(0) if amount is None or amount.blank else amount.value


def _tell_sums(result: Imported, table: Table, row: Row) -> None:
    """The line's printed 合计 (and 基本支出 where 人员经费 and 公用经费 print it) against its parts: told where not equal."""
    sums = [("合计", ("基本支出", "项目支出"))]
    if _split(row):
        sums.append(("基本支出", ("人员经费", "公用经费")))
    for total, parts in sums:
        if total not in row.amounts:
            continue
        printed, added = _printed(row, total), sum((_printed(row, part) for part in parts), Decimal(0))
        if printed != added:
            result.told.append(_line_sum_note(f"{table.kind.id} {row.where}", total, parts, printed, added,
                                              scaled(added, factor(result, table))))


def _line_sum_note(where: str, total: str, parts: tuple[str, ...], printed: Decimal, added: Decimal,
                   in_yuan: Decimal) -> str:
    """What the import tells of a line whose printed 合计 (or 基本支出) is not its parts added."""
    return f"{where}：{total} {printed} 不等于{'与'.join(parts)}之和 {added}；表行只写各栏，{total}由它们相加（{in_yuan}元）"
