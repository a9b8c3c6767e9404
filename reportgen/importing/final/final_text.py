"""A 部门决算's narrative → its source's text fields, where the words are read reliably. The Shanghai
决算 text (and the national one it follows) words each part in fixed sentences; they are read from the
text with its spaces and line breaks taken out, each with the page and line it starts on:

- 部门概况: 职责 (as the budget's reader reads them), 下属单位 from the 部门决算单位构成 list where each
  unit stands on a line of its own with its number, or [] where the text says there is none (“我部门没有下属单位”);
  成立年度 where the department says it was founded this year (text_fields.add_founding: it has no 上年);
- 上年 and 变动原因 from “与2023年度相比，收入支出总计增加……万元，增长……%。主要原因：……” (收支总计,
  财政拨款, 一般公共预算): the stated change, never a computed prior;
- 预算数.一般公共预算 and each 项's 年初预算/全年预算, 用途 and 差异原因 from 五（三）, each 项 known by
  its 类/款/项 names, else by its 支出决算 (the one row of that amount); without 五（三）, the fund's 年初预算 from
  the difference its 决算数 is stated to have from it (“比年初预算数增加……”);
- “三公”经费: the 差异原因 of its 合计, the stated changes (持平 is a change of 0) and reasons, its
  具体情况 (团组, 保有量, 接待批次 …); 机关运行经费 本年 and its change (本年 alone where the
  text compares it with its budget); 政府采购; 国有资产; 绩效管理;
- 名词解释 as the budget's reader reads it (the document's terms only); the “三公” 说明 of an empty table.
What is not read is listed (the import's 未写入 lines), never guessed: a figure as printed, slips and all."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from pathlib import Path

import yaml

from reportgen.base.patterns import regex
from reportgen.importing.final.final_build import GENERAL, SPENDING, TOTALS, messages
from reportgen.importing.recognition.catalog import normalized
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.text.text_fields import _placed, add_founding
from reportgen.importing.text.text_parts import TextParts
from reportgen.importing.tree import Placed, Tree
from reportgen.readers.text.lines import Line

ZERO = Decimal(0)

NUM = r"(\d+(?:\.\d+)?)"  # an amount or a count as printed: {数} in final_text.yaml
# The sentences read are data (final_text.yaml, beside this file): a region that words a part otherwise adds its
# sentence there. libyaml's loader where the build has it (the same safe tags: a data file of our own)
_VOCABULARY = yaml.load(Path(__file__).with_name("final_text.yaml").read_text(encoding="utf-8"),
                        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class Wording:
    """A part's sentence as the documents word it: one pattern, or several that give the same groups; a search
    finds the first place any of them matches (a finditer each place, in order of the text)."""

    def __init__(self, said: str | list[str]) -> None:
        self.patterns = [regex(text.replace("{数}", NUM)) for text in ([said] if isinstance(said, str) else said)]

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        found = [m for pattern in self.patterns if (m := pattern.search(text, pos)) is not None]
        return min(found, key=lambda m: m.start()) if found else None

    def finditer(self, text: str, pos: int = 0) -> list[re.Match[str]]:
        return sorted((m for pattern in self.patterns for m in pattern.finditer(text, pos)), key=lambda m: m.start())

    def match(self, text: str) -> re.Match[str] | None:
        return next((m for pattern in self.patterns if (m := pattern.match(text)) is not None), None)


def _wordings(key: str) -> dict[str, Wording]:
    return {name: Wording(said) for name, said in _VOCABULARY[key].items()}


_SAID = _wordings("句式")
# “与2023年度相比，<总计>增加N万元，增长R%。主要原因：…”, or “…<总计>持平。” (a change of 0, a reason perhaps)
_CHANGE = _SAID["增减"]
CHANGE_KEYS: dict[str, str] = _VOCABULARY["增减的总计"]
_DETAIL_START, _DETAIL_END = _SAID["具体情况开始"], _SAID["具体情况结束"]
_ITEM = _SAID["项"]
_INITIAL, _FULL, _SPENT = _SAID["年初预算"], _SAID["全年预算"], _SAID["支出决算"]
_USE, _VARIANCE = _SAID["用途"], _SAID["差异原因"]
_THREE_START, _THREE_END = _SAID["三公开始"], _SAID["三公结束"]
_THREE_VARIANCE, _THREE_CHANGE, _THREE_FLAT = _SAID["三公差异原因"], _SAID["三公增减"], _SAID["三公持平"]
_PART_FLAT, _PART_CHANGE, _PART_REASON = _SAID["三公分项持平"], _SAID["三公分项增减"], _SAID["三公分项增减原因"]
_TRIPS, _FLEET, _BOUGHT = _SAID["出国团组"], _SAID["公务用车保有量"], _SAID["公务用车购置数量"]
_RECEPTION, _RECEPTIONS = _SAID["国内公务接待"], _SAID["接待批次"]
_RUNNING, _RUNNING_END = _SAID["机关运行经费"], _SAID["机关运行经费结束"]
_PROCUREMENT = tuple(_wordings("政府采购").items())
_AS_OF, _VEHICLES, _EQUIPMENT = _SAID["截至"], _SAID["车辆"], _SAID["大型设备"]
VEHICLE_KINDS = tuple(_VOCABULARY["车辆分类"])
_VEHICLE_KIND = regex(r"(" + "|".join(VEHICLE_KINDS) + r")(\d+)辆")
_RULES, _MECHANISM = _SAID["绩效管理制度"], _SAID["工作机制"]
_STAGES = tuple(_wordings("绩效阶段").items())
_SCORE = _SAID["平均得分"]
_GRADES = tuple(_wordings("绩效等级").items())
_NOTES = _SAID["人员公用经费说明"]
_UNITS_HEAD, _NO_UNITS = _SAID["单位构成表头"], _SAID["无下属单位"]
_RUNNING_ALONE, _INITIAL_BY_CHANGE = _SAID["机关运行经费本年"], _SAID["年初预算增减"]
_UNIT_LINE = regex(r"^(\d{1,3})\s+(\S+)(?:\s+(\S.*))?$")  # 序号, 单位名称 and its 备注, if any
_UNIT_ROW = regex(r"([^（）]+)（[^（）]*）")
_DIGITS = regex(r"\d+")


class Flat:
    """The document's text without spaces or line breaks, each place known by its page and line."""

    def __init__(self, lines: list[Line]) -> None:
        self.text = ""
        self.starts: list[int] = []
        self.places: list[str] = []
        for line in lines:
            words = "".join(line.text.split())
            if words:
                self.starts.append(len(self.text))
                self.places.append(f"第{line.page}页 第{line.line}行")
                self.text += words

    def where(self, at: int) -> str:
        index = bisect.bisect_right(self.starts, at) - 1
        return self.places[max(index, 0)] if self.places else ""

    def section(self, start: Wording, end: Wording) -> tuple[int, int]:
        found = list(start.finditer(self.text))  # the last: the 目录 names each heading before the body
        if not found:
            return 0, 0
        last = end.search(self.text, found[-1].end())
        return found[-1].end(), last.start() if last is not None else len(self.text)


