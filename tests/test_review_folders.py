"""Folders as reviewers keep them (issue 38 part 6): subfolders reviewed (one per 部门), documents of the
same name in two folders kept apart, reportgen's own outputs and the pages' folder passed over and
said so, a rendered draft reviewed like any document; the documents reviewed on every core with the
same pages, the same words and the same exit as one at a time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clients import require_program

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "tests" / "seeds" / "pdf"


def _review(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", "review", *args], capture_output=True, text=True,
                          check=False, cwd=ROOT)


@pytest.fixture
def bureau(tmp_path: Path) -> Path:
    """A bureau's folder: a subfolder per 部门, the same file name in two of them, a hidden folder, a link."""
    require_program("pdftotext")
    folder = tmp_path / "2025年部门预算"
    for department, pdf in (("商务委", "shanghai-putuo-shangwuwei-2025.pdf"), ("万里街道", "shanghai-putuo-wanli-2025.pdf")):
        (folder / department).mkdir(parents=True)
        shutil.copyfile(PDFS / pdf, folder / department / "部门预算.pdf")  # the same name in each
    (folder / "万里街道" / "单位").mkdir()
    shutil.copyfile(PDFS / "shanghai-putuo-shangwuwei-unit-2025.pdf", folder / "万里街道" / "单位" / "单位预算.pdf")
    (folder / ".git").mkdir()
    shutil.copyfile(PDFS / "shanghai-putuo-wanli-2024.pdf", folder / ".git" / "old.pdf")
    os.symlink(folder / "商务委", folder / "链接")
    return folder


def test_subfolders_are_reviewed_and_documents_of_one_name_kept_apart(bureau):
    out = bureau / "审核"  # the pages inside the folder reviewed, as reviewers keep them
    done = _review(str(bureau), "--layout", "上海", "-o", str(out))
    assert done.returncode in (0, 1), done.stderr
    reviewed = [line[3:] for line in done.stdout.splitlines() if line.startswith("== ")]
    assert reviewed == [str(bureau / "万里街道" / "部门预算.pdf"), str(bureau / "万里街道" / "单位" / "单位预算.pdf"),
                        str(bureau / "商务委" / "部门预算.pdf")]  # each folder's files, then its subfolders
    assert f"{bureau / '链接'}：是指向文件夹的链接，未进入" in done.stderr
    assert "old.pdf" not in done.stdout + done.stderr  # a hidden folder is no 部门's
    pages = sorted(p.name for p in out.glob("*-prose.html"))
    assert pages == ["001-部门预算-prose.html", "002-单位预算-prose.html", "003-部门预算-prose.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert str(bureau / "商务委" / "部门预算.pdf") in index and str(bureau / "万里街道" / "部门预算.pdf") in index
    again = _review(str(bureau), "--layout", "上海", "-o", str(out))  # its own pages and copies are not documents
    assert f"{out}：是这次写出核对页面的文件夹（-o），未审核" in again.stderr
    assert [line for line in again.stdout.splitlines() if line.startswith("== ")] == [f"== {p}" for p in reviewed]
    moved = bureau / "上次的审核"
    out.rename(moved)  # the last run's pages, moved in among the documents
    third = _review(str(bureau), "--layout", "上海")
    assert "是 reportgen 写出的核对页面、标注副本或整改通知，未审核" in third.stderr
    assert [line for line in third.stdout.splitlines() if line.startswith("== ")] == [f"== {p}" for p in reviewed]


def test_a_draft_reportgen_rendered_is_reviewed_like_any_document(tmp_path):
    require_program("pdftotext")
    folder = tmp_path / "草稿"
    done = subprocess.run([sys.executable, "-m", "reportgen", "render", str(ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml"),
                           "-o", str(folder), "--format", "html,docx"], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    reviewed = _review(str(folder), "--layout", "上海")
    heads = [line for line in reviewed.stdout.splitlines() if line.startswith("== ")]
    assert len(heads) == 2 and "未审核" not in reviewed.stderr, reviewed.stderr


def test_every_core_gives_what_one_at_a_time_gives(tmp_path):
    require_program("pdftotext")
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        done = _review(str(PDFS.relative_to(ROOT)), "tests/seeds/juesuan", "--layout", "上海", "--jobs", jobs, "-o", str(out))
        runs[jobs] = (done.returncode, done.stdout, {p.name: p.read_bytes() for p in out.iterdir()})
    assert runs["1"] == runs["2"]
    assert len(runs["2"][2]) > 30


def test_jobs_is_a_positive_number():
    done = _review(str(PDFS), "--jobs", "0")
    assert done.returncode == 2 and "--jobs 0：应为 1 或更大的整数" in done.stderr


def test_the_progress_line_is_for_a_terminal_only(capsys, monkeypatch):
    from reportgen.review.batch import Progress

    progress = Progress(3)  # captured stderr is no terminal: nothing drawn
    progress.step("审核")
    progress.end()
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    progress = Progress(3)
    for _ in range(3):
        progress.clear()
        progress.step("审核")
    progress.end()
    assert capsys.readouterr().err == "\r审核 1/3\r\x1b[K\r审核 2/3\r\x1b[K\r审核 3/3\n"
