"""Hostile files, as a department's upload may be: each built here, each refused through `reportgen
review` and `reportgen import` with a Chinese message naming the file and what is wrong — exit code
non-zero, no traceback, nothing written for it — and a zip refused by its directory before any reader
inflates a byte (readers/containers.py). An upload's name is shown, never used as a path
(errors.upload_name)."""

from __future__ import annotations

import ast
import io
import os
import random
import struct
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.base.errors import UPLOAD_NAME_LIMIT, upload_name
from reportgen.readers import containers
from reportgen.readers.published import MAX_PUBLISHED_BYTES, read_published
from reportgen.readers.unreadable import Unreadable

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reportgen"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) * 4 + b"\xff\xd9"
XLSX_PARTS = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
              "xl/worksheets/sheet1.xml": b"<worksheet/>", "xl/worksheets/sheet2.xml": b"<worksheet/>"}


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, body in parts.items():
            package.writestr(name, body)
    return buffer.getvalue()


def declaring(data: bytes, size: int) -> bytes:
    """``data`` (a zip) with every member's uncompressed size, in its local header and in the
    directory, set to ``size``: a few hundred bytes that declare gigabytes."""
    out = bytearray(data)
    for signature, at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        found = out.find(signature)
        while found >= 0:
            struct.pack_into("<I", out, found + at, size)
            found = out.find(signature, found + 4)
    return bytes(out)


def overlapped(parts: dict[str, bytes], kernel_name: str, kernel: bytes, copies: int) -> bytes:
    """A zip whose directory lists its last member ``copies`` times, every entry pointing at the same
    deflated data (the non-recursive zip bomb: each entry inflated anew)."""
    data = zipped({**parts, kernel_name: kernel})
    end = data.rfind(b"PK\x05\x06")
    count, size, offset = struct.unpack("<HII", data[end + 10:end + 20])
    directory = data[offset:offset + size]
    entry = directory[directory.rfind(b"PK\x01\x02"):]
    directory += entry * (copies - 1)
    record = data[end:end + 8] + struct.pack("<HHII", count + copies - 1, count + copies - 1, len(directory), offset)
    return data[:offset] + directory + record + data[end + 20:]


def one_to_a_thousand() -> bytes:
    """A DOCX whose document.xml is 20 MB of spaces: about 20 KB packed, 1 : 1,000."""
    body = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body>" + b" " * (20 << 20) + b"</w:body></w:document>")
    return zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": body})


HOSTILE = {
    # name: (bytes, what the message says)
    "预算.xlsx": (declaring(zipped(XLSX_PARTS), 0xFFFF_FFF0), ["解压后共 16.0 GB", "超过 200 MB", "疑似压缩炸弹"]),
    "决算.docx": (one_to_a_thousand(), ["部件 word/document.xml 解压后会膨胀", "疑似压缩炸弹"]),
    "扫描件.pdf": (JPEG, ["文件名是 .pdf，内容却是 JPEG 图片", "请提交 PDF"]),
    "passwd\u202e.pdf": (JPEG, ["passwd[U+202E].pdf", "内容却是 JPEG 图片"]),
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "报来的"
    folder.mkdir()
    for name, (data, _) in HOSTILE.items():
        (folder / name).write_bytes(data)
    return folder


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_the_bombs_are_small_and_declare_gigabytes():
    bomb = HOSTILE["预算.xlsx"][0]
    assert len(bomb) < 4096
    assert sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) > 16 * 10**9
    info = zipfile.ZipFile(io.BytesIO(HOSTILE["决算.docx"][0])).getinfo("word/document.xml")
    assert info.file_size // info.compress_size >= 1000


@pytest.mark.parametrize("name", HOSTILE)
def test_import_refuses_each_saying_what_is_wrong(tmp_path, hostile, name):
    out = tmp_path / "写出"
    out.mkdir()
    done = run("import", hostile / name, "-o", out / "源文件.yaml", cwd=tmp_path)
    said = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in said
    assert all(fragment in said for fragment in HOSTILE[name][1]), said
    assert "\u202e" not in said  # a bidi override in a name is shown, never acted on
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in hostile.iterdir()) == sorted(HOSTILE)  # the files as they were
    assert all((hostile / n).read_bytes() == data for n, (data, _) in HOSTILE.items())


def test_review_reads_none_and_writes_nothing_for_them(tmp_path, hostile):
    out = tmp_path / "审核"
    done = run("review", hostile, "-o", out, cwd=tmp_path)
    said = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in said and "\u202e" not in said
    for fragments in (fragments for _, fragments in HOSTILE.values()):
        assert all(fragment in said for fragment in fragments), said
    assert f"审核 {len(HOSTILE)} 份文件：0 份有问题，0 份未发现问题，{len(HOSTILE)} 份未能审核" in said
    # the summary page and its record only: no document's page, annotated copy or 整改通知
    assert sorted(p.name for p in out.iterdir()) == [".written-by-reportgen.json", "index.html"]