def _amount(text: str) -> Decimal:
    return Decimal(text)


def _signed(word: str, figure: str) -> Decimal:
    value = Decimal(figure)
    return -value if word in ("减少", "下降") else value


def add_final_text(imported: Imported, parts: TextParts | None, lines: list[Line], unplaced: list[str]) -> None:
    """Put what the text gives into the tree; name each part of a 决算's text that is not read."""
    if parts is None:
        return
    tree = imported.tree
    flat = Flat(lines)
    _overview(tree, parts, lines, flat)
    if "三公经费" not in tree and parts.三公说明 is not None:
        tree["三公经费"] = {"说明": _placed(parts.三公说明)}
    _changes(imported, flat)
    _details(imported, flat, unplaced)
    _three_public(tree, flat)
    _running_costs(imported, flat)
    _procurement(tree, flat)
    _assets(tree, flat)
    _performance(tree, flat)
    if parts.名词解释:  # the document's own terms: the budget's standard list (上年结转 …) is not a 决算's
        tree["名词解释"] = [{"术语": Placed(t.术语, t.where), "解释": Placed(t.解释)} for t in parts.名词解释]
    add_founding(imported, parts, unplaced)
    for key, what in (("上年", "上年决算数（与上年度相比的增减）"), ("预算数", "一般公共预算财政拨款支出的年初预算"),
                      ("机关运行经费", "机关运行经费"), ("政府采购", "政府采购"), ("国有资产", "国有资产占有使用情况"),
                      ("绩效管理", "预算绩效管理情况")):
        if key not in tree:
            unplaced.append(messages("not_read", what=what))
    if _NOTES.search(flat.text) is not None:
        unplaced.append(messages("not_read", what="人员经费、公用经费的“主要包括”说明"))
    overview = tree.get("部门概况")
    if not isinstance(overview, dict) or "下属单位" not in overview:
        unplaced.append(messages("not_read", what="部门决算单位构成（下属单位）"))


