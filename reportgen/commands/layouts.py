"""`reportgen layouts`: the shipped layouts (版式), what each is based on and where its files are."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``layouts`` parser to the command line's subparsers."""
    subparsers.add_parser("layouts", help="列出可用的版式",
                          description="列出随 reportgen 提供的版式（源文件的“版式”或 render --layout 可用的名称）、"
                                      "各自基于的版式与文件夹。自己的版式：复制一个文件夹，改写 版式.yaml 与要改的模板，"
                                      "再以 --layout 文件夹 使用。",
                          epilog="示例：reportgen layouts\n      reportgen render data/shanghai-putuo-wenlvju-2026.yaml --layout 上海",
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def run(args: argparse.Namespace) -> int:
    from reportgen.layouts import editions_of, resolve, shipped  # deferred: 100 ms; --help loads every command

    for name, folder in shipped():
        layout = resolve(name)  # LayoutError: told by commands/base.py
        based = f"（基于 {layout.base}）" if layout.base else ""
        print(f"{name}{based}  {folder}")
        if layout.description:
            print(f"    {layout.description}")
        for when, description in editions_of(folder):  # chosen by the source's 类型 and 年度
            print(f"    版本（{when}）：{description}")
    return 0
