"""支出 of a source: its rows by function (功能分类, with the 类/款 totals it types and the rest of a
类/款 it lists in part), by economic class (基本支出.经济分类, 项目支出经济分类, 经济分类款预算), its
projects, and the totals it states without their split."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen import codes
from reportgen.docmodel.model import (
    FINAL_SPENDING_KINDS,
    THREE_PUBLIC_CLASSES,
    EconomicItem,
    EconomicRow,
    Execution,
    FunctionRow,
    Project,
    ProjectClass,
    StatedTotal,
)
from reportgen.reading.yamlsafe import LocDict
from reportgen.source.code_names import check_code, check_parents
from reportgen.source.core import ZERO, SourceReader

# A 未列全 类/款 row, kept to be read once the finer rows are: (item, code, name, fund, line).
_Partial = tuple[LocDict, str, str, str, int]


def function_rows(reader: SourceReader, spending: LocDict) -> list[FunctionRow]:
    rows: list[FunctionRow] = []
    partial: list[_Partial] = []
    items = spending.get("功能分类", [])
    for index, item in enumerate(items):
        path = f"支出.功能分类[{index + 1}]"
        line = reader.item_line(item, path)
        code = str(item["科目"])
        name = check_code(reader, "功能分类", code, line, stated=str(item.get("名称", "")))
        fund = str(item.get("资金", "一般公共预算"))
        if not (name and _has_finer_rows(items, code, fund)):  # a row at the finest level the source gives
            rows.append(_finest_row(reader, item, code, name, line, path))
            continue
        # a typed 类/款 total over finer rows: kept only to be checked against them
        if "用途" in item:
            reader.error("R-用途", f"用途写在最细一级的行上：{code} 下另有更细的行（用途写在各项上）",
                         reader.line(item, "用途", path + ".用途"), path + ".用途")
        if item.get("未列全"):  # the finer rows are some of it: the rest is a part of its own
            partial.append((item, code, name, fund, line))
        else:
            reader.stated_totals.append(_stated_function_total(reader, item, code, name, fund, line))
    for item, code, name, fund, line in sorted(partial, key=lambda p: -len(p[1])):  # 款 before their 类
        rows += remainder(reader, item, code, name, fund, line, rows)
    check_parents(reader, "功能分类", [*rows, *(t for t in reader.stated_totals if t.kind == "功能分类")])
    return rows


def _has_finer_rows(items: list[LocDict], code: str, fund: str) -> bool:
    """A 类/款 row with finer rows of the same fund under it."""
    return len(code) in (3, 5) and any(
        str(other["科目"]) != code and str(other["科目"]).startswith(code)
        and str(other.get("资金", "一般公共预算")) == fund for other in items)


def _stated_function_total(reader: SourceReader, item: LocDict, code: str, name: str, fund: str,
                           line: int) -> StatedTotal:
    return StatedTotal(
        "功能分类", code, name, fund, reader.opt_amount(item, "基本支出"),
        reader.opt_amount(item, "项目支出"), reader.opt_amount(item, "合计"), line,
        reader.opt_amount(item, "上年"), str(item.get("原因", "")), reader.opt_amount(item, "上年执行数"),
        str(item.get("名称", "")))


def _finest_row(reader: SourceReader, item: LocDict, code: str, name: str, line: int, path: str) -> FunctionRow:
    """A row at the finest level the source gives: 项, or 类/款 where it publishes no finer."""
    if item.get("未列全"):
        reader.error("R-未列全", f"“未列全”写在其下列出了部分更细科目的类、款行上：{code} 下没有更细的行", line,
                     path + ".未列全")
    if name and len(code) not in (3, 5, 7):
        reader.error("R-科目层级", f"功能分类科目编码应为 3、5 或 7 位，{code} 不是", line, path + ".科目")
    return FunctionRow(
        code=code,
        name=name,
        stated_name=str(item.get("名称", "")),
        fund=str(item.get("资金", "一般公共预算")),
        basic=function_split(reader, item)[0],
        project=function_split(reader, item)[1],
        prior=reader.opt_amount(item, "上年"),
        reason=str(item.get("原因", "")),
        line=line,
        stated_total=reader.opt_amount(item, "合计"),
        actual=reader.opt_amount(item, "上年执行数"),
        use=str(item.get("用途", "")),
        budget=execution(reader, item, line),
        other={kind: reader.amount(item[kind]) for kind in FINAL_SPENDING_KINDS if kind in item},
        unstated=unstated_parts(item),
        stated_personnel=reader.opt_amount(item, "人员经费"),
        stated_public=reader.opt_amount(item, "公用经费"),
    )


def unstated_parts(item: LocDict) -> frozenset[str]:
    """The parts of a row's 基本/项目 split it leaves out beside the other (0 in its sums, printed
    blank by a table that shows amounts as the source states them)."""
    parts = frozenset(part for part in ("基本支出", "项目支出") if part not in item)
    return parts if len(parts) == 1 or "合计" not in item else frozenset()


def function_split(reader: SourceReader, item: LocDict) -> tuple[Decimal | None, Decimal | None]:
    """A row's 基本支出 and 项目支出: one given, the other is 0; neither given beside a 合计, the
    split is not known (None, never 0.00): the row is its 合计 alone."""
    basic, project = reader.opt_amount(item, "基本支出"), reader.opt_amount(item, "项目支出")
    if basic is None and project is None and "合计" in item:
        return None, None
    return basic or ZERO, project or ZERO


def execution(reader: SourceReader, item: LocDict, line: int) -> Execution | None:
    """A 决算 row's 年初预算, 全年预算 and 差异原因; None where it states none of them."""
    if not any(key in item for key in ("年初预算", "全年预算", "差异原因")):
        return None
    return Execution(reader.opt_amount(item, "年初预算"), reader.opt_amount(item, "全年预算"),
                     str(item.get("差异原因", "")), line)


