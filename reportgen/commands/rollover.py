"""`reportgen rollover SOURCE --year Y`: next year's source from this year's; `--kind 决算`: the
same year's 部门决算 skeleton from its 部门预算.

Argument parsing and printing only; the work is in rollover.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reportgen.base.errors import one_line
from reportgen.commands import arguments
from reportgen.commands.arguments import refuse_outputs
from reportgen.commands.base import UsageError
from reportgen.reading.outputs import Output

EXAMPLE = ("示例：reportgen rollover data/shenzhen-yantian-zgh-2022.yaml --year 2023\n"
           "      写出 data/shenzhen-yantian-zgh-2023.yaml：2022 年的数字成为上年数，2023 年的数字标为“待填写”。\n"
           "      reportgen rollover data/shanghai-putuo-wenlvju-2026.yaml --kind 决算\n"
           "      写出 data/shanghai-putuo-wenlvju-juesuan-2026.yaml：2026 年度部门决算的框架，预算数作为年初预算，"
           "决算数标为“待填写”。")
KINDS = ("预算", "决算")  # 种类 of the source rollover writes


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``rollover`` parser to the command line's subparsers."""
    parser = subparsers.add_parser(
        "rollover", help="由本年源文件生成下一年度的源文件（或本年度的部门决算框架）",
        description="由本年的源文件生成下一年度的源文件：本年的数字成为上年数，部门的文字保留，新一年的数字标为“待填写”"
                    "（填写前不能生成）。--kind 决算 则由本年的部门预算生成同一年度的部门决算框架：预算数作为年初预算，"
                    "决算数标为“待填写”。从不覆盖已有文件。",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, metavar="SOURCE", help="本年的 YAML 预算源文件")
    parser.add_argument("--year", type=arguments.year, metavar="Y", help="新源文件的年度（默认 源文件年度 + 1）")
    parser.add_argument("--kind", choices=KINDS, default="预算",
                        help="新源文件的种类：预算（默认，下一年度的部门预算）或 决算（同一年度的部门决算：本年预算数作为"
                             "年初预算，决算数标为“待填写”）")
    parser.add_argument("-o", "--out", type=Path, metavar="FILE",
                        help="新源文件的路径（默认与源文件同一文件夹，文件名中的年度换成新年度；决算在年度前加 juesuan-）")


def run(args: argparse.Namespace) -> int:
    from reportgen.runners.rollover import final_accounts, rollover, verify_new, write_new  # deferred: 90 ms

    final = args.kind == "决算"
    if final and args.year is not None:
        raise UsageError("--kind 决算 生成源文件同一年度的部门决算，不用 --year")
    # RolloverError: told by commands/base.py
    result = final_accounts(args.source, args.out) if final else rollover(args.source, args.year, args.out)
    verify_new(result.files, tuple(result.unit_files))
    refuse_outputs([Output(path, "-o" if args.out else "新源文件", "never") for path in result.files], [args.source])
    written = write_new(result.files)
    for path in written:
        print(f"已生成 {one_line(str(path))}")
    if final:
        print("请把其中的“待填写”逐项填入本年的决算数，核对年初预算，然后运行 reportgen check 核对。")
    else:
        print("请把其中的“待填写”逐项填入新一年的数字，然后运行 reportgen check 核对。")
    return 0
