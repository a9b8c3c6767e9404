"""`reportgen review DOCUMENT|FOLDER... [-o DIR] [--layout NAME] [--format json]`: published or draft
documents reviewed without their sources — each one's tables reconciled, its 勾稽 checked and its
narrative judged against its own tables; with -o, a page per document and a summary page for the
bureau. Argument parsing and printing only; the work is reportgen/review/documents.py."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.base.errors import one_line
from reportgen.base.oserrors import reason
from reportgen.commands.arguments import refuse_outputs
from reportgen.commands.base import Failure, UsageError
from reportgen.reading.outputs import Output

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reportgen.base.staging import Staging
    from reportgen.importing.recognition.unread import Unread
    from reportgen.paperwork.batch import Done, Task
    from reportgen.paperwork.handback import Issued
    from reportgen.paperwork.register import Register
    from reportgen.paperwork.roster import Member
    from reportgen.review.documents import DocumentReview

EXAMPLE = ("示例：reportgen review 各部门报来的预算/ --layout 上海 -o out/审核\n"
           "      reportgen review 万里街道2025年部门预算.pdf")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``review`` parser to the command line's subparsers."""
    parser = subparsers.add_parser(
        "review", help="不用源文件审核公开文本：表内与表间勾稽、正文数字与表格是否一致",
        description="审核部门报来的公开文本（PDF、DOCX；旧版 Word 的 .doc、WPS 的 .wps 与 RTF 经 LibreOffice 转换后读取）或导出的工作簿，不需要源文件：读出它自己的表格，重算每个合计与"
                    "各表之间的勾稽关系，并把正文中的每个数字与这些表格核对。可给多个文件或一个文件夹；"
                    "-o 写出每份文件的核对页面与一份汇总页面。有问题的文件使退出码为 1。",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("documents", nargs="+", type=Path, metavar="DOCUMENT", help="公开文本、工作簿，或存放它们的文件夹")
    parser.add_argument("--layout", metavar="NAME", help="版式（如 上海）：用其表名、表码认表")
    parser.add_argument("-o", "--out", type=Path, metavar="DIR", help="写出核对页面的文件夹（index.html 为汇总）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（json 供程序读取）")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="同时审核的文件数（默认每个处理器核心一个；1 为逐个审核）")
    parser.add_argument("--roster", type=Path, metavar="名单", help="应公开的部门与单位名单（.xlsx/.xls/.ods/.csv：单位名称、类型、"
                        "主管部门、批复日期，可另有公开日期、年度）：报出谁已公开、谁没有找到、谁逾期（批复后 20 日）")
    parser.add_argument("--as-of", metavar="日期", help="名单的逾期按哪一天算（如 2025-03-01；默认北京时间的今天）：批复后 20 日"
                        "仍没有文件的部门与单位为逾期")
    parser.add_argument("--issuer", metavar="单位", help="整改通知的发文单位（如 某某区财政局）；不给则通知上留空待填")
    parser.add_argument("--date", metavar="日期", help="整改通知的日期（如 2025-03-01）；不给则通知上留空待填")
    parser.add_argument("--deadline", metavar="日期", help="整改期限（如 2025-03-15）；不给则通知上留空待填")


def run(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}：应为 1 或更大的整数（同时审核的文件数）")
    issued, as_of = _issued(args), _day(args.as_of, "--as-of")
    documents = _documents(args)
    members = _roster(args.roster) if args.roster is not None else None
    with _staged(args.out) as staging:
        done = _review_each(args, documents, staging, issued)
        listed = _register(members, done, as_of)
        _report(args, done, listed)
        if staging is not None:
            _move_in(staging, args.out, done, listed)
    return _exit_code(done, listed)


def _exit_code(done: list[Done], listed: Register | None) -> int:
    """0 where every document is clean and the register (with --roster) has no row missing or late; else 1."""
    behind = listed is not None and bool(listed.missing or listed.late)
    return 0 if all(d.clean for d in done) and not behind else 1


