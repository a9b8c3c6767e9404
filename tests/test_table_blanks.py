"""A cell the published table leaves blank stays blank (issue 51, part 2): `import` writes no figure for
a blank cell and 0 for a printed 0 (0.00), and the 上海 layout prints a table's zero amounts as the source
states them (展示.表格零值: 照源文件) — a part the source leaves out, and a sum of such parts, is blank;
a 0 the source writes is printed. The arithmetic is the same either way (a part left out is none).

Fixtures are published documents: 上海市普陀区人民政府办公室 2025 (bench/corpus, PDF: the 收入预算总表's
事业收入 … columns and the 基本/项目支出 cells without money are blank) and 万里街道 2025 (its workbooks in
tests/fixtures/import, made from the published PDF, which prints “0” in those cells)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from reportgen.runners.render import render_source
from tests.readback import find_row, html_tables
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
ZHENGFUBAN = ROOT / "bench" / "corpus" / "putuo-zhengfuban-2025.pdf"
WANLI = ROOT / "tests" / "fixtures" / "import"
WENLVJU = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
ZERO = re.compile(r"^0(?:\.0+)?$")


@pytest.fixture(scope="module")
def zhengfuban(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source `import` writes from 区政府办公室 2025's published PDF."""
    source = tmp_path_factory.mktemp("zhengfuban") / "zf.yaml"
    done = reportgen("import", str(ZHENGFUBAN), "--layout", "上海", "-o", str(source))
    assert done.returncode == 0, done.stderr
    return source


def rendered(source: Path, out: Path, formats: tuple[str, ...] = ("html",)) -> dict[str, Path]:
    result = render_source(source, out, formats)
    assert result.outputs, [f.format() for f in result.findings]
    return {p.suffix: p for p in result.outputs}


def source_lines(source: Path, fragment: str) -> list[str]:
    return [line.split("#")[0].strip() for line in source.read_text(encoding="utf-8").splitlines() if fragment in line]


def test_a_blank_cell_is_written_as_no_figure(zhengfuban: Path) -> None:
    text = zhengfuban.read_text(encoding="utf-8")
    for source in ("事业收入", "事业单位经营收入", "其他收入", "政府性基金预算拨款", "国有资本经营预算拨款"):
        assert f"  {source}:" not in text  # 收支总表: the published cell is blank
    assert source_lines(zhengfuban, "科目: 2010302") == ["- {科目: 2010302, 项目支出: 46140000, 用途: 为行政单位未单独设置项级科目的其他项目支出}"]
    assert source_lines(zhengfuban, "科目: 2080501") == ["- {科目: 2080501, 基本支出: 1554220, 用途: 实行归口管理的行政单位（包括实行公务员管理的事业单位）开支的离退休经费}"]


@pytest.mark.parametrize("workbook", ["wanli-2025.xlsx", "wanli-2025.ods", "wanli-2025-html.xls"])
def test_a_printed_zero_is_written_as_zero(workbook: str, tmp_path: Path) -> None:
    source = tmp_path / "wanli.yaml"
    done = reportgen("import", str(WANLI / workbook), "--layout", "上海", "-o", str(source))
    assert done.returncode == 0, done.stderr
    assert source_lines(source, "科目: 2010507")[0].startswith("- {科目: 2010507, 基本支出: 0, 项目支出: 438300")
    # its 收支总表 leaves 事业收入 blank; its 收入总表 prints 0 on its 合计 row: a figure printed, written there
    written = [line for line in source.read_text(encoding="utf-8").splitlines() if line.startswith("  事业收入:")]
    assert len(written) == 1 and written[0].startswith("  事业收入: 0   # 收入总表 "), written


def test_the_imported_source_checks_clean(zhengfuban: Path) -> None:
    done = reportgen("check", str(zhengfuban))
    assert done.returncode == 0 and "0 个错误，0 个警告" in done.stdout + done.stderr, done.stdout + done.stderr


def _zero_cells(table: list[list[str]]) -> list[str]:
    return [cell for row in table for cell in row if ZERO.match(cell)]