def _overview(tree: Tree, parts: TextParts, lines: list[Line], flat: Flat) -> None:
    overview: Tree = {}
    if parts.职责:
        overview["职责"] = [{"": _placed(d)} for d in parts.职责]
    units = _units(lines)
    if units is not None:
        overview["下属单位"] = units
    elif (alone := _NO_UNITS.search(flat.text)) is not None:  # “我部门没有下属单位”: [] where the text says so
        overview["下属单位"] = Placed([], flat.where(alone.start()))
    if overview:
        tree["部门概况"] = overview


def _units(lines: list[Line]) -> list[Tree] | None:
    """The 部门决算单位构成 list's units beside the department itself (its 本级 row), read where each row
    is one line (its number and its name), or where each row's name wraps around its number and ends
    with its remark (“上海市……事务中 / 5 / 心（下属事业单位）”), the numbers running 1, 2, 3 …; else None."""
    start = next((i for i, line in enumerate(lines) if _UNITS_HEAD.match(line.text.strip())), None)
    if start is None:
        return None
    listed = _listed_lines(lines, start)
    rows = [_UNIT_LINE.match(line.text.strip()) for line in listed]
    if all(rows):
        return [_unit(m, f"第{line.page}页 第{line.line}行")
                for m, line in zip(rows, listed, strict=True) if m is not None and "本级" not in m.group(2)]
    return _wrapped_units(listed)


def _listed_lines(lines: list[Line], start: int) -> list[Line]:
    """The lines of text of the list under its head (at ``start``): the list ends with its page, or at the next part."""
    listed = []
    for line in lines[start + 1:]:
        text = line.text.strip()
        if line.page != lines[start].page or text.startswith("第") and "部分" in text:
            break
        if text:
            listed.append(line)
    return listed


def _unit(row: re.Match[str], where: str) -> Tree:
    """A listed unit: its name, with its 备注 where the row prints one (“预算不单列，并入本级”)."""
    if row.group(3) is None:
        return {"": Placed(row.group(2), where)}
    return {"单位": Placed(row.group(2), where), "备注": Placed(" ".join(row.group(3).split()))}


def _wrapped_units(listed: list[Line]) -> list[Tree] | None:
    text = "".join("".join(line.text.split()) for line in listed)
    units: list[Tree] = []
    at = 0
    for number, found in enumerate(_UNIT_ROW.finditer(text), start=1):
        if found.start() != at or _DIGITS.findall(found.group(1)) != [str(number)]:
            return None
        at = found.end()
        name = _DIGITS.sub("", found.group(1))
        if "本级" not in found.group(0):
            units.append({"": Placed(name, f"第{listed[0].page}页")})
    return units if at == len(text) and at else None


