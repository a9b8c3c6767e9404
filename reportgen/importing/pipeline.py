"""The whole import: files → grids → recognised tables → source fields, reconciled → the source,
a value (emit.ImportedSource) that a review checks as it is and the command writes as YAML.

Nothing is written here: the command writes the text (never over a file, whole or not at all)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen import tablekinds
from reportgen.base.errors import SourceError
from reportgen.importing.budget.build import build
from reportgen.importing.budget.by_unit import (
    SetAside,
    against_the_departments,
    by_unit_table,
    set_aside,
    spanned,
    unit_names,
    units_after,
    units_set_aside,
)
from reportgen.importing.budget.reconcile import (
    Difference,
    differences,
    grouped,
    printed_values,
    rounding_tails,
    tail_notes,
    unreadables,
)
from reportgen.importing.budget.units_in_turn import departments_part
from reportgen.importing.budget.units_read import read_units
from reportgen.importing.budget.unread_sums import unread_sums
from reportgen.importing.budget.verified import refuted
from reportgen.importing.budget.with_units import UnitFile, with_units
from reportgen.importing.emit import ImportedSource, walk
from reportgen.importing.final.final_accounts import final_differences
from reportgen.importing.final.final_across import same_spending
from reportgen.importing.final.final_build import build_final, missing_tables
from reportgen.importing.final.final_text import add_final_text
from reportgen.importing.final.line_numbers import line_number_breaks
from reportgen.importing.in_one_file import Span, each_disclosure, first_disclosure
from reportgen.importing.printed_names import misnamed
from reportgen.importing.printed_parts import printed_parts
from reportgen.importing.printed_tables import in_printed_order, printed_tables
from reportgen.importing.printed_tables import places as held_places
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.identity import (
    NARRATIVE,
    OTHER,
    TABLES,
    Part,
    cover_of,
    differs,
    identity,
    other_differs,
    other_titles,
    part_of,
    parted,
)
from reportgen.importing.recognition.imported import Imported, rows_of
from reportgen.importing.recognition.own_sums import own_sums
from reportgen.importing.recognition.recognize import TITLE_ROWS, Table, content_note, recognize, row_text
from reportgen.importing.recognition.rows import CellProblem, body_rows
from reportgen.importing.recognition.sure import (
    codes_repeated_alone,
    header_doubts,
    other_unit,
    other_unit_note,
    repeated_codes,
    unit_lines,
    unit_lines_note,
    unsure_note,
)
from reportgen.importing.text.prose import ProseSource, prose_source
from reportgen.importing.text.text_fields import add_text_fields, fill_required, withheld
from reportgen.importing.text.text_parts import read_text_parts
from reportgen.importing.text.text_sheets import (
    Front,
    add_caption_year,
    add_cover_year,
    add_front,
    add_region,
    add_stated,
    add_text_year,
    not_read,
    text_sheet_lines,
    whole_export,
)
from reportgen.importing.tree import Placed, Tree
from reportgen.importing.visible import Seen, as_seen, hidden_sheets_note, same_table_twice
from reportgen.importing.which_layout import chosen
from reportgen.readers.grid import Grid, ImportRefused
from reportgen.readers.pdf.pdf_ocr import UNREAD
from reportgen.readers.published import Published, read_published
from reportgen.readers.text.lines import Line
from reportgen.reading.amounts import MISPLACED_SEPARATORS, rounding_step
from reportgen.reading.files import InputRefused, read_bounded
from reportgen.reading.yamlsafe import parse_yaml
from reportgen.tablekinds import role

MAX_SOURCE_BYTES = 8 * 1024 * 1024


@dataclass
class ImportResult:
    source: ImportedSource  # the source made: what is written, and what a review checks
    imported: Imported
    differences: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)  # the files that carry a narrative to compare
    header: dict[str, Any] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)  # words read that have no place in the source
    notes: list[str] = field(default_factory=list)  # what the readers noticed and read past (Grid.notes)
    # each table slip as printed total − the sum of its parts, in 元: what a review must not take as the truth
    disputes: tuple[Decimal, ...] = ()
    unit_files: list[UnitFile] = field(default_factory=list)  # a 部门 of units: each unit's file, beside
    # the places (第9页 第10行) of the rows of tables not read for sure (sure.py): no figure there is judged
    unsure_places: frozenset[str] = frozenset()
    # the places of the rows of the tables read (their figures are the source's, judged by reconciling them)
    read_places: frozenset[str] = frozenset()
    # the changes of fields learning wrote into the source (--learn-layout: learned_priors.py), for the source written
    priors: list[Any] = field(default_factory=list)
    # the places of the rows of grids no table was recognised in (a 绩效目标表, a local table): not read
    other_places: frozenset[str] = frozenset()
    # the words a document names its tables by: each grid's first rows (its number and title) and the text's
    # lines that name a table (目录, 本表…): what tells which tables the document means to publish
    table_words: tuple[str, ...] = ()
    # the tables of the department's units, recognised and set aside (by_unit.py): not the department's
    set_aside: list[SetAside] = field(default_factory=list)
    # the figures (where, value) of the tables not built that their own identities verify (own_sums.py)
    checked: frozenset[tuple[str, Decimal]] = frozenset()
    # the lines of the rows of the tables of no kind held as printed (印出表, importing/printed_tables.py)
    printed_places: frozenset[str] = frozenset()

    @property
    def set_aside_places(self) -> frozenset[str]:
        """The places of the set-aside tables' rows and of the pages that continue them."""
        return frozenset(place for table in self.set_aside for place in table.places)


@dataclass
class _Read:
    """What the files gave: their grids recognised (tables, and grids that are none), their
    narrative's lines, which of them are documents, and what the readers read past."""

    grids: list[Grid] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    unknown: list[Grid] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)
    told: list[str] = field(default_factory=list)  # what was left out as hidden, what was given twice
    titles: list[str] = field(default_factory=list)  # what the Office files state as their titles
    named: list[str] = field(default_factory=list)  # the printed lines that hold 表 (titles, numbers, 目录)
    printed: dict[str, list[Line]] = field(default_factory=dict)  # each file's printed lines, by its name
    units: list[Table] = field(default_factory=list)  # its units' tables printed after the department's (by_unit.py)
    forms: list[Grid] = field(default_factory=list)  # its PDFs' forms of label and value cells (ruled_forms.py)

    @property
    def notes(self) -> list[str]:
        return list(dict.fromkeys([*(note for grid in self.grids for note in grid.notes), *self.told]))


