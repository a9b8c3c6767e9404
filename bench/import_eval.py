"""`reportgen import` measured on whole real documents: `python -m bench.import_eval [--national]`.

Every document of the corpus (bench/corpus/corpus.yaml, imported with --layout 上海 as a Shanghai user
imports them; with `--national` the other regions' documents of bench/corpus/national/corpus-*.yaml, with
no --layout, a disclosure published as several files imported as the files given together) is imported as
`reportgen import` does (importing.pipeline.import_files), and what came of it is told:

* the outcome: written, refused (with the message a user reads) or 内部错误 (any other exception);
* of a source written: the import's reconciliation differences ([导入-不一致]: each is an error of the
  command), and `check` on the source as written (render.prepared_findings: errors and warnings, by rule;
  待填写 — what the files did not give and a person must write — counted apart);
* whether the source renders back in the 默认 layout (no check error, no part the document needs missing);
* of each budget table the import recognised: the figures printed in its body (every cell of an amount
  outside its label columns — 类/款/项, 编码, 名称 — and its rows numbering the columns (栏次 1 2 3 …, no
  figures), from its first body row on, a cell of several amounts run together counted as each) against
  those read onto its rows: each either a field of the source (counted apart) or a 合计 or part the
  import compared (the source computes it from its parts); a table not read for sure (sure.py) has all
  its printed figures unread. Per table kind and in all. Beside it, the decimal amounts printed on the
  PDF lines of the table's body region (each page's lines from the body's first row on it to its last)
  that the table's grid does not hold: what the table reader left out.
  Grids recognised as no budget table (绩效目标表, 项目明细, a table not recognised) are listed apart,
  with their amounts: they are not in the figure; so are the tables that print the department's figures
  again by its units (importing/by_unit.py: 广州's 表11 and 表12), recognised, set aside and checked on their own.

`--corpus DIR` measures another folder of that form (bench/corpus/jiangsu), skipping documents whose files are absent.
A measurement, not a test: the exit code is 0 whatever it measures. `--json FILE` writes each document's
measurement; `--only ID…` measures those documents.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.review_eval import CORPUS, NATIONAL, _entries  # noqa: E402

# an amount as a table prints one with decimals or grouped thousands (what a code, a year or 栏次 never is)
_DECIMAL = re.compile(r"(?<![\d.,])-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d.,])")
_PLACE = re.compile(r"第(\d+)页 第(\d+)行")
PLACEHOLDER = ("待填写", "金额待填写")


@dataclass
class TableCount:
    kind: str
    where: str
    printed: int = 0
    read: int = 0  # read onto a row of the table: a field of the source, or a 合计 or part compared
    fields: int = 0  # of them, those that became a field of the source
    sure: bool = True
    off_grid: int = 0  # decimal amounts on the body's page lines the grid does not hold


@dataclass
class Outcome:
    id: str
    region: str
    files: list[str]
    outcome: str = ""  # written / refused / 内部错误
    message: str = ""
    seconds: float = 0.0
    differences: list[str] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)  # check errors by rule (待填写 apart)
    warnings: dict[str, int] = field(default_factory=dict)
    to_fill: int = 0
    renders: str = ""  # yes / why not
    tables: list[TableCount] = field(default_factory=list)
    other_grids: list[str] = field(default_factory=list)  # grids that are no budget table, with their amounts
    other_amounts: int = 0
    # tables of the department's units, recognised and set aside (importing/by_unit.py), with their amounts
    aside_grids: list[str] = field(default_factory=list)
    aside_amounts: int = 0

    @property
    def printed(self) -> int:
        return sum(t.printed for t in self.tables)

    @property
    def read(self) -> int:
        return sum(t.read for t in self.tables)


def _amount_words(cell: Any) -> int:
    from reportgen.importing.recognition.recognize import cell_text, is_amount
    from reportgen.reading.amounts import printed_amount

    if is_amount(cell):
        return 1
    words = cell_text(cell).split()
    return len(words) if len(words) > 1 and all(printed_amount(w) is not None for w in words) else 0


def table_count(imported: Any, table: Any, sure: bool, lines: dict[tuple[int, int], str]) -> TableCount:
    """The figures ``table`` prints in its body, and how many of them gave a field of the source."""
    from reportgen.importing.recognition.recognize import cell_text, numbers_columns
    from reportgen.importing.recognition.rows import LABEL_MEANINGS
    from reportgen.importing.recognition.unread import compared_cells

    compared = compared_cells(imported) if sure else set()
    count = TableCount(table.kind.id, table.grid.shown, sure=sure)
    decimals_in_grid = 0
    for r in range(table.body_start, len(table.grid.rows)):
        numbering = numbers_columns(table.grid.rows[r])  # 栏次 1 2 3 …: no figures
        for c, cell in enumerate(table.grid.rows[r]):
            decimals_in_grid += len(_DECIMAL.findall(cell_text(cell)))
            if numbering or table.columns.get(c) in LABEL_MEANINGS:
                continue
            words = _amount_words(cell)
            if not words:
                continue
            count.printed += words
            key = (table.kind.id, r, c)
            if sure and (key in imported.used or key in compared):
                count.read += words
                count.fields += words if key in imported.used else 0
    count.off_grid = max(0, _decimals_on_lines(table, lines) - decimals_in_grid)
    return count


def _decimals_on_lines(table: Any, lines: dict[tuple[int, int], str]) -> int:
    """The decimal amounts printed on the page lines of the table's body region."""
    places = table.grid.row_places
    if not places or not lines:
        return 0
    spans: dict[int, list[int]] = {}
    for place in places[table.body_start:]:
        found = _PLACE.match(place)
        if found:
            spans.setdefault(int(found[1]), []).append(int(found[2]))
    return sum(len(_DECIMAL.findall(text)) for (page, line), text in lines.items()
               if page in spans and min(spans[page]) <= line <= max(spans[page]))


