"""`reportgen check SOURCE --against DRAFT`: every figure a draft states, checked against its source.

readers/published.py reads the draft (pdf, docx, html, txt: told by its bytes) into numbered lines; statements.py finds
the figures it states; glossary.py names the source's figures as disclosures name them; judge.py
compares them (half up at the precision printed) and gives the likely cause of a slip;
sentence_rules.py holds the rules of a sentence's figures against each other, text_rules/ those of
its words (both registered in reportgen/base/rules.py, the one registry of rules); this module puts it together as findings and counts, and writes the reviewer's HTML
report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportgen import codes
from reportgen.base.errors import Finding, SourceError
from reportgen.base.patterns import regex
from reportgen.checks.budget import running_costs_of_its_own
from reportgen.compute import in_unit, truncated
from reportgen.docmodel.model import PrintedTable
from reportgen.readers.published import read_draft
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import Statement, TooManyFigures, laid_in_columns, read_statements
from reportgen.review.glossary import NO_LINES, Glossary, TableLines, unit_forms
from reportgen.review.sentences.consistency import CUT_RULE, borne_out, completions_borne_out
from reportgen.review.sentences.judge import (
    DISPUTED,
    OTHER_YEAR,
    TRUNCATED,
    Verdict,
    judge,
    printed_cells,
    printed_in_wan,
    shown,
)
from reportgen.review.sentences.listed import tie_listed_parts
from reportgen.review.sentences.one_fund import wholly_of_one_fund
from reportgen.review.sentences.partitions import partition_findings
from reportgen.review.sentences.parts_of_nothing import parts_of_nothing
from reportgen.review.sentences.prior_rates import consistent_of
from reportgen.review.sentences.repeated import items_against_their_list, repeated_sentences
from reportgen.review.sentences.sentence_rules import Said, sentence_findings_of
from reportgen.review.sentences.share_bases import named_bases_borne_out
from reportgen.review.sentences.subjects import name_subjects
from reportgen.review.text_rules import text_findings
from reportgen.runners.render import Prepared, prepare
from reportgen.tablekinds import role
from reportgen.writers.html import environment

__all__ = ["Review", "report_html", "review", "review_prepared", "review_within_sentences"]

KIND_WORDS = {"amount": "金额", "cell": "表格数", "change": "增减额", "flat": "持平", "rate": "增减率", "share": "占比",
              "done": "完成率"}


@dataclass
class Review:
    source: Path
    draft: Path
    lines: list[Line]
    verdicts: list[Verdict]
    wording: list[Finding]  # the text rules' warnings (text_rules/)
    contradictions: list[Finding] = field(default_factory=list)  # a sentence's figures against each other
    # figures cut rather than rounded, in a published document: told with both values, not counted (CUT_RULE)
    cut: list[Finding] = field(default_factory=list)
    scanned: frozenset[int] = frozenset()  # the draft's pages read by OCR: a figure's finding there says so

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(v.status for v in self.verdicts)
        # of the figures 未能核对, those whose subject is known (read, not judged) and those unread
        unjudged = sum(1 for v in self.verdicts if v.status == "unknown" and v.subject)
        return {"read": len(self.verdicts), "matched": counted["agree"] + counted["disagree"] + counted["cut"],
                "agree": counted["agree"], "disagree": counted["disagree"], "unknown": counted["unknown"],
                "cut": counted["cut"], "within": counted["within"], "unjudged": unjudged,
                "unread": counted["unknown"] - unjudged}

    def findings(self) -> list[Finding]:
        """Each disagreement as an error at its line of the draft, then the text rules' warnings."""
        return self.disagreements() + self.contradictions + self.wording

    def disagreements(self) -> list[Finding]:
        out = []
        for verdict in self.verdicts:
            if verdict.status != "disagree":
                continue
            st = verdict.statement
            printed = st.text if st.kind != "cell" else f"{st.label} {st.value}"
            cause = f"（可能原因：{verdict.cause}）" if verdict.cause else ""
            about = f"“{verdict.figure.name}”的" if verdict.figure is not None else ""
            measure = "本文件的表格" if self.source == self.draft else "源文件"  # review: its own tables are the measure
            out.append(Finding("error", "R-核对", f"{about}{KIND_WORDS.get(st.kind, st.kind)}写作“{printed}”，"
                               f"按{measure}应为“{verdict.expected}”{cause}{self.scanned_note(st.line)}",
                               str(self.draft), st.line))
        return out

    def scanned_note(self, number: int) -> str:
        """What a finding at line ``number`` adds where its page is a scan read by OCR ("" elsewhere)."""
        if not self.scanned:
            return ""
        from reportgen.review.scanned import scanned_note  # deferred: a scanned draft's only

        page = next((line.page for line in self.lines if line.number == number), 0)
        return scanned_note(page) if page in self.scanned else ""

    def unknown(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == "unknown"]

    def as_dict(self) -> dict[str, object]:
        return {
            "source": str(self.source), "draft": str(self.draft), "counts": self.counts,
            "wording": [f.as_dict() for f in self.wording],
            "contradictions": [f.as_dict() for f in self.contradictions],
            "figures": [{"line": v.statement.line, "kind": v.statement.kind, "status": v.status,
                         "printed": v.statement.text if v.statement.kind != "cell" else str(v.statement.value),
                         "label": v.statement.label, "figure": v.figure.name if v.figure else None,
                         "subject": v.subject,
                         "expected": v.expected, "cause": v.cause} for v in self.verdicts],
        }