def test_the_tables_leave_blank_what_the_published_tables_leave_blank(zhengfuban: Path, tmp_path: Path) -> None:
    tables = html_tables(rendered(zhengfuban, tmp_path)[".html"])
    # 收入预算总表: 财政拨款收入 only; 事业收入, 事业单位经营收入, 其他收入 blank, as published
    line = next(row for row in tables.titled("收入预算总表") if row[:4] == ["201", "03", "01", "行政运行"])
    assert line[4:] == ["12,029,501.84", "12,029,501.84", "", "", ""]
    # 支出预算总表, 一般公共预算支出功能分类预算表: a line with project money only has a blank 基本支出
    for title in ("支出预算总表", "一般公共预算支出功能分类预算表"):
        table = tables.titled(title)
        line = next(row for row in table if row[:4] == ["201", "03", "02", "一般行政管理事务"])
        assert line[4:] == ["46,140,000.00", "", "46,140,000.00"]
        assert next(row for row in table if row[:2] == ["208", ""])[-1] == ""  # 类: none of its lines has 项目支出
    # the empty 政府性基金 table: its 合计 is blank, not 0
    fund = tables.titled("政府性基金预算支出功能分类预算表")
    assert next(row for row in fund if row and row[0] == "合计")[1:] == ["", "", ""]
    # 基本支出 by economic class: 301 has no 公用经费, 302 no 人员经费 — blank, as published
    basic = tables.titled("部门预算经济分类预算表")
    assert next(row for row in basic if row[:2] == ["301", "01"])[3:] == ["2,540,192.00", "2,540,192.00", ""]
    assert next(row for row in basic if row[:2] == ["302", "01"])[3:] == ["259,400.00", "", "259,400.00"]
    # no table but the “三公” one (whose 0.00 the text states too) prints a zero the published tables do not
    for title, table in zip(tables.titles, tables, strict=True):
        if "三公" not in title:
            assert _zero_cells(table) == [], title


def test_a_printed_zero_prints_as_zero(tmp_path: Path) -> None:
    source = tmp_path / "wanli.yaml"
    done = reportgen("import", str(WANLI / "wanli-2025.xlsx"), "--layout", "上海", "-o", str(source))
    assert done.returncode == 0, done.stderr
    tables = html_tables(rendered(source, tmp_path / "out")[".html"])
    line = next(row for row in tables.titled("支出预算总表") if row[:4] == ["201", "05", "07", "专项普查活动"])
    assert line[4:] == ["438,300", "0", "438,300"]  # as the published 支出预算总表 prints it


def test_a_source_written_by_hand_prints_the_zeros_it_states_and_no_other(tmp_path: Path) -> None:
    text = WENLVJU.read_text(encoding="utf-8") + "版式: 上海\n"
    omitted = tmp_path / "omitted.yaml"
    omitted.write_text(text, encoding="utf-8")
    stated = tmp_path / "stated.yaml"
    stated.write_text(text.replace("- {科目: 2070105, 项目支出: 60517640", "- {科目: 2070105, 基本支出: 0, 项目支出: 60517640"),
                      encoding="utf-8")
    lines = []
    for source in (omitted, stated):
        tables = html_tables(rendered(source, tmp_path / source.stem)[".html"])
        lines.append(next(row for row in tables.titled("支出预算总表") if row[:3] == ["207", "01", "05"])[4:])
    assert lines == [["60,517,640", "", "60,517,640"], ["60,517,640", "0", "60,517,640"]]


def test_the_default_layout_still_prints_the_zeros_of_what_a_source_leaves_out(tmp_path: Path) -> None:
    tables = html_tables(rendered(WENLVJU, tmp_path)[".html"])
    assert find_row(tables, "2070105", "支出总表")[2:] == ["60,517,640.00", "0.00", "60,517,640.00"]


def test_the_workbook_leaves_the_cell_blank_not_zero(zhengfuban: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(rendered(zhengfuban, tmp_path, ("xlsx",))[".xlsx"])
    sheet = next(book[name] for name in book.sheetnames if "收入" in name and "总表" in name and "收支" not in name)
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    line = next(row for row in rows if "行政运行" in row)
    figures = line[line.index("行政运行") + 1:]
    assert figures[:2] == [12029502, 12029502] or figures[:2] == [12029501.84, 12029501.84]
    assert all(value in (None, "") for value in figures[2:5])
    assert not any(value == 0 and not isinstance(value, bool) for row in rows for value in row)
