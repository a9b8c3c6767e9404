"""Every output path of every command passes one guard (reportgen/reading/outputs.py) before any
work: never over an input, never two outputs on one file, never over a file reportgen did not write
(a source is never written over at all; a page only where it is one of reportgen's own pages).
Fixtures: the 万里街道 2025 workbook and the 盐田区总工会 2022 source, both real."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from reportgen.base.staging import replace_together
from reportgen.base.written import RECORD, Overwrite
from reportgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
MINE = "<p>我自己的页面</p>\n"


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    said = capsys.readouterr()
    return code, said.out + said.err


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return Path(shutil.copy(WORKBOOK, tmp_path / "in.xlsx"))


# -- import ------------------------------------------------------------------------------------
def test_a_report_over_the_users_own_page_is_refused_and_nothing_is_written(workbook, capsys):
    page = workbook.parent / "page.html"
    page.write_text(MINE, encoding="utf-8")
    before = files(workbook.parent)
    code, said = run(capsys, "import", workbook, "-o", workbook.parent / "x.yaml", "--report", page)
    assert code == 2 and "page.html" in said and "不是 reportgen 写出的页面" in said, said
    assert files(workbook.parent) == before  # no source either: refused before any work


def test_the_report_and_the_source_on_one_file_are_refused(workbook, capsys, monkeypatch):
    monkeypatch.chdir(workbook.parent)
    code, said = run(capsys, "import", "in.xlsx", "-o", "x.yaml", "--report", "./x.yaml")
    assert code == 2 and "--report 与 -o 指向同一个文件" in said, said
    assert not (workbook.parent / "x.yaml").exists()


def test_a_report_reportgen_wrote_is_written_again(workbook, capsys):
    page = workbook.parent / "import.html"
    run(capsys, "import", workbook, "-o", workbook.parent / "a.yaml", "--report", page)
    first = page.read_text(encoding="utf-8")
    assert '<meta name="generator" content="reportgen import">' in first
    code, said = run(capsys, "import", workbook, "-o", workbook.parent / "b.yaml", "--report", page)
    assert code != 2, said  # a report is the command's own page: a second import replaces it
    assert "b.yaml" in page.read_text(encoding="utf-8")


def test_a_report_where_a_pipe_stands_is_refused(workbook, capsys):
    os.mkfifo(workbook.parent / "pipe.html")
    code, said = run(capsys, "import", workbook, "-o", workbook.parent / "x.yaml", "--report",
                     workbook.parent / "pipe.html")
    assert code == 2 and "特殊文件" in said, said
    assert not (workbook.parent / "x.yaml").exists()


def test_prior_naming_the_input_itself_is_refused(workbook, capsys):
    before = files(workbook.parent)
    code, said = run(capsys, "import", workbook, "-o", workbook.parent / "x.yaml", "--prior", workbook)
    assert code == 2 and "--prior" in said and "就是本次导入的文件" in said, said
    assert files(workbook.parent) == before


def test_prior_of_the_same_year_is_refused_and_nothing_is_written(workbook, capsys):
    copy = Path(shutil.copy(workbook, workbook.parent / "copy.xlsx"))
    before = files(workbook.parent)
    code, said = run(capsys, "import", workbook, "-o", workbook.parent / "x.yaml", "--prior", copy)
    assert code == 1 and "是 2025 年的，应为上一年（2024 年）" in said, said
    assert files(workbook.parent) == before  # neither the source nor a same-year prior source


def test_a_folder_that_cannot_be_written_is_named_not_the_temporary_file(workbook, capsys, monkeypatch):
    """As root the test cannot make a folder read-only; the file system's answer is given as the kernel
    gives it, naming the temporary file the import opens first (EACCES on .x.yaml.<pid>.<hex>.tmp)."""
    target = workbook.parent / "ro" / "x.yaml"
    opened = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.parent == target.parent and self.name.endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return opened(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    code, said = run(capsys, "import", workbook, "-o", target)
    assert code == 1 and f"无法写入 {target}：没有权限" in said, said
    assert ".tmp" not in said and not target.exists()
    assert not target.parent.exists()  # the folder it made for the source is gone again


def test_a_file_where_the_folder_should_be_is_named(workbook, capsys):
    (workbook.parent / "afile").write_text("mine", encoding="utf-8")
    code, said = run(capsys, "import", workbook, "-o", workbook.parent / "afile" / "x.yaml")
    assert code == 2 and "afile 不是文件夹，而是文件" in said and "已存在，不会覆盖" not in said, said
    assert (workbook.parent / "afile").read_text(encoding="utf-8") == "mine"


# -- review ------------------------------------------------------------------------------------
def test_a_pipe_named_like_a_document_is_told_and_an_empty_folder_named(tmp_path, capsys):
    folder = tmp_path / "报来的"
    folder.mkdir()
    os.mkfifo(folder / "x.pdf")
    code, said = run(capsys, "review", folder)
    assert code == 2, said
    assert f"{folder / 'x.pdf'}：不是普通文件" in said  # told, not skipped in silence (nor opened: no hang)
    assert f"没有可审核的文件：{folder} 中" in said


def test_review_pages_never_replace_the_users_own_index(tmp_path, capsys):
    folder, out = tmp_path / "报来的", tmp_path / "审核"
    folder.mkdir()
    out.mkdir()
    shutil.copy(WORKBOOK, folder / "wanli.xlsx")
    (out / "index.html").write_text(MINE, encoding="utf-8")
    code, said = run(capsys, "review", folder, "-o", out)
    assert code == 2 and "index.html" in said and "不会覆盖" in said, said
    assert files(out) == {"index.html": MINE.encode()}


def test_review_pages_replace_reportgens_own_pages(tmp_path, capsys):
    folder, out = tmp_path / "报来的", tmp_path / "审核"
    folder.mkdir()
    shutil.copy(WORKBOOK, folder / "wanli.xlsx")
    run(capsys, "review", folder, "-o", out)
    first = files(out)
    code, said = run(capsys, "review", folder, "-o", out)
    assert code in (0, 1), said
    assert files(out) == first  # the same pages again, over reportgen's own


# -- check --against ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", [None, "草稿.yml", "草稿.txt"])
def test_a_source_given_as_its_own_draft_is_refused(tmp_path, capsys, name):
    draft = YANTIAN if name is None else Path(shutil.copy(YANTIAN, tmp_path / name))
    code, said = run(capsys, "check", YANTIAN, "--against", draft)
    assert code == 2, said
    assert ("就是源文件" if name is None else "是 YAML 文件，不是草稿") in said
    assert "不一致" not in said


def test_a_check_report_over_the_users_file_is_refused(tmp_path, capsys):
    draft, page = tmp_path / "稿.txt", tmp_path / "report.html"
    draft.write_text("深圳市盐田区总工会2022年支出预算1,273.52万元。\n", encoding="utf-8")
    page.write_text(MINE, encoding="utf-8")
    code, said = run(capsys, "check", YANTIAN, "--against", draft, "--report", page)
    assert code == 2 and "不会覆盖" in said, said
    assert page.read_text(encoding="utf-8") == MINE


def test_a_check_report_edited_since_is_never_replaced(tmp_path, capsys):
    """A page a user corrected by hand keeps reportgen's generator line: the record, not the mark, decides."""
    draft, page = tmp_path / "稿.txt", tmp_path / "report.html"
    draft.write_text("深圳市盐田区总工会2022年支出预算1,273.52万元。\n", encoding="utf-8")
    code, said = run(capsys, "check", YANTIAN, "--against", draft, "--report", page)
    assert code == 0 and page.exists(), said
    code, said = run(capsys, "check", YANTIAN, "--against", draft, "--report", page)
    assert code == 0, said  # its own page, unchanged since: written again
    edited = page.read_bytes().replace(b"</body>", "<p>已核，张三</p></body>".encode())
    assert b'<meta name="generator" content="reportgen' in edited
    page.write_bytes(edited)
    code, said = run(capsys, "check", YANTIAN, "--against", draft, "--report", page)
    assert code == 2 and f"不能写入 {page}" in said and "写出后已被改动" in said and "不会覆盖" in said, said
    assert page.read_bytes() == edited


