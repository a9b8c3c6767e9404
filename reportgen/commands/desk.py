"""`reportgen desk init|adduser|serve|worker DATA`: the reviewer's desk as a web application
(reportgen/desk/): a data folder made, a reviewer's account added, the desk served with its worker
processes, or one worker run. Argument parsing and printing only."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import timedelta
from pathlib import Path

from reportgen.commands.base import UsageError

EXAMPLE = ("示例：reportgen desk init 审核台\n"
           "      reportgen desk adduser 审核台 张三\n"
           "      reportgen desk serve 审核台 --port 8055 --workers 2")
DEFAULT_PORT = 8055
MIN_PASSWORD = 10


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "desk", help="审核台：各部门通过链接报送，财政局在网页上审核、退回、通过，名单与检查表随时可看",
        description="审核台是一个在本机运行的网页应用：审核人员登录后导入名单，每个部门与单位得到自己的报送链接；"
                    "报来的 PDF、Word 文档或工作簿由后台审核进程用 reportgen review 的同一套规则审核；审核人员逐条确认"
                    "或驳回问题，退回并附整改通知，部门改正后重新报送。数据默认存放在数据文件夹的 SQLite 中。",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = parser.add_subparsers(dest="action", required=True, metavar="操作")
    init = actions.add_parser("init", help="建立数据文件夹（数据库、文件存放处、密钥）")
    adduser = actions.add_parser("adduser", help="添加审核人员账号（密码从标准输入或提示读取）")
    serve = actions.add_parser("serve", help="启动审核台网页与审核进程")
    serve.add_argument("--host", default="127.0.0.1", help="监听的地址（默认只在本机：127.0.0.1）")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"端口（默认 {DEFAULT_PORT}）")
    serve.add_argument("--workers", type=int, default=None, metavar="N",
                       help="审核进程数（默认按本机：每个处理器一个，每个约需 400 MB 内存）")
    serve.add_argument("--name", action="append", default=[], metavar="名称",
                       help="各部门与审核人员访问审核台所用的主机名或地址（如 desk.example.gov.cn），或网址（如经代理的 "
                            "https://desk.example.gov.cn）；可多次给出，报送链接用第一个。审核台只接受这些名称与本机的请求"
                            "（默认：--host 的地址；--host 0.0.0.0 时为本机的主机名）")
    worker = actions.add_parser("worker", help="运行一个审核进程（serve 会自动启动）")
    worker.add_argument("--once", action="store_true", help="审核完排队的文件即退出")
    worker.add_argument("--server", type=int, metavar="进程号",
                        help="启动它的 serve 进程：该进程不在了（如被杀死）即在审完手头的文件后退出（serve 自动给出）")
    for action in (init, adduser, serve, worker):
        action.add_argument("data", type=Path, metavar="数据文件夹")
        if action is adduser:
            action.add_argument("name", metavar="用户名")
        action.add_argument("--database", metavar="URL", help="PostgreSQL 数据库（postgresql://用户:密码@主机:端口/库名）；"
                            "init 时给出的记在数据文件夹中（仅本人可读），以后的命令不用再给；"
                            "默认为数据文件夹中的 SQLite")
    for action in (serve, worker):
        action.add_argument("--lease", type=float, default=60.0, metavar="秒",
                            help="审核进程领取一份文件的租期：进程中断后，过期即由其他进程重新审核（默认 60 秒）")


def run(args: argparse.Namespace) -> int:
    from reportgen.desk import settings  # deferred: the desk (Django) only for this command

    if args.action == "init":
        return _init(args, settings)
    site = settings.site_of(args.host, args.port, args.name) if args.action == "serve" else None
    settings.configure(args.data, args.database, site=site)
    if args.action == "adduser":
        return _adduser(args)
    if args.lease <= 0:
        raise UsageError(f"--lease {args.lease}：应为正数（秒）")
    if args.action == "worker":
        return _worker(args)
    return _serve(args)


def _init(args: argparse.Namespace, settings: object) -> int:
    if args.data.exists() and not args.data.is_dir():
        raise UsageError(f"{args.data} 是文件：应为数据文件夹")
    if args.database:  # kept for serve, worker and adduser, which need not be given it again
        settings.record_database(args.data, args.database)  # type: ignore[attr-defined]
    settings.make_secret(args.data)  # type: ignore[attr-defined]
    settings.configure(args.data, args.database)  # type: ignore[attr-defined]
    from reportgen.desk.server import migrate  # deferred: Django's migrations, once configured

    migrate()
    print(f"审核台的数据文件夹：{args.data}；下一步：reportgen desk adduser {args.data} 用户名")
    return 0


def _adduser(args: argparse.Namespace) -> int:
    from django.contrib.auth.models import User  # deferred: Django, once configured

    if User.objects.filter(username=args.name).exists():
        raise UsageError(f"已有名为“{args.name}”的审核人员")
    password = _password()
    User.objects.create_user(args.name, password=password)
    print(f"已添加审核人员：{args.name}")
    return 0


def _password() -> str:
    if sys.stdin.isatty():
        password = getpass.getpass("密码：")
        if getpass.getpass("再输入一次：") != password:
            raise UsageError("两次输入的密码不同，未添加")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"密码至少 {MIN_PASSWORD} 个字符，未添加")
    return password


def _worker(args: argparse.Namespace) -> int:
    from reportgen.desk.queue import worker  # deferred: the review, in a worker only

    worker.run(args.data, timedelta(seconds=args.lease), poll=1.0, once=args.once, server=args.server)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from reportgen.desk import server  # deferred: the server, for serve only
    from reportgen.desk.settings import MAX_UPLOAD_BYTES  # deferred: with the server

    if args.workers is not None and args.workers < 0:
        raise UsageError(f"--workers {args.workers}：应为 0 或更大的整数")
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}：应为 1–65535")
    server.migrate()
    from reportgen.desk.queue.jobs import worker_count  # deferred: the desk's tables, once Django is configured

    count = worker_count() if args.workers is None else args.workers
    workers = server.Workers(server.worker_command(args.data, args.database, args.lease), count)
    from django.conf import settings  # deferred: Django, once configured

    print(f"审核台：http://{args.host}:{args.port}/，报送链接用 {settings.DESK_ADDRESS}/，审核进程 {count} 个（Ctrl-C 停止）",
          file=sys.stderr)
    server.serve(args.host, args.port, workers, MAX_UPLOAD_BYTES + 1024 * 1024)
    return 0
