"""`reportgen review DOCUMENT...`: a department's published (or draft) document reviewed without its
source — what a finance bureau receives is a PDF, not a YAML.

Each document is imported (reportgen/importing/: its own tables become a source, in memory), its
tables reconciled (every 合计, 类, 款 and the tables against each other), the source checked (every 勾稽 rule of ``check``), and its narrative judged against its
own tables (``check --against``). Nothing the user owns is written but the pages asked for."""

from __future__ import annotations

import dataclasses
import functools
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen import tablekinds
from reportgen.base.errors import Finding
from reportgen.base.oserrors import reason
from reportgen.compute.phrasing import UNIT_FACTOR
from reportgen.importing import (
    WITHHELD,
    ImportResult,
    Part,
    Placed,
    Row,
    Span,
    TableKind,
    Unread,
    cover_title,
    disclosure_part,
    disclosures_in,
    disclosures_of,
    holds,
    import_files,
    projects_beyond_spending,
    recognised_once,
    titled_table,
    unprinted_funds,
    unread_cells,
    walk,
)
from reportgen.readers.grid import ImportRefused
from reportgen.readers.published import DOCUMENTS, Published, read_published, within
from reportgen.readers.text.lines import Line
from reportgen.readers.text.running_scope import running_costs_scope
from reportgen.readers.text.statements import named_quantities, read_statements
from reportgen.readers.unreadable import Unreadable
from reportgen.reading.files import identity, is_regular_file
from reportgen.review import (
    PROCUREMENT_PART,
    RUNNING_PART,
    THREE_PUBLIC_PART,
    Review,
    review_prepared,
    review_within_sentences,
    sentence_findings,
)
from reportgen.review.coverage import Coverage, coverage, printed_amounts
from reportgen.review.following import following
from reportgen.review.glossary import TableLines
from reportgen.review.missing import implied
from reportgen.review.own_outputs import review_output
from reportgen.review.policy import Seen, kept, notes
from reportgen.review.project_lists import lists_disagree
from reportgen.review.scanned import not_judged_beside_unread, told_on_scans
from reportgen.review.sentences.consistency import CUT_RULE
from reportgen.review.sentences.judge import Verdict, printed_cells
from reportgen.review.target_cells import items_disagree
from reportgen.review.target_parties import parties_copied
from reportgen.review.target_sums import against_management
from reportgen.review.target_tables import against_projects
from reportgen.review.target_texts import beyond_projects, repeated_tables
from reportgen.review.target_units import percent_among_counts
from reportgen.review.text_rules.budget_wording import former_names_in
from reportgen.runners.render import Prepared, prepare, prepared_findings
from reportgen.source.schema import AMOUNT_TO_FILL
from reportgen.tablekinds import role

# The files a folder given to review holds that are documents (others in it are passed over).
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".wps", ".rtf", ".mht", ".xlsx", ".xls", ".et", ".ods", ".html", ".htm", ".csv")
MAX_DEPTH = 8  # subfolders below a folder named: a bureau's 部门 and their 单位, and room besides

