"""A document without budget tables (a published page whose tables are images, a PDF of prose): the
figures its prose states, each placed by its line and the sentence it stands in, into a partial
source in the partial-knowledge fields (收入.收入总计 with 其余未公开, 支出.合计, 支出.基本支出.合计, the
功能分类 类 rows it names, the projects it lists under 项目支出, the changes it states as 增减额 …);
what the text does not state is not written (never a 0), and each figure it states that no field takes
is told (``ProseSource.unplaced``), never dropped unsaid. A text that states one figure twice, and
differently (“2026年收入预算1,234.56万元” … “调整后，2026年收入预算2,345.67万元”), is reported as a
conflict naming both places and both figures (``ProseSource.conflicts``, an import difference): the
first is written, as the text's figure to check, never the conflict passed over. The words are
prose_fields.yaml; the figures are read as `review` reads a draft's (readers/statements.py)."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from reportgen.base.patterns import regex
from reportgen.codes import all_codes, all_function_codes
from reportgen.importing.recognition.identity import cover_of
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.tree import Placed, Tree, scaled
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import Statement, named_quantities, other_part_money_words, read_statements
from reportgen.reading.amounts import yuan_factors

_TITLE = regex(r"^([\u4e00-\u9fff（）()]{2,60}?)(?:部门)?(\d{4})年度?(?:部门|单位)?预算")
_YEAR = regex(r"(\d{4})年度?")
# a sentence naming the budget's scope, never its title: “纳入烟台市住房和城乡建设局2026年部门预算编制范围的二级预算单位包括”
_SCOPE = "编制范围"
# a part's heading before the words of a title (“第二部分江苏省高级人民法院2018年部门预算表”), or alone before its year
# (“第一部分 2026 年度部门预算情况说明”: no department named)
_PART = regex(r"^第[一二三四五六七八九十]{1,3}部分")
_PART_YEAR = regex(_PART.pattern + r"(\d{4})年度?(?:部门|单位)?预算")
_OUTLINE = regex(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．])")
_QUOTES = str.maketrans("", "", "“”\"‘’'「」")
_FACTOR = yuan_factors("元", "万元", "亿元")
_SENTENCE = 40  # characters of the sentence kept beside a figure's place
_HEADING = 30  # characters at most of a heading line
_NOT_HEADING = regex(r"[。；;，,]")


@functools.cache
def _words() -> dict[str, Any]:
    path = Path(__file__).with_name("prose_fields.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert isinstance(data, dict), path
    return data


@functools.cache
def _names(section: str) -> dict[str, str]:
    """A label (quotes dropped) → the field it names, of the words' ``section``."""
    return {name.translate(_QUOTES): path for path, names in _words()[section].items() for name in names}


@functools.cache
def _classes(year: int) -> dict[str, str]:
    """A 功能分类 类's name in ``year`` → its code."""
    return {entry.name: entry.code for entry in all_function_codes(year) if entry.level == "类"}


UNSTATED_INCOME = "正文没有说到的收入来源：未公开，不当作 0"  # the comment beside 其余未公开


@dataclass
class ProseSource:
    """A source read from prose: the source, the parts the page publishes as sections of their own
    (never written 不公开), each figure stated that no field took (with its place and why), and the
    count of figures stated and of those written."""

    imported: Imported
    published: set[str] = field(default_factory=set)
    unplaced: list[str] = field(default_factory=list)
    stated: int = 0
    written: int = 0
    conflicts: list[str] = field(default_factory=list)  # one figure stated twice, differently: both places


def prose_source(lines: list[Line]) -> ProseSource | None:
    """The source of a document whose prose states its figures; None where it states none the words
    know (or names no department and year)."""
    owner = _owner(lines)
    if owner is None:
        return None
    statements = read_statements([Line(index, line.text) for index, line in enumerate(lines, start=1)])
    reading = _Reading(lines, statements, owner[1], owner[0], owner[2])
    if not reading.amounts():
        return None
    reading.classes()
    reading.projects()
    reading.changes()
    imported = reading.imported()
    stated = [st for st in statements if _stated(st)]
    unplaced = [reading.unplaced_line(st) for st in stated if id(st) not in reading.used]
    return ProseSource(imported, _published(lines), unplaced, len(stated), len(stated) - len(unplaced),
                       reading.conflicts)