def _current(imported: Imported, key: str) -> Decimal | None:
    """This year's 收支总计, 财政拨款 total or 一般公共预算 spending, as the tables print them."""
    if key in ("收支总计", "财政拨款"):
        return _grand_total(imported, TOTALS if key == "收支总计" else "财政拨款收入支出决算总表")
    row = next((r for r in imported.rows.get(GENERAL, []) if r.total and "合计" in r.amounts), None)
    return row.amounts["合计"].value if row is not None else None


def _grand_total(imported: Imported, kind: str) -> Decimal | None:
    """The 总计 a 总表 (``kind``) prints on its income side; None where it prints none."""
    left = imported.sides.get(kind, ([], []))[0]
    total = next((r for r in left if normalized(r.label) == "总计" and r.amounts), None)
    return next(iter(total.amounts.values())).value if total is not None else None


def _changes(imported: Imported, flat: Flat) -> None:
    prior: Tree = {}
    reasons: Tree = {}
    for found in _CHANGE.finditer(flat.text):
        key = CHANGE_KEYS[found["key"]]
        if key in prior:
            continue
        where = flat.where(found.start())
        prior[key] = _change_entry(imported, key, found, where)
        if found["reason"]:
            reasons[key] = Placed(found["reason"], where)
        if imported.year is not None:
            prior = {"年度": Placed(imported.year - 1), **{k: v for k, v in prior.items() if k != "年度"}}
    if prior:
        imported.tree["上年"] = prior
    if reasons:
        imported.tree["变动原因"] = reasons


def _change_entry(imported: Imported, key: str, found: re.Match[str], where: str) -> Tree:
    """A change the text states of ``key``: its 增减额, and its 增减率 where it states one."""
    change = ZERO if found["flat"] else _signed(found["way"], found["change"])
    entry: Tree = {"增减额": Placed(change, where)}
    # “增长100.00%” of a department new this year (its change is all of this year's figure): no rate
    if found["rate"] is not None and change != _current(imported, key):
        entry["增减率"] = Placed(_signed(found["rateway"], found["rate"]), where)
    return entry


def _details(imported: Imported, flat: Flat, unplaced: list[str]) -> None:
    """五（三）: the fund's 年初/全年预算 and reason, then each 项's, set on its 一般公共预算 row."""
    start, end = flat.section(_DETAIL_START, _DETAIL_END)
    if start == end:
        _initial_by_change(imported, flat)
        return
    text = flat.text[start:end]
    items = list(_ITEM.finditer(text))
    head = text[:items[0].start()] if items else text
    fund = _execution(head, flat, start)
    if fund:
        imported.tree["预算数"] = {"一般公共预算": fund}
    _items_on_rows(imported, flat, (start, text), items, unplaced)


def _items_on_rows(imported: Imported, flat: Flat, at: tuple[int, str], items: list[re.Match[str]],
                   unplaced: list[str]) -> None:
    """Each 项's paragraph of the section (``at``: where it starts, its text), its 用途 and budget set on the
    一般公共预算 row of its code; one of no row, or of a row already given, unplaced."""
    start, text = at
    rows = _general_rows(imported)
    names = _row_names(imported)
    totals = _item_totals(imported)
    taken: set[str] = set()
    for item, body in _paragraphs(text, items):
        code = _item_code(item, body, names, {c: t for c, t in totals.items() if c not in taken})
        row = rows.get(code or "")
        where = flat.where(start + item.start())
        if row is None or code in taken:
            unplaced.append(f"{where}：{item.group(0)}")
            continue
        taken.add(code or "")
        use = _USE.search(body)
        if use is not None and use.group(1):
            row["用途"] = Placed(use.group(1), where)
        row.update(_execution(body, flat, start + item.end()))


