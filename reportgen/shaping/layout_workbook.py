"""A layout's official workbook (工作簿): the YAML file its 版式.yaml names (``工作簿: 工作簿-部门.yaml``),
read with the safe YAML reader and checked key by key into a workbook.Workbook. Every mistake is told
in Chinese with the file, the line and the key, and what to write instead (WorkbookShapeError; layouts.py
gives it as a LayoutError)."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeGuard

from reportgen.base.errors import Internal, SourceError, shown_text
from reportgen.base.patterns import regex
from reportgen.docmodel.document import Document, Table
from reportgen.docmodel.workbook import ContentsSheet, CoverSheet, Place, Sheet, Style, TableSheet, TextSheet, Workbook
from reportgen.reading.files import InputRefused, read_bounded
from reportgen.reading.yamlsafe import parse_yaml
from reportgen.tablekinds import role, with_ids

_MAX_BYTES = 500_000
_CELL = regex(r"([A-Z]{1,3})([1-9][0-9]{0,6})(?::([A-Z]{1,3})([1-9][0-9]{0,6}))?")
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384
_SHEET_NAME = regex(r"[^\[\]:*?/\\]{1,31}")
KINDS = ("封面", "目录", "文字", "表格")
_TOP_KEYS = {"名称", "说明", "字体", "金额格式", "横向", "工作表"}
_COMMON = {"名称", "类别", "列宽", "行高", "说明", "缩放"}
_SHEET_KEYS = {
    "封面": _COMMON | {"标题", "副标题"},
    "目录": _COMMON | {"标题", "条目"},
    "文字": _COMMON | {"部分", "标题", "正文", "条目"},
    "表格": _COMMON | {"表", "标题", "编制", "表头", "数据", "合计行", "空表合计行", "数据行高", "编码列", "表头文字", "列", "注"},
}
_PLACE_KEYS = {"单元格", "字体", "字号", "加粗", "行高", "缩进", "引导符", "行宽"}
_EXAMPLE = "如 {名称: 部门${summary}, 类别: 表格, 表: ${summary}-财务收支, 标题: {单元格: A2:D2, 字号: 18}, 编制: {单元格: A4:C4}, " \
           "表头: {单元格: A6}, 数据: {单元格: A8}, 列宽: [35.38, 23.75, 37.5, 23.75]}"


class WorkbookShapeError(Internal):
    """A workbook file that cannot be used: the message names the file, line and key (Chinese)."""


def load(file: Path) -> Workbook:
    """The workbook ``file`` declares (a shipped file is read once per process)."""
    return _load_cached(file, _stamp(file))


def _stamp(file: Path) -> tuple[int, int]:
    try:
        stat = file.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _load_cached(file: Path, _stamp: tuple[int, int]) -> Workbook:
    try:
        raw = read_bounded(file, _MAX_BYTES, "工作簿文件")
    except InputRefused as exc:
        raise WorkbookShapeError(f"{file}: 工作簿文件无法读取：{exc.message}") from None
    try:
        data = parse_yaml(raw, str(file))
    except SourceError as exc:
        first = exc.findings[0]
        raise WorkbookShapeError(f"{file}:{first.line}: 工作簿文件不是可用的 YAML：{first.message}") from None
    return _Reader(file).workbook(data)


def _line(data: object, key: str) -> str:
    mark = getattr(data, "key_marks", {}).get(key)
    return f":{mark.line}" if mark is not None else ""


def _is_number(value: object) -> TypeGuard[int | float | Decimal]:
    """A number as the safe YAML reader gives it (an int, or a Decimal), never a bool."""
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def column_index(letters: str) -> int:
    """0-based column of Excel letters (A → 0, AA → 26)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


