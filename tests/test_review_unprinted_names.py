"""A 款 the text names under its 类 that the document's tables do not print (R-科目名称): 国家信访局 2026's 名词解释
explains “一般公共服务（类）政府办公厅（室）及相关机构事务（款）” while its 部门公开表5 prints 20140 信访事务 (fresh1 S6);
无锡市信访局 2025 labels its 款 as its tables print them, and nothing is told.

The fixtures are page extracts (pypdf) of published PDFs of ../shared/corpus/fresh1: 国家信访局 2026 pp. 10 (部门公开表5),
33–34 (名词解释); 无锡市信访局 2025 pp. 12 (a table printing 信访事务), 30, 31, 35, 36 (its 款 labelled under their 类)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.readers.published import read_published
from reportgen.review.text_rules import read_text
from reportgen.review.text_rules.unprinted_names import unprinted_items
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
CENTRAL = FIXTURES / "guojia-xinfangju-2026-p10-33-34.pdf"
WUXI = FIXTURES / "wuxi-xinfangju-2025-p12-30-31-35-36.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _told(path: Path, year: int, tables: bool = True) -> list[str]:
    lines = read_published(path).lines
    rows = frozenset(line.number for line in lines if line.page == 1) if tables else frozenset()
    return [f.message for f in unprinted_items(read_text(lines, year, str(path), rows))]


def test_a_glossarys_item_the_tables_do_not_print_is_told_once() -> None:
    """The 款 of 2010308's former home, wrapped over two lines, is told once; 行政事业单位离退休（款）, an alias of
    20805 (R-科目异名 tells it), and the 款 the table prints (信访事务, 进修及培训 …) are not."""
    assert _told(CENTRAL, 2026) == ["“政府办公厅（室）及相关机构事务（款）”在本文件的表格中没有印出：表中所列的款是否另有名称"
                                    "（别的年度或别的部门的款）？"]


def test_items_the_tables_print_or_a_narrative_without_its_tables_are_not_told() -> None:
    """无锡's labelled 款 (信访事务, 行政事业单位医疗 …) are printed in its tables: nothing told; nor is anything where no
    row of a table was read in the file (a narrative given apart from its tables)."""
    assert _told(WUXI, 2025) == []
    assert _told(CENTRAL, 2026, tables=False) == []
