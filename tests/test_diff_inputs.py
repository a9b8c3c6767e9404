"""`reportgen diff` given what it should not read or asked to write where it must not: each is
answered in Chinese with exit code 1, no traceback, no 内部错误, every input byte for byte as it
was, and no output written or replaced. And what the DOCX reader must bear without refusing: a
header that lies within its bounds, a large picture, values outside the schema."""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import struct
import threading
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from reportgen.base.errors import SourceError
from reportgen.base.staging import replace_together
from reportgen.base.written import RECORD
from reportgen.cli import main
from reportgen.docmodel.document import Table
from reportgen.readers.office import docx as docx_reader
from reportgen.readers.office.docx import read_docx
from reportgen.runners.render import render_source

ROOT = Path(__file__).resolve().parent.parent
Y2021 = ROOT / "data" / "shenzhen-yantian-zgh-2021.yaml"
Y2022 = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("draft")
    render_source(Y2021, out, formats=("docx",))
    return (out / f"{Y2021.stem}.docx").read_bytes()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(capsys, tmp_path: Path, old: Path, *fragments: str, extra: tuple[str, ...] = ()) -> str:
    before = files(tmp_path)
    code, output = run(capsys, "diff", old, Y2022, *extra)
    assert code == 1, output
    assert "Traceback" not in output and "内部错误" not in output
    for fragment in fragments:
        assert fragment in output, output
    assert files(tmp_path) == before
    return output


def central_entry(data: bytes | bytearray, name: bytes) -> int:
    """Where the central directory's entry for part ``name`` starts."""
    position = data.find(b"PK\x01\x02")
    while data[position + 46:position + 46 + struct.unpack_from("<H", data, position + 28)[0]] != name:
        position = data.find(b"PK\x01\x02", position + 1)
    return position


# Where a field sits in a part's local header and in its central directory entry, and its format.
FIELDS = {"method": (8, 10, "<H"), "crc": (14, 16, "<I"), "size": (22, 24, "<I")}


def patched(docx: bytes, name: str, **fields: int) -> bytes:
    """The DOCX with fields of part ``name`` (method, crc, size: the inflated size) set, in its
    local header and in the central directory alike, as a forger would."""
    data = bytearray(docx)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        local = package.getinfo(name).header_offset
    central = central_entry(data, name.encode())
    for field, value in fields.items():
        in_local, in_central, layout = FIELDS[field]
        struct.pack_into(layout, data, local + in_local, value)
        struct.pack_into(layout, data, central + in_central, value)
    return bytes(data)


def with_method(docx: bytes, method: int) -> bytes:
    """The DOCX with word/document.xml's compression method field set to ``method``, as a file
    made by a tool using another method reads."""
    return patched(docx, "word/document.xml", method=method)