def review(source: Path, draft: Path, despite_errors: bool = False,
           disputes: tuple[Decimal, ...] = (), cut_as_notes: bool = False) -> tuple[Review | None, list[Finding]]:
    """The review of ``draft`` against ``source``; None with the findings when either cannot be read
    (or the source has errors: its figures cannot be the measure of a draft — unless
    ``despite_errors``: a source imported from the draft itself, whose errors are the draft's own
    slips, still measures the draft's prose against its tables). ``cut_as_notes``: the draft is a
    published document, whose figures cut rather than rounded are a 取舍 convention told apart (a
    draft of reportgen's own rounds half up, and a cut figure in it stays a slip)."""
    return review_prepared(prepare(source), source, draft, despite_errors, disputes, cut_as_notes)


def review_prepared(prepared: Prepared, source: Path, draft: Path, despite_errors: bool = False,
                    disputes: tuple[Decimal, ...] = (), cut_as_notes: bool = False,
                    lines: list[Line] | None = None,
                    unsure: frozenset[int] = frozenset(),
                    tables: frozenset[int] = frozenset(),
                    budget_table: Callable[[str], bool] | None = None,
                    units: tuple[str, ...] = (),
                    text_alone: frozenset[str] = frozenset(),
                    table_given: frozenset[Decimal] = frozenset(),
                    printed: TableLines = NO_LINES,
                    stated_changes: tuple[tuple[Decimal, frozenset[int]], ...] = (),
                    running_with_projects: bool = False,
                    beside: frozenset[Decimal] = frozenset()) -> tuple[Review | None, list[Finding]]:
    """review, of a source already prepared (``source`` names it on the page); ``lines``: the draft's,
    where its caller read it already (readers/published.py), else read here; ``unsure``: the numbers of
    the lines that are rows of a table the import did not read for sure, whose figures are not judged;
    ``tables``: those of the other tables, whose figures the sentence reader may read otherwise;
    ``budget_table``: whether a table's title names one of the budget's tables (a cell of any other
    table — a project's 绩效目标表 — speaks of a project, not of the figure of its row's name); ``units``: the
    names of the department's units its tables print rows of in turn (importing/units_in_turn.py): a sentence
    or a section that names one speaks of that unit's figures, never judged by the department's; ``text_alone``:
    the parts of the source the draft's own text gave, no table of them read (“三公经费” where the “三公” table is
    left out, 机关运行经费 and 政府采购 where no table prints them): a figure judged by them would be judged by itself, and is 未能核对
    instead — but one of a value a table of that part gave (``table_given``, 元); ``printed``: what tables print that no
    field of the source holds (glossary.TableLines: 事业单位经营支出 …, the 机关运行经费 table's lines); ``stated_changes``: the changes the draft's text stated that the source holds as 增减额 (元), each with the
    lines it was read on: a change or rate of those lines' sentences measured by it is 未能核对 likewise;
    ``running_with_projects``: the draft says its 机关运行经费 counts projects' money (江苏 2017): the lines of its
    机关运行经费 table are not the 基本支出's of their names, and are not judged by them; ``beside``: the amounts (元) the
    tables of the disclosure's other files print (its 报表 beside its 说明), as the draft's own tables' cells are."""
    if prepared.budget is None or prepared.figures is None or (prepared.errors and not despite_errors):
        return None, prepared.findings
    read = _draft_read(draft, lines)
    if isinstance(read, list):
        return None, read
    lines, statements = read
    glossary = Glossary(prepared.budget, prepared.figures, disputes, printed)
    glossary.unit_sections = unit_forms(units, prepared.budget.department)
    verdicts = judge(statements, glossary, beside)
    _not_judged(verdicts, unsure, tables)
    _procurement_lines_not_judged(verdicts)
    if running_with_projects or running_costs_of_its_own(prepared.budget):  # its 名词解释 says no 公用经费: as well
        _not_as_basic(verdicts)
    _text_alone_not_by_itself(verdicts, glossary, text_alone, table_given)
    _not_by_its_own_change(verdicts, statements, stated_changes)
    if budget_table is not None:
        _of_other_tables(verdicts, budget_table)
    _of_held_tables(verdicts, prepared.budget.printed_tables)
    related = one_after_another(statements)
    tie_listed_parts(verdicts, related)
    told = _told_as_disagreeing(verdicts)
    said = Said(related, str(draft), prepared.budget.year, told, cut_as_notes)
    strict = _strict_figures(glossary, text_alone)
    against = (sentence_findings_of(said) + this_years_as_last(verdicts, prepared.budget.year, str(draft))
               + partition_findings(verdicts, glossary.find, str(draft), told, strict)
               + said_again(statements, str(draft), told)
               + wholly_of_one_fund(statements, prepared.figures, str(draft), told))
    _within(verdicts, consistent_of(said.prior),
            {**named_bases_borne_out(related), **completions_borne_out(statements), **borne_out(related)})
    parts_of_nothing(verdicts)
    name_subjects(verdicts, prepared.budget.year)
    result = Review(source, draft, lines, verdicts, text_findings(lines, prepared.budget.year, draft, unsure | tables,
                                                                   prepared.budget.final), *_slips_and_cuts(against))
    if cut_as_notes:
        result.cut[:0] = _cut_apart(verdicts, str(draft))
    return result, []