def _issued(args: argparse.Namespace) -> Issued | None:
    """Who sends the notices, when, and by when (--issuer, --date, --deadline); None when none is given."""
    if args.issuer is None and args.date is None and args.deadline is None:
        return None
    from reportgen.paperwork.handback import Issued  # deferred: the writers, only with pages

    issuer = " ".join((args.issuer or "").split())
    if args.issuer is not None and not issuer:
        raise UsageError("--issuer 是空的：应为发出整改通知的单位，如 某某区财政局")
    dated, deadline = _day(args.date, "--date"), _day(args.deadline, "--deadline")
    if dated is not None and deadline is not None and deadline < dated:
        raise UsageError(f"--deadline {deadline} 早于 --date {dated}：整改期限应在通知日期之后")
    return Issued(issuer, dated, deadline)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} {text[:40]}：应为日期，如 2025-03-01") from None


def _documents(args: argparse.Namespace) -> list[Path]:
    """The documents the command was given (folders walked, what was passed over told), its page
    outputs checked against its inputs; UsageError when there is nothing to review."""
    from reportgen.review.documents import DOCUMENT_SUFFIXES, documents_in  # deferred: the importer and the reviewer

    absent = [str(p) for p in args.documents if not os.path.lexists(p)]
    if absent:  # a mistyped name: said at once, and nothing written (no page, no notice for a file that is not)
        raise UsageError(f"没有这个文件或文件夹：{'、'.join(absent)}；未审核")
    documents, passed = documents_in(list(args.documents), args.out)
    for line in passed:
        print(f"提示 [审核] {line}", file=sys.stderr)
    if not documents:
        given = "、".join(str(p) for p in args.documents)
        raise UsageError(f"没有可审核的文件：{given} 中没有可读的 {'、'.join(DOCUMENT_SUFFIXES)} 文件")
    if args.out is not None:
        refuse_outputs(_page_outputs(args.out, documents), [*documents, *([args.roster] if args.roster else [])])
    return documents


def _review_each(args: argparse.Namespace, documents: list[Path], staging: Staging | None,
                 issued: Issued | None) -> list[Done]:
    """Each document reviewed (on every core), its text printed as it is done, with a progress line."""
    from reportgen.paperwork.batch import Progress, default_jobs, review_all  # deferred: the reviewer

    tasks = _tasks(args, documents, staging, issued)
    progress, done = Progress(len(tasks)), []
    for result in review_all(tasks, args.jobs or default_jobs()):
        progress.clear()
        if args.format != "json":
            print(result.text, end="", flush=True)
        for line in result.told:
            print(line, file=sys.stderr)
        progress.step("审核")
        done.append(_kept(result))
    progress.end()
    return done


def _tasks(args: argparse.Namespace, documents: list[Path], staging: Staging | None, issued: Issued | None) -> list[Task]:
    """Each document's review as a task: its place in the run, its layout, its pages' folder (with -o), how it is told
    (text, or JSON) and the files it may make one disclosure with."""
    from reportgen.paperwork.batch import Task  # deferred: the reviewer

    named = {identity for path in args.documents if not path.is_dir() for identity in [_same(path)]}
    return [Task(index, document, args.layout, staging.path if staging else None, _print,
                 _as_dict if args.format == "json" else None, _group(document, named), issued=issued)
            for index, document in enumerate(documents, start=1)]


def _group(document: Path, named: set[object]) -> str:
    """The files that may make one disclosure together: those named together, or one folder's."""
    return "" if _same(document) in named else f"{document.parent}"


def _same(path: Path) -> object:
    from reportgen.reading.files import identity  # deferred: with the documents

    return identity(path)


def _kept(result: Done) -> Done:
    """What the run keeps of a document once told: its JSON (when asked for) and its part of the summary."""
    result.text = ""
    return result


