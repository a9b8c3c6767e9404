"""The desk's store: every file kept by the SHA-256 of its bytes (store/ab/abcdef…), written once and
never modified — an upload as received, an annotated copy, a 整改通知 — and readable by the desk's own user
alone (folders 0700, files 0400). The name a department gave its
file is never part of a path here; the kind of an upload is told by its bytes (readers/sniff.py), and
its size is bounded while it is received, before anything is kept."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from reportgen.base.patterns import regex
from reportgen.desk.settings import DeskRefused
from reportgen.readers.containers import check_package
from reportgen.readers.sniff import image_kind, sniff
from reportgen.readers.unreadable import Unreadable

# What a department may submit, by what its bytes are: a PDF, a Word document (an old .doc or .wps, or an
# RTF, is read as the DOCX LibreOffice makes of it: readers/office/legacy.py; a web archive as its page), a workbook.
ACCEPTED = {"pdf": "PDF", "docx": "DOCX", "doc": "DOC", "rtf": "RTF", "wordml": "Word 2003 XML", "mht": "MHT", "xlsx": "XLSX", "xls": "XLS", "ods": "ODS"}
SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "doc": ".doc", "rtf": ".rtf", "wordml": ".xml", "mht": ".mht", "xlsx": ".xlsx", "xls": ".xls", "ods": ".ods"}


_UNSAFE = regex(r"[^\w\u3400-\u9fff（）()·-]+")


def reviewed_name(member: str, number: int, kind: str) -> str:
    """The name a stored file is reviewed under (and its annotated copies' legend names it by): its row's and its
    number, made by the desk — never the name the department gave."""
    return f"{_UNSAFE.sub('_', member)[:60] or 'document'}-{number}{SUFFIXES.get(kind, '')}"


class UploadRefused(DeskRefused):
    """An upload not kept (too large, or not a PDF, DOCX or workbook): a Chinese message for the page."""


class UploadFailed(UploadRefused):
    """An upload not kept for a fault of the desk's (its database busy, its disk full): nothing of it is kept."""


class Store:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, digest: str) -> Path:
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise UploadRefused(f"没有这个文件：{digest[:80]}")
        return self.root / digest[:2] / digest

    def put(self, chunks: Iterable[bytes], limit: int | None = None) -> tuple[str, int]:
        """Keep the bytes (read in chunks, refused past ``limit``); their digest and size. The file is
        written to a temporary name and moved into place: a reader never sees half a file."""
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        handle, temporary = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in chunks:
                    size += len(chunk)
                    if limit is not None and size > limit:
                        raise UploadRefused(too_large(limit))
                    digest.update(chunk)
                    out.write(chunk)
            return self._placed(Path(temporary), digest.hexdigest()), size
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)

    def _placed(self, temporary: Path, digest: str) -> str:
        target = self.path(digest)
        if not target.exists():
            target.parent.mkdir(mode=0o700, exist_ok=True)
            os.chmod(temporary, 0o400)  # never modified, read by the desk's own user alone
            os.replace(temporary, target)
        return digest

    def put_bytes(self, data: bytes) -> str:
        return self.put([data])[0]

    def put_new(self, data: bytes) -> tuple[str, bool]:
        """The bytes kept: their digest, and whether this put them there (they were not kept before)."""
        existed = self.path(hashlib.sha256(data).hexdigest()).exists()
        return self.put_bytes(data), not existed

    def let_go(self, digest: str) -> None:
        """A file this desk kept for what then failed, let go (never one kept before: put_new tells)."""
        self.path(digest).unlink(missing_ok=True)

    def read(self, digest: str) -> bytes:
        return self.path(digest).read_bytes()


def upload_kind(data: bytes, shown: str) -> str:
    """The kind of an upload by its bytes (sniff reads a zip's or compound file's directory in the whole
    file), a zip judged by its directory before anything is kept (readers/containers.py: a zip bomb);
    UploadRefused, in Chinese and naming the upload by ``shown`` (errors.upload_name), for anything but
    a PDF, a DOCX or a workbook."""
    if not data:
        raise UploadRefused(f"{shown}：文件是空的，未接收：请确认导出或保存已完成后再提交")
    image = image_kind(data)
    if image is not None:  # a scan or a photo sent for the document, whatever its name says
        raise UploadRefused(f"{shown}：文件的内容是 {image} 图片，不是公开文本或工作簿，未接收："
                            "请提交预算公开文本的 PDF 或 Word 文档（.docx、.doc），或导出的 .xlsx/.xls/.ods 工作簿本身")
    kind = sniff(data)
    if kind not in ACCEPTED:
        raise UploadRefused(f"{shown}：这个文件不是 PDF、Word 文档或工作簿（按文件内容判断为 {_kind_word(kind)}），未接收："
                            "请提交预算公开文本的 PDF 或 Word 文档（.docx、.doc），或导出的 .xlsx/.xls/.ods 工作簿")
    if data.startswith(b"PK"):
        try:
            check_package(shown, data)
        except Unreadable as exc:
            raise UploadRefused(f"{shown}，未接收：{exc.reason}") from None
    return kind


def too_large(limit: int) -> str:
    return f"文件超过 {limit // (1024 * 1024)} MB，未接收：请提交公开文本本身（PDF、Word 文档或工作簿）"


def _kind_word(kind: str) -> str:
    return {"unknown": "无法识别的格式", "csv": "纯文本", "html": "网页",
            "zip": "其他压缩包", "xlsx-encrypted": "加密的工作簿", "xlsb": "二进制工作簿（.xlsb）"}.get(kind, kind)
