"""`reportgen diff` given what it should not read or asked to write where it must not: each is
answered in Chinese with exit code 1, no traceback, no 内部错误, every input byte for byte as it
was, and no output written or replaced."""

from __future__ import annotations

import io
import os
import shutil
import struct
import threading
import zipfile
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.render import render_source

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


def with_method(docx: bytes, method: int) -> bytes:
    """The DOCX with word/document.xml's compression method field set to ``method`` (in its local
    header and in the central directory), as a file made by a tool using another method reads."""
    data = bytearray(docx)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        info = package.getinfo("word/document.xml")
    struct.pack_into("<H", data, info.header_offset + 8, method)
    struct.pack_into("<H", data, central_entry(data, b"word/document.xml") + 10, method)
    return bytes(data)


def test_an_encrypted_word_file_is_named_as_such(capsys, tmp_path):
    locked = tmp_path / "加密.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
    refused(capsys, tmp_path, locked, "已加密", "取消密码", str(locked))


def test_an_old_doc_file_is_named_as_such(capsys, tmp_path):
    legacy = tmp_path / "旧版.docx"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    refused(capsys, tmp_path, legacy, "旧版 Word 文档", ".doc")


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
    with zipfile.ZipFile(io.BytesIO(draft)) as source, zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            payload = source.read(info)
            if info.filename == "word/document.xml":
                payload += b" " * (50 << 20)  # inflates far beyond what the header will say
            out.writestr(info.filename, payload)
    data = bytearray(liar.read_bytes())
    with zipfile.ZipFile(liar) as package:
        info = package.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1000)  # local header: 1,000 bytes inflated
    struct.pack_into("<I", data, central_entry(data, b"word/document.xml") + 24, 1000)  # the directory agrees
    liar.write_bytes(bytes(data))
    refused(capsys, tmp_path, liar, "无法读取 DOCX")


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
    code, output = run(capsys, "diff", Y2021, Y2022, "-o", keep, "-o", blocker / "diff.docx")
    assert code == 1 and "无法写入" in output and "Traceback" not in output
    assert keep.read_bytes() == b"last year's redline"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "diff.html"]


def test_an_output_that_is_a_folder_is_refused_before_any_work(capsys, tmp_path):
    (tmp_path / "diff.html").mkdir()
    code, output = run(capsys, "diff", Y2021, Y2022, "-o", tmp_path / "diff.html")
    assert code == 1 and "文件夹" in output
