"""A budget table printed as a scan that OCR reads but no table is recognised from (its title misread:
财政拨款收支预算总表 as “财政拨亚收文预算总表”) is a table printed and not read — never a table missing
(R-缺表), and the amounts it alone gives (the 一般公共预算拨款, 金额待填写 in the import) are never judged as 0
(R-收支平衡 “收入总计 0.00万元”, R-财政拨款一致).

The fixtures are real pages: 上海市刑事科学技术研究院 2026 单位预算 pp. 8–14 (收入总表 to 一般公共预算支出表), as
printed, and with p. 12 (its 财政拨款收支总表) rasterised at 200 dpi in grey, as a scanner gives it."""

from __future__ import annotations

from reportgen.review.documents import MISSING_TABLES, review_document
from tests.clients import require_ocr
from tests.support.national import FIXTURES

PRINTED = FIXTURES / "sh-city-xingkeyuan-2026-p8-14.pdf"
SCANNED = FIXTURES / "sh-city-xingkeyuan-2026-p8-14-p12scanned.pdf"


def test_a_table_scanned_and_not_recognised_is_not_missing_and_its_amounts_not_zero() -> None:
    require_ocr()
    result = review_document(SCANNED, None)
    assert result.published is not None and result.published.scanned == frozenset({5})
    assert result.scanned_tables_unread == [5]
    assert "财政拨款收支总表" in result.checklist["tables_on_scans"]
    assert result.checklist["tables_missing"] == []
    rules = {f.rule for f in result.checks}
    assert not rules & {MISSING_TABLES, "R-收支平衡", "R-财政拨款一致"}, [f.message for f in result.checks]
    assert result.outcome == "未发现问题" and result.counts["agree"] > 40


def test_the_same_pages_as_printed_tell_the_tables_they_lack() -> None:
    result = review_document(PRINTED, None)
    [lacking] = [f.message for f in result.checks if f.rule == MISSING_TABLES]
    assert "“部门收支总表”" in lacking and "“一般公共预算三公经费支出表”" in lacking
    assert "财政拨款收支总表" not in lacking  # printed on p. 5 and read
    assert result.scanned_tables_unread == [] and result.outcome == "有问题"
