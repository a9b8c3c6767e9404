"""Unbounded work (issue “Hardening”, part 3): LibreOffice (render --format pdf, diff -o x.pdf) and
pdftotext (check --against x.pdf) each run within a time limit, killed with their whole process
group after it; what they leave is checked (a PDF must begin with %PDF- and end with %%EOF; the
text must be UTF-8); each failure is a Chinese message naming the file, and nothing is published.
A draft of a million figures or lines is refused at once. And the LibreOffice profile's lock in the
cache is never opened through a symbolic link planted at its name.

The programs are fakes: shell scripts put first on PATH, that sleep (with a child, as LibreOffice
has one), print garbage, or flood their output; the time limits are lowered through the
environment (REPORTGEN_SOFFICE_SECONDS, REPORTGEN_PDFTOTEXT_SECONDS)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.writers import pdf as pdf_writer
from tests.clients import require_program
from tests.clocks import cpu_now

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
YANTIAN_2021 = ROOT / "data" / "shenzhen-yantian-zgh-2021.yaml"
BOUND = 30  # seconds: a run with a limit of 2 seconds ends within this

# Writes the PID of a child that would outlive it, then waits for it: killing the script alone
# would leave the child running (and holding the output pipe open).
SLEEPER = """#!/bin/sh
sleep 1000 &
echo $! > "{pids}"
wait
"""
# LibreOffice that "converts" every DOCX given into $FAKE_PDF's bytes and exits 0.
FAKE_SOFFICE = """#!/bin/sh
out=""; prev=""
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then out="$a"; fi
  prev="$a"
done
for a in "$@"; do
  case "$a" in *.docx) printf '%s' "$FAKE_PDF" > "$out/$(basename "$a" .docx).pdf";; esac
