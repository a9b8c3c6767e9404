"""Every command goes through one base (reportgen/commands/base.py): what a command raises becomes
the same shape of message and the same exit code whichever command raised it — a usage error
“reportgen <命令>: 错误：…” exit 2, a failure the same words exit 1, reportgen's own exceptions
their message and their code, anything else 内部错误 exit 3 and never a traceback."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from reportgen.base.errors import EnvironmentValueError, PdfUnavailable
from reportgen.cli import main
from reportgen.commands import COMMANDS, command
from reportgen.commands.base import Failure, UsageError
from reportgen.runners.rollover import RolloverError
from reportgen.shaping.layouts import LayoutError

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = str(ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml")

# Arguments each command parses (what its run then does is the test's business).
ARGV = {
    "render": ["render", YANTIAN, "-o", "{tmp}/out", "--format", "html"],
    "check": ["check", YANTIAN],
    "schema": ["schema"],
    "diff": ["diff", YANTIAN, YANTIAN],
    "preview": ["preview", YANTIAN],
    "rollover": ["rollover", YANTIAN, "-o", "{tmp}/next.yaml"],
    "new": ["new", "--department", "某某市总工会", "--year", "2025", "-o", "{tmp}/new.yaml"],
    "layouts": ["layouts"],
    "import": ["import", str(ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"), "-o", "{tmp}/imported.yaml"],
    "review": ["review", str(ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx")],
    "desk": ["desk", "init", "{tmp}/desk"],
}

# Where each command's work starts: made to fail unexpectedly, its run must let it reach the base.
WORK = {
    "render": ("reportgen.runners.batch", "run"),
    "check": ("reportgen.runners.render", "check_findings"),
    "schema": ("reportgen.source.schema", "schema_json"),
    "diff": ("reportgen.runners.diffing", "load_input"),
    "preview": ("reportgen.runners.preview", "PreviewServer"),
    "rollover": ("reportgen.runners.rollover", "rollover"),
    "new": ("reportgen.runners.rollover", "skeleton"),
    "layouts": ("reportgen.shaping.layouts", "shipped"),
    "import": ("reportgen.importing.pipeline", "import_files"),
    "review": ("reportgen.review.documents", "review_files"),
    "desk": ("reportgen.desk.settings", "make_secret"),
}


def argv(name: str, tmp_path: Path) -> list[str]:
    return [word.replace("{tmp}", str(tmp_path)) for word in ARGV[name]]


def raising(exc: BaseException):  # type: ignore[no-untyped-def]
    def run(*args: object, **kwargs: object) -> int:
        raise exc

    return run


def test_every_command_is_covered():
    assert set(ARGV) == set(WORK) == set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize(("exc", "code"), [(UsageError("参数不可用"), 2), (Failure("无法完成"), 1)])
def test_usage_errors_and_failures_have_one_shape(name, exc, code, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(command(name), "run", raising(exc))
    assert main(argv(name, tmp_path)) == code
    captured = capsys.readouterr()
    assert captured.err == f"reportgen {name}: 错误：{exc.message}\n" and captured.out == ""


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize(("exc", "code", "err"), [
    (RolloverError("不会覆盖已有文件", ["a.yaml:3: 错误 [R-x] 某处不对"]), 1,
     "a.yaml:3: 错误 [R-x] 某处不对\nreportgen {name}: 错误：不会覆盖已有文件\n"),
    (LayoutError("版式文件夹 x 中没有 版式.yaml"), 1, "reportgen {name}: 错误：版式文件夹 x 中没有 版式.yaml\n"),
    (PdfUnavailable("生成 PDF 需要 LibreOffice"), 1, "reportgen {name}: 错误：生成 PDF 需要 LibreOffice\n"),
    (EnvironmentValueError("环境变量 SOURCE_DATE_EPOCH 应为数字"), 2,
     "reportgen {name}: 错误：环境变量 SOURCE_DATE_EPOCH 应为数字\n"),
], ids=["rollover", "layout", "pdf", "environment"])
def test_known_failures_are_told_by_the_base(name, exc, code, err, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(command(name), "run", raising(exc))
    assert main(argv(name, tmp_path)) == code
    assert capsys.readouterr().err == err.format(name=name)


@pytest.mark.parametrize("name", COMMANDS)
def test_an_unexpected_error_in_any_command_is_an_internal_error_without_traceback(name, tmp_path, capsys,
                                                                                     monkeypatch):
    monkeypatch.delenv("REPORTGEN_DEBUG", raising=False)
    module, attribute = WORK[name]
    monkeypatch.setattr(importlib.import_module(module), attribute, raising(RuntimeError("意外")))
    assert main(argv(name, tmp_path)) == 3
    err = capsys.readouterr().err
    assert "reportgen: 内部错误（RuntimeError: 意外）" in err and "REPORTGEN_DEBUG=1" in err
    assert "Traceback" not in err
    assert not [p for p in tmp_path.iterdir()], "nothing written"


def test_reportgen_debug_shows_the_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REPORTGEN_DEBUG", "1")
    monkeypatch.setattr(command("schema"), "run", raising(RuntimeError("意外")))
    assert main(["schema"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "内部错误（RuntimeError: 意外）" in err


@pytest.mark.parametrize("name", COMMANDS)
def test_ctrl_c_and_sigterm_in_any_command(name, tmp_path, capsys, monkeypatch):
    from reportgen.base.signals import Terminated

    monkeypatch.setattr(command(name), "run", raising(KeyboardInterrupt()))
    assert main(argv(name, tmp_path)) == 130
    assert capsys.readouterr().err == "reportgen: 已中断，未完成的输出已清除\n"
    monkeypatch.setattr(command(name), "run", raising(Terminated()))
    assert main(argv(name, tmp_path)) == 143
    assert capsys.readouterr().err == "reportgen: 已终止（SIGTERM），未完成的输出已清除\n"


# The commands' own usage errors, through their real run: the base's shape, exit 2, nothing written.
USAGE = [
    (["render", YANTIAN, "-o", "{tmp}/out", "--format", "rtf"], "不支持的格式 rtf，可用：docx,html,pdf,xlsx"),
    (["render", YANTIAN, "-o", "{tmp}/out", "--templates", "{tmp}/无"], "模板文件夹 {tmp}/无 不存在"),
    (["render", YANTIAN, "-o", "{tmp}/out", "--layout", "火星"], "没有名为“火星”的版式"),
    (["check", YANTIAN, "--report", "{tmp}/r.html"], "--against 需要一个源文件和一个草稿"),
    (["diff", YANTIAN, "{tmp}/x.txt"], "不支持的输入 {tmp}/x.txt"),
    (["diff", YANTIAN, YANTIAN, "-o", "{tmp}/d.rtf"], "不支持的输出 {tmp}/d.rtf"),
    (["preview", "{tmp}/无.yaml"], "找不到源文件 {tmp}/无.yaml"),
    (["preview", YANTIAN, "--layout", "火星"], "没有名为“火星”的版式"),
    (["new", "--department", "某", "--year", "2025", "-o", "{tmp}/n.yaml"], "部门名称至少两个字"),
]


@pytest.mark.parametrize(("args", "words"), USAGE, ids=[f"{a[0]}-{i}" for i, (a, _) in enumerate(USAGE)])
def test_each_commands_usage_errors_go_through_the_base(args, words, tmp_path, capsys):
    code = main([word.replace("{tmp}", str(tmp_path)) for word in args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith(f"reportgen {args[0]}: 错误：") and words.replace("{tmp}", str(tmp_path)) in err, err
    assert err.count("\n") == 1 and not list(tmp_path.iterdir())


def test_a_known_failure_about_an_argument_is_a_usage_error(tmp_path, capsys, monkeypatch):
    """render --format pdf where LibreOffice cannot be found: exit 2 before any work."""
    from reportgen.writers import pdf

    monkeypatch.setattr(pdf, "soffice", raising(PdfUnavailable("生成 PDF 需要 LibreOffice（找不到 soffice）")))
    assert main(["render", YANTIAN, "-o", str(tmp_path / "out"), "--format", "pdf"]) == 2
    assert capsys.readouterr().err == "reportgen render: 错误：生成 PDF 需要 LibreOffice（找不到 soffice）\n"
    assert not (tmp_path / "out").exists()


def test_a_note_a_command_adds_follows_the_message(tmp_path, capsys, monkeypatch):
    """diff's outputs are replaced together: a PDF that cannot be printed leaves all of them as they were."""
    from reportgen.runners import diffing as files

    monkeypatch.setattr(files, "output_bytes", raising(PdfUnavailable("LibreOffice 在 120 秒内没有完成 PDF 转换")))
    assert main(["diff", YANTIAN, YANTIAN, "-o", str(tmp_path / "d.pdf")]) == 1
    assert capsys.readouterr().err.endswith(
        "reportgen diff: 错误：LibreOffice 在 120 秒内没有完成 PDF 转换；所有输出文件都保持原样\n")


