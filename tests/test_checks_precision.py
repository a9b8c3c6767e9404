"""Checks at the printed precision (issue 37, part 3): a figure printed to 0.01 万元 and its 元
counterpart agree when they agree at 0.01 万元 — whichever is the rounded one, in either 金额单位 —
and differ when they differ there."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from reportgen.checks.precision import exceeds
from reportgen.runners.render import check_findings
from reportgen.runners.rollover import dump

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "example-execution-2024.yaml"


@pytest.mark.parametrize(("larger", "limit", "over"), [
    ("7345", "7300", False),  # 0.73 万元 printed; 7,345 元 rounds to it
    ("7345.67", "7300", False),  # 7,345.67 元 (to the 分) rounds to 0.73 万元: agrees
    ("7350", "7300", True),  # rounds to 0.74 万元
    ("7300", "7345", False),  # the rounded one the larger: 0.73 万元 against 7,345 元
    ("7345", "7344", True),  # both to the 元: exact
    ("7400", "7300", True),  # both printed to 0.01 万元: exact
])
def test_exceeds_at_the_printed_precision(larger, limit, over):
    assert exceeds(Decimal(larger), Decimal(limit)) is over


def _three_public_findings(tmp_path: Path, reception: str, outside: str | None = None) -> list[str]:
    """The example source with 10 (万元) of its 30299 given as 30217 公务接待费 to the 元 (``reception``
    万元), the rest to 30299, ``outside`` of it 不计入三公; its “三公” 公务接待费 printed as 1 (1.00 万元)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    rows = data["支出"]["基本支出"]["经济分类"]
    other = next(r for r in rows if r["科目"] == 30299)
    other["金额"] = Decimal(10) - Decimal(reception)
    rows.append({"科目": 30217, "金额": Decimal(reception)})
    if outside is not None:
        rows[-1]["不计入三公"] = Decimal(outside)
    path = tmp_path / "precision.yaml"
    path.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    return [f.format() for f in check_findings(path) if f.rule == "R-三公经费"]


def test_a_reception_row_to_the_yuan_agrees_with_its_three_public_figure_to_the_wan(tmp_path):
    assert _three_public_findings(tmp_path, "1.0049") == []  # 10,049 元 is 1.00 万元
    found = _three_public_findings(tmp_path, "1.0051")  # 10,051 元 is 1.01 万元
    assert len(found) == 1 and "公务接待费" in found[0]


def test_the_part_of_a_row_the_three_public_leave_out_is_not_held_against_them(tmp_path):
    """北京市教育委员会 2026's 30212 因公出国（境）费用 (1,631.93 万元) holds 科研类 and 教学类 trips, which the
    “三公”经费 (因公出国（境）费 1,026.36 万元) leave out by rule: the row less its 不计入三公 is compared."""
    assert _three_public_findings(tmp_path, "3", outside="2") == []
    found = _three_public_findings(tmp_path, "3", outside="1.5")
    assert len(found) == 1 and "不计入“三公”的 1.50万元 已减去" in found[0]


@pytest.mark.parametrize(("code", "outside", "said"), [
    (30101, "1", "“不计入三公”只用于“三公”经费对应的款"),  # 基本工资: no “三公” item is held to it
    (30217, "12", "大于本款金额"),  # more than the row itself
])
def test_a_part_outside_the_three_public_is_refused_where_it_cannot_stand(tmp_path, code, outside, said):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    rows = data["支出"]["基本支出"]["经济分类"]
    row = next((r for r in rows if r["科目"] == code), None)
    if row is None:
        other = next(r for r in rows if r["科目"] == 30299)
        other["金额"] = Decimal(other["金额"]) - 10
        row = {"科目": code, "金额": Decimal(10)}
        rows.append(row)
    row["不计入三公"] = Decimal(outside)
    path = tmp_path / "outside.yaml"
    path.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    found = [f for f in check_findings(path) if f.rule == "R-三公经费" and f.severity == "error"]
    assert len(found) == 1 and said in found[0].message and found[0].path.endswith(".不计入三公") and found[0].line > 0
