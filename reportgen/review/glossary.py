"""What a draft's words can speak of: every figure of the source under the names disclosures give
it (the registries' names and codes, the source's own project names, the standard totals and
their usual wordings), each with this year's value and, where known, last year's budget and
execution, all in 元. A name that fits more than one figure fits none: it is never guessed."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, Protocol, TypeVar

from reportgen import codes, tablekinds
from reportgen.base.patterns import regex
from reportgen.compute import Computed, Node, rounding_allowance
from reportgen.docmodel.model import INCOME_SOURCES, VEHICLES, Budget
from reportgen.readers.text.statements import final_words, named_quantities, part_qualifiers, some_projects_words
from reportgen.review.printed_functions import printed_function_lines


def known(values: tuple[Decimal | None, ...]) -> tuple[Decimal, ...]:
    """The values that are known (a total the source leaves unknown is no whole of a share)."""
    return tuple(v for v in values if v is not None)


@dataclass
class Figure:
    name: str  # how the report names it
    current: Decimal
    prior: Decimal | None = None
    actual: Decimal | None = None
    others: tuple[Decimal, ...] = ()  # other values a table row of this name may show (per fund, 基本/项目)
    parts: tuple[Decimal, ...] = ()  # the values it is the sum of, for the cause of a wrong total
    wholes: tuple[Decimal, ...] = ()  # the totals a share of it may be of
    # a part a sentence may state as the figure's amount only where it or its heading names the part
    # (“（四）项目支出……一般公共服务支出827.56万元”): each value with the words that name it
    named: tuple[tuple[Decimal, tuple[str, ...]], ...] = ()
    # how far (元) a printed figure may stand from this one, which a 万元 source sums from figures each
    # rounded on its own (the published table's 尾数误差): half a 0.01 万元 per part; 0 for what it states
    slack: Decimal = Decimal(0)
    # words by which a sentence speaks of a part of this figure that the source does not give (“以下1个
    # 项目公开绩效目标，涉及预算资金…” where the target tables were not read): such an amount is not judged
    unknown_part: tuple[str, ...] = ()
    # the fund whose part alone the source knows it as (功能分类口径: a 支出总表 that sets out no line of all the
    # money, its lines only the 一般公共预算支出表's): a figure that differs is judged only where its words name
    # that fund — else it may be all the money's (judge.py)
    known_as: str = ""
    # a 部门决算's budget of the year for it, as its table prints it (the “三公” table's 预算数): what “完成预算 0 万元的
    # 0%” and “比年初预算数增加” speak of (佛山 2019 决算); None where no table gives it
    budget: Decimal | None = None


# Words around a name that do not change what it names.
# (“2025年本年一般公共预算支出”, 广西梧州: the 本年 before a fund's name says only the year)
_PREFIXES = regex(r"^(?:其中|包括|具体包括|主要包括|本部门|本单位|我单位|本年度|本年(?=一般公共预算|政府性基金|国有资本经营)"
                  r"|部门预算|单位预算|部门|合计|共计|为|是|：|:|\.|．|的|按)+")
_ENUMERATION = regex(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[⒈⒉⒊⒋⒌⒍⒎⒏⒐]|[①-⑩])")
_YEAR = regex(r"\d{4}年度?")
# The patterns below read a draft's words (a label), so each runs in time linear in it: a pattern that
# begins with a run of some characters starts only where such a run starts (tests/test_regex_linear.py).
# (“一、关于三亚市三亚林场2025年财政拨款收支预算情况的总体说明” wrapped onto its first sentence: the heading up to 说明)
_HEADING_END = regex(r"^.*情况(?:的?总体)?(?:说明)?")
_CODE_AT_END = regex(r"[（(](\d{3}(?:\d{2}){0,2})[）)]$")
_LEVELS = regex(r"(?<![^（）()])([^（）()]++)[（(](\d{2,3})?([类款项])[）)]")  # “司法（06款）”: its code too
_ECONOMIC_CLASS = "3"  # the first digit of a 部门经济分类 code (30201 办公费), never of a 功能分类 one
_LEVEL_AT_END = regex(r"[（(][类款项][）)]$")  # “物业管理费（款）”: the class's level, after its name
_LEADING_NUMBER = regex(r"^\d{1,2}[、.．]")  # “11、医疗卫生…（210类）”: the item's number, not its name
# (“…“三公”经费预算共10.56万元”, 烟台: 共 alone, never the end of 公共)
_SAID_END = regex(r"(?:(?:均|各)?(?:为|是)|共计|合计为|总额为|共计安排|(?<!公)共)$")  # “收、支总计均为”: both
_CODE_AT_START = regex(r"(\d{3}(?:\d{2}){0,2})(?!\d)")
_SUBJECT_WORDS = regex(r"(?:[类款项])?科目(?:下)?$")  # “一般公共服务支出类科目”: the 类 of that name
_QUOTED = regex(r"“([^“]++)“")  # a name quoted whole (“1.“卫生健康支出”科目”: the 类 of that name)
_ITEM_NUMBER = regex(r"(?<![一二三四五六七八九十])[一二三四五六七八九十]++、")
# “大冶市殷祖镇人民政府2024年部门预算总收入预计2552.73万元”: a total's budget said as expected — not a fee's “收入预计”
# (北京市水务局 2026 “……收费标准：……，收入预计 190000 万元”), whose 收入 is no total
_EXPECTED = regex(r"(?<=总收入|总支出)预计$")
BUDGET_WORD = regex(r"(预算合计|预算金额|预算数|预算|数|金额)$")  # (“……“三公”经费预算合计32.6万元”, 湛江 2018)
FEE_WORD = regex(r"费用$")
# “因公出国（境）费预算支出”（江苏）: its 支出 — of a name before it (“预算支出” alone names no 支出总计)
SPENT_BUDGET = regex(r"(?<=\w\w)预算支出$")
_BUDGETED = regex(r"(?<=..)预算支出$")
_FEE_SPENT = regex(r"(?<=..费)支出$")
_PROJECT_WORD = regex(r"项目$")
_BUDGET_END = regex(r"(预算数|预算)$")
_HOUSEHOLDS = regex(r"(?<!\d)\d++家")
# (涉及: “政府采购支出……，其中涉及一般公共预算支出0万元” is the procurement's, 佛山 2019 决算; 在职: 深圳's 在职人员经费)
_OTHER_MATTER = regex(r"结转|上年|增加|减少|增长|下降|其中|以外|除|中的|预留|面向|企业|涉及|在职|\d")
# the words before a total's name that make it a part's (“国有资本经营预算收入”: no 预算收入 of the department)
_QUALIFIED = regex("|".join(re.escape(word) for word in part_qualifiers()))
_QUOTES = str.maketrans({'"': "“", "＂": "“", "(": "（", ")": "）"})


# Names a figure goes by besides its own, as data: the income sources' keys among last year's
# totals and their further names, the “三公” parts', 公务用车's, 机关运行经费's, 政府采购's and 绩效's.
_INCOME_KEYS = {"一般公共预算拨款": "一般公共预算", "政府性基金预算拨款": "政府性基金",
                "国有资本经营预算拨款": "国有资本经营"}
_INCOME_ALIASES = {"一般公共预算拨款": ("一般公共预算收入", "一般公共预算", "一般公共预算财政拨款收入"),
                   "政府性基金预算拨款": ("基金预算收入", "政府性基金收入", "政府性基金预算", "政府性基金预算财政拨款收入"),
                   "国有资本经营预算拨款": ("国有资本经营预算", "国有资本经营预算财政拨款收入")}
_THREE_PUBLIC_ALIASES = {"因公出国（境）费": ("因公出国（境）费用", "因公出国（境）经费"),
                         "公务用车购置费": ("公务用车购置",),
                         "公务用车运行维护费": ("公务用车运行费",)}
_VEHICLE_NAMES = ("公务用车购置及运行维护费", "公务用车购置和运行维护费", "公务用车购置及运行费", "公务用车购置和运行费")
_RUNNING_NAMES = ("机关运行经费", "机关运行经费财政拨款预算", "机关运行经费预算", "机关运行经费财政拨款")
_PROCUREMENT_NAMES = ("政府采购预算", "政府采购", "政府采购预算总额", "政府采购项目", "政府采购项目纳入部门预算")
_SME_NAMES = ("面向中小企业预留", "中小企业", "预留给中小企业", "面向中小企业预留采购份额", "面向中小企业",
              "面向中小企业预留政府采购项目")
# The words that name a part of a figure (its fund's, its kind's): a sentence states the part as the
# figure's amount only under them.
_FISCAL_WORDS = ("一般公共预算", "财政拨款")
_FUND_WORDS = ("政府性基金", "国有资本经营")
_PUBLISHED_TARGETS = ("公开绩效目标",)  # “以下N个项目公开绩效目标”: the projects a document sets out
_PERFORMANCE_NAMES = ("涉及预算资金", "涉及项目预算资金", "项目预算资金", "涉及资金")


@functools.lru_cache(maxsize=16384)  # pure; a review asks for the same labels many times over
def normalize(label: str, department: str = "") -> str:
    text = label.translate(_QUOTES).replace("”", "“").replace(" ", "")
    # “三公”经费 said with its quotes or without (芜湖陶辛镇 2021 决算 “一般公共预算财政拨款三公经费支出预算为63.30万元”)
    text = text.replace("“三公“", "三公").replace("“三公经费“", "三公经费")
    if department:
        text = text.replace(department, "")
        # the department as its own text shortens it: 上海市普陀区… → 普陀区…
        for start in range(1, len(department) - 4):
            if department[start:] in text:
                text = text.replace(department[start:], "")
                break
    text = _YEAR.sub("", text)
    text = _HEADING_END.sub("", text)  # the end of a heading the PDF wrapped onto the sentence's line
    for _ in range(3):
        text = _ENUMERATION.sub("", text)
        text = _PREFIXES.sub("", text)
    return text.strip("，。；、：:")


def _candidates(text: str) -> Iterator[str]:
    """A label's text as a name, then as the names it may shorten, each made only if the one before
    named nothing."""
    yield text
    yield BUDGET_WORD.sub("", text)
    yield FEE_WORD.sub("费", text)
    yield SPENT_BUDGET.sub("支出", text)
    yield _PROJECT_WORD.sub("", text)
    yield text + "费"
    if text not in _FUND_WORDS:  # (a fund said bare, “政府性基金减少401.85万元”, 綦江 2023 决算: its income as well as its spending)
        yield text + "支出"
    yield _BUDGETED.sub("", text)  # “因公出国（境）费预算支出”（江苏）: the 因公出国（境）费 budgeted
    yield _FEE_SPENT.sub("", text)  # “因公出国（境）费支出70万元”: the 因公出国（境）费 spent


class _Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


class Naming(Generic[T]):
    """Names → the one thing each names (a source's figure, or a quantity a budget states): a label read
    as disclosures write it (its year, numbering, department and “预算数” words aside; a code, or a
    path of 类/款/项 names; a long label ending in one name). A name that fits more than one thing fits
    none: it is never guessed."""

    def __init__(self, department: str = "") -> None:
        self.department = department
        self.names: dict[str, list[T]] = defaultdict(list)
        self._endings: tuple[int, dict[str, list[str]]] = (-1, {})  # _ending_in's index, of so many names
        self.codes: dict[str, T] = {}
        self._lengths: tuple[int, dict[int, list[T]]] = (-1, {})  # _of_length's index, of so many codes
        self.by_path: dict[str, list[T]] = defaultdict(list)
        # names that stand for no one thing the document says (Glossary: 经济分类 rows printed with
        # another item's name): never taken by name
        self.disputed: set[str] = set()

    def _one(self, found: list[T]) -> T | None:
        """The one thing of several of one name it stands for; None: the name is ambiguous."""
        return found[0] if len(found) == 1 else None

    def add(self, item: T, *names: str) -> None:
        for name in names:
            key = normalize(name)
            if item not in self.names[key]:
                self.names[key].append(item)

    def find(self, label: str) -> T | None:
        """The one thing ``label`` names, or None (unknown or ambiguous)."""
        text = normalize(label, self.department)
        if not text:
            return None
        unspaced = label.replace(" ", "")
        code = _CODE_AT_END.search(unspaced) or _CODE_AT_START.match(unspaced)
        if code and code.group(1) in self.codes:  # “…（2012901）”, or code first: “2012901支出科目下为”
            return self.codes[code.group(1)]
        levels = _LEVELS.findall(text)
        if levels:  # Shanghai's “文化旅游体育与传媒支出(类)文化和旅游(款)行政运行(项)”, or with codes “(204类)…(06款)”
            return self._of_levels(levels)
        text = _EXPECTED.sub("", _SUBJECT_WORDS.sub("", _SAID_END.sub("", text)))
        quoted = _QUOTED.fullmatch(text)
        text = quoted.group(1) if quoted else text
        # 收支总表 flattened: "二、事业收入五、住房保障支出 6,617,121" — the figure is the last item's
        return self._of_words(_ITEM_NUMBER.split(text)[-1] or text)

    def _of_words(self, text: str) -> T | None:
        """The one thing words name: by one of their forms (an item named without its 费 or 支出, “公务接待较上年同期
        减少……”: 公务接待费) — none where that form's figure is disputed — else by their ending."""
        for candidate in self._candidates(text):
            if candidate in self.disputed:
                return None
            found = self.names.get(candidate, [])
            if found:
                return self._one(found)
        return self._by_ending(text)

    def _of_levels(self, levels: list[tuple[str, str, str]]) -> T | None:
        """The thing a label of 类, 款 and 项 names: the codes decide where each level prints its digits, if the
        项 named is theirs; else the names."""
        if all(digits for _, digits, _ in levels):
            figure = self.codes.get("".join(digits for _, digits, _ in levels))
            return figure if figure is not None and figure.name.endswith(levels[-1][0]) else None
        return self._by_levels([_LEADING_NUMBER.sub("", name, count=1) if i == 0 else name
                                for i, (name, _, _) in enumerate(levels)], levels[-1][2])

    def _by_ending(self, text: str) -> T | None:
        """A long label that ends with one name (…单位财政拨款的机关运行经费预算): that name's figure,
        unless its words speak of another year, a carry-over or a change."""
        return self._ended(_BUDGET_END.sub("", SPENT_BUDGET.sub("支出", text)))

    def _ended(self, stripped: str) -> T | None:
        """The figure of the one name a long label ends with (_by_ending), the words before it fitting."""
        endings = [name for name in self._ending_in(stripped[-1:]) if stripped.endswith(name) and name != stripped]
        if not endings:
            return None
        name = max(endings, key=len)
        before = _HOUSEHOLDS.sub("", stripped[: -len(name)])  # “下属1家机关和1家参公事业单位”
        if not self._fits_before(before) or len(self.names[name]) != 1:
            return None
        return self.names[name][0]

    def _ending_in(self, last: str) -> list[str]:
        """The names of four characters or more that end in ``last``, in the glossary's order: the
        only ones a label ending so can end with (indexed again when names were added)."""
        if self._endings[0] != len(self.names):
            index: dict[str, list[str]] = {}
            for name in self.names:
                if len(name) >= 4:
                    index.setdefault(name[-1], []).append(name)
            self._endings = (len(self.names), index)
        return self._endings[1].get(last, [])

    def _of_length(self, length: int) -> list[T]:
        """The figures of the codes of ``length`` digits, in the glossary's order (indexed again when
        codes were added, as _ending_in's names are)."""
        if self._lengths[0] != len(self.codes):
            index: dict[int, list[T]] = {}
            for code, figure in self.codes.items():
                index.setdefault(len(code), []).append(figure)
            self._lengths = (len(self.codes), index)
        return self._lengths[1].get(length, [])

    def _by_levels(self, names: list[str], level: str) -> T | None:
        """The line the names of its 类, 款 and 项 name, the last of them at ``level`` (“政协事务（款）行政运行（项）”,
        “一般公共服务（类）”: 江苏 names a 类 without its 支出): the one line of that level of the last name, else the one
        whose path ends in these names."""
        matches = self._lines_named(names[-1], level)
        if len(matches) == 1:
            return matches[0] if len(names) == 1 or self._under(matches[0], names[-2]) else None
        return self._by_path(names, level)

    def _lines_named(self, name: str, level: str) -> list[T]:
        """The lines of ``level`` a name names (“人大事务行政运行（项）”: the 款's name, then the 项's, with no （款）
        between); the one named exactly where there is one among several (“电费（款）”: 电费, not the 邮电费 that ends
        as it does)."""
        matches = [item for item in self._of_length(_LEVEL_DIGITS[level]) if _level_named(item.name, name)]
        if not matches and level != "类":
            matches = self._fused(name, level)
        exact = [item for item in matches if item.name.rsplit(" ", 1)[-1] in (name, f"{name}支出")]
        return exact if len(matches) > 1 and len(exact) == 1 else matches

    def _by_path(self, names: list[str], level: str) -> T | None:
        """The one line whose path (its 类, 款 and 项) ends in these names, the last at ``level``."""
        depth = "类款项".index(level) + 1
        found = {id(item): item for path, items in self.by_path.items() if _path_ends(path.split("/"), names, depth)
                 for item in items}
        return next(iter(found.values())) if len(found) == 1 else None

    def _fused(self, said: str, level: str) -> list[T]:
        """The lines of ``level`` a name says with the name of the line above fused before its own (“人大事务行政运行”:
        20101 人大事务's 行政运行, 2010101): each way the name parts into a name the 功能分类 catalogue gives a line of the
        level above and the rest, the lines under it so named — the one found, else none (never a guess)."""
        digits = _LEVEL_DIGITS[level]
        found: dict[int, T] = {}
        for cut in range(2, len(said) - 1):
            head, rest = said[:cut], said[cut:]
            above = {c for name in (head, f"{head}支出") for c in _function_names().get(name, ()) if len(c) == digits - 2}
            for code, item in self.codes.items() if above else ():
                if len(code) == digits and code[:-2] in above and _level_named(item.name, rest):
                    found[id(item)] = item
        return list(found.values()) if len(found) == 1 else []

    def _under(self, item: T, said: str) -> bool:
        """Whether the line above ``item`` (by its code) is the one a text names before it (“对个人和家庭的补助支出（类）
        医疗费（款）” is no 30114 医疗费, a 款 of 工资福利支出)."""
        code = next((code for code, line in self.codes.items() if line is item), "")
        above = self.codes.get(code[:-2]) if len(code) > 3 else None
        # (or by a name the catalogue gives that line in another year: “行政事业单位养老支出(款)”, 20805's from 2021, in a
        # 2020 决算 of 四川大邑 — the line's alias then)
        return above is not None and (_level_named(above.name, said) or any(
            code[:-2] in _function_names().get(name, ()) for name in (said, f"{said}支出")))

    def _candidates(self, text: str) -> Iterator[str]:
        """A label's text as a name, then as the names it may shorten (the module's _candidates)."""
        return _candidates(text)

    def _fits_before(self, before: str) -> bool:
        """Whether the words before a name a long label ends with leave it that name's (_by_ending)."""
        return not _OTHER_MATTER.search(before) and not _QUALIFIED.search(before)


_LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}


