"""Any DOCX → Document: paragraphs and tables read back the way a reader sees them.

Reads reportgen's own drafts exactly (their styles name titles, headings, table captions and notes)
and any other disclosure DOCX as well as it can: Heading/标题 styles or an outline level make
headings, and in a document without heading styles the official numbering (第一部分, 一、, （一）,
1., （1）) on a short line does. Tables keep their header rows (w:tblHeader), merged cells and a
row key: the first cell that looks like a code, else the first cell's text.

Tracked changes (w:ins / w:del) are resolved first, as Word's "accept all" (the default) or
"reject all" would: a draft with pending changes is read as its author means it.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

import docx
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from reportgen.base.errors import Finding, SourceError
from reportgen.base.patterns import regex
from reportgen.docmodel.document import (
    Align,
    Block,
    Cell,
    ContentsEntry,
    Document,
    Heading,
    Paragraph,
    Row,
    Table,
    Title,
)
from reportgen.readers.containers import MAX_ENTRIES, MAX_UNPACKED_BYTES, directory_problem
from reportgen.readers.sniff import sniff
from reportgen.reading.files import InputRefused, read_bounded

Resolve = Literal["accept", "reject"]

_CHINESE_NUMERAL = "一二三四五六七八九十百零〇"
# Official numbering by heading level; a line is a heading only when short and not a sentence.
_NUMBERING = [
    (1, regex(rf"^第[{_CHINESE_NUMERAL}]+部分")),
    (2, regex(rf"^[{_CHINESE_NUMERAL}]+、")),
    (3, regex(rf"^[（(][{_CHINESE_NUMERAL}]+[)）]")),
    (4, regex(r"^\d+[.．、](?!\d)")),
    (5, regex(r"^[（(]\d+[)）]")),
]
_HEADING_MAX = 40
_SENTENCE = regex(r"[。；，：:;,]")
_HEADING_STYLE = regex(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_CODE = regex(r"^\d{3,}(?:/\d+)?$")
_CAPTION_STYLES = ("table number", "table title", "table unit line")  # lowercase, read before their table
_YEAR = regex(r"(20\d\d|19\d\d)\s*年")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_COLUMNS = 63  # Word's own limit for a table
# A grid column narrower than this (twips; 1 mm is 57) holds no text of its own: a cell's margins alone
# are 108 twips a side. A .doc saved as .docx (by Word, WPS or LibreOffice) gets one wherever two rows'
# cell edges differ by a hair: a 1-twip column under 收入 in the body rows and under 支出 in the header.
SLIVER_TWIPS = 57
_CONTENTS_INDENT = 420  # twips a 目录 line is indented per level below the first (DocxWriter.contents)


# A DOCX handed to diff may come from anywhere: it is read whole, with bounds, and unpacked here in
# counted steps before python-docx sees it. A disclosure with its tables is a few hundred kilobytes
# (about 1 MB of XML); the bounds leave room for a long document with pictures.
MAX_DOCX_BYTES = 100 * 1024 * 1024  # the file itself
# The parts python-docx parses cost about 25 bytes of memory per byte of XML (measured on a
# rendered draft's document.xml): 32 MB of markup is under a gigabyte, and 30 times any real one.
MAX_MARKUP_BYTES = 32 * 1024 * 1024
MAX_RATIO = 200  # inflated : compressed for a part of over a megabyte (XML packs about 10-20 : 1): tighter than
# containers.MAX_RATIO (a workbook's), and MAX_UNPACKED_BYTES is the one every package is held to
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted OOXML or an old .doc
_ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_STEP = 1024 * 1024  # inflate at most this much at a time


def docx_package(path: Path, data: bytes | None = None) -> io.BytesIO:
    """The DOCX at ``path`` for python-docx to open, once it is known to be safe: a regular file
    within MAX_DOCX_BYTES, a zip (not an encrypted or legacy Word file) of at most MAX_ENTRIES
    parts, each stored or deflated, their declared sizes within MAX_UNPACKED_BYTES and MAX_RATIO.
    Every part is then inflated here a step at a time and counted, and handed on stored (not
    compressed), so that no header, however it lies, makes python-docx inflate more than was
    counted. Raises SourceError in Chinese."""
    file = str(path)

    def refuse(message: str) -> SourceError:
        return _refused(file, message)

    if data is None:  # ``data``: the file's bytes, read already (readers/published.py)
        try:
            data = read_bounded(Path(path), MAX_DOCX_BYTES, "Word 文档（.docx）")
        except InputRefused as exc:
            raise SourceError([Finding("error", "R-文件", exc.message, file)]) from None
    if data.startswith(_OLE):
        raise refuse(_ole_advice(data))
    package = _open_zip(data, refuse)
    infos = package.infolist()
    _check_entries(infos, refuse)
    # The last entry of a name is the one zipfile (and so python-docx) would read.
    parts = {info.filename: info for info in infos}
    return _stored_copy(package, parts, refuse)


_Refuse = Callable[[str], SourceError]


def _ole_advice(data: bytes) -> str:
    """What to do with a compound file given as a DOCX: it is an encrypted OOXML package, an old .doc
    (read as LibreOffice converts it: readers/published.py, not here), or another old Office file."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "文件已加密（受密码保护）：请在 Word 中取消密码（文件 > 信息 > 保护文档），保存后再对比"
    if sniff(data) == "doc":
        return "这是旧版 Word 文档（.doc），不是 .docx：请在 Word 中“另存为” .docx 后再对比"
    return "这是旧版 Office 文件（OLE 复合文档，如 .xls 或 .ppt），不是 Word 文档：请给出 Word 文档（.docx 或 .doc）"


