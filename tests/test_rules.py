"""One registry of rules (reportgen/base/rules.py): check's rules on a source, review's on a draft's words
and on its sentences, each registered once — its ids, its severities, what it reads, its function —
and run from there by check and review alike; a slip of wording defined once (checks/slips.py) and
found by both, in a source's free text and in a draft."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.base import rules
from reportgen.base.errors import Finding
from reportgen.base.rules import SENTENCES, SOURCE, TEXT, Rule, rules_reading
from reportgen.checks import run_checks
from reportgen.checks.slips import SLIPS
from reportgen.readers.published import read_draft
from reportgen.readers.text.statements import read_statements
from reportgen.review.sentences.sentence_rules import Said, sentence_findings_of
from reportgen.review.text_rules import read_text, text_findings
from reportgen.runners.render import prepare
from tests.test_review import write_source

ROOT = Path(__file__).resolve().parent.parent
# the shipped sources, and those the tests made from published documents (held out, partly published)
SOURCES = sorted([*(ROOT / "data").glob("*.yaml"), *(ROOT / "tests" / "sources").rglob("*.yaml")])
# the published documents the tests hold (copies of ../shared/seeds): texts, PDFs, 决算
DRAFTS = sorted([*(ROOT / "tests" / "seeds").glob("*.txt"), *(ROOT / "tests" / "seeds" / "pdf").glob("*.pdf"),
                 *(ROOT / "tests" / "seeds" / "juesuan").glob("*.pdf")])


def _year(path: Path) -> int:
    return int(re.findall(r"(20\d\d)", path.name)[-1])


def _told(rule: Rule, findings: list[Finding]) -> set[tuple[str, str]]:
    """What ``rule`` told that it does not declare (its ids and severities)."""
    return {(f.rule, f.severity) for f in findings if f.rule not in rule.ids or f.severity not in rule.severities}


def test_every_rule_of_a_source_tells_only_what_it_declares():
    from reportgen.compute.phrasing import Money

    told: set[str] = set()
    for path in SOURCES:
        prepared = prepare(path)
        if prepared.budget is None or prepared.figures is None:
            continue
        for rule in rules_reading(SOURCE):
            found = list(rule.check(prepared.budget, prepared.figures, Money(prepared.budget.presentation)))
            assert not _told(rule, found), (path.name, rule.id, _told(rule, found))
            told |= {f.rule for f in found}
    assert len(told) >= 6, told  # the sources do give the rules something to tell


def test_every_rule_of_a_draft_tells_only_what_it_declares():
    assert len(DRAFTS) >= 8
    told: set[str] = set()
    for path in DRAFTS:
        lines, year = read_draft(path), _year(path)
        text = read_text(lines, year, str(path))
        for rule in rules_reading(TEXT):
            found = list(rule.check(text))
            assert not _told(rule, found), (path.name, rule.id, _told(rule, found))
            told |= {f.rule for f in found}
        said = Said(read_statements(lines), str(path), year)
        for rule in rules_reading(SENTENCES):
            found = list(rule.check(said))
            assert not _told(rule, found), (path.name, rule.id, _told(rule, found))
            told |= {f.rule for f in found}
    assert len(told) >= 5, told


def test_the_three_readings_are_one_registry_with_an_id_and_a_severity_each():
    kinds = {rule.reads for rule in rules.RULES}
    assert kinds == {SOURCE, TEXT, SENTENCES}
    assert all(rule.ids and rule.severities and set(rule.severities) <= {"error", "warning"} for rule in rules.RULES)
    text_ids = [rule.id for rule in rules_reading(TEXT)]
    assert len(text_ids) == len(set(text_ids)), "a text rule's id names it alone"
    assert {"R-文字", "R-空表", "R-科目名称", "R-模板选项", "R-重复段落"} <= set(text_ids)  # a wording rule has one home


@pytest.mark.parametrize("reads", [SOURCE, TEXT, SENTENCES])
def test_a_rule_registered_once_is_run_by_the_command_that_reads_it(reads, monkeypatch, tmp_path):
    """Registering is all a new rule needs: check runs a source's, review a draft's; one that needs the
    year is passed over where no source gives it."""
    def new_rule(*subject: object) -> list[Finding]:
        return [Finding("warning", "R-新规则", "新规则的发现", "x", 1)]

    monkeypatch.setattr(rules, "RULES", [*rules.RULES, Rule(("R-新规则",), ("warning",), reads, new_rule, True)])
    draft = tmp_path / "draft.txt"
    draft.write_text("一、部门预算收支情况\n本年收入预算 100.00 万元，比上年增加 10.00 万元，增长 11.11%。\n",
                     encoding="utf-8")
    lines = read_draft(draft)
    if reads == SOURCE:
        prepared = prepare(SOURCES[0])
        assert prepared.budget is not None and prepared.figures is not None
        found = run_checks(prepared.budget, prepared.figures)
        unheard: list[Finding] = []
    elif reads == TEXT:
        found, unheard = text_findings(lines, 2025, draft), []
    else:
        found = sentence_findings_of(Said(read_statements(lines), str(draft), 2025))
        unheard = sentence_findings_of(Said(read_statements(lines), str(draft), None))
    assert [f.message for f in found if f.rule == "R-新规则"] == ["新规则的发现"]
    assert not [f for f in unheard if f.rule == "R-新规则"]


SAMPLES = ("XX", "{单位}", "增加增加", "增加持平", "。。")  # one of each slip, in the order of SLIPS


def test_a_slip_of_wording_is_one_definition_found_by_check_and_by_review(tmp_path):
    assert len(SAMPLES) == len(SLIPS)
    for index, (slip, words) in enumerate(zip(SLIPS, SAMPLES, strict=True)):
        assert slip.pattern.fullmatch(words), words
        sentence = f"职工服务阵地运行经费{words}，主要用于会员服务"

        def change(d, sentence=sentence):  # type: ignore[no-untyped-def]
            d["变动原因"]["收支总计"] = sentence

        (tmp_path / str(index)).mkdir()
        found = [f.message for f in prepare(write_source(tmp_path / str(index), change)).errors
                 if f.rule == "R-占位文字" and f.path == "变动原因.收支总计"]
        assert found == [f"变动原因.收支总计中有{slip.what}“{words}”"], (words, found)
        draft = tmp_path / f"draft{index}.txt"
        draft.write_text(sentence + "\n", encoding="utf-8")
        told = [f.message for f in text_findings(read_draft(draft), 2025, draft) if f.rule == "R-文字"]
        assert told == [slip.told.format(words)], (words, told)
