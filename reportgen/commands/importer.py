"""`reportgen import FILE... [-o SOURCE.yaml] [--layout NAME]`: a source from the budget system's
workbook or a published disclosure, every figure with its place; differences reported, never
repaired. Argument parsing and printing only; the work is reportgen/importing/."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.base.errors import Finding, one_line
from reportgen.base.oserrors import reason
from reportgen.commands.arguments import refuse_outputs
from reportgen.commands.base import Failure, UsageError
from reportgen.reading.files import overwritten_inputs
from reportgen.reading.outputs import Output

if TYPE_CHECKING:
    from reportgen.importing.emit import ImportedSource
    from reportgen.importing.in_one_file import Span
    from reportgen.importing.pipeline import ImportResult
    from reportgen.readers.published import Published
    from reportgen.readers.text.lines import Line
    from reportgen.review.coverage import Coverage
    from reportgen.runners.render import Prepared

EXAMPLE = ("示例：reportgen import 万里街道2025年部门预算.pdf --layout 上海 -o data/wanli-2025.yaml\n"
           "      reportgen import 预算导出.xlsx --layout 上海")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``import`` parser to the command line's subparsers."""
    parser = subparsers.add_parser(
        "import", help="从预算系统导出的工作簿或公开的预算文本生成源文件",
        description="读取预算管理系统导出的工作簿（xlsx、xls、SpreadsheetML、HTML 表格、ods、csv）或公开的预算文本"
                    "（PDF、DOCX；旧版 Word 的 .doc、WPS 的 .wps 与 RTF 经 LibreOffice 转换后读取），写出源文件：每个数字注明出处；表内合计与各表之间的不一致逐一报告，按原样写入，不作修改。"
                    "从不覆盖已有文件。",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="导出的工作簿或公开文本（可多个，每个一张或几张表）")
    parser.add_argument("-o", "--out", type=Path, metavar="SOURCE.yaml", help="输出的源文件（默认 <部门>-<年度>.yaml）；一个 PDF 中接连印有几份公开文本时为文件夹，每份写成一个源文件")
    parser.add_argument("--layout", metavar="NAME", help="版式（如 上海）：用其表名、表码认表，并写入源文件")
    parser.add_argument("--prior", type=Path, metavar="LAST_YEAR_FILE",
                        help="上年的源文件，或上年公开的文本、导出的工作簿（同样导入，写在输出旁边）：作为“上年”数")
    parser.add_argument("--report", type=Path, metavar="FILE.html", help="写出导入核对页面：各表读到的每个数字及其去处")
    parser.add_argument("--learn-layout", type=Path, metavar="DIR",
                        help="另把文件印出的结构写成一个版式文件夹（各表的次序、表号、表名、单位与小数位，标题的编号）："
                             "render --layout DIR 按它印出；文件夹须不存在或为空")


def run(args: argparse.Namespace) -> int:
    from reportgen.importing.pipeline import (  # deferred: the readers; --help loads every command
        naming_layout,
        prior_files,
    )
    from reportgen.runners.rollover import write_new  # deferred: 90 ms; --help loads every command

    inputs = [*args.files, *([args.prior] if args.prior else [])]
    _refuse_prior_among_inputs(args.prior, list(args.files))
    _refuse_the_output(args, inputs)  # a folder: the file may hold several disclosures (below)
    imported = _imported(args, inputs)
    if isinstance(imported, int):
        return imported
    result, read = imported
    out = _source_path(args.out, result)
    files = prior_files(result, out, args.prior, args.layout)
    if args.learn_layout is not None:  # the source names the layout learned with it: render prints it there
        files[out] = naming_layout(files[out], args.learn_layout, out)
    beside = _beside(result, out, files)
    refuse_outputs(_outputs(out, args.report, *beside), inputs)
    if args.report is not None:
        _refuse_unwritable(args.report)
    with _learned_layout(args.learn_layout, result, list(args.files), read, args.layout) as place:
        files[out] = _with_learned_amounts(files[out], result)
        write_new({path: source.text for path, source in files.items()})
        place()
    errors, disagreements = _checked(args, result, out, files, beside)
    print(f"已写出 {one_line(str(out))}：{_counts(result)}{_table_figures(result, read)}；{errors} 个错误"
          + (f"，正文与表格不一致 {disagreements} 处" if disagreements else ""))
    return 1 if errors or disagreements else 0


