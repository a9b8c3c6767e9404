"""“一、本年支出” printed at the head of a 财政拨款收支总表's spending side (issue 80).

重庆市委宣传部 2026, 长沙市公安局 2025 and 无锡市信访局 2025 (江苏; 苏州 the same) print this year's spending on the first
line of the spending side, above the 类: “一、本年支出 41,958.18 | 37,891.58 | 4,066.60”. The import knew no such row
(its words are not 本年支出合计's), the learned layout kept the render's “本年支出合计”, and the figures printed under it
were not in the row the document prints them in. Now 本年支出 is one of 本年支出合计's words (导入.yaml 支出项目): the
learned layout names that row as the document does (表格.财政拨款收支总表.行名)."""

from __future__ import annotations

import pytest
import yaml

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import fresh_pdf, imported_with_layout

DOCUMENTS = {"重庆": ("cq-xuanchuanbu-2026-dept-budget.pdf", "41,958.18"),
             "长沙": ("hn-changsha-gonganju-2025-dept-budget.pdf", "68,632.12"),
             "无锡": ("js-wuxi-xinfangju-2025-dept-budget.pdf", "2,723.94")}


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


@pytest.mark.slow
@pytest.mark.parametrize("region", list(DOCUMENTS))
def test_the_row_is_named_as_printed(tmp_path, region) -> None:
    name, spent = DOCUMENTS[region]
    source, layout = imported_with_layout(tmp_path, fresh_pdf(name))
    settings = yaml.safe_load((layout / "版式.yaml").read_text(encoding="utf-8"))
    assert settings["表格"]["财政拨款收支总表"]["行名"]["本年支出合计"] == "本年支出"
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == "财政拨款收支总表")
    rows = [[cell.text for cell in row.cells] for row in table.body]
    assert any("本年支出" in cells and spent in cells for cells in rows)
