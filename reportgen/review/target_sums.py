"""The 绩效管理 sentence's projects and money against the 绩效目标表 the document prints: where it counts as many
projects as there are tables (a table printed twice in a row counted once), its money is theirs together, and its
其中财政拨款 their 财政拨款 together (烟台市文化和旅游局 2026: “涉及一级预算项目33个，预算资金9754.42万元，其中财政拨款
6733.42万元”, its 33 tables 9,744.42 and 6,743.42). Each figure that is not is told at the sentence, within the
rounding of its printed places and of the tables' own. A count that is not the tables' leaves the money unjudged (the
sentence may count projects some tables do not have, or the tables may be of some of them)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.importing import Imported, Placed
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import target_text_words
from reportgen.review.target_tables import TargetMoney, target_money
from reportgen.review.target_texts import copies

_HALF_CENT = Decimal("0.005")  # a table's 万元 printed to the cent: each within half a cent
_REACH = 3  # lines of the sentence read from the one its money is printed on


def against_management(imported: Imported, lines: list[Line], document: Path) -> list[Finding]:
    """The sentence's money and its 其中财政拨款 against the tables', where it counts as many projects as they are."""
    stated = _count_and_money(imported)
    if stated is None:
        return []
    count, amount, where = stated
    tables = _printed_once(lines)
    at = next((line for line in lines if line.where == where), None)
    if at is None or count != len(tables) or not tables:
        return []
    total = sum((t.amount for t in tables), Decimal(0))
    out = _told(amount, total, (f" {count} 个项目、预算资金", "年度预算资金"), len(tables), at, document)
    return out + _fiscal_against(_fiscal_stated(lines, at, amount), tables, at, document)


def _fiscal_against(fiscal: Decimal | None, tables: list[TargetMoney], at: Line, document: Path) -> list[Finding]:
    """The sentence's 其中财政拨款 against the tables' 财政拨款, where it states one and every table prints one."""
    if fiscal is None or any(t.fiscal is None for t in tables):
        return []
    return _told(fiscal, sum((t.fiscal or Decimal(0) for t in tables), Decimal(0)), ("其中财政拨款", "财政拨款"),
                 len(tables), at, document)


def _count_and_money(imported: Imported) -> tuple[object, Decimal, str] | None:
    """The count of projects 绩效管理 states, their money (in 万元, as the tables print it) and where it is; None where
    it does not state both."""
    stated = imported.tree.get("绩效管理")
    count, money = (stated.get("项目数"), stated.get("金额")) if isinstance(stated, dict) else (None, None)
    if not isinstance(count, Placed) or not isinstance(money, Placed) or not isinstance(money.value, Decimal):
        return None
    return count.value, _in_wan(money.value) if imported.unit == "元" else money.value, money.where


def _printed_once(lines: list[Line]) -> list[TargetMoney]:
    """The money of each target table, a table printed again (a copy) counted once."""
    tables = target_money(lines)
    repeated = {id(other) for _, other in copies(lines, tables)}
    return [t for t in tables if id(t) not in repeated]


def _in_wan(yuan: Decimal) -> Decimal:
    """An amount of a source in 元 as the 万元 the sentence printed it in (33,281,300 → 3328.13): its places as few
    as it has, two at least."""
    wan = (yuan / 10000).normalize()
    exponent = wan.as_tuple().exponent
    return wan.quantize(Decimal("0.01")) if isinstance(exponent, int) and exponent > -2 else wan


def _told(stated: Decimal, added: Decimal, what: tuple[str, str], count: int, at: Line, document: Path) -> list[Finding]:
    """A finding where the stated figure is not the tables' together, beyond the rounding of both."""
    exponent = stated.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if abs(stated - added) <= Decimal(1).scaleb(-places) / 2 + _HALF_CENT * count:
        return []
    return [Finding("error", "R-绩效目标金额", f"绩效管理的说明写明{what[0]} {stated:,}万元，而印出的 {count} 张项目绩效目标表的"
                    f"{what[1]}合计为 {added:,}万元", str(document), at.number)]


def _fiscal_stated(lines: list[Line], at: Line, amount: Decimal) -> Decimal | None:
    """The 其中财政拨款 the sentence gives right after its money (“预算资金9754.42万元，其中财政拨款6733.42万元”)."""
    index = lines.index(at)
    text = "".join(re.sub(r"\s+", "", line.text) for line in lines[index:index + _REACH])
    words = "|".join(re.escape(w) for w in target_text_words()["绩效管理金额的财政拨款"])
    found = re.search(rf"(?<![\d.]){re.escape(f'{amount:f}')}万元[，,]?(?:{words})(\d[\d,]*(?:\.\d+)?)万元", text)
    return Decimal(found.group(1).replace(",", "")) if found else None

