"""Every number read from a cell goes through one parser (reportgen/reading/amounts.py), which takes
a decimal literal in the document's own conventions and nothing else; what it refuses is told with
its sheet!cell, never read as another number, never a 0 written in silence, never 内部错误.
Fixture: the real 万里街道 2025 workbook as the budget system exports it, one figure changed into what
a program or a hand leaves there (text with separators out of place, 1e400, a formula without its
result)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.reading.amounts import printed_amount, stored_number, why_not_amount

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"


@pytest.mark.parametrize(("text", "value"), [
    ("3,296,600 ", Decimal(3296600)), ("438,300.00", Decimal("438300.00")), ("1234.5", Decimal("1234.5")),
    ("-1,234", Decimal(-1234)), ("−12.5", Decimal("-12.5")), ("1，234，567", Decimal(1234567)), ("0 ", Decimal(0)),
    ("999,999,999,999,999.99", Decimal("999999999999999.99")),
])
def test_a_printed_amount_is_read_exactly(text, value):
    assert printed_amount(text) == value


@pytest.mark.parametrize(("text", "why"), [
    ("1,2,3", "千位分隔符"), ("12,34", "千位分隔符"), ("1,234,56", "千位分隔符"), ("1,234，567", "混用"),
    ("1e400", "科学计数法"), ("1E+3", "科学计数法"), ("1.2.3", "小数点"), ("1" * 16, "超出金额的范围"),
    ("一百", "不是数字"), ("￥100", "不是数字"), ("inf", "不是数字"), ("NaN", "不是数字"),
])
def test_what_is_not_a_printed_amount_is_refused_with_its_reason(text, why):
    assert printed_amount(text) is None
    assert why in why_not_amount(text)


def test_a_stored_number_may_carry_an_exponent_but_not_past_any_budget():
    assert stored_number("1.5E-2") == Decimal("0.015") and stored_number("189767551.0") == Decimal("189767551.0")
    assert stored_number("1e400") is None and stored_number("1e-400") is None and stored_number("Infinity") is None


def _workbook_with(tmp_path: Path, value: object) -> tuple[Path, str]:
    """The real workbook with one figure of its 收入 table replaced by ``value``, as a program or a
    hand in Excel leaves it; and that cell's sheet!cell."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(WORKBOOK)
    sheet = next(s for s in book.worksheets if "收入" in s.title)
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, (int, float)) and c.value > 1000)
    cell.value = value
    path = tmp_path / "w.xlsx"
    book.save(path)
    return path, f"{sheet.title}!{cell.coordinate}"


def _import(capsys, *argv: object) -> tuple[int, str, Path]:
    out = Path(str(argv[0])).with_suffix(".yaml")
    code = main(["import", *map(str, argv), "-o", str(out)])
    said = capsys.readouterr()
    return code, said.out + said.err, out


@pytest.mark.parametrize(("text", "why"), [("9,87,654", "千位分隔符只能从小数点往左每三位数字分一次"),
                                           ("7,7,7,7,7,7", "千位分隔符"), ("1e400", "科学计数法")])
def test_a_text_cell_that_is_no_printed_amount_is_told_never_read_as_a_number(tmp_path, capsys, text, why):
    path, place = _workbook_with(tmp_path, text)
    code, said, out = _import(capsys, path)
    assert code == 1 and "内部错误" not in said and "Traceback" not in said, said
    assert f"{place}：" in said and f"“{text}”" in said and why in said, said
    figures = [line.split("#")[0] for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert not any(text.replace(",", "").lower() in line.lower() for line in figures)  # 9,87,654 is never 987654


def test_a_number_cell_past_any_budget_is_told_not_an_internal_error(tmp_path, capsys):
    path, place = _workbook_with(tmp_path, 1e300)
    code, said, _ = _import(capsys, path)
    assert code == 1 and "内部错误" not in said and "Traceback" not in said, said
    assert f"{place}：" in said and "超出金额的范围" in said, said


def test_a_formula_saved_without_its_result_is_not_written_as_zero(tmp_path, capsys):
    """A program that never calculates (openpyxl here) saves a formula without its value: the cell is
    told, with the note to recalculate, and no 0 stands in the source for it."""
    path, place = _workbook_with(tmp_path, "=1+1")
    code, said, out = _import(capsys, path)
    sheet, cell = place.split("!")
    assert code == 1, said
    assert f"公式单元格 {cell} 没有保存计算结果" in said, said
    assert f"{place}：" in said and "是公式，没有保存计算结果" in said, said
    text = out.read_text(encoding="utf-8")
    assert f"公式单元格 {cell} 没有保存计算结果" in text  # told in the source's header too
    assert not any(line.rstrip().endswith(f"# 收入总表 {place}") for line in text.splitlines())  # no figure from it


def test_bidi_controls_in_a_sheet_name_never_reach_the_source_or_the_page(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(WORKBOOK)
    sheet = book.worksheets[0]
    sheet.title = "收入\u202e总表"
    path = tmp_path / "rtl.xlsx"
    book.save(path)
    page = tmp_path / "rtl.html"
    code, said, out = _import(capsys, path, "--report", page)
    written = out.read_text(encoding="utf-8") + page.read_text(encoding="utf-8") + said
    assert "\u202e" not in written
    assert "收入[U+202E]总表" in out.read_text(encoding="utf-8")


def test_the_workbook_still_imports_as_before(tmp_path, capsys):
    path = Path(shutil.copy(WORKBOOK, tmp_path / "w.xlsx"))
    code, said, out = _import(capsys, path)
    assert "一般公共预算拨款" in out.read_text(encoding="utf-8")
    assert "应为金额" not in said, said


def test_a_figure_of_the_prose_goes_through_the_same_reading():
    """政府采购、国有资产 … figures the text states: “1,2,3万元” is no amount (never 123), told as not a figure."""
    from reportgen.importing.recognition.imported import Imported
    from reportgen.importing.text.text_fields import _figure

    imported = Imported({}, unit="元")
    assert _figure(imported, "1,234.50万元") == Decimal("12345000")
    assert _figure(imported, "1,2,3万元") is None and _figure(imported, "1e400元") is None