def _checked(args: argparse.Namespace, result: ImportResult, out: Path, files: dict[Path, ImportedSource],
             beside: tuple[list[Path], list[Path]]) -> tuple[int, int]:
    """The source just written, taken as the import made it (not read back from the file: importing/emit.py):
    checked and its findings told, then the sources written beside it (last year's, the units'), the --report page,
    and the documents' narratives against its tables: the errors and the disagreements."""
    from reportgen.runners.render import prepare  # deferred: 105 ms; --help loads every command

    prepared = prepare(files[out].named(out))
    errors = _report(result, out, list(files), prepared)
    _tell_written_beside(out, *beside)
    if args.report is not None:
        _write_report(args.report, result, out, list(args.files), prepared)
    others = [path for path in args.files if path not in result.documents]
    return errors, _compare_narratives(prepared, out, result, beside=others)


def _refuse_the_output(args: argparse.Namespace, inputs: list[Path]) -> None:
    """-o and --report refused before anything is read where they would overwrite (-o a folder: checked per source)."""
    if args.out is None or not args.out.is_dir():
        refuse_outputs(_outputs(args.out, args.report, [], []), inputs)


def _imported(args: argparse.Namespace, inputs: list[Path]) -> tuple[ImportResult, dict[Path, Published] | None] | int:
    """The files imported, with what was read of a file given alone; or, a file printing several disclosures, the
    exit code of importing each (_run_several). A refusal tells what the file's damage lost first."""
    from reportgen.importing.pipeline import import_files, read_alone  # deferred: the readers
    from reportgen.readers.grid import ImportRefused  # deferred: with the readers

    read: dict[Path, Published] | None = None
    try:
        if len(args.files) == 1:  # read once: imported as read, or, printing several disclosures, each on its pages
            published, several = read_alone(args.files[0])
            read = {args.files[0]: published}
            if several:
                return _run_several_alone(args, several)
        _refuse_the_output(args, inputs)
        return import_files(list(args.files), args.layout, with_prior=args.prior is not None, read=read), read
    except ImportRefused as exc:
        damaged = [f"{path}：{published.damaged}" for path, published in (read or {}).items() if published.damaged]
        if not exc.differences and not damaged:
            raise
        # what the file's damage lost first (a table not found may be on the page lost); a 决算's tables, reconciled
        raise Failure("\n".join([*damaged, exc.message, *exc.differences])) from exc


def _run_several_alone(args: argparse.Namespace, several: list[tuple[Span, Published]]) -> int:
    """A file printing several disclosures: each imported on its own (--learn-layout refused: it learns one)."""
    if args.learn_layout is not None:
        raise UsageError(f"{one_line(str(args.files[0]))} 中接连印有 {len(several)} 份公开文本：--learn-layout 只用于"
                         "一份公开文本的文件；未写出任何文件")
    return _run_several(args, several)


def _source_path(out: Path | None, result: ImportResult) -> Path:
    """Where the source goes: -o, or named by its department and year (in -o where it is a folder)."""
    named = _default_name(result.imported.department, result.imported.year)
    return named if out is None else out / named if out.is_dir() else out  # a folder: named in it


def _beside(result: ImportResult, out: Path, files: dict[Path, ImportedSource]) -> tuple[list[Path], list[Path]]:
    """The sources written beside the source: last year's (imported by --prior) and the units'."""
    unit_paths = [out.parent / unit.name for unit in result.unit_files]
    return [path for path in list(files)[1:] if path not in unit_paths], unit_paths


def _tell_written_beside(out: Path, priors: list[Path], unit_paths: list[Path]) -> None:
    """Tell the sources written beside the source: last year's (--prior) and the units'."""
    for path in priors:
        print(f"已写出 {one_line(str(path))}：上年数的源文件（由 --prior 导入），{one_line(str(out))} 的“上年.来源”指向它")
    for path in unit_paths:
        print(f"已写出 {one_line(str(path))}：单位的源文件，{one_line(str(out))} 的“单位”用“包含”指向它")