def _owner(lines: list[Line]) -> tuple[str, int, str] | None:
    """The department, year and title line a budget's prose states: a line “XX2026年部门预算” (not the sentence of its
    scope, “纳入XX2026年部门预算编制范围的……”; after a part's “第二部分”, the words that follow it), else its
    cover's title however it is set (“2026 年深圳市民政局（本级）部门预” / “算”: the year first, wrapped;
    identity.cover_of); else the year a part's heading names, no department; None where none names a budget's year."""
    titled = next(((line, m) for line in lines[:40] if _SCOPE not in (words := "".join(line.text.split()))
                   and (m := _TITLE.search(_PART.sub("", words, count=1))) is not None), None)
    if titled is not None:
        return titled[1].group(1), int(titled[1].group(2)), titled[0].where
    cover = cover_of(lines)
    if cover is not None and cover.accounts == "预算" and cover.department:
        return cover.department, cover.year, cover.where
    # no department named where the year is: a part's heading of the budget's year (“第二部分2019年度部门预算表”, 江苏省
    # 政协办公厅 2019, its cover an image), the department left unnamed (部门未写明), never taken for the heading's words
    parted = next(((line, m) for line in lines[:40] if (m := _PART_YEAR.search("".join(line.text.split())))), None)
    return ("", int(parted[1].group(1)), parted[0].where) if parted is not None else None


def _yuan(st: Statement) -> Decimal:
    """A stated figure in 元."""
    return (st.value or Decimal(0)) * _FACTOR[st.unit]


def _made_with_carry(total: Statement, basic: Statement, project: Statement, carry: Statement) -> bool:
    """Whether a stated total is 基本支出 + 项目支出 + 结转下年 and not 基本支出 + 项目支出 alone, a carry-over there, within
    the rounding of the four figures as printed (half their last digit each)."""
    tail = sum((_half_digit(st) for st in (total, basic, project, carry)), Decimal(0))
    rest = _yuan(total) - _yuan(basic) - _yuan(project)
    return bool(_yuan(carry)) and abs(rest) > tail and abs(rest - _yuan(carry)) <= tail


def _half_digit(st: Statement) -> Decimal:
    """Half a unit of the last digit a stated figure is printed to, in 元: how far it may stand from what it rounds."""
    exponent = (st.value or Decimal(0)).as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0) / 2 * _FACTOR[st.unit]


def _stated(st: Statement) -> bool:
    """A figure the text states: an amount or a change with its number."""
    return st.kind in ("amount", "change") and st.value is not None and st.unit in _FACTOR


def _published(lines: list[Line]) -> set[str]:
    """The parts whose heading the page prints (“三、机关运行经费安排情况”, “六、政府采购预算情况”)."""
    parts: set[str] = set()
    for line in lines:
        text = "".join(line.text.split()).translate(_QUOTES)
        if not text or len(text) > _HEADING or _NOT_HEADING.search(text):
            continue
        parts.update(part for part, words in _words()["部分"].items() if any(w in text for w in words))
    return parts