@functools.lru_cache(maxsize=1)
def _function_names() -> dict[str, frozenset[str]]:
    """Every name (and alias) the 功能分类 catalogue gave its codes in any year, with each code that bore it."""
    return codes.codes_by_name("function")


def _level_named(name: str, said: str) -> bool:
    """Whether a line's name (“公共安全支出”, “204 公共安全支出”) is the one a text gives it (“公共安全”, 类 said
    without its 支出; “对个人和家庭的补助支出”, said with a 支出 the name has not)."""
    return name.endswith(said) or name.endswith(f"{said}支出") or said.endswith("支出") and name.endswith(said[:-2])


def _path_ends(path: list[str], names: list[str], depth: int) -> bool:
    """Whether a line's path of names, ``depth`` long, ends in the names a text gives (each as _level_named)."""
    return len(path) == depth and len(names) <= depth and all(
        _level_named(line, said) and abs(len(line) - len(said)) in (0, 2) for line, said in zip(path[-len(names):], names, strict=True))


def _no_budget(name: str | None = None) -> Decimal | None:
    """A budget's figure has no budget of its own year beside it (only a 决算's table prints one)."""
    return None


# the words after a name that say it is the outturn (vocabulary.yaml 决算的说法)
_FINAL_END = regex("(?:" + "|".join(re.escape(w) for w in sorted(final_words(), key=len, reverse=True)) + ")$")
_NAME_BEFORE_FINAL = 4  # the fewest characters of a name before them