@dataclass
class DocumentReview:
    document: Path
    refused: str = ""  # why the document could not be read or has no budget table ("" when it could)
    final: list[str] = field(default_factory=list)  # a 部门决算 (refused): the differences among its tables
    final_text: list[Finding] = field(default_factory=list)  # and its sentences' figures against each other
    imported: ImportResult | None = None
    checks: list[Finding] = field(default_factory=list)  # check's findings on the imported source
    # codes printed with a name no catalogue here holds (R-科目未收录): listed unverified, never an alarm
    unverified: list[Finding] = field(default_factory=list)
    # what the review tells and does not count (提示): a part the national rule asks only gradually (逐步公开) that the
    # document does not print, where no rule of its locality requires it
    hints: list[Finding] = field(default_factory=list)
    narrative: Review | None = None
    narrative_problems: list[Finding] = field(default_factory=list)
    final_cut: list[Finding] = field(default_factory=list)  # a refused 决算's figures cut, not rounded (notes)
    final_reviewed: bool = False  # refused as a budget, a 部门决算 all the same: its tables and sentences judged
    published: Published | None = None  # the document as read (once: its import, its narrative, its copy)
    kind: str = ""  # what its bytes are (readers/published.py: pdf, docx …), where they could be told
    # the files reviewed as this one document (a disclosure's narrative first, then its tables file); [] : document
    files: list[Path] = field(default_factory=list)
    # reviewed alone: what it is as a part of a disclosure published in several files (None: a whole one)
    half: Part | None = None
    read: Coverage | None = None  # the amounts its PDF pages print, and how many were read (None: not measured)
    not_scanned: str = ""  # why scanned pages of its files were not read by OCR ("" when none was left)
    damaged: str = ""  # which pages of its files were not read for the file's damage ("" when none)
    # one disclosure of several its file holds (importing/in_one_file.py): its pages and cover (None: the file's)
    span: Span | None = None
    # the disclosures its one file holds, each reviewed as its own document ([]: the file is one disclosure)
    parts: list[DocumentReview] = field(default_factory=list)

    @functools.cached_property
    def unread(self) -> list[Unread]:
        """The figures its tables print that no field took (importing/unread.py): told, not judged."""
        return unread_cells(self.imported.imported) if self.imported is not None else []

    @functools.cached_property
    def following(self) -> dict[str, str]:
        """Each finding (by its message) that follows from one of its table slips → that slip, named
        (review/following.py): marked so, and not counted as a problem of its own."""
        if self.imported is None:
            return {}
        units = {name: table.unit for name, table in self.imported.imported.tables.items()}
        return following(self.imported.differences, self.checks, units)

    @property
    def cut(self) -> list[Finding]:
        """Figures printed cut rather than rounded half up: told with both values, not counted (CUT_RULE)."""
        return self.final_cut + (self.narrative.cut if self.narrative else [])

    @property
    def counts(self) -> dict[str, int]:
        """Findings by kind, and the narrative's figures, for the bureau's summary."""
        narrative = self.narrative.counts if self.narrative else {"read": 0, "agree": 0, "disagree": 0, "unknown": 0}
        kinds = Counter(f.severity for f in self.checks if f.message not in self.following)
        tables = [text for text in self.imported.differences if text not in self.following] if self.imported else self.final
        return {"tables": len(tables),
                "errors": kinds["error"], "warnings": sum(1 for f in self._findings if f.severity == "warning"),
                "prose": narrative["disagree"] + (len(self.narrative.contradictions) if self.narrative else 0)
                + len(self.final_text),
                "read": narrative["read"], "agree": narrative["agree"], "unknown": narrative["unknown"]}

    @property
    def _findings(self) -> list[Finding]:
        """Every finding told of the document with its severity (review/listing.py lists the same): its
        checks', its text's against its tables and within its sentences, its wording's."""
        text = self.narrative.contradictions + self.narrative.wording if self.narrative else []
        return self.checks + self.narrative_problems + self.final_text + text

    @property
    def final_tables(self) -> int:
        """How many 部门决算 tables were read (0: the document is a budget, or was not read)."""
        if self.imported is None:
            return 0
        imported = self.imported.imported
        return sum(1 for kind in imported.catalog.tables if kind.final and kind.id in imported.tables)

    @property
    def checklist(self) -> dict[str, object]:
        """The document as a row of the reviewer's 检查表: the tables a disclosure must publish that
        were not read, the parts of its text (三公经费, 政府采购 …) not read, and the narrative's
        slips by kind (its figures against its tables; its figures against each other; wording)."""
        if self.imported is None:
            return {}
        imported = self.imported.imported
        final, required, absent = _required_tables(self.imported)
        scans = self.scanned_tables_unread
        # a page scanned with rows of amounts that no table was read from: the tables not found may be printed
        # there (OCR misreads a title: 财政拨款收支预算总表 as 财政拨亚收文预算总表) — not found, never missing
        missing, unpublished = implied([] if scans else absent, self.imported.table_words, imported.catalog,
                                       final=final, layout="版式" in imported.tree)
        return {"tables_required": len(required) - len(unpublished),
                "tables_missing": _named(missing), "tables_unpublished": _named(unpublished),
                "tables_on_scans": _named(absent) if scans else [],
                "parts_unread": self._parts_unread(), **_text_slips(self.narrative)}

    @functools.cached_property
    def scanned_tables_unread(self) -> list[int]:
        """The pages read by OCR that print rows of amounts (a table scanned) none of whose lines a table was
        read from: a table printed there was not read, whichever it is."""
        published, imported = self.published, self.imported
        if published is None or imported is None or not published.scanned:
            return []
        tables = imported.read_places | imported.set_aside_places | imported.unsure_places  # a budget table's lines
        return _scans_of_no_table(published, tables)

    def _parts_unread(self) -> list[str] | None:
        """The parts of a document's text not read (its 不公开, and a 名词解释 not found); None for a
        workbook, which has no text whose parts could be missing."""
        if self.imported is None or not self.imported.documents:
            return None
        tree = self.imported.imported.tree
        parts = _not_read(self.imported)
        layout = tree.get("版式")
        absent = _absent_parts(str(layout.value)) if isinstance(layout, Placed) and layout.value else frozenset()
        return [part for part in parts if part not in absent] + ([] if "名词解释" in tree else ["名词解释"])

    @property
    def clean(self) -> bool:
        if self.parts:
            return all(part.clean for part in self.parts)
        return not self.unreviewed and not self.refused and self._nothing_found

    @property
    def outcomes(self) -> list[str]:
        """The outcome of each disclosure its file holds: its own, or each of its parts' (counted as documents)."""
        return [part.outcome for part in self.parts] if self.parts else [self.outcome]

    @property
    def _nothing_found(self) -> bool:
        counts = self.counts
        missing = any(f.rule == MISSING_TABLES for f in self.checks)  # a table it must publish and does not
        return not (counts["tables"] or counts["errors"] or counts["prose"] or missing)

    @property
    def unreviewed(self) -> str:
        """Why the document was not reviewed, "" when it was: it could not be read, or what was read of it
        gives nothing to measure it by. Such a document is neither passed nor found at fault: it is told
        apart (未能审核), and no notice goes back for it. So is a document of which fewer than half the
        amounts it prints were read (review/coverage.py): its findings are told, but it is not passed; and a
        document whose narrative could not be judged at all and whose tables show nothing wrong."""
        if self.refused:
            return self.refused if not self.final_reviewed else ""
        if self.not_scanned:  # pages it prints were not read at all: never passed
            return f"有扫描页没有识别，其中的文字与数字未读取：{self.not_scanned}"
        if self.read is not None and not self.read.enough:
            aside = f"（按单位列出的表中的 {self.read.aside} 个数另计）" if self.read.aside else ""
            return (f"读出 {self.read.printed} 个数中的 {self.read.judging} 个{aside}：印出的金额大半没有读出（表格没有认出，"
                    "或不是预算表），其余未核对")
        has_text = self.narrative is not None or (self.imported is not None and bool(self.imported.documents))
        if has_text and self._text_unjudged and self._nothing_found:
            return "正文没有核对：读出的表格不足以核对正文（如收入没有读出），表格也没有发现问题"
        return ""

    @property
    def _text_unjudged(self) -> bool:
        """Whether none of its text's figures was judged against its tables: no narrative review, or one
        whose figures were read but none found to agree or disagree with the tables (judged within their
        sentences only, or 未能核对)."""
        if self.narrative is None:
            return True
        counts = self.narrative.counts
        return counts["read"] > 0 and counts["agree"] + counts["disagree"] == 0

    @property
    def not_read(self) -> bool:
        """Whether it was not reviewed at all (it was refused, and is no 部门决算 whose tables were judged): a
        document not reviewed with no findings at all — no notice, no copy to mark (its text, where it was
        read all the same, is counted, not judged: no table measures it). One read in part is 未能审核 too,
        but what was found in it is told and handed back."""
        return bool(self.refused) and not self.final_reviewed

    @property
    def title(self) -> str:
        """The document's title as its cover prints it (importing/identity.py cover_title); "" where it
        prints none (a workbook, a text with no cover): a notice then names it by its file."""
        published = self.published
        return cover_title(published.lines) if published is not None and published.is_document else ""

    @property
    def outcome(self) -> str:
        """未能审核, 有问题 or 未发现问题: the one word every page and the terminal use for the document (of a file
        of several disclosures: 有问题 where one has a problem, else 未能审核 where one was not reviewed)."""
        if self.parts:
            outcomes = self.outcomes
            return "有问题" if "有问题" in outcomes else "未能审核" if "未能审核" in outcomes else "未发现问题"
        return "未能审核" if self.unreviewed else "未发现问题" if self.clean else "有问题"


