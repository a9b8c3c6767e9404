"""The review's policy: what `review` does with `check`'s findings on a document's imported source, registered once each.

`review` imports a published document into a source in memory and runs every rule of `check` on it; most of what check
finds is a slip of the document, told as it is. Some is not: what the reading missed, what a render of the source would
leave out, what the document's tables already told. Each such exception is a predicate registered here with ``@policy``:
the rule ids it affects (none: any rule), what review does instead (``does``), the document or class that taught it, and
the test that shows it — as reportgen/base/rules.py registers the rules. Three walks read the registry:

* :func:`kept` — the source's findings (and the findings judging the text brought, ``narrative``): for each finding the
  first policy registered that applies decides (not told, listed unverified, told in other words); none: told as is;
* :func:`notes` — the notes (提示) review tells in a finding's stead, each of a registered ``@note``;
* :func:`kept_on_scan` — a finding on a line of a page read by OCR (review/scanned.py): not told where a policy applies.

docs/review-policy.md lists what review does with each rule id (scripts/review_policy.py writes it, a test keeps it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.checks.budget import GRADUAL_PARTS, UNLISTED, running_costs_over_public
from reportgen.checks.slips import REPEATED_PUNCTUATION, SLIPS
from reportgen.compute.phrasing import Money
from reportgen.readers.pdf.pdf_ocr import UNREAD
from reportgen.readers.published import Published
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import other_forms
from reportgen.runners.render import Prepared, required_parts

Does = Literal["not told", "listed unverified", "told in other words", "told as a note"]
NOT_TOLD: Does = "not told"
UNVERIFIED: Does = "listed unverified"
REWORDED: Does = "told in other words"
NOTE: Does = "told as a note"
Stage = Literal["source", "scan"]


@dataclass(frozen=True)
class Seen:
    """What the policies read of the document beside a finding."""

    document: Path = Path()
    holes: frozenset[str] = frozenset()  # the fields whose amount the reading did not give (金额待填写)
    files: tuple[Published, ...] = ()  # the files reviewed as the document
    counts_projects: bool = False  # its text says its 机关运行经费 counts projects' money (running_costs_scope)
    prose_alone: bool = False  # a document of which no table was read: its source is its prose's
    funds_unprinted: bool = False  # a fund table not printed whose fund the income states (build.unprinted_funds)
    projects_told: bool = False  # the 项目支出表's 合计 told beyond the 支出总表's 项目支出 (reconcile)
    read_in_part: bool = False  # fewer than half the amounts it prints were read (review/coverage.py)
    prepared: Prepared | None = None  # the source as prepared (for the notes told of it)


@dataclass(frozen=True)
class Policy:
    """One registered exception: the finding ``rules`` it affects (``()``: any), what review ``does`` with such a finding
    where ``applies``, the document or class that ``taught`` it, the ``test`` that shows it, and the findings it reads:
    those of the source (``source``), those of judging the text (``narrative``), or those on a scanned page (``stage``)."""

    name: str
    rules: tuple[str, ...]
    does: Does
    taught: str
    test: str
    applies: Callable[..., Any]
    source: bool = True
    narrative: bool = False
    stage: Stage = "source"
    reword: Callable[[Finding, Seen], Finding] | None = None

    @property
    def when(self) -> str:
        """When it applies: its function's first line."""
        return " ".join((self.applies.__doc__ or "").strip().split("\n\n")[0].split())

    def affects(self, finding: Finding) -> bool:
        return not self.rules or finding.rule in self.rules


POLICIES: list[Policy] = []
F = TypeVar("F", bound=Callable[..., Any])


def policy(rules: str | tuple[str, ...], does: Does, taught: str, test: str, *, source: bool = True,
           narrative: bool = False, stage: Stage = "source",
           reword: Callable[[Finding, Seen], Finding] | None = None) -> Callable[[F], F]:
    """Register the decorated predicate (finding, seen) — or (finding, line) on a scan — as a policy."""
    def register(func: F) -> F:
        POLICIES.append(Policy(func.__name__.lstrip("_"), (rules,) if isinstance(rules, str) else rules, does, taught,
                               test, func, source, narrative, stage, reword))
        return func

    return register


def note(rules: str, taught: str, test: str) -> Callable[[F], F]:
    """Register the decorated function (seen → findings) as the notes (提示) review tells in the stead of ``rules``."""
    return policy(rules, NOTE, taught, test, stage="source")