# -- render ------------------------------------------------------------------------------------
def test_a_rendered_document_corrected_since_is_never_replaced(tmp_path, capsys):
    out = tmp_path / "out"
    code, said = run(capsys, "render", YANTIAN, "-o", out, "--format", "docx,html")
    assert code == 0, said
    code, said = run(capsys, "render", YANTIAN, "-o", out, "--format", "docx,html")
    assert code == 0, said  # the last render's outputs: replaced
    docx = out / f"{YANTIAN.stem}.docx"
    with docx.open("ab") as saved:  # saved again by another program: the first bytes as they were
        saved.write(b"\0")
    before = files(out)
    code, said = run(capsys, "render", YANTIAN, "-o", out, "--format", "docx,html")
    assert code == 1 and f"不能写入 {docx}" in said and "不会覆盖" in said, said
    assert files(out) == before  # neither output written: all or none


def test_an_output_changed_while_the_command_worked_is_not_replaced(tmp_path):
    """The guard looked before the work; the move into place looks again, under the folder's lock."""
    out = tmp_path / "out"
    replace_together([(out / "a.html", b"<p>a</p>"), (out / "b.html", b"<p>b</p>")], "render")
    (out / "b.html").write_bytes(b"<p>b, corrected by hand meanwhile</p>")
    before = files(out)
    with pytest.raises(Overwrite) as refused:
        replace_together([(out / "a.html", b"<p>new a</p>"), (out / "b.html", b"<p>new b</p>")], "render")
    assert refused.value.filename == str(out / "b.html") and "不会覆盖" in refused.value.strerror
    assert files(out) == before  # a.html not replaced either, no staging folder left