def _row_keys(grid: Any) -> list[tuple[str, ...]]:
    """Each row of ``grid`` by where it was printed (a PDF's 第3页 第7行, a sheet's name and row): the same for a table's
    rows as for the file's grid they were cut from."""
    if grid.row_places is not None:
        return [(grid.file, place) for place in grid.row_places]
    return [(grid.file, grid.name, str(grid.row_offset + row)) for row in range(len(grid.rows))]


def _grid_title(grid: Any) -> str:
    from reportgen.importing.recognition.recognize import cell_text

    for row in grid.rows[:3]:
        text = "".join("".join(cell_text(c).split()) for c in row)
        if text:
            return text[:30]
    return ""


def measure(entry: dict[str, Any], layout: str | None) -> Outcome:
    from reportgen.base.errors import ReportgenError
    from reportgen.importing.pipeline import import_files
    from reportgen.readers.published import read_published

    files = [ROOT / str(f) for f in (entry.get("files") or [entry["file"]])]
    out = Outcome(str(entry["id"]), str(entry.get("region", "")), [f.name for f in files])
    start = time.perf_counter()
    try:
        opened = {path: read_published(path) for path in files}
        result = import_files(files, layout, read=opened)
    except ReportgenError as exc:
        out.outcome, out.message = "refused", _short(str(getattr(exc, "message", exc)))
    except Exception as exc:  # what the user would see as 内部错误
        out.outcome, out.message = "内部错误", f"{type(exc).__name__}: {exc}"
        traceback.print_exc(file=sys.stderr)
    else:
        out.outcome = "written"
        _written(out, result, opened)
    out.seconds = time.perf_counter() - start
    return out


def _written(out: Outcome, result: Any, opened: dict[Path, Any]) -> None:
    from reportgen.base.errors import ReportgenError
    from reportgen.runners.render import document_for, missing_findings, prepare, prepared_findings

    out.differences = list(result.differences)
    lines = {(line.page, line.line): line.text for one in opened.values() if one.kind == "pdf"
             for line in one.lines}
    imported = result.imported
    out.tables = [table_count(imported, t, True, lines) for t in imported.tables.values()]
    out.tables += [table_count(imported, t, False, lines) for t in imported.unsure]
    # by the places of their rows: recognising takes a grid apart on a copy of its own (a table's grid is never the file's)
    recognised = {key for t in [*imported.tables.values(), *imported.unsure] for key in _row_keys(t.grid)}
    aside = {table.where for table in result.set_aside}
    for one in opened.values():
        try:
            grids = one.grids
        except ReportgenError as exc:  # a scanned file: no grid at all
            out.other_grids.append(f"{one.path.name}: {exc}")
            continue
        for grid in grids:
            amounts = sum(_amount_words(cell) for key, row in zip(_row_keys(grid), grid.rows, strict=False)
                          if key not in recognised for cell in row)
            if amounts and grid.shown in aside:
                out.aside_amounts += amounts
                out.aside_grids.append(f"{grid.shown} “{_grid_title(grid)}” {amounts}")
            elif amounts:
                out.other_amounts += amounts
                out.other_grids.append(f"{grid.shown} “{_grid_title(grid)}” {amounts}")
    with tempfile.TemporaryDirectory() as folder:
        prepared = prepare(result.source.named(Path(folder) / f"{out.id}.yaml"))
        findings = prepared_findings(prepared)
        errors = [f for f in findings if f.severity == "error"]
        out.to_fill = sum(1 for f in errors if f.rule in PLACEHOLDER)
        out.errors = dict(Counter(f.rule for f in errors if f.rule not in PLACEHOLDER))
        out.warnings = dict(Counter(f.rule for f in findings if f.severity == "warning"))
        if prepared.budget is None or prepared.errors:
            out.renders = f"no: {len(prepared.errors)} check errors"
            return
        try:
            document = document_for(prepared, layout="默认")
        except Exception as exc:  # noqa: BLE001 - measured, told
            out.renders = f"no: {type(exc).__name__}: {exc}"[:120]
            return
        missing = missing_findings(prepared.budget, document)
        out.renders = "yes" if not missing else f"no: {len(missing)} parts missing ({missing[0].message[:60]})"


