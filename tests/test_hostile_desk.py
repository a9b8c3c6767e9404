"""The desk under the hostile and accidental inputs of issue 52 that once ended in 内部错误 or printed
raw what an input said: a "restricted editing" PDF (AES, an owner password only), a file name of GBK
bytes (a Windows zip unpacked here), a name of 80 Han characters, a text over an Excel cell's limit, a
review worker the system kills, and control and bidi characters in a roster and in a draft. Every
document is a real published one (tests/seeds/pdf), made hostile here the way it reaches a reviewer."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import xlsxwriter
from pypdf import PdfReader, PdfWriter

from reportgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
WANLI = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf"
SHANGWU = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-shangwuwei-unit-2025.pdf"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200b]")

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _reportgen(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The program as a user runs it (bytes: what reaches the terminal, exactly)."""
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True, check=False, cwd=ROOT)


def _links_resolve(folder: Path) -> None:
    page = (folder / "index.html").read_text(encoding="utf-8")
    targets = {href.split("#", 1)[0] for href in re.findall(r'href="([^"]+)"', page)}
    local = {t for t in targets if t and "://" not in t and not t.startswith(("mailto:", "data:"))}
    assert local and all((folder / t).is_file() for t in local), sorted(t for t in local if not (folder / t).is_file())


@needs_pdftotext
def test_a_pdf_with_only_an_owner_password_is_reviewed_and_copied(tmp_path):
    """AES-256 with an empty user password: every reader opens it without asking, so must review -o."""
    writer = PdfWriter(clone_from=PdfReader(SHANGWU))
    writer.encrypt(user_password="", owner_password="不许编辑", algorithm="AES-256")
    (tmp_path / "in").mkdir()
    with (tmp_path / "in" / "restricted.pdf").open("wb") as file:
        writer.write(file)
    done = _reportgen("review", str(tmp_path / "in"), "-o", str(tmp_path / "rv"))
    err = done.stderr.decode()
    assert done.returncode in (0, 1) and "内部错误" not in err, err
    copy = tmp_path / "rv" / "001-restricted-annotated.pdf"
    assert copy.is_file() and len(PdfReader(copy).pages) == len(PdfReader(SHANGWU).pages) + 1


@needs_pdftotext
def test_a_file_named_in_gbk_bytes_is_reviewed_and_imported_under_its_chinese_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "万里街道2025年预算".encode("gbk") + b".pdf"
    shutil.copy(WANLI, os.path.join(os.fsencode(folder), name))
    done = _reportgen("review", str(folder), "-o", str(tmp_path / "rv"))
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # the terminal gets UTF-8 it can show
    assert done.returncode in (0, 1) and "内部错误" not in err, err
    assert "万里街道2025年预算.pdf" in out + err
    assert (tmp_path / "rv" / "001-万里街道2025年预算-prose.html").is_file()
    _links_resolve(tmp_path / "rv")
    source = tmp_path / "x.yaml"
    done = _reportgen("import", os.fsdecode(os.path.join(os.fsencode(folder), name)), "-o", str(source))
    assert done.returncode == 0, done.stderr.decode()
    assert "读取：" + str(folder / "万里街道2025年预算.pdf") in source.read_text(encoding="utf-8")


