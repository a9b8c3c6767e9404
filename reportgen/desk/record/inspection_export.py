"""The 检查表 exported (issue 81 part 1: "the 检查表, its exports (XLSX, DOCX) … follow the reviewer's decisions"): the
page the desk serves (register.inspection_page: review -o's summary page over each row's latest reviewed submission,
the dismissals taken out) read back, its 检查表 table cell for cell, and written as a workbook (writers/xlsx) or a
Word document (writers/docx) — so an export says what the page says, in the page's own words (its template's), and
follows every decision the page follows."""

from __future__ import annotations

from lxml import html

from reportgen.base.errors import visible_text
from reportgen.docmodel.document import Cell, Document, Row, Table, Title
from reportgen.writers.docx import docx_bytes
from reportgen.writers.xlsx import xlsx_bytes

FORMS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
WIDTHS = [24, 14, 30, 30, 10, 24, 10]  # 文件, 及时性, 完整性, 细化程度, 公开方式, 真实性, 结论


def inspection_rows(page: str) -> tuple[str, list[list[str]]]:
    """The page's 检查表: its caption, and its header's and each row's cells as their text shows them."""
    table = next(t for t in html.fromstring(page).iter("table") if t.get("id") == "inspection")
    caption = table.find("caption")
    rows = [tr for part in ("thead", "tbody") for section in table.findall(part) for tr in section.findall("tr")]
    return _text(caption) if caption is not None else "", [[_text(cell) for cell in tr if cell.tag in ("th", "td")]
                                                            for tr in rows]


def inspection_export(page: str, form: str) -> tuple[bytes, str]:
    """The 检查表 of ``page`` as ``form`` (xlsx or docx): its bytes and their media type."""
    caption, (header, *body) = inspection_rows(page)
    widths = WIDTHS if len(header) == len(WIDTHS) else [10] * len(header)
    table = Table("inspection", "", caption, "", "", [Row([Cell(h, header=True) for h in header], kind="header")],
                  [Row([Cell(text) for text in cells] + [Cell("")] * (len(header) - len(cells))) for cells in body],
                  widths, wide=True)
    document = Document([Title(caption), table], meta={"title": caption})
    return (xlsx_bytes(document) if form == "xlsx" else docx_bytes(document)), FORMS[form]


def _text(element: html.HtmlElement) -> str:
    return visible_text(" ".join(str(element.text_content()).split()))
