"""The second hardening: every file a command reads is one it never writes (check --report,
render, diff and a batch with its index know the whole set, transitively); a file named twice is
said, not silently skipped; a closed pipe ends a command quietly; YAML tags a budget has no use
for, link loops, names broken over lines and invisible names are refused with their line; the
prior year is the year before; a file outside the source's folder is never quoted; and the
preview serves its page while a hundred slow clients and thirty event streams are connected.

Every refusal is checked the same way: its exit code, a Chinese message naming file and line,
no traceback, no 内部错误, and every input byte-identical afterwards."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.test_preview import EventStream, source_in
from tests.test_preview_load import served_within

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
YANTIAN = DATA / "shenzhen-yantian-zgh-2022.yaml"
TWO_UNITS = DATA / "example-two-units-2024.yaml"
EXECUTION = DATA / "example-execution-2024.yaml"
UNIT_FILE = "units/example-two-units-2024-sanatorium.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as stopped:  # argparse's usage errors
        code = int(stopped.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def clean(output: str) -> None:
    assert "Traceback" not in output and "内部错误" not in output, output


def two_units(folder: Path) -> Path:
    """The two-unit example with its unit file, a 科目表 and a prior-year source of its own, and
    a layout folder of the user's: every kind of file a source reads."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "units").mkdir()
    shutil.copy(DATA / UNIT_FILE, folder / UNIT_FILE)
    (folder / "科目表.csv").write_text("科目编码,科目名称\n2080505,机关事业单位基本养老保险缴费支出\n", encoding="utf-8")
    layout = folder / "我的版式"
    layout.mkdir()
    (layout / "版式.yaml").write_text("名称: 我的版式\n基于: 上海\n", encoding="utf-8")
    (layout / "说明.txt").write_text("本地版式\n", encoding="utf-8")
    text = TWO_UNITS.read_text(encoding="utf-8")
    text = text.replace("金额单位: 万元", "金额单位: 万元\n科目表: 科目表.csv\n版式: 我的版式", 1)
    source = folder / "source.yaml"
    source.write_text(text, encoding="utf-8")
    return source


def draft_of(source: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = folder / "draft-out"
    code, output = run(capsys, "render", source, "-o", out, "--format", "html")
    assert code == 0, output
    return out / f"{source.stem}.html"


# -- 1. lost files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["source.yaml", UNIT_FILE, "科目表.csv", "我的版式/版式.yaml", "我的版式/说明.txt"])
def test_check_report_never_writes_over_a_file_the_source_reads(tmp_path, capsys, target):
    source = two_units(tmp_path / "src")
    draft = draft_of(source, tmp_path, capsys)
    before = files_under(tmp_path / "src")
    code, output = run(capsys, "check", source, "--against", draft, "--report", tmp_path / "src" / target)
    clean(output)
    assert code == 2, output
    assert "不能写入" in output and "覆盖" in output
    assert files_under(tmp_path / "src") == before


def test_check_report_never_writes_over_the_prior_year_source(tmp_path, capsys):
    folder = tmp_path / "src"
    folder.mkdir()
    last = YANTIAN.read_text(encoding="utf-8").replace("年度: 2022", "年度: 2021", 1)
    (folder / "2021.yaml").write_text(last.replace("  年度: 2021\n", "  年度: 2020\n", 1), encoding="utf-8")
    text = YANTIAN.read_text(encoding="utf-8").replace("  年度: 2021\n", "  年度: 2021\n  来源: 2021.yaml\n", 1)
    source = folder / "2022.yaml"
    source.write_text(text, encoding="utf-8")
    draft = draft_of(source, tmp_path, capsys)
    before = files_under(folder)
    code, output = run(capsys, "check", source, "--against", draft, "--report", folder / "2021.yaml")
    clean(output)
    assert code == 2 and "2021.yaml" in output
    assert files_under(folder) == before


def test_render_into_a_layout_folder_never_writes_over_its_files(tmp_path, capsys):
    source = two_units(tmp_path / "src")
    layout = tmp_path / "src" / "我的版式"
    (layout / "source.html").write_text("<p>the layout's own page</p>", encoding="utf-8")
    before = files_under(tmp_path / "src")
    code, output = run(capsys, "render", source, "-o", layout)
    clean(output)
    assert code == 1 and "source.html" in output and "覆盖" in output
    assert files_under(tmp_path / "src") == before


def test_diff_never_writes_over_a_code_table_or_a_layout_file(tmp_path, capsys):
    source = two_units(tmp_path / "src")
    other = tmp_path / "src" / "other.yaml"
    shutil.copy(source, other)
    before = files_under(tmp_path / "src")
    for target in ("科目表.csv", "我的版式/说明.txt"):
        renamed = tmp_path / "src" / target
        code, output = run(capsys, "diff", source, other, "-o", renamed.with_suffix(".html"))
        assert code == 0 or "覆盖" not in output  # another name: allowed
        code, output = run(capsys, "diff", source, other, "-o", f"{renamed}")
        clean(output)
        assert code != 0 and "覆盖" in output, output
    after = files_under(tmp_path / "src")
    assert {k: v for k, v in after.items() if k in before} == before


def test_a_batch_index_never_replaces_a_disclosure(tmp_path, capsys):
    folder = tmp_path / "src"
    folder.mkdir()
    names = ["index.yaml", "reportgen-index.yaml", "reportgen-index-2.yaml"]
    for name in names:
        shutil.copy(YANTIAN, folder / name)
    out = tmp_path / "out"
    code, output = run(capsys, "render", *(folder / n for n in names), "-o", out, "-j", "1")
    clean(output)
    assert code == 0, output
    html = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}
    for name in names:  # each disclosure is itself, not the index
        assert "深圳市盐田区总工会" in html[Path(name).stem + ".html"]
        assert "reportgen-index" not in html[Path(name).stem + ".html"][:200]
    index = [n for n in html if n not in {Path(x).stem + ".html" for x in names}]
    assert index == ["reportgen-index-3.html"], sorted(html)