@needs_pdftotext
def test_a_file_named_with_a_line_break_is_told_on_one_line_each_time(tmp_path):
    """A name holds any character but / and NUL: one with a line break in it (“万里\n街道.pdf”) split every line of the text
    output that named it — its second half began a line of its own, read as nothing the review said. Each line that names
    it now shows the break as [U+000A]; the JSON keeps the name as it is (a program reads it exactly)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(WANLI, folder / "万里\n街道.pdf")
    done = _reportgen("review", str(folder), "--layout", "上海")
    out = done.stdout.decode("utf-8")
    assert done.returncode in (0, 1), done.stderr.decode()
    lines = out.splitlines()
    assert not [line for line in lines if line.startswith("街道")], out
    named = [line for line in lines if "万里" in line]
    assert len(named) >= 3 and all("万里[U+000A]街道.pdf" in line for line in named), out
    listed = json.loads(_reportgen("review", str(folder), "--layout", "上海", "--format", "json").stdout)
    assert [entry["document"] for entry in listed] == [str(folder / "万里\n街道.pdf")]


def test_render_and_import_tell_a_name_with_a_line_break_on_one_line(tmp_path):
    """The same for the lines a render and an import print of what they wrote: “… 已生成 out/盐田\n2022.html（0.12 秒）”
    began a line with the name's second half."""
    folder = tmp_path / "盐田\n工会"
    folder.mkdir()
    source = folder / "shenzhen-yantian-zgh-2022.yaml"
    shutil.copy(ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml", source)
    done = _reportgen("render", str(source), "--format", "html", "-o", str(tmp_path / "出\n稿"))
    assert done.returncode == 0, done.stderr.decode()
    said = done.stdout.decode("utf-8")
    assert said.count("\n") == 1 and "盐田[U+000A]工会" in said and "出[U+000A]稿" in said, said
    done = _reportgen("import", str(WANLI), "--layout", "上海", "-o", str(tmp_path / "万里\n2025.yaml"))
    assert done.returncode in (0, 1), done.stderr.decode()
    written = [line for line in done.stdout.decode("utf-8").splitlines() if line.startswith("已写出")]
    assert written and all("万里[U+000A]2025.yaml" in line for line in written), done.stdout.decode()
    assert not [line for line in (done.stdout + done.stderr).decode("utf-8").splitlines() if line.startswith("2025.yaml")]


@needs_pdftotext
def test_a_document_named_with_80_han_characters_gets_its_pages(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = ("上海市普陀区人民政府万里街道办事处" * 5)[:80] + ".pdf"
    shutil.copy(WANLI, folder / name)
    done = _reportgen("review", str(folder), "-o", str(tmp_path / "rv"))
    assert done.returncode in (0, 1), done.stderr.decode()
    assert all(len(p.name.encode()) <= 255 for p in (tmp_path / "rv").iterdir())
    _links_resolve(tmp_path / "rv")


def test_a_text_over_an_excel_cells_limit_is_told_and_nothing_is_written(tmp_path):
    source = (ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
    duty = "    - 做好职工教育培训工作，组织职工开展文体活动\n"
    assert duty in source
    long = tmp_path / "long.yaml"
    long.write_text(source.replace(duty, "    - " + "做好职工教育培训工作，组织职工开展文体活动。" * 1700 + "\n", 1),
                    encoding="utf-8")
    done = _reportgen("render", str(long), "--layout", "上海", "--format", "docx,xlsx", "-o", str(tmp_path / "out"))
    err = done.stderr.decode()
    assert done.returncode == 1 and "内部错误" not in err and "32,767" in err and "部门主要职能" in err, err
    assert not (tmp_path / "out").exists()


@needs_pdftotext
def test_a_review_worker_killed_by_the_system_costs_one_document_not_the_review(tmp_path, monkeypatch, capsys):
    from reportgen.review import documents

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a-ok.pdf", "b-killed.pdf", "c-ok.pdf"):
        shutil.copy(SHANGWU, folder / name)
    real = documents.review_files

    def dies_on_b(files, layout):  # what the out-of-memory killer does to a worker
        if files[0].name == "b-killed.pdf":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(files, layout)

    monkeypatch.setattr(documents, "review_files", dies_on_b)
    code = main(["review", str(folder), "--jobs", "2", "-o", str(tmp_path / "rv")])
    said = capsys.readouterr()
    assert code == 1 and "内部错误" not in said.err, said.err
    assert "b-killed.pdf" in said.out + said.err and "被系统终止" in said.out + said.err
    assert all((tmp_path / "rv" / f"{i:03d}-{n}-prose.html").is_file() for i, n in ((1, "a-ok"), (3, "c-ok")))


@needs_pdftotext
def test_control_and_bidi_characters_of_a_roster_are_shown_as_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SHANGWU, folder / "shangwu.pdf")
    hostile = "上海市普陀区\x1b[2J商务\x07委员会\r伪造\u202e单位"
    roster = tmp_path / "名单.xlsx"  # as a reviewer's workbook carries them (Excel writes them _x001B_)
    book = xlsxwriter.Workbook(str(roster))
    sheet = book.add_worksheet("名单")
    for row, values in enumerate([["单位名称", "类型", "主管部门", "批复日期", "公开日期", "年度"],
                                  [hostile, "单位", "上海市普陀区商务委员会", "2025-01-20", "", "2025"]]):
        sheet.write_row(row, 0, values)
    book.close()
    done = _reportgen("review", str(folder), "--roster", str(roster), "-o", str(tmp_path / "rv"))
    terminal = done.stdout.decode() + done.stderr.decode()
    assert done.returncode in (0, 1) and "内部错误" not in terminal, terminal
    assert not RAW.search(terminal), repr(RAW.search(terminal))
    assert "[U+001B]" in terminal or "[U+202E]" in (tmp_path / "rv" / "index.html").read_text(encoding="utf-8")
    for page in (tmp_path / "rv").glob("*.html"):
        assert not RAW.search(page.read_text(encoding="utf-8")), page.name


def test_control_characters_of_a_draft_never_reach_the_check_report(tmp_path):
    draft = tmp_path / "稿.txt"
    draft.write_text("一、收支预算总体情况\n\x1b[31m收入预算\x07 1,273.52万元\u202e，支出预算1,273.52万元。\n", encoding="utf-8")
    report = tmp_path / "review.html"
    done = _reportgen("check", "data/shenzhen-yantian-zgh-2022.yaml", "--against", str(draft), "--report", str(report))
    terminal = done.stdout.decode() + done.stderr.decode()
    assert "内部错误" not in terminal and report.is_file(), terminal
    assert not RAW.search(terminal), terminal
    page = report.read_text(encoding="utf-8")
    assert not RAW.search(page) and "[U+001B]" in page


@pytest.mark.parametrize("codepage", [936, 1252])
def test_a_biff8_workbook_whose_codepage_record_says_936_or_1252_is_read_as_excel_reads_it(tmp_path, codepage):
    """BIFF8 text is UTF-16 whatever CODEPAGE says (WPS and older writers put the system's there);
    the 万里街道 2025 workbook as .xls with that record set imports to the same source, sheet names
    and all, and the file given is never changed."""
    import struct

    original = (ROOT / "tests" / "fixtures" / "import" / "wanli-2025-biff8.xls").read_bytes()
    record = struct.pack("<HHH", 0x0042, 2, 1200)
    assert original.count(record) == 1
    changed = tmp_path / f"cp{codepage}.xls"
    changed.write_bytes(original.replace(record, struct.pack("<HHH", 0x0042, 2, codepage)))
    before = changed.read_bytes()
    plain = tmp_path / "plain.xls"
    plain.write_bytes(original)
    for workbook in (plain, changed):
        done = _reportgen("import", str(workbook), "--layout", "上海", "-o", str(tmp_path / f"{workbook.stem}.yaml"))
        assert done.returncode == 0, done.stderr.decode()
    body = [(tmp_path / f"{name}.yaml").read_text(encoding="utf-8").split("\n部门:", 1)[1] for name in ("plain", changed.stem)]
    assert body[0] == body[1] and "上海市普陀区人民政府万里街道办事处" in body[1]
    assert changed.read_bytes() == before


def test_an_excel_95_workbook_in_code_page_936_is_read_in_its_code_page(tmp_path):
    """万里街道 2025's workbook (every sheet's text and figures) as an old system exports it: BIFF5, its
    text GBK bytes under CODEPAGE 936 (tests/biff5.py). It imports to the figures the .xlsx gives,
    its sheets named in Chinese."""
    import python_calamine

    from tests.biff5 import book_stream, compound_file

    xlsx = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"
    book = python_calamine.CalamineWorkbook.from_path(str(xlsx))
    sheets = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets.append((name, [[v if isinstance(v, (str, float)) else str(v) for v in row] or [""] for row in rows] or [[""]]))
    old = tmp_path / "wanli-2025-excel95.xls"
    old.write_bytes(compound_file(book_stream(sheets, codepage=936)))
    outputs = {}
    for workbook in (xlsx, old):
        out = tmp_path / f"{workbook.stem}.yaml"
        done = _reportgen("import", str(workbook), "--layout", "上海", "-o", str(out), "--report", str(tmp_path / f"{workbook.stem}.html"))
        assert done.returncode == 0, done.stderr.decode()
        outputs[workbook] = out.read_text(encoding="utf-8")
    assert "部门收支总表" in (tmp_path / f"{old.stem}.html").read_text(encoding="utf-8")
    figures = [re.findall(r"^\s+(?:- )?[^#\n]*?(\d[\d.]*)\s+#", text, re.M) for text in outputs.values()]
    assert figures[0] and figures[0] == figures[1]


def test_a_source_named_in_gbk_bytes_renders_and_renders_again(tmp_path):
    """Its outputs take its name (the same bytes); the folder's record of what was written keeps that
    name so that the next render knows them as its own."""
    folder = os.fsencode(tmp_path)
    source = os.fsdecode(os.path.join(folder, "盐田区总工会".encode("gbk") + b".yaml"))
    shutil.copy(ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml", source)
    for _ in range(2):
        done = _reportgen("render", source, "-o", str(tmp_path / "out"))
        assert done.returncode == 0 and "盐田区总工会.docx" in done.stderr.decode() + done.stdout.decode(), done.stderr.decode()
    names = {os.fsdecode(n) for n in os.listdir(os.fsencode(tmp_path / "out"))}
    assert {os.fsdecode("盐田区总工会".encode("gbk") + s) for s in (b".docx", b".html")} <= names


def test_a_hand_back_cell_carries_no_control_or_bidi_character_raw():
    """What a finding quotes of a document (its 原文) reaches the notice's and the findings table's cells
    on one line, a bidi override or a zero-width space written as text, never raw into Word or Excel."""
    from reportgen.review.handback import _line

    assert _line("收入预算\u202e1,273.52\u200b万元\x1b[2J\n合计") == "收入预算[U+202E]1,273.52[U+200B]万元 [2J 合计"