def _initial_by_change(imported: Imported, flat: Flat) -> None:
    """预算数.一般公共预算.年初预算 where the text states only the 决算数's difference from it (“一般公共预算财政拨款
    支出 1668.14 万元，比年初预算数增加 1668.14 万元”): the 决算数 less the difference, where the 决算数 is the
    table's and the difference leaves a budget of no less than 0."""
    found = _INITIAL_BY_CHANGE.search(flat.text)
    if found is None or _current(imported, "一般公共预算") != _amount(found.group(1)):
        return
    initial = _amount(found.group(1)) - _signed(found.group(2), found.group(3))
    if initial < 0:
        return
    where = flat.where(found.start())
    fund: Tree = {"年初预算": Placed(initial, where)}
    if found.group(4):
        fund["差异原因"] = Placed(found.group(4), where)
    imported.tree["预算数"] = {"一般公共预算": fund}


def _paragraphs(text: str, items: list[re.Match[str]]) -> list[tuple[re.Match[str], str]]:
    """Each 项's heading with the words that follow it, up to the next heading."""
    ends = [item.start() for item in items[1:]] + [len(text)]
    return [(item, text[item.end():end]) for item, end in zip(items, ends, strict=True)]


def _item_totals(imported: Imported) -> dict[str, Decimal]:
    """Each 项's 合计 in the 一般公共预算 table."""
    return {r.code: r.amounts["合计"].value for r in imported.rows.get(GENERAL, [])
            if len(r.code) == 7 and "合计" in r.amounts}


def _item_code(item: re.Match[str], body: str, names: dict[tuple[str, str, str], str],
               untaken: dict[str, Decimal]) -> str | None:
    """The code of the 项 a paragraph of 五（三） tells: by its 类/款/项 names, else by its 支出决算
    where one 项 not yet told has that amount."""
    code = names.get((normalized(item.group(2)), normalized(item.group(3)), normalized(item.group(4))))
    spent = _SPENT.search(body)
    if code is None and spent is not None:
        same = [c for c, total in untaken.items() if total == Decimal(spent.group(1))]
        code = same[0] if len(same) == 1 else None
    return code


def _execution(text: str, flat: Flat, at: int) -> Tree:
    """年初预算, 全年预算 and 差异原因 as a paragraph of 五（三） states them."""
    out: Tree = {}
    where = flat.where(at)
    for key, pattern in (("年初预算", _INITIAL), ("全年预算", _FULL)):
        found = pattern.search(text)
        if found is not None:
            out[key] = Placed(_amount(found.group(1)), where)
    reason = _VARIANCE.search(text)
    if reason is not None and reason.group(1):
        out["差异原因"] = Placed(reason.group(1), where)
    return out


def _general_rows(imported: Imported) -> dict[str, Tree]:
    """Each code's 一般公共预算 row of the tree (no 资金 written)."""
    spending = imported.tree.get("支出")
    rows = spending.get("功能分类", []) if isinstance(spending, dict) else []
    out: dict[str, Tree] = {}
    for row in rows if isinstance(rows, list) else []:
        code = row.get("科目")
        if isinstance(code, Placed) and "资金" not in row:
            out.setdefault(str(code.value), row)
    return out


def _row_names(imported: Imported) -> dict[tuple[str, str, str], str]:
    """(类名, 款名, 项名) → the 项's code, from the names the 支出决算表 and 收入决算表 print."""
    printed: dict[str, str] = {}
    for kind in (SPENDING, "收入决算表"):
        for row in imported.rows.get(kind, []):
            if row.code and row.name:
                printed.setdefault(row.code, normalized(row.name))
    return {(printed.get(code[:3], ""), printed.get(code[:5], ""), name): code
            for code, name in printed.items() if len(code) == 7}


class _Span:
    """A section of the flat text, each match in it known by its page and line."""

    def __init__(self, flat: Flat, start: int, end: int) -> None:
        self.flat = flat
        self.start = start
        self.text = flat.text[start:end]

    def where(self, found: re.Match[str]) -> str:
        return self.flat.where(self.start + found.start())


