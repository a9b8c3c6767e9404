"""The change a text states of a 功能分类 项 line it names with its amount (“2.行政事业单位养老支出（款）机关事业单位
职业年金缴费支出（项）支出137.89万元，与上年相比增加1.79万元，增长1.32%”), or with its code in brackets in place of its
level (西安 “1.行政运行（2010301）1,501.46万元，较上年增加50.95万元”, “……（2080501）0.36万元，较上年无增减”): written
as 上年.功能分类.<科目>.增减额 where the line is a row the tables read with that amount and no table gives last year's
figure of it — last year's figure as far as the text gives it, never a figure of its own; a change from last year's
执行数 (杭州 “……行政运行（项）2,617.19万元，主要用于……。比上年执行数增加252.00万元”) as 上年执行数's alike. A name
several rows bear, a code with another fund's rows, or an amount the row does not print, is not guessed. Written from
苏州 and 无锡 (江苏), the code in brackets from 西安, the 执行数 from 杭州; the learned words (learned_words.py) then print
the change with next year's figures. A 类's change the sentence after it states (江苏省政协 2018 “2.社会保障和就业（类）
支出823.76万元，主要用于……。与上年相比减少685.96万元”, 省高院 2018) is written alike where its 项 are not each given
theirs; a 项 row printing its 合计 alone (江苏 省政协, 省高院) is read by that."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from reportgen.base.patterns import regex
from reportgen.codes import function_entry, normalised_name, same_name
from reportgen.compute import quantize_half_up
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.text.text_parts import Sentence
from reportgen.importing.tree import Placed, Tree
from reportgen.reading.amounts import YUAN_PER_UNIT

# by the section the change is of: last year's budget (“与上年相比增加1.79万元”), or its 执行数 (国家信访局 “比2025年执行数增加
# 7.6万元”, 杭州 “……（项）28.00万元，主要用于……。比上年执行数减少113.53万元”: the change the sentence after the use). Each
# after the line's name before “（项）” (or its 7-digit code in brackets, 西安: that code's row), the year and words
# before its amount (国家信访局 “……（项）2026年预算数为657.51万元”), its amount
_SECTIONS = {
    "上年": regex(r"(?P<name>(?![.．])[^（）()，。；：、\d]{2,40})[（(](?:项|(?P<code>2\d{6}))[）)]"
                r"(?:\d{4}年)?[^，。；\d]{0,8}(?P<amount>\d[\d,]*(?:\.\d+)?)万元，?"
                r"(?:与上年相比|比上年|较上年)(?:预算数?)?"
                r"(?:(?P<way>增加|减少)(?P<change>\d[\d,]*(?:\.\d+)?)万元|(?P<flat>持平|相同|无增减))"),
    "上年执行数": regex(r"(?P<name>(?![.．])[^（）()，。；：、\d]{2,40})[（(](?:项|(?P<code>2\d{6}))[）)]"
                   r"(?:\d{4}年)?[^，。；\d]{0,8}(?P<amount>\d[\d,]*(?:\.\d+)?)万元，?"
                   r"(?:主要用于[^。]{0,80}。)?(?:比|较|与)(?:上年|(?P<year>\d{4})年)执行数"
                   r"(?:(?P<way>增加|减少)(?P<change>\d[\d,]*(?:\.\d+)?)万元|(?P<flat>持平|相同|无增减))"),
}
# a 类 named with its amount, its use after it, and the change the sentence after it states (江苏 省政协 2018 “2.社会保障和
# 就业（类）支出823.76万元，主要用于……。与上年相比减少685.96万元，下降45.44%。”, 省高院 2018, 无锡市信访局 2025 “（1）一般公共
# 服务支出（类）支出2,259.79万元，主要用于……。与上年相比增加19.64万元”): the change of the 类's line
_CLASS = regex(r"(?P<name>(?![.．])[^（）()，。；：、\d]{2,40})[（(]类[）)](?:支出)?(?P<amount>\d[\d,]*(?:\.\d+)?)万元"
               r"(?:，主要用于[^。\d]{0,80})?[，。]?(?:与上年相比|比上年|较上年)(?:预算数?)?，?"
               r"(?:(?P<way>增加|减少)(?P<change>\d[\d,]*(?:\.\d+)?)万元|(?P<flat>持平|相同|无增减))")
_AMOUNT_KEYS = ("金额", "基本支出", "项目支出")
_GENERAL = "一般公共预算"


def stated_line_changes(imported: Imported, sentences: list[Sentence]) -> int:
    """Each 项 line's change the text states, as 上年.功能分类.<科目>.增减额 or 上年执行数's (in the source's unit); how
    many."""
    rows = _rows(imported)
    texts = ["".join(sentence.text.split()) for sentence in sentences]
    count = 0
    for section, said_so in _SECTIONS.items():
        written: dict[str, Tree] = {}
        for index, sentence in enumerate(sentences):
            text = texts[index] + ("。" + texts[index + 1] if index + 1 < len(texts) else "")  # (杭州: the next says it)
            for said in said_so.finditer(text, 0, len(text)):
                if said.start() < len(texts[index]) and _of_the_year(said, imported.year):
                    _written(imported, rows, said, sentence, written)
        if section == "上年":
            _class_changes(imported, sentences, texts, written)
        count += _put(imported, written, section)
    return count


def _class_changes(imported: Imported, sentences: list[Sentence], texts: list[str], written: dict[str, Tree]) -> None:
    """Each 类's change the text states (_CLASS) into ``written``: of a 类 whose lines are the general budget's alone and
    add up to the amount said, not each of them given its own change (their 上年 add up to the 类's: Node.lines_prior)."""
    rows = _class_rows(imported)
    for index, sentence in enumerate(sentences):
        text = texts[index] + ("。" + texts[index + 1] if index + 1 < len(texts) else "")
        for said in (found for found in _CLASS.finditer(text) if found.start() < len(texts[index])):
            codes = [code for code, row in rows.items() if _said_class(imported, row, said, written)]
            if len(codes) == 1 and codes[0] not in written:
                written[codes[0]] = _change(imported, said, sentence)


def _said_class(imported: Imported, row: tuple[str, set[str], Decimal], said: re.Match[str],
                written: dict[str, Tree]) -> bool:
    """Whether ``said`` names the 类 of ``row`` (_class_rows) with its amount, its 项 not each given a change."""
    name, lines, total = row
    factor = YUAN_PER_UNIT.get(imported.unit, Decimal(1))
    return _names_class(name, said.group("name")) and _prints(total * factor, said.group("amount")) and \
        not lines <= written.keys()


def _names_class(name: str, said: str) -> bool:
    """Whether the words before “（类）” name the 类 of ``name``: all of it, or all but its last 支出 (“社会保障和就业（类）”)."""
    return normalised_name(said) in (normalised_name(name), normalised_name(name).removesuffix("支出"))


def _class_rows(imported: Imported) -> dict[str, tuple[str, set[str], Decimal]]:
    """The 类 of the 功能分类 rows the tables read, by code: its name, its 项 and its amount — its own row's where the
    tables print one, else its 项 added; a 类 with a row of another fund, a 款 row of its own or a 项 without an amount is
    none."""
    found: dict[str, tuple[str, set[str], Decimal]] = {}
    for code, rows in _by_class(imported).items():
        entry = function_entry(code, imported.year or 0)
        amount = _class_amount(code, rows, imported.year) if _readable(rows) else None
        if entry is not None and amount is not None:
            found[code] = (entry.name, {_code(r) for r in rows if len(_code(r)) == 7}, amount)
    return found


def _by_class(imported: Imported) -> dict[str, list[Tree]]:
    """The 功能分类 rows the tables read, by the code of their 类."""
    spending = imported.tree.get("支出")
    listed = spending.get("功能分类") if isinstance(spending, dict) else None
    by_class: dict[str, list[Tree]] = {}
    for row in listed if isinstance(listed, list) else []:
        by_class.setdefault(_code(row)[:3], []).append(row)
    return by_class


def _code(row: Tree) -> str:
    return str(_value(row.get("科目")))


def _readable(rows: list[Tree]) -> bool:
    """Whether a 类's rows are all the general budget's, none with a 上年 of its own: none of a 类 with another fund's
    rows — the text's amount may be all its money's (无锡市信访局 2025's 一般公共服务支出 2,259.79 has 单位资金's 144 in it)
    while review compares a 类's stated change with the general budget's line (R-核对 “应为增加163.64万元”), as with a
    项's (_rows); nor of one a table gives last year's lines of."""
    return all(_value(row.get("资金", _GENERAL)) == _GENERAL and "上年" not in row for row in rows)


def _class_amount(code: str, rows: list[Tree], year: int | None) -> Decimal | None:
    """A 类's amount (_class_rows): its own row's, else its 项 added where each prints one and no 款 prints its own;
    or None."""
    own = [line for row in rows if _code(row) == code and (line := _line(row, code, year)) is not None]
    if own or any(_code(row) == code for row in rows):
        return own[0][1] if own else None
    return _lines_added(rows)


def _lines_added(rows: list[Tree]) -> Decimal | None:
    """A 类's 项 added (_class_amount), or None."""
    if any(len(_code(row)) == 5 and _amount(row) is not None for row in rows):
        return None
    amounts = [_amount(row) for row in rows if len(_code(row)) == 7]
    return sum((a for a in amounts if a is not None), Decimal(0)) if amounts and None not in amounts else None


def _of_the_year(said: re.Match[str], year: int | None) -> bool:
    """Whether the 执行数 a change is from is last year's (“比2025年执行数” in a budget of 2026), where it names one."""
    return said.groupdict().get("year") is None or year is None or int(said.group("year")) == year - 1


def _written(imported: Imported, rows: dict[str, tuple[str, Decimal]], said: re.Match[str], sentence: Sentence,
             written: dict[str, Tree]) -> None:
    """The change ``said`` of the one row it names with its amount, into ``written`` (none where it names no row,
    or several, or one already written)."""
    factor = YUAN_PER_UNIT.get(imported.unit, Decimal(1))
    codes = [code for code, (name, total) in rows.items()
             if _names(code, name, said) and _prints(total * factor, said.group("amount"))]
    if len(codes) == 1 and codes[0] not in written:
        written[codes[0]] = _change(imported, said, sentence)


def _change(imported: Imported, said: re.Match[str], sentence: Sentence) -> Tree:
    """The change ``said`` as a line's {增减额} (in the source's unit), placed at its sentence."""
    factor = YUAN_PER_UNIT.get(imported.unit, Decimal(1))
    change = Decimal(0) if said.group("flat") else Decimal(said.group("change").replace(",", "")) * \
        YUAN_PER_UNIT["万元"] / factor * (-1 if said.group("way") == "减少" else 1)
    return {"增减额": Placed(_plain(change), f"{sentence.places[0]}：{said.group(0)}")}


def _prints(yuan: Decimal, printed: str) -> bool:
    """Whether an amount in 元 prints as ``printed`` 万元 at its places (西安's tables are in 元: 15014610 is 1,501.46)."""
    places = len(printed.split(".")[1]) if "." in printed else 0
    return quantize_half_up(yuan / YUAN_PER_UNIT["万元"], places) == Decimal(printed.replace(",", ""))


def _names(code: str, name: str, said: re.Match[str]) -> bool:
    """Whether the words said name the row of ``code`` and ``name``: its name before “（项）”, or its code in brackets
    after words ending in its name (“1.行政运行（2010301）”)."""
    if said.group("code") is None:
        return same_name(name, said.group("name"))
    return code == said.group("code") and normalised_name(said.group("name")).endswith(normalised_name(name))


def _rows(imported: Imported) -> dict[str, tuple[str, Decimal]]:
    """The 功能分类 rows the tables read, by code: the line's name and its amount (basic and project together) — of the
    codes whose every row is 一般公共预算's (a row without 资金 is that fund's). A code with rows of another fund besides
    (无锡市教育局 “其他教育管理事务支出”: 一般公共预算 30,171.14 and 财政专户 6,300) is none: the text's amount is one
    fund's line, while a change in 上年.功能分类 is compared (review) with the line of all its money — not guessed.
    (Before, the code's last row was compared, another fund's where it had one, by chance.) A row the table gives its own
    上年 (its fund's, a column of last year's figures: tests/test_import_prior_columns.py) is none either."""
    spending = imported.tree.get("支出")
    rows = spending.get("功能分类") if isinstance(spending, dict) else None
    found: dict[str, tuple[str, Decimal]] = {}
    other: set[str] = set()
    for row in rows if isinstance(rows, list) else []:
        code = str(_value(row.get("科目")))
        if _value(row.get("资金", _GENERAL)) != _GENERAL or "上年" in row:
            other.add(code)
        elif (line := _line(row, code, imported.year)) is not None:
            found[code] = line
    return {code: line for code, line in found.items() if code not in other}


def _line(row: Tree, code: str, year: int | None) -> tuple[str, Decimal] | None:
    """A 功能分类 row's name (as read, else its code's in the year's catalogue) and its amount (basic and project
    together); None where it has no name or prints no amount."""
    entry = function_entry(code, year or 0)
    name = _value(row.get("名称")) or (entry.name if entry is not None else "")
    amount = _amount(row)
    return (str(name), amount) if name and amount is not None else None


def _amount(row: Tree) -> Decimal | None:
    """A 功能分类 row's amount: its 合计 where the table prints that alone (江苏 省政协 2018–2019, 省检察院 2018: “一般公共预算
    支出表” with no basic and project columns), else its basic and project together; None where it prints none."""
    if isinstance(total := _value(row.get("合计")), Decimal | int) and not isinstance(total, bool) and not any(
            isinstance(_value(row.get(key)), Decimal | int) for key in _AMOUNT_KEYS):
        return Decimal(total)
    amounts = [_value(row.get(key)) for key in _AMOUNT_KEYS]
    if any(isinstance(a, Decimal | int) for a in amounts):
        return sum((Decimal(a) for a in amounts if isinstance(a, Decimal | int)), Decimal(0))
    return None


def _value(node: Any) -> Any:
    return node.value if isinstance(node, Placed) else node


def _plain(amount: Decimal) -> Decimal:
    return amount.normalize() if amount == amount.to_integral() else amount


def _put(imported: Imported, written: dict[str, Tree], section: str) -> int:
    """The changes into <section>.功能分类 (上年 or 上年执行数, with its 年度), each code no table gave last year's figure
    of."""
    prior = imported.tree.get(section)
    prior = prior if isinstance(prior, dict) else {}
    lines = prior.get("功能分类")
    lines = lines if isinstance(lines, dict) else {}
    new = {code: change for code, change in written.items() if code not in lines}
    if not new:
        return 0
    year = {"年度": Placed(imported.year - 1)} if imported.year is not None and "年度" not in prior else {}
    imported.tree[section] = {**year, **prior, "功能分类": {**lines, **new}}
    return len(new)