@contextlib.contextmanager
def _learned_layout(folder: Path | None, result: ImportResult, files: list[Path], read: dict[Path, Published] | None,
                    layout: str | None) -> Iterator[Callable[[], None]]:
    """--learn-layout DIR: the layout the files show (based on --layout where it names a shipped layout), staged and
    checked before the source is written and put in place after it (both or neither); nothing to do without it."""
    if folder is None:
        yield lambda: None
        return
    from reportgen.importing.learning.learned_layout import (  # deferred: with the option only
        FolderTaken,
        FolderUnwritable,
        learn,
        staged,
    )
    from reportgen.importing.learning.learned_words import words_line  # deferred: likewise
    from reportgen.readers.published import read_published  # deferred: likewise (read already: cached)

    lines = [line for path in files for line in (read[path] if read and path in read else read_published(path)).lines]
    learned = learn(result, lines, folder.name, _shipped_base(layout))
    try:
        with staged(folder, learned) as place:
            yield place
    except FolderTaken:
        raise Failure(f"--learn-layout {one_line(str(folder))}："
                      f"{'这个文件夹已存在且不是空的' if folder.is_dir() else '这是一个已有的文件，不是文件夹'}；学到的版式只写入新的或空的文件夹，"
                      "不覆盖已有的文件；未写出任何文件") from None
    except FolderUnwritable as exc:
        raise Failure(f"--learn-layout {one_line(str(folder))}：无法写入（{exc}）；未写出任何文件") from None
    entries = learned.settings.get("表格清单", {}).get("表", [])
    numbered = learned.settings.get("表号", "默认")
    if isinstance(numbered, dict):  # {格式, 正文: false}: the 目录's numbers alone (the told note says so)
        numbered = numbered["格式"]
    print(f"已写出版式 {one_line(str(folder))}：{len(entries)} 张表，表号“{numbered}”，"
          f"基于 {learned.settings['基于']}；源文件的“版式”指向它，render 按它印出")
    if learned.words is not None:
        print(f"  {words_line(learned.words)}")
    for told in learned.told:
        print(f"  {told}")


def _with_learned_amounts(source: ImportedSource, result: ImportResult) -> ImportedSource:
    """The source with the 正文金额 its learned sentences print (--learn-layout: learned_amounts.py) and the changes
    of fields they state (learned_priors.py), as learning wrote them into the import's source; the source itself
    without them."""
    from reportgen.importing.learning.learned_amounts import KEY, amounts_of, with_amounts  # deferred: --learn-layout
    from reportgen.importing.learning.learned_priors import with_priors  # deferred: likewise

    source = with_priors(source, result.priors)  # (the changes of fields it wrote: learned_priors.py)
    return with_amounts(source, amounts_of(result.source.tree)) if KEY not in source.tree else source


def _shipped_base(layout: str | None) -> str | None:
    """The shipped layout --layout names, as a learned layout's base (--layout 烟台 → 山东); None where it names
    none, or a folder of the user's."""
    from reportgen.shaping.layouts import resolve, shipped  # deferred: with --learn-layout only

    named = resolve(layout).name if layout else None
    return named if named in {name for name, _ in shipped()} else None


def _table_figures(result: ImportResult, read: dict[Path, Published] | None) -> str:
    """How many of the amounts a PDF's budget tables print the import read onto their rows (the rows of the tables it
    read and of those it did not read for sure; a unit's tables set aside apart): “表格印出的数读出 N 个中的 M 个”, as
    review counts them (review/coverage.py); and apart, the amounts printed on grids no budget table was recognised in
    (绩效目标表, 项目明细: 深圳市民政局 2026 prints 472 there beside its tables' 565), none of them read — counted
    with the tables, they made a budget read whole look half read; "" for any other file."""
    pdfs = [published for published in (read or {}).values() if published.kind == "pdf"]
    counted = _tables_counted(result, pdfs)
    if not counted or not counted.printed:
        return ""
    apart = _printed_apart(result, pdfs)
    return f"，表格印出的数读出 {counted.printed} 个中的 {counted.read} 个" \
        + (f"（另有 {apart} 个数印在没有认出是哪种预算表的表格上，如绩效目标表，没有读取）" if apart else "")


