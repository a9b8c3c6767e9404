"""The figures a published document's tables print, printed by the render in the same table, row and column and in
the same form (issue 80, "Done means" first bullet: ≥ 95 %): `python -m bench.learned_tables [PDF …] [--corpus]
[--pairs] [--finals]` (default: fresh1's budgets, a 报表 file with its 情况说明; --pairs: learned from year N, year N+1's
tables; --finals: the 部门决算 of ../shared, each table of the 决算 against the render's 决算 variant of its kind).

For each document: import it, learn its layout (`import --learn-layout`), render the imported source in the layout
an officer of its province would take (the shipped layout its department's name names, else 默认: “before”) and in
the learned one (“after”), and compare each budget table the import recognised with the render's table of the same
kind. The published side is the PDF's table as read by geometry (the grid the import recognised, header rows left
out), not the import's reading of it: a figure the import did not read is a figure the render cannot print.

Each figure is placed by its label (the name printed left of it, list numbering and a code printed in its cell
aside — a 收支 table's spending side has its own beside the income's; the n-th row of a name is the n-th) and its column counted from the table's first column of figures. A
published figure counts as printed in place when the render's table has the same label (spaces, brackets' width,
list numbering and “其中：” aside) with the same string at the same number (“32,365.090089” is not “32,365.09”,
“0” is not “0.00”). Figures the render prints where the published table prints none are counted apart (“多出”).
A measurement: exit code 0 whatever it measures."""

from __future__ import annotations

import argparse
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from bench.learned_words import PAIRS, SHARED, _files, _region, chosen_documents
from reportgen.base.errors import ReportgenError
from reportgen.docmodel.document import Table as RenderedTable
from reportgen.importing.learning.learned_layout import Learned, learn, write_layout
from reportgen.importing.learning.tables.learned_final_tables import final_table_names
from reportgen.importing.pipeline import ImportResult, import_files
from reportgen.importing.recognition.recognize import Table as PublishedTable
from reportgen.readers.published import read_published
from reportgen.runners.render import document_for, prepare
from reportgen.shaping import layouts

FIGURE = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)|其中[:：]"
                        r"|\[\d+\]|\d{3,}[-－]|\d{3,7}(?![\d年月日])(?=[\u4e00-\u9fff]))")
# a code printed in the name's cell: [2010501]行政运行, 30101-基本工资, 201一般公共服务支出 (not a year: 2025年)
_CODE = re.compile(r"\d{2,7}")
_DASHES = re.compile(r"[-—－–─]+")
_WIDTH = str.maketrans("（）：，", "():,")

Key = tuple[str, int, int]  # (the row's label, how many rows before printed it, the column from the first of figures)


@dataclass
class Measure:
    printed: int = 0  # figures the published tables print
    in_place: int = 0  # of those, printed by the render at the same label and number, in the same form
    other_form: int = 0  # at the same place, in another form (decimals, separators)
    extra: int = 0  # figures the render prints at a place the published table prints none
    tables: int = 0  # the published budget tables compared
    whole: int = 0  # of those, every figure in place

    def add(self, other: Measure) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        share = f"{100 * self.in_place / self.printed:.1f} %" if self.printed else "—"
        return (f"印出的数 {self.printed}，同表同行同栏同样印出 {self.in_place}（{share}），同位置而写法不同 {self.other_form}，"
                f"多出 {self.extra}；全同的表 {self.whole}/{self.tables}")


def _label(texts: list[str]) -> str:
    text = "".join(texts).translate(_WIDTH)
    text = re.sub(r"\s+", "", text)
    while (opened := _NUMBERING.match(text)) is not None:
        text = text[opened.end():]
    return text


def _is_figure(text: str) -> bool:
    return FIGURE.fullmatch(text.replace(" ", "")) is not None


