"""A 财政拨款收支总表 that prints its year's totals first, over the lines they sum (issue 80): 无锡市信访局 2025 p. 公开04表
“一、本年收入 2,723.94 | 一、本年支出 2,723.94”, then its funds and classes, and no 合计 line under them; the render
printed 本年收入合计 | 本年支出合计 under the lines. The learned layout now says so (表格.财政拨款收支总表.本年合计: 首行,
with the words it prints as 行名: 本年收入合计 → 本年收入), when the income side's first row is the year's income over
its funds (importing/budget/build.whole_over_sources) and the spending side's its classes added (within their
rounding: 长春 2026's add up to 0.01 less).

Written from 无锡 and 苏州 (江苏); shown, unchanged, on 长沙市公安局 2025, 长春市信访局 2026 and 国家信访局 2026. 西安 prints
its 本年收入合计 under the lines as well (一、财政拨款 over them): not this shape."""

from __future__ import annotations

import pytest

from bench.learned_tables import _table_figures, published_rows, rendered_rows
from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.clients import require_program
from tests.learned_import import fresh_pdf, imported_with_layout

KIND = "财政拨款收支总表"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _rendered(tmp_path, name: str) -> tuple[str, Table, dict, dict]:
    pdf = fresh_pdf(name)
    source, layout = imported_with_layout(tmp_path, pdf)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    shown = next(b for b in document.blocks if isinstance(b, Table) and b.id == KIND)
    printed = _table_figures(published_rows(import_files([pdf], None).imported.tables[KIND]))
    return (layout / "版式.yaml").read_text(encoding="utf-8"), shown, printed, _table_figures(rendered_rows(shown))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["js-wuxi-xinfangju-2025-dept-budget.pdf", "js-suzhou-yingji-2026-dept-budget.pdf"])
def test_the_years_totals_are_printed_first_as_published(tmp_path, name) -> None:
    text, shown, printed, rendered = _rendered(tmp_path, name)
    assert "本年合计: 首行" in text
    assert [c.text for c in shown.body[0].cells][0::2][:2] == ["本年收入", "本年支出"]
    assert {key for key, figure in printed.items() if rendered.get(key) != figure} == set()


@pytest.mark.slow
@pytest.mark.parametrize(("name", "figures"), [("hn-changsha-gonganju-2025-dept-budget.pdf", 3),
                                               ("jl-changchun-xinfangju-2026-dept-budget.pdf", 1),
                                               ("central-guojia-xinfangju-2026-dept-budget.pdf", 1)])
def test_the_years_totals_first_elsewhere(tmp_path, name, figures) -> None:
    """长沙 prints its 本年支出 by fund too; 长春 prints 本年预算 | 编制预算 | 上年结转 on each side (the render its 本年收入
    alone in place); 国家信访局's 本年支出 (18,728.94) is more than the source it imports holds."""
    text, shown, printed, rendered = _rendered(tmp_path, name)
    assert "本年合计: 首行" in text
    assert shown.body[0].cells[0].text == "本年收入"
    first = {key: figure for key, figure in printed.items() if key[0] in ("本年收入", "本年支出")}
    assert sum(1 for key, figure in first.items() if rendered.get(key) == figure) == figures


@pytest.mark.slow
def test_totals_printed_under_the_lines_too_are_not_first(tmp_path) -> None:
    text, *_ = _rendered(tmp_path, "sn-xian-xingzhengshenpi-2025-dept-budget.pdf")
    assert "本年合计" not in text


def test_a_layout_asks_for_it_only_of_the_fiscal_table(tmp_path) -> None:
    (tmp_path / "版式.yaml").write_text("名称: 测试\n基于: 默认\n表格:\n  收支总表:\n    本年合计: 首行\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="本年合计"):
        resolve(tmp_path)
    (tmp_path / "版式.yaml").write_text(f"名称: 测试\n基于: 默认\n表格:\n  {KIND}:\n    本年合计: 末行\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="首行"):
        resolve(tmp_path)
