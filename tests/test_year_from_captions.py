"""年度 of a document whose tables read name no year (北京's 报表 published apart from the 说明: its 预算01表 … print
none) is read from the captions of its tables that state their year — 预算13表 部门整体支出绩效目标表 “（2026年度）” —
placed at that caption; captions stating two years leave 年度 unwritten and say so (never chosen). Before, 北京市审计局's
报表 imported alone wrote no 年度, and 北京市水务局's wrote 年度 2025 from a 绩效指标 cell (“2025年部门预算项目绩效自评
完成时间”). Written from 北京 (审计局, 首都绿化办) and shown unchanged on 陕西 (西安市行政审批服务局 2025's
“部门专项业务经费绩效目标表 / （2025年度）”).

`check` of a source whose 年度 is left out tells every other finding in the same run, the 年度 error among them, and
says in one warning which rules wait for the year (the codes by the year's catalogue …), never silently skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.text.text_sheets import add_caption_year
from reportgen.readers.published import read_published
from reportgen.reading.yamlsafe import load_yaml
from reportgen.runners.render import YEAR_RULES, check_findings
from tests.clients import require_program

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
SHENJIJU = FRESH / "bj-shenjiju-2026-dept-budget-tables.pdf"  # 北京市审计局 2026 报表, 21 pages
XIAN = FRESH / "sn-xian-xingzhengshenpi-2025-dept-budget.pdf"  # 西安市行政审批服务局 2025, 说明 and 报表 in one


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


@pytest.fixture(scope="module")
def shenjiju(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shenjiju") / "shenjiju.yaml"
    path.write_text(import_files([SHENJIJU], None).source.text, encoding="utf-8")
    return path


def test_the_year_of_beijing_tables_is_read_from_the_caption_that_prints_it(shenjiju: Path) -> None:
    """预算13表's “（2026年度）” under its title, 第20页 第2行: the only place the 报表 prints its year."""
    assert load_yaml(shenjiju)["年度"] == 2026
    assert "年度: 2026   # 第20页 第2行" in shenjiju.read_text(encoding="utf-8")


def test_the_year_of_a_third_region_is_read_from_its_captions() -> None:
    """西安's 绩效目标表 captions “（2025年度）”: the year its tables' captions state, placed at the first."""
    imported = Imported({})
    notes: list[str] = []
    assert add_caption_year(imported, read_published(XIAN).lines, notes)
    assert imported.year == 2025 and notes == []
    assert "2025" in str(imported.tree["年度"].value)


def test_captions_stating_two_years_leave_the_year_unwritten_and_say_so() -> None:
    """北京's 2026 captions beside 西安's 2025 ones: not chosen — 年度 not written, both years told with their places."""
    imported = Imported({})
    notes: list[str] = []
    lines = read_published(SHENJIJU).lines + read_published(XIAN).lines
    assert add_caption_year(imported, lines, notes)
    assert imported.year is None and "年度" not in imported.tree
    assert len(notes) == 1 and "2025 年（" in notes[0] and "2026 年（第20页 第2行）" in notes[0]


def test_check_tells_every_other_finding_while_the_year_is_left_out(shenjiju: Path, tmp_path: Path) -> None:
    """The 报表 imported with its 年度 taken out: the 年度 error, one warning naming the rules not checked, and every
    other finding of the source with its year — but those the year judges."""
    text = shenjiju.read_text(encoding="utf-8")
    yearless = tmp_path / "yearless.yaml"
    yearless.write_text("\n".join(line for line in text.splitlines() if not line.startswith("年度:")) + "\n",
                        encoding="utf-8")
    with_year = {(f.rule, f.path, f.message) for f in check_findings(shenjiju) if f.rule not in YEAR_RULES}
    told = check_findings(yearless)
    assert [f.rule for f in told if f.path == "年度"] == ["必填", "未核对"]
    assert {(f.rule, f.path, f.message) for f in told if f.path != "年度"} == with_year
    assert any(f.rule == "R-不公开" for f in told)  # a finding prepare's 年度 error hid before
