"""Safe YAML reading that keeps every value's line and never lets an amount pass through float.

PyYAML alone reads ``1273.52`` as a float, keeps the last of two equal keys silently and expands
aliases without bound; this loader fixes all three and remembers where each value stood.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from reportgen.errors import Finding, SourceError

MAX_SOURCE_BYTES = 5 * 1024 * 1024  # a department's budget is a few kilobytes; refuse runaway files


class Mark:
    __slots__ = ("line", "column")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


class LocDict(dict):
    """A mapping that remembers the mark of itself, of each key and of each value."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]


class LocList(list):
    """A sequence that remembers its own mark and each item's."""

    mark: Mark
    item_marks: list[Mark]


class LocStr(str):
    """A scalar kept as text (for numbers written as strings, or any string) with its mark."""

    mark: Mark


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Loader(yaml.SafeLoader):
    """SafeLoader with Decimal floats, marks, duplicate-key detection and no aliases."""

    source_name = ""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise SourceError(
                [
                    Finding(
                        "error",
                        "YAML-别名",
                        "不支持 YAML 别名（*引用）：请直接写出数值，避免别名展开",
                        self.source_name,
                        event.start_mark.line + 1,
                        event.start_mark.column + 1,
                    )
                ]
            )
        return super().compose_node(parent, index)

    def construct_yaml_float(self, node):  # type: ignore[no-untyped-def]
        text = LocStr(self.construct_scalar(node))
        text.mark = _mark(node)
        try:
            return to_decimal_text(text)
        except ValueError:
            return text  # .nan / .inf: left as text for the validator to name


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocDict:
    result = LocDict()
    result.mark = _mark(node)
    result.key_marks = {}
    result.value_marks = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_text = str(key)
        if key_text in result:
            first = result.key_marks[key_text]
            raise SourceError(
                [
                    Finding(
                        "error",
                        "YAML-重复键",
                        f"键“{key_text}”重复出现（第 {first.line} 行已有）：YAML 会静默丢弃前一个值，请合并为一处",
                        loader.source_name,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        key_text,
                    )
                ]
            )
        result[key_text] = loader.construct_object(value_node, deep=True)
        result.key_marks[key_text] = _mark(key_node)
        result.value_marks[key_text] = _mark(value_node)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocList:
    result = LocList(loader.construct_object(child, deep=True) for child in node.value)
    result.mark = _mark(node)
    result.item_marks = [_mark(child) for child in node.value]
    return result


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> LocStr:
    value = LocStr(loader.construct_scalar(node))
    value.mark = _mark(node)
    return value


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)


def to_decimal_text(text: str) -> Decimal:
    """Read an amount as written: ``1273.52``, ``1,273.52``, full-width digits, ``１２７３．５２``.

    Raises ValueError for anything that is not a finite number.
    """
    normalized = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("_", "")
    if normalized.endswith("万元") or normalized.endswith("元"):
        raise ValueError("金额不带单位，单位在“金额单位”中统一给出")
    try:
        value = Decimal(normalized)
    except InvalidOperation as exc:
        raise ValueError(f"“{text}”不是数字") from exc
    if not value.is_finite():
        raise ValueError(f"“{text}”不是有限的数字")
    return value


def load_yaml(path: Path) -> Any:
    """Parse a YAML source file into LocDict/LocList/LocStr/int/Decimal/bool/None values."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError([Finding("error", "文件", "文件不存在", name)]) from None
    except IsADirectoryError:
        raise SourceError([Finding("error", "文件", "这是一个文件夹，应为 YAML 文件", name)]) from None
    except OSError as exc:
        raise SourceError([Finding("error", "文件", f"无法读取：{exc.strerror}", name)]) from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise SourceError(
            [Finding("error", "文件", f"文件过大（{len(raw) // 1024} KB），预算源文件应小于 5 MB", name)]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM from Windows Notepad is harmless: accept it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("gbk")
            hint = "（看起来是 GBK/GB2312 编码）"
        except UnicodeDecodeError:
            pass
        raise SourceError(
            [
                Finding(
                    "error",
                    "文件编码",
                    f"文件不是 UTF-8 编码{hint}：请用 UTF-8 编码另存（记事本“另存为”选择 UTF-8）",
                    name,
                    line,
                )
            ]
        ) from None
    loader = _Loader(text)
    loader.source_name = name
    try:
        return loader.get_single_data()
    except SourceError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else 0
        raise SourceError([Finding("error", "YAML-语法", _yaml_problem(exc), name, line, column)]) from None
    except yaml.YAMLError as exc:
        raise SourceError([Finding("error", "YAML-语法", f"YAML 格式错误：{exc}", name)]) from None
    finally:
        loader.dispose()


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if "tab" in problem or "\\t" in problem:
        return "YAML 格式错误：缩进中含有制表符（Tab），请改用空格缩进"
    if "mapping values are not allowed" in problem:
        return "YAML 格式错误：此处不应出现冒号“:”（是否漏了缩进或换行？含冒号的文字请加引号）"
    if "could not find expected ':'" in problem:
        return "YAML 格式错误：缺少冒号“:”（每个字段应写成“名称: 值”）"
    if "found character" in problem:
        return f"YAML 格式错误：出现不能作为开头的字符（{problem}），含特殊字符的文字请加引号"
    if "did not find expected" in problem or "expected <block end>" in problem:
        return "YAML 格式错误：缩进不一致（同一层级的字段应对齐）"
    return f"YAML 格式错误：{problem or exc}"
