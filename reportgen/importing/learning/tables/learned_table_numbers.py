"""The tables a published document prints, listed as a learned layout lists them (`reportgen import … --learn-layout
DIR`, issue 80: learned_layout): each table's number and title as printed (公开表12 stays 公开表12), from its title or the
line just above it, the 表号 pattern most of them follow, the tables its 目录 lists, those printed beside the recognised
ones, the words before the department's name over them (表格清单, 表号) — and what is told of the tables not listed."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from reportgen import tablekinds
from reportgen.base.patterns import regex
from reportgen.compute.phrasing import chinese_number
from reportgen.importing.printed_tables import NUMBER
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import Table, row_text, title_kind
from reportgen.importing.text import contents
from reportgen.importing.tree import Placed
from reportgen.readers.text.lines import Line

# A table's number as printed, alone on its line or before its title: 公开表1, 公开12表, 表2：, 表一, 预算01表, 附表3.
_NUMBER = NUMBER
_CHINESE = "一二三四五六七八九十"
_UNCLOSED = regex(r"[（(][^）)]*$")
_YEAR = regex(r"(?<!\d)(\d{4})(?=\s*年)")


@dataclass(frozen=True)
class _Numbered:
    before: str  # 公开表, 表, 预算 …
    style: str  # {1}, {01} or {一}
    after: str  # 表 (公开12表, 预算01表) or ""
    number: int

    @property
    def pattern(self) -> str:
        return f"{self.before}{self.style}{self.after}"

    @property
    def label(self) -> str:
        """The number as printed (公开05表), spaces aside."""
        digits = {"{1}": str(self.number), "{01}": f"{self.number:02d}"}.get(self.style) or chinese_number(self.number)
        return f"{self.before}{digits}{self.after}"

    def fits(self, pattern: str) -> bool:
        """Whether the number is printed in ``pattern`` (12 is printed alike by {1} and {01})."""
        return pattern == self.pattern or self.style == "{1}" and self.number >= 10 and \
            pattern == f"{self.before}{{01}}{self.after}"


def _pattern(numbered: list[_Numbered]) -> str:
    """The 表号 pattern most of the tables' numbers are printed in ({01} where any is printed with a leading 0)."""
    counted = Counter(n.pattern for n in numbered)
    for n in numbered:
        if n.style == "{1}" and n.number >= 10 and f"{n.before}{{01}}{n.after}" in counted:
            counted[f"{n.before}{{01}}{n.after}"] += 1
            counted[n.pattern] -= 1
    return counted.most_common(1)[0][0] if counted else ""


def _not_listed_note(table: Table) -> str:
    """A table read that a layout's 表格清单 cannot list (a 决算's: the 决算 version's templates print them)."""
    return (f"{table.kind.id}（{table.grid.shown}）不是版式的表格清单所列的那种表（部门决算的表由决算版本的模板印出），"
            f"没有写入学到的表格清单")


def _listed(tables: list[Table], lines: list[Line], imported: Imported) -> tuple[str, list[dict[str, Any]], list[str]]:
    """The 表号 pattern, the entries of 表格清单.表 (the tables read and those printed beside them, in printed order)
    and what is told of the tables printed that are not listed."""
    numbered = {table.kind.id: _number_of(table, lines) for table in tables}
    pattern = _pattern([n for n in numbered.values() if n is not None])
    entries = [_entry(table.kind.id, table.title, numbered[table.kind.id], pattern, imported.year, imported.department)
               for table in tables]
    if not pattern:
        entries = _with_unnumbered_held(tables, entries, imported)
    more, told = _printed_beside(lines, pattern, imported, {entry["表"]: entry for entry in entries if "表" in entry})
    return pattern, _with_contents(_in_printed_order([*entries, *more]), lines, imported, pattern), told


def _with_unnumbered_held(tables: list[Table], entries: list[dict[str, Any]], imported: Imported) -> list[dict[str, Any]]:
    """The ``entries`` of the ``tables`` (in printed order) with the tables held as printed that print no number
    (印出表 of no 表号: 福州's 一般公共预算支出经济分类情况表), each after the tables printed on the pages before its own."""
    placed = list(zip(map(_first_page, tables), entries, strict=True))
    items = imported.tree.get("印出表", [])
    for item in items if isinstance(items, list) else []:
        number, name = item.get("表号"), item.get("表名")
        if not isinstance(name, Placed) or isinstance(number, Placed) and number.value:
            continue
        page = int(found.group(1)) if (found := re.match(r"第(\d+)页", name.where)) else 0
        placed.insert(sum(1 for first, _ in placed if first <= page), (page, {"印出表": str(name.value)}))
    return [entry for _, entry in placed]