def remainder(reader: SourceReader, item: LocDict, code: str, name: str, fund: str, line: int,
              rows: list[FunctionRow]) -> list[FunctionRow]:
    """A 类/款 whose finer rows the document lists in part (未列全): the rest of its 合计 (and of
    its 基本/项目 split, where given and the finer rows give theirs) as a row of the 类/款 itself."""
    total = reader.opt_amount(item, "合计")
    path = f"支出.功能分类.{code}"
    if total is None:
        reader.error("R-未列全", f"{code} 写了“未列全”，须写它的合计", line, path)
        return []
    under = [r for r in rows if r.fund == fund and r.code.startswith(code) and r.code != code]
    rest = total - sum((r.total for r in under), ZERO)
    if rest < 0:
        reader.error("R-未列全", f"{name}（{code}）合计 {reader.in_source_unit(total)}，小于其下列出的各行之和 "
                     f"{reader.in_source_unit(total - rest)}", line, path)
        return []
    basic, project = _remainder_split(reader, item, under)
    return [FunctionRow(code=code, name=name, stated_name=str(item.get("名称", "")), fund=fund, basic=basic,
                        project=project, prior=reader.opt_amount(item, "上年"), reason=str(item.get("原因", "")),
                        line=line, stated_total=rest, actual=reader.opt_amount(item, "上年执行数"), remainder=True)]


def _remainder_split(reader: SourceReader, item: LocDict,
                     under: list[FunctionRow]) -> tuple[Decimal | None, Decimal | None]:
    """The 基本/项目 split of a remainder: the 类/款's less its finer rows', where all are known."""
    basic, project = function_split(reader, item)
    if basic is None or project is None or not all(r.split_known for r in under):
        return None, None
    return (basic - sum((r.basic or ZERO for r in under), ZERO),
            project - sum((r.project or ZERO for r in under), ZERO))


def economic_rows(reader: SourceReader, basic: LocDict) -> list[EconomicRow]:
    rows: list[EconomicRow] = []
    items = basic.get("经济分类", [])
    for index, item in enumerate(items):
        path = f"支出.基本支出.经济分类[{index + 1}]"
        line = reader.item_line(item, path)
        code = str(item["科目"])
        name = check_code(reader, "经济分类", code, line, stated=str(item.get("名称", "")))
        if name and len(code) == 3 and any(str(other["科目"]).startswith(code) and len(str(other["科目"])) > 3
                                           for other in items):
            reader.stated_totals.append(StatedTotal("经济分类", code, name, "一般公共预算", reader.amount(item["金额"]),
                                                    None, reader.amount(item["金额"]), line,
                                                    stated_name=str(item.get("名称", ""))))
            continue
        rows.append(_economic_row(reader, item, code, name, line, path))
    check_parents(reader, "经济分类", [*rows, *(t for t in reader.stated_totals if t.kind == "经济分类")])
    return rows


