"""The reader of one source's sections: the file and its year, the amount unit, the findings with
file and line, the line of every value read, and the codes named so far (a department's 科目表 and
names, shared with its units). It reads amounts and lines; the sections themselves are read by the
modules beside it (income, spending, code_names, units, prior, matters, targets, final_accounts),
and loader.py puts them together into a Budget."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen import codes
from reportgen.base.errors import Finding
from reportgen.docmodel.model import Compared, StatedTotal
from reportgen.reading.amounts import yuan_factors
from reportgen.reading.yamlsafe import LocDict, to_decimal_text

UNIT_FACTOR = yuan_factors("元", "万元")
ZERO = Decimal(0)


class Precision:
    """The finest precision the source states its amounts in: the most decimal places any amount
    has in 元 (0 while every amount is whole 元; 2 for 91,016,775.35). Shared by a department's
    reader and its units', so that the document prints every figure any of them states whole."""

    __slots__ = ("places",)

    def __init__(self) -> None:
        self.places = 0

    def note(self, amount: Decimal) -> Decimal:
        """``amount`` (in 元), its places counted where it has a fraction of a 元."""
        if amount % 1:
            self.places = max(self.places, -amount.normalize().as_tuple().exponent)  # type: ignore[operator]
        return amount


class SourceReader:
    def __init__(self, path: Path, data: LocDict, year: int | None = None, unit: str | None = None,
                 parent: SourceReader | None = None) -> None:
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
        self.precision: Precision = parent.precision if parent else Precision()

    def line(self, mapping: Any, key: str, path: str) -> int:
        marks = getattr(mapping, "value_marks", {})
        line = marks[key].line if key in marks else getattr(getattr(mapping, "mark", None), "line", 0)
        self.lines[path] = line
        return line

    def item_line(self, item: Any, path: str) -> int:
        """The line of one item of a list (a row, a project, a unit), remembered under ``path``."""
        line = item.mark.line if hasattr(item, "mark") else 0
        self.lines[path] = line
        return line

    def amount(self, value: Any) -> Decimal:
        return self.precision.note(to_decimal_text(str(value)) * self.factor)

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
        return self.precision.note(value * self.factor) if scale else value

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