def test_outputs_in_one_folder_named_two_ways_are_recorded_together(tmp_path, monkeypatch):
    """`diff -o out/a.html -o /…/out/b.json`: one folder, one lock, one record (not a wait on its own lock)."""
    from reportgen.base import written

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(written, "_LOCK_WAIT", 1.0)
    (tmp_path / "out").mkdir()
    replace_together([(Path("out") / "a.html", b"<p>a</p>"), (tmp_path / "out" / "b.json", b"{}")], "diff")
    assert written.is_written(tmp_path / "out" / "a.html") and written.is_written(Path("out/b.json"))
    assert sorted(files(tmp_path / "out")) == [RECORD, "a.html", "b.json"]


def test_a_record_that_is_not_reportgens_is_never_replaced(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / RECORD).write_text("我的笔记\n", encoding="utf-8")
    code, said = run(capsys, "render", YANTIAN, "-o", out, "--format", "html")
    assert code == 1 and f"{out / RECORD} 应是 reportgen 写出文件的记录" in said, said
    assert files(out) == {RECORD: "我的笔记\n".encode()}
    draft = tmp_path / "稿.txt"
    draft.write_text("深圳市盐田区总工会2022年支出预算1,273.52万元。\n", encoding="utf-8")
    code, said = run(capsys, "check", YANTIAN, "--against", draft, "--report", tmp_path / RECORD)
    assert code == 2 and "不能作输出" in said and not (tmp_path / RECORD).exists(), said


# -- render's batch index ----------------------------------------------------------------------
def test_a_batch_index_goes_beside_the_users_own_index(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text(MINE, encoding="utf-8")
    sources = [shutil.copy(YANTIAN, tmp_path / "a.yaml"), shutil.copy(YANTIAN, tmp_path / "b.yaml")]
    code, said = run(capsys, "render", *sources, "-o", out, "--format", "html")
    assert code == 0, said
    assert (out / "index.html").read_text(encoding="utf-8") == MINE
    assert 'content="reportgen' in (out / "reportgen-index.html").read_text(encoding="utf-8")