def _segments(cells: list[str], first: int) -> list[tuple[str, int, str]]:
    """A row's figures as (label, column counted from the table's first column of figures, figure; the label "" where
    nothing is printed left of it): ``cells`` the row's texts by column. A figure's label is the last text printed
    left of it (a row's name; a 收支 table's spending side has its own beside the income's; a label printed a character
    or two a cell, one cell after another — 国家信访局 2026's “收 入 | 总 | 计” —, the cells' characters together)."""
    found = []
    label, run = "", list[str]()
    for index, raw in enumerate(cells):
        text = raw.strip()
        if not text or _DASHES.fullmatch(text):  # nothing printed, or a dash for none
            continue
        if _is_figure(text) and index >= first:
            run = []
            found.append((label, index - first, text.replace(" ", "")))
        elif _CODE.fullmatch(text):  # a code printed in a column of its own is not the row's name
            run = []
        else:
            run = [*run, text] if _spread(text) and all(_spread(piece) for piece in run) else [text]
            label = _label(run)
    return found


_SPREAD = 3  # the most characters a cell of a label printed a character or a few a cell holds (支 出 总 | 计)


def _spread(text: str) -> bool:
    """Whether a cell's text may be a piece of a label printed a character or a few a cell: a few characters, no
    code among them (北京's “50203-培训费 | 30216-培训费” are two names, not one)."""
    bare = "".join(text.split())
    return len(bare) <= _SPREAD and not any(c.isdigit() for c in bare)


# the label of the figures of a table's one row of figures printed without a name (北京, 国家信访局, 重庆, 烟台's “三公”
# table: 合计 | 因公出国（境）费 | … on one line; 北京's 收入总表: its sources of income on one line)
SOLE_ROW = "（表中唯一一行）"


def _table_figures(rows: list[list[str]], sole: bool = False) -> dict[Key, str]:
    """Each figure by (label, how many rows before printed that label, column): the n-th 行政运行 is the n-th. A figure
    printed without a name is no row's but in a table of one row of figures (SOLE_ROW: the table's kind names it);
    ``sole`` (the render's table where the published prints such a row): its one row of figures is SOLE_ROW whatever
    its name — the row the published table's is matched to."""
    # a column only a 栏次 row prints in (its numbers repeated on a table's next page, set apart) holds no figure's place
    figure_rows = _without_line_numbers(_printing_columns(_without_page_repeats(rows)))
    first = _first_column(figure_rows)
    places = _figure_places(figure_rows, first)
    found: dict[Key, str] = {}
    seen: dict[tuple[str, int], int] = {}
    for row in _labelled(figure_rows, first, sole):
        for label, index, text in row:
            column = places.get(index + first, index)
            times = seen.get((label, column), 0)
            seen[(label, column)] = times + 1
            found[(label, times, column)] = text
    return found


def _labelled(rows: list[list[str]], first: int, sole: bool) -> list[list[tuple[str, int, str]]]:
    """Each row's named figures (_segments); those of a table's one row of figures without a name (or, ``sole``,
    whatever its name) under SOLE_ROW."""
    segments = [_segments(cells, first) for cells in rows]
    one = sum(1 for found in segments if found) == 1
    return [[(SOLE_ROW if one and (sole or not named) else named, index, text) for named, index, text in row
             if named or one] for row in segments]


def _figure_places(rows: list[list[str]], first: int) -> dict[int, int]:
    """Each column from the first of figures on by its place among those printing a figure: a column no row prints
    a figure in holds no figure's place (国家信访局 2026's 收支总表 prints its “收 入 总 计” and “支 出 总 计” a
    character or two a cell, over columns of nothing else — its 支出 figures not five columns right of its 收入's)."""
    printing = sorted({col for cells in rows for col, text in enumerate(cells) if col >= first and _is_figure(text.strip())})
    return {col: place for place, col in enumerate(printing)}


def _without_page_repeats(rows: list[list[str]]) -> list[list[str]]:
    """The rows without the column-number rows (栏次 1 2 3 …) and the rows a table's next page repeats under its
    header: a row after a column-number row printing, cell for cell, a row printed before (佛山 2019's 收入决算表
    prints its 合计 row again atop each page) is that row, printed once by a render whatever its pages."""
    kept: list[list[str]] = []
    repeating = False
    for cells in rows:
        if _column_numbers(cells):
            repeating = True
            continue
        if repeating and any(_is_figure(t.strip()) for t in cells) and cells in kept:
            continue
        repeating = False
        kept.append(cells)
    return kept


