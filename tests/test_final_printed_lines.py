"""A 部门决算's function tables print each 类/款 line and their 合计 row rounded from 元 on its own: a line may stand a
尾数 from the sum of the lines under it (国家信访局 2024 支出决算表: 基本支出 合计 11,073.11, its lines 11,073.12; 201 and
20140: 7,366.16, their lines 7,366.17; 佛山 2019 收入决算表: 214 and 21401 1,531.04, their lines 1,531.05). The import
keeps each such line as printed (印出合计 of the render's table: 支出总表, 收入总表, 一般公共预算支出表) and the render
prints it so in that table alone — as a budget's (issue 80: bench/learned_tables --finals).

Two templates: the central one (国家信访局, ../shared/corpus/fresh1) and 广东's (佛山, ../shared/corpus)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program

SHARED = Path(__file__).resolve().parent.parent / ".." / "shared" / "corpus"
CENTRAL = SHARED / "fresh1" / "central-guojia-xinfangju-2024-dept-final.pdf"
FOSHAN = SHARED / "gd-foshan-guidaojiaotongju-2019-dept-final.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


@cache
def _imported(pdf: Path) -> tuple[dict, dict[str, Table]]:
    """The PDF's source tree (as imported) and its draft's tables by id (支出总表-决算 …)."""
    result = import_files([pdf], None)
    prepared = prepare(result.source.named(pdf.with_suffix(".yaml")), draft=True)
    document = document_for(prepared, draft=True)
    return result.source.tree, {b.id: b for b in document.blocks if isinstance(b, Table)}


def _line(table: Table, key: str) -> list[str]:
    return next([c.text for c in row.cells] for row in table.body if row.key == key)


def test_the_central_spending_tables_lines_are_printed_as_printed() -> None:
    tree, tables = _imported(CENTRAL)
    assert str(tree["印出合计"]["支出总表"]["合计"]["基本支出"].value) == "11073.11"
    spending = tables["支出总表-决算"]
    assert _line(spending, "合计")[1:4] == ["14,572.53", "11,073.11", "3,499.42"]
    assert _line(spending, "201")[2:5] == ["10,685.56", "7,366.16", "3,319.39"]
    assert _line(spending, "20140")[3] == "7,366.16"
    assert _line(spending, "2014001")[3] == "6,026.13"  # a 项 as its row states it
    assert _line(tables["一般公共预算支出表-决算"], "合计")[1:4] == ["13,733.80", "10,234.37", "3,499.42"]


def test_foshans_income_table_prints_its_lines_as_printed() -> None:
    tree, tables = _imported(FOSHAN)
    income = tables["收入总表-决算"]
    assert _line(income, "合计")[1:3] == ["1668.14", "1668.14"]
    assert _line(income, "214")[2:4] == ["1531.04", "1531.04"] and _line(income, "21401")[2] == "1531.04"
    assert _line(income, "2140101")[2:4] == ["609.30", "609.29"]  # a 项: 财政拨款 609.29 and 其他收入 0.01


@cache
def _learned(pdf: Path) -> dict[str, Table]:
    """The PDF's draft in the layout learned from it (import --learn-layout), its tables by id."""
    import tempfile

    from reportgen.importing.learning.learned_layout import learn, write_layout
    from reportgen.readers.published import read_published

    result = import_files([pdf], None)
    prepared = prepare(result.source.named(pdf.with_suffix(".yaml")), draft=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "学到的"
        write_layout(folder, learn(result, read_published(pdf).lines, "学到的"))
        document = document_for(prepared, draft=True, layout=folder)
    return {b.id: b for b in document.blocks if isinstance(b, Table)}


def _by_name(table: Table) -> dict[str, list[str]]:
    """A 总表's spending side by its lines' names: the amounts right of each."""
    found = {}
    for row in table.body:
        texts = [c.text for c in row.cells]
        for at, text in enumerate(texts):
            if text.endswith("支出") and "、" in text:
                found[text.split("、", 1)[1]] = texts[at + 1:]
    return found


def test_a_total_table_printing_its_zeros_prints_a_class_spent_nothing_under_as_zero() -> None:
    """佛山 2019 prints 0.00 in every cell of nothing (表格零值: 印出, learned), 一般公共服务支出 among them: its function
    lines add up to its 支出合计, so a 类 they leave out was spent nothing on. 国家信访局 leaves such a line blank."""
    summary, fiscal = (_learned(FOSHAN)[name] for name in ("收支总表-决算", "财政拨款收支总表-决算"))
    assert _by_name(summary)["一般公共服务支出"] == ["0.00"] and _by_name(summary)["交通运输支出"] == ["1531.04"]
    assert _by_name(fiscal)["外交支出"][:3] == ["0.00", "0.00", "0.00"]
    assert _by_name(_learned(CENTRAL)["收支总表-决算"])["外交支出"] == [""]


def test_the_basic_spending_table_prints_the_sides_its_document_prints() -> None:
    """国家信访局 2024's 基本支出决算表 prints three sides (301, 303 | 302 | 307, 310, 399): the render's two put 310
    资本性支出 27.24 beside 30203 咨询费 where the document prints it beside 307's 款 (issue 79). The learned layout's
    科目 lists each side's codes as printed; 佛山 2019's right side runs on to 307 … 399 (its 0.00 under each)."""
    central = _learned(CENTRAL)["一般公共预算基本支出表-决算"]
    row = next([c.text for c in r.cells] for r in central.body if r.cells[0].text == "30103")
    assert row == ["30103", "奖金", "143.61", "30203", "咨询费", "1.55", "310", "资本性支出", "27.24"]
    foot = [c.text for c in central.body[-1].cells]
    assert foot[:3] == ["人员经费合计", "7,967.72", "公用经费合计"] and central.body[-1].cells[2].colspan == 5
    foshan = _learned(FOSHAN)["一般公共预算基本支出表-决算"]
    right = [[c.text for c in r.cells][3:] for r in foshan.body]
    assert ["307", "债务利息及费用支出", "0.00"] in right and ["31005", "基础设施建设", "0.00"] in right
    assert not any(r.cells[0].text == "30311" for r in foshan.body)  # 佛山 prints no 代缴社会保险费


def test_a_layout_lists_the_sides_of_the_final_basic_table_alone(tmp_path) -> None:
    from reportgen.shaping import layouts
    from reportgen.shaping.layouts import LayoutError

    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "版式.yaml").write_text("名称: x\n基于: 默认\n表格:\n  支出总表:\n    科目: [[301]]\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="科目”只用于 一般公共预算基本支出表-决算"):
        layouts.resolve(str(folder))
    (folder / "版式.yaml").write_text("名称: x\n基于: 默认\n表格:\n  一般公共预算基本支出表-决算:\n    科目: [[301, 30101], [3021]]\n",
                                      encoding="utf-8")
    with pytest.raises(LayoutError, match="各栏（自左至右）按次序印出的经济分类科目"):
        layouts.resolve(str(folder))


def test_a_spending_table_printing_its_zeros_prints_each_lines_other_spending_as_zero() -> None:
    """佛山 2019's 支出决算表 prints 0.00 under 上缴上级支出, 经营支出 and 对附属单位补助支出 on every line (表格零值: 印出):
    its function lines, all the spending, state none of these — as its 合计 row's 0.00 says."""
    spending = _learned(FOSHAN)["支出总表-决算"]
    assert _line(spending, "2140101")[2:] == ["609.29", "609.29", "0.00", "0.00", "0.00", "0.00"]
    assert _line(_learned(CENTRAL)["支出总表-决算"], "2014001")[-3:] == ["", "", ""]


def test_a_fund_table_prints_the_lines_its_document_lists_though_the_fund_spent_nothing() -> None:
    """佛山 2019's 政府性基金预算财政拨款收入支出决算表 prints its template's lines (208, 20822 …, 229 …) with 0.00 in each of
    its six columns, the fund having received, carried and spent nothing: the learned layout's 科目 lists them (with
    the names printed where the catalogue of 2019 has none or another: 20822, 21208), and the render prints each 0.00 —
    the fund's 收入 and 结转和结余 stated 0, its 支出 all in the function rows."""
    fund = _learned(FOSHAN)["政府性基金预算支出表-决算"]
    rows = {row.key: [c.text for c in row.cells] for row in fund.body}
    assert rows["合计"][1:] == ["0.00"] * 6
    assert rows["20822"] == ["20822", "大中型水库移民后期扶持基金支出", *["0.00"] * 6]
    assert rows["21208"][1] == "国有土地使用权出让收入及对应专项债务收入安排的支出"
    assert list(rows)[1:4] == ["208", "20822", "2082299"] and len(rows) == 15  # 合计 and its 14 lines
    assert [row.key for row in _learned(CENTRAL)["政府性基金预算支出表-决算"].body] == ["合计"]  # prints no line


def test_a_layout_names_a_listed_code_as_its_table_prints_it() -> None:
    """国家信访局 2024's 基本支出决算表 prints 39909 经常性赠与 and 39910 资本性赠与, which the catalogue of 2024 does not
    name: the learned 科目 gives their names, and the render prints them."""
    central = _learned(CENTRAL)["一般公共预算基本支出表-决算"]
    right = [[c.text for c in r.cells][6:8] for r in central.body]
    assert ["39909", "经常性赠与"] in right and ["39910", "资本性赠与"] in right
