"""Old Word documents (.doc, and WPS 文字's .wps, written in the same format), Word 2003 XML
(WordprocessingML, saved as .xml or .doc) and RTF → the DOCX the readers read: many government sites
publish their disclosures so. The file is told by its bytes (readers/sniff.py: a compound file holding
WordDocument; a <w:wordDocument> in the 2003 wordml namespace; ``{\\rtf``), never by its name — a .doc that
is really a DOCX, a page or a workbook is read as what it is, and a password-protected OOXML package
(also a compound file, holding EncryptedPackage) is never taken for one.

LibreOffice converts a private copy: the bytes already read are written into a temporary folder of
this conversion's own, with a throwaway LibreOffice profile inside it, and ``soffice --headless
--convert-to docx`` writes the DOCX there; the folder is removed whole afterwards, whatever happened.
The user's file is never opened again nor anything written beside it. The profile is made with its
macros off (none runs, signed or not) and links to other places not followed (PROFILE_SETTINGS):
a document from anywhere is only converted. LibreOffice runs under
reading/programs.py's run_program: a time limit (REPORTGEN_CONVERT_SECONDS, default
TIMEOUT_SECONDS), after which its whole process group is killed, and a bound on what it may print.
What it made is checked before it is read: a regular file within the DOCX reader's bound whose bytes
are a DOCX's. Every failure is :class:`~reportgen.readers.unreadable.Unreadable`, its Chinese message
naming the original file and saying what to do (install LibreOffice, or save the file as .docx)."""

from __future__ import annotations

import os
import shutil
import struct
import tempfile
from pathlib import Path

from reportgen.base.errors import shown_text
from reportgen.readers.sniff import directory_entry, sniff
from reportgen.readers.unreadable import Unreadable
from reportgen.reading.files import InputRefused, read_bounded
from reportgen.reading.programs import NO_SELF_TESTS, ProgramOutputTooLarge, ProgramTimeout, run_program, seconds

# What each kind is called in a message, and the name its private copy is given (LibreOffice detects
# the format by the bytes; the suffix is its first guess).
KINDS = {"doc": ("旧版 Word 文档（.doc 或 WPS 的 .wps）", ".doc"), "rtf": ("RTF 文档（.rtf）", ".rtf"),
         "wordml": ("Word 2003 XML 文档（WordprocessingML）", ".xml")}
TIMEOUT_SECONDS = 120  # one document's conversion (2–5 s as a rule: most of it LibreOffice's start)
OUTPUT_LIMIT = 1024 * 1024  # what LibreOffice may print on stdout and stderr together
MAX_DOCX_BYTES = 100 * 1024 * 1024  # what it made, as readers/office/docx.py bounds a DOCX given to it
INSTALL = "sudo apt-get install libreoffice-writer-nogui"
# The throwaway profile's settings (user/registrymodifications.xcu, which a new profile's first start
# keeps): no macro of the document runs, and no link of it to another place is followed; no graphics
# self-tests at its start (NO_SELF_TESTS: a second of CPU).
_SCRIPTING = "/org.openoffice.Office.Common/Security/Scripting"
PROFILE_SETTINGS = ((_SCRIPTING, "DisableMacrosExecution", "true"), (_SCRIPTING, "MacroSecurityLevel", "3"),
                    (_SCRIPTING, "BlockUntrustedRefererLinks", "true"), NO_SELF_TESTS)
_REGISTRY = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
             'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
             + "".join(f'<item oor:path="{where}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
                       for where, name, value in PROFILE_SETTINGS) + "</oor:items>\n")


