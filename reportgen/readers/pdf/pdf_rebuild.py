"""A PDF whose structure is damaged — cut short (no %%EOF: a download or a copy that stopped), its
cross-reference table or trailer missing or wrong — rebuilt from the objects the file still holds, as
most viewers rebuild it, and read where what it prints can be known for sure; refused otherwise.

poppler (pdftotext) rebuilds a wrong table itself, but gives up where the trailer is gone (“Couldn't
find trailer dictionary”: the tail of a file cut short, or a trailer cut off). qpdf (pikepdf, its
recovery on: the default) scans the file for its objects and finds the catalogue without it; pypdf's
``strict=False`` rebuilds a table only where the trailer is still there, and pdfminer.six has no
such mode. qpdf also mends what it finds: a page-tree entry whose object is gone it drops (the pages
after it move up one), a stream cut short it empties. So the page tree is read again as the file
writes it (its objects' own text, the last definition of each), and:

* every page the file claims (its page tree's /Count) is placed at its number: a page whose object is
  gone is a blank page in the rebuilt copy, named missing, never its neighbour's number given to
  another; where the missing pages cannot be placed (two or more missing branches of a tree of several
  levels, whose sizes are unknown) nothing is rebuilt and the file is refused as before;
* a page is incomplete where anything it prints (its content streams, its resources, followed
  through every reference but its parent) is an object the file no longer holds, or a stream qpdf
  could not read whole and emptied; its text is not read for sure (readers/pdf_damage.py tells the
  rest: what pdftotext says it lost on the rebuilt copy).

The rebuilt copy is written to memory, read by pdftotext as any PDF is; the user's file is never
written. A rebuilt file is told (``rebuilt_note``), its lost pages with it (``missing_note``)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from reportgen.base.patterns import regex

_TAIL = 1024  # a PDF's %%EOF is within its last 1024 bytes, as PDF readers look for it
# what poppler says when it cannot read the file's structure (it rebuilds a wrong table itself, silently)
STRUCTURE = regex(rb"Couldn't (?:find trailer dictionary|read xref table)|No valid XRef|Invalid XRef entry|"
                  rb"try to reconstruct|"
                  rb"Couldn't find (?:trailer|catalog)|Catalog object is wrong type", re.IGNORECASE)
_STARTXREF = regex(rb"startxref\s{1,8}(\d{1,12})")
_XREF_AT = regex(rb"\s{0,8}(?:xref|\d{1,9}\s{1,8}\d{1,5}\s{1,8}obj)")
_LOST_STREAM = regex(r"\(object (\d+) (\d+)[,)].*(?:unable to recover stream data|treating stream as empty)")
_MAX_NODES = 100_000  # objects followed from the pages (a budget's few thousand at most)
_MAX_PAGES = 10_000  # pages a rebuilt file may claim (a disclosure has some hundreds): past it, not rebuilt
_REFERENCE = regex(rb"(\d{1,9})\s+(\d{1,5})\s+R")
# An object's “N G obj”: found by its keyword, then its numbers just before it (at most 31 bytes) — a search for the
# numbers at every digit of a file's compressed streams took 12 times as long (47 corpus PDFs: 1.77 → 0.15 s)
_OBJ = regex(rb"obj\b")
_OBJECT_HEAD = regex(rb"(?<![0-9])(\d{1,9})\s{1,8}(\d{1,5})\s{1,8}\Z")
_BLANK = (0, 0, 595, 842)  # A4, points: the page a missing one is stood in for by


@dataclass(frozen=True)
class Rebuilt:
    """A damaged PDF rebuilt: its bytes, the pages it claims, those missing and those incomplete (1-based)."""

    data: bytes
    pages: int
    missing: tuple[int, ...]
    incomplete: tuple[int, ...]
    cut: bool  # cut short (no %%EOF), rather than a table or trailer missing or wrong


def ends_whole(data: bytes) -> bool:
    """Whether the PDF ``data`` ends as a whole one does: %%EOF within its last 1024 bytes."""
    return b"%%EOF" in data[-_TAIL:]


def whole(data: bytes) -> bool:
    """Whether the PDF ``data`` ends as a whole one does and its last startxref points at a cross-reference
    table or stream (“xref”, or “N G obj”): where it does not (bytes added or lost before it, a table
    written wrong) poppler rebuilds the table silently, and the file is rebuilt and told instead."""
    tail = data[-_TAIL:]
    said = _STARTXREF.findall(tail)
    if not ends_whole(data) or not said:
        return False
    at = int(said[-1])
    return _XREF_AT.match(data, at) is not None if at < len(data) else False


def rebuilt(data: bytes) -> Rebuilt | None:
    """The PDF ``data`` rebuilt from its objects (see the module), or None where it cannot be: qpdf finds
    no catalogue or page tree, or pages are lost whose places cannot be told."""
    import pikepdf  # deferred: qpdf, for a damaged PDF only

    try:
        # an end-of-file marker after what is left: qpdf drops the last object where the file ends just after it
        with pikepdf.open(io.BytesIO(data + b"\n%%EOF\n")) as pdf:
            tree = pdf.Root.get("/Pages")
            if not isinstance(tree, pikepdf.Dictionary) or not tree.is_indirect:
                return None
            places = _places(_File(pdf, data, _starts(data)), tree.objgen)
            if places is None:
                return None
            lost = {(int(n), int(g)) for warning in pdf.get_warnings()
                    for n, g in _LOST_STREAM.findall(str(warning))}
            return _written(pdf, places, lost, not ends_whole(data))
    except Exception:  # noqa: BLE001 — a file qpdf cannot rebuild is refused as one pdftotext cannot read
        return None


@dataclass
class _File:
    """The damaged file as qpdf opened it (``pdf``), its bytes, and where each object's text begins."""

    pdf: Any
    data: bytes
    starts: dict[tuple[int, int], int]

    def node(self, ref: tuple[int, int]) -> tuple[int | None, list[tuple[int, int]] | None]:
        """The /Count and /Kids of the page-tree node ``ref`` as the file writes it: its text (its last
        definition), before qpdf mends it; one inside a compressed object stream (no text of its own) as qpdf
        read it, where qpdf mended no page tree (it says so)."""
        start = self.starts.get(ref)
        if start is None:
            return self._packed(ref)
        end = self.data.find(b"endobj", start)
        body = self.data[start:end if end >= 0 else start + 65536]
        count = re.search(rb"/Count\s+(\d{1,7})", body)
        kids = re.search(rb"/Kids\s*\[([^\]]{0,2000000})\]", body)
        if count is None or kids is None:
            return None, None
        return int(count.group(1)), [(int(n), int(g)) for n, g in _REFERENCE.findall(kids.group(1))]

    def _packed(self, ref: tuple[int, int]) -> tuple[int | None, list[tuple[int, int]] | None]:
        import pikepdf  # deferred: as above

        if any("Pages tree" in str(warning) for warning in self.pdf.get_warnings()):
            return None, None
        node = _object(self.pdf, ref)
        if not isinstance(node, pikepdf.Dictionary):
            return None, None
        kids, count = node.get("/Kids"), node.get("/Count")
        if not isinstance(kids, pikepdf.Array) or not isinstance(count, int):
            return None, None
        refs = [kid.objgen for kid in kids if isinstance(kid, pikepdf.Object) and kid.is_indirect]
        return (int(count), refs) if len(refs) == len(kids) else (None, None)


