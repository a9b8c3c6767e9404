"""The tables by id: the standard tables 1–10 (REGISTRY), the variants a locality's layout prints
(VARIANTS: other rows, other columns, other labels over the same figures, never copies of a table)
and the tables a layout declares as data; Tables builds each on first use.

A layout's tables.j2 places a table by its id (``<table ref="…">``); a variant's id is the
standard table it varies, then "-" and its form, so it shares that table's unit (展示.表格单位).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace

from reportgen import tablekinds as catalogue
from reportgen.tables.builder import TableBuilder, TableRows
from reportgen.tables.economic import (
    basic_by_department_classes,
    basic_by_government_classes,
    basic_in_class_pairs,
    final_basic,
    general_basic,
    general_by_economic_class,
)
from reportgen.tables.fields import field_table
from reportgen.tables.final import final_fiscal, final_summary
from reportgen.tables.final_by_function import (
    final_fund,
    final_fund_spending,
    final_general,
    final_income,
    final_spending,
)
from reportgen.tables.fiscal_spending import fiscal_basic, fiscal_functions
from reportgen.tables.function import expenditure, fund_table, general_budget, income_by_function
from reportgen.tables.printed_tables import printed_tables
from reportgen.tables.procurement_lines import procurement_by_function
from reportgen.tables.projects import performance_targets, projects
from reportgen.tables.specs import TableSpec, reshape
from reportgen.tables.summary import finance, fiscal, fiscal_by_fund, income, income_expenditure
from reportgen.tables.table_lines import lines_table
from reportgen.tables.three_public import final_three_public, running_costs, three_public, three_public_and_running

Build = Callable[[TableBuilder], TableRows]

# The builders a table kind's definition names (构建; tables/kinds/*.yaml): the rows of each standard table.
BUILDERS: dict[str, Build] = {
    "income_expenditure": income_expenditure,
    "income": income,
    "expenditure": expenditure,
    "fiscal": fiscal,
    "general_budget": general_budget,
    "general_basic": general_basic,
    "three_public": three_public,
    "government_fund": lambda builder: fund_table(builder, "政府性基金"),
    "state_capital": lambda builder: fund_table(builder, "国有资本经营"),
    "projects": projects,
    "running_costs": running_costs,
    "fiscal_functions": fiscal_functions,
    "fiscal_basic": fiscal_basic,
}


def registry() -> tuple[tuple[str, Build], ...]:
    """The table kinds defined (tables/kinds/), each once: its id (what a layout's table list and a
    template's <table ref> name) and its builder — of code (构建), or its rows as data (行)."""
    return tuple((kind.id, _builder(kind)) for kind in catalogue.kinds())


def _builder(kind: catalogue.TableKind) -> Build:
    if kind.build:
        if kind.build not in BUILDERS:
            raise catalogue.DefinitionError(f"{kind.file}: “构建”应为 reportgen 的一个构建函数："
                                            f"{'、'.join(BUILDERS)}，不是“{kind.build}”")
        return BUILDERS[kind.build]
    return functools.partial(field_table, kind)


# The kinds shipped, as read when reportgen is imported (the names a source's 展示.表格单位 may use).
REGISTRY: tuple[tuple[str, Build], ...] = registry()

# The builders a definition's 变体 names (reportgen/tablekinds/*.yaml): the other forms a locality's layout prints a
# standard table in — 上海's, and the 部门决算's (the 默认 layout's, 财政部's structure, and 上海's).
VARIANT_BUILDERS: dict[str, Build] = {
    "finance": finance,
    "income_by_function": income_by_function,
    "fiscal_by_fund": fiscal_by_fund,
    "basic_by_department_classes": basic_by_department_classes,
    "basic_by_government_classes": basic_by_government_classes,
    "basic_in_class_pairs": basic_in_class_pairs,
    "general_by_economic_class": general_by_economic_class,
    "procurement_by_function": procurement_by_function,
    "three_public_and_running": three_public_and_running,
    "final_summary": final_summary,
    "final_income": final_income,
    "final_spending": final_spending,
    "final_fiscal": final_fiscal,
    "final_general": final_general,
    "final_basic": final_basic,
    "final_three_public": final_three_public,
    "final_government_fund": lambda builder: final_fund(builder, "政府性基金"),
    "final_state_capital": lambda builder: final_fund(builder, "国有资本经营"),
    # the 默认 layout's 表9 states the fund's spending alone (上海's, above, what it received and carried too)
    "final_state_capital_spending": lambda builder: final_fund_spending(builder, "国有资本经营"),
}


def variants() -> tuple[tuple[str, Build], ...]:
    """The variants the definitions name (变体), each by its id — its kind's, "-", its form (收支总表-决算) — and builder."""
    return tuple((f"{kind.id}-{form}", _variant(kind, name)) for kind in catalogue.kinds()
                 for form, name in kind.variants.items())


def _variant(kind: catalogue.TableKind, name: str) -> Build:
    if name not in VARIANT_BUILDERS:
        raise catalogue.DefinitionError(f"{kind.file}: “变体”的构建应为 reportgen 的一个构建函数："
                                        f"{'、'.join(VARIANT_BUILDERS)}，不是“{name}”")
    return VARIANT_BUILDERS[name]


VARIANTS: tuple[tuple[str, Build], ...] = variants()

# Names a layout's table may start from (基于): the standard tables and their variants.
SHAPES: tuple[str, ...] = (*(table_id for table_id, _ in REGISTRY), *(table_id for table_id, _ in VARIANTS))


def shapes() -> tuple[str, ...]:
    """SHAPES as the definitions read now (a kind added since reportgen was imported among them)."""
    return (*(table_id for table_id, _ in registry()), *(table_id for table_id, _ in variants()))


class Tables(Mapping[str, TableRows]):
    """The tables of one render by id, each built on first use: a layout places a few of the
    registry's tables and variants, and a table it does not place costs nothing."""

    def __init__(self, builder: TableBuilder, builds: dict[str, Build], built: dict[str, TableRows]) -> None:
        self._builder = builder
        self._builds = builds
        self._built = dict(built)

    def __getitem__(self, table_id: str) -> TableRows:
        if table_id not in self._built:
            build = self._builds[table_id]  # KeyError for an unknown id, as a dict
            self._built[table_id] = self._builder.recording(build)
        return self._built[table_id]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._builds, *(k for k in self._built if k not in self._builds)])

    def __len__(self) -> int:
        return len(set(self._builds) | set(self._built))

    def __contains__(self, table_id: object) -> bool:
        return table_id in self._builds or table_id in self._built