def _text_alone_not_by_itself(verdicts: list[Verdict], glossary: Glossary, text_alone: frozenset[str],
                              table_given: frozenset[Decimal]) -> None:
    """The figures of each part the draft's own text gave, no table of it read (“三公经费”, 机关运行经费, 政府采购): not
    judged by themselves (but one of a value a table of that part gave, ``table_given``)."""
    for part, figures in ((THREE_PUBLIC_PART, glossary.three_public_figures), (RUNNING_PART, glossary.running_figures),
                          (PROCUREMENT_PART, glossary.procurement_figures)):
        if part in text_alone:
            _not_by_itself(verdicts, figures, table_given)


def _strict_figures(glossary: Glossary, text_alone: frozenset[str]) -> frozenset[int]:
    """The figures (by id) partition_findings never leaves out as 0: the “三公”'s, where the draft's text alone gave
    them."""
    return frozenset(glossary.three_public_figures) if THREE_PUBLIC_PART in text_alone else frozenset()


def _told_as_disagreeing(verdicts: list[Verdict]) -> frozenset[tuple[int, str]]:
    """The statements (line, text) told as disagreeing with the source: the sentence rules tell them no further."""
    return frozenset((v.statement.line, v.statement.text) for v in verdicts if v.status == "disagree")


def _slips_and_cuts(found: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """The findings that are slips, and those that are a figure cut rather than rounded (CUT_RULE): notes."""
    return [f for f in found if f.rule != CUT_RULE], [f for f in found if f.rule == CUT_RULE]


def _draft_read(draft: Path, lines: list[Line] | None) -> tuple[list[Line], list[Statement]] | list[Finding]:
    """The draft's lines (``lines``, where its caller read them already) and the figures they state; or why it is not
    judged: it cannot be read, it states more figures than any disclosure, or none at all."""
    if lines is None:
        try:
            lines = read_draft(draft)
        except SourceError as exc:
            return exc.findings
    try:
        statements = prose_statements(lines)
    except TooManyFigures as exc:
        return [Finding("error", "R-草稿", f"草稿写出的数字超过 {exc.limit} 个（到第 {exc.line} 行），"
                        "不像一份部门预算公开文本（通常只有几千个数字）：请确认选的是草稿文件；未核对",
                        str(draft), exc.line)]
    if not statements and not any(c.isdigit() for line in lines for c in line.text):
        # no figure printed at all: never a draft that agrees (a scan, a blank page, no disclosure)
        return [Finding("error", "R-草稿", "草稿中没有读到任何数字（是扫描的图片、空白的文件，还是不是公开文本？）："
                        "未核对", str(draft))]
    return lines, statements


def prose_statements(lines: list[Line]) -> list[Statement]:
    """The figures the lines state (read_statements) but those a sentence joined of a grid's cells says (lines laid in
    columns, readers/statements.py laid_in_columns: a table printed as text, its grid not recognised — a 绩效目标表
    bound behind the 情况说明): no figure of the prose, neither judged nor counted as 未能核对. A row's figures read as
    a table's cells stay."""
    statements = read_statements(lines)
    columned = laid_in_columns(lines)
    return [st for st in statements if st.kind == "cell" or st.line not in columned]


def one_after_another(statements: list[Statement]) -> list[Statement]:
    """The statements the sentence rules read one after another (an amount, its change, its rate): a 决算's completion
    rate aside (“支出决算为1.71万元，完成预算的43%，较上年减少1.29万元，下降43%”, 寿县文物保护中心 2023: the change and
    its rate are still the amount's) — consistency.completion_rates reads that rate from its sentence's words."""
    return [st for st in statements if st.kind != "done"]


NO_TABLES = "文件的表格未能读出（或读出的表格不能成为源文件），无从与表格核对"


def review_within_sentences(draft: Path, year: int | None, cut_as_notes: bool = False,
                            lines: list[Line] | None = None) -> Review | None:
    """A document's sentences read and judged against each other alone, where its tables cannot measure
    them (none were read, or what was read makes no source): each figure read is told 未能核对 (never
    agreed), but where its own sentence bears it out (within); the sentence rules and the text rules
    run as in any review. None when the document's text cannot be read."""
    try:
        lines = read_draft(draft) if lines is None else lines  # (its lines as read already, where they were)
        statements = prose_statements(lines)
    except (SourceError, TooManyFigures):
        return None
    verdicts = [Verdict(st, "unknown", cause=NO_TABLES) for st in statements if st.kind != "cell"]
    printed_in_wan(verdicts, printed_cells(statements), (NO_TABLES,))  # (the tables' cells, read as the text's are)
    related = one_after_another(statements)
    said = Said(related, str(draft), year, frozenset(), cut_as_notes)
    against = sentence_findings_of(said) + said_again(statements, str(draft), frozenset())
    _within(verdicts, consistent_of(said.prior),
            {**named_bases_borne_out(related), **completions_borne_out(statements), **borne_out(related)})
    parts_of_nothing(verdicts)
    name_subjects(verdicts, year)
    return Review(draft, draft, lines, verdicts, text_findings(lines, year, draft),
                  [f for f in against if f.rule != CUT_RULE], [f for f in against if f.rule == CUT_RULE])


def this_years_as_last(verdicts: list[Verdict], year: int, draft: str) -> list[Finding]:
    """An amount said of last year that is this year's figure of its subject to every printed digit, the tables
    giving no such figure of last year (北京's “（一）因公出国（境）费用。2025 年预算数 159.00 万元” in a 2026 budget,
    159.00 its table's 2026 figure): the year is written wrong. Never of 0 (an item nil both years), nor of a
    sentence that names this year too (“2026年预算数……，2025年预算数……”, the same amount both years). Told before a
    sentence's parts bear its whole out (_within: “2025 年预算数 121.81 万元，包括公务用车购置费预算 71.17 万元、……”, the
    sum holds whatever year is said), once a sentence: its first such amount."""
    out = []
    told: set[str] = set()
    for verdict in verdicts:
        st, figure = verdict.statement, verdict.figure
        if not _said_of_last_year(verdict, year) or figure is None or st.sentence in told:
            continue
        this_year = in_unit(figure.current, st.unit)
        if st.value in (shown(this_year, st.decimals), truncated(this_year, st.decimals)):  # (北京 cuts: 1.355554 as 1.35)
            last = (f"表中没有 {year - 1} 年的这个数" if figure.prior is None
                    else f"{year - 1} 年的是 {shown(in_unit(figure.prior, st.unit), st.decimals)}{st.unit}")
            out.append(Finding("warning", "R-文字", f"“{figure.name}”{st.text}是本文件 {year} 年的数（{last}），"
                               f"句中却说是 {year - 1} 年的：年度是否写错？", draft, st.line))
            told.add(st.sentence)
    return out


def _said_of_last_year(verdict: Verdict, year: int) -> bool:
    """Whether a verdict is of an amount (not 0) said of last year, left unknown as no figure of that year, in a
    sentence that does not name this year too."""
    st = verdict.statement
    return not (verdict.status != "unknown" or verdict.cause != OTHER_YEAR.format(year - 1) or verdict.figure is None
                or st.kind != "amount" or not st.value or not st.unit or f"{year}年" in st.sentence.replace(" ", ""))


UNSURE_TABLE = "这一行是一张表头未能逐列认定的表中的一行，表中的数没有读取"
TABLE_ROW = "这一行是表中的一行，按表头读出的数才作判断；这里按文字读出的数与源文件不同，不能确定读对了列，不作判断"
PROCUREMENT_ROW = "这一行是按功能分类印出的政府采购表中的一行：是这一科目中的政府采购，不是它的全部支出，不作判断"
_FUNCTION_LABEL = regex(r"[（(]2\d{2}(?:\d{2}){0,2}[）)]$")  # a cell's label naming a 功能分类 code: 卫生健康支出（210）


def _procurement_lines_not_judged(verdicts: list[Verdict]) -> None:
    """A 功能分类 line of a 政府采购预算表 printed by function and fund (烟台 公开表12: “210 卫生健康支出 314.00”) that
    disagrees with the line's spending: 未能核对, for it is the procurement under the line, not its spending."""
    for verdict in verdicts:
        st = verdict.statement
        if verdict.status == "disagree" and st.kind == "cell" and "政府采购" in (st.table or "") \
                and _FUNCTION_LABEL.search(st.label or ""):
            verdict.status, verdict.figure, verdict.expected, verdict.cause = "unknown", None, "", PROCUREMENT_ROW


THREE_PUBLIC_PART = "三公经费"
RUNNING_PART = "机关运行经费"
PROCUREMENT_PART = "政府采购"
TEXT_ALONE = "源文件的这个数是由本文件的正文读出的（没有读到它所在的表），不能用来核对正文自身"


def _not_by_itself(verdicts: list[Verdict], figures: set[int], table_given: frozenset[Decimal] = frozenset()) -> None:
    """The figures judged by a figure of the source its text alone gave: 未能核对, never agreeing with
    (nor differing from) what they were read from (a “三公” table left out, its part 0 where not stated) — but a
    figure of a value a table of that part gave (``table_given``, 元: the 政府采购预算表's 合计 beside the text's 货物, 工程,
    服务), which measures the text."""
    for verdict in verdicts:
        if verdict.status in ("agree", "disagree") and verdict.figure is not None and id(verdict.figure) in figures \
                and verdict.figure.current not in table_given:
            verdict.status, verdict.expected, verdict.cause = "unknown", "", TEXT_ALONE


RUNNING_WITH_PROJECTS = ("文件写明它的机关运行经费含项目支出中的运行经费：{running}的各行不是基本支出中同名的数，"
                         "不与基本支出表核对")
RUNNING_TABLE = "机关运行经费"  # the words of its table's title (not 上海's “三公”经费和机关运行经费预算表: one of 三公 too)
THREE_PUBLIC_WORD = "三公"


def _not_as_basic(verdicts: list[Verdict]) -> None:
    """The cells of a 机关运行经费 table that counts projects' money judged by the 基本支出's economic lines of their names
    (江苏省人民检察院 2017's 办公费（30201） 138.00 beside its 基本支出表's): 未能核对, never agreeing nor differing."""
    economic = codes.codes_by_name("economic")
    for verdict in verdicts:
        st, figure = verdict.statement, verdict.figure
        if verdict.status in ("agree", "disagree") and st.kind == "cell" and RUNNING_TABLE in st.table \
                and THREE_PUBLIC_WORD not in st.table and figure is not None and figure.name in economic:
            verdict.status, verdict.figure, verdict.expected, verdict.cause = "unknown", None, "", \
                RUNNING_WITH_PROJECTS.format(running=role("running_costs"))


TEXT_PRIOR = ("源文件的上年数是由本文件这句正文所说的增减额推出的（没有表印出上年数），不能用来核对这句正文自身的增减与增减率")
TEXT_PRIOR_ELSEWHERE = ("源文件的上年数是由本文件另一句正文所说的同一增减额推出的（没有表印出上年数），两句所说相同，"
                        "按它算出的增减只差本年数取整的尾数")
COMPARED = ("change", "rate", "flat")


def _not_by_its_own_change(verdicts: list[Verdict], statements: list[Statement],
                           stated: tuple[tuple[Decimal, frozenset[int]], ...]) -> None:
    """A change, rate or 持平 judged by last year's figure that the source has as this year's less a change its own
    sentence states (上年.<key>.增减额 read from that text, no table printing last year's: 广州国资委 “公务用车运行维护费
    34.29万元，比上年增加24.29万元”): 未能核对, as the text would otherwise agree with itself; its sentence may still
    bear it out (_within)."""
    if not stated:
        return
    paragraphs: dict[Decimal, set[int]] = {}
    for value, lines in stated:
        paragraphs.setdefault(value, set()).update(st.paragraph for st in statements if st.line in lines)
    for verdict in verdicts:
        st, figure = verdict.statement, verdict.figure
        if verdict.status not in ("agree", "disagree") or st.kind not in COMPARED or figure is None \
                or figure.prior is None:
            continue
        near = [value for value in paragraphs if abs(figure.current - figure.prior - value) <= _tail(st)]
        if any(st.paragraph in paragraphs[value] for value in near):
            verdict.status, verdict.expected, verdict.cause = "unknown", "", TEXT_PRIOR
        elif verdict.status == "disagree" and _in_yuan(st) in near:
            verdict.status, verdict.expected, verdict.cause = "unknown", "", TEXT_PRIOR_ELSEWHERE


def _tail(st: Statement) -> Decimal:
    """One unit of the last place a statement prints its figure to, in 元: how far a change measured by a last year's
    figure that was itself derived from a printed change may be from it (its current figure rounded otherwise)."""
    if st.value is None:
        return Decimal(0)
    exponent = st.value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0) * _YUAN.get(st.unit, 1)