class _Reading:
    """The statements of one text placed field by field; ``used`` the statements placed (or repeating
    a figure placed), ``why`` the reason one was not."""

    def __init__(self, lines: list[Line], statements: list[Statement], year: int, department: str,
                 title: str) -> None:
        self.lines, self.statements, self.year, self.department, self.title = lines, statements, year, department, title
        self.found: dict[str, tuple[Statement, str, Decimal]] = {}
        self.rows: list[Tree] = []
        self.items: list[Tree] = []
        self.prior: dict[str, tuple[Statement, Decimal]] = {}
        self.used: set[int] = set()
        self.why: dict[int, str] = {}
        self.conflicts: list[str] = []
        self.grand: Statement | None = None  # 支出 stated as 支出总计 (its parts and 结转下年 make it), not written
        self.unit = "万元"

    # --- what a statement names ------------------------------------------------------------------

    def label(self, st: Statement) -> str | None:
        """The statement's label as the words name it (None: another year's figure); a bare total
        (“2026年年初预算数”) named by the words before its sentence's colon (“（一）收入预算：”)."""
        plain = _label(st.label, self.year, self.department)
        if plain is not None and plain in _words()["总数"]:
            return _lead(st.sentence) or plain
        return plain

    def field_of(self, label: str) -> str | None:
        """The source field a label names: by this reader's words (prose_fields.yaml 字段), else a carry-over by the
        names the reader's vocabulary gives it (_carried)."""
        return _names("字段").get(label) or _carried(label)

    def stated(self, path: str) -> bool:
        """Whether the text states this year's figure of a field: written, or 支出合计 stated as 支出总计 (_spending_with_carry:
        its change is 收支总计's, as 收入总计's is)."""
        return path in self.found or path == "支出.合计" and self.grand is not None

    def amount(self, st: Statement) -> Decimal:
        """The statement's figure in the source's unit, exact."""
        assert st.value is not None
        return scaled(st.value, _FACTOR[st.unit] / _FACTOR[self.unit])

    def where(self, st: Statement, label: str) -> str:
        where = f"{self.lines[st.line - 1].where}“{label}”：{st.sentence[:_SENTENCE]}"
        return " ".join(where.split())

    def take(self, st: Statement) -> None:
        self.used.add(id(st))

    def conflict(self, first: Statement, later: Statement, what: str) -> None:
        """``later`` states ``what`` again, as another figure than ``first`` did: both told, as a
        difference of the text (the first written), and ``later`` listed as not written."""
        def stated(st: Statement) -> str:
            sentence = " ".join(st.sentence[:_SENTENCE].split())
            return f"{self.lines[st.line - 1].where}“{st.label or st.text}”{st.value}{st.unit}（{sentence}）"

        self.conflicts.append(f"正文两处写了{what}，数字不同：{stated(first)}；{stated(later)}；"
                              "写入了前一处的数，请核对哪一处是对的")
        self.why[id(later)] = f"与{self.lines[first.line - 1].where}所写的{what}（{first.value}{first.unit}）不同，见不一致"

    # --- the figures --------------------------------------------------------------------------------

    def amounts(self) -> bool:
        """Each field the text names with an amount of this year, the first time it names it; a
        later statement of the same figure is a repetition, of another figure told."""
        shares = _shares(self.statements)
        for st in self.statements:
            label = self.label(st) if st.kind == "amount" and _stated(st) else None
            path = self.field_of(label) if label else None
            if path is not None:
                self._field_stated(st, path, label or "", shares.get(id(st)))
        if not self.found:
            return False
        self._beside_spending()
        self._spending_with_carry()
        self.unit = self._unit_of_found()
        self.found = {path: (st, label, self.amount(st)) for path, (st, label, _) in self.found.items()}
        return True

    def _unit_of_found(self) -> str:
        """The unit (元 or 万元) the fields found are stated in most; 万元 where none is."""
        units = Counter(st.unit for st, _, _ in self.found.values() if st.unit in ("元", "万元"))
        return units.most_common(1)[0][0] if units else "万元"

    def _field_stated(self, st: Statement, path: str, label: str, share: Statement | None) -> None:
        """An amount the text states of a field (``path``): the field's the first time, a repetition after (another
        figure told as a conflict); an amount of another part (``share``: its share's words say so) never written as
        the department's figure — told among those not written, with why."""
        another = _of_another_part(st, path, share)
        if another:
            self.why[id(st)] = another
            return
        if path not in self.found:
            self.found[path] = (st, label, Decimal(0))
        elif _yuan(self.found[path][0]) != _yuan(st):
            self.conflict(self.found[path][0], st, path)
            return
        self.take(st)

    def _beside_spending(self) -> None:
        """A spending the text states beside 基本支出 and 项目支出 that no field holds (单位预留机动经费 …, 支出之外):
        项目支出 not written — 基本支出 and it would make the spending without it —, and told why."""
        beside = next((st for st in self.statements if st.kind == "amount" and _stated(st) and st.value
                       and _is_beside(self.label(st))), None)
        if beside is None or "支出.项目支出" not in self.found or "支出.基本支出.合计" not in self.found:
            return
        project = self.found.pop("支出.项目支出")[0]
        self.used.discard(id(project))
        self.why[id(project)] = (f"正文另写了{beside.label}{beside.value}{beside.unit}，源文件没有它的字段：基本支出与项目支出"
                                 "之和不是支出合计，未写入")

    def _spending_with_carry(self) -> None:
        """支出 stated as the whole its enumerated parts make with the carry-over to next year (北京 “2026年支出预算
        71094.17万元” … “（一）基本支出……（二）项目支出……（三）年终结转结余资金1776.86万元”): 基本支出 and 项目支出 do not
        make it, they and 结转下年 do (within the rounding of the figures as printed: 北京市水务局's three parts add up to
        1048475.72 of its 1048475.73) — by the arithmetic, not by its name — so it is 支出总计, not the 支出合计 the
        source's field holds (支出合计 + 结转下年): not written, and told why (收入总计 checks it against the parts)."""
        parts = [self.found.get(path) for path in ("支出.合计", "支出.基本支出.合计", "支出.项目支出", "结转下年")]
        stated = [part[0] for part in parts if part is not None]
        if len(stated) < len(parts) or not _made_with_carry(*stated):
            return
        grand, carried = self.found.pop("支出.合计")[0], self.found["结转下年"]
        self.used.discard(id(grand))
        self.grand = grand
        self.why[id(grand)] = (f"它是基本支出、项目支出与{carried[1]}之和（支出总计，含结转下年）：源文件的支出合计不含结转下年，"
                               "由基本支出与项目支出算出，未写入")

    def classes(self) -> None:
        """The 功能分类 类 the text names with an amount (“一般公共服务支出906.63万元”): rows of their
        合计 only (基本支出 and 项目支出 not stated), each once. A 类 whose name is another thing's too (a fund's
        spending, an economic class: _shared_names) is read only where its sentence names 类 (_not_a_class)."""
        codes = _classes(self.year)
        seen: set[str] = set()
        for st in self.statements:
            label = self.label(st) if st.kind == "amount" and _stated(st) and id(st) not in self.used else None
            code = self.class_code(st, codes, label) if label else None
            if code is None or code in seen:
                continue
            seen.add(code)
            self.rows.append({"科目": Placed(int(code), self.where(st, label or "")),
                              "合计": Placed(self.amount(st), self.where(st, label or ""))})
            self.take(st)

    def class_code(self, st: Statement, codes: dict[str, str], label: str) -> str | None:
        """The code of the 类 ``st``'s label names (_class_code); None where it names none, or a 类 whose name another
        thing bears too in a sentence that names no 类 (why told)."""
        code = _class_code(codes, label)
        why = _not_a_class(st, label, self.class_named(st)) if code in _shared_names(self.year) else ""
        if why:
            self.why[id(st)] = why
        return None if why else code

    def class_named(self, st: Statement) -> bool:
        """Whether ``st``'s sentence names a 类 beside it: another amount's label a 类 no other thing bears."""
        codes, shared = _classes(self.year), _shared_names(self.year)
        return any(other is not st and other.sentence is st.sentence and other.kind == "amount"
                   and (label := self.label(other)) and (code := _class_code(codes, label)) and code not in shared
                   for other in self.statements)

    def projects(self) -> None:
        """The projects the sentence of 项目支出 lists after it (“项目支出10.20万元，主要为劳动模范荣誉
        津贴安排1.44万元，…”): each amount there that names no field, in order, until one does; the
        list kept only where it does not exceed 项目支出."""
        total = self.found.get("支出.项目支出")
        if total is None:
            return
        listed = self.listed_after(total[0])
        if listed and sum((self.amount(st) for st, _ in listed), Decimal(0)) <= total[2]:
            for st, name in listed:
                self.items.append({"名称": Placed(name, self.where(st, name)), "金额": Placed(self.amount(st), self.where(st, name))})
                self.take(st)

    def listed_after(self, total: Statement) -> list[tuple[Statement, str]]:
        """The amounts stated after ``total`` in its sentence, each with its name, up to the first that names a
        field (or none)."""
        listed: list[tuple[Statement, str]] = []
        for st in self.statements[self.statements.index(total) + 1:]:
            if st.line != total.line or st.sentence != total.sentence or st.kind != "amount" or not _stated(st):
                break
            name = self.label(st)
            if not name or self.field_of(name) or len(name) < 2:
                break
            listed.append((st, name))
        return listed

    def changes(self) -> None:
        """Each change the text states of a figure it states (“较2019年预算增加4.39万元”, “与上年持平”):
        its 增减额, in the 上年 field or on the item; a change of the prior year's execution, or of a
        figure the text does not state this year, is told, not written."""
        for st in self.statements:
            if st.kind not in ("change", "flat") or (st.kind == "change" and not _stated(st)):
                continue
            target = self.change_target(st)
            if target is None:
                continue
            signed = Decimal(0) if st.kind == "flat" else -self.amount(st) if st.direction == "down" else self.amount(st)
            earlier = self.prior.get(target)
            if earlier is None:
                self.prior[target] = (st, signed)
                self.take(st)
            elif earlier[1] == signed:
                self.take(st)
            else:
                self.conflict(earlier[0], st, f"{target}的增减")

    def change_target(self, st: Statement) -> str | None:
        """Where a change goes: its field's 增减 place, or a listed project's; None (and why) else."""
        label = self.label(st)
        if not label:
            return None
        if st.base == "执行数":
            self.why[id(st)] = "与上年执行数的比较：正文没有写明上年执行数，未写入"
            return None
        path = self.field_of(label) or _names("增减名称").get(label)
        if path is not None and self.stated(path):
            return str(_words()["增减"][path]) if path in _words()["增减"] else None
        project = next((i for i, item in enumerate(self.items) if _is_project(item, label)), None)
        if project is not None:
            return f"支出.项目[{project}]"
        if path is not None:
            self.why[id(st)] = f"正文没有写明本年的{path.removesuffix('.本年')}，增减无从对应"
        return None

    # --- the source -------------------------------------------------------------------------------

    def imported(self) -> Imported:
        imported = Imported({}, department=self.department, year=self.year, unit=self.unit)
        tree = imported.tree
        tree["部门"] = Placed(self.department, self.title)
        tree["年度"] = Placed(self.year)
        tree["金额单位"] = Placed(self.unit)
        if self._printed_to_hundredths():
            tree["金额精度"] = Placed(_HUNDREDTH, "正文的金额都印到0.01万元（各自取整）")
        for path, (st, label, amount) in self.found.items():
            _put(tree, path.split("."), Placed(amount, self.where(st, label)))
        income = tree.get("收入")
        if isinstance(income, dict):
            income["其余未公开"] = Placed(True, UNSTATED_INCOME)
        spending = tree.setdefault("支出", {})
        assert isinstance(spending, dict)
        if self.rows:
            spending["功能分类"] = self.rows
        if self.items:
            spending["项目"] = self.items
        if not spending:  # a text stating no spending: none written (no empty section), check lists it 必填
            del tree["支出"]
        for target, (st, signed) in self.prior.items():
            self._put_change(tree, target, Placed(signed, self.where(st, self.label(st) or st.text)))
        return imported

    def _printed_to_hundredths(self) -> bool:
        """Whether the text prints its 万元 figures rounded to 0.01 万元 (none finer, some to two places), as a table of
        万元 does (金额精度 0.01, pipeline._state_step): the parts of a total it states may miss it by their 尾数."""
        places = [-exponent for st, _, _ in self.found.values()
                  if isinstance(exponent := (st.value or Decimal(0)).as_tuple().exponent, int)]
        return self.unit == "万元" and bool(places) and max(places) == 2

    def _put_change(self, tree: Tree, target: str, value: Placed) -> None:
        if target.startswith("支出.项目["):
            self.items[int(target[len("支出.项目["):-1])]["增减额"] = value
        elif target.startswith("上年."):
            _put(tree, [*target.split("."), "增减额"], value)
        else:
            _put(tree, target.split("."), value)

    def unplaced_line(self, st: Statement) -> str:
        reason = self.why.get(id(st), "源文件没有对应的字段")
        label = st.label or st.text
        return f"{self.lines[st.line - 1].where}：“{label}”{st.value}{st.unit}（{st.sentence[:_SENTENCE]}）没有写入：{reason}"


