"""Environment values reportgen reads: SOURCE_DATE_EPOCH. A value it cannot use (not ASCII digits,
negative, or after 2107, the last moment a zip entry can hold; one before 1980 is 1980-01-01) is a Chinese message naming the variable and
what is expected, a non-zero exit and nothing written: in render, diff and the preview's DOCX; a
good value gives the same bytes as it always has."""

from __future__ import annotations

import hashlib
import http.client
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from reportgen.base.staging import replace_together
from reportgen.base.written import RECORD
from reportgen.cli import main
from reportgen.runners.preview import PreviewServer
from reportgen.writers.docx import package

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
YANTIAN_2021 = ROOT / "data" / "shenzhen-yantian-zgh-2021.yaml"
STEM = "shenzhen-yantian-zgh-2022"

BAD = [
    "99999999999999999999",  # 20 digits
    "4354819200",  # 2108-01-01: past what a zip entry can hold
    "253402214400",  # 9999-12-31
    "9" * 5000,  # more digits than int() converts
    "-1",
    "-1700000000",
    "１７００００００００",  # full-width digits: int() takes them
    "١٧٠٠٠٠٠٠٠٠",  # Arabic-Indic digits
    "۱۷۰۰۰۰۰۰۰۰",  # Extended Arabic-Indic (Persian) digits
    "१७००००००००",  # Devanagari digits
    "¹⁷⁰⁰⁰⁰⁰⁰⁰⁰",  # superscripts: isdigit() says yes, int() says no
    "1700000000.5",
    "1.7e9",
    "+1700000000",
    "1_700_000_000",
    "0x6553f100",
    "17 00000000",
    "now",
    "\u200b1700000000",  # a zero-width space in front
]
# What the reference renders were before the check (the same code path, the same bytes), renewed
# on purpose since: Word's current compatibility mode (15) and no template counts in app.xml; table
# widths and rows kept together, the font table (issue 26, parts 3 and 5); tables that fit their labels and
# punctuation allowed to hang (issue 39, parts 2 and 4); a page break as the next paragraph's page break
# before, not a paragraph of its own (issue 51, part 3)
GOOD = {
    "1700000000": ("6e62fb4f07c7b2eaa4b745f932d5d45cd65ef36a5ae9a39d6e222c90800fa0de",
                   "e0f4ecd367f93f6ca16cf5b11a15408b41c9e45aa76a91ccedcf1315b720814d"),
    "315532800": ("1d3f5c8d99650342446fc7a580e63df94328a049a624fa7013f3f7535915b98e",
                  "4e610cb1cebd647a0c7e53f46879a5d48c284828f34457bf4cd9612e9cd61878"),
    "4354819199": ("12a50d234c8e6332b775134c94e6b04b698e30b9d7b3073182e48b11fd81903e",
                   "f697c04220f1e987916e0b80a530184fbe23585576e2f226f329d77d877a1129"),
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> dict[str, bytes] | None:
    """Every file below ``folder`` and its bytes (None: no folder)."""
    if not folder.exists():
        return None
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>" for p in sorted(folder.rglob("*"))}


def outputs_folder(tmp_path: Path) -> Path:
    """An output folder holding an earlier render's files (which must stay as they are)."""
    out = tmp_path / "out"
    out.mkdir()
    replace_together([(out / f"{STEM}.docx", b"an earlier docx"), (out / f"{STEM}.html", b"an earlier page")], "render")
    return out


def assert_refused(code: int, stderr: str, value: str) -> None:
    assert code == 2, stderr
    assert "SOURCE_DATE_EPOCH" in stderr and "2107 年底以前" in stderr and "ASCII 数字" in stderr, stderr
    assert "内部错误" not in stderr and "Traceback" not in stderr and "[内部]" not in stderr, stderr


# -- the one reader ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", BAD)
def test_a_bad_value_is_refused_with_a_message(monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    problem = package.epoch_problem()
    assert problem.startswith("环境变量 SOURCE_DATE_EPOCH 应为 2107 年底以前的 Unix 时间"), problem
    assert len(problem) < 300  # a value of 5,000 digits is not repeated whole
    with pytest.raises(package.EnvironmentValueError):
        package.document_time(2022)


@pytest.mark.parametrize(("value", "moment"), [
    ("1700000000", "2023-11-14 22:13:20"), (" 1700000000\n", "2023-11-14 22:13:20"),
    ("01700000000", "2023-11-14 22:13:20"), ("315532800", "1980-01-01 00:00:00"),
    ("4354819199", "2107-12-31 23:59:59"),
    ("0", "1980-01-01 00:00:00"), ("315532799", "1980-01-01 00:00:00")])  # before a zip's first moment: its first
def test_a_good_value_is_its_moment(monkeypatch, value, moment):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert package.epoch_problem() == ""
    assert package.document_time(2022).strftime("%Y-%m-%d %H:%M:%S") == moment


@pytest.mark.parametrize("value", [None, "", "  "])
def test_unset_or_empty_is_the_budget_year(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert package.epoch_problem() == ""
    assert package.document_time(2022).strftime("%Y-%m-%d %H:%M:%S") == "2022-01-01 00:00:00"


def test_every_reader_goes_through_the_one_function():
    import re

    read = re.compile(r"(environ|getenv)\b[^\n]*SOURCE_DATE_EPOCH")
    readers = {p: len(read.findall(p.read_text(encoding="utf-8"))) for p in (ROOT / "reportgen").rglob("*.py")}
    assert {p: n for p, n in readers.items() if n} == {ROOT / "reportgen" / "writers" / "docx" / "package.py": 1}


# -- render -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", BAD)
def test_render_refuses_a_bad_value_and_writes_nothing(tmp_path, monkeypatch, capsys, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    out = outputs_folder(tmp_path)
    before = listing(out)
    code = main(["render", str(YANTIAN), "-o", str(out)])
    assert_refused(code, capsys.readouterr().err, value)
    assert listing(out) == before


@pytest.mark.parametrize("formats", ["docx", "pdf", "html,docx"])
def test_render_refuses_it_for_every_format_that_is_dated(tmp_path, monkeypatch, capsys, formats):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "１７００００００００")
    code = main(["render", str(YANTIAN), "-o", str(tmp_path / "new"), "--format", formats])
    assert_refused(code, capsys.readouterr().err, "")
    assert not (tmp_path / "new").exists()


def test_a_batch_refuses_it_before_any_source(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999999999")
    code = main(["render", str(YANTIAN), str(YANTIAN_2021), "-o", str(tmp_path / "new"), "-j", "1"])
    assert_refused(code, capsys.readouterr().err, "")
    assert not (tmp_path / "new").exists()  # no index.html either


def test_html_alone_carries_no_date_and_is_rendered(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "-1")
    assert main(["render", str(YANTIAN), "-o", str(tmp_path), "--format", "html"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [RECORD, f"{STEM}.html"]


@pytest.mark.parametrize("value", ["253402214400", "١٧٠٠٠٠٠٠٠٠", "-5"])
def test_render_as_a_real_process(tmp_path, value):
    env = {**{k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"}, "SOURCE_DATE_EPOCH": value}
    out = outputs_folder(tmp_path)
    before = listing(out)
    done = subprocess.run([sys.executable, "-m", "reportgen", "render", str(YANTIAN), "-o", str(out)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert_refused(done.returncode, done.stderr, value)
    assert done.stdout == ""
    assert listing(out) == before


@pytest.mark.parametrize("value", list(GOOD))
def test_a_good_value_gives_the_same_bytes_as_before(tmp_path, monkeypatch, value):
    """The hashes are those of the code before SOURCE_DATE_EPOCH was checked. The diff names its
    inputs as given: they are given relative to the checkout, so a clone anywhere gives the same."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    monkeypatch.chdir(ROOT)
    assert main(["render", str(YANTIAN), "-o", str(tmp_path)]) == 0
    assert digest(tmp_path / f"{STEM}.docx") == GOOD[value][0]
    old, new = (str(path.relative_to(ROOT)) for path in (YANTIAN_2021, YANTIAN))
    assert main(["diff", old, new, "-o", str(tmp_path / "diff.docx")]) == 0
    assert digest(tmp_path / "diff.docx") == GOOD[value][1]


# -- diff -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", BAD[::2])
def test_diff_refuses_a_bad_value_and_writes_nothing(tmp_path, monkeypatch, capsys, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    out = tmp_path / "out"
    out.mkdir()
    replace_together([(out / "diff.docx", b"an earlier diff")], "diff")  # the last diff's
    before = listing(out)
    code = main(["diff", str(YANTIAN_2021), str(YANTIAN), "-o", str(out / "diff.html"), "-o", str(out / "diff.docx")])
    captured = capsys.readouterr()
    assert_refused(code, captured.err, value)
    assert captured.out == ""  # not even the summary: it comes after the outputs
    assert listing(out) == before


@pytest.mark.parametrize("value", ["１７００００００００", "4354819200", "-1"])
def test_diff_refuses_it_for_a_pdf_too(tmp_path, monkeypatch, capsys, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code = main(["diff", str(YANTIAN_2021), str(YANTIAN), "-o", str(tmp_path / "new" / "diff.pdf")])
    assert_refused(code, capsys.readouterr().err, value)
    assert not (tmp_path / "new").exists()


def test_diff_as_a_real_process(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "99999999999999999999"}
    done = subprocess.run([sys.executable, "-m", "reportgen", "diff", str(YANTIAN_2021), str(YANTIAN),
                           "-o", str(tmp_path / "diff.docx")], capture_output=True, text=True, env=env, timeout=120)
    assert_refused(done.returncode, done.stderr, "")
    assert list(tmp_path.iterdir()) == []


# -- preview ----------------------------------------------------------------------------------------


def get(server: PreviewServer, target: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.mark.parametrize("value", ["99999999999999999999", "253402214400", "-1", "１７００００００００", "١٧٠٠٠٠٠٠٠٠",
                                   "¹⁷⁰⁰⁰⁰⁰⁰⁰⁰", "4354819200"])
def test_preview_shows_the_problem_and_its_docx_answers_with_it(tmp_path, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    source = tmp_path / "盐田.yaml"
    shutil.copyfile(YANTIAN, source)
    before = listing(tmp_path)
    with PreviewServer(source).start() as server:
        status, body = get(server, "/")
        html = body.decode("utf-8")
        assert status == 200
        overlay = html[html.index('id="rg-overlay"'):]  # the page shows the error overlay
        assert "SOURCE_DATE_EPOCH" in overlay and "2107 年底以前" in overlay
        assert 'id="rg-docx"' not in html
        for target in ("/report.docx", "/report.docx?r=1"):
            status, body = get(server, target)  # an answer, not a dropped connection
            text = body.decode("utf-8")
            assert status == 500 and "SOURCE_DATE_EPOCH" in text and "2107 年底以前" in text, text
            assert "Traceback" not in text and "内部错误" not in text
        assert get(server, "/")[0] == 200  # and the server goes on
    assert listing(tmp_path) == before


@pytest.mark.parametrize("query", ["²", "１", "9" * 5000])
def test_preview_docx_takes_only_ascii_digits_for_its_render(tmp_path, query):
    source = tmp_path / "盐田.yaml"
    shutil.copyfile(YANTIAN, source)
    with PreviewServer(source).start() as server:
        assert get(server, f"/report.docx?r={quote(query)}")[0] == 404  # parse_qs decodes it
        assert get(server, "/report.docx")[0] == 200


def test_preview_with_a_good_value_serves_the_same_docx_as_render(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = tmp_path / f"{STEM}.yaml"
    shutil.copyfile(YANTIAN, source)
    with PreviewServer(source).start() as server:
        status, body = get(server, "/report.docx")
    assert status == 200
    assert hashlib.sha256(body).hexdigest() == GOOD["1700000000"][0]
