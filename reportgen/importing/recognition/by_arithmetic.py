"""Columns given their meaning by the table's own arithmetic where their header's words do not give it.

A table's header words are known for the tables a vocabulary was grown on; elsewhere a column is printed under
words no vocabulary holds (长春's 编制预算 beside 本年预算 and 上年结转), or two columns are given one meaning (the
table's 合计 and the 当年预算 group's 小计, both read 合计). What the columns print says what they are: a column
whose every row is another column less a third (本年预算 − 上年结转 = 编制预算) is that total's part beside the
third; of two columns of one total where one is, row by row, the other and the 上年结转 beside it, the larger is
the table's total and the smaller this year's. A reading is taken only where the identity holds on every row
printing the columns (to one unit of the last printed place), never on a guess; a column no identity places keeps
no meaning, and its table is not read for sure (sure.py) as before.

The labels are known by what they print too: a table of two sides (收支总表) whose header names neither side's
名称 column (its “项 目” set apart over two columns) has, each side, a column printing words on its rows and
amounts right of it; a table of codes (科目) has its names in the column right of the codes printing words.

Pure arithmetic over what recognize.py read of the table's body (``Printed``): it knows no table kind and no
header word beyond the meanings it is given."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

CARRIED = "上年结转"
THIS_YEAR_INCOME = "本年收入合计"  # recognize's _YEAR_TOTAL: this year's sources, the 合计 less 上年结转
THIS_YEAR_SPENDING = "本年支出合计"  # this year's spending, the 合计 less 上年结转: a column no field holds
_TOTALS = ("合计", "预算数")  # the meanings a total of the table (or of a side) is read as
_SPENDING = ("基本支出", "项目支出", "人员经费", "公用经费")  # columns saying a table's figures are spending
_LEVELS = ("类", "款", "项")  # a level's word read from a label column's header set apart (“项 目” → 项)
_NAMES = "名称"
_CODES = "编码"
_LABELS = ("类", "款", "项", "编码", "名称", "功能科目", "行次", "单位", "单位编码", "部门经济科目", "政府经济科目")
_LEAST_ROWS = 2  # rows an identity of an unnamed column must hold on (one row proves no column's meaning)
_SIDES = 2


@dataclass(frozen=True)
class Printed:
    """What a table's body prints, by column: its amounts (row → value; a blank or dash is no amount), the
    columns printing words (not amounts) on two rows or more, and each column's own (lowest) header word."""

    figures: dict[int, dict[int, Decimal]]
    worded: frozenset[int]
    header: dict[int, str]
    coded: frozenset[int] = frozenset()  # the columns printing codes (201, 30101) on two rows or more
    # the classifications each column's codes are of, by their first digit (2 功能分类, 3 部门经济, 5 政府经济)
    families: Mapping[int, frozenset[str]] = field(default_factory=dict)


def by_arithmetic(printed: Printed, shape: str, meanings: dict[int, str],
                  carried_words: frozenset[int] = frozenset()) -> dict[int, str]:
    """``meanings`` with the label columns their header did not name known by what they print, and the columns
    of amounts left unnamed, or given a total's meaning twice, placed by the identities they satisfy
    (``carried_words``: the columns a header word of the carry-over, 上年结转结余, is printed over)."""
    meanings = _names_by_print(printed, shape, meanings)
    meanings = _this_years_part(printed, _carried_run(printed, meanings, carried_words))
    meanings = _whole_of_pair(printed, meanings)
    return _change_bases(printed, _unnamed_parts(printed, meanings))


