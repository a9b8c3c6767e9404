"""The narrative's words (text_parts.py) → the source's text fields, each with its place: 部门概况,
名词解释, each row's 用途, the “三公” reasons, 变动原因, and the figures the text alone states
(政府采购, 国有资产, 绩效管理). The narrative's computed figures (totals, shares, changes) are not
taken: reportgen computes them, and the import compares them (check --against)."""

from __future__ import annotations

import re
from decimal import Decimal

from reportgen.base.patterns import regex
from reportgen.importing.budget.build import partial_projects
from reportgen.importing.emit import walk
from reportgen.importing.recognition.catalog import normalized
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.sure import unit_lines
from reportgen.importing.text.line_changes import stated_line_changes
from reportgen.importing.text.prose import label_words
from reportgen.importing.text.text_parts import (
    COMPARISON,
    EXECUTED,
    NAMED_COMPARISON,
    OtherMatter,
    Project,
    Purpose,
    TextParts,
    internal_count,
    vehicle_kind_names,
)
from reportgen.importing.text.text_parts import Placed as TextPlaced
from reportgen.importing.tree import Placed, Tree, scaled
from reportgen.reading.amounts import YUAN_PER_UNIT, printed_amount, yuan_factors
from reportgen.source.schema import PLACEHOLDER
from reportgen.tablekinds import by_id, fund_table
from reportgen.writers.html import environment

_AMOUNT = regex(r"^(-?[\d,，]+(?:\.\d+)?)(万元|万|元)$")
_COUNT = regex(r"^(\d+)(?:辆|台（套）|台|套|个|项)?$")
# the fields of other matters that count things (vehicles, sets of equipment, projects): never an amount
_COUNTED = ("车辆", "通用设备", "专用设备", "大型设备", "项目数")
_UNITS = {**yuan_factors("万元"), "万": YUAN_PER_UNIT["万元"], **yuan_factors("元")}
# a clause of a sentence that is a label and the amount it names (“2．上年结转结余为0万元”, “年终结转结余0.00万元”)
_CLAUSE = regex(r"[，,；;。]")
_NAMED_AMOUNT = regex(r"^(\d{0,2}[^\d,，]+)(\d[\d,]*(?:\.\d+)?(?:万元|万|元))$")


def add_text_fields(imported: Imported, parts: TextParts, unplaced: list[str], with_prior: bool) -> None:
    """Put ``parts`` into the imported tree; a text that has no place in the source is listed. The
    reasons of a change are taken only ``with_prior`` (last year's figures): a reason with nothing
    to compare is refused by check."""
    tree = imported.tree
    _overview(tree, parts)
    _purposes(imported, parts.用途, unplaced)
    _described_projects(imported, parts.项目, unplaced)
    _project_statements(tree, parts.项目)
    _stated_three_public(imported, parts, unplaced)
    stated = stated_priors(imported, parts.上年增减, unplaced)
    stated_priors(imported, parts.上年执行数增减, unplaced, "上年执行数")
    stated_line_changes(imported, parts.句子)
    stated |= {f"三公经费.{key}" for key in stated_three_public(imported, parts.三公增减, unplaced, parts.三公括号)}
    _three_public(tree, parts, unplaced, with_prior, stated)
    _change_reasons(tree, parts, unplaced, with_prior, stated)
    for kind, keys in (("政府采购", ("合计", "货物", "工程", "服务", "中小企业", "小微企业")), ("绩效管理", ("项目数", "金额")),
                       ("国有资产", ("车辆", "通用设备", "专用设备", "大型设备"))):
        matter = getattr(parts, kind)
        if matter is not None:
            _other(imported, kind, matter, keys, unplaced)
    _vehicle_kinds(imported, parts, unplaced)
    if parts.名词解释:
        tree["名词解释"] = _terms(parts)
    _running_costs(imported, parts, unplaced)
    _running_costs_scope(imported, parts)
    add_founding(imported, parts, unplaced)
    _stated_carries(imported, parts)
    unplaced += unwritten_sentences(imported.tree, parts, unplaced)


def _stated_carries(imported: Imported, parts: TextParts) -> None:
    """收入.上年结转 and 结转下年 where the text states them 0 and no table wrote them (苏州, 无锡: “2．上年结转结余为0万元”,
    杭州: “年终结转结余0.00万元”, where the 收支总表 leaves the row blank): a figure the document prints — a blank cell
    and a stated 0 say the same. The clause is the row's words, as the tables' rows name them (the catalog's), and the
    amount alone: “上年结转结余的一般公共预算收入0万元” names another figure. A figure other than 0 beside a blank row is
    not written (the text and the table disagree: check --against compares them)."""
    for sentence in [*parts.句子, *parts.标题句子]:
        for clause in _CLAUSE.split("".join(sentence.text.split())):
            path = _zero_carry(imported, clause)
            if path is not None and not holds(imported.tree, path):
                section = imported.tree.setdefault(path[0], {}) if len(path) == 2 else imported.tree
                if isinstance(section, dict):
                    section[path[-1]] = Placed(Decimal(0), sentence.places[0])