@dataclass(frozen=True)
class TableLines:
    """Figures a table prints that no field of the source holds: the spending a 支出总表's 合计 row prints beside 基本支出
    and 项目支出 (by name, 元: 北京's 其中 事业单位经营支出, 上缴上级支出, 对附属单位补助支出; 江苏's 单位预留机动经费), and the
    机关运行经费 table's lines by 经济分类 (code, name, 元: 江苏 2017 公开11表, whose 合计 alone the source holds), and the
    sources of income a 收支总表 prints a row of that the source holds no figure of (江苏's 其他资金)."""

    beside: tuple[tuple[str, Decimal], ...] = ()
    running: tuple[tuple[str, str, Decimal], ...] = ()
    income: tuple[tuple[str, Decimal], ...] = ()  # the 收支总表's rows of sources the source holds no figure of (其他资金)


NO_LINES = TableLines()


def _add_printed(glossary: Glossary, printed: TableLines, f: Computed) -> dict[str, Figure]:
    """The spending beside 基本/项目支出 added under the names texts give it (vocabulary.yaml 数的名称), where no figure
    has that name: “1.事业单位经营支出4354.50万元” is the table's figure; so the sources of income (“3.其他资金收入预算总计
    80万元”). And the 机关运行经费 table's lines by code: what
    a sentence of its section states of a class (“（1）办公费（款）支出167.03万元”) — not the 基本支出's line of that name."""
    said = named_quantities()
    spending, income = known((f.expenditure_total, f.expenditure_grand_total)), known((f.income_total, f.fiscal_income))
    for lines, wholes in ((printed.beside, spending), (printed.income, income)):
        for name, value in lines:
            if glossary.find(name) is None:
                glossary.add(Figure(name, value, wholes=wholes), name, *(said.get(name) or said.get(f"{name}收入") or ()))
    return {code: Figure(f"机关运行经费中的{name}", value) for code, name, value in printed.running}