_VEHICLE_PARTS = ("公务用车购置费", "公务用车运行维护费")
_THREE_DETAILS = ((_TRIPS, ("出国团组", "出国人次")), (_FLEET, ("公务用车保有量",)), (_BOUGHT, ("公务用车购置数量",)),
                  (_RECEPTION, ("国内公务接待", "外宾接待")),
                  (_RECEPTIONS, ("接待用途", "接待批次", "接待人次", "外宾批次", "外宾人次")))


def _three_public(tree: Tree, flat: Flat) -> None:
    section = tree.get("三公经费")
    start, end = flat.section(_THREE_START, _THREE_END)
    if not isinstance(section, dict) or start == end or "说明" in section:
        return
    span = _Span(flat, start, end)
    total = _part(section, "合计")
    if total is not None:
        _three_public_total(total, span)
    _parts_flat(section, span)
    _parts_changed(section, span)
    details = _three_public_details(span)
    if details:
        section["明细"] = details


def _part(section: Tree, name: str) -> Tree | None:
    node = section.get(name)
    return node if isinstance(node, dict) else None


def _now(section: Tree, name: str) -> Decimal | None:
    """A “三公” part's 本年, as the table prints it."""
    node = _part(section, name)
    current = node.get("本年") if node is not None else None
    return current.value if isinstance(current, Placed) and isinstance(current.value, Decimal) else None


def _three_public_total(total: Tree, span: _Span) -> None:
    """The 合计's 差异原因 and its stated change from last year."""
    if (found := _THREE_VARIANCE.search(span.text)) is not None and found.group(1):
        total["差异原因"] = Placed(found.group(1), span.where(found))
    if (found := _THREE_CHANGE.search(span.text)) is not None:
        where = span.where(found)
        total["增减额"] = Placed(_signed(found.group(2), found.group(3)), where)
        total["增减率"] = Placed(_signed(found.group(4), found.group(5)), where)
    elif (found := _THREE_FLAT.search(span.text)) is not None:
        total["增减额"] = Placed(ZERO, span.where(found))


def _parts_flat(section: Tree, span: _Span) -> None:
    """A part told 持平 with last year: a change of 0."""
    for found in _PART_FLAT.finditer(span.text):
        where = span.where(found)
        names = _VEHICLE_PARTS if found.group(1) == "公务用车购置及运行维护费" else (found.group(1),)
        # 持平 of the vehicles' sum is each part's only where both are 0 (neither can be less)
        if len(names) == 2 and any(_now(section, n) != 0 for n in names):
            continue
        for name in names:
            if (node := _part(section, name)) is not None:
                node["增减额"] = Placed(Decimal(0), where)


def _parts_changed(section: Tree, span: _Span) -> None:
    """A part's stated change (amount and rate), then the reason stated for it."""
    for found in _PART_CHANGE.finditer(span.text):
        node = _part(section, found.group(1))
        if node is not None:
            where = span.where(found)
            node["增减额"] = Placed(_signed(found.group(2), found.group(3)), where)
            node["增减率"] = Placed(_signed(found.group(4), found.group(5)), where)
    for found in _PART_REASON.finditer(span.text):
        node = _part(section, found.group(1))
        if node is not None and found.group(2):
            node["原因"] = Placed(found.group(2), span.where(found))


def _three_public_details(span: _Span) -> Tree:
    """The “三公” 具体情况: 团组 and 人次, 保有量, 购置数量, 接待 amounts, 批次 and 人次."""
    details: Tree = {}
    for pattern, keys in _THREE_DETAILS:
        found = pattern.search(span.text)
        if found is None:
            continue
        where = span.where(found)
        for index, key in enumerate(keys, start=1):
            details[key] = Placed(_detail_figure(key, found.group(index)), where)
    return details


def _detail_figure(key: str, word: str) -> Decimal | str | int:
    """A 具体情况's figure as printed: the 接待用途 words, an amount, or a count."""
    return word if key == "接待用途" else Decimal(word) if "." in word else int(word)