def _report(args: argparse.Namespace, done: list[Done], listed: Register | None) -> None:
    if args.format == "json":
        import json  # deferred: 1.5 ms; --help loads every command

        found = [d.json for d in done]
        print(json.dumps(found if listed is None else {"documents": found, "register": _register_dict(listed)},
                         ensure_ascii=False, indent=2))
        return
    if listed is not None:
        print(_register_text(listed, args.roster), end="")
    _print_tally(done, listed)


def _print_tally(done: list[Done], listed: Register | None) -> None:
    """The run's last line: the documents reviewed (each disclosure of a file of several one), flagged, clean and
    not reviewed, as the register tells a row's."""
    from reportgen.paperwork.tally import tally, verdict  # deferred: with the reviewer

    counted = tally(verdict(outcome, listed.entry_of(doc) if listed else None)
                    for d in done for outcome, doc in zip(d.outcomes or (d.outcome,), d.knowns or (d.known,), strict=True))
    unreviewed = f"，{counted.unreviewed} 份未能审核" if counted.unreviewed else ""
    print(f"审核 {counted.documents} 份文件：{counted.flagged} 份有问题，{counted.clean} 份未发现问题{unreviewed}")


@contextlib.contextmanager
def _staged(out: Path | None) -> Iterator[Staging | None]:
    """The run's staging folder inside ``out`` (None without -o): the documents' pages are written
    there as each is reviewed, and moved into place all together at the end, or none of them."""
    if out is None:
        yield None
        return
    from reportgen.base.staging import (  # deferred: pages only
        Staging,
        make_folders,
        remove_empty_folders,
        remove_stale_staging,
    )

    made: list[Path] = []
    staging = None
    try:
        made = make_folders(out)
        remove_stale_staging(out)
        staging = Staging(out)
        yield staging
    except OSError as exc:
        raise Failure(f"不能写出核对页面到 {out}：{reason(exc)}") from exc
    finally:
        if staging is not None:
            staging.remove()
            remove_empty_folders(made)


def _move_in(staging: Staging, out: Path, done: list[Done], listed: Register | None) -> None:
    from reportgen.paperwork.pages import summary_page_of  # deferred: the HTML writer's environment

    (staging.path / "index.html").write_bytes(summary_page_of([part for d in done for part in d.parts], listed).encode("utf-8"))
    names = ["index.html", *(name for d in done for name in d.files)]
    staging.move_in([(staging.path / name, out / name) for name in names], "review")
    print(f"核对页面：{out / 'index.html'}", file=sys.stderr)


def _roster(path: Path) -> list[Member]:
    from reportgen.paperwork.roster import RosterRefused, read_roster  # deferred: the importer's readers

    try:
        return read_roster(path)
    except RosterRefused as exc:
        raise UsageError(str(exc)) from None


def _today() -> date:
    from reportgen.paperwork.register import today  # deferred: with the roster's register, which it dates

    return today()


def _register(members: list[Member] | None, done: list[Done], as_of: date | None) -> Register | None:
    """The roster's rows with the documents reviewed (each disclosure of a file of several on its own), late as of
    --as-of or today; None without a roster."""
    if members is None:
        return None
    from reportgen.paperwork.register import register  # deferred: with the roster only

    return register(members, [k for d in done for k in d.knowns or (d.known,)], as_of or _today())


def _register_text(listed: Register, roster: Path) -> str:
    from reportgen.base.templating import environment  # deferred: with the roster only
    from reportgen.paperwork.register import DEADLINE_DAYS  # deferred: with the roster only

    return environment("text").get_template("review_register.txt.j2").render(
        register=listed, roster=str(roster), deadline=DEADLINE_DAYS)


def _register_dict(listed: Register) -> dict[str, object]:
    return {"rows": [{"单位名称": e.member.name, "类型": e.member.kind, "主管部门": e.member.parent,
                      "批复日期": e.member.approved.isoformat(),
                      "公开日期": e.member.published.isoformat() if e.member.published else None,
                      "place": e.member.place, "hidden": e.member.hidden, "documents": [str(d) for d in e.documents],
                      "late_days": e.late_days} for e in listed.entries],
            "unmatched": [str(k.document) for k in listed.unmatched],
            "ambiguous": [{"document": str(k.document), "rows": [m.place for m in rows]} for k, rows in listed.ambiguous]}