def _zero_carry(imported: Imported, clause: str) -> tuple[str, ...] | None:
    """The field of 上年结转 or 结转下年 a clause states 0 for: its words before the amount the row's, the amount 0."""
    found = _NAMED_AMOUNT.match(clause)
    if found is None or _figure(imported, found.group(2)) != 0:
        return None
    return _carry_path(imported, label_words(found.group(1), imported.year or 0, ""))


def _carry_path(imported: Imported, label: str | None) -> tuple[str, ...] | None:
    """The field of 上年结转 or 结转下年 a label names as the tables' rows do (the catalog's words of the row)."""
    if not label:
        return None
    words = normalized(label)
    if imported.catalog.income_key(words) == "上年结转":
        return ("收入", "上年结转")
    return ("结转下年",) if imported.catalog.spending_rows.get(words) == "结转下年" else None


def add_founding(imported: Imported, parts: TextParts, unplaced: list[str]) -> None:
    """部门概况.成立年度 where the text says the department was founded in the document's own year (it then has
    no prior year); not where the text compares with last year all the same (the two would contradict: told)."""
    said = parts.成立年度
    if said is None or imported.year is None or int(said.value) != imported.year:
        return
    tree = imported.tree
    compared: list[str] = [key for key in ("上年", "上年执行数") if key in tree]
    if compared:
        unplaced.append(_founding_compared(said.where, said.value, compared))
        return
    overview = tree.get("部门概况")
    overview = overview if isinstance(overview, dict) else {}
    tree["部门概况"] = {"成立年度": Placed(int(said.value), said.where), **overview}


_SENTENCE_SHOWN = 60  # characters of a sentence not written that the report shows


def unwritten_sentences(tree: Tree, parts: TextParts, unplaced: list[str]) -> list[str]:
    """Each sentence of the text that no field was written from and that no line told already: none of
    the lines it stands on is the place of a field, nor of a line told as not written."""
    placed = list(walk(tree))
    places = "\n".join([p.where for p in placed if p.where] + unplaced)
    words = "\n".join("".join(p.value.split()) for p in placed if isinstance(p.value, str))
    told = []
    for sentence in parts.句子:
        if not any(place in places for place in sentence.places) and "".join(sentence.text.split()) not in words:
            shown = sentence.text if len(sentence.text) <= _SENTENCE_SHOWN else sentence.text[:_SENTENCE_SHOWN] + "……"
            told.append(f"{sentence.places[0]}：“{shown}”没有写入源文件的任何字段")
    return told


def stated_priors(imported: Imported, changes: dict[str, TextPlaced[str]], unplaced: list[str],
                  section: str = "上年") -> set[str]:
    """上年.<key>: {增减额} of each comparison the text states beside a figure (“比2024年预算减少2,389.52
    万元”; 持平 a change of 0): last year's figure as far as the text gives it (this year's less the
    change), never a figure of its own. A prior the source has already (a table's 上年预算数) is kept and
    the statement told. ``section`` 上年执行数: the comparisons with last year's 执行数 (“比上年执行数增加48.92
    万元”), into 上年执行数.<key> alike. The keys written."""
    prior = imported.tree.get(section)
    prior = prior if isinstance(prior, dict) else {}
    written: set[str] = set()
    for key, text in changes.items():
        if key.endswith("（又）"):
            unplaced.append(f"{text.where}：{key[:-3]}“{text.value}”没有写入：与前文所写的增减不同")
            continue
        change = _stated_change(imported, text, unplaced, EXECUTED if section == "上年执行数" else COMPARISON)
        if change is None:
            continue
        if key in prior:
            unplaced.append(f"{text.where}：{key}“{text.value}”没有写入：{section}.{key} 已由表格给出")
            continue
        prior[key] = {"增减额": change}
        written.add(key)
    if written:
        year = {"年度": Placed(imported.year - 1)} if imported.year is not None and "年度" not in prior else {}
        imported.tree[section] = {**year, **prior}
    return written


