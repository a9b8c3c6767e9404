"""Safe YAML reading that keeps every value's line and never lets an amount pass through float.

PyYAML alone reads ``1273.52`` as a float, keeps the last of two equal keys silently and expands
aliases without bound; this loader fixes all three and remembers where each value stood.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from reportgen.base.errors import Finding, Internal, SourceError
from reportgen.base.patterns import NON_PRINTABLE, printable_but, regex
from reportgen.reading.files import InputRefused, read_bounded

MAX_SOURCE_BYTES = 5 * 1024 * 1024  # a department's budget is a few kilobytes; refuse runaway files


class Mark(NamedTuple):
    """Where a value stood: 1-based line and column. A tuple, so that the hundreds of thousands a
    large source has are cheap to make (see _new_mark)."""

    line: int
    column: int


# Mark(line, column) without the generated __new__ in Python: what the loader calls per node.
_new_mark = functools.partial(tuple.__new__, Mark)


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
    """SafeLoader with Decimal floats, decimal-only integers, checked text, marks, duplicate-key
    detection, bounded nesting and no aliases."""

    source_name = ""
    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # PyYAML composes recursively: a few thousand nested brackets would end in RecursionError.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                event = self.peek_event()
                raise SourceError([_too_deep(self.source_name, event.start_mark.line + 1,
                                             event.start_mark.column + 1)])
            return self._compose_node(parent, index)
        finally:
            self.depth -= 1

    def _compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
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


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> Decimal | LocStr:
    text = LocStr(loader.construct_scalar(node))
    text.mark = _mark(node)
    try:
        return to_decimal_text(text)
    except ValueError:
        return text  # .nan / .inf / 012.5 / 1:30.5: left as text for the validator to name


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int | LocStr:
    return _int_or_text(loader.construct_scalar(node), _mark(node))


def _int_or_text(text: str, mark: Mark) -> int | LocStr:
    """An integer only when written as a plain decimal integer. YAML 1.1 also reads 012 as octal
    10, 0x10 as 16, 0b101 as 5, 1:30 as 90 and 1_000 as 1000: those stay text, for the validator
    to refuse by line and column with the text quoted (a zero-padded spreadsheet cell is enough)."""
    if _PLAIN_INT.fullmatch(text):
        return int(text)
    value = LocStr(text)
    value.mark = mark
    return value


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
    text = loader.construct_scalar(node)
    if _special(text):
        text = checked_text(text, loader.source_name, _mark(node), node.style in ("|", ">"))
    value = LocStr(text)
    value.mark = _mark(node)
    return value


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)

# Explicit tags a budget has no use for: !!binary would give bytes, !!set a set, !!omap and !!pairs
# lists of pairs where every reader expects text or a mapping. Refused where they stand.
_REFUSED_TAGS = {"binary": "二进制数据", "set": "集合", "omap": "有序映射", "pairs": "键值对列表"}


def _refuse_tag(loader: Any, node: yaml.Node) -> Any:
    name = node.tag.rsplit(":", 1)[-1]
    raise SourceError([Finding("error", "YAML-标签", f"不支持 YAML 标签 !!{name}（{_REFUSED_TAGS.get(name, name)}）："
                               "请直接写出文字、金额、列表或映射，去掉 !!" + name, loader.source_name,
                               *_mark(node))])


for _name in _REFUSED_TAGS:
    _Loader.add_constructor(f"tag:yaml.org,2002:{_name}", _refuse_tag)

_LibYamlBase: Any = getattr(yaml, "CSafeLoader", None)  # None where PyYAML was built without libyaml
if _LibYamlBase is not None:

    class _LibYamlLoader(_LibYamlBase):
        """libyaml's parser with _Loader's constructors, for the scalars built through PyYAML."""

        source_name = ""

    for _tag, _constructor in (
        ("tag:yaml.org,2002:map", _construct_mapping),
        ("tag:yaml.org,2002:seq", _construct_sequence),
        ("tag:yaml.org,2002:str", _construct_str),
        ("tag:yaml.org,2002:float", _construct_float),
        ("tag:yaml.org,2002:int", _construct_int),
        *((f"tag:yaml.org,2002:{name}", _refuse_tag) for name in _REFUSED_TAGS),
    ):
        _LibYamlLoader.add_constructor(_tag, _constructor)

_NOT_LOADED = object()
_STR, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:float"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Unsure(Internal):
    """Something _Loader must decide (and word) itself."""


def _load_with_libyaml(text: str, name: str) -> Any:
    """The document read from libyaml's events, or _NOT_LOADED where _Loader must decide.

    PyYAML's pure-Python parser took most of the time of a large render (7 of 9 s for 5,000
    rows), and even its libyaml composer spends more time building nodes and resolving tags than
    parsing. Here the values are built straight from libyaml's events, as _Loader's composer and
    constructors build them (same types, same marks, a tag resolved once per distinct scalar).
    Only where nothing can differ: no anchor or alias (as libyaml's events tell them, not a "&" or
    "*" in a quoted text or a comment: _Loader refuses aliases with its own finding), no character
    PyYAML's reader rejects, no explicit collection tag, no duplicate key and no error: any of
    those is read again by _Loader for its exact answer.
    """
    if _LibYamlBase is None or (not printable_but(text, "\t\n\r") and NON_PRINTABLE.search(text)):
        return _NOT_LOADED
    loader = _LibYamlLoader(text)
    loader.source_name = name
    try:
        return _EventReader(loader).document()
    except Exception:  # _Unsure, or any YAML error: _Loader gives the answer and its wording
        return _NOT_LOADED
    finally:
        loader.dispose()


_INT = "tag:yaml.org,2002:int"
# Texts whose tag is certain without trying the resolvers in turn (SafeLoader tries float, int and
# timestamp for a text starting with a digit): a plain decimal is a float, a plain number
# without a leading zero an int. Every other text is resolved as PyYAML resolves it.
_CERTAIN_FLOAT = regex(r"[0-9]+\.[0-9]+")
_CERTAIN_INT = regex(r"[1-9][0-9]*")


class _EventReader:
    """PyYAML's compose + construct for _Loader's types, in one pass over the events.

    A node's mark is shared by the value and the mark its parent keeps for it (the same line and
    column); nothing changes a Mark once made.
    """

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.next = loader.get_event
        # A plain scalar's tag depends on its text alone (SafeLoader has no path resolvers), and
        # only a text starting with one of these characters can resolve to anything but str.
        self.tags: dict[str, str] = {}
        self.maybe_not_str = frozenset(k for k in loader.yaml_implicit_resolvers if k)
        if None in loader.yaml_implicit_resolvers or loader.yaml_path_resolvers:
            raise _Unsure  # resolvers this shortcut does not know
        self.built: dict[tuple[str, str], Any] = {}  # ints, booleans, nulls, dates: immutable
        self.depth = 0

    def document(self) -> Any:
        self.next()  # StreamStartEvent
        if type(self.next()) is yaml.StreamEndEvent:
            return None  # an empty file, as get_single_data has it
        event = self.next()
        value = self.value(event, _new_mark((event.start_mark.line + 1, event.start_mark.column + 1)))
        self.next()  # DocumentEndEvent
        if type(self.next()) is not yaml.StreamEndEvent:
            raise _Unsure  # a second document: _Loader's error
        return value

    def value(self, event: Any, mark: Mark) -> Any:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            return self.scalar(event, mark)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Unsure  # _Loader's finding for nesting too deep
        try:
            if kind is yaml.MappingStartEvent:
                return self.mapping(event, mark)
            if kind is yaml.SequenceStartEvent:
                return self.sequence(event, mark)
        finally:
            self.depth -= 1
        raise _Unsure  # an alias

    def tag(self, event: Any) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value
            if not event.implicit[0] or (value and value[0] not in self.maybe_not_str):
                return _STR  # quoted, or no implicit resolver for its first character
            tag = self.tags.get(value)
            if tag is None:
                if _CERTAIN_FLOAT.fullmatch(value):
                    return _FLOAT
                if _CERTAIN_INT.fullmatch(value):
                    return _INT
                tag = self.tags[value] = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        return tag

    def scalar(self, event: Any, mark: Mark) -> Any:
        if event.anchor is not None:
            raise _Unsure
        tag = self.tag(event)
        if tag == _STR:
            if _special(event.value):
                raise _Unsure  # _Loader normalises the line breaks or names the character
            text = LocStr(event.value)
            text.mark = mark
            return text
        if tag == _INT and not _PLAIN_INT.fullmatch(event.value):
            return _int_or_text(event.value, mark)
        if tag == _FLOAT:
            text = LocStr(event.value)
            text.mark = mark
            try:
                return to_decimal_text(text)
            except ValueError:
                return text
        built = self.built.get((tag, event.value), _NOT_LOADED)
        if built is _NOT_LOADED:
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            built = self.built[(tag, event.value)] = self.loader.construct_object(node, deep=True)
        return built

    def sequence(self, event: Any, mark: Mark) -> LocList:
        if event.tag not in (None, "!", _SEQ) or event.anchor is not None:
            raise _Unsure
        items = LocList()
        items.mark = mark
        items.item_marks = marks = []
        event = self.next()
        while type(event) is not yaml.SequenceEndEvent:
            start = event.start_mark
            item_mark = _new_mark((start.line + 1, start.column + 1))
            marks.append(item_mark)
            items.append(self.value(event, item_mark))
            event = self.next()
        return items

    def mapping(self, event: Any, mark: Mark) -> LocDict:
        if event.tag not in (None, "!", _MAP) or event.anchor is not None:
            raise _Unsure
        mapping = LocDict()
        mapping.mark = mark
        mapping.key_marks = key_marks = {}
        mapping.value_marks = value_marks = {}
        next_event, scalar_event = self.next, yaml.ScalarEvent
        event = next_event()
        while type(event) is scalar_event:
            start: Any = event.start_mark  # libyaml marks every event (the stubs allow None)
            key_mark = _new_mark((start.line + 1, start.column + 1))
            key = self.key_text(event, key_mark)
            if key in mapping:
                raise _Unsure  # _Loader's YAML-重复键 finding
            key_marks[key] = key_mark
            event = next_event()
            start = event.start_mark
            value_marks[key] = value_mark = _new_mark((start.line + 1, start.column + 1))
            mapping[key] = self.scalar_value(event, value_mark) if type(event) is scalar_event \
                else self.value(event, value_mark)
            event = next_event()
        if type(event) is not yaml.MappingEndEvent:
            raise _Unsure  # a key that is not a scalar
        return mapping

    def key_text(self, event: Any, mark: Mark) -> str:
        """A mapping's key as text: str() of the key _Loader constructs (_Unsure: one whose text or anchor it reads
        apart)."""
        key = event.value
        if _special(key) or event.anchor is not None:
            raise _Unsure
        # Inline, the test tag() makes first: a plain text that no implicit resolver can claim is a str.
        if event.tag is not None or (event.implicit[0] and not (key and key[0] not in self.maybe_not_str)):
            key = str(self.scalar(event, mark))
        return str(key)

    def scalar_value(self, event: Any, mark: Mark) -> Any:
        """A mapping's scalar value: a plain text that can only be a str made one here (the str case of scalar(),
        inline), any other as scalar() makes it."""
        value = event.value
        if (event.tag is None and event.anchor is None and value and value[0] not in self.maybe_not_str
                and not _special(value)):
            text = LocStr(value)
            text.mark = mark
            return text
        return self.scalar(event, mark)


# An amount is a decimal literal and nothing else: digits (with thousands separators in groups of
# three), at most one point with digits on both sides, an optional sign. Bounded so that a slip
# (30 digits, 1e400) is named rather than printed: 15 integer digits hold any budget in 元.
MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 6
_PLAIN_AMOUNT = regex(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?")
_DECIMAL_LITERAL = regex(r"[+-]?(?:0|[1-9][0-9]*|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.[0-9]+)?")
_PLAIN_INT = regex(r"[+-]?(?:0|[1-9][0-9]*)")


def number_problem(text: str) -> str:
    """Why ``text`` is not a decimal literal, in words a finance officer can act on; '' when it is one."""
    normalized = unicodedata.normalize("NFKC", text).strip()
    if _DECIMAL_LITERAL.fullmatch(normalized):
        return ""
    body = normalized.lstrip("+-")
    return _notation_problem(body) or _separator_problem(body) or "不是数字"


def _notation_problem(body: str) -> str:
    """A number (its sign taken off) in a notation YAML 1.1 reads as another number (hexadecimal, binary, octal,
    base 60) or an exponent's, told with what to write; '' for any other text."""
    if re.fullmatch(r"0[xX][0-9a-fA-F_]+", body):
        return "是十六进制写法（YAML 会把 0x10 读成 16），请写成十进制数"
    if re.fullmatch(r"0[bB][01_]+", body):
        return "是二进制写法（YAML 会把 0b101 读成 5），请写成十进制数"
    if re.fullmatch(r"0[oO]?[0-7_]+", body) or re.fullmatch(r"0[0-9][0-9_]*(?:\.[0-9_]*)?", body):
        return f"以 0 开头（YAML 会把 012 当作八进制读成 10）：请去掉前导零，写成 {body.lstrip('0') or '0'}"
    if re.fullmatch(r"[0-9_]+(?::[0-5]?[0-9])+(?:\.[0-9_]*)?", body):
        return "含冒号（YAML 会把 1:30 当作六十进制读成 90）：请写成十进制数；时间或比例请加引号写成文字"
    if re.fullmatch(r"[0-9_.]*[0-9][eE][+-]?[0-9]+", body):
        return "是科学计数法，请写出全部数字（如 1273.52）"
    return ""


