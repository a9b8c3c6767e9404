"""The other matters a source states beside its figures: 部门概况, 三公经费 (with a 决算's 明细),
政府采购, 国有资产, 绩效管理 (with a 决算's stages), 名词解释, and 正文金额: the amounts a narrative sentence states that
no table prints and no other key holds (湖州 “各单位培训费预算54.98万元”), by name, each with its prior year's where the
sentence compares it — import --learn-layout writes them, a learned sentence prints them (docs/source-format.md “正文金额”)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.base.patterns import regex
from reportgen.docmodel.model import (
    PERFORMANCE_FIGURES,
    PERFORMANCE_STAGES,
    PROCURED_KEYS,
    PROCUREMENT_KINDS,
    PROCUREMENT_SMALL_FIRMS,
    PROJECT_FUNDS,
    THREE_PUBLIC_AMOUNTS,
    THREE_PUBLIC_COUNTS,
    THREE_PUBLIC_PARTS,
    THREE_PUBLIC_TEXTS,
    VEHICLE_KINDS,
    VEHICLES,
    Assets,
    Compared,
    NarrativeAmount,
    Performance,
    Procurement,
    ProcurementLine,
    Profile,
    RunningLine,
    ThreePublic,
)
from reportgen.reading.yamlsafe import LocDict, to_decimal_text
from reportgen.source.core import ZERO, SourceReader


def profile(p: LocDict) -> Profile:
    return Profile(
        duties=[str(x) for x in p["职责"]],
        organisation=str(p.get("机构设置", "")),
        internal_units=[str(x) for x in p.get("内设机构", [])],
        internal_count=p.get("内设机构数"),
        **_subordinates(p),
        staffing={str(k): int(v) for k, v in p.get("人员", {}).items()},
        goals=[str(x) for x in p.get("工作目标", [])],
        heading_name=str(p.get("标题名称", "")),
        duties_intro=str(p.get("职能概述", "")),
        unit_list=[str(x) for x in p.get("单位列表", [])],
        unit_list_note=str(p.get("单位列表说明", "")),
        founded=int(p["成立年度"]) if "成立年度" in p else None,
    )


def _subordinates(p: LocDict) -> dict[str, Any]:
    """下属单位 as written: their names (None: not given) and each one's 备注 where it has one."""
    return {"subordinate_units": [_unit_name(x) for x in p["下属单位"]] if "下属单位" in p else None,
            "unit_remarks": {_unit_name(x): str(x["备注"]) for x in p.get("下属单位", [])
                             if isinstance(x, dict) and "备注" in x}}


def _unit_name(item: object) -> str:
    """A 下属单位 as written: its name, or {单位: 名称, 备注: …}."""
    return str(item["单位"]) if isinstance(item, dict) else str(item)


def three_public(reader: SourceReader, d: LocDict) -> ThreePublic:
    section = d.get("三公经费")
    if section is None:
        return ThreePublic(parts={name: Compared(ZERO) for name in THREE_PUBLIC_PARTS},
                           administrative=administrative(reader, d))
    parts = {}
    for name in THREE_PUBLIC_PARTS:
        if name in section:
            parts[name] = reader.compared(section[name], reader.line(section, name, f"三公经费.{name}"))
        else:
            parts[name] = Compared(ZERO)
    line = reader.line(d, "三公经费", "三公经费")
    total = reader.compared(section["合计"], reader.line(section, "合计", "三公经费.合计")) if "合计" in section else None
    vehicles = (reader.compared(section[VEHICLES], reader.line(section, VEHICLES, f"三公经费.{VEHICLES}"))
                if VEHICLES in section else None)
    return ThreePublic(parts=parts, note=str(section.get("说明", "")), stated=True, line=line, stated_total=total,
                       given=frozenset(name for name in THREE_PUBLIC_PARTS if name in section), vehicles=vehicles,
                       details=three_public_details(reader, section.get("明细", {})),
                       by_fund=_three_public_by_fund(reader, section.get("按资金", {}), "按资金"),
                       prior_by_fund=_three_public_by_fund(reader, section.get("上年按资金", {}), "上年按资金"),
                       administrative=administrative(reader, d))


