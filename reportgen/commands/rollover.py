"""`reportgen rollover SOURCE --year Y`: next year's source from this year's.

Argument parsing and printing only; the work is in rollover.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reportgen.commands import arguments

EXAMPLE = ("示例：reportgen rollover data/shenzhen-yantian-zgh-2022.yaml --year 2023\n"
           "      写出 data/shenzhen-yantian-zgh-2023.yaml：2022 年的数字成为上年数，2023 年的数字标为“待填写”。")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``rollover`` parser to the command line's subparsers."""
    parser = subparsers.add_parser(
        "rollover", help="由本年源文件生成下一年度的源文件",
        description="由本年的源文件生成下一年度的源文件：本年的数字成为上年数，部门的文字保留，新一年的数字标为“待填写”"
                    "（填写前不能生成）。从不覆盖已有文件。",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, metavar="SOURCE", help="本年的 YAML 预算源文件")
    parser.add_argument("--year", type=arguments.year, metavar="Y", help="新源文件的年度（默认 源文件年度 + 1）")
    parser.add_argument("-o", "--out", type=Path, metavar="FILE",
                        help="新源文件的路径（默认与源文件同一文件夹，文件名中的年度换成新年度）")


def run(args: argparse.Namespace) -> int:
    from reportgen.rollover import rollover, verify_new, write_new  # deferred: 90 ms; --help loads every command

    result = rollover(args.source, args.year, args.out)  # RolloverError: told by commands/base.py
    verify_new(result.files, tuple(result.unit_files))
    written = write_new(result.files)
    for path in written:
        print(f"已生成 {path}")
    print("请把其中的“待填写”逐项填入新一年的数字，然后运行 reportgen check 核对。")
    return 0
