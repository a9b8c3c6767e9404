"""Old Word documents (.doc, WPS 文字's .wps) and RTF, as many government sites publish their
disclosures, are read as LibreOffice converts a private copy of them (readers/office/legacy.py): review,
import, diff and the desk give what they give for the same document as a .docx, every message naming
the file given. Without LibreOffice, or with one that hangs, crashes or makes nothing, the file is
refused with a Chinese message that says what to do; nothing is written, nothing is left behind.
A “.doc” that is something else is read as what its bytes are: a DOCX, a workbook, a web archive
(Word's “单个文件网页”, read as its page without LibreOffice), an encrypted file told as such.

The fixture is 上海市普陀区文化和旅游局's 2026 budget with one planted slip, as a .docx and as the .doc
LibreOffice saved of it once (tests/fixtures/olddocs/README.md). LibreOffice converts the .doc once a
session (``converted``): the tests that run review, import, diff and the desk read that DOCX through
the same code, LibreOffice's conversion itself left out (``once``). The hostile converters are fakes
first on PATH, as in tests/test_program_limits.py."""

from __future__ import annotations

import os
import quopri
import shutil
import struct
import tempfile
import time
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.readers.office import legacy
from reportgen.readers.published import read_published
from reportgen.readers.sniff import sniff
from reportgen.readers.unreadable import Unreadable
from tests.clients import require_program
from tests.test_program_limits import BOUND, SLEEPER, dead, fake

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "olddocs"
DOCX = FIXTURES / "wenlvju-2026-planted.docx"
DOC = FIXTURES / "wenlvju-2026-planted.doc"
BIFF8 = ROOT / "tests" / "fixtures" / "import" / "wanli-2025-biff8.xls"
SLIP = "“基本支出”的占比写作“占36.97%”，按本文件的表格应为“占36.79%”"


@pytest.fixture(scope="session")
def converted() -> bytes:
    """The .doc fixture as LibreOffice converts it (the one real conversion of the session's tests)."""
    require_program("soffice")
    return legacy.as_docx(DOC, DOC.read_bytes(), "doc")