def stated_three_public(imported: Imported, changes: dict[str, tuple[TextPlaced[str], TextPlaced[str]]],
                        unplaced: list[str], bracketed: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Each “三公” part's stated change as its 增减额 (a part the table gives last year's figure of keeps
    it); the 合计 and the vehicles' sum only where their parts' own statements do not say it, with this
    year's figure as the text prints it. A part whose change was read inside a bracket (``bracketed``) only where
    the table gives the part: its amount in the bracket is no part's figure of its own (without the table, unknown)."""
    section = imported.tree.get("三公经费")
    if not isinstance(section, dict):
        unplaced += [f"{text.where}：“三公”经费 {key}“{text.value}”没有写入：没有“三公”经费表" for key, (_, text) in changes.items()]
        return set()
    written: set[str] = set()
    for key, (amount, text) in changes.items():
        node = section.get(key)
        if isinstance(node, dict) and "上年" in node or not isinstance(node, dict) and key in bracketed:
            continue
        if not isinstance(node, dict) and _said_by_parts(imported, key, changes, unplaced):
            continue
        change = _stated_change(imported, text, unplaced)
        figure = _figure(imported, amount.value)
        if change is None or not isinstance(figure, Decimal):
            continue
        if not isinstance(node, dict):
            node = section[key] = {"本年": Placed(figure, amount.where)}
        node["增减额"] = change
        written.add(key)
    return written


def _stated_three_public(imported: Imported, parts: TextParts, unplaced: list[str]) -> None:
    """The “三公” parts' amounts as the text states them, where no “三公” table gave them (a table not
    read for sure: 江苏省政协办公厅 2018, its header's 公务用车运行维护费 broken over two cells): each part the
    text names with its amount, the vehicles' sum as stated; a part it does not name stays unknown, never
    zero. The 合计 is not taken: the parts make it, and check compares."""
    if isinstance(imported.tree.get("三公经费"), dict):
        return
    section: Tree = {}
    for key, text in parts.三公金额.items():
        figure = _figure(imported, text.value)
        if key == "合计":
            continue
        if not isinstance(figure, Decimal):
            unplaced.append(f"{text.where}：“三公”经费 {key}“{text.value}”不是金额")
            continue
        section[key] = {"本年": Placed(figure, text.where)}
    if section:
        imported.tree["三公经费"] = section


def _said_by_parts(imported: Imported, key: str, changes: dict[str, tuple[TextPlaced[str], TextPlaced[str]]],
                   unplaced: list[str]) -> bool:
    """Whether a “三公” sum's stated change is its parts' stated changes added up (then it is theirs,
    and its place is given beside the first part's); one that is not is told."""
    parts = [part for part in _THREE_PUBLIC_SUMS.get(key, ()) if part in changes or part == "公务用车购置及运行维护费"]
    if key not in _THREE_PUBLIC_SUMS or not all(part in changes for part in parts):
        return False
    stated = _stated_changes(imported, changes, [key, *parts])
    if stated is None:
        return False
    total, *each = stated
    if total != sum(each, Decimal(0)):
        unplaced.append(f"{changes[key][1].where}：“三公”经费 {key}“{changes[key][1].value}”与各项所写增减之和不同，没有写入")
        return True
    first = changes[parts[0]]
    changes[parts[0]] = (first[0], TextPlaced(first[1].value, f"{first[1].where}、{changes[key][1].where}"))
    return True


def _stated_changes(imported: Imported, changes: dict[str, tuple[TextPlaced[str], TextPlaced[str]]],
                    keys: list[str]) -> list[Decimal] | None:
    """The changes the text states of these “三公” items, as amounts; None where one is not read as one."""
    quiet: list[str] = []
    stated = [_stated_change(imported, changes[key][1], quiet) for key in keys]
    if quiet or any(s is None for s in stated):
        return None
    return [s.value for s in stated if s is not None and isinstance(s.value, Decimal)]


# the “三公” sums a text may compare with last year, by the parts that make them
_THREE_PUBLIC_SUMS = {"合计": ("因公出国（境）费", "公务接待费", "公务用车购置及运行维护费"),
                      "公务用车购置及运行维护费": ("公务用车购置费", "公务用车运行维护费")}


def _stated_change(imported: Imported, text: TextPlaced[str], unplaced: list[str],
                   comparison: re.Pattern[str] = COMPARISON) -> Placed | None:
    """A stated comparison (“比2024年预算减少2,389.52万元”; with EXECUTED, “比上年执行数增加48.92万元”) as a
    signed amount in the source's unit, placed with its words; None (and told) for another year's or an amount
    that does not read."""
    found = _comparison_read(text.value, comparison)
    year = found.group("year") if found is not None else None
    if found is None or (year is not None and imported.year is not None and int(year) != imported.year - 1):
        unplaced.append(f"{text.where}：“{text.value}”没有写入：不是与上一年预算的比较")
        return None
    if found.group("flat"):
        return Placed(Decimal(0), f"{text.where}：{text.value}")
    figure = _figure(imported, found.group("amount"))
    if not isinstance(figure, Decimal):
        unplaced.append(f"{text.where}：“{text.value}”没有写入：增减额不是金额")
        return None
    return Placed(-figure if found.group("way") == "减少" else figure, f"{text.where}：{text.value}")