_HUNDREDTH = Decimal("0.01")
_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")  # the funds a total's name may begin with (部分的限定)


def _shares(statements: list[Statement]) -> dict[int, Statement]:
    """Each amount's share, where one follows it in its sentence before the next amount."""
    shares: dict[int, Statement] = {}
    last: Statement | None = None
    for st in statements:
        if st.kind == "amount":
            last = st
        elif st.kind == "share" and last is not None and last.sentence is st.sentence and id(last) not in shares:
            shares[id(last)] = st
    return shares


def _of_another_part(st: Statement, path: str, share: Statement | None) -> str:
    """Why an amount whose words name a field is another part's figure, not the department's (""; it is the
    department's): a source of another part's money (“按政府采购资金类型划分，一般公共预算拨款17000元”, 广西梧州), or a
    part of one fund's total its share names (“基本支出预算881300.39元，占一般公共预算支出的96.74%”) where the field
    is of all the money."""
    before = st.sentence.split(st.text, 1)[0]
    money = next((word for word in other_part_money_words() if word in before), "")
    if money and path.startswith(("收入.", "上年")):
        return f"句中说的是{money}的来源，不是部门的收入"
    whole = share.named_whole if share is not None else ""
    fund = next((word for word in _FUNDS if whole.startswith(word)), "")
    if fund and path.startswith("支出.") and fund not in st.label:
        return f"句中说它占{whole}的比例，是{fund}的一部分，不是全部资金的数"
    return ""