def _scanned_note(path: Path, pages: Iterable[int]) -> str:
    return (f"{path} 第{'、'.join(map(str, sorted(pages)))}页是扫描件，经文字识别读出：从中读出的数字"
            f"请对照原件（读不准的数字没有读取，印作“{UNREAD}”）")


def _recognized(files: dict[Path, Published], seen: dict[Path, Seen], catalog: catalogs.Catalog) -> dict[Path, _Read]:
    """Each file's grids recognised, on its own: the visible ones as tables or not; each hidden sheet
    recognised only to say what it holds (visible.py)."""
    reads: dict[Path, _Read] = {}
    for path, one in files.items():
        tables, unknown = recognize(seen[path].grids, catalog)
        tables, units = units_after(tables) if one.is_document else (tables, [])
        told = _told(path, one, seen[path], tables, catalog)
        reads[path] = _Read(one.grids, tables, unknown, one.narrative, [path] if one.is_document else [], told,
                            [one.title] if one.title else [], [line.text for line in one.lines if "表" in line.text],
                            {str(path): one.lines} if one.kind == "pdf" else {}, units,
                            one.forms if one.is_document else [])
    return reads


def _told(path: Path, one: Published, seen: Seen, tables: list[Table], catalog: catalogs.Catalog) -> list[str]:
    """What is told of one file: what its readers read past, a table it gives twice, its scanned pages, what each
    of its hidden sheets holds."""
    told = [*seen.notes, *same_table_twice(tables, workbook=not one.is_document)]
    if one.scanned:  # what was read of its scanned pages is OCR's: said, for each figure to be looked at
        told.append(_scanned_note(path, one.scanned))
    told += [hidden_sheets_note(grid, recognize([grid], catalog)[0], tables)
             for grid in seen.hidden if grid.rows]  # an empty hidden sheet hides nothing
    return told


def disclosure_part(path: Path, published: Published, layout: str | None) -> Part | None:
    """What one file is as a part of a disclosure (identity.py: a narrative, or tables), from the tables
    recognised in it — whether or not they make a source alone (a 报表 whose 收支总表 is not read for sure
    makes none, and is still the 报表 of its 说明); None where it is neither."""
    seen = as_seen(published.grids)
    catalog = catalogs.load(layout if layout is not None else chosen(seen.grids).layout)
    tables, _ = recognize(seen.grids, catalog)
    tables = units_after(tables)[0] if published.is_document else tables
    part = part_of(str(path), tables, published.narrative, published.is_document,
                   seen.grids if published.is_document else [])
    return part if part.role else None


def _joined(files: list[Path], reads: dict[Path, _Read]) -> _Read:
    """What the files gave, as one: their reads joined in the order of ``files``."""
    joined = _Read()
    for one in (reads[path] for path in files):
        joined.grids += one.grids
        joined.tables += one.tables
        joined.unknown += one.unknown
        joined.lines += one.lines
        joined.documents += one.documents
        joined.named += one.named
        joined.told += one.told
        joined.titles += one.titles
        joined.printed.update(one.printed)
        joined.units += one.units
        joined.forms += one.forms
    return joined


def read_alone(path: Path) -> tuple[Published, list[tuple[Span, Published]]]:
    """A file given alone, read (to be imported as read: ``import_files``'s ``read``), and each disclosure it
    prints on its own pages where it prints several ([] where it is one: importing/in_one_file.py)."""
    published = read_published(path)
    return published, each_disclosure(published)


@tablekinds.read_once()  # one import, one reading of the table kinds' definitions (asked ~280 times)
def import_files(paths: list[Path], layout: str | None, with_prior: bool = False,
                 read: dict[Path, Published] | None = None) -> ImportResult:
    """The source the files make: one department's (or unit's) of one year; a 部门's with the unit
    files of its units where they are given with it (see identity.py); refused where the files are
    of different departments, kinds or years. ``read``: files the caller read already (the review's
    document), taken as they are rather than read again."""
    told = [_given_twice(path) for path in _repeated(paths)]
    paths = _each_once(paths)
    opened = _opened(paths, read or {}, told)
    seen = {path: as_seen(one.grids) for path, one in opened.items()}  # what is hidden is never imported
    layout = _layout_shown(seen, told) if layout is None else layout
    catalog = catalogs.load(layout)
    reads = _recognized(opened, seen, catalog)
    narrative, others = _as_one(paths, opened, seen, reads) or (None, [])
    sources = parted([identity(str(path), one.tables, one.lines) for path, one in reads.items()])
    main = [path for path in paths if str(path) in sources.main]
    result = _import_one(main, _joined(main, reads), catalog, layout, with_prior, told, narrative, others)
    if sources.units:
        with_units(result, _units_imported(paths, sources.units, reads, catalog, layout))
    return result


def _each_once(paths: list[Path]) -> list[Path]:
    """Each file once, where first given."""
    return [path for index, path in enumerate(paths)
            if all(path.resolve() != earlier.resolve() for earlier in paths[:index])]


def _opened(paths: list[Path], given: dict[Path, Published], told: list[str]) -> dict[Path, Published]:
    """Each file read (``given``: as the caller read it, taken as it is); of a file read here that prints several
    disclosures, the first, the others told in ``told``."""
    opened = {path: given[path] if path in given else read_published(path) for path in paths}
    for path in [path for path in paths if path not in given]:
        opened[path], more = first_disclosure(opened[path])
        told += [more] if more else []
    return opened


def _layout_shown(seen: dict[Path, Seen], told: list[str]) -> str | None:
    """The layout the tables' titles and 表码 show (None where none shows one: the default), told in ``told``."""
    pick = chosen([grid for one in seen.values() for grid in one.grids])
    told += [pick.note] if pick.note else []
    return pick.layout


