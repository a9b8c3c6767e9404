"""种类 of a source and what only a 部门决算 states: 结余分配, 预算数 by fund, 财政拨款结转和结余; the
words a figure stands under in either kind, and a key of the other kind refused (final_keys)."""

from __future__ import annotations

from typing import Any

from reportgen.docmodel.model import FINAL_INCOME_KINDS, Execution, IncomeLine
from reportgen.reading.yamlsafe import LocDict
from reportgen.source.code_names import check_code
from reportgen.source.core import ZERO, SourceReader
from reportgen.source.final_keys import FINAL_WORDS, misplaced
from reportgen.source.printed_lines import printed_lines


def final_key(budget_key: str, d: LocDict) -> str:
    """The key a figure stands under: the budget's word (上年结转, 结转下年), or in a 部门决算 its
    own (年初结转和结余, 年末结转和结余)."""
    key = FINAL_WORDS[budget_key] if d.get("种类") == "决算" else budget_key
    return key.rsplit(".", 1)[-1]


def final_accounts(reader: SourceReader, d: LocDict) -> dict[str, Any]:
    """种类 and what only a 部门决算 states: 结余分配, 预算数 by fund, 财政拨款结转和结余."""
    accounts = str(d.get("种类", "预算"))
    if "种类" in d:
        reader.line(d, "种类", "种类")
    final_words(reader, d, accounts == "决算")
    if accounts != "决算":
        return {"accounts": accounts, "printed_lines": printed_lines(reader, d), "fiscal_balances": _carried(reader, d)}
    budgets = {}
    for fund, item in d.get("预算数", {}).items():
        budgets[str(fund)] = Execution(reader.opt_amount(item, "年初预算"), reader.opt_amount(item, "全年预算"),
                                       str(item.get("差异原因", "")), reader.line(d["预算数"], fund, f"预算数.{fund}"))
    balances = {str(when): {str(fund): reader.amount(v) for fund, v in by_fund.items()}
                for when, by_fund in d.get("财政拨款结转和结余", {}).items()}
    for key in ("结余分配", "年末结转和结余", "财政拨款结转和结余"):
        if key in d:
            reader.line(d, key, key)
    return {"accounts": accounts, "surplus_distributed": reader.opt_amount(d, "结余分配") or ZERO,
            "fund_budgets": budgets, "fiscal_balances": balances, "income_lines": income_lines(reader, d),
            "printed_lines": printed_lines(reader, d)}


# 财政拨款结转's keys (a budget's words) → the 决算's 财政拨款结转和结余's (the same figures of the model)
_CARRIED = {"上年结转": "年初", "结转下年": "年末"}


def _carried(reader: SourceReader, d: LocDict) -> dict[str, dict[str, Any]]:
    """A budget's 财政拨款结转 (上年结转, 结转下年 by fund) as the model's 财政拨款结转和结余 at 年初 and 年末."""
    if "财政拨款结转" in d:
        reader.line(d, "财政拨款结转", "财政拨款结转")
    return {_CARRIED[str(key)]: {str(fund): reader.amount(v) for fund, v in by_fund.items()}
            for key, by_fund in d.get("财政拨款结转", {}).items()}


def income_lines(reader: SourceReader, d: LocDict) -> list[IncomeLine]:
    """收入.功能分类: each line's kinds of income (and its 合计 where printed apart from them)."""
    section = d.get("收入", {})
    items = section.get("功能分类", []) if isinstance(section, dict) else []
    lines = []
    for index, item in enumerate(items):
        line = reader.item_line(item, f"收入.功能分类[{index + 1}]")
        code = str(item["科目"])
        check_code(reader, "功能分类", code, line)
        amounts = {kind: reader.amount(item[kind]) for kind in FINAL_INCOME_KINDS if kind in item}
        lines.append(IncomeLine(code, amounts, reader.opt_amount(item, "合计"), line))
    return lines


def final_words(reader: SourceReader, d: LocDict, final: bool) -> None:
    """A key of the other kind of source (a budget's word or field in a 决算, a 决算's in a
    budget): refused at its line, naming what to write instead (final_keys)."""
    for mapping, key, path, message in misplaced(d, final):
        reader.error("R-决算用语", message, reader.line(mapping, key, path), path)