def _economic_row(reader: SourceReader, item: LocDict, code: str, name: str, line: int, path: str) -> EconomicRow:
    """A row of 基本支出 by economic class: a 款 with its 政府经济分类, or a 类 published without its 款."""
    if name and len(code) not in (3, 5):
        reader.error("R-科目层级", f"经济分类应按“款”（5 位编码）或只按“类”（3 位）填报，{code} 不是", line,
                     path + ".科目")
    amount = reader.amount(item["金额"])
    if len(code) == 3:  # a class (类) the source publishes without its 款: no 政府经济分类 to map
        if "政府经济分类" in item:
            reader.error("R-科目层级", f"经济分类 {code} 是类，政府经济分类只对应到款：请按款填报，或删去政府经济分类",
                         line, path + ".政府经济分类")
        government: dict[str, Decimal] = {}
    else:
        government = government_split(reader, item.get("政府经济分类"), code, amount, line, path)
    return EconomicRow(code, name, str(item.get("名称", "")), amount, government, line,
                       reader.opt_amount(item, "人员经费"), reader.opt_amount(item, "公用经费"),
                       _outside_three_public(reader, item, code, amount, line, path),
                       _economic_items(reader, item, code, line, path))


def _economic_items(reader: SourceReader, item: LocDict, code: str, line: int, path: str) -> tuple[EconomicItem, ...]:
    """The 目 printed under a 款 (目: 7-digit codes, each of this 款), as written; one of another 款 refused."""
    items = tuple(EconomicItem(str(entry["科目"]), str(entry["名称"]), reader.amount(entry["金额"]),
                               str(entry.get("政府经济分类", ""))) for entry in item.get("目", []))
    for entry in items:
        if len(code) != 5 or entry.code[:5] != code:
            reader.error("R-科目层级", f"目 {entry.code} 不在经济分类 {code} 之下：目只写在它所在的款（编码的前 5 位）之下",
                         line, path + ".目")
    return items


def _outside_three_public(reader: SourceReader, item: LocDict, code: str, amount: Decimal, line: int,
                          path: str) -> Decimal | None:
    """The part of a “三公” 款 (30212 …) the “三公”经费 leave out by rule; refused on another 款 or above the 款."""
    outside = reader.opt_amount(item, "不计入三公")
    if outside is None:
        return None
    if code not in THREE_PUBLIC_CLASSES:
        reader.error("R-三公经费", f"“不计入三公”只用于“三公”经费对应的款（{'、'.join(THREE_PUBLIC_CLASSES)}），"
                     f"{code} 不是：请删去", line, path + ".不计入三公")
    elif outside > amount:
        reader.error("R-三公经费", f"“不计入三公”{outside} 大于本款金额 {amount}：应是本款的一部分", line,
                     path + ".不计入三公")
    return outside


def government_split(reader: SourceReader, value: Any, code: str, amount: Decimal, line: int,
                     path: str) -> dict[str, Decimal]:
    if value is None:
        default = codes.default_government_code(code)
        return {default: amount} if default else {}
    if isinstance(value, dict):
        split = {str(c): reader.amount(v) for c, v in value.items()}
    else:
        split = {str(value): amount}
    for gov_code in split:
        if codes.lookup("政府经济分类", gov_code, reader.year, reader.code_table) is None:
            reader.error("R-科目编码", f"政府预算经济分类科目编码 {gov_code} 不存在", line, path + ".政府经济分类")
    return split