def _short(message: str) -> str:
    """A message with each file's path cut to its name."""
    return re.sub(r"/[^\s、：，；（）]*/", "", message)


def _percent(read: int, printed: int) -> str:
    return f"{read / printed:.1%}" if printed else "—"


def summary(results: list[Outcome], name: str) -> list[str]:
    written = [r for r in results if r.outcome == "written"]
    printed = sum(r.printed for r in results)
    read = sum(r.read for r in results)
    errors = sum(sum(r.errors.values()) for r in written)
    differences = sum(len(r.differences) for r in written)
    lines = [f"### {name}: {len(results)}", "",
             f"- written {len(written)}, refused {sum(r.outcome == 'refused' for r in results)}, "
             f"内部错误 {sum(r.outcome == '内部错误' for r in results)}",
             f"- of the written: import differences [导入-不一致] {differences}; check errors {errors} "
             f"(待填写 apart: {sum(r.to_fill for r in written)}); render in 默认: "
             f"{sum(r.renders == 'yes' for r in written)} of {len(written)}",
             f"- budget-table figures read onto rows: {read} of {printed} printed ({_percent(read, printed)}); "
             f"decimal amounts on the tables' page lines not in their grids: {sum(t.off_grid for r in results for t in r.tables)}; "
             f"amounts in grids recognised as no budget table: {sum(r.other_amounts for r in results)}; "
             f"in tables of the department's units, set aside and checked on their own: "
             f"{sum(r.aside_amounts for r in results)}", ""]
    by_kind: dict[str, list[int]] = {}
    for t in (t for r in results for t in r.tables):
        got = by_kind.setdefault(t.kind, [0, 0, 0, 0, 0])
        got[0] += 1
        got[1] += t.printed
        got[2] += t.read
        got[3] += 0 if t.sure else 1
        got[4] += t.fields
    lines += ["| table kind | tables | not read for sure | printed | read onto rows | of them fields | % read |",
              "|---|---|---|---|---|---|---|"]
    lines += [f"| {kind} | {n} | {unsure} | {p} | {r} | {f} | {_percent(r, p)} |"
              for kind, (n, p, r, unsure, f) in sorted(by_kind.items())]
    lines += ["", "| document | outcome | differences | check errors (rule × n) | 待填写 | 默认 | tables read | figures read |",
              "|---|---|---|---|---|---|---|---|"]
    for r in results:
        rules = ", ".join(f"{k}×{v}" for k, v in sorted(r.errors.items())) or "0"
        outcome = r.outcome if r.outcome == "written" else f"{r.outcome} (below)"
        lines.append(f"| {r.id} | {outcome} | {len(r.differences)} | {rules} | {r.to_fill} | {r.renders[:50]} | "
                     f"{sum(t.sure for t in r.tables)}/{len(r.tables)} | {r.read}/{r.printed} ({_percent(r.read, r.printed)}) |")
    told = [f"- {r.id}: {r.outcome}: {r.message}" for r in results if r.outcome != "written"]
    return lines + ([""] + told if told else []) + [""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--national", action="store_true", help="the other regions' documents, per region, no --layout")
    parser.add_argument("--only", nargs="*", help="ids to measure (default: the whole corpus)")
    parser.add_argument("--json", type=Path, help="write each document's measurement here")
    parser.add_argument("--corpus", type=Path, metavar="DIR",
                        help="another corpus folder measured as --national is (bench/corpus/jiangsu: held-out region)")
    args = parser.parse_args(argv)
    args.national = args.national or args.corpus is not None
    corpus = args.corpus.resolve() if args.corpus else NATIONAL if args.national else CORPUS
    layout = None if args.national else "上海"
    entries = [e for e in _entries(corpus) if (not args.only or e["id"] in args.only)
               and all((ROOT / str(f)).exists() for f in (e.get("files") or [e["file"]]))]
    results = [measure(entry, layout) for entry in entries]
    body = summary(results, "all documents")
    if args.national:
        for region in sorted({r.region for r in results}):
            body += summary([r for r in results if r.region == region], region or "（未注地区）")
    print("\n".join(["## import on whole documents (bench/import_eval.py)", "", *body]))
    if args.json:
        args.json.write_text(json.dumps([{**asdict(r), "printed": r.printed, "read": r.read} for r in results],
                                        ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