@functools.cache
def _carry_names() -> dict[str, str]:
    """A carry-over's name (vocabulary.yaml 数的名称) → its source field (prose_fields.yaml 数的名称的字段)."""
    said = named_quantities()
    return {name.translate(_QUOTES): path for quantity, path in _words()["数的名称的字段"].items()
            for name in said.get(quantity, ())}


def _carried(label: str) -> str | None:
    """The field of the carry-over a label names, alone or with the words of its budget after it (总数: 江苏
    “4．上年结转资金预算数为0万元”); None where it names none."""
    names = _carry_names()
    total = next((word for word in _words()["总数"] if label.endswith(word) and label[:-len(word)] in names), "")
    return names.get(label[:-len(total)] if total else label)


def _is_beside(label: str | None) -> bool:
    """Whether a label names a spending beside 基本支出 and 项目支出 (支出之外), alone or with the words of its
    budget after it (总数: 江苏省人民检察院 2019 “单位预留机动经费预算数为3990.4万元”)."""
    beside = _words().get("支出之外", [])
    return label is not None and (label in beside or any(
        label.endswith(total) and label[:-len(total)] in beside for total in _words()["总数"]))


def _is_project(item: Tree, label: str) -> bool:
    name = item["名称"]
    assert isinstance(name, Placed)
    return label in (name.value, f"{name.value}项目")


