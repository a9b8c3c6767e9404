"""A disclosure's 情况说明 and its 报表 printed as one PDF (as 北京's two attachments would be, bound together): the
报表's tables name no owner (no 编制单位), so the department is the one the cover names — as when the two are
given as files apart — and the text is judged against the tables, no longer 未能审核 for want of a department
(“不能为空（字段 部门）”). The 报表's rows of a cross table (基本支出 by function, 部门 and 政府经济分类: “50502-商品和
服务支出  30201-办公费  28.000000”) are a cell of a breakdown, never judged as the class's own total (北京市水务局
2026 bound as one: 3 false R-核对, “办公费 28.000000 … 应为 1,056.009323万元”).

Fixtures: 首都绿化委员会办公室 2026's 说明 and 报表 extracts (tests/fixtures/disclosure), bound with pypdf; the cross
table's lines as 北京市水务局 2026's 报表 p. 18 and p. 26 print them."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter

from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import read_statements
from reportgen.review.documents import review_document, review_files

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "disclosure"
NARRATIVE, TABLES = FIXTURES / "bj-lvhua-part1.pdf", FIXTURES / "bj-lvhua-part2.pdf"


def test_a_narrative_and_its_tables_bound_as_one_pdf_review_as_the_two_files(tmp_path: Path) -> None:
    bound = tmp_path / "bound.pdf"
    writer = PdfWriter()
    for part in (NARRATIVE, TABLES):
        writer.append(str(part))
    writer.write(bound)
    one, pair = review_document(bound, None), review_files([NARRATIVE, TABLES], None)
    assert one.imported is not None and one.imported.imported.department == "首都绿化委员会办公室"
    assert (one.outcome, one.unreviewed) == (pair.outcome, "") == ("未发现问题", "")
    assert one.counts["agree"] >= pair.counts["agree"] > 0


def test_a_row_of_a_cross_table_is_no_class_total() -> None:
    rows = ["                         50501-工资福利支出         30109-职业年金缴费            5,821.251864    5,821.251864",
            "                         50502-商品和服务支出       30201-办公费                     28.000000       28.000000"]
    assert read_statements([Line(n, text) for n, text in enumerate(rows, start=1)]) == []
    own = read_statements([Line(1, "30201-办公费                     1,056.009323       1,056.009323")])
    assert [(s.kind, s.label, str(s.value)) for s in own] == [("cell", "-办公费（30201）", "1056.009323")]