def _units_imported(paths: list[Path], units: dict[str, list[str]], reads: dict[Path, _Read],
                    catalog: catalogs.Catalog, layout: str | None) -> list[tuple[str, ImportResult]]:
    """Each unit's source (a 部门 imported with its units' files), from its files in the order given."""
    found = []
    for name, group in units.items():
        files = [path for path in paths if str(path) in group]
        found.append((name, _import_one(files, _joined(files, reads), catalog, layout, False, [])))
    return found


def _as_one(paths: list[Path], opened: dict[Path, Published], seen: dict[Path, Seen],
            reads: dict[Path, _Read]) -> tuple[Part, list[str]] | None:
    """Where the files are a disclosure's narrative, its tables file(s) and perhaps files of its other
    tables (附表: 政府购买服务, 绩效目标表; identity.py): one source, the tables files' lines their tables'
    (no text of theirs read as the narrative), told; refused where a narrative and tables given together
    are not one disclosure. The narrative's part (its cover states the owner where the tables do not) and
    the files of other tables; None where the files are not so (a file alone never is: no part of it read)."""
    if len(paths) < 2:
        return None
    parts = {path: part_of(str(path), reads[path].tables, opened[path].narrative, opened[path].is_document,
                           seen[path].grids) for path in paths}
    narratives, tables, others = _by_role(paths, parts)
    if len(narratives) != 1 or not tables or len(tables) + len(others) != len(paths) - 1:
        return None
    narrative = parts[narratives[0]]
    _one_disclosure(narrative, parts, tables, others)
    for path in tables + others:
        reads[path].lines, reads[path].documents = [], []
    return narrative, [str(path) for path in others]


def _by_role(paths: list[Path], parts: dict[Path, Part]) -> tuple[list[Path], list[Path], list[Path]]:
    """The files that are a narrative, a tables file and a file of other tables, each in the order given."""
    def of(role: str) -> list[Path]:
        return [path for path in paths if parts[path].role == role]
    return of(NARRATIVE), of(TABLES), of(OTHER)


def _one_disclosure(narrative: Part, parts: dict[Path, Part], tables: list[Path], others: list[Path]) -> None:
    """Refused where a tables file (or a file of other tables) given with the narrative is not of its disclosure."""
    for path in tables + others:
        why = differs(narrative, parts[path]) if path in tables else other_differs(narrative, parts[tables[0]],
                                                                                     parts[path])
        if why:
            raise ImportRefused(f"{narrative.named}与{parts[path].named}不是同一份公开文本：{why}；"
                                "请分别导入，或一并给出这份说明自己的报表；未写出源文件")


def _as_one_note(narrative: Part, files: list[str], others: list[str]) -> str:
    tables = "、".join(file for file in files if file != narrative.file and file not in others)
    also = f"、{'、'.join(others)} 是报表以外的表（附表）" if others else ""
    return (f"{narrative.file} 是情况说明、{tables} 是报表{also}：同一份公开文本（{narrative.department or '部门未写明'} "
            f"{narrative.year}年，说明中的金额见于报表），作为一份导入；正文取自情况说明")


def _repeated(paths: list[Path]) -> list[Path]:
    """The paths that name a file an earlier path names (each later one, as given)."""
    seen: set[Path] = set()
    repeated = []
    for path in paths:
        if path.resolve() in seen:
            repeated.append(path)
        seen.add(path.resolve())
    return repeated


def _one_file_each(tables: list[Table]) -> None:
    """Refused where two files give the same table (a document and its export, two versions): one
    source's table comes from one file, never one of them kept and the other dropped unsaid."""
    first: dict[str, Table] = {}
    for table in tables:
        other = first.setdefault(table.kind.id, table)
        if other.grid.file != table.grid.file:
            raise ImportRefused(f"{other.grid.shown}与{table.grid.shown}都是{table.kind.id}：一个源文件的每张表只能取自"
                                "一个文件（同一份文本与它的导出工作簿、两个版本，只给出其中一个）；未写出源文件")


def _import_one(paths: list[Path], read: _Read, catalog: catalogs.Catalog, layout: str | None,
                with_prior: bool, told: list[str], narrative: Part | None = None,
                others: tuple[str, ...] | list[str] = ()) -> ImportResult:
    _one_file_each(read.tables)
    notes = told + read.notes + ([_as_one_note(narrative, [str(p) for p in paths], list(others))] if narrative else [])
    final = [t for t in read.tables if t.kind.final]
    if final and len(final) == len(read.tables):  # a 部门决算: its tables reconciled, a 决算 source written
        return _import_final(paths, final, read.unknown, catalog, layout, read, notes)
    return _import_budget(paths, read, catalog, layout, with_prior, notes, narrative)


def _import_budget(paths: list[Path], read: _Read, catalog: catalogs.Catalog, layout: str | None, with_prior: bool,
                   notes: list[str], narrative: Part | None) -> ImportResult:
    """A 部门预算's source: its tables read for sure built (or what its prose states), reconciled, its owner and
    text added; what the tables not built show told beside."""
    tables = _budget_tables(read, notes)
    aside, unknown = _tables_set_aside(read, catalog, notes)
    unread = unread_sums(unknown, catalog)  # the tables no kind names: their rows' totals all the same
    tables, unsure = _sure(tables, notes, aside)
    if not read.documents:  # a workbook's text sheets (职能, 机构设置, 名词解释 …) are its narrative
        read.lines += text_sheet_lines(unknown)
    unknown = unknown + [table.grid for table in unsure]
    prose, imported = _source_built(paths, read, tables, unknown, unsure, catalog, layout, notes)
    slips = _slips(imported, notes)
    found = _found(imported, slips, unsure, prose) + _found_set_aside(imported, aside, unread, catalog)
    unplaced: list[str] = prose.unplaced if prose is not None else []
    _owner_stated(imported, read, narrative, notes)
    unknown, held = _held_as_printed(imported, unknown, read, catalog, aside)
    unknown, to_fill = _with_text(imported, read, unknown, unplaced, notes, with_prior,
                                  published=prose.published if prose is not None else None)
    found += _misnamed(imported, unsure)  # the year now known (a cover's, where the tables' captions name no year)
    if (told := read_units(imported, aside, catalog, layout)):
        notes.append(told)
    header = _header(paths, imported, tables, unknown, found, notes, unplaced, to_fill)
    texts = _texts_read(paths, read)
    # a source read from the prose alone is not compared with that prose: it is what the prose states
    return ImportResult(ImportedSource(imported.tree, header), imported, found, [_grid_line(g) for g in unknown],
                        read.documents if prose is None else [], header, unplaced, notes, _disputes(imported, slips),
                        unsure_places=_places((t.grid for t in unsure), texts),
                        read_places=_places((t.grid for t in tables), texts),
                        other_places=_places(read.unknown, texts), table_words=_table_words(read), set_aside=aside,
                        checked=_checked(imported, tables, unknown, aside, held),
                        printed_places=held_places(held))


