"""`reportgen check SOURCE…`: schema and consistency findings, as text or JSON; exit 1 on an error."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.base.errors import Finding
from reportgen.base.oserrors import reason
from reportgen.commands import arguments
from reportgen.commands.arguments import refuse_outputs
from reportgen.commands.base import Failure, UsageError
from reportgen.reading.files import overwritten_inputs
from reportgen.reading.outputs import Output

if TYPE_CHECKING:
    from reportgen.review import Review


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` parser to the command line's subparsers."""
    check = subparsers.add_parser("check", help="检查格式与勾稽关系", description="检查源文件的格式与勾稽关系；有错误时退出码为 1。",
                           epilog="示例：reportgen check data/*.yaml")
    check.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（json 供程序读取）")
    check.add_argument("--strict", action="store_true", help="把警告也当作错误")
    check.add_argument("--reason-threshold", type=arguments.percent, default=None, metavar="百分比",
                       help="变动超过此百分比而未写原因时给出警告（默认 10）")
    check.add_argument("--against", type=Path, metavar="DRAFT",
                       help="核对草稿（.txt、.docx、.html、.pdf）中写出的每个数字是否与源文件一致；只能给一个源文件")
    check.add_argument("--report", type=Path, metavar="FILE.html", help="与 --against 一起：写出逐行标注的核对页面")


def run(args: argparse.Namespace) -> int:
    from reportgen.runners.render import check_findings  # deferred: 105 ms; --help loads every command

    if args.against is not None or args.report is not None:
        return _against(args)
    report = []
    any_error = False
    for source in args.sources:
        findings = check_findings(source, args.reason_threshold)
        if args.strict:
            findings = [Finding("error", f.rule, f.message, f.file, f.line, f.column, f.path) for f in findings]
        any_error = any_error or any(f.severity == "error" for f in findings)
        report.append((source, findings))
    _print_report(report, args.format)
    return 1 if any_error else 0


def _print_report(report: list[tuple[Path, list[Finding]]], form: str) -> None:
    """Each source's findings, as JSON or as lines with a count per source."""
    if form == "json":
        import json  # deferred: 1.5 ms; --help loads every command

        print(json.dumps([{"source": str(s), "findings": [f.as_dict() for f in fs]} for s, fs in report],
                         ensure_ascii=False, indent=2))
        return
    for source, findings in report:
        errors = sum(1 for f in findings if f.severity == "error")
        print(f"== {source}")
        for finding in findings:
            print(finding.format())
        parts = parts_to_fill(findings)
        if parts:
            print(_to_fill_line(source, parts))
        print(f"{source}: {errors} 个错误，{len(findings) - errors} 个警告")


PLACEHOLDER_RULES = ("待填写", "金额待填写")


def parts_to_fill(findings: list[Finding]) -> dict[str, Counter[str]]:
    """The 待填写 left, by the part of the source they stand in (收入, 支出, 三公经费, …) and, within it, the
    section (功能分类, 经济分类, 项目, …): what a rolled-over source still asks for, all at once."""
    parts: dict[str, Counter[str]] = {}
    for finding in findings:
        if finding.rule not in PLACEHOLDER_RULES or not finding.path:
            continue
        names = [name.split("[", 1)[0] for name in finding.path.split(".")]
        parts.setdefault(names[0], Counter())[names[1] if len(names) > 2 else ""] += 1
    return parts


def _to_fill_line(source: Path, parts: dict[str, Counter[str]]) -> str:
    """One line naming every part still to fill, in the source's own section names."""
    def part(name: str, sections: Counter[str]) -> str:
        inner = "、".join(f"{section} {count} 处" for section, count in sections.items() if section)
        return f"{name} {sum(sections.values())} 处" + (f"（{inner}）" if inner else "")

    total = sum(sum(sections.values()) for sections in parts.values())
    return f"{source}: 还需填写 {total} 处新一年的数——" + "；".join(part(n, s) for n, s in parts.items())


def _against(args: argparse.Namespace) -> int:
    """`check SOURCE --against DRAFT`: the draft's figures against the source's."""
    from reportgen.review import report_html, review  # deferred: 140 ms; --help loads every command

    if args.against is None or len(args.sources) != 1:
        raise UsageError("--against 需要一个源文件和一个草稿（--report 只能与 --against 一起用）")
    source, draft = args.sources[0], args.against
    _refuse_draft(source, draft)
    if args.report is not None:
        from reportgen.runners.render import files_read  # deferred: 105 ms; --help loads every command

        refuse_outputs([Output(args.report, "--report", "written")], [*files_read(source), draft])
    result, problems = review(source, draft)
    if result is None:
        for finding in problems:
            print(finding.format())
        print(f"{source}: 源文件或草稿有错误，未能核对", file=sys.stderr)
        return 1
    if args.report is not None:
        _write_report(args.report, report_html(result))
    _tell(result, source, draft, args.format == "json")
    return 1 if result.disagreements() or result.contradictions else 0


def _write_report(report: Path, html: str) -> None:
    """--report: the review's page written (Failure where it cannot be)."""
    from reportgen.base.staging import write_output  # deferred: tempfile and the record, for --report only

    try:
        write_output(report, html.encode("utf-8"), "check")
    except OSError as exc:
        raise Failure(f"不能写出 {report}：{reason(exc)}") from exc


def _tell(result: Review, source: Path, draft: Path, as_json: bool) -> None:
    """The review printed: as JSON (--format json), else as lines for the terminal."""
    if as_json:
        import json  # deferred: 1.5 ms; --help loads every command

        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_review(result, source, draft)


def _refuse_draft(source: Path, draft: Path) -> None:
    """A draft is a document to read (PDF, Word, HTML, text), never the source itself or a YAML file:
    a YAML line holds its own figures, so every one would be 'read' and judged against itself."""
    if overwritten_inputs([draft], [source]):
        raise UsageError(f"--against {draft} 就是源文件 {source}：应给部门报来的草稿（.txt、.docx、.html、.pdf）")
    from reportgen.importing.pipeline import is_source  # deferred: the importer; only --against needs it

    if draft.suffix.lower() in (".yaml", ".yml") or draft.suffix.lower() in ("", ".txt") and is_source(draft):
        raise UsageError(f"--against {draft} 是 YAML 文件，不是草稿：应给 .txt、.docx、.html 或 .pdf；"
                         "两个源文件之间的比较请用 reportgen diff")


def _print_review(result: Review, source: Path, draft: Path) -> None:
    """A review as lines: each finding, the figures it could not judge, and the counts."""
    counts = result.counts
    print(f"== {draft}（对照 {source}）")
    for finding in result.findings():
        print(finding.format())
    unknown = result.unknown()
    if unknown:
        print(f"-- 未能核对的 {len(unknown)} 个数字（请人工查看）：")
        for verdict in unknown:
            st = verdict.statement
            print(f"{draft}:{st.line}: {st.text if st.kind != 'cell' else f'{st.label} {st.value}'}"
                  + (f"（{verdict.cause}）" if verdict.cause else ""))
    print(f"{draft}: 读到 {counts['read']} 个数字，对上 {counts['matched']} 个：一致 {counts['agree']} 个，"
          f"不一致 {counts['disagree']} 个；未能核对 {counts['unknown']} 个")