def _scans_of_no_table(published: Published, tables: frozenset[str]) -> list[int]:
    """The scanned pages that print rows of amounts (_SCANNED_ROWS or more) and none of the lines of ``tables``."""
    rows: Counter[int] = Counter()
    taken: set[int] = set()
    for line in published.lines:
        if line.page in published.scanned:
            if line.where in tables:
                taken.add(line.page)
            elif len(printed_amounts(line.text)) >= 2:  # a row of a table prints two or more
                rows[line.page] += 1
    return sorted(page for page, count in rows.items() if count >= _SCANNED_ROWS and page not in taken)


def _required_tables(result: ImportResult) -> tuple[bool, list[TableKind], list[TableKind]]:
    """Whether the document is a 部门决算 (the kinds of the tables read tell), the tables it must publish (a 决算 its
    nine, a budget its own) and those of them not read — a table printed but not read for sure is not missing."""
    imported = result.imported
    final = any(kind.final for kind in imported.catalog.tables if kind.id in imported.tables)
    required = [kind for kind in imported.catalog.tables if kind.required and kind.final == final]
    unsure = {table.kind.id for table in imported.unsure}  # printed, not read for sure: not missing
    return final, required, [kind for kind in required if kind.id not in imported.tables and kind.id not in unsure]


def _not_read(result: ImportResult) -> list[str]:
    """The parts of the text its source marks 不公开, and those the source holds nothing of (a part the text prints
    that the reading missed is no 不公开, but unread all the same)."""
    tree = result.imported.tree
    withheld = tree.get("不公开")
    parts = [str(part) for part in withheld.value] if isinstance(withheld, Placed) and isinstance(withheld.value, list) else []
    return parts + [name for name, path in WITHHELD if name not in parts and not holds(tree, path)]


def _absent_parts(layout: str) -> frozenset[str]:
    """The parts the layout's text has no place for (its 正文不含): a document of it has left none of them out."""
    from reportgen.shaping.layouts import LayoutError, resolve  # deferred: the layouts, only for a document with a text

    try:
        return resolve(layout).absent_parts
    except LayoutError:  # a layout named in the document that is not installed here: every part is expected
        return frozenset()


def _named(kinds: list[TableKind]) -> list[str]:
    """The tables of ``kinds`` by the names a reader knows them by (their first, else their id)."""
    return [kind.names[0] if kind.names else kind.id for kind in kinds]


def _text_slips(narrative: Review | None) -> dict[str, int]:
    """The 检查表's slips of a document's text by kind: its figures against its tables, against each other, wording."""
    if narrative is None:
        return {"figures": 0, "contradictions": 0, "wording": 0}
    return {"figures": narrative.counts["disagree"], "contradictions": len(narrative.contradictions),
            "wording": len(narrative.wording)}


def documents_in(paths: list[Path], out: Path | None = None) -> tuple[list[Path], list[str]]:
    """The documents named, a folder standing for the documents in it and in its subfolders (a
    bureau keeps one per 部门), each folder's files sorted before its subfolders, each file once
    however often it is reached (named twice, named and in a folder named, a folder named inside
    another named, a link or another name of it); and a line for each entry passed over that a
    reviewer would look for: one that bears a document's name but is no file to read (a named pipe,
    a device, a link to nothing), a link to a folder (not followed: a link can lead back up), what
    reportgen itself wrote there (review_output: review's pages, annotated copies and hand-back
    files, however named or numbered; the folder ``out`` the pages go to), a file or folder reached
    again — told, never skipped in silence. Hidden folders (.git …) are passed over. A file named
    outright is reviewed (once) unless it is review's own output (``review 报来的/*``): whatever
    else is wrong with it, its reader says."""
    walk = _Walk(identity(out) if out is not None and out.is_dir() else None)
    for path in paths:
        if path.is_dir():
            walk.folder(path, path, 0)
        elif is_regular_file(path) and review_output(path):
            walk.passed.append(_OWN.format(path=path))
        else:
            walk.add(path)
    return walk.found, walk.passed