def _without_line_numbers(rows: list[list[str]]) -> list[list[str]]:
    """The rows without a 行次 column (a 决算 总表 numbers its lines 1, 2, 3 … in a column of their own): a column whose
    every printed cell is a whole number, each the first and its place (27, 28, 29 …) — line numbers, no figure, no
    name and no figure's place (a render that does not print them has its 支出 figures a column further left). One
    misprint in ten is still a 行次 (佛山 2019's 财政拨款收入支出决算总表 numbers its lines 28, 39, 30 …: the import
    tells it)."""
    width = max((len(cells) for cells in rows), default=0)
    numbered = set()
    for col in range(width):
        texts = [cells[col].strip() for cells in rows if col < len(cells) and cells[col].strip()]
        if len(texts) >= 3 and all(t.isdigit() for t in texts) and _numbered_in_turn([int(t) for t in texts]):
            numbered.add(col)
    return [[text for col, text in enumerate(cells) if col not in numbered] for cells in rows]


def _numbered_in_turn(numbers: list[int]) -> bool:
    """Whether numbers are the first and its place in turn (27, 28, 29 …), but for one misprint in ten at most."""
    misprints = sum(1 for place, n in enumerate(numbers) if n != numbers[0] + place)
    return misprints <= len(numbers) // 10


def _first_column(rows: list[list[str]]) -> int:
    """The table's first column of amounts: the first printing one with a point or separator (the code columns
    left of it print integers, 205 / 08 / 03), else the first printing a figure."""
    for marked in (True, False):
        columns = [i for cells in rows for i, text in enumerate(cells)
                   if _is_figure(text.strip()) and (not marked or any(c in text for c in ".,"))]
        if columns:
            return min(columns)
    return 0


def _column_numbers(cells: list[str]) -> bool:
    """Whether the row is a column-number row (栏次 1 2 3 …), by what it is: its figures 1, 2, 3 … in turn — or by its
    name, 栏次 (佛山 2019's 收入支出决算总表 repeats “栏 次 | 1 | 栏 次 | 2” on each page: two figures)."""
    figures = [text.strip() for text in cells if _is_figure(text.strip())]
    if figures and re.sub(r"\s+", "", next((t for t in cells if t.strip()), "")) == "栏次":
        return all(text.isdigit() for text in figures)
    return len(figures) >= 3 and figures == [str(n) for n in range(1, len(figures) + 1)]


def published_rows(table: PublishedTable, units: list[PublishedTable] | None = None) -> list[list[str]]:
    """The published table's body rows as measured: the columns no row prints in taken out. ``units``: the rows the
    import set aside of a table printing the department's rows, then each unit's in turn (units_in_turn.py: 深圳's
    department of several units), each unit's as a table of its own — printed by the document, under the
    department's rows, as the table's grid holds them."""
    return _printing_columns([*published_cells(table), *(cells for part in units or [] for cells in published_cells(part))])


def published_cells(table: PublishedTable) -> list[list[str]]:
    """The published table's body rows, each cell's text as the page's grid holds it."""
    return [[cell.text or ("" if cell.value is None else str(cell.value)) for cell in row]
            for row in table.grid.rows[table.body_start:]]


def _printing_columns(rows: list[list[str]]) -> list[list[str]]:
    """The rows without the columns no row prints in, published and rendered alike: the page's geometry may split a
    header's span into columns of nothing (国家信访局 2024 决算 公开05表: 小计 | · | 基本支出 | 项目支出), and a column
    printing nothing (上级补助收入 of a department with none) holds no figure's place."""
    width = max((len(cells) for cells in rows), default=0)
    printing = [col for col in range(width) if any(col < len(cells) and cells[col].strip() for cells in rows)]
    return [[cells[col] if col < len(cells) else "" for col in printing] for cells in rows]


def rendered_rows(table: RenderedTable) -> list[list[str]]:
    """The rendered table's body rows as measured: the columns no row prints in taken out."""
    return _printing_columns(rendered_cells(table))


def rendered_cells(table: RenderedTable) -> list[list[str]]:
    """The rendered table's body rows, a cell spanning columns followed by empty ones."""
    rows = []
    for row in table.body:
        cells: list[str] = []
        for cell in row.cells:
            cells.append(cell.text)
            cells.extend([""] * (cell.colspan - 1))
        rows.append(cells)
    return rows


