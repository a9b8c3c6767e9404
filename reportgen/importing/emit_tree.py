"""The imported source as the YAML reader would read its text (emit.py), made from its tree and the
text of each value without the text itself: the same LocDict, LocList and LocStr values with the
same marks (line and column of every key, value and item, in the file as written), ints and
Decimals as the text's numbers read. A review or the import's own check then takes the source as it
is, never writing and parsing its YAML: 0.9 s of a 20,000-row import's 4.2 s went to reading its
own YAML back.

Made only where nothing can differ: every key a plain Han word or a number, every text plain or
quoted as ``rollover.scalar`` quotes it, nothing escaped (a line break or control character in a
name, which the reader normalises or names): anything else gives None, and the text is parsed.
tests/test_import_readback.py holds every imported fixture's tree equal to the parsed text's, marks
included."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from reportgen.base.errors import Internal
from reportgen.base.patterns import regex
from reportgen.importing.tree import Placed, Tree
from reportgen.reading.yamlsafe import LocDict, LocList, LocStr, Mark, to_decimal_text
from reportgen.runners.rollover import scalar

INDENT = "  "
_KEY = regex(r"[\u4e00-\u9fff\u3001\u3002\u300a-\u300f\uff08\uff09\uff0c\uff1b\u201c\u201d]+|[1-9][0-9]*")
_INT = regex(r"-?(?:0|[1-9][0-9]*)")
# What the reader normalises, names or reads otherwise (yamlsafe's special text, and what PyYAML's
# reader refuses): a text holding any of it is parsed.
_SPECIAL = regex("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def in_block(item: Tree) -> bool:
    """Whether emit writes a list's item as a block mapping under its “- ” (emit._block_item): an item holding a
    list (a 项目经费情况说明's paragraphs) or a mapping of more than values (a unit's 收入 and 支出); a row else."""
    return any(isinstance(value, list) or isinstance(value, dict) and not all(isinstance(v, Placed) for v in value.values())
               for value in item.values())


class _Differs(Internal):
    """What the text says may not be read back as written here: parse the text instead."""


# The text emit writes for a value: in a flow mapping (a table's row) or not.
ScalarText = Callable[[Placed, bool], str]


def read_back(tree: Tree, first_line: int, written: ScalarText) -> LocDict | None:
    """The tree as parse_yaml reads its text, whose first key stands on ``first_line``; ``written``
    gives the text emit writes for each value. None where that cannot be told without parsing."""
    try:
        return _Builder(written).mapping(tree, first_line, 0)[0]
    except _Differs:
        return None


class _Builder:
    def __init__(self, written: ScalarText) -> None:
        self.written = written

    def mapping(self, tree: Tree, line: int, depth: int) -> tuple[LocDict, int]:
        """The block mapping ``tree`` starting on ``line``; and the line after it."""
        column = len(INDENT) * depth + 1
        out = _loc_dict(Mark(line, column))
        for key, node in tree.items():
            value_column = column + len(self._key(key)) + 2
            out.key_marks[key] = Mark(line, column)
            if isinstance(node, Placed):
                out.value_marks[key] = mark = Mark(line, value_column)
                out[key] = self.value(node, self.written(node, False), mark)
                line += 1
            elif isinstance(node, list) and not node:
                out.value_marks[key] = mark = Mark(line, value_column)
                out[key] = _loc_list(mark)
                line += 1
            elif isinstance(node, list):
                out.value_marks[key] = mark = Mark(line + 1, column + len(INDENT))
                out[key], line = self.sequence(node, line + 1, column + len(INDENT))
            elif node:
                out.value_marks[key] = Mark(line + 1, column + len(INDENT))
                out[key], line = self.mapping(node, line + 1, depth + 1)
            else:
                raise _Differs  # “key:” alone reads as null
        return out, line

    def sequence(self, items: list[Tree], line: int, column: int) -> tuple[LocList, int]:
        out = _loc_list(Mark(line, column))
        for item in items:
            mark = Mark(line, column + 2)
            out.item_marks.append(mark)
            plain = item.get("") if list(item) == [""] else None
            if isinstance(plain, Placed):
                out.append(self.value(plain, self.written(plain, False), mark))
            elif in_block(item):
                block, line = self.block(item, line, column + 2)
                out.append(block)
                continue
            else:
                out.append(self.row(item, line, column + 2))
            line += 1
        return out, line

    def block(self, item: Tree, line: int, column: int) -> tuple[LocDict, int]:
        """A block mapping as a list's item (emit._block_item), its first key at ``column``; and the
        line after it."""
        out = _loc_dict(Mark(line, column))
        for key, node in item.items():
            out.key_marks[key] = Mark(line, column)
            if isinstance(node, Placed):
                out.value_marks[key] = mark = Mark(line, column + len(self._key(key)) + 2)
                out[key] = self.value(node, self.written(node, False), mark)
                line += 1
            elif isinstance(node, list):
                self._key(key)
                out.value_marks[key] = Mark(line + 1, column + len(INDENT))
                out[key], line = self.sequence(node, line + 1, column + len(INDENT))
            elif isinstance(node, dict) and node:  # a unit's 收入, its 支出: a block mapping under the key
                self._key(key)
                out.value_marks[key] = Mark(line + 1, column + len(INDENT))
                out[key], line = self.mapping(node, line + 1, (column + 1) // len(INDENT))
            else:
                raise _Differs  # “key:” alone reads as null
        return out, line

    def row(self, item: Tree, line: int, column: int) -> LocDict:
        """A flow mapping ``{key: value, …}`` whose brace stands at ``column``."""
        out = _loc_dict(Mark(line, column))
        at = column + 1
        for key, node in item.items():
            out.key_marks[key] = Mark(line, at)
            at += len(self._key(key)) + 2
            out.value_marks[key] = mark = Mark(line, at)
            if isinstance(node, Placed):
                text = self.written(node, True)
                out[key] = self.value(node, text, mark)
                at += len(text) + 2
            else:
                out[key], width = self.inner(node, line, at)
                at += width + 2
        return out

    def inner(self, node: Any, line: int, column: int) -> tuple[LocDict, int]:
        """A mapping inside a row (政府经济分类 {50905: 460.5}); and its width."""
        out = _loc_dict(Mark(line, column))
        at = column + 1
        for key, value in node.items():
            if not isinstance(value, Placed):
                continue
            out.key_marks[key] = Mark(line, at)
            at += len(self._key(key)) + 2
            out.value_marks[key] = mark = Mark(line, at)
            text = self.written(value, True)
            out[key] = self.value(value, text, mark)
            at += len(text) + 2
        if not out:
            raise _Differs  # “{}”
        return out, at - 2 - column + 1

    def value(self, node: Placed, text: str, mark: Mark) -> Any:
        """The value ``node``, written as ``text`` at ``mark``, as the reader reads it."""
        if isinstance(node.value, list):
            return self.items(node.value, text, mark)
        return _scalar(node.value, text, mark)

    def items(self, values: list[Any], text: str, mark: Mark) -> LocList:
        """A flow list ``[a, b]`` of scalars, as rollover.scalar writes each."""
        out = _loc_list(mark)
        at = mark.column + 1
        for value in values:
            out.item_marks.append(item_mark := Mark(mark.line, at))
            if isinstance(value, dict):  # a held header's cell spanning columns or rows: {文字: 财政拨款, 跨列: 4}
                cell, width = self.cell(value, item_mark)
                out.append(cell)
                at += width + 2
                continue
            written = listed_scalar(value)
            out.append(_scalar(value, written, item_mark))
            at += len(written) + 2
        if values and at - 2 != mark.column + len(text) - 1:  # the closing bracket where it was written
            raise _Differs
        return out

    def cell(self, values: dict[str, Any], mark: Mark) -> tuple[LocDict, int]:
        """A flow mapping of scalars in a flow list, its brace at ``mark``; and its width."""
        out = _loc_dict(mark)
        at = mark.column + 1
        for key, value in values.items():
            out.key_marks[key] = Mark(mark.line, at)
            at += len(self._key(key)) + 2
            out.value_marks[key] = value_mark = Mark(mark.line, at)
            written = listed_scalar(value)
            out[key] = _scalar(value, written, value_mark)
            at += len(written) + 2
        if not out:
            raise _Differs  # “{}”
        return out, at - 2 - mark.column + 1

    @staticmethod
    def _key(key: str) -> str:
        if not _KEY.fullmatch(key):
            raise _Differs  # a key written as it is must read back as itself
        return key


def listed_scalar(value: Any) -> str:
    """An item of a flow list as written: an amount with the places it holds (a 印出表's 187.70 stays 187.70: the
    places it was printed with), a mapping (a held header's cell spanning columns: {文字: 财政拨款, 跨列: 4}) a flow
    mapping, anything else as rollover.scalar writes it."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {listed_scalar(item)}" for key, item in value.items()) + "}"
    return format(value, "f") if isinstance(value, Decimal) else scalar(value, flow=True)


def _scalar(value: Any, text: str, mark: Mark) -> Any:
    """``value`` as the reader reads ``text``, the way emit wrote it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (Decimal, int)):
        try:
            return int(text) if _INT.fullmatch(text) else to_decimal_text(text)
        except ValueError:
            raise _Differs from None  # beyond what an amount may be: read as the reader reads it
    if not isinstance(value, str) or text.startswith("'") or _SPECIAL.search(value):
        raise _Differs
    if text.startswith('"'):
        if json.loads(text) != value:
            raise _Differs
    elif text != value:
        raise _Differs
    made = LocStr(value)
    made.mark = mark
    return made


def _loc_dict(mark: Mark) -> LocDict:
    made = LocDict()
    made.mark, made.key_marks, made.value_marks = mark, {}, {}
    return made


def _loc_list(mark: Mark) -> LocList:
    made = LocList()
    made.mark, made.item_marks = mark, []
    return made
