"""Next year's source from this year's (`reportgen rollover`), and a new department's skeleton
(`reportgen new`).

Rollover walks the source together with its JSON Schema, so every amount the schema knows is
handled the same way wherever it stands: this year's figures become the prior year's (上年 totals,
each function row's and project's 上年, the 上年 of each {本年, 上年} item), and every figure of the
new year is written as the placeholder 待填写, which the loader refuses until it is filled, so a
forgotten figure can never be rendered. The department's words are kept; the reasons for last
year's changes (原因, 变动原因) and the changes stated beside figures (增减额, 增减率) are dropped,
since they describe a change that is no longer this year's.

The files are written as text YAML; a file that exists is never overwritten.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
import yaml

from reportgen.base.atomic import make_parents
from reportgen.base.errors import ReportgenError, SourceError
from reportgen.base.locations import DEFAULT_TEMPLATES
from reportgen.base.oserrors import reason
from reportgen.base.patterns import regex
from reportgen.base.templating import visible
from reportgen.compute import compute
from reportgen.docmodel.model import THREE_PUBLIC_PARTS, VEHICLES, Budget
from reportgen.reading.outputs import file_above
from reportgen.reading.yamlsafe import load_yaml, parse_yaml, to_decimal_text
from reportgen.runners.assemble import load_source
from reportgen.source.final_keys import BUDGET_ONLY, FINAL_WORDS
from reportgen.source.loader import UNIT_FACTOR
from reportgen.source.schema import PLACEHOLDER, source_schema, validate_source, validate_unit_file

SOURCE_TEMPLATES = DEFAULT_TEMPLATES / "source"
DROP = object()  # a value the new year's source leaves out
# Top-level keys written before 上年 (the rest keep the source's order after it).
HEAD_KEYS = ("种类", "部门", "年度", "地区", "级次", "金额单位", "展示", "部门概况")
# Prior-year totals in the order a reader expects them.
PRIOR_TOTALS = ("收支总计", "基本支出", "项目支出", "人员经费", "公用经费", "财政拨款", "一般公共预算", "政府性基金",
                "国有资本经营")
# Dropped from every item: last year's words on its change, and 上年执行数 (two years back by then).
# A 部门决算's 差异原因 (its 决算数 against its budget) is last year's too.
WORDS_OF_LAST_YEAR = ("原因", "变动原因", "增减额", "增减率", "上年执行数", "差异原因")
# The parts of a 项目经费情况说明 that are the year's own (its budget, targets, their evaluation): the
# next year's source leaves them out; what the project is (概述, 依据, 主体, 方案, 周期) carries over.
# Kept as they are: how the department's figures are printed, not figures of a year (an officer does not know
# 金额精度, the step an import read the published tables rounded to, and it stays the same from year to year).
CARRIED = ("金额精度",)
YEARS_PARTS = ("年度预算安排", "绩效目标", "绩效管理工作开展情况", "项目绩效自评结果")


class RolloverError(ReportgenError):
    """Rollover cannot proceed; carries a Chinese message (and the source's findings, if any)."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message, details=details)


@dataclass
class Rollover:
    """The files a rollover writes: the new source first, then any unit files it 包含."""

    files: dict[Path, str] = field(default_factory=dict)
    unit_files: set[Path] = field(default_factory=set)

    @property
    def source(self) -> Path:
        return next(iter(self.files))


# -- paths -----------------------------------------------------------------------------------------
def with_year(name: str, old: int, new: int) -> str | None:
    """``name`` with its last mention of year ``old`` replaced by ``new``; None when it has none."""
    at = name.rfind(str(old))
    if at < 0:
        return None
    return name[:at] + str(new) + name[at + len(str(old)):]


def next_source_path(source: Path, old: int, new: int) -> Path:
    """Next to the source, the year in its name replaced (or appended when the name has none)."""
    renamed = with_year(source.name, old, new)
    return source.with_name(renamed if renamed else f"{source.stem}-{new}{source.suffix}")


# -- YAML text ---------------------------------------------------------------------------------------
_FLOW_UNSAFE = regex(r"[,\[\]{}#:&*!|>'\"%@`]")


def scalar(value: Any, flow: bool = False) -> str:
    """One scalar as YAML text that reads back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, int):
        return str(value)
    return _text_scalar(str(value), flow)


def _text_scalar(text: str, flow: bool) -> str:
    """A text as YAML: as it is where it reads back so (no edge spaces, one line, none of a flow's marks inside a flow
    line), else quoted."""
    plain = text == text.strip() and "\n" not in text and not (flow and _FLOW_UNSAFE.search(text))
    return text if plain and text and _reads_back(text) else json.dumps(text, ensure_ascii=False)


@functools.lru_cache(maxsize=65536)
def _reads_back(text: str) -> bool:
    """Whether YAML reads ``text`` unquoted as that very string (a source repeats its keys and names thousands of times)."""
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _flow(value: Any) -> str | None:
    """A short mapping or list of scalars on one line ({科目: 2012901, 基本支出: 待填写}), else None."""
    if isinstance(value, (dict, list)) and not value:
        return "{}" if isinstance(value, dict) else "[]"  # an empty list says "none": it must stay one
    text = _flow_text(value)
    return text if text is not None and len(text) <= 100 else None


def _flow_text(value: Any) -> str | None:
    """A mapping or list (not empty) of scalars written on one line, however long; None for any other value."""
    if isinstance(value, dict) and all(_is_scalar(v) for v in value.values()):
        return "{" + ", ".join(f"{scalar(k, True)}: {scalar(v, True)}" for k, v in value.items()) + "}"
    if isinstance(value, list) and all(_is_scalar(v) for v in value):
        return "[" + ", ".join(scalar(v, True) for v in value) + "]"
    return None


def _spanned_row(value: Any) -> str | None:
    """A row of a held table's header holding a cell that spans columns or rows ({文字: 财政拨款, 跨列: 4}) on one
    line, as import writes it, however long; None for any other value."""
    if not isinstance(value, list) or not any(isinstance(v, dict) for v in value):
        return None
    cells = [_flow_text(v) if isinstance(v, dict) else scalar(v, True) if _is_scalar(v) else None for v in value]
    return "[" + ", ".join(cells) + "]" if all(cell is not None for cell in cells) else None  # type: ignore[arg-type]


def dump(data: dict[str, Any], indent: int = 0) -> list[str]:
    """Block-style YAML lines for a mapping, with short rows on one line as the seeds write them."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        head = f"{pad}{scalar(key)}:"
        if indent == 0 and not _is_scalar(value) and lines and lines[-1]:
            lines.append("")  # a blank line around each top-level section, as people write them
        if _is_scalar(value):
            lines.append(f"{head} {scalar(value)}")
            continue
        lines += _block(head, value, indent)
        if indent == 0:
            lines.append("")
    return lines


def _block(head: str, value: dict | list, indent: int) -> list[str]:
    """A key's mapping or list: on the key's line where short (a list, or a short mapping below the top), else
    block-style on the lines below it."""
    flow = _flow(value) if isinstance(value, list) or (indent and len(value) <= 4) else None
    if flow is not None:
        return [f"{head} {flow}"]
    if isinstance(value, dict):
        return [head, *dump(value, indent + 2)]
    return [head, *_dump_list(value, indent + 2)]


def _dump_list(items: list[Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if _is_scalar(item):
            lines.append(f"{pad}- {scalar(item)}")
            continue
        flow = _flow(item) or _spanned_row(item)
        if flow is not None:
            lines.append(f"{pad}- {flow}")
        elif isinstance(item, dict):
            inner = dump(item, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines += inner[1:]
        else:
            lines.append(f"{pad}-")
            lines += _dump_list(item, indent + 2)
    return lines


# -- the new year's figures ------------------------------------------------------------------------------
def _held_rolled(cell: Any) -> Any:
    """A cell of a held table next year: an amount 待填写 (a spanning cell's too), anything else as it stands."""
    if isinstance(cell, dict):
        return {str(key): _held_rolled(item) if str(key) == "文字" else _plain(item) for key, item in cell.items()}
    return PLACEHOLDER if isinstance(cell, Decimal) else _plain(cell)


def _plain(value: Any) -> Any:
    """LocDict/LocList/LocStr → dict/list/str, keeping order."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


# An amount's next year: 待填写 (this year's to fill), and a signed one (a change) left out.
_AMOUNTS_ROLLED: dict[object, object] = {"amount": PLACEHOLDER, "signed-amount": DROP}


def _amount(value: Any) -> Decimal:
    return to_decimal_text(str(value))


class _Roller:
    """Rolls one source's (or unit file's) mapping into next year's, guided by the schema."""

    def __init__(self, year: int, final: bool = False) -> None:
        self.schema = source_schema()
        self.year = year  # the new source's year
        self.final = final  # a 部门决算 rolled into next year's: its rows print no 上年 (final_keys.BUDGET_ONLY)

    def resolve(self, schema: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        name = ""
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.schema["$defs"][name]
        return name, schema

    def roll(self, value: Any, schema: dict[str, Any]) -> Any:
        name, schema = self.resolve(schema)
        special = getattr(self, f"roll_{name}", None) if name else None
        if special is not None:
            return special(value, schema)
        kind = schema.get("x-kind")
        if kind in _AMOUNTS_ROLLED:
            return _AMOUNTS_ROLLED[kind]
        if "anyOf" in schema and not (kind or schema.get("type")):
            return self.roll(value, self.branch(value, schema["anyOf"]))
        if isinstance(value, dict):
            return self.roll_object(value, schema)
        if isinstance(value, list) and "items" in schema:
            return self._roll_items(value, schema["items"])
        return _plain(value)

    def _roll_items(self, value: list, items: dict[str, Any]) -> list:
        """A list's items rolled each; a list of projects kept in the order and shape it was printed in."""
        rolled = [self.roll(v, items) for v in value]
        return _projects_as_printed(value, rolled) if self.resolve(items)[0] == "项目" else rolled

    def branch(self, value: Any, branches: list[dict[str, Any]]) -> dict[str, Any]:
        for candidate in branches:
            _, resolved = self.resolve(candidate)
            wants_object = resolved.get("type") == "object"
            if wants_object == isinstance(value, dict):
                return candidate
        return branches[0]

    def roll_object(self, value: dict, schema: dict[str, Any]) -> dict[str, Any]:
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        result: dict[str, Any] = {}
        for key, item in value.items():
            key = str(key)
            if key in WORDS_OF_LAST_YEAR:
                continue
            if key in CARRIED:
                result[key] = _plain(item)
                continue
            sub = properties.get(key, extra if isinstance(extra, dict) else {})
            rolled = self.roll(item, sub)
            if rolled is not DROP:
                result[key] = rolled
        return result

    def roll_人数(self, value: Any, schema: dict[str, Any]) -> str:
        return PLACEHOLDER  # headcounts, vehicles, project counts: this year's facts

    def roll_百分比(self, value: Any, schema: dict[str, Any]) -> str:
        return PLACEHOLDER  # a spending plan is the new year's

    # {本年, 上年, 原因, 说明}: this year's figure becomes the prior; the new one is to fill
    def roll_金额项(self, value: Any, schema: dict[str, Any]) -> dict[str, Any]:
        current = value.get("本年") if isinstance(value, dict) else value
        rolled: dict[str, Any] = {"本年": PLACEHOLDER, "上年": _amount(current)}
        if self.final and isinstance(value, dict) and "预算" in value:  # a 决算's “三公” 预算数: next year's, to fill
            rolled["预算"] = PLACEHOLDER
        if isinstance(value, dict) and "说明" in value:
            rolled["说明"] = str(value["说明"])
        return rolled

    roll_三公项 = roll_金额项  # a “三公” part: the same, its 决算 预算 and 差异原因 last year's
    roll_机关运行经费 = roll_金额项  # the same: its rows by code (经济分类) are this year's, next year's printed afresh
    roll_正文金额项 = roll_金额项  # 正文金额: the officer knows next year's amount; last year's is never printed as it

    def roll_三公经费(self, value: dict, schema: dict[str, Any]) -> dict[str, Any]:
        """The “三公” section: its parts rolled each; this year's figures by fund (按资金) next year's 上年按资金, the new
        year's 待填写 (a table printing last year's row by fund, 深圳's, prints them)."""
        rolled = self.roll_object(value, schema)
        if "按资金" in value:
            rolled["上年按资金"] = _plain(value["按资金"])
        else:
            rolled.pop("上年按资金", None)
        return rolled

    def roll_功能分类行(self, value: dict, schema: dict[str, Any]) -> dict[str, Any]:
        rolled = self.roll_object(value, schema)
        total = _budgeted(value)
        if total is not None and not self.final:
            rolled["上年"] = total
        return rolled

    def roll_项目(self, value: dict, schema: dict[str, Any]) -> dict[str, Any]:
        rolled = self.roll_object(value, schema)
        rolled["上年"] = _amount(value["金额"])
        return rolled

    def roll_项目经费情况说明(self, value: dict, schema: dict[str, Any]) -> dict[str, Any]:
        return {key: rolled for key, rolled in self.roll_object(value, schema).items() if key not in YEARS_PARTS}

    def roll_印出表(self, value: dict, schema: dict[str, Any]) -> dict[str, Any]:
        """A table held as printed (印出表): its number, title, 单位 line, header and each row's texts kept, each amount
        the new year's 待填写 — last year's figures are never printed as this year's (a form's cell spanning columns
        or rows keeps its spans, its amount 待填写 too)."""
        rolled = {str(key): _plain(item) for key, item in value.items()}
        rolled["行"] = [[_held_rolled(cell) for cell in row] for row in value.get("行", [])]
        return rolled

    def roll_国有资产(self, value: dict, schema: dict[str, Any]) -> dict[str, Any]:
        rolled = self.roll_object(value, schema)
        if "截至" in rolled:
            rolled["截至"] = f"{PLACEHOLDER}：截至日期（如 {self.year - 1}年12月）"
        return rolled


def _projects_as_printed(projects: list[Any], rolled: list[Any]) -> list[Any]:
    """Next year's projects with this year's amounts as their 上年 where this year's state a 上年 — the project
    table then prints 上年 and 增减 columns; a list that stated none (a table of one year's amounts, as 杭州市气象局
    2026 prints it) keeps its columns next year, its rows without 上年 (issue 80 part 4: the tracked changes of next
    year's draft are its figures, not two new columns)."""
    if any(isinstance(project, dict) and "上年" in project for project in projects):
        return rolled
    return [{k: v for k, v in project.items() if k != "上年"} if isinstance(project, dict) else project
            for project in rolled]


def _prior(budget: Budget, factor: Decimal) -> dict[str, Any]:
    """上年 of the new source: this year's computed totals and classification sums."""
    prior: dict[str, Any] = {"年度": budget.year}
    if not budget.budget_stated:
        return prior  # a source of 绩效目标 alone states no budget figures to carry over
    figures = compute(budget)
    totals = figures.comparable_totals()
    for key in PRIOR_TOTALS:
        if key in totals:
            prior[key] = totals[key] / factor
    function = {code: total / factor for code, total in figures.function_totals().items() if len(code) < 7}
    if function:
        prior["功能分类"] = function
    # the classes (类) only: the text compares them, and nothing compares a 款 with its prior year
    economic = {code: total / factor for code, total in figures.economic_totals().items() if len(code) == 3}
    if economic:
        prior["经济分类"] = economic
    return prior


def _actual(budget: Budget, prior: dict[str, Any]) -> dict[str, Any] | None:
    """上年执行数 of the new source, for a department that compares with it: the figures of the new
    上年 and the items it compared, each 待填写 (this year's execution is known only at its end,
    and the loader refuses a 待填写 until it is filled or the line deleted)."""
    if budget.actual is None:
        return None
    skeleton: dict[str, Any] = {"年度": budget.year}
    for key, value in prior.items():
        if key != "年度":
            skeleton[key] = dict.fromkeys(value, PLACEHOLDER) if isinstance(value, dict) else PLACEHOLDER
    return skeleton | _compared_items(budget)


def _compared_items(budget: Budget) -> dict[str, Any]:
    """The items the budget compares with their 上年执行数 (“三公” parts, 机关运行经费, projects), 待填写."""
    items: dict[str, Any] = {}
    parts = [name for name, part in budget.three_public.parts.items() if part.actual is not None]
    if parts:
        items["三公经费"] = dict.fromkeys(parts, PLACEHOLDER)
    if budget.running_costs is not None and budget.running_costs.actual is not None:
        items["机关运行经费"] = PLACEHOLDER
    projects = [p.name for p in budget.projects if p.actual is not None]
    if projects:
        items["项目"] = dict.fromkeys(projects, PLACEHOLDER)
    return items


def render_header(template: str, **values: Any) -> str:
    return _header_environment().get_template(template).render(**values)


@functools.cache
def _header_environment() -> jinja2.Environment:
    """The source templates' environment, made once a process: each template compiled once (an
    import compiled its header's on every file, a fifth of a review's import)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(SOURCE_TEMPLATES)), autoescape=False,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True, finalize=visible)


def _checked(source: Path, final: bool = False) -> Budget:
    """The source, loaded and checked: its figures are to become another source's (上年, 年初预算)."""
    from reportgen.runners.render import prepare  # deferred: 17 ms at start-up, `reportgen new` needs none of it

    try:
        budget = load_source(source)
    except SourceError as exc:
        raise RolloverError(f"源文件 {source} 有错误，请先修正", [f.format() for f in exc.findings]) from None
    errors = [f.format() for f in (prepare(source).errors)]
    if errors:
        use = "年初预算" if final else "上年数"
        raise RolloverError(f"源文件 {source} 有 {len(errors)} 个错误，其数字不能作为{use}，请先修正", errors)
    return budget


def rollover(source: Path, year: int | None = None, out: Path | None = None) -> Rollover:
    """Next year's source (and unit files) as text; raises RolloverError with a Chinese message."""
    budget = _checked(source)
    new_year = budget.year + 1 if year is None else year
    if new_year <= budget.year:
        raise RolloverError(f"新年度 {new_year} 应晚于源文件的年度 {budget.year}")
    data = load_yaml(source)
    factor = UNIT_FACTOR[str(data["金额单位"])]
    roller = _Roller(new_year, budget.final)
    target = out or next_source_path(source, budget.year, new_year)
    result = Rollover()
    prior = _prior(budget, factor)

    def roll_unit(item: Any) -> dict[str, Any]:
        return _roll_unit(roller, item, source, target, budget.year, new_year, result)

    rolled = _sections(data, roller, prior, roll_unit)
    if "版式" in rolled:
        rolled["版式"] = _layout_from(str(rolled["版式"]), source, target)
    actual = _actual(budget, prior)
    if actual is not None:
        rolled = _after(rolled, "上年", "上年执行数", actual)
    header = render_header("rollover.yaml.j2", department=budget.department, year=new_year, final=budget.final,
                            prior_year=budget.year, source=source.name, unit_file=False, actual=actual is not None,
                            statements=bool(budget.project_statements))
    result.files = {target: header + "\n".join(dump(rolled)).rstrip("\n") + "\n", **result.files}
    return result


def _sections(data: dict, roller: _Roller, prior: dict[str, Any],
              roll_unit: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """The new source's sections, in the order of the old's: last year's words left out, 上年 (``prior``) placed
    after the head's keys, the new 年度, each 单位 rolled by ``roll_unit``, every other section by _rolled_section."""
    rolled: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if key in ("上年", "上年执行数", "变动原因", "印出合计"):
            continue  # 印出合计: this year's totals as its tables rounded them; next year's are added from its figures
        if "上年" not in rolled and key not in HEAD_KEYS:
            rolled["上年"] = prior
        if key == "年度":
            rolled[key] = roller.year
        elif key == "单位":
            rolled[key] = [roll_unit(item) for item in value]
        elif (item := _rolled_section(roller, key, value)) is not DROP:
            rolled[key] = item
    rolled.setdefault("上年", prior)
    return rolled


def _rolled_section(roller: _Roller, key: str, value: Any) -> Any:
    """One section of the new source (DROP: left out): carried as it is, or rolled by the schema."""
    item = _plain(value) if key in CARRIED else roller.roll(value, source_schema()["properties"].get(key, {}))
    if key == "部门概况" and isinstance(item, dict):
        _profile_of_next_year(item, roller.year)
    return item


def _profile_of_next_year(profile: dict[str, Any], year: int) -> None:
    """部门概况 for next year: founded this year, it is not new the next (成立年度); this year's 工作目标 are
    this year's (printed under “{年}年主要工作目标”), so next year's are 待填写 — the 职责 and 机构 stay."""
    profile.pop("成立年度", None)
    if profile.get("工作目标"):
        profile["工作目标"] = [f"{PLACEHOLDER}：{year}年的工作目标"]


def _layout_from(layout: str, source: Path, target: Path) -> str:
    """The source's 版式 as the new source names it: a layout folder beside the source (one learned with it: import
    --learn-layout) named relative to where the new source is written; a shipped layout's name as it is."""
    folder = source.parent / layout
    if not folder.is_dir() or source.parent.resolve() == target.parent.resolve():
        return layout
    return Path(os.path.relpath(str(folder.resolve()), str(target.parent.resolve()))).as_posix()


def _after(data: dict[str, Any], anchor: str, key: str, value: Any) -> dict[str, Any]:
    """``data`` with ``key: value`` placed right after its key ``anchor``."""
    items = list(data.items())
    at = list(data).index(anchor) + 1
    return dict([*items[:at], (key, value), *items[at:]])


def _roll_unit(roller: _Roller, item: Any, source: Path, target: Path, old: int, new: int,
               result: Rollover) -> dict[str, Any]:
    """One 单位 entry; a unit file it 包含 is rolled into a file of its own, named for the new year
    (or, when its path names no year to replace, taken into the new source itself)."""
    unit_schema = {"$ref": "#/$defs/单位"}
    if "包含" not in item:
        return roller.roll(item, unit_schema)
    included = source.parent / str(item["包含"])
    data = load_yaml(included)
    unit = roller.roll(data, {"$ref": "#/$defs/单位文件"})
    if "年度" in unit:
        unit["年度"] = new
    entry = {k: _plain(v) for k, v in item.items() if str(k) != "包含"}
    new_path = with_year(str(item["包含"]), old, new)
    if new_path is None:
        entry.update({k: v for k, v in unit.items() if k in ("收入", "支出", "结转下年")})
        return entry
    header = render_header("rollover.yaml.j2", department=str(item["名称"]), year=new, prior_year=old, actual=False,
                            source=included.name, unit_file=True, final=False, statements=False)
    result.files[target.parent / new_path] = header + "\n".join(dump(unit)).rstrip("\n") + "\n"
    result.unit_files.add(target.parent / new_path)
    entry["包含"] = new_path
    return entry


# -- the same year's 部门决算 ---------------------------------------------------------------------------
# A budget's keys that stay as they are in the year's 决算 (部门概况: the same year's facts).
FINAL_HEAD_KEYS = ("部门", "年度", "地区", "类型", "主管部门", "版式", "金额单位", "科目表", "展示", "部门概况")  # not 级次: no 决算 term
FISCAL_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")  # the funds a 决算's 预算数 is stated for
# a budget's word in 收入 → the 决算's (上年结转 → 年初结转和结余)
FINAL_INCOME = {b.removeprefix("收入."): f.removeprefix("收入.") for b, f in FINAL_WORDS.items() if b.startswith("收入.")}
# The sections whose 说明 speaks of the budget's plan: shown to the user in a comment, not carried.
NOTED_SECTIONS = ("三公经费", "机关运行经费", "政府采购", "国有资产", "绩效管理")
THREE_PUBLIC_KEYS = (*THREE_PUBLIC_PARTS, VEHICLES, "合计")


def final_source_path(source: Path, year: int) -> Path:
    """Next to the budget, named as the 决算 sources are (…-juesuan-2024.yaml; 某某局-决算-2024.yaml)."""
    word = "决算" if any("\u4e00" <= c <= "\u9fff" for c in source.stem) else "juesuan"
    at = source.name.rfind(str(year))
    renamed = f"{source.name[:at]}{word}-{source.name[at:]}" if at >= 0 else f"{source.stem}-{word}-{year}{source.suffix}"
    return source.with_name(renamed)


def _fund(item: dict[str, Any]) -> str:
    return str(item.get("资金", "一般公共预算"))


def _budgeted(item: dict[str, Any]) -> Decimal | None:
    """A function row's budget: its 基本支出 + 项目支出, or its 合计; None when it states neither."""
    parts = [_amount(item[key]) for key in ("基本支出", "项目支出") if key in item]
    return sum(parts, Decimal(0)) if parts else _amount(item["合计"]) if "合计" in item else None


def _over_finer(item: dict[str, Any], items: list[dict[str, Any]]) -> bool:
    """Whether a 类 or 款 row stands over finer rows of its fund (its budget is theirs, kept on them)."""
    code, fund = str(item["科目"]), _fund(item)
    return len(code) in (3, 5) and any(
        str(other["科目"]) != code and str(other["科目"]).startswith(code) and _fund(other) == fund for other in items)


def _final_rows(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Decimal]]:
    """The 决算's 功能分类 rows: each figure the budget states 待填写 (决算数), its budget (基本 +
    项目支出, or its 合计) as 年初预算 on the rows a 预算数 is kept for, and the 预算数 of each fund."""
    rows: list[dict[str, Any]] = []
    budgets: dict[str, Decimal] = {}
    for item in items:
        fund = _fund(item)
        initial = _budgeted(item) if fund in FISCAL_FUNDS and not _over_finer(item, items) else None
        if initial is not None:
            budgets[fund] = budgets.get(fund, Decimal(0)) + initial
        rows.append(_final_row(item, initial))
    return rows, budgets


def _final_row(item: dict[str, Any], initial: Decimal | None) -> dict[str, Any]:
    """One 决算 function row: the budget row's words, its figures 待填写, its 年初预算 when kept."""
    row: dict[str, Any] = {key: item[key] for key in ("科目", "名称", "资金") if key in item}
    row |= {key: PLACEHOLDER for key in ("基本支出", "项目支出", "合计") if key in item}
    row |= {key: item[key] for key in ("未列全",) if key in item}
    if initial is not None:
        row["年初预算"] = initial
    row |= {key: item[key] for key in ("用途",) if key in item}
    return row


def _final_three_public(section: dict[str, Any] | None, new_department: bool = False) -> dict[str, Any]:
    """Each “三公” part: 本年 待填写 (决算数), 预算 the budget's figure, 上年 待填写 (last year's 决算,
    which no budget holds; none for a department founded this year); a section stating none of them (its 说明
    alone) budgeted none, a budget without the section says nothing of its 预算. The 合计 carries the 预算 the
    text states."""
    stated, budgets = _three_public_budgets(section)
    cover = next((cover for cover in _THREE_PUBLIC_WHOLE if cover <= set(budgets)), None)
    if "合计" not in stated and cover is not None:
        budgets["合计"] = sum((budgets[key] for key in cover), Decimal(0))
        stated.append("合计")
    return {key: {"本年": PLACEHOLDER, **({"预算": budgets[key]} if key in budgets else {}),
                  **({"上年": PLACEHOLDER} if key != "合计" and not new_department else {})} for key in stated}


# the parts whose sum is the “三公” 合计: the three, or with 公务用车 stated as 购置 and 运行 together
_THREE_PUBLIC_WHOLE = (set(THREE_PUBLIC_PARTS), {*THREE_PUBLIC_PARTS[:2], VEHICLES})


def _three_public_budgets(section: dict[str, Any] | None) -> tuple[list[str], dict[str, Decimal]]:
    """The “三公” keys the 决算 states, and the budget's figure of each it has one for."""
    stated = [key for key in THREE_PUBLIC_KEYS if section and key in section]
    if not stated:
        return list(THREE_PUBLIC_PARTS), dict.fromkeys(THREE_PUBLIC_PARTS, Decimal(0)) if section is not None else {}
    assert section is not None
    budgets: dict[str, Decimal] = {}
    for key in stated:
        value = section[key]
        budgeted = value.get("本年") if isinstance(value, dict) else value
        if budgeted is not None:
            budgets[key] = _amount(budgeted)
    return stated, budgets


def _section(key: str, value: Any) -> str:
    return _lines({key: value})


def _lines(data: dict[str, Any]) -> str:
    return "\n".join(dump(data)).strip("\n")


def _lays_out_final(layout: Any, source: Path | None, kind: str = "部门", year: int | None = None) -> bool:
    """Whether a layout (a source's 版式; None: the default) has an edition for 部门决算."""
    from reportgen.shaping.layouts import LayoutError, Occasion, resolve  # deferred: rollover of a budget needs none

    try:
        found = resolve(layout, source.parent if source else None, Occasion(year, kind, "决算"))
    except LayoutError:
        return False
    return "决算" in found.accounts


def _final_layouts(source: Path | None) -> list[str]:
    """The shipped layouts with an edition for 部门决算, by name."""
    from reportgen.shaping.layouts import shipped  # deferred: the layouts module only when a 决算 is rolled

    return [name for name, _ in shipped() if _lays_out_final(name, source)]


def final_accounts(source: Path, out: Path | None = None) -> Rollover:
    """The same year's 部门决算 skeleton from a 部门预算 source (`reportgen rollover --kind 决算`):
    its words and the budget as 年初预算/预算 kept, every 决算数 待填写; raises RolloverError."""
    budget = _checked(source, final=True)
    data = _plain(load_yaml(source))
    _refuse_final(source, budget, data)
    roller = _Roller(budget.year)
    spending: dict[str, Any] = data.get("支出") or {}
    rows, fund_budgets = _final_rows(spending.get("功能分类") or [])
    final_spending = _final_spending(roller, spending, rows)
    text = render_header(
        "rollover-final.yaml.j2", department=budget.department, year=budget.year, prior_year=budget.year - 1,
        source=source.name, placeholder=PLACEHOLDER, **_final_head(data, source, budget.year),
        income=_section("收入", _final_income(roller, data)),
        spending=_section("支出", final_spending) if final_spending else "",
        rows=bool(rows), fund_budgets={fund: scalar(amount) for fund, amount in fund_budgets.items()},
        three_public=_section("三公经费", _final_three_public(data.get("三公经费"), budget.new_department)),
        new_department=budget.new_department,
        notes=_noted(data), add_units=isinstance(data.get("部门概况"), dict) and "下属单位" not in data["部门概况"],
        withheld=list(data.get("不公开") or []),
        rest="\n\n".join(_section(key, data[key]) for key in ("不公开",) if key in data))
    return Rollover(files={out or final_source_path(source, budget.year): text})


def _refuse_final(source: Path, budget: Budget, data: dict[str, Any]) -> None:
    """Raise RolloverError when the source cannot give a 决算 skeleton: a 决算 already, a source of
    绩效目标 alone, or one stated by 单位."""
    if budget.final:
        raise RolloverError(f"源文件 {source} 已是部门决算（种类: 决算）：决算的框架由同一年度的部门预算源文件生成")
    if not budget.budget_stated:
        raise RolloverError(f"源文件 {source} 没有收入与支出（只有绩效目标）：没有可作为年初预算的数字，不能生成决算的框架")
    if "单位" in data:
        raise RolloverError(f"源文件 {source} 按“单位”填报：部门决算暂不能按单位填报，"
                            "请先把各单位的收入与支出合并为部门的，再生成决算的框架")


def _final_head(data: dict[str, Any], source: Path, year: int) -> dict[str, str]:
    """The 决算's head as the template's texts: the keys before 版式, the 版式 when it has an edition
    for 决算 (else the shipped layouts that have one, named), and the keys after it."""
    final_layout = _lays_out_final(data.get("版式"), source, str(data.get("类型", "部门")), year)
    at = FINAL_HEAD_KEYS.index("版式")
    return {
        "head": _lines({key: data[key] for key in FINAL_HEAD_KEYS[:at] if key in data}),
        "layout": _lines({"版式": data["版式"]} if "版式" in data and final_layout else {}),
        "final_layouts": "" if final_layout else "、".join(_final_layouts(source)),
        "head_rest": _lines({key: _final_profile(data[key]) if key == "部门概况" else data[key]
                             for key in FINAL_HEAD_KEYS[at + 1:] if key in data}),
    }


def _final_spending(roller: _Roller, spending: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The 决算's 支出: its function rows, and the budget's other 支出 keys rolled without their 上年."""
    # a 决算 is by function: a budget published without its rows (项目 in a list alone) gets one to fill
    final_spending: dict[str, Any] = {"功能分类": rows or [dict.fromkeys(("科目", "基本支出", "项目支出"), PLACEHOLDER)]}
    for key in ("功能分类口径", "合计", "基本支出", "项目支出", "项目支出经济分类"):
        if key in spending:
            rolled = roller.roll(spending[key], source_schema()["$defs"]["支出"]["properties"][key])
            final_spending[key] = _without_prior(rolled)
    return final_spending


def _final_income(roller: _Roller, data: dict[str, Any]) -> dict[str, Any]:
    """The 决算's 收入: the budget's, rolled, in the 决算's words, with its 年初结转和结余 to fill."""
    income = {FINAL_INCOME.get(key, key): value for key, value in
              roller.roll(data.get("收入") or {}, source_schema()["properties"]["收入"]).items()}
    income.setdefault("年初结转和结余", PLACEHOLDER)
    return income


def _noted(data: dict[str, Any]) -> dict[str, str]:
    """The 说明 of each section that speaks of the budget's plan (NOTED_SECTIONS), on one line."""
    return {key: " ".join(str(data[key]["说明"]).split()) for key in NOTED_SECTIONS
            if isinstance(data.get(key), dict) and data[key].get("说明")}


def _final_profile(profile: Any) -> Any:
    """部门概况 without what a 决算 does not print (人员, 工作目标, 内设机构数: final_keys.BUDGET_ONLY)."""
    if not isinstance(profile, dict):
        return profile
    kept = {key: value for key, value in profile.items() if ("部门概况", key) not in BUDGET_ONLY}
    if kept.get("下属单位") != []:  # 机构设置 is printed only by a department of one unit (final_keys)
        kept.pop("机构设置", None)
    return kept


def _without_prior(value: Any) -> Any:
    """A rolled section with its 上年 (the budget's prior year) left out: a 决算's prior is its own."""
    if isinstance(value, dict):
        return {k: _without_prior(v) for k, v in value.items() if k != "上年"}
    if isinstance(value, list):
        return [_without_prior(v) for v in value]
    return value


def verify_new(files: dict[Path, str], unit_files: tuple[Path, ...] = ()) -> None:
    """Refuse to write a file that reportgen's own loader would refuse for anything but the
    placeholders 待填写 it is meant to hold (a year out of range, a character no text may hold)."""
    for path, text in files.items():
        try:
            data = parse_yaml(text.encode("utf-8"), str(path))
        except SourceError as exc:
            raise RolloverError("生成的文件无法读回，未写出任何文件", [f.format() for f in exc.findings]) from None
        validate = validate_unit_file if path in unit_files else validate_source
        problems = [f for f in validate(data, str(path)) if f.rule not in ("待填写", "金额待填写")]
        if problems:
            raise RolloverError("生成的文件不能通过检查，未写出任何文件", [f.format() for f in problems])


def write_new(files: dict[Path, str]) -> list[Path]:
    """Write every file, none if any exists already (a file is never overwritten). Each is written
    whole to a temporary name first and then linked to its name, which fails rather than replace
    a file that appeared meanwhile; an interruption leaves no half-written file."""
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing:
        raise RolloverError(f"文件已存在，不会覆盖：{existing[0]}（可用 -o 指定其他文件名）")
    written: list[Path] = []
    try:
        for path, text in files.items():
            _write_one_new(path, text)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def _write_one_new(path: Path, text: str) -> None:
    """``path`` written whole beside itself and linked to its name; every failure names ``path``
    (never the temporary name the user did not ask for)."""
    try:
        made = make_parents(path.parent)
    except OSError as exc:
        blocker = file_above(path)
        why = f"路径中的 {blocker} 是文件，不是文件夹" if blocker else reason(exc)
        raise RolloverError(f"无法写入 {path}：不能建立文件夹 {path.parent}（{why}）") from None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        with tmp.open("x", encoding="utf-8") as handle:
            handle.write(text)
        os.link(tmp, path)  # fails with FileExistsError rather than overwrite
    except BaseException as exc:
        with contextlib.suppress(OSError):  # (a read-only folder refuses even the unlinking of nothing: EROFS)
            tmp.unlink(missing_ok=True)
        for folder in made:  # deepest first; one that holds anything else stays
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(exc, FileExistsError):
            raise RolloverError(f"文件已存在，不会覆盖：{path}（可用 -o 指定其他文件名）") from None
        if isinstance(exc, OSError):
            raise RolloverError(f"无法写入 {path}：{reason(exc)}") from None
        raise
    tmp.unlink(missing_ok=True)


def skeleton(department: str, year: int, level: str = "市级", unit: str = "万元", kind: str = "预算") -> str:
    """A new department's source: every section, commented, its figures and words 待填写 — its
    budget (部门预算), or with ``kind`` 决算 its final accounts (部门决算)."""
    if kind == "决算":
        return render_header("new-final.yaml.j2", department=scalar(department), year=year, prior_year=year - 1,
                              level=level, unit=unit, placeholder=PLACEHOLDER,
                              final_layouts="、".join(_final_layouts(None)))
    return render_header("new.yaml.j2", department=scalar(department), year=year, prior_year=year - 1,
                          level=level, unit=unit, placeholder=PLACEHOLDER)