def _in_yuan(st: Statement) -> Decimal | None:
    return None if st.value is None else st.value * _YUAN.get(st.unit, 1)


_YUAN = {"万元": 10000, "亿元": 100000000}


def _not_judged(verdicts: list[Verdict], unsure: frozenset[int], tables: frozenset[int]) -> None:
    """The figures not read for sure, 未能核对 and never a disagreement: those of a table the import did
    not read for sure (its header not given each column one meaning), and a row's figure of a table it
    read that the sentence reader reads otherwise than the table does (a code column's 501 taken for an
    amount, a line of a 政府经济分类 section taken for the whole 款), or of a table it did not recognise:
    a table's figures are judged by reconciling them, where its columns are known."""
    for verdict in verdicts:
        line = verdict.statement.line
        if (line in unsure and verdict.status in ("agree", "disagree")) or (line in tables and verdict.status == "disagree"):
            cause = UNSURE_TABLE if line in unsure else TABLE_ROW
            verdict.status, verdict.figure, verdict.expected, verdict.cause = "unknown", None, "", cause


OTHER_TABLE = "是一张不属于预算各表的表（如项目绩效目标表）中的数，说的不是源文件中同名的数"
HELD_TABLE = "是源文件照印出保留的表（印出表）中的数，说的不是源文件中同名的数"


