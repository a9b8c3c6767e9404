"""Tables a layout declares as data (版式.yaml ``表格``): a table of code (a standard table or a
variant) re-shaped — its code column split into 类 / 款 / 项 columns, its rows down to a level, its
amount columns chosen, its 合计 row last, a band over its amounts, its column labels in the
locality's words. A new locality's function tables are a few lines of data, no Python.

    表格:
      支出总表-类款项: {基于: 支出总表, 编码: 分列, 合计行: 末行, 表头: 支出预算,
                       列名: {科目编码: 功能分类科目编码, 科目名称: 功能分类科目名称}}

A spec is checked where it is read (layouts.py, naming its file and line); here it only shapes rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportgen.base.patterns import regex
from reportgen.base.records import FrozenRecord
from reportgen.compute.trees import KINDS
from reportgen.docmodel.document import Cell, Row
from reportgen.docmodel.model import FISCAL_SOURCES, INCOME_SOURCES, PROJECT_FISCAL, PROJECT_FUNDS, YEAR_INCOME
from reportgen.tablekinds import fund_table, role
from reportgen.tables.builder import TableRows, head

# The columns of a function table (科目编码, 科目名称, then its amounts) a spec may keep (列).
# The spending a 支出总表 prints beside 基本支出 and 项目支出 (a function line's FINAL_SPENDING_KINDS), by the name the
# published tables print it under (广州, 深圳, 珠海, 北京 …: 事业单位经营支出 | 对附属单位补助支出 | 上缴上级支出).
BESIDE_COLUMNS = {"经营支出": "事业单位经营支出", "对附属单位补助支出": "对附属单位补助支出", "上缴上级支出": "上缴上级支出"}
# THIS_YEAR: a line's spending of this year's budget printed as a column of its own beside 合计, where the table prints
# the carry-over's beside it (长春: 合计 | 当年预算 小计 … | 上年结转结余 小计 …; the 收入总表's 本年收入 小计 of 北京, 江苏, 杭州)
THIS_YEAR = "当年预算"
# The 政府采购 a 支出总表 prints by function line beside its spending (深圳: 2026年政府采购项目 | 其中：…预留给中小企业的项目资金
# 规模 | 其中：…预留给小型、微型企业的项目资金规模): the source's 政府采购.功能分类 key of each → the name a layout's 列 lists.
PROCURED_COLUMNS = {"合计": "政府采购项目", "中小企业": "预留给中小企业", "小微企业": "预留给小型、微型企业"}
# The import's meaning of each such column (recognition: 政府采购, 政府采购预留中小企业 …) → that name.
PROCURED_MEANINGS = {"政府采购": "政府采购项目", "政府采购预留中小企业": "预留给中小企业", "政府采购预留小微企业": "预留给小型、微型企业"}
# CARRIED_COLUMNS: the carry-over's spending printed by line beside this year's (长春: 合计 | 当年预算 … | 上年结转结余 小计 |
# 基本支出 | 项目支出 …), each by the import's meaning of its column (上年结转, 上年结转·基本支出 …) → the render's name of it;
# a line's figure is the source's 上年结转结余 spent on it (compute's carried_spent: none where the department carries
# none over, not known else — the source holds no line's part of it).
CARRIED = "上年结转结余"
CARRIED_COLUMNS = {"上年结转": CARRIED, **{f"上年结转·{part}": f"{CARRIED}{BESIDE_COLUMNS.get(part, part)}" for part in (
    "基本支出", "人员经费", "公用经费", "项目支出", *BESIDE_COLUMNS)}}
FUNCTION_COLUMNS = ("合计", THIS_YEAR, "基本支出", "人员经费", "公用经费", "项目支出", *BESIDE_COLUMNS.values(),
                    *PROCURED_COLUMNS.values(), *CARRIED_COLUMNS.values(), "上年预算数", "增减", "上年执行数", "增减额", "增减率")
# The amount columns of the 基本支出表 by 部门经济分类 alone (BASIC_BY_DEPARTMENT) a spec may list (列), in this order (长春:
# 合计 | 当年预算 小计 | 人员经费 | 公用经费 | 上年结转结余 小计 | 人员经费 | 公用经费)
BASIC_BY_DEPARTMENT = f"{role('basic')}-部门经济分类"
# 一般公共预算支出表（按经济分类） (深圳): 支出总计 | 基本支出 | 项目支出 by economic 类 and 款
BASIC_WITH_PROJECTS = f"{role('basic')}-含项目支出"
CARRIED_BASIC = (CARRIED, f"{CARRIED}人员经费", f"{CARRIED}公用经费")  # the carry-over's of those
BASIC_COLUMNS = ("合计", THIS_YEAR, "人员经费", "公用经费", *CARRIED_BASIC)
# The columns of the 收入总表 by function lines (INCOME_TABLE, 上海's and 烟台's, 重庆's, 长沙's) a spec may list (列), in
# the order it prints them: each a source of income, 财政拨款收入 the first three together.
INCOME_COLUMNS = ("合计", "财政拨款收入", *INCOME_SOURCES, "使用非财政拨款结余", "上年结转")
INCOME_TABLE = f"{role('income')}-按功能"
# The tables of that shape: one header row of 科目编码, 科目名称 and amounts.
FUNCTION_TABLES = (role("spending"), fund_table("一般公共预算"), fund_table("政府性基金"), fund_table("国有资本经营"))
# The 收支 tables whose spending side lists the function lines (their 层级: to 类, the default, 款 or 项).
SUMMARY_TABLES = (role("summary"), role("appropriations"))
# The spending side's amount columns of the 财政拨款收支总表 (its 列: those it prints, in this order).
FISCAL_COLUMNS = ("合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")
# The amount columns of each side of the 收支总表 a layout may print (表格.收支总表.列), in this order: each line's 合计
# (this year's and its carry-over), this year's part (THIS_YEAR) and the carry-over's (CARRIED) — 长春: 本年预算 | 编制预算 |
# 上年结转 on either side; the carry-over's by line as compute's carried_spent tells it (none, or not known: blank).
SUMMARY_COLUMNS = ("合计", THIS_YEAR, CARRIED)
# The 收入总表's 上年结转 by fund, each printed after its 上年结转 where a layout asks (表格.收入总表.列: 长春's 上年结转 小计 |
# 一般公共预算 | 政府性基金预算 | 国有资本经营预算 | 财政专户管理资金 | 单位资金), by the import's meaning of its column → the
# name 列 gives it; each a part of 上年结转 (compute's carried_part: none where that is none, not known else).
INCOME_CARRIED = {f"上年结转·{fund}": f"上年结转{fund}" for fund in PROJECT_FUNDS[:5]}
# The 收入总表's own columns a layout's 列 may list ahead of those, in the render's order: a 列 naming 合计 (its 收入总计)
# lists the columns the table prints, its 本年收入 小计 (YEAR_INCOME) printed only where 列 names it (福州: 合计 |
# 一般公共预算拨款收入 | … | 其他收入 | 上年结转结余, no 小计 — as 广州's and 泉州's by their units' lines, 表行 单位).
INCOME_OWN_COLUMNS = ("合计", YEAR_INCOME, *INCOME_SOURCES, "上年结转")
# the 部门财务收支预算总表's spending amounts a layout may print (表格.收支总表.列: 上海市级), in their order
FINANCE_COLUMNS = ("合计", "人员经费", "公用经费", "项目支出")
FINANCE_TABLE = f"{role('summary')}-财务收支"  # the variant that prints them (上海: 部门财务收支预算总表)
# The columns of the 项目支出表 beside each project's name a spec may list (列), in the order it prints them, each once
# (烟台: 项目类别 | 合计 | 财政拨款 | 一般公共预算 | … | 上年结转); 合计 and 预算数 are both its amount, under either word;
# 单位名称 is printed left of the name (杭州, 湖州: 单位名称 | 项目名称 | 总计 | 一般公共预算 …).
NAME_COLUMN = "项目名称"  # listed in 列 where a column is printed right of the name (长春: 项目名称 | 项目单位 | 合计 …)
PROJECT_COLUMNS = ("单位名称", NAME_COLUMN, "项目类别", "功能科目", "合计", "预算数", "财政拨款", *PROJECT_FUNDS,
                   *INCOME_CARRIED.values(), "上年预算数", "增减")
# The sums a 收支 table's income side may print above their parts (小计行): 财政拨款收入 over its three kinds, 单位资金 over
# the unit's own income (OWN_SOURCES: 长春, 深圳).
# 本年收入 (the 财政拨款收支总表's alone: 长春, 国家信访局, 重庆, 长沙): its 本年 合计 printed first, 本年收入 above the three
# kinds beside 本年支出 above the function lines, not again under them.
OWN_FUNDS = "单位资金"
YEAR_FIRST, YEAR_SPENT = "本年收入", "本年支出"
SUBTOTAL_LINES = ("财政拨款收入", OWN_FUNDS, YEAR_FIRST)
# The lines a 财政拨款收支总表 may print under its 本年 合计 (结转与总计): 上年结转 on the income side, 结转下年 on the
# spending side, and 收入总计 beside 支出总计 (总计).
CLOSING_LINES = ("上年结转", "结转下年", "总计")
# The lines a 收支 table may print in a second spending column beside its function lines (支出用途: 江苏 2019's 收支预算总表,
# 支出用途 基本支出 | 项目支出 | 单位预留机动经费; 西安 2025's 收支总表 and 财政拨款收支总表, 人员经费和公用经费支出 |
# 专项业务经费支出 under its 部门预算支出经济分类科目): 基本支出 and 项目支出 — the lines the source states — and the totals
# that column prints again on its own under them (西安: 本年支出合计, 结转下年, 支出总计; 江苏 prints one total across).
USE_LINES = ("基本支出", "项目支出")
USE_TOTALS = ("本年支出合计", "结转下年", "支出总计")
# 基本支出各类: under the 基本支出 line, its 部门经济分类 类 the source states, each its line (西安 2025: (1)工资福利支出,
# (2)商品和服务支出, (3)对个人和家庭的补助 under 人员经费和公用经费支出) — printed where they add up to that line's figure
USE_CLASSES = "基本支出各类"
USE_ORDER = (USE_LINES[0], USE_CLASSES, USE_LINES[1], *USE_TOTALS)
# The deepest rows a spec keeps (层级), by the length of their code.
LEVELS = {"类": 3, "款": 5, "项": 7}
_CODE_LEVEL_WIDTHS = [6, 5, 5]


# The items a “三公”经费 table printed turned (表格.X.纵排) may list, in FiguresThreePublic.three_public_columns' order
TURNED_ITEMS = ("合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费")
# The row a turned “三公”经费 table may print above its items (纵排: 广州, 珠海), the source's 行政经费; and the rows it may list
ADMINISTRATIVE_ROW = "行政经费"
TURNED_ROWS = (ADMINISTRATIVE_ROW, *TURNED_ITEMS)
# The columns a “三公”经费 table printed as one row (横排) may print besides this year's items: last year's budget of each
# item under a group of its own (烟台: 2025年预算数 | 2026年预算数, each over 合计, 因公出国（境）费 …; “上年预算数·合计” …),
# and the economic 款 printed beside the items, the 一般公共预算's (江苏: 会议费, 培训费: the source's 经济分类款预算)
ACROSS_PRIOR = "上年预算数"
ACROSS_BESIDE = ("会议费", "培训费")
ACROSS_ITEMS = (*TURNED_ITEMS, *(f"{ACROSS_PRIOR}·{item}" for item in TURNED_ITEMS), *ACROSS_BESIDE)
# The columns a turned “三公”经费 table may print (表格.X.列 with 纵排), in the order it prints them, each once: this year's
# figure (合计) and its funds (广州, 珠海: 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算; the source's 三公经费.按资金)
THREE_PUBLIC_COLUMNS = ("合计", *PROJECT_FISCAL)


def listed_entry(entry: str) -> tuple[str, str]:
    """An entry of a layout's 科目: its code and the name it is printed by ("" for the catalogue's)."""
    code, _, name = entry.partition(" ")
    return code, name.strip()


@dataclass(frozen=True, repr=False, eq=False)
class TableSpec(FrozenRecord):
    """One declared table: ``base`` the table of code it starts from (基于; its own id to re-shape
    a table in place); ``code_levels`` 编码: 分列; ``level`` 层级; ``columns`` 列 (the amount columns
    kept, of those the table has; empty: all; the 收入总表 by function's, the columns it prints in order); ``total_last`` 合计行: 末行; ``band`` 表头 (the words
    over the amount columns, under 项目); ``labels`` 列名 (a header label → the locality's); ``rows`` 行名 (a row's
    label → the locality's); ``lines`` a 收支 table's 层级 (its spending side's function lines down to 款 or 项);
    ``subtotals`` its 小计行 (the sums its income side prints above their parts); ``classes`` its 类 (the lines its
    spending side prints whether or not the department spends on them)."""

    base: str
    code_levels: bool = False
    level: str = "项"
    columns: tuple[str, ...] = ()
    total_last: bool = False
    band: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    rows: dict[str, str] = field(default_factory=dict)  # 行名: a row's label → the locality's (一般公共预算拨款 → 一般公共预算收入)
    # 层级 of a 收支 table (SUMMARY_TABLES): the function lines its spending side lists, down to 款 or 项; "": 类 alone
    lines: str = ""
    # 小计行 of a 收支 table: the sums its income side prints above their parts (财政拨款收入 above its three kinds)
    subtotals: tuple[str, ...] = ()
    # 类 of a 收支 table: the lines its spending side prints, in order, whether or not the department spends on them
    # (广州: the 类 of the catalogue and 对附属单位补助支出 …): 0 where the source's function lines are known complete
    classes: tuple[str, ...] = ()
    # 结转与总计 of the 财政拨款收支总表: the lines it prints under its 本年 合计 (CLOSING_LINES; 杭州, 湖州, 广州 …)
    closing: tuple[str, ...] = ()
    # 纵排 of the “三公”经费 table: its items printed as rows, in this order (TURNED_ITEMS), with this year's figures in one
    # column (福州, 泉州: 合计, 1、因公出国（境）费用 …, 预算数; 广州: the 合计 column beside the funds)
    turned: tuple[str, ...] = ()
    # 横排 of the “三公”经费 table: one 合计 row of this year's figures, the items as columns in this order (ACROSS_ITEMS;
    # 杭州, 长沙: 合计 above the units' rows, 长沙's 小计 | 公务接待费 | 因公出国（境）费 …; 烟台: last year's budget first;
    # 江苏: 会议费 and 培训费 beside the items)
    across: tuple[str, ...] = ()
    # 表行: the table printed from the lines the source gives of it (tables/table_lines.py), each code with its name
    # in one cell (连写) or in two (分列); "": as the table of code builds it
    printed: str = ""
    # 部门行: 合计之下 — a 收入总表 printed from its units' lines (表行 单位) prints the department's row again under its
    # 合计, the units under it (杭州, 湖州)
    department_line: bool = False
    # 科目 of the 决算's 一般公共预算基本支出表: the economic codes (类 and 款) each side prints, in order, left to right
    # (国家信访局 2024: 301 and 303 | 302 | 307, 310 and 399; 佛山 2019: 301 and 303 | 302, 307, 310 and 399); of a
    # 决算's fund table, the function codes it lists whether or not the fund spends on them (one side). An entry is a
    # code, or a code and the name the table prints it by (listed_entry)
    sides: tuple[tuple[str, ...], ...] = ()
    # 支出用途 of a 收支 table: the lines (USE_LINES, then USE_TOTALS) it prints in a second spending column
    uses: tuple[str, ...] = ()
    # 部门行: 即合计 — a 收入总表 whose 合计 row is the department's own (深圳: the department's row first, named as it,
    # its units under it): the department's row not printed again under it
    department_total: bool = False
    # 各单位: 依次 — a fund's function table of a department of units printing, under the department's row, each unit's
    # row and its function lines (深圳's 一般公共预算支出表, 政府性基金预算支出表 …: as the 支出总表 of such a department)
    units_in_turn: bool = False

    @property
    def function_shaped(self) -> bool:
        """Whether the spec re-shapes a function table's columns or rows (not only its labels); a 收入总表 printed
        from its units' lines (表行) is shaped by them: its 列 and 合计行 are theirs."""
        if self.printed and self.base == role("income"):
            return False
        return (self.code_levels or self.level != "项"
                or bool(self.columns) and self.base not in (INCOME_TABLE, role("income"), role("summary"), role("appropriations"),
                                                         FINANCE_TABLE,
                                                         role("projects"), BASIC_BY_DEPARTMENT, role("three_public"))
                or self.total_last or bool(self.band))


def reshape(rows: TableRows, spec: TableSpec) -> TableRows:
    """``rows`` as ``spec`` declares them (labels alone for any table; the rest for a function
    table: one header row of 科目编码, 科目名称 and amounts)."""
    if spec.function_shaped:
        rows = _function_reshaped(rows, spec)
    if spec.labels:
        header = [Row([replace(c, text=spec.labels.get(c.text, c.text)) for c in row.cells], kind=row.kind, key=row.key)
                  for row in rows.header]
        rows = replace(rows, header=header)
    if spec.rows:
        rows = replace(rows, body=[_renamed(row, spec.rows) for row in rows.body])
    return rows


def _renamed(row: Row, names: dict[str, str]) -> Row:
    """A body row with each label cell that a 行名 names in the locality's words (its figures as they were)."""
    cells = [replace(c, text=_name_of(c.text, names)) if c.align != "right" else c for c in row.cells]
    return Row(cells, kind=row.kind, key=row.key)


# a list number before a label (上海's 收支 tables: “1. 一般公共预算”, “一、一般公共预算”)
_LISTED = regex(r"(?P<number>[一二三四五六七八九十]+、|\d+\.\s?)(?P<name>.+)")


def _name_of(text: str, names: dict[str, str]) -> str:
    """A label in the 行名's words: the label the 行名 names; a fund's 拨款 printed by its fund's name after a list number
    (上海's 部门财务收支预算总表 and 部门财政拨款收支预算总表: “1. 一般公共预算” is 一般公共预算拨款) under the number, in
    the words the 行名 gives its 拨款 (普陀区万里街道's “1. 一般公共预算资金”); any other label as it is."""
    if text in names:
        return names[text]
    listed = _LISTED.fullmatch(text)
    if listed is None or (fund := listed["name"] + "拨款") not in FISCAL_SOURCES or fund not in names:
        return text
    return listed["number"] + names[fund]


def _function_reshaped(rows: TableRows, spec: TableSpec) -> TableRows:
    labels = [cell.text for cell in rows.header[0].cells]
    asked = _asked(spec, labels)
    keep = [0, 1, *(i for i, label in enumerate(labels) if i > 1 and (not asked or label in asked))]
    amounts = [labels[i] for i in keep[2:]]
    widths = [rows.widths[i] for i in keep]
    if spec.code_levels:
        widths = [*_CODE_LEVEL_WIDTHS, *widths[1:]]
    return replace(rows, header=_header(amounts, spec), body=_body(rows.body, keep, spec), widths=widths)


def _asked(spec: TableSpec, labels: list[str]) -> set[str]:
    """The columns a spec keeps: its 列, with 基本支出 for 人员经费 and 公用经费 the table has not (a source without them)."""
    asked = set(spec.columns)
    if asked & set(KINDS) and not asked & set(labels) & set(KINDS):
        asked.add("基本支出")
    return asked


def _body(rows: list[Row], keep: list[int], spec: TableSpec) -> list[Row]:
    """The rows a spec keeps (to its level), with the grid columns ``keep``: 合计 last and the code
    split where it says so."""
    body = [kept(row, keep) for row in rows if _within(row, spec.level)]
    if spec.total_last:
        body = [row for row in body if row.key != "合计"] + [row for row in body if row.key == "合计"]
    if spec.code_levels:
        body = [_code_split(row) for row in body]
    return body


def _within(row: Row, level: str) -> bool:
    """Whether a row is at or above the spec's deepest level (a row not keyed by a code is)."""
    return not row.key.isdigit() or len(row.key) <= LEVELS[level]


def kept(row: Row, keep: list[int]) -> Row:
    """A row with only the grid columns ``keep``: a cell spanning several keeps those of them kept."""
    cells, start = [], 0
    for cell in row.cells:
        span = sum(1 for column in range(start, start + cell.colspan) if column in keep)
        start += cell.colspan
        if span:
            cells.append(cell if span == cell.colspan else replace(cell, colspan=span))
    return Row(cells, kind=row.kind, key=row.key)


def _code_split(row: Row) -> Row:
    """A row's 科目编码 in 类 | 款 | 项 columns (2080501 → 208 | 05 | 01); a cell across the code and
    the name (合计, a 待补充 note) spans the two columns more."""
    first, *rest = row.cells
    if first.colspan > 1:
        return Row([replace(first, colspan=first.colspan + 2), *rest], kind=row.kind, key=row.key)
    code = first.text
    pieces = [Cell(piece, align="center") for piece in (code[:3], code[3:5], code[5:7])]
    return Row([*pieces, *rest], kind=row.kind, key=row.key)


def _header(amounts: list[str], spec: TableSpec) -> list[Row]:
    """科目编码 (over 类 款 项 when split), 科目名称 and the amounts, under 项目 | the band if any."""
    code_span = 3 if spec.code_levels else 1
    rows = [head(("项目", code_span + 1, 1), (spec.band, len(amounts), 1))] if spec.band else []
    if spec.code_levels:
        rows.append(head(("科目编码", 3, 1), ("科目名称", 1, 2), *((label, 1, 2) for label in amounts)))
        rows.append(head("类", "款", "项"))
    else:
        rows.append(head("科目编码", "科目名称", *amounts))
    return rows
