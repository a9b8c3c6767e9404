"""What a reader never sees is never imported nor judged (issue 52 part 2): a hidden or very-hidden
sheet, a row hidden or filtered out, a hidden column — each left out and named in the import's
report; two sheets that both are one table both named, never one of them silently chosen; an HTML
page's hidden elements (display:none, visibility:hidden, the hidden attribute, a class its styles
hide, <template>) and a DOCX's hidden text (w:vanish, directly or by its style) neither imported nor
judged by `check --against`. The files are real: the budget system's export of 万里街道 2025
(tests/fixtures/import/wanli-2025.xlsx and its HTML form), 渡舟街道 2026's page
(tests/fixtures/prose/), 盐田区总工会 2022's source and sentence; the hostile change is made in the
test as a sender would make it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from docx.enum.style import WD_STYLE_TYPE

from reportgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"
HTML_EXPORT = ROOT / "tests" / "fixtures" / "import" / "wanli-2025-html.xls"  # GBK, as the system writes it
DUZHOU = ROOT / "tests" / "fixtures" / "prose" / "duzhou-2026.html"
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
STATED = "深圳市盐田区总工会预算1,273.52万元。"  # what 盐田区总工会 2022 publishes, as its source states it
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


# -- HTML: a page's and an export's hidden elements ------------------------------------------------


def test_a_hidden_table_and_hidden_text_in_a_cell_of_an_html_export_are_not_imported(tmp_path, capsys):
    page = HTML_EXPORT.read_bytes().decode("gbk")
    start = page.index('<table border="1" cellspacing="0" cellpadding="2" title="部门收支总表"')
    table = page[start:page.index("</table>", start) + len("</table>")]
    second = table.replace('title="部门收支总表"', 'title="部门收支总表（旧）"').replace("189,767,551", "199,767,551")
    # the visible table's income cell carries a hidden digit after its figure
    shown = table.replace('<td align="right">189,767,551</td><td>二、公共安全支出',
                          '<td align="right">189,767,551<span class="x-old">9</span></td><td>二、公共安全支出', 1)
    page = page.replace(table, f'{shown}\n<div style="display: none">{second}</div>', 1)
    page = page.replace("</head>", "<style>.x-old { display:none }</style></head>", 1)
    path = tmp_path / "万里.xls"
    path.write_bytes(page.encode("gbk"))
    code, said, text = _import(capsys, path)
    assert code == 0, said
    assert yaml.safe_load(text)["收入"]["一般公共预算拨款"] == INCOME
    assert "的工作表“部门收支总表（旧）”是隐藏的，其中是收支总表：打开文件的人看不到它，没有导入" in said


def _page_with_hidden_blocks(tmp_path: Path) -> Path:
    """渡舟街道's page with another 收入预算 after its own in each way a page hides a block."""
    page = DUZHOU.read_text(encoding="utf-8")
    own = "(一)收入预算:2026年年初预算数2082.58万元"
    assert own in page
    hidden = ('<div style="display:none"><p>(一)收入预算:2026年年初预算数9082.58万元。</p></div>'
              "<p hidden>(一)收入预算:2026年年初预算数8082.58万元。</p>"
              "<template><p>(一)收入预算:2026年年初预算数7082.58万元。</p></template>"
              '<p class="draft-only">(一)收入预算:2026年年初预算数6082.58万元。</p>')
    at = page.index("</p>", page.index(own)) + len("</p>")  # after 收入预算's paragraph
    page = page[:at] + hidden + page[at:]
    page = page.replace("</head>", "<style>\n.draft-only {visibility: hidden}\n</style></head>", 1)
    path = tmp_path / "渡舟.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_a_pages_hidden_blocks_are_not_its_prose(tmp_path, capsys):
    code, said, text = _import(capsys, _page_with_hidden_blocks(tmp_path))
    assert yaml.safe_load(text)["收入"]["收入总计"] == 2082.58
    assert not any(figure in said + text for figure in ("9082.58", "8082.58", "7082.58", "6082.58"))
    assert "正文写明 20 个金额，写入 17 个" in said and "不一致" not in said  # as the page without them


def _check(*args: str) -> tuple[int, str]:
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        code = main(["check", *args])
    return code, buffer.getvalue()


def test_an_html_drafts_hidden_text_is_never_judged(tmp_path):
    draft = tmp_path / "草稿.html"
    draft.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>/* old */ .old, .older { display: none; }</style>"
        f"</head><body><p>{STATED}</p>"
        "<div style='DISPLAY:NONE'><p>深圳市盐田区总工会预算1,999.99万元。</p></div>"
        "<p hidden>深圳市盐田区总工会预算1,888.88万元。</p>"
        "<template><p>深圳市盐田区总工会预算1,777.77万元。</p></template>"
        "<p class='older'>深圳市盐田区总工会预算1,666.66万元。</p>"
        "<table><tr style='display:none'><td>预算</td><td>1,555.55万元</td></tr></table>"
        "<p>深圳市盐田区总工会预算1,273.5<span class='old'>9</span>2万元。</p></body></html>", encoding="utf-8")
    code, said = _check(str(YANTIAN), "--against", str(draft), "--format", "json")
    counts = yaml.safe_load(said)["counts"]
    assert code == 0 and counts["disagree"] == 0 and counts["agree"] == 2, said


def test_a_docx_drafts_hidden_text_is_never_judged(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    for text, hidden in (("深圳市盐田区总工会预算1,2", False), ("9", True), ("73.52万元。", False)):
        paragraph.add_run(text).font.hidden = hidden or None
    document.add_paragraph().add_run("深圳市盐田区总工会预算1,999.99万元。").font.hidden = True  # 隐藏文字
    style = document.styles.add_style("批注底稿", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    document.add_paragraph().add_run("深圳市盐田区总工会预算1,888.88万元。", style="批注底稿")
    shown = document.add_paragraph().add_run(STATED)
    shown.font.hidden = False  # w:vanish w:val="0": shown
    draft = tmp_path / "草稿.docx"
    document.save(str(draft))
    code, said = _check(str(YANTIAN), "--against", str(draft), "--format", "json")
    counts = yaml.safe_load(said)["counts"]
    assert code == 0 and counts["disagree"] == 0 and counts["agree"] == 2, said