done
exit 0
"""


def fake(folder: Path, name: str, script: str) -> Path:
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text(script)
    program.chmod(0o755)
    return program


def reportgen(*args: str, path: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PATH": f"{path}{os.pathsep}{os.environ.get('PATH', '')}", **env},
                          timeout=120)
    return done, time.perf_counter() - start


def told(done: subprocess.CompletedProcess[str], *words: str) -> None:
    said = done.stdout + done.stderr
    assert done.returncode not in (0, 3), said
    assert "Traceback" not in said and "内部错误" not in said, said
    for word in words:
        assert word in said, said


def dead(pid_file: Path) -> bool:
    """The process whose PID the fake wrote is gone (or a zombie: killed, not yet reaped)."""
    pid = int(pid_file.read_text())
    for _ in range(50):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    return False


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- LibreOffice ------------------------------------------------------------------------------
def test_a_libreoffice_that_never_returns_is_killed_with_its_child_and_nothing_is_written(tmp_path):
    pids = tmp_path / "child.pid"
    fake(tmp_path / "bin", "soffice", SLEEPER.format(pids=pids))
    out = tmp_path / "out"
    out.mkdir()
    (out / "earlier.txt").write_text("已有的文件")
    before = snapshot(out)
    done, took = reportgen("render", str(YANTIAN), "-o", str(out), "--format", "docx,html,pdf",
                           path=tmp_path / "bin", REPORTGEN_SOFFICE_SECONDS="2")
    told(done, "LibreOffice 在 2 秒内没有把 shenzhen-yantian-zgh-2022.pdf 转换完", "已结束它")
    assert took < BOUND
    assert snapshot(out) == before  # neither the DOCX nor the HTML: a render's outputs move in together
    assert dead(pids)


@pytest.mark.parametrize(("content", "words"), [
    ("<html>not a pdf</html>", "不是 PDF（文件开头不是 %PDF-）"),
    ("%PDF-1.7\n1 0 obj << >> endobj\n", "不完整（结尾没有 %%EOF）"),
])
def test_a_libreoffice_that_exits_0_with_what_is_not_a_pdf_publishes_nothing(tmp_path, content, words):
    fake(tmp_path / "bin", "soffice", FAKE_SOFFICE)
    out = tmp_path / "out"
    done, _ = reportgen("render", str(YANTIAN), "-o", str(out), "--format", "docx,html,pdf",
                        path=tmp_path / "bin", FAKE_PDF=content)
    told(done, "LibreOffice 生成的 shenzhen-yantian-zgh-2022.pdf", words, "不能作为 PDF 发布")
    assert not out.exists()


def test_diff_to_a_pdf_with_a_hanging_libreoffice_writes_nothing(tmp_path):
    pids = tmp_path / "child.pid"
    fake(tmp_path / "bin", "soffice", SLEEPER.format(pids=pids))
    target = tmp_path / "对照.pdf"
    done, took = reportgen("diff", str(YANTIAN_2021), str(YANTIAN), "-o", str(target),
                           path=tmp_path / "bin", REPORTGEN_SOFFICE_SECONDS="2")
    told(done, "LibreOffice 在 2 秒内没有把", "对照.pdf")
    assert took < BOUND and not target.exists() and dead(pids)


def test_diff_to_a_pdf_with_garbage_from_libreoffice_writes_nothing(tmp_path):
    fake(tmp_path / "bin", "soffice", FAKE_SOFFICE)
    target = tmp_path / "对照.pdf"
    done, _ = reportgen("diff", str(YANTIAN_2021), str(YANTIAN), "-o", str(target), path=tmp_path / "bin",
                        FAKE_PDF="garbage")
    told(done, "LibreOffice 生成的 对照.pdf 不是 PDF")
    assert not target.exists()


def test_the_pdf_check_tolerates_what_follows_the_end_marker(tmp_path):
    good = tmp_path / "a.pdf"
    good.write_bytes(b"%PDF-1.7\n" + b"x" * 5000 + b"\n%%EOF\r\n  \n")
    assert pdf_writer._not_a_pdf(good) == ""
    good.write_bytes(b"%PDF-1.4\n%%EOF\n" + b"\0" * 100)  # bytes after %%EOF within the last 1024
    assert pdf_writer._not_a_pdf(good) == ""
    good.write_bytes(b"%PDF-1.4\n%%EOF" + b" " * 2000)
    assert "%%EOF" in pdf_writer._not_a_pdf(good)
    link = tmp_path / "b.pdf"
    link.symlink_to(good)
    assert pdf_writer._not_a_pdf(link) == "不是普通文件"


# -- running a program ----------------------------------------------------------------------
def test_run_program_kills_the_whole_group_when_time_is_up(tmp_path):
    pids = tmp_path / "child.pid"
    script = fake(tmp_path / "bin", "hang", SLEEPER.format(pids=pids))
    start = time.perf_counter()
    with pytest.raises(pdf_writer.ProgramTimeout):
        pdf_writer.run_program([str(script)], 1, 1000)
    assert time.perf_counter() - start < BOUND and dead(pids)


def test_run_program_bounds_what_a_program_prints(tmp_path):
    with pytest.raises(pdf_writer.ProgramOutputTooLarge):
        pdf_writer.run_program(["yes"], 30, 100_000)
    code, out, err = pdf_writer.run_program(["sh", "-c", "printf 输出; printf 错误 >&2; exit 3"], 30, 1000)
    assert (code, out.decode(), err.decode()) == (3, "输出", "错误")


def test_a_time_limit_from_the_environment(monkeypatch):
    monkeypatch.setenv("REPORTGEN_SOFFICE_SECONDS", "2.5")
    assert pdf_writer.seconds("REPORTGEN_SOFFICE_SECONDS", 600) == 2.5
    for wrong in ("", "0", "-1", "nan", "inf", "十"):
        monkeypatch.setenv("REPORTGEN_SOFFICE_SECONDS", wrong)
        assert pdf_writer.seconds("REPORTGEN_SOFFICE_SECONDS", 600) == 600


# -- pdftotext ----------------------------------------------------------------------------------
PDFTOTEXT = """#!/bin/sh
case "$FAKE_MODE" in
  sleep) sleep 1000 & echo $! > "{pids}"; wait;;
  garbage) printf '\\377\\376\\000garbage';;
  flood) yes 一般公共服务支出 1,234.56;;