def running_line(glossary: Glossary, figure: Figure | None, label: str) -> Figure | None:
    """In the 机关运行经费's section, the figure a label names: of a 经济分类 class (its code 3…), the 机关运行经费 table's
    line of it, where the table prints one; of a class no other figure is (30209 物业管理费 of no 基本支出 line), the line
    the label names as the table does (“（5）物业管理费（款）”); any other figure (机关运行经费 itself) as found."""
    lines = glossary.running_lines
    if not lines:
        return figure
    if figure is not None:
        code = next((code for code, named in glossary.codes.items() if named is figure), "")
        return lines.get(code) if code.startswith(_ECONOMIC_CLASS) else figure
    said = _LEVEL_AT_END.sub("", normalize(label))
    found = [line for line in lines.values() if line.name == f"机关运行经费中的{said}"]
    return found[0] if len(found) == 1 else None


def _half_step(budget: Budget) -> Decimal:
    """Half the last digit the tables print a figure to, in 元: a figure the document computed before rounding stands
    within it of the printed one."""
    if budget.source_unit == "万元":
        return rounding_allowance(budget.source_unit, 2) / 2
    return (budget.printed_step or Decimal(0)) / 2


def _parts_summed(b: Budget) -> dict[str, int]:
    """How many figures, each printed rounded, each total sums: its rows (the function rows; the economic rows of
    人员经费 and 公用经费), the income sources."""
    rows, economic = len(b.function_rows), len(b.economic_rows)
    sources = sum(1 for key, amount in b.income.items() if amount and key not in b.income_unknown)
    # 收入总计 and 本年收入合计 sum the income sources, each printed rounded, where there are several
    # (广州市市场监督管理局 2026 prints 177,090.43 in every table and its text; its sources sum to 177,090.44)
    income = {"收入总计": sources, "本年收入合计": sources} if sources > 1 else {}
    # a source of no function rows (a department whose tables print its lines by unit alone: 深圳's of several
    # units) sums its 基本支出 and 项目支出, each printed rounded (深圳市人力资源和社会保障局 2026: 571,347.93)
    spent = rows or 2
    return {**income, "本年支出合计": spent, "支出总计": rows + 1 if rows else spent, "基本支出": rows, "项目支出": rows,
            "财政拨款支出": rows, "一般公共预算基本支出": rows, "一般公共预算项目支出": rows,
            "一般公共预算支出": rows, "人员经费": economic, "公用经费": economic, "财政拨款收入支出总计": rows + 1}


