"""The budget system's export beyond its tables: 封面 and 目录 (whose department and year), and which of
its text sheets (部门主要职能, 部门机构设置, 名词解释, 部门编制说明, 其他相关情况说明, 项目经费情况说明) the
import read — a sheet is reported 未识别 only where nothing of it was read."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reportgen.base.patterns import regex
from reportgen.importing.emit import walk
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import cell_text
from reportgen.importing.text.text_parts import vocabulary
from reportgen.importing.tree import Placed
from reportgen.readers.grid import Cell, Grid
from reportgen.readers.text.lines import Line

_OWNER = regex(r"(?:预算主管部门|主管部门|预算单位|部门名称|单位名称)\s*[：:]\s*(\S{2,60})")
_YEAR = regex(r"(20\d{2})\s*年")
# A cover's title naming the government before its year: “上海市普陀区2026年区级部门预算” (its 地区)
_REGION_TITLE = regex(r"^(?P<region>\S{2,30}?(?:省|市|区|县|旗|州|自治区))\s*(?P<year>20\d{2})\s*年(?:度)?"
                      r"(?P<level>区级|市级|县级|省级)?(?:部门|单位)(?:预算|决算)$")
_COVER_LINES = 12  # a cover's title stands among the document's first lines
# A cover's title that states the year of the budget or 决算 (“2026 年深圳市民政局（本级）部门预算”, wrapped
# over two lines; “北京市民政局2026年度部门预算信息公开”): read where no table's caption states a year
_YEAR_TITLE = regex(r"^\S{0,40}?(?P<year>20\d{2})年度?\S{0,40}?(?:部门|单位)(?:预算|决算)")
_TITLE_LINES = 3  # the lines of a cover's title joined (a PDF wraps a long title)
# the official export's sheets that hold the document's text: with both, the export is the whole document
_WHOLE = ("职能", "其他相关情况")


@dataclass(frozen=True)
class Front:
    """What the 封面 or 目录 states: the department (or unit) and the year, and where."""

    department: str
    year: int | None
    where: str


def front(grid: Grid) -> Front | None:
    """The department and year of a 封面 (or 目录) sheet; None for any other sheet."""
    name = "".join(grid.name.split())
    if name not in ("封面", "目录"):
        return None
    department, year, where = "", None, ""
    for index, row in enumerate(grid.rows):
        for col, cell in enumerate(row):
            text = cell_text(cell)
            if not department and (owner := _OWNER.search(text)) is not None:
                department, where = owner.group(1), where or grid.where(index, col)
            if year is None and (found := _YEAR.search(text)) is not None:
                year, where = int(found.group(1)), where or grid.where(index, col)
    return Front(department, year, where) if department or year else None


def add_front(imported: Imported, unknown: list[Grid], notes: list[str]) -> list[Grid]:
    """The 封面's department and year where the tables' captions state none; a 封面 or 目录 that states
    another is told. The front sheets read (their statement used or agreeing) are returned."""
    read = []
    for grid in unknown:
        stated = front(grid)
        if stated is None:
            continue
        add_stated(imported, stated, f"{grid.shown}（{stated.where}）", notes)
        read.append(grid)
    return read


def add_stated(imported: Imported, stated: Front, shown: str, notes: list[str]) -> None:
    """The department and year a 封面 (or a narrative's cover, published apart from its tables) states,
    where the tables' captions state none; another than theirs is told (``shown`` names where)."""
    if stated.department and not imported.department:
        imported.department = stated.department
        imported.tree["部门"] = Placed(stated.department, stated.where)
    if stated.year is not None and imported.year is None:
        imported.year = stated.year
        imported.tree = _with_year(imported, stated.year, stated.where)
    differs = [f"{word}“{said}”" for word, said, own in (("部门", stated.department, imported.department),
                                                       ("年度", stated.year, imported.year)) if said and said != own]
    if differs:
        notes.append(_cover_differs(shown, differs, imported.department, imported.year))


def add_region(imported: Imported, lines: list[Line]) -> None:
    """地区 (and 级次, where it says one) from a cover's title that names the government before the year
    (“上海市普陀区2026年区级部门预算”), where it is the imported year's and the department's own
    government: placed after 年度, never guessed."""
    for line in lines[:_COVER_LINES]:
        found = _REGION_TITLE.match("".join(line.text.split()))
        if found is None or int(found.group("year")) != imported.year or "地区" in imported.tree:
            continue
        region = found.group("region")
        if _own_government(imported.department, region):
            said = [("地区", Placed(region, line.where))]
            if found.group("level"):
                said.append(("级次", Placed(found.group("level"), line.where)))
            imported.tree = _with_region(imported, said)
        return


def _own_government(department: str, region: str) -> bool:
    """Whether ``region`` is the department's own government: its name begins the department's, and is not all of it."""
    return bool(department) and (region in department) and department.startswith(region) and region != department


def _with_region(imported: Imported, said: list[tuple[str, Placed]]) -> dict:
    items = list(imported.tree.items())
    at = next((i + 1 for i, (key, _) in enumerate(items) if key == "年度"), len(items))
    return dict([*items[:at], *said, *items[at:]])


def add_cover_year(imported: Imported, lines: list[Line]) -> None:
    """年度 from the cover's title (its first lines, a wrapped title joined), where no table's caption
    states one: the year the document says it is of, placed at the title's line — never guessed."""
    if imported.year is not None:
        return
    texts = ["".join(line.text.split()) for line in lines[:_COVER_LINES]]
    for at, line in enumerate(lines[:_COVER_LINES]):
        found = _YEAR_TITLE.match("".join(texts[at:at + _TITLE_LINES]))
        if found is not None and found.start("year") < len(texts[at]):
            imported.year = int(found.group("year"))
            imported.tree = _with_year(imported, imported.year, line.where)
            return


# A table's caption that states its year alone, under its title (北京's 预算13表 部门整体支出绩效目标表 “（2026年度）”),
# or after its title on the same line (“……绩效目标表（2026年度）”)
_CAPTION_YEAR = regex(r"^[（(](?P<year>20\d{2})年度?[)）]$")
_TITLED_YEAR = regex(r"表[（(](?P<year>20\d{2})年度?[)）]$")
_CAPTION_GAP = 2  # the caption follows its title within two lines (a blank or a wrapped title between)


def add_caption_year(imported: Imported, lines: list[Line], notes: list[str]) -> bool:
    """年度 from the captions of the document's tables that state their year (a table no kind names among them: a
    表 of 北京's tables printing its year only in 预算13表's caption), where no table read and no cover states one,
    placed at the first caption; captions stating two years: not written, told in ``notes`` — never chosen. Whether
    the year is settled here (stated, or left unwritten for the captions' two years)."""
    if imported.year is not None:
        return False
    said = caption_years(lines)
    years = sorted({year for year, _ in said})
    if len(years) > 1:
        notes.append(_captions_differ_note(said))
        return True
    if years:
        imported.year = years[0]
        imported.tree = _with_year(imported, years[0], said[0][1])
    return bool(years)


def caption_years(lines: list[Line]) -> list[tuple[int, str]]:
    """(year, where) of each table caption stating its year, in order: a line that is the year alone under a line
    ending a table's title (“预算13表 部门整体支出绩效目标表” / “（2026年度）”), or a title ending in its year."""
    texts = ["".join(line.text.split()) for line in lines]
    found = []
    for at, text in enumerate(texts):
        if (titled := _TITLED_YEAR.search(text)) is not None:
            found.append((int(titled.group("year")), lines[at].where))
        elif (alone := _CAPTION_YEAR.match(text)) is not None and _under_title(texts, at):
            found.append((int(alone.group("year")), lines[at].where))
    return found


def _under_title(texts: list[str], at: int) -> bool:
    """Whether the line at ``at`` follows a table's title: the nearest printed line above it ends in 表."""
    above = [text for text in texts[max(at - _CAPTION_GAP, 0):at] if text]
    return bool(above) and above[-1].endswith("表")


def _captions_differ_note(said: list[tuple[int, str]]) -> str:
    firsts = {year: where for year, where in reversed(said)}
    shown = "、".join(f"{year} 年（{where}）" for year, where in sorted(firsts.items()))
    return f"各表的标题印出不同的年度：{shown}；没有写入年度，请按文件核对后填写"


def add_text_year(imported: Imported, lines: list[Line], accounts: str = "预算") -> None:
    """年度 from what the text states its budget (or 决算: ``accounts``) is of, where no table and no cover states
    one: the year the most of its statements name (“2026年部门预算”, text_parts.yaml 年度), placed at the first
    line stating it; two years stated as often, or none: not written — never guessed."""
    if imported.year is not None:
        return
    said = _text_years(lines, accounts)
    counts = Counter(year for year, _ in said)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return
    imported.year = ranked[0][0]
    imported.tree = _with_year(imported, imported.year, next(where for year, where in said if year == imported.year))


def _text_years(lines: list[Line], accounts: str) -> list[tuple[int, str]]:
    """(year, where) of each statement of the text naming the year of its ``accounts`` (预算 or 决算), in order:
    a line's words joined with the next line's (a statement wraps)."""
    vocab = vocabulary()["年度"]
    stated = re.compile(r"(?<!\d)(20\d{2})\s*年度?(?:" + "|".join(map(re.escape, vocab[accounts])) + ")")
    compared = tuple(vocab["比较"])
    texts = ["".join(line.text.split()) for line in lines]
    found = []
    for at, line in enumerate(lines):
        joined = texts[at] + (texts[at + 1] if at + 1 < len(texts) else "")
        found += [(int(m.group(1)), line.where) for m in stated.finditer(joined)
                  if m.start() < len(texts[at]) and not joined[:m.start()].endswith(compared)]
    return found


def _with_year(imported: Imported, year: int, where: str) -> dict:
    items = list(imported.tree.items())
    at = next((i + 1 for i, (key, _) in enumerate(items) if key == "部门"), 0)
    return dict([*items[:at], ("年度", Placed(year, where)), *items[at:]])


def whole_export(unknown: list[Grid]) -> bool:
    """Whether the export holds the document's text sheets (职能 and 其他相关情况说明): then what its
    text does not state is not published, as in the document it prints."""
    names = ["".join(grid.name.split()) for grid in unknown]
    return all(any(word in name for name in names) for word in _WHOLE)


def not_read(unknown: list[Grid], imported: Imported, unplaced: list[str], front_read: list[Grid]) -> list[Grid]:
    """The grids that are no table and of which nothing was read: no field's place and no line told
    as not written names them."""
    places = [p.where for p in walk(imported.tree) if p.where] + unplaced
    return [grid for grid in unknown
            if all(grid is not read for read in front_read) and not any(place.startswith(f"{grid.label}!") or f" {grid.label}!" in place
                                                  for place in places)]


def _cover_differs(where: str, differs: list[str], department: str | None, year: int | None) -> str:
    return f"{where}写的{'、'.join(differs)}与各表不同（表中为 {department} {year} 年）；按各表写入"


def text_sheet_lines(grids: list[Grid]) -> list[Line]:
    """The text of grids that are not tables (a workbook's 职能, 机构设置, 名词解释 sheets), in the order
    of the sheets: each line of a cell a line of its own (a sheet may hold all its duties in one cell,
    a line each), a row's cells side by side, each placed by its sheet and cell. A 目录 sheet holds no
    text of its own: its lines (“一、单位主要职能”, without leaders in the 单位 template) would open empty parts."""
    lines: list[Line] = []
    for grid in (g for g in grids if "".join(g.name.split()) != "目录"):
        for row_index, row in enumerate(grid.rows):
            for line, place in _row_lines(grid, row_index, row):
                lines.append(Line(len(lines) + 1, line, place=place))
    return lines


def _row_lines(grid: Grid, index: int, row: list[Cell]) -> list[tuple[str, str]]:
    """A row's lines: the lines of its cells (of several cells, side by side) with their places."""
    cells = [(col, cell.value if isinstance(cell.value, str) else cell_text(cell)) for col, cell in enumerate(row)]
    cells = [(col, text) for col, text in cells if text.strip()]
    if len(cells) != 1 or len(cells[0][1].strip().splitlines()) < 2:
        return [(" ".join(" ".join(text.split()) for _, text in cells), grid.where(index, cells[0][0]))] if cells else []
    col, text = cells[0]
    return [(" ".join(part.split()), f"{grid.where(index, col)} 第{n}行")
            for n, part in enumerate(text.splitlines(), start=1) if part.strip()]
