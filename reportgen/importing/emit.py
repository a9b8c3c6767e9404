"""The imported source as a value (ImportedSource): its tree, every figure and word with its place,
and its header's words. Its YAML text — block mappings, one flow mapping per table row, and each
figure's place as a comment beside it; the header comment is templates/source/import.yaml.j2 — is
made for the file written; a review or a check takes the value as read (emit_tree.py), with the
lines and columns of that text, without making or parsing it."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.base.patterns import regex
from reportgen.importing.emit_tree import ScalarText, in_block, listed_scalar, read_back
from reportgen.importing.tree import Node, Placed, Tree
from reportgen.reading.yamlsafe import LocDict, parse_yaml
from reportgen.runners.rollover import render_header, scalar

INDENT = "  "
_BREAKS_OR_CONTROLS = regex("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_PLAIN = regex("[\u4e00-\u9fff\u3001\u3002\u300a-\u300f\uff08\uff09\uff0c\uff1b\u201c\u201d]+")


@dataclass(frozen=True, eq=False)
class ImportedSource:
    """A source the import made: ``tree`` and the words of its header (a copy, each on one line).
    ``text`` is the YAML written to disk; ``named(path)`` is the source a review or check reads, as
    if read from that text written at ``path``. The tree is not changed once it is made (a source
    made otherwise is a new ImportedSource: pipeline.prior_files, with_units)."""

    tree: Tree
    header: dict[str, Any]
    # each value's text as written, by the value's identity: in a flow mapping (a row), in a block
    _in_flow: dict[int, str] = field(default_factory=dict, init=False, repr=False)
    _in_block: dict[int, str] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "header", _one_line(self.header))

    @functools.cached_property
    def head(self) -> str:
        """The header comment (templates/source/import.yaml.j2), each line ending in a line break."""
        return render_header("import.yaml.j2", **self.header)

    @property
    def text(self) -> str:
        """The YAML text of the file written."""
        lines: list[str] = []
        _mapping(self.tree, 0, lines, self._scalar)
        return self.head + "\n".join(lines) + "\n"

    def named(self, path: Path) -> NamedSource:
        """This source as read from its text written at ``path`` (render.prepare takes it)."""
        return NamedSource(self, path)

    def values(self, path: Path) -> Any:
        """What the YAML reader reads from ``text`` (named ``path``): made from the tree where
        nothing can differ, else the text made and parsed. Anew on each call."""
        made = self.made()
        return made if made is not None else parse_yaml(self.text.encode("utf-8"), str(path))

    def made(self) -> LocDict | None:
        """What the YAML reader reads from ``text``, made from the tree without the text
        (emit_tree.py); None where they could differ."""
        return read_back(self.tree, self.head.count("\n") + 1, self._scalar)

    def _scalar(self, node: Placed, flow: bool) -> str:
        """The value's text as written (made once: the text and the values read both ask)."""
        made = self._in_flow if flow else self._in_block
        text = made.get(id(node))
        if text is None:
            made[id(node)] = text = _scalar_text(node, flow)
        return text


@dataclass(frozen=True)
class NamedSource:
    """An imported source named as the file it is written as: a source.loader.SourceInput."""

    source: ImportedSource
    path: Path

    def values(self) -> Any:
        return self.source.values(self.path)


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


def _mapping(tree: Tree, depth: int, lines: list[str], scalar_of: ScalarText) -> None:
    pad = INDENT * depth
    for key, node in tree.items():
        if isinstance(node, Placed):
            lines.append(_commented(f"{pad}{key}: {scalar_of(node, False)}", node.where))
        elif isinstance(node, list) and not node:
            lines.append(f"{pad}{key}: []")
        elif isinstance(node, list):
            lines.append(f"{pad}{key}:")
            for item in node:
                if list(item) == [""]:
                    lines.append(_item(item, pad + INDENT, scalar_of))
                elif in_block(item):
                    _block_item(item, pad + INDENT, lines, scalar_of)
                else:
                    lines.append(_row(item, pad + INDENT, scalar_of))
        else:
            lines.append(f"{pad}{key}:")
            _mapping(node, depth + 1, lines, scalar_of)


def _row(item: Tree, pad: str, scalar_of: ScalarText) -> str:
    fields = []
    where = ""
    for key, node in item.items():
        if isinstance(node, Placed):
            fields.append(f"{key}: {scalar_of(node, True)}")
            where = where or node.where
        elif isinstance(node, dict):  # a mapping inside a row: 政府经济分类 {50905: 460.5, 50999: 9.4}
            inner = ", ".join(f"{k}: {scalar_of(v, True)}" for k, v in node.items() if isinstance(v, Placed))
            fields.append(f"{key}: {{{inner}}}")
        else:
            raise ValueError(f"a list inside a row cannot be written: {key}")
    return _commented(f"{pad}- {{{', '.join(fields)}}}", where)


def _block_item(item: Tree, pad: str, lines: list[str], scalar_of: ScalarText) -> None:
    """An item holding a list (a 项目经费情况说明 whose part has several paragraphs) or mappings (a unit's 收入 and
    支出): a block mapping under its “- ”, each list's plain items under its key, each mapping's keys under it."""
    for index, (key, node) in enumerate(item.items()):
        lead = f"{pad}- " if index == 0 else f"{pad}  "
        if isinstance(node, Placed):
            lines.append(_commented(f"{lead}{key}: {scalar_of(node, False)}", node.where))
        else:
            lines.append(f"{lead}{key}:")
            _under_block_key(key, node, pad, lines, scalar_of)


def _under_block_key(key: str, node: Node, pad: str, lines: list[str], scalar_of: ScalarText) -> None:
    """What a block item's key holds, under it: a list's plain items, or a mapping's keys."""
    if isinstance(node, list) and node:
        _block_list(key, node, pad + INDENT + INDENT, lines, scalar_of)
    elif isinstance(node, dict) and node:
        _mapping(node, len(pad) // len(INDENT) + 2, lines, scalar_of)
    else:
        raise ValueError(f"only texts, lists of texts or rows and mappings in a block item: {key}")


def _block_list(key: str, node: list[Tree], pad: str, lines: list[str], scalar_of: ScalarText) -> None:
    """A list under a block item's key: plain items (a part's paragraphs), or rows (a 款's 目)."""
    if all(list(each) == [""] for each in node):
        lines += [_item(each, pad, scalar_of) for each in node]
    elif not any(in_block(each) for each in node):
        lines += [_row(each, pad, scalar_of) for each in node]
    else:
        raise ValueError(f"only texts, lists of texts or rows and mappings in a block item: {key}")


def _item(item: Tree, pad: str, scalar_of: ScalarText) -> str:
    """A list's plain item (a duty, a unit's name), written as ``{"": Placed}``."""
    node = item[""]
    assert isinstance(node, Placed)
    return _commented(f"{pad}- {scalar_of(node, False)}", node.where)


def _scalar_text(node: Placed, flow: bool) -> str:
    if isinstance(node.value, list):
        return "[" + ", ".join(listed_scalar(v) for v in node.value) + "]"
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


def walk(tree: Tree, key: str | None = None) -> list[Placed]:
    """Every figure and word of the tree, in order; with ``key``, those held under that key alone."""
    found: list[Placed] = []

    def visit(node: Node, name: str) -> None:
        if isinstance(node, Placed):
            if key is None or name == key:
                found.append(node)
        elif isinstance(node, list):
            for item in node:
                visit(item, name)
        else:
            for child_key, child in node.items():
                visit(child, child_key)

    visit(tree, "")
    return found