class Glossary(Naming[Figure]):
    """Names → figures of one source."""

    def __init__(self, budget: Budget, figures: Computed, disputes: tuple[Decimal, ...] = (),
                 printed: TableLines = NO_LINES) -> None:
        self.year = budget.year
        self.final = budget.final  # a 部门决算: its income by function is not among its figures
        # A table's own slips (printed total − its parts' sum, in 元): a figure built on the slipped total
        # is disputed, and a sentence that states it corrected agrees with the table's parts.
        self.disputes = disputes
        self.half_step = _half_step(budget)  # (judge.py: a share of unrounded figures, 国家信访局 2024 决算 “占87.88%”)
        self.project_classes: dict[str, Figure] = {}  # 项目支出 by economic class, by name
        # the basic spending's 经济分类 lines: of the basic spending alone, where a sentence naming the
        # same class may speak of all spending (“一般公共预算安排委托业务费402.65万元”: basic and projects)
        self.basic_classes: set[int] = set()
        # the “三公” parts and 公务用车 as one, by each name: a name a 经济分类 line shares (公务接待费, 30217) is
        # ambiguous to find(), yet in a sentence about the “三公” it names the part (judge.py)
        self.three_public: dict[str, Figure] = {}
        self.said_names: list[tuple[Figure, str, tuple[str, ...]]] = []  # the “三公” parts' further names (_said_names)
        super().__init__(budget.department)
        # In a department of several units, a sentence naming a unit speaks of that unit's figures.
        self.unit_names = [unit.department for unit in budget.units]
        # the names of the units a document's tables print in turn (unit_forms): a sentence, or the headings and
        # sentences of its section, naming one speaks of that unit
        self.unit_sections: list[str] = []
        # rows labelled by a year (the “三公” table): “2023年” → this year's total, “2022年” → last year's
        self.years: dict[str, Figure] = {}
        # the figures made of the source's “三公”经费 (its total, parts, 公务用车, years' rows): where the text alone
        # gave them (no “三公” table read), the text's own figures, never its measure (review_prepared)
        self.three_public_figures: set[int] = set()
        # the figure of the source's 机关运行经费: where the text alone gave it (烟台: no table of it), likewise
        self.running_figures: set[int] = set()
        # and the figures of its 政府采购 (烟台, 江苏 2017: said in the text, no 政府采购预算表 read)
        self.procurement_figures: set[int] = set()
        # the names of 经济分类 rows printed with another item's name (30202 印作“咨询费”, 咨询费 being
        # 30203): which figure such a name stands for the document does not say — never judged by name
        self.disputed = _misnamed(budget)
        self._build(budget, figures)
        self.running_lines = _add_printed(self, printed, figures)  # the 机关运行经费 table's lines, by code
        self._allow_rounding(budget, figures)

    def _one(self, found: list[Figure]) -> Figure | None:
        """Two figures of one name (三公's 公务接待费 and 表6's 30217) with one value are one figure; the
        one that knows its prior year speaks for both. Of different values, the name is ambiguous."""
        if len({figure.current for figure in found}) == 1:
            return max(found, key=lambda figure: (figure.prior is not None, figure.actual is not None))
        return None

    def _allow_rounding(self, b: Budget, f: Computed) -> None:
        """Each sum of a 万元 source's figures: the rounding its parts may carry (Figure.slack). A
        line of a classification has its rows as parts; a total has every row it sums."""
        if b.source_unit != "万元" and not b.printed_step:
            return
        self._total_slack(b)
        for node in f.economic_tree:  # a class of 款: its 款
            if node.code in self.codes and len(node.children) > 1:
                self.codes[node.code].slack = self._allowance(b, len(node.children))
        self._function_slack(b)

    def _total_slack(self, b: Budget) -> None:
        """The slack of each total (by the rows it sums) and of each figure of two parts or more."""
        by_total = _parts_summed(b)
        figures = {id(fig): fig for found in self.names.values() for fig in found} | {id(c): c for c in self.codes.values()}
        for figure in figures.values():
            parts = len(figure.parts) or by_total.get(figure.name, 0)
            if figure.name in by_total or len(figure.parts) > 1:
                figure.slack = self._allowance(b, parts)

    def _function_slack(self, b: Budget) -> None:
        """A 功能分类 line's slack: the 基本/项目 figures of its rows, each rounded."""
        for code, figure in self.codes.items():
            summed = sum(bool(r.basic) + bool(r.project) + len(r.other) for r in b.function_rows if r.code.startswith(code))
            if summed > 1 and len(code) in (3, 5, 7) and code[0] == "2":
                figure.slack = max(figure.slack, self._allowance(b, summed))

    def _allowance(self, b: Budget, parts: int) -> Decimal:
        """A 万元 source's rounding, or half its 金额精度 per part (an import of whole-元 tables says 1)."""
        if b.source_unit == "万元":
            return rounding_allowance(b.source_unit, parts)
        return b.printed_step * parts / 2 if b.printed_step and parts > 1 else Decimal(0)

    # -- the figures ----------------------------------------------------------------------------
    def _build(self, b: Budget, f: Computed) -> None:
        """Every figure under its names, in the order a name's first figure is found (the order
        decides nothing but which figure of one name and value speaks for the others)."""
        self._totals(f)
        self._income_sources(b, f)
        self._fund_expenditures(f)
        self._three_public(b, f)
        self._running_costs(b)
        self._procurement(b, f)
        self._defined_rows(b)
        self._performance(b, f)
        self._functions(*(printed_function_lines(f) or (f,)))
        self._economic(f)
        self._projects(b, f)
        self._project_classes(b, f)
        self._economic_lines(b)
        self._fund_balances(b)
        self._balances(b)
        _said_names(self)

    def _balances(self, b: Budget) -> None:
        """上年结转结余 where the source states it, and 年末结转结余 where it states one (北京 “（三）上年结转结余2.03万元”,
        “（三）年终结转结余资金1776.86万元”): a 结转 the source does not state is none, never 0."""
        said = named_quantities()
        if "上年结转" in b.income_stated:
            self.add(Figure("上年结转结余", b.carried_over), *said.get("上年结转结余", ()))
        if b.carry_forward:
            self.add(Figure("年末结转结余", b.carry_forward), *said.get("年末结转结余", ()))

    def _fund_balances(self, b: Budget) -> None:
        """A 决算's 财政拨款收入支出决算总表 prints each fund's 年初 and 年末 财政拨款结转和结余 in rows of the
        fund's own name (“一、一般公共预算财政拨款 21.63” under 年初财政拨款结转和结余): values such a row may show."""
        for fund in ("一般公共预算", "政府性基金", "国有资本经营"):
            balances = tuple(v for v in (b.fiscal_balances.get(w, {}).get(fund) for w in ("年初", "年末")) if v is not None)
            figure = self.find(f"{fund}财政拨款") if balances else None
            if figure is not None:
                figure.others = (*figure.others, *balances)

    def _total(self, f: Computed, name: str, current: Decimal | None, key: str | None, *aliases: str,
               actual: Decimal | None = None, wholes: tuple[Decimal | None, ...] = ()) -> None:
        """A total the source may leave unknown (then it has no name); its prior year and execution are
        the source's totals under ``key``, or, with no key, none and ``actual``."""
        if current is None:
            return
        prior = f.prior_total(key) if key else None
        executed = f.actual.prior_total(key) if key else actual
        # and by the names the vocabulary gives the quantity (vocabulary.yaml 数的名称: 天水市幼儿园 2017 决算 “本单位财政拨款
        # 收入总计1516.64万元”, its 财政拨款收入 — not the 收入总计 its last words name)
        self.add(Figure(name, current, prior, executed if executed is not None else actual, wholes=known(wholes)),
                 name, *aliases, *named_quantities().get(name, ()))

    def _totals(self, f: Computed) -> None:
        """The grand totals and their parts (本年, 基本/项目, 人员/公用, 财政拨款), with the totals a
        share of each may be of."""
        total = self._total
        grand = f.expenditure_grand_total
        # (“收支预算”, 烟台 “2026年收支预算7,503.31万元”, “2024年度收、支总计均为1523.26万元”, 渠县 2024 决算: either
        # total, where the two are one; where they are not, the name is ambiguous and judged by neither; 收支 alone too,
        # “收支较上年决算数减少5137.56万元”, 重庆渝中 解放碑管委会 2023 决算: vocabulary.yaml 数的名称 收支总计)
        both = named_quantities().get("收支总计", ())
        total(f, "收入总计", f.income_grand_total, "收支总计", "收入预算", "收入总计", "收入预算总计", "收入", "预算收入",
              "收入总预算", "收入预算总额", *both)
        total(f, "支出总计", grand, "收支总计", "支出预算", "支出总计", "支出预算总计", "预算", "支出", "预算支出安排",
              "支出预算安排", "支出总预算", "支出预算总额", *both)  # (江苏 2017 “2017年度部门支出预算安排与2016年度相比……”)
        # (江苏 “江苏省高级人民法院本年收入预算合计33172.15万元”). A 决算's 收入, 支出 alone name either total — the year's,
        # where the year's parts are listed after it (天水市幼儿园 2017 决算 “本单位收入为1687.45万元，其中：财政拨款收入……
        # 事业收入……”) — and judge by neither where the two differ; a budget's are its 收入总计, 支出总计 (深圳 2026 “部门预算
        # 收入571,347.93万元”, its 上年结转 in it)
        final = f.budget.final
        total(f, "本年收入合计", f.income_total, None, "本年收入", "本年收入合计", "收入合计", "本年收入预算合计",
              *(("收入",) if final else ()), wholes=(f.income_grand_total,))
        total(f, "本年支出合计", f.expenditure_total, None, "本年支出", "本年支出合计", "支出合计", "本年支出预算合计",
              *(("支出",) if final else ()))
        spending = (f.expenditure_total, grand)
        total(f, "基本支出", f.basic, "基本支出", "基本支出预算", wholes=spending)
        total(f, "项目支出", f.project, "项目支出", "项目支出预算", wholes=spending)
        self._fiscal_rows(f)
        # (the economic classes 人员经费 and 公用经费 sum are those of the 一般公共预算's basic spending: its parts too, “一般公共
        # 预算财政拨款基本支出5377.64万元。其中：人员经费……”, 普陀规划资源局 2024 决算)
        basic = tuple(value for value in (f.basic, f.general_basic) if value is not None)
        total(f, "人员经费", f.personnel, "人员经费", "人员经费支出", wholes=basic)
        total(f, "公用经费", f.public, "公用经费", "公用经费支出", wholes=basic)
        total(f, "财政拨款收入", f.fiscal_income, "财政拨款", "财政拨款收入预算", "财政拨款收入预算总计",  # 江苏
              wholes=(f.income_total,))
        total(f, "财政拨款支出", f.fiscal_expenditure_total, "财政拨款", "财政拨款支出预算", wholes=spending)
        self._fiscal_grand_total(f)

    def _fiscal_grand_total(self, f: Computed) -> None:
        """财政拨款收支总计: a 决算's 财政拨款收入支出总计 (收入 and 年初结转和结余); a budget's 财政拨款收支总表's 总计."""
        total = self._total
        if f.budget.final and f.fiscal_income is not None:  # 财政拨款收入支出总计: 收入 and 年初结转和结余
            total(f, "财政拨款收入支出总计", f.fiscal_income + (f.fiscal_balance("年初") or 0), "财政拨款",
                  "财政拨款收入支出总计", "财政拨款收支总计")
        elif f.fiscal_income is not None and f.fiscal_income == f.fiscal_expenditure_total:
            # a budget's 财政拨款 income all spent this year (none carried over): its 收支总计 on either side (江苏:
            # “财政拨款收支总预算10,070.48万元”, “财政拨款收、支总计各增加…”)
            total(f, "财政拨款收支总计", f.fiscal_income, "财政拨款", "财政拨款收支总计", "财政拨款收支预算",
                  "财政拨款收支总预算", "财政拨款收支预算总计")
        elif f.fiscal_carried_over:
            # some carried over: that table's 总计, income and 上年结转, no prior (国家信访局 2026 “财政拨款收支总预算18,728.91
            # 万元”, its 总计 18,728.94 = 16,474.82 + 2,254.12; the source's prior 财政拨款 is its income alone)
            total(f, "财政拨款收支总计", f.fiscal_income_grand_total, None, "财政拨款收支总计", "财政拨款收支预算",
                  "财政拨款收支总预算", "财政拨款收支预算总计")

    def _fiscal_rows(self, f: Computed) -> None:
        """Rows of a total's name that show only its 财政拨款 (or 一般公共预算) part."""
        # 表4 财政拨款收支总表 has rows of these names, of 财政拨款 only (a 决算's 本年收入合计, a budget's 收入总计)
        for name, fiscal in (("本年收入合计", f.fiscal_income), ("本年支出合计", f.fiscal_expenditure_total),
                             ("收入总计", f.fiscal_income), ("支出总计", f.fiscal_expenditure_total)):
            if self.names.get(name) and fiscal is not None and not self.names[name][0].others:
                self.names[name][0].others = (fiscal,)
                self.names[name][0].named = ((fiscal, _FISCAL_WORDS),)
        # 按经济分类 … 项目支出: the 一般公共预算 part of it (where 项目支出 itself is known: not where the spending
        # beyond the 财政拨款 is known by 类 alone, a document without its 支出总表)
        if f.general_project is not None and self.names.get("项目支出"):
            self.names["项目支出"][0].others = (f.general_project,)
            self.names["项目支出"][0].named = ((f.general_project, _FISCAL_WORDS),)
            self.names["项目支出"][0].wholes += known((f.general_budget,))
        # “财政拨款基本支出预算5,836.27万元” beside a 基本支出 of all the money (5,916.27: 江苏省政协办公厅 2017, its
        # 其他资金's 80.00 in it): the 一般公共预算 part of it, the sentence saying so
        if f.general_basic is not None and self.names.get("基本支出") and not self.names["基本支出"][0].named:
            self.names["基本支出"][0].named = ((f.general_basic, _FISCAL_WORDS),)

    def _income_sources(self, b: Budget, f: Computed) -> None:
        """Each source of income under its names, a share of the income and of its 财政拨款."""
        income = (f.income_total, f.fiscal_income)
        said = named_quantities()  # the words texts name each by (“国有资本经营预算收入1,000万元”, 烟台)
        for name in INCOME_SOURCES:
            words = said.get(name) or said.get(name + "收入") or ()
            known = None if name in b.income_unknown else b.income[name]  # 其余未公开: not 0, not known
            self._total(f, name, known, _INCOME_KEYS.get(name), name + "收入", name.replace("预算拨款", "拨款"),
                        *_INCOME_ALIASES.get(name, ()), *words, wholes=income)

    def _fund_expenditures(self, f: Computed) -> None:
        """The spending of each fund (一般公共预算, 政府性基金, 国有资本经营)."""
        spending = (f.expenditure_total, f.expenditure_grand_total)
        self._total(f, "一般公共预算支出", f.general_budget, "一般公共预算", "一般公共预算拨款支出", "一般公共预算拨款支出预算",
                    "一般公共预算支出预算", "一般公共预算财政拨款支出", wholes=spending)
        general = (f.general_budget,)
        self._total(f, "一般公共预算基本支出", f.general_basic, "一般公共预算基本支出", "一般公共预算财政拨款基本支出",
                    "一般公共预算基本支出预算", wholes=general)
        self._total(f, "一般公共预算项目支出", f.general_project, "一般公共预算项目支出", "一般公共预算财政拨款项目支出",
                    "一般公共预算项目支出预算", wholes=general)
        for fund in ("政府性基金", "国有资本经营"):
            self._total(f, f"{fund}预算支出", f.fiscal_expenditure[fund], fund, f"{fund}拨款支出", f"{fund}拨款支出预算",
                        f"{fund}预算拨款支出预算", f"{fund}预算拨款支出", f"{fund}预算财政拨款支出", wholes=spending)

    def _three_public(self, b: Budget, f: Computed) -> None:
        """The “三公” total, its parts and 公务用车 as one, where the source states them."""
        if not b.three_public.stated:
            return
        before = _figure_ids(self)
        self._three_public_figures(b, f)
        self.three_public_figures = (_figure_ids(self) - before) | {id(figure) for figure in self.years.values()}

    def _three_public_figures(self, b: Budget, f: Computed) -> None:
        fa = f.actual
        self._total(f, "“三公”经费", f.three_public_total, None, "“三公”经费预算", "一般公共预算“三公”经费",
                    "一般公共预算“三公”经费预算", "三公经费", "“三公”经费合计", "三公经费合计",
                    *named_quantities().get("“三公”经费", ()),  # “三公”经费财政拨款支出（佛山 2019 决算）
                    actual=fa.three_public_prior)
        named = self.names.get(normalize("“三公”经费"))
        budget = f.three_public_budget if b.final else _no_budget
        if named:  # the total is unknown where an item is (no figure to give last year's to)
            named[-1].prior = f.three_public_prior
            named[-1].budget = budget(None)
        for name, part in b.three_public.parts.items():
            if not b.three_public.known(name):  # a part the source does not give is unknown, never 0
                continue
            figure = Figure(name, part.current, part.prior, part.actual, budget=budget(name))
            self._three_public_part(figure, name, *_THREE_PUBLIC_ALIASES.get(name, ()))
            self.said_names.append((figure, name, named_quantities().get(name, ())))  # (_said_names)
        if f.vehicles_total is not None:
            self._three_public_part(Figure(VEHICLES, f.vehicles_total, f.vehicles_prior, fa.vehicles_prior,
                                           budget=budget(VEHICLES)), *_VEHICLE_NAMES,
                                    *named_quantities().get(VEHICLES, ()))  # (国家统计局 2011 “车辆购置及运行费”)
        rows = {f"{b.year}年": f.three_public_total, f"{b.prior.year}年": f.three_public_prior,
                f"{b.prior.year}年执行数": fa.three_public_prior}
        self.years = {label: Figure(f"“三公”经费（{label}）", total) for label, total in rows.items() if total is not None}

    def _candidates(self, text: str) -> Iterator[str]:
        """A label's text as a name and the names it may shorten; in a 部门决算, the name before the words that say
        it is the outturn too (“因公出国（境）费支出决算为0万元”, 佛山 2019 决算: 因公出国（境）费支出)."""
        yield from _candidates(text)
        bare = _FINAL_END.sub("", text) if self.final else text
        if bare != text and len(bare) >= _NAME_BEFORE_FINAL:  # “支出决算为…”: 支出 alone names no total for sure
            yield from _candidates(bare)

    def _three_public_part(self, figure: Figure, *names: str) -> None:
        self.add(figure, *names)
        self.three_public.update((normalize(name), figure) for name in names)

    def three_public_part(self, label: str) -> Figure | None:
        """The “三公” part ``label`` names (as find() reads a label), whatever else shares its name."""
        text = normalize(label, self.department)
        return next((self.three_public[c] for c in _candidates(text) if c in self.three_public), None)

    def _running_costs(self, b: Budget) -> None:
        """机关运行经费, where the source states it, by the names vocabulary.yaml gives it too (江苏 “一般公共预算机关运行经费
        预算支出”)."""
        running = b.running_costs
        if running is not None:
            figure = Figure("机关运行经费", running.current, running.prior, running.actual)
            self.add(figure, *_RUNNING_NAMES, *named_quantities().get("机关运行经费", ()))
            self.running_figures = {id(figure)}

    def _procurement(self, b: Budget, f: Computed) -> None:
        """政府采购: its total, each kind and the part kept for small firms, where the source states them."""
        if b.procurement is None:
            return
        p = b.procurement
        # a total of its kinds: each rounded, the 万元 source's total may stand 尾数误差 off the kinds' sum (Figure.slack)
        parts = (p.goods, p.works, p.services) if len(p.given) == 3 else ()  # a kind not given is unknown, not 0
        # and by the names the vocabulary gives them (vocabulary.yaml 数的名称: 江苏 “政府采购预算总金额为”, “拟购买货物”)
        said = named_quantities()
        before = _figure_ids(self)
        if f.procurement_total is not None:
            self.add(Figure("政府采购预算", f.procurement_total, parts=parts), *_PROCUREMENT_NAMES,
                     *said.get("政府采购预算", ()))
        for kind, value in (("货物", p.goods), ("工程", p.works), ("服务", p.services)):
            if kind not in p.given:
                continue
            self.add(Figure(f"{kind}采购", value), f"{kind}采购", f"政府采购{kind}", f"政府采购{kind}预算",
                     f"{kind}类采购", f"{kind}类政府采购", *said.get(f"政府采购{kind}预算", ()))
        if p.sme is not None:
            self.add(Figure("面向中小企业预留", p.sme), *_SME_NAMES)
        self.procurement_figures = _figure_ids(self) - before

    def _defined_rows(self, b: Budget) -> None:
        """The rows of the tables defined as data (reportgen/tablekinds: 行), each under the words its
        definition prints and reads it by, with the amount of its source field where the source states it.
        The table's total row (烟台's 政府采购预算表: its “合 计” is 政府采购.合计) is not named by that bare word:
        a sentence's “合计” is any sum's, and the part names its total by words of its own."""
        for kind in tablekinds.kinds():
            for row in kind.rows:
                names = [name for name in row.names if not kind.total or "".join(name.split()) != kind.total]
                if row.field in b.table_fields and names:
                    self.add(Figure(names[0], b.table_fields[row.field]), *names)

    def _performance(self, b: Budget, f: Computed) -> None:
        """The money 绩效目标管理 covers, where the source states it."""
        performance = b.performance
        if performance is None or performance.amount is None:
            return
        # the 绩效目标 part says the same words of the projects it publishes targets for
        # (targets unknown — a document whose target tables were not read — the projects it lists are the
        # ones it publishes targets for, as it says: “以下1个项目公开绩效目标，涉及预算资金…”)
        listed = f.target_projects_total if f.target_projects_total is not None else f.projects_total
        targets = (listed,) if listed is not None else ()
        # and, under a project's own heading (its 项目经费情况说明), the money of that project
        projects = tuple((p.amount, (p.name,)) for p in b.projects if p.name and len(p.name) >= 2)
        self.add(Figure("绩效目标管理涉及的预算资金", performance.amount, others=targets,
                        named=tuple((t, ("绩效目标",)) for t in targets) + projects,
                        unknown_part=(() if targets else _PUBLISHED_TARGETS) + some_projects_words()), *_PERFORMANCE_NAMES)

    def _functions(self, f: Computed, known_as: str = "") -> None:
        """Each 功能分类 line, by its code, its names and its path of 类/款/项 names (``known_as``: printed_functions.py)."""
        tables = _FunctionTables.of(f)
        tops = f.function_tree()
        if not tops and f.budget.function_scope:  # the lines of one fund only: each that fund's part of the line
            known_as = known_as or f.budget.function_scope
            tops = f.function_tree(f.budget.function_scope)
        for top in tops:
            self._walk(top, (), tables, known_as)

    def _walk(self, node: Node, path: tuple[str, ...], tables: _FunctionTables, known_as: str = "") -> None:
        """A line and, below it, its children, each known also by the path of names down to it (``known_as``:
        the one fund the lines are of, where the source knows no line of all the money)."""
        figure = tables.figure(node)
        figure.known_as = known_as
        self.codes[node.code] = figure
        short = [node.name.removesuffix("支出")] if len(node.code) == 3 else []  # 表1's "一、一般公共服务"
        self.add(figure, node.name, f"{node.name}支出", *short)
        self.by_path["/".join((*path, node.name))].append(figure)
        for child in node.children:
            self._walk(child, (*path, node.name), tables, known_as)

    def _economic(self, f: Computed) -> None:
        """Each 经济分类 line (of the basic spending), by its code and name."""
        printed = _printed_classes(f)
        for node in f.economic_tree:
            self.codes[node.code] = figure = _economic_figure(f, node, printed)
            # (said with its 支出, and 对个人和家庭的补助 without its 的: 深圳 “（三）对个人和家庭补助支出425.99万元”)
            self.add(figure, *dict.fromkeys(said for name in (node.name, node.name.replace("的", ""))
                                            for said in (name, f"{name.removesuffix('支出')}支出")))
            self.basic_classes.add(id(figure))
            for child in node.children:
                self.codes[child.code] = Figure(child.name, child.basic_part, others=(child.basic_part,))
                self.basic_classes.add(id(self.codes[child.code]))
                if normalize(child.name) not in self.disputed:
                    self.add(self.codes[child.code], child.name)

    def _project_classes(self, b: Budget, f: Computed) -> None:
        """项目支出 by economic class, kept apart from the basic spending's classes of the same names:
        a sentence about 项目支出 (“项目支出……其中：工资福利支出12000元”) speaks of these."""
        wholes = (f.project,) if f.project is not None else ()
        for line in b.project_classes:
            prior = line.prior if line.prior is not None else (
                line.amount - line.stated_change if line.stated_change is not None else None)
            figure = Figure(f"项目支出中的{line.name}", line.amount, prior, None, wholes=wholes)
            self.project_classes[normalize(line.name, self.department)] = figure

    def _economic_lines(self, b: Budget) -> None:
        """经济分类款预算 of one fund (江苏's 会议费 and 培训费 of 一般公共预算), by the names vocabulary.yaml gives the 款
        that name that fund (“一般公共预算拨款安排的会议费”): its bare name is the 经济分类 line's of the basic spending."""
        said = named_quantities()
        for line in b.economic_lines:
            names = [name for name in said.get(line.name, ()) if line.fund and line.fund in name]
            prior = line.prior if line.prior is not None else (
                line.amount - line.stated_change if line.stated_change is not None else None)
            if names:
                self.add(Figure(f"{line.fund}{line.name}", line.amount, prior), *names)

    def _projects(self, b: Budget, f: Computed) -> None:
        """Each project of the source by its own name, a share of the project spending."""
        for project in b.projects:
            self.add(Figure(project.name, project.amount, project.prior, project.actual,
                            wholes=(f.project,) if f.project is not None else ()), project.name)