_OWN = "{path}：是 reportgen 写出的核对页面、标注副本或整改通知，未审核"


@dataclass
class _Walk:
    skip: tuple[int, int] | str | None  # the folder the pages go to
    found: list[Path] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    files: dict[tuple[int, int] | str, Path] = field(default_factory=dict)  # each file's first name
    # each folder walked: its name then, and the folder named that it was reached from
    folders: dict[tuple[int, int] | str, tuple[Path, Path]] = field(default_factory=dict)

    def add(self, path: Path) -> None:
        first = self.files.setdefault(identity(path), path)
        if first is path:
            self.found.append(path)
        elif first == path:
            self.passed.append(f"{path}：给出了不止一次，只审核一次")
        else:
            self.passed.append(f"{path}：与 {first} 是同一个文件，只审核一次")

    def folder(self, folder: Path, root: Path, depth: int) -> None:
        first, within = self.folders.setdefault(identity(folder), (folder, root))
        if first is not folder:
            where = "给出了不止一次" if first == folder and within == root else \
                f"已作为 {within} 中的文件夹审核过" if first == folder else f"与 {first} 是同一个文件夹，已审核过"
            self.passed.append(f"{folder}：{where}，其中的文件只审核一次")
            return
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            self.passed.append(f"{folder}：无法读取（{reason(exc)}），未审核")
            return
        for sub in self._files_of(entries):
            if self.skip is not None and identity(sub) == self.skip:
                self.passed.append(f"{sub}：是这次写出核对页面的文件夹（-o），未审核")
            elif depth >= MAX_DEPTH:
                self.passed.append(f"{sub}：文件夹层数超过 {MAX_DEPTH} 层，未审核")
            else:
                self.folder(sub, root, depth + 1)

    def _files_of(self, entries: list[Path]) -> list[Path]:
        """A folder's documents taken (or passed over, told), its subfolders returned: a link to a folder is not
        followed, a hidden folder not entered."""
        subfolders = []
        for entry in entries:
            if entry.is_symlink() and entry.is_dir():
                self.passed.append(f"{entry}：是指向文件夹的链接，未进入")
            elif entry.is_dir() and not entry.is_symlink():
                if not entry.name.startswith("."):
                    subfolders.append(entry)
            elif entry.suffix.lower() in DOCUMENT_SUFFIXES:
                self._entry(entry)
        return subfolders

    def _entry(self, entry: Path) -> None:
        if not is_regular_file(entry):
            self.passed.append(_not_a_file(entry))
        elif review_output(entry):
            self.passed.append(_OWN.format(path=entry))
        else:
            self.add(entry)


def _not_a_file(path: Path) -> str:
    """The line that tells an entry of a folder passed over, and why."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        why = "是指向不存在位置的链接" if os.path.islink(path) else "无法读取"
    else:
        why = "不是普通文件（命名管道、设备或套接字）" if not stat.S_ISREG(mode) else "无法读取"
    return f"{path}：{why}，未审核"


def review_document(document: Path, layout: str | None) -> DocumentReview:
    """One document reviewed against its own tables."""
    return review_files([document], layout)


def review_together(files: list[Path], layout: str | None) -> list[DocumentReview]:
    """Files given together, reviewed as the command reviews them: each alone, then each narrative and
    the tables file that are one disclosure (importing/identity.py) as one document, in its narrative's
    place; what is no part of one stays as reviewed alone."""
    alone = [review_document(path, layout) for path in files]
    joined = {group[0]: review_files(group, layout) for group in disclosures([r.half for r in alone if r.half])}
    taken = {path for result in joined.values() for path in result.files}
    return [joined.get(r.document, r) for r in alone if r.document in joined or r.document not in taken]


def disclosures(halves: list[Part]) -> list[list[Path]]:
    """The files that are one disclosure among those reviewed alone as a narrative or tables: its
    narrative first, then its tables file(s)."""
    return [[Path(part.file) for part in group] for group in disclosures_of(halves)]


@tablekinds.read_once()  # one review, one reading of the table kinds' definitions (asked ~300 times)
def review_files(files: list[Path], layout: str | None, held: bool = False) -> DocumentReview:
    """The document the files make, reviewed against its own tables: one file, or a disclosure's narrative
    and its tables file (their order: the narrative first, as ``disclosures`` gives them). ``held``: a file given
    alone that is half of a disclosure (its narrative or its tables: ``result.half``) is returned as soon as that is
    known, not reviewed — the batch reviews it with its other half, or alone (not held) where it has none."""
    document = files[0]
    result = DocumentReview(document, files=list(files) if len(files) > 1 else [])
    read: dict[Path, Published] = {}
    try:
        for path in files:
            read[path] = read_published(path)
    except ImportRefused as exc:
        result.kind = exc.kind if isinstance(exc, Unreadable) else ""
        _refused(result, exc)
        return result
    spans = disclosures_in(read[document].lines) if len(files) == 1 and read[document].kind == "pdf" else []
    if len(spans) > 1:  # one file of several disclosures: each reviewed as its own document, on its own pages
        result.published, result.kind = read[document], read[document].kind
        result.parts = [_review_read([document], {document: within(read[document], span.first, span.last)}, layout,
                                     DocumentReview(document, span=span)) for span in spans]
        return result
    return _review_read(files, read, layout, result, held)


def _review_read(files: list[Path], read: dict[Path, Published], layout: str | None,
                 result: DocumentReview, held: bool = False) -> DocumentReview:
    """``review_files`` of the files as read (``read``): one document, or one disclosure of a file's."""
    document = files[0]
    try:
        if not _imported(files, read, layout, result, held):
            return result
    except ImportRefused as exc:
        result.kind = result.kind or (exc.kind if isinstance(exc, Unreadable) else "")
        _refused(result, exc)
        _on_scans(result)
        return result
    assert result.imported is not None and result.published is not None
    # the document's own tables, imported in memory, are its source: prepared once as it is (no YAML
    # written or read; the page names the document), checked, and the measure of its text
    # a part the files do not give is a 待填写 of the import (its 职责 where no 部门概况 page is printed): the figures
    # are measured all the same (as a draft is rendered), the part's absence told by the review's own reading
    prepared = prepare(result.imported.source.named(document), draft=True, holes_unknown=True)
    every = prepared_findings(prepared, parts=False)
    problems = _narrative_judged(files, read, prepared, result)
    result.read = coverage([read[path].lines for path in files if read[path].kind == "pdf"], result.imported,
                           result.narrative, checked=True)
    _kept(result, files, read, (every, problems), _seen(result, read, prepared, every))
    _on_scans(result)
    return result