def _open_zip(data: bytes, refuse: _Refuse) -> zipfile.ZipFile:
    """``data`` as a zip whose directory has been read, refused when it is not one or has too many
    entries to list."""
    # Counted before zipfile reads the directory: every entry it reads starts with this signature,
    # and a forged directory of two million tiny entries would take a gigabyte to list.
    entries = data.count(b"PK\x01\x02")
    if entries > MAX_ENTRIES:
        raise refuse(f"DOCX 文件包含约 {entries} 个部件，超过 {MAX_ENTRIES} 个：不像是 Word 文档，未读取")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise refuse("无法读取 DOCX 文件：它不是有效的 Word 文档（.docx 应为 zip 包），请确认文件完整") from None
    return package


def _check_entries(infos: list[zipfile.ZipInfo], refuse: _Refuse) -> None:
    """Refuse a package by what its directory declares: encrypted parts, a compression method
    python-docx cannot read, a part that would swell like a zip bomb, too much in all."""
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse("DOCX 文件中的部件已加密：请在 Word 中取消密码后另存，再对比")
        if info.compress_type not in _ZIP_METHODS:
            raise refuse(f"DOCX 文件使用了不支持的压缩方式（编号 {info.compress_type}，部件 {info.filename[:60]}）："
                         "请在 Word 或 WPS 中打开并另存为 .docx 后再对比")
    problem = directory_problem(infos, MAX_RATIO, "DOCX 文件的")  # the rules every package is held to
    if problem is not None:
        raise refuse(problem)


def _too_big() -> str:
    return f"DOCX 文件解压后超过 {MAX_UNPACKED_BYTES // (1024 * 1024)} MB，未读取：公开文本不会这么大，请确认文件"