def _of_held_tables(verdicts: list[Verdict], held: tuple[PrintedTable, ...]) -> None:
    """A cell of a table the source holds as printed (印出表: 烟台's 公开表10 基本支出预算情况表, each fund's 基本支出 by
    economic class; its title read with its number or without, as a DOCX prints the number apart) that disagrees with
    the source's figure of its row's name (its “住房公积金 42.07” of class 30113,
    the source's 住房公积金 the function line 2210201's 172.12): 未能核对 — the table is printed as the source holds it,
    of no kind the source's names speak of. But a cell of a form held (no header: 泉州市政府办 2026's
    部门整体支出绩效目标表) a few lines from another of its rows that prints one of the department's figures exactly stays
    judged, as _of_other_tables judges such a form's: that form speaks of the department's money."""
    titles, forms = _held_titles(held), _held_titles(tuple(table for table in held if not table.header))
    of_the_department = _agreeing_cells(verdicts, forms)
    for verdict in verdicts:
        st = verdict.statement
        if verdict.status == "disagree" and st.kind == "cell" and _unspaced(st.table or "") in titles \
                and not _of_the_departments_form(st, forms, of_the_department):
            verdict.status, verdict.figure, verdict.expected, verdict.cause = "unknown", None, "", HELD_TABLE


def _agreeing_cells(verdicts: list[Verdict], titles: set[str]) -> list[Statement]:
    """The cells of the tables titled ``titles`` that print one of the department's figures (agree, not 0)."""
    return [v.statement for v in verdicts if v.status == "agree" and v.statement.value
            and v.statement.kind == "cell" and _unspaced(v.statement.table or "") in titles]


