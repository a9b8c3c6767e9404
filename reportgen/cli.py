"""Command line: argument parsing and printing only; the work is in render.py and friends."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import signal
import sys
import traceback
from pathlib import Path

from reportgen import arguments
from reportgen.errors import Finding

EXAMPLE = "示例：reportgen render data/shenzhen-yantian-zgh-2022.yaml -o out/"


def _parser(plugins: bool = True) -> argparse.ArgumentParser:
    """The command line; ``plugins=False`` leaves out the commands in cmd_*.py modules (importing
    them, with the preview server and the diff, cost a render of a small source a tenth of its time)."""
    parser = arguments.ArgumentParser(
        prog="reportgen",
        description="由 YAML 预算源文件生成部门预算公开文本（DOCX 与 HTML）。",
        epilog=EXAMPLE,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    render = sub.add_parser("render", help="生成 DOCX 与 HTML",
                            description="把每个源文件生成 DIR/<名称>.docx 与 .html。给出多个源文件时并行生成，"
                                        "显示进度，最后列出汇总表，并在 DIR/index.html 中链接全部输出及其检查结果。",
                            epilog=EXAMPLE + "\n      reportgen render 'data/**/*.yaml' -o out/ -j 2",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    render.add_argument("sources", nargs="+", type=Path, metavar="SOURCE",
                        help="YAML 预算源文件；可以是通配符（如 'data/*.yaml'，** 匹配多层文件夹）")
    render.add_argument("-j", "--jobs", type=arguments.jobs, default=None, metavar="N",
                        help="同时生成的进程数（默认为 CPU 核数）")
    render.add_argument("--no-index", action="store_true", help="多个源文件时不写 DIR/index.html")
    render.add_argument("-o", "--out", type=Path, default=Path("out"), metavar="DIR", help="输出文件夹（默认 out/）")
    render.add_argument("--format", default="docx,html", help="输出格式，逗号分隔：docx,html（默认两者）")
    render.add_argument("--templates", type=Path, action="append", metavar="DIR",
                        help="自定义模板文件夹：同名模板覆盖默认模板（可多次给出）")
    render.add_argument("--draft", action="store_true", help="有错误时仍生成，并在文首标注“草稿”与未解决的问题")

    check = sub.add_parser("check", help="检查格式与勾稽关系", description="检查源文件的格式与勾稽关系；有错误时退出码为 1。",
                           epilog="示例：reportgen check data/*.yaml")
    check.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（json 供程序读取）")
    check.add_argument("--strict", action="store_true", help="把警告也当作错误")
    check.add_argument("--reason-threshold", type=arguments.percent, default=None, metavar="百分比",
                       help="变动超过此百分比而未写原因时给出警告（默认 10）")

    sub.add_parser("schema", help="输出源文件格式的 JSON Schema", description="输出源文件格式的 JSON Schema，供编辑器补全与校验。",
                   epilog="示例：reportgen schema > source.schema.json")
    for module in _plugin_modules() if plugins else []:
        module.register(sub)
    return parser


# Commands living in their own modules (reportgen/cmd_<name>.py): each has
# register(subparsers) adding its parser, and run(args) -> int.
PLUGIN_COMMANDS: tuple[str, ...] = ("preview", "diff", "rollover", "new")


def _plugin_modules() -> list:  # type: ignore[type-arg]
    return [importlib.import_module(f"reportgen.cmd_{name}") for name in PLUGIN_COMMANDS]


def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        print(finding.format(), file=sys.stderr)


def cmd_render(args: argparse.Namespace) -> int:
    from reportgen.batch import run

    return run(args)


def cmd_check(args: argparse.Namespace) -> int:
    from reportgen.render import prepare

    report = []
    any_error = False
    for source in args.sources:
        findings = prepare(source, args.reason_threshold).findings
        if args.strict:
            findings = [Finding("error", f.rule, f.message, f.file, f.line, f.column, f.path) for f in findings]
        any_error = any_error or any(f.severity == "error" for f in findings)
        report.append((source, findings))
    if args.format == "json":
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


def cmd_schema(args: argparse.Namespace) -> int:
    from reportgen.schema import schema_json

    print(schema_json())
    return 0


class Terminated(KeyboardInterrupt):
    """SIGTERM (what `timeout`, CI and service managers send), raised where the process is, so
    that it unwinds like Ctrl-C: staging folders removed, no output half in place."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def handle_sigterm() -> None:
    """Make SIGTERM unwind this process like Ctrl-C (main thread only; elsewhere a no-op)."""
    with contextlib.suppress(ValueError):  # not the main thread: the host program's business
        signal.signal(signal.SIGTERM, _on_sigterm)


def main(argv: list[str] | None = None) -> int:
    handle_sigterm()
    handlers = {"render": cmd_render, "check": cmd_check, "schema": cmd_schema}
    words = sys.argv[1:] if argv is None else argv
    args = _parser(plugins=not words or words[0] not in handlers).parse_args(argv)
    if args.command not in handlers:
        handlers[args.command] = importlib.import_module(f"reportgen.cmd_{args.command}").run
    handler = handlers[args.command]
    try:
        return handler(args)
    except Terminated:
        print("reportgen: 已终止（SIGTERM），未完成的输出已清除", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("reportgen: 已中断，未完成的输出已清除", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: never a traceback for a user
        if os.environ.get("REPORTGEN_DEBUG"):
            traceback.print_exc()
        print(f"reportgen: 内部错误（{type(exc).__name__}: {exc}）。请把源文件与此信息报告给开发者；"
              "设置 REPORTGEN_DEBUG=1 可查看详细信息。", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