def _stored_copy(package: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], refuse: _Refuse) -> io.BytesIO:
    """``parts`` of ``package`` inflated a step at a time, counted, and stored uncompressed in a new
    zip: whatever its headers say, python-docx then inflates nothing that was not counted."""
    counter = _Inflated(refuse)
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as out:
        for name, info in parts.items():
            try:
                with package.open(info) as part, out.open(zipfile.ZipInfo(name), "w") as copy:
                    counts_as_markup = None
                    while chunk := part.read(_STEP):
                        if counts_as_markup is None:
                            counts_as_markup = _may_be_xml(chunk)
                        counter.add(len(chunk), counts_as_markup)
                        copy.write(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
                raise refuse(f"无法读取 DOCX 文件：部件 {name[:60]} 已损坏，请确认文件完整，"
                             "或在 Word 中打开后另存一次") from None
    stored.seek(0)
    return stored


class _Inflated:
    """The bytes inflated so far, of all parts and of those that may be XML, refused past their
    bounds as soon as a step passes them."""

    def __init__(self, refuse: _Refuse) -> None:
        self.refuse = refuse
        self.unpacked = 0
        self.markup = 0

    def add(self, size: int, markup: bool) -> None:
        self.unpacked += size
        self.markup += size if markup else 0
        if self.unpacked > MAX_UNPACKED_BYTES:
            raise self.refuse(_too_big())
        if self.markup > MAX_MARKUP_BYTES:
            raise self.refuse(f"DOCX 文件中的 XML 超过 {MAX_MARKUP_BYTES // (1024 * 1024)} MB，未读取："
                              "公开文本不会这么大，请确认文件")


def _may_be_xml(head: bytes) -> bool:
    """Whether a part beginning with ``head`` could be XML that python-docx parses. Judged by its
    bytes, not its name or content type, which a forged package can set as it likes; pictures and
    embedded files begin otherwise, and a part that may be XML is counted as XML."""
    text = head.lstrip(b" \t\r\n")
    # '<' after any byte-order mark; a NUL is how UTF-16 and UTF-32 without one begin.
    return not text or text[:1] in (b"<", b"\0") or text.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


def read_docx(path: Path, changes: Resolve = "accept", data: bytes | None = None) -> Document:
    """The DOCX at ``path`` (its bytes ``data`` where read already) as a Document; raises SourceError
    (in Chinese) when it cannot be read."""
    file = str(path)
    advice = "：请确认它是 Word 文档（.docx），可在 Word 中打开后另存一次"
    stream = docx_package(path, data)
    try:
        package = docx.Document(stream)
    except KeyError:  # a part named by the package's relationships is not in it
        raise _refused(file, f"无法读取 DOCX 文件：它不完整，缺少必需的部件（如 word/document.xml）{advice}") from None
    except etree.XMLSyntaxError:
        raise _refused(file, f"无法读取 DOCX 文件：其中的 XML 已损坏{advice}") from None
    except (PackageNotFoundError, PythonDocxError, zipfile.BadZipFile, ValueError, NotImplementedError,
            EOFError, OSError) as exc:
        raise _refused(file, f"无法读取 DOCX 文件（{type(exc).__name__}）{advice}") from None
    finally:
        stream.close()
    # Read from the XML as it stands, not through python-docx's typed accessors: a part with some
    # other root, or a value outside its schema, is passed over here rather than raising there.
    root = package.element
    body = root.find(f"{_W}body") if root.tag == f"{_W}document" else None
    if body is None:
        raise _refused(file, f"无法读取 DOCX 文件：word/document.xml 中没有 Word 正文{advice}")
    styles = _Styles(package.styles.element)
    body = copy.deepcopy(body)
    resolve_tracked_changes(body, changes)
    drop_hidden_text(body, package.styles.element)
    return _DocxReader(styles).read(body)


def _refused(file: str, message: str) -> SourceError:
    return SourceError([Finding("error", "R-DOCX", message, file)])


# --- tracked changes ----------------------------------------------------------------------------


# Cell-level changes and formatting history: they carry no text, and either command drops them.
_TEXTLESS_CHANGES = ("cellIns", "cellDel", "rPrChange", "pPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                     "sectPrChange", "tblGridChange", "numberingChange")
# Where a w:ins or w:del is a marker on its row or paragraph mark, not a container of runs.
_MARKER_PARENTS = frozenset({f"{_W}rPr", f"{_W}trPr"})


def resolve_tracked_changes(root: etree._Element, mode: Resolve = "accept") -> None:
    """Apply Word's "accept all" or "reject all" to ``root`` in place (w:ins, w:del, moves, rows,
    paragraph marks): what remains is the text the document has after that command."""
    keep_tags, drop_tags = _revision_tags(mode)
    _resolve_runs(root, keep_tags, drop_tags)
    if mode == "reject":
        for text in list(root.iter(f"{_W}delText")):
            text.tag = f"{_W}t"
    _resolve_rows(root, keep_tags, drop_tags)
    # A table whose every row went goes too, as in Word.
    for grid in list(root.iter(f"{_W}tbl")):
        if grid.find(f"{_W}tr") is None:
            _detach(grid)
    _resolve_paragraph_marks(root, keep_tags, drop_tags)
    for tag in _TEXTLESS_CHANGES:
        for element in list(root.iter(f"{_W}{tag}")):
            _detach(element)


def _revision_tags(mode: Resolve) -> tuple[set[str], set[str]]:
    """(kept, dropped) revision tags: accepting keeps insertions and text moved to its new place,
    rejecting keeps deletions and text at the place it was moved from."""
    if mode == "accept":
        return {f"{_W}ins", f"{_W}moveTo"}, {f"{_W}del", f"{_W}moveFrom"}
    return {f"{_W}del", f"{_W}moveFrom"}, {f"{_W}ins", f"{_W}moveTo"}


def _resolve_runs(root: etree._Element, keep_tags: set[str], drop_tags: set[str]) -> None:
    """Runs first: dropped containers go, kept ones give up their runs to their parent. Markers in
    run or row properties are left for the rows and paragraph marks."""
    revisions = keep_tags | drop_tags
    for element in [e for e in root.iter() if e.tag in revisions]:
        parent = element.getparent()
        if parent is None or parent.tag in _MARKER_PARENTS:
            continue
        if element.tag not in drop_tags:
            index = parent.index(element)
            for child in list(element):
                parent.insert(index, child)
                index += 1
        parent.remove(element)


def _resolve_rows(root: etree._Element, keep_tags: set[str], drop_tags: set[str]) -> None:
    """Table rows inserted (or deleted) as a whole: a dropped row goes, a kept one loses its marker."""
    for row in list(root.iter(f"{_W}tr")):
        props = row.find(f"{_W}trPr")
        if props is None:
            continue
        if _has_any(props, drop_tags):
            _detach(row)
        else:
            _remove_children(props, keep_tags)


def _resolve_paragraph_marks(root: etree._Element, keep_tags: set[str], drop_tags: set[str]) -> None:
    """Paragraph marks: a dropped mark joins the paragraph to the next one, as in Word."""
    for paragraph in list(root.iter(f"{_W}p")):
        mark = paragraph.find(f"{_W}pPr/{_W}rPr")
        if mark is None:
            continue
        _remove_children(mark, keep_tags)
        if _has_any(mark, drop_tags):
            _remove_children(mark, drop_tags)
            _join_with_next(paragraph)


def _has_any(element: etree._Element, tags: set[str]) -> bool:
    """Whether ``element`` has a child with one of ``tags``."""
    return any(element.find(tag) is not None for tag in tags)


def _remove_children(element: etree._Element, tags: set[str]) -> None:
    """Take the children of ``element`` with one of ``tags`` out of it."""
    for child in [c for c in element if c.tag in tags]:
        element.remove(child)


def _detach(element: etree._Element) -> None:
    """Take ``element`` out of the tree (the root, which has no parent, stays)."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _texts(element: etree._Element) -> list[str]:
    """The text nodes below ``element`` (lxml parses WordprocessingML to str, never bytes)."""
    return [text for text in element.itertext() if isinstance(text, str)]


def _join_with_next(paragraph: etree._Element) -> None:
    content = [child for child in paragraph if child.tag != f"{_W}pPr"]
    following = paragraph.getnext()
    if following is not None and following.tag == f"{_W}p":
        anchor = following.find(f"{_W}pPr")
        index = 0 if anchor is None else following.index(anchor) + 1
        for child in content:
            following.insert(index, child)
            index += 1
        _detach(paragraph)
    elif not content or not "".join(_texts(paragraph)).strip():
        _detach(paragraph)  # nothing to join (a table or the end follows): an empty paragraph goes


# --- hidden text --------------------------------------------------------------------------------


def drop_hidden_text(root: etree._Element, styles: etree._Element | None) -> None:
    """Take out of ``root`` (in place) every run Word never prints nor shows: one whose properties
    set w:vanish (hidden text, 隐藏文字) or w:specVanish, directly or through its character style or
    its paragraph's style (each style's basedOn chain followed). A figure in hidden text is no
    figure of the document: it is never read, never judged."""
    hidden = _vanishing_styles(styles) if styles is not None else frozenset()
    for paragraph in list(root.iter(f"{_W}p")):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        by_paragraph = style is not None and style.get(f"{_W}val") in hidden
        for run in list(paragraph.iter(f"{_W}r")):
            if _vanishes(run.find(f"{_W}rPr"), hidden, by_paragraph):
                _detach(run)


def _vanishes(props: etree._Element | None, hidden: frozenset[str], by_paragraph: bool) -> bool:
    """Whether a run with ``props`` is hidden: its own w:vanish decides (w:val="0" shows it), else
    its character style's, else its paragraph style's."""
    if props is not None:
        for tag in ("vanish", "specVanish"):
            own = props.find(f"{_W}{tag}")
            if own is not None:
                return _on(own)
        style = props.find(f"{_W}rStyle")
        if style is not None and style.get(f"{_W}val") in hidden:
            return True
    return by_paragraph


def _vanishing_styles(styles: etree._Element) -> frozenset[str]:
    """The ids of the styles whose run properties hide their text, through their basedOn chains."""
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    for style in styles.findall(f"{_W}style"):
        style_id = style.get(f"{_W}styleId")
        if style_id is None:
            continue
        vanish = style.find(f"{_W}rPr/{_W}vanish")
        own[style_id] = None if vanish is None else _on(vanish)
        parent = style.find(f"{_W}basedOn")
        if parent is not None and parent.get(f"{_W}val"):
            based[style_id] = str(parent.get(f"{_W}val"))
    return frozenset(style_id for style_id in own if _style_vanishes(style_id, own, based))


def _style_vanishes(style_id: str, own: dict[str, bool | None], based: dict[str, str]) -> bool:
    """Whether a style hides its text: its own run properties' w:vanish, else the nearest of its basedOn chain's
    that says (a loop of basedOn ends the chain)."""
    seen, at = set(), style_id
    while own.get(at) is None and at in based and at not in seen:
        seen.add(at)
        at = based[at]
    return bool(own.get(at))


# --- reading ------------------------------------------------------------------------------------


class _Styles:
    """Paragraph style id → (name, outline level) of the package."""

    def __init__(self, styles: etree._Element) -> None:
        self.names: dict[str, str] = {}
        self.outline: dict[str, int] = {}
        for style in styles.findall(f"{_W}style"):
            style_id = style.get(f"{_W}styleId")
            if style_id is None:
                continue
            name = style.find(f"{_W}name")
            self.names[style_id] = ((name.get(f"{_W}val") if name is not None else None) or style_id).strip()
            level = _outline_level(style.find(f"{_W}pPr"))
            if level is not None:
                self.outline[style_id] = level

    def of(self, paragraph: etree._Element) -> tuple[str, int | None]:
        props = paragraph.find(f"{_W}pPr")
        style_id = ""
        outline = None
        if props is not None:
            style = props.find(f"{_W}pStyle")
            style_id = style.get(f"{_W}val", "") if style is not None else ""
            outline = _outline_level(props)
        if outline is None:
            outline = self.outline.get(style_id)
        return self.names.get(style_id, style_id), outline


def paragraph_text(paragraph: etree._Element) -> str:
    """The text a reader sees in a w:p: runs, tabs and line breaks (not page breaks, not field codes)."""
    parts: list[str] = []
    for element in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        tag = element.tag[len(_W):]
        if tag == "t":
            parts.append(element.text or "")
        elif (parent := element.getparent()) is None or parent.tag != f"{_W}r":
            continue  # a tab stop definition in w:pPr/w:tabs
        elif tag == "tab":
            parts.append("\t")
        elif tag == "br":
            if element.get(f"{_W}type") in (None, "textWrapping"):
                parts.append("\n")
        elif tag == "cr":
            parts.append("\n")
        else:
            parts.append("-")
    return "".join(parts)


def _is_contents_line(paragraph: etree._Element) -> bool:
    """A line of a 目录: its page number is a PAGEREF field to a heading's _Toc bookmark."""
    return any("PAGEREF _Toc" in (code.text or "") for code in paragraph.iter(f"{_W}instrText"))


def _contents_entry(paragraph: etree._Element) -> ContentsEntry:
    """A 目录 line as an entry: its words before the page number, its level by its indent."""
    indent = paragraph.find(f"{_W}pPr/{_W}ind")
    left = indent.get(f"{_W}left", "0") if indent is not None else "0"
    level = 1 + (int(left) // _CONTENTS_INDENT if left.isdigit() else 0)
    return ContentsEntry(level, paragraph_text(paragraph).split("\t", 1)[0])


def split_heading(text: str, level: int) -> Heading:
    """A Heading whose printed form is exactly ``text``: the numbering split off where it can be."""
    for _, pattern in _NUMBERING:
        found = pattern.match(text)
        if not found:
            continue
        number, rest = found.group(0), text[found.end():]
        if level == 1:
            if rest.startswith("  ") and not rest.startswith("   ") and rest[2:]:
                return Heading(level, number, rest[2:])
            break
        if rest:
            return Heading(level, number, rest)
        break
    return Heading(level, "", text)


def _contents_lines(elements: list[etree._Element]) -> tuple[list[int], int]:
    """Where the table of contents' lines stand among the elements, and its title (the paragraph
    before the first; -1 when there is none)."""
    entries = [i for i, e in enumerate(elements) if e.tag == f"{_W}p" and _is_contents_line(e)]
    title_at = entries[0] - 1 if entries and elements[entries[0] - 1].tag == f"{_W}p" else -1
    return entries, title_at


def _meta(blocks: list[Block]) -> dict[str, str]:
    """A document's title (its Title, else its first paragraph), and the year and department it names."""
    title = next((b.text for b in blocks if isinstance(b, Title)), "")
    if not title:
        title = next((b.text for b in blocks if isinstance(b, Paragraph)), "")
    meta = {"title": title}
    found = _YEAR.search(title)
    if found:
        meta["year"] = found.group(1)
        meta["department"] = title[:found.start()].strip()
    return meta


class _DocxReader:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.blocks: list[Block] = []
        self.caption: dict[str, str] = {}
        self.styled_headings = False
        self.after_table = False  # nothing but empty paragraphs since the last table
        self.contents: list[ContentsEntry] = []
        self.contents_title = ""

    def read(self, body: etree._Element) -> Document:
        elements = list(self._elements(body))
        self.styled_headings = any(self._style_level(p) is not None for p in elements if p.tag == f"{_W}p")
        entries, title_at = _contents_lines(elements)
        for index, element in enumerate(elements):
            if index == title_at and self.styles.of(element)[0].lower() == "subtitle":
                self.contents_title = paragraph_text(element)
            elif index in entries:
                self.contents.append(_contents_entry(element))
            elif element.tag == f"{_W}p":
                self.paragraph(element)
            else:
                self.table(element)
        return Document(self.blocks, _meta(self.blocks), contents_title=self.contents_title, contents=self.contents)

    def _elements(self, parent: etree._Element) -> Iterator[etree._Element]:
        for child in parent:
            if child.tag in (f"{_W}p", f"{_W}tbl"):
                yield child
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    yield from self._elements(content)

    def _style_level(self, paragraph: etree._Element) -> int | None:
        name, outline = self.styles.of(paragraph)
        found = _HEADING_STYLE.match(name)
        if found:
            return int(found.group(1))
        return outline + 1 if outline is not None else None

    # -- paragraphs -------------------------------------------------------------------------------
    def paragraph(self, element: etree._Element) -> None:
        text = paragraph_text(element)
        self.after_table = self.after_table and not text.strip() and _is_part_gap(element)
        if not text.strip():
            return
        name, _ = self.styles.of(element)
        lowered = name.lower()
        if lowered in _CAPTION_STYLES:
            self.caption[lowered] = text
            return
        self.caption.clear()
        if self._attached(lowered, text):
            return
        level = self._heading_level(element, text)
        if level is not None:
            self.blocks.append(split_heading(text, min(level, 9)))
            return
        role = {"note": "note", "banner": "banner"}.get(lowered, "body")
        self.blocks.append(Paragraph(text, role))  # type: ignore[arg-type]

    def _attached(self, style: str, text: str) -> bool:
        """Whether a paragraph of reportgen's own ``style`` (lowercase) made or completed a block: a
        Title, the subtitle of the Title just read, or a note under the table just read."""
        last = self.blocks[-1] if self.blocks else None
        if style == "title":  # a title's line breaks are where a cover sets it, not its words
            self.blocks.append(Title(text.replace("\n", "")))
            return True
        if style == "subtitle" and isinstance(last, Title) and not last.subtitle:
            last.subtitle = text.replace("\n", "")
            return True
        if style == "note" and isinstance(last, Table):
            last.notes.append(text)
            return True
        return False

    def _heading_level(self, element: etree._Element, text: str) -> int | None:
        """A paragraph's heading level by its style or outline level, else by its numbering.
        A document with heading styles may still have a heading typed in by hand (第X部分, 一、,
        （一）); its 1. and （1） lines are list items (职责, 名词解释) unless nothing is styled."""
        level = self._style_level(element)
        if level is None:
            level = _numbered_level(text, 5 if not self.styled_headings else 3)
        return level

    # -- tables -----------------------------------------------------------------------------------
    def table(self, element: etree._Element) -> None:
        header, body, columns, slivers = _table_rows(element)
        widths = _table_widths(element, columns, slivers)
        previous = self._continued_table(header, widths)
        if previous is not None:
            # a part of the table before (a table set in parts, see writers/docx/tables.row_parts):
            # its repeated rows head the rows after them
            previous.body += [Row(r.cells, "subheader", r.key) for r in header] + body
            return
        self.after_table = True
        self.blocks.append(self._captioned_table(header, body, widths))

    def _continued_table(self, header: list[Row], widths: list[int]) -> Table | None:
        """The table just read, when this one is its next part: right after it (only part gaps
        between), with header rows, the same column widths and no caption of its own."""
        previous = self.blocks[-1] if self.blocks else None
        if self.after_table and header and isinstance(previous, Table) and previous.widths == widths and not self.caption:
            return previous
        return None

    def _captioned_table(self, header: list[Row], body: list[Row], widths: list[int]) -> Table:
        """A Table with the caption paragraphs read before it (number, title, unit line), which it
        uses up; a plain document's table is named by a nearby paragraph instead."""
        unit_line = self.caption.get("table unit line", "")
        department, _, unit = unit_line.partition("\t")
        number = self.caption.get("table number", "")
        title = self.caption.get("table title", "")
        table_id = title or self._nearby_title()
        self.caption.clear()
        return Table(table_id, number, title, department, unit, header, body, widths, wide=len(widths) >= 8)

    def _nearby_title(self) -> str:
        """A plain document's table title: a short paragraph naming a 表 just before the table."""
        for block in reversed(self.blocks[-3:]):
            if isinstance(block, Table | Heading):
                break
            if isinstance(block, Paragraph) and "表" in block.text and len(block.text) <= _HEADING_MAX:
                return block.text.strip()
        return ""


def _is_part_gap(paragraph: etree._Element) -> bool:
    """An empty paragraph at most a point high (exact line spacing), as writers/docx puts between
    the parts of one table: the tables on either side read as one."""
    spacing = paragraph.find(f"{_W}pPr/{_W}spacing")
    return (spacing is not None and spacing.get(f"{_W}lineRule") == "exact"
            and (_number(spacing.get(f"{_W}line")) or 0) <= _PART_GAP_TWIPS)


_PART_GAP_TWIPS = 20


def _numbered_level(text: str, deepest: int = 5) -> int | None:
    stripped = text.strip()
    if len(stripped) > _HEADING_MAX:
        return None
    for level, pattern in _NUMBERING[:deepest]:
        found = pattern.match(stripped)
        if found and not _SENTENCE.search(stripped[found.end():]):
            return level
    return None


def _table_rows(element: etree._Element) -> tuple[list[Row], list[Row], int, set[int]]:
    """A w:tbl's header rows (w:tblHeader, only before the first body row), body rows, the number
    of grid columns its widest row takes and its sliver columns (``sliver_columns``), which no cell
    counts in its colspan."""
    rows: list[tuple[list[tuple[Cell, int]], bool]] = []
    open_cells: dict[int, Cell] = {}  # grid column → the cell a vertical merge started in
    columns = 0
    for tr in element.findall(f"{_W}tr"):
        placed, end = _row_cells(tr, open_cells)
        columns = max(columns, end)
        props = tr.find(f"{_W}trPr")
        rows.append((placed, props is not None and _on(props.find(f"{_W}tblHeader"))))
    slivers = sliver_columns(element, [(start, start + cell.colspan - 1, bool(cell.text.strip()))
                                       for placed, _ in rows for cell, start in placed])
    header: list[Row] = []
    body: list[Row] = []
    for placed, is_header in rows:
        cells = _without_slivers(placed, slivers)
        is_header = is_header and not body
        (header if is_header else body).append(Row(cells, "header" if is_header else "body", _row_key(cells)))
    return header, body, columns, slivers


def sliver_columns(element: etree._Element, placed: list[tuple[int, int, bool]]) -> set[int]:
    """The grid columns of the w:tbl ``element`` narrower than SLIVER_TWIPS (its w:tblGrid) where no
    text stands in a cell of those columns alone (``placed``: each cell's first and last grid column,
    and whether it holds text): each is part of a wider cell or of an empty one, and is dropped."""
    widths = [c.get(f"{_W}w", "") for c in element.findall(f"{_W}tblGrid/{_W}gridCol")]
    narrow = _narrow(widths)
    if not narrow or len(narrow) == len(widths):
        return set()
    for first, last, text in placed:
        if text and all(k in narrow for k in range(first, last + 1)):
            narrow -= set(range(first, last + 1))  # a text of its own there: a column set on purpose
    return narrow


def _narrow(widths: list[str]) -> set[int]:
    """The grid columns (by index) whose width, in twips, is less than SLIVER_TWIPS."""
    return {i for i, w in enumerate(widths) if w.isascii() and w.isdigit() and len(w) <= 6 and int(w) < SLIVER_TWIPS}


def _without_slivers(placed: list[tuple[Cell, int]], slivers: set[int]) -> list[Cell]:
    """A row's cells, each spanning its columns but the sliver ones (a cell on those alone dropped:
    it is empty, sliver_columns)."""
    if not slivers:
        return [cell for cell, _ in placed]
    cells = []
    for cell, start in placed:
        span = sum(1 for k in range(start, start + cell.colspan) if k not in slivers)
        if span:
            cell.colspan = span
            cells.append(cell)
    return cells


def _row_cells(tr: etree._Element, open_cells: dict[int, Cell]) -> tuple[list[tuple[Cell, int]], int]:
    """A w:tr's cells, each with its first grid column, and the grid column after its last one. A
    cell continuing a vertical merge is no cell of its own: it adds a row to the cell the merge
    started in (``open_cells``)."""
    cells: list[tuple[Cell, int]] = []
    props = tr.find(f"{_W}trPr")
    col = _int(props, "gridBefore", _MAX_COLUMNS) if props is not None else 0
    for tc in tr.findall(f"{_W}tc"):
        tc_pr = tc.find(f"{_W}tcPr")
        span = max(_int(tc_pr, "gridSpan", _MAX_COLUMNS), 1) if tc_pr is not None else 1
        merge = tc_pr.find(f"{_W}vMerge") if tc_pr is not None else None
        if merge is not None and merge.get(f"{_W}val", "continue") == "continue" and col in open_cells:
            open_cells[col].rowspan += 1
        else:
            cell = _cell(tc, span)
            if merge is not None and merge.get(f"{_W}val") == "restart":
                open_cells[col] = cell
            else:
                open_cells.pop(col, None)
            cells.append((cell, col))
        col += span
    return cells, col


def _table_widths(element: etree._Element, columns: int, slivers: set[int]) -> list[int]:
    """The table's column widths from w:tblGrid, its sliver columns left out; equal widths when the
    grid does not fit its rows."""
    widths = [_number(c.get(f"{_W}w")) or 0 for c in element.findall(f"{_W}tblGrid/{_W}gridCol")]
    if not widths or len(widths) != columns:
        widths = [1] * max(columns, 1)
    return [width for index, width in enumerate(widths) if index not in slivers] or [1]


def _cell(tc: etree._Element, span: int) -> Cell:
    paragraphs = tc.findall(f"{_W}p")
    text = "\n".join(paragraph_text(p) for p in paragraphs)
    align: Align = "left"
    jc = tc.find(f"{_W}p/{_W}pPr/{_W}jc")
    if jc is not None and jc.get(f"{_W}val") in ("center", "right"):
        align = jc.get(f"{_W}val")  # type: ignore[assignment]
    bold = any(_on(b) for b in tc.iter(f"{_W}b"))
    return Cell(text, colspan=span, align=align, bold=bold)


def _row_key(cells: list[Cell]) -> str:
    for cell in cells:
        if _CODE.match(cell.text.strip()):
            return cell.text.strip()
    return cells[0].text.strip() if cells else ""


def _int(props: etree._Element, tag: str, most: int) -> int:
    """A property's w:val as a count, 0 when absent or not a number, at most ``most`` (a span of a
    billion columns would otherwise build a billion widths)."""
    element = props.find(f"{_W}{tag}")
    return min(_number(element.get(f"{_W}val") if element is not None else None) or 0, most)


def _outline_level(props: etree._Element | None) -> int | None:
    """A w:pPr's outline level (0-8), if it has one; 9 is body text."""
    level = props.find(f"{_W}outlineLvl") if props is not None else None
    value = _number(level.get(f"{_W}val")) if level is not None else None
    return value if value is not None and value < 9 else None


def _number(value: str | None) -> int | None:
    """An attribute's whole number, or None when it is not one. (str.isdigit alone would let "²"
    through to int(), and int() refuses a number of thousands of digits.)"""
    if value and value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


def _on(element: etree._Element | None) -> bool:
    """A WordprocessingML on/off property: present and not val=false/0/off."""
    return element is not None and element.get(f"{_W}val", "true") not in ("false", "0", "off")


__all__ = ["read_docx", "resolve_tracked_changes", "drop_hidden_text", "paragraph_text", "split_heading"]