def test_a_zip_is_refused_by_its_directory_before_any_reader_inflates_it(tmp_path, monkeypatch):
    def inflated(*args, **kwargs):
        raise AssertionError("a member was opened")

    ods = declaring(zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}), 1 << 30)
    bombs = (("bomb.xlsx", HOSTILE["预算.xlsx"][0], "解压后共"), ("bomb.docx", HOSTILE["决算.docx"][0], "膨胀"),
             ("bomb.ods", ods, "解压后共"))
    monkeypatch.setattr(zipfile.ZipFile, "open", inflated)
    for name, data, said in bombs:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(Unreadable) as refused:
            read_published(tmp_path / name)
        assert refused.value.file == str(tmp_path / name) and said in refused.value.reason


def test_members_sharing_one_deflated_stream_are_refused(tmp_path):
    # 60 entries of one 1.5 MB member that packs about 2 : 1 (no swelling, 90 MB in all: under the
    # bounds of size and ratio), all pointing at the same data.
    kernel = random.Random(5).randbytes(3 << 19).translate(bytes(65 + i % 16 for i in range(256)))
    bomb = tmp_path / "重叠.xlsx"
    bomb.write_bytes(overlapped(XLSX_PARTS, "xl/media/a.bin", kernel, 60))
    infos = zipfile.ZipFile(bomb).infolist()
    assert sum(i.file_size for i in infos) < containers.MAX_UNPACKED_BYTES and bomb.stat().st_size < 2 << 20
    with pytest.raises(Unreadable, match="与 xl/media/a.bin 共用同一段压缩数据（部件重叠，疑似压缩炸弹）"):
        read_published(bomb)


def test_real_packages_pass_the_directory_check(wenlvju_docx):
    """A rendered DOCX and the shipped workbooks are packages no rule here refuses."""
    packages = [wenlvju_docx, *sorted((ROOT / "tests").rglob("*.xlsx")), *sorted((ROOT / "tests").rglob("*.ods"))]
    assert len(packages) >= 3
    for path in packages:
        data = path.read_bytes()
        if data.startswith(b"PK"):
            infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
            assert containers.directory_problem(infos) is None, path


def test_a_pdf_past_the_bound_is_refused_unread(tmp_path):
    big = tmp_path / "公开.pdf"
    with big.open("wb") as file:
        file.write(b"%PDF-1.7\n")
        file.truncate(MAX_PUBLISHED_BYTES + 1)  # sparse: no 100 MB written
    with pytest.raises(Unreadable, match=r"文件过大（.*），.*应小于 100"):
        read_published(big)


def test_nothing_in_a_package_is_ever_extracted_to_disk():
    """No module extracts a zip's member to a file: a member's name ("../../etc/passwd") is never a path."""
    calls = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("extract", "extractall"):
                calls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert calls == []


@pytest.mark.parametrize(("given_name", "shown"), [
    ("../../etc/passwd\u202e.pdf", "passwd[U+202E].pdf"),
    ("C:\\fakepath\\普陀区政府办公室2025年部门预算.pdf", "普陀区政府办公室2025年部门预算.pdf"),
    ("..", "（未命名）"),
    ("/", "（未命名）"),
    (" .bashrc ", "bashrc"),
    ("预算\x00.pdf", "预算[U+0000].pdf"),
    ("预算\r\n.pdf", "预算[U+000D][U+000A].pdf"),
    ("\u202egpj.exe", "[U+202E]gpj.exe"),
    ("\udcd4\udca4.xlsx", "[U+DCD4][U+DCA4].xlsx"),  # undecodable bytes of a name
])
def test_an_upload_name_is_shown_never_as_a_path(given_name, shown):
    assert upload_name(given_name) == shown


def test_a_long_upload_name_is_cut_keeping_its_extension():
    name = upload_name("上海市普陀区" * 40 + ".pdf")
    assert len(name) == UPLOAD_NAME_LIMIT and name.endswith("….pdf") and name.startswith("上海市普陀区")
    assert upload_name("\u202e" * 100 + ".xlsx").endswith("….xlsx")


@given(st.text(max_size=400))
def test_any_upload_name_is_one_harmless_name(given_name):
    name = upload_name(given_name)
    assert 0 < len(name) <= UPLOAD_NAME_LIMIT
    assert "/" not in name and "\\" not in name and name not in (".", "..") and not name.startswith(".")
    assert not any(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") for char in name)
    assert not name[0].isspace() and not name[-1].isspace() and Path(name).name == name