def _carried_run(printed: Printed, meanings: dict[int, str], carried_words: frozenset[int]) -> dict[int, str]:
    """The carry-over's columns where their group header was not told as heading them: a run of columns repeating,
    right of them, the meanings of columns this year's (人员经费 | 公用经费 | 项目支出 again), from the first column of a
    total after the last of those, to the table's last column of amounts, with a word of the carry-over printed over
    one of its columns and over none before it (长春市信访局 2026's 一般公共预算支出表 and “三公” table: 合计 | 当年预算
    小计 | … | 上年结转结余 小计 | 基本支出 …, its group words printed over the middle of each group, set over no
    column of their own): the run's total is the 上年结转, each other column “上年结转·meaning”. As a group header
    read makes them (北京's, 杭州's, 江苏's 收入总表: 上年结转结余 小计 | 一般公共预算资金 …)."""
    amounts = sorted(col for col, meaning in meanings.items() if meaning not in _LABELS)  # printing or blank
    start = _run_start(meanings, amounts, carried_words)
    if start is None:
        return meanings
    run = [col for col in amounts if col > start and meanings[col] not in _TOTALS]
    return {**meanings, start: CARRIED, **{col: _carried(meanings[col]) for col in run}}


def _carried(meaning: str) -> str:
    """A column of the carry-over's run: “上年结转·meaning”, as its group header made it already or now."""
    return meaning if meaning.startswith(f"{CARRIED}·") else f"{CARRIED}·{meaning}"


def _run_start(meanings: dict[int, str], amounts: list[int], carried_words: frozenset[int]) -> int | None:
    """The total column the carry-over's run starts at (_carried_run): after the last of the columns whose meanings
    the run repeats, before the first repeating one, a carry-over word over it or right of it and none left of it."""
    first, again = _repeated(meanings, amounts)
    if not again or not carried_words:
        return None
    last_first = max(first[meanings[col]] for col in again)
    start = next((col for col in amounts if last_first < col < min(again) and meanings[col] in _TOTALS), None)
    return None if start is None or min(carried_words) < start else start


def _repeated(meanings: dict[int, str], amounts: list[int]) -> tuple[dict[str, int], list[int]]:
    """Each meaning's first column of ``amounts`` (totals and the carry-over's aside), and the columns repeating one."""
    first: dict[str, int] = {}
    again = []
    for col in (c for c in amounts if meanings[c] not in _TOTALS and not meanings[c].startswith(CARRIED)):
        if meanings[col] in first:
            again.append(col)
        first.setdefault(meanings[col], col)
    return first, again


def _whole_of_pair(printed: Printed, meanings: dict[int, str]) -> dict[int, str]:
    """A column given a total's meaning another column has too that is, on every row, the sum of the two columns right
    of it known to make a whole no column is given (人员经费 | 公用经费: the 基本支出): that whole (长春's 一般公共预算支出表:
    当年预算 | 基本支出 小计, its word 基本支出 printed over 人员经费, read 合计 beside the table's 合计)."""
    out = dict(meanings)
    twice = sorted(c for c, m in meanings.items() if m in _TOTALS and list(meanings.values()).count(m) > 1)
    for whole, parts in _PAIRS.items():
        found = next((col for col in twice if _made_by(printed, meanings, col, parts)), None)
        if found is not None and whole not in out.values():
            out[found] = whole
    return out


def _made_by(printed: Printed, meanings: dict[int, str], col: int, parts: tuple[str, ...]) -> bool:
    """Whether column ``col`` is, on every row, the sum of the first column right of it of each of ``parts``."""
    beside = [next((c for c in sorted(meanings) if c > col and meanings[c] == part), None) for part in parts]
    found = [c for c in beside if c is not None]
    return len(found) == len(parts) and adds_up(printed, col, found, _LEAST_ROWS, exact=True)


def adds_up(printed: Printed, total: int, parts: list[int], least: int = 1, exact: bool = False) -> bool:
    """Whether column ``total`` is the sum of columns ``parts`` on the rows it prints a figure on (each part
    printing one there: a blank part is 0), to one unit of the total's last printed place: on ``least`` rows at
    least, one of them other than 0, and on all of them but one in five (a real table's slip: 长春's 支出总表 prints
    its 当年预算 小计 of 2014002 as 0.00 under 合计 458.00, its other 14 rows adding up) — the reading the table's
    arithmetic bears out, its slips still slips. ``exact``: on every row."""
    rows = printed.figures.get(total, {})
    if len(rows) < least or not any(rows.values()):
        return False
    failed = 0
    for row, value in rows.items():
        found = [printed.figures.get(part, {}).get(row) for part in parts]
        if all(f is None for f in found):
            return False
        exponent = value.as_tuple().exponent
        step = Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal(0)
        failed += abs(value - sum((f for f in found if f is not None), Decimal(0))) > step
    return failed * _SLIPS_IN <= len(rows) * (not exact)