def _page_outputs(folder: Path, documents: list[Path]) -> list[Output]:
    """Every page ``-o`` may write, known before any work: the summary, each document's two, its
    annotated copy (where its bytes are a PDF's) and its hand-back."""
    from reportgen.paperwork.pages import (  # deferred: the HTML writer's environment
        annotated_name,
        handback_names,
        page_names,
    )

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"不能写入 {folder}（-o）：它是文件，应为存放核对页面的文件夹")
    names = ["index.html", *(name for index, document in enumerate(documents, start=1)
                             for name in (*page_names(document, index), annotated_name(document, index),
                                          *handback_names(document, index)) if name)]
    return [Output(folder / name, "-o", "written") for name in names]


def _print(result: DocumentReview) -> None:
    others = "、".join(one_line(str(path)) for path in result.files[1:])
    several = f"（一个文件中有 {len(result.parts)} 份公开文本，各作为一份审核）" if result.parts else ""
    print(f"== {one_line(str(result.document))}" + (f"（与 {others} 是同一份公开文本，作为一份审核）" if others else "") + several)
    for part in result.parts:  # each disclosure of the file, by its pages and its cover
        assert part.span is not None
        print(f"-- {one_line(str(result.document))} {part.span.named}（{part.outcome}）")
        _print_one(part)
    if not result.parts:
        _print_one(result)


def _print_one(result: DocumentReview) -> None:
    document = one_line(str(result.document))  # each line names it: a line break in the name stays in its line
    if result.refused:
        _print_refused(result, document)
        return
    assert result.imported is not None
    if result.final_tables:
        print(f"{document}：这是一份部门决算，读出 {result.final_tables} 张决算表，按决算的勾稽关系核对")
    follows = result.following  # what follows from another slip: marked, and not counted
    _print_tables(result, document, follows)
    _print_checks(result, document, follows)
    for finding in result.narrative.findings() if result.narrative else result.narrative_problems:
        print(finding.format())
    _print_cut(result)
    counts = result.counts
    print(f"{document}: 表内或表间不一致 {counts['tables']} 处，勾稽错误 {counts['errors']} 个，"
          f"正文与表格不一致 {counts['prose']} 处；正文读到 {counts['read']} 个数字，一致 {counts['agree']} 个，"
          f"未能核对 {counts['unknown']} 个")
    if result.unreviewed:  # most of what it prints was not read: not passed, whatever was found
        print(f"{document}: 未能审核：{result.unreviewed}")


def _print_checks(result: DocumentReview, document: str, follows: dict[str, str]) -> None:
    """What the checks of the source read tell: their findings (one following from another slip marked so), the codes
    not in the catalogue (not findings), and the hints (not counted)."""
    for finding in result.checks:
        print(finding.format() + (f"（由“{follows[finding.message]}”一处引起，不另计为问题）"
                                  if finding.message in follows else ""))
    if result.unverified:  # not findings: codes the built-in catalogue does not hold, for a person to look at
        print(f"{document}: 未收录的科目 {len(result.unverified)} 个（内置科目表没有，未核对，不算问题）："
              + "；".join(f.message.split("：")[0] for f in result.unverified))
    for hint in result.hints:  # what a rule asks only gradually, or a check its text says does not apply: not counted
        print(f"{hint.location()}: 提示 [{hint.rule}] {hint.message}")


def _print_refused(result: DocumentReview, document: str) -> None:
    """A document refused: why; a 部门决算's tables reconciled all the same, and its sentences' figures against each
    other; a text no table of which was read, its sentences judged against each other."""
    said = "未能审核：" if result.unreviewed else "错误 [审核] "
    print(f"{document}: {said}{result.refused}")
    for line in result.final:
        print(f"{document}: 错误 [表内不一致] {line}")
    for finding in result.final_text:
        print(finding.format())
    if result.narrative is not None:
        for finding in result.narrative.findings():
            print(finding.format())
    _print_cut(result)