def kept(findings: list[Finding], seen: Seen, narrative: bool = False) -> tuple[list[Finding], list[Finding]]:
    """The findings told, and those listed unverified: each as the first policy that applies to it says (registration
    order), or as it is where none does. ``narrative``: the findings of judging the text (the policies marked so)."""
    told, unverified = [], []
    walked = _deciding(narrative)
    for finding in findings:
        decides = next((p for p in walked if p.affects(finding) and p.applies(finding, seen)), None)
        if decides is None:
            told.append(finding)
        elif decides.does == UNVERIFIED:
            unverified.append(finding)
        elif decides.reword is not None:
            told.append(decides.reword(finding, seen))
    return told, unverified


def _deciding(narrative: bool) -> list[Policy]:
    """The policies that decide of the source's findings (``narrative``: of the text's), in registration order."""
    return [p for p in POLICIES if p.stage == "source" and p.does != NOTE and (p.narrative if narrative else p.source)]


def notes(seen: Seen) -> list[Finding]:
    """The notes every registered ``@note`` tells of the document (none of one read in part: they would rest on what
    the reading missed)."""
    return [] if seen.read_in_part else [found for p in POLICIES if p.does == NOTE for found in p.applies(seen)]


def kept_on_scan(finding: Finding, line: Line) -> bool:
    """Whether a finding on ``line``, of a page read by OCR, is told (with its page: review/scanned.py)."""
    return not any(p.affects(finding) and p.applies(finding, line) for p in POLICIES if p.stage == "scan")


# --- the source's findings: what the document did not give a source ---

@policy(("待填写", "金额待填写", "R-缺少"), NOT_TOLD, narrative=True,
        taught="every imported document: figures to fill and parts of a text a workbook does not hold (its own missing "
               "tables are 不公开, told in the 检查表)",
        test="tests/test_review_part_not_given.py::test_a_document_without_its_duties_page_has_its_text_judged_against_its_tables")
def _to_fill(finding: Finding, seen: Seen) -> bool:
    """Always: what the document did not give its source (a figure to fill, a part of a text) is not its slip."""
    return True


@policy((), NOT_TOLD,
        taught="a table printed as a scan OCR gives no table of (its title misread): its amounts 金额待填写, never 0",
        test="tests/test_review_scanned_table.py::test_a_table_scanned_and_not_recognised_is_not_missing_and_its_amounts_not_zero")
def _on_a_hole(finding: Finding, seen: Seen) -> bool:
    """Where the finding rests on an amount the import could not read (金额待填写): the field itself, a total it is part
    of (R-收支平衡 on 收入 where 收入.一般公共预算拨款 was not read), or a part of it — never judged as 0."""
    path = finding.path
    return bool(path) and any(path == hole or hole.startswith(f"{path}.") or path.startswith(f"{hole}.")
                              for hole in seen.holes)


# R-不公开's warning on the imported source (“声明为不公开”) told of a document: the import writes 不公开 only for a
# required part the document does not print (importing/text_fields.withheld), never for one it declares withheld
# — 烟台市教育局 2026 prints no 机关运行经费 and no 国有资产 part at all, and says nothing of them
_REQUIRED_PART = regex(r"^“([^”]+)”声明为不公开")
ABSENT_PART = "文件中没有“{part}”这一部分（没有这样的标题，也没有它的金额），而部门预算公开的规定要求公开这一部分：请补上，或说明为何没有"


def absent_part(finding: Finding) -> str | None:
    """The required part a check's R-不公开 warning names, None for any other finding."""
    required = _REQUIRED_PART.match(finding.message) \
        if finding.rule == "R-不公开" and finding.severity == "warning" else None
    return required.group(1) if required else None


@policy("R-不公开", NOT_TOLD,
        taught="北京's 项目支出绩效目标表 for its 预算绩效管理情况 (its 报表 printing the 绩效目标表 its 情况说明's 目录 names)",
        test="tests/test_import_national_other_matters.py::test_a_part_the_document_does_not_print_is_told_absent_not_declared_withheld")
def _in_another_form(finding: Finding, seen: Seen) -> bool:
    """Where the required part it tells absent is printed in another form (vocabulary.yaml 另作形式的部分) in any of
    the files reviewed as the document — a part of another shape, not missing."""
    words = other_forms().get(absent_part(finding) or "", ())
    return bool(words) and any(w in line.bare for published in seen.files for line in published.lines for w in words)


