"""The codes a source's rows give (功能分类, 经济分类 …): the name each prints, from the registry, the
source's own 科目表 (read here) or the 名称 beside it; an unknown, retired or impossible code refused
at its line; a row's 类/款 above it named."""

from __future__ import annotations

from typing import Any

from reportgen import codes
from reportgen.base.errors import Finding
from reportgen.reading.files import resolved
from reportgen.reading.yamlsafe import LocDict
from reportgen.source.confined import confined
from reportgen.source.core import SourceReader


def read_code_table(reader: SourceReader, d: LocDict) -> None:
    """The source's own 科目表 (`科目表: 文件`), read afresh at every load (never cached)."""
    if "科目表" not in d:
        return
    line = reader.line(d, "科目表", "科目表")
    target = resolved(reader.path.parent / str(d["科目表"]))
    reader.read_files.append(target)
    try:
        reader.code_table = codes.read_code_table(target)
    except codes.CodeTableError as exc:
        if exc.line:  # a fault inside the table: named at its own file and line
            reader.findings += confined([Finding("error", "R-科目表", f"科目表 {target} 第 {exc.line} 行：{exc.message}",
                                                 str(target), exc.line, 0, "")], reader.path.parent)
        else:
            reader.error("R-科目表", f"科目表 {target} 无法使用：{exc.message}", line, "科目表")


def check_code(reader: SourceReader, kind: str, code: str, line: int, year: int | None = None,
               stated: str = "") -> str:
    """The name a code's row prints: the 科目表's or registry's name, a published alias as the source
    gives it (名称), or the 名称 of a code neither table knows (the checks warn of it); '' with a
    finding when the code is unknown and unnamed."""
    year = year or reader.year
    stated = stated.strip()
    known = reader.known_codes.get((kind, code, year))
    if known is None:
        entry = codes.lookup(kind, code, year, reader.code_table)
        if entry is None:
            return unknown_code(reader, kind, code, line, year, stated)
        known = reader.known_codes[(kind, code, year)] = entry.name
    if stated and not codes.same_name(stated, known) and codes.name_status(
            kind, code, stated, year, reader.code_table) == "ok":
        reader.code_names.setdefault((kind, code), stated)  # an alias: printed as the source gives it
        return stated
    return known


def unknown_code(reader: SourceReader, kind: str, code: str, line: int, year: int, stated: str) -> str:
    named = reader.code_names.get((kind, code))
    expected = "function" if kind == "功能分类" else "economic"
    if (stated or named) and codes.kind_of_code(code) == expected:
        # a code of the department's own (a local 项, one newer than the registry): used under
        # the name it gives; R-科目名称 warns that no table knows it
        if stated:
            reader.code_names.setdefault((kind, code), stated)
        return stated or named or ""
    _refuse_code(reader, kind, code, line, year, stated)
    return ""


def _refuse_code(reader: SourceReader, kind: str, code: str, line: int, year: int, stated: str) -> None:
    """A code no table knows and no 名称 names: retired, impossible for its kind, or unknown."""
    valid = [y for y in range(2000, 2041)
             if (codes.function_entry(code, y) if kind == "功能分类" else codes.economic_entry(code, y))]
    if valid:
        reader.error("R-科目编码", f"{kind}科目编码 {code} 在 {year} 年已不使用（仅 {valid[0]}–{valid[-1]} 年有效）："
                     f"请按 {year} 年科目表改用新编码", line, kind)
    elif stated:
        reader.error("R-科目编码", f"“{code}”不是{kind}科目编码（{kind}应为 " + (
            "2 开头的 3、5 或 7 位数字）" if kind == "功能分类" else "3 开头的 3 或 5 位数字）"), line, kind)
    else:
        reader.error("R-科目编码", f"{kind}科目编码 {code} 在 {year} 年的科目表中不存在：请核对编码；确是本地或新设的"
                     "科目，请在这一行写上“名称”，或在源文件的“科目表”文件中加上它", line, kind)


def check_parents(reader: SourceReader, kind: str, rows: list[Any]) -> None:
    """Every 类/款 above a row must have a name (registry, 科目表 or a row of this source naming it):
    the tables print a line for it."""
    reported: set[tuple[str, str]] = set()
    for row in rows:
        if not row.name:
            continue  # already reported
        for length in (3, 5):
            parent = row.code[:length]
            if length >= len(row.code) or name_of(reader, kind, parent) is not None or (kind, parent) in reported:
                continue
            reported.add((kind, parent))
            reader.error("R-科目编码", f"{kind}科目 {row.code} 的上级科目 {parent} 在 {reader.year} 年的科目表中不存在："
                         f"请在“科目表”文件中加上它，或加一行 {{科目: {parent}, 名称: …}} 写明它的名称", row.line, kind)


def name_of(reader: SourceReader, kind: str, code: str) -> str | None:
    if (kind, code) in reader.code_names:
        return reader.code_names[(kind, code)]
    entry = codes.lookup(kind, code, reader.year, reader.code_table)
    return entry.name if entry is not None else None
