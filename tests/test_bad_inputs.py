"""Bad input never crashes: every file in tests/bad_inputs/ gets its Chinese message (with the
line, where there is one), a non-zero exit, no traceback, and an output folder exactly as it was."""

from __future__ import annotations

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


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert all((HERE / c["file"]).exists() for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input_is_answered_in_chinese_and_writes_nothing(case, tmp_path, capsys):
    source = HERE / case["file"]
    out = tmp_path / "out"
    out.mkdir()
    (out / "上次的稿子.docx").write_bytes(b"previous draft")
    before = snapshot(out)
    source_bytes = source.read_bytes()

    code, output = run_cli(capsys, "render", str(source), "-o", str(out))

    assert code == case["exit"], output
    assert "Traceback" not in output
    for fragment in case["expect"]:
        assert fragment in output, output
    assert str(source) in output
    if "line" in case:
        assert f"{source}:{case['line']}" in output, output
    assert snapshot(out) == before
    assert source.read_bytes() == source_bytes  # a source is never modified

    code, output = run_cli(capsys, "check", str(source))
    assert code == 1 and "Traceback" not in output


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
    code, output = run_cli(capsys, "render", str(YANTIAN), "-o", str(tmp_path / "o"), "--format", "pdf")
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
