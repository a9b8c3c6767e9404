"""How much of a document review read: the amounts its lines print (readers' lines, every file of it),
and of them those read onto a table's rows (a field's figure, or a 合计 or part the rows compared) or
read as a statement of its prose (a cell of a table line counts only where it was matched to a figure).
A document of which fewer than READ_AT_LEAST of its printed amounts were read is not reviewed: it is
told 未能审核 (“读出 N 个数中的 M 个”), never passed.

READ_AT_LEAST is set from the measured distribution (bench/review_eval.py's documents, PDFs): on the
Shanghai corpus (bench/corpus, 10 budgets) and the 8 上海市级 unit budgets every document read 84 % or
more of its printed amounts (职业能力考试院 84 %, wanli 2023 91 %, the rest 98–100 %); the documents of
other regions read 0–70 % while their tables were not recognised (北京's 说明 and 报表 together 38–70 %,
深圳 10–19 %, 佛山's 决算 13 %, 烟台 1–2 %, 广州's refused). Half — “most of the printed figures” — is
the line: a document reads more than that once its budget tables are read, the amounts of tables that
are none of the budget's (政府采购明细, 绩效目标) counting as printed and not read. The amounts of the tables
that print the department's figures again by its units (importing/by_unit.py: 广州's 表11 and 表12, 600 to
1,600 of the 2,200–2,600 amounts 司法局 and 市场监管局 print) are counted apart, neither read nor unread: the
measure is of the department's own tables and its text, so a department of many units is not told unread for
its units' pages, nor one whose own tables were not read passed for them.

The figures of the tables the source does not hold that their own sums verify (importing/recognition/own_sums.py:
西安 2025's 一般公共预算支出 by 经济分类, its 专项业务经费, 政府采购 and “三公” tables) are counted read by review, apart
(``checked``): they judge no sentence, so whether a document is read enough to be reviewed is measured without them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from reportgen.base.patterns import regex
from reportgen.importing import ImportResult, walk
from reportgen.readers.text.lines import Line
from reportgen.review import Review

READ_AT_LEAST = Fraction(1, 2)
# an amount as printed: grouped by thousands, or with decimals; not a rate (…%), not a code or a year
_AMOUNT = regex(r"(?<![\d.,，])(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d.%％])")
_PLACE = regex(r"第(\d+)页 第(\d+)行")

Key = tuple[int, int, Decimal]  # page, line on the page, value


@dataclass(frozen=True)
class Coverage:
    printed: int  # the amounts the document's lines print, those of its units' tables aside
    read: int  # of them, those read onto a table's rows or as a statement of its prose
    aside: int = 0  # the amounts of the tables of its units, set aside (importing/by_unit.py): not the department's
    checked: int = 0  # of those read, the ones only a table's own sums verify (own_sums.py): they judge no sentence

    @property
    def judging(self) -> int:
        """The amounts read that a review judges the text by: onto the source's rows, or as the prose states them."""
        return self.read - self.checked

    @property
    def enough(self) -> bool:
        """Whether the tables the text is judged by were read: half the amounts printed at least, not counting the
        figures only a table's own sums verify — a table the source does not hold judges no sentence, so it never
        lets a document whose tables were read in part pass for read."""
        return not self.printed or self.judging >= self.printed * READ_AT_LEAST


def coverage(lines: list[list[Line]], imported: ImportResult | None, narrative: Review | None,
             checked: bool = False, held: bool = False) -> Coverage:
    """The amounts the files' ``lines`` print, and how many the import and the narrative's review read; the
    amounts of the tables of the department's units, set aside, apart: the department's tables and its text
    are what a review needs read (a unit's figures are no figure of the department's to judge its text by).
    ``checked``: the figures of tables not built that their own sums verify count as read (review reads them,
    importing/recognition/own_sums.py; an import's count is of the figures its source holds). ``held``: the amounts
    of the tables the source holds as printed (印出表) count as read too (the import's count; a review judges none)."""
    read = with_wrapped_heads(_read(imported, narrative, held), lines)
    verified = _verified(imported) if checked and imported is not None else set()
    aside = imported.set_aside_places if imported is not None else frozenset()
    printed = kept = apart = only = 0
    for file in lines:
        for line in file:
            for value in printed_amounts(line.text):
                key = (line.page, line.line, value)
                if key in read or key in verified:
                    printed, kept, only = printed + 1, kept + 1, only + (key not in read)
                elif line.where in aside:
                    apart += 1
                else:
                    printed += 1
    return Coverage(printed, kept, apart, only)