class _Reader:
    """Reads one workbook file: each method checks one key and says where it is wrong."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, data: object, key: str, message: str) -> WorkbookShapeError:
        return WorkbookShapeError(f"{self.file}{_line(data, key)}: “{key}”{message}")

    def workbook(self, data: object) -> Workbook:
        if not isinstance(data, dict) or "工作表" not in data:
            raise WorkbookShapeError(f"{self.file}: 工作簿文件应为映射，含“工作表”（各工作表的列表，按顺序）；可用的键："
                                     f"{'、'.join(sorted(_TOP_KEYS))}")
        unknown = sorted(str(k) for k in data if k not in _TOP_KEYS)
        if unknown:
            raise self.fail(data, unknown[0], f"不是工作簿文件的键，可用：{'、'.join(sorted(_TOP_KEYS))}")
        style = self.style(data, "字体", data.get("字体", {}), Style())
        sheets = data["工作表"]
        if not isinstance(sheets, list) or not sheets:
            raise self.fail(data, "工作表", f"应为各工作表的列表（按工作簿中的顺序），{with_ids(_EXAMPLE)}")
        read = tuple(self.sheet(sheet, style) for sheet in sheets)
        self.named_once(data, read)
        return Workbook(str(data.get("名称", self.file.stem)), str(self.file), read, style,
                        self.formats(data), self.flag(data, "横向", True))

    def named_once(self, data: dict, sheets: tuple[Sheet, ...]) -> None:
        """Refused where two sheets have one name (as Excel compares them: whatever the case)."""
        names = [sheet.name.casefold() for sheet in sheets]
        twice = next((sheet.name for sheet in sheets if names.count(sheet.name.casefold()) > 1), None)
        if twice is not None:
            raise self.fail(data, "工作表", f"中有两个工作表都叫“{shown_text(twice, 31)}”：工作表名不能重复")

    def formats(self, data: dict) -> dict[str, str]:
        formats = data.get("金额格式", {})
        if not isinstance(formats, dict) or not set(formats) <= {"元", "万元"} \
                or not all(isinstance(v, str) and ("0" in v or v == "General") and len(v) <= 40 for v in formats.values()):
            raise self.fail(data, "金额格式", "应为“单位: Excel 数字格式”的映射，如 {元: \"#,##0_ \", 万元: General}（General 为常规格式）")
        return {str(k): str(v) for k, v in formats.items()}

    def flag(self, data: dict, key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(data, key, "应为 true 或 false")
        return value

    def style(self, data: object, key: str, value: object, base: Style) -> Style:
        if not isinstance(value, dict) or not set(value) <= {"字体", "字号", "加粗"}:
            raise self.fail(data, key, "应为 {字体: 宋体, 字号: 12, 加粗: false}（可只写其一）")
        return self.place_style(data, key, value, base)

    def place_style(self, data: object, key: str, value: dict, base: Style) -> Style:
        font, points, bold = value.get("字体", base.font), value.get("字号", base.points), value.get("加粗", base.bold)
        if not isinstance(font, str) or not font or len(font) > 31:
            raise self.fail(data, key, f"的字体应为字体名（如 宋体），不是“{shown_text(font, 20)}”")
        if not _is_number(points) or not 6 <= float(points) <= 72:
            raise self.fail(data, key, "的字号应为 6 至 72 之间的磅数（如 12）")
        if not isinstance(bold, bool):
            raise self.fail(data, key, "的加粗应为 true 或 false")
        return Style(font, float(points), bold)

    def sheet(self, sheet: object, style: Style) -> Sheet:
        if not isinstance(sheet, dict) or sheet.get("类别") not in KINDS:
            raise WorkbookShapeError(f"{self.file}{_line(sheet, '类别')}: 每个工作表应为映射，“类别”为 {'、'.join(KINDS)} 之一；{with_ids(_EXAMPLE)}")
        kind = str(sheet["类别"])
        unknown = sorted(str(k) for k in sheet if k not in _SHEET_KEYS[kind])
        if unknown:
            raise self.fail(sheet, unknown[0], f"不是“{kind}”工作表的键，可用：{'、'.join(sorted(_SHEET_KEYS[kind]))}")
        common: dict[str, Any] = {"name": self.sheet_name(sheet), "widths": self.widths(sheet), "heights": self.heights(sheet),
                                  "scale": self.scale(sheet)}
        if kind == "封面":
            return CoverSheet(**common, title=self.place(sheet, "标题", style), subtitle=self.place(sheet, "副标题", style))
        if kind == "目录":
            entries = self.place(sheet, "条目", style)
            raw = sheet.get("条目", {})
            return ContentsSheet(**common, title=self.place(sheet, "标题", style), entries=entries,
                                 indent=self.number(sheet, "条目", raw, "缩进", 0, 40),
                                 leader=self.text(sheet, "条目", raw, "引导符"),
                                 line_width=self.number(sheet, "条目", raw, "行宽", 0, 1000))
        if kind == "文字":
            return TextSheet(**common, parts=self.parts(sheet), title=self.place(sheet, "标题", style),
                             body=self.place(sheet, "正文", style),
                             indent=self.number(sheet, "正文", sheet.get("正文", {}), "缩进", 0, 40),
                             items=self.place(sheet, "条目", style))
        return self.table(sheet, common, style)

    def sheet_name(self, sheet: dict) -> str:
        """A sheet's 名称, one Excel allows: 1 to 31 characters, none of []:*?/\\, no apostrophe first or last."""
        name = sheet.get("名称")
        if not isinstance(name, str) or not _SHEET_NAME.fullmatch(name) or name.startswith("'") or name.endswith("'") \
                or not name.strip() or not name.isprintable():
            raise self.fail(sheet, "名称", "应为 Excel 允许的工作表名：1 至 31 个字，不含 []:*?/\\，首尾不是撇号")
        return name

    def table(self, sheet: dict, common: dict[str, Any], style: Style) -> TableSheet:
        table = sheet.get("表")
        if not isinstance(table, str) or not table:
            raise self.fail(sheet, "表", f"应为文档中一张表的编号（如 {role('summary')}-财务收支；见 tables.j2 中的 table('…')）")
        header, data = self.place(sheet, "表头", style), self.place(sheet, "数据", style)
        if header is None or data is None or data.row <= header.row:
            raise self.fail(sheet, "数据", "与“表头”都要写（如 表头: {单元格: A6}，数据: {单元格: A9}），数据行在表头行之下")
        total, empty_total = (self.total_row(sheet, key, data.row) for key in ("合计行", "空表合计行"))
        return TableSheet(**common, table=table, title=self.place(sheet, "标题", style), caption=self.place(sheet, "编制", style),
                          header_row=header.row, data_row=data.row, total_row=total, empty_total_row=empty_total,
                          data_height=self.height(sheet, "数据行高", sheet.get("数据行高")), code_columns=self.codes(sheet),
                          header_cells=self.header_cells(sheet, style, header.row, data.row), columns=self.columns(sheet),
                          note=self.place(sheet, "注", style))

    def header_cells(self, sheet: dict, style: Style, first: int, data: int) -> tuple[tuple[Place, str], ...]:
        cells = sheet.get("表头文字", [])
        if not isinstance(cells, list) or not all(isinstance(c, dict) and set(c) == {"单元格", "文字"}
                                                  and isinstance(c["文字"], str) for c in cells):
            raise self.fail(sheet, "表头文字", "应为模板表头各格的列表，如 [{单元格: \"A6:B6\", 文字: 本年收入}, …]")
        read = []
        for cell in cells:
            place = self.place({"表头文字": {"单元格": cell["单元格"]}}, "表头文字", style)
            assert place is not None
            if not first <= place.row <= place.last_row < data:
                raise self.fail(sheet, "表头文字", f"的单元格“{cell['单元格']}”应在表头行（第 {first + 1} 行）与数据行（第 {data + 1} 行）之间")
            read.append((place, str(cell["文字"])))
        return tuple(read)

    def columns(self, sheet: dict) -> tuple[int, ...]:
        columns = sheet.get("列", [])
        if not isinstance(columns, list) or not all(isinstance(c, str) and re.fullmatch(r"[A-Z]{1,3}", c) for c in columns) \
                or len(set(columns)) != len(columns) or (columns and "表头文字" not in sheet):
            raise self.fail(sheet, "列", "应为文档的表各列所在的列（按顺序，不重复），如 [A, B, C, D]，并与“表头文字”一起写")
        return tuple(column_index(c) for c in columns)

    def total_row(self, sheet: dict, key: str, data: int) -> int | None:
        """合计行 or 空表合计行: a row number under the data row, 0-based (None when not written)."""
        total = sheet.get(key)
        if total is not None and (isinstance(total, bool) or not isinstance(total, int) or total <= data + 1):
            raise self.fail(sheet, key, f"应为数据行（第 {data + 1} 行）之下的行号，如 21")
        return None if total is None else total - 1

    def codes(self, sheet: dict) -> tuple[tuple[int, str], ...]:
        codes = sheet.get("编码列", {})
        if not isinstance(codes, dict) or not all(isinstance(k, str) and re.fullmatch(r"[A-Z]{1,3}", k) and v in ("数值", "文本")
                                                  for k, v in codes.items()):
            raise self.fail(sheet, "编码列", "应为“列: 数值 或 文本”的映射，如 {A: 数值, B: 文本, C: 文本}（类写作数值，款、项写作文本）")
        return tuple((column_index(k), str(v)) for k, v in codes.items())

    def parts(self, sheet: dict) -> tuple[str, ...]:
        parts = sheet.get("部分")
        parts = [parts] if isinstance(parts, str) else parts
        if not isinstance(parts, list) or not parts or not all(isinstance(p, str) and p for p in parts):
            raise self.fail(sheet, "部分", "应为文档中这一部分的标题（或几种写法的列表），{部门} 为部门名称、{年} 为年度，如 \"{部门}主要职能\"")
        return tuple(parts)

    def place(self, sheet: dict, key: str, style: Style) -> Place | None:
        value = sheet.get(key)
        if value is None:
            return None
        if not isinstance(value, dict) or not set(value) <= _PLACE_KEYS or not isinstance(value.get("单元格"), str):
            raise self.fail(sheet, key, "应为映射，含“单元格”（如 A3，合并的写作 A3:M3），可另写 字体、字号、加粗、行高")
        found = _CELL.fullmatch(value["单元格"])
        if found is None:
            raise self.fail(sheet, key, f"的单元格“{shown_text(value['单元格'], 20)}”应写作 A3 或 A3:M3")
        first_col, first_row = column_index(found.group(1)), int(found.group(2)) - 1
        last_col = column_index(found.group(3)) if found.group(3) else first_col
        last_row = int(found.group(4)) - 1 if found.group(4) else first_row
        if not (first_col <= last_col < _MAX_COLUMN and first_row <= last_row < _MAX_ROW):
            raise self.fail(sheet, key, f"的单元格“{value['单元格']}”不在工作表的范围内，或末格在首格之前")
        return Place(first_row, first_col, last_row, last_col, self.place_style(sheet, key, value, style),
                     self.height(sheet, key, value.get("行高")))

    def height(self, sheet: dict, key: str, value: object) -> float | None:
        if value is None:
            return None
        if not _is_number(value) or not 1 <= float(value) <= 409:
            raise self.fail(sheet, key, "的行高应为 1 至 409 之间的磅数")
        return float(value)

    def widths(self, sheet: dict) -> tuple[float, ...]:
        widths = sheet.get("列宽", [])
        if not isinstance(widths, list) or not all(_is_number(w) and 0 < float(w) <= 255 for w in widths):
            raise self.fail(sheet, "列宽", "应为各列宽度的列表（Excel 的字符宽度，0 至 255），如 [35.38, 23.75]")
        return tuple(float(w) for w in widths)

    def heights(self, sheet: dict) -> tuple[tuple[int, float], ...]:
        heights = sheet.get("行高", {})
        if not isinstance(heights, dict) or not all(re.fullmatch(r"[1-9][0-9]{0,6}", str(k)) and int(k) <= _MAX_ROW
                                                    for k in heights):
            raise self.fail(sheet, "行高", "应为“行号: 磅数”的映射，如 {1: 18, 2: 22.5, 3: 7.5}")
        rows = sorted((int(k), h) for k, h in heights.items())
        return tuple((row - 1, self.height(sheet, "行高", h) or 0.0) for row, h in rows)

    def scale(self, sheet: dict) -> int | None:
        scale = sheet.get("缩放")
        if scale is not None and (isinstance(scale, bool) or not isinstance(scale, int) or not 10 <= scale <= 400):
            raise self.fail(sheet, "缩放", "应为打印的缩放比例，10 至 400 之间的整数（百分数，如 80）；不写则缩放到一页宽")
        return scale

    def number(self, sheet: dict, key: str, value: object, name: str, low: int, high: int) -> int:
        number = value.get(name, 0) if isinstance(value, dict) else 0
        if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
            raise self.fail(sheet, key, f"的{name}应为 {low} 至 {high} 之间的整数")
        return number

    def text(self, sheet: dict, key: str, value: object, name: str) -> str:
        text = value.get(name, "") if isinstance(value, dict) else ""
        if not isinstance(text, str) or len(text) > 4 or not text.isprintable():
            raise self.fail(sheet, key, f"的{name}应为一至四个字符（如 …），或不写")
        return text


