"""`reportgen check SOURCE…`: schema and consistency findings, as text or JSON; exit 1 on an error."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reportgen.commands import arguments


def register(subparsers: Any) -> None:
    """Add the ``check`` parser to the command line's subparsers."""
    check = subparsers.add_parser("check", help="检查格式与勾稽关系", description="检查源文件的格式与勾稽关系；有错误时退出码为 1。",
                           epilog="示例：reportgen check data/*.yaml")
    check.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（json 供程序读取）")
    check.add_argument("--strict", action="store_true", help="把警告也当作错误")
    check.add_argument("--reason-threshold", type=arguments.percent, default=None, metavar="百分比",
                       help="变动超过此百分比而未写原因时给出警告（默认 10）")


def run(args: argparse.Namespace) -> int:
    from reportgen.errors import Finding
    from reportgen.render import check_findings

    report = []
    any_error = False
    for source in args.sources:
        findings = check_findings(source, args.reason_threshold)
        if args.strict:
            findings = [Finding("error", f.rule, f.message, f.file, f.line, f.column, f.path) for f in findings]
        any_error = any_error or any(f.severity == "error" for f in findings)
        report.append((source, findings))
    if args.format == "json":
        import json

        print(json.dumps([{"source": str(s), "findings": [f.as_dict() for f in fs]} for s, fs in report],
                         ensure_ascii=False, indent=2))
    else:
        for source, findings in report:
            errors = sum(1 for f in findings if f.severity == "error")
            print(f"== {source}")
            for finding in findings:
                print(finding.format())
            print(f"{source}: {errors} 个错误，{len(findings) - errors} 个警告")
    return 1 if any_error else 0