def _held_as_printed(imported: Imported, unknown: list[Grid], read: _Read, catalog: catalogs.Catalog,
                     aside: Iterable[SetAside] = ()) -> tuple[list[Grid], list[tuple[Grid, Tree]]]:
    """The numbered tables of no kind among the ``unknown`` grids held in the source as printed (印出表,
    printed_tables.py), and those the department prints by its units (广州's 表11 部门预算基本支出预算表: set aside,
    never read as the department's figures, but the department's printed table all the same), in the order printed;
    the other grids, and those held with their items."""
    order = {id(grid): index for index, grid in enumerate(read.grids)}
    by_units = [table.grid for table in aside if table.grid is not None]
    candidates = sorted([*unknown, *by_units], key=lambda grid: order.get(id(grid), len(order))) if by_units else unknown
    held = printed_tables(in_printed_order(candidates, read.forms), read.printed, catalog)
    if held:
        imported.tree["印出表"] = [item for _, item in held]
    taken = {id(grid) for grid, _ in held}
    return [grid for grid in unknown if id(grid) not in taken], held


def _budget_tables(read: _Read, notes: list[str]) -> list[Table]:
    """A budget's tables: a stray 决算 table none of them; each recognised by its content rather than its title
    told."""
    tables = [t for t in read.tables if not t.kind.final]
    notes += [content_note(t) for t in tables if t.by_content]
    return tables


def _tables_set_aside(read: _Read, catalog: catalogs.Catalog, notes: list[str]) -> tuple[list[SetAside], list[Grid]]:
    """The units' tables set aside, told: the grids no kind names that list the units' figures (by_unit.py) and the
    tables of each unit printed after the department's; and the other grids."""
    aside, unknown = _by_unit(read.unknown, catalog, read.printed, notes)
    units = units_set_aside(read.units, catalog)
    notes += [table.told() for table in units]
    return aside + units, unknown


def _header(paths: list[Path], imported: Imported, tables: list[Table], unknown: list[Grid], found: list[str],
            notes: list[str], unplaced: list[str], to_fill: list[str], **accounts: str) -> dict[str, Any]:
    """What the import tells of the source beside it: what it read, found and left (``accounts``: 决算 for one)."""
    return {"unplaced": unplaced, "to_fill": to_fill, "department": imported.department, "year": imported.year,
            "kind": imported.kind, **accounts, "files": [str(p) for p in paths],
            "tables": [_table_line(t) for t in tables], "unknown": [_grid_line(g) for g in unknown],
            "differences": found, "notes": notes}


def _source_built(paths: list[Path], read: _Read, tables: list[Table], unknown: list[Grid], unsure: list[Table],
                  catalog: catalogs.Catalog, layout: str | None, notes: list[str]) -> tuple[ProseSource | None, Imported]:
    """The source the tables read for sure build; of a document none of whose tables is read (its tables images or
    missing), what its prose states (and the prose source, else None), told."""
    prose = prose_source(read.lines) if not tables and read.documents else None
    if prose is not None:  # a document whose tables are images or missing: what its prose states
        notes.append(_prose_only(paths, prose.stated, prose.written))
    imported = prose.imported if prose is not None else _built(paths, tables, unknown, catalog, layout, unsure)
    imported.unsure = unsure
    notes += imported.told
    return prose, imported


def _slips(imported: Imported, notes: list[str]) -> list[Difference]:
    """The source's slips: its differences less the rounding tails and the relations its figures refute, each of
    those told in ``notes``."""
    slips, tails = rounding_tails(imported, differences(imported))
    notes += tail_notes(tails)
    slips, unverified = refuted(imported, slips)
    notes += [relation.told() for relation in unverified]
    return slips


def _found(imported: Imported, slips: list[Difference], unsure: list[Table], prose: ProseSource | None) -> list[str]:
    """What the source's own figures show: its slips grouped, the cells it could not read (and those of the tables
    not read for sure that print a misplaced separator), and where its prose contradicts itself."""
    return grouped(slips) + unreadables(imported.problems + _misplaced_cells(unsure)) \
        + (prose.conflicts if prose is not None else [])


def _found_set_aside(imported: Imported, aside: list[SetAside], unread: list[str],
                     catalog: catalogs.Catalog) -> list[str]:
    """What the tables not built show: the units' tables set aside (their own slips, their totals against the
    department's 支出总表) and the sums of the tables no kind names."""
    found = [difference for table in aside for difference in table.differences] + unread
    if role("spending") in imported.tables:
        found += against_the_departments(aside, imported.rows.get(role("spending"), []), imported.tables[role("spending")].unit,
                                         catalog)
    return found


def _owner_stated(imported: Imported, read: _Read, narrative: Part | None, notes: list[str]) -> None:
    """The department and year the tables state none of, from the narrative's cover (given as a file of its own)
    or a single PDF's cover."""
    if narrative is not None and narrative.year is not None:  # the tables state no owner: the narrative's cover does
        add_stated(imported, Front(narrative.department, narrative.year, f"{narrative.file} {narrative.where}"),
                   f"{narrative.file}（{narrative.where}）", notes)
    elif not imported.department and len(read.printed) == 1:  # one PDF whose tables name no owner: its cover does
        _stated_by_cover(imported, read, notes)