def test_a_batch_refuses_an_output_that_another_source_reads(tmp_path, capsys):
    """b's unit file is called a.html; a's HTML would replace it: a is refused before any work,
    b renders, and the unit file is as it was."""
    folder = tmp_path / "src"
    shutil.copytree(DATA / "units", folder / "units")
    (folder / "a.html").write_bytes((DATA / UNIT_FILE).read_bytes())
    shutil.copy(YANTIAN, folder / "a.yaml")
    text = TWO_UNITS.read_text(encoding="utf-8").replace(UNIT_FILE, "a.html")
    assert "a.html" in text
    (folder / "b.yaml").write_text(text, encoding="utf-8")
    before = files_under(folder)
    code, output = run(capsys, "render", folder / "a.yaml", folder / "b.yaml", "-o", folder, "-j", "1")
    clean(output)
    assert code == 1
    assert "a.yaml: 错误 [输出]" in output and "a.html" in output
    assert (folder / "b.docx").is_file() and not (folder / "a.docx").exists()
    assert {k: v for k, v in files_under(folder).items() if k in before} == before


# -- 9. one file under several names ----------------------------------------------------------------


def test_one_file_named_three_ways_is_said_and_a_link_renders_under_its_own_name(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(YANTIAN, tmp_path / "a.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    code, output = run(capsys, "render", "a.yaml", "./a.yaml", "b.yaml", "-o", "out", "-j", "1")
    clean(output)
    assert code == 0, output
    assert output.count("a.yaml: 与已列出的 a.yaml 是同一个文件，只生成一次") == 1
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == ["a.docx", "b.docx"]


# -- 8. the prior year is the year before -------------------------------------------------------------


@pytest.mark.parametrize(("section", "year"), [("上年执行数", "2022"), ("上年执行数", "2024"), ("上年", "2021")])
def test_a_prior_year_that_is_not_the_year_before_is_refused_at_its_line(tmp_path, capsys, section, year):
    text = EXECUTION.read_text(encoding="utf-8")
    if section == "上年":
        text = text.replace("上年执行数:\n  年度: 2023\n", f"上年:\n  年度: {year}\n  收支总计: 500\n上年执行数:\n  年度: 2023\n", 1)
    else:
        text = text.replace("上年执行数:\n  年度: 2023\n", f"上年执行数:\n  年度: {year}\n", 1)
    source = tmp_path / "s.yaml"
    source.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  年度: {year}") + 1
    code, output = run(capsys, "render", source, "-o", tmp_path / "out")
    clean(output)
    assert code == 1
    assert f"s.yaml:{line}: 错误 [R-上年年度]" in output and "应为 2023 年" in output
    assert not (tmp_path / "out").exists()


def test_an_execution_figure_of_a_project_that_does_not_exist_is_refused_at_its_line(tmp_path, capsys):
    text = EXECUTION.read_text(encoding="utf-8").replace(
        "    示例劳动竞赛经费: 58.20", "    示例劳动竞赛经费: 58.20\n    没有这个项目: 1", 1)
    source = tmp_path / "s.yaml"
    source.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    没有这个项目: 1") + 1
    code, output = run(capsys, "check", source)
    assert code == 1 and f"s.yaml:{line}: 错误 [R-上年执行数]" in output, output


# -- 10. pipes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["schema"], ["layouts"], ["check", str(YANTIAN)], ["check", str(YANTIAN), "--format", "json"],
                                  ["--help"]])