def administrative(reader: SourceReader, d: LocDict) -> dict[str, Decimal]:
    """行政经费 (the row the “三公” table prints above its items: 广州, 珠海): 本年 under 合计, and each fund's as written."""
    section = d.get("行政经费")
    if section is None:
        return {}
    reader.line(d, "行政经费", "行政经费")
    funds = section.get("按资金", {})
    return {"合计": reader.amount(section["本年"]), **{str(fund): reader.amount(funds[fund]) for fund in funds}}


def _three_public_by_fund(reader: SourceReader, by_fund: LocDict, key: str) -> dict[str, dict[str, Decimal]]:
    """三公经费.按资金 (上年按资金): each item's figures by fund, as written (a fund not written is not there, never 0)."""
    read: dict[str, dict[str, Decimal]] = {}
    for item, funds in by_fund.items():
        reader.line(by_fund, item, f"三公经费.{key}.{item}")
        read[str(item)] = {str(fund): reader.amount(funds[fund]) for fund in funds}
    return read


def three_public_details(reader: SourceReader, details: LocDict) -> dict[str, Any]:
    """部门决算's “三公” 具体情况: counts as integers, amounts exact, texts as written."""
    read: dict[str, Any] = {key: int(details[key]) for key in THREE_PUBLIC_COUNTS if key in details}
    read |= {key: reader.amount(details[key]) for key in THREE_PUBLIC_AMOUNTS if key in details}
    read |= {key: str(details[key]) for key in THREE_PUBLIC_TEXTS if key in details}
    for key in details:
        reader.line(details, key, f"三公经费.明细.{key}")
    return read


def procurement(reader: SourceReader, d: LocDict) -> Procurement | None:
    p = d.get("政府采购")
    if p is None:
        return None
    if "中小企业" in p:
        reader.line(p, "中小企业", "政府采购.中小企业")
    return Procurement(
        goods=reader.opt_amount(p, "货物") or ZERO,
        works=reader.opt_amount(p, "工程") or ZERO,
        services=reader.opt_amount(p, "服务") or ZERO,
        sme=reader.opt_amount(p, "中小企业"),
        note=str(p.get("说明", "")),
        line=reader.line(d, "政府采购", "政府采购"),
        stated_total=reader.opt_amount(p, "合计"),
        given=frozenset(kind for kind in PROCUREMENT_KINDS if kind in p),
        small_firms={key: reader.amount(p[key]) for key in PROCUREMENT_SMALL_FIRMS if key in p},
        by_function=_procurement_lines(reader, p),
    )


def unit_procurement(reader: SourceReader, d: LocDict) -> Procurement | None:
    """A unit's 政府采购: its lines by function (政府采购.功能分类) alone, as a table printing each unit's rows in turn
    states them (深圳's 支出总表); its 货物, 工程, 服务 not given (unknown, never zero). None where it states none."""
    p = d.get("政府采购")
    if p is None:
        return None
    return Procurement(goods=ZERO, works=ZERO, services=ZERO, sme=None, line=reader.line(d, "政府采购", "政府采购"),
                       by_function=_procurement_lines(reader, p))


def _procurement_lines(reader: SourceReader, p: LocDict) -> tuple[ProcurementLine, ...]:
    return tuple(_procurement_line(reader, item, f"政府采购.功能分类[{index + 1}]")
                 for index, item in enumerate(p.get("功能分类", [])))


def _procurement_line(reader: SourceReader, item: LocDict, path: str) -> ProcurementLine:
    """A line of 政府采购.功能分类: its code and its amount by fund, each as stated."""
    return ProcurementLine(str(item["科目"]), {fund: reader.amount(item[fund]) for fund in PROJECT_FUNDS if fund in item},
                           reader.item_line(item, path), {key: reader.amount(item[key]) for key in PROCURED_KEYS if key in item})


def running_lines(reader: SourceReader, costs: Any) -> tuple[RunningLine, ...]:
    """机关运行经费.经济分类: the 机关运行经费表's rows by code, each as printed."""
    if not isinstance(costs, dict):
        return ()
    return tuple(RunningLine(str(item["科目"]), reader.amount(item["本年"]),
                             reader.item_line(item, f"机关运行经费.经济分类[{index + 1}]"))
                 for index, item in enumerate(costs.get("经济分类", [])))


