"""The desk under the hostile and accidental inputs of issue 52 that once ended in 内部错误 or printed
raw what an input said: a "restricted editing" PDF (AES, an owner password only), a file name of GBK
bytes (a Windows zip unpacked here), a name of 80 Han characters, a text over an Excel cell's limit, a
review worker the system kills, and control and bidi characters in a roster and in a draft. Every
document is a real published one (tests/seeds/pdf), made hostile here the way it reaches a reviewer.
And the web desk under hostile requests (issue 81): a Host it does not answer to, an error Django or
waitress would answer in English, a control or bidi character typed into a roster or a form."""

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
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
WANLI = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf"
SHANGWU = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-shangwuwei-unit-2025.pdf"  # the smallest seed PDF (22
# pages): the tests of a file's name review or import it, whatever it says
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200b]")

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _reportgen(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The program as a user runs it (bytes: what reaches the terminal, exactly) — for a test of what reaches the
    terminal; a test of what a file makes of the review, the import or the render runs the command in this process
    (tests/support/cli.py: the command's whole path, without a Python started and reportgen imported for it, about
    1.5 CPU-s each)."""
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
    done = reportgen("review", str(tmp_path / "in"), "-o", str(tmp_path / "rv"), cwd=ROOT)
    assert done.returncode in (0, 1) and "内部错误" not in done.stderr, done.stderr
    copy = tmp_path / "rv" / "001-restricted-annotated.pdf"
    assert copy.is_file() and len(PdfReader(copy).pages) == len(PdfReader(SHANGWU).pages) + 1


@needs_pdftotext
def test_a_file_named_in_gbk_bytes_is_reviewed_and_imported_under_its_chinese_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "万里街道2025年预算".encode("gbk") + b".pdf"
    shutil.copy(SHANGWU, os.path.join(os.fsencode(folder), name))
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
    shutil.copy(WANLI, folder / "万里\n街道.pdf")  # (its findings: three lines or more name it)
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
    done = _reportgen("import", str(SHANGWU), "--layout", "上海", "-o", str(tmp_path / "万里\n2025.yaml"))
    assert done.returncode in (0, 1), done.stderr.decode()
    written = [line for line in done.stdout.decode("utf-8").splitlines() if line.startswith("已写出")]
    assert written and all("万里[U+000A]2025.yaml" in line for line in written), done.stdout.decode()
    assert not [line for line in (done.stdout + done.stderr).decode("utf-8").splitlines() if line.startswith("2025.yaml")]


@needs_pdftotext
def test_a_document_named_with_80_han_characters_gets_its_pages(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = ("上海市普陀区人民政府万里街道办事处" * 5)[:80] + ".pdf"
    shutil.copy(SHANGWU, folder / name)
    done = reportgen("review", str(folder), "-o", str(tmp_path / "rv"), cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr
    assert all(len(p.name.encode()) <= 255 for p in (tmp_path / "rv").iterdir())
    _links_resolve(tmp_path / "rv")


def test_a_text_over_an_excel_cells_limit_is_told_and_nothing_is_written(tmp_path):
    source = (ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
    duty = "    - 做好职工教育培训工作，组织职工开展文体活动\n"
    assert duty in source
    long = tmp_path / "long.yaml"
    long.write_text(source.replace(duty, "    - " + "做好职工教育培训工作，组织职工开展文体活动。" * 1700 + "\n", 1),
                    encoding="utf-8")
    done = reportgen("render", str(long), "--layout", "上海", "--format", "docx,xlsx", "-o", str(tmp_path / "out"), cwd=ROOT)
    err = done.stderr
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

    def dies_on_b(files, layout, held=False):  # what the out-of-memory killer does to a worker
        if files[0].name == "b-killed.pdf":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(files, layout, held)

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
        done = reportgen("import", str(workbook), "--layout", "上海", "-o", str(tmp_path / f"{workbook.stem}.yaml"), cwd=ROOT)
        assert done.returncode == 0, done.stderr
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
        done = reportgen("import", str(workbook), "--layout", "上海", "-o", str(out), "--report",
                         str(tmp_path / f"{workbook.stem}.html"), cwd=ROOT)
        assert done.returncode == 0, done.stderr
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
    from reportgen.paperwork.handback import _line

    assert _line("收入预算\u202e1,273.52\u200b万元\x1b[2J\n合计") == "收入预算[U+202E]1,273.52[U+200B]万元 [2J 合计"


# The desk under hostile requests (issue 81 part 3): a Host it does not answer to, error pages, typed-in marks.
_MARKS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _desk_row(name: str, **fields: object):  # type: ignore[no-untyped-def]
    """A roster row written as an import writes it (its link's digest a name of its own)."""
    from datetime import date

    from reportgen.desk.record.models import Member

    return Member.objects.create(position=30_000 + Member.objects.count(), name=name, kind="部门", parent="",
                                 approved=date(2025, 1, 20), place="测试", token_digest=f"hostile-{Member.objects.count()}",
                                 **fields)


def test_the_desk_answers_its_own_names_alone_and_builds_links_on_its_own_address(desk_site, tmp_path):
    from reportgen.desk.settings import DeskRefused, site_of
    from tests.support.desk import roster_csv, token

    refused = desk_site.client().get("/login", HTTP_HOST="evil.example")
    assert refused.status_code == 400 and "审核台不接受这个地址（Host）的请求" in refused.content.decode()
    reviewer = desk_site.signed_in()
    reviewer.get("/register", HTTP_HOST="localhost")
    with roster_csv(tmp_path / "名单.csv", [["主机测试单位", "部门", "主机测试单位", "2025-01-20", "", ""]]).open("rb") as roster:
        page = reviewer.post("/roster", {"roster": roster, **token(reviewer)}, HTTP_HOST="localhost").content.decode()
    assert 'href="http://testserver/s/' in page and "http://localhost/s/" not in page  # the desk's address, not the Host
    site = site_of("0.0.0.0", 8055, ["desk.czj.gov.cn", "https://desk.example.gov.cn/"])  # noqa: S104
    assert site.address == "http://desk.czj.gov.cn:8055"
    assert site.hosts == ("desk.czj.gov.cn", "desk.example.gov.cn", "localhost", "127.0.0.1", "[::1]")
    assert site_of("0.0.0.0", 8055, ["https://desk.example.gov.cn/"]).address == "https://desk.example.gov.cn"  # noqa: S104
    assert site_of("192.168.1.20", 8055).address == "http://192.168.1.20:8055"
    with pytest.raises(DeskRefused, match="应为主机名或地址"):
        site_of("127.0.0.1", 8055, ["ftp://desk.example.gov.cn"])


def test_every_error_page_is_the_desks_own_in_chinese(desk_site, monkeypatch):
    from django.test import Client

    from reportgen.desk.web import views
    from tests.support.desk import token

    anyone, reviewer = desk_site.client(), desk_site.signed_in()
    missing = anyone.get("/no-such-page")
    assert missing.status_code == 404 and "没有这个页面" in missing.content.decode()
    member = _desk_row("作废链接测试单位")
    old = "an-old-token"
    member.token_digest = views.token_digest(old)
    member.save()
    reviewer.get(f"/member/{member.id}")
    assert reviewer.post(f"/member/{member.id}/link", token(reviewer)).status_code == 200  # a new link: the old one revoked
    revoked = anyone.get(f"/s/{old}")
    assert revoked.status_code == 404 and "这个报送链接已作废或有误" in revoked.content.decode()
    wrong_method = reviewer.get("/document/1/accept")
    assert wrong_method.status_code == 405 and "这个地址不接受这样的请求" in wrong_method.content.decode()
    assert wrong_method["Allow"] == "POST"
    no_file = reviewer.get("/document/1/no-such-file")
    assert no_file.status_code == 404 and "没有这个页面" in no_file.content.decode()
    forged = reviewer.post("/document/1/accept", {"seen": "0"})  # no CSRF token
    assert forged.status_code == 403 and "CSRF" in forged.content.decode()

    def fails(*args: object) -> None:
        raise RuntimeError("a fault of the desk's own")

    monkeypatch.setattr(views, "chosen", fails)  # the register's rows
    failing = Client(raise_request_exception=False)
    failing.cookies = reviewer.cookies
    failed = failing.get("/register")
    page = failed.content.decode()
    assert failed.status_code == 500 and "审核台内部出错，这次操作没有完成" in page and "RuntimeError" not in page


def test_a_body_past_waitresss_bound_gets_the_desks_page_in_chinese(desk_site):
    """waitress refuses a body declared past its bound before the desk sees it: with the desk's page, not its own
    English text."""
    import socket
    import threading

    from django.core.handlers.wsgi import WSGIHandler
    from waitress import wasyncore

    from reportgen.desk.web.front import desk_server

    server = desk_server(WSGIHandler(), host="127.0.0.1", port=0, max_request_body_size=1000, threads=1)
    serving = threading.Thread(target=server.run, daemon=True)
    serving.start()
    try:
        with socket.create_connection(("127.0.0.1", server.effective_port), timeout=10) as connection:
            connection.sendall(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\n")
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
    finally:
        server.task_dispatcher.shutdown()
        wasyncore.close_all(server._map)  # noqa: SLF001 - the loop ends with its sockets
        serving.join(timeout=10)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and b"text/html; charset=utf-8" in head, head
    assert "文件超过 50 MB，未接收" in body.decode() and b"waitress" not in body


def test_control_and_bidi_characters_typed_in_are_shown_as_marks_on_the_desk(desk_site, tmp_path):
    from reportgen.desk.record.models import Event, Submission
    from tests.support.desk import import_roster, roster_csv

    hostile = "伪造\u202e单位\x1b[2J\u2066乙\u200f"
    reviewer = desk_site.signed_in()
    import_roster(reviewer, roster_csv(tmp_path / "名单.csv", [[hostile, "部门", hostile, "2025-01-20", "", ""]]))
    register = reviewer.get("/register").content.decode()
    assert "伪造⟨U+202E⟩单位⟨U+001B⟩[2J⟨U+2066⟩乙⟨U+200F⟩" in register and not _MARKS.search(register)
    member = _desk_row("标记测试单位")
    submission = Submission.objects.create(member=member, number=1, digest="0" * 64, size=1, kind="pdf", given_name="稿.pdf",
                                           state="已退回", outcome="有问题", issuer="普陀区\u202e局政财", issued="2025-02-01",
                                           deadline="2025-02-10")
    Event.objects.create(who="审核员\u202e乙", member=member, submission=submission, before="审核中", after="已退回",
                         note="说明\x07\u2067")
    page = reviewer.get(f"/document/{submission.id}").content.decode()
    assert "已退回：普陀区⟨U+202E⟩局政财" in page and "审核员⟨U+202E⟩乙" in page and "说明⟨U+0007⟩⟨U+2067⟩" in page
    assert not _MARKS.search(page) and not _MARKS.search(reviewer.get(f"/member/{member.id}").content.decode())


def test_sign_in_is_refused_for_a_while_after_five_failures_of_a_name_or_from_an_address(desk_site):
    from datetime import timedelta

    from django.contrib.auth.models import User
    from django.test import Client
    from django.utils import timezone

    from reportgen.desk.record.models import SignInFailure
    from tests.support.desk import PASSWORD, REVIEWER, token

    name, password = "审核员丙", "a third correct horse battery"
    if not User.objects.filter(username=name).exists():
        User.objects.create_user(name, password=password)

    def sign_in(address: str, username: str, given: str):  # type: ignore[no-untyped-def]
        client = Client(enforce_csrf_checks=True, REMOTE_ADDR=address)
        client.get("/login")
        return client.post("/login", {"username": username, "password": given, **token(client)})

    for attempt in range(5):  # guessed from one address, each time another name
        assert sign_in("10.8.0.1", f"猜测{attempt}", "guess").status_code == 400
    barred = sign_in("10.8.0.1", name, password)  # the right password too, from there
    assert barred.status_code == 429 and "登录失败次数过多（15 分钟内 5 次），暂停登录：请 15 分钟后再试" in barred.content.decode()
    for attempt in range(5):  # one name guessed from five addresses
        assert sign_in(f"10.8.1.{attempt}", name, "guess").status_code == 400
    assert sign_in("10.8.2.1", name, password).status_code == 429
    assert sign_in("10.8.2.1", REVIEWER, PASSWORD).status_code == 302  # another name: not barred
    SignInFailure.objects.filter(when__gte=timezone.now() - timedelta(minutes=15)).update(
        when=timezone.now() - timedelta(minutes=16))  # the window passed over them
    assert sign_in("10.8.0.1", name, password).status_code == 302
    assert not SignInFailure.objects.filter(username=name, address="10.8.0.1").exists()


def test_a_roster_row_is_one_row_however_often_it_is_written_or_imported(desk_site, tmp_path, monkeypatch):
    """A row the roster holds twice is imported once; importing it again adds nothing; and two imports at once (the
    second read the table before the first wrote it) add each row once — the table's key refuses the second."""
    from django.db import IntegrityError, transaction

    from reportgen.desk.record.models import Member
    from reportgen.desk.web import views
    from tests.support.desk import import_roster, roster_csv, token

    twice, other = "名单重复测试单位", "名单重复测试单位（另一行）"
    rows = [[twice, "部门", twice, "2025-01-20", "", "2025"], [other, "部门", other, "2025-01-20", "", ""],
            [twice, "部门", twice, "2025-01-20", "", "2025"], [other, "部门", other, "2025-01-20", "", ""]]
    roster = roster_csv(tmp_path / "名单.csv", rows)
    reviewer = desk_site.signed_in()
    assert sorted(import_roster(reviewer, roster)) == [twice, other]
    assert import_roster(reviewer, roster) == {}
    assert Member.objects.filter(name__in=[twice, other]).count() == 2
    monkeypatch.setattr(views.Member.objects, "all", lambda: [])  # read before the other import wrote its rows
    with roster.open("rb") as upload:
        response = reviewer.post("/roster", {"roster": upload, **token(reviewer)})
    assert response.status_code == 400 and "另一位审核人员正在同时导入名单" in response.content.decode()
    monkeypatch.undo()
    assert Member.objects.filter(name__in=[twice, other]).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():  # the key, whatever writes the row
        Member.objects.create(position=0, name=other, kind="部门", parent=other, approved="2025-01-20", place="测试",
                              token_digest="roster-twice")
