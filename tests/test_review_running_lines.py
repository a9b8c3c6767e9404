"""The lines of a 机关运行经费 table by 经济分类 (江苏 2017 公开11表 “一般公共预算机关运行经费支出预算表”: 30201 办公费
167.03 …), which the import reads and no field of the source holds (only its 合计, 机关运行经费.本年), measure what the
text's 机关运行经费 section states of each class: “十、一般公共预算机关运行经费支出预算表说明 … （1）办公费（款）支出
167.03万元” was 未能核对 — the 基本支出's 30201 (110.00, the same name) is not its figure, and a class no 基本支出 line
has (30209 物业管理费, 31002 办公设备购置) had none. 江苏省政协办公厅 2017: its 情况说明 pp. 1, 17–18 and its tables'
pp. 1–6 and 10 (tests/fixtures/import/national/js-zhengxie-2017-p1-17-18-tables-p1to6-10.pdf)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen.importing.pipeline import import_files
from reportgen.review import review_prepared
from reportgen.review.documents import review_document, running_lines
from reportgen.review.glossary import TableLines
from reportgen.runners.render import prepare
from tests.clients import require_program
from tests.support.national import FIXTURES

ZHENGXIE = FIXTURES / "js-zhengxie-2017-p1-17-18-tables-p1to6-10.pdf"


def test_a_class_in_the_running_costs_section_is_the_running_costs_tables_line() -> None:
    require_program("pdftotext")
    result = review_document(ZHENGXIE, None)
    assert result.narrative is not None
    said = {v.statement.label: (v.statement.text, v.status, v.figure.name if v.figure else "")
            for v in result.narrative.verdicts if v.statement.kind == "amount" and "机关运行经费" in v.statement.headings}
    assert said["办公费（款）"] == ("167.03万元", "agree", "机关运行经费中的办公费")  # 基本支出's 30201: 110.00
    assert said["物业管理费（款）"] == ("446万元", "agree", "机关运行经费中的物业管理费")  # no 基本支出 line of 30209
    assert said["办公设备购置（款）"] == ("95万元", "agree", "机关运行经费中的办公设备购置")
    assert said["维修（护）费（款）"] == ("100万元", "agree", "机关运行经费中的维修（护）费")
    # and the 机关运行经费 itself, in its own section, is the table's 合计 as ever
    assert said["江苏省政协办公厅2017年一般公共预算机关运行经费支出预算"] == ("3,348.98万元", "agree", "机关运行经费")


def test_a_class_the_running_costs_table_prints_otherwise_is_told(tmp_path: Path) -> None:
    require_program("pdftotext")
    imported = import_files([ZHENGXIE], None)
    lines = {code: value for code, _, value in running_lines(imported)}
    assert lines["30201"] == Decimal("1670300") and lines["30209"] == Decimal("4460000")
    draft = tmp_path / "d.txt"
    draft.write_text("十、一般公共预算机关运行经费支出预算表说明\n（1）办公费（款）支出168.03万元。\n"
                     "（2）物业管理费（款）支出446万元。\n", encoding="utf-8")
    prepared = prepare(imported.source.named(ZHENGXIE), draft=True)
    review, problems = review_prepared(prepared, ZHENGXIE, draft, despite_errors=True, printed=TableLines(running=running_lines(imported)))
    assert review is not None, problems
    said = {v.statement.label: (v.status, v.expected) for v in review.verdicts if v.statement.kind == "amount"}
    assert said == {"办公费（款）": ("disagree", "167.03万元"), "物业管理费（款）": ("agree", "")}