def _tables_counted(result: ImportResult, pdfs: list[Published]) -> Coverage | None:
    """The amounts the PDFs' budget tables print (on the lines of the tables read, for sure or not) and how many of
    them the import read, as review counts them; None where no line is a table's."""
    from reportgen.review.coverage import coverage  # deferred: loaded with the import above

    places = result.read_places | result.unsure_places | result.printed_places  # 印出表's rows: read as printed
    lines = [[line for line in published.lines if line.where in places] for published in pdfs]
    return coverage(lines, result, None, held=True) if any(lines) else None


def _printed_apart(result: ImportResult, pdfs: list[Published]) -> int:
    """The amounts the PDFs print on grids no budget table was recognised in (a unit's tables set aside apart)."""
    from reportgen.review.coverage import printed_amounts  # deferred: loaded with the import above

    places = result.read_places | result.unsure_places | result.printed_places
    others = result.other_places - places - result.set_aside_places
    return sum(len(printed_amounts(line.text)) for published in pdfs for line in published.lines if line.where in others)


def _outputs(out: Path | None, report: Path | None, priors: list[Path], units: list[Path]) -> list[Output]:
    """What the import writes: the source (never over a file), last year's imported source and the
    units' files beside it (likewise) and the report page (only over a page reportgen wrote)."""
    return ([Output(out, "-o", "never")] if out is not None else []) \
        + [Output(p, "--prior 导入的上年源文件", "never") for p in priors] \
        + [Output(p, "单位的源文件", "never") for p in units] \
        + ([Output(report, "--report", "written")] if report is not None else [])


def _run_several(args: argparse.Namespace, parts: list[tuple[Span, Published]]) -> int:
    """A PDF printing several disclosures one after another (importing/in_one_file.py), given alone: each
    imported on its own pages and written as its own source, named by its owner, in the folder ``-o`` names (the
    current folder without it) — all of them or, where one cannot be imported or written, none."""
    from reportgen.importing.pipeline import (  # deferred: the readers
        prior_files,  # deferred: the readers
    )
    from reportgen.runners.rollover import write_new  # deferred: 90 ms

    (path,) = args.files
    told = f"{path} 中印有 {len(parts)} 份公开文本（{'；'.join(span.named for span, _ in parts)}）"
    if args.prior is not None or args.report is not None:
        raise UsageError(f"{told}：--prior 与 --report 只用于一份公开文本；请去掉它们，或把其中一份的页另存为一个文件再导入。"
                         "未写出任何文件")
    folder = _folder(args.out, told)
    results = _each_imported(path, parts, args.layout, told)
    outs = _part_names(folder, [(span, result) for span, _, result in results])
    files = {path: source for out, (_, _, result) in zip(outs, results, strict=True)
             for path, source in prior_files(result, out, None, args.layout).items()}
    refuse_outputs([Output(out, "-o", "never") for out in files], [path])
    write_new({out: source.text for out, source in files.items()})
    return _told_several(path, outs, results, list(files))


def _each_imported(path: Path, parts: list[tuple[Span, Published]], layout: str | None,
                   told: str) -> list[tuple[Span, Published, ImportResult]]:
    """Each disclosure of the file imported on its own pages; one that cannot be imported refuses them all."""
    from reportgen.importing.pipeline import import_files  # deferred: the readers
    from reportgen.readers.grid import ImportRefused  # deferred: with the readers

    results = []
    for span, one in parts:
        try:
            results.append((span, one, import_files([path], layout, read={path: one})))
        except ImportRefused as exc:
            raise Failure("\n".join([f"{told}：其中{span.named}未能导入：{exc.message}。未写出任何文件",
                                      *exc.differences])) from exc
    return results


def _folder(out: Path | None, told: str) -> Path:
    """The folder the disclosures' sources go to: ``-o`` where it is a folder (one there, or a new name not
    ending in .yaml), the current folder without ``-o``; a usage error where it names one file."""
    if out is None:
        return Path()
    if out.is_dir() or (not out.exists() and not out.is_symlink() and out.suffix.lower() not in (".yaml", ".yml")):
        return out
    raise UsageError(f"{told}：每份写成一个源文件，-o 应为文件夹，而 {out} 是一个文件名；请用 -o 给出文件夹"
                     "（每份的源文件以其单位命名）。未写出任何文件")