def _checked(imported: Imported, tables: list[Table], unknown: list[Grid], aside: list[SetAside],
             held: Iterable[tuple[Grid, Tree]] = ()) -> frozenset[tuple[str, Decimal]]:
    """The figures of the grids not built into the source (none of a kind built, or a second of one; those ``held``
    as printed among them, a form aside) that their own sums verify; a unit's tables set aside are counted apart, never so read."""
    built = {id(table.grid) for table in imported.tables.values()}
    grids = [grid for grid in [*unknown, *_tables_held(held), *(t.grid for t in tables)] if id(grid) not in built]
    apart = frozenset(place for table in aside for place in table.places)
    return frozenset(figure for figure in own_sums(grids) if figure[0] not in apart)


def _tables_held(held: Iterable[tuple[Grid, Tree]]) -> list[Grid]:
    """The grids of the tables held as printed, a form's none (its figures no sums of one another's)."""
    return [grid for grid, _ in held if not grid.form]


def _stated_by_cover(imported: Imported, read: _Read, notes: list[str]) -> None:
    """The department (and year) a single PDF's cover names where none of its tables names an owner (北京's 情况说明
    and 报表 printed as one file: the 报表's tables print no 编制单位), as a narrative published apart gives them."""
    [(file, lines)] = read.printed.items()
    cover = cover_of(lines)
    if cover is not None and cover.department:
        add_stated(imported, Front(cover.department, cover.year, f"{file} {cover.where}"), f"{file}（{cover.where}）",
                   notes)


def _table_words(read: _Read) -> tuple[str, ...]:
    """The texts of the grids' first rows (a number, a title) and the printed lines that hold 表."""
    heads = [row_text(grid, row) for grid in read.grids for row in range(min(TITLE_ROWS, len(grid.rows)))]
    return tuple(text for text in [*heads, *read.named] if "表" in text)


def _by_unit(unknown: list[Grid], catalog: catalogs.Catalog, printed: dict[str, list[Line]],
             notes: list[str]) -> tuple[list[SetAside], list[Grid]]:
    """Of the grids no table was recognised in, the tables of the department's units (by_unit.py), set aside
    and told, with what their own figures showed; and the other grids."""
    aside: list[SetAside] = []
    rest: list[Grid] = []
    units: set[str] = set()  # the units the tables set aside name: a later table's rows so named are units
    for grid in unknown:
        table = by_unit_table(grid, catalog, units)
        if table is None:
            rest.append(grid)
            continue
        aside.append(set_aside(table, printed.get(grid.file, [])))
        units |= unit_names(table)
        notes.append(aside[-1].told())
    return aside, rest


def _places(grids: Iterable[Grid], documents: frozenset[str] = frozenset()) -> frozenset[str]:
    """The places of the grids' rows; of a PDF's, every line of its rows' span on each page — a name wrapped
    in its cell is printed on lines of their own, within its row (江苏省高级人民法院 2018's 政府采购预算表:
    “网络通讯维护及专 / 维修（护）费 607.10 / 用线路租赁费”, the figure on the name's second line). Of files
    imported as one disclosure, only the grids of those whose text is read (its narrative): the places are
    those of its lines, and 第5页 第7行 of its 报表 file is no line of its 情况说明 (北京市政务服务和数据管理局
    2026: the 报表's rows on page 5 took the 情况说明's “1.一般公共预算拨款收入101,673.03万元” for a table's row)."""
    found: set[str] = set()
    for grid in grids:
        if documents and grid.file not in documents:
            continue
        found |= _grid_places(grid)
    return frozenset(found)


def _grid_places(grid: Grid) -> set[str]:
    """One grid's places: its rows', its columns' printed on the next page (a wide table's), the rows it prints
    again; of a PDF's, every line their rows span."""
    side = [place for place in grid.side_places or [] if place]  # a wide table's columns on the next page
    found = {*(grid.row_places or []), *side, *grid.again_places}
    if grid.kind == "pdf":
        found.update(spanned(grid.row_places or []))
        found.update(spanned(side))
    return found


def _misnamed(imported: Imported, unsure: list[Table]) -> list[str]:
    """The codes printed with another code's name (printed_names.py) in the tables read, and in those not read for
    sure whose one doubt is a code printed on several rows (a mistyped code may be what prints it twice)."""
    repeated = [t for t in unsure if t.kind.id not in imported.rows and codes_repeated_alone(t)]
    rows = {**{t.kind.id: body_rows(t, problems=[]) for t in repeated}, **imported.rows}
    return misnamed([*imported.tables.values(), *repeated], rows, imported.year, imported.tree,
                    frozenset(t.kind.id for t in repeated))


def _texts_read(paths: list[Path], read: _Read) -> frozenset[str]:
    """The files whose text is read, of several imported as one disclosure (its narrative); none of one file."""
    return frozenset(str(path) for path in read.documents) if len(paths) > 1 else frozenset()


def _sure(tables: list[Table], notes: list[str], aside: list[SetAside]) -> tuple[list[Table], list[Table]]:
    """The tables whose header gave each column of amounts one meaning for sure, and the others, each
    told in ``notes`` with why (sure.py): read but not judged. A table that prints the department's rows and
    then its units' in turn (units_in_turn.py) is its department's rows; its units' are set aside in ``aside``."""
    sure: list[Table] = []
    unsure: list[Table] = []
    for table in tables:
        doubts = header_doubts(table)
        if (cut := departments_part(table)) is not None and not header_doubts(cut[0]):
            table, doubts = cut[0], []
            aside.append(cut[1])
            notes.append(cut[1].told())
        (unsure if doubts else sure).append(table)
        if doubts:
            notes.append(unsure_note(table, doubts))
        elif table.kind.shape == "科目" and repeated_codes(table) and unit_lines(body_rows(table, problems=[])):
            notes.append(unit_lines_note(table))
    return sure, unsure


