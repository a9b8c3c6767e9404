"""The figures of a table no source field holds, read only where its own sums verify them (own_sums.py): the rows
of 西安 2025's tables as printed, and the same rows with one figure changed — read no more."""

from __future__ import annotations

from decimal import Decimal

from reportgen.importing.recognition.own_sums import own_sums
from reportgen.readers.grid import Cell, Grid


def _grid(rows: list[list[str]]) -> Grid:
    cells = [[Cell(text or None, text) for text in row] for row in rows]
    return Grid("x.pdf", "第26页", cells, row_places=[f"x.pdf 第26页 第{n + 5}行" for n in range(len(rows))], kind="pdf")


# 西安 2025 表6 (一般公共预算支出 by 经济分类), its first rows: 合计 = 人员经费 + 公用经费 + 专项业务经费 on every row,
# 302 the sum of its 款
_ECONOMIC = [
    ["", "合计", "", "", "2,002,091.90", "667,674.00", "360,217.90", "974,200.00"],
    ["302", "商品和服务支出", "", "", "2,002,091.90", "667,674.00", "360,217.90", "974,200.00"],
    ["30201", "办公费", "50201", "办公经费", "1,255,400.00", "", "281,200.00", "974,200.00"],
    ["30239", "其他交通费用", "50201", "办公经费", "667,674.00", "667,674.00", "", ""],
    ["30299", "其他商品和服务支出", "50299", "其他商品和服务支出", "79,017.90", "", "79,017.90", ""],
]

# 西安 2025 表10 (专项业务经费): units, then groups of projects, each row the sum of the rows under it, no code to say so
_PROJECTS = [
    ["", "合计", "1,052,600.00"],
    ["122", "西安市行政审批服务局", "1,052,600.00"],
    ["", "委托咨询业务", "532,000.00"],
    ["", "法律顾问费", "50,000.00"],
    ["", "政务大厅公众服务保障经费", "193,000.00"],
    ["", "政务大厅网络系统安全及维护服务费", "289,000.00"],
    ["", "宣传片拍摄制作项目", "520,600.00"],
    ["", "宣传片拍摄和宣传展板制作费", "250,000.00"],
    ["", "政务大厅工服制作项目经费", "270,600.00"],
]


def _values(found: frozenset[tuple[str, Decimal]]) -> set[Decimal]:
    return {value for _where, value in found}


def test_a_table_whose_columns_and_codes_add_up_is_read() -> None:
    found = own_sums([_grid(_ECONOMIC)])
    assert {Decimal("974200.00"), Decimal("281200.00"), Decimal("2002091.90")} <= _values(found)
    assert ("x.pdf 第26页 第7行", Decimal("1255400.00")) in found


def test_a_figure_that_breaks_its_sums_is_not_read() -> None:
    wrong = [list(row) for row in _ECONOMIC]
    wrong[2][4] = "1,255,000.00"  # 办公费's 合计 no longer 人员 + 公用 + 专项, nor 302 the sum of its 款
    found = _values(own_sums([_grid(wrong)]))
    assert Decimal("1255000.00") not in found
    assert ("x.pdf 第26页 第6行", Decimal("2002091.90")) not in own_sums([_grid(wrong)])  # 302 no longer its 款' sum
    assert Decimal("974200.00") in found  # 302's 专项业务经费 still its 款' sum


def test_rows_under_rows_with_no_code_are_read_by_their_sums_in_order() -> None:
    found = _values(own_sums([_grid(_PROJECTS)]))
    assert {Decimal("1052600.00"), Decimal("532000.00"), Decimal("193000.00"), Decimal("270600.00")} <= found
    copies = [["", "甲", "120,000.00"], ["", "乙", "120,000.00"], ["", "丙", "30,000.00"]]
    assert not own_sums([_grid(copies)])  # one row the copy of the next proves nothing