@policy("R-机关运行经费", NOT_TOLD,
        taught="江苏省人民检察院 2017 “将涉及机关运行的项目经费支出纳入了本表”",
        test="tests/test_review_sweep.py::test_the_lines_of_a_running_costs_table_that_counts_projects_are_not_judged_by_the_basic_table")
def _of_another_scope(finding: Finding, seen: Seen) -> bool:
    """Where the document says its 机关运行经费 counts projects' money: it is not held to the 公用经费 (a note instead)."""
    return seen.counts_projects


@policy("R-项目支出合计", NOT_TOLD, narrative=True,
        taught="上海's 项目经费情况说明, a list of some of its projects (商务委 2025's one false alarm)",
        test="tests/test_review_documents.py::test_a_published_list_of_some_projects_is_not_told_as_a_slip")
def _shown_in_part(finding: Finding, seen: Seen) -> bool:
    """A warning: a project list of some of the projects is how the document is published, not a slip (an author's
    draft still hears of it from check)."""
    return finding.severity == "warning"


@policy("R-收支平衡", NOT_TOLD, narrative=True,
        taught="广州国资委 2026 prints 收入总计 and 支出总计 119,257.52; its parts sum to .52 and .53",
        test="tests/test_checks_published_figures.py::test_totals_summed_from_rounded_figures_apart_by_their_tail_are_no_finding_of_the_document")
def _as_rendered(finding: Finding, seen: Seen) -> bool:
    """A warning: 收入总计 and 支出总计 summed from the source's rounded figures apart within their 尾数 tell what a
    render would print, not what the document printed."""
    return finding.severity == "warning"


MISSING_REASON = "缺少变动原因"
# The checks of a total against the sum of its parts (or of two such sums) where the source's parts are its text's
# alone: what the text does not state (北京's 情况说明 “2026年支出预算71094.17万元”, 基本支出 and 项目支出 stated, its
# 结转 not; 江苏 2017 a 说明 naming some 类 with an amount) is unknown, not 0 — the sum is no figure of the text's
SUMS_OF_UNSTATED_PARTS = ("R-收支平衡", "R-支出合计", "R-基本支出一致", "R-基本项目未分列", "R-基本支出合计")


@policy(MISSING_REASON, NOT_TOLD,
        taught="北京市民政局's 情况说明 reviewed alone (no reason is read from prose)",
        test="tests/test_disclosure_files.py::test_a_narrative_alone_is_not_held_to_sums_of_what_it_does_not_state")
def _no_reason_of_prose(finding: Finding, seen: Seen) -> bool:
    """Where no table was read (a source its prose alone gave): that no reason is given is the reading's gap."""
    return seen.prose_alone


@policy(SUMS_OF_UNSTATED_PARTS, NOT_TOLD,
        taught="北京市民政局's 情况说明 alone: 支出预算 71094.17, its 结转 unstated; 江苏 2017 a 说明 naming some 类",
        test="tests/test_disclosure_files.py::test_a_narrative_alone_is_not_held_to_sums_of_what_it_does_not_state")
def _sum_of_unstated_parts(finding: Finding, seen: Seen) -> bool:
    """Where no table was read: a sum of parts the text need not all state is no figure the text states."""
    return seen.prose_alone


@policy(UNLISTED, UNVERIFIED,
        taught="codes printed with a name no catalogue here holds (Issue 41: a slip never the truth)",
        test="tests/test_review_whole_documents.py::test_codes_the_catalogue_does_not_hold_are_listed_unverified_never_counted")
def _unlisted(finding: Finding, seen: Seen) -> bool:
    """Always: a code no catalogue here holds is listed unverified, never an alarm."""
    return True


# R-填报合计 on a 类, 款 or 项 total: the import writes a total a table prints as printed, and has already judged it
# against the parts the table prints (its 表内不一致); check's finding on it would tell that one slip a second time
_TABLE_TOTALS = frozenset({"功能分类", "经济分类", "支出.功能分类"})


@policy("R-填报合计", NOT_TOLD,
        taught="司法局 unit 2026's 20406 印作 64,840,547.00 against its 项 129,681,094.00",
        test="tests/test_review_documents.py::test_a_printed_total_the_tables_already_judged_is_told_once")
def _told_by_its_tables(finding: Finding, seen: Seen) -> bool:
    """On a 类, 款 or 项 total its tables print: the import's reconciliation of the table already told it."""
    return finding.path in _TABLE_TOTALS


