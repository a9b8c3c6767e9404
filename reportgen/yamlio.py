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

_LibYamlBase: Any = getattr(yaml, "CSafeLoader", None)  # None where PyYAML was built without libyaml
if _LibYamlBase is not None:

    class _LibYamlLoader(_LibYamlBase):  # type: ignore[misc, valid-type]
        """libyaml's parser with _Loader's constructors, for the scalars built through PyYAML."""

        source_name = ""
        construct_yaml_float = _Loader.construct_yaml_float

    for _tag, _constructor in (
        ("tag:yaml.org,2002:map", _construct_mapping),
        ("tag:yaml.org,2002:seq", _construct_sequence),
        ("tag:yaml.org,2002:str", _construct_str),
        ("tag:yaml.org,2002:float", _Loader.construct_yaml_float),
    ):
        _LibYamlLoader.add_constructor(_tag, _constructor)

_NOT_LOADED = object()
_STR, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:float"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Unsure(Exception):
    """Something _Loader must decide (and word) itself."""


def _load_with_libyaml(text: str, name: str) -> Any:
    """The document read from libyaml's events, or _NOT_LOADED where _Loader must decide.

    PyYAML's pure-Python parser took most of the time of a large render (7 of 9 s for 5,000
    rows), and even its libyaml composer spends more time building nodes and resolving tags than
    parsing. Here the values are built straight from libyaml's events, as _Loader's composer and
    constructors build them (same types, same marks, a tag resolved once per distinct scalar).
    Only where nothing can differ: no anchor or alias indicator in the text (_Loader refuses
    aliases with its own finding), no character PyYAML's reader rejects, no explicit collection
    tag, no duplicate key and no error: any of those is read again by _Loader for its exact answer.
    """
    if _LibYamlBase is None or "&" in text or "*" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return _NOT_LOADED
    loader = _LibYamlLoader(text)
    loader.source_name = name
    try:
        return _EventReader(loader).document()
    except Exception:  # _Unsure, or any YAML error: _Loader gives the answer and its wording
        return _NOT_LOADED
    finally:
        loader.dispose()


class _EventReader:
    """PyYAML's compose + construct for _Loader's types, in one pass over the events."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.next = loader.get_event
        self.tags: dict[tuple[str, Any], str] = {}  # a scalar's tag depends on its text alone
        self.built: dict[tuple[str, str], Any] = {}  # ints, booleans, nulls, dates: immutable

    def document(self) -> Any:
        self.next()  # StreamStartEvent
        if type(self.next()) is yaml.StreamEndEvent:
            return None  # an empty file, as get_single_data has it
        value = self.value(self.next())
        self.next()  # DocumentEndEvent
        if type(self.next()) is not yaml.StreamEndEvent:
            raise _Unsure  # a second document: _Loader's error
        return value

    def value(self, event: Any) -> Any:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            return self.scalar(event)
        if kind is yaml.MappingStartEvent:
            return self.mapping(event)
        if kind is yaml.SequenceStartEvent:
            return self.sequence(event)
        raise _Unsure  # an alias

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            key = (event.value, event.implicit)
            tag = self.tags.get(key)
            if tag is None:
                tag = self.tags[key] = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR or tag == _FLOAT:
            start = event.start_mark
            text = LocStr(event.value)
            text.mark = Mark(start.line + 1, start.column + 1)
            if tag == _STR:
                return text
            try:
                return to_decimal_text(text)
            except ValueError:
                return text
        built = self.built.get((tag, event.value), _NOT_LOADED)
        if built is _NOT_LOADED:
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            built = self.built[(tag, event.value)] = self.loader.construct_object(node, deep=True)
        return built

    def sequence(self, event: Any) -> LocList:
        if event.tag not in (None, "!", _SEQ):
            raise _Unsure
        start = event.start_mark
        items = LocList()
        items.mark = Mark(start.line + 1, start.column + 1)
        items.item_marks = marks = []
        event = self.next()
        while type(event) is not yaml.SequenceEndEvent:
            start = event.start_mark
            marks.append(Mark(start.line + 1, start.column + 1))
            items.append(self.value(event))
            event = self.next()
        return items

    def mapping(self, event: Any) -> LocDict:
        if event.tag not in (None, "!", _MAP):
            raise _Unsure
        start = event.start_mark
        mapping = LocDict()
        mapping.mark = Mark(start.line + 1, start.column + 1)
        mapping.key_marks = key_marks = {}
        mapping.value_marks = value_marks = {}
        event = self.next()
        while type(event) is not yaml.MappingEndEvent:
            if type(event) is not yaml.ScalarEvent:
                raise _Unsure
            start = event.start_mark
            key = str(self.scalar(event))
            if key in mapping:
                raise _Unsure  # _Loader's YAML-重复键 finding
            key_marks[key] = Mark(start.line + 1, start.column + 1)
            event = self.next()
            start = event.start_mark
            value_marks[key] = Mark(start.line + 1, start.column + 1)
            mapping[key] = self.value(event)
            event = self.next()
        return mapping


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
    data = _load_with_libyaml(text, name)
    if data is not _NOT_LOADED:
        return data
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
