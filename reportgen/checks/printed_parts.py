"""R-其中栏: each figure of a column a table prints headed “其中：…” (其中栏) against the column it is a part of, on its
line (a function line, the 合计 row, or a unit's line of a table by unit): a part is never more than its whole, and never stands on a line or under a column the table has not — else an
error (the part not printed, never dropped)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.rules import SOURCE, rule
from reportgen.checks.registry import make_finding
from reportgen.compute import Computed
from reportgen.compute.phrasing import Money
from reportgen.docmodel.model import Budget


@rule("R-其中栏", SOURCE, "error")
def printed_parts(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """Each line of each part (其中栏.<表>.<栏>.<名称>) against its whole's figure on that line, as the table prints it."""
    for table, wholes in b.printed_parts.items():
        for whole, parts in wholes.items():
            for name, lines in parts.items():
                for key, stated in lines.items():
                    figure = _whole(b, f, table, whole, key)
                    if figure is None or stated > figure:
                        path = f"其中栏.{table}.{whole}.{name}"
                        line = "合计行" if key == "合计" else f" {key} 行"
                        shown = "没有这一行的数" if figure is None else f"为 {m.with_unit(figure)}"
                        yield make_finding(b, "error", "R-其中栏", f"{table}的{line}“其中：{name}”印作 "
                                           f"{m.with_unit(stated)}，大于它所属的{whole}（{shown}）：不照印",
                                           b.line_of(path), path)


def _whole(b: Budget, f: Computed, table: str, whole: str, key: str) -> Decimal | None:
    """The figure of the column a part belongs to on a line — a function line or the 合计 row, as the table prints it,
    or a unit's line of a table by unit (表行: by its 单位编码, else its name); None where the table has no such line
    or column."""
    units = [line for line in b.table_lines.get(table, ()) if line.unit and key in (line.unit_code or line.unit,)]
    if units and key != "合计":
        return units[0].column(whole)
    computed = (f.table_line(table, key) or {}).get(whole)
    return None if computed is None else f.printed_line(table, key, whole, computed)