def _lead(sentence: str) -> str | None:
    """The words before a sentence's colon, its outline number off (“（一）收入预算：” → 收入预算)."""
    plain = "".join(sentence.split())
    plain = _OUTLINE.sub("", plain, count=1)
    head, colon, _ = plain.partition("：") if "：" in plain else plain.partition(":")
    return head if colon and 2 <= len(head) <= 12 else None


def label_words(label: str, year: int, department: str) -> str | None:
    """A label as the words name it (_label): what a sentence of a document with tables names too."""
    return _label(label, year, department)


def _label(label: str, year: int, department: str) -> str | None:
    """The label as the words name it: its year (this year's only: another year's is None), the
    department or outline number that opens it (“2026年，上海市普陀区…委员会收入预算”), its quotation
    marks and the joining words off."""
    plain = "".join(label.split()).translate(_QUOTES)
    stated = _YEAR.search(plain[:12])
    if stated is not None:
        if int(stated.group(1)) != year:
            return None
        plain = plain[stated.end():]
    without = _without_department(_OUTLINE.sub("", plain.lstrip("，,：:"), count=1), year, department)
    return None if without is None else _without_joining_words(without)


def _without_department(plain: str, year: int, department: str) -> str | None:
    """A label without the department (or 本部门, 本单位 …) that opens it, and the department's 部门 and year after it
    (“江苏省人大常委会办公厅部门本年支出预算合计”, “江苏省人大常委会办公厅2018年度收入、支出预算总计”): None where
    that year is another. The department is named by its short name as by its full one: 江苏省人民检察院's
    “省检察院本年支出预算合计”, 中共江苏省委办公厅's “江苏省委办公厅”, 上海市普陀区城市管理行政执法局's “普陀区城市管理行政执法局”
    (_short_name)."""
    short = "" if plain.startswith(department) else _short_name(plain, department)
    for name in (department, short, "本部门", "本单位", "我部门", "我单位"):
        if not name or not plain.startswith(name) or len(plain) <= len(name):
            continue
        plain = plain[len(name):]
        if name in (department, short):
            after = _after_the_department(plain, year)
            if after is None:
                return None
            plain = after
    return plain


