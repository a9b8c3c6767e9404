"""`reportgen preview SOURCE`: a local page that re-renders on every save and reloads itself.

Argument parsing and printing only; the server, watcher and renderer are in preview.py.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from reportgen.base.oserrors import reason
from reportgen.commands import arguments
from reportgen.commands.base import Failure, UsageError
from reportgen.reading.files import is_regular_file

if TYPE_CHECKING:
    from reportgen.runners.preview import Published

EXAMPLE = ("示例：reportgen preview data/shenzhen-yantian-zgh-2022.yaml --open\n"
           "      在编辑器中修改并保存源文件，浏览器中的页面会自动刷新。")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``preview`` parser to the command line's subparsers."""
    parser = subparsers.add_parser(
        "preview", help="实时预览：保存源文件后网页自动刷新",
        description="在本机（127.0.0.1）启动预览网页：保存源文件、它包含的单位文件、上年源文件或模板后自动重新生成并刷新页面；"
                    "源文件有错误时页面上列出问题，并保留上次成功生成的内容。按 Ctrl-C 停止。",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, metavar="SOURCE", help="YAML 预算源文件")
    parser.add_argument("--port", type=arguments.port, default=0, metavar="N", help="端口（默认自动选择一个空闲端口）")
    parser.add_argument("--open", action="store_true", help="启动后用默认浏览器打开预览页面")
    parser.add_argument("--templates", type=Path, action="append", metavar="DIR",
                        help="自定义模板文件夹：同名模板覆盖默认模板（可多次给出）")
    parser.add_argument("--layout", metavar="版式",
                        help=f"公开文本的版式：{arguments.LAYOUT_NAMES}（reportgen layouts 列出），或含 版式.yaml 的文件夹")


def _report(published: Published) -> None:
    """One line per render in the terminal; the findings as `reportgen check` prints them."""
    stamp = time.strftime("%H:%M:%S", time.localtime(published.checked_at))
    for finding in published.findings:
        print(finding.format(), file=sys.stderr)
    if published.broken:
        kept = "页面保留上次成功生成的内容" if published.good else "尚无可显示的内容"
        print(f"{stamp} 源文件有 {len(published.errors)} 个错误，{kept}", flush=True)
    elif published.good is not None:
        print(f"{stamp} 已生成（用时 {published.good.seconds:.2f} 秒）", flush=True)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C (exit 0); exit 1 when the port cannot be used, 2 for a bad argument."""
    from reportgen.runners.preview import PreviewServer  # deferred: 110 ms; --help loads every command
    if not is_regular_file(args.source):  # stat only: a named pipe is never opened here
        if os.path.exists(args.source):  # there, but a pipe, a device or a folder: say so
            raise UsageError(f"{args.source} 不是普通文件（命名管道、设备或文件夹），应为 YAML 预算源文件")
        raise UsageError(f"找不到源文件 {args.source}")
    arguments.check_templates(args.templates)
    arguments.check_layout(args.layout)
    try:
        server = PreviewServer(args.source, args.templates, args.port, on_render=_report, layout=args.layout)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise Failure(f"端口 {args.port} 已被占用；请换一个端口，或省略 --port 自动选择") from exc
        raise Failure(f"无法在端口 {args.port} 上启动预览：{reason(exc)}") from exc
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C

    def ready() -> None:  # the first render is done: the page is there to be opened
        print(f"预览地址：{server.url}", flush=True)
        print("保存源文件或模板后页面自动刷新；按 Ctrl-C 停止。", flush=True)
        if args.open:
            try:
                import webbrowser  # deferred: 11 ms at start-up, needed only for --open

                webbrowser.open(server.url)
            except Exception as exc:  # no browser here: the printed address is enough
                print(f"reportgen: 无法打开浏览器（{exc}），请手动访问 {server.url}", file=sys.stderr)

    try:
        server.serve_forever(ready)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        signal.signal(signal.SIGTERM, previous)
    print("预览已停止。", flush=True)
    return 0