_SLIPS_IN = 5  # an identity read as the table's holds on all its rows but one in five at most


def _this_years_part(printed: Printed, meanings: dict[int, str]) -> dict[int, str]:
    """Two columns read as one total (合计 and a group's 小计: 长春's 合计 | 当年预算 小计 | … | 上年结转结余 小计)
    where the left one is, on every row, the right one and a 上年结转 column right of it: the right one is this
    year's total (本年收入合计, or 本年支出合计 in a table of spending) — on one row only where the columns between
    it and the 上年结转 add up to it as well (a 收入总表 of one unit's row: its sources)."""
    out = dict(meanings)
    carried = _columns_of(meanings, CARRIED)
    this_year = THIS_YEAR_SPENDING if any(meaning in _SPENDING for meaning in meanings.values()) else THIS_YEAR_INCOME
    for meaning in _TOTALS:
        cols = _columns_of(meanings, meaning)
        for total, part in zip(cols, cols[1:], strict=False):
            if out.get(part) == meaning and _is_this_years(printed, total, part, carried):
                out[part] = this_year
    return out


def _columns_of(meanings: dict[int, str], meaning: str) -> list[int]:
    """The columns given ``meaning``, left to right."""
    return sorted(col for col, m in meanings.items() if m == meaning)


def _is_this_years(printed: Printed, total: int, part: int, carried: list[int]) -> bool:
    """Whether column ``part`` is this year's share of ``total``: with one of the ``carried`` columns right of it,
    it makes the total."""
    return any(c > part and _with_carried(printed, total, part, c) for c in carried)


def _with_carried(printed: Printed, total: int, part: int, carried: int) -> bool:
    if adds_up(printed, total, [part, carried], _LEAST_ROWS):
        return True
    between = [col for col in printed.figures if part < col < carried]
    return adds_up(printed, total, [part, carried]) and len(between) >= _SIDES \
        and adds_up(printed, part, between)


def _unnamed_parts(printed: Printed, meanings: dict[int, str]) -> dict[int, str]:
    """A column of amounts no header word names that is, on every row, the named total on its left less another
    named column of amounts: where that column is one of two parts known to make the total (人员经费 beside
    公用经费 in a 合计 or 基本支出: 长沙's 人员类 | 公用经费 under 总计; 项目支出 beside 基本支出), the other part; else
    “total·its header words” (长春's 编制预算 = 本年预算 − 上年结转), a part of that total no field holds — read, and
    told as not used. The column beside is sought nearest first, one printing figures other than 0 before one of 0s."""
    out = dict(meanings)
    for col in sorted(printed.figures):
        if col not in meanings and printed.header.get(col) and (part := _part_meaning(printed, meanings, col)):
            out[col] = part
    return out


def _part_meaning(printed: Printed, meanings: dict[int, str], col: int) -> str | None:
    """The meaning of the unnamed column ``col`` as the part of the nearest total on its left it makes with a named
    column beside it: the other part of a known pair, else “total·its header words”; None where no total has it."""
    for total in sorted((t for t in meanings if t < col and meanings[t] in _WHOLES), reverse=True):
        beside = _beside(printed, meanings, total, col)
        if beside is not None:
            whole, part = meanings[total], meanings[beside]
            return _OTHER_PART.get((whole, part)) or _OTHER_PART.get(("合计", part)) \
                or f"{whole}·{printed.header[col]}"
        if meanings[total] in _TOTALS and _beside_the_basic(printed, meanings, total, col):
            return _PROJECTS
    return None