def assets(a: LocDict | None) -> Assets | None:
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


def performance(reader: SourceReader, p: LocDict | None) -> Performance | None:
    if p is None:
        return None
    if "金额" in p:
        reader.line(p, "金额", "绩效管理.金额")
    return Performance(
        scope=str(p.get("单位范围", "")),
        project_count=p.get("项目数"),
        amount=reader.opt_amount(p, "金额"),
        key_projects=[str(x) for x in p.get("重点项目", [])],
        note=str(p.get("说明", "")),
        rules=str(p.get("制度", "")),
        mechanism=str(p.get("工作机制", "")),
        stages={stage: performance_stage(reader, p[stage], f"绩效管理.{stage}")
                for stage in PERFORMANCE_STAGES if stage in p},
    )


def performance_stage(reader: SourceReader, stage: LocDict, path: str) -> dict[str, Decimal]:
    """One stage of 全过程绩效管理: its counts and 平均得分 as stated, its 金额 in 元."""
    figures = {}
    for key in PERFORMANCE_FIGURES:
        if key in stage:
            reader.line(stage, key, f"{path}.{key}")
            figures[key] = reader.amount(stage[key]) if key == "金额" else to_decimal_text(str(stage[key]))
    if figures.get("平均得分", 0) > 100:
        reader.error("格式", f"平均得分是百分制的分数，不能大于 100，实际是 {figures['平均得分']}",
                     reader.line(stage, "平均得分", f"{path}.平均得分"), f"{path}.平均得分")
    rated = sum(figures.get(key, 0) for key in ("优", "良", "合格", "不合格"))
    if "项目数" in figures and rated > figures["项目数"]:
        reader.error("R-绩效评级", f"各评级的项目数之和 {rated} 大于{path.rsplit('.', 1)[-1]}的项目数 {figures['项目数']}",
                     reader.line(stage, "项目数", f"{path}.项目数"), f"{path}.项目数")
    return figures


def glossary(reader: SourceReader, terms: list) -> list[tuple[str, str | None]]:
    """名词解释 of the source: (term, text) adds or rewords a term, (term, None) leaves it out."""
    result: list[tuple[str, str | None]] = []
    for index, item in enumerate(terms):
        if item.get("删去") is True:
            if "解释" in item:
                reader.error("R-名词解释", f"名词“{item['术语']}”已删去，不会印出它的解释：请删去“解释”或“删去”之一",
                             reader.line(item, "解释", f"名词解释[{index + 1}].解释"), f"名词解释[{index + 1}].解释")
            result.append((str(item["术语"]), None))
        elif "解释" in item:
            result.append((str(item["术语"]), str(item["解释"])))
        else:
            reader.error("R-名词解释", f"名词“{item['术语']}”缺少解释", reader.line(item, "术语", f"名词解释[{index + 1}]"),
                         f"名词解释[{index + 1}].解释")
    return result


# a name: a line of words and figures, no mark a template or a YAML key would read otherwise (quotes, braces, \)
NAME = regex(r"^[^\s'\"{}\\<>|%#]{1,40}$")


def narrative_amounts(reader: SourceReader, section: Any) -> dict[str, NarrativeAmount]:
    """正文金额, by name: each name checked (a name, on one line, at most 40 characters, no quote nor brace), its 本年 and
    上年 read as the source's other amounts are."""
    if not section:
        return {}
    out: dict[str, NarrativeAmount] = {}
    for name, item in section.items():
        line = reader.line(section, str(name), f"正文金额.{name}")
        if not NAME.match(str(name)):
            reader.error("R-正文金额", f"正文金额的名称“{str(name)[:40]}”不是一个名称：应写在一行内、不超过 40 个字，"
                         "不含空格、引号、括号｛｝、反斜杠、尖括号、竖线、百分号与井号", line, f"正文金额.{name}")
            continue
        out[str(name)] = NarrativeAmount(current=reader.opt_amount(item, "本年"), prior=reader.opt_amount(item, "上年"),
                                         line=line)
    return out