def _kept(result: DocumentReview, files: list[Path], read: dict[Path, Published],
          found: tuple[list[Finding], list[Finding]], seen: Seen) -> None:
    """What review keeps of check's findings and of the narrative's (``found``), and tells instead: the policies
    registered in review/policy.py; the tables missing; no figure judged by tables read in part."""
    assert result.imported is not None
    document, (every, problems) = files[0], found
    told, unverified = kept(every, seen)
    result.checks = [_placed(f, document) for f in told] \
        + kept(_former_names_beside(files, read, result.imported.imported.year), seen)[0]
    result.unverified = [_placed(f, document) for f in unverified]
    result.hints = notes(seen)
    if seen.read_in_part and result.narrative is not None:
        result.narrative.verdicts = [_unjudged(v) for v in result.narrative.verdicts]
    result.checks += _missing_tables(result)
    result.narrative_problems = [_placed(f, document) for f in kept(problems, seen, narrative=True)[0]]


def _imported(files: list[Path], read: dict[Path, Published], layout: str | None, result: DocumentReview,
              held: bool = False) -> bool:
    """The files as read, imported into ``result`` (what it is as a part of a disclosure, told even where it makes no
    source alone); False where a file is damaged: what a lost page held would be judged missing, or wrong — none of
    it is judged; False too where ``held`` and the file is half of a disclosure (``review_files``). Raises
    ImportRefused."""
    result.published = published = read[files[0]]
    result.not_scanned = next((r.not_scanned for r in read.values() if r.not_scanned), "")
    result.damaged = next((f"{path}：{r.damaged}" for path, r in read.items() if r.damaged), "")
    result.kind = published.form
    if result.damaged:
        result.refused = result.damaged
        return False
    with recognised_once():  # the file's tables recognised once, for both
        if len(files) == 1:
            result.half = disclosure_part(files[0], published, layout)
            if held and result.half is not None:
                return False
        result.imported = import_files(list(files), layout, read=read)
    return True


def _narrative_judged(files: list[Path], read: dict[Path, Published], prepared: Prepared,
                      result: DocumentReview) -> list[Finding]:
    """The document's text judged against its tables (``result.narrative``), its target tables against its list of
    projects; or, with no tables to measure it by (none read, or no source made of them), its sentences judged
    against each other all the same, each figure told 未能核对 but where its sentence bears it out. The findings of
    judging it (the source's, where it could not be judged) are returned."""
    document, imported, lines = files[0], result.imported, result.published.lines if result.published else []
    problems: list[Finding] = []
    if imported is not None and imported.documents:
        result.narrative, problems = review_prepared(prepared, document, document, despite_errors=True,
                                                     **narrative_options(imported, lines,
                                                                         [read[path].lines for path in files[1:]]))
        if result.narrative is not None:  # its target tables against its list of projects
            _target_tables_judged(result.narrative, imported, lines, files, read)
    if result.narrative is None and result.published is not None and result.published.kind in DOCUMENTS:
        result.narrative = review_within_sentences(document, imported.imported.year if imported else None,
                                                   cut_as_notes=True, lines=lines)
    return problems


def _target_tables_judged(narrative: Review, imported: ImportResult, lines: list[Line], files: list[Path],
                          read: dict[Path, Published]) -> None:
    """The document's target tables (绩效目标表) against its list of projects and its 绩效管理's, an item their cells
    give two amounts, and their wording (a table printed twice, a text copied from another project's, a percentage
    among counts), told with its text's findings."""
    document = files[0]
    narrative.contradictions += against_projects(imported.imported, lines, document) \
        + against_management(imported.imported, lines, document) \
        + beyond_projects(lines, imported.imported.year, document) + lists_disagree(lines, document) \
        + items_disagree(lines, document)
    narrative.wording += repeated_tables(lines, document) + parties_copied(lines, document) \
        + [f for path in files for f in percent_among_counts(read[path].lines, path)]