def compare(published: dict[Key, str], rendered: dict[Key, str]) -> Measure:
    same = sum(1 for key, text in published.items() if rendered.get(key) == text)
    other = sum(1 for key, text in published.items() if key in rendered and rendered[key] != text
                and Decimal(rendered[key].replace(",", "")) == Decimal(text.replace(",", "")))
    extra = sum(1 for key in rendered if key not in published)
    return Measure(len(published), same, other, extra, int(bool(published)), int(bool(published) and same == len(published)))


# A 部门决算's tables as its import names them, and the table the render prints each as (its 决算 variant: 收支总表-决算)
FINAL_TABLES = final_table_names()
FINALS = ("corpus/fresh1/central-guojia-xinfangju-2024-dept-final.pdf", "corpus/gd-foshan-guidaojiaotongju-2019-dept-final.pdf",
          "seeds/juesuan/shanghai-putuo-guihuaziyuan-juesuan-2024.pdf", "seeds/juesuan/shanghai-putuo-shehuigongzuo-juesuan-2024.pdf")


def measure(tables: dict[str, PublishedTable], document: object, misses: Counter[tuple[str, str]] | None = None,
            learned_from: dict[str, dict[Key, str]] | None = None,
            units: dict[str, list[PublishedTable]] | None = None,
            extras: Counter[tuple[str, str]] | None = None) -> Measure:
    """The measure of the published ``tables`` against the ``document``'s; ``misses`` (--breakdown) counts each figure
    not printed in place by its table and what the render does there (miss), a table of a kind year N's document
    (``learned_from``: its tables, each by its figures as published) neither prints nor lists told apart, whether or
    not the render prints one (江苏省人民检察院 2017's three tables in hand print no 收支总表: its layout prints the base's),
    and a zero N+1 prints where N left the same row's cell blank (prior_blank); ``units``: each kind's units' rows the
    import set aside (units_set_aside), printed under its rows."""
    shown = {b.id.split("-")[0]: b for b in getattr(document, "blocks", []) if isinstance(b, RenderedTable)}
    total = Measure()
    for kind, table in tables.items():
        published = _table_figures(published_rows(table, (units or {}).get(kind)))
        rendered = shown.get(FINAL_TABLES.get(kind, kind))
        sole = any(key[0] == SOLE_ROW for key in published)
        figures = _table_figures(rendered_rows(rendered), sole) if rendered else {}
        total.add(compare(published, figures))
        if misses is not None:
            printed = learned_from is None or kind in learned_from
            prior = (learned_from or {}).get(kind, {})
            misses.update((kind, prior_blank(key, miss(key, text, figures, rendered is not None), prior)
                           if printed else MISSES[-1]) for key, text in published.items() if figures.get(key) != text)
        if extras is not None:
            extras.update((kind, extra(key, figures, published)) for key in figures if key not in published)
    return total


# the --breakdown classes of the figures the render prints where the published table prints none (“多出”), in the
# order printed: a zero in a cell of a row the published prints, that cell blank (零印出: 0.00 where it prints blank);
# another figure in such a cell (多的栏: a column it does not print, or not in that row); a row it does not print at
# all, whose figures are all zero (全零的行) or not (多的行: a subtotal row, a row of another name); the figure itself
# printed by the published table at a place the render leaves without it (换了位置: the same figure under another name
# or column — a row named otherwise, the n-th of a name counted otherwise)
EXTRAS = ("零印出", "多的栏", "全零的行", "多的行", "换了位置")


def extra(key: Key, rendered: dict[Key, str], published: dict[Key, str]) -> str:
    """The class (EXTRAS) of a figure the render prints at ``key`` where the published table prints none."""
    text = rendered[key]
    missed = {value for place, value in published.items() if rendered.get(place) != value}
    if text in missed and not _zero(text):
        return EXTRAS[4]
    if any(other[:2] == key[:2] for other in published):
        return EXTRAS[0] if _zero(text) else EXTRAS[1]
    row = [value for other, value in rendered.items() if other[:2] == key[:2]]
    return EXTRAS[2] if all(_zero(value) for value in row) else EXTRAS[3]


def _zero(text: str) -> bool:
    return Decimal(text.replace(",", "")) == 0