@pytest.mark.parametrize("name", COMMANDS)
def test_no_command_words_its_own_exit(name):
    """A command raises; it never prints an error of its own and returns 2, nor catches a known failure."""
    source = inspect.getsource(command(name))
    assert "return 2" not in source
    assert not re.search(r'print\(f?"reportgen[^"]*错误', source)
    assert not re.search(r"except \(?(RolloverError|LayoutError|PdfUnavailable|EnvironmentValueError)\b.*:\n"
                         r"(\s+#.*\n)*\s+print", source)


# -- one base: every exception reportgen defines derives from ReportgenError ---------------------------

# The only exceptions that are not Exceptions: interruptions no `except Exception` may swallow.
INTERRUPTIONS = {"reportgen.base.signals.Terminated",  # SIGTERM, handled as Ctrl-C is
                 "reportgen.base.templating._TemplateTimeout"}  # a template past its time, raised into its thread


# The desk's modules that import its Django models: importable only once Django is configured for a data
# folder (tests/support/desk.py). They define no exception: the desk's are in settings.py and store.py.
DJANGO_APP = {f"reportgen.desk.{name}" for name in (
    "queue.jobs", "queue.worker", "record.models", "record.passwords", "record.register", "record.precision", "record.progress", "record.counts",
    "web.views", "web.department", "web.bounded", "web.page_views", "web.decisions", "web.notices", "web.attempts",
    "web.failures", "web.progress", "web.published", "urls")}


