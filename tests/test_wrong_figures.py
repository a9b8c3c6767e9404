"""Never a wrong figure from what a source left out. Four classes met in real published budgets,
each of which printed a figure its source never gave:

1. an economic 类 row's own 人员经费/公用经费 split (published as “302 商品和服务支出 …，其中人员经费
   97382.16元，公用经费347990.08元”) was accepted and then dropped: 人员/公用 were computed as if
   it were not there;
2. with no function rows, all 基本支出 was printed as the 一般公共预算 基本支出 and the 一般公共预算
   项目支出 invented as the remainder — false for a department with 事业收入 or other funds;
3. a 政府性基金 expenditure stated as a total with no function rows printed 合计 0.00 in its table
   beside a text stating the amount;
4. an expenditure total whose 基本/项目 split is unknown printed “支出预算0.00万元，比上年减少…，
   下降100.00%” and 0.00 in the tables of a draft.

Each source here is the Shenzhen Yantian 2022 disclosure (data/) changed in the one way the class
needs; every test fails on the code before the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.compute import compute
from reportgen.runners.assemble import load_source
from reportgen.shaping.layouts import shipped
from tests.readback import docx_paragraphs, docx_tables

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = (ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
FUNCTIONS_START, FUNCTIONS_END = "支出:\n  功能分类:", "  基本支出:\n    人员经费说明"


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def without_function_rows(text: str, spending: str) -> str:
    start, end = text.index(FUNCTIONS_START), text.index(FUNCTIONS_END)
    return text[:start] + "支出:\n" + spending + text[end:]


def rendered(capsys, source: Path, out: Path, *extra: str) -> tuple[list[str], list[tuple[str, list[list[str]]]]]:
    code = main(["render", str(source), "-o", str(out), *extra])
    output = capsys.readouterr()
    assert code == 0, output.err
    docx = out / f"{source.stem}.docx"
    tables = docx_tables(docx)
    return docx_paragraphs(docx), list(zip(tables.titles, tables, strict=True))


def table(tables: list[tuple[str, list[list[str]]]], fragment: str) -> list[list[str]]:
    hits = [rows for title, rows in tables if fragment in title]
    assert len(hits) == 1, [t for t, _ in tables]
    return hits[0]


# -- 1. an economic class row's own split ------------------------------------------------------------


def class_rows_source(tmp_path: Path) -> Path:
    """The economic rows published by class only, 302 with its own split (the 款 rows of 301 add to
    344.94, of 302 to 20.83, 303 is 80.19)."""
    start = YANTIAN.index("    经济分类:\n") + len("    经济分类:\n")
    end = YANTIAN.index("  项目:\n")
    rows = ("      - {科目: 301, 金额: 344.94}\n"
            "      - {科目: 302, 金额: 20.83, 人员经费: 2.00, 公用经费: 18.83}\n"
            "      - {科目: 303, 金额: 80.19}\n")
    return write(tmp_path, YANTIAN[:start] + rows + YANTIAN[end:])


def test_an_economic_class_rows_own_split_is_read_and_used(tmp_path, capsys):
    source = class_rows_source(tmp_path)
    budget = load_source(source)
    row = next(r for r in budget.economic_rows if r.code == "302")
    assert (row.stated_personnel, row.stated_public) == (20000, 188300)  # 元
    figures = compute(budget)
    assert (figures.personnel, figures.public) == (4271300, 188300)  # 344.94 + 2.00 + 80.19; 18.83 万元
    paragraphs, tables = rendered(capsys, source, tmp_path / "out")
    assert any("人员经费427.13万元" in p and "公用经费18.83万元" in p for p in paragraphs), paragraphs
    basic = table(tables, "一般公共预算基本支出表")
    assert ["合计", "445.96", "427.13", "18.83"] in basic
    assert ["302", "商品和服务支出", "", "", "20.83", "2.00", "18.83"] in basic


# -- 2. no function rows: no split by fund is derived -----------------------------------------------


def other_funds_source(tmp_path: Path, economic: bool = True) -> Path:
    text = without_function_rows(YANTIAN, "  项目支出: 827.56\n")
    text = text.replace("收入:\n  一般公共预算拨款: 1273.52", "收入:\n  一般公共预算拨款: 1000\n  事业收入: 273.52")
    if not economic:
        start, end = text.index("    经济分类:\n"), text.index("  项目:\n")
        text = text[:start] + "    合计: 445.96\n" + text[end:]
    return write(tmp_path, text)


def test_without_function_rows_no_general_budget_project_spending_is_invented(tmp_path, capsys):
    source = other_funds_source(tmp_path)
    figures = compute(load_source(source))
    assert figures.general_basic == 4459600  # the economic rows: the 一般公共预算基本支出 table's own
    assert figures.general_project is None  # not 1000 − 445.96: the 事业收入 may pay for projects too
    paragraphs, tables = rendered(capsys, source, tmp_path / "out", "--draft")
    general = table(tables, "一般公共预算支出表")
    assert general[1] == ["合计", "1,000.00", "445.96", ""], general
    assert not any("554.04" in p for p in paragraphs)


def test_without_function_rows_or_economic_rows_all_basic_spending_is_not_the_general_budgets(tmp_path, capsys):
    source = other_funds_source(tmp_path, economic=False)
    figures = compute(load_source(source))
    assert figures.basic == 4459600 and figures.general_basic is None and figures.general_project is None
    code = main(["check", str(source)])
    output = capsys.readouterr().out
    assert code == 1 and "一般公共预算基本支出" in output  # asked for, not derived


def test_a_department_of_general_budget_money_alone_keeps_its_split(tmp_path):
    text = without_function_rows(YANTIAN, "  项目支出: 827.56\n")
    figures = compute(load_source(write(tmp_path, text)))
    assert (figures.general_basic, figures.general_project) == (4459600, 8275600)


def test_a_general_budget_basic_spending_above_its_total_is_an_error(tmp_path, capsys):
    text = without_function_rows(YANTIAN, "  项目支出: 827.56\n")
    text = text.replace("收入:\n  一般公共预算拨款: 1273.52", "收入:\n  一般公共预算拨款: 400\n  事业收入: 873.52")
    source = write(tmp_path, text)
    assert main(["check", str(source)]) == 1
    output = capsys.readouterr().out
    assert "R-基本支出不大于总额" in output and "445.96万元 大于一般公共预算支出 400.00万元" in output


# -- 3. a fund's total without function rows ----------------------------------------------------------


@pytest.mark.parametrize("layout", [[], ["--layout", "上海"]])
def test_a_government_fund_stated_as_a_total_is_its_tables_total(tmp_path, capsys, layout):
    text = without_function_rows(YANTIAN, "  项目支出: 831.421\n")
    text = text.replace("收入:\n  一般公共预算拨款: 1273.52", "收入:\n  一般公共预算拨款: 1273.52\n  政府性基金预算拨款: 3.861")
    source = write(tmp_path, text)
    paragraphs, tables = rendered(capsys, source, tmp_path / "out", "--draft", *layout)
    fund = table(tables, "政府性基金预算支出")
    total = next(row for row in fund if row[0] == "合计")
    assert ("3.86" in total or "38,610" in total) and "0.00" not in total, fund  # 上海's tables: whole 元
    assert any("政府性基金" in p and "3.86万元" in p for p in paragraphs)


# -- 4. an expenditure whose split is unknown ---------------------------------------------------------


SHIPPED_LAYOUTS = tuple(name for name, _ in shipped())  # every shipped layout, the default first


@pytest.mark.parametrize("layout", [[] if name == "默认" else ["--layout", name] for name in SHIPPED_LAYOUTS])
def test_an_unknown_expenditure_split_is_never_printed_as_zero(tmp_path, capsys, layout):
    start, end = YANTIAN.index(FUNCTIONS_START), YANTIAN.index("三公经费:")
    source = write(tmp_path, YANTIAN[:start] + "支出:\n  基本支出:\n    人员经费说明: 在职人员\n" + YANTIAN[end:])
    assert compute(load_source(source)).expenditure_total is None
    paragraphs, tables = rendered(capsys, source, tmp_path / "out", "--draft", *layout)
    text = "\n".join(paragraphs)
    assert not re.search(r"(^|[，；。年])(支出预算|预算支出安排)0\.00", text, re.M) and "下降100.00%" not in text, text
    for title, rows in tables:
        if "收支" in title and "拨款" not in title:  # the department's own: all its spending
            for row in rows:
                for label in ("本年支出合计", "支出总计", "支出合计"):
                    if label in row:
                        assert row[row.index(label) + 1] == "", (title, row)
        if "支出总表" in title or "支出预算总表" in title:
            total = next(r for r in rows if "合计" in r)
            assert "0.00" not in total, (title, total)