# the --breakdown classes, in the order printed; the last two (--pairs): a zero year N printed blank in the same row
# (prior_blank), a table of a kind year N's document neither prints nor lists (its 目录 lists the tables of pages not
# in hand)
MISSES = ("无此表", "无此行", "行同栏异", "零印作空白", "数不同", "写法不同", "上一年印作空白", "上一年未印此表")


def prior_blank(key: Key, found: str, prior: dict[Key, str]) -> str:
    """上一年印作空白 for a zero printed blank (零印作空白) where year N's table, as published, prints the row and leaves
    that cell blank (``prior``: its figures): 普陀区万里街道 2023 left the 公用经费 of 工资福利支出 and the 人员经费 of
    商品和服务支出 blank, 2024 prints “0” there: the department's form changed, and the source of 2024 states no amount
    the columns split into none (its 经济分类 lines one 金额 each), so nothing tells the draft to print the zero. Where
    the source of N+1 states the zero, a layout printing it as stated prints it (万里's 收入总表: _blank_as_stated in
    learned_layout.py); else ``found``."""
    if found == MISSES[3] and key not in prior and any(other[:2] == key[:2] for other in prior):
        return MISSES[-2]
    return found


def miss(key: Key, text: str, rendered: dict[Key, str], table: bool) -> str:
    """What the render prints where a published figure is not printed in place: no table of its kind (无此表), no row
    of its label (无此行: the n-th of a label counted as the label), the row but nothing at that column (行同栏异; a
    zero there: 零印作空白), another figure at its place (数不同), the same figure written otherwise (写法不同: decimals,
    separators)."""
    if not table:
        return MISSES[0]
    if key not in rendered:
        if not any(other[:2] == key[:2] for other in rendered):
            return MISSES[1]
        return MISSES[3] if Decimal(text.replace(",", "")) == 0 else MISSES[2]
    same = Decimal(rendered[key].replace(",", "")) == Decimal(text.replace(",", ""))
    return MISSES[5] if same else MISSES[4]


def breakdown_lines(misses: Counter[tuple[str, str]], names: tuple[str, ...] = MISSES, mark: str = "") -> list[str]:
    """--breakdown: a document's (or pair's) figures not printed in place (or ``names`` EXTRAS, ``mark`` 多出: those
    printed where the published table prints none), by table, most first, then by class."""
    tables = Counter[str]()
    for (kind, _), n in misses.items():
        tables[kind] += n
    return [f"    {mark}{kind} {n}：" + "，".join(f"{name} {misses[(kind, name)]}" for name in names if misses[(kind, name)])
            for kind, n in tables.most_common()]


def run(paths: list[Path], following: list[Path] | None = None,
        misses: Counter[tuple[str, str]] | None = None,
        extras: Counter[tuple[str, str]] | None = None) -> tuple[str, str, Measure, Measure] | None:
    """The document's measures (its files: a narrative and its tables may be two) before and after; with
    ``following`` (year N+1's files), year N+1's tables against its import rendered in the layout learned from year N
    (“after”) and in its province's shipped layout (“before”); ``misses`` counts the figures “after” misses, ``extras``
    those it prints where the published table prints none."""
    path = paths[0]
    result = import_files(paths, None)
    lines = [line for one in paths for line in read_published(one).lines]
    learned = learn(result, lines, f"{path.stem}-学到的")
    shown = import_files(following, None) if following else result
    prepared = prepare(shown.source.named((following or paths)[0].with_suffix(".yaml")), draft=True)
    if prepared.budget is None:
        print(f"{path.name}：导入的源文件不能生成（{prepared.findings[0].message if prepared.findings else ''}）")
        return None
    tables = dict(shown.imported.tables)
    for unsure in shown.imported.unsure:  # printed, not read for sure: their figures count, unread
        tables.setdefault(unsure.kind.id, unsure)
    before_name = layouts.regional(shown.imported.department) or layouts.DEFAULT
    units = units_set_aside(shown)
    before = measure(tables, document_for(prepared, draft=True, layout=before_name), units=units)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "学到的"
        write_layout(folder, learned)
        learned_from = _learned_tables(result, learned) if following else None
        after = measure(tables, document_for(prepared, draft=True, layout=folder), misses, learned_from, units, extras)
    return shown.imported.department, before_name, before, after


