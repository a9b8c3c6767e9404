"""An income side's rows that name no source but are none (issue 79, issue 80): the year's income printed first, over
its sources — 西安市行政审批服务局 2025's 收支总表 “一、部门预算 50,937,608.35”, then 1、财政拨款, (1)一般公共预算拨款 …, its
本年收入合计 50,937,608.35 under them; the 财政拨款收支总表 of 长沙, 国家信访局, 重庆, 长春, 苏州 and 无锡 “一、本年收入”,
then its funds adding up to it — and a part of the row above (西安's “其中：专项资金列入部门预算的项目” under its
一般公共预算拨款). The import read each as income of a source it has no field for: 西安's income was written in part
(其余未公开), its learned draft printed no 本年收入合计, and the 财政拨款收支总表's 收入总计 was held to no item.

Written from 西安 and 长沙; shown, unchanged, on 国家信访局 2026, 重庆市委宣传部 2026, 长春市信访局 2026, 苏州 and 无锡. A
source the side prints alone under words of no field (长沙's 收支总表 “本级财政拨款收入 68,632.12”, every row naming a
source under it blank) is still one: its funds come from the 财政拨款收支总表 (tests/test_side_labels_spaced.py)."""

from __future__ import annotations

import pytest

from reportgen.importing.budget.build import unknown_income
from reportgen.importing.pipeline import import_files
from tests.clients import require_program
from tests.learned_import import fresh_pdf, imported_with_layout

XIAN = "sn-xian-xingzhengshenpi-2025-dept-budget.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _unknown(name: str, kind: str) -> bool:
    imported = import_files([fresh_pdf(name)], None).imported
    return unknown_income(imported.catalog, imported.sides[kind][0])


@pytest.mark.slow
def test_the_whole_printed_over_its_sources_is_no_source(tmp_path) -> None:
    assert not _unknown(XIAN, "收支总表")
    source, _ = imported_with_layout(tmp_path, fresh_pdf(XIAN))
    text = source.read_text(encoding="utf-8")
    assert "其余未公开" not in text
    assert "  一般公共预算拨款: 50937608.35   # 收支总表 第21页 第8行" in text.splitlines()


@pytest.mark.slow
@pytest.mark.parametrize("name", [XIAN, "hn-changsha-gonganju-2025-dept-budget.pdf",
                                  "central-guojia-xinfangju-2026-dept-budget.pdf", "cq-xuanchuanbu-2026-dept-budget.pdf",
                                  "jl-changchun-xinfangju-2026-dept-budget.pdf", "js-suzhou-yingji-2026-dept-budget.pdf",
                                  "js-wuxi-xinfangju-2025-dept-budget.pdf"])
def test_this_years_income_over_its_funds_is_no_source(name) -> None:
    assert not _unknown(name, "财政拨款收支总表")


@pytest.mark.slow
def test_a_source_printed_alone_is_still_one() -> None:
    assert _unknown("hn-changsha-gonganju-2025-dept-budget.pdf", "收支总表")