def misfits(document: Document) -> list[str]:
    """What of ``document`` its official workbook cannot hold where the workbook file says: a table
    whose header rows do not end above the sheet's data row (told before anything is written)."""
    workbook = document.workbook
    if workbook is None:
        return []
    tables = {table.id: table for table in document.tables()}
    told = [_misfit(workbook.source, sheet, tables[sheet.table]) for sheet in workbook.sheets
            if isinstance(sheet, TableSheet) and sheet.table in tables]
    return [misfit for misfit in told if misfit]


def _misfit(source: str, sheet: TableSheet, table: Table) -> str:
    """What a table sheet cannot hold of its table ("" where it fits): its 列 not as many as the table's columns, or
    (without 表头文字) its data row not just below the table's header rows."""
    if sheet.columns and len(sheet.columns) != table.column_count:
        return (f"{source}: 工作表“{sheet.name}”的“列”写了 {len(sheet.columns)} 列，而表“{table.title}”有 "
                f"{table.column_count} 列：请改正工作簿文件的“列”")
    if not sheet.header_cells and sheet.header_row + len(table.header) != sheet.data_row:
        return (f"{source}: 工作表“{sheet.name}”写表头自第 {sheet.header_row + 1} 行、数据自第 "
                f"{sheet.data_row + 1} 行，而表“{table.title}”有 {len(table.header)} 行表头（应为 数据: "
                f"{{单元格: A{sheet.header_row + len(table.header) + 1}}}）：请改正工作簿文件的“表头”或“数据”")
    return ""


__all__ = ["WorkbookShapeError", "column_index", "load", "misfits"]
