"""The pipeline for one source: load → check → Document → DOCX/HTML, written all or nothing."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen import codes, tablekinds
from reportgen.base.atomic import write_atomically
from reportgen.base.errors import Finding, SourceError, shown_text
from reportgen.base.records import Record
from reportgen.base.staging import Staging, make_folders, remove_empty_folders, remove_stale_staging
from reportgen.checks import run_checks
from reportgen.checks.budget import GRADUAL_PARTS
from reportgen.compute import Computed, compute
from reportgen.docmodel.document import Document, Table
from reportgen.docmodel.model import Budget
from reportgen.reading.files import InputRefused, read_bounded, resolved
from reportgen.reading.outputs import Output, Replace, refused_outputs
from reportgen.reading.yamlsafe import MAX_SOURCE_BYTES, LocStr, Mark, load_yaml
from reportgen.runners.assemble import load_source
from reportgen.shaping.layouts import SHIPPED, Layout, LayoutError, Occasion, regional, resolve
from reportgen.shaping.narrative import LISTED_TABLES, build_document
from reportgen.source.loader import SourceInput, given, referenced_files
from reportgen.source.schema import PLACEHOLDER_RULES, is_placeholder, without_placeholders
from reportgen.tables.printed_tables import printed_id

FORMATS = ("docx", "html")
ALL_FORMATS = ("docx", "html", "pdf", "xlsx")  # pdf: the DOCX as LibreOffice prints it; xlsx: the tables, a sheet each


@dataclass(repr=False, eq=False)
class Prepared(Record):
    """A source read and checked; ``document`` is None when errors stop the render."""

    budget: Budget | None
    figures: Computed | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


@dataclass(repr=False, eq=False)
class Rendered(Record):
    """What a render wrote, and what it found."""

    source: Path
    outputs: list[Path]
    findings: list[Finding]
    seconds: float
    document: Document | None = None

    @property
    def ok(self) -> bool:
        return bool(self.outputs) or not any(f.severity == "error" for f in self.findings)


def prepare(source: Path | SourceInput, reason_threshold: Decimal | None = None, draft: bool = False,
            holes_unknown: bool = False) -> Prepared:
    """Load and check one source, a file on disk or a source in memory (an import's, named as the
    file it is written as); never raises for bad input. ``draft``: a source whose only faults are
    its 待填写 (what `reportgen import` writes for what the files did not give) is loaded without
    them, the 待填写 findings kept: a draft renders what the import wrote. ``holes_unknown`` (review's measure of a
    document by its own tables): an income source left 待填写 is not known, never 0 — the sources not written are
    read as unpublished (其余未公开), so no total is made of the rest and no sentence judged by it (湖州市财政局 2026:
    its 收入总表's header not read, “收入预算6838.41万元” was told “应为 0.00万元”)."""
    try:
        budget = load_source(source)
    except SourceError as exc:
        drafted = _without_placeholders(given(source), exc.findings, holes_unknown) if draft else None
        if drafted is None:
            return Prepared(None, None, exc.findings)
        figures = compute(drafted)
        return Prepared(drafted, figures, exc.findings + layout_findings(drafted) + run_checks(drafted, figures, reason_threshold))
    figures = compute(budget)
    return Prepared(budget, figures, layout_findings(budget) + run_checks(budget, figures, reason_threshold))


@dataclass(frozen=True)
class _WithoutPlaceholders:
    """A source read with its 待填写 left out (source.schema.without_placeholders)."""

    source: SourceInput
    unknown: bool = False  # an income source left 待填写 is not known (其余未公开), never 0

    @property
    def path(self) -> Path:
        return self.source.path

    def values(self) -> Any:
        data = self.source.values()
        income = data.get("收入") if isinstance(data, dict) else None
        holes = isinstance(income, dict) and any(is_placeholder(v) for v in income.values())
        data = without_placeholders(data)
        if self.unknown and holes:
            data["收入"]["其余未公开"] = True
        return data


def _without_placeholders(source: SourceInput, findings: list[Finding], unknown: bool = False) -> Budget | None:
    """The source read with its 待填写 left out, where they are all that is wrong with it; else None."""
    if not findings or any(f.rule not in PLACEHOLDER_RULES for f in findings):
        return None
    try:
        return load_source(_WithoutPlaceholders(source, unknown))
    except SourceError:
        return None


def layout_findings(budget: Budget, chosen: str | Path | None = None) -> list[Finding]:
    """An error at the source's 版式 line when the layout it names (or ``chosen``, the command
    line's) cannot be used; a warning when a unit's budget (类型: 单位) is rendered in a layout that
    words only a department's."""
    try:
        layout = layout_of(budget, chosen)
    except LayoutError as exc:
        return [Finding("error", "版式", exc.message, str(budget.file), budget.line_of("版式"), 0, "版式")]
    if budget.accounts not in layout.accounts:
        return [_no_final_edition(budget, layout)]
    withheld = _withheld_required(budget, required_parts(budget, layout if chosen or budget.layout else None))
    if budget.kind not in layout.kinds:
        return [unit_wording_finding(budget, layout), *withheld]
    return withheld


def required_parts(budget: Budget, named: Layout | None = None) -> frozenset[str]:
    """The parts the rules of the source's locality require beyond the national rule's (a layout's 须公开): the
    layout ``named`` for it (--layout, 版式), else the one its region's or department's name names
    (layouts.regional: 上海市…, 烟台市…); none where neither names one — the national rules alone."""
    if named is not None:
        return named.required_parts
    local = next((found for name in (budget.region, budget.department) if name and (found := regional(name))), None)
    try:
        return resolve(local).required_parts if local else frozenset()
    except LayoutError:
        return frozenset()


def _withheld_required(budget: Budget, required: frozenset[str]) -> list[Finding]:
    """R-不公开's warning for a part declared 不公开 that the national rule asks only gradually (国有资产, 绩效管理:
    checks/budget.GRADUAL_PARTS) where the locality's rules require it (``required``)."""
    return [Finding("warning", "R-不公开", f"“{part}”声明为不公开，但部门预算公开的规定要求公开这一部分：请确认",
                    str(budget.file), budget.key_lines.get("不公开", 0), 0, "不公开")
            for part in GRADUAL_PARTS if part in budget.not_published and part in required]


def _no_final_edition(budget: Budget, layout: Layout) -> Finding:
    return Finding("error", "版式", f"版式“{layout.name}”没有部门决算的版本（版本: 适用: {{种类: 决算}}），"
                   "不能按它生成部门决算（--draft 也不能：那样印出的是部门预算）：请用 默认 版式（不写“版式”）或 上海 版式（版式: 上海），"
                   "或在版式中加上部门决算的版本", str(budget.file), budget.line_of("种类"), 0, "种类")


def unit_wording_finding(budget: Budget, layout: Layout) -> Finding:
    """A warning: the layout has no edition for a unit's budget, so its own headings say 部门."""
    return Finding("warning", "版式-单位预算", f"版式“{layout.name}”没有适用于单位预算的版本（版本: 适用: {{类型: 单位}}），"
                   "它自己的模板中的标题仍按部门预算写：请用 默认 或 上海 版式，或在版式中加上单位预算的版本",
                   str(budget.file), budget.line_of("类型"), 0, "类型")


def layout_of(budget: Budget, layout: str | Path | None = None) -> Layout:
    """The layout to render ``budget`` in: the command line's (``--layout``), else the source's
    ``版式`` (a folder relative to the source), else the default; in the edition (版本) for the
    source's year and kind (部门/单位). Raises LayoutError."""
    occasion = Occasion(budget.year, budget.kind, budget.accounts)
    if layout:
        return resolve(layout, occasion=occasion)
    return resolve(budget.layout or None, budget.file.parent, occasion)


def document_for(prepared: Prepared, templates: list[Path] | None = None, draft: bool = False,
                 layout: str | Path | None = None) -> Document:
    """The Document of a prepared source, in its layout. A draft lists its open findings under the
    草稿 banner, the parts the source does not give among them (known once the templates have run)."""
    assert prepared.budget is not None and prepared.figures is not None
    chosen = layout_of(prepared.budget, layout)
    open_findings = [f.format() for f in prepared.findings] if draft and prepared.findings else None
    document = build_document(prepared.budget, prepared.figures, templates, open_findings, chosen)
    if draft and document.missing:
        lines = [f.format() for f in prepared.findings + missing_findings(prepared.budget, document)]
        document = build_document(prepared.budget, prepared.figures, templates, lines, chosen)
    return document


LEARNED_WORDS = "学到的措辞"  # the field a learned layout's sentence not printed names (_phrases.j2 unlearned)


def missing_findings(budget: Budget, document: Document) -> list[Finding]:
    """An error for each part the source does not give where the document needs it (what its
    待补充 markers stand for): a public document never carries a 待补充; a draft may."""
    findings = []
    for what, source_field in document.missing:
        line = next((budget.key_lines[path] for path in _parents(source_field) if path in budget.key_lines), 0)
        if source_field == LEARNED_WORDS:  # a sentence of a learned layout: what says which, why and what to do
            findings.append(Finding("error", "R-缺少", what, str(budget.file), line, 0, source_field))
            continue
        if source_field == LISTED_TABLES:
            findings.append(_listed_not_held(budget, what, line))
            continue
        findings.append(Finding("error", "R-缺少", f"缺少{what}：请在源文件中填写“{source_field}”；部门决定不公开的部分，"
                                "请列入“不公开”（加 --draft 可先生成标出“待补充”的草稿）", str(budget.file), line, 0,
                                source_field))
    return findings


def _listed_not_held(budget: Budget, title: str, line: int) -> Finding:
    """The error of a 印出表 the layout's 表格清单 lists by a title the source holds no table of, at the source's 版式."""
    held = "、".join(f"“{shown_text(t.title, 40)}”" for t in budget.printed_tables) or "没有印出表"
    return Finding("error", "版式-表格清单", f"所用版式的 表格清单.表 列出印出表“{shown_text(title, 40)}”，源文件的印出表中没有"
                   f"这个表名的表（源文件的：{held}）：这张表不会印出。请把版式.yaml 中的表名改成源文件印出表的表名，或删去这一项",
                   str(budget.file), line, 0, "版式")


def unprinted_findings(budget: Budget, document: Document) -> list[Finding]:
    """A warning for each text of the source that only some layouts print and this document does not
    (项目经费情况说明 and 部门概况.标题名称 are 上海's headings, 地区 its cover's; 级次 words the default
    名词解释 and 上海's cover): told, never silently dropped."""
    headings = [h.text for h in document.headings()]
    covered = " ".join(line.text for line in document.cover.lines) if document.cover is not None else ""
    return [*_statements_unprinted(budget, headings), *_cover_words_unprinted(budget, document, covered),
            *_heading_name_unprinted(budget, headings), *_project_columns_unprinted(budget, document),
            *_printed_tables_unprinted(budget, document)]


def _printed_tables_unprinted(budget: Budget, document: Document) -> list[Finding]:
    """A warning for each table the source holds as printed (印出表) that the document does not print: the layout
    lists a table of its own under its number (深圳's 表4 基本支出总表 is its 一般公共预算基本支出表)."""
    shown = {block.id for block in document.blocks if isinstance(block, Table)}
    return [Finding("warning", "版式-未印出", f"印出表“{table.title}”{f'（{table.number}）' if table.number else ''}没有印出：所用版式的表格清单在这个表号印"
                    "它自己的一张表（要照印这张表，在版式的 表格清单.表 中写 {印出表: 表名, 表号: N}）", str(budget.file),
                    table.line, 0, "印出表")
            for index, table in enumerate(budget.printed_tables, 1) if printed_id(index) not in shown]


def _statements_unprinted(budget: Budget, headings: list[str]) -> list[Finding]:
    """A warning for each 项目经费情况说明 no heading of the document prints."""
    findings = []
    for statement in budget.project_statements:
        if not any(h.startswith(statement.title or statement.name) for h in headings):
            given = "、".join(([statement.title] if statement.title else []) + list(statement.parts))
            findings.append(Finding("warning", "版式-未印出", f"项目经费情况说明“{statement.name}”（{given}）没有印出：所用的版式"
                                    "没有这一部分（上海版式有：--layout 上海 或 版式: 上海）",
                                    str(budget.file), statement.line, 0, "项目经费情况说明"))
    return findings


def _cover_words_unprinted(budget: Budget, document: Document, covered: str) -> list[Finding]:
    """A warning for 地区 where the cover (``covered``: its lines) does not print it, and for 级次 where neither the
    text nor the cover does."""
    findings = []
    if budget.region and budget.region not in "".join(covered.split()):
        findings.append(Finding("warning", "版式-未印出", f"地区“{budget.region}”只印在版式的封面上，所用版式的封面没有用到地区，"
                                "它不会印出（按 上海 版式生成时，封面写作“{地区}{年}年区级部门预算”）", str(budget.file),
                                budget.key_lines.get("地区") or budget.line_of("地区"), 0, "地区"))
    if "级次" in budget.key_lines and budget.level not in "".join((document.plain_text() + covered).split()):
        findings.append(Finding("warning", "R-级次", f"级次“{budget.level}”在生成的文本中没有印出：它只用于名词解释中"
                                "“财政拨款收入”“三公”经费”的默认解释和写出级次的封面，这两条解释都已改写或删去，所用版式的"
                                "封面也不写它：可删去它", str(budget.file), budget.key_lines["级次"], 0, "级次"))
    return findings


def _heading_name_unprinted(budget: Budget, headings: list[str]) -> list[Finding]:
    """A warning where 部门概况.标题名称 is given and no heading begins with it."""
    name = budget.profile.heading_name
    if name and not any(h.startswith(name) for h in headings):
        return [Finding("warning", "版式-未印出", f"部门概况.标题名称“{name}”没有印出：所用版式的标题不写部门"
                        "名称（上海版式的“主要职能”“机构设置”标题写）", str(budget.file),
                        budget.key_lines.get("部门概况.标题名称", 0), 0, "部门概况.标题名称")]
    return []


def _project_columns_unprinted(budget: Budget, document: Document) -> list[Finding]:
    """A warning for a project's 类别 or 单位名称 (as a project list prints them beside the name: 烟台, 杭州) that the
    document does not print: the layout's 项目支出表 lists no such column (表格.项目支出表.列)."""
    given = [(one, project) for one in (budget, *budget.units) for project in one.projects
             if project.category or project.printed_unit]
    if not given:  # (most sources: the document's text is not made again)
        return []
    text, table = "".join(document.plain_text().split()), tablekinds.role("projects")
    findings = []
    for one, project in given:
        for words, key in ((project.category, "类别"), (project.printed_unit, "单位名称")):
            if words and "".join(words.split()) not in text:
                findings.append(Finding("warning", "版式-未印出", f"项目“{project.name}”的{key}“{words}”没有印出：所用版式的"
                                        f"{table}没有这一栏（版式的 表格.{table}.列 写上它才印）", str(one.file),
                                        project.line, 0, f"支出.项目.{key}"))
    return findings


def _parents(field: str) -> list[str]:
    """A source field and the fields above it, nearest first (支出.基本支出.经济分类 → 支出.基本支出 → 支出)."""
    parts = field.split("、")[0].split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 0, -1)]


