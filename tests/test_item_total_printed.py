"""A 项 whose printed 合计 stands a 尾数 from its 基本支出 and 项目支出 (issues 79 and 80).

重庆市委宣传部 2026 prints 2013304 宣传管理 121.56 | 2.54 | 119.03 in its 支出总表, 一般公共预算支出表 and 收入总表 (each figure
rounded from 元 on its own: 2.54 + 119.03 = 121.57); 广州市国资委 2026 prints 2150799 637.35 | 614.36 | 23.00. The import
wrote the split alone and the render printed 121.57 and 637.36 (source-format: a 项 row's 合计 beside its split is printed as
written within its 尾数). Now the import writes that 合计 as printed. Written from 重庆 and 广州."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import import_once

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _line(tmp_path: Path, name: str, kind: str, code: str) -> list[str]:
    pdf = SHARED / name
    if not pdf.exists():
        pytest.skip("../shared/corpus is not here")
    source, layout = import_once(tmp_path, pdf)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == kind)
    return next([cell.text for cell in row.cells] for row in table.body if row.key == code)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "kind", "code", "printed", "added"), [
    ("fresh1/cq-xuanchuanbu-2026-dept-budget.pdf", "支出总表", "2013304", "121.56", "121.57"),
    ("fresh1/cq-xuanchuanbu-2026-dept-budget.pdf", "一般公共预算支出表", "2013304", "121.56", "121.57"),
    ("gd-guangzhou-guoziwei-2026-dept-budget.pdf", "一般公共预算支出表", "2150799", "637.35", "637.36"),
])
def test_an_items_total_as_printed(tmp_path, name, kind, code, printed, added) -> None:
    cells = _line(tmp_path, name, kind, code)
    assert printed in cells and added not in cells