def _held_titles(held: tuple[PrintedTable, ...]) -> set[str]:
    """The titles of the ``held`` tables, with their numbers and without, spaces aside."""
    return {_unspaced(words) for table in held for words in (f"{table.number}{table.title}", table.title)}


def _of_the_departments_form(st: Statement, forms: set[str], of_the_department: list[Statement]) -> bool:
    """Whether a cell is of a form held (its title among ``forms``) beside another of its rows that prints one of the
    department's figures."""
    return _unspaced(st.table or "") in forms and _beside_one_of(st, of_the_department)


def _unspaced(text: str) -> str:
    return "".join(text.split())


def _of_other_tables(verdicts: list[Verdict], budget_table: Callable[[str], bool]) -> None:
    """A cell of a table that is none of the budget's (a project's 绩效目标表: “其中：财政拨款 6000.00”)
    that disagrees with the source's figure of its row's name: 未能核对, for it speaks of something else — unless a
    row of the same table a few lines from it prints another of the department's figures exactly (泉州市政府办 2026's
    部门整体支出绩效目标表: 基本支出 5,915.38 as the tables, 项目支出 2,285.57 against their 9,269.43): that table
    speaks of the department's money, its figures are the department's."""
    of_the_department = [v.statement for v in verdicts if v.status == "agree" and v.statement.value
                         and _of_another_table(v.statement, budget_table)]
    for verdict in verdicts:
        st = verdict.statement
        if verdict.status == "disagree" and _of_another_table(st, budget_table) \
                and not _beside_one_of(st, of_the_department):
            verdict.status, verdict.figure, verdict.expected, verdict.cause = "unknown", None, "", OTHER_TABLE