def projects(reader: SourceReader, spending: LocDict) -> list[Project]:
    result = []
    for index, item in enumerate(spending.get("项目", [])):
        line = reader.item_line(item, f"支出.项目[{index + 1}]")
        code = str(item.get("科目", ""))
        if code:
            check_code(reader, "功能分类", code, line)
        result.append(
            Project(
                name=str(item["名称"]),
                amount=reader.amount(item["金额"]),
                prior=reader.prior_of(item, "金额"),
                reason=str(item.get("原因", "")),
                use=str(item.get("用途", "")),
                code=code,
                line=line,
                stated_change=reader.signed(item, "增减额"),
                stated_rate=reader.signed(item, "增减率", scale=False),
                actual=reader.opt_amount(item, "上年执行数"),
                category=str(item.get("类别", "")),
                printed_at=str(item.get("印于", "")),
                printed_unit=str(item.get("单位名称", "")),
                funds={str(fund): reader.amount(amount) for fund, amount in item.get("资金", {}).items()},
            )
        )
    return result


def function_scope(reader: SourceReader, d: LocDict) -> str:
    """支出.功能分类口径: 一般公共预算 where the rows itemise that fund only; each row must be of it."""
    spending = d.get("支出", {})
    scope = str(spending.get("功能分类口径", "")) if isinstance(spending, dict) else ""
    if scope:
        line = reader.line(spending, "功能分类口径", "支出.功能分类口径")
        others = sorted({str(item.get("资金")) for item in spending.get("功能分类", [])
                         if str(item.get("资金", scope)) != scope})
        if others:
            reader.error("R-功能分类口径", f"“功能分类口径: {scope}”只列{scope}的功能分类，但有资金为 {'、'.join(others)} 的行："
                         "请删去口径（各行覆盖全部支出时），或删去这些行", line, "支出.功能分类口径")
    return scope


def spending_total(reader: SourceReader, d: LocDict) -> Decimal | None:
    """支出.合计: 支出合计 as stated, where the document publishes the total without its split."""
    spending = d.get("支出", {})
    if not isinstance(spending, dict) or "合计" not in spending:
        return None
    reader.line(spending, "合计", "支出.合计")
    return reader.opt_amount(spending, "合计")


def economic_lines(reader: SourceReader, d: LocDict) -> list[ProjectClass]:
    """经济分类款预算: some economic 款 of 财政拨款 (or of its 一般公共预算 alone: 资金) with their prior year, as a text
    lists them."""
    items = d.get("经济分类款预算", [])
    lines = class_lines(reader, items, "经济分类款预算", "本年")
    for line, item in zip(lines, items, strict=True):
        line.fund = str(item.get("资金", ""))
        if line.name and len(line.code) != 5:
            reader.error("R-科目层级", f"经济分类款预算按“款”（5 位编码）填报，{line.code} 不是", line.line,
                         "经济分类款预算.科目")
    return lines


def project_classes(reader: SourceReader, d: LocDict) -> list[ProjectClass]:
    """支出.项目支出经济分类: 项目支出 by economic class (类 or 款), each with its prior year as stated."""
    spending = d.get("支出", {})
    items = spending.get("项目支出经济分类", []) if isinstance(spending, dict) else []
    return class_lines(reader, items, "支出.项目支出经济分类", "金额")


def general_project_classes(reader: SourceReader, d: LocDict) -> list[ProjectClass]:
    """支出.一般公共预算项目支出经济分类: 一般公共预算's 项目支出 by economic 款 (or 类 printed alone), as printed."""
    spending = d.get("支出", {})
    items = spending.get("一般公共预算项目支出经济分类", []) if isinstance(spending, dict) else []
    return class_lines(reader, items, "支出.一般公共预算项目支出经济分类", "金额")


def class_lines(reader: SourceReader, items: list[LocDict], where: str, amount_key: str) -> list[ProjectClass]:
    """Economic 类/款 lines with an amount (under ``amount_key``) and their prior year as stated."""
    result = []
    for index, item in enumerate(items):
        line = reader.item_line(item, f"{where}[{index + 1}]")
        code = str(item["科目"])
        name = check_code(reader, "经济分类", code, line, stated=str(item.get("名称", "")))
        result.append(ProjectClass(code, name, reader.amount(item[amount_key]), reader.prior_of(item, amount_key),
                                   str(item.get("原因", "")), line, reader.signed(item, "增减额"),
                                   reader.signed(item, "增减率", scale=False)))
    return result
