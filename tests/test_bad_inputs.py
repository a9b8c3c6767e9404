"""Bad input never crashes: every file in tests/bad_inputs/ gets its Chinese message (with the
line, where there is one), a non-zero exit, no traceback, and an output folder exactly as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from reportgen.cli import main

HERE = Path(__file__).resolve().parent / "bad_inputs"
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))["cases"]
YANTIAN = HERE.parent.parent / "data" / "shenzhen-yantian-zgh-2022.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


HELPERS = ("prior-other-department-2021.yaml", "source-output-over-prior.html")


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 100
    assert all((HERE / c["file"]).exists() for c in CASES)


def _staged_case(case: dict, tmp_path: Path) -> Path:
    """The case file (and the helper files cases point at) copied into a folder of its own, with
    the named pipe a case asks for: every input can then be compared byte for byte afterwards."""
    folder = tmp_path / "src"
    folder.mkdir()
    for name in (case["file"], *HELPERS):
        shutil.copyfile(HERE / name, folder / name)
    if "units/" in (HERE / case["file"]).read_text(encoding="utf-8", errors="replace"):
        shutil.copytree(HERE.parent.parent / "data" / "units", folder / "units")
    if "fifo" in case:
        os.mkfifo(folder / case["fifo"])
    return folder / case["file"]


def _inputs(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input_is_answered_in_chinese_and_writes_nothing(case, tmp_path, capsys):
    source = _staged_case(case, tmp_path)
    inputs = _inputs(source.parent)
    out = tmp_path / "out"
    out.mkdir()
    (out / "上次的稿子.docx").write_bytes(b"previous draft")
    before = snapshot(out)
    fill = {"{source}": str(source), "{out}": str(out), "{dir}": str(source.parent)}
    command = [fill.get(word, word) for word in case.get("command", ["render", "{source}", "-o", "{out}"])]

    if case["exit"] == 2 and "command" in case:  # a usage error: argparse exits
        with pytest.raises(SystemExit) as stopped:
            main(command)
        captured = capsys.readouterr()
        code, output = stopped.value.code, captured.out + captured.err
    else:
        code, output = run_cli(capsys, *command)

    assert code == case["exit"], output
    assert "Traceback" not in output and "内部错误" not in output
    for fragment in case["expect"]:
        assert fragment in output, output
    for fragment in case.get("absent", []):
        assert fragment not in output, output
    if case["exit"] != 2:
        assert str(source.name) in output
    if "line" in case:
        assert f"{source}:{case['line']}" in output, output
    assert snapshot(out) == before
    assert _inputs(source.parent) == inputs  # no input is ever modified, nor a file added beside it
    assert not [p for p in source.parent.iterdir() if p.name.startswith(".")]

    if "command" not in case:
        code, output = run_cli(capsys, "check", str(source))
        assert code == 1 and "Traceback" not in output and "内部错误" not in output


def test_file_of_50_megabytes_is_refused_without_reading_it_as_yaml(tmp_path, capsys):
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(YANTIAN.read_bytes())
        handle.write(b"# " + b"x" * 1024 * 1024 + b"\n")
        handle.seek(50 * 1024 * 1024)
        handle.write(b"\n")
    code, output = run_cli(capsys, "render", str(big), "-o", str(tmp_path / "out"))
    assert code == 1 and "文件过大" in output and not (tmp_path / "out").exists()


def test_missing_source_file(tmp_path, capsys):
    code, output = run_cli(capsys, "render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out"))
    assert code == 1 and "文件不存在" in output and not (tmp_path / "out").exists()


def test_folder_given_as_source(tmp_path, capsys):
    code, output = run_cli(capsys, "check", str(tmp_path))
    assert code == 1 and "文件夹" in output


def test_output_folder_that_cannot_be_written(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, output = run_cli(capsys, "render", str(YANTIAN), "-o", str(blocker / "out"))
    assert code == 1 and "无法写入" in output and "Traceback" not in output
    assert blocker.read_text() == "not a folder"


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    code, output = run_cli(capsys, "render", str(YANTIAN), "-o", str(tmp_path / "o"), "--format", "rtf")
    assert code == 2 and "不支持的格式" in output


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2


def test_draft_writes_with_a_banner_listing_open_findings(tmp_path, capsys):
    source = HERE / "income-not-expenditure.yaml"
    code, output = run_cli(capsys, "render", str(source), "-o", str(tmp_path), "--draft", "--format", "html")
    html = (tmp_path / "income-not-expenditure.html").read_text(encoding="utf-8")
    assert code == 0
    assert "草稿" in html and "R-收支平衡" in html


def test_strict_promotes_warnings(capsys):
    shanhaiguan = HERE.parent.parent / "data" / "qinhuangdao-shanhaiguan-gh-2020.yaml"
    assert run_cli(capsys, "check", str(shanhaiguan))[0] == 0
    assert run_cli(capsys, "check", "--strict", str(shanhaiguan))[0] == 1