def check_findings(path: Path, reason_threshold: Decimal | None = None) -> list[Finding]:
    """What `reportgen check` reports: the findings of prepare and the parts a render would find missing, all in one
    run — never one wave after another: a source's slips (a total against its parts) do not hide the parts it lacks,
    nor do its 待填写 hide either (the slips and the parts missing besides them are those of the source read without
    them, but for a slip at a 待填写's field or around it — an income left 待填写 read as none makes no slip of 收支平衡:
    江苏省人民检察院 2019's import, its 部门概况.职责 待填写, has its stated 支出合计 against its function lines told in
    the same run); nor does the department's name left empty or 待填写 (a 说明 whose cover names none: 江苏省政协办公厅
    2019's, imported alone, told only 部门 不能为空 before — the four parts it lacks once the name was filled)."""
    prepared = prepare(path, reason_threshold)
    if prepared.budget is not None:
        return prepared_findings(prepared)
    drafted, holes = _drafted(path, prepared.findings, reason_threshold)
    found = _found_drafted(drafted, YEAR in holes)
    if found is None:
        return prepared.findings
    told = prepared.findings + [f for f in found if f not in prepared.findings and _beside(f, holes)]
    if YEAR in holes:
        told.append(_year_unchecked(prepared.findings))
    return sorted(told, key=lambda f: (f.severity != "error", f.line))


