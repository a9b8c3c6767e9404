"""A 款 the text names under its 类 (“一般公共服务（类）政府办公厅（室）及相关机构事务（款）”) that the document prints
nowhere else: its tables list their 款 under this year's names, and a 款 explained in the 名词解释 or the 情况说明 but
printed in no table is another year's or another department's (国家信访局 2026: the tables print 20140 信访事务, the
名词解释 explains 政府办公厅（室）及相关机构事务（款）, the 款 信访 spending had before 2020).

Read only where the text and the tables are one file (rows of a table were read in it: a narrative given apart from its
tables prints none of their names), and only for a name the catalogue (reportgen/codes/function.yaml, any year) knows as
a 款's name in the document's year; a former name or an alias is told by R-科目名称's and R-科目异名's own readings
(budget_wording, levels), not again here. Measured on every
document of ../shared/corpus, its fresh1 and the 上海 corpus: 20 documents of 江苏 (4), 浙江 (2), 上海 (12) and 中央 (2)
label 366 款 so; the one printed nowhere else in its document, and of the year's catalogue, is 国家信访局 2026's 政府办公厅
（室）及相关机构事务 (行政事业单位离退休, in both of its documents, is an alias: R-科目异名)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from reportgen import codes
from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.review.text_rules.base import Text, bare_flow

# a 款 labelled right after its 类's label: the name between them, no other label inside
_UNDER_CLASS = regex(r"[（(]类[）)]((?:[\u4e00-\u9fff、]|[（(][\u4e00-\u9fff]{1,3}[）)]){2,30}?)[（(]款[）)]")
_LEVEL_LABEL = regex(r"[（(][类款项][）)]")
_ITEM_LENGTH = 5  # a 款's code: 201 01
_CUT = 2  # characters a table's cell may wrap of a name onto its next line
_SHORTEST = 4  # characters of a name, at least, looked for when cut


@cache
def _item_names(year: int) -> frozenset[str]:
    """The names the catalogue gives its 款 in ``year`` (a name of other years, or an alias, is told by R-科目名称's
    and R-科目异名's own readings)."""
    return frozenset(entry.name for entry in codes.all_function_codes(year) if len(entry.code) == _ITEM_LENGTH)


def unprinted_items(text: Text) -> Iterator[Finding]:
    """Each 款 the text names under its 类 that the document prints nowhere else: once a name."""
    if not text.table_rows or text.source_year is None:
        return
    flat, at = bare_flow(text.flow)
    told: set[str] = set()
    for found in _UNDER_CLASS.finditer(flat):
        name = found.group(1)
        if name in told or name not in _item_names(text.source_year) or _LEVEL_LABEL.search(name):
            continue
        if _printed_elsewhere(flat, name):
            continue
        told.add(name)
        yield text.warning("R-科目名称", at[found.start(1)],
                           f"“{name}（款）”在本文件的表格中没有印出：表中所列的款是否另有名称（别的年度或别的部门的款）？")


def _printed_elsewhere(flat: str, name: str) -> bool:
    """Whether the name is printed other than labelled （款）: a table's row, or a sentence naming it unlabelled —
    its last characters may be cut at a cell's edge (无锡市信访局 2025: “政府办公厅（室）及相关机构事” over “务”)."""
    cut = name[:max(_SHORTEST, len(name) - _CUT)]
    labelled = sum(flat.count(name + label) for label in ("（款）", "(款)"))
    return flat.count(cut) > labelled