def _separator_problem(body: str) -> str:
    """A number (its sign taken off) with an underscore, a thousands comma out of place or a point without digits on
    both sides, told with what to write; '' for any other text."""
    if "_" in body and re.fullmatch(r"[0-9_.,]+", body):
        return "含下划线，请去掉（千分位用逗号，如 1,273.52）"
    if re.fullmatch(r"[0-9,]+(?:\.[0-9]+)?", body):
        return "千分位逗号的位置不对（应每三位一个，如 1,273.52）"
    if re.fullmatch(r"\.[0-9]+", body) or re.fullmatch(r"[0-9]+\.", body):
        return "小数点前后都应有数字（如 0.5、12.0）"
    return ""


def to_decimal_text(text: str) -> Decimal:
    """Read an amount as written: ``1273.52``, ``1,273.52``, full-width digits, ``１２７３．５２``.

    Raises ValueError (with a Chinese reason quoting the text) for anything else: YAML 1.1's octal,
    hexadecimal, binary and base-60 forms, exponents, leading zeros, misplaced separators, and
    numbers beyond 15 integer or 6 decimal digits.
    """
    if _PLAIN_AMOUNT.fullmatch(text):  # nearly every amount: nothing to normalise
        value = Decimal(text)
        return value + 0 if text[0] == "-" else value  # -0 and -0.00 are 0
    normalized = unicodedata.normalize("NFKC", text).strip()
    quoted = f"“{excerpt(text)}”"
    if normalized.endswith("万元") or normalized.endswith("元"):
        raise ValueError("金额不带单位，单位在“金额单位”中统一给出")
    problem = number_problem(normalized)
    if problem:
        raise ValueError(f"{quoted}{problem}")
    digits = normalized.lstrip("+-").replace(",", "")
    whole, _, fraction = digits.partition(".")
    if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS:
        raise ValueError(f"{quoted}数值过大（整数部分超过 {MAX_INTEGER_DIGITS} 位），请核对")
    if len(fraction) > MAX_FRACTION_DIGITS:
        raise ValueError(f"{quoted}小数位过多（最多 {MAX_FRACTION_DIGITS} 位）")
    return Decimal(normalized.replace(",", "")) + 0


