"""`reportgen render SOURCE…`: arguments only; the work is batch.run (one source or many)."""

from __future__ import annotations

import argparse
from pathlib import Path

from reportgen.commands import arguments
from reportgen.commands.base import UsageError, as_usage_error

EXAMPLE = "示例：reportgen render data/shenzhen-yantian-zgh-2022.yaml -o out/"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``render`` parser to the command line's subparsers."""
    render = subparsers.add_parser("render", help="生成 DOCX 与 HTML",
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
    render.add_argument("--format", default="docx,html", help="输出格式，逗号分隔：docx,html,pdf,xlsx（默认 docx,html；pdf 由 LibreOffice 打印 DOCX 而成；"
                        "xlsx 为各表格的 Excel 工作簿，每表一个工作表）")
    render.add_argument("--templates", type=Path, action="append", metavar="DIR",
                        help="自定义模板文件夹：同名模板覆盖默认模板（可多次给出）")
    render.add_argument("--layout", metavar="版式",
                        help=f"公开文本的版式：{arguments.LAYOUT_NAMES}（reportgen layouts 列出），或含 版式.yaml 的文件夹；"
                             "优先于源文件的“版式”")
    render.add_argument("--draft", action="store_true", help="有错误时仍生成，并在文首标注“草稿”与未解决的问题")


def run(args: argparse.Namespace) -> int:
    """The arguments checked before any work (a bad one writes nothing), then batch.run."""
    from reportgen.runners.batch import run as render_all  # deferred: 105 ms; --help loads every command
    from reportgen.runners.render import ALL_FORMATS  # deferred: 105 ms; --help loads every command

    formats = tuple(dict.fromkeys(f.strip() for f in args.format.split(",") if f.strip()))
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown or not formats:
        raise UsageError(f"不支持的格式 {','.join(unknown) or '（空）'}，可用：{','.join(ALL_FORMATS)}")
    if "pdf" in formats:
        from reportgen.writers.pdf import soffice  # deferred: 5 ms at start-up, needed only for PDF

        with as_usage_error():
            soffice()  # a render that cannot make its PDF writes nothing
    arguments.check_templates(args.templates)
    if {"docx", "pdf", "xlsx"} & set(formats):  # their dates: a bad SOURCE_DATE_EPOCH writes nothing
        from reportgen.writers.docx.package import source_date_epoch  # deferred: 2 ms at start-up, DOCX/PDF/XLSX only

        source_date_epoch()
    arguments.check_layout(args.layout)
    return render_all(args)
