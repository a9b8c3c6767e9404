"""The review's policy registry (reportgen/review/policy.py): each exception to telling check's findings of a
document is registered once, with the rule ids it affects, the document that taught it and the test that shows it;
docs/review-policy.md lists them, and what review does with each rule id, as the registries say."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.readers.pdf.pdf_ocr import UNREAD
from reportgen.readers.text.lines import Line
from reportgen.review.policy import ABSENT_PART, POLICIES, PUNCTUATION, Seen, kept
from reportgen.review.scanned import told_on_scans

ROOT = Path(__file__).resolve().parent.parent
SCANNED = frozenset({1})


def _script():
    spec = importlib.util.spec_from_file_location("review_policy", ROOT / "scripts" / "review_policy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_listing_in_docs_is_what_the_registries_say() -> None:
    assert (ROOT / "docs" / "review-policy.md").read_text(encoding="utf-8") == _script().listing(), \
        "docs/review-policy.md is stale: run python scripts/review_policy.py"


def test_every_policy_names_the_test_that_shows_it_and_a_document_or_class_that_taught_it() -> None:
    for policy in POLICIES:
        file, _, name = policy.test.partition("::")
        assert (ROOT / file).exists() and re.search(rf"^def {name}\(", (ROOT / file).read_text(encoding="utf-8"),
                                                    re.MULTILINE), policy.test
        assert policy.taught and policy.when, policy.name


def test_every_rule_id_a_policy_names_is_one_reportgen_tells() -> None:
    """A rule id mistyped in a policy would never apply: each is told by some module of reportgen."""
    told = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "reportgen").rglob("*.py")
                     if path.name != "policy.py")
    assert [r for p in POLICIES for r in p.rules if f'"{r}"' not in told] == []


def test_the_first_policy_that_applies_decides() -> None:
    """烟台市教育局 2026's source writes 国有资产 不公开 (the document prints no such part): told as the part missing — but
    not told at all where its amounts are what the reading could not give (an earlier policy applies first)."""
    withheld = Finding("warning", "R-不公开", "“国有资产”声明为不公开，请确认", "s.yaml", 3, 0, "不公开")
    told, unverified = kept([withheld], Seen(document=Path("教育局.pdf")))
    assert [f.message for f in told] == [ABSENT_PART.format(part="国有资产")] and unverified == []
    assert kept([withheld], Seen(holes=frozenset({"不公开"}))) == ([], [])
    assert kept([withheld], Seen(read_in_part=True)) == ([], [])


def _line(text: str, page: int = 1) -> Line:
    return Line(7, text, page=page, line=7)


def _finding(rule: str, message: str) -> Finding:
    return Finding("warning", rule, message, "d.pdf", 7)


def test_on_a_scan_a_line_with_a_figure_not_read_tells_nothing() -> None:
    """北京市政务服务和数据管理局 2026 scanned: “政府采购预算□万元，其中：…” — what a rule says of the line rests on the
    figure not read; the same finding on a line read whole is told, with its page."""
    slip = _finding("R-句内矛盾", "“政府采购预算”与其分项之和不符")
    assert told_on_scans([slip], [_line(f"政府采购预算{UNREAD}万元，其中：服务54,033.95万元")], SCANNED, "d.pdf") == []
    told = told_on_scans([slip], [_line("政府采购预算60,000.00万元，其中：服务54,033.95万元")], SCANNED, "d.pdf")
    assert len(told) == 1 and told[0].message.startswith(slip.message) and told[0].message != slip.message


def test_on_a_scan_a_doubled_mark_ocr_read_is_not_told() -> None:
    """烟台市大数据局 2026 rasterised: “，，” where the page prints “，” — the recognition's, not the page's; another
    slip of R-文字 on the same line is told."""
    line = _line("培训人数 800 人，，培训费 12 万元")
    doubled = _finding("R-文字", PUNCTUATION.told.format("，，"))
    other = _finding("R-文字", "留有占位文字“XX”：请换成实际内容")
    assert [f.message[:len(other.message)] for f in told_on_scans([doubled, other], [line], SCANNED, "d.pdf")] \
        == [other.message]


def test_on_a_scan_the_mechanical_wording_rules_are_not_told() -> None:
    """北京市政务服务和数据管理局 2026's scanned 目录 (“九、” read after “一、”): numbering judged on a line OCR read is
    the recognition's; on a page printed with a text layer it is told."""
    numbering = _finding("R-序号", "“九、预算绩效情况”：序号“九、”与上一项不相接")
    assert told_on_scans([numbering], [_line("九、预算绩效情况")], SCANNED, "d.pdf") == []
    assert told_on_scans([numbering], [_line("九、预算绩效情况", page=2)], SCANNED, "d.pdf") == [numbering]