def excerpt(text: str, limit: int = 40) -> str:
    """A short excerpt of a user's text for a message: its first line, cut at ``limit`` characters
    (never a whole file, which may be anything a source's 上年.来源 or 包含 pointed at)."""
    lines = str(text).strip().splitlines() or [""]
    line = " ".join(lines[0].split())
    if len(line) > limit:
        return line[: limit - 1] + "…"
    return line + ("…" if len(lines) > 1 else "")


# Characters a text may not hold as they are. Line breaks of other kinds (Word's soft line break
# \v, a form feed, NEL, the Unicode line and paragraph separators, a lone \r) become a line
# break; every other control character, a lone surrogate or a noncharacter is refused by line
# and column: it cannot be written to a DOCX (XML forbids it) and prints as nothing anywhere.
_SPECIAL_TEXT = regex("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _special(text: str) -> re.Match[str] | None:
    """_SPECIAL_TEXT's first match in ``text``: none where every character but a line break is printable."""
    return None if printable_but(text, "\n") else _SPECIAL_TEXT.search(text)

_LINE_BREAKS = regex("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
MAX_DEPTH = 64  # a source nests about eight levels; thousands would exhaust the recursion

_CHARACTER_NAMES = {
    "\x00": "空字符 NUL",
    "\t": "制表符 Tab",
    "\x0b": "垂直制表符",
    "\x0c": "换页符",
    "\x1b": "转义字符（ESC）",
    "\x7f": "删除符（DEL）",
}


def character_name(char: str) -> str:
    """U+000B and what it is, for a message."""
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"{code}（不成对的代理字符，不是有效的 Unicode 字符）"
    if char in "\ufffe\uffff":
        return f"{code}（Unicode 非字符）"
    return f"{code}（{_CHARACTER_NAMES.get(char, '控制字符')}）"


def checked_text(text: str, file: str, mark: Mark, block: bool = False) -> str:
    """``text`` with other line-break characters made line breaks; raises SourceError naming the
    first character that no text may hold, at its line and column."""
    text = _LINE_BREAKS.sub("\n", text)
    bad = _special(text)
    if bad is None:
        return text
    # In a block scalar (| or >) each line of the text is a line of the file; a quoted or plain
    # scalar folds its lines and expands escapes, so it is named where it starts.
    line, column = (mark.line + 1 + text[: bad.start()].count("\n"), 0) if block else (mark.line, mark.column)
    raise SourceError([Finding(
        "error", "文字-控制字符",
        f"文字中有不能使用的字符 {character_name(bad.group())}：{_remedy(bad.group())}",
        file, line, column)])


def _remedy(char: str) -> str:
    if char == "\t":
        return "请改用空格"
    return "请删除它（要换行请直接换行，或在双引号中写 \\n）"


def _too_deep(file: str, line: int, column: int) -> Finding:
    return Finding("error", "YAML-层级过深", f"嵌套层级过深（超过 {MAX_DEPTH} 层）：预算源文件不需要这么多层，请检查括号或缩进",
                   file, line, column)


def _raw_character(text: str, file: str) -> SourceError | None:
    """A character YAML itself refuses in a file (a control character pasted from Word), named at
    its line and column before parsing, in Chinese."""
    bad = None if printable_but(text, "\t\n\r") else NON_PRINTABLE.search(text)
    if bad is None:
        return None
    before = text[: bad.start()]
    line = before.count("\n") + 1
    column = bad.start() - (before.rfind("\n") + 1) + 1
    hint = "，常由 Word 的手动换行带入" if bad.group() in "\x0b\x0c" else ""
    return SourceError([Finding("error", "文字-控制字符",
                                f"文件中有不能使用的字符 {character_name(bad.group())}{hint}：{_remedy(bad.group())}",
                                file, line, column)])


def load_yaml(path: Path) -> Any:
    """Parse a YAML source file into LocDict/LocList/LocStr/int/Decimal/bool/None values."""
    name = str(path)
    try:
        raw = read_bounded(path, MAX_SOURCE_BYTES, " YAML 预算源文件")
    except InputRefused as exc:
        raise SourceError([Finding("error", "文件", exc.message, name)]) from None
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, name: str) -> Any:
    """YAML text (bytes as read from a file named ``name``) into the values load_yaml returns."""
    text = _utf8_text(raw, name)
    refused = _raw_character(text, name)
    if refused is not None:
        raise refused
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
        raise SourceError([Finding("error", "YAML-语法", f"YAML 格式错误：{excerpt(str(exc), 120)}", name)]) from None
    except RecursionError:  # a bound above should prevent it; never a traceback all the same
        raise SourceError([_too_deep(name, 0, 0)]) from None
    finally:
        loader.dispose()


def _utf8_text(raw: bytes, name: str) -> str:
    """A file's text, UTF-8 (a BOM from Windows Notepad is harmless: taken off); SourceError naming the first line
    that is not (and GBK where it reads as GBK)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
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


_LONGEST_KEY = 1024  # the longest name (simple key) YAML reads


def _long_name(exc: yaml.MarkedYAMLError, problem: str) -> bool:
    """Whether the error (``problem``: a colon where none may be, or none where one must be) stands at the colon after
    a name of more than _LONGEST_KEY characters on its line (a plain name: no colon before it)."""
    if "could not find expected ':'" not in problem and "mapping values are not allowed" not in problem:
        return False
    mark = exc.problem_mark
    buffer = getattr(mark, "buffer", None)
    if mark is None or not isinstance(buffer, str) or mark.column <= _LONGEST_KEY:
        return False
    before = buffer[buffer.rfind("\n", 0, mark.pointer) + 1:mark.pointer].lstrip(" -")
    return len(before) > _LONGEST_KEY and ": " not in before


_PROBLEMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("tab", "\\t"), "YAML 格式错误：缩进中含有制表符（Tab），请改用空格缩进"),
    (("mapping values are not allowed",), "YAML 格式错误：此处不应出现冒号“:”（是否漏了缩进或换行？含冒号的文字请加引号）"),
    (("could not find expected ':'",), "YAML 格式错误：缺少冒号“:”（每个字段应写成“名称: 值”）"),
    (("found character",), "YAML 格式错误：出现不能作为开头的字符（{problem}），含特殊字符的文字请加引号"),
    (("did not find expected", "expected <block end>"), "YAML 格式错误：缩进不一致（同一层级的字段应对齐）"),
)


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    """The Chinese message of a YAML error: the first of _PROBLEMS whose words PyYAML's problem holds, else its own."""
    problem = (exc.problem or "").strip()
    if _long_name(exc, problem):
        # YAML takes a name of more than 1,024 characters for no name (a 正文金额 name pasted with a paragraph)
        return f"YAML 格式错误：名称过长（这一行的名称超过 {_LONGEST_KEY} 个字符，YAML 不把它当作名称）：请写短的名称"
    for words, message in _PROBLEMS:
        if any(word in problem for word in words):
            return message.format(problem=problem)
    return f"YAML 格式错误：{problem or exc}"
