"""A disclosure given as text alone — a plain text or a web page, its tables not given (images on the page, or
left out): no table makes a source, so it is 未能审核, never passed; but its sentences are judged against each
other as a PDF's are (review_within_sentences), and what they contradict is told in the terminal too.

深圳市盐田区总工会 2022 (tests/seeds, the text of its published page): “机关运行经费财政拨款预算18.03万元，比 2021 年
预算增加 0.18 万元，增长 0.01 %” — 0.18 on 17.85 is 1.01 %, a slip; and its reasons “一是项目支出……增加预算资金
59.02 万元，具体包括：日常业务经费项目增加预算资金 3万元；二是……增加预算资金 92.69万元” — the 92.69 is the second
reason's, no part of the first's 59.02 (it was told “分项大于总数”)."""

from __future__ import annotations

import html
from pathlib import Path

from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import read_statements
from reportgen.review.documents import DocumentReview, review_document
from tests.support.cli import reportgen

SEED = Path(__file__).resolve().parent / "seeds" / "shenzhen-yantian-zgh-2022.txt"


def _told(result: DocumentReview) -> list[tuple[str, int]]:
    assert result.narrative is not None
    return sorted((f.rule, f.line) for f in result.narrative.findings())


def test_a_text_alone_is_not_reviewed_but_its_sentences_are_judged_against_each_other() -> None:
    result = review_document(SEED, None)
    assert result.outcome == "未能审核"
    assert _told(result) == [("R-句内矛盾", 362)]


def test_a_web_page_of_the_text_saved_under_a_pdf_name_is_judged_the_same(tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    page = tmp_path / "saved.pdf"  # a page saved by a crawler with the attachment's name
    page.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>预算公开</title></head><body>"
                    + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>", encoding="utf-8")
    result = review_document(page, None)
    assert result.outcome == "未能审核" and [rule for rule, _ in _told(result)] == ["R-句内矛盾"]


def test_the_terminal_tells_the_sentences_of_a_text_it_could_not_review() -> None:
    done = reportgen("review", SEED)
    assert "未能审核" in done.stdout and "错误 [R-句内矛盾]" in done.stdout and done.returncode != 0


def test_the_second_reason_is_no_part_of_a_list_within_the_first() -> None:
    text = ("预算收支增加主要原因：一是项目支出与2021年预算安排768.54万元相比，增加预算资金59.02万元，具体包括：日常"
            "业务经费项目增加预算资金3万元；二是全区行政事业单位缴纳工会经费增加预算资金92.69万元。")
    parts = {(s.text, s.part_of.text if s.part_of else None) for s in read_statements([Line(1, text)])
             if s.kind == "amount"}
    assert ("92.69万元", None) in parts and ("3万元", "59.02万元") in parts


def test_a_source_its_prose_alone_gave_is_not_told_for_reasons_the_reading_never_reads() -> None:
    """山海关区工会 2020 (tests/seeds, its page's text): its figures are read from its prose alone, and prose gives
    the import no 变动原因 (“较2019年预算增加4.39万元，其中：基本支出增加4.27万元，主要为工资福利支出增加3.94万元……”
    explains it): “收支总计比上年变动 11.24% … 未说明原因” was the reading's gap told as the document's."""
    result = review_document(SEED.with_name("qinhuangdao-shanhaiguan-gh-2020.txt"), None)
    assert result.imported is not None and not result.imported.documents  # the prose's own source
    assert not [f.message for f in result.checks if f.rule == "缺少变动原因"]
    assert result.outcome == "未能审核"
