"""A CSV (or tab-separated text) export: one grid named after the file, every cell text as written
("1,234.56" stays text: a CSV does not say what is a number; the recogniser reads amounts).

The encoding: a byte-order mark (UTF-8, or UTF-16 as Excel's "Unicode 文本" is written), else
UTF-8 if the whole file decodes, else GB18030 (the superset of GBK that Chinese systems write).
The delimiter is the one of , ; and tab that splits the first lines into the same number of
fields most often (a comma when none does)."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from pathlib import PurePath

from reportgen.readers.grid import EMPTY, Cell, Grid, ImportRefused
from reportgen.readers.office.sheets import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, check_bounds, finish, refused

_DELIMITERS = (",", "\t", ";")  # ties go to the earlier
_SAMPLE = 64 * 1024  # characters the delimiter is judged on
_SAMPLE_RECORDS = 50


def read_csv(file: str, data: bytes) -> list[Grid]:
    """The file as one grid; refused when it does not decode or a line is past the bounds."""
    text, replaced = _decode(file, data)
    name = PurePath(file).stem or file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text[:_SAMPLE]))
    rows: list[list[Cell]] = []
    cells = 0
    try:
        for record in reader:
            if len(rows) >= MAX_ROWS or len(record) > MAX_COLUMNS:
                check_bounds(file, name, len(rows) + 1, len(record))
            cells += len(record)
            if cells > MAX_CELLS:
                check_bounds(file, name, len(rows) + 1, MAX_CELLS)
            rows.append([Cell(value, value) if value else EMPTY for value in record])
    except csv.Error:  # a field past csv's limit (128 KB): a quote never closed, or not a CSV at all
        raise refused(file, f"第 {reader.line_num} 行的格式有误（引号未闭合或字段过长），无法读取："
                            "请确认文件是导出的 CSV 表格") from None
    grid = finish(Grid(file, name, rows), [], [], [])
    if replaced:
        grid.notes.append(describe(file, replaced))
    return [grid]


def is_table(data: bytes) -> bool:
    """Whether a text (sniffed ``csv``) is a table rather than prose: the delimiter ``_delimiter``
    finds splits its first records into one number of fields above one, the same for at least half
    of them (an export's title rows aside) and at least two — or one record (a header alone) of at
    least three fields. A prose line's commas (“1,234.56万元”) give a text's lines no one width; a
    text that does not decode is no CSV either."""
    try:
        text, _ = _decode("", data[:_SAMPLE * 4])
    except ImportRefused:
        return False
    sample = text[:_SAMPLE]
    width, score, records = _widths(sample, _delimiter(sample))
    return width > 1 and 2 * score >= records and (score >= 2 or width >= 3)


def _widths(sample: str, delimiter: str) -> tuple[int, int, int]:
    """The most common number of fields of the sample's first non-empty records, how many have it,
    and how many there are."""
    widths: Counter[int] = Counter()
    try:
        for number, record in enumerate(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)):
            if number >= _SAMPLE_RECORDS:
                break
            if any(field.strip() for field in record):
                widths[len(record)] += 1
    except csv.Error:
        return 1, 0, 0
    width, score = widths.most_common(1)[0] if widths else (1, 0)
    return width, score, sum(widths.values())


def _decode(file: str, data: bytes) -> tuple[str, int]:
    """The text, and how many bytes that did not decode were replaced (a GBK export with a stray
    byte is read, and noted; one of many is refused)."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            return data.decode(encoding), 0
        except UnicodeDecodeError:
            continue
    text = data.decode(encodings[-1], "replace")
    replaced = text.count("\ufffd")
    if replaced > max(2, len(text) // 1000):
        raise refused(file, "无法识别文本的编码：CSV 文件应为 UTF-8 或 GBK（GB18030）编码，"
                            "请在 Excel 中另存为“CSV UTF-8”后再导入")
    return text, replaced


def _delimiter(sample: str) -> str:
    """The delimiter that gives the first records one number of fields (above one) most often."""
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        widths: Counter[int] = Counter()
        try:
            for number, record in enumerate(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)):
                if number >= _SAMPLE_RECORDS:
                    break
                if any(record):
                    widths[len(record)] += 1
        except csv.Error:
            continue
        width, score = widths.most_common(1)[0] if widths else (1, 0)
        if width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def describe(file: str, replaced: int) -> str:
    """The note on a file with bytes that did not decode."""
    return f"{file}：有 {replaced} 处字节无法按 UTF-8 或 GBK 解码，已替换为“\ufffd”：请核对这些单元格，或确认文件的编码"
