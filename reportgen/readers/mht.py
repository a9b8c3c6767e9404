"""A web archive (MHT, Word's “单个文件网页”) → the page it holds. Word saves a document so, and sites
publish it under the name .doc (Word opens it as a document): read as the page it is, never as a
plain text of MIME headers and quoted-printable. Told by its bytes (readers/sniff.py: a MIME header
block naming MIME-Version and a multipart type), never by its name.

The page is the archive's root (multipart/related's ``start``, else its first text/html part),
its transfer encoding (quoted-printable, base64) undone and its charset (GB2312 as GB18030) made
UTF-8 with a byte-order mark, which every page reader here honours first; its pictures and other
parts are left (a table shown as a picture is not read, as on any page)."""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from reportgen.readers.unreadable import Unreadable

_GB = ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936")


def page_of(file: str, data: bytes) -> bytes:
    """The page the web archive ``data`` (the bytes of ``file``) holds, as UTF-8 with its mark;
    Unreadable when it holds none."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
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


def _root(message: Message) -> Message | None:
    """The archive's page: the part its ``start`` parameter names, else its first text/html part."""
    pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    start = message.get_param("start")
    if isinstance(start, str):
        named = next((p for p in pages if p.get("Content-ID", "").strip() == start.strip()), None)
        if named is not None:
            return named
    return pages[0] if pages else None