def _part_names(folder: Path, parts: list[tuple[Span, ImportResult]]) -> list[Path]:
    """Each disclosure's source in ``folder``, named by its owner and year (its first page added where two
    would share a name)."""
    names = [_default_name(result.imported.department or (span.cover.department if span.cover else ""),
                           result.imported.year) for span, result in parts]
    return [folder / (name if names.count(name) == 1 else name.with_name(f"{name.stem}-p{span.first}{name.suffix}"))
            for name, (span, _) in zip(names, parts, strict=True)]


def _told_several(path: Path, outs: list[Path], results: list[tuple[Span, Published, ImportResult]], written: list[Path]) -> int:
    """Each disclosure's source checked and told as one file's is (the tables' differences, check, its text
    against its tables, on its own pages); a source reportgen cannot read back takes every one away."""
    from reportgen.runners.render import prepare  # deferred: 105 ms

    failed = 0
    for out, (span, one, result) in zip(outs, results, strict=True):
        prepared = prepare(result.source.named(out))
        errors = _report(result, out, written, prepared)
        disagreements = _compare_narratives(prepared, out, result, {path: one})
        print(f"已写出 {one_line(str(out))}（{span.named}）：{_counts(result)}；{errors} 个错误"
              + (f"，正文与表格不一致 {disagreements} 处" if disagreements else ""))
        failed += errors + disagreements
    return 1 if failed else 0


def _refuse_prior_among_inputs(prior: Path | None, files: list[Path]) -> None:
    if prior is not None and overwritten_inputs([prior], files):
        raise UsageError(f"--prior {prior} 就是本次导入的文件：上年数应取自上年的源文件、公开文本或导出的工作簿")


def _report(result: ImportResult, out: Path, written: list[Path], prepared: Prepared) -> int:
    """Print what the import found: unknown grids, differences, the check of the written source.
    A written file reportgen cannot read back is taken away again (it wrote it) and the import fails."""
    from reportgen.runners.render import prepared_findings  # deferred: 105 ms; --help loads every command

    findings = prepared_findings(prepared)
    _refuse_unreadable(findings, out, written)
    _tell_notes(result, out)
    for line in result.differences:
        print(f"{one_line(str(out))}: 错误 [导入-不一致] {line}")
    for finding in findings:
        print(finding.format())
    # 待填写: what the files did not give and the user must write (a workbook has no 职责)
    return len(result.differences) + sum(1 for f in findings if f.severity == "error"
                                         and f.rule not in ("待填写", "金额待填写"))


def _refuse_unreadable(findings: list[Finding], out: Path, written: list[Path]) -> None:
    """A written file reportgen cannot read back is taken away again (it wrote it) and the import fails."""
    unreadable = [f for f in findings if f.rule.startswith("YAML")]
    if unreadable:
        for path in written:
            path.unlink(missing_ok=True)
        raise Failure(f"生成的 {out} 无法读回（{unreadable[0].message}），未写出任何文件")


def _tell_notes(result: ImportResult, out: Path) -> None:
    """The import's notes on standard error: what it read past, grids it did not know, lines it placed nowhere,
    printed cells no field took (never silently)."""
    from reportgen.importing.recognition.unread import unread_cells  # deferred: with the importer

    for note in result.notes:
        print(f"{one_line(str(out))}: 提示 [导入-读取] {note}", file=sys.stderr)
    for grid in result.unknown:
        print(f"{one_line(str(grid))}: 提示 [导入-未识别] 不是已知的预算表，未读取", file=sys.stderr)
    for line in result.unplaced:
        print(f"{one_line(str(out))}: 提示 [导入-未写入] {line}", file=sys.stderr)
    for cell in unread_cells(result.imported):  # printed in a table, taken by no field: never silently
        print(f"{one_line(str(out))}: 提示 [导入-未读取] {cell.table} {cell.where}：印出的“{cell.text}”没有读取（不在任何字段中）",
              file=sys.stderr)


