"""`reportgen layouts`: the shipped layouts (版式), what each is based on and where its files are."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``layouts`` parser to the command line's subparsers."""
    parser = subparsers.add_parser("layouts", help="列出可用的版式",
                          description="列出随 reportgen 提供的版式（源文件的“版式”或 render --layout 可用的名称）、"
                                      "各自基于的版式与文件夹。自己的版式：复制一个文件夹，改写 版式.yaml 与要改的模板，"
                                      "再以 --layout 文件夹 使用。",
                          epilog="示例：reportgen layouts\n      reportgen layouts 学到的版式/\n"
                                 "      reportgen render data/shanghai-putuo-wenlvju-2026.yaml --layout 上海",
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, metavar="DIR",
                        help="自己的版式文件夹（如 import --learn-layout 写出的）：与随附的版式一同列出，并同样检查")


def run(args: argparse.Namespace) -> int:
    from reportgen.shaping.layouts import editions_of, resolve, shipped  # deferred: 100 ms; --help loads every command

    for name, folder in [*shipped(), *((str(folder), folder) for folder in args.folders)]:
        layout = resolve(folder if name == str(folder) else name)  # LayoutError: told by commands/base.py
        based = f"（基于 {layout.base}）" if layout.base else ""
        print(f"{layout.name}{based}  {folder}")
        if layout.description:
            print(f"    {layout.description}")
        if layout.table_entries:  # 表格清单.表: the tables as a published document numbers and titles them
            print(f"    表格：{'、'.join(_entry_words(layout, e) for e in layout.table_entries)}")
        for when, description in editions_of(folder):  # chosen by the source's 类型 and 年度
            print(f"    版本（{when}）：{description}")
    return 0


def _entry_words(layout: object, entry: object) -> str:
    number = layout.table_numbering.label(entry.number) if entry.number else ""  # type: ignore[attr-defined]
    return f"{number} {entry.title or entry.kind}".strip()  # type: ignore[attr-defined]
