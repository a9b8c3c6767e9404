"""财政拨款支出 by fund without function rows: its income and its appropriations carried over, less those carried
forward, where the source gives them by fund (compute: FunctionFigures.fund_spent); not known else, and the draft prints
no figure for it — never the income taken for the spending.

国家信访局's 2026 budget (../shared/corpus/fresh1) gives no function rows (its tables held as printed, 表行) and carries
2,254.12 over, printed by fund in its 财政拨款收支总表 (二、上年结转 (一)一般公共预算拨款 2,254.12; 二、结转下年 blank): its
本年支出 is 18,728.94 of 16,474.82 income. main 05678d7 (fiscal82) left 本年支出 and 支出总计 blank (the carry-over by fund
not imported); fiscal81 printed them 16,474.82 (the income taken for the spending). The mechanism (importing/budget/
fiscal_carried.py) was written from 北京 (市民政局, 审计局) and 重庆 (市委宣传部); this document is the third."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from reportgen import cli
from tests.learned_import import fresh_pdf, import_once, imported_with_layout


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))


@pytest.mark.slow
def test_xinfangju_spending_not_its_income(tmp_path: Path) -> None:
    source, layout = imported_with_layout(tmp_path, fresh_pdf("central-guojia-xinfangju-2026-dept-budget.pdf"))
    out = tmp_path / "out"
    assert cli.main(["render", str(source), "--layout", str(layout), "--draft", "--format", "html", "-o", str(out)]) == 0
    text = _text(out / "source.html")
    table = text[text.index("财政拨款收支总表 部门名称"):text.index("注：财政拨款收支包括")]
    assert "本年收入 16,474.82" in table  # the income as printed
    assert table.count("16,474.82") == 2  # 本年收入 and 一般公共预算拨款: never as 本年支出 or 支出总计
    assert "本年支出 18,728.94" in table and "上年结转 2,254.12" in table  # as the source prints them
    assert "收入总计 18,728.94" in table and re.search(r"支出总计 18,728.94 $", table)


@pytest.mark.slow
def test_no_balance_said_between_unequal_figures(tmp_path: Path) -> None:
    """The default wording says 收支平衡 only where 财政拨款收入 and 支出 are one figure: 国家信访局's 16,474.82 in and
    18,728.94 spent (2,254.12 carried over) are not (main 7769aed printed “财政拨款支出预算18,728.94万元，收支平衡。”)."""
    source, _ = import_once(tmp_path, fresh_pdf("central-guojia-xinfangju-2026-dept-budget.pdf"), learn=False)
    out = tmp_path / "out"
    assert cli.main(["render", str(source), "--draft", "--format", "html", "-o", str(out)]) == 0
    text = _text(out / "source.html")
    said = text[text.index("财政拨款收入预算16,474.82万元"):]
    assert said.index("财政拨款支出预算18,728.94万元。") < said.index("一般公共预算支出情况")
    assert "收支平衡" not in text
