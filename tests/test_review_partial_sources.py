"""What check tells the writer of a partial source about its render is not told of a published document
by review: the import's source of a document whose income table was not read for sure says the other
income is 其余未公开 — the reading's partial knowledge, not the document's slip (江苏省 2018 budgets: their
收支预算总表 printed side by side with two spending halves, not read for sure, gave every review
“收入只写了一部分（其余未公开），又没写收入总计：正文不写收入总计……”). Errors — printed figures that cannot
agree — are told as ever."""

from __future__ import annotations

from pathlib import Path

from reportgen.review.policy import Seen, kept
from reportgen.runners.render import prepare, prepared_findings

SOURCE = """部门: 某局
年度: 2026
金额单位: 万元
部门概况:
  职责: [某职责]
收入:
  一般公共预算拨款: 100
  其余未公开: true
支出:
  基本支出: {合计: 60}
  项目支出: 40
不公开: [三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""


def _findings(tmp_path: Path, text: str) -> list:
    source = tmp_path / "s.yaml"
    source.write_text(text, encoding="utf-8")
    return prepared_findings(prepare(source, draft=True), parts=False)


def _the_readings_gap(finding) -> bool:
    """Whether review tells the finding of a document read whole (review/policy.py): not, where it is the reading's gap."""
    return not kept([finding], Seen())[0]


def test_a_partial_sources_render_notes_are_the_readings_gap(tmp_path: Path) -> None:
    notes = [f for f in _findings(tmp_path, SOURCE) if f.rule == "R-收入未公开"]
    assert notes and all(f.severity == "warning" for f in notes)
    assert all(_the_readings_gap(f) for f in notes)


def test_income_that_cannot_agree_with_its_total_is_still_told(tmp_path: Path) -> None:
    stated = SOURCE.replace("  其余未公开: true\n", "  其余未公开: true\n  收入总计: 90\n")
    errors = [f for f in _findings(tmp_path, stated) if f.rule == "R-收入未公开" and f.severity == "error"]
    assert errors and not any(_the_readings_gap(f) for f in errors)  # 收入总计 90 below the 100 printed