def test_a_closed_pipe_ends_the_command_quietly(args):
    reader, writer = os.pipe()
    os.close(reader)  # the reader has gone before anything is written: `reportgen schema | true`
    done = subprocess.run([sys.executable, "-m", "reportgen", *args], stdout=writer, stderr=subprocess.PIPE,
                          timeout=60, cwd=ROOT)
    os.close(writer)
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "内部错误" not in stderr and "BrokenPipe" not in stderr, stderr
    assert done.returncode in (0, 1, 141), stderr  # 141: ended by the closed pipe, as Unix tools are


# -- 11. YAML tags, link loops, names ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["!!binary aGVsbG8=", "!!set {a, b}", "!!omap [{a: 1}]", "!!pairs [{a: 1}]",
                                   "[!!binary aGk=]", "{x: !!set {a}}"])
def test_yaml_tags_a_budget_has_no_use_for_are_refused_at_their_line(tmp_path, capsys, value):
    text = YANTIAN.read_text(encoding="utf-8").rstrip("\n") + f"\n名词解释: {value}\n"
    source = tmp_path / "s.yaml"
    source.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"名词解释: {value}") + 1
    before = source.read_bytes()
    for command in (["check", source], ["render", source, "-o", tmp_path / "out"]):
        code, output = run(capsys, *command)
        clean(output)
        assert code == 1 and f"s.yaml:{line}:" in output and "[YAML-标签]" in output, output
    assert source.read_bytes() == before and not (tmp_path / "out").exists()


def test_a_source_that_is_a_link_loop_is_named(tmp_path, capsys):
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    for command in (["check", tmp_path / "a.yaml"], ["render", tmp_path / "a.yaml", "-o", tmp_path / "out"],
                    ["diff", tmp_path / "a.yaml", YANTIAN, "-o", tmp_path / "d.html"]):
        code, output = run(capsys, *command)
        clean(output)
        assert code == 1 and "符号链接形成了循环" in output, output
    assert not (tmp_path / "out").exists() and not (tmp_path / "d.html").exists()


def test_a_unit_file_that_is_a_link_loop_is_named_at_the_line_that_includes_it(tmp_path, capsys):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "units").mkdir()
    (folder / UNIT_FILE).symlink_to("loop.yaml")
    (folder / "units" / "loop.yaml").symlink_to("example-two-units-2024-sanatorium.yaml")
    shutil.copy(TWO_UNITS, folder / "s.yaml")
    code, output = run(capsys, "render", folder / "s.yaml", "-o", tmp_path / "out")
    clean(output)
    assert code == 1 and "符号链接形成了循环" in output and "s.yaml:" in output, output


@pytest.mark.parametrize("escape", ["\\v", "\\x0b", "\\f", "\\x85", "\\u2028", "\\u2029", "\\r", "\\n", "\\r\\n"])
@pytest.mark.parametrize("field", ["project", "department", "unit", "organ"])
def test_a_name_broken_over_lines_is_refused_at_its_line(tmp_path, capsys, escape, field):
    if field == "project":
        text = YANTIAN.read_text(encoding="utf-8")
        old = "    - 名称: 劳模和工匠人才创新工作室创建及服务工作"
        new = f'    - 名称: "劳模和工匠{escape}人才创新工作室创建及服务工作"'
    elif field == "department":
        text = YANTIAN.read_text(encoding="utf-8")
        old, new = "部门: 深圳市盐田区总工会", f'部门: "深圳市盐田区{escape}总工会"'
    elif field == "unit":
        text = TWO_UNITS.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("  - 名称: "))
        new = old.replace("名称: ", '名称: "', 1) + f'{escape}本级"'
    else:
        text = YANTIAN.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("  内设机构: ["))
        new = old.replace("[", f'["办公{escape}室", ', 1)
    assert old in text
    text = text.replace(old, new, 1)
    source = tmp_path / "s.yaml"
    source.write_text(text, encoding="utf-8")
    if field == "unit":
        shutil.copytree(DATA / "units", tmp_path / "units")
    line = text.splitlines().index(new) + 1
    code, output = run(capsys, "render", source, "-o", tmp_path / "out")
    clean(output)
    assert code == 1 and f"s.yaml:{line}:" in output and "不能换行" in output, output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("invisible", ["\\u200b", "\\u200b\\u200d", "\\ufeff", "\\u2060", " \\u200c "])
