"""A learned layout prints 上海市级's 部门财务收支预算总表 with the spending columns the published table prints (issue 80):
合计 | 人员经费 | 公用经费 | 项目支出 beside each 类 and 支出总计 (表格.收支总表-财务收支.列): 合计 and 项目支出 from the
source's function rows; 人员经费 and 公用经费, which no function row gives (the 一般公共预算支出表 prints each 项's 基本支出
unsplit), as the source states this table printed them (印出合计.收支总表, checked against the 类's 基本支出). The figures are
the published ones (../shared/corpus/fresh1/sh-city-shenjiju-2026-unit-budget.pdf, 第7页; sh-city-fucai-2026-unit-budget.pdf,
第7页), read off the PDF first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("sh-audit")
    source, layout = import_once(folder, FRESH / "sh-city-shenjiju-2026-unit-budget.pdf")
    return source, layout, (layout / "版式.yaml").read_text(encoding="utf-8")


def _rows(source: Path, layout: Path | str) -> list[list[str]]:
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == "收支总表")
    return [[cell.text for cell in row.cells] for row in table.body]


def _beside(rows: list[list[str]], label: str) -> list[str]:
    row = next(r for r in rows if label in r)
    return row[row.index(label) + 1:]


def test_the_learned_layout_records_the_columns_printed(audit) -> None:
    _, _, text = audit
    assert "  收支总表-财务收支:\n    基于: 收支总表-财务收支\n    列:\n    - 合计\n    - 人员经费\n    - 公用经费\n    - 项目支出\n" in text


def test_the_render_prints_them_as_the_source_states_them(audit) -> None:
    """审计局 prints 一、一般公共服务支出 134,339,860 | 93,654,340 | 20,825,520 | 19,860,000, 三、卫生健康支出 6,142,000 |
    6,100,000 | (blank) | 42,000 and 支出总计 195,774,300 | 153,268,740 | 21,802,560 | 20,703,000. Its 一般公共预算支出表 gives
    each 项's 基本支出 unsplit: the 类's 人员经费 and 公用经费 are the 收支总表's (印出合计; a blank one not written, printed
    blank); 支出总计's as its 经济分类 lines (all of its 基本支出) make them."""
    source, layout, _ = audit
    rows = _rows(source, layout)
    assert _beside(rows, "一、一般公共服务支出") == ["134,339,860", "93,654,340", "20,825,520", "19,860,000"]
    assert _beside(rows, "三、卫生健康支出") == ["6,142,000", "6,100,000", "", "42,000"]
    assert _beside(rows, "支出总计") == ["195,774,300", "153,268,740", "21,802,560", "20,703,000"]


def test_the_split_is_written_as_printed_and_checked(audit, tmp_path: Path) -> None:
    """The 类's split is written where the 收支总表 prints it (印出合计.收支总表.201); one that does not make the 类's
    基本支出 (114,479,860 by its 项) is an error, not printed (R-印出合计)."""
    source, _, _ = audit
    text = source.read_text(encoding="utf-8")
    assert "  收支总表:\n    201:\n      人员经费: 93654340   # 收支总表 第7页 第8行\n      公用经费: 20825520" in text
    assert not [f for f in prepare(source, draft=True).findings if f.rule == "R-印出合计"]
    slipped = tmp_path / "slipped.yaml"
    slipped.write_text(text.replace("人员经费: 93654340", "人员经费: 93654430"), encoding="utf-8")
    assert [f.path for f in prepare(slipped, draft=True).findings if f.rule == "R-印出合计"] == ["印出合计.收支总表.201"]


def test_a_total_of_classes_split_so_is_their_sum(tmp_path_factory: pytest.TempPathFactory) -> None:
    """福彩中心 spends on 基本支出 of 政府性基金 and 单位资金, which its 经济分类 lines (一般公共预算's) are no part of:
    支出总计's 人员经费 17,499,901 and 公用经费 3,362,962 are its one 类's as printed (一、其他支出 216,801,570 |
    17,499,901 | 3,362,962 | 195,938,707), not left blank."""
    source, layout = import_once(tmp_path_factory.mktemp("sh-fucai"), FRESH / "sh-city-fucai-2026-unit-budget.pdf")
    rows = _rows(source, layout)
    assert _beside(rows, "一、其他支出") == ["216,801,570", "17,499,901", "3,362,962", "195,938,707"]
    assert _beside(rows, "支出总计") == ["216,801,570", "17,499,901", "3,362,962", "195,938,707"]


