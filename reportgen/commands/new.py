"""`reportgen new --department NAME --year Y -o FILE`: a commented skeleton for a new department.

Argument parsing and printing only; the skeleton is templates/source/new.yaml.j2.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

from reportgen.base.errors import one_line
from reportgen.commands import arguments
from reportgen.commands.arguments import refuse_outputs
from reportgen.commands.base import UsageError
from reportgen.reading.outputs import Output

EXAMPLE = ("示例：reportgen new --department 某某市总工会 --year 2025 -o data/某某市总工会-2025.yaml\n"
           "      reportgen new --department 某某市总工会 --year 2024 --kind 决算   # 2024 年度部门决算的框架")
LEVELS = ("中央", "省级", "市级", "区级", "县级", "乡镇级")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``new`` parser to the command line's subparsers."""
    parser = subparsers.add_parser(
        "new", help="为新部门生成带注释的源文件框架",
        description="生成一个带注释的源文件框架：各节齐全，数字与文字处写“待填写”，填写后即可检查与生成。从不覆盖已有文件。",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--department", required=True, metavar="NAME", help="部门全称，如 深圳市盐田区总工会")
    parser.add_argument("--year", type=arguments.year, required=True, metavar="Y", help="预算年度（决算：决算的年度）")
    parser.add_argument("--kind", choices=("预算", "决算"), default="预算",
                        help="源文件的种类：预算（默认，部门预算）或 决算（部门决算：各项决算数、预算数、结转和结余等）")
    parser.add_argument("--level", choices=LEVELS, default="市级", help="财政级次（默认 市级）")
    parser.add_argument("--unit", choices=("元", "万元"), default="万元", help="源文件中金额的单位（默认 万元）")
    parser.add_argument("-o", "--out", type=Path, metavar="FILE", help="输出文件（默认 <部门>-<年度>.yaml；决算为 <部门>-决算-<年度>.yaml）")


def run(args: argparse.Namespace) -> int:
    from reportgen.runners.rollover import (  # deferred: 90 ms; --help loads every command
        skeleton,
        verify_new,
        write_new,
    )

    department = args.department.strip()
    if any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in department):
        raise UsageError("部门名称中有控制字符或换行，请只写部门全称")
    if len(department) < 2:
        raise UsageError("部门名称至少两个字")
    # The default name comes from the department: never a path (a "/" or ".." in it), never hidden.
    name = f"{department}-决算-{args.year}.yaml" if args.kind == "决算" else f"{department}-{args.year}.yaml"
    out = args.out or Path(re.sub(r"[\\/\x00-\x1f]", "_", name).lstrip("."))
    text = skeleton(department, args.year, args.level, args.unit, args.kind)
    verify_new({out: text})  # RolloverError: told by commands/base.py
    refuse_outputs([Output(out, "-o" if args.out else "新源文件", "never")], [])
    write_new({out: text})
    print(f"已生成 {one_line(str(out))}：请把其中的“待填写”逐项填入，然后运行 reportgen check {one_line(str(out))}")
    return 0
