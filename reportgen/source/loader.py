"""YAML source → Budget. Safe YAML, schema findings with file:line, amounts exact, codes named.

A source keeps only what cannot be computed; this module reads it and nothing more: totals,
shares and changes are compute.py's, consistency is checks.py's.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from reportgen import codes
from reportgen.errors import Finding, SourceError
from reportgen.model import (
    FINAL_SPENDING_KINDS,
    FISCAL_SOURCES,
    INCOME_SOURCES,
    PERFORMANCE_FIGURES,
    PERFORMANCE_STAGES,
    PROCUREMENT_SMALL_FIRMS,
    RESERVES,
    THREE_PUBLIC_AMOUNTS,
    THREE_PUBLIC_COUNTS,
    THREE_PUBLIC_PARTS,
    THREE_PUBLIC_TEXTS,
    VEHICLE_KINDS,
    VEHICLES,
    Assets,
    Budget,
    Compared,
    EconomicRow,
    Execution,
    FunctionRow,
    Indicator,
    Performance,
    PlanPoint,
    Presentation,
    Prior,
    Procurement,
    Profile,
    Project,
    ProjectClass,
    ProjectTarget,
    StatedChange,
    StatedTotal,
    Targets,
    TargetTask,
    ThreePublic,
    WholeTargets,
)
from reportgen.reading.files import resolved
from reportgen.reading.yamlsafe import LocDict, load_yaml, parse_yaml, to_decimal_text
from reportgen.source.final_keys import FINAL_WORDS, misplaced
from reportgen.source.schema import validate_source, validate_unit_file

UNIT_FACTOR = {"元": Decimal(1), "万元": Decimal(10000)}
ZERO = Decimal(0)
PLAN_POINTS = ("3月底", "6月底", ("9月底", "10月底"), "12月底")  # 资金支出计划 columns, cumulative %

# Keys of 上年执行数 that hold a section of their own (by part, by project name), not one figure.
ACTUAL_ONLY = ("三公经费", "项目")


class _Figures(TypedDict):
    """Budget's figures: as the source states them, or for a department of units the zeros that
    assemble.load_source replaces with the units' sum."""

    income: dict[str, Decimal]
    carried_over: Decimal
    reserves_used: Decimal
    carry_forward: Decimal
    function_rows: list[FunctionRow]
    economic_rows: list[EconomicRow]
    stated_personnel: Decimal | None
    stated_public: Decimal | None
    stated_basic: NotRequired[Decimal | None]
    stated_project: NotRequired[Decimal | None]
    personnel_note: str
    public_note: str
    projects: list[Project]


def read_source(path: Path, raw: bytes | None = None) -> tuple[Budget, list[Finding]]:
    """Read and validate one source file: the Budget as the file states it, and what reading it
    found wrong. A department of several 单位 comes with its units read and its own figures not yet
    their sum; its prior-year files are named, not read: assemble.load_source does both. Raises
    SourceError when the file cannot be read as a source at all. ``raw``: the source's text, made in
    memory (an imported document's) and named ``path``, in place of the file."""
    data = load_yaml(path) if raw is None else parse_yaml(raw, str(path))
    file = str(path)
    findings = validate_source(data, file)
    if findings:
        raise SourceError(findings + _unit_file_findings(path, data))
    reader = _SourceReader(path, data)
    budget = reader.budget()
    budget.inputs = list(reader.read_files)
    budget.key_lines = reader.key_lines
    for total in budget.stated_totals:  # a 类/款 row's 上年 is that class's prior year
        if total.kind == "功能分类" and total.prior is not None and total.fund == "一般公共预算":
            budget.prior.function.setdefault(total.code, total.prior)
    return budget, reader.findings