def _seen(result: DocumentReview, read: dict[Path, Published], prepared: Prepared, every: list[Finding]) -> Seen:
    """What the review's policies read of the document beside each finding (review/policy.py Seen)."""
    imported, published = result.imported, result.published
    assert imported is not None and published is not None
    return Seen(document=result.document,
                holes=frozenset(f.path for f in every if f.rule == AMOUNT_TO_FILL and f.path),
                files=tuple(read.values()),
                counts_projects=running_costs_with_projects_said(published.lines, imported.imported.year),
                prose_alone=not imported.documents and result.kind in DOCUMENTS,
                funds_unprinted=bool(unprinted_funds(imported.imported)),
                projects_told=projects_beyond_spending(imported.imported),
                # most of what it prints was not read: that a part is missing is then what the reading missed, and
                # no figure is judged by tables read in part — a reading no identity verifies (福州市民政局 2026)
                read_in_part=result.read is not None and not result.read.enough,
                prepared=prepared)


# a figure of a text whose tables were mostly not read: no table it could be judged by is verified
TABLES_UNREAD = "表格大半没有读出，未能核对"


def _unjudged(verdict: Verdict) -> Verdict:
    """A figure told against the tables turned 未能核对 (its subject kept): a figure that agrees with a cell is borne
    out by it all the same, one that does not may be the reading's."""
    if verdict.status == "disagree":
        return dataclasses.replace(verdict, status="unknown", expected="", cause=TABLES_UNREAD)
    return verdict


def _former_names_beside(files: list[Path], read: dict[Path, Published], year: int | None) -> list[Finding]:
    """A 科目 under a name of other years in a 报表 given beside its 说明 (江苏省政协办公厅 2019's 收支预算总表:
    “七、文化体育与传媒支出”): its lines are no part of the text the text rules read, as a single file's tables are;
    told as the document's finding, naming that file and its line (the document's own lines are the 说明's)."""
    if year is None:
        return []
    return [f for path in files[1:] if read[path].kind in DOCUMENTS
            for f in former_names_in(read[path].lines, year, str(path))]


MISSING_TABLES = "R-缺表"
_SCANNED_ROWS = 3  # rows of amounts on a scanned page: a table printed there


def _missing_tables(result: DocumentReview) -> list[Finding]:
    """The tables a disclosure must publish that the document neither prints nor says why it does not (its
    检查表's 缺表), told as a finding of the document: a document lacking them is never passed in silence.
    Not where most of what it prints was not read (then what is missing is the reading's)."""
    if result.read is not None and not result.read.enough:
        return []
    names = (result.checklist or {}).get("tables_missing")
    if not isinstance(names, list) or not names:
        return []
    kind = "部门决算" if result.final_tables else "部门预算"
    listed = "、".join(f"“{name}”" for name in names)
    these = f"这些表（共 {len(names)} 张）" if len(names) > 1 else "这张表"
    return [Finding("warning", MISSING_TABLES, f"没有{listed}：{kind}公开要求公开{these}，文件中既没有印出，"
                    "也没有说明为何不公开", str(result.document), 0, 0, "")]


def narrative_options(imported: ImportResult, lines: list[Line], beside: list[list[Line]] | None = None) -> dict[str, Any]:
    """How a document's narrative is judged against the source its import made, by `review` and by `import` alike:
    the tables' own slips (disputes) and cut lines as notes; a row of a table read (or set aside as a unit's, or of
    a table none of the budget's) judged by reconciling its table, not as a sentence; a row not read for sure not
    judged; the department's units named; no figure the text itself gave measuring that text, nor any change the
    text stated measuring a change or rate of its own sentence; the amounts the tables of its other files
    (``beside``: a 说明's 报表) print, as its own tables' are (a text's total within its parts' rounding of a sum the
    tables print to the cent is no 尾数: 江苏省委办公厅 2018 “财政拨款预算支出24458.46万元”, the 报表 printing 24,458.43)."""
    return {"disputes": imported.disputes, "cut_as_notes": True, "lines": lines,
            "unsure": _lines_at(lines, imported.unsure_places),
            "tables": _lines_at(lines, imported.read_places | imported.other_places | imported.set_aside_places),
            "budget_table": functools.partial(titled_table, catalog=imported.imported.catalog),
            "units": tuple(unit for aside in imported.set_aside for unit in aside.units),
            "text_alone": text_alone(imported), "table_given": table_given(imported),
            "printed": TableLines(beside_spending(imported), running_lines(imported), unheld_income(imported)),
            "stated_changes": stated_changes(imported, lines),
            "running_with_projects": running_costs_with_projects_said(lines, imported.imported.year),
            "beside": frozenset().union(*(printed_cells(read_statements(other)) for other in beside or []))}


def stated_changes(imported: ImportResult, lines: list[Line]) -> tuple[tuple[Decimal, frozenset[int]], ...]:
    """Each change the document's text stated that the import wrote as an 增减额 (last year's figure as this year's
    less it, no table printing it: 上海市中医文献馆 “财政拨款收入2,694万元，比2025年预算增加147万元”), in the
    source's money (元), with the numbers of the lines it was read on."""
    tables = tuple(f"{kind} " for kind in imported.imported.tables)
    unit = imported.imported.tree.get("金额单位")
    factor = UNIT_FACTOR.get(str(unit.value), Decimal(1)) if isinstance(unit, Placed) else Decimal(1)
    found = []
    measured = _beside_printed_parts(imported.imported.tree, tables)
    for node in walk(imported.imported.tree, "增减额"):
        if isinstance(node.value, Decimal) and node.where and not node.where.startswith(tables) \
                and id(node) not in measured:
            found.append((node.value * factor, _lines_at(lines, frozenset(node.where.split("：")[0].split("、")))))
    return tuple(found)