def test_a_name_of_invisible_characters_only_is_refused(tmp_path, capsys, invisible):
    text = YANTIAN.read_text(encoding="utf-8").replace(
        "    - 名称: 劳模和工匠人才创新工作室创建及服务工作", f'    - 名称: "{invisible}"', 1)
    source = tmp_path / "s.yaml"
    source.write_text(text, encoding="utf-8")
    code, output = run(capsys, "check", source)
    clean(output)
    assert code == 1 and "看不见的字符" in output, output


@pytest.mark.parametrize("name", ["某某\u2028工会", "某某\x85工会", "某某\r工会", "某某\x0c工会", "某某\u2029工会"])
def test_new_refuses_a_department_name_that_would_not_load(tmp_path, capsys, name):
    code, output = run(capsys, "new", "--department", name, "--year", "2025", "-o", tmp_path / "n.yaml")
    clean(output)
    assert code == 2 and not (tmp_path / "n.yaml").exists(), output


# -- 6. what is quoted ----------------------------------------------------------------------------------


SECRET = "hunter2-TOPSECRET"


@pytest.mark.parametrize("content", [f"password: {SECRET}\nbad: {{\n", f"{SECRET}\n", f"- {SECRET}\n", f"{SECRET},x\n"])
@pytest.mark.parametrize("how", ["科目表", "上年.来源", "上年执行数.来源", "包含"])
def test_a_file_outside_the_source_folder_is_never_quoted(tmp_path, capsys, content, how):
    secret_dir = tmp_path / "secrets"
    secret_dir.mkdir()
    secret = secret_dir / ("key.csv" if how == "科目表" else "key.yaml")
    secret.write_text(content, encoding="utf-8")
    folder = tmp_path / "src"
    folder.mkdir()
    if how == "包含":
        text = TWO_UNITS.read_text(encoding="utf-8").replace(UNIT_FILE, str(secret))
    else:
        text = YANTIAN.read_text(encoding="utf-8")
        if how == "科目表":
            text = text.replace("金额单位: 万元", f"金额单位: 万元\n科目表: {secret}", 1)
        elif how == "上年.来源":
            text = text.replace("  年度: 2021\n", f"  年度: 2021\n  来源: {secret}\n", 1)
        else:
            text += f"上年执行数:\n  年度: 2021\n  来源: {secret}\n"
    source = folder / "s.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    for command in (["check", source], ["check", source, "--format", "json"],
                    ["render", source, YANTIAN, "-o", out, "-j", "1"]):
        code, output = run(capsys, *command)
        clean(output)
        assert code == 1, output
        assert SECRET not in output and "password" not in output, output
    index = out / "index.html"
    assert index.is_file() and SECRET not in index.read_text(encoding="utf-8")
    assert secret.read_text(encoding="utf-8") == content


def test_a_file_inside_the_source_folder_is_still_quoted(tmp_path, capsys):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "2021.yaml").write_text("just some words\n", encoding="utf-8")
    text = YANTIAN.read_text(encoding="utf-8").replace("  年度: 2021\n", "  年度: 2021\n  来源: 2021.yaml\n", 1)
    (folder / "s.yaml").write_text(text, encoding="utf-8")
    code, output = run(capsys, "check", folder / "s.yaml")
    assert code == 1 and "just some words" in output, output


# -- 11. the preview under a crowd ---------------------------------------------------------------------


def test_the_preview_serves_its_page_while_a_hundred_slow_clients_and_thirty_streams_are_connected(tmp_path):
    from reportgen.runners.preview import PreviewServer

    # A read timeout far longer than the test: the page must be served by making room, not by
    # waiting for the slow clients to time out.
    with PreviewServer(source_in(tmp_path), read_timeout=60, max_connections=16, max_streams=4).start() as server:
        token = server.state.current.token
        slow: list[socket.socket] = []
        streams: list[EventStream] = []
        try:
            for index in range(100):
                sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
                sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the end of the headers
                slow.append(sock)
                if index % 3 == 0 and len(streams) < 30:
                    streams.append(EventStream(server, token))
            while len(streams) < 30:
                streams.append(EventStream(server, token))
            start = time.monotonic()
            for _ in range(5):  # again and again, not once by luck
                assert served_within(server, 3) < 3
            assert time.monotonic() - start < 10
        finally:
            for sock in slow:
                sock.close()
            for stream in streams:
                stream.close()