@pytest.fixture
def once(converted: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """The .doc fixture's conversion given from ``converted``; any other file's made by LibreOffice."""
    real, data = legacy.as_docx, DOC.read_bytes()
    monkeypatch.setattr(legacy, "as_docx", lambda path, given, kind: converted if given == data else real(path, given, kind))


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = main([str(a) for a in args])
    said = capsys.readouterr()
    return code, said.out + said.err


def copied(source: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(source, target)
    return target


# -- read as its .docx ---------------------------------------------------------------------------
def test_the_fixture_is_told_an_old_word_document_by_its_bytes_though_its_styles_spell_book() -> None:
    data = DOC.read_bytes()
    assert "Book".encode("utf-16-le") in data  # its style “Book Title”: no stream of that name
    assert sniff(data) == "doc" and sniff(DOCX.read_bytes()) == "docx"
    assert sniff(b"{\\rtf1\\ansi\\ansicpg936 x}") == "rtf" and sniff(b"\xef\xbb\xbf  {\\rtf1 x}") == "rtf"


def test_a_doc_is_reviewed_with_the_findings_of_its_docx(capsys, once) -> None:
    code_docx, said_docx = run(capsys, "review", DOCX, "--layout", "上海")
    code_doc, said_doc = run(capsys, "review", DOC, "--layout", "上海")
    assert code_doc == code_docx == 1 and SLIP in said_doc
    assert said_doc.replace(DOC.name, "文件") == said_docx.replace(DOCX.name, "文件")
    assert str(DOC) in said_doc and "reportgen-convert" not in said_doc  # named as given, never by its copy


def test_a_doc_imports_to_the_source_of_its_docx(capsys, once, tmp_path) -> None:
    sources = {}
    for path in (DOCX, DOC):
        target = tmp_path / f"{path.suffix[1:]}.yaml"
        code, said = run(capsys, "import", path, "-o", target)
        assert code == 1 and SLIP.replace("本文件的表格", "源文件") in said  # written, its text's slip told
        sources[path] = target.read_text(encoding="utf-8").replace(str(path), "文件")
    assert sources[DOC] == sources[DOCX] and "27807.61" in sources[DOC].replace(",", "")


def test_a_docs_tables_are_the_tables_its_rows_show(once) -> None:
    """Saved as .doc, the 收支总表 gains a 1-twip grid column under 收入 in its body rows and under 支出 in
    its header: dropped, the grids are the .docx's, cell for cell."""
    grids = {path: read_published(path).grids for path in (DOCX, DOC)}
    assert [(g.rows, g.merges) for g in grids[DOC]] == [(g.rows, g.merges) for g in grids[DOCX]]
    assert len(grids[DOC]) >= 9 and grids[DOC][0].file == str(DOC)


def test_diff_reads_a_doc_as_its_docx(capsys, once, tmp_path) -> None:
    code, said = run(capsys, "diff", DOC, DOCX, "-o", tmp_path / "对照.json")
    assert code == 0 and "未发现差异" in said, said


def test_the_desk_takes_a_doc_and_reviews_it(desk_site, once) -> None:
    from reportgen.desk.record.models import Submission
    from tests.support.desk import import_roster, roster_csv, submit

    name = "上海市普陀区文化和旅游局"
    roster = roster_csv(desk_site.data.parent / "名单-旧版.csv", [[name, "部门", name, "2026-01-20", "", "2026"]])
    link = import_roster(desk_site.signed_in(), roster)[name]
    assert submit(desk_site.client(), link, DOC, "部门预算.doc").status_code == 302
    assert desk_site.work() >= 1
    submission = Submission.objects.filter(member__name=name).order_by("-number").first()
    assert submission is not None and submission.kind == "doc"
    messages = [f.message for f in submission.findings.all()]
    assert submission.outcome == "有问题" and messages == ["“基本支出”写作“占36.97%”，本文件的表格为“占36.79%”"]


# -- refused, saying what to do --------------------------------------------------------------------
def untouched(folder: Path, given: Path, before: bytes, temporary: Path) -> None:
    """Nothing written beside the file given, the file as it was, nothing left in the temporary folder."""
    assert sorted(p.name for p in folder.iterdir()) == [given.name] and given.read_bytes() == before
    assert list(temporary.iterdir()) == []


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder the conversion's own folder is made in, watched."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_without_libreoffice_a_doc_is_refused_with_what_to_do_and_nothing_written(capsys, tmp_path, temporary,
                                                                                   monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    given = copied(DOC, tmp_path / "in", "部门预算.doc")
    for args in (["review", given], ["import", given, "-o", tmp_path / "out.yaml"], ["diff", given, DOCX]):
        code, said = run(capsys, *args)
        assert code not in (0, 3) and "Traceback" not in said and "内部错误" not in said, said
        assert str(given) in said and "这是旧版 Word 文档（.doc 或 WPS 的 .wps），读取它需要 LibreOffice，但找不到 soffice" in said
        assert "请安装 LibreOffice" in said and "另存为” .docx" in said
    assert not (tmp_path / "out.yaml").exists()
    untouched(given.parent, given, DOC.read_bytes(), temporary)


def test_a_libreoffice_that_hangs_is_ended_and_told(capsys, tmp_path, temporary, monkeypatch) -> None:
    pids = tmp_path / "child.pid"
    fake(tmp_path / "bin", "soffice", SLEEPER.format(pids=pids))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("REPORTGEN_CONVERT_SECONDS", "2")
    given = copied(DOC, tmp_path / "in", "部门预算.doc")
    start = time.perf_counter()
    code, said = run(capsys, "review", given)
    assert code == 1 and time.perf_counter() - start < BOUND and dead(pids)
    assert f"{given}：这是旧版 Word 文档" in said and "LibreOffice 在 2 秒内没有把它转换为 .docx，已结束它" in said, said
    assert "另存为” .docx" in said and "REPORTGEN_CONVERT_SECONDS" in said
    untouched(given.parent, given, DOC.read_bytes(), temporary)


# Fakes: one that crashes, one that exits 0 and makes nothing, one that makes what is no DOCX.
CRASHES = "#!/bin/sh\necho 'Segmentation fault (core dumped)' >&2\nexit 139\n"
SILENT = "#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 0\n"
GARBAGE = """#!/bin/sh
out=""; prev=""
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then out="$a"; fi
  prev="$a"
done
mkdir -p "$out" && printf 'not a docx' > "$out/document.docx"
exit 0
"""


@pytest.mark.parametrize(("script", "words"), [
    (CRASHES, "LibreOffice 未能把它转换为 .docx（退出码 139：Segmentation fault (core dumped)）"),
    (SILENT, "LibreOffice 未能把它转换为 .docx（没有生成 .docx：Error: source file could not be loaded）"),
    (GARBAGE, "LibreOffice 转换得到的文件不是 Word 文档（.docx）"),
])
def test_a_libreoffice_that_fails_is_told_and_nothing_is_left(capsys, tmp_path, temporary, monkeypatch,
                                                              script: str, words: str) -> None:
    fake(tmp_path / "bin", "soffice", script)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    given = copied(DOC, tmp_path / "in", "部门预算.wps")
    code, said = run(capsys, "import", given, "-o", tmp_path / "out.yaml")
    assert code not in (0, 3) and f"{given}：这是旧版 Word 文档" in said and words in said, said
    assert "另存为” .docx" in said and not (tmp_path / "out.yaml").exists()
    untouched(given.parent, given, DOC.read_bytes(), temporary)


CAPTURES = """#!/bin/sh
echo "$@" > "$CAPTURED.args"
for a in "$@"; do
  case "$a" in -env:UserInstallation=file://*) cp "${a#-env:UserInstallation=file://}/user/registrymodifications.xcu" "$CAPTURED.xcu";; esac
done
exit 0
"""


def test_libreoffice_converts_a_copy_headless_in_a_profile_of_its_own_with_macros_off(tmp_path, temporary,
                                                                                        monkeypatch) -> None:
    fake(tmp_path / "bin", "soffice", CAPTURES)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("CAPTURED", str(tmp_path / "captured"))
    given = copied(DOC, tmp_path / "in", "部门预算.doc")
    with pytest.raises(Unreadable, match="没有生成 .docx"):
        read_published(given)
    args = (tmp_path / "captured.args").read_text().split()
    assert args[:2] == [f"-env:UserInstallation={temporary.as_uri()}/{Path(args[-1]).parent.name}/profile", "--headless"]
    assert args[-5:-1] == ["--convert-to", "docx", "--outdir", str(Path(args[-1]).parent / "out")]
    assert Path(args[-1]).name == "document.doc" and Path(args[-1]).parent.parent == temporary  # a copy, not the file
    settings = (tmp_path / "captured.xcu").read_text()
    for name, value in (("DisableMacrosExecution", "true"), ("MacroSecurityLevel", "3"),
                        ("BlockUntrustedRefererLinks", "true")):
        assert f'<prop oor:name="{name}" oor:op="fuse"><value>{value}</value>' in settings
    untouched(given.parent, given, DOC.read_bytes(), temporary)


# -- what a .doc really is, by its bytes ---------------------------------------------------------
@pytest.mark.parametrize(("source", "kind"), [(DOCX, "docx"), (BIFF8, "xls")])
def test_a_doc_that_is_really_a_docx_or_a_workbook_is_read_as_it_is_without_libreoffice(
        tmp_path, monkeypatch, source: Path, kind: str) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    published = read_published(copied(source, tmp_path, "名为.doc"))
    assert published.kind == kind and not published.converted and published.grids


def test_an_encrypted_word_file_named_doc_is_told_encrypted_not_sent_to_libreoffice(capsys, tmp_path,
                                                                                      monkeypatch) -> None:
    from tests.biff5 import compound_file

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    locked = tmp_path / "加密.doc"
    locked.write_bytes(compound_file(b"\x04\x00\x04\x00", "EncryptionInfo"))  # a password-protected OOXML
    assert sniff(locked.read_bytes()) == "xlsx-encrypted"
    code, said = run(capsys, "review", locked)
    assert code == 1 and "已加密" in said and "LibreOffice" not in said, said


def with_password(doc: bytes) -> bytes:
    """The .doc as Word marks one saved with a password: fEncrypted (0x0100) in the flags at offset 10 of
    the FIB, which begins its WordDocument stream (the directory entry's first sector, 512-byte sectors)."""
    at = next(i for i in range(0, len(doc), 128) if doc[i:i + 24] == "WordDocument".encode("utf-16-le"))
    fib = (struct.unpack_from("<I", doc, at + 116)[0] + 1) * 512
    assert struct.unpack_from("<H", doc, fib)[0] == 0xA5EC
    flags = struct.unpack_from("<H", doc, fib + 10)[0]
    return doc[:fib + 10] + struct.pack("<H", flags | 0x0100) + doc[fib + 12:]


def test_a_doc_saved_with_a_password_is_told_so_without_libreoffice(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    locked = tmp_path / "加密.doc"
    locked.write_bytes(with_password(DOC.read_bytes()))
    code, said = run(capsys, "review", locked)
    assert code == 1 and f"{locked}：这是旧版 Word 文档（.doc 或 WPS 的 .wps），已加密（受密码保护）" in said, said
    assert "取消密码" in said and "soffice" not in said
    assert not legacy.encrypted(DOC.read_bytes())


def test_an_old_office_file_with_neither_a_workbook_nor_a_word_document_is_told_so(capsys, tmp_path,
                                                                                      monkeypatch) -> None:
    """A compound file of another program (Microsoft Works' .wps holds a CONTENTS stream): said, not converted."""
    from tests.biff5 import compound_file

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    other = tmp_path / "文档.wps"
    other.write_bytes(compound_file(b"\x00" * 64, "CONTENTS"))
    code, said = run(capsys, "review", other)
    assert code == 1 and "既没有 Excel 工作簿，也没有 Word 文档" in said and "soffice" not in said, said


def web_archive(page: str, charset: str = "gb2312") -> bytes:
    """``page`` as Word saves a “单个文件网页” (MHT): a MIME multipart/related message, its page quoted-printable
    in GB2312 (written GB18030, as Word writes GBK under that name), its meta charset saying so."""
    page = page.replace('<meta charset="utf-8">', f'<meta http-equiv=Content-Type content="text/html; charset={charset}">', 1)
    boundary = "----=_NextPart_01DA0000.12345678"
    body = quopri.encodestring(page.encode("gb18030")).decode("ascii").replace("\n", "\r\n")
    return (f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="{boundary}"\r\n\r\n'
            "This document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"
            f"--{boundary}\r\nContent-Location: file:///C:/x.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f'Content-Type: text/html; charset="{charset}"\r\n\r\n{body}\r\n\r\n--{boundary}--\r\n').encode("ascii")


def test_a_doc_that_is_a_web_archive_is_reviewed_as_the_page_it_holds(capsys, tmp_path, monkeypatch) -> None:
    """Word's “单个文件网页” named .doc (as sites publish it) was read as a plain text of MIME headers and
    quoted-printable: no table, 未能审核. Now the page it holds is reviewed, as the page itself is."""
    assert main(["render", str(ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"), "-o", str(tmp_path / "html"),
                 "--format", "html"]) == 0
    page = tmp_path / "html" / "shanghai-putuo-wenlvju-2026.html"
    archive = tmp_path / "部门预算.doc"
    archive.write_bytes(web_archive(page.read_text(encoding="utf-8")))
    assert sniff(archive.read_bytes()) == "mht"
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no LibreOffice: not converted
    capsys.readouterr()
    code_page, said_page = run(capsys, "review", page, "--layout", "上海")
    code, said = run(capsys, "review", archive, "--layout", "上海")
    assert code == code_page and "正文读到 240 个数字，一致 174 个" in said, said
    assert said.replace(str(archive), "文件") == said_page.replace(str(page), "文件")
    empty = tmp_path / "空.doc"
    empty.write_bytes(b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
                      b"Content-Type: image/png\r\n\r\nx\r\n--b--\r\n")
    code, said = run(capsys, "review", empty)
    assert code == 1 and f"{empty}：这是网页存档（MHT，“单个文件网页”），但其中没有网页" in said, said


def test_a_wps_spreadsheet_is_read_as_the_workbook_it_is(capsys, tmp_path, monkeypatch) -> None:
    """An .et is a BIFF8 workbook in a compound file (stream Workbook), as an .xls is: read by calamine,
    without LibreOffice, and a folder given to review reviews it."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    folder = tmp_path / "报送"
    copied(BIFF8, folder, "万里街道.et")
    code_et, said_et = run(capsys, "review", folder, "--layout", "上海")
    code_xls, said_xls = run(capsys, "review", BIFF8, "--layout", "上海")
    assert code_et == code_xls and "未能审核" not in said_et and "万里街道.et" in said_et, said_et
    assert said_et.replace(str(folder / "万里街道.et"), "文件") == said_xls.replace(str(BIFF8), "文件")


def test_an_rtf_is_read_as_libreoffice_converts_it(tmp_path) -> None:
    require_program("soffice")
    rtf = tmp_path / "说明.rtf"
    rtf.write_bytes(b"{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\f0 "
                    + _rtf("2026年收入预算27,807.61万元。") + b"\\par}")
    published = read_published(rtf)
    assert published.converted == "rtf" and published.form == "rtf" and published.kind == "docx"
    assert [line.text for line in published.lines] == ["2026年收入预算27,807.61万元。"]


def _rtf(text: str) -> bytes:
    return "".join(c if c.isascii() else f"\\u{ord(c)}?" for c in text).encode("ascii")



WORD2003 = FIXTURES / "wenlvju-2026-planted-word2003.xml"


def test_a_word_2003_xml_named_doc_is_converted_as_an_old_word_document(capsys, tmp_path, monkeypatch) -> None:
    """Word 2003 XML (“WordprocessingML”, <w:wordDocument>) saved as .doc was read as a plain text of its
    markup: its sentences cut mid-tag (“t>上海市普陀区……”), no table read. Now it is told by its bytes and
    converted by LibreOffice as a .doc is: its tables read, the planted slip found. (LibreOffice converts it
    once: the review below reads the DOCX the reading before it was given, as a second run would make it.)"""
    require_program("soffice")
    made: dict[bytes, bytes] = {}
    convert = legacy.as_docx
    monkeypatch.setattr(legacy, "as_docx", lambda path, data, kind: made.get(data) or made.setdefault(
        data, convert(path, data, kind)))
    named_doc = copied(WORD2003, tmp_path, "部门预算.doc")
    assert sniff(named_doc.read_bytes()) == "wordml"
    published = read_published(named_doc)
    assert published.converted == "wordml" and published.kind == "docx" and published.form == "wordml"
    code, said = run(capsys, "review", named_doc)
    assert code == 1 and "36.97%" in said and "t>" not in said and "未能审核" not in said, said
    assert "没有认出预算表" not in said, said


def test_without_libreoffice_a_word_2003_xml_is_refused_with_what_to_do(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    named_xml = copied(WORD2003, tmp_path, "部门预算.xml")
    out = tmp_path / "out.yaml"
    code, said = run(capsys, "import", named_xml, "-o", out)
    assert code == 1 and f"{named_xml}：这是Word 2003 XML 文档" in said and "读取它需要 LibreOffice" in said, said
    assert "另存为” .docx" in said and "Traceback" not in said and not out.exists()


WORKBOOK_ARCHIVE = ROOT / "tests" / "fixtures" / "import" / "wanli-2025-excel.mht"


def test_a_workbook_excel_saved_as_a_web_archive_is_read_sheet_by_sheet_and_a_lost_sheet_named(capsys, tmp_path):
    """Excel's “单个文件网页” of a workbook: the archive's root is a frameset with no table, each sheet a part
    of its own. It was refused (没有认出任何预算表: the frameset read as the page); now every sheet is read by
    its name (the same source as the .xlsx: test_import_command's FORMS). A sheet the frameset names whose
    part is gone is named, the import tells it beside what it read, and the review does not pass the file."""
    from bench.mutations import without_part

    published = read_published(WORKBOOK_ARCHIVE)
    assert published.form == "mht" and published.workbook is not None and published.damaged == ""
    names = [grid.name for grid in published.grids]
    assert names[:3] == ["封面", "目录", "部门主要职能"] and len(published.workbook.sheets) == 17
    lost = tmp_path / "部门预算.mht"
    lost.write_bytes(without_part(WORKBOOK_ARCHIVE.read_bytes(), "sheet003.htm"))
    out = tmp_path / "out.yaml"
    said_lost = "其中的工作表“部门主要职能”在文件中找不到（文件不完整），未读取；其余 16 张已读取"
    code, said = run(capsys, "import", lost, "--layout", "上海", "-o", out)
    assert said_lost in said and out.exists(), said
    code, said = run(capsys, "review", lost, "--layout", "上海")
    assert code == 1 and f"未能审核：{lost}：这是 Excel 存为“单个文件网页”的工作簿" in said and said_lost in said, said