def _figure_ids(glossary: Glossary) -> set[int]:
    """The figures a glossary names so far (a section's are those it adds)."""
    return {id(figure) for found in glossary.names.values() for figure in found}


def _misnamed(b: Budget) -> set[str]:
    """The printed and the catalogue names of each 经济分类 row whose printed name is another's."""
    rows = [r for r in b.economic_rows if r.stated_name
            and codes.name_status("经济分类", r.code, r.stated_name, b.year, b.code_table) == "mismatch"]
    return {normalize(name) for r in rows for name in (r.stated_name, r.name)}


@dataclass
class _FunctionTables:
    """What a 功能分类 line's figure is made of besides the line itself, by code: its 一般公共预算
    part (a table of that fund shows it), last year's execution, its total in the other funds' tables
    and its totals in each unit's table (表3 lists each unit's rows)."""

    general_of: dict[str, Node]
    actual_of: dict[str, Decimal | None]
    fund_totals: dict[str, Decimal]
    in_units: defaultdict[str, set[tuple[str, Decimal]]]
    wholes: tuple[Decimal, ...]
    fund_priors: frozenset[str]  # the codes whose 上年 a line of one fund states (支出.功能分类[].上年)

    @classmethod
    def of(cls, f: Computed) -> _FunctionTables:
        general_of = {n.code: n for top in f.function_tree("一般公共预算") for n in top.walk()}
        actual_of = {n.code: n.prior for top in f.actual.function_tree("一般公共预算") for n in top.walk()}
        funds = [f.function_tree(fund) for fund in ("政府性基金", "国有资本经营")]
        fund_totals = {n.code: n.total for tree in funds for top in tree for n in top.walk()}
        fund_priors = frozenset(r.code for r in f.budget.function_rows if r.prior is not None)
        return cls(general_of, actual_of, fund_totals, _unit_totals(f), known((f.general_budget, f.expenditure_total)),
                   fund_priors)

    def figure(self, node: Node) -> Figure:
        """The line's figure: the values a row of its name may show are its own, its parts' and the
        other tables'; its prior year is its 一般公共预算 part's where it has one — but a line's 上年 of one fund
        (支出.功能分类[].上年) is never set against the line's spending of every fund where other funds spend on it."""
        own = self.general_of.get(node.code)
        fund_only = own is not None and own.total != node.total and node.code in self.fund_priors
        prior = own.prior if own is not None and not fund_only else node.prior
        named = self.named(node, own)
        others = {node.total, *(value for value, _ in named)}
        return Figure(node.name, node.total, prior, self.actual_of.get(node.code),
                      others=tuple(others), parts=tuple(n.total for n in node.walk() if n is not node and not n.children),
                      wholes=self.wholes, named=tuple(named))


    def named(self, node: Node, own: Node | None) -> list[tuple[Decimal, tuple[str, ...]]]:
        """The line's other values a row may show, each with the words that name it: its 一般公共预算 part's
        (``own``), the other funds', its 基本支出 and 项目支出, each unit's."""
        named: list[tuple[Decimal, tuple[str, ...]]] = [(value, words) for value, words in (
            (own.total if own else None, _FISCAL_WORDS), (self.fund_totals.get(node.code), _FUND_WORDS),
            (node.basic, ("基本支出",)), (node.project, ("项目支出",))) if value is not None]
        return named + [(value, (unit,)) for unit, value in sorted(self.in_units[node.code])]