def with_part(docx: bytes, name: str, payload: bytes | None, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The DOCX with part ``name`` holding ``payload`` (added if new, left out if None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            if info.filename != name:
                package.writestr(info.filename, source.read(info))
        if payload is not None:
            package.writestr(name, payload, compress_type=method)
    return out.getvalue()


def with_deflated_part(docx: bytes, name: str, raw: bytes, size: int, crc: int) -> bytes:
    """The DOCX with part ``name`` holding raw deflate data ``raw`` declared as ``size`` bytes
    inflated with checksum ``crc``: what the header says need not be what the data holds."""
    return patched(with_part(docx, name, raw, zipfile.ZIP_STORED), name, method=zipfile.ZIP_DEFLATED, size=size, crc=crc)


def deflated(*pieces: tuple[bytes, int]) -> bytes:
    """Raw deflate data of each piece repeated so many times, cheaply: each piece is compressed
    once into blocks that stand alone (a full flush), and those blocks are repeated."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    blocks = [(compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)) * times for data, times in pieces]
    return b"".join(blocks) + compressor.flush()


def document_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read("word/document.xml")


def test_an_encrypted_word_file_is_named_as_such(capsys, tmp_path):
    locked = tmp_path / "加密.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
    refused(capsys, tmp_path, locked, "已加密", "取消密码", str(locked))


def test_an_old_office_file_that_is_no_word_document_is_named_as_such(capsys, tmp_path):
    """A compound file without a Word document in it (an old .doc is read: tests/test_old_documents.py)."""
    legacy = tmp_path / "旧版.docx"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    refused(capsys, tmp_path, legacy, "旧版 Office 文件", "不是 Word 文档")


@pytest.mark.parametrize("method", [12, 14, 9, 99])  # bzip2, lzma, deflate64, unknown
def test_an_unsupported_compression_method_is_refused(capsys, tmp_path, draft, method):
    odd = tmp_path / "odd.docx"
    odd.write_bytes(with_method(draft, method))
    refused(capsys, tmp_path, odd, "不支持的压缩方式", f"编号 {method}")


def test_a_zip_bomb_is_refused_before_inflating(capsys, tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range(400):  # 400 MB of spaces: about 400 KB compressed
                part.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    refused(capsys, tmp_path, bomb, "压缩炸弹")


def test_a_header_that_lies_about_its_size_gets_no_further(capsys, tmp_path, draft):
    liar = tmp_path / "liar.docx"
    body = document_xml(draft)
    # 50 MB more than the header's 1,000 bytes, and a checksum of all of it: the part reads as damaged.
    raw = deflated((body, 1), (b" " * (1 << 20), 50))
    liar.write_bytes(with_deflated_part(draft, "word/document.xml", raw, 1000, zlib.crc32(body + b" " * (50 << 20))))
    refused(capsys, tmp_path, liar, "无法读取 DOCX", "已损坏", "word/document.xml")


def test_a_lying_header_with_a_matching_checksum_inflates_no_more_than_it_declares(tmp_path, draft):
    # The header gives the true size and checksum of document.xml, but its data goes on for 300 MB
    # of spaces after it: zipfile stops at the declared size (and the checksum agrees), so such a
    # file reads as what its header declares, but asked for the part whole, zipfile would inflate
    # all 300 MB before cutting it short. Read in counted steps, the memory taken stays small.
    liar = tmp_path / "liar.docx"
    body = document_xml(draft)
    raw = deflated((body, 1), (b" " * (1 << 20), 300))
    liar.write_bytes(with_deflated_part(draft, "word/document.xml", raw, len(body), zlib.crc32(body)))
    plain = tmp_path / "plain.docx"
    plain.write_bytes(draft)
    tracemalloc.start()
    try:
        read = read_docx(liar)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"{peak / 2**20:.0f} MB"
    assert read.plain_text() == read_docx(plain).plain_text()


def test_xml_past_its_bound_is_refused_though_it_packs_like_xml(capsys, tmp_path, draft):
    # 40 MB of paragraphs packing about 4 : 1 (no bomb by ratio, and within the 200 MB of all parts):
    # parsed, it would take a gigabyte.
    rng = random.Random(0)
    paragraphs = b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % rng.getrandbits(64) for _ in range(25000))
    head, _, rest = document_xml(draft).partition(b"<w:body>")
    tail = b"<w:sectPr" + rest.rpartition(b"<w:sectPr")[2]
    times = (40 << 20) // len(paragraphs)
    crc = zlib.crc32(head + b"<w:body>")
    for _ in range(times):
        crc = zlib.crc32(paragraphs, crc)
    crc = zlib.crc32(tail, crc)
    raw = deflated((head + b"<w:body>", 1), (paragraphs, times), (tail, 1))
    size = len(head) + len(b"<w:body>") + times * len(paragraphs) + len(tail)
    big = tmp_path / "big.docx"
    big.write_bytes(with_deflated_part(draft, "word/document.xml", raw, size, crc))
    assert size < docx_reader.MAX_RATIO * len(raw) and size < docx_reader.MAX_UNPACKED_BYTES
    refused(capsys, tmp_path, big, "XML 超过 32 MB", str(big))


def test_a_large_picture_is_not_counted_as_xml(tmp_path, draft):
    # 34 MB of a picture's bytes (packing about 4 : 1) is more than XML may be, and is read.
    noise = random.Random(1).randbytes(1 << 20).translate(bytes(i % 4 + 65 for i in range(256)))
    picture = tmp_path / "picture.docx"
    raw = deflated((b"\xff\xd8\xff\xe0", 1), (noise, 34))
    crc = zlib.crc32(b"\xff\xd8\xff\xe0")
    for _ in range(34):
        crc = zlib.crc32(noise, crc)
    picture.write_bytes(with_deflated_part(with_part(draft, "word/media/image1.jpeg", b""), "word/media/image1.jpeg",
                                           raw, 4 + 34 * len(noise), crc))
    plain = tmp_path / "plain.docx"
    plain.write_bytes(draft)
    assert read_docx(picture).plain_text() == read_docx(plain).plain_text()


def test_a_huge_entry_count_is_refused_before_zipfile_lists_them(tmp_path, monkeypatch):
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as package:
        for n in range(docx_reader.MAX_ENTRIES + 1):
            package.writestr(f"{n}.xml", b"")

    def listed(*args: object, **kwargs: object) -> None:
        raise AssertionError("zipfile read the directory")

    monkeypatch.setattr(zipfile, "ZipFile", listed)
    with pytest.raises(SourceError) as refusal:
        read_docx(many)
    assert "10001 个部件" in str(refusal.value) and "超过 10000" in str(refusal.value)


@pytest.mark.parametrize(("case", "fragment"), [
    ("missing document", "缺少必需的部件"),
    ("broken XML", "XML 已损坏"),
    ("no body", "没有 Word 正文"),
    ("another root", "没有 Word 正文"),
    ("broken deflate data", "已损坏"),
])
def test_a_damaged_package_is_named_as_such(capsys, tmp_path, draft, case, fragment):
    body = document_xml(draft)
    damaged = {
        "missing document": lambda: with_part(draft, "word/document.xml", None),
        "broken XML": lambda: with_part(draft, "word/document.xml", body[: len(body) // 2]),
        "no body": lambda: with_part(draft, "word/document.xml", re.sub(rb"<w:body>.*</w:body>", b"", body, flags=re.S)),
        "another root": lambda: with_part(draft, "word/document.xml", b"<html/>"),
        "broken deflate data": lambda: with_deflated_part(draft, "word/document.xml", b"\xff" * 4096, len(body),
                                                          zlib.crc32(body)),
    }[case]()
    path = tmp_path / "damaged.docx"
    path.write_bytes(damaged)
    refused(capsys, tmp_path, path, "无法读取 DOCX", fragment, str(path))


def test_values_outside_the_schema_are_passed_over(tmp_path, draft):
    # A width that is no number, an outline level in superscript, a style type Word does not know
    # and a span of two million columns: each is read past, none stops the reading or fills memory.
    body = document_xml(draft)
    body = re.sub(rb'(<w:gridCol w:w=")\d+', rb"\1abc", body, count=1)
    body = body.replace(b"<w:pPr>", '<w:pPr><w:outlineLvl w:val="²"/>'.encode(), 1)
    body = body.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2000000"/>', 1)
    odd = with_part(draft, "word/document.xml", body)
    with zipfile.ZipFile(io.BytesIO(draft)) as package:
        styles = package.read("word/styles.xml")
    odd = with_part(odd, "word/styles.xml", styles.replace(b'w:type="paragraph"', b'w:type="bogus"', 1))
    (tmp_path / "odd.docx").write_bytes(odd)
    (tmp_path / "plain.docx").write_bytes(draft)
    read = read_docx(tmp_path / "odd.docx")
    assert max(len(block.widths) for block in read.blocks if isinstance(block, Table)) <= 2 * 63
    assert read.plain_text() == read_docx(tmp_path / "plain.docx").plain_text()


def test_not_a_zip_at_all(capsys, tmp_path):
    text = tmp_path / "文本.docx"
    text.write_text("这不是 Word 文档", encoding="utf-8")
    refused(capsys, tmp_path, text, "不是有效的 Word 文档")


def test_a_named_pipe_as_input_answers_at_once(capsys, tmp_path):
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    done = threading.Event()
    guard = threading.Timer(10, lambda: done.is_set() or os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    guard.start()  # if diff ever blocked on the pipe, this writer would free it (and the test fail below)
    try:
        refused(capsys, tmp_path, pipe, "命名管道")
    finally:
        done.set()
        guard.cancel()


def test_dev_zero_as_input_is_refused(capsys, tmp_path):
    link = tmp_path / "zero.docx"
    link.symlink_to("/dev/zero")
    refused(capsys, tmp_path, link, "不是普通文件")


def test_output_onto_new_is_refused_before_any_work(capsys, tmp_path):
    new = tmp_path / "本年.yaml"
    shutil.copy(Y2022, new)
    before = new.read_bytes()
    code, output = run(capsys, "diff", Y2021, new, "-o", tmp_path / "x.html", "-o", new)
    assert code == 1 and "不能写入" in output and "输入文件" in output and "Traceback" not in output
    assert new.read_bytes() == before and not (tmp_path / "x.html").exists()


def test_output_onto_a_docx_input_through_another_name_is_refused(capsys, tmp_path, draft):
    old = tmp_path / "上年.docx"
    old.write_bytes(draft)
    (tmp_path / "link.docx").symlink_to(old)
    code, output = run(capsys, "diff", old, Y2022, "-o", tmp_path / "link.docx")
    assert code == 1 and "不能写入" in output
    assert old.read_bytes() == draft


def test_output_onto_the_prior_year_source_a_yaml_input_reads_is_refused(capsys, tmp_path):
    prior = tmp_path / "prior-2021.yaml"
    shutil.copy(Y2021, prior)
    new = tmp_path / "new.yaml"
    new.write_text(Y2022.read_text(encoding="utf-8").replace("上年:\n", "上年:\n  来源: prior-2021.yaml\n", 1),
                   encoding="utf-8")
    before = files(tmp_path)
    code, output = run(capsys, "diff", Y2021, new, "-o", prior)
    assert code == 1 and "不能写入" in output and str(prior) in output
    assert files(tmp_path) == before


def test_the_same_output_twice_is_refused(capsys, tmp_path):
    target = tmp_path / "diff.html"
    code, output = run(capsys, "diff", Y2021, Y2022, "-o", target, "-o", tmp_path / "." / "diff.html")
    assert code == 1 and "两次" in output and not target.exists()


def test_outputs_are_all_or_nothing(capsys, tmp_path):
    keep = tmp_path / "diff.html"
    keep.write_bytes(b"last year's redline")
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    code, output = run(capsys, "diff", Y2021, Y2022, "-o", keep, "-o", blocker / "deeper" / "diff.docx")
    assert code == 1 and "无法写入" in output and f"{blocker} 不是文件夹" in output and "Traceback" not in output
    assert keep.read_bytes() == b"last year's redline"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "diff.html"]


LAST_REDLINE = '<!DOCTYPE html><head><meta name="generator" content="reportgen diff"></head>去年的对照'.encode()


def test_outputs_are_all_or_nothing_when_one_fails_as_it_is_written(capsys, tmp_path):
    # A name the file system refuses (over 255 bytes) is only found out on writing: by then the
    # first output's bytes are written beside it, and must go again, with the folders made for it.
    keep = tmp_path / "diff.html"
    replace_together([(keep, LAST_REDLINE)], "diff")  # reportgen's own page: the guard lets a new redline replace it
    long_name = tmp_path / "new" / ("长" * 90 + ".docx")
    code, output = run(capsys, "diff", Y2021, Y2022, "-o", keep, "-o", tmp_path / "made" / "diff.json", "-o", long_name)
    assert code == 1 and "无法写入" in output and "所有输出文件都保持原样" in output
    assert "Traceback" not in output and "内部错误" not in output
    assert keep.read_bytes() == LAST_REDLINE
    assert sorted(p.name for p in tmp_path.iterdir()) == [RECORD, "diff.html"]


def test_a_failed_rename_puts_back_the_output_it_replaced(capsys, tmp_path, monkeypatch):
    first, second = tmp_path / "diff.html", tmp_path / "diff.json"
    replace_together([(first, LAST_REDLINE), (second, b"{}")], "diff")  # the last diff's
    real_replace = os.replace

    def replace(source: object, target: object) -> None:
        if Path(str(target)) == second:  # the first output is in place by now
            raise OSError(5, "Input/output error", str(target))  # EIO: told in Chinese
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    code, output = run(capsys, "diff", Y2021, Y2022, "-o", first, "-o", second)
    assert code == 1 and "读写出错" in output and "Traceback" not in output
    assert first.read_bytes() == LAST_REDLINE and second.read_bytes() == b"{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [RECORD, "diff.html", "diff.json"]


def test_an_output_that_is_a_folder_is_refused_before_any_work(capsys, tmp_path):
    (tmp_path / "diff.html").mkdir()
    code, output = run(capsys, "diff", Y2021, Y2022, "-o", tmp_path / "diff.html")
    assert code == 1 and "文件夹" in output


def test_two_documents_whose_tables_share_columns_at_other_widths_diff_to_a_tracked_docx(capsys, tmp_path):
    """城管执法局 and 建管委 2026, each rendered to DOCX and read back: tables of the same columns at
    other widths, some rows deleted. The tracked DOCX lays both sides on every edge of either (it ended
    in 内部错误: an old row's edge looked up among the new widths alone)."""
    docs = []
    for name in ("shanghai-putuo-chengguan-2026", "shanghai-putuo-jianguanwei-2026"):
        assert main(["render", str(ROOT / "data" / f"{name}.yaml"), "-o", str(tmp_path / name), "--format", "docx"]) == 0
        docs.append(tmp_path / name / f"{name}.docx")
    out = tmp_path / "diff.docx"
    assert main(["diff", str(docs[0]), str(docs[1]), "-o", str(out)]) == 0
    assert "内部错误" not in capsys.readouterr().err
    package = zipfile.ZipFile(out)
    body = package.read("word/document.xml").decode("utf-8")
    assert "<w:del " in body and "<w:ins " in body
