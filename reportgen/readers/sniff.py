"""What a file to import is, told from its bytes: finance systems name an HTML page or a CSV file
``.xls``, and a user renames files freely, so the extension is never asked.

    xlsx            a zip holding xl/workbook.xml (also .xlsm: macros are never run)
    xlsb            a zip holding xl/workbook.bin (refused: the reader asks for .xlsx)
    ods             a zip whose mimetype is an OpenDocument spreadsheet
    docx            a zip holding word/document.xml
    xls             a compound file (OLE2) holding a Workbook (BIFF8) or Book (BIFF5) stream, or
                    one without the streams named here (cut short, or a .ppt): the reader says
    xlsx-encrypted  a compound file holding EncryptionInfo: a password-protected OOXML workbook
    doc             a compound file holding WordDocument (an old Word file: Word 97–2003, WPS 文字's .wps)
    rtf             an RTF document ({\\rtf)
    mht             a web archive (MHT, Word's “单个文件网页”, often named .doc): a MIME header block
                    with MIME-Version and a multipart Content-Type
    spreadsheetml   Excel 2003 XML (urn:schemas-microsoft-com:office:spreadsheet)
    wordml          Word 2003 XML (“WordprocessingML”: a <w:wordDocument> in the 2003 wordml namespace), often
                    saved as .xml or .doc: converted by LibreOffice as an old Word document is
    html            an HTML page (in any encoding)
    zip             another zip (or one cut short before any name above)
    pdf             %PDF-
    csv             text otherwise: UTF-8 with or without its BOM, UTF-16 with its BOM, GBK/GB18030
    unknown         anything else (image_kind names a picture: a scan or a photo sent as the file)

Only a bounded head of the file is decoded; zip and compound files are recognised by the names
their directories hold (stored uncompressed), so a truncated or corrupt workbook is still called a
workbook and the reader says what is wrong with it.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib

from reportgen.base.patterns import regex

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a member first, or an empty archive's directory
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HEAD = 8192  # bytes decoded to tell text from binary, XML from HTML
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_SPREADSHEETML = "urn:schemas-microsoft-com:office:spreadsheet"
_WORDML = "http://schemas.microsoft.com/office/word/2003/wordml"
# The names a compound file's directory holds, in UTF-16LE as it stores them.
_CFB_NAMES = [(name.encode("utf-16-le"), kind) for name, kind in (
    ("EncryptionInfo", "xlsx-encrypted"), ("EncryptedPackage", "xlsx-encrypted"),
    ("Workbook", "xls"), ("WORKBOOK", "xls"), ("Book", "xls"), ("WordDocument", "doc"))]
# A tag that opens an HTML page or a table in one: a letter-bounded name (linear: no nesting).
_HTML_TAG = regex(r"<(?:!doctype\s+html|html|head|body|table|meta)\b", re.IGNORECASE)
# Control characters that never occur in a text file (tab, newlines and form feed do).
_BINARY = regex(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def sniff(data: bytes) -> str:
    """The format of ``data`` (see the module's table), by its bytes alone."""
    if data.startswith(_CFB):
        return _compound_kind(data)
    if data.startswith(_ZIP):
        return _zip_kind(data)
    body = _skip_bom_and_space(data[:_HEAD])
    if body.startswith(b"%PDF-"):
        return "pdf"
    if body.startswith(b"{\\rtf"):
        return "rtf"
    text = head_text(data)
    if text is None or _BINARY.search(text):
        return "unknown"
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):  # markup: a workbook in XML, a page, or neither (no CSV starts so)
        return _markup_kind(stripped)
    if _is_mime(stripped):
        return "mht"
    return "csv" if stripped else "unknown"


def _markup_kind(stripped: str) -> str:
    """The format of a text that starts with markup: a workbook or a document in XML, a page, or neither."""
    page = stripped[:200].lower().startswith(("<!doctype html", "<html"))
    if _SPREADSHEETML in stripped and not page:
        return "spreadsheetml"
    if _WORDML in stripped and "<w:wordDocument" in stripped and not page:
        return "wordml"
    return "html" if _HTML_TAG.search(stripped) else "unknown"