def _places(file: _File, root: tuple[int, int]) -> list[Any] | None:
    """Each page the tree at ``root`` claims, in order: its page object, or None where the file has lost it;
    None where lost branches leave the pages' places unknown."""
    claimed, kids = file.node(root)
    if claimed is None or kids is None or claimed > _MAX_PAGES:
        return None
    out: list[Any] = []
    gaps: list[int] = []
    _walk(file, kids, claimed == len(kids), out, gaps, set())
    if len(gaps) > 1 or (not gaps and len(out) != claimed):
        return None
    if gaps:  # the one branch lost: the pages the tree claims beyond those found
        size = claimed - len(out)
        if size < 1:
            return None
        out[gaps[0]:gaps[0]] = [None] * size
    return out


def _walk(file: _File, kids: list[tuple[int, int]], leaves: bool, out: list[Any], gaps: list[int],
          seen: set[tuple[int, int]]) -> None:
    """The pages under ``kids`` (references), appended to ``out``; a lost kid that is surely a page (its
    parent's count is its kids': ``leaves``) a None, another a gap (its place in ``out``)."""
    import pikepdf  # deferred: as above

    for ref in kids:
        if ref in seen or len(seen) > _MAX_NODES:
            continue
        seen.add(ref)
        node = _object(file.pdf, ref)
        kind = node.get("/Type") if isinstance(node, pikepdf.Dictionary) else None
        if kind == "/Pages":
            claimed, below = file.node(ref)
            if claimed is not None and below is not None:
                _walk(file, below, claimed == len(below), out, gaps, seen)
                continue
        _add_kid(node if isinstance(node, pikepdf.Dictionary) and kind != "/Pages" else None, leaves, out, gaps)


