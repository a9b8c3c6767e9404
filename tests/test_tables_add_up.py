"""Tables lay out figures that compute made: every column of every table adds up to its 合计 row
(exactly, or within the rounding the 尾数误差 note declares), the narrative's parts add up to its
totals, and 人员经费/公用经费 are classified in one place (the 309 bug: 表6 classed every class
but 301/303 as 公用经费 while compute took 302 + 310)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from reportgen.compute import compute, economic_kind
from reportgen.compute.phrasing import Money
from reportgen.runners.render import prepare, render_source
from reportgen.tables import TableBuilder, TableRows, all_tables
from tests.readback import html_text
from tests.test_properties import budgets, write

ROOT = Path(__file__).resolve().parent.parent
LUOYANG = ROOT / "data" / "luoyang-zgh-2020.yaml"


def grid(row) -> dict[int, str]:
    """A row's cell texts by grid column (colspans expanded)."""
    cells, column = {}, 0
    for cell in row.cells:
        cells[column] = cell.text
        column += cell.colspan
    return cells


def number(text: str) -> Decimal | None:
    text = text.replace(",", "")
    return Decimal(text) if re.fullmatch(r"-?\d+(\.\d+)?", text) else None


def assert_columns_add_up(name: str, rows: TableRows, parts: list, total_key: str = "合计") -> None:
    total = next((grid(r) for r in rows.body if r.key == total_key), None)
    if total is None or not parts:
        return
    shown = [grid(r) for r in parts]
    for column, text in total.items():
        expected = number(text)
        values = [number(p.get(column, "")) for p in shown]
        if expected is None or any(v is None for v in values):
            continue
        gap = abs(sum(values) - expected)  # type: ignore[arg-type]
        step = Decimal(1).scaleb(-len(text.rsplit(".", 1)[-1])) if "." in text else Decimal(1)
        assert gap == 0 or (rows.rounding_gap and gap <= step * len(values)), (name, column, expected, values)


def top_rows(rows: TableRows) -> list:
    """The rows directly under 合计: function or economic 类 (a three-digit code)."""
    return [r for r in rows.body if re.fullmatch(r"\d{3}", r.key)]


def check_tables(budget, figures) -> None:
    tables = all_tables(TableBuilder(figures, Money(budget.presentation)))
    for name in ("支出总表", "一般公共预算支出表", "政府性基金预算支出表", "国有资本经营预算支出表", "一般公共预算基本支出表"):
        if not figures.unit_figures or name != "支出总表":
            assert_columns_add_up(name, tables[name], top_rows(tables[name]))
    assert_columns_add_up("项目支出表", tables["项目支出表"],
                          [r for r in tables["项目支出表"].body if r.key not in ("合计",) and not r.key.startswith("单位:")])


def test_a_309_row_is_refused_in_basic_expenditure_and_never_counted_as_public(tmp_path):
    text = LUOYANG.read_text(encoding="utf-8").replace("      - {科目: 30299, 金额: 23.6}\n",
                                                       "      - {科目: 30299, 金额: 13.6}\n      - {科目: 30905, 金额: 10}\n")
    source = tmp_path / "luoyang-309.yaml"
    source.write_text(text, encoding="utf-8")
    prepared = prepare(source)
    refused = [f for f in prepared.findings if f.rule == "R-人员公用经费"]
    assert refused and refused[0].severity == "error" and "309" in refused[0].message and refused[0].line > 0
    assert economic_kind("30905") is None and economic_kind("31002") == "公用经费" and economic_kind("30302") == "人员经费"

    # as a draft it renders; 表6 then shows the 309 row in neither column, and its 公用经费 column
    # adds up to the 合计 row's 13.60 (before, its rows said 23.60 under a 合计 of 13.60)
    assert prepared.budget is not None and prepared.figures is not None
    table = all_tables(TableBuilder(prepared.figures, Money(prepared.budget.presentation)))["一般公共预算基本支出表"]
    row_309 = grid(next(r for r in table.body if r.key == "309"))
    assert row_309[4] == "10.00" and row_309[5] == "" and row_309[6] == ""
    total = grid(next(r for r in table.body if r.key == "合计"))
    public = sum(number(grid(r)[6]) or 0 for r in table.body if r.key in ("301", "302", "303", "309", "310"))
    assert total[6] == "13.60" and public == Decimal("13.60")
    assert render_source(source, tmp_path / "out").outputs == []  # not published with the error


def test_every_shipped_source_adds_up():
    for source in sorted((ROOT / "data").glob("*.yaml")):
        prepared = prepare(source)
        assert prepared.budget is not None, source
        check_tables(prepared.budget, prepared.figures)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(source=budgets())
def test_every_column_adds_up_to_its_total_and_the_narrative_to_its_totals(tmp_path_factory, source):
    tmp = tmp_path_factory.mktemp("sum")
    path = write(tmp, source)
    prepared = prepare(path)
    assert prepared.budget is not None and not prepared.errors, [f.format() for f in prepared.findings]
    check_tables(prepared.budget, compute(prepared.budget))

    render_source(path, tmp / "out", formats=("html",))
    text = html_text(tmp / "out" / "generated.html")
    unit = source["展示"]["金额单位"]
    amount = rf"([\d,]+\.\d\d){unit}"
    spent = re.search(rf"支出预算{amount}，其中：基本支出{amount}.*?；项目支出{amount}", text)
    if spent:
        whole, basic, project = (Decimal(g.replace(",", "")) for g in spent.groups())
        assert abs(basic + project - whole) <= Decimal("0.01")
    income = re.search(rf"本年收入{amount}(?:，其中：(.*?))?。", text)
    if income and income.group(2):
        parts = [Decimal(a.replace(",", "")) for a in re.findall(rf"{amount}", income.group(2))]
        assert abs(sum(parts) - Decimal(income.group(1).replace(",", ""))) <= Decimal("0.01") * len(parts)
