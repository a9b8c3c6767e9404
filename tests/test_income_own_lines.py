"""The department's own income by source on each line of a 收入总表 by function lines (issues 80 and 79).

重庆市委宣传部 2026 prints its 收支总表's income rows each by its money (一般公共预算资金 … 五、事业收入资金 … 九、其他收入资金):
the import read 事业收入资金 as no source and wrote `收入: 其余未公开`, 2,898.00 and 513.00 unread. And its 收入总表 prints, on
every function line, 事业收入 and 其他收入 beside the funds (2070205 博物馆: 2,802.96 | 513.00): the source's function rows
give a line's 单位资金 (支出总表 less the funds' tables), never its split by source, and the render left both columns blank.

Now the import reads a source named with 资金 after its 收入 as that source, and writes what a line prints of the department's
own income, where it prints two sources or more, in 印出合计.收入总表 (项 lines too); the render prints a line's split
where its figures add up to the line's 单位资金 within their 尾数. Written from 重庆; 烟台市民政局 2026 (山东: 事业收入 | 其他收入)
and 上海科技大学附属学校 2026 (上海: 事业收入 | 其他收入 by line) shown unchanged."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from bench.learned_tables import _table_figures, published_rows, rendered_rows
from reportgen import cli
from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition.catalog import load
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import fresh_pdf, import_once, imported_with_layout

DOCUMENTS = {"重庆": "cq-xuanchuanbu-2026-dept-budget.pdf", "烟台": "sd-yantai-minzhengju-2026-dept-budget.pdf",
             "上海": "sh-city-kedafuxiao-2026-unit-budget.pdf"}


def test_a_source_named_by_its_money_is_that_source() -> None:
    catalog = load(None)
    assert catalog.income_key("事业收入资金") == "事业收入"
    assert catalog.income_key("其他收入资金") == "其他收入"
    assert catalog.income_key("一般公共预算资金") == "一般公共预算拨款"
    assert catalog.income_key("单位资金") == "单位资金"  # no 收入 before its 资金: a group of its own
    assert catalog.income_key("其他资金") == "其他资金"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


@pytest.mark.slow
def test_the_own_income_is_read() -> None:
    pdf = fresh_pdf(DOCUMENTS["重庆"])
    budget = prepare(import_files([pdf], None).source.named(pdf.with_suffix(".yaml")), draft=True).budget
    assert budget is not None
    assert (budget.income["事业收入"], budget.income["其他收入"]) == (Decimal("28980000"), Decimal("5130000"))  # 元
    assert not budget.income_unknown
    lines = budget.printed_lines["收入总表"]
    assert lines["2070205"] == {"事业收入": Decimal("28029600"), "其他收入": Decimal("5130000")}
    assert lines["2013350"] == {"事业收入": Decimal("167500")}


def _in_place(tmp_path: Path, region: str) -> tuple[int, set]:
    pdf = fresh_pdf(DOCUMENTS[region])
    source, layout = imported_with_layout(tmp_path, pdf)
    published = import_files([pdf], None).imported.tables["收入总表"]
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    shown = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收入总表"))
    printed = _table_figures(published_rows(published))
    rendered = _table_figures(rendered_rows(shown))
    return len(printed), {key for key, figure in printed.items() if rendered.get(key) != figure}


@pytest.mark.slow
@pytest.mark.parametrize(("region", "count", "left"), [("重庆", 112, 0), ("烟台", 129, 0), ("上海", 52, 0)])
def test_each_lines_own_income_is_printed_in_place(tmp_path, region, count, left) -> None:
    """Every figure of the table in place (before: 重庆 20 not, the 事业收入 and 其他收入 of each line and of 合计, and 15
    more, the names its PDF wraps around their figures and 宣传管理's 合计 — tests/test_names_around_figures.py,
    tests/test_item_total_printed.py; 烟台 18 and 6 such; 上海科技大学附属学校 16)."""
    printed, missed = _in_place(tmp_path, region)
    assert (printed, len(missed)) == (count, left)


@pytest.mark.slow
def test_a_split_the_lines_do_not_add_up_to_is_not_written(tmp_path, capsys) -> None:
    """烟台市教育局 2026 prints 事业收入, 上级补助收入 and 其他收入 on its lines, but writes their spending with 财政专户's
    (财政专户和单位资金): no line's own income is known, and a split written would be told as a slip on every line
    (R-印出合计: 12 before, in the review of the national set, none of them true)."""
    pdf = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "sd-yantai-jiaoyuju-2026-dept-budget.pdf"
    if not pdf.exists():
        pytest.skip("../shared/corpus is not here")
    source, _ = import_once(tmp_path, pdf, learn=False)
    lines = yaml.safe_load(source.read_text(encoding="utf-8")).get("印出合计", {}).get("收入总表", {})
    assert not any(isinstance(figures, dict) and set(figures) & {"事业收入", "其他收入"} for figures in lines.values())
    capsys.readouterr()
    cli.main(["check", str(source)])
    assert "R-印出合计" not in capsys.readouterr().out
