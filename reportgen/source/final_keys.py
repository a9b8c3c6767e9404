"""Which keys belong to which kind of source (种类): a 部门决算 writes its carry-overs in its own words
and states what a budget has not (结余分配, 预算数, a row's 年初预算 …); a budget states what the 决算
does not print (a row's 上年, 上年执行数, the budget's 说明 and counts …). A key of the other kind is
accepted by the schema (one language for both) and refused here, naming what to write instead: an
accepted field is used or refused, never silently dropped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.docmodel.model import (
    PERFORMANCE_STAGES,
    PROCUREMENT_SMALL_FIRMS,
    THREE_PUBLIC_PARTS,
    VEHICLES,
)

# The words of a 部门决算 for what a budget calls 上年结转 / 结转下年 (the same figures of the model).
FINAL_WORDS = {"收入.上年结转": "收入.年初结转和结余", "结转下年": "年末结转和结余"}
# Keys only a 决算 has: at the top, on a function row, and inside the sections both kinds share.
FINAL_ONLY = ("年末结转和结余", "结余分配", "预算数", "财政拨款结转和结余")
# (上缴上级支出, 经营支出 and 对附属单位补助支出 a budget states too: the 支出总表 of 广州, 深圳, 珠海 … prints them
# by function line beside 基本支出 and 项目支出)
FINAL_ROW_KEYS = ("年初预算", "全年预算", "差异原因")
_THREE_PUBLIC_ITEMS = (*THREE_PUBLIC_PARTS, VEHICLES, "合计")
FINAL_SECTION_KEYS: tuple[tuple[str, ...], ...] = (
    *(("三公经费", part, key) for part in _THREE_PUBLIC_ITEMS for key in ("预算", "差异原因")),
    # (小微企业 a budget states too: “其中，预留给小型和微型企业的政府采购项目预算为34万元”)
    ("三公经费", "明细"), ("收入", "功能分类"), *(("政府采购", key) for key in PROCUREMENT_SMALL_FIRMS if key != "小微企业"),
    # (国有资产.车辆分类 a budget states too: “共有车辆8辆，其中：部级领导干部用车0辆……其他用车8辆”; and 大型设备:
    # “共有车辆17台，单位价值100万元以上的设备2台（套）”, 北京)
    *(("绩效管理", key) for key in ("制度", "工作机制", *PERFORMANCE_STAGES)),
)
# Keys a 决算 does not print (the budget's own, or a comparison its text does not make), by path;
# "[]" stands for every item of a list.
BUDGET_ONLY: tuple[tuple[str, ...], ...] = (
    ("上年执行数",), ("财政拨款结转",), ("经济分类款预算",), ("级次",), ("部门概况", "内设机构数"), ("部门概况", "人员"), ("部门概况", "工作目标"),
    ("部门概况", "单位列表"), ("部门概况", "单位列表说明"),  # a 决算 lists its units in 部门决算单位构成
    ("支出", "功能分类", "[]", "上年"), ("支出", "功能分类", "[]", "上年执行数"), ("支出", "功能分类", "[]", "原因"),
    # a line's 人员经费 and 公用经费: the budget tables that print them by line (苏州, 杭州 …); the 决算's do not
    ("支出", "功能分类", "[]", "人员经费"), ("支出", "功能分类", "[]", "公用经费"),
    ("支出", "项目"), ("支出", "项目支出经济分类"), ("支出", "一般公共预算项目支出经济分类"),
    *(("三公经费", part, key) for part in _THREE_PUBLIC_ITEMS for key in ("上年执行数", "说明")),
    # the text gives one reason for the “三公” 决算 against 预算 (the 合计's) and one per part for its change
    *(("三公经费", part, "差异原因") for part in (*THREE_PUBLIC_PARTS, VEHICLES)), ("三公经费", "合计", "原因"),
    ("机关运行经费", "上年执行数"), ("机关运行经费", "说明"), ("政府采购", "说明"),
    ("国有资产", "通用设备"), ("国有资产", "专用设备"), ("国有资产", "计划新增"), ("国有资产", "说明"),
    *(("绩效管理", key) for key in ("单位范围", "项目数", "金额", "重点项目", "说明")),
)


def written(data: Any, path: tuple[str, ...], at: tuple[str, ...] = ()) -> Iterator[tuple[Any, str, str]]:
    """Each place ``path`` is written in ``data``: (the mapping holding its key, the key, its path as
    a message names it: 支出.功能分类[2].上年)."""
    if not path or not isinstance(data, dict | list):
        return
    step, rest = path[0], path[1:]
    if step == "[]":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from written(item, rest, (*at[:-1], f"{at[-1]}[{index + 1}]") if at else (f"[{index + 1}]",))
        return
    if not isinstance(data, dict) or step not in data:
        return
    if not rest:
        yield data, step, ".".join((*at, step))
    else:
        yield from written(data[step], rest, (*at, step))


def misplaced(data: dict[str, Any], final: bool) -> Iterator[tuple[Any, str, str, str]]:
    """Every key of the other kind the source writes: (its mapping, key, path, what to do instead)."""
    yield from _other_words(data, final)
    yield from _budget_keys_in_final(data) if final else _final_keys_in_budget(data)


def _other_words(data: dict[str, Any], final: bool) -> Iterator[tuple[Any, str, str, str]]:
    """A key that the other kind words otherwise (预算数 where a 决算 says 决算数, and back)."""
    income = data.get("收入") if isinstance(data.get("收入"), dict) else {}
    for budget_key, final_key in FINAL_WORDS.items():
        mapping = income if budget_key.startswith("收入.") else data
        wrong, right = (budget_key, final_key) if final else (final_key, budget_key)
        key = wrong.rsplit(".", 1)[-1]
        if isinstance(mapping, dict) and key in mapping:
            yield mapping, key, wrong, _other_word(wrong, right, final)


def _budget_keys_in_final(data: dict[str, Any]) -> Iterator[tuple[Any, str, str, str]]:
    """What only a budget writes, in a 决算; what a 决算 prints only in some cases; a 决算 by 单位."""
    for path in BUDGET_ONLY:
        for mapping, key, where in written(data, path):
            yield mapping, key, where, _not_printed(where)
    yield from _unprinted_here(data)
    if data.get("类型") == "单位" or "单位" in data:
        key = "类型" if data.get("类型") == "单位" else "单位"
        yield data, key, key, _units_refused()


def _final_keys_in_budget(data: dict[str, Any]) -> Iterator[tuple[Any, str, str, str]]:
    """What only a 决算 writes, in a budget (its own units' included)."""
    paths = [(key,) for key in FINAL_ONLY] + [("支出", "功能分类", "[]", key) for key in FINAL_ROW_KEYS]
    units = [("单位", "[]", "收入", "年初结转和结余")] + [("单位", "[]", "支出", "功能分类", "[]", key) for key in FINAL_ROW_KEYS]
    for path in [*paths, *units, *FINAL_SECTION_KEYS]:
        for mapping, key, where in written(data, path):
            yield mapping, key, where, _final_only(where)


def _unprinted_here(data: dict[str, Any]) -> Iterator[tuple[Any, str, str, str]]:
    """What a 决算 prints only in some cases, written where it does not: 机构设置 beside 下属单位 (the
    样张 prints 部门决算单位构成 then), the “三公” 说明 beside its parts (it stands for “none” alone)."""
    profile = data.get("部门概况")
    if isinstance(profile, dict) and profile.get("下属单位") and "机构设置" in profile:
        yield profile, "机构设置", "部门概况.机构设置", _organisation_unprinted()
    section = data.get("三公经费")
    if isinstance(section, dict) and "说明" in section and any(key in section for key in _THREE_PUBLIC_ITEMS):
        yield section, "说明", "三公经费.说明", _not_printed("三公经费.说明")


def _organisation_unprinted() -> str:
    return "写了下属单位的部门决算印“部门决算单位构成”，不印“机构设置”（只有一个单位的部门才印）：请删去它"


def _other_word(wrong: str, right: str, final: bool) -> str:
    return f"“{wrong}”不是{'部门决算' if final else '部门预算'}的写法：{'决算' if final else '预算'}写作“{right}”"


def _not_printed(where: str) -> str:
    return f"部门决算不印“{where}”（它是部门预算的内容，或决算文本不作这一比较）：请删去它"


def _units_refused() -> str:
    return "部门决算暂不能按单位填报（类型: 单位、单位）：请把各单位合并为部门的收入与支出填写"


def _final_only(where: str) -> str:
    return f"“{where}”只用于部门决算（“种类: 决算”）：部门预算不写它"