def _comparison_read(words: str, comparison: re.Pattern[str]) -> re.Match[str] | None:
    """A comparison's words read whole: by ``comparison``; with last year's budget, by the quantity they name too
    (NAMED_COMPARISON: 江苏 “与上年相比，财政拨款支出减少913.48万元”)."""
    return comparison.fullmatch(words) or (NAMED_COMPARISON.fullmatch(words) if comparison is COMPARISON else None)


def _running_costs(imported: Imported, parts: TextParts, unplaced: list[str]) -> None:
    """机关运行经费 from the text where the table printed none (an empty “三公” table): this year's figure,
    and the change the text states against last year's budget (“较2025年预算减少25.94万元”) with its reason."""
    matter = parts.机关运行经费
    if matter is None or "本年" not in matter.数字:
        return
    text = matter.数字["本年"]
    figure = _figure(imported, text.value)
    if not isinstance(figure, Decimal):
        return
    if "机关运行经费" in imported.tree:
        _running_costs_change(imported, matter, figure, unplaced)
        return
    node: Tree = {"本年": Placed(figure, text.where)}
    change = _stated_change(imported, matter.数字["增减"], unplaced) if "增减" in matter.数字 else None
    if change is not None:
        node["增减额"] = change
    if matter.原因 is not None and change is not None:
        node["原因"] = _placed(matter.原因)
    elif matter.原因 is not None:
        unplaced.append(without_prior(matter.原因.where, matter.原因.value))
    imported.tree["机关运行经费"] = node


def _running_costs_change(imported: Imported, matter: OtherMatter, figure: Decimal, unplaced: list[str]) -> None:
    """The change the text states of 机关运行经费 whose table gives this year's figure and not last year's (江苏 苏州、无锡
    “2026年本部门一般公共预算机关运行经费预算支出474.89万元，与上年相比减少7.67万元”, 长沙 “机关运行经费2045.01万元，比上年
    预算减少29.30万元”): its 增减额 (and reason), where the text's figure is the table's — a text of another figure is
    no change of the table's (check --against tells them apart); a prior the table prints is kept."""
    node = imported.tree["机关运行经费"]
    if not isinstance(node, dict) or "增减" not in matter.数字 or "上年" in node or "增减额" in node:
        return
    table = node.get("本年")
    if not isinstance(table, Placed) or table.value != figure:
        return
    change = _stated_change(imported, matter.数字["增减"], unplaced)
    if change is None:
        return
    node["增减额"] = change
    if matter.原因 is not None and "原因" not in node:
        node["原因"] = _placed(matter.原因)


def _running_costs_scope(imported: Imported, parts: TextParts) -> None:
    """机关运行经费.说明: the sentence saying this year's 机关运行经费 counts projects' money (江苏省人民检察院 2017
    “2017年将涉及机关运行的项目经费支出纳入了本表，如物业管理费……均计入机关运行费支出中”), where a figure was
    written: a render prints it after the amount, and check holds the figure to no 公用经费 (running_costs_scope)."""
    node = imported.tree.get("机关运行经费")
    said = parts.机关运行经费口径
    if node is None or said is None or isinstance(node, dict) and "说明" in node:
        return
    sentence = Placed("".join(said.value.split()) + "。", said.where)  # PDF text: spaces beside digits dropped
    imported.tree["机关运行经费"] = {**node, "说明": sentence} if isinstance(node, dict) else {"本年": node, "说明": sentence}


# The parts of a disclosure a document may leave out (不公开), and the key that shows it has them.
WITHHELD = (("人员编制", ("部门概况", "人员")), ("三公经费", ("三公经费",)), ("机关运行经费", ("机关运行经费",)),
            ("政府采购", ("政府采购",)), ("国有资产", ("国有资产",)), ("绩效管理", ("绩效管理",)))


# what a document without readable tables (its prose alone) does not give: its tables' detail
DETAIL = (("功能分类明细", ("支出", "功能分类")), ("经济分类明细", ("支出", "基本支出", "经济分类")))


def withheld(imported: Imported, published: set[str], prose_only: bool = False) -> None:
    """A published document that has no such part: the source says 不公开, not a figure of 0. Never a part
    it prints (``published``: printed_parts.py; a part whose table is printed but was not read for sure):
    what that part states is written, what the reading missed is left unknown, for check to list as
    missing. Of a document read from its prose alone (``prose_only``), the tables' detail too."""
    parts = (*WITHHELD, *DETAIL) if prose_only else (*WITHHELD, *DETAIL[:1]) if _by_unit(imported) else WITHHELD
    printed = {name for table in imported.unsure for name in by_id()[table.kind.id].omission.unpublished}
    missing = [name for name, path in parts
               if not holds(imported.tree, path) and name not in published and name not in printed]
    if missing:
        imported.tree["不公开"] = Placed(missing)


