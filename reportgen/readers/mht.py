"""A web archive (MHT, Word's “单个文件网页”) → the page it holds. Word saves a document so, and sites
publish it under the name .doc (Word opens it as a document): read as the page it is, never as a
plain text of MIME headers and quoted-printable. Told by its bytes (readers/sniff.py: a MIME header
block naming MIME-Version and a multipart type), never by its name.

The page is the archive's root (multipart/related's ``start``, else its first text/html part),
its transfer encoding (quoted-printable, base64) undone and its charset (GB2312 as GB18030) made
UTF-8 with a byte-order mark, which every page reader here honours first; its pictures and other
parts are left (a table shown as a picture is not read, as on any page).

Excel saves a workbook so too (.mht, .mhtml), and there the root is a frameset that holds no table:
it names each sheet (``<x:ExcelWorksheet>``: its ``x:Name`` and ``x:WorksheetSource``, the part that
holds it) and each sheet is a page of its own part. Every sheet is read (``sheets_of``), in the
workbook's order, by its name; a sheet the frameset names whose part the archive does not hold is
named as not read (``lost``), never passed over in silence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin

from reportgen.base.patterns import regex
from reportgen.readers.unreadable import Unreadable

if TYPE_CHECKING:
    from email.message import Message

_GB = ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936")


def page_of(file: str, data: bytes) -> bytes:
    """The page the web archive ``data`` (the bytes of ``file``) holds, as UTF-8 with its mark;
    Unreadable when it holds none."""
    message = _message(data)
    part = _root(message)
    if part is None:
        raise Unreadable(file, "这是网页存档（MHT，“单个文件网页”），但其中没有网页：请在 Word 或 WPS 中打开它，"
                               "另存为 .docx 后再提交")
    payload = part.get_payload(decode=True)
    body = payload if isinstance(payload, bytes) else b""
    charset = (part.get_content_charset() or "").lower()
    try:
        text = body.decode("gb18030" if charset in _GB else charset) if charset else None
    except (LookupError, UnicodeDecodeError):
        text = None
    return body if text is None else b"\xef\xbb\xbf" + text.encode("utf-8")


def _message(data: bytes) -> Message:
    """The archive as a MIME message. (email is imported here: 20–45 ms that only a web archive needs.)"""
    import email  # deferred: for a web archive only
    import email.policy  # deferred: as above

    return email.message_from_bytes(data, policy=email.policy.compat32)


def _root(message: Message) -> Message | None:
    """The archive's page: the part its ``start`` parameter names, else its first text/html part."""
    pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    start = message.get_param("start")
    if isinstance(start, str):
        named = next((p for p in pages if p.get("Content-ID", "").strip() == start.strip()), None)
        if named is not None:
            return named
    return pages[0] if pages else None


# A sheet as Excel's frameset names it (in an XML island inside a comment): bounded runs, linear.
_SHEET = regex(r"<x:ExcelWorksheet>\s{0,200}<x:Name>([^<]{0,200})</x:Name>\s{0,200}"
               r"<x:WorksheetSource\s{1,20}HRef=\"([^\"]{1,500})\"", re.IGNORECASE)


@dataclass(frozen=True)
class Workbook:
    """A workbook's sheets an archive holds: (name, page as UTF-8 with its mark) each, in its order, and
    the names of those its frameset names whose parts it does not hold."""

    sheets: list[tuple[str, bytes]]
    lost: list[str] = field(default_factory=list)


def sheets_of(data: bytes) -> Workbook | None:
    """The sheets of a workbook Excel saved as a web archive (``data``); None where the archive is
    not one (its root names no sheet)."""
    message = _message(data)
    root = _root(message)
    if root is None:
        return None
    named = _SHEET.findall(_text(root) or "")
    if not named:
        return None
    where = root.get("Content-Location", "").strip()
    parts = {unquote(part.get("Content-Location", "").strip()): part for part in message.walk()
             if part.get_content_type() == "text/html"}
    sheets: list[tuple[str, bytes]] = []
    lost: list[str] = []
    for name, href in named:
        part = parts.get(unquote(urljoin(where, href.replace("\\", "/"))))
        text = _text(part) if part is not None else None
        if text is None:
            lost.append(name)
        else:
            sheets.append((name, b"\xef\xbb\xbf" + text.encode("utf-8")))
    return Workbook(sheets, lost)


def _text(part: Message) -> str | None:
    """A text/html part's text, its transfer encoding undone, in its charset (GB2312 as GB18030)."""
    payload = part.get_payload(decode=True)
    body = payload if isinstance(payload, bytes) else b""
    charset = (part.get_content_charset() or "utf-8").lower()
    try:
        return body.decode("gb18030" if charset in _GB else charset)
    except (LookupError, UnicodeDecodeError):
        return None


def lost_note(file: str, lost: list[str], read: int) -> str:
    """What is told of the sheets an archive's frameset names and does not hold, naming ``file``."""
    return f"{file}：{lost_sheets(lost, read)}"


def lost_sheets(lost: list[str], read: int) -> str:
    """What is told of the sheets an archive's frameset names and does not hold (a message naming the file puts
    it in front)."""
    names = "、".join(f"“{name}”" for name in lost[:10]) + (f" 等 {len(lost)} 张" if len(lost) > 10 else "")
    return (f"这是 Excel 存为“单个文件网页”的工作簿，其中的工作表{names}在文件中找不到（文件不完整），"
            f"未读取；其余 {read} 张已读取：请在 Excel 中重新另存为 .xlsx 后再提交")