def _beside_the_basic(printed: Printed, meanings: dict[int, str], total: int, col: int) -> bool:
    """Whether ``col`` makes the ``total`` with the 人员经费 and the 公用经费 columns right of the total on every row
    (西安市行政审批服务局 2025's 合计 | 人员经费支出 | 公用经费支出 | 专项业务经费支出): the 基本支出 is those two, so the
    column is the 项目支出."""
    basic = [next((c for c in sorted(meanings) if c > total and meanings[c] == kind and c in printed.figures), None)
             for kind in _BASIC_KINDS]
    return all(c is not None for c in basic) and adds_up(printed, total, [col, *(c for c in basic if c is not None)],
                                                         _LEAST_ROWS)


def _beside(printed: Printed, meanings: dict[int, str], total: int, col: int) -> int | None:
    """The named column of amounts right of ``total`` that makes it with ``col`` on every row (nearest first, one
    printing figures other than 0 before one of 0s); None where none does."""
    besides = sorted((c for c, m in meanings.items() if c > total and c in printed.figures
                      and m not in _LABELS and m not in _TOTALS),
                     key=lambda c: (not any(printed.figures[c].values()), abs(c - col)))
    return next((c for c in besides if adds_up(printed, total, [col, c], _LEAST_ROWS)), None)


CHANGE = "增减"  # a change against another year's figure (2025年·增减: the 2026 figure less 2025's)
_LAST_YEAR = "上年"


def _change_bases(printed: Printed, meanings: dict[int, str]) -> dict[int, str]:
    """The columns a change is reckoned from: a column of amounts no header word names that is, on every row, a named
    total of this year less a named change column (国家信访局 2026's 一般公共预算支出表: 2025年执行数 | 扣除中央基建投资后
    执行数 | 2026年预算数 … | 增减额 | 增减(%) | 增减额 | 增减(%), each 增减额 the 2026 figure less one of the two
    执行数) is that change's other year's figure, “year·its header words”, read and told as not used; the change is
    named by it (“year·words·增减”), two changes against two bases being two meanings, not one given twice."""
    out = dict(meanings)
    totals = [col for col, meaning in meanings.items() if meaning in _TOTALS and col in printed.figures]
    for change in sorted(c for c, m in meanings.items() if m.rpartition("·")[2] == CHANGE and c in printed.figures):
        base = _base_of(printed, out, totals, change)
        if base is not None:
            year = meanings[change].rpartition("·")[0] or _LAST_YEAR
            out[base] = f"{year}·{printed.header[base]}"
            out[change] = f"{out[base]}·{CHANGE}"
    return out


def _base_of(printed: Printed, meanings: dict[int, str], totals: list[int], change: int) -> int | None:
    """The one column of amounts under header words no meaning is given to that, with ``change``, makes one of the
    ``totals`` on every row printing it (on all but one in five where no other does: adds_up); None where none or
    several do."""
    found = [col for col in sorted(printed.figures) if col not in meanings and printed.header.get(col)
             and _makes_a_total(printed, totals, [col, change])]
    exact = [col for col in found if _makes_a_total(printed, totals, [col, change], exact=True)]
    return exact[0] if len(exact) == 1 else found[0] if len(found) == 1 else None


def _makes_a_total(printed: Printed, totals: list[int], parts: list[int], exact: bool = False) -> bool:
    return any(adds_up(printed, total, parts, _LEAST_ROWS, exact) for total in totals)


# Two columns known to make a whole: given the whole and one part, the other (reconcile's ROW_SUMS).
_OTHER_PART = {("合计", "项目支出"): "基本支出", ("合计", "基本支出"): "项目支出",
               ("基本支出", "公用经费"): "人员经费", ("基本支出", "人员经费"): "公用经费",
               ("合计", "公用经费"): "人员经费", ("合计", "人员经费"): "公用经费"}