def _by_unit(imported: Imported) -> bool:
    """Whether the 一般公共预算支出表 prints its 项 by unit alone (sure.unit_lines: 北京's, each unit's lines one
    after another, unnamed): the department's 功能分类明细 is not printed (nor written, withheld's holds)."""
    general = fund_table("一般公共预算")
    return general in imported.tables and unit_lines(imported.rows.get(general, []))


def holds(tree: Tree, path: tuple[str, ...]) -> bool:
    """Whether ``tree`` has the key at ``path`` (a part of WITHHELD written)."""
    node: object = tree
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def _founding_compared(where: str, year: str, compared: list[str]) -> str:
    return (f"{where}：正文说部门于{year}年新成立，却又与上年比较（已写入{'、'.join(compared)}）：没有写入“部门概况.成立年度”，"
            "请按原文核对")


def without_prior(where: str, text: str) -> str:
    return f"{where}：原因“{text}”没有写入：没有上年数可比较（用 --prior 给出上年的文件）"


def _placed(text: TextPlaced[str]) -> Placed:
    return Placed(text.value, text.where)


def _change_reasons(tree: Tree, parts: TextParts, unplaced: list[str], with_prior: bool, stated: set[str]) -> None:
    """变动原因: the reasons of the changes the text states (of every change, ``with_prior``: last year's figures
    given); each other reason unplaced, with why."""
    reasons = {key: text for key, text in parts.变动原因.items() if with_prior or key in stated}
    if reasons:
        tree["变动原因"] = {key: _placed(text) for key, text in reasons.items()}
    unplaced += [without_prior(text.where, text.value) for key, text in parts.变动原因.items() if key not in reasons]


def _overview(tree: Tree, parts: TextParts) -> None:
    overview: Tree = {}
    if parts.职责:
        overview["职责"] = [{"": _placed(d)} for d in parts.职责]
        if parts.职能概述 is not None:
            overview["职能概述"] = _placed(parts.职能概述)
    _organisation(overview, parts)
    _units_and_goals(overview, parts)
    if overview:
        tree["部门概况"] = overview


def _units_and_goals(overview: Tree, parts: TextParts) -> None:
    """The units 机构设置 lists (and of them the 下属单位), and the year's goals, as printed."""
    if parts.单位列表:
        overview["单位列表"] = [{"": _placed(u)} for u in parts.单位列表]
    if parts.单位列表说明 is not None:
        overview["单位列表说明"] = _placed(parts.单位列表说明)
    if parts.下属单位 is not None:
        overview["下属单位"] = [{"": _placed(u)} for u in parts.下属单位]
    if parts.工作目标:
        overview["工作目标"] = [{"": _placed(g)} for g in parts.工作目标]


def _organisation(overview: Tree, parts: TextParts) -> None:
    """机构设置 as printed, and 内设机构数 where its words say the count of the internal units (text_parts.internal_count)."""
    if parts.机构设置 is not None:
        overview["机构设置"] = _placed(parts.机构设置)
        if (count := internal_count(parts.机构设置.value)) is not None:
            overview["内设机构数"] = Placed(count, parts.机构设置.where)


def _purposes(imported: Imported, purposes: list[Purpose], unplaced: list[str]) -> None:
    spending = imported.tree.get("支出")
    rows = spending.get("功能分类", []) if isinstance(spending, dict) else []
    rows = rows if isinstance(rows, list) else []
    names = _row_names(imported)
    for purpose in purposes:
        code = names.get((normalized(purpose.类), normalized(purpose.款), normalized(purpose.项)))
        target = next((r for r in rows if code and _code_of(r) == code and "用途" not in r), None)
        if target is None:
            unplaced.append(f"{purpose.where}：用途“{purpose.用途}”（{purpose.类}/{purpose.款}/{purpose.项}）")
        else:
            target["用途"] = Placed(purpose.用途, purpose.where)
            _row_execution(imported, target, purpose, unplaced)


def _described_projects(imported: Imported, projects: list[Project], unplaced: list[str]) -> None:
    """The projects the text describes (a 项目经费情况说明 page, a list of projects): a project the
    tables list gets its 用途; one they do not is added to 支出.项目 where the text names it and states
    its amount; one that does not is told, never dropped unsaid."""
    spending = imported.tree.get("支出")
    if not isinstance(spending, dict):
        return
    listed = spending.get("项目")
    items: list[Tree] = listed if isinstance(listed, list) else []
    for project in projects:
        name = project.名称.value if project.名称 is not None else ""
        known = _listed_as(items, name)
        if known is not None:
            _with_its_use(known, project)
            continue
        item = _described_project(imported, project, name, unplaced)
        if item is not None:
            items.append(item)
    if items and not isinstance(listed, list):
        spending["项目"] = items
    if items:
        partial_projects(imported, spending, items)