def _add_kid(page: Any, leaves: bool, out: list[Any], gaps: list[int]) -> None:
    """A kid that is no branch of the tree: its page, or, lost, a None where it is surely a page (``leaves``),
    else a gap."""
    if page is not None:
        out.append(page)
    elif leaves:
        out.append(None)
    else:
        gaps.append(len(out))


def _object(pdf: Any, ref: tuple[int, int]) -> Any:
    try:
        return pdf.get_object(ref)
    except Exception:  # noqa: BLE001 — an object the file no longer holds
        return None


def _starts(data: bytes) -> dict[tuple[int, int], int]:
    """Where each object's body begins in ``data`` (after “N G obj”; its last definition)."""
    starts = {}
    for keyword in _OBJ.finditer(data):
        head = _OBJECT_HEAD.search(data, max(0, keyword.start() - 32), keyword.start())
        if head is not None:
            starts[(int(head.group(1)), int(head.group(2)))] = keyword.end()
    return starts


def _written(pdf: Any, places: list[Any], lost: set[tuple[int, int]], cut: bool) -> Rebuilt:
    """The rebuilt copy: every page claimed at its number (a lost one blank), and which are missing or
    incomplete."""
    import pikepdf  # deferred: as above

    out = pikepdf.new()
    missing: list[int] = []
    incomplete: list[int] = []
    for number, page in enumerate(places, start=1):
        if page is None:
            missing.append(number)
            out.add_blank_page(page_size=_BLANK[2:])
            continue
        if _lacks(page, lost):
            incomplete.append(number)
        out.pages.append(pikepdf.Page(page))
    buffer = io.BytesIO()
    out.save(buffer)
    return Rebuilt(buffer.getvalue(), len(places), tuple(missing), tuple(incomplete), cut)


def _lacks(page: Any, lost: set[tuple[int, int]]) -> bool:
    """Whether something the page prints is gone: an object it refers to (its parent aside) that the
    file no longer holds (read as null), or a stream qpdf emptied."""
    import pikepdf  # deferred: as above

    todo = _printed(page)
    seen: set[tuple[int, int]] = set()
    while todo and len(seen) < _MAX_NODES:
        item = todo.pop()
        if isinstance(item, pikepdf.Object) and item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
            if item.objgen in lost:
                return True
        values = _values(item)
        if any(value is None for value in values):  # a reference to an object the file no longer holds
            return True
        todo += _containers(values)
    return False


def _printed(page: Any) -> list[Any]:
    """What a page prints: its contents and its resources, those it has."""
    return [value for key in ("/Contents", "/Resources") if (value := page.get(key)) is not None]


def _values(item: Any) -> list[Any]:
    """The values an object holds: a dictionary's or a stream's (its parent aside), an array's; none of another."""
    import pikepdf  # deferred: as above

    return [v for k, v in item.items() if k != "/Parent"] if isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)) \
        else list(item) if isinstance(item, pikepdf.Array) else []


def _containers(values: list[Any]) -> list[Any]:
    """The values that hold more: dictionaries, streams and arrays."""
    import pikepdf  # deferred: as above

    return [value for value in values if isinstance(value, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array))]


def rebuilt_note(rebuilt: Rebuilt) -> str:
    """The notice of a file read after it was rebuilt: how many of the pages it claims were read whole."""
    read = rebuilt.pages - len(rebuilt.missing) - len(rebuilt.incomplete)
    return (f"文件的结构已损坏（{_why(rebuilt)}），已按文件中的对象重建后读取：文件写明的 {rebuilt.pages} 页"
            + ("都已完整读出" if read == rebuilt.pages else f"中完整读出 {read} 页"))


def missing_note(rebuilt: Rebuilt) -> str:
    """What is told of the pages a rebuilt file lost, or could not give whole: which, and that they were not read."""
    parts = []
    if rebuilt.missing:
        parts.append(f"第{_shown(rebuilt.missing)}页已缺失（文件写明共 {rebuilt.pages} 页）")
    if rebuilt.incomplete:
        parts.append(f"第{_shown(rebuilt.incomplete)}页的内容（文字或字体）不完整")
    return (f"文件{'不完整' if rebuilt.cut else '已损坏'}（{_why(rebuilt)}）：{'；'.join(parts)}，这些页的文字与数字没有读出，未核对："
            "请重新获取完整的文件")


def _why(rebuilt: Rebuilt) -> str:
    return "结尾缺少 %%EOF，可能下载或复制时被截断" if rebuilt.cut else "交叉引用表或文件尾缺失或有误"


def _shown(pages: tuple[int, ...]) -> str:
    """The pages named, the first 20 of more ("2、3、……、21 等 27"): the sentence writes 页 after it."""
    return "、".join(map(str, pages[:20])) + (f" 等 {len(pages)} " if len(pages) > 20 else "")
