"""The fields a published sentence may be traced to (issue 80 part 2: learned_words, sentence_tracing): those the
default templates print ({{ x|money }}, with_change(x, prior, …, actual)) with the words they print before each, the
income sources and the “三公” parts by their names, the function and economic lines by their codes, the counts the
source holds, the quantities of vocabulary.yaml 数的名称 it holds and its 正文金额 — each valued from the imported source."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import Any

import jinja2

from reportgen.base.locations import DEFAULT_TEMPLATES
from reportgen.base.patterns import regex
from reportgen.compute import Change, Node
from reportgen.docmodel.model import INCOME_SOURCES, VEHICLE_KINDS
from reportgen.importing.learning.narrative_fields import narrative_fields
from reportgen.readers.text.statements import named_quantities

_ROOTS = ("f.", "fa.", "b.", "fiscal_expenditure_total")
_MONEY = regex(r"\{\{\s*([\w.\[\]'\"()]+?)\s*\|\s*money\s*\}\}")
_WITH_CHANGE = regex(r"with_change\(([^,()]+(?:\([^()]*\))?[^,()]*),\s*([^,()]+(?:\([^()]*\))?[^,()]*),\s*\w+"
                          r"(?:,\s*([^,()]+(?:\([^()]*\))?[^,()]*))?\)")
_LABEL_CHARS = 12


@dataclass(frozen=True)
class Field:
    """A field the sentences may print: its template expression, the words the default templates print before
    it (what a sentence names it by), and its value in the imported source."""

    expr: str
    label: str
    value: Any
    current: str = ""  # a change's: the expression of the figure it is the change of
    prior: str = ""  # … and of the figure it is the change from (last year's), with its value
    prior_value: Any = None
    count: bool = False  # a count (车辆5辆, 项目9个): printed as a whole number after its words, never an amount
    names: tuple[str, ...] = ()  # the words texts name its quantity by (vocabulary.yaml 数的名称: _QUANTITIES)


@cache
def _harvested() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, str, str], ...]]:
    """From the default templates: each expression printed with |money and the words before it, and each
    with_change(current, prior, year, actual) with the words before its current."""
    amounts: dict[str, str] = {}
    changes: dict[tuple[str, str, str], str] = {}
    for path in sorted((DEFAULT_TEMPLATES / "narrative").glob("*.j2")):
        text = path.read_text(encoding="utf-8")
        for m in _MONEY.finditer(text):
            if m.group(1).startswith(_ROOTS):
                amounts.setdefault(m.group(1), _label_before(text, m.start()))
        for m in _WITH_CHANGE.finditer(text):
            current, prior, actual = (g.strip() if g else "" for g in m.groups())
            if current.startswith(_ROOTS) and prior.startswith(_ROOTS):
                changes.setdefault((current, prior, actual), amounts.get(current, ""))
    return tuple(amounts.items()), tuple((c, p, a, label) for (c, p, a), label in changes.items())


def _label_before(text: str, at: int) -> str:
    """The Han characters printed just before ``at`` in a template (its words before a figure)."""
    before = re.sub(r"\{[{%#].*?[}%#]\}", "", text[max(0, at - 200):at])
    return "".join(re.findall(r"[\u4e00-\u9fff]", before))[-_LABEL_CHARS:]


def fields(env: jinja2.Environment, context: dict[str, Any]) -> tuple[list[Field], list[Field]]:
    """The amounts and the changes (each Field's value a Change) a sentence may print, valued from ``context``."""
    amounts: list[Field] = []
    changes: list[Field] = []
    harvested, compared = _harvested()
    for expr, label in harvested:
        amounts.append(Field(expr, label, _value(env, context, expr)))
    for name in INCOME_SOURCES:
        amounts.append(Field(f"f.income_of('{name}')", name, _value(env, context, f"f.income_of('{name}')")))
    three = context["b"].three_public
    for name in three.parts:
        part = f"b.three_public.parts['{name}']"
        amounts.append(Field(f"{part}.current", name, _value(env, context, f"{part}.current")))
        for base in ("prior", "actual"):
            changes.append(_change(env, context, f"{part}.current", f"{part}.{base}", name))
    for expr, label in _NAMED:
        amounts.append(Field(expr, label, _value(env, context, expr)))
    amounts += _counts(env, context)
    for base in ("prior", "actual"):
        changes.append(_change(env, context, "b.running_costs.current", f"b.running_costs.{base}", "机关运行经费"))
    for current, prior, actual, label in compared:
        for base in (prior, actual):
            if base:
                changes.append(_change(env, context, current, base, label))
    amounts += _lines(env, context, changes)
    amounts = _named_quantities(env, context, amounts)
    stated = _stated(env, context)  # 正文金额 (learned_amounts.py)
    amounts, changes = amounts + stated[0], changes + stated[1]
    return [a for a in amounts if isinstance(a.value, Decimal)], [c for c in changes if isinstance(c.value, Change)]


def _stated(env: jinja2.Environment, context: dict[str, Any], unit: str = "") -> tuple[list[Field], list[Field]]:
    """The source's 正文金额 (learned_amounts.py; of its budget unit ``unit``: 单位[].正文金额) as fields: each amount by
    its name, its change where its 上年 is given."""
    rows = narrative_fields(context, unit)
    return ([Field(expr, name, value) for expr, name, value, _ in rows],
            [_change(env, context, expr, prior, name) for expr, name, _, prior in rows if prior])


# 收支总计 (国家信访局 “收支总预算50,616.94万元”, 湖州 “收支总预算6838.41万元”, 烟台 “收支预算5,609.33万元”): either total,
# where the two are one — a budget's 收入总计 and 支出总计 balance; where they do not, none (the sentence is not printed)
_BALANCED = "(f.income_grand_total if f.income_grand_total == f.expenditure_grand_total else none)"
# the quantities of vocabulary.yaml 数的名称 a field of the source holds, by the field's expression: the words published
# texts of many regions name them by (江苏 “1．本年支出合计”, “本年政府性基金预算收入”, “（1）公务用车购置预算支出”)
_QUANTITIES = {"f.income_grand_total": "收入总计", "f.expenditure_grand_total": "支出总计", _BALANCED: "收支总计",
               "f.income_total": "本年收入合计", "f.expenditure_total": "本年支出合计", "f.basic": "基本支出",
               "f.project": "项目支出", "f.personnel": "人员经费", "f.public": "公用经费",
               "f.fiscal_income": "财政拨款收入", "fiscal_expenditure_total": "财政拨款支出",
               "f.general_budget": "一般公共预算支出", "f.general_basic": "一般公共预算基本支出",
               "f.general_project": "一般公共预算项目支出", "f.three_public_total": "“三公”经费",
               "f.procurement_total": "政府采购预算", "b.procurement.goods": "政府采购货物预算",
               "b.procurement.works": "政府采购工程预算", "b.procurement.services": "政府采购服务预算",
               "b.procurement.sme": "面向中小企业预留", "b.running_costs.current": "机关运行经费",
               "f.managed_amount": "绩效目标管理涉及的预算资金", "b.carried_over": "上年结转结余",
               "b.carry_forward": "年末结转结余",
               "f.fiscal_expenditure['政府性基金']": "政府性基金预算支出",
               "f.fiscal_expenditure['国有资本经营']": "国有资本经营预算支出",
               "f.vehicles_total": "公务用车购置及运行维护费",
               **{f"b.three_public.parts['{part}'].current": part
                  for part in ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")},
               **{f"f.income_of('{name}')": name for name in INCOME_SOURCES}}


def _named_quantities(env: jinja2.Environment, context: dict[str, Any], amounts: list[Field]) -> list[Field]:
    """The amounts, each holding a quantity of vocabulary.yaml 数的名称 with the words texts name it by; the funds'
    spending besides (no default template prints it alone). A quantity the source leaves unknown has none: an income
    it does not know (其余未公开), a 上年结转 it does not state — a zero the text states is a field only where the
    source holds it."""
    said = named_quantities()
    budget = context["b"]
    unknown = {f"f.income_of('{name}')" for name in budget.income_unknown}
    if "上年结转" not in budget.income_stated:
        unknown.add("b.carried_over")
    if not budget.carry_forward and not budget.carry_forward_stated:  # (a 结转下年 of 0 not written: none stated)
        unknown.add("b.carry_forward")
    three = budget.three_public  # (a part the source leaves out while it gives others is unknown, never 0)
    unknown |= {f"b.three_public.parts['{part}'].current" for part in three.parts if not three.known(part)}
    out = [*amounts, *(Field(expr, "", _value(env, context, expr)) for expr in _QUANTITIES
                       if expr.startswith(("f.fiscal_expenditure", "f.vehicles_total")) or expr == _BALANCED)]
    return [replace(a, names=said.get(_QUANTITIES[a.expr], ()) or said.get(_QUANTITIES[a.expr] + "收入", ()))
            if a.expr in _QUANTITIES and a.expr not in unknown else a for a in out]


# the fields the default templates print inside a macro of their part (b.procurement as p …), with their words
_NAMED = (("b.procurement.goods", "货物"), ("b.procurement.works", "工程"), ("b.procurement.services", "服务"),
          ("b.procurement.sme", "面向中小企业预留"), ("b.procurement.small_firms.get('小微企业')", "预留给小型和微型企业"),
          ("b.running_costs.current", "机关运行经费"), ("f.managed_amount", "涉及预算资金"))
_INTERNAL = "b.profile.internal_count"  # 部门概况.内设机构数: traced only where the import reads it (_said_internal)
# the counts the source holds, with the words the default templates print before them (国有资产, 绩效管理), and the
# units each is counted in (“设备（不含车辆）0台（套）” is no count of vehicles)
_COUNTS = (("f.managed_project_count", "项目", "个项"), ("b.assets.vehicles", "车辆", "辆台"),
           ("b.assets.planned.get('车辆')", "购置车辆", "辆"), ("b.assets.general_equipment", "通用设备", "台"),
           ("b.assets.special_equipment", "专用设备", "台"), ("b.assets.planned.get('通用设备')", "购置通用设备", "台"),
           ("b.assets.planned.get('专用设备')", "购置专用设备", "台"), ("b.assets.large_equipment", "设备", "台"),
           (_INTERNAL, "内设机构", "个"))
_COUNT_UNITS = ("个", "辆", "台", "项", "家")
_COUNTED_IN = {**{expr: units for expr, _, units in _COUNTS},
               **{f"b.assets.vehicle_kinds.get('{kind}')": "辆" for kind in VEHICLE_KINDS}}


def _counts(env: jinja2.Environment, context: dict[str, Any]) -> list[Field]:
    """The counts the source holds (_COUNTS; each kind of its vehicles, counted in 辆 and named by its kind), each a
    Field of its whole number."""
    kinds = [(f"b.assets.vehicle_kinds.get('{kind}')", kind, "辆") for kind in VEHICLE_KINDS]
    return [Field(expr, label, Decimal(count), count=True) for expr, label, _ in (*_COUNTS, *kinds)
            if isinstance(count := _value(env, context, expr), int) and not isinstance(count, bool)]


def _lines(env: jinja2.Environment, context: dict[str, Any], changes: list[Field]) -> list[Field]:
    """The function lines (all money and 一般公共预算's) and economic lines by code, with their changes."""
    out: list[Field] = []
    figures = context["f"]
    for fund, expr in ((None, "function_line('{code}')"), ("一般公共预算", "function_line('{code}', '一般公共预算')")):
        for top in figures.function_tree(fund):
            for node in top.walk():
                line = expr.format(code=node.code)
                out.append(Field(f"{line}.total", node.name, node.total))
                out.append(Field(f"{line}.basic", node.name + "基本支出", node.basic))
                out.append(Field(f"{line}.project", node.name + "项目支出", node.project))
                changes.append(_change(env, context, f"{line}.total", f"{line}.{_prior_of(node)}", node.name))
                if node.prior is None and node.lines_prior is not None:  # (a 类 or 款 whose lines' 上年 are given)
                    changes.append(_change(env, context, f"{line}.total", f"{line}.lines_prior", node.name))
                if fund is not None and (actual := context["actual_function"].get(node.code)) is not None:
                    out.append(Field(f"actual_function.get('{node.code}')", node.name + "执行数", actual))
                    changes.append(_change(env, context, f"{line}.total", f"actual_function.get('{node.code}')",
                                           node.name + "执行数"))
    for top in figures.economic_tree:
        for node in top.walk():
            line = f"economic_line('{node.code}')"
            out.append(Field(f"{line}.basic", node.name, node.basic))
            changes.append(_change(env, context, f"{line}.basic", f"{line}.prior", node.name))
    return out


def _prior_of(node: Node) -> str:
    """The attribute of a line's 上年 a change is learned from: a 类's (or 款's) stated where its lines' are not, its
    known_prior — next year the text may state its lines' instead (江苏省政协 2018 → 2019)."""
    return "known_prior" if node.children and node.prior is not None and node.lines_prior is None else "prior"


def _value(env: jinja2.Environment, context: dict[str, Any], expr: str) -> Any:
    try:
        return env.compile_expression(expr)(**context)
    except Exception:  # noqa: BLE001 — an expression this source cannot value is no field of it
        return None


def _change(env: jinja2.Environment, context: dict[str, Any], current: str, prior: str, label: str) -> Field:
    expr = f"(({current})|change_from({prior}))"
    return Field(expr, label, _value(env, context, expr), current, prior, prior_value=_value(env, context, prior))