def _with_text(imported: Imported, read: _Read, unknown: list[Grid], unplaced: list[str], notes: list[str],
               with_prior: bool, published: set[str] | None) -> tuple[list[Grid], list[str]]:
    """The source's front matter and text fields added from the files' text (what found no field in
    ``unplaced``), what was not published marked withheld, 金额精度 stated; the grids still not read
    and the fields left to fill. ``published``: of a document read from its prose alone, the parts
    it prints a heading of (never written withheld); None of any other."""
    front_read = add_front(imported, unknown, notes)
    add_cover_year(imported, read.lines)
    if not add_caption_year(imported, read.lines, notes):
        add_text_year(imported, read.lines)
    add_region(imported, read.lines)
    if read.lines:
        add_text_fields(imported, read_text_parts(read.lines, imported.year), unplaced, with_prior)
    if read.documents or whole_export(unknown):
        withheld(imported, printed_parts(line.text for line in read.lines) | (published or set()),
                 prose_only=published is not None)
    to_fill = fill_required(imported.tree)
    _state_step(imported)
    return not_read(unknown, imported, unplaced, front_read), to_fill


def _built(paths: list[Path], tables: list[Table], unknown: list[Grid], catalog: catalogs.Catalog,
           layout: str | None, unsure: list[Table]) -> Imported:
    """The budget tables built into a source's fields; refused where there is no table, or no figure."""
    if not tables:
        raise ImportRefused(_no_tables(paths, unknown) if not unsure else _none_for_sure(paths, unsure))
    imported = build(tables, catalog, layout, unsure)
    if not any(_is_figure(p) for p in walk(imported.tree)):  # a blank cell ("-", "—") is no figure printed
        with_figures = _with_figures(imported, tables)
        if not with_figures and unsure:  # the figures are in tables not read for sure: no blank template
            raise ImportRefused(_none_for_sure(paths, unsure, blank=[table.kind.id for table in tables]))
        raise ImportRefused(_no_figures(paths, with_figures))
    return imported


def _with_figures(imported: Imported, tables: list[Table]) -> list[str]:
    """The tables whose rows print a figure (a blank cell, "-" or "—", is none)."""
    return [table.kind.id for table in tables if any(
        not amount.blank for row in imported.rows.get(table.kind.id, []) for amount in row.amounts.values())]


_HUNDRED = Decimal(100)


def _state_step(imported: Imported) -> None:
    """金额精度 after 金额单位 where every table prints its amounts rounded to one step — 1 where they print
    whole 元, 100 where whole hundreds of 元 (kept to 0.01 万元), 0.01 where they print 万元 to two places (the figures were printed rounded: check allows
    their 尾数误差, as the import does)."""
    quantum = _quantum(imported)
    if quantum is not None:
        said = ("各表的金额都印到0.01万元" if imported.unit == "万元" else
                "各表的金额都印作整百元（按0.01万元保留）" if quantum == _HUNDRED else "各表的金额都印作整数元")
        items = list(imported.tree.items())
        at = next((i + 1 for i, (key, _) in enumerate(items) if key == "金额单位"), len(items))
        imported.tree = dict([*items[:at], ("金额精度", Placed(quantum, said)), *items[at:]])


def _disputes(imported: Imported, slips: list[Difference]) -> tuple[Decimal, ...]:
    """Each slip's gap (printed − parts) in 元, once: a figure built on a slipped total is off by it."""
    gaps = (((d.total.value - d.parts_sum) * (10000 if imported.tables[d.table].unit == "万元" else 1))
            for d in slips if d.table in imported.tables)
    return tuple(dict.fromkeys(gap for gap in gaps if gap))


def _quantum(imported: Imported) -> Decimal | None:
    """The step every table of classification rows in the source's unit prints at, where they share
    one: 1 where they print whole 元 (and so round the 分 the budget system keeps), 0.01 where they print
    万元 (rounded from 元), 100 where all print whole hundreds of 元 (reading.amounts.rounding_step): the figures
    a review judges the text and the cells by are theirs. None where they print exact 分."""
    values = [value for kind, table in imported.tables.items()
              if table.unit == imported.unit and table.kind.shape == "科目" for value in printed_values(imported, kind)]
    step = rounding_step(imported.unit, values) if values else None
    return step if step and imported.unit in ("元", "万元") else None


def _import_final(paths: list[Path], final: list[Table], unknown: list[Grid], catalog: catalogs.Catalog,
                  layout: str | None, read: _Read, notes: list[str]) -> ImportResult:
    """A 部门决算's source (种类: 决算): its tables reconciled, then written as printed, with the text's
    parts final_text.py reads; refused where a table it cannot be written without is missing."""
    _no_figures_read(paths, final, catalog)
    final, unsure = _in_other_units(paths, final, notes)
    reconciled, problems = final_differences(final)
    found = [*grouped(reconciled), *same_spending(final, catalog.same_spending), *line_number_breaks(final),
             *unreadables(problems)]
    missing = _missing(final, unsure)
    if missing:
        raise ImportRefused(_final_accounts(paths, final, len(found), missing), found, final=True)
    lines = read.lines
    imported = build_final(final, catalog, layout, lines, found, read.titles)
    imported.unsure = unsure  # printed, not read for sure: not missing (review's 检查表)
    add_text_year(imported, lines, "决算")  # no cover, no table states it: the year its text's 决算 statements name
    found += misnamed(final, imported.rows, imported.year, imported.tree)
    chosen_layout = imported.tree.get("版式")
    if layout is None and isinstance(chosen_layout, Placed):  # the 决算's tables are the national ones: its owner tells
        notes.append(_layout_by_department(str(chosen_layout.value), imported.department))
    unplaced: list[str] = []
    add_final_text(imported, read_text_parts(lines) if lines else None, lines, unplaced)
    to_fill = fill_required(imported.tree)
    imported.tree = {"种类": imported.tree.pop("种类"), **imported.tree}
    header = _header(paths, imported, final, unknown, found, notes, unplaced, to_fill, accounts="决算")
    return ImportResult(ImportedSource(imported.tree, header), imported, found, [_grid_line(g) for g in unknown],
                        read.documents, header, unplaced, notes, read_places=_places((t.grid for t in final), _texts_read(paths, read)),
                        other_places=_places(read.unknown, _texts_read(paths, read)), table_words=_table_words(read),
                        unsure_places=_places((t.grid for t in unsure), _texts_read(paths, read)))