def _found_drafted(drafted: Prepared, yearless: bool) -> list[Finding] | None:
    """What the source read without its 待填写 (a name or a year stood in) finds, the parts it lacks among them; None
    where it cannot be read — but for a year stood in, whose loader's findings are told all the same."""
    if drafted.budget is not None and drafted.figures is not None:
        return drafted.findings + _parts_missing(drafted)
    return drafted.findings if yearless else None


def _beside(finding: Finding, holes: list[str]) -> bool:
    """Whether a finding of the source read without its holes is told beside prepare's: not at a hole, and (the year
    stood in) not of a rule the year judges."""
    return not any(_within(finding.path, hole) for hole in holes) and not (YEAR in holes and finding.rule in YEAR_RULES)


NAME = "部门"  # the department's name: a text no figure or rule of the budget's arithmetic stands on
YEAR = "年度"  # the year: its code catalogue, its prior year's and the founding year's rules stand on it
# the rules judged by the year: the codes and their names by the year's catalogue, the prior year's and the units'
# files' years, the founding year, a 说明 saying this year's 机关运行经费 counts projects' money
YEAR_RULES = frozenset({"R-科目编码", "R-科目名称", "R-科目未收录", "R-政府经济分类", "R-上年年度", "R-上年来源",
                        "R-单位文件", "R-成立年度", "R-机关运行经费"})