def units_set_aside(result: ImportResult) -> dict[str, list[PublishedTable]]:
    """Each table's units' rows the import set aside (a table printing the department's rows, then each unit's in turn:
    units_in_turn.py), each unit's a table of its own, by the table's kind."""
    return {aside.title: aside.parts for aside in result.set_aside if aside.parts}


def _learned_tables(result: ImportResult, learned: Learned) -> dict[str, dict[Key, str]]:
    """The tables of year N's layout, each by its figures as published ({} for none read): those its document prints
    (read, or not for sure) and those the layout lists (its 目录's, where the pages in hand print some: 江苏省政协办公厅
    2017)."""
    listed = learned.settings.get("表格清单", {}).get("表", [])
    units = units_set_aside(result)
    kinds = {*result.imported.tables, *(unsure.kind.id for unsure in result.imported.unsure), *(e["表"] for e in listed if "表" in e)}
    return {kind: _table_figures(published_rows(table, units.get(kind))) if (table := result.imported.tables.get(kind)) else {}
            for kind in kinds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("documents", nargs="*", help="PDF（一份公开文本的几个文件用 + 连起来：情况说明+报表）")
    parser.add_argument("--corpus", action="store_true", help="../shared/corpus 的预算（不含 fresh1；默认 fresh1 的预算）")
    parser.add_argument("--pairs", action="store_true", help="逐年：学自 N 年，印 N+1 年（bench/learned_words.PAIRS）")
    parser.add_argument("--finals", action="store_true", help="../shared 的部门决算（FINALS）")
    parser.add_argument("--breakdown", action="store_true",
                        help="逐份（逐对）按表列出学到的版式没有同样印出的数及其类：" + "、".join(MISSES))
    args = parser.parse_args()
    jobs: list[tuple[str, list[Path], list[Path] | None]]
    if args.pairs:
        jobs = [(f"{Path(n).name} → {Path(n1.split('+')[0]).name}", _files(n), _files(n1)) for n, n1 in PAIRS]
    else:
        given = [str(SHARED / name) for name in FINALS] if args.finals else args.documents
        jobs = [(paths[0].name, paths, None) for paths in chosen_documents(given, args.corpus)]
    before_all, after_all = Measure(), Measure()
    regions: dict[str, Measure] = {}
    classes, extra_classes = Counter[str](), Counter[str]()
    for name, paths, following in jobs:
        misses = Counter[tuple[str, str]]() if args.breakdown else None
        extras = Counter[tuple[str, str]]() if args.breakdown else None
        try:
            measured = run(paths, following, misses, extras)
        except ReportgenError as exc:
            print(f"{name}：{exc.message}")
            continue
        if measured is None:
            continue
        department, before_name, before, after = measured
        if following and not after.tables:  # 江苏省人民检察院 2019's pp. 1–2, 26–27: its cover, 目录 and 情况说明
            print(f"{name}：N+1 年的文件没有读出一张预算表（所给的页中没有表格，或表格没有认出），没有可比的数")
        print(f"{name}（{department}）  {before_name}：{before.line()}", flush=True)
        print(f"{name}（{department}）  学到的：{after.line()}", flush=True)
        for (_, kind), n in (misses or {}).items():
            classes[kind] += n
        if misses:
            print("\n".join(breakdown_lines(misses)), flush=True)
        for (_, kind), n in (extras or {}).items():
            extra_classes[kind] += n
        if extras:
            print("\n".join(breakdown_lines(extras, EXTRAS, "多出 ")), flush=True)
        before_all.add(before)
        after_all.add(after)
        regions.setdefault(_region(paths[0].name), Measure()).add(after)
    for region, total in sorted(regions.items()):
        print(f"地区 {region}  学到的：{total.line()}")
    print(f"合计  之前：{before_all.line()}")
    print(f"合计  学到的：{after_all.line()}")
    if args.breakdown:
        print("没有同样印出的数，按类：" + "，".join(f"{name} {classes[name]}" for name in MISSES))
        print("多出的数，按类：" + "，".join(f"{name} {extra_classes[name]}" for name in EXTRAS))


if __name__ == "__main__":
    main()
