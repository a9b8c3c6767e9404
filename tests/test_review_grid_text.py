"""Lines of a table grid are not prose: a page set in columns whose grid the import does not recognise (北京's
项目支出绩效目标表 when the 报表 is bound behind the 情况说明 in one PDF, 烟台's 绩效目标表 in its 说明) was joined
into “sentences” of cells (“成本指标经济成本指标项目预算控制数＝24万元产出指标…”), each figure counted as a prose
figure 未能核对 with no finding possible. Its figures are no prose figures (review.prose_statements); prose set with
wide spaces among table rows on one page (江苏 2017) is read as before. Pages cut from the published documents."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen.readers.published import read_published
from reportgen.readers.text.statements import Statement, read_statements
from reportgen.review import prose_statements

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "national"
# 北京市教育委员会 2026: 情况说明 p. 9, then 报表 p. 48 (a 项目支出绩效目标表), bound as one file
BOUND = FIXTURES / "beijing-jiaoyuwei-2026-narrative-p9-tables-p48.pdf"
YANTAI = FIXTURES / "yantai-renshe-2026-p57.pdf"  # 烟台市人力资源和社会保障局 2026 p. 57: a 绩效目标表
JIANGSU = FIXTURES / "js-jianchayuan-2017-p18.pdf"  # 江苏省人民检察院 2017 p. 18: 政府采购 rows, then its prose


def _prose(statements: list[Statement], page: int, path: Path) -> list[str]:
    lines = read_published(path).lines
    on = {line.number for line in lines if line.page == page}
    return [st.text for st in statements if st.kind != "cell" and st.line in on]


def test_a_target_table_bound_behind_the_narrative_is_no_prose():
    lines = read_published(BOUND).lines
    # the sentence reader joins the grid's cells into sentences: “…项目预算控制数＝24万元…”
    assert "300万元" in _prose(read_statements(lines), 2, BOUND)
    assert _prose(prose_statements(lines), 2, BOUND) == []
    # the 情况说明's page is read whole: its 支出 and the 事业单位经营支出 its items list
    prose = _prose(prose_statements(lines), 1, BOUND)
    assert prose == _prose(read_statements(lines), 1, BOUND)
    assert {"4483899.83万元", "4354.50万元", "占本年支出预算74.41%"} <= set(prose)


def test_a_target_tables_cells_in_the_explanation_are_no_prose():
    """“考务人员考务费标准500元/天/人”, “…300元/天/人标准”, “≤电脑12元/小时/台”: indicators of a 绩效目标表."""
    lines = read_published(YANTAI).lines
    assert _prose(read_statements(lines), 1, YANTAI) == ["500元", "300元", "12元"]
    assert _prose(prose_statements(lines), 1, YANTAI) == []


def test_prose_set_with_wide_spaces_below_a_tables_rows_is_read():
    """“各增加       1463.8  万元，增长” / “8.85   %”: the page's 政府采购 rows above it are set in columns, its prose is not."""
    lines = read_published(JIANGSU).lines
    statements = prose_statements(lines)
    assert _prose(statements, 1, JIANGSU) == _prose(read_statements(lines), 1, JIANGSU)
    change = next(st for st in statements if st.text == "1463.8万元")
    assert (change.kind, change.value) == ("change", Decimal("1463.8"))