TOTAL_KEY = "合计"  # the source's key of a section's total (source/schema.py)
BY_FUND_KEYS = ("按资金", "上年按资金")  # 三公经费's figures by fund (source_schema.yaml): not parts of it


def _beside_printed_parts(tree: dict[str, Any], tables: tuple[str, ...]) -> set[int]:
    """The 增减额 of a total whose parts a table gives last year's figure of (深圳市信访局 2026: the “三公” 合计's
    “较2025年年初预算增加0.00万元” beside its table's four parts, 上年 and 本年): last year's total is the parts', not
    this year's less that change (compute/three_public.py), so the change is measured by the table."""
    found: set[int] = set()
    for section in tree.values():
        if not isinstance(section, dict):
            continue
        parts = [child for key, child in section.items() if key not in (TOTAL_KEY, *BY_FUND_KEYS) and isinstance(child, dict)]
        if not parts or not all(_table_placed(part.get("上年"), tables) for part in parts):
            continue
        total = section.get(TOTAL_KEY)
        if isinstance(total, dict) and "上年" not in total and isinstance(total.get("增减额"), Placed):
            found.add(id(total["增减额"]))
    return found


def _table_placed(node: Any, tables: tuple[str, ...]) -> bool:
    return isinstance(node, Placed) and bool(node.where) and node.where.startswith(tables)


def text_alone(imported: ImportResult) -> frozenset[str]:
    """The parts of the source whose every amount the document's text gave, none a table's (the “三公” table
    left out: its parts as the text states them, importing/text_fields.py; 机关运行经费 where no table prints it,
    烟台 “2026年本部门机关运行经费安排133.02万元，较2025年预算减少25.94万元”; 政府采购 likewise)."""
    tables = tuple(f"{kind} " for kind in imported.imported.tables)
    alone = set()
    for part in (THREE_PUBLIC_PART, RUNNING_PART, PROCUREMENT_PART):
        section = imported.imported.tree.get(part)
        amounts = [node for node in walk(section) if isinstance(node.value, Decimal)] if isinstance(section, dict) else []
        given = [node.where.startswith(tables) for node in amounts]
        # the “三公” where no amount of it is a table's; 机关运行经费 and 政府采购, whose figures a table and the text may
        # give in part each (江苏省委办公厅 2018: its 政府采购预算表 prints no 工程, the text's 0 is written), where any is not
        if given and (not any(given) if part == THREE_PUBLIC_PART else not all(given)):
            alone.add(part)
    return frozenset(alone)


# The columns a 支出总表 prints beside 基本支出 and 项目支出 (importing/build.py BESIDE_BASIC), by the names texts give them
# (vocabulary.yaml 数的名称): its 合计 row's figure of each, where no field of the source holds it
_BESIDE_NAMES = {"经营支出": "事业单位经营支出", "上缴上级支出": "上缴上级支出", "对附属单位补助支出": "对附属单位补助支出",
                 "单位预留机动经费": "单位预留机动经费",
                 # and the 基本支出 and 项目支出 it prints, where the source holds none (glossary._add_printed: 江苏 2017's
                 # function rows print no split, and its 项目支出 3,123.68 is only the 合计 row's)
                 "基本支出": "基本支出", "项目支出": "项目支出"}
FINAL_SPENDING_TABLE = "支出决算表"  # a 决算's 支出总表 (佛山 2019: 上缴上级支出, 经营支出 … of its 合计 row)


def beside_spending(imported: ImportResult) -> tuple[tuple[str, Decimal], ...]:
    """What the 支出总表's (a 决算's 支出决算表's) 合计 row (no code: 北京's last row, 江苏's lone row; one, or printed
    alike) prints in the columns beside 基本支出 and 项目支出, in 元: 北京市教育委员会 2026 “其中 事业单位经营支出”
    4,354.497117 万元, which “1.事业单位经营支出4354.50万元” states; a blank cell of a column the table prints is none
    spent (0)."""
    kind = next((kind for kind in (role("spending"), FINAL_SPENDING_TABLE) if kind in imported.imported.tables), "")
    table = imported.imported.tables.get(kind)
    rows = _uncoded_totals(imported.imported.rows.get(kind, []))
    factor = UNIT_FACTOR.get(table.unit) if table is not None else None
    printed = _printed_beside(rows)
    if factor is None or len(printed) != 1:
        return ()
    return tuple((name, value * factor) for name, value in printed.pop())


def _uncoded_totals(rows: list[Row]) -> list[Row]:
    """A table's 合计 rows of no code."""
    return [r for r in rows if not r.code and not r.function_code and "合计" in r.amounts]


def _printed_beside(rows: list[Row]) -> set[tuple[tuple[str, Decimal], ...]]:
    """What each 合计 row prints in the columns beside 基本支出 and 项目支出 (a 合计 row printed again, on the table's
    next page, is the same row: 佛山 2019 决算's)."""
    return {tuple((name, row.amounts[column].value) for column, name in _BESIDE_NAMES.items() if column in row.amounts)
            for row in rows}


# The sources of income a 收支总表 prints in rows of their own that the source may hold no figure of (江苏's 其他资金, of
# no field — and so its 财政专户管理资金 too: 其余未公开), by the quantity vocabulary.yaml 数的名称 names each row by → the name
_INCOME_ROWS = {"其他资金": "其他资金", "财政专户管理资金收入": "财政专户管理资金"}