_WHOLES = (*_TOTALS, "基本支出")
_PAIRS = {"基本支出": ("人员经费", "公用经费")}  # a whole and the two parts that make it
_BASIC_KINDS = ("人员经费", "公用经费")  # the two parts of 基本支出
_PROJECTS = "项目支出"


def _names_by_print(printed: Printed, shape: str, meanings: dict[int, str]) -> dict[int, str]:
    """The 名称 columns a header did not name, by what they print: of a table of two sides (两栏) naming fewer
    than two, the two columns printing words with amounts right of them (a level's word read from “项 目” set
    apart, or none, their header); of a table of codes naming none, the column right of the codes printing words
    under no meaning."""
    named = _columns_of(meanings, _NAMES)
    if shape == "两栏" and len(named) < _SIDES:
        return _sides_named(printed, meanings, named)
    if shape == "科目" and not named:
        return _codes_named(printed, meanings)
    return meanings


def _sides_named(printed: Printed, meanings: dict[int, str], named: list[int]) -> dict[int, str]:
    """A table of two sides naming fewer than two 名称 columns (``named``): the columns printing words under no
    meaning or a level's word named 名称 where, with those named, they are two, each with amounts right of it."""
    labels = [col for col in sorted(printed.worded) if col not in meanings or meanings[col] in _LEVELS]
    starts = sorted(named + labels)
    ends = [*starts[1:], max(printed.figures, default=0) + 1]
    if len(starts) == _SIDES and all(any(start < c < end for c in printed.figures)
                                     for start, end in zip(starts, ends, strict=True)):
        return {**meanings, **dict.fromkeys(labels, _NAMES)}
    return meanings


def _codes_named(printed: Printed, meanings: dict[int, str]) -> dict[int, str]:
    """A table of codes naming no 名称 column: the column right of its one code column named 名称 where it prints
    words under no meaning. Naming no code column either (西安 2025's 部门经济科目编码 | 部门经济科目名称 | 政府经济科目编码
    | 政府经济科目名称, words no vocabulary holds), its first column printing codes under no meaning is the rows' 编码
    where the column right of it prints words; the later pair (the 政府 class beside the 部门's) its second
    (_second_pair)."""
    codes = _columns_of(meanings, _CODES)
    if not codes and (first := min((col for col in printed.coded if col not in meanings), default=None)) is not None \
            and not any(meanings.get(col) in _LEVELS for col in range(first)):
        codes, meanings = [first], {**meanings, first: _CODES}
    if len(codes) == 1 and codes[0] + 1 in printed.worded and codes[0] + 1 not in meanings:
        return _second_pair(printed, {**meanings, codes[0] + 1: _NAMES}, codes[0])
    return meanings


_DEPARTMENT, _GOVERNMENT = frozenset("3"), frozenset("5")  # 部门预算 and 政府预算支出经济分类 codes' first digit


def _second_pair(printed: Printed, meanings: dict[int, str], first: int) -> dict[int, str]:
    """The pair right of a 部门经济分类 款's code and name printing the 政府预算经济分类 it goes to, under no meaning
    (西安 2025's 部门经济科目编码 | 部门经济科目名称 | 政府经济科目编码 | 政府经济科目名称, words no vocabulary holds):
    a column printing 政府 codes alone, the column right of it printing words, named 编码 and 名称 — rows.py reads
    them as the row's second pair, as it reads 烟台's 政府预算支出经济分类 科目编码 | 科目名称 its header names.
    Left unread, the row's 政府 款 were their 部门 款's default, not the one printed (30107 绩效工资 → 50199)."""
    if printed.families.get(first) != _DEPARTMENT:
        return meanings
    pairs = [col for col in sorted(printed.coded) if col > first + 1 and col not in meanings
             and printed.families.get(col) == _GOVERNMENT and col + 1 in printed.worded and col + 1 not in meanings]
    return {**meanings, pairs[0]: _CODES, pairs[0] + 1: _NAMES} if len(pairs) == 1 else meanings
