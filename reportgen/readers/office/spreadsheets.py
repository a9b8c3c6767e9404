"""A workbook, a page of tables or a CSV file → its grids, by the format its bytes show
(:func:`~reportgen.readers.sniff.sniff`), never by the file's extension. PDF and DOCX are read
elsewhere (reportgen.importing.readers); every other format no reader here takes is refused with
what to do instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportgen.readers.grid import Grid, ImportRefused
from reportgen.readers.htmltables import read_html
from reportgen.readers.office.csvfile import read_csv
from reportgen.readers.office.sheets import read_encrypted, read_ods, read_xls, read_xlsx, refused
from reportgen.readers.office.spreadsheetml import read_spreadsheetml
from reportgen.readers.sniff import sniff

Reader = Callable[[str, bytes], list[Grid]]

READERS: dict[str, Reader] = {
    "xlsx": read_xlsx,
    "xls": read_xls,
    "xlsx-encrypted": read_encrypted,
    "ods": read_ods,
    "spreadsheetml": read_spreadsheetml,
    "html": read_html,
    "csv": read_csv,
}


def read_grids(path: Path, data: bytes) -> list[Grid]:
    """``data`` (the bytes of ``path``) as grids, one a sheet or table, in the file's order; raises
    ImportRefused (in Chinese, naming the file) for a format not read here or a file with no data."""
    file = str(path)
    kind = sniff(data)
    reader = READERS.get(kind)
    if reader is None:
        raise _refuse(file, kind, data)
    grids = reader(file, data)
    if not any(grid.rows for grid in grids):
        raise refused(file, "文件中没有任何数据（工作表或表格都是空的）：请确认导出的是预算表")
    return grids


def _refuse(file: str, kind: str, data: bytes) -> ImportRefused:
    """Why a file of ``kind`` is not read, and what to give instead."""
    if not data.strip():
        return refused(file, "文件是空的：请确认导出已完成")
    advice = {
        "xlsb": "这是 Excel 二进制工作簿（.xlsb）：请在 Excel 中另存为 .xlsx 后再导入",
        "doc": "这是旧版 Word 文档（.doc）：请在 Word 中另存为 .docx 后再导入",
        "zip": "这是 zip 压缩包，但不是 Excel 或 WPS/LibreOffice 工作簿，或文件不完整：请确认导出的文件完整，"
               "压缩包请先解压，再导入其中的工作簿",
        "pdf": "PDF 文件由 PDF 读取器处理，不在此读取",
        "docx": "Word 文档（.docx）由 DOCX 读取器处理，不在此读取",
    }
    return refused(file, advice.get(kind, "无法识别的文件格式：应为 Excel 工作簿（.xlsx、.xls）、WPS/LibreOffice 表格"
                                          "（.ods）、Excel 2003 XML、网页表格（.html）、CSV 文本、PDF 或 Word 文档（.docx）"))