# a 目录 line's number before a table's title (五、, 12.)
_LISTED_NUMBER = regex(r"^([一二三四五六七八九十]{1,3}|\d{1,2})[、.．]\s*")


def _with_contents(entries: list[dict[str, Any]], lines: list[Line], imported: Imported,
                   pattern: str) -> list[dict[str, Any]]:
    """The ``entries`` with the tables the document's 目录 lists that its pages do not print, in the 目录's order —
    the table set is the document's, and a file of some of its pages prints a few of them (江苏省政协办公厅 2017: its
    目录 lists twelve tables, the pages in hand print 表一 and 表三; 2018's tables were rendered in a layout of two). Each
    numbered as the 目录 numbers it where the tables read are numbered so (表一 is its 一、); the entries as they are
    where the 目录 does not list every table read, in their order, each once (普陀区万里街道 2023's lists all nine)."""
    listed = _contents_tables(lines, imported)
    known = [entry for entry in entries if "表" in entry]  # a table held as printed (印出表) is of no kind
    if not _lists_more(listed, [entry["表"] for entry in known]):
        return entries
    numbers = {kind: number for kind, number, _ in listed}
    numbered = bool(pattern) and all(entry.get("表号") == numbers[entry["表"]] for entry in known)
    by_kind = {entry["表"]: entry for entry in known}
    return _with_held([by_kind.get(kind) or _listed_entry_of(kind, number if numbered else None, title, pattern,
                                                              imported) for kind, number, title in listed], entries)