def _unit_totals(f: Computed) -> defaultdict[str, set[tuple[str, Decimal]]]:
    """A code's totals (合计, 基本, 项目) in each unit of the department, with the unit's name."""
    in_units: defaultdict[str, set[tuple[str, Decimal]]] = defaultdict(set)
    for unit in f.unit_figures:
        name = unit.budget.department
        for top in unit.function_tree():
            for n in top.walk():
                in_units[n.code] |= {(name, v) for v in (n.total, n.basic, n.project) if v is not None}
    return in_units


_BRACKETS = regex(r"[（）()\s]")
_BRACKETED = regex(r"[（(][^（）()]*[）)]")
_SHORTEST = 4  # a unit's name shortened to fewer characters names nothing for sure


def unit_forms(units: tuple[str, ...], department: str) -> list[str]:
    """The names a text may give each of ``units``: as printed, without its brackets, without what they hold
    (“深圳市深圳河湾流域管理中心（深圳市治理深圳河办公室）”, a heading wrapping before its bracket closes) where that is
    not the department's own name, and what tells it from the department (its name after the department's:
    “深圳市建筑工务署（本级）” → 本级, a text's “市建筑工务署本级”)."""
    own = _BRACKETS.sub("", department)
    found: set[str] = set()
    for unit in units:
        plain, short = _BRACKETS.sub("", unit), _BRACKETS.sub("", _BRACKETED.sub("", unit))
        found |= {unit, plain}
        if len(short) >= _SHORTEST and short not in own:
            found.add(short)
        if own and plain.startswith(own) and len(plain) - len(own) >= 2:
            found.add(plain[len(own):])
    return sorted(found - {""})