def unheld_income(imported: ImportResult) -> tuple[tuple[str, Decimal], ...]:
    """The sources of income the 收支总表 prints a row of (江苏省政协办公厅 2018 “三、其他资金 80.00”, “二、财政专户管理资金”
    blank: 0), in 元, each of one value however often printed — what “3.其他资金收入预算总计80万元” states."""
    table = imported.imported.tables.get(role("summary"))
    factor = UNIT_FACTOR.get(table.unit) if table is not None else None
    if factor is None:
        return ()
    said, found = named_quantities(), []
    for quantity, name in _INCOME_ROWS.items():
        values = {amount.value for row in imported.imported.rows.get(role("summary"), []) if row.name in said.get(quantity, ())
                  and len(row.amounts) == 1 for amount in row.amounts.values()}
        if len(values) == 1:
            found.append((name, values.pop() * factor))
    return tuple(found)


def running_lines(imported: ImportResult) -> tuple[tuple[str, str, Decimal], ...]:
    """The 机关运行经费 table's lines by 经济分类 (江苏 2017 公开11表: “30201 办公费 167.03”), in 元: code, name, amount —
    its 合计 row the source holds (机关运行经费.本年), its lines none of its fields."""
    table = imported.imported.tables.get(role("running_costs"))
    factor = UNIT_FACTOR.get(table.unit) if table is not None else None
    if factor is None:
        return ()
    lines = [(row.code, row.name, next(iter(row.amounts.values())).value * factor)
             for row in imported.imported.rows.get(role("running_costs"), []) if row.code.isdigit() and len(row.amounts) == 1]
    return tuple(lines) if len({code for code, _, _ in lines}) == len(lines) else ()


def table_given(imported: ImportResult) -> frozenset[Decimal]:
    """The amounts (元) a table gave in the parts of the source its text gave the rest of (text_alone): 烟台市大数据局 2026's
    政府采购 合计 5,931.4 its 政府采购预算表 prints, 货物, 工程, 服务 its text — a figure of such a value is the table's, and
    measures the text."""
    tables = tuple(f"{kind} " for kind in imported.imported.tables)
    unit = imported.imported.tree.get("金额单位")
    factor = UNIT_FACTOR.get(str(unit.value), Decimal(1)) if isinstance(unit, Placed) else Decimal(1)
    found = set()
    for part in text_alone(imported):
        section = imported.imported.tree.get(part)
        found |= {node.value * factor for node in walk(section) if isinstance(node.value, Decimal) and node.where
                  and node.where.startswith(tables)} if isinstance(section, dict) else set()
    return frozenset(found)


def _on_scans(result: DocumentReview) -> None:
    """The findings of a document whose pages were read by OCR (review/scanned.py): each on a scanned page
    says so, and none rests on a figure OCR could not read for sure."""
    published = result.published
    if published is None or not published.scanned:
        return
    file, lines, pages = str(result.document), published.lines, published.scanned
    result.narrative_problems = told_on_scans(result.narrative_problems, lines, pages, file)
    result.final_text = told_on_scans(result.final_text, lines, pages, file)
    if result.narrative is not None:
        narrative = result.narrative
        narrative.scanned = pages
        not_judged_beside_unread(narrative.verdicts, lines)
        narrative.contradictions = told_on_scans(narrative.contradictions, lines, pages, file)
        narrative.wording = told_on_scans(narrative.wording, lines, pages, file)
        narrative.cut = told_on_scans(narrative.cut, lines, pages, file)
    result.final_cut = told_on_scans(result.final_cut, lines, pages, file)


def running_costs_with_projects_said(lines: list[Line] | None, year: int | None) -> bool:
    """Whether the document's text says its 机关运行经费 counts projects' money, of its own year (running_costs_scope)."""
    return bool(lines) and running_costs_scope("".join(line.bare for line in lines or []), year) is not None


def _lines_at(lines: list[Line], places: frozenset[str]) -> frozenset[int]:
    """The numbers of the lines printed at ``places`` (第9页 第10行: rows of tables)."""
    return frozenset(line.number for line in lines if line.where in places) if places else frozenset()


def _refused(result: DocumentReview, exc: ImportRefused) -> None:
    """A document that could not be imported: why; a 部门决算's table differences all the same, and
    its sentences' figures against each other (its cut figures apart, as notes)."""
    result.refused, result.final, result.final_reviewed = exc.message, exc.differences, bool(exc.final)
    if exc.final:
        said = sentence_findings(result.document, cut_as_notes=True,
                                 lines=result.published.lines if result.published is not None else None)
        result.final_text = [f for f in said if f.rule != CUT_RULE]
        result.final_cut = [f for f in said if f.rule == CUT_RULE]
    elif result.published is not None and result.published.kind in DOCUMENTS and result.published.lines:
        # its tables make no source, but its text was read: its sentences judged against each other all the
        # same (each figure 未能核对 but where its sentence bears it out, with its subject where it is known) —
        # the document stays 未能审核 (refused), never passed
        result.narrative = review_within_sentences(result.document, None, cut_as_notes=True,
                                                   lines=result.published.lines)
        if result.narrative is not None:  # no table of it recognised, its tables' text is not told from its prose:
            result.narrative.wording = []  # the wording rules, which read prose (a paragraph printed twice …), not run


def _placed(finding: Finding, document: Path) -> Finding:
    """A check finding of the imported source told of the document (its line in a text that was never written would
    help nobody): the field it is about stays in the message."""
    return Finding(finding.severity, finding.rule, finding.message, str(document), 0, 0, finding.path)