def _of_another_table(st: Statement, budget_table: Callable[[str], bool]) -> bool:
    """Whether a statement is a cell of a table that is none of the budget's."""
    return st.kind == "cell" and bool(st.table) and not budget_table(st.table)


def _beside_one_of(st: Statement, others: list[Statement]) -> bool:
    """Whether another row of a cell's table a few lines from it (_BESIDE) is one of ``others``."""
    return any(other.table == st.table and abs(other.line - st.line) <= _BESIDE and other.label != st.label
               for other in others)


_BESIDE = 6  # lines from a table's row another row of the same table is of the same thing at most


def _within(verdicts: list[Verdict], consistent: dict[str, tuple[set[Decimal], str]], borne: dict[int, str]) -> None:
    """A figure the tables do not hold (last year's 执行数, a rate against it), or that no table read can
    measure, that its own sentence's other figures bear out (``borne``: consistency.borne_out): judged
    within its sentence (status "within"), no longer 未能核对 — but a figure a table's slip leaves in dispute (DISPUTED),
    whose cause the reviewer is told as it is."""
    for verdict in verdicts:
        st = verdict.statement
        if verdict.status != "unknown" or verdict.cause == DISPUTED:
            continue
        judged = consistent.get(st.sentence)
        if judged is not None and st.value in judged[0]:
            verdict.status, verdict.cause = "within", judged[1]
        elif id(st) in borne:
            verdict.status, verdict.cause = "within", borne[id(st)]