def _listed_as(items: list[Tree], name: str) -> Tree | None:
    """The line of 支出.项目 a project the text names is (by any of its names); None where none is or it has no name."""
    return next((item for item in items if _name_of(item) in _names(name)), None) if name else None


def _with_its_use(item: Tree, project: Project) -> None:
    """A project the tables list gets the 用途 the text describes, where it has none."""
    if project.用途 is not None and "用途" not in item:
        item["用途"] = Placed(project.用途.value, project.用途.where)


def _described_project(imported: Imported, project: Project, name: str, unplaced: list[str]) -> Tree | None:
    """A project the text describes and the tables do not list, as a line of 支出.项目: its name, amount and 用途; one
    without a name or an amount told as not written (None)."""
    figure = _figure(imported, project.金额.value) if project.金额 is not None else None
    if not name or not isinstance(figure, Decimal):
        what = "项目名称" if not name else "本年的预算金额"
        unplaced.append(_project_not_written(project.where, name, what))
        return None
    item: Tree = {"名称": Placed(name, project.where), "金额": Placed(figure, project.金额.where if project.金额 else "")}
    if project.用途 is not None:
        item["用途"] = Placed(project.用途.value, project.用途.where)
    return item


def _project_statements(tree: Tree, projects: list[Project]) -> None:
    """Each named 项目经费情况说明 page as the source's 项目经费情况说明: its parts under their printed
    names (the source's keys: text_parts.yaml 分节), each a text or its paragraphs; the heading as
    printed where it is not “<名称>项目经费情况说明”. A page that names no project is told by
    _described_projects."""
    statements: list[Tree] = []
    for project in projects:
        if project.名称 is None or not project.段落:
            continue
        statement: Tree = {"名称": _placed(project.名称)}
        if project.标题 is not None and project.标题.value != f"{project.名称.value}项目经费情况说明":
            statement["标题"] = _placed(project.标题)
        for key, paragraphs in project.段落.items():
            shown = [_placed(p) for p in paragraphs]
            statement[key] = shown[0] if len(shown) == 1 else [{"": p} for p in shown]
        statements.append(statement)
    if statements:
        tree["项目经费情况说明"] = statements


def _names(name: str) -> tuple[str, ...]:
    """A described project's name as a table may list it: as written, and without the unit a
    department's text adds in brackets (“示例劳动竞赛经费（示例市总工会本级）”)."""
    bare = _UNIT_SUFFIX.sub("", name)
    return (normalized(name), normalized(bare)) if bare else (normalized(name),)


_UNIT_SUFFIX = regex(r"[（(][^（）()]+[）)]$")


def _name_of(item: Tree) -> str:
    node = item.get("名称")
    return normalized(str(node.value)) if isinstance(node, Placed) else ""


def _row_execution(imported: Imported, row: Tree, purpose: Purpose, unplaced: list[str]) -> None:
    """Last year's execution of a 科目 and the reason of its change, where the text states them
    (万里街道 2024: “2023年当年预算执行数为60.13万元 … 主要原因是：项目调整”): figures the text alone gives."""
    if purpose.上年执行数 is None:
        return
    figure = _figure(imported, purpose.上年执行数)
    if not isinstance(figure, Decimal):
        unplaced.append(f"{purpose.where}：上年执行数“{purpose.上年执行数}”不是金额")
        return
    row["上年执行数"] = Placed(figure, purpose.where)
    if purpose.原因 is not None:
        row["原因"] = Placed(purpose.原因.value, purpose.原因.where)


def _code_of(row: Tree) -> str:
    node = row.get("科目")
    return str(node.value) if isinstance(node, Placed) else ""


def _row_names(imported: Imported) -> dict[tuple[str, str, str], str]:
    """(类名, 款名, 项名) → the 项's code, from the names the function tables print."""
    printed: dict[str, str] = {}
    for rows in imported.rows.values():
        for row in rows:
            if row.code and row.name:
                printed.setdefault(row.code, normalized(row.name))
    return {(printed.get(code[:3], ""), printed.get(code[:5], ""), name): code
            for code, name in printed.items() if len(code) == 7}


def _three_public(tree: Tree, parts: TextParts, unplaced: list[str], with_prior: bool, stated: set[str]) -> None:
    """The “三公” 说明, and each part's reason where it has something to compare with: last year's
    document (``with_prior``), the 上年 its table prints (深圳's row of 2025年, 烟台's columns of 2025年预算数)
    or the change its text states (``stated``)."""
    section = tree.get("三公经费")
    if parts.三公说明 is not None:
        if not isinstance(section, dict):
            section = tree["三公经费"] = {}
        section["说明"] = _placed(parts.三公说明)
    for key, reason in parts.三公原因.items():
        item = section.get(key) if isinstance(section, dict) else None
        if not (with_prior or f"三公经费.{key}" in stated or (isinstance(item, dict) and "上年" in item)):
            unplaced.append(without_prior(reason.where, reason.value))
        elif isinstance(item, dict):
            item["原因"] = _placed(reason)
        else:
            unplaced.append(f"{reason.where}：“三公”经费 {key} 的原因“{reason.value}”")