class _SourceReader:
    def __init__(self, path: Path, data: LocDict, year: int | None = None, unit: str | None = None,
                 parent: _SourceReader | None = None) -> None:
        self.path = path
        self.file = str(path)
        self.data = data
        self.year = int(data["年度"]) if year is None else year
        self.source_unit = unit or str(data["金额单位"])
        self.factor = UNIT_FACTOR[self.source_unit]
        self.findings: list[Finding] = []
        self.lines: dict[str, int] = {}
        self.known_codes: dict[tuple[str, str, int], str] = {}  # (kind, code, year) → registry name
        self.stated_totals: list[StatedTotal] = []
        self.read_files: list[Path] = []  # the unit files it 包含, for Budget.inputs
        self.key_lines: dict[str, int] = {}  # the line of each section's key (三公经费:), see section_lines
        # The department's 科目表 and the names its rows print (Budget.code_names), shared with its units.
        self.code_table: codes.CodeTable | None = parent.code_table if parent else None
        self.code_names: dict[tuple[str, str], str] = parent.code_names if parent else {}

    # -- helpers -------------------------------------------------------------------------
    def line(self, mapping: Any, key: str, path: str) -> int:
        marks = getattr(mapping, "value_marks", {})
        line = marks[key].line if key in marks else getattr(getattr(mapping, "mark", None), "line", 0)
        self.lines[path] = line
        return line

    def amount(self, value: Any) -> Decimal:
        return to_decimal_text(str(value)) * self.factor

    def in_source_unit(self, amount: Decimal) -> str:
        """An amount as the source writes it, for a message: 1234.5万元."""
        return f"{(amount / self.factor).normalize():f}{self.source_unit}"

    def opt_amount(self, mapping: Any, key: str) -> Decimal | None:
        if mapping is None or key not in mapping:
            return None
        return self.amount(mapping[key])

    def error(self, rule: str, message: str, line: int, path: str) -> None:
        self.findings.append(Finding("error", rule, message, self.file, line, 0, path))

    def signed(self, mapping: Any, key: str, scale: bool = True) -> Decimal | None:
        if mapping is None or key not in mapping:
            return None
        value = to_decimal_text(str(mapping[key]))
        return value * self.factor if scale else value

    def prior_of(self, item: Any, current_key: str) -> Decimal | None:
        """An item's 上年: as stated, else this year's less the 增减额 the document states alone."""
        prior, change = self.opt_amount(item, "上年"), self.signed(item, "增减额")
        if prior is not None or change is None:
            return prior
        return self.amount(item[current_key]) - change

    def compared(self, value: Any, line: int) -> Compared:
        if isinstance(value, dict):
            return Compared(
                budgeted=self.opt_amount(value, "预算"),
                variance=str(value.get("差异原因", "")),
                current=self.amount(value["本年"]),
                prior=self.prior_of(value, "本年"),
                reason=str(value.get("原因", "")),
                note=str(value.get("说明", "")),
                line=line,
                stated_change=self.signed(value, "增减额"),
                stated_rate=self.signed(value, "增减率", scale=False),
                actual=self.opt_amount(value, "上年执行数"),
            )
        return Compared(current=self.amount(value), line=line)

    # -- the budget ------------------------------------------------------------------------
    def income(self, income_map: LocDict) -> dict[str, Decimal]:
        income = {name: self.opt_amount(income_map, name) or ZERO for name in INCOME_SOURCES}
        for name in [*INCOME_SOURCES, "上年结转", "年初结转和结余", RESERVES]:
            if name in income_map:
                self.line(income_map, name, f"收入.{name}")
        return income

    def budget(self) -> Budget:
        d = self.data
        self.section_lines(d)
        self.read_code_table(d)
        display = d.get("展示", {})
        presentation = Presentation(
            unit=str(display.get("金额单位", "万元")),
            decimals=int(display.get("小数位", 2)),
            thousands=bool(display.get("千分位", True)),
            compare=str(display.get("比较", "")),
            # keys checked against the schema (the tables of tables.REGISTRY, the parts of TEXT_PARTS)
            table_units={str(k): str(v) for k, v in display.get("表格单位", {}).items()},
            text_units={str(k): str(v) for k, v in display.get("正文单位", {}).items()},
        )
        if "比较" in display:
            self.line(display, "比较", "展示.比较")
        for kind in ("表格单位", "正文单位"):
            for key in display.get(kind, {}):
                self.line(display[kind], key, f"展示.{kind}.{key}")
        level = str(d.get("级次", "市级"))
        layout = self.layout(d)
        units = self.units(d, presentation, level) if "单位" in d else []
        if units:  # the department's figures are its units' sum, made by assemble.load_source
            words = d.get("支出", {}).get("基本支出", {})  # the department's own words win over its units'
            figures: _Figures = {"income": dict.fromkeys(INCOME_SOURCES, ZERO), "carried_over": ZERO, "reserves_used": ZERO,
                       "carry_forward": ZERO,
                       "function_rows": [], "economic_rows": [], "stated_personnel": None, "stated_public": None,
                       "personnel_note": str(words.get("人员经费说明", "")),
                       "public_note": str(words.get("公用经费说明", "")), "projects": []}
        else:
            income_map = d.get("收入", {})  # absent only in a source that holds 绩效目标 alone
            spending = d.get("支出", {})
            basic = spending.get("基本支出", {})
            figures = {
                "income": self.income(income_map),
                "carried_over": self.opt_amount(income_map, self.final_key("收入.上年结转", d)) or ZERO,
                "reserves_used": self.opt_amount(income_map, RESERVES) or ZERO,
                "carry_forward": self.opt_amount(d, self.final_key("结转下年", d)) or ZERO,
                "function_rows": self.function_rows(spending),
                "economic_rows": self.economic_rows(basic),
                "stated_personnel": self.opt_amount(basic, "人员经费"),
                "stated_public": self.opt_amount(basic, "公用经费"),
                "stated_basic": self.opt_amount(basic, "合计"),
                "stated_project": self.opt_amount(spending, "项目支出"),
                "personnel_note": str(basic.get("人员经费说明", "")),
                "public_note": str(basic.get("公用经费说明", "")),
                "projects": self.projects(spending),
            }
        return Budget(
            file=self.path,
            department=str(d["部门"]),
            year=self.year,
            level=level,
            source_unit=str(d["金额单位"]),
            printed_step=self.opt_amount(d, "金额精度"),
            presentation=presentation,
            profile=self.profile(d["部门概况"]) if "部门概况" in d else Profile(duties=[]),
            prior=self.prior(d.get("上年")),
            actual=self.actual(d["上年执行数"]) if "上年执行数" in d else None,
            reasons={str(k): str(v) for k, v in d.get("变动原因", {}).items()},
            **figures,
            three_public=self.three_public(d),
            running_costs=self.compared(d["机关运行经费"], self.line(d, "机关运行经费", "机关运行经费"))
            if "机关运行经费" in d
            else None,
            procurement=self.procurement(d),
            assets=self.assets(d.get("国有资产")),
            performance=self.performance(d.get("绩效管理")),
            glossary=self.glossary(d.get("名词解释", [])),
            not_published=frozenset(str(part) for part in d.get("不公开", [])),
            lines=self.lines,
            stated_totals=self.stated_totals,
            targets=self.targets(d.get("绩效目标")),
            units=units,
            budget_stated=any(key in d for key in ("收入", "支出", "单位")),
            code_table=self.code_table,
            code_names=self.code_names,
            layout=layout,
            kind=self.kind(d),
            supervisor=str(d.get("主管部门", "")),
            function_scope=self.function_scope(d),
            **self.final_accounts(d),
            project_classes=self.project_classes(d),
            economic_lines=self.economic_lines(d),
            stated_expenditure=self.spending_total(d),
            **self.income_knowledge(d),
        )

    def income_knowledge(self, d: LocDict) -> dict[str, Any]:
        """What 收入 leaves unknown: the sources it does not write, where it says the rest is not
        published (其余未公开: true, 上年结转 among them), and the kinds of 财政拨款收入 it gives as
        one figure; and the totals it states for them."""
        income = d.get("收入", {})
        if not isinstance(income, dict):
            return {}
        unknown: set[str] = set()
        if income.get("其余未公开"):
            self.line(income, "其余未公开", "收入.其余未公开")
            unknown |= {name for name in [*INCOME_SOURCES, "上年结转"] if name not in income}
        fiscal = self.opt_amount(income, "财政拨款收入")
        if fiscal is not None:
            self.line(income, "财政拨款收入", "收入.财政拨款收入")
            written = sum((self.opt_amount(income, k) or ZERO for k in FISCAL_SOURCES), ZERO)
            if written != fiscal:  # the kinds not written hold the rest: each unknown
                unknown |= {k for k in FISCAL_SOURCES if k not in income}
        grand = self.opt_amount(income, "收入总计")
        if grand is not None:
            self.line(income, "收入总计", "收入.收入总计")
        return {"income_unknown": frozenset(unknown), "stated_fiscal_income": fiscal, "stated_income_grand_total": grand}

    def spending_total(self, d: LocDict) -> Decimal | None:
        """支出.合计: 支出合计 as stated, where the document publishes the total without its split."""
        spending = d.get("支出", {})
        if not isinstance(spending, dict) or "合计" not in spending:
            return None
        self.line(spending, "合计", "支出.合计")
        return self.opt_amount(spending, "合计")

    def economic_lines(self, d: LocDict) -> list[ProjectClass]:
        """经济分类款预算: some economic 款 of 财政拨款 with their prior year, as a text lists them."""
        lines = self.class_lines(d.get("经济分类款预算", []), "经济分类款预算", "本年")
        for line in lines:
            if line.name and len(line.code) != 5:
                self.error("R-科目层级", f"经济分类款预算按“款”（5 位编码）填报，{line.code} 不是", line.line,
                           "经济分类款预算.科目")
        return lines

    def project_classes(self, d: LocDict) -> list[ProjectClass]:
        """支出.项目支出经济分类: 项目支出 by economic class (类 or 款), each with its prior year as stated."""
        spending = d.get("支出", {})
        items = spending.get("项目支出经济分类", []) if isinstance(spending, dict) else []
        return self.class_lines(items, "支出.项目支出经济分类", "金额")

    def class_lines(self, items: list[LocDict], where: str, amount_key: str) -> list[ProjectClass]:
        """Economic 类/款 lines with an amount (under ``amount_key``) and their prior year as stated."""
        result = []
        for index, item in enumerate(items):
            line = item.mark.line if hasattr(item, "mark") else 0
            self.lines[f"{where}[{index + 1}]"] = line
            code = str(item["科目"])
            name = self.check_code("经济分类", code, line, stated=str(item.get("名称", "")))
            result.append(ProjectClass(code, name, self.amount(item[amount_key]), self.prior_of(item, amount_key),
                                       str(item.get("原因", "")), line, self.signed(item, "增减额"),
                                       self.signed(item, "增减率", scale=False)))
        return result

    def function_scope(self, d: LocDict) -> str:
        """支出.功能分类口径: 一般公共预算 where the rows itemise that fund only; each row must be of it."""
        spending = d.get("支出", {})
        scope = str(spending.get("功能分类口径", "")) if isinstance(spending, dict) else ""
        if scope:
            line = self.line(spending, "功能分类口径", "支出.功能分类口径")
            others = sorted({str(item.get("资金")) for item in spending.get("功能分类", [])
                             if str(item.get("资金", scope)) != scope})
            if others:
                self.error("R-功能分类口径", f"“功能分类口径: {scope}”只列{scope}的功能分类，但有资金为 {'、'.join(others)} 的行："
                           "请删去口径（各行覆盖全部支出时），或删去这些行", line, "支出.功能分类口径")
        return scope

    @staticmethod
    def final_key(budget_key: str, d: LocDict) -> str:
        """The key a figure stands under: the budget's word (上年结转, 结转下年), or in a 部门决算 its
        own (年初结转和结余, 年末结转和结余)."""
        key = FINAL_WORDS[budget_key] if d.get("种类") == "决算" else budget_key
        return key.rsplit(".", 1)[-1]

    def final_accounts(self, d: LocDict) -> dict[str, Any]:
        """种类 and what only a 部门决算 states: 结余分配, 预算数 by fund, 财政拨款结转和结余."""
        accounts = str(d.get("种类", "预算"))
        if "种类" in d:
            self.line(d, "种类", "种类")
        self.final_words(d, accounts == "决算")
        if accounts != "决算":
            return {"accounts": accounts}
        budgets = {}
        for fund, item in d.get("预算数", {}).items():
            budgets[str(fund)] = Execution(self.opt_amount(item, "年初预算"), self.opt_amount(item, "全年预算"),
                                           str(item.get("差异原因", "")), self.line(d["预算数"], fund, f"预算数.{fund}"))
        balances = {str(when): {str(fund): self.amount(v) for fund, v in by_fund.items()}
                    for when, by_fund in d.get("财政拨款结转和结余", {}).items()}
        for key in ("结余分配", "年末结转和结余", "财政拨款结转和结余"):
            if key in d:
                self.line(d, key, key)
        return {"accounts": accounts, "surplus_distributed": self.opt_amount(d, "结余分配") or ZERO,
                "fund_budgets": budgets, "fiscal_balances": balances}

    def final_words(self, d: LocDict, final: bool) -> None:
        """A key of the other kind of source (a budget's word or field in a 决算, a 决算's in a
        budget): refused at its line, naming what to write instead (final_keys)."""
        for mapping, key, path, message in misplaced(d, final):
            self.error("R-决算用语", message, self.line(mapping, key, path), path)

    def kind(self, d: LocDict) -> str:
        """类型 (部门 or 单位); 主管部门 is a unit's, refused on a department's own budget."""
        kind = str(d.get("类型", "部门"))
        if "主管部门" in d and kind != "单位":
            self.error("主管部门-部门预算", "“主管部门”只用于单位预算（“类型: 单位”）；部门预算的主管部门就是部门自己："
                       "请删去它，或写“类型: 单位”", self.line(d, "主管部门", "主管部门"), "主管部门")
        if "类型" in d:
            self.line(d, "类型", "类型")
        return kind

    def layout(self, d: LocDict) -> str:
        """The 版式 the source names, with its line; render.prepare resolves it (a folder is
        relative to the source's own), so that check, render and preview refuse an unknown one alike."""
        if "版式" not in d:
            return ""
        self.line(d, "版式", "版式")
        return str(d["版式"])

    def read_code_table(self, d: LocDict) -> None:
        """The source's own 科目表 (`科目表: 文件`), read afresh at every load (never cached)."""
        if "科目表" not in d:
            return
        line = self.line(d, "科目表", "科目表")
        target = resolved(self.path.parent / str(d["科目表"]))
        self.read_files.append(target)
        try:
            self.code_table = codes.read_code_table(target)
        except codes.CodeTableError as exc:
            if exc.line:  # a fault inside the table: named at its own file and line
                self.findings += confined([Finding("error", "R-科目表", f"科目表 {target} 第 {exc.line} 行：{exc.message}",
                                                   str(target), exc.line, 0, "")], self.path.parent)
            else:
                self.error("R-科目表", f"科目表 {target} 无法使用：{exc.message}", line, "科目表")

    # -- several budget units (单位) ---------------------------------------------------------
    def units(self, d: LocDict, presentation: Presentation, level: str) -> list[Budget]:
        """Each unit's own figures as a Budget, read inline or from the unit file it 包含."""
        for key in ("收入", "支出", "结转下年"):
            if key in d and not (key == "支出" and _words_only(d[key])):
                self.error("R-单位合计", f"已按“单位”分别填报，部门的{key}由各单位合计，不应再填顶层“{key}”："
                           "请把金额移到相应单位下（顶层“支出.基本支出”只可写人员经费说明、公用经费说明）",
                           self.line(d, key, key), key)
        units: list[Budget] = []
        for index, item in enumerate(d["单位"]):
            path = f"单位[{index + 1}]"
            line = item.mark.line if hasattr(item, "mark") else 0
            self.lines[path] = line
            name = str(item["名称"])
            reader = self.unit_reader(item, path, name, line)
            if reader is None:
                continue
            unit = reader.unit_budget(name, presentation, level)
            unit.unit_code = str(item.get("代码", ""))
            units.append(unit)
            self.findings += reader.findings
        return units

    def unit_reader(self, item: LocDict, path: str, name: str, line: int) -> _SourceReader | None:
        """A reader for one unit's figures: the unit's own mapping, or the file it 包含."""
        if "包含" not in item:
            return _SourceReader(self.path, item, self.year, self.source_unit, parent=self)
        for key in ("收入", "支出", "结转下年"):
            if key in item:
                self.error("R-单位合计", f"单位“{name}”已用“包含”指向单位源文件，不应再填“{key}”", line, f"{path}.{key}")
        target = resolved(self.path.parent / str(item["包含"]))
        where = self.line(item, "包含", f"{path}.包含")
        self.read_files.append(target)
        if not os.path.lexists(target):  # a link loop exists, and is named by the read below
            self.error("R-单位文件", f"单位“{name}”的源文件 {target} 不存在", where, f"{path}.包含")
            return None
        try:
            data = load_yaml(target)
        except SourceError as exc:
            for finding in exc.findings:
                if finding.rule == "文件":  # the file as a whole: named at the line that points at it
                    self.error("R-单位文件", f"单位“{name}”的源文件 {target} 无法读取：{finding.message}", where,
                               f"{path}.包含")
                else:
                    self.findings += confined([finding], self.path.parent)
            return None
        problems = validate_unit_file(data, str(target))
        if problems:
            self.findings += confined(problems, self.path.parent)
            return None
        if "年度" in data and int(data["年度"]) != self.year:
            self.error("R-单位文件", f"单位源文件 {target} 是 {data['年度']} 年的，部门源文件是 {self.year} 年的", where,
                       f"{path}.包含")
            return None
        if "名称" in data and str(data["名称"]) != name:
            stated = f"“{data['名称']}”" if _inside(target, self.path.parent) else "另一个名称"
            self.error("R-单位文件", f"单位源文件 {target} 写的单位名称是{stated}，部门源文件中是“{name}”", where,
                       f"{path}.包含")
            return None
        return _SourceReader(target, data, self.year, str(data.get("金额单位", self.source_unit)), parent=self)

    def unit_budget(self, name: str, presentation: Presentation, level: str) -> Budget:
        """One unit's 收入 and 支出 as a Budget (this reader's data is the unit's mapping or file)."""
        d = self.data
        spending = d["支出"]
        basic = spending.get("基本支出", {})
        function_rows = self.function_rows(spending)  # before the projects: their 科目 may be named here
        projects = self.projects(spending)
        for project in projects:
            project.unit = name
        return Budget(
            file=self.path,
            department=name,
            year=self.year,
            level=level,
            source_unit=self.source_unit,
            printed_step=self.opt_amount(d, "金额精度"),
            presentation=presentation,
            profile=Profile(duties=[]),
            prior=Prior(year=self.year - 1),
            reasons={},
            income=self.income(d["收入"]),
            carried_over=self.opt_amount(d["收入"], "上年结转") or ZERO,
            reserves_used=self.opt_amount(d["收入"], RESERVES) or ZERO,
            carry_forward=self.opt_amount(d, "结转下年") or ZERO,
            function_rows=function_rows,
            function_scope=self.function_scope(d),
            project_classes=self.project_classes(d),
            economic_lines=self.economic_lines(d),
            stated_expenditure=self.spending_total(d),
            **self.income_knowledge(d),
            economic_rows=self.economic_rows(basic),
            stated_personnel=self.opt_amount(basic, "人员经费"),
            stated_public=self.opt_amount(basic, "公用经费"),
            stated_basic=self.opt_amount(basic, "合计"),
            stated_project=self.opt_amount(spending, "项目支出"),
            personnel_note=str(basic.get("人员经费说明", "")),
            public_note=str(basic.get("公用经费说明", "")),
            projects=projects,
            three_public=ThreePublic(parts={part: Compared(ZERO) for part in THREE_PUBLIC_PARTS}),
            running_costs=None,
            procurement=None,
            assets=None,
            performance=None,
            glossary=[],
            lines=self.lines,
            stated_totals=self.stated_totals,
            code_table=self.code_table,
            code_names=self.code_names,
        )

    # -- 绩效目标 ------------------------------------------------------------------------------
    @staticmethod
    def texts(value: object) -> list[str]:
        """A text or a list of texts, as a list."""
        if value is None:
            return []
        return [str(x) for x in value] if isinstance(value, list) else [str(value)]

    @staticmethod
    def indicators(items: list) -> list[Indicator]:
        return [
            Indicator(
                level1=str(i["一级"]),
                level2=str(i["二级"]),
                level3=str(i["三级"]),
                value=str(i["指标值"]),
                description=str(i.get("描述", "")),
                basis=str(i.get("依据", "")),
                line=i.mark.line if hasattr(i, "mark") else 0,
            )
            for i in items
        ]

    def targets(self, t: LocDict | None) -> Targets | None:
        if t is None:
            return None
        whole = None
        if "整体" in t:
            w = t["整体"]
            tasks = [
                TargetTask(
                    name=str(task["名称"]),
                    content=str(task.get("主要内容", "")),
                    indicator_text=str(task.get("绩效指标", "")),
                    amount=self.opt_amount(task, "金额"),
                    fiscal=self.opt_amount(task, "财政拨款"),
                    other=self.opt_amount(task, "其他资金"),
                    period=str(task.get("实施时间", "")),
                    line=task.mark.line if hasattr(task, "mark") else 0,
                )
                for task in w.get("任务", [])
            ]
            whole = WholeTargets(
                goals=self.texts(w.get("年度总体目标")),
                tasks=tasks,
                indicators=self.indicators(w.get("指标", [])),
                measures=self.texts(w.get("保障措施")),
                line=self.line(t, "整体", "绩效目标.整体"),
            )
        projects = []
        for index, item in enumerate(t.get("项目", [])):
            path = f"绩效目标.项目[{index + 1}]"
            line = item.mark.line if hasattr(item, "mark") else 0
            self.lines[path] = line
            projects.append(
                ProjectTarget(
                    code=str(item.get("编码", "")),
                    name=str(item["名称"]),
                    amount=self.amount(item["金额"]),
                    fiscal=self.opt_amount(item, "财政资金"),
                    other=self.opt_amount(item, "其他资金"),
                    use=str(item.get("用途", "")),
                    plan=self.plan(item.get("支出计划"), line, path),
                    goals=self.texts(item.get("总体目标")),
                    indicators=self.indicators(item.get("指标", [])),
                    unit=str(item.get("单位", "")),
                    line=line,
                )
            )
        return Targets(whole=whole, projects=projects)

    def plan(self, plan: LocDict | None, line: int, path: str) -> list[PlanPoint]:
        """The four cumulative points of 资金支出计划 (an empty list when not stated)."""
        if plan is None:
            return []
        if "9月底" in plan and "10月底" in plan:
            self.error("格式", "支出计划中“9月底”与“10月底”只填其一", line, f"{path}.支出计划")
        points = []
        for point in PLAN_POINTS:
            label = point if isinstance(point, str) else next((p for p in point if p in plan), point[1])
            if label not in plan:
                points.append(PlanPoint(label, None))
                continue
            written = str(plan[label]).strip().rstrip("%％").strip()
            where = self.line(plan, label, f"{path}.支出计划.{label}")
            try:
                percent = to_decimal_text(written)
            except ValueError:
                self.error("格式", f"支出计划“{label}”应为百分比（如 60 或 60%），实际是“{plan[label]}”", where,
                           f"{path}.支出计划.{label}")
                percent = None
            points.append(PlanPoint(label, percent, str(plan[label]).strip() if percent is not None else ""))
        return points

    def section_lines(self, d: LocDict) -> None:
        """The line of every section and of the keys inside it (部门概况, 支出.基本支出, …): where a
        finding about something missing inside them points when the thing itself has no line."""
        def key_line(mapping: Any, key: str, path: str) -> None:
            marks = getattr(mapping, "key_marks", {})
            if key in marks:
                self.key_lines[path] = marks[key].line

        for key, value in d.items():
            key_line(d, key, key)
            if isinstance(value, dict):
                for inner, deeper in value.items():
                    key_line(value, inner, f"{key}.{inner}")
                    if isinstance(deeper, dict):  # 支出.基本支出.人员经费
                        for third in deeper:
                            key_line(deeper, third, f"{key}.{inner}.{third}")

    def glossary(self, terms: list) -> list[tuple[str, str | None]]:
        """名词解释 of the source: (term, text) adds or rewords a term, (term, None) leaves it out."""
        result: list[tuple[str, str | None]] = []
        for index, item in enumerate(terms):
            if item.get("删去") is True:
                if "解释" in item:
                    self.error("R-名词解释", f"名词“{item['术语']}”已删去，不会印出它的解释：请删去“解释”或“删去”之一",
                               self.line(item, "解释", f"名词解释[{index + 1}].解释"), f"名词解释[{index + 1}].解释")
                result.append((str(item["术语"]), None))
            elif "解释" in item:
                result.append((str(item["术语"]), str(item["解释"])))
            else:
                self.error("R-名词解释", f"名词“{item['术语']}”缺少解释", self.line(item, "术语", f"名词解释[{index + 1}]"),
                           f"名词解释[{index + 1}].解释")
        return result

    def profile(self, p: LocDict) -> Profile:
        return Profile(
            duties=[str(x) for x in p["职责"]],
            organisation=str(p.get("机构设置", "")),
            internal_units=[str(x) for x in p.get("内设机构", [])],
            internal_count=p.get("内设机构数"),
            subordinate_units=[str(x) for x in p["下属单位"]] if "下属单位" in p else None,
            staffing={str(k): int(v) for k, v in p.get("人员", {}).items()},
            goals=[str(x) for x in p.get("工作目标", [])],
        )

    def prior(self, p: LocDict | None, section: str = "上年") -> Prior:
        prior = Prior(year=self.year - 1)
        if not p:
            return prior
        prior.year = int(p.get("年度", self.year - 1))
        if prior.year != self.year - 1:  # every text prints "{年度}年执行数": another year would be false
            self.error("R-上年年度", f"{section}.年度 写的是 {prior.year} 年，而本文件是 {self.year} 年的预算，"
                       f"{section}应为 {self.year - 1} 年的：请改为 {self.year - 1}，或删去这一行",
                       self.line(p, "年度", f"{section}.年度"), f"{section}.年度")
        for key, value in p.items():
            if key in ("年度", "来源"):
                continue
            if key in ("功能分类", "经济分类"):
                codes_prior = prior.function if key == "功能分类" else prior.economic
                for c, v in value.items():
                    line = self.line(value, c, f"{section}.{key}.{c}")
                    self.prior_figure(prior, key, str(c), v, line, codes_prior)
                    if key == "功能分类":
                        self.check_code("功能分类", str(c), line, prior.year)
                prior.stated_codes[key] = frozenset(str(c) for c in value)
            elif key not in ACTUAL_ONLY:
                self.prior_figure(prior, "totals", str(key), value, self.line(p, key, f"{section}.{key}"), prior.totals)
            else:
                self.line(p, key, f"{section}.{key}")
        if "来源" in p:
            prior.source = resolved(self.path.parent / str(p["来源"]))
            self.line(p, "来源", f"{section}.来源")
        return prior

    def prior_figure(self, prior: Prior, kind: str, key: str, value: Any, line: int, into: dict[str, Decimal]) -> None:
        """One figure of 上年/上年执行数: an amount, or {增减额, 增减率} where the document states the
        change alone (the amount follows from this year's, when it is computed)."""
        if not isinstance(value, dict):
            into[key] = self.amount(value)
            return
        change, rate = self.signed(value, "增减额"), self.signed(value, "增减率", scale=False)
        if change is not None:  # (a rate alone gives no amount: the schema asks for 增减额)
            prior.changes[(kind, key)] = StatedChange(change, rate, line)

    def actual(self, p: LocDict) -> Prior:
        """The 上年执行数 section: the figures of 上年 at every level, and besides them income by
        source, the 三公 parts, 机关运行经费 and projects by name (merged into the items by
        merge_actual_section)."""
        actual = self.prior(p, "上年执行数")
        for key, value in p.items():
            if key == "三公经费":
                actual.three_public = {str(k): self.amount(v) for k, v in value.items()}
                for k in value:
                    self.line(value, k, f"上年执行数.三公经费.{k}")
            elif key == "机关运行经费":
                actual.running_costs = self.amount(value)
            elif key == "项目":
                actual.projects = {str(k): self.amount(v) for k, v in value.items()}
                for k in value:
                    self.line(value, k, f"上年执行数.项目.{k}")
            else:
                continue
            actual.totals.pop(key, None)
        return actual

    def check_code(self, kind: str, code: str, line: int, year: int | None = None, stated: str = "") -> str:
        """The name a code's row prints: the 科目表's or registry's name, a published alias as the source
        gives it (名称), or the 名称 of a code neither table knows (the checks warn of it); '' with a
        finding when the code is unknown and unnamed."""
        year = year or self.year
        stated = stated.strip()
        known = self.known_codes.get((kind, code, year))
        if known is None:
            entry = codes.lookup(kind, code, year, self.code_table)
            if entry is None:
                return self.unknown_code(kind, code, line, year, stated)
            known = self.known_codes[(kind, code, year)] = entry.name
        if stated and not codes.same_name(stated, known) and codes.name_status(
                kind, code, stated, year, self.code_table) == "ok":
            self.code_names.setdefault((kind, code), stated)  # an alias: printed as the source gives it
            return stated
        return known

    def unknown_code(self, kind: str, code: str, line: int, year: int, stated: str) -> str:
        named = self.code_names.get((kind, code))
        expected = "function" if kind == "功能分类" else "economic"
        if (stated or named) and codes.kind_of_code(code) == expected:
            # a code of the department's own (a local 项, one newer than the registry): used under
            # the name it gives; R-科目名称 warns that no table knows it
            if stated:
                self.code_names.setdefault((kind, code), stated)
            return stated or named or ""
        valid = [y for y in range(2000, 2041)
                 if (codes.function_entry(code, y) if kind == "功能分类" else codes.economic_entry(code, y))]
        if valid:
            self.error("R-科目编码", f"{kind}科目编码 {code} 在 {year} 年已不使用（仅 {valid[0]}–{valid[-1]} 年有效）："
                       f"请按 {year} 年科目表改用新编码", line, kind)
        elif stated:
            self.error("R-科目编码", f"“{code}”不是{kind}科目编码（{kind}应为 " + (
                "2 开头的 3、5 或 7 位数字）" if kind == "功能分类" else "3 开头的 3 或 5 位数字）"), line, kind)
        else:
            self.error("R-科目编码", f"{kind}科目编码 {code} 在 {year} 年的科目表中不存在：请核对编码；确是本地或新设的"
                       "科目，请在这一行写上“名称”，或在源文件的“科目表”文件中加上它", line, kind)
        return ""

    def check_parents(self, kind: str, rows: list[Any]) -> None:
        """Every 类/款 above a row must have a name (registry, 科目表 or a row of this source naming it):
        the tables print a line for it."""
        reported: set[tuple[str, str]] = set()
        for row in rows:
            if not row.name:
                continue  # already reported
            for length in (3, 5):
                parent = row.code[:length]
                if length >= len(row.code) or self.name_of(kind, parent) is not None or (kind, parent) in reported:
                    continue
                reported.add((kind, parent))
                self.error("R-科目编码", f"{kind}科目 {row.code} 的上级科目 {parent} 在 {self.year} 年的科目表中不存在："
                           f"请在“科目表”文件中加上它，或加一行 {{科目: {parent}, 名称: …}} 写明它的名称", row.line, kind)

    def name_of(self, kind: str, code: str) -> str | None:
        if (kind, code) in self.code_names:
            return self.code_names[(kind, code)]
        entry = codes.lookup(kind, code, self.year, self.code_table)
        return entry.name if entry is not None else None

    def function_split(self, item: LocDict) -> tuple[Decimal | None, Decimal | None]:
        """A row's 基本支出 and 项目支出: one given, the other is 0; neither given beside a 合计, the
        split is not known (None, never 0.00): the row is its 合计 alone."""
        basic, project = self.opt_amount(item, "基本支出"), self.opt_amount(item, "项目支出")
        if basic is None and project is None and "合计" in item:
            return None, None
        return basic or ZERO, project or ZERO

    def function_rows(self, spending: LocDict) -> list[FunctionRow]:
        rows: list[FunctionRow] = []
        partial: list[tuple[LocDict, str, str, str, int]] = []  # 未列全 类/款 rows: (item, code, name, fund, line)
        items = spending.get("功能分类", [])
        for index, item in enumerate(items):
            path = f"支出.功能分类[{index + 1}]"
            line = item.mark.line if hasattr(item, "mark") else 0
            self.lines[path] = line
            code = str(item["科目"])
            name = self.check_code("功能分类", code, line, stated=str(item.get("名称", "")))
            fund = str(item.get("资金", "一般公共预算"))
            if name and len(code) in (3, 5) and any(
                    str(other["科目"]) != code and str(other["科目"]).startswith(code)
                    and str(other.get("资金", "一般公共预算")) == fund for other in items):
                # a typed 类/款 total over finer rows: kept only to be checked against them
                if "用途" in item:
                    self.error("R-用途", f"用途写在最细一级的行上：{code} 下另有更细的行（用途写在各项上）",
                               self.line(item, "用途", path + ".用途"), path + ".用途")
                if item.get("未列全"):  # the finer rows are some of it: the rest is a part of its own
                    partial.append((item, code, name, fund, line))
                    continue
                self.stated_totals.append(StatedTotal(
                    "功能分类", code, name, fund, self.opt_amount(item, "基本支出"),
                    self.opt_amount(item, "项目支出"), self.opt_amount(item, "合计"), line,
                    self.opt_amount(item, "上年"), str(item.get("原因", "")), self.opt_amount(item, "上年执行数"),
                    str(item.get("名称", ""))))
                continue
            # else a row at the finest level the source gives: 项, or 类/款 where it publishes no finer
            if item.get("未列全"):
                self.error("R-未列全", f"“未列全”写在其下列出了部分更细科目的类、款行上：{code} 下没有更细的行", line,
                           path + ".未列全")
            if name and len(code) not in (3, 5, 7):
                self.error("R-科目层级", f"功能分类科目编码应为 3、5 或 7 位，{code} 不是", line, path + ".科目")
            rows.append(
                FunctionRow(
                    code=code,
                    name=name,
                    stated_name=str(item.get("名称", "")),
                    fund=str(item.get("资金", "一般公共预算")),
                    basic=self.function_split(item)[0],
                    project=self.function_split(item)[1],
                    prior=self.opt_amount(item, "上年"),
                    reason=str(item.get("原因", "")),
                    line=line,
                    stated_total=self.opt_amount(item, "合计"),
                    actual=self.opt_amount(item, "上年执行数"),
                    use=str(item.get("用途", "")),
                    budget=self.execution(item, line),
                    other={kind: self.amount(item[kind]) for kind in FINAL_SPENDING_KINDS if kind in item},
                )
            )
        for item, code, name, fund, line in sorted(partial, key=lambda p: -len(p[1])):  # 款 before their 类
            rows += self.remainder(item, code, name, fund, line, rows)
        self.check_parents("功能分类", [*rows, *(t for t in self.stated_totals if t.kind == "功能分类")])
        return rows

    def execution(self, item: LocDict, line: int) -> Execution | None:
        """A 决算 row's 年初预算, 全年预算 and 差异原因; None where it states none of them."""
        if not any(key in item for key in ("年初预算", "全年预算", "差异原因")):
            return None
        return Execution(self.opt_amount(item, "年初预算"), self.opt_amount(item, "全年预算"),
                         str(item.get("差异原因", "")), line)

    def remainder(self, item: LocDict, code: str, name: str, fund: str, line: int,
                  rows: list[FunctionRow]) -> list[FunctionRow]:
        """A 类/款 whose finer rows the document lists in part (未列全): the rest of its 合计 (and of
        its 基本/项目 split, where given and the finer rows give theirs) as a row of the 类/款 itself."""
        total = self.opt_amount(item, "合计")
        path = f"支出.功能分类.{code}"
        if total is None:
            self.error("R-未列全", f"{code} 写了“未列全”，须写它的合计", line, path)
            return []
        under = [r for r in rows if r.fund == fund and r.code.startswith(code) and r.code != code]
        rest = total - sum((r.total for r in under), ZERO)
        if rest < 0:
            self.error("R-未列全", f"{name}（{code}）合计 {self.in_source_unit(total)}，小于其下列出的各行之和 "
                       f"{self.in_source_unit(total - rest)}", line, path)
            return []
        basic, project = self.function_split(item)
        if basic is not None and project is not None and all(r.split_known for r in under):
            basic -= sum((r.basic or ZERO for r in under), ZERO)
            project -= sum((r.project or ZERO for r in under), ZERO)
        else:
            basic = project = None
        return [FunctionRow(code=code, name=name, stated_name=str(item.get("名称", "")), fund=fund, basic=basic,
                            project=project, prior=self.opt_amount(item, "上年"), reason=str(item.get("原因", "")),
                            line=line, stated_total=rest, actual=self.opt_amount(item, "上年执行数"), remainder=True)]

    def economic_rows(self, basic: LocDict) -> list[EconomicRow]:
        rows: list[EconomicRow] = []
        for index, item in enumerate(basic.get("经济分类", [])):
            path = f"支出.基本支出.经济分类[{index + 1}]"
            line = item.mark.line if hasattr(item, "mark") else 0
            self.lines[path] = line
            code = str(item["科目"])
            name = self.check_code("经济分类", code, line, stated=str(item.get("名称", "")))
            items = basic.get("经济分类", [])
            if name and len(code) == 3 and any(str(other["科目"]).startswith(code) and len(str(other["科目"])) > 3
                                               for other in items):
                self.stated_totals.append(StatedTotal("经济分类", code, name, "一般公共预算", self.amount(item["金额"]),
                                                      None, self.amount(item["金额"]), line,
                                                      stated_name=str(item.get("名称", ""))))
                continue
            if name and len(code) not in (3, 5):
                self.error("R-科目层级", f"经济分类应按“款”（5 位编码）或只按“类”（3 位）填报，{code} 不是", line,
                           path + ".科目")
            amount = self.amount(item["金额"])
            if len(code) == 3:  # a class (类) the source publishes without its 款: no 政府经济分类 to map
                if "政府经济分类" in item:
                    self.error("R-科目层级", f"经济分类 {code} 是类，政府经济分类只对应到款：请按款填报，或删去政府经济分类",
                               line, path + ".政府经济分类")
                rows.append(EconomicRow(code, name, str(item.get("名称", "")), amount, {}, line,
                                        self.opt_amount(item, "人员经费"), self.opt_amount(item, "公用经费")))
                continue
            government = self.government_split(item.get("政府经济分类"), code, amount, line, path)
            rows.append(EconomicRow(code, name, str(item.get("名称", "")), amount, government, line,
                                    self.opt_amount(item, "人员经费"), self.opt_amount(item, "公用经费")))
        self.check_parents("经济分类", [*rows, *(t for t in self.stated_totals if t.kind == "经济分类")])
        return rows

    def government_split(self, value: Any, code: str, amount: Decimal, line: int, path: str) -> dict[str, Decimal]:
        if value is None:
            default = codes.default_government_code(code)
            return {default: amount} if default else {}
        if isinstance(value, dict):
            split = {str(c): self.amount(v) for c, v in value.items()}
        else:
            split = {str(value): amount}
        for gov_code in split:
            if codes.lookup("政府经济分类", gov_code, self.year, self.code_table) is None:
                self.error("R-科目编码", f"政府预算经济分类科目编码 {gov_code} 不存在", line, path + ".政府经济分类")
        return split

    def projects(self, spending: LocDict) -> list[Project]:
        result = []
        for index, item in enumerate(spending.get("项目", [])):
            path = f"支出.项目[{index + 1}]"
            line = item.mark.line if hasattr(item, "mark") else 0
            self.lines[path] = line
            code = str(item.get("科目", ""))
            if code:
                self.check_code("功能分类", code, line)
            result.append(
                Project(
                    name=str(item["名称"]),
                    amount=self.amount(item["金额"]),
                    prior=self.prior_of(item, "金额"),
                    reason=str(item.get("原因", "")),
                    use=str(item.get("用途", "")),
                    code=code,
                    line=line,
                    stated_change=self.signed(item, "增减额"),
                    stated_rate=self.signed(item, "增减率", scale=False),
                    actual=self.opt_amount(item, "上年执行数"),
                )
            )
        return result

    def three_public(self, d: LocDict) -> ThreePublic:
        section = d.get("三公经费")
        if section is None:
            return ThreePublic(parts={name: Compared(ZERO) for name in THREE_PUBLIC_PARTS})
        parts = {}
        for name in THREE_PUBLIC_PARTS:
            if name in section:
                parts[name] = self.compared(section[name], self.line(section, name, f"三公经费.{name}"))
            else:
                parts[name] = Compared(ZERO)
        line = self.line(d, "三公经费", "三公经费")
        total = self.compared(section["合计"], self.line(section, "合计", "三公经费.合计")) if "合计" in section else None
        vehicles = (self.compared(section[VEHICLES], self.line(section, VEHICLES, f"三公经费.{VEHICLES}"))
                    if VEHICLES in section else None)
        return ThreePublic(parts=parts, note=str(section.get("说明", "")), stated=True, line=line, stated_total=total,
                           given=frozenset(name for name in THREE_PUBLIC_PARTS if name in section), vehicles=vehicles,
                           details=self.three_public_details(section.get("明细", {})))

    def three_public_details(self, details: LocDict) -> dict[str, Any]:
        """部门决算's “三公” 具体情况: counts as integers, amounts exact, texts as written."""
        read: dict[str, Any] = {key: int(details[key]) for key in THREE_PUBLIC_COUNTS if key in details}
        read |= {key: self.amount(details[key]) for key in THREE_PUBLIC_AMOUNTS if key in details}
        read |= {key: str(details[key]) for key in THREE_PUBLIC_TEXTS if key in details}
        for key in details:
            self.line(details, key, f"三公经费.明细.{key}")
        return read

    def procurement(self, d: LocDict) -> Procurement | None:
        p = d.get("政府采购")
        if p is None:
            return None
        if "中小企业" in p:
            self.line(p, "中小企业", "政府采购.中小企业")
        return Procurement(
            goods=self.opt_amount(p, "货物") or ZERO,
            works=self.opt_amount(p, "工程") or ZERO,
            services=self.opt_amount(p, "服务") or ZERO,
            sme=self.opt_amount(p, "中小企业"),
            note=str(p.get("说明", "")),
            line=self.line(d, "政府采购", "政府采购"),
            stated_total=self.opt_amount(p, "合计"),
            given=frozenset(kind for kind in ("货物", "工程", "服务") if kind in p),
            small_firms={key: self.amount(p[key]) for key in PROCUREMENT_SMALL_FIRMS if key in p},
        )

    def assets(self, a: LocDict | None) -> Assets | None:
        if a is None:
            return None
        return Assets(
            as_of=str(a.get("截至", "")),
            vehicles=a.get("车辆"),
            general_equipment=a.get("通用设备"),
            special_equipment=a.get("专用设备"),
            planned={str(k): int(v) for k, v in a.get("计划新增", {}).items()},
            note=str(a.get("说明", "")),
            vehicle_kinds={kind: int(a["车辆分类"][kind]) for kind in VEHICLE_KINDS if kind in a.get("车辆分类", {})},
            large_equipment=a.get("大型设备"),
        )

    def performance(self, p: LocDict | None) -> Performance | None:
        if p is None:
            return None
        if "金额" in p:
            self.line(p, "金额", "绩效管理.金额")
        return Performance(
            scope=str(p.get("单位范围", "")),
            project_count=p.get("项目数"),
            amount=self.opt_amount(p, "金额"),
            key_projects=[str(x) for x in p.get("重点项目", [])],
            note=str(p.get("说明", "")),
            rules=str(p.get("制度", "")),
            mechanism=str(p.get("工作机制", "")),
            stages={stage: self.performance_stage(p[stage], f"绩效管理.{stage}")
                    for stage in PERFORMANCE_STAGES if stage in p},
        )

    def performance_stage(self, stage: LocDict, path: str) -> dict[str, Decimal]:
        """One stage of 全过程绩效管理: its counts and 平均得分 as stated, its 金额 in 元."""
        figures = {}
        for key in PERFORMANCE_FIGURES:
            if key in stage:
                self.line(stage, key, f"{path}.{key}")
                figures[key] = self.amount(stage[key]) if key == "金额" else to_decimal_text(str(stage[key]))
        if figures.get("平均得分", 0) > 100:
            self.error("格式", f"平均得分是百分制的分数，不能大于 100，实际是 {figures['平均得分']}",
                       self.line(stage, "平均得分", f"{path}.平均得分"), f"{path}.平均得分")
        rated = sum(figures.get(key, 0) for key in ("优", "良", "合格", "不合格"))
        if "项目数" in figures and rated > figures["项目数"]:
            self.error("R-绩效评级", f"各评级的项目数之和 {rated} 大于{path.rsplit('.', 1)[-1]}的项目数 {figures['项目数']}",
                       self.line(stage, "项目数", f"{path}.项目数"), f"{path}.项目数")
        return figures


