"""Table titles and headers of other regions through import's recognition: `python -m bench.table_vocabulary [FILE…]`.

The titles and header columns that other provinces, cities and central ministries print (collected from their
published disclosures in bench/corpus/table-vocabulary-*.md: one markdown table row per table, its source named)
are each laid out as a grid — the title, a caption (单位：万元), the header rows, one row of figures — and fed to
``recognize`` as the PDF and workbook importers feed a page's table, with the default layout's catalog (what a
document of an unseen region is read by). Each row is reported as 对 (the kind it should be), 未认出 (not recognised,
where it should be), 认错 (recognised as another kind, or as a budget's table where it is none of them: “—”); and
its columns' meanings beside the meanings the file expects (where it gives them). A measurement, not a test.

Each file is a round (table-vocabulary-2026-11-26.md the first, table-vocabulary-roundN-….md the later ones, each
collected blind: its expectations written and committed before it was run) and is scored on its own, then all together.

Row format (cells of the markdown table, in order): 地区 | 来源 | 表名 | 表头 | 应认作 | 各列应认作
  表头: the columns left to right separated by “｜”, each column's words top to bottom separated by “／”
        (a word over several neighbouring columns is set as one merged cell); empty for a title seen in a 目录 only.
  应认作: a table kind's id (收支总表, 收入支出决算总表 …) or “—” for a table that is none of the catalog's.
  各列应认作: optional, the meaning of each column separated by “｜” (“—” for a column read as nothing).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.recognize import recognize
from reportgen.readers.grid import Cell, Grid, Merge

CORPUS = Path(__file__).parent / "corpus"
NONE = "—"
_COLUMNS = "｜"
_LEVELS = "／"


@dataclass
class Entry:
    region: str
    source: str
    title: str
    header: list[list[str]]  # each column's words, top to bottom
    expected: str
    expected_columns: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    entry: Entry
    kind: str  # the kind recognised, NONE for none
    columns: list[str]  # each column's meaning as read ("" for none)

    @property
    def verdict(self) -> str:
        if self.kind == self.entry.expected:
            return "对"
        return "未认出" if self.kind == NONE else "认错"

    @property
    def columns_wrong(self) -> list[str]:
        expected = self.entry.expected_columns
        if not expected or self.kind == NONE:
            return []
        return [f"{'／'.join(words)}：应为{want}，读作{got or NONE}"
                for words, want, got in zip(self.entry.header, expected, self.columns, strict=False)
                if (want if want != NONE else "") != got]


def entries(path: Path) -> list[Entry]:
    """The rows of the markdown table(s) in ``path`` headed 地区 that name a title (the header and separator rows
    aside; another table of the file, its score, is none of them)."""
    found = []
    listing = False
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
        listing = bool(cells) and (listing or cells[0] == "地区")
        if not listing or len(cells) < 5 or cells[0] in ("地区", "") or set(cells[0]) <= set("-: "):
            continue
        header = [[word.strip() for word in column.split(_LEVELS)] for column in cells[3].split(_COLUMNS)] \
            if cells[3] else []
        expected_columns = [word.strip() for word in cells[5].split(_COLUMNS)] if len(cells) > 5 and cells[5] else []
        found.append(Entry(cells[0], cells[1], cells[2], header, cells[4], expected_columns))
    return found


def grid_of(entry: Entry) -> Grid:
    """The table as a page's grid: title, caption, the header's rows (a word over neighbouring columns merged
    across them, a column of fewer words merged down), a row of figures."""
    width = max(len(entry.header), 2)
    depth = max((len(words) for words in entry.header), default=0)
    rows: list[list[Cell]] = [[Cell(entry.title)] + [Cell(None)] * (width - 1),
                              [Cell(None)] * (width - 1) + [Cell("单位：万元")]]
    header = [[Cell(None)] * width for _ in range(depth)]
    merges: list[Merge] = []
    for col, words in enumerate(entry.header):
        for level, word in enumerate(words):
            last = level == len(words) - 1
            if col > 0 and level < len(entry.header[col - 1]) - 1 and entry.header[col - 1][:level + 1] == words[:level + 1] \
                    and not last:
                continue  # the word is the neighbour's on its left, already set over both
            header[level][col] = Cell(word)
            span = col
            while span + 1 < len(entry.header) and not last and entry.header[span + 1][:level + 1] == words[:level + 1]:
                span += 1
            bottom = depth - 1 if last else level
            if span > col or bottom > level:
                merges.append(Merge(2 + level, col, 2 + bottom, span))
    body = [Cell("201")] + [Cell("1.00")] * (width - 1)
    return Grid("vocabulary", entry.title, [*rows, *header, body], merges=merges, kind="pdf")


def outcome(entry: Entry, catalog: catalogs.Catalog) -> Outcome:
    tables, _ = recognize([grid_of(entry)], catalog)
    if not tables:
        return Outcome(entry, NONE, [])
    table = tables[0]
    return Outcome(entry, table.kind.id, [table.columns.get(col, "") for col in range(len(entry.header))])


def report(outcomes: list[Outcome], title: str = "") -> str:
    lines = [f"== {title}"] if title else []
    for one in outcomes:
        entry = one.entry
        line = f"{one.verdict}\t{entry.region}\t{entry.title}\t→ {one.kind}（应为 {entry.expected}）"
        if one.columns and entry.header:
            unread = [_LEVELS.join(words) for words, got in zip(entry.header, one.columns, strict=False) if not got]
            line += f"\t列未认出：{'、'.join(unread) or '无'}"
        lines.append(line)
        lines += [f"\t列认错：{wrong}" for wrong in one.columns_wrong]
    lines.append(score(outcomes))
    return "\n".join(lines)


def score(outcomes: list[Outcome]) -> str:
    counts = {verdict: sum(1 for one in outcomes if one.verdict == verdict) for verdict in ("对", "未认出", "认错")}
    columns = sum(1 for one in outcomes if one.columns_wrong)
    return (f"共 {len(outcomes)} 张：对 {counts['对']}，未认出 {counts['未认出']}，认错 {counts['认错']}；"
            f"各列含义与所列不符的表 {columns} 张")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("files", nargs="*", type=Path, help="default: bench/corpus/table-vocabulary-*.md")
    parser.add_argument("--layout", default=None, help="the layout whose catalog reads them (default: the default's)")
    args = parser.parse_args(argv)
    files = args.files or rounds()
    catalog = catalogs.load(args.layout)
    every: list[Outcome] = []
    for path in files:  # each file a round, scored on its own (round 1's score stays as it was measured)
        outcomes = [outcome(entry, catalog) for entry in entries(path)]
        print(report(outcomes, path.name))
        every += outcomes
    if len(files) > 1:
        print(f"== 各轮合计\n{score(every)}")
    return 0


def rounds() -> list[Path]:
    """The rounds' files, in order: bench/corpus/table-vocabulary-*.md (round 1 the one without “round”)."""
    return sorted(CORPUS.glob("table-vocabulary-*.md"), key=lambda path: ("round" in path.name, path.name))


if __name__ == "__main__":
    sys.exit(main())