def _year_unchecked(findings: list[Finding]) -> Finding:
    """What check leaves for the year: one warning at the 年度's own finding, saying which rules wait for it."""
    at = next((f for f in findings if f.path == YEAR), None)
    return Finding("warning", "未核对", "年度没有填写：科目编码与名称（按该年度的政府收支分类科目表）、上年与单位源文件的年度、"
                   "成立年度、机关运行经费的口径没有核对；填写年度后再检查一次，其余检查已照常做",
                   at.file if at else "", at.line if at else 0, 0, YEAR)


def _drafted(path: Path, findings: list[Finding], reason_threshold: Decimal | None) -> tuple[Prepared, list[str]]:
    """A source whose only faults are its 待填写 read without them (and, its department's name or its year left empty or
    待填写, with a name or a year standing in, told at 部门 or 年度 all the same), and the fields whose findings are left
    to prepare's (the holes)."""
    holes = [f.path for f in findings if f.rule in PLACEHOLDER_RULES]
    stood = _stood_in(findings)
    if not stood:
        return prepare(path, reason_threshold, draft=True), holes
    return prepare(_StoodIn(given(path), stood), reason_threshold, draft=True), [*holes, *stood]


def _stood_in(findings: list[Finding]) -> list[str]:
    """The fields stood in for (部门, 年度): those left empty or 待填写, nothing else wrong with the source but its 待填写."""
    stood = [key for key in (NAME, YEAR) if any(f.path == key for f in findings)]
    fine = all(f.rule in PLACEHOLDER_RULES or f.path in stood or f.severity != "error" for f in findings)
    return stood if fine else []


