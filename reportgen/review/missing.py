"""Which of the tables a disclosure must publish, and whose table was not found in it, are told as missing.

The national template's set of tables is not every region's (江苏's provincial budgets of 2017–2019 publish
twelve tables of their own and no 国有资本经营预算支出表, and say nothing of 国有资本): a table not found is a
slip of the document only where the document itself implies it — a 部门决算 (its nine tables are the
nation's), a layout whose set includes it (a 版式 the document was known by), its text or 目录 naming the
table, or its tables' numbers skipping one (公开01表 … 公开03表 with no 公开02表). Any other is told as a
neutral notice: not published, its absence no finding."""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.base.patterns import regex
from reportgen.importing import Catalog, TableKind, normalized, title_kind

# A table's number as a title or its own line prints it: 公开01表, 公开 01 表：…, 部门预算公开10表, 表3, 附表3, 预算01表
_NUMBER = regex(r"^(?:部门预算)?(?:公开|附表|预算|表)0?(\d{1,2})表?(?:[：:、.．]|$)")
_LEADERS = regex(r"[.．。…·\-－—_\s]*\d*$")  # a 目录 line's dots and page number
_NUMBERS_LEAST = 3  # numbered tables, at least: a numbering a document keeps to


def implied(missing: list[TableKind], texts: Iterable[str], catalog: Catalog, *, final: bool,
            layout: bool) -> tuple[list[TableKind], list[TableKind]]:
    """Of the tables ``missing``, those the document implies (told missing) and the others (not published,
    a neutral notice). ``texts``: the document's lines and its tables' title rows."""
    if final or layout or not missing:
        return missing, []
    lines = [normalized(text) for text in texts]
    if _skips(lines):
        return missing, []
    named = _tables_named(lines, missing, catalog)
    return [k for k in missing if k.id in named], [k for k in missing if k.id not in named]


def _tables_named(lines: list[str], missing: list[TableKind], catalog: Catalog) -> set[str]:
    """The tables (by id) a document's lines name: by a title, or (of those missing) by their own words."""
    named = {kind.id for line in lines if (kind := title_kind(_LEADERS.sub("", line), catalog)) is not None}
    return named | {kind.id for kind in missing for line in lines if _names(line, kind)}


def _skips(lines: list[str]) -> bool:
    """Whether the tables' numbers printed skip one (1, 2, 4 …)."""
    numbers = {int(found.group(1)) for line in lines if (found := _NUMBER.match(line)) is not None}
    return len(numbers) >= _NUMBERS_LEAST and not set(range(1, max(numbers) + 1)) <= numbers


_NAME_LEAST = 7  # characters: a name this long is the table's wherever it is written (国有资本经营预算支出表)


def _names(line: str, kind: TableKind) -> bool:
    """Whether a line of text names the table by one of its long names (“国有资本经营预算支出表为空表”)."""
    return any(len(name) >= _NAME_LEAST and name in line for name in kind.names)
