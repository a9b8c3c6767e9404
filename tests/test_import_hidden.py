"""What a reader never sees is never imported (issue 52 part 2): a hidden or very-hidden sheet, a row
hidden or filtered out, a hidden column — each left out and named in the import's report; two
sheets that both are one table both named, never one of them silently chosen. The workbook is the
budget system's real export of 万里街道 2025 (tests/fixtures/import/wanli-2025.xlsx), the hostile
change made in the test as a sender would make it in Excel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml

from reportgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"
INCOME = 189767551  # 一般公共预算资金 as 部门收支总表!B9 prints it


def _changed(tmp_path: Path, change: Callable[[openpyxl.Workbook], None], name: str = "万里.xlsx") -> Path:
    book = openpyxl.load_workbook(WORKBOOK)
    change(book)
    path = tmp_path / name
    book.save(path)
    return path


def _import(capsys, path: Path) -> tuple[int, str, str]:
    out = path.with_suffix(".yaml")
    code = main(["import", str(path), "-o", str(out)])
    said = capsys.readouterr()
    return code, said.out + said.err, out.read_text(encoding="utf-8") if out.exists() else ""


def _second_summary(book: openpyxl.Workbook, state: str) -> None:
    """A second 收支总表 after the real one, 10,000,000 元 more income, hidden as ``state``."""
    copy = book.copy_worksheet(book["部门收支总表"])
    copy.title = "部门收支总表 (2)"
    for cell in ("B8", "B9", "B21", "D21"):
        copy[cell] = INCOME + 10_000_000
    copy["D16"] = 19364732
    copy.sheet_state = state


@pytest.mark.parametrize("state", ["veryHidden", "hidden"])
def test_a_hidden_second_summary_gives_no_figure_and_is_named(tmp_path, capsys, state):
    path = _changed(tmp_path, lambda book: _second_summary(book, state))
    code, said, text = _import(capsys, path)
    assert code == 0, said
    income = yaml.safe_load(text)["收入"]
    assert income["一般公共预算拨款"] == INCOME  # the visible sheet's, not the hidden one's
    assert "部门收支总表 (2)!" not in text  # no figure placed on the hidden sheet
    note = "的工作表“部门收支总表 (2)”是隐藏的，其中是收支总表：打开文件的人看不到它，没有导入；收支总表取自看得见的工作表“部门收支总表”"
    assert note in said and note in text  # on the terminal and in the source's header
    assert "不一致" not in said


def test_a_row_hidden_by_a_filter_is_not_imported_and_is_named(tmp_path, capsys):
    def hide(book: openpyxl.Workbook) -> None:
        sheet = book["部门支出总表"]
        sheet.auto_filter.ref = "A8:G74"
        sheet.row_dimensions[72].hidden = True  # 2210203 购房补贴 3,340,800, filtered out

    code, said, text = _import(capsys, _changed(tmp_path, hide))
    assert "的工作表“部门支出总表”第 72 行被隐藏或筛选掉：打开文件的人看不到其中的内容，没有导入" in said
    assert "部门支出总表!E72" not in text and "部门支出总表!A72" not in text
    # what the visible rows add up to is not what the table prints: told, with the total's place
    assert "22102 住房改革支出 印作 7,187,532，而其组成部分之和为 3,846,732" in said and code == 1


def test_a_hidden_column_is_not_imported_and_is_named(tmp_path, capsys):
    def hide(book: openpyxl.Workbook) -> None:
        book["部门支出总表"].column_dimensions["G"].hidden = True  # 项目支出

    code, said, text = _import(capsys, _changed(tmp_path, hide))
    assert "的工作表“部门支出总表”第 G 列被隐藏：打开文件的人看不到其中的内容，没有导入" in said
    assert "部门支出总表!G" not in text


def test_two_visible_sheets_of_one_table_are_both_named(tmp_path, capsys):
    def twice(book: openpyxl.Workbook, income: int) -> None:
        copy = book.copy_worksheet(book["部门收支总表"])
        copy.title = "收支总表（修改）"
        copy["B8"] = income

    code, said, text = _import(capsys, _changed(tmp_path, lambda book: twice(book, INCOME + 1)))
    assert code == 1 and not text
    assert "部门收支总表与" in said and "收支总表（修改）都是收支总表，而印出的数字不同" in said and "未写出源文件" in said
    assert "Traceback" not in said
    code, said, text = _import(capsys, _changed(tmp_path, lambda book: twice(book, INCOME), "同.xlsx"))
    assert code == 0 and "收支总表（修改）都是收支总表，内容相同：只读取一次" in said