@dataclass(frozen=True)
class _StoodIn:
    """A source read with its file's name standing in for the department's name it leaves empty, and the newest year
    of the code catalogue for the year it leaves out (check_findings: the rest of it judged in the same run, the rules
    the year judges left out; the field's own finding told as prepare tells it)."""

    source: SourceInput
    stood: list[str]

    @property
    def path(self) -> Path:
        return self.source.path

    def values(self) -> Any:
        data = self.source.values()
        if isinstance(data, dict):
            name = LocStr(self.source.path.stem)
            name.mark = getattr(data.get(NAME), "mark", Mark(1, 1))
            stand: dict[str, object] = {NAME: name, YEAR: codes.newest_year()}
            data.update({key: stand[key] for key in self.stood})
        return data


def _within(path: str, other: str) -> bool:
    """One field's path is the other's or within it (支出.功能分类 and 支出.功能分类[3].合计)."""
    return path == other or path.startswith((f"{other}.", f"{other}[")) or other.startswith((f"{path}.", f"{path}["))


def prepared_findings(prepared: Prepared, parts: bool = True) -> list[Finding]:
    """check_findings of a source already prepared; without the parts a render would find missing
    when not ``parts`` (a review, whose imported source lacks them by nature, never builds the document)."""
    if prepared.budget is None or prepared.figures is None:
        return prepared.findings
    missing = _parts_missing(prepared) if parts else []
    if prepared.errors and not missing:
        return prepared.findings  # as prepare told them
    return sorted(prepared.findings + missing, key=lambda f: (f.severity != "error", f.line))


def _parts_missing(prepared: Prepared) -> list[Finding]:
    """The parts a render of the prepared source would find missing, and the texts its layout does not print."""
    assert prepared.budget is not None
    try:
        document = document_for(prepared)
    except LayoutError:  # a layout that cannot be used: layout_findings' error at the 版式 line says so already
        return []
    return missing_findings(prepared.budget, document) + unprinted_findings(prepared.budget, document)


def _refuse_folders(finals: list[Path]) -> None:
    """An output whose name a folder holds is not written (the folder is not the user's output)."""
    for final in finals:
        if final.is_dir() and not final.is_symlink():
            raise IsADirectoryError(errno.EISDIR, f"{final} 是一个文件夹", str(final))


def _printed(document: Document, folder: Path, stem: str) -> Path:
    """The PDF of ``document`` in ``folder``: its DOCX as LibreOffice prints it, dated as the DOCX."""
    from reportgen.writers.docx import write_docx  # deferred: 2 ms that check (no DOCX) never needs; tests swap it
    from reportgen.writers.docx.package import document_time  # deferred: the DOCX package, 2 ms, for a PDF only
    from reportgen.writers.pdf import convert  # deferred: 5 ms, for a PDF only; test_pdf swaps it

    printed = folder / "pdf" / f"{stem}.docx"  # the DOCX LibreOffice prints, requested or not
    printed.parent.mkdir()
    write_docx(document, printed)
    return convert([printed], folder, document_time(document.meta.get("year")))[0]


def _numbered(document: Document, folder: Path, stem: str, formats: tuple[str, ...], print_to: Path | None,
              notes: list[str]) -> Path | None:
    """The DOCX of a document with a 目录 given its page numbers (writers/contents_pages.py): the one
    written in ``folder`` (when asked for) filled in place. Alone, LibreOffice lays it out here, and
    the PDF it printed is returned when one is asked for (the filled DOCX prints the same bytes); in
    a batch (``print_to``) the DOCX is left there for the batch's LibreOffice, unless the cache holds
    its numbers. What keeps the numbers out is said in ``notes``."""
    from reportgen.writers.docx import docx_bytes  # deferred: 2 ms that check (no DOCX) never needs
    from reportgen.writers.docx.package import document_time  # deferred: the DOCX package, 2 ms, for a PDF only

    staged = folder / f"{stem}.docx"
    package = staged.read_bytes() if "docx" in formats else docx_bytes(document)
    when = document_time(document.meta.get("year"))
    left = print_to / f"{stem}.docx" if print_to is not None else None
    final, pdf, warning = _laid_out(package, when, "pdf" in formats, left)
    notes += [warning] if warning else []
    if "docx" in formats and final is not package:
        write_atomically(staged, final)
    if print_to is not None or "pdf" not in formats:
        return None
    if pdf is None:
        return _print_bytes(final, folder, stem, when)
    write_atomically(folder / f"{stem}.pdf", pdf)
    return folder / f"{stem}.pdf"