def soffice() -> str | None:
    """The LibreOffice program on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def as_docx(path: Path, data: bytes, kind: str) -> bytes:
    """The document ``data`` (the bytes of ``path``, of ``kind`` doc or rtf) as a DOCX's bytes,
    converted by LibreOffice from a private copy; Unreadable, naming ``path``, when it cannot be."""
    file, what = str(path), KINDS[kind][0]
    if kind == "doc" and encrypted(data):
        raise Unreadable(file, f"这是{what}，已加密（受密码保护）：请在 Word 或 WPS 中取消密码（文件 > 信息 > 保护文档），"
                               "“另存为” .docx 后再提交")
    program = soffice()
    if program is None:
        raise Unreadable(file, f"这是{what}，读取它需要 LibreOffice，但找不到 soffice：请安装 LibreOffice"
                               f"（例如 {INSTALL}），或在 Word 或 WPS 中把它“另存为” .docx 后再提交")
    with tempfile.TemporaryDirectory(prefix="reportgen-convert-") as folder:
        work = Path(folder)
        source = work / f"document{KINDS[kind][1]}"
        source.write_bytes(data)
        made = _converted(file, what, program, work, source)
        try:
            converted = read_bounded(made, MAX_DOCX_BYTES, "转换得到的 Word 文档（.docx）")
        except InputRefused as exc:
            raise Unreadable(file, f"这是{what}，LibreOffice 转换得到的 .docx 不能读取（{exc.message}）："
                                   "请在 Word 或 WPS 中把它“另存为” .docx 后再提交") from None
    if sniff(converted) != "docx":
        raise Unreadable(file, f"这是{what}，LibreOffice 转换得到的文件不是 Word 文档（.docx）："
                               "请在 Word 或 WPS 中把它“另存为” .docx 后再提交")
    return converted


_WORD_IDENTS = (0xA5EC, 0xA5DC)  # the FIB's wIdent: Word 97–2003 (and WPS), Word 6/95
_F_ENCRYPTED = 0x0100  # in the FIB's flags, at offset 10: the document is encrypted (or obfuscated)


def encrypted(data: bytes) -> bool:
    """Whether an old Word file (a compound file) says its document is encrypted: the fEncrypted flag
    of the FIB that begins its WordDocument stream. LibreOffice would ask for a password nobody gives;
    the file is told encrypted instead, before it is run. A stream not where its entry says is not
    judged here (LibreOffice says what it finds)."""
    at = directory_entry(data, "WordDocument".encode("utf-16-le"))
    if at < 0 or at + 128 > len(data):
        return False
    shift = struct.unpack_from("<H", data, 30)[0]
    start, size = struct.unpack_from("<IQ", data, at + 116)
    if shift not in (9, 12) or size < 4096:  # a stream under 4096 bytes lies in the mini stream: no FIB is so short
        return False
    offset = (start + 1) << shift
    if offset + 12 > len(data):
        return False
    ident, flags = struct.unpack_from("<H", data, offset)[0], struct.unpack_from("<H", data, offset + 10)[0]
    return ident in _WORD_IDENTS and bool(flags & _F_ENCRYPTED)


def _converted(file: str, what: str, program: str, work: Path, source: Path) -> Path:
    """The DOCX LibreOffice made of ``source`` in ``work``; Unreadable when it ran past its time,
    printed too much, could not start, failed or made nothing."""
    out, profile = work / "out", work / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
    command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "docx", "--outdir", str(out), str(source)]
    limit = seconds("REPORTGEN_CONVERT_SECONDS", TIMEOUT_SECONDS)
    save_as = "请在 Word 或 WPS 中把它“另存为” .docx 后再提交"
    try:
        code, _, stderr = run_program(command, limit, OUTPUT_LIMIT, _environment(work))
    except ProgramTimeout:
        raise Unreadable(file, f"这是{what}，LibreOffice 在 {limit:g} 秒内没有把它转换为 .docx，已结束它：{save_as}"
                               "（或用环境变量 REPORTGEN_CONVERT_SECONDS 放宽时限）") from None
    except ProgramOutputTooLarge:
        raise Unreadable(file, f"这是{what}，LibreOffice 转换时输出过多，已结束它：{save_as}") from None
    except OSError as exc:
        raise Unreadable(file, f"这是{what}，LibreOffice（{program}）无法启动（{exc.strerror or exc}）：请检查 LibreOffice "
                               f"的安装，或{save_as.removeprefix('请')}") from None
    made = out / f"{source.stem}.docx"
    if code != 0 or not made.is_file() or made.is_symlink():
        said = stderr.decode("utf-8", "replace").strip().splitlines()
        why = f"退出码 {code}" if code != 0 else "没有生成 .docx"
        detail = f"：{shown_text(said[-1], 120)}" if said else ""  # its last line, as LibreOffice printed it
        raise Unreadable(file, f"这是{what}，LibreOffice 未能把它转换为 .docx（{why}{detail}）：文件可能已损坏或加密；"
                               f"{save_as}")
    return made


def _environment(work: Path) -> dict[str, str]:
    """LibreOffice's environment: the user's, in a locale every glibc system has (the copy's name is
    ASCII, but LibreOffice's messages are read here), its temporary files in the conversion's folder."""
    kept = {name: value for name, value in os.environ.items() if name != "LANGUAGE" and not name.startswith("LC_")}
    return {**kept, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TMPDIR": str(work)}