def _other(imported: Imported, kind: str, matter: OtherMatter, keys: tuple[str, ...], unplaced: list[str]) -> None:
    """A section of other matters (``kind``: 国有资产占用情况 …) into the source: its date, its counts and (of 绩效管理)
    its 单位范围, beside what its table gave; what has no field of the source told as not written (``unplaced``)."""
    section: Tree = {"截至": _placed(matter.数字["截至"])} if "截至" in matter.数字 else {}
    # a count whose words are printed and the count left blank (“共有车辆辆”): the document's slip, told, the count unknown
    blanks = [key for key, text in matter.数字.items() if key.removeprefix("计划新增.") in keys and not text.value]
    section.update(_other_counts(imported, kind, matter, keys, blanks, unplaced))
    if kind == "绩效管理" and "单位范围" in matter.数字:
        section["单位范围"] = _placed(matter.数字["单位范围"])
    _unwritten_words(kind, matter, blanks, unplaced)
    if set(section) == {"截至"} and not blanks:  # a date and no figure of that date: nothing to print (“截至上年末，”)
        dated = matter.数字["截至"]
        unplaced.append(f"{dated.where}：{kind} 截至“{dated.value}”没有写入：文中没有写明这一日期的任何数量")
    elif section:
        imported.tree[kind] = _beside_table(imported.tree.get(kind), section, kind, unplaced)


def _unwritten_words(kind: str, matter: OtherMatter, blanks: list[str], unplaced: list[str]) -> None:
    """A section of other matters' sentences the source has no field for, and its counts printed blank: told as not
    written (a sentence once a place)."""
    shown = (f"{n.where}：{kind}中的“{n.value[:_SENTENCE_SHOWN]}”没有写入：源文件的{kind}没有它的字段" for n in matter.说明)
    unplaced += [line for line in shown if line.split("：", 1)[0] not in "".join(unplaced)]
    unplaced += [f"{matter.数字[key].where}：{kind}的{key}数印作空白，没有写入：文中没有这个数，它是未知的" for key in blanks]


def _other_counts(imported: Imported, kind: str, matter: OtherMatter, keys: tuple[str, ...], blanks: list[str],
                  unplaced: list[str]) -> Tree:
    """The counts of a section of other matters its fields name (``keys``), printed and not blank (a count planned,
    计划新增.X, under its 计划新增); one that is no number told as not written."""
    section: Tree = {}
    planned: Tree = {}
    for key, text in matter.数字.items():
        name = key.removeprefix("计划新增.")
        if name not in keys or key == "截至" or key in blanks:
            continue
        figure = _figure(imported, text.value)
        if figure is None:
            unplaced.append(f"{text.where}：{kind} {key}“{text.value}”不是数字")
            continue
        if name in _COUNTED and not isinstance(figure, int):  # “50万元”: an amount is never a count of things
            unplaced.append(f"{text.where}：{kind} {key}“{text.value}”是金额，不是个数，没有写入")
            continue
        (planned if key.startswith("计划新增.") else section)[name] = Placed(figure, text.where)
    if planned:
        section["计划新增"] = planned
    return section


# a kind of vehicle the source has (the 样张's, docmodel VEHICLE_KINDS) and its count, as a sentence of holdings prints
# it after the count of all vehicles (“共有车辆8辆，其中：部级领导干部用车0辆……其他用车8辆；单价100万元……”): its name
# (or a name other provinces print it by, text_parts.yaml 车型别名: “副部（省）级及以上领导用车”) alone after a mark or
# 其中 (烟台: “共有车辆5辆，其中机要通信用车0辆、……”), never the end of another's (“老干部服务用车”) nor of two counted
# together (“机要通信用车及应急保障用车0辆”, 湖州)
_VEHICLE_KIND = regex("(?:(?<=[：:，,、；;])|(?<=其中))("
                      + "|".join(sorted(map(re.escape, vehicle_kind_names()), key=len, reverse=True)) + r")(\d+)辆")


def _vehicle_kinds(imported: Imported, parts: TextParts, unplaced: list[str]) -> None:
    """国有资产.车辆分类: each kind of the source's the sentence of the vehicles held (国有资产.车辆's) counts after
    that count, up to its clause of vehicles' end (；) — a count read only where the sentence says it; never a
    purchase's kinds (“安排购置车辆1辆，其中：……”: the source has no field for them), nor a kind the source has not
    (“副部（省）级以上领导用车”, “业务用车”: its clause stays told as not written). Placed at the sentence's first
    line. The clause of kinds all written is no longer told as not written."""
    section = imported.tree.get("国有资产")
    held = section.get("车辆") if isinstance(section, dict) else None
    if not isinstance(section, dict) or not isinstance(held, Placed) or "车辆分类" in section:
        return
    if (kinds := _kinds_after_held(parts, held)):
        section["车辆分类"] = kinds
        unplaced[:] = [line for line in unplaced if not _all_kinds_written(line, kinds)]