def _short_name(plain: str, department: str) -> str:
    """The department's short name opening ``plain``: its longest start of three characters or more that ends as the
    department's name ends (院, 局, 厅, 会 …) and whose characters are the name's, in their order, some left out
    (省检察院 of 江苏省人民检察院); "" where none is."""
    if len(department) < 4:
        return ""
    for end in range(min(len(plain) - 1, len(department) - 1), 2, -1):
        if plain[end - 1] == department[-1] and _in_order(plain[:end], department):
            return plain[:end]
    return ""


def _in_order(short: str, name: str) -> bool:
    """Whether every character of ``short`` is one of ``name``'s, in the same order."""
    rest = iter(name)
    return all(char in rest for char in short)


def _after_the_department(plain: str, year: int) -> str | None:
    """The words after a department's name without its 部门 and the year after it; None where that year is another."""
    if plain.startswith("部门") and len(plain) > 2:
        plain = plain[2:]
    after = _YEAR.match(plain)
    if after is None:
        return plain
    return None if int(after.group(1)) != year else plain[after.end():]


def _without_joining_words(plain: str) -> str:
    """A label without the joining words before and after what it names (vocabulary: 前, 后), as long as words are
    left."""
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


def _class_code(codes: dict[str, str], label: str) -> str | None:
    """The code of the 类 a label names as spending: its name with 支出 after it (prose_fields.yaml 类名的尾字: the
    catalogue's “一般公共服务支出”; “预备费支出”, 预备费 the one 类 whose name has no 支出), or its name marked as a
    类 (类的标记: “一般公共服务（类）” is 201, “预备费（类）” 227). A name alone is never the 类's spending: “预备费
    644.10万元” inside a project's 总投资 (上海 普陀 文旅局 2026) is a part of that project's cost, not 227."""
    tail = _words()["类名的尾字"]
    mark = next((mark for mark in _words()["类的标记"] if label.endswith(mark)), None)
    name = label.removesuffix(mark) if mark else label
    if mark is None and not name.endswith(tail):
        return None
    return codes.get(name) or codes.get(name + tail) or codes.get(name.removesuffix(tail))


@functools.cache
def _shared_names(year: int) -> frozenset[str]:
    """The codes of the 类 whose name another thing of the budget bears too: a fund's spending (国有资本经营预算支出,
    223: the 国有资本经营预算's spending, the name of its fund before it), or an economic class (其他支出, 229: the
    部门经济分类's 399 and the 政府经济分类's 599; 转移性支出, 债务还本支出) — from the catalogues, never a region's list."""
    economic = {entry.name for kind in ("economic", "government_economic") for entry in all_codes(kind, year)}
    return frozenset(code for name, code in _classes(year).items() if name.startswith(_FUNDS) or name in economic)


def _not_a_class(st: Statement, label: str, beside: bool) -> str:
    """Why an amount named by a 类's name that another thing bears too is not that 类 ("": it is): its sentence names
    no 类 — neither marked （类） (“其他支出（类）”), nor beside another 类 (``beside``: “按支出功能分类，包括一般公共服务
    支出……、国有资本经营预算支出……”), nor by the classification's name. Alone (江苏 苏州、无锡 “XX2026年国有资本经营
    预算支出0万元。” under “十一、国有资本经营预算支出预算情况说明”, after the 政府性基金预算's) or among the funds, it is
    the fund's spending (or the economic class's), never a 功能分类 row."""
    if beside or any(label.endswith(mark) for mark in _words()["类的标记"]) or any(
            word in st.sentence for word in _words()["类的列举"]):
        return ""
    fund = next((fund for fund in _FUNDS if label.startswith(fund)), "")
    what = f"{fund}预算（资金）的支出" if fund else "经济分类的名称"
    return f"“{label}”也是{what}，句中没有写明它是功能分类的类（没有标“（类）”，也没有与别的类并列）"


def _put(tree: Tree, path: list[str], value: Placed) -> None:
    node = tree
    for key in path[:-1]:
        child = node.setdefault(key, {})
        assert isinstance(child, dict)
        node = child
    node[path[-1]] = value