def _no_figures_read(paths: list[Path], final: list[Table], catalog: catalogs.Catalog) -> None:
    """Refused where a 决算's tables print no figure (a blank 样张) or are printed on scanned pages."""
    if not _printed_figures(final, catalog):  # a blank 样张: its placeholder rows are no figures, not 0
        raise ImportRefused(f"{'、'.join(map(str, paths))}：这是一份部门决算，读出 {len(final)} 张决算表，但表中没有印出"
                            "任何数字（是空白的样张或模板，只有科目和占位的“…”）；未写出源文件")
    scanned = sorted({page for table in final for page in table.grid.scanned})
    if scanned:  # which figure stands in which row and column of a scan is not known for sure (sure.py)
        raise ImportRefused(f"{'、'.join(map(str, paths))}：这是一份部门决算，它的决算表印在扫描页上（第"
                            f"{'、'.join(map(str, scanned))}页），经文字识别读出，各数所在的行与列不能确定：未读取，未写出源文件")


def _missing(final: list[Table], unsure: list[Table]) -> list[str]:
    """The tables a 决算 source cannot be written without that the files do not give; one printed in another unit
    (not read for sure) named with its unit."""
    aside = {table.kind.id: other_unit_note(*stated) for table in unsure if (stated := other_unit(table)) is not None}
    return [f"{kind}（{aside[kind]}，未读取）" if kind in aside else kind for kind in missing_tables(final)]


def _in_other_units(paths: list[Path], final: list[Table], notes: list[str]) -> tuple[list[Table], list[Table]]:
    """A 决算's tables read, and those set aside: a table stating a unit other than 元 and 万元 (千元) is not read for
    sure, as a budget's is, and named in ``notes``; the others are read, and reconciled, without it. A 决算 all of whose
    tables state one is refused (a source holds 元 or 万元 only: its figures are neither)."""
    units = [stated for table in final if (stated := other_unit(table)) is not None]
    if units and len(units) == len(final):
        raise ImportRefused(_units_refused(paths, units))
    unsure = [table for table in final if other_unit(table) is not None]
    notes += _other_unit_notes(unsure)
    return [table for table in final if table not in unsure], unsure


def _other_unit_notes(unsure: list[Table]) -> list[str]:
    """Each table not read for sure as it states a unit other than 元 and 万元, told with its unit."""
    return [unsure_note(table, [other_unit_note(*stated)]) for table in unsure if (stated := other_unit(table))]


def _printed_figures(tables: list[Table], catalog: catalogs.Catalog) -> bool:
    """Whether any table's body prints a figure (a blank cell, "-" or "—" is none)."""
    read = rows_of(tables, catalog)
    return any(not amount.blank for rows in read.rows.values() for row in rows for amount in row.amounts.values())


def prior_files(result: ImportResult, out: Path, prior: Path | None, layout: str | None) -> dict[Path, ImportedSource]:
    """The files to write, each its source: the source, and where ``prior`` is a workbook or document
    rather than a source, last year's source imported from it beside the first; the source's
    上年.来源 names it."""
    units = {out.parent / unit.name: unit.source for unit in result.unit_files}
    if prior is None:
        return {out: result.source, **units}
    if is_source(prior):
        target = prior
        files: dict[Path, ImportedSource] = {}
    else:
        target, files = _prior_imported(result, out, prior, layout)
    tree = dict(result.imported.tree)
    named: Tree = {"来源": Placed(os.path.relpath(str(target), str(out.parent)))}
    stated = tree.pop("上年", None)
    if isinstance(stated, dict):  # the changes the text states: last year's document gives the figures now
        result.header["unplaced"] = [*result.header.get("unplaced", []), *_superseded(stated)]
    position = list(tree).index("金额单位") + 1
    items = list(tree.items())
    items.insert(position, ("上年", named))
    return {out: ImportedSource(dict(items), result.header), **files, **units}


def _prior_imported(result: ImportResult, out: Path, prior: Path,
                    layout: str | None) -> tuple[Path, dict[Path, ImportedSource]]:
    """Last year's source imported from ``prior`` (a workbook or document) and the file it is written to, beside
    ``out``; what its import found told with the source's. Refused where it is not of the year before."""
    last = import_files([prior], layout)
    year = result.imported.year
    if year is not None and last.imported.year is not None and last.imported.year != year - 1:
        raise ImportRefused(f"--prior {prior} 是 {last.imported.year} 年的，应为上一年（{year - 1} 年）的公开文本或"
                            "导出的工作簿；未写出任何文件")
    name = f"{last.imported.department or out.stem}-{last.imported.year or 'prior'}.yaml"
    target = out.parent / re.sub(r"[\\/\x00-\x1f]", "_", name).lstrip(".")
    result.differences += [f"{prior}：{line}" for line in last.differences]
    return target, {target: last.source}


def naming_layout(source: ImportedSource, folder: Path, out: Path) -> ImportedSource:
    """The source naming ``folder`` (a layout learned with it: import --learn-layout) as its 版式, relative to the
    folder it is written in (``out``'s), so that render prints it in that layout without --layout."""
    named = Placed(Path(os.path.relpath(str(folder.absolute()), str(out.absolute().parent))).as_posix())
    tree = dict(source.tree)
    if "版式" not in tree:  # (where the import chose none: the default) — written with the source's identity
        items = list(tree.items())
        items.insert(list(tree).index("金额单位") if "金额单位" in tree else len(items), ("版式", named))
        return ImportedSource(dict(items), source.header)
    tree["版式"] = named
    return ImportedSource(tree, source.header)


def _superseded(stated: dict) -> list[str]:
    """The changes the text states beside its figures (上年.<key>.增减额), not written where last year's
    document is given: reportgen computes each change from both years' figures, and the import compares."""
    lines = []
    for key, value in stated.items():
        change = value.get("增减额") if isinstance(value, dict) else None
        if isinstance(change, Placed):
            lines.append(f"{change.where}（上年.{key} 的增减额）没有写入：上年数取自 --prior 的文件")
    return lines


def is_source(path: Path) -> bool:
    """Whether ``path`` is a reportgen source (YAML with 部门 and 年度), not a file to import."""
    try:
        data = parse_yaml(read_bounded(path, MAX_SOURCE_BYTES), str(path))
    except (InputRefused, SourceError):
        return False
    return isinstance(data, dict) and "部门" in data and "年度" in data