def _verified(imported: ImportResult) -> set[Key]:
    """The figures of tables not built that their own sums verify, by place."""
    return {key for where, value in imported.checked if (key := place_key(where, value)) is not None}


def with_wrapped_heads(read: set[Key], lines: list[list[Line]]) -> set[Key]:
    """``read`` and the heads of the figures read that are printed wrapped in their cells (“1682.7 / 6”, read whole as
    1682.76 and traced to its head's line: readers/pdf/tables/wrapped_figures.py): an amount printed on a line where a
    figure read there begins with its digits and prints more decimals is that figure's head, not a figure unread."""
    at: dict[tuple[int, int], list[Decimal]] = {}
    for page, number, value in read:
        at.setdefault((page, number), []).append(value)
    heads = {(line.page, line.line, value) for file in lines for line in file
             for value in printed_amounts(line.text) if _a_head(value, at.get((line.page, line.line), []))}
    return read | heads


def _a_head(value: Decimal, read: list[Decimal]) -> bool:
    """Whether ``value`` as printed is the first digits of one of the figures ``read`` on its line."""
    text = str(value)
    return "." in text and any(_places(figure) > _places(value) and str(figure).startswith(text) for figure in read)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0


def printed_amounts(text: str) -> list[Decimal]:
    """The amounts a line prints (grouped by thousands, or with decimals; no rate, code or year)."""
    return [Decimal(m.group(1).replace(",", "").replace("，", "")) for m in _AMOUNT.finditer(text)]


def read_keys(imported: ImportResult | None, narrative: Review | None) -> set[Key]:
    """The amounts read, each by its page, its line on the page and its value: onto a table's rows (a field's figure,
    or a 合计 or part the rows compared) or as a statement of the prose."""
    return _read(imported, narrative)


def _read(imported: ImportResult | None, narrative: Review | None, held: bool = False) -> set[Key]:
    """The figures read, by place: the import's (the source's and its tables' rows', and with ``held`` those of the
    tables it holds as printed), and the narrative's judged."""
    return (_imported_read(imported) | (_held(imported) if held else set()) if imported is not None else set()) \
        | (_narrative_read(narrative) if narrative is not None else set())


def _imported_read(imported: ImportResult) -> set[Key]:
    """The figures the import read: each amount of the source, and each not blank of its tables' rows."""
    placed = [(p.where, p.value) for p in walk(imported.imported.tree) if isinstance(p.value, Decimal)]
    rows = [(a.where, a.value) for rows in imported.imported.rows.values() for row in rows
            for a in row.amounts.values() if not a.blank]
    return {key for where, value in placed + rows if (key := place_key(where, value)) is not None}


def _held(imported: ImportResult) -> set[Key]:
    """The amounts of the tables the source holds as printed (印出表: each row a list of cells), by place."""
    cells = [(p.where, value) for p in walk(imported.imported.tree) if isinstance(p.value, list) for value in p.value]
    return {key for where, value in cells if isinstance(value, Decimal) and (key := place_key(where, value)) is not None}


def _narrative_read(narrative: Review) -> set[Key]:
    """The figures the narrative's reading judged, on its lines (a cell of a table not judged left out; a cell's other
    figures with it)."""
    read: set[Key] = set()
    at = {line.number: line for line in narrative.lines}
    for verdict in narrative.verdicts:
        st = verdict.statement
        line = at.get(st.line)
        if line is None or (st.kind == "cell" and verdict.status == "unknown"):
            continue
        values = [st.value] if st.value is not None else []
        read.update((line.page, line.line, abs(value)) for value in values + (st.others if st.kind == "cell" else []))
    return read


def place_key(where: str, value: Decimal) -> Key | None:
    """A figure read by its page, line and size: an amount is counted printed without its sign (_AMOUNT), so a
    figure read as −5,000.00 is the “-5,000.00” printed (a 增减 column's decrease)."""
    found = _PLACE.search(where)
    return (int(found.group(1)), int(found.group(2)), abs(value)) if found else None
