"""The figures a published document's tables print, printed by the render in the same table, row and column and in
the same form (issue 80, "Done means" first bullet: ≥ 95 %): `python -m bench.learned_tables [PDF …]`.

For each document: import it, learn its layout (`import --learn-layout`), render the imported source in the layout
an officer of its province would take (the shipped layout its department's name names, else 默认: “before”) and in
the learned one (“after”), and compare each budget table the import recognised with the render's table of the same
kind. The published side is the PDF's table as read by geometry (the grid the import recognised, header rows left
out), not the import's reading of it: a figure the import did not read is a figure the render cannot print.

Each figure is placed by its label (the name printed left of it — a 收支 table's spending side has its own beside
the income's; the n-th row of a name is the n-th) and its column counted from the table's first column of figures. A
published figure counts as printed in place when the render's table has the same label (spaces, brackets' width,
list numbering and “其中：” aside) with the same string at the same number (“32,365.090089” is not “32,365.09”,
“0” is not “0.00”). Figures the render prints where the published table prints none are counted apart (“多出”).
A measurement: exit code 0 whatever it measures."""

from __future__ import annotations

import argparse
import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportgen.base.errors import ReportgenError
from reportgen.docmodel.document import Table as RenderedTable
from reportgen.importing.learned_layout import learn, write_layout
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition.recognize import Table as PublishedTable
from reportgen.readers.published import read_published
from reportgen.runners.render import document_for, prepare
from reportgen.shaping import layouts

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
DOCUMENTS = ("fresh1/zj-hangzhou-qixiang-2026-dept-budget.pdf", "fresh1/sd-yantai-minzhengju-2026-dept-budget.pdf",
             "fresh1/js-suzhou-yingji-2026-dept-budget.pdf", "fresh1/central-guojia-xinfangju-2026-dept-budget.pdf")
FIGURE = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)|其中[:：])")
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
    """A row's figures as (label, column counted from the table's first column of figures, figure): ``cells`` the
    row's texts by column. A figure's label is the last text printed left of it (a row's name; a 收支 table's
    spending side has its own beside the income's)."""
    found = []
    label = ""
    for index, raw in enumerate(cells):
        text = raw.strip()
        if not text or _DASHES.fullmatch(text):  # nothing printed, or a dash for none
            continue
        if _is_figure(text) and index >= first:
            if label:
                found.append((label, index - first, text.replace(" ", "")))
        elif not _CODE.fullmatch(text):  # a code printed in a column of its own is not the row's name
            label = _label([text])
    return found


def _table_figures(rows: list[list[str]]) -> dict[Key, str]:
    """Each figure by (label, how many rows before printed that label, column): the n-th 行政运行 is the n-th."""
    figure_rows = [cells for cells in rows if not _column_numbers(cells)]
    first = _first_column(figure_rows)
    found: dict[Key, str] = {}
    seen: dict[tuple[str, int], int] = {}
    for cells in figure_rows:
        for label, column, text in _segments(cells, first):
            times = seen.get((label, column), 0)
            seen[(label, column)] = times + 1
            found[(label, times, column)] = text
    return found


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
    """Whether the row is a column-number row (栏次 1 2 3 …), by what it is: its figures 1, 2, 3 … in turn."""
    figures = [text.strip() for text in cells if _is_figure(text.strip())]
    return len(figures) >= 3 and figures == [str(n) for n in range(1, len(figures) + 1)]


def published_rows(table: PublishedTable) -> list[list[str]]:
    grid = table.grid
    return [[cell.text or ("" if cell.value is None else str(cell.value)) for cell in row]
            for row in grid.rows[table.body_start:]]


def rendered_rows(table: RenderedTable) -> list[list[str]]:
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


def measure(tables: dict[str, PublishedTable], document: object) -> Measure:
    shown = {b.id.split("-")[0]: b for b in getattr(document, "blocks", []) if isinstance(b, RenderedTable)}
    total = Measure()
    for kind, table in tables.items():
        published = _table_figures(published_rows(table))
        rendered = shown.get(kind)
        total.add(compare(published, _table_figures(rendered_rows(rendered)) if rendered else {}))
    return total


def run(paths: list[Path]) -> tuple[str, str, Measure, Measure] | None:
    path = paths[0]
    result = import_files(paths, None)
    lines = [line for one in paths for line in read_published(one).lines]
    learned = learn(result, lines, f"{path.stem}-学到的")
    prepared = prepare(result.source.named(path.with_suffix(".yaml")), draft=True)
    if prepared.budget is None:
        print(f"{path.name}：导入的源文件不能生成（{prepared.findings[0].message if prepared.findings else ''}）")
        return None
    tables = dict(result.imported.tables)
    for unsure in result.imported.unsure:  # printed, not read for sure: their figures count, unread
        tables.setdefault(unsure.kind.id, unsure)
    before_name = layouts.regional(result.imported.department) or layouts.DEFAULT
    before = measure(tables, document_for(prepared, draft=True, layout=before_name))
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "学到的"
        write_layout(folder, learned)
        after = measure(tables, document_for(prepared, draft=True, layout=folder))
    return result.imported.department, before_name, before, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("documents", nargs="*", type=Path, help="PDF（一份公开文本的几个文件用 + 连起来：情况说明+报表）")
    args = parser.parse_args()
    documents = [[Path(part) for part in str(d).split("+")] for d in args.documents] or [[CORPUS / d] for d in DOCUMENTS]
    before_all, after_all = Measure(), Measure()
    for paths in documents:
        try:
            measured = run(paths)
        except ReportgenError as exc:
            print(f"{paths[0].name}：{exc.message}")
            continue
        if measured is None:
            continue
        department, before_name, before, after = measured
        print(f"{department}  {before_name}：{before.line()}")
        print(f"{department}  学到的：{after.line()}")
        before_all.add(before)
        after_all.add(after)
    print(f"合计  之前：{before_all.line()}")
    print(f"合计  学到的：{after_all.line()}")


if __name__ == "__main__":
    main()