def _is_mime(text: str) -> bool:
    """Whether ``text`` begins with a MIME message's header block (each line “Name: value”, or a
    continuation) naming MIME-Version and a multipart Content-Type: a web archive."""
    names, content = set(), ""
    for line in text.splitlines():
        if not line.strip():
            break
        if line[0] in " \t":
            continue
        name, colon, value = line.partition(":")
        if not colon or not name or not _header_name(name):
            return False
        names.add(name.lower())
        if name.lower() == "content-type":
            content = value.strip().lower()
    return "mime-version" in names and content.startswith("multipart/")


def _header_name(name: str) -> bool:
    """Whether a MIME header's name is ASCII letters, digits and hyphens."""
    return all(c.isascii() and (c.isalnum() or c == "-") for c in name)


# A picture's first bytes, and its name as a message says it.
_IMAGES = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
           (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"BM", "BMP"))


def image_kind(data: bytes) -> str | None:
    """The picture format ``data`` begins as (JPEG, PNG, GIF, TIFF, BMP, WebP), or None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    for signature, name in _IMAGES:
        if data.startswith(signature) and (name != "BMP" or data[6:10] == b"\0\0\0\0"):  # BMP's reserved words
            return name
    return None


def _skip_bom_and_space(head: bytes) -> bytes:
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    return head.lstrip(b" \t\r\n")


def _compound_kind(data: bytes) -> str:
    # The directory's names are searched in the whole file: its sectors may lie anywhere in it. A
    # compound file without them (cut short before its directory, or another kind) goes to the
    # workbook reader, which says which it is.
    for name, kind in _CFB_NAMES:
        if directory_entry(data, name) >= 0:
            return kind
    return "xls"


def directory_entry(data: bytes, name: bytes) -> int:
    """Where ``name`` (UTF-16LE) stands in ``data`` as a compound file's directory entry names it, or
    -1: at the start of a 128-byte entry (entries fill sectors of 512 or 4096 bytes, after the
    512-byte header), its length field (bytes, with the closing NUL) after the 64 bytes of the name.
    The same letters elsewhere are no entry: an old Word file's styles hold “Book Title” in UTF-16."""
    length = (len(name) + 2).to_bytes(2, "little")
    at = data.find(name)
    while at >= 0:
        if at % 128 == 0 and data[at + len(name):at + len(name) + 2] == b"\0\0" and data[at + 64:at + 66] == length:
            return at
        at = data.find(name, at + 1)
    return -1


def _zip_kind(data: bytes) -> str:
    """An OOXML or OpenDocument package by the names of its parts (stored as written in each
    member's local header and in the directory), the ODS mimetype by its first member."""
    if data[30:38] == b"mimetype" and data[38:38 + len(_ODS)] == _ODS:
        return "ods"
    if b"xl/workbook.bin" in data:
        return "xlsb"
    if b"xl/workbook.xml" in data or b"xl/worksheets/" in data:  # the second: cut short before the workbook
        return "xlsx"
    if b"word/document.xml" in data:
        return "docx"
    if b"mimetype" in data and b"content.xml" in data and _zipped_mimetype(data).startswith(_ODS):
        return "ods"
    return "zip"


def _zipped_mimetype(data: bytes) -> bytes:
    """The mimetype member of a zip that does not store it first and uncompressed, as ODF asks
    (a writer that ignores it): read when the directory is small and the member is tiny."""
    if data.count(b"PK\x01\x02") > 10_000:
        return b""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("mimetype")
            return package.read(info) if info.file_size <= 200 else b""
    except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, RuntimeError,
            NotImplementedError, zlib.error):
        return b""


def head_text(data: bytes, size: int = _HEAD) -> str | None:
    """The first ``size`` bytes of ``data`` decoded (a multi-byte character cut at the end
    dropped), or None when they are not text in an encoding the importer reads."""
    encoding = text_encoding(data[:size])
    if encoding is None:  # a GBK export with a stray byte is still text: a few bad bytes are let pass
        text = data[:size].decode("gb18030", "replace")
        return text if text.count("\ufffd") <= max(2, len(text) // 100) else None
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        return decoder.decode(data[:size], final=len(data) <= size)
    except UnicodeDecodeError:
        return None


def text_encoding(head: bytes) -> str | None:
    """The encoding ``head`` (a file's first bytes) decodes in: by its byte-order mark, else UTF-8
    if it decodes, else GB18030 (the superset of GBK and GB2312 that Chinese systems write)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    return None
