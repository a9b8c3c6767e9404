"""The same project in two lists of one document, reviewed: 珠海市商务局 2026 prints its projects in 表12 (项目支出及
其他支出预算表, pp. 22–29 of the PDF) and its 22 重点项目 again in the 情况说明's table (pp. 32–34), each with its 绩效目标;
two of them at other money (辅助人员补助经费-拱北海关 7672.25 against 7,672.50; 拱北口岸和青茂口岸设施设备维保费 175
against 234.48) — both annotated slips of fresh1 (S1, S2), the other 20 equal. 广州市规划和自然资源局 2026 prints the same
two lists, its 重点项目 table with a 合计 and a unit's row whose money is of the key projects alone: no project's.

The fixtures are page extracts (pypdf) of published PDFs: ../shared/corpus/fresh1/gd-zhuhai-shangwuju-2026-dept-budget.pdf
pp. 22–29 and 32–34, ../shared/corpus/gd-guangzhou-guiziju-2026-dept-budget.pdf pp. 24 and 73 (ORIGIN.md there)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.readers.published import read_published
from reportgen.review.project_lists import lists_disagree, project_lists
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
ZHUHAI = FIXTURES / "zhuhai-shangwuju-2026-p22to29-32to34.pdf"
GUIZIJU = FIXTURES / "guangzhou-guiziju-2026-p24-73.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def test_a_project_the_two_lists_give_other_money_is_told_at_the_key_projects_row() -> None:
    """Two findings, each at the 重点项目 table's row, naming 表12's money and where it is printed; none of the 20
    projects whose money the two lists agree on."""
    lines = read_published(ZHUHAI).lines
    found = lists_disagree(lines, ZHUHAI)
    assert [f.message for f in found] == [
        "项目“辅助人员补助经费-拱北海关”在此列为 7,672.25万元，而第3页 第16行的项目表列为 7,672.50万元：两处金额不符",
        "项目“拱北口岸和青茂口岸设施设备维保费”在此列为 175万元，而第4页 第7行的项目表列为 234.48万元：两处金额不符"]
    assert {f.rule for f in found} == {"R-绩效目标金额"}
    at = {line.number: line for line in lines}
    assert [(at[f.line].page, "7672.25" in at[f.line].text or "175" in at[f.line].text) for f in found] \
        == [(10, True), (11, True)]


def test_a_name_wrapped_around_its_amounts_is_read_whole() -> None:
    """Names wrap over two or three lines set around their row's amounts, with the target text interleaved: each is
    read whole, and a page's header lines below the one that opens the list are no name."""
    lists = project_lists(read_published(ZHUHAI).lines)
    assert [len(rows) for rows in lists] == [80, 22]
    names = {row.name: row.first for rows in lists for row in rows}
    assert names["港珠澳大桥珠海公路口岸运营管理费"] == Decimal("6500.00")
    assert names["口岸日常水电耗材、清洁、现场设备购置、绩效评价审计等运营和管理费用"] == Decimal("20.20")
    assert names["拱北口岸旧联检楼边检快捷通道和相关配套设施设备安装应急工程尾款"] == Decimal("465")
    assert names["港珠澳大桥旅游珠海边检总站保障补贴经费"] == Decimal("585")  # an amount alone on its line
    assert not any(name.startswith("位）") or name.endswith("注：无。") for name in names)


def test_a_total_or_a_units_row_of_the_key_projects_is_no_project() -> None:
    """广州's 重点项目 table opens with 合计 946,398.08 and the unit's 15,757.16 (表12: 959,352.54 and 21,182.33):
    rows without a target text, not compared; 其他运行经费 677.24, within its paragraph, is."""
    short = project_lists(read_published(GUIZIJU).lines)[1]
    assert [(row.name, row.targeted) for row in short[:3]] \
        == [("合计", False), ("广州市规划和自然资源局", False), ("其他运行经费", True)]
    assert lists_disagree(read_published(GUIZIJU).lines, GUIZIJU) == []
