"""YAML source → Budget. Safe YAML, schema findings with file:line, amounts exact, codes named.

A source keeps only what cannot be computed; this package reads it and nothing more: totals,
shares and changes are compute.py's, consistency is checks.py's. This module reads the file and
puts its sections together into a Budget; each section is read by a module of its own beside it
(core: the reader, amounts and lines; income, spending, code_names, units, prior, matters, targets,
final_accounts).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, NotRequired, Protocol, TypedDict

from reportgen import tablekinds as catalogue
from reportgen.base.errors import Finding, SourceError
from reportgen.docmodel.model import (
    INCOME_SOURCES,
    RESERVES,
    Budget,
    EconomicRow,
    FunctionRow,
    Presentation,
    Profile,
    Project,
)
from reportgen.reading.files import resolved
from reportgen.reading.yamlsafe import LocDict, load_yaml
from reportgen.source.code_names import read_code_table
from reportgen.source.confined import confined, quoted_if_inside
from reportgen.source.core import UNIT_FACTOR, ZERO, SourceReader
from reportgen.source.final_accounts import final_accounts, final_key
from reportgen.source.founded import founding
from reportgen.source.income import income, income_knowledge
from reportgen.source.matters import (
    assets,
    glossary,
    narrative_amounts,
    performance,
    procurement,
    profile,
    running_lines,
    three_public,
)
from reportgen.source.printed_parts import printed_parts
from reportgen.source.printed_tables import printed_tables
from reportgen.source.prior import actual, prior
from reportgen.source.schema import validate_source, validate_unit_file
from reportgen.source.spending import (
    economic_lines,
    economic_rows,
    function_rows,
    function_scope,
    general_project_classes,
    project_classes,
    projects,
    spending_total,
)
from reportgen.source.statements import project_statements
from reportgen.source.table_lines import table_lines
from reportgen.source.targets import targets
from reportgen.source.units import units

# What other modules import from here: the reading of a source and the files it names.
__all__ = ["UNIT_FACTOR", "SourceFile", "SourceInput", "confined", "given", "quoted_if_inside", "read_source",
           "referenced_files"]


class SourceInput(Protocol):
    """A source to read: a file on disk (SourceFile), or a value in memory that stands for the file
    it is written as (an import's, importing/emit.py), its values made from that value itself."""

    @property
    def path(self) -> Path:
        """The file it is (or is written as): what its findings name, where the files it names are."""
        ...

    def values(self) -> Any:
        """Its text as the YAML reader reads it (LocDict, LocList, LocStr … with their marks), made
        anew on each call; SourceError where it cannot be read."""
        ...


@dataclass(frozen=True)
class SourceFile:
    """A source file on disk, read when its values are asked for."""

    path: Path

    def values(self) -> Any:
        return load_yaml(self.path)


def given(source: Path | SourceInput) -> SourceInput:
    """``source`` as a SourceInput: a path is the file on disk."""
    return SourceFile(source) if isinstance(source, Path) else source


class _Figures(TypedDict):
    """Budget's figures: as the source states them, or for a department of units the zeros that
    assemble.load_source replaces with the units' sum."""

    income: dict[str, Decimal]
    carried_over: Decimal
    reserves_used: Decimal
    carry_forward: Decimal
    carry_forward_stated: bool
    function_rows: list[FunctionRow]
    economic_rows: list[EconomicRow]
    stated_personnel: Decimal | None
    stated_public: Decimal | None
    stated_basic: NotRequired[Decimal | None]
    stated_project: NotRequired[Decimal | None]
    personnel_note: str
    public_note: str
    projects: list[Project]


def read_source(source: SourceInput) -> tuple[Budget, list[Finding]]:
    """Read and validate one source: the Budget as it states it, and what reading it found wrong. A
    department of several 单位 comes with its units read and its own figures not yet their sum; its
    prior-year files are named, not read: assemble.load_source does both. Raises SourceError when
    the source cannot be read as a source at all."""
    path = source.path
    data = source.values()
    file = str(path)
    findings = validate_source(data, file)
    if findings:
        raise SourceError(findings + _unit_file_findings(path, data))
    reader = SourceReader(path, data)
    budget = _budget(reader)
    budget.inputs = list(reader.read_files)
    budget.key_lines = reader.key_lines
    for total in budget.stated_totals:  # a 类/款 row's 上年 is that class's prior year
        if total.kind == "功能分类" and total.prior is not None and total.fund == "一般公共预算":
            budget.prior.function.setdefault(total.code, total.prior)
    return budget, reader.findings


def _budget(reader: SourceReader) -> Budget:
    d = reader.data
    section_lines(reader, d)
    founding(reader, d)
    read_code_table(reader, d)
    presentation = _presentation(reader, d.get("展示", {}))
    level = str(d.get("级次", "市级"))
    layout = _layout(reader, d)
    unit_budgets = units(reader, d, presentation, level) if "单位" in d else []
    # a department of units: its figures are their sum, made by assemble.load_source
    figures = _units_figures(d) if unit_budgets else _figures(reader, d)
    budget = Budget(
        file=reader.path,
        department=str(d["部门"]),
        year=reader.year,
        level=level,
        source_unit=str(d["金额单位"]),
        printed_step=reader.opt_amount(d, "金额精度"),
        presentation=presentation,
        profile=profile(d["部门概况"]) if "部门概况" in d else Profile(duties=[]),
        prior=prior(reader, d.get("上年")),
        actual=actual(reader, d["上年执行数"]) if "上年执行数" in d else None,
        reasons={str(k): str(v) for k, v in d.get("变动原因", {}).items()},
        **figures,
        three_public=three_public(reader, d),
        running_costs=reader.compared(d["机关运行经费"], reader.line(d, "机关运行经费", "机关运行经费"))
        if "机关运行经费" in d
        else None,
        procurement=procurement(reader, d),
        assets=assets(d.get("国有资产")),
        performance=performance(reader, d.get("绩效管理")),
        glossary=glossary(reader, d.get("名词解释", [])),
        not_published=frozenset(str(part) for part in d.get("不公开", [])),
        lines=reader.lines,
        table_fields=table_fields(reader, d),
        running_lines=running_lines(reader, d.get("机关运行经费")),
        narrative_amounts=narrative_amounts(reader, d.get("正文金额")),
        table_lines=table_lines(reader, d),
        printed_tables=printed_tables(reader, d),
        printed_parts=printed_parts(reader, d),
        stated_totals=reader.stated_totals,
        targets=targets(reader, d.get("绩效目标")),
        project_statements=project_statements(reader, d.get("项目经费情况说明")),
        units=unit_budgets,
        budget_stated=any(key in d for key in ("收入", "支出", "单位")),
        code_table=reader.code_table,
        code_names=reader.code_names,
        layout=layout,
        kind=_kind(reader, d),
        supervisor=str(d.get("主管部门", "")),
        region=str(d.get("地区", "")),
        stated_level=str(d.get("级次", "")),
        function_scope=function_scope(reader, d),
        **final_accounts(reader, d),
        project_classes=project_classes(reader, d),
        general_project_classes=general_project_classes(reader, d),
        economic_lines=economic_lines(reader, d),
        stated_expenditure=spending_total(reader, d),
        **income_knowledge(reader, d),
    )
    if reader.precision.places:  # known once every amount is read: the department's and its units'
        budget.presentation = replace(presentation, stated_places=reader.precision.places)
        for unit in unit_budgets:
            unit.presentation = budget.presentation
    return budget


def _presentation(reader: SourceReader, display: LocDict) -> Presentation:
    """展示: how the document prints its amounts and compares its years."""
    places = display.get("小数位", 2)
    presentation = Presentation(
        unit=str(display.get("金额单位", "万元")),
        # 小数位: 2 for every unit, or {元: 2, 万元: 2} per unit (which a layout's own does not override)
        decimals=places if isinstance(places, int) else 2,
        unit_decimals={str(k): int(v) for k, v in places.items()} if isinstance(places, dict) else {},
        thousands=bool(display.get("千分位", True)),
        compare=str(display.get("比较", "")),
        # keys checked against the schema (the tables of tables.REGISTRY, the parts of TEXT_PARTS)
        table_units={str(k): str(v) for k, v in display.get("表格单位", {}).items()},
        text_units={str(k): str(v) for k, v in display.get("正文单位", {}).items()},
    )
    if "比较" in display:
        reader.line(display, "比较", "展示.比较")
    for kind in ("表格单位", "正文单位"):
        for key in display.get(kind, {}):
            reader.line(display[kind], key, f"展示.{kind}.{key}")
    return presentation


def table_fields(reader: SourceReader, d: LocDict) -> dict[str, Decimal]:
    """The amounts of the source fields the tables defined as data show (tables/kinds/: 行.字段), each
    where the source states it (a field it leaves out is not there: never a zero)."""
    found: dict[str, Decimal] = {}
    for kind in catalogue.kinds():
        for path in kind.fields:
            *parents, key = path.split(".")
            mapping: object = d
            for part in parents:
                mapping = mapping.get(part) if isinstance(mapping, dict) else None
            if isinstance(mapping, dict) and key in mapping and mapping[key] is not None:
                found[path] = reader.amount(mapping[key])
    return found


def _units_figures(d: LocDict) -> _Figures:
    """A department of units: zeros for assemble.load_source to replace with their sum, and the
    words of 基本支出 the department writes itself (its own words win over its units')."""
    words = d.get("支出", {}).get("基本支出", {})
    return {"income": dict.fromkeys(INCOME_SOURCES, ZERO), "carried_over": ZERO, "reserves_used": ZERO,
            "carry_forward": ZERO, "carry_forward_stated": False,
            "function_rows": [], "economic_rows": [], "stated_personnel": None, "stated_public": None,
            "personnel_note": str(words.get("人员经费说明", "")),
            "public_note": str(words.get("公用经费说明", "")), "projects": []}


def _figures(reader: SourceReader, d: LocDict) -> _Figures:
    """收入 and 支出 as the source states them."""
    income_map = d.get("收入", {})  # absent only in a source that holds 绩效目标 alone
    spending = d.get("支出", {})
    basic = spending.get("基本支出", {})
    return {
        "income": income(reader, income_map),
        "carried_over": reader.opt_amount(income_map, final_key("收入.上年结转", d)) or ZERO,
        "reserves_used": reader.opt_amount(income_map, RESERVES) or ZERO,
        "carry_forward": reader.opt_amount(d, final_key("结转下年", d)) or ZERO,
        "carry_forward_stated": final_key("结转下年", d) in d,
        "function_rows": function_rows(reader, spending),
        "economic_rows": economic_rows(reader, basic),
        "stated_personnel": reader.opt_amount(basic, "人员经费"),
        "stated_public": reader.opt_amount(basic, "公用经费"),
        "stated_basic": reader.opt_amount(basic, "合计"),
        "stated_project": reader.opt_amount(spending, "项目支出"),
        "personnel_note": str(basic.get("人员经费说明", "")),
        "public_note": str(basic.get("公用经费说明", "")),
        "projects": projects(reader, spending),
    }


def _kind(reader: SourceReader, d: LocDict) -> str:
    """类型 (部门 or 单位); 主管部门 is a unit's, refused on a department's own budget."""
    kind = str(d.get("类型", "部门"))
    if "主管部门" in d and kind != "单位":
        reader.error("主管部门-部门预算", "“主管部门”只用于单位预算（“类型: 单位”）；部门预算的主管部门就是部门自己："
                     "请删去它，或写“类型: 单位”", reader.line(d, "主管部门", "主管部门"), "主管部门")
    if "类型" in d:
        reader.line(d, "类型", "类型")
    return kind


def _layout(reader: SourceReader, d: LocDict) -> str:
    """The 版式 the source names, with its line; render.prepare resolves it (a folder is
    relative to the source's own), so that check, render and preview refuse an unknown one alike."""
    if "版式" not in d:
        return ""
    reader.line(d, "版式", "版式")
    return str(d["版式"])


def section_lines(reader: SourceReader, d: LocDict) -> None:
    """The line of every section and of the keys inside it (部门概况, 支出.基本支出, …): where a
    finding about something missing inside them points when the thing itself has no line."""
    def key_line(mapping: Any, key: str, path: str) -> None:
        marks = getattr(mapping, "key_marks", {})
        if key in marks:
            reader.key_lines[path] = marks[key].line

    for key, value in d.items():
        key_line(d, key, key)
        if isinstance(value, dict):
            for inner, deeper in value.items():
                key_line(value, inner, f"{key}.{inner}")
                if isinstance(deeper, dict):  # 支出.基本支出.人员经费
                    for third in deeper:
                        key_line(deeper, third, f"{key}.{inner}.{third}")


def referenced_files(path: Path) -> list[Path]:
    """Every other file a source reads: the unit files its 单位 包含, its 上年.来源 and 上年执行数.来源, its
    科目表, with the files those read in turn, in reading order. A file named but missing or broken is still
    listed (a watcher must see it appear or be mended); nothing is reported here: loading does."""
    seen: list[Path] = [resolved(path)]
    pending = [resolved(path)]
    while pending:
        current = pending.pop(0)
        data = _readable_source(current)
        if data is None:
            continue
        table = data.get("科目表")  # a code table, not a source: watched, never read as YAML source
        if isinstance(table, str) and table.strip() and resolved(current.parent / table) not in seen:
            seen.append(resolved(current.parent / table))
        for name in _sources_named(data):
            target = resolved(current.parent / name)
            if target not in seen:
                seen.append(target)
                pending.append(target)
    return seen[1:]


def _readable_source(path: Path) -> dict[str, Any] | None:
    """A named file's YAML mapping, or None where it is missing, broken or no mapping (loading says why)."""
    try:
        data = load_yaml(path)
    except SourceError:
        return None
    return data if isinstance(data, dict) else None


def _sources_named(data: dict[str, Any]) -> list[str]:
    """The sources a source names: the unit files its 单位 包含, its 上年.来源 and 上年执行数.来源."""
    named: list[Any] = [item.get("包含") for item in data.get("单位") or [] if isinstance(item, dict)]
    named += [section.get("来源") for section in (data.get("上年"), data.get("上年执行数")) if isinstance(section, dict)]
    return [name for name in named if isinstance(name, str) and name.strip()]


def _unit_file_findings(path: Path, data: Any) -> list[Finding]:
    """Schema findings of the unit files a source 包含, so that one run names every blank to fill
    even while the department's own file still has some."""
    units = data.get("单位") if isinstance(data, dict) else None
    findings: list[Finding] = []
    for item in units if isinstance(units, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("包含"), str):
            continue
        target = resolved(path.parent / item["包含"])
        if not target.is_file():
            continue  # named by the reader once the department's file is right
        try:
            findings += confined(validate_unit_file(load_yaml(target), str(target)), path.parent)
        except SourceError as exc:
            findings += confined(exc.findings, path.parent)
    return findings