def _is_figure(placed: Placed) -> bool:
    return isinstance(placed.value, Decimal) and placed.value != 0


def _table_line(table: Table) -> dict[str, str]:
    return {"id": table.kind.id, "where": table.grid.shown, "unit": table.unit}


def _grid_line(grid: Grid) -> str:
    return grid.shown


def _units_refused(paths: list[Path], units: list[tuple[str, str]]) -> str:
    """A 部门决算 every table of which states a unit other than 元 and 万元: nothing read for sure."""
    return (f"{'、'.join(map(str, paths))}：这是一份部门决算，{len(units)} 张决算表的金额单位都是"
            f"{'、'.join(dict.fromkeys(unit for unit, _ in units))}（{'、'.join(where for _, where in units)}），"
            "不是元或万元：源文件只记元或万元，未读取；请以元或万元导出后重新导入；未写出源文件")


def _final_accounts(paths: list[Path], final: list[Table], differences: int, missing: list[str]) -> str:
    found = f"{differences} 处不一致（见下）" if differences else "未发现不一致"
    return (f"{'、'.join(map(str, paths))}：这是一份部门决算，读出 {len(final)} 张决算表"
            f"（{'、'.join(t.kind.id for t in final)}），缺少{'、'.join(missing)}：没有它不能写出决算源文件"
            f"（收入取自收入支出决算总表，各资金的支出取自支出决算表与一般公共预算财政拨款支出决算表）；"
            f"表内与表间核对：{found}。未写出源文件")


def _none_for_sure(paths: list[Path], unsure: list[Table], blank: list[str] | None = None) -> str:
    """The budget tables were recognised, none read for sure (or those read for sure, ``blank``, print no
    figure: 上海市职业能力考试院 2026 without its “三公” table): which, and why (a misplaced separator's cells
    among the reasons, the document's slip)."""
    said = "；".join(f"{table.kind.id}（{table.grid.shown}）：{'；'.join(header_doubts(table))}" for table in unsure[:4])
    if blank:
        return (f"{'、'.join(map(str, paths))}：认出了 {len(unsure) + len(blank)} 张预算表，读出的{'、'.join(blank)}"
                f"没有数字，其余 {len(unsure)} 张的数不能确定读出（{said}）；未写出源文件")
    return (f"{'、'.join(map(str, paths))}：认出了 {len(unsure)} 张预算表，但没有一张的数能确定读出（{said}）；"
            "未写出源文件")


def _no_tables(paths: list[Path], unknown: list[Grid]) -> str:
    final = next((text for grid in unknown for text in _title_texts(grid) if "决算" in text and "表" in text), None)
    if final is not None:  # a 部门决算 (final accounts): its tables are not a budget's, never read as one
        return (f"{'、'.join(map(str, paths))}：这是一份决算（读到“{final}”），reportgen 目前只导入和审核部门预算的表格；"
                "未写出源文件")
    other = other_titles(unknown)
    if other:  # a file of a disclosure's other tables (附表), given without its 说明 and 报表
        return (f"{'、'.join(map(str, paths))}：只印了预算表以外的表（{'、'.join(other[:4])}），没有预算表：这是部门预算"
                "公开文本的一部分（附表），应与它的情况说明和报表一并给出，作为一份审核或导入；未写出源文件")
    names = "；".join(f"{file} {'、'.join(g.name for g in grids)}" for file, grids in _by_file(unknown[:8]).items())
    return (f"{'、'.join(map(str, paths))}：没有认出任何预算表（读到 {names or '（没有表格）'}）；"
            "应为预算管理系统导出的工作簿或公开的预算文本，表名如“部门收入预算总表”，或用 --layout 指定版式")


def _misplaced_cells(unsure: list[Table]) -> list[CellProblem]:
    """The cells of tables not read for sure whose thousands separators are misplaced (sure._misplaced): the
    document's slip, told once as it is of a table read, though the table's figures are not taken."""
    found: list[CellProblem] = []
    for table in unsure:
        problems: list[CellProblem] = []
        body_rows(table, problems=problems)
        found += [problem for problem in problems if problem.why == MISPLACED_SEPARATORS]
    return found


def _by_file(grids: list[Grid]) -> dict[str, list[Grid]]:
    out: dict[str, list[Grid]] = {}
    for grid in grids:
        out.setdefault(str(grid.file), []).append(grid)
    return out


def _title_texts(grid: Grid) -> list[str]:
    """The words of a grid's first rows (where a table's title stands), spaces dropped."""
    return ["".join(cell.text.split()) for row in grid.rows[:4] for cell in row if cell.text.strip()][:40]


def _no_figures(paths: list[Path], with_figures: list[str]) -> str:
    if with_figures:  # tables that hold figures, none of which a source takes alone
        return (f"{'、'.join(map(str, paths))}：读出了{'、'.join(with_figures)}的数字，但单凭这些表不能写成源文件"
                f"（收入取自{role('summary')}或{role('appropriations')}，支出取自{role('spending')}与各资金的支出表）；请一并导出这些表；未写出源文件")
    return (f"{'、'.join(map(str, paths))}：这是一份空白模板：认出的表格中没有数字（只有表头、科目与空白或占位的格子）；"
            "请导出填好数字的工作簿；未写出源文件")


# --- notes to the user ------------------------------------------------------------------------------

def _given_twice(path: Path) -> str:
    return f"{path} 给出了不止一次，只读取一次"


def _prose_only(paths: list[Path], stated: int, written: int) -> str:
    return (f"{'、'.join(map(str, paths))} 中没有认出预算表：只写入了正文写明的数字（每个数字注明所在的行与句子），"
            f"正文写明 {stated} 个金额，写入 {written} 个，其余逐个列在“未写入”中；正文没有写的不写；"
            "没有公开的功能分类、经济分类明细写为不公开（表格若以图片公开，请按原表补入）")


def _layout_by_department(layout: str, department: str | None) -> str:
    return (f"没有指定 --layout：按“{layout}”版式导入，因为决算的部门“{department}”"
            f"在{layout}（决算表的表名全国统一，不能区分版式）；不是的话请用 --layout 指定")