def _said_names(glossary: Glossary) -> None:
    """The “三公” parts under the further names vocabulary.yaml gives them (“公务用车运行维护支出12,000.00元”, 寻甸县文联
    2022 决算), each where the part's own name names it alone: a name a 经济分类 line shares (公务接待费, 30217) stays
    ambiguous in each of its forms (“公务接待费预算支出” where nothing says “三公”), though a sentence about the “三公”
    names the part by any of them (three_public_part)."""
    for figure, name, said in glossary.said_names:
        if glossary.names.get(normalize(name)) == [figure]:
            glossary.add(figure, *said)
        glossary.three_public.update((normalize(word), figure) for word in said)


def _printed_classes(f: Computed) -> dict[str, Decimal]:
    """Each economic class's figure as its 类 row prints it."""
    return {t.code: t.total for t in f.budget.stated_totals
            if t.kind == "经济分类" and len(t.code) == 3 and t.total is not None}


def _economic_figure(f: Computed, node: Node, printed: dict[str, Decimal]) -> Figure:
    """An economic line's figure. A class whose 类 row prints another figure than its 款 add up to (长春's 301 911.21
    over 款 of 920.96, told at that row): the text speaks of the figure printed, its 款' sum a value a sentence may show."""
    amount = printed.get(node.code, node.basic_part)
    others = (node.basic_part,) if amount != node.basic_part else ()
    return Figure(node.name, amount, node.prior, None, others=others, wholes=known((f.general_budget, f.basic or node.basic_part)))