def _refuse_unwritable(path: Path) -> None:
    """--report's folder (its nearest existing one) tried before the source is written: a read-only or forbidden folder
    refuses the import whole, rather than after the source is written (the outputs are written all or none)."""
    import tempfile  # deferred: for --report only

    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        handle, name = tempfile.mkstemp(prefix=".reportgen-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise Failure(f"不能写出 {path}：{reason(exc)}；未写出任何文件") from None
    os.close(handle)
    with contextlib.suppress(OSError):
        os.unlink(name)


def _write_report(path: Path, result: ImportResult, out: Path, files: list[Path], prepared: Prepared) -> None:
    from reportgen.importing.report import report_html  # deferred: the HTML writer's environment
    from reportgen.runners.render import prepared_findings  # deferred: 105 ms; --help loads every command

    text = report_html(result.imported, out, files, result.unknown, result.differences, result.notes,
                       findings=prepared_findings(prepared), unplaced=result.unplaced)
    from reportgen.base.staging import write_output  # deferred: tempfile and the record, for --report only

    try:
        write_output(path, text.encode("utf-8"), "import")
    except OSError as exc:
        raise Failure(f"不能写出 {path}：{reason(exc)}") from exc


def _lines_of(files: list[Path]) -> list[list[Line]]:
    """The printed lines of each file that reads (a file that does not is the import's to tell, not this)."""
    from reportgen.base.errors import SourceError  # deferred: with the review, for a document's import only
    from reportgen.readers.grid import ImportRefused  # deferred: likewise
    from reportgen.readers.published import read_published  # deferred: likewise

    out = []
    for path in (path for path in files if path.is_file()):
        try:
            out.append(read_published(path).lines)
        except (SourceError, ImportRefused):
            continue
    return out


def _compare_narratives(prepared: Prepared, source: Path, imported: ImportResult,
                        read: dict[Path, Published] | None = None, beside: list[Path] | None = None) -> int:
    """Each document's own narrative figures against its tables, as `check --against` does — with the
    tables' own slips and printed step, as `review` judges them; ``read``: documents already read (one
    disclosure of several a file holds: its pages alone); ``beside``: the other files imported with them (a
    说明's 报表), whose tables' printed amounts are the judge's as a document's own are."""
    from reportgen.base.errors import SourceError  # deferred: with the review below, for a document's import only
    from reportgen.readers.published import draft_lines, read_published  # deferred: with the review below, likewise
    from reportgen.readers.unreadable import Unreadable  # deferred: likewise
    from reportgen.review import review_prepared  # deferred: 140 ms; only a document's import needs it
    from reportgen.review.documents import narrative_options  # deferred: likewise
    from reportgen.review.scanned import not_judged_beside_unread, told_on_scans  # deferred: likewise

    count, others = 0, _lines_of(beside or [])
    for document in imported.documents:
        try:
            published = read[document] if read and document in read else read_published(document)
            lines = draft_lines(published)
        except (SourceError, Unreadable):
            continue
        # judged as review judges it (its units' tables and names; no figure the text itself gave measuring that
        # text: 广州市民政局 2026's 机关运行经费 against its own “下降1.26%”)
        result, _problems = review_prepared(prepared, source, document, **narrative_options(imported, lines, others))
        if result is None:
            continue
        result.scanned = published.scanned  # a finding on a page read by OCR says so
        result.contradictions = told_on_scans(result.contradictions, lines, published.scanned, str(document))
        if published.scanned:
            not_judged_beside_unread(result.verdicts, lines)
        for finding in result.findings():
            if finding.severity == "error":
                print(finding.format())
                count += 1
    return count


def _counts(result: ImportResult) -> str:
    from reportgen.importing.emit import walk  # deferred: loaded with the pipeline above

    imported = result.imported
    return f"读取 {len(walk(imported.tree))} 项，来自 {len(imported.tables)} 张表"


def _default_name(department: str, year: int | None) -> Path:
    base = f"{department or '导入'}-{year}.yaml" if year else f"{department or '导入'}.yaml"
    return Path(re.sub(r"[\\/\x00-\x1f]", "_", base).lstrip("."))
