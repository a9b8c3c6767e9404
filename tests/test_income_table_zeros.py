"""A source of income the 收支总表 leaves blank that the 收入总表 prints as 0 (issue 80: the import writes the zeros
the tables print, so that next year's draft prints them too): 普陀区万里街道 2025's 收支总表 prints 事业收入,
事业单位经营收入 and 其他收入 blank, its 收入总表 “0” on its 合计 row and on every line. The import writes each as 0,
placed at the 收入总表's cell; the draft in the layout learned from 2024 then prints the 0s of each line (the pair
2024 → 2025: 634 → 835 of 868 figures in place, bench/learned_tables --pairs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import cli

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "pdf"


@pytest.mark.slow
def test_zeros_of_the_income_table_are_written_where_the_summary_leaves_them_blank(tmp_path) -> None:
    source = tmp_path / "source.yaml"
    assert cli.main(["import", str(SEEDS / "shanghai-putuo-wanli-2025.pdf"), "-o", str(source)]) == 0
    lines = source.read_text(encoding="utf-8").splitlines()
    income = lines[lines.index("收入:") + 1: lines.index("支出:")]
    assert [line.split("#")[0].strip() for line in income] == [
        "一般公共预算拨款: 189767551", "事业收入: 0", "事业单位经营收入: 0", "其他收入: 0"]
    assert all("收入总表 第13页" in line for line in income[1:])
    assert "政府性基金" not in "".join(income)  # blank on the 收支总表, no column of the 收入总表: not written