esac
"""


@pytest.mark.parametrize(("mode", "words"), [
    ("sleep", "pdftotext 在 2 秒内没有读完这个 PDF，已结束它"),
    ("garbage", "pdftotext 读出的文字结构无法解析"),
    ("flood", "pdftotext 从这个 PDF 读出的文字超过 64 MB"),
])
def test_a_pdftotext_that_hangs_floods_or_prints_garbage_is_a_message_on_the_draft(tmp_path, mode, words):
    pids = tmp_path / "child.pid"
    fake(tmp_path / "bin", "pdftotext", PDFTOTEXT.format(pids=pids))
    draft = tmp_path / "草稿.pdf"
    draft.write_bytes(b"%PDF-1.4\n%%EOF\n")
    report = tmp_path / "review.html"
    done, took = reportgen("check", str(YANTIAN), "--against", str(draft), "--report", str(report),
                           path=tmp_path / "bin", FAKE_MODE=mode, REPORTGEN_PDFTOTEXT_SECONDS="2")
    told(done, f"{draft}: 错误 [R-草稿] {words}")
    assert took < BOUND and not report.exists()
    if mode == "sleep":
        assert dead(pids)


# -- a draft of a million figures or lines ----------------------------------------------------
def test_a_draft_of_a_million_amounts_is_refused_at_once(tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_text("1元，" * 1_000_000 + "\n", encoding="utf-8")  # 7 MB, one line
    done, took = reportgen("check", str(YANTIAN), "--against", str(draft), path=tmp_path)
    told(done, f"{draft}:1: 错误 [R-草稿] 草稿写出的数字超过 100000 个（到第 1 行）")
    assert took < BOUND


def test_a_draft_of_millions_of_lines_is_refused_at_once(tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_bytes(b"\n" * (20 * 1024 * 1024 - 1))
    done, took = reportgen("check", str(YANTIAN), "--against", str(draft), path=tmp_path)
    told(done, f"{draft}: 错误 [R-草稿] 草稿超过 200000 行")
    assert took < BOUND


def test_the_bounds_hold_for_every_kind_of_draft(tmp_path, monkeypatch):
    from reportgen.base.errors import SourceError
    from reportgen.readers.published import read_draft
    from reportgen.readers.text import lines as draft_module
    from reportgen.readers.text import statements
    from reportgen.review import review

    monkeypatch.setattr(statements, "MAX_FIGURES", 5)
    text = tmp_path / "d.txt"
    text.write_text("基本支出1万元。\n" * 5 + "项目支出2万元。\n", encoding="utf-8")
    result, problems = review(YANTIAN, text)
    assert result is None and [(p.line, p.file) for p in problems] == [(6, str(text))]
    assert "草稿写出的数字超过 5 个（到第 6 行）" in problems[0].message
    text.write_text("基本支出1万元。\n" * 5, encoding="utf-8")
    result, problems = review(YANTIAN, text)
    assert result is not None and len(result.verdicts) == 5
    # numbers no sentence states as a figure: read while they are fewer than five times the bound, refused unread from
    # then on (its count of numbers passed the bound on line 2)
    text.write_text("详见附件1、附件2、附件3。\n" * 8, encoding="utf-8")  # 24 numbers
    result, problems = review(YANTIAN, text)
    assert result is not None and not result.verdicts and not any(p.rule == "R-草稿" for p in problems)
    text.write_text("详见附件1、附件2、附件3。\n" * 9, encoding="utf-8")  # 27
    result, problems = review(YANTIAN, text)
    assert result is None and [(p.line, p.file) for p in problems] == [(2, str(text))]
    assert "草稿写出的数字超过 5 个（到第 2 行）" in problems[0].message

    monkeypatch.setattr(draft_module, "MAX_DRAFT_LINES", 3)
    html = tmp_path / "d.html"
    html.write_text("<p>一</p><p>二</p><table><tr><td>三</td></tr><tr><td>四</td></tr></table>", encoding="utf-8")
    with pytest.raises(SourceError, match="草稿超过 3 行"):
        read_draft(html)
    text.write_text("一\r\n二\r\n三\r\n", encoding="utf-8")  # three lines, CRLF counted once
    assert [line.text for line in read_draft(text)] == ["一", "二", "三"]
    text.write_text("一\n二\u2028三\x0c四\n", encoding="utf-8")
    with pytest.raises(SourceError, match="草稿超过 3 行"):
        read_draft(text)


def test_a_figure_of_too_many_digits_is_not_understood_rather_than_a_crash(tmp_path):
    from reportgen.review import review

    draft = tmp_path / "d.txt"
    draft.write_text("基本支出1." + "1" * 5000 + "万元，占" + "9" * 40 + "%。\n一般公共服务支出 " + "1" * 30 + "\n",
                     encoding="utf-8")
    result, problems = review(YANTIAN, draft)
    assert result is not None, problems
    assert [v.status for v in result.verdicts] == ["unknown", "unknown", "unknown"]
    assert all("位数过多" in v.cause for v in result.verdicts)


def test_html_drafts_are_read_in_linear_time(tmp_path):
    from reportgen.readers.published import read_draft

    draft = tmp_path / "d.html"  # python's html.parser took seconds on 32 KB of this
    draft.write_text("<p>" + "<a b=c " * 500_000, encoding="utf-8")
    start = cpu_now()
    read_draft(draft)
    assert cpu_now() - start < 5
    draft.write_text("<table><tr><td>科目<td>金额<tr><td>一般公共服务支出<td>12.5</table><p>甲<div>乙</div>丙",
                     encoding="utf-8")  # cells and paragraphs HTML lets a page leave open
    assert [line.text for line in read_draft(draft)] == ["科目 金额", "一般公共服务支出 12.5", "甲", "乙", "丙"]
    draft.write_text("<p>" + "基本支出1元，" * 1_000_000 + "</p><p>后面</p>", encoding="utf-8")  # 19 MB of text
    assert [len(line.text) for line in read_draft(draft)] == [7_000_000, 2]


# -- the LibreOffice profile in the cache -----------------------------------------------------
@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache" / "reportgen"
    folder.mkdir(parents=True, mode=0o700)
    monkeypatch.setattr("reportgen.base.cache.cache_folder", lambda: folder)
    return folder


def test_a_symlink_at_the_lock_is_not_followed(cache, tmp_path):
    outside = tmp_path / "outside" / "made-through-the-link"
    (tmp_path / "outside").mkdir()
    (cache / "libreoffice-profile.lock").symlink_to(outside)
    with pdf_writer._profile() as profile:
        assert profile != cache / "libreoffice-profile" and profile.is_dir()
    assert not outside.exists() and not os.path.lexists(outside)


def test_a_fifo_at_the_lock_does_not_block(cache):
    os.mkfifo(cache / "libreoffice-profile.lock")
    with pdf_writer._profile() as profile:
        assert profile != cache / "libreoffice-profile"


def test_a_symlinked_profile_is_not_used(cache, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (cache / "libreoffice-profile").symlink_to(elsewhere)
    with pdf_writer._profile() as profile:
        assert profile != cache / "libreoffice-profile" and not profile.is_relative_to(elsewhere)


def test_the_cached_profile_and_its_lock(cache):
    with pdf_writer._profile() as profile:
        assert profile == cache / "libreoffice-profile"
        lock = os.lstat(cache / "libreoffice-profile.lock")
        assert stat.S_ISREG(lock.st_mode) and stat.S_IMODE(lock.st_mode) == 0o600
        with pdf_writer._profile() as second:  # held: the next conversion has a profile of its own
            assert second != profile
    with pdf_writer._profile() as again:
        assert again == profile


def test_render_to_pdf_does_not_follow_a_symlink_planted_at_the_lock(tmp_path):
    require_program("soffice")
    cache = tmp_path / "xdg"
    (cache / "reportgen").mkdir(parents=True, mode=0o700)
    outside = tmp_path / "outside" / "lock"  # its folder exists: opened through the link, it would be made
    outside.parent.mkdir()
    (cache / "reportgen" / "libreoffice-profile.lock").symlink_to(outside)
    done, _ = reportgen("render", str(YANTIAN), "-o", str(tmp_path / "out"), "--format", "pdf", path=tmp_path,
                        XDG_CACHE_HOME=str(cache))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "shenzhen-yantian-zgh-2022.pdf").read_bytes().startswith(b"%PDF-")
    assert not os.path.lexists(outside) and list(outside.parent.iterdir()) == []