def _laid_out(package: bytes, when: datetime, pdf: bool, left: Path | None) -> tuple[bytes, bytes | None, str]:
    """A DOCX with a 目录 given its page numbers: (the DOCX filled, the PDF LibreOffice printed of it when ``pdf`` is
    asked for, a warning or ''). In a batch (``left``: where its DOCX is left for the batch's LibreOffice) the numbers
    come from the cache, and no PDF: the DOCX is left there when the batch must number it or print it."""
    from reportgen.writers import contents_pages  # deferred: for a DOCX with a 目录 only

    if left is None:
        return contents_pages.lay_out(package, when, keep_pdf=pdf)
    final, warning, waits = contents_pages.for_batch(package)
    if waits or pdf:
        write_atomically(left, final)
    return final, None, warning


def _print_bytes(package: bytes, folder: Path, stem: str, when: datetime) -> Path:
    """The PDF LibreOffice prints of the DOCX ``package``, in ``folder``."""
    from reportgen.writers.pdf import convert  # deferred: 5 ms, for a PDF only; test_pdf swaps it

    printed = folder / "pdf" / f"{stem}.docx"
    printed.parent.mkdir()
    write_atomically(printed, package)
    return convert([printed], folder, when)[0]


def write_outputs(document: Document, out_dir: Path, stem: str, formats: tuple[str, ...],
                  templates: list[Path] | None = None, print_to: Path | None = None,
                  notes: list[str] | None = None) -> list[Path]:
    """Write every format to a staging folder inside out_dir, then move them in place together,
    so a failure or an interruption leaves out_dir exactly as it was: no output is replaced unless
    all are, and nothing is removed that this call did not write. ``print_to``: a folder where the
    DOCX to print as PDF (or to lay out for its 目录's page numbers) is left for a batch to convert
    with one LibreOffice (no PDF made here). ``notes``: where a warning about the 目录's numbers goes."""
    from reportgen.writers.docx import write_docx  # deferred: 2 ms that check (no DOCX) never needs; tests swap it

    asked = formats
    if print_to is not None and "pdf" in formats:
        formats = _left_to_print(document, formats, print_to / f"{stem}.docx", write_docx)
    finals = [out_dir / f"{stem}.{fmt}" for fmt in formats]
    _refuse_folders(finals)
    made = make_folders(out_dir)
    staging: Staging | None = None
    try:
        remove_stale_staging(out_dir)
        staging = Staging(out_dir)
        staged = _staged(document, staging.path, stem, asked, formats, templates, print_to,
                         notes if notes is not None else [])
        staging.move_in(list(zip(staged, finals, strict=True)), "render")
        return finals
    except BaseException:
        if staging is not None:
            staging.remove()
            staging = None
        remove_empty_folders(made)
        raise
    finally:
        if staging is not None:
            staging.remove()


def _staged(document: Document, folder: Path, stem: str, asked: tuple[str, ...], here: tuple[str, ...],
            templates: list[Path] | None, print_to: Path | None, notes: list[str]) -> list[Path]:
    """Each format written ``here`` (of those ``asked`` for) into the staging ``folder``, in order: a document with a
    目录 given its page numbers (_numbered), the PDF its DOCX as LibreOffice prints it."""
    from reportgen.writers.docx import write_docx  # deferred: 2 ms that check (no DOCX) never needs; tests swap it

    staged = _write_formats(document, here, folder, stem, templates, write_docx)
    printed = None
    if document.contents and {"docx", "pdf"} & set(asked):
        printed = _numbered(document, folder, stem, asked, print_to, notes)
    if "pdf" in here:
        staged.insert(here.index("pdf"), printed or _printed(document, folder, stem))
    return staged


def _left_to_print(document: Document, formats: tuple[str, ...], docx: Path,
                   write_docx: Callable[[Document, Path], None]) -> tuple[str, ...]:
    """The formats written here when a batch prints the PDF: all but the PDF, whose DOCX is left at ``docx`` for the
    batch's LibreOffice (a document with a 目录 leaves its own, once numbered: _numbered)."""
    if not document.contents:
        write_docx(document, docx)
    return tuple(f for f in formats if f != "pdf")


def _write_formats(document: Document, formats: tuple[str, ...], folder: Path, stem: str, templates: list[Path] | None,
                   write_docx: Callable[[Document, Path], None]) -> list[Path]:
    """Each format but the PDF (made from the DOCX, after) written into ``folder``, in order. A large
    document's DOCX is written in a forked child while this process writes the others; the child is
    waited for before this returns, and before a failure here goes on (then whatever it raised)."""
    docx_done: Callable[[], None] | None = None
    written = []
    try:
        for fmt in formats:
            target = folder / f"{stem}.{fmt}"
            if fmt == "pdf":
                continue
            if fmt == "docx" and len(formats) > 1 and _worth_a_fork(document):
                docx_done = _in_child(write_docx, document, target)
            elif fmt == "docx":
                write_docx(document, target)
            else:
                _write_sheets_or_page(document, fmt, target, templates)
            written.append(target)
    except BaseException:
        if docx_done is not None:  # this side failed first: let the child finish before cleaning up
            with contextlib.suppress(BaseException):
                docx_done()
        raise
    if docx_done is not None:
        docx_done()
    return written


