"""`reportgen diff OLD NEW`: what changed between last year's draft and this year's.

Arguments and printing only; reading and writing are diffing.py's (render.prepare or the DOCX
reader; the diff writers), comparing is diff/'s.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.base.errors import one_line
from reportgen.base.oserrors import reason
from reportgen.commands import arguments
from reportgen.commands.base import Failure, UsageError

if TYPE_CHECKING:
    from reportgen.diff.model import DocumentDiff
    from reportgen.docmodel.document import Document

EXAMPLE = """示例：
  reportgen diff data/shenzhen-yantian-zgh-2021.yaml data/shenzhen-yantian-zgh-2022.yaml
  reportgen diff 2021年公开文本.docx data/shenzhen-yantian-zgh-2022.yaml -o out/diff.html -o out/diff.docx
  reportgen diff OLD.yaml NEW.docx --format json"""
INPUT_SUFFIXES = (".yaml", ".yml", ".docx", ".doc", ".wps", ".rtf")  # the last three read as LibreOffice converts them
OUTPUT_SUFFIXES = (".html", ".htm", ".docx", ".json", ".pdf")
KEPT = "所有输出文件都保持原样"  # the outputs are replaced together or not at all


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "diff", help="对比两年的草稿：数字、表格、文字",
        description="对比上年与本年的部门预算公开文本：变化的数字（旧值、新值、差额、增减幅度）、表格单元格、"
                    "逐字对比的句子。OLD、NEW 可以是 YAML 源文件（先生成文本再对比），也可以是 DOCX 文档"
                    "（reportgen 生成的，或手工修改过的任何公开文本）。年份顺延（如 2021年→2022年）只在摘要中"
                    "说明一次。有无差异退出码都是 0；输入有误时为 1。",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("old", type=Path, metavar="OLD", help="上年：YAML 源文件或 DOCX 文档")
    parser.add_argument("new", type=Path, metavar="NEW", help="本年：YAML 源文件或 DOCX 文档")
    parser.add_argument("-o", "--out", type=Path, action="append", default=[], metavar="FILE",
                        help="写出对照文件，按后缀区分：.html 修订对照网页，.docx 带修订（接受/拒绝）的 Word 文档，"
                             ".pdf 该文档由 LibreOffice 打印（修订以标记显示），.json 供程序读取；可多次给出")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="终端输出格式（默认 text）")
    parser.add_argument("--show-year-shift", action="store_true",
                        help="逐处标出年份顺延（如 2021年→2022年），而不是只在摘要中说明")
    parser.add_argument("--layout", metavar="版式",
                        help=f"YAML 源文件按此版式生成后再对比：{arguments.LAYOUT_NAMES}（reportgen layouts 列出），"
                             "或含 版式.yaml 的文件夹；优先于源文件的“版式”（DOCX 输入照原样读）")


def run(args: argparse.Namespace) -> int:
    """Check what is asked, read both inputs, compare, write every output together, and say so."""
    from reportgen.diff import diff_documents  # deferred: 55 ms; --help loads every command
    from reportgen.runners.diffing import refused_outputs  # deferred: 120 ms; --help loads every command

    refused = refused_outputs(args.old, args.new, args.out, args.layout)  # first: never a word of ours over an input
    if refused:
        for line in refused:
            print(line, file=sys.stderr)
        return 1
    _check_arguments(args)
    documents = [_loaded(path, args.layout) for path in (args.old, args.new)]
    old, new = documents
    if old is None or new is None:
        return 1
    result = diff_documents(old, new, old_name=str(args.old), new_name=str(args.new),
                            show_year_shift=args.show_year_shift)
    _write(result, args.out)
    _report(result, args)
    return 0


def _check_arguments(args: argparse.Namespace) -> None:
    """The inputs and outputs are of kinds diff reads and writes; SOURCE_DATE_EPOCH is usable where
    an output is dated. UsageError or EnvironmentValueError otherwise, before any work."""
    for path in (args.old, args.new):
        if path.suffix.lower() not in INPUT_SUFFIXES:
            raise UsageError(f"不支持的输入 {path}：OLD、NEW 应为 .yaml/.yml 源文件或 Word 文档（.docx，或 .doc、.wps、.rtf）")
    for target in args.out:
        if target.suffix.lower() not in OUTPUT_SUFFIXES:
            raise UsageError(f"不支持的输出 {target}：-o 的文件名应以 .html、.docx、.pdf 或 .json 结尾")
    arguments.check_layout(args.layout)
    if any(target.suffix.lower() in (".docx", ".pdf") for target in args.out):  # dated by SOURCE_DATE_EPOCH
        from reportgen.writers.docx.package import source_date_epoch  # deferred: 36 ms; --help loads every command

        source_date_epoch()


def _loaded(path: Path, layout: str | None) -> Document | None:
    """One input as a Document, its errors (and a count of its warnings) printed; None when it has errors."""
    from reportgen.runners.diffing import load_input  # deferred: 120 ms; --help loads every command

    document, findings = load_input(path, layout)
    errors = [f for f in findings if f.severity == "error"]
    for finding in errors:
        print(finding.format(), file=sys.stderr)
    if document is None:
        print(f"{one_line(str(path))}: 有 {len(errors)} 个错误，无法对比", file=sys.stderr)
    elif len(findings) > len(errors):
        print(f"{one_line(str(path))}: 有 {len(findings) - len(errors)} 个警告（reportgen check {one_line(str(path))} 可查看）", file=sys.stderr)
    return document


def _write(result: DocumentDiff, targets: list[Path]) -> None:
    """Every output, written together (all or none)."""
    from reportgen.base.errors import PdfUnavailable  # deferred: 13 ms; `diff --help` needs none of it
    from reportgen.base.staging import (  # deferred: tempfile and the record; `diff --help` needs neither
        replace_together,
    )
    from reportgen.runners.diffing import output_bytes  # deferred: 120 ms; --help loads every command

    try:
        replace_together([(target, output_bytes(result, target)) for target in targets], "diff")
    except PdfUnavailable as exc:  # worded by commands/base.py; what it means here added
        exc.add_note(KEPT)
        raise
    except OSError as exc:
        raise Failure(f"无法写入 {_failed_output(exc.filename, targets)}：{reason(exc)}；{KEPT}") from exc


def _failed_output(filename: object, targets: list[Path]) -> object:
    """The output a write failed for: the one named, or the one in the folder of the staging name it failed on
    (the user asked for diff.html, not for .reportgen-123-abcdefgh)."""
    if filename:
        failed = Path(str(filename))
        return next((t for t in targets if t == failed), None) or next(
            (t for t in targets if t.parent == failed.parent), filename)
    return targets[0] if targets else ""


def _report(result: DocumentDiff, args: argparse.Namespace) -> None:
    """The summary (or JSON) on stdout; a reader that closes the pipe early ends it quietly."""
    from reportgen.diff import as_json, summary_text  # deferred: 55 ms; --help loads every command

    try:
        if args.format == "json":
            import json  # deferred: 1.5 ms; --help loads every command

            print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        else:
            print(summary_text(result))
            for target in args.out:
                print(f"已生成 {one_line(str(target))}")
        sys.stdout.flush()
    except BrokenPipeError:  # `reportgen diff … | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