def all_tables(builder: TableBuilder, specs: Mapping[str, TableSpec] | None = None) -> Tables:
    """Every table of the registry, the variants, the tables a layout declares as data (its
    表格: ``specs``, each a table above re-shaped) and the performance-target tables the source
    has, each built when a template first places or asks about it."""
    builds: dict[str, Build] = {**dict(registry()), **dict(variants())}
    shapes = dict(builds)  # a spec re-shapes a table of code, even one it takes the id of
    for table_id, spec in (specs or {}).items():
        builds[table_id] = functools.partial(_declared, shapes[spec.base], spec)
    return Tables(builder, builds, {**performance_targets(builder), **printed_tables(builder)})


def _declared(build: Build, spec: TableSpec, builder: TableBuilder) -> TableRows:
    """The table ``build`` makes, shaped as ``spec`` declares; built knowing the columns the spec asks for (a column
    a table prints only when asked: the 支出总表's 人员经费 and 公用经费)."""
    asked, builder.asked_columns = builder.asked_columns, spec.columns
    turned, builder.turned_items = builder.turned_items, spec.turned
    across, builder.across_items = builder.across_items, spec.across
    economic, builder.listed_codes = builder.listed_codes, spec.sides
    in_turn, builder.units_in_turn = builder.units_in_turn, spec.units_in_turn
    shape = builder.summary_shape
    builder.summary_shape = replace(shape, lines=spec.lines or shape.lines, subtotals=spec.subtotals,
                                    classes=spec.classes, columns=spec.columns, closing=spec.closing,
                                    uses=spec.uses)
    try:
        if spec.printed and (lines := builder.b.table_lines.get(spec.base)):
            return lines_table(spec.base, lines, spec.printed, spec.columns, builder, spec.total_last,
                               spec.department_line)
        rows = build(builder)
        if spec.department_total:  # 部门行: 即合计 — the 合计 row is the department's: its row not printed again
            rows = replace(rows, body=[row for row in rows.body if row.key != builder.b.department])
        return reshape(rows, spec)
    finally:
        builder.asked_columns, builder.summary_shape, builder.turned_items = asked, shape, turned
        builder.across_items, builder.listed_codes, builder.units_in_turn = across, economic, in_turn
