"""The layout of the files imported without ``--layout``: a shipped layout whose 导入.yaml lists
版式标志 (the table titles its documents print, the 表码 its exports name their sheets by) is chosen
where the files show them — and the import says which, and by which titles. Files that show the marks
of two layouts are refused, asking for ``--layout``; files that show none get the default layout."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportgen.base.patterns import regex
from reportgen.importing.recognition.catalog import FILE, normalized
from reportgen.importing.recognition.recognize import cell_text
from reportgen.readers.grid import Grid, ImportRefused
from reportgen.reading.yamlsafe import parse_yaml
from reportgen.shaping import layouts

_YEAR = regex(r"(?<!\d)\d{4}年度?")
_NUMBER = regex(r"^(?:(?:附表|表)[\d一二三四五六七八九十]{1,3}[、.．:：]?|\d{1,2}[.．、])")
_SHEET_CODE = regex(r"^\s*(\d{1,2}\.\d{1,2})(?!\d)")
_LEVEL = ("区级", "市级", "县级")


@dataclass(frozen=True)
class Marks:
    layout: str
    titles: frozenset[str]
    codes: frozenset[str]


@dataclass(frozen=True)
class Chosen:
    layout: str | None
    note: str  # what the import tells: which layout and why


@functools.cache
def _marks() -> tuple[Marks, ...]:
    found = []
    for name, folder in layouts.shipped():
        path = folder / FILE
        data = parse_yaml(path.read_bytes(), str(path)) if path.is_file() else None
        marks = data.get("版式标志") if isinstance(data, dict) else None
        if isinstance(marks, dict):
            found.append(Marks(name, frozenset(normalized(str(t)) for t in marks.get("表名", [])),
                               frozenset(str(c) for c in marks.get("表码", []))))
    return tuple(found)


def chosen(grids: list[Grid]) -> Chosen:
    """The layout the grids' titles and sheet names show, with the reason; refused where two show."""
    seen = {marks.layout: _seen(marks, grids) for marks in _marks()}
    shown = {layout: words for layout, words in seen.items() if words}
    if len(shown) > 1:
        said = "；".join(f"{layout}：{'、'.join(words[:3])}" for layout, words in shown.items())
        raise ImportRefused(f"{'、'.join(dict.fromkeys(g.file for g in grids))}：文件中的表名或表码符合不止一个版式（{said}），"
                            "请用 --layout 指定版式；未写出源文件")
    if not shown:
        return Chosen(None, "")
    layout, words = next(iter(shown.items()))
    return Chosen(layout, _chosen_because(layout, words))


def _seen(marks: Marks, grids: list[Grid]) -> list[str]:
    """The marks of ``marks.layout`` the grids show: “3.16部门收入总表” by its 表码, a title by its words."""
    found: list[str] = []
    for grid in grids:
        code = _SHEET_CODE.match(grid.name)
        if code and code.group(1) in marks.codes:
            found.append(f"工作表“{grid.name.strip()}”")
            continue
        title = next((text for text in _titles(grid) if _plain(text) in marks.titles), None)
        if title is not None:
            found.append(f"“{title}”")
    return list(dict.fromkeys(found))


def _titles(grid: Grid) -> list[str]:
    """A grid's sheet name and the words of its first rows, where a table's title stands."""
    texts = [grid.name] if grid.kind == "sheet" else []
    for row in grid.rows[:3]:
        texts += [cell_text(cell) for cell in row if cell_text(cell)]
    return texts


def _plain(text: str) -> str:
    plain = normalized(_NUMBER.sub("", normalized(text)))
    plain = _YEAR.sub("", plain)
    for level in _LEVEL:
        plain = plain.removeprefix(level)
    return plain


def _chosen_because(layout: str, words: list[str]) -> str:
    return (f"没有指定 --layout：按“{layout}”版式导入，因为文件中有{layout}版式的表名或表码"
            f"（{'、'.join(words[:3])}{'等' if len(words) > 3 else ''}，共 {len(words)} 处）；不是的话请用 --layout 指定")