@policy("R-表行", NOT_TOLD,
        taught="北京市水务局 2026: the lines its table of all spending prints fall short of its 合计 (the import's 表内不一致 told it)",
        test="tests/test_table_lines.py::test_the_review_tells_a_shortfall_of_the_lines_once")
def _lines_judged_by_their_tables(finding: Finding, seen: Seen) -> bool:
    """Always: a table's lines (表行) are its own rows, which the import's reconciliation judged against the table's
    合计 and the other tables already — their sum would tell that slip a second time."""
    return True


@policy("R-项目支出一致", NOT_TOLD,
        taught="烟台市文化和旅游局 2026: 表11 totals 9,798.66 (a 考古经费 54.24 of 上年结转), 表3's 项目支出 9,744.42",
        test="tests/test_project_list_columns.py::test_a_list_beyond_the_project_spending_is_told_once")
def _projects_told_by_the_tables(finding: Finding, seen: Seen) -> bool:
    """Where the import told the 项目支出表's 合计 beyond the 支出总表's 项目支出: the same slip, told once."""
    return seen.projects_told


@policy("版式", NOT_TOLD,
        taught="佛山's 决算: no 决算 edition of 默认 is a slip of the document",
        test="tests/test_import_foshan_final.py::test_foshan_s_final_accounts_are_read_whole_and_its_review_tells_no_misreading")
def _layout_of_a_render(finding: Finding, seen: Seen) -> bool:
    """Always: the layout a render would take is no slip of the document."""
    return True


@policy("R-财政拨款一致", NOT_TOLD,
        taught="广州市气象局 2026 without its table of the 政府性基金's spending (表8)",
        test="tests/test_review_cut_documents.py::test_without_the_general_budget_table_the_spending_table_is_not_told_different_from_none")
def _fund_table_not_printed(finding: Finding, seen: Seen) -> bool:
    """Where a fund's table is not printed: its function rows are in none, so their sum is not that fund's."""
    return seen.funds_unprinted


@policy(("必填", "格式"), NOT_TOLD, narrative=True,
        taught="北京's 说明 read without its 支出; 北京's 报表 whose 说明, with the department's name on its cover, is a scan",
        test="tests/test_review_subjects.py::test_a_part_the_document_prints_is_never_said_withheld")
def _field_not_read(finding: Finding, seen: Seen) -> bool:
    """A field the import did not fill (必填), or left empty (格式 “不能为空”): the reading found none, the document
    prints none empty."""
    return finding.rule == "必填" or finding.message == "不能为空"


@policy(("R-收入未公开", "R-基本项目未分列"), NOT_TOLD, narrative=True,
        taught="income read in part (其余未公开, no 收入总计 or no 功能分类 by fund); function lines with no 基本/项目 split",
        test="tests/test_review_partial_sources.py::test_a_partial_sources_render_notes_are_the_readings_gap")
def _partial_source_note(finding: Finding, seen: Seen) -> bool:
    """A warning to the writer of a partial source of what its render leaves out: the import's partial knowledge, not
    the document's slip (their errors, figures printed that cannot agree, are told as ever)."""
    return finding.severity == "warning"


@policy((), NOT_TOLD,
        taught="福州市民政局 2026: nine figures told “应为” by its income table (表2) read from the wrong columns",
        test="tests/test_reading_verified.py::test_a_document_read_in_part_judges_no_figure_by_its_tables")
def _read_in_part(finding: Finding, seen: Seen) -> bool:
    """Where fewer than half the amounts the document prints were read: that a part is missing is what the reading
    missed, and no figure is judged by tables read in part (the text's own contradictions and wording stay)."""
    return seen.read_in_part


def _told_absent(finding: Finding, seen: Seen) -> Finding:
    """The warning told of the document: no field of a source it never had (the part is named)."""
    return Finding(finding.severity, finding.rule, ABSENT_PART.format(part=absent_part(finding)), str(seen.document))


@policy("R-不公开", REWORDED, narrative=True, reword=_told_absent,
        taught="烟台市教育局 2026 prints no 机关运行经费 and no 国有资产 part, and says nothing of them",
        test="tests/test_review_listed_parts.py::test_a_required_part_the_document_does_not_print_is_told_missing_not_declared_withheld")