def _exception_classes() -> dict[str, type[BaseException]]:
    """Every exception class a module of reportgen defines (the module imported: its classes as Python sees them)."""
    import pkgutil

    import reportgen

    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(reportgen.__path__, "reportgen."):
        if info.name == "reportgen.__main__" or info.name in DJANGO_APP:  # runs the command line; needs Django set up
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == info.name:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def test_every_exception_reportgen_defines_derives_from_the_one_base():
    from reportgen.base.errors import ReportgenError

    classes = _exception_classes()
    assert len(classes) > 30 and INTERRUPTIONS <= set(classes)
    apart = {name for name, kind in classes.items() if not issubclass(kind, ReportgenError)}
    assert apart == INTERRUPTIONS, "derive these from reportgen.base.errors.ReportgenError (or Internal)"
    assert not any(issubclass(classes[name], Exception) for name in INTERRUPTIONS)


def test_the_base_knows_a_failure_by_its_class_not_by_a_table_of_names():
    """commands/base.py names no module or class of the work it reports on."""
    tree = ast.parse((ROOT / "reportgen" / "commands" / "base.py").read_text(encoding="utf-8"))
    strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    assert not [s for s in strings if re.fullmatch(r"reportgen(\.\w+)+", s)]


@pytest.mark.parametrize("name", ["check", "import", "review"])
def test_any_failure_with_an_exit_code_is_told_with_it_and_an_internal_one_is_an_internal_error(
        name, tmp_path, capsys, monkeypatch):
    """A new failure needs no entry anywhere: its base says how it is told; one reportgen raises to
    catch itself (Internal) that reaches a command all the same is reportgen's fault."""
    from reportgen.base.errors import Internal, ReportgenError
    from reportgen.base.templating import TemplateFault

    class Unsupported(ReportgenError):
        exit_code = 4

    monkeypatch.setattr(command(name), "run", raising(Unsupported("不能这样做", details=["x.yaml:2: 原因"])))
    assert main(argv(name, tmp_path)) == 4
    assert capsys.readouterr().err == f"x.yaml:2: 原因\nreportgen {name}: 错误：不能这样做\n"
    monkeypatch.setattr(command(name), "run", raising(TemplateFault("未定义的变量 a", "t/正文.j2", 7)))
    assert main(argv(name, tmp_path)) == 1
    assert capsys.readouterr().err == f"reportgen {name}: 错误：t/正文.j2:7: 未定义的变量 a\n"
    monkeypatch.delenv("REPORTGEN_DEBUG", raising=False)
    monkeypatch.setattr(command(name), "run", raising(Internal("某个解析器提前停止")))
    assert main(argv(name, tmp_path)) == 3
    assert "reportgen: 内部错误（Internal: 某个解析器提前停止）" in capsys.readouterr().err
