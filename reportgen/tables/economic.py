"""The 基本支出 by economic classification: 一般公共预算基本支出表 (表6, 部门预算 beside 政府预算
经济分类), 上海's 部门预算经济分类 form of it, and the 一般公共预算财政拨款基本支出决算表 of a 决算.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from reportgen.compute import PERSONNEL, PUBLIC, ZERO, Computed, code_name, economic_kind
from reportgen.compute.class_pairs import Part, class_pairs, pair_line, parts_line
from reportgen.compute.economic import personnel_public_split
from reportgen.docmodel.document import Cell, Row
from reportgen.docmodel.model import Budget, EconomicItem, EconomicRow
from reportgen.tablekinds import fund_table, role
from reportgen.tables.builder import (
    MISSING_ECONOMIC,
    AmountCell,
    TableBuilder,
    TableRows,
    head,
    sides_in_a_row,
)
from reportgen.tables.specs import BASIC_COLUMNS, CARRIED_BASIC, THIS_YEAR, listed_entry

# The economic 款 the 一般公共预算财政拨款基本支出决算表 lists, every one even at 0.00: 301 and 303 on the left,
# 302 and 310 on the right, as the 样张 of 2024 prints them.
FINAL_ECONOMIC: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("301", ("30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111", "30112", "30113",
             "30114", "30199")),
    ("303", ("30301", "30302", "30303", "30304", "30305", "30306", "30307", "30308", "30309", "30310", "30311",
             "30399")),
    ("302", ("30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209", "30211", "30212",
             "30213", "30214", "30215", "30216", "30217", "30218", "30224", "30225", "30226", "30227", "30228",
             "30229", "30231", "30239", "30240", "30299")),
    ("310", ("31001", "31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099")),
)


def _class_rows(b: Budget, code: str) -> list[EconomicRow]:
    """The source's 款 rows under an economic class (not the class's own row)."""
    return [r for r in b.economic_rows if r.code[:3] == code and r.code != code]


def _under(b: Budget, code: str) -> list[EconomicRow]:
    """The source's rows of an economic class: its 款, or the class's own row."""
    return [r for r in b.economic_rows if r.code.startswith(code)]


def _split_stated(rows: list[EconomicRow]) -> tuple[bool, bool]:
    """Whether the source gives the 人员经费 and the 公用经费 of ``rows`` (a 款, a class's, all): a
    column some row is split into, or that some row's class puts its amount in. A part no row
    gives is 0 in the sums, and blank where the table prints amounts as the source states them."""
    personnel = public = False
    for row in rows:
        split = row.stated_personnel is not None or row.stated_public is not None
        kind = economic_kind(row.code)
        personnel = personnel or split or kind == PERSONNEL
        public = public or split or kind == PUBLIC
    return personnel, public


def _split_cells(num: AmountCell, split: tuple[Decimal | None, Decimal | None],
                 rows: list[EconomicRow] | None) -> list[Cell]:
    """The 人员经费 and 公用经费 cells of ``rows`` (None: of the totals the source states, without rows)."""
    stated = _split_stated(rows) if rows is not None else (True, True)
    return [num(split[0], stated[0]), num(split[1], stated[1])]


def printed_class(builder: TableBuilder, num: AmountCell, code: str, stated: Mapping[str, Decimal],
                  fallback: Decimal | None) -> tuple[Decimal | None, list[Cell]]:
    """An economic class's amount (``fallback``: as the tree holds it) and its 人员经费 and 公用经费 cells as its table
    prints it: as the source states it where it is among ``stated`` (classes_as_stated: its kind's column the whole of
    it), else as the tree holds it."""
    b, f = builder.b, builder.f
    if code in stated:
        return stated[code], _split_cells(num, personnel_public_split(code, stated[code]), _under(b, code))
    return fallback, _split_cells(num, f.class_split(code), _under(b, code))


def whole_split(builder: TableBuilder, tid: str, whole: Decimal | None) -> list[Cell]:
    """The 合计 row's 人员经费 and 公用经费 cells of ``whole`` (its 基本支出): as the source states them where its rows
    contradict them (kinds_as_stated)."""
    f = builder.f
    return _split_cells(builder.num(tid), f.kinds_as_stated(whole), builder.b.economic_rows if f.has_economic_rows else None)


def _kinds_gap(builder: TableBuilder, tid: str) -> bool:
    """Whether the 人员经费 or 公用经费 of the classes, rounded, fail to add up to their rounded whole."""
    f = builder.f
    for column, whole in ((0, f.personnel), (1, f.public)):
        shares = [f.class_split(n.code)[column] or ZERO for n in f.economic_tree]
        if whole is not None and builder.gap(tid, whole, shares):
            return True
    return False


def general_basic(builder: TableBuilder) -> TableRows:
    """表6 一般公共预算基本支出表: each economic class, then its 款 by 政府预算经济分类."""
    tid = role("basic")
    num = builder.num(tid)
    b, f = builder.b, builder.f
    header = [
        head(("部门预算经济分类", 2, 1), ("政府预算经济分类", 2, 1), ("一般公共预算基本支出", 3, 1)),
        head("科目编码", "科目名称", "科目编码", "科目名称", "合计", "人员经费", "公用经费"),
    ]
    widths = [12, 30, 12, 26, 12, 12, 12]
    body = [Row([Cell("合计", colspan=4, align="center", bold=True), num(f.general_basic),
                 *whole_split(builder, tid, f.general_basic)], kind="total", key="合计")]
    if not f.has_economic_rows:
        body.append(builder.missing_row(builder.missing(MISSING_ECONOMIC), 7))
        return TableRows(header, body, widths, wide=True)
    stated = f.classes_as_stated(f.general_basic)
    for node in f.economic_tree:
        amount, cells = printed_class(builder, num, node.code, stated, node.basic)
        split = [num(amount), *cells]
        body.append(Row([Cell(node.code), Cell(node.name, bold=True), Cell(), Cell(), *split], kind="subtotal",
                        key=node.code))
        for row in _class_rows(b, node.code):
            body += _government_rows(builder, row)
            body += [Row([Cell(item.code), Cell(item.name, indent=2), Cell(), Cell(), num(item.amount),
                          *_item_split(builder, row, item)], key=item.code) for item in row.items]
    gap = (builder.tree_gap(tid, f.economic_tree, f.general_basic or ZERO, lambda n: n.basic_part)
           or _kinds_gap(builder, tid))  # the 人员经费 and 公用经费 columns round too
    return TableRows(header, body, widths, wide=True, rounding_gap=gap)


def _item_split(builder: TableBuilder, row: EconomicRow, item: EconomicItem) -> list[Cell]:
    """The 人员经费 and 公用经费 cells of a 目 printed under its 款 ``row``: its part of the 款's split."""
    num = builder.num(role("basic"))
    return _split_cells(num, builder.f.row_split(row, item.amount), [row])


def _government_rows(builder: TableBuilder, row: EconomicRow) -> list[Row]:
    """An economic 款 row, one line per 政府经济分类 it maps to (its code and name spanning them)."""
    num = builder.num(role("basic"))
    parts = list(row.government.items()) or [("", row.amount)]
    rows = []
    for index, (gov_code, amount) in enumerate(parts):
        gov_name = code_name(builder.b, "政府经济分类", gov_code) if gov_code else None
        cells = [Cell(row.code, rowspan=len(parts)), Cell(row.name, indent=1, rowspan=len(parts))] if index == 0 else []
        cells += [Cell(gov_code), Cell(gov_name or ""), num(amount), *_split_cells(num, builder.f.row_split(row, amount), [row])]
        rows.append(Row(cells, key=f"{row.code}/{gov_code}"))
    return rows


def general_by_economic_class(builder: TableBuilder) -> TableRows:
    """一般公共预算支出表（按经济分类） as 深圳 prints it: the 合计 row, then each 部门经济分类 类 over its 款, with 支出总计,
    基本支出 and 项目支出 (compute.general_by_class); a source without the 项目支出 by class prints its 基本支出 alone."""
    tid = role("basic")
    num = builder.num(tid)
    f = builder.f
    if not f.has_economic_rows:
        return general_basic(builder)
    project = f.general_project if builder.b.general_project_classes else ZERO
    basic = f.general_basic
    total = basic + project if basic is not None and project is not None else None
    if builder.b.general_project_classes:  # 一般公共预算's 合计, 基本支出, 项目支出: as its function table printed them
        total, basic, project = _general_as_printed(f, total, basic, project)
    body = [Row([Cell("合计", colspan=2, align="center", bold=True), num(total), num(basic), num(project)],
                kind="total", key="合计")]
    body += _units_class_rows(builder, num) or _class_lines(num, f)
    gap = builder.tree_gap(tid, f.economic_tree, basic or ZERO, lambda n: n.basic_part)
    return TableRows([head("科目编码", "科目名称", "合计", "基本支出", "项目支出")], body, [14, 40, 14, 14, 14],
                     rounding_gap=gap)


def _general_as_printed(f: Computed, *split: Decimal | None) -> tuple[Decimal | None, ...]:
    """一般公共预算's 合计, 基本支出 and 项目支出 (``split``) as the source states its 一般公共预算支出表 printed its 合计 row
    (印出合计), each within the 尾数 of its lines: the same figures 表8 prints on its 合计 row where it prints 项目支出
    beside 基本支出 (深圳: 535,744.34 on both, their lines 535,744.36)."""
    tid = fund_table("一般公共预算")
    return tuple(f.printed_line(tid, "合计", column, figure) for column, figure in zip(("合计", "基本支出", "项目支出"), split,
                                                                                   strict=True))


def _units_class_rows(builder: TableBuilder, num: AmountCell) -> list[Row]:
    """Under the department's row, each unit's row and its 类 and 款, where the layout prints them so (各单位: 依次:
    深圳) and every unit has its economic rows; [] else."""
    units = builder.f.unit_figures
    if not (builder.units_in_turn and units and all(unit.has_economic_rows for unit in units)):
        return []
    return [row for unit in units for row in _unit_class_rows(num, unit)]


def _class_lines(num: AmountCell, f: Computed, under: str = "") -> list[Row]:
    """The 部门经济分类 类 over their 款, each with 支出总计, 基本支出 and 项目支出 (keys under ``under``: a unit's)."""
    rows = []
    for line in f.general_by_class:
        level = 0 if len(line.code) == 3 else 1
        rows.append(Row([Cell(line.code), Cell(line.name, indent=level, bold=not level), num(line.total), num(line.basic),
                         num(line.project)], kind="subtotal" if not level else "body", key=f"{under}{line.code}"))
    return rows


def _unit_class_rows(num: AmountCell, unit: Computed) -> list[Row]:
    """A unit's row (its 一般公共预算's 支出总计, 基本支出 and 项目支出), then its 类 and 款, as 深圳 prints each unit's."""
    project = unit.general_project if unit.budget.general_project_classes else ZERO
    basic = unit.general_basic
    total = basic + project if basic is not None and project is not None else None
    name = unit.budget.department
    return [Row([Cell(unit.budget.unit_code), Cell(name, bold=True), num(total), num(basic), num(project)],
                kind="subtotal", key=f"单位:{name}"), *_class_lines(num, unit, f"{name}/")]


def basic_by_department_classes(builder: TableBuilder) -> TableRows:
    """一般公共预算基本支出部门预算经济分类预算表: the 部门预算经济分类 in 类 / 款 columns with
    合计, 人员经费 and 公用经费 (no 政府预算经济分类); the layout's 列 the amount columns printed (BASIC_COLUMNS:
    当年预算, each line's 合计 again as this year's budget, where a table prints the carry-over's beside it)."""
    rows = general_basic(builder)
    tid = role("basic")
    num = builder.num(tid)
    f, b = builder.f, builder.b
    shown = _basic_columns(builder)
    header = [
        head(("项目", 3, 1), ("一般公共预算基本支出", len(shown), 1)),
        head(("部门预算经济分类科目编码", 2, 1), ("经济分类科目名称", 1, 2), *((name, 1, 2) for name in shown)),
        head("类", "款"),
    ]

    def amounts(total: Decimal | None, split: list[Cell]) -> list[Cell]:
        carried = num(f.carried_spent)  # the carry-over's, by line (长春's 上年结转结余 小计 | 人员经费 | 公用经费)
        cells = {"合计": num(total), THIS_YEAR: num(total), "人员经费": split[0], "公用经费": split[1],
                 **dict.fromkeys(CARRIED_BASIC, carried)}
        return [cells[name] for name in shown]

    body = []
    if not f.has_economic_rows:  # the standard table's note, across this table's columns
        body = [TableBuilder.missing_row(row.cells[0].text, 3 + len(shown)) for row in rows.body if row.key == "待补充"]
    stated = f.classes_as_stated(f.general_basic)
    for node in f.economic_tree:
        amount, split = printed_class(builder, num, node.code, stated, node.basic_part)
        body.append(Row([Cell(node.code, align="center"), Cell(), Cell(node.name, bold=True),
                         *amounts(amount, split)], kind="subtotal", key=node.code))
        for row in _class_rows(b, node.code):
            body.append(Row([Cell(row.code[:3], align="center"), Cell(row.code[3:5], align="center"),
                             Cell(row.name, indent=1), *amounts(row.amount, _split_cells(num, f.row_split(row), [row]))],
                            key=row.code))
            body += [Row([Cell(item.code[:3], align="center"), Cell(item.code[3:], align="center"),
                          Cell(item.name, indent=2), *amounts(item.amount, _item_split(builder, row, item))], key=item.code)
                     for item in row.items]
    whole = whole_split(builder, tid, f.general_basic)
    body.append(Row([Cell("合计", colspan=3, align="center", bold=True), *amounts(f.general_basic, whole)],
                    kind="total", key="合计"))
    return TableRows(header, body, [6, 5, 36, *[14] * len(shown)], rounding_gap=rows.rounding_gap)


def _basic_columns(builder: TableBuilder) -> list[str]:
    """The amount columns the 基本支出表 by 部门经济分类 prints: the layout's 列, else 合计, 人员经费 and 公用经费."""
    asked = builder.asked_columns
    return [name for name in BASIC_COLUMNS if name in asked] if asked else [
        c for c in BASIC_COLUMNS if c != THIS_YEAR and c not in CARRIED_BASIC]


def basic_by_government_classes(builder: TableBuilder) -> TableRows:
    """一般公共预算基本支出表 as 北京 prints it: a line per 政府预算经济分类 and 部门预算经济分类 款 it is spent under,
    the 政府 code first and the lines in its order (each code with its name in one cell: 50101-工资奖金津补贴), no
    class's line, with 合计, 人员经费 and 公用经费, the 合计 last."""
    tid = role("basic")
    num = builder.num(tid)
    b, f = builder.b, builder.f
    header = [head("政府支出经济分类科目", "部门支出经济分类科目", "合计", "人员经费", "公用经费")]
    parts = sorted(((gov, row, amount) for row in b.economic_rows
                    for gov, amount in (list(row.government.items()) or [("", row.amount)])),
                   key=lambda part: (part[0], part[1].code))
    body = [line for gov, row, amount in parts for line in _government_first_rows(builder, gov, row, amount)]
    if not f.has_economic_rows:
        body.append(builder.missing_row(builder.missing(MISSING_ECONOMIC), 5))
    body.append(Row([Cell("合计", colspan=2, align="center", bold=True), num(f.general_basic),
                     *whole_split(builder, tid, f.general_basic)], kind="total", key="合计"))
    return TableRows(header, body, [26, 30, 14, 14, 14], wide=True, rounding_gap=_kinds_gap(builder, tid))


def _government_first_rows(builder: TableBuilder, gov: str, row: EconomicRow, amount: Decimal) -> list[Row]:
    """The lines of 款 ``row``'s part under 政府 款 ``gov`` (``amount``), each code with its name in one cell."""
    num = builder.num(role("basic"))
    gov_name = code_name(builder.b, "政府经济分类", gov) or "" if gov else ""
    return [Row([Cell(f"{gov}-{gov_name}" if gov else ""), Cell(f"{code}-{name}"), num(part),
                 *_split_cells(num, builder.f.row_split(row, part), [row])], key=f"{gov}/{code}")
            for code, name, part in _finest_lines(row, gov, amount)]


def _finest_lines(row: EconomicRow, gov: str, amount: Decimal) -> list[tuple[str, str, Decimal]]:
    """The lines a table printed to its finest level prints for the part of 款 ``row`` under 政府 款 ``gov``: its 目
    there (北京: 3021101 差旅费, 3021102 科研类差旅费 in place of 30211), where they make up that part; else the 款."""
    items = [item for item in row.items if item.government == gov or not item.government and len(row.government) <= 1]
    if items and sum((item.amount for item in items), ZERO) == amount:
        return [(item.code, item.name, item.amount) for item in items]
    return [(row.code, row.name, amount)]


def basic_in_class_pairs(builder: TableBuilder) -> TableRows:
    """一般公共预算基本支出表 as 山东 (烟台) prints it: the 部门预算经济分类 and the 政府预算经济分类 side by side, each
    code with its name (烟台 sets a code's 类 and 款 in two columns: one here, as the reader of a draft reads a code) — a line for each pair of classes the money goes from and to (301 工资福利支出 →
    501 机关工资福利支出, 301 → 505 对事业单位经常性补助), then its 款 pairs (30101 基本工资 → 50101 工资奖金津补贴),
    in the order of the codes; 小计, 人员经费 and 公用经费. A pair's line and the 合计 are as the table printed them
    where the source states so (印出合计, within the 尾数 of their 款: compute/class_pairs.py), else their 款 added."""
    b, f = builder.b, builder.f
    header = [
        head(("部门预算支出经济分类", 2, 1), ("政府预算支出经济分类", 2, 1), ("基本支出预算", 3, 1)),
        head("科目编码", "科目名称", "科目编码", "科目名称", "小计", "人员经费", "公用经费"),
    ]
    widths = [12, 30, 12, 26, 12, 12, 12]
    if not f.has_economic_rows:
        body = [_pairs_total(builder, []), builder.missing_row(builder.missing(MISSING_ECONOMIC), 7)]
        return TableRows(header, body, widths, wide=True)
    pairs = class_pairs(b)
    body = [_pairs_total(builder, [part for parts in pairs.values() for part in parts])]
    for (dept, gov), parts in pairs.items():
        body.append(_pair_row(builder, dept, gov, parts))
        body += [_pair_row(builder, row.code, code, [(row, code, amount)]) for row, code, amount in parts]
    return TableRows(header, body, widths, wide=True)


def _pairs_total(builder: TableBuilder, parts: list[Part]) -> Row:
    """The 合计 row: as the table printed it (印出合计), else the source's 一般公共预算基本支出, 人员经费, 公用经费."""
    f, num = builder.f, builder.num(role("basic"))
    printed = builder.b.printed_lines.get(role("basic"), {}).get("合计", {})
    line = pair_line(builder.b, "合计", parts) if parts else {}
    totals = {"合计": f.general_basic, "人员经费": f.personnel, "公用经费": f.public}
    figures = [line[column] if column in printed else totals[column] for column in totals]
    stated = _split_stated(builder.b.economic_rows) if parts else (True, True)
    return Row([Cell("合计", colspan=4, align="center", bold=True), num(figures[0]), num(figures[1], stated[0]),
                num(figures[2], stated[1])], kind="total", key="合计")


def _pair_row(builder: TableBuilder, dept: str, gov: str, parts: list[Part]) -> Row:
    """A pair of classes' line (dept 301, gov 505), or a 款's part (dept 30101, gov 50501: ``parts`` its one)."""
    b, num = builder.b, builder.num(role("basic"))
    single = len(dept) > 3
    line = parts_line(parts) if single else pair_line(b, f"{dept}/{gov}", parts)
    stated = _split_stated([row for row, _, _ in parts])
    names = [parts[0][0].name if single else code_name(b, "经济分类", dept) or "",
             code_name(b, "政府经济分类", gov) or "" if gov else ""]
    return Row([Cell(dept), Cell(names[0], bold=not single, indent=int(single)), Cell(gov),
                Cell(names[1], bold=not single, indent=int(single)), num(line["合计"]),
                num(line["人员经费"], stated[0]), num(line["公用经费"], stated[1])],
               kind="body" if single else "subtotal", key=f"{dept}/{gov}")


# -- 决算: 一般公共预算财政拨款基本支出决算表 ------------------------------------------------------
def _economic_lines(builder: TableBuilder, classes: list[tuple[str, tuple[str, ...]]],
                    num: Callable[[Decimal | None], Cell], names: Mapping[str, str]) -> list[list[Cell]]:
    """One side of the 基本支出决算表: each class, then its 款, as [code, name, amount] (the name ``names`` gives, else
    the catalogue's).

    A 款 the source does not give is known zero only where the source gives the 经济分类 rows at all: they
    are the 一般公共预算财政拨款基本支出 by 款 (held to add up to it, R-基本支出一致), so a listed 款 they
    leave out is 0.00, as the published table prints it. A class the source gives in one figure (its code
    alone) leaves its 款 unknown, blank; no rows at all leave every line blank."""
    b, f = builder.b, builder.f
    given = {r.code: r.amount for r in b.economic_rows}
    tree = {n.code: n.basic_part for n in f.economic_tree}
    lines = []
    for code, items in classes:
        lines.append([Cell(code, bold=True), Cell(_named(b, names, code), bold=True),
                      num(tree.get(code, ZERO) if f.has_economic_rows else None)])
        known_zero = f.has_economic_rows and code not in given
        lines += [[Cell(item), Cell(_named(b, names, item)), num(given.get(item, ZERO if known_zero else None))]
                  for item in items]
    return lines


def _named(b: Budget, names: Mapping[str, str], code: str) -> str:
    """An economic code's name: the layout's (``names``), else the catalogue's, else the code."""
    return names.get(code) or code_name(b, "经济分类", code) or code


def _final_sides(b: Budget) -> dict[bool, list[tuple[str, tuple[str, ...]]]]:
    """The classes of the 基本支出决算表 and their 款, by side (True: 人员经费, on the left): the 样张's,
    with a 款 or class the department has beyond them in its place."""
    listed = dict(FINAL_ECONOMIC)
    extra = {r.code for r in b.economic_rows} - set(listed) - {c for items in listed.values() for c in items}
    sides: dict[bool, list[tuple[str, tuple[str, ...]]]] = {True: [], False: []}
    for code in [*listed, *sorted({c[:3] for c in extra} - set(listed))]:  # a class beyond the four: on its side
        items = tuple(sorted({*listed.get(code, ()), *(c for c in extra if c[:3] == code and c != code)}))
        sides[economic_kind(code) == PERSONNEL].append((code, items))
    return sides


def _listed_sides(b: Budget, listed: tuple[tuple[str, ...], ...],
                  names: Mapping[str, str]) -> list[list[tuple[str, tuple[str, ...]]]]:
    """The sides of the 基本支出决算表 as a layout's 科目 lists them (each code under the class before it; one printed by
    no name ``names`` or the year's catalogue gives is left out where the source gives no row of it), with a 款 the
    department has beyond them under its class, and a class beyond them on the first side (人员经费) or the last."""
    given = {r.code for r in b.economic_rows}
    codes = [[listed_entry(entry)[0] for entry in side] for side in listed]
    sides = [_side_classes(_printable(b, names, given, side)) for side in codes]
    _with_unlisted(sides, sorted(given - {c for side in codes for c in side}))
    return [[(code, tuple(items)) for code, items in side] for side in sides]


def _printable(b: Budget, names: Mapping[str, str], given: set[str], codes: list[str]) -> list[str]:
    """The codes of one side a table can print: those the source gives, or with a name to print them by."""
    return [code for code in codes if code in given or _named(b, names, code) != code]


def _with_unlisted(sides: list[list[tuple[str, list[str]]]], unlisted: list[str]) -> None:
    """Into ``sides``: each code ``unlisted`` under its class, a class not on any side on the first (人员经费) or the last."""
    classes = {code: items for side in sides for code, items in side}
    for code in unlisted:
        if code[:3] not in classes:
            classes[code[:3]] = []
            sides[0 if economic_kind(code) == PERSONNEL else -1].append((code[:3], classes[code[:3]]))
        if len(code) == 5:
            classes[code[:3]].append(code)


def _side_classes(codes: list[str]) -> list[tuple[str, list[str]]]:
    """One side's codes as its classes, each with the 款 listed after it (a 款 listed first: under its own class)."""
    side: list[tuple[str, list[str]]] = []
    for code in codes:
        if len(code) == 3 or not side:
            side.append((code[:3], []))
        if len(code) == 5:
            side[-1][1].append(code)
    return side


def _basic_sides(builder: TableBuilder, names: Mapping[str, str]) -> list[list[tuple[str, tuple[str, ...]]]]:
    """The 基本支出决算表's sides: the layout's 科目 where it lists them, else the 样张's two."""
    if builder.listed_codes:
        return _listed_sides(builder.b, builder.listed_codes, names)
    two = _final_sides(builder.b)
    return [two[True], two[False]]


def _basic_foot(builder: TableBuilder, num: AmountCell, sides: int) -> Row:
    """The 基本支出决算表's foot: 人员经费合计 under the first side, 公用经费合计 across the others, its figure last."""
    f = builder.f
    return Row([Cell("人员经费合计", colspan=2, align="center", bold=True), num(f.personnel),
                Cell("公用经费合计", colspan=3 * sides - 4, align="center", bold=True), num(f.public)],
               kind="total", key="人员经费合计")


def final_basic(builder: TableBuilder) -> TableRows:
    """一般公共预算财政拨款基本支出决算表: 经济分类科目编码, 科目名称, 决算数 twice side by side — 301 and 303
    with every 款 the 样张 lists on the left, 302 and 310 on the right (a 款 or class the department has
    beyond them in its place) — and 人员经费合计 / 公用经费合计 at the foot; the sides the layout's 科目 lists where
    it lists them (国家信访局 2024: three)."""
    tid = role("basic")
    num = builder.num(tid)
    f = builder.f
    names = _listed_names(builder.listed_codes)
    sides = _basic_sides(builder, names)
    body = sides_in_a_row([_economic_lines(builder, side, num, names) for side in sides], (3,) * len(sides))
    if not f.has_economic_rows and builder.shows_missing("经济分类明细"):
        body.append(builder.missing_row(builder.missing(MISSING_ECONOMIC), 3 * len(sides)))
    body.append(_basic_foot(builder, num, len(sides)))
    header = [head(*("经济分类科目编码", "科目名称", "决算数") * len(sides))]
    widths = [9, 30, 11] * 2 if len(sides) == 2 else [8, 20, 10] * len(sides)
    return TableRows(header, body, widths, wide=len(sides) > 2, rounding_gap=_basic_gap(builder, tid))


def _listed_names(listed: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """The names a layout's 科目 gives its codes, by code."""
    return dict(listed_entry(entry) for side in listed for entry in side if " " in entry)


def _basic_gap(builder: TableBuilder, tid: str) -> bool:
    """Whether an economic class, rounded, is not its 款 as shown, or 人员经费 and 公用经费 their whole."""
    gap = any(n.children and builder.gap(tid, n.basic_part, (c.basic_part for c in n.children))
              for n in builder.f.economic_tree)
    return gap or _kinds_gap(builder, tid)