def referenced_files(path: Path) -> list[Path]:
    """Every other file a source reads: the unit files its 单位 包含, its 上年.来源 and 上年执行数.来源, its
    科目表, with the files those read in turn, in reading order. A file named but missing or broken is still
    listed (a watcher must see it appear or be mended); nothing is reported here: loading does."""
    seen: list[Path] = [resolved(path)]
    pending = [resolved(path)]
    while pending:
        current = pending.pop(0)
        try:
            data = load_yaml(current)
        except SourceError:
            continue
        if not isinstance(data, dict):
            continue
        named: list[Any] = [item.get("包含") for item in data.get("单位") or [] if isinstance(item, dict)]
        for section in ("上年", "上年执行数"):
            prior = data.get(section)
            if isinstance(prior, dict):
                named.append(prior.get("来源"))
        table = data.get("科目表")  # a code table, not a source: watched, never read as YAML source
        if isinstance(table, str) and table.strip() and resolved(current.parent / table) not in seen:
            seen.append(resolved(current.parent / table))
        for name in named:
            if not isinstance(name, str) or not name.strip():
                continue
            target = resolved(current.parent / name)
            if target not in seen:
                seen.append(target)
                pending.append(target)
    return seen[1:]


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


def confined(findings: list[Finding], folder: Path) -> list[Finding]:
    """``findings`` of a file that a source names, with the words of each that quote the file
    itself left out where the file lies outside the source's folder: a 科目表 or 上年.来源 that
    points at someone's secret (/etc/shadow, a key) must not have it printed, nor put on a
    batch's index page. The file, line, rule and field are kept: where to look."""
    return [finding if finding.rule == "文件" or _inside(Path(finding.file), folder) else  # 文件: quotes none of it
            Finding(finding.severity, finding.rule, OUTSIDE_WORDS, finding.file, finding.line, finding.column, finding.path)
            for finding in findings]


OUTSIDE_WORDS = "此处有错误（这个文件不在源文件所在的文件夹内，这里不引用它的内容）：请打开该文件，按所示行号查看"


def quoted_if_inside(text: str, file: Path, folder: Path) -> str:
    return f"“{text}”" if _inside(file, folder) else "另一个部门"


def _inside(file: Path, folder: Path) -> bool:
    target, root = resolved(file), resolved(folder)
    return target == root or root in target.parents


def _words_only(spending: Any) -> bool:
    """True when a department's top-level 支出 holds only the words of 基本支出 (no figures)."""
    if not isinstance(spending, dict) or set(spending) - {"基本支出"}:
        return False
    basic = spending.get("基本支出", {})
    return isinstance(basic, dict) and not set(basic) - {"人员经费说明", "公用经费说明"}