def _write_sheets_or_page(document: Document, fmt: str, target: Path, templates: list[Path] | None) -> None:
    """A format besides the DOCX and the PDF: the workbook (xlsx), or the web page (html)."""
    if fmt == "xlsx":
        from reportgen.writers.xlsx import write_xlsx  # deferred: XlsxWriter, 25 ms at start-up, for an xlsx only

        write_xlsx(document, target)
        return
    from reportgen.writers.html import write_html  # deferred: 1 ms that check (no HTML) never needs

    write_html(document, target, templates)


# A large document writes its DOCX in a forked process while this one writes the HTML: the two
# writers share nothing but the Document, and a machine has at least two cores. Worth it from a
# few thousand table rows (a fork of a big process costs some milliseconds); off where the cores
# are already busy (batch workers) and in a process with threads, where fork is not safe.
PARALLEL_WRITERS = True
PARALLEL_FROM_ROWS = 3000


def _worth_a_fork(document: Document) -> bool:
    if not PARALLEL_WRITERS or not hasattr(os, "fork") or _has_threads():
        return False
    return sum(len(t.header) + len(t.body) for t in document.tables()) >= PARALLEL_FROM_ROWS


def _has_threads() -> bool:
    """Whether this process runs another thread. A process that never imported threading started
    none through it (and reportgen starts none otherwise): it is not imported just to ask."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def _in_child(write: Callable[[Document, Path], None], document: Document, target: Path) -> Callable[[], None]:
    """Run ``write(document, target)`` in a forked child; the function returned waits for it and
    raises here whatever it raised there."""
    import pickle  # deferred: 1 ms at start-up, for a large document's forked writer only

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write, report a failure, leave without the parent's exit handlers
        os.close(read_end)
        code = 0
        try:
            write(document, target)
        except BaseException as exc:
            code = 1
            try:
                payload = pickle.dumps(exc)
            except Exception:
                payload = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(code)
    os.close(write_end)

    def wait() -> None:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if payload:
            raise pickle.loads(payload)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"写入 {target.name} 的进程意外退出（{os.waitstatus_to_exitcode(status)}）")

    return wait


def render_source(path: Path, out_dir: Path, formats: tuple[str, ...] = FORMATS, templates: list[Path] | None = None,
                  draft: bool = False, layout: str | Path | None = None, print_to: Path | None = None) -> Rendered:
    """Render one source; with errors and no draft, nothing is written. An output that would
    replace one of the files the render reads (the source, a unit file, the prior-year source, a
    template) is refused before anything is written."""
    start = time.perf_counter()
    clashes = overwrite_findings(path, [], out_dir, path.stem, formats, templates, "later")
    if clashes:
        return Rendered(path, [], clashes, time.perf_counter() - start)
    prepared = prepare(path, draft=draft)
    refused = _refused(prepared, path, out_dir, formats, templates, draft, layout)
    if refused is not None:
        return Rendered(path, [], refused, time.perf_counter() - start)
    assert prepared.budget is not None
    document = document_for(prepared, templates, draft, layout)
    missing = missing_findings(prepared.budget, document)
    if missing and not draft:
        return Rendered(path, [], prepared.findings + missing, time.perf_counter() - start)
    unfit = _unfit(document, path) if "xlsx" in formats else []
    if any(f.severity == "error" for f in unfit):
        return Rendered(path, [], prepared.findings + missing + unfit, time.perf_counter() - start)
    notes: list[str] = []
    outputs = write_outputs(document, out_dir, path.stem, formats, templates, print_to, notes)
    told = prepared.findings + missing + unfit + unprinted_findings(prepared.budget, document)
    told += [Finding("warning", "目录页码", note, str(path)) for note in notes]
    return Rendered(path, outputs, told, time.perf_counter() - start, document)


def _refused(prepared: Prepared, path: Path, out_dir: Path, formats: tuple[str, ...], templates: list[Path] | None,
             draft: bool, layout: str | Path | None) -> list[Finding] | None:
    """What refuses a render before its document is built (None: nothing): a 决算 no edition of the layout words, a
    source that could not be read or has errors (unless drafted), an output that would replace a file it reads."""
    if prepared.budget is not None and _without_edition(prepared.budget, layout):  # never drafted as a 部门预算
        return _without_edition(prepared.budget, layout)
    if prepared.budget is None or (prepared.errors and not draft):
        return prepared.findings
    layout_files = _layout_files(prepared.budget, layout)
    clashes = overwrite_findings(path, [*prepared.budget.inputs, *layout_files], out_dir, path.stem, formats, templates)
    return prepared.findings + clashes if clashes else None


def _layout_files(budget: Budget, layout: str | Path | None) -> list[Path]:
    """The files of the user's layout folders a render of ``budget`` reads (none where the layout cannot be loaded:
    the load says why)."""
    try:
        return [p for folder in user_folders(layout_of(budget, layout)) for p in _files_in(folder)]
    except LayoutError:
        return []  # reported by the load


def _unfit(document: Document, path: Path) -> list[Finding]:
    """What of the document the official workbook its layout names cannot hold (told before writing; nothing where
    it names none): an error where the workbook file is the user's own to correct; where it is a shipped one (上海's
    工作簿-单位.yaml, 4 columns of its 收支总表) and the user's layout shapes the table otherwise (a layout learned from a
    unit's PDF prints its 7), a warning, and the workbook written a sheet per table — the user cannot correct the
    shipped file, and its tables are printed whole rather than refused."""
    if document.workbook is None:
        return []
    from reportgen.shaping.layout_workbook import misfits  # deferred: 6 ms, for a layout with a workbook only

    told = misfits(document)
    if told and Path(document.workbook.source).resolve().is_relative_to(SHIPPED.resolve()):
        document.workbook = None
        return [Finding("warning", "版式-工作簿", f"{misfit.rsplit('：请改正', 1)[0]}：所用版式的表格形状与随附的正式工作簿不合，"
                        "--format xlsx 改为每张表一个工作表（不是正式工作簿的格式）", str(path), 0, 0, "版式")
                for misfit in told]
    return [Finding("error", "版式-工作簿", misfit, str(path), 0, 0, "版式") for misfit in told]


def _without_edition(budget: Budget, layout: str | Path | None) -> list[Finding]:
    """The refusal of a 部门决算 in a layout (the command line's, else the source's) with no 决算 edition."""
    if budget.accounts == "预算":
        return []
    return [f for f in layout_findings(budget, layout) if f.severity == "error" and f.path == "种类"]


def files_read(source: Path, layout: str | Path | None = None) -> list[Path]:
    """Every file a command that loads ``source`` reads: the source, the files it names (unit
    files, prior-year sources, 科目表, transitively: loader.referenced_files) and the files of the
    user's layout folders (its 版式.yaml and templates; the source's 版式 or ``layout``). No
    output may be one of them. A file that cannot be read is still listed: it is not written."""
    if layout is None and not _names_files(source):
        return [source]
    files = [source, *referenced_files(source)]
    return files + [path for folder in _layout_folders(source, layout) for path in _files_in(folder)]


_NAMING_KEYS = tuple(word.encode() for word in ("包含", "来源", "科目表", "版式"))


def _names_files(source: Path) -> bool:
    """Whether the source may name another file (a batch asks this of a thousand sources: reading
    the bytes costs a twentieth of parsing them). A source that cannot be read names none."""
    try:
        data = read_bounded(source, MAX_SOURCE_BYTES)
    except InputRefused:
        return False
    return any(key in data for key in _NAMING_KEYS)


def _layout_folders(source: Path, layout: str | Path | None) -> list[Path]:
    """The user's own layout folders a render of ``source`` reads (none for a shipped layout)."""
    if layout is None:
        try:
            data = load_yaml(source)
        except SourceError:
            return []
        layout = data.get("版式") if isinstance(data, dict) else None
        if not isinstance(layout, str) or not layout:
            return []
        relative_to: Path | None = source.parent
    else:
        relative_to = None
    try:
        return user_folders(resolve(layout, relative_to))
    except LayoutError:
        return []


