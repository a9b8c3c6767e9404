"""A document without budget tables (a published page whose tables are images, a PDF of prose): the
figures its prose states, each placed by its line and the sentence it stands in, into a partial
source in the partial-knowledge fields (收入.收入总计 with 其余未公开, 支出.合计, 支出.基本支出.合计 …);
what the text does not state is not written (never a 0). The words are prose_fields.yaml; the figures
are read as `review` reads a draft's (readers/statements.py)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from reportgen.importing.build import Imported
from reportgen.importing.text_parts import DocLine
from reportgen.importing.tree import Placed, Tree
from reportgen.readers.lines import Line
from reportgen.readers.statements import Statement, read_statements

_TITLE = re.compile(r"^([\u4e00-\u9fff（）()]{2,60}?)(?:部门)?(\d{4})年度?(?:部门|单位)?预算")
_YEAR = re.compile(r"^(\d{4})年度?")
_FACTOR = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_SENTENCE = 40  # characters of the sentence kept beside a figure's place


@functools.cache
def _words() -> dict[str, Any]:
    path = Path(__file__).with_name("prose_fields.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert isinstance(data, dict), path
    return data


UNSTATED_INCOME = "正文没有说到的收入来源：未公开，不当作 0"  # the comment beside 其余未公开

def prose_source(lines: list[DocLine]) -> Imported | None:
    """The source of a document whose prose states its figures; None where it states none the words
    know (or names no department and year)."""
    title = next((m for line in lines[:40] if (m := _TITLE.search("".join(line.text.split()))) is not None), None)
    if title is None:
        return None
    statements = read_statements([Line(index, line.text) for index, line in enumerate(lines, start=1)])
    year = int(title.group(2))
    found = _fields(statements, year, title.group(1))
    if not found:
        return None
    units = Counter(st.unit for st, _ in found.values() if st.unit in ("元", "万元"))
    unit = units.most_common(1)[0][0] if units else "万元"
    imported = Imported({}, department=title.group(1), year=year, unit=unit)
    tree = imported.tree
    tree["部门"] = Placed(imported.department, lines[0].where if lines else "")
    tree["年度"] = Placed(year)
    tree["金额单位"] = Placed(unit)
    for path, (st, label) in found.items():
        amount = (st.value or Decimal(0)) * _FACTOR[st.unit] / _FACTOR[unit]
        where = f"{lines[st.line - 1].where}“{label}”：{st.sentence[:_SENTENCE]}"
        _put(tree, path.split("."), Placed(amount.normalize() if amount else Decimal(0), " ".join(where.split())))
    income = tree.get("收入")
    if isinstance(income, dict):
        income["其余未公开"] = Placed(True, UNSTATED_INCOME)
    return imported


def _fields(statements: list[Statement], year: int, department: str) -> dict[str, tuple[Statement, str]]:
    """Each field the text names with an amount of this year, the first time it names it."""
    names = {name: field for field, words in _words()["字段"].items() for name in words}
    found: dict[str, tuple[Statement, str]] = {}
    for st in statements:
        if st.kind != "amount" or st.value is None or st.unit not in _FACTOR:
            continue
        label = _label(st.label, year, department)
        field = names.get(label) if label is not None else None
        if field is not None and field not in found:
            found[field] = (st, label or "")
    return found


def _label(label: str, year: int, department: str) -> str | None:
    """The label as the words name it: its year (this year's only: another year's is None), the
    department that opens it (“2026年，上海市普陀区…委员会收入预算”) and the joining words off."""
    plain = "".join(label.split())
    if (stated := _YEAR.match(plain)) is not None:
        if int(stated.group(1)) != year:
            return None
        plain = plain[stated.end():]
    plain = plain.lstrip("，,：:")
    for name in (department, "本部门", "本单位", "我部门", "我单位"):
        if name and plain.startswith(name) and len(plain) > len(name):
            plain = plain[len(name):]
    words = _words()
    changed = True
    while changed:
        changed = False
        for word in words["前"]:
            if plain.startswith(word) and len(plain) > len(word):
                plain, changed = plain[len(word):], True
        for word in words["后"]:
            if plain.endswith(word) and len(plain) > len(word):
                plain, changed = plain[:-len(word)], True
    return plain


def _put(tree: Tree, path: list[str], value: Placed) -> None:
    node = tree
    for key in path[:-1]:
        child = node.setdefault(key, {})
        assert isinstance(child, dict)
        node = child
    node[path[-1]] = value