def _withheld_is_absent(finding: Finding, seen: Seen) -> bool:
    """A warning “声明为不公开”: the import writes 不公开 only for a required part the document does not print, so it is
    told as the part missing."""
    return absent_part(finding) is not None


# --- the notes told in a finding's stead (none where the document was read in part) ---

GRADUAL_PART = ("文件中没有“{part}”这一部分（没有这样的标题，也没有它的金额）：财政部《地方预决算公开操作规程》（财预〔2016〕143号）"
                "要求部门预算结合工作进展情况逐步公开这一部分，本地区的规定没有要求必须公开（不算问题）")


@note("R-不公开",
      taught="江苏省高级人民法院 2018 prints no 国有资产 part; 财预〔2016〕143号 asks it only “逐步公开”",
      test="tests/test_review_sweep.py::test_a_part_the_national_rule_asks_only_gradually_is_a_note_where_no_local_rule_requires_it")
def _gradual(seen: Seen) -> list[Finding]:
    """A part the document does not print that the national rule asks only gradually and no rule of its locality
    requires (render.required_parts): a note, no slip."""
    b = seen.prepared.budget if seen.prepared is not None else None
    if b is None:
        return []
    required = required_parts(b)
    return [Finding("warning", "R-不公开", GRADUAL_PART.format(part=part), str(seen.document))
            for part in GRADUAL_PARTS if part in b.not_published and part not in required]


OF_ITS_SCOPE = "{said}：文件写明它的机关运行经费含项目支出中的运行经费，不只是基本支出的公用经费，不按公用经费核对（不算问题）"


@note("R-机关运行经费",
      taught="江苏省人民检察院 2017 “将涉及机关运行的项目经费支出纳入了本表”",
      test="tests/test_review_sweep.py::test_the_lines_of_a_running_costs_table_that_counts_projects_are_not_judged_by_the_basic_table")
def _of_its_scope(seen: Seen) -> list[Finding]:
    """A 机关运行经费 the document says counts projects' money, more than its 公用经费: what R-机关运行经费 would have
    compared, and why it does not (the import writes the sentence as 机关运行经费.说明, which check reads; a sentence
    the import did not place is read here)."""
    prepared = seen.prepared
    b, f = (prepared.budget, prepared.figures) if prepared is not None else (None, None)
    if not seen.counts_projects or b is None or f is None:
        return []
    over = running_costs_over_public(b, f, Money(b.presentation))
    return [Finding("error", "R-机关运行经费", OF_ITS_SCOPE.format(said=over), str(seen.document))] if over else []


# --- findings on a line of a page read by OCR (review/scanned.py) ---

PUNCTUATION = next(slip for slip in SLIPS if slip.pattern is REPEATED_PUNCTUATION)


@policy((), NOT_TOLD, stage="scan",
        taught="北京市政务服务和数据管理局 2026 scanned: its 政府采购预算 printed as □ (the parts after it made up to the whole)",
        test="tests/test_review_policy.py::test_on_a_scan_a_line_with_a_figure_not_read_tells_nothing")
def _beside_unread(finding: Finding, line: Line) -> bool:
    """On a line holding a figure OCR could not read for sure: what a rule would say rests on what was not read."""
    return UNREAD in line.text


@policy("R-文字", NOT_TOLD, stage="scan",
        taught="烟台市大数据局 2026 rasterised: a comma read twice where the page prints one",
        test="tests/test_review_policy.py::test_on_a_scan_a_doubled_mark_ocr_read_is_not_told")
def _punctuation_read(finding: Finding, line: Line) -> bool:
    """A punctuation mark doubled (checks/slips.py) on a line OCR read: tesseract reads a mark twice, or a speck as one."""
    return any(finding.message.startswith(PUNCTUATION.told.format(m.group()))
               for m in PUNCTUATION.pattern.finditer(line.text))


@policy(("R-标点", "R-括号", "R-序号", "R-叠字", "R-年份", "R-语序", "R-错字", "R-字母"), NOT_TOLD, stage="scan",
        taught="北京市政务服务和数据管理局 2026's scanned 目录: “九、” read after “一、”, a quotation mark the page lacks",
        test="tests/test_review_policy.py::test_on_a_scan_the_mechanical_wording_rules_are_not_told")
def _marks_read(finding: Finding, line: Line) -> bool:
    """Always on a scan: the mechanical wording rules judge marks, numbering and characters one by one — on a line
    OCR read they judge the recognition, not the page."""
    return True

