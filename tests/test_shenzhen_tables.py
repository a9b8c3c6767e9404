"""深圳's 支出总表 and 一般公共预算支出表（按经济分类） as printed (issue 80).

深圳's 支出总表 prints, beside each function line's spending, its 政府采购: 2026年政府采购项目 小计 | 其中：…预留给中小企业
的项目资金规模 | 其中：…预留给小型、微型企业的项目资金规模, of all its funds. Before, the import held the three only on the
department's row (政府采购.中小企业, 小微企业), the learned layout listed six columns, and the render printed none of the
lines' 政府采购: 深圳市民政局 361 of 565 figures in place.

Now the import writes each finest line's three as printed (政府采购.功能分类: 合计, 中小企业, 小微企业, traced; the 类 and
款 are their sums, R-政府采购 holds the lines to the 合计 as for 烟台's lines by fund), the learned layout lists the
columns (列) and the render prints them. Written from 深圳市民政局 and 深圳市文化广电旅游体育局 (../shared/corpus); the
measure shows it unchanged on 深圳市信访局 (fresh1). No other region of ../shared prints 政府采购 columns in its 支出总表
(烟台 prints 政府采购 by function line in a table of its own: tests/test_class_pairs_procurement.py).

深圳's 一般公共预算支出表（按经济分类） prints 一般公共预算's whole spending by economic 类 and 款: 支出总计 | 基本支出 |
项目支出. The import read the 基本支出 column alone and the render printed 合计 | 人员经费 | 公用经费, the 款 spent on
projects alone (劳务费, 委托业务费) not at all. Now the import writes the 项目支出 column (支出.一般公共预算项目支出经济分类,
traced; R-项目支出经济分类 holds it to 一般公共预算项目支出) and the learned layout takes the 含项目支出 variant. 广州 prints
the same figures in a table of its own (表7 一般公共预算项目支出情况表（按经济分类科目）), which the import does not
recognise yet."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.learned_tables import _table_figures, published_rows, rendered_rows
from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import import_once

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MINZHENG = CORPUS / "gd-shenzhen-minzheng-2026-dept-budget.pdf"
WENGUANG = CORPUS / "gd-shenzhen-wenguanglvti-2026-dept-budget.pdf"
DAPENG = CORPUS / "gd-shenzhen-guiziju-dapeng-2026-dept-budget.pdf"
SPENDING, BASIC = "支出总表", "一般公共预算基本支出表"


def _imported(pdf: Path, folder: Path) -> tuple[Path, Path]:
    require_program("pdftotext")
    if not pdf.exists():
        pytest.skip("../shared/corpus is not here")
    source, layout = import_once(folder, pdf)
    return source, layout


@pytest.mark.slow
def test_the_lines_procurement_is_imported_as_printed(tmp_path: Path) -> None:
    source, layout = _imported(MINZHENG, tmp_path)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    lines = data["政府采购"]["功能分类"]
    assert {"科目": 2080202, "合计": 1145.68, "中小企业": 138.91, "小微企业": 0} in lines
    assert {"科目": 2296002, "合计": 1164.36, "中小企业": 446.29, "小微企业": 0} in lines
    assert all(len(str(line["科目"])) == 7 for line in lines)  # the 类 and 款 (208: 1,304.92) are their sums
    assert not [f for f in prepare(source, draft=True).findings if f.rule == "R-政府采购" and f.severity == "error"]
    columns = yaml.safe_load((layout / "版式.yaml").read_text(encoding="utf-8"))["表格"][SPENDING]["列"]
    assert columns[-3:] == ["政府采购项目", "预留给中小企业", "预留给小型、微型企业"]


def _missed(pdf: Path, source: Path, layout: Path, kind: str) -> dict[tuple[str, int, int], str]:
    """The figures the published table prints that the render does not print in place."""
    published = _table_figures(published_rows(import_files([pdf], None).imported.tables[kind]))
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == kind)
    rendered = _table_figures(rendered_rows(table))
    assert published
    return {key: figure for key, figure in published.items() if rendered.get(key) != figure}


@pytest.mark.slow
@pytest.mark.parametrize("pdf", [MINZHENG, WENGUANG], ids=["民政局", "文化广电旅游体育局"])
def test_the_spending_table_prints_every_figure_in_place(pdf: Path, tmp_path: Path) -> None:
    source, layout = _imported(pdf, tmp_path)
    assert _missed(pdf, source, layout, SPENDING) == {}


@pytest.mark.slow
def test_the_general_budget_by_economic_class_prints_its_projects(tmp_path: Path) -> None:
    """Every figure of 大鹏管理局's 表8 in place but 302's 支出总计, printed 1,932.41 (rounded from 元 on its own) where
    its 基本支出 287.99 and 项目支出 1,644.41 add to 1,932.40: the source holds no 支出总计 of a class."""
    source, layout = _imported(DAPENG, tmp_path)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    lines = data["支出"]["一般公共预算项目支出经济分类"]
    assert {"科目": 30226, "金额": 709.92} in lines and {"科目": 30101, "金额": 0} in lines
    assert not [f for f in prepare(source, draft=True).findings if f.rule == "R-项目支出经济分类"]
    assert yaml.safe_load((layout / "版式.yaml").read_text(encoding="utf-8"))["表格"][BASIC]["基于"] == f"{BASIC}-含项目支出"
    assert _missed(DAPENG, source, layout, BASIC) == {("商品和服务支出", 0, 0): "1,932.41"}


@pytest.mark.slow
def test_the_income_table_prints_the_departments_row_once_and_no_year_subtotal(tmp_path: Path) -> None:
    """深圳's 收入总表 prints 预算单位 | 收入总计 | 一般公共预算拨款 | … | 上年结余、结转: the department's row first, under
    its name, as its total (its units' rows under it: 人力资源和社会保障局), no 本年收入 小计. The learned layout listed
    no columns (收入总计 and 预算单位 were no columns of the render's), and the render printed 合计 (renamed as the
    department) and the department's row again, with 本年收入合计 between 收入总计 and 一般公共预算拨款: 12 figures the
    document does not print (“多出”) and the row's figures a column right. Now it lists them (列, as 福州's) and says
    部门行: 即合计: the 合计 row is the department's, not printed again."""
    source, layout = _imported(MINZHENG, tmp_path)
    spec = yaml.safe_load((layout / "版式.yaml").read_text(encoding="utf-8"))["表格"]["收入总表"]
    assert spec["部门行"] == "即合计" and spec["列"][:2] == ["合计", "一般公共预算拨款"]
    assert _missed(MINZHENG, source, layout, "收入总表") == {}
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == "收入总表")
    assert [row.cells[0].text for row in table.body] == ["深圳市民政局（本级）"]