def _with_held(listed: list[dict[str, Any]], entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries of the 目录's tables ``listed`` with those of the tables held as printed among ``entries`` (印出表,
    which the 目录's kinds do not name), each after the entry it followed in ``entries`` (first where none did)."""
    out = list(listed)
    for at, entry in enumerate(entries):
        if "表" in entry:
            continue
        before = next((e for e in reversed(entries[:at]) if e in out), None)
        out.insert(out.index(before) + 1 if before is not None else 0, entry)
    return out


def _listed_entry_of(kind: str, number: int | None, title: str, pattern: str, imported: Imported) -> dict[str, Any]:
    """The entry of a table the 目录 lists, numbered ``number`` where known."""
    entry = _entry(kind, title, None, pattern, imported.year, imported.department)
    return {"表": kind, "表号": number, **entry} if number is not None else entry


def _lists_more(listed: list[tuple[str, int | None, str]], had: list[str]) -> bool:
    """Whether the 目录's tables ``listed`` are the tables read ``had`` in their order, each once, and more."""
    kinds = [kind for kind, _, _ in listed]
    return len(set(kinds)) == len(kinds) and [kind for kind in kinds if kind in had] == had and set(kinds) != set(had)


def _contents_tables(lines: list[Line], imported: Imported) -> list[tuple[str, int | None, str]]:
    """The tables the document's 目录 lists, of kinds a layout lists, in its order: (kind, the 目录's number of it, its
    title as listed); [] where it prints no 目录."""
    start = contents.start(lines)
    if start is None:
        return []
    kinds, found = tablekinds.by_id(), []
    for text in (contents.unpaged(entry) for entry in contents.entries(lines, start)):
        kind = title_kind(text, imported.catalog) if _TITLE.search(text) else None
        if kind is None or kind.final or kind.id not in kinds:
            continue
        found.append((kind.id, _listed_value(text), _LISTED_NUMBER.sub("", text)))
    return found


def _listed_value(text: str) -> int | None:
    """The number a 目录 line opens with (五、 5, 12. 12); None for none."""
    if (number := _LISTED_NUMBER.match(text)) is None:
        return None
    digits = number.group(1)
    return _chinese_value(digits) if digits[0] in _CHINESE else int(digits)


def _number_of(table: Table, lines: list[Line]) -> _Numbered | None:
    """The number printed with ``table``: before its title (“表2：…”), on a row of its own above the title in its
    grid, or on the printed line just above the title (烟台's “公开表1”, right-aligned over the title)."""
    for text in _number_places(table, lines):
        found = _NUMBER.match(text or "")
        if found is not None and (found.group("before").endswith("表") or found.group("after")):
            return _numbered(found)
    return None


def _number_places(table: Table, lines: list[Line]) -> list[str]:
    """The texts a table's number may be printed in, in the order sought: its title, the rows above its header, and
    the line printed just above its title where the grid knows where its rows are printed."""
    grid = table.grid
    places = [table.title, *(row_text(grid, row) for row in range(min(table.header_start, len(grid.rows))))]
    title_row = next((row for row in range(len(grid.rows)) if row_text(grid, row).strip() == table.title.strip()), None)
    if grid.row_places is not None and title_row is not None:
        places.append(_line_above(grid.row_places[title_row], lines))
    return places


def _line_above(place: str, lines: list[Line]) -> str:
    """The text of the line printed just above the one at ``place`` (“第7页 第2行”) on its page; "" for none."""
    where = re.match(r"第(\d+)页 第(\d+)行", place)
    if where is None:
        return ""
    page, line = int(where.group(1)), int(where.group(2))
    above = [ln for ln in lines if ln.page == page and 0 < (ln.line or ln.number) < line and ln.text.strip()]
    return above[-1].text.strip() if above else ""


def _numbered(found: re.Match[str]) -> _Numbered:
    digits = found.group("n")
    if digits[0] in _CHINESE:
        number, style = _chinese_value(digits), "{一}"
    else:
        number, style = int(digits), "{01}" if len(digits) == 2 and digits.startswith("0") else "{1}"
    return _Numbered("".join(found.group("before").split()), style, found.group("after"), number)


def _chinese_value(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CHINESE.index(text[1]) + 1
    if len(text) >= 2 and text[1] == "十":
        return (_CHINESE.index(text[0]) + 1) * 10 + (_CHINESE.index(text[2]) + 1 if len(text) == 3 else 0)
    return _CHINESE.index(text) + 1


def numbered_titles(lines: list[Line], pattern: str) -> list[tuple[_Numbered, str]]:
    """Each numbered table the document prints, in order, each number once: a line opening with a number printed in
    ``pattern`` (公开表{1}; spaces aside), its title after it or on one of the next two lines (a title ends in 表,
    perhaps with a note in brackets)."""
    found: dict[int, tuple[_Numbered, str]] = {}
    for index, line in enumerate(lines):
        text = "".join(line.text.split())
        match = _NUMBER.match(text)
        if not pattern or match is None or not (numbered := _numbered(match)).fits(pattern) or numbered.number in found:
            continue
        title = text[match.end():] or _title_below(lines[index + 1:index + 6])
        if _TITLE.search(title):
            found[numbered.number] = (numbered, title)
    return list(found.values())


def _title_below(following: list[Line]) -> str:
    """The first of the ``following`` lines printing anything but a page's number, spaces taken out; "" for none."""
    texts = ("".join(ln.text.split()) for ln in following if ln.text.strip())
    return next((text for text in texts if not _PAGE_NUMBER.match(text)), "")


_PAGE_NUMBER = regex(r"^[-—–]?\d{1,4}[-—–]?$")  # a page's number between a table's number and its title
_TITLE = regex(r"表(?:[（(][^（）()]{1,20}[）)])?$")


def _printed_beside(lines: list[Line], pattern: str, imported: Any,
                    listed: dict[str, dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The numbered tables the document prints that the import did not read (a table it did not recognise, or not for
    sure): those whose title names a kind reportgen prints (recognize.title_kind), as entries; the others told — a
    table of a kind reportgen has not is not listed, and the tables after it keep their printed numbers. A table read
    whose number was not found by its title (a title broken over lines) takes the number printed over its title."""
    entries, told = [], []
    for numbered, title in numbered_titles(lines, pattern):
        kind = title_kind(title, imported.catalog)
        if kind is not None and kind.id in listed:
            listed[kind.id].setdefault("表号", numbered.number)
            continue
        if kind is None and (held := _held_as_printed(title, imported)):
            entries.append({"印出表": held, "表号": numbered.number} if numbered.fits(pattern) else {"印出表": held})
            continue
        if kind is None or kind.final or kind.id not in tablekinds.by_id():
            told.append(_unlisted_note(numbered.label, title))
            continue
        listed[kind.id] = _entry(kind.id, title, numbered, pattern, imported.year, imported.department)
        entries.append(listed[kind.id])
    return entries, told


def _held_as_printed(title: str, imported: Imported) -> str:
    """The 表名 of the table of no kind the source holds as printed (印出表) that the document prints titled ``title``
    (spaces aside); "" for none."""
    items = imported.tree.get("印出表", [])
    named = [item.get("表名") for item in items] if isinstance(items, list) else []
    names = [str(name.value) for name in named if isinstance(name, Placed)]
    return next((name for name in names if "".join(name.split()) == "".join(title.split())), "")


def _listable(imported: Imported) -> tuple[list[Table], list[Table], list[Table]]:
    """The tables read that a layout lists, those printed but not read for sure (长春's 收入总表, 一般公共预算支出表 …:
    printed all the same, so listed), and the tables read that no layout lists (a 决算's)."""
    listable = {kind.id for kind in tablekinds.kinds()}
    read = list(imported.tables.values())
    unsure = [table for table in imported.unsure if table.kind.id in listable and table.kind.id not in imported.tables]
    return ([t for t in read if t.kind.id in listable], unsure, [t for t in read if t.kind.id not in listable])


def _first_page(table: Table) -> int:
    """The page a table is first printed on (a PDF's grid is named 第N页); 0 for a sheet's (its order kept)."""
    found = re.match(r"第(\d+)页", table.grid.name)
    return int(found.group(1)) if found else 0


def _in_printed_order(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries by their printed numbers where each has one; else as found."""
    return sorted(entries, key=lambda entry: entry["表号"]) if all("表号" in entry for entry in entries) else entries


def _entry(kind: str, printed: str, numbered: _Numbered | None, pattern: str, year: int | None,
           department: str) -> dict[str, Any]:
    """A table of 表格清单.表: its kind, its number (where printed in the layout's pattern) and its title as printed,
    its number taken off, the year as {年} and the department's name as {部门}."""
    title = _NUMBER.sub("", printed, count=1) if numbered is not None else printed
    title = _visible(title)
    if year is not None:
        title = _YEAR.sub(lambda m: "{年}" if m.group(1) == str(year) else m.group(1), title)
    if department and department in title:
        title = title.replace(department, "{部门}")
    entry: dict[str, Any] = {"表": kind}
    if numbered is not None and numbered.fits(pattern):
        entry["表号"] = numbered.number
    if title:
        entry["标题"] = title
    return entry


def _visible(text: str) -> str:
    """``text`` as one line of visible characters, as a layout's texts must be (layouts._check_texts): spaces, line
    breaks and invisible format characters (a zero-width space a PDF's text layer carries) taken out."""
    return "".join(char for char in "".join(text.split()) if unicodedata.category(char) not in ("Cf", "Cc"))


def _department_label(tables: list[Table]) -> str | None:
    """The words a document prints before the department's name over its tables (部门（单位）：, 部门名称：), as
    most tables print them; None where none is read."""
    found = Counter(label for table in tables if (label := _label_of(table)))
    return found.most_common(1)[0][0] if found else None


def _label_of(table: Table) -> str:
    if not table.owner:
        return ""
    for row in range(min(table.header_start, len(table.grid.rows))):
        text = "".join(row_text(table.grid, row).split())
        at = text.find("".join(table.owner.split()))
        if at > 0 and text[at - 1] in "：:":
            return text[:at].replace(":", "：")
    return ""


def _unnumbered_note() -> str:
    return "表上没有读出表号：学到的版式正文中不印表号（目录中照所基于的版式依次编号）"


def _unlisted_printed(settings: dict[str, Any], lines: list[Line]) -> list[str]:
    """表格清单.未列的表: 印出 into ``settings`` where it lists tables and the pages in hand print no 目录: they may be some
    of the document's, its set of tables not told (江苏省政协办公厅 2018's print 公开01表–公开06表, 2019's 07 and 08
    besides; 江苏省人民检察院 2017's its 八、九、十 alone), told. A document printing a 目录 is taken as whole, whether its
    目录 lists each table or not (西安、深圳、杭州 …: the tables it does not print are not its)."""
    listing = settings.get("表格清单", {})
    if not listing.get("表") or contents.start(lines) is not None:
        return []
    listing["未列的表"] = "印出"
    return [_others_printed_note()]


def _others_printed_note() -> str:
    return ("没有读到目录：所给的页印出的表是否就是文本的全部不得而知，学到的版式在所列各表之后接着印出所基于的版式中必备的其余各表"
            "（表格清单.未列的表: 印出；只印所列的表时改为 不印）")


def _unlisted_note(label: str, title: str) -> str:
    return f"{label} {title}：reportgen 没有这种表，学到的版式不列它（其余各表照印出的表号）"