def test_the_shipped_layout_prints_one_amount(audit) -> None:
    source, _, _ = audit
    assert _beside(_rows(source, "上海"), "一、一般公共服务支出") == ["134,339,860"]


def test_columns_out_of_order_are_refused(tmp_path: Path) -> None:
    (tmp_path / "版式.yaml").write_text("名称: 试\n基于: 上海\n表格:\n  收支总表-财务收支:\n    基于: 收支总表-财务收支\n"
                                      "    列: [人员经费, 合计]\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="列"):
        resolve(str(tmp_path))


@pytest.mark.parametrize(("name", "written", "left"), [
    # the grid, a column short (公用经费 blank on every row), reads 农林水支出's 项目支出 3,909,902 under 公用经费
    ("sh-city-huahuichang-2026-unit-budget.pdf", "    208:\n      人员经费: 1316754   # 收支总表 第7页 第8行\n", "    213:"),
    # its 208's figures printed as 一、一般公共服务支出: no function row of 201
    ("sh-city-yibaozhongxin-2026-unit-budget.pdf", "    210:\n      人员经费: 32174674   # 收支总表 第7页 第9行\n      公用经费: 8838000",
     "    201:"),
])
def test_a_split_that_is_not_the_classs_as_read_is_not_written(tmp_path: Path, name: str, written: str, left: str) -> None:
    """A 类's split is written only where it makes the 类's 基本支出 as its function rows give it (two 上海市级 units
    of ../shared/corpus): the others are left as before, and the import tells no R-印出合计 of its own reading."""
    pdf = FRESH.parent / name
    if not pdf.exists():
        pytest.skip("../shared/corpus is not here")
    source, _ = import_once(tmp_path, pdf, learn=False)
    text = source.read_text(encoding="utf-8")
    after = text[text.index("印出合计:\n  收支总表:\n") + len("印出合计:\n"):]
    following = re.search(r"^\S", after, flags=re.MULTILINE)  # the next section
    printed = after[:following.start()] if following else after
    assert written in printed and left not in printed
    assert not [f for f in prepare(source, draft=True).findings if f.rule == "R-印出合计"]


def test_the_learned_unit_layout_writes_its_workbook_a_sheet_per_table(audit, tmp_path, capsys) -> None:
    """上海市审计局 2026's unit budget prints its 财务收支预算总表 in 7 columns (合计, 人员经费, 公用经费, 项目支出), which the
    learned layout keeps; 上海's shipped unit workbook (工作簿-单位.yaml) maps 4. `render --format xlsx` in the learned
    layout refused the whole render, pointing the officer at the shipped file (issue 79: every Shanghai unit budget);
    now it warns and writes each table a sheet of its own, the 7 columns whole."""
    import openpyxl

    from reportgen import cli

    source, _, _ = audit
    out = tmp_path / "out"
    assert cli.main(["render", str(source), "--format", "xlsx", "-o", str(out)]) == 0
    said = "".join(capsys.readouterr())
    assert "警告 [版式-工作簿]" in said and "错误 [版式-工作簿]" not in said, said
    sheet = openpyxl.load_workbook(out / f"{source.stem}.xlsx").worksheets[0]
    header = [cell for row in sheet.iter_rows(max_row=6, values_only=True) for cell in row]
    assert {"人员经费", "公用经费", "项目支出"} <= set(header)


def test_a_layout_learned_from_a_unit_budget_is_a_unit_layout(audit) -> None:
    """审计局 2026 is a unit's budget: its learned layout's headings are the unit's as printed, and it says so by an
    edition for 类型 单位 — check warned “版式“学到的版式”没有适用于单位预算的版本……它自己的模板中的标题仍按部门预算写”."""
    from reportgen.runners.render import check_findings

    source, _, settings = audit
    assert "类型: 单位" in settings
    assert not [f for f in check_findings(source, None) if f.rule == "版式-单位预算"]
