"""A 绩效目标表 read cell by cell, project by project: the same item given two amounts in two cells of one project
(长春市信访局 2026 预算表11, fresh1 S7: 年度绩效目标 “缴纳电费 27 万元”, 指标解释 “缴纳电费 20 万元”), and a target
text copied from another project's, naming its party (珠海市商务局 2026 表12, fresh1 S3: 2026年春节慰问金-珠海边检总站's
“体现对拱北海关一线工作人员的关怀与激励”). A cell that lists two things under the same words (福州市民政局 2026:
“需预算安排479.25万元 … 需预算安排91.92万元”; 长沙市公安局 2025: 燃油小车 and 越野车 “购置标准”) is not told.

The fixtures are page extracts (pypdf) of published PDFs of ../shared/corpus/fresh1 (its README): 长春 p. 16, 珠海
pp. 22–29 and 32–34, 福州 pp. 39–40, 长沙 p. 48."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.readers.published import read_published
from reportgen.readers.text.lines import Line
from reportgen.review.target_cells import items_disagree, project_cells
from reportgen.review.target_parties import parties_copied
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
CHANGCHUN = FIXTURES / "changchun-xinfangju-2026-p16.pdf"
ZHUHAI = FIXTURES / "zhuhai-shangwuju-2026-p22to29-32to34.pdf"
FUZHOU = FIXTURES / "fuzhou-minzhengju-2026-p39-40.pdf"
CHANGSHA = FIXTURES / "changsha-gonganju-2025-p48.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def test_two_text_columns_side_by_side_are_read_each_down_its_column() -> None:
    """长春's list prints 年度绩效目标 and 指标解释 side by side, the indicators' cells between them: each project's
    target text is read whole, by its column."""
    projects = project_cells(read_published(CHANGCHUN).lines)
    assert [p.name for p in projects] == ["2026年信访专项经费", "2026年信访接待中心运行费", "2026年驻京经费",
                                          "信访局临聘人员经费"]
    texts = [c.text for c in projects[1].columns]
    assert "1、分两次支付2026年物业管理费。2、缴纳电费27万元。3、中央空调进行维护保养。4、电梯进行维护保养。" \
           "5、购买大楼维修维护所需物品5万元。6、确保信访接待中心大楼正常运转。" in texts


def test_an_item_at_two_amounts_in_two_cells_of_one_project_is_told() -> None:
    lines = read_published(CHANGCHUN).lines
    found = items_disagree(lines, CHANGCHUN)
    assert [f.message for f in found] == ["项目“2026年信访接待中心运行费”的绩效目标表中，“缴纳电费”一处写作 20万元（第1页 第38行），"
                                          "一处写作 27万元（第1页 第43行）：同一事项两处金额不一致"]
    line = next(x for x in lines if x.number == found[0].line)
    assert "缴纳电费 20 万" in line.text


@pytest.mark.parametrize("pdf", [FUZHOU, CHANGSHA], ids=["福州-需预算安排", "长沙-购置标准"])
def test_a_cell_listing_two_things_under_the_same_words_is_not_told(pdf: Path) -> None:
    lines = read_published(pdf).lines
    assert project_cells(lines)  # the project is read
    assert items_disagree(lines, pdf) == []


def test_an_indicator_bound_is_no_amount_of_an_item() -> None:
    """“<=17 万元” is a bound: no words stand right before it."""
    lines = [Line(1, "项目名称  运维费", page=1), Line(2, "年度预算资金总额： 17.00  项目资金（万元）", page=1),
             Line(3, "年度目标  运维成本 16 万元。", page=1), Line(4, "一级指标  运维成本 <=17 万元", page=1)]
    assert items_disagree(lines, Path("x.pdf")) == []


def test_a_text_copied_from_the_project_of_another_party_is_told_once() -> None:
    found = parties_copied(read_published(ZHUHAI).lines, ZHUHAI)
    assert [f.message for f in found] == ["项目“2026年春节慰问金-珠海边检总站”的绩效目标写的是“体现对拱北海关一线工作人员的关怀与激励”："
                                          "“拱北海关”是另一项目名称中的单位，本项目名称中的单位没有写到——是否照抄了另一项目的绩效目标？"]


def test_a_text_naming_its_own_party_or_none_is_not_told() -> None:
    """The 拱北海关 project's own text names 拱北海关; two 辅助人员补助经费 texts name neither party; names that differ
    in words not set apart as a part (市本级特困人员照料护理费, 精神病人照料护理费) have no party to compare."""
    lines = [Line(1, "项目名称  2026年春节慰问金-拱北海关", page=1), Line(2, "年度预算资金总额： 1060.00 （万元）", page=1),
             Line(3, "体现对拱北海关一线工作人员的关怀与激励。", page=1),
             Line(4, "项目名称  2026年春节慰问金-珠海边检总站", page=1), Line(5, "年度预算资金总额： 500.00 （万元）", page=1),
             Line(6, "体现对珠海边检总站一线工作人员的关怀与激励。", page=1),
             Line(7, "项目名称  精神病人照料护理费", page=1), Line(8, "年度预算资金总额： 9.00 （万元）", page=1),
             Line(9, "充分保障精神病人的生活照料护理质量。", page=1),
             Line(10, "项目名称  市本级特困人员照料护理费", page=1), Line(11, "年度预算资金总额： 8.00 （万元）", page=1),
             Line(12, "充分保障市特困精神病人的生活照料护理质量。", page=1)]
    assert len(project_cells(lines)) == 4
    assert parties_copied(lines, Path("x.pdf")) == []