def _kinds_after_held(parts: TextParts, held: Placed) -> Tree:
    """The kinds the sentence of the vehicles held counts after that count, up to its clause's end (；)."""
    said = regex(rf"车辆{held.value}辆")
    sentence = next((s for s in parts.句子 if held.where in s.places and said.search(s.text.replace(" ", ""))), None)
    if sentence is None:
        return {}
    text = sentence.text.replace(" ", "")
    start = said.search(text).end()  # type: ignore[union-attr]
    end = text.find("；", start)
    kinds: Tree = {}
    for found in _VEHICLE_KIND.finditer(text, start, end if end >= 0 else len(text)):
        kinds.setdefault(vehicle_kind_names()[found.group(1)], Placed(int(found.group(2)), sentence.places[0]))
    return kinds


def _all_kinds_written(line: str, kinds: Tree) -> bool:
    """Whether a line told as not written (国有资产中的“……”) counts vehicles by kinds all written."""
    if "国有资产中的“" not in line:
        return False
    told = line.split("国有资产中的“", 1)[1].rsplit("”没有写入", 1)[0]
    counted = regex(r"([^\d，、；：,]+?)(\d+)辆").findall(told)
    return bool(counted) and all(vehicle_kind_names().get(name.removeprefix("其中").strip("，：")) in kinds
                                 for name, _ in counted)


def _beside_table(tabled: object, section: Tree, kind: str, unplaced: list[str]) -> Tree:
    """A part's figures from the text beside those a table of it gave (a table defined as data,
    reportgen/tablekinds): the table's kept; a text figure that differs told, never written over it."""
    if not isinstance(tabled, dict):
        return section
    for key, placed in section.items():
        given = tabled.get(key)
        if given is None:
            tabled[key] = placed
        elif isinstance(given, Placed) and isinstance(placed, Placed) and given.value != placed.value:
            unplaced.append(f"{placed.where}：{kind} {key}“{placed.value}”没有写入：{given.where} 印的是 {given.value}")
    return tabled


def _figure(imported: Imported, text: str) -> Decimal | int | None:
    plain = text.replace(" ", "")
    if (amount := _AMOUNT.match(plain)) is not None:
        value = printed_amount(amount.group(1))  # the one reading of a printed amount: “1,2,3万元” is none
        if value is None:
            return None
        factor = _UNITS[amount.group(2)] / _UNITS["万元" if imported.unit == "万元" else "元"]
        return scaled(value, factor)
    if (count := _COUNT.match(plain)) is not None:
        return int(count.group(1))
    return None


def _terms(parts: TextParts) -> list[Tree]:
    """The document's terms, and each standard term it does not explain left out (删去)."""
    terms: list[Tree] = [{"术语": Placed(t.术语, t.where), "解释": Placed(t.解释)} for t in parts.名词解释]
    stated = {normalized(t.术语) for t in parts.名词解释}
    standard = environment().get_template("narrative/_terms.j2").make_module({"level": ""}).standard  # type: ignore[attr-defined]  # a top-level {% set %} of the template
    for term, _text in standard:
        if normalized(term) not in stated:
            terms.append({"术语": Placed(term), "删去": Placed(True)})
    return terms


def fill_required(tree: Tree) -> list[str]:
    """The fields a source must have that the files did not give (a workbook has no 职责; an export
    of a few tables no 收入): written as 待填写, which check lists until the user fills them in."""
    missing = []
    overview = tree.setdefault("部门概况", {})
    if isinstance(overview, dict) and "职责" not in overview:
        overview["职责"] = [{"": Placed(PLACEHOLDER)}]
        missing.append("部门概况.职责")
    if "收入" not in tree:
        tree["收入"] = {"一般公共预算拨款": Placed(PLACEHOLDER)}
        missing.append("收入")
    order = ["部门", "年度", "地区", "级次", "类型", "版式", "金额单位", "上年", "展示", "部门概况", "收入"]
    ordered = {k: tree[k] for k in order if k in tree}
    rest = {k: v for k, v in tree.items() if k not in order}
    tree.clear()
    tree.update({**ordered, **rest})
    return missing


def _project_not_written(where: str, name: str, what: str) -> str:
    return (f"{where}：项目经费情况说明{f'“{name}”' if name else ''}没有写入：文中没有写明{what}"
            "（源文件的项目要有名称和金额，请按原文补入“支出.项目”）")
