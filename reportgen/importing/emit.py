"""The imported source as YAML text: block mappings, one flow mapping per table row, and each
figure's place as a comment beside it. The header comment is templates/source/import.yaml.j2."""

from __future__ import annotations

import re
from typing import Any

from reportgen.importing.emit_tree import read_back
from reportgen.importing.tree import Node, Placed, Tree
from reportgen.reading.yamlsafe import LocDict
from reportgen.rollover import render_header, scalar

INDENT = "  "
_BREAKS_OR_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_PLAIN = re.compile("[\u4e00-\u9fff\u3001\u3002\u300a-\u300f\uff08\uff09\uff0c\uff1b\u201c\u201d]+")


# The tree each text was written from, as the YAML reader reads that text back (emit_tree.py): the
# import checks what it wrote without parsing it again. The last few texts written, by their text.
_READ_BACK: dict[str, LocDict | None] = {}
_KEPT = 4


def source_text(tree: Tree, header: dict[str, Any]) -> str:
    lines: list[str] = []
    written: dict[int, str] = {}
    _mapping(tree, 0, lines, written)
    head = render_header("import.yaml.j2", **_one_line(header))
    text = head + "\n".join(lines) + "\n"
    if len(_READ_BACK) >= _KEPT:
        _READ_BACK.pop(next(iter(_READ_BACK)))
    _READ_BACK[text] = read_back(tree, head.count("\n") + 1, written)
    return text


def read_back_of(text: str) -> LocDict | None:
    """What parse_yaml reads ``text`` as, where source_text wrote it and could tell; else None. Given
    once (a loader may take the values it is given for its own)."""
    return _READ_BACK.pop(text, None)


def _one_line(value: Any) -> Any:
    """The header's words (names read from the files) without a line break of any kind: each is
    written into a comment, which a line separator (U+2028, NEL …) would end early."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {k: _one_line(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_one_line(v) for v in value]
    return value


def _mapping(tree: Tree, depth: int, lines: list[str], written: dict[int, str]) -> None:
    pad = INDENT * depth
    for key, node in tree.items():
        if isinstance(node, Placed):
            lines.append(_commented(f"{pad}{key}: {_scalar(node, written)}", node.where))
        elif isinstance(node, list) and not node:
            lines.append(f"{pad}{key}: []")
        elif isinstance(node, list):
            lines.append(f"{pad}{key}:")
            for item in node:
                if list(item) == [""]:
                    lines.append(_item(item, pad + INDENT, written))
                elif any(isinstance(value, list) for value in item.values()):
                    _block_item(item, pad + INDENT, lines, written)
                else:
                    lines.append(_row(item, pad + INDENT, written))
        else:
            lines.append(f"{pad}{key}:")
            _mapping(node, depth + 1, lines, written)


def _row(item: Tree, pad: str, written: dict[int, str]) -> str:
    fields = []
    where = ""
    for key, node in item.items():
        if isinstance(node, Placed):
            fields.append(f"{key}: {_scalar(node, written, flow=True)}")
            where = where or node.where
        elif isinstance(node, dict):  # a mapping inside a row: 政府经济分类 {50905: 460.5, 50999: 9.4}
            inner = ", ".join(f"{k}: {_scalar(v, written, flow=True)}" for k, v in node.items() if isinstance(v, Placed))
            fields.append(f"{key}: {{{inner}}}")
        else:
            raise ValueError(f"a list inside a row cannot be written: {key}")
    return _commented(f"{pad}- {{{', '.join(fields)}}}", where)


def _block_item(item: Tree, pad: str, lines: list[str], written: dict[int, str]) -> None:
    """An item holding a list (a 项目经费情况说明 whose part has several paragraphs): a block mapping
    under its “- ”, each list's plain items under its key."""
    for index, (key, node) in enumerate(item.items()):
        lead = f"{pad}- " if index == 0 else f"{pad}  "
        if isinstance(node, Placed):
            lines.append(_commented(f"{lead}{key}: {_scalar(node, written)}", node.where))
        elif isinstance(node, list) and node and all(list(each) == [""] for each in node):
            lines.append(f"{lead}{key}:")
            lines += [_item(each, pad + INDENT + INDENT, written) for each in node]
        else:
            raise ValueError(f"only texts and lists of texts in a block item: {key}")


def _item(item: Tree, pad: str, written: dict[int, str]) -> str:
    """A list's plain item (a duty, a unit's name), written as ``{"": Placed}``."""
    node = item[""]
    assert isinstance(node, Placed)
    return _commented(f"{pad}- {_scalar(node, written)}", node.where)


def _scalar(node: Placed, written: dict[int, str], flow: bool = False) -> str:
    """The value's text, kept in ``written`` (by the node's identity) for emit_tree."""
    written[id(node)] = text = _scalar_text(node, flow)
    return text


def _scalar_text(node: Placed, flow: bool) -> str:
    if isinstance(node.value, list):
        return "[" + ", ".join(scalar(v, flow=True) for v in node.value) + "]"
    if isinstance(node.value, str) and _PLAIN.fullmatch(node.value):
        return node.value  # Han characters and full-width punctuation only: plain YAML, read back as written
    if isinstance(node.value, str) and _BREAKS_OR_CONTROLS.search(node.value):
        return _escaped(node.value)  # written as read, escaped: check then says what is wrong with it, and where
    return scalar(node.value, flow=flow)


def _escaped(text: str) -> str:
    """A double-quoted YAML scalar with every line break and control character escaped."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _BREAKS_OR_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", body) + '"'


def _commented(line: str, where: str) -> str:
    where = " ".join(where.split())  # a sheet's name may hold a line break: a comment must not end early
    return f"{line}   # {where}" if where else line


def walk(tree: Tree) -> list[Placed]:
    """Every figure and word of the tree, in order."""
    found: list[Placed] = []

    def visit(node: Node) -> None:
        if isinstance(node, Placed):
            found.append(node)
        elif isinstance(node, list):
            for item in node:
                visit(item)
        else:
            for child in node.values():
                visit(child)

    visit(tree)
    return found