def user_folders(layout: Layout) -> list[Path]:
    """A layout's folders that are not shipped with reportgen: the user's files."""
    return [folder for folder in layout.folders if resolved(SHIPPED) not in resolved(folder).parents]


_MOST_LAYOUT_FILES = 2000


def _files_in(folder: Path) -> list[Path]:
    """The files below a layout folder (bounded: a layout holds a few templates)."""
    found: list[Path] = []
    for root, _dirs, names in os.walk(folder):
        found += [Path(root) / name for name in names]
        if len(found) > _MOST_LAYOUT_FILES:
            break
    return found


def overwrite_findings(source: Path, inputs: list[Path], out_dir: Path, stem: str, formats: tuple[str, ...],
                       templates: list[Path] | None, replace: Replace = "written") -> list[Finding]:
    """An error for each output the guard refuses (reading/outputs.py): one that would write over one
    of the render's inputs, where a folder or a pipe stands, or over a file whose bytes reportgen did
    not write there (a document corrected in Word since: written.py). A render's outputs replace the
    last render's. ``replace="later"``: a first look, before the inputs are known (a file standing
    at an output's name is judged with them, so that an input is told as an input)."""
    finals = [out_dir / f"{stem}.{fmt}" for fmt in formats]
    # A template is found by its name in an override folder: only a file there of an output's name
    # could be overwritten.
    shadowed = [folder / sub / final.name for folder in templates or [] for sub in ("", "narrative") for final in finals]
    outputs = [Output(final, "-o", replace) for final in finals]
    return [Finding("error", "输出", message, str(out))
            for out, message in refused_outputs(outputs, [source, *inputs, *shadowed])]
