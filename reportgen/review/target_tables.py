"""Each project's 绩效目标表 against the document's own 项目支出表: the year's money a target table prints for its
project (“项目名称 既有住宅加装电梯专项资金经费” … “年度预算资金总额： 500.00” under 项目资金（万元）) is that project's
合计 in the list of projects (烟台市住房和城乡建设局 2026: 400.00 in 表11). Told once for the document, every table
that no project of its name bears out listed — only where the list was read whole (its projects add up to the 合计 it
prints) and only for a name the list has (a table of a project it does not list may be of a unit's budget, or of
another year: not told)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportgen.errors import Finding
from reportgen.importing.imported import Imported
from reportgen.importing.rows import Row
from reportgen.readers.lines import Line
from reportgen.readers.statements import target_table_words

_NUMBER = re.compile(r"(\d[\d,]*+(?:\.\d++)?+)$")
_BLOCK = 12  # lines at most from a table's project name to its money
_STEP = Decimal("0.01")  # a 万元 table's printed step


@dataclass(frozen=True)
class TargetMoney:
    name: str
    amount: Decimal
    line: int


def target_money(lines: list[Line]) -> list[TargetMoney]:
    """Each 绩效目标表's project and its year's money, in 万元 (a table that does not say 万元 near it is left out)."""
    names, totals = target_table_words()
    out: list[TargetMoney] = []
    name, start = "", 0
    for index, line in enumerate(lines):
        text = line.bare.replace(" ", "")
        word = next((w for w in names if text.startswith(w)), None)
        if word is not None:
            name, start = text[len(word):].strip("：:"), index
            continue
        money = _NUMBER.search(text) if name and index - start <= _BLOCK else None
        if money is not None and any(text.startswith(w) for w in totals) \
                and any("万元" in other.bare for other in lines[start:index + 4]):
            out.append(TargetMoney(name, Decimal(money.group(1).replace(",", "")), line.number))
            name = ""
    return out


def against_projects(imported: Imported, lines: list[Line], document: Path) -> list[Finding]:
    """The target tables whose money no project of their name in the 项目支出表 has: one finding, or none."""
    listed = _listed_whole(imported)
    if listed is None:
        return []
    amiss = [(t, listed[t.name]) for t in target_money(lines) if t.name in listed and t.amount not in listed[t.name]]
    if not amiss:
        return []
    told = "；".join(f"“{t.name}”{t.amount:,}万元，项目支出表为{'、'.join(f'{v:,}' for v in values)}万元"
                    for t, values in amiss)
    return [Finding("error", "R-绩效目标金额", f"{len(amiss)} 张项目绩效目标表的年度预算资金与项目支出表中同名项目的金额不符："
                    f"{told}", str(document), amiss[0][0].line)]


def _listed_whole(imported: Imported) -> dict[str, list[Decimal]] | None:
    """The 万元 项目支出表's projects by name (each name's amounts), where they add up to the 合计 it prints."""
    table, rows = imported.tables.get("项目支出表"), imported.rows.get("项目支出表", [])
    total = next((r for r in rows if r.total), None)
    projects = [r for r in rows if not r.total and r.name and _amount(r) is not None]
    if table is None or table.unit != "万元" or total is None or _amount(total) is None or not projects:
        return None
    added = sum((_amount(r) or Decimal(0) for r in projects), Decimal(0))
    if abs(added - (_amount(total) or Decimal(0))) > _STEP * (len(projects) + 1) / 2:
        return None  # some of its rows were not read: what it lists is not known whole
    out: dict[str, list[Decimal]] = {}
    for row in projects:
        out.setdefault(row.name.replace(" ", ""), []).append(_amount(row) or Decimal(0))
    return out


def _amount(row: Row) -> Decimal | None:
    amount = row.amounts.get("预算数") or row.amounts.get("合计")
    return amount.value if amount is not None and not amount.blank else None
