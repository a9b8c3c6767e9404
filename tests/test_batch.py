"""`reportgen render` with many sources: parallel workers, progress, a summary, an index page,
and a failing source that never stops the others. Plus the benchmark's synthetic departments."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

import reportgen.runners.render
import reportgen.writers.docx
from bench.synthetic import split, synthetic_source, write_yantian_copies
from reportgen.base.errors import Finding
from reportgen.base.written import RECORD
from reportgen.cli import main
from reportgen.runners.batch import Outcome, Progress, display_width, expand_sources, summary_table
from reportgen.runners.render import prepare

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
BAD = ROOT / "tests" / "bad_inputs" / "income-not-expenditure.yaml"


def render(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["render", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture()
def departments(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    write_yantian_copies(folder, 4)
    return folder


def test_many_sources_render_in_parallel_with_summary_and_index(departments, tmp_path, capsys):
    out = tmp_path / "out"
    code, stdout, stderr = render(capsys, departments / "*.yaml", "-o", out, "-j", "2")
    assert code == 0, stderr
    stems = [f"dept-{i:04d}" for i in range(1, 5)]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [RECORD, "index.html"] + [f"{s}.{ext}" for s in stems for ext in ("docx", "html")])
    header = stdout.splitlines()[0].split()
    assert header == ["源文件", "结果", "用时"]
    for stem in stems:
        assert re.search(rf"{stem}\.yaml\s+通过\s+\d+\.\d\d 秒", stdout), stdout
    assert "共 4 个源文件：通过 4，有警告 0，失败 0" in stdout
    assert "Traceback" not in stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    for stem in stems:
        assert f'href="{stem}.docx"' in index and f'href="{stem}.html"' in index
    assert index.count(">通过<") == 4 and "<script" not in index and "http" not in index.replace("http-equiv", "")


def test_a_failing_source_does_not_stop_the_others(departments, tmp_path, capsys):
    out = tmp_path / "out"
    bad = departments / "bad.yaml"
    shutil.copy(BAD, bad)
    code, stdout, stderr = render(capsys, departments / "*.yaml", "-o", out, "-j", "2")
    assert code == 1
    assert "错误 [R-收支平衡]" in stderr and f"{bad}: 有 2 个错误，未生成任何文件" in stderr
    assert "Traceback" not in stderr
    assert not any(p.stem == "bad" for p in out.iterdir())
    assert len(list(out.glob("dept-*.docx"))) == 4
    assert re.search(r"bad\.yaml\s+失败（2 个错误）", stdout)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "失败（2 个错误）" in index and "R-收支平衡" in index


def test_warnings_are_counted_as_有警告(tmp_path, capsys):
    sources = [ROOT / "data" / "qinhuangdao-shanhaiguan-gh-2020.yaml", YANTIAN]
    findings = prepare(sources[0]).findings
    assert findings and not any(f.severity == "error" for f in findings)
    code, stdout, _ = render(capsys, *sources, "-o", tmp_path / "out", "-j", "1")
    assert code == 0
    assert f"有警告（{len(findings)} 个）" in stdout
    assert f"有警告（{len(findings)} 个）" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_an_unexpected_error_in_a_worker_is_a_failure_in_chinese(departments, tmp_path, capsys, monkeypatch):
    original = reportgen.runners.render.document_for

    def explode(prepared, *args, **kwargs):  # type: ignore[no-untyped-def]
        if prepared.budget.department.endswith("第2分会"):
            raise RuntimeError("boom")
        return original(prepared, *args, **kwargs)

    monkeypatch.setattr(reportgen.runners.render, "document_for", explode)  # workers are forked: they see it too
    out = tmp_path / "out"
    code, stdout, stderr = render(capsys, departments / "*.yaml", "-o", out, "-j", "2")
    assert code == 1
    assert "Traceback" not in stderr and "Traceback" not in stdout
    assert "dept-0002.yaml: 错误 [内部] 生成时出现意外错误（RuntimeError: boom）" in stderr
    assert re.search(r"dept-0002\.yaml\s+失败（内部错误）", stdout)
    assert len(list(out.glob("*.docx"))) == 3


def test_a_worker_failing_to_write_leaves_the_others_outputs_in_place(departments, tmp_path, capsys, monkeypatch):
    original = reportgen.writers.docx.write_docx

    def refuse(document, path):  # type: ignore[no-untyped-def]
        if "dept-0001" in str(path):
            raise OSError(28, "No space left on device")
        return original(document, path)

    monkeypatch.setattr(reportgen.writers.docx, "write_docx", refuse)
    out = tmp_path / "not-yet"  # created by the batch, not by a worker that would remove it on failure
    code, stdout, stderr = render(capsys, departments / "*.yaml", "-o", out, "-j", "2")
    assert code == 1 and "无法写入" in stderr and "磁盘空间不足" in stderr  # the system's reason, in Chinese
    assert sorted(p.name for p in out.glob("*.docx")) == ["dept-0002.docx", "dept-0003.docx", "dept-0004.docx"]
    assert not list(out.glob(".reportgen-*"))  # no staging folder left behind


def test_globs_expand_and_a_glob_matching_nothing_fails(departments, tmp_path, capsys):
    code, stdout, stderr = render(capsys, departments / "dept-000[12].yaml", tmp_path / "none" / "*.yaml",
                                  "-o", tmp_path / "out")
    assert code == 1
    assert "没有与之匹配的文件" in stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == ["dept-0001.docx", "dept-0002.docx"]


def test_expand_sources_keeps_order_renders_each_file_once_and_refuses_clashing_names(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for path in (tmp_path / "a" / "x.yaml", tmp_path / "a" / "y.yaml", tmp_path / "b" / "x.yaml"):
        path.write_text("x", encoding="utf-8")
    sources, problems, notes = expand_sources([tmp_path / "a" / "y.yaml", str(tmp_path / "a" / "*.yaml"),
                                               tmp_path / "b" / "x.yaml"])
    assert sources == [str(tmp_path / "a" / "y.yaml"), str(tmp_path / "a" / "x.yaml")]
    assert [p.source for p in problems] == [str(tmp_path / "b" / "x.yaml")]
    assert "同名" in problems[0].failure
    assert notes == [f"{tmp_path / 'a' / 'y.yaml'}: 与已列出的 {tmp_path / 'a' / 'y.yaml'} 是同一个文件，只生成一次"]


def test_index_escapes_what_comes_from_sources(tmp_path, capsys):
    text = YANTIAN.read_text(encoding="utf-8").replace("部门: 深圳市盐田区总工会", '部门: "<script>alert(1)</script>"', 1)
    sources = [tmp_path / "a&b <c>.yaml", tmp_path / "plain.yaml"]
    sources[0].write_text(text, encoding="utf-8")
    shutil.copy(YANTIAN, sources[1])
    code, _, stderr = render(capsys, *sources, "-o", tmp_path / "out", "-j", "1")
    assert code == 0, stderr
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in index and "&lt;script&gt;" in index
    assert 'href="a%26b%20%3Cc%3E.docx"' in index and "a&amp;b &lt;c&gt;.yaml" in index


def test_no_index_and_a_source_called_index(tmp_path, capsys):
    sources = [tmp_path / "index.yaml", tmp_path / "other.yaml"]
    for source in sources:
        shutil.copy(YANTIAN, source)
    code, _, _ = render(capsys, *sources, "-o", tmp_path / "out", "-j", "1")
    assert code == 0
    assert (tmp_path / "out" / "reportgen-index.html").exists()
    assert "<title>" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")  # the source's own page
    code, _, _ = render(capsys, *sources, "-o", tmp_path / "out2", "-j", "1", "--no-index")
    assert code == 0 and not (tmp_path / "out2" / "reportgen-index.html").exists()


def test_progress_updates_one_line_on_a_terminal_and_prints_lines_otherwise():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    outcomes = [Outcome("a.yaml", ["a.docx"], seconds=0.1), Outcome("b.yaml", failure="b.yaml: 错误 [模板] x")]
    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        progress = Progress(2, stream)
        for outcome in outcomes:
            progress(outcome)
    assert terminal.getvalue().count("\r") == 2 and terminal.getvalue().endswith("\n")
    assert "2/2" in terminal.getvalue() and "失败 1" in terminal.getvalue()
    assert log.getvalue().splitlines() == ["[1/2] a.yaml 通过（0.10 秒）", "[2/2] b.yaml 失败（模板错误）（0.00 秒）"]


def test_summary_table_aligns_chinese_columns():
    warning = Finding("warning", "R-x", "y")
    outcomes = [Outcome("短.yaml", ["x"], [warning], 1.5), Outcome("a-much-longer-name.yaml", ["x"], [], 0.25)]
    lines = summary_table(outcomes).splitlines()
    assert lines[0].split() == ["源文件", "结果", "用时"]
    starts = {display_width(line[:line.index(word)]) for line, word in zip(lines[2:], ("有警告", "通过"), strict=True)}
    assert len(starts) == 1 and display_width(lines[0][:lines[0].index("结果")]) in starts


def test_single_source_prints_as_before(tmp_path, capsys):
    code, stdout, stderr = render(capsys, YANTIAN, "-o", tmp_path / "out")
    assert code == 0 and "已生成" in stdout and "源文件" not in stdout
    assert not (tmp_path / "out" / "index.html").exists()


# -- the benchmark's synthetic departments -----------------------------------------------------
@pytest.mark.parametrize("rows", [50, 500, 2000])
def test_synthetic_departments_are_clean_sources_of_the_asked_size(rows, tmp_path):
    source = tmp_path / f"synthetic-{rows}.yaml"
    source.write_text(synthetic_source(rows), encoding="utf-8")
    prepared = prepare(source)
    assert prepared.budget is not None, [f.format() for f in prepared.findings]
    assert [f for f in prepared.findings if f.severity == "error"] == []
    b = prepared.budget
    assert len(b.function_rows) + len(b.economic_rows) + len(b.projects) == rows


def test_large_departments_grow_by_projects_within_the_registries():
    from bench.synthetic import FUNDS, YEAR
    from reportgen import codes

    shape = split(20000)
    # a 10th of the rows are 项 of the registry under each 资金性质 (every one of them, where the registry
    # holds fewer: since issue 54's national codes it holds more), and every 款 of the classes 基本支出
    # holds (301, 302, 303, 310): 68 in the 2022 registry
    items = sum(1 for e in codes.all_function_codes(YEAR) if e.level == "项") * len(FUNDS)
    assert (shape.functions, shape.economic, shape.total) == (min(items, 2000), 68, 20000)
    assert shape.projects == 20000 - min(items, 2000) - 68


def test_a_command_imports_only_what_it_needs(tmp_path):
    import subprocess
    import sys

    code = ("import sys, contextlib, io\nfrom reportgen.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    main(['schema'])\n"
            "print(sorted(m for m in sys.modules if m.startswith(('reportgen.diff', 'reportgen.runners.preview', 'reportgen.runners.render',"
            " 'reportgen.writers', 'docx'))))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
    listing = subprocess.run([sys.executable, "-m", "reportgen", "--help"], cwd=ROOT, capture_output=True, text=True,
                             timeout=60)
    assert "preview" in listing.stdout and "diff" in listing.stdout


def test_a_worker_that_dies_fails_its_source_only(departments, tmp_path, capsys, monkeypatch):
    import os

    original = reportgen.runners.render.document_for

    def die(prepared, *args, **kwargs):  # type: ignore[no-untyped-def]
        if prepared.budget.department.endswith("第3分会"):
            os._exit(9)  # as a worker killed for memory would vanish
        return original(prepared, *args, **kwargs)

    monkeypatch.setattr(reportgen.runners.render, "document_for", die)
    out = tmp_path / "out"
    code, stdout, stderr = render(capsys, departments / "*.yaml", "-o", out, "-j", "2")
    assert code == 1 and "Traceback" not in stderr
    assert "dept-0003.yaml: 错误 [内部] 生成进程意外退出" in stderr
    assert sorted(p.name for p in out.glob("*.docx")) == ["dept-0001.docx", "dept-0002.docx", "dept-0004.docx"]
    assert "共 4 个源文件：通过 3，有警告 0，失败 1" in stdout