def _print_tables(result: DocumentReview, document: str, follows: dict[str, str]) -> None:
    """What its tables' reading tells: their differences (one following from another marked so), what was read past
    and the tables' own 尾数误差, the figures printed that no field took, a table scanned that OCR gave no table of."""
    assert result.imported is not None
    tables = one_line(str(result.files[1])) if len(result.files) > 1 else document  # a disclosure's tables: its 报表 file
    for line in result.imported.differences:
        after = f"（由“{follows[line]}”一处引起，不另计为问题）" if line in follows else ""
        print(f"{tables}: 错误 [表内不一致] {line}{after}")
    for note in result.imported.notes:  # told, not counted
        print(f"{document}: 提示 [读取] {note}")
    for table, cells in _unread_by_table(result).items():  # not judged
        shown = "、".join(f"{u.where}“{u.text}”" for u in cells[:5]) + ("……" if len(cells) > 5 else "")
        print(f"{tables}: 提示 [未读取] {table}：{len(cells)} 个印出的数没有读取，未核对（{shown}）")
    if pages := result.scanned_tables_unread:  # not judged, said
        _print_scans_unread(result, document, pages)


def _print_scans_unread(result: DocumentReview, document: str, pages: list[int]) -> None:
    """The scanned pages OCR read no table of: their figures not read, with the tables not found that may be there."""
    on_scans = result.checklist.get("tables_on_scans")
    maybe = f"；没有读到的表（可能印在这里）：{'、'.join(map(str, on_scans))}" if isinstance(on_scans, list) and on_scans else ""
    print(f"{document}: 提示 [未读取] 第{'、'.join(map(str, pages))}页是扫描的表，文字识别没有读出它是哪张表，"
          f"其中的数没有读取，未核对{maybe}")


def _unread_by_table(result: DocumentReview) -> dict[str, list[Unread]]:
    grouped: dict[str, list[Unread]] = {}
    for cell in result.unread:
        grouped.setdefault(cell.table, []).append(cell)
    return grouped


def _print_cut(result: DocumentReview) -> None:
    """Figures cut rather than rounded: a 取舍 convention, told with both values and not counted."""
    for note in result.cut:
        print(f"{note.location()}: 提示 [{note.rule}] {note.message}")


def _as_dict(result: DocumentReview) -> dict[str, object]:
    if result.parts:  # a file of several disclosures: each as a document, by its pages
        return {"document": str(result.document), "outcome": result.outcome,
                "disclosures": [{"pages": [part.span.first, part.span.last], "named": part.span.named,
                                 **_as_dict(part)} for part in result.parts if part.span is not None]}
    return {"document": str(result.document), "files": [str(path) for path in result.files or [result.document]],
            "refused": result.refused, "outcome": result.outcome, "counts": result.counts,
            "tables": result.imported.differences if result.imported else result.final, **_told_as_dict(result)}


def _told_as_dict(result: DocumentReview) -> dict[str, object]:
    """What the review of one document tells beside its tables' differences: the checks' findings, the hints and
    notes, figures cut, cells unread, the text's findings and the narrative's judging."""
    return {"checks": [f.as_dict() for f in result.checks],
            "unverified": [f.as_dict() for f in result.unverified],
            # a note, not a finding: its rule's own severity is not the document's (never counted)
            "hints": [{**f.as_dict(), "severity": "note"} for f in result.hints],
            "notes": result.imported.notes if result.imported else [],
            "cut": [f.as_dict() for f in result.cut],
            "unread": [{"table": u.table, "where": u.where, "text": u.text} for u in result.unread],
            # a refused 决算's sentences against each other, or what its narrative could not be judged for
            "text": [f.as_dict() for f in (result.final_text if result.refused else result.narrative_problems)],
            "narrative": result.narrative.as_dict() if result.narrative else None}


