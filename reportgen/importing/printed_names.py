"""The code–name pairs a table prints that the source does not carry, judged where they are read.

R-科目名称 (checks/budget.py) judges the name of each coded row written into the source. Some tables read
print codes with names and are not written so: 北京's 支出总表 crossing the 功能分类 with both economic
classifications (a cell “2050305-高等职业教育” beside “50501-工资福利支出” and “30101-基本工资”) where the fund
tables give the function rows, a table of units' rows printed in turn, a 决算's fund table all of 0. Each
such pair is judged here as R-科目名称 judges a mistyped code: a code printed with the name of another code
of its parent (the code's own name is not it) is a slip of the code, told with both codes. A name the
line's width cut short (“2130306-水利工程运行与维”) is the start of the code's name, not another name; a
code the catalogue lacks printed with a name no other code of its parent bears stays unjudged."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from reportgen import codes
from reportgen.base.patterns import regex
from reportgen.importing.recognition.recognize import Table, cell_text
from reportgen.importing.recognition.rows import LABEL_MEANINGS, Row
from reportgen.importing.tree import Placed, Tree

# a code joined to its name in one cell (北京: “2050305-高等职业教育”, “50502-商品和服务支出”)
_JOINED = regex(r"(?<![\d.])(\d{3}(?:\d{2}){1,2})[-－](?=[^\d\s])([^\s\d]{1,40})")
_SHORTEST_CUT = 4  # a name cut short by the line's width keeps at least this many characters


def misnamed(tables: Iterable[Table], rows: dict[str, list[Row]], year: int | None, tree: Tree,
             unread: frozenset[str] = frozenset()) -> list[str]:
    """A message for each code a table prints with the name of another code of its parent, the source not
    holding that code with a name of its own (R-科目名称 judges those) — but in the tables of the kinds ``unread``
    (not read for sure: what the source holds of the code is another table's)."""
    if year is None:
        return []
    written = set(_named_codes(tree))
    seen: dict[tuple[str, str], list[str]] = {}
    for table in tables:
        for code, name, where in _pairs(table, rows.get(table.kind.id, [])):
            if code not in written or table.kind.id in unread:
                seen.setdefault((code, codes.normalised_name(name)), []).append(f"{table.kind.id} {where}")
    out = []
    for (code, name), places in seen.items():
        other = _other_code_named(code, name, year)
        if other:
            out.append(_misnamed_note(code, name, other, places, year))
    return out


def _misnamed_note(code: str, name: str, other: str, places: list[str], year: int) -> str:
    kind = codes.kind_of_code(code)
    own = codes.lookup(kind, code, year) if kind is not None else None
    said = f"{year} 年科目表中 {code} 为“{own.name}”" if own is not None else f"{code} 不在 {year} 年科目表中"
    more = f"等 {len(places)} 处" if len(places) > 1 else ""
    return (f"{places[0]}{more}：科目 {code} 印作“{name}”，而“{name}”是同一上级下 {other} 的名称（{said}）："
            "编码与名称不符，请核对编码")


def _pairs(table: Table, rows: list[Row]) -> Iterator[tuple[str, str, str]]:
    """(code, name, where) of each coded row and each cell of a label column joining a code to its name."""
    for row in rows:
        if row.code and row.name:
            yield row.code, row.name, row.where
        if row.second and all(row.second):
            yield row.second[0], row.second[1], row.where
    yield from _joined_in_labels(table)


def _joined_in_labels(table: Table) -> Iterator[tuple[str, str, str]]:
    """(code, name, where) of each cell of a label column that joins a code to its name."""
    labels = [col for col, meaning in table.columns.items() if meaning in LABEL_MEANINGS]
    grid = table.grid
    for index in range(table.body_start, len(grid.rows)):
        cells = grid.rows[index]
        for col in labels:
            if col < len(cells):
                for found in _JOINED.finditer(cell_text(cells[col])):
                    yield found.group(1), found.group(2), grid.where(index, col)


def _other_code_named(code: str, name: str, year: int) -> str:
    """The one other code of ``code``'s parent whose name ``name`` is (or begins, cut short), where it is
    not ``code``'s own name; "" otherwise."""
    kind = codes.kind_of_code(code)
    if kind is None or len(code) == 3 or not name:
        return ""
    if codes.name_status(kind, code, name, year) in ("ok", "outdated"):
        return ""
    own = codes.lookup(kind, code, year)
    if own is not None and _begins(name, own.name):
        return ""
    others = [e.code for e in codes.siblings(kind, code, year) if _begins(name, e.name)]
    return others[0] if len(others) == 1 else ""


def _begins(printed: str, name: str) -> bool:
    """Whether ``printed`` is ``name``, or its start cut short by the line's width."""
    whole = codes.normalised_name(name)
    return printed == whole or (len(printed) >= _SHORTEST_CUT and whole.startswith(printed))


def _named_codes(tree: object) -> Iterator[str]:
    """The codes the source writes with a 名称 of their own (R-科目名称 judges them)."""
    if isinstance(tree, dict):
        code, name = tree.get("科目"), tree.get("名称")
        if code is not None and name is not None:
            yield str(code.value if isinstance(code, Placed) else code)
        for value in tree.values():
            yield from _named_codes(value)
    elif isinstance(tree, list):
        for item in tree:
            yield from _named_codes(item)