def _cut_apart(verdicts: list[Verdict], draft: str) -> list[Finding]:
    """Each disagreeing figure that is the source's own cut at its printed digits, and nothing else,
    set apart (status "cut") and told as a note."""
    notes = []
    for verdict in verdicts:
        if verdict.status == "disagree" and verdict.cause == TRUNCATED:
            verdict.status = "cut"
            notes.append(_cut_note(verdict, draft))
    return notes


def _cut_note(verdict: Verdict, draft: str) -> Finding:
    st = verdict.statement
    printed = st.text if st.kind != "cell" else f"{st.label} {st.value}"
    about = f"“{verdict.figure.name}”的" if verdict.figure is not None else ""
    return Finding("warning", CUT_RULE, f"{about}{KIND_WORDS.get(st.kind, st.kind)}印作“{printed}”，四舍五入应为"
                   f"“{verdict.expected}”：{TRUNCATED}（取舍提示，不算问题）", draft, st.line)


def sentence_findings(draft: Path, cut_as_notes: bool = False, lines: list[Line] | None = None) -> list[Finding]:
    """What a document's sentences say against each other, with no source and no tables to measure
    them by (a 部门决算's narrative): an amount, its change and its rate; a completion rate and the
    budget and spending it is of. A document that cannot be read gives its reading problems.
    ``lines``: the document's, where its caller read it already."""
    try:
        lines = read_draft(draft) if lines is None else lines
        statements = prose_statements(lines)
    except SourceError as exc:
        return exc.findings
    except TooManyFigures:
        return []
    said = sentence_findings_of(Said(one_after_another(statements), str(draft), cut_as_notes=cut_as_notes))
    return said + said_again(statements, str(draft), frozenset()) + text_findings(lines, None, draft)


def said_again(statements: list[Statement], draft: str, told: frozenset[tuple[int, str]]) -> list[Finding]:
    """What the text says twice otherwise — a sentence printed again with one figure changed, a part its list gave
    taken up by an item with another amount — which needs no table: run wherever the sentences are read, with a
    source or without."""
    return repeated_sentences(statements, draft, told) + items_against_their_list(statements, draft, told)


def report_html(result: Review) -> str:
    """The reviewer's page (templates/review.html.j2): the draft with each stated figure marked."""
    marks: dict[int, list[dict[str, str]]] = {}
    found: list[dict[str, object]] = []  # the findings, listed first, each linking to its line
    pages = {line.number: line.page for line in result.lines}
    for v in result.verdicts:
        st = v.statement
        mark = {"status": v.status, "kind": st.kind, "printed": st.text if st.kind != "cell" else f"{st.label} {st.value}",
                "figure": v.figure.name if v.figure else "", "expected": v.expected, "cause": v.cause}
        marks.setdefault(st.line, []).append(mark)
        if v.status == "disagree":
            found.append({**mark, "line": st.line, "page": pages.get(st.line, 0)})
    for finding in result.contradictions + result.wording:
        mark = {"status": "finding", "rule": finding.rule, "severity": finding.severity, "message": finding.message}
        marks.setdefault(finding.line, []).append(mark)
        found.append({**mark, "line": finding.line, "page": pages.get(finding.line, 0)})
    lines = [{"number": line.number, "text": line.text, "marks": marks.get(line.number, [])} for line in result.lines]
    return environment().get_template("review.html.j2").render(
        source=str(result.source), draft=str(result.draft), own=result.source == result.draft, counts=result.counts, lines=lines,
        findings=sorted(found, key=lambda f: int(str(f["line"]))))