def _running_costs(imported: Imported, flat: Flat) -> None:
    found = _RUNNING.search(flat.text)
    if found is None:
        if (alone := _RUNNING_ALONE.search(flat.text)) is not None:  # 本年 alone: its change is not from a year
            imported.tree["机关运行经费"] = {"本年": Placed(_amount(alone.group(1)), flat.where(alone.start()))}
        return
    where = flat.where(found.start())
    current = _amount(found.group(1))
    change = _signed(found.group(3), found.group(4))
    entry: Tree = {"本年": Placed(current, where), "增减额": Placed(change, where)}
    if found.group(6) is not None and change != current:  # “增长100.00%” from nothing: no rate
        entry["增减率"] = Placed(_signed(found.group(5), found.group(6)), where)
    last = _RUNNING_END.search(flat.text, found.end())
    reason = flat.text[found.end():last.start() if last is not None else found.end()].rstrip("。")
    if reason:
        entry["原因"] = Placed(reason, where)
    imported.tree["机关运行经费"] = entry


def _procurement(tree: Tree, flat: Flat) -> None:
    section: Tree = {}
    for key, pattern in _PROCUREMENT:
        found = pattern.search(flat.text)
        if found is not None:
            section[key] = Placed(_amount(found.group(1)), flat.where(found.start()))
    if section:
        tree["政府采购"] = section


def _assets(tree: Tree, flat: Flat) -> None:
    found = _VEHICLES.search(flat.text)
    if found is None:
        return
    section: Tree = {}
    if (date := _AS_OF.search(flat.text)) is not None:
        section["截至"] = Placed(date.group(1), flat.where(date.start()))
    section["车辆"] = Placed(int(found.group(1)), flat.where(found.start()))
    kinds: Tree = {}
    for kind in _VEHICLE_KIND.finditer(flat.text, found.end()):
        if kind.group(1) not in kinds:
            kinds[kind.group(1)] = Placed(int(kind.group(2)), flat.where(kind.start()))
    if kinds:
        section["车辆分类"] = kinds
    if (equipment := _EQUIPMENT.search(flat.text, found.end())) is not None:
        section["大型设备"] = Placed(int(equipment.group(1)), flat.where(equipment.start()))
    tree["国有资产"] = section


def _rules_said(flat: Flat) -> Tree:
    """The 制度 and 工作机制 of 绩效管理 the text says (the first group its pattern finds)."""
    section: Tree = {}
    for key, pattern in (("制度", _RULES), ("工作机制", _MECHANISM)):
        found = pattern.search(flat.text)
        if found is not None and (said := next((g for g in found.groups() if g), None)):
            section[key] = Placed(said, flat.where(found.start()))
    return section


def _self_assessed(stage: Tree, after: str, where: str) -> None:
    """A 绩效自评's average score and its count of each grade, as the words after it state them."""
    if (score := _SCORE.search(after)) is not None:
        stage["平均得分"] = Placed(_amount(score.group(1)), where)
    for grade, grade_pattern in _GRADES:
        if (count := grade_pattern.search(after)) is not None:
            stage[grade] = Placed(int(count.group(1)), where)


def _performance(tree: Tree, flat: Flat) -> None:
    """绩效管理: its 制度 and 工作机制 as said, and each stage's count of projects and money (绩效自评: its score and
    grades too) — where a stage is said."""
    section = _rules_said(flat)
    for key, pattern in _STAGES:
        found = pattern.search(flat.text)
        if found is None:
            continue
        where = flat.where(found.start())
        stage: Tree = {"项目数": Placed(int(found.group(1)), where), "金额": Placed(_amount(found.group(2)), where)}
        if key == "绩效自评":
            _self_assessed(stage, flat.text[found.end():found.end() + 200], where)
        section[key] = stage
    if any(key in section for key, _ in _STAGES):
        tree["绩效管理"] = section
