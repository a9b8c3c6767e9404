"""Folders as reviewers keep them (issue 38 part 6): subfolders reviewed (one per 部门), documents of the
same name in two folders kept apart, reportgen's own outputs and the pages' folder passed over and
said so, a rendered draft reviewed like any document; the documents reviewed on every core with the
same pages, the same words and the same exit as one at a time (tests/test_review_desk.py, sharing its
review of the seeds on two cores)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clients import require_program
from tests.saved_again import catalogue_last, catalogue_packed, note_added, signed
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "tests" / "seeds" / "pdf"


def _review(*args: str) -> subprocess.CompletedProcess[str]:
    return reportgen("review", *args, cwd=ROOT)


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


def test_the_reviews_own_outputs_are_never_reviewed_however_named_numbered_or_saved(tmp_path):
    """A bureau's folder of 1,000 documents has hand-back files numbered 1000 and up; a reviewer
    renames a copy, saves a note into it, a PDF program writes it again with its catalogue last (the
    mark past the first 4 KB) or packed in a compressed stream, Word saves a signed notice under a
    name of its own: each is still review's output, told, never reviewed nor counted."""
    require_program("pdftotext")
    document = PDFS / "shanghai-putuo-wanli-2025.pdf"
    out = tmp_path / "审核"
    assert _review(str(document), "--layout", "上海", "-o", str(out)).returncode in (0, 1)
    (copy,) = out.glob("*-annotated.pdf")
    (notice,) = out.glob("*-notice.docx")
    (table,) = out.glob("*-findings.xlsx")
    folder = tmp_path / "报来的"
    folder.mkdir()
    shutil.copyfile(document, folder / "万里街道.pdf")
    noted = tmp_path / "noted.pdf"
    shutil.copyfile(copy, noted)
    note_added(noted)
    own = {"1000-万里街道-notice.docx": notice.read_bytes(), "1000-万里街道-findings.xlsx": table.read_bytes(),
           "审核稿.pdf": catalogue_last(copy.read_bytes()), "另存的副本.pdf": catalogue_packed(copy.read_bytes()),
           "已批注.pdf": noted.read_bytes(), "整改通知（已签）.docx": signed(notice.read_bytes())}
    assert copy.read_bytes()[:4096].count(b"/ReportgenReview") == 1  # as written: the mark in the first bytes
    assert b"/ReportgenReview" not in own["审核稿.pdf"][:4096] and b"/ReportgenReview" not in own["另存的副本.pdf"]
    for name, data in own.items():
        (folder / name).write_bytes(data)
    done = _review(str(folder), "--layout", "上海")
    assert [line for line in done.stdout.splitlines() if line.startswith("== ")] == [f"== {folder / '万里街道.pdf'}"]
    for name in own:
        assert f"{folder / name}：是 reportgen 写出的核对页面、标注副本或整改通知，未审核" in done.stderr, done.stderr
    assert "审核 1 份文件" in done.stdout
    named = _review(*(str(p) for p in sorted(folder.iterdir())), "--layout", "上海")  # `review 报来的/*`
    assert [line for line in named.stdout.splitlines() if line.startswith("== ")] == [f"== {folder / '万里街道.pdf'}"]
    assert named.stderr.count("未审核") == len(own), named.stderr


def test_a_document_reached_twice_is_reviewed_once_and_said_so(tmp_path):
    require_program("pdftotext")
    folder = tmp_path / "in"
    (folder / "甲局").mkdir(parents=True)
    shutil.copyfile(PDFS / "shanghai-putuo-wanli-2025.pdf", folder / "甲局" / "a.pdf")
    os.link(folder / "甲局" / "a.pdf", folder / "a-link.pdf")  # another name of the same file
    done = _review(str(folder), str(folder / "甲局"), str(folder / "甲局" / "a.pdf"), "--layout", "上海", "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert [d["document"] for d in json.loads(done.stdout)] == [str(folder / "a-link.pdf")]
    assert f"{folder / '甲局' / 'a.pdf'}：与 {folder / 'a-link.pdf'} 是同一个文件，只审核一次" in done.stderr
    assert f"{folder / '甲局'}：已作为 {folder} 中的文件夹审核过，其中的文件只审核一次" in done.stderr
    assert done.stderr.count(f"{folder / '甲局' / 'a.pdf'}：与") == 2, done.stderr  # in the folder, and named outright


def test_a_draft_reportgen_rendered_is_reviewed_like_any_document(tmp_path):
    require_program("pdftotext")
    folder = tmp_path / "草稿"
    done = reportgen("render", ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml", "-o", folder, "--format", "html,docx",
                     cwd=ROOT)
    assert done.returncode == 0, done.stderr
    reviewed = _review(str(folder), "--layout", "上海")
    heads = [line for line in reviewed.stdout.splitlines() if line.startswith("== ")]
    assert len(heads) == 2 and "未审核" not in reviewed.stderr, reviewed.stderr


class _Inherited:
    """Garbage of the process that starts a review: a cycle whose finaliser says in which process it ran."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.me = folder, self

    def __del__(self) -> None:
        (self.folder / f"collected-in-{os.getpid()}").touch()


def test_a_worker_never_collects_what_it_inherited(tmp_path):
    """A forked worker holds a copy of its parent's objects, garbage among them: collected in the worker, that
    garbage's finalisers ran there (a parent's temporary folder removed by its child's copy), and the walk wrote to
    every inherited object, copying its pages. The worker sets aside what it started with (review/batch.py
    ``started``): only the parent, which owns them, collects them."""
    require_program("pdftotext")
    import gc

    enabled = gc.isenabled()
    gc.disable()  # the cycle stays uncollected here until the review's workers are forked
    try:
        _Inherited(tmp_path)
        done = _review(str(PDFS / "shanghai-putuo-wanli-2025.pdf"), str(PDFS / "shanghai-putuo-wanli-2024.pdf"),
                       "--jobs", "2", "-o", str(tmp_path / "pages"))
        assert done.returncode == 1, done.stderr
        assert list(tmp_path.glob("collected-in-*")) == []
    finally:
        gc.collect()
        if enabled:
            gc.enable()
    assert [path.name for path in tmp_path.glob("collected-in-*")] == [f"collected-in-{os.getpid()}"]


def test_jobs_is_a_positive_number():
    done = _review(str(PDFS), "--jobs", "0")
    assert done.returncode == 2 and "--jobs 0：应为 1 或更大的整数" in done.stderr


def test_the_progress_line_is_for_a_terminal_only(capsys, monkeypatch):
    from reportgen.paperwork.batch import Progress

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
