"""The structure a published document prints against the render's, before and after learning its layout (issue 80,
part 1): `python -m bench.learned_layout [PDF …]`.

For each document: import it; render the source in the layout an officer of its province would take (the shipped
layout its department's name names, else 默认: “before”) and in the layout learned from the document itself
(`import --learn-layout`: “after”); and compare with the published document —

- tables: the numbered tables it prints (the lines that open with a number in the learned 表号 pattern, with the
  title on the same line or the next), against the render's tables: the count of each, how many of the published
  tables the render prints with the same number and title (spaces aside), and how many in the published order;
- tables printed without a number (福州, 泉州, 长沙, 长春, 上海: a title, then the table's 单位 line), against the
  render's tables that print none: the count of each and how many of the published titles the render prints in the
  published order (longest common subsequence; spaces aside);
- headings: its numbered headings in order (text_parts.printed_headings: numbering and words) against the render's
  (Heading.full_text), how many in the same order (longest common subsequence);
- the tables printed without a number in their place: how many the render prints under the heading the document
  prints last before them (its words; the n-th of a title against the n-th rendered) — a form printed in the text
  under 七、预算绩效管理情况说明 is not in its place at the end of the tables.

Prints one line per document and layout, and a Markdown table with --markdown."""

from __future__ import annotations

import argparse
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reportgen.base.errors import ReportgenError
from reportgen.docmodel.document import Heading, Table
from reportgen.importing.learning.learned_layout import learn, write_layout
from reportgen.importing.learning.published_sentences import printed_files
from reportgen.importing.learning.tables.learned_table_display import printed_places
from reportgen.importing.learning.tables.learned_table_numbers import numbered_titles
from reportgen.importing.pipeline import import_files
from reportgen.importing.printed_tables import NUMBER
from reportgen.importing.text.text_parts import printed_headings
from reportgen.readers.published import read_published
from reportgen.readers.text.lines import Line
from reportgen.runners.render import document_for, prepare
from reportgen.shaping import layouts

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
DOCUMENTS = ("fresh1/zj-hangzhou-qixiang-2026-dept-budget.pdf", "fresh1/sd-yantai-minzhengju-2026-dept-budget.pdf",
             "fresh1/js-suzhou-yingji-2026-dept-budget.pdf", "fresh1/central-guojia-xinfangju-2026-dept-budget.pdf")
_HEADING_LABELS = {"part": "第{}部分", "cn": "{}、", "pc": "（{}）"}  # pa: （1）, ar: 1. as printed


@dataclass
class Measure:
    published_tables: int
    render_tables: int
    same_tables: int  # the render prints it with the same number and title
    in_order: int  # of those, in the published order
    published_headings: int
    render_headings: int
    same_headings: int  # in the same order
    tables_read: int = 0  # the tables whose amounts the import read, all printed with as many decimals
    same_places: int = 0  # of those, rendered with the same decimals
    published_unnumbered: int = 0  # the tables printed without a number
    render_unnumbered: int = 0
    same_unnumbered: int = 0  # the render prints their titles in the same order
    placed_unnumbered: int = 0  # the render prints them under the heading printed last before them

    def unnumbered(self) -> str:
        return (f"无表号的表 印出 {self.published_unnumbered}、生成 {self.render_unnumbered}、"
                f"表名相同且次序相同 {self.same_unnumbered}、在同一标题下 {self.placed_unnumbered}")

    def line(self) -> str:
        return (f"表 印出 {self.published_tables}、生成 {self.render_tables}、表号与表名相同 {self.same_tables}"
                f"（次序相同 {self.in_order}）；标题 印出 {self.published_headings}、生成 {self.render_headings}、"
                f"相同且次序相同 {self.same_headings}；小数位相同的表 {self.same_places}/{self.tables_read}；{self.unnumbered()}")


def _plain(text: str) -> str:
    return "".join(text.split()).replace("(", "（").replace(")", "）")


def published_tables(lines: list[Line], pattern: str) -> list[tuple[str, str]]:
    """(number, title) of each numbered table the document prints, in order (learned_table_numbers.numbered_titles)."""
    return [(numbered.label, _plain(title)) for numbered, title in numbered_titles(lines, pattern)]


_TITLE = re.compile(r"表(?:（[^（）]{1,20}）)?$")  # a table's title ends in 表, perhaps with a note in brackets
_UNIT = re.compile(r"单位[：:]")  # the line under a table's title: 单位：万元, 编制单位：…单位：元, 部门（单位）：…


_YEAR = re.compile(r"^[（(]\d{4}年度[）)]$")  # the line under a form's title: （2026年度）
# a heading printed before a form's title on its line (烟台's “（三）部门预算项目绩效目标表 政策和项目预算绩效目标表”)
_HEADING_BEFORE = re.compile(r"^\s*[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]\S+\s+(?=\S)")


def unnumbered_tables(lines: list[Line], numbered: list[tuple[str, str]]) -> list[str]:
    """The titles of the tables the document prints without a number, in order, spaces aside: a line ending as a
    title ends that opens with no number, is no numbered table's title, and is followed by its table's
    单位 line (a page's number aside), or a form's by its year line (（2026年度）: 烟台's 政策和项目预算绩效目标表,
    国家信访局's projects' 绩效目标表, 泉州's 部门整体支出绩效目标表; a heading printed before it on its line aside); a
    title printed again over the table's next page counted once."""
    return [title for title, _ in unnumbered_places(lines, numbered)]


def unnumbered_places(lines: list[Line], numbered: list[tuple[str, str]]) -> list[tuple[str, Line]]:
    """The titles of unnumbered_tables, each with the line it is printed on."""
    titles, found = {title for _, title in numbered}, []
    for index, line in enumerate(lines):
        below = next((t for t in map(_plain, (ln.text for ln in lines[index + 1:index + 4])) if t and not t.isdigit()), "")
        text = _plain(_HEADING_BEFORE.sub("", line.text) if _YEAR.match(below) else line.text)
        if len(text) > 60 or not _TITLE.search(text) or NUMBER.match(text) or text in titles:
            continue
        if (_UNIT.search(below) or _YEAR.match(below)) and [t for t, _ in found[-1:]] != [text]:
            found.append((text, line))
    return found


def headed_unnumbered(lines: list[Line], numbered: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each table printed without a number (unnumbered_tables), with the words of the numbered heading printed last
    before it (text_parts.printed_headings, as the headings are measured: "" for none), file by file."""
    found = []
    for part in printed_files(lines):
        headings = [(_where(h.where), _plain(h.words)) for h in printed_headings(part)]
        for title, line in unnumbered_places(part, numbered):
            at = (line.page, line.line or line.number)
            found.append((title, next((words for where, words in reversed(headings) if where < at), "")))
    return found


def _where(place: str) -> tuple[int, int]:
    found = re.search(r"第(\d+)页\s*第(\d+)行", place)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def _rendered_headed(blocks: list[object]) -> list[tuple[str, str]]:
    """Each table the render prints without a number, with the words of the heading printed last before it."""
    found, last = [], ""
    for block in blocks:
        if isinstance(block, Heading):
            last = _plain(block.text)
        elif isinstance(block, Table) and not block.number:
            found.append((_plain(block.title), last))
    return found


def _same_place(printed: list[tuple[str, str]], rendered: list[tuple[str, str]]) -> int:
    """How many of the ``printed`` tables (title, the heading last before it) the render prints under the same
    heading: the n-th of a title printed against the n-th of it rendered."""
    seen: dict[str, int] = {}
    count = 0
    for title, heading in printed:
        seen[title] = seen.get(title, 0) + 1
        ours = [h for t, h in rendered if t == title]
        count += len(ours) >= seen[title] and ours[seen[title] - 1] == heading
    return count


def published_headings(lines: list[Line]) -> list[str]:
    """The numbered headings the document prints, file by file where it is several (北京's 情况说明 and 报表: read
    together, the second's pages are taken for the first's, published_sentences.printed_files)."""
    out = []
    for heading in (one for part in printed_files(lines) for one in printed_headings(part)):
        label = f"{heading.number}{heading.mark}" if heading.style == "ar" else f"（{heading.number}）" \
            if heading.style == "pa" else _HEADING_LABELS[heading.style].format(_chinese(heading.number))
        out.append(_plain(label + heading.words))
    return out


def _chinese(number: int) -> str:
    from reportgen.compute.phrasing import chinese_number

    return chinese_number(number)


def _common(a: list[object], b: list[object]) -> int:
    """The length of the longest common subsequence of ``a`` and ``b``."""
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def _rendered_places(table: Table) -> set[int]:
    found = set()
    for row in table.body:
        for cell in row.cells:
            text = cell.text.replace(",", "")
            if getattr(cell, "align", "") == "right" and re.fullmatch(r"-?\d+(?:\.\d+)?", text):
                found.add(len(text.split(".")[1]) if "." in text else 0)
    return found


def measure(tables: list[tuple[str, str]], headings: list[str], document: object,
            places: dict[str, int] | None = None, unnumbered: list[tuple[str, str]] | None = None) -> Measure:
    """``places``: the decimals each table the import read prints all its amounts with, by its kind; ``unnumbered``:
    the titles of the tables printed without a number, each with the heading printed last before it."""
    blocks = getattr(document, "blocks", [])
    shown = {b.id.split("-")[0]: _rendered_places(b) for b in blocks if isinstance(b, Table)}
    read = places or {}
    rendered = [(_plain(b.number), _plain(b.title)) for b in blocks if isinstance(b, Table) and b.number]
    titles = [_plain(b.full_text) for b in blocks if isinstance(b, Heading)]
    plain = [_plain(b.title) for b in blocks if isinstance(b, Table) and not b.number]
    same = [t for t in tables if t in rendered]
    printed = [title for title, _ in unnumbered or []]
    return Measure(len(tables), len(rendered), len(same), _common(list(tables), list(rendered)),
                   len(headings), len(titles), _common(list(headings), list(titles)),
                   len(read), sum(1 for kind, n in read.items() if shown.get(kind) == {n}),
                   len(printed), len(plain), _common(list(printed), list(plain)),
                   _same_place(unnumbered or [], _rendered_headed(blocks)))


def run(paths: list[Path]) -> tuple[str, str, Measure, Measure] | None:
    """The document's measures before and after (its files: a narrative and its tables may be two); None where its
    import gives no source that renders (told)."""
    path = paths[0]
    result = import_files(paths, None)
    lines = [line for one in paths for line in read_published(one).lines]
    learned = learn(result, lines, f"{path.stem}-学到的")
    pattern = str(learned.settings.get("表号", ""))
    tables, headings = published_tables(lines, pattern), published_headings(lines)
    unnumbered = headed_unnumbered(lines, tables)
    prepared = prepare(result.source.named(path.with_suffix(".yaml")), draft=True)
    if prepared.budget is None:
        print(f"{path.name}：导入的源文件不能生成（{prepared.findings[0].message if prepared.findings else ''}）")
        return None
    before_name = layouts.regional(result.imported.department) or layouts.DEFAULT
    places = {kind: found.pop() for kind in result.imported.tables
              if len(found := printed_places(result.imported.rows.get(kind, []))) == 1}
    before = measure(tables, headings, document_for(prepared, draft=True, layout=before_name), places, unnumbered)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "学到的"
        write_layout(folder, learned)
        after = measure(tables, headings, document_for(prepared, draft=True, layout=folder), places, unnumbered)
    return result.imported.department, before_name, before, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("documents", nargs="*", type=Path, help="PDF（一份公开文本的几个文件用 + 连起来：情况说明+报表）")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    documents = [[Path(part) for part in str(d).split("+")] for d in args.documents] or [[CORPUS / d] for d in DOCUMENTS]
    rows = []
    for paths in documents:
        path = paths[0]
        try:
            measured = run(paths)
        except ReportgenError as exc:
            print(f"{path.name}：{exc.message}")
            continue
        if measured is None:
            continue
        department, before_name, before, after = measured
        print(f"{department}  {before_name}：{before.line()}")
        print(f"{department}  学到的：{after.line()}")
        rows.append((department, before_name, before, after))
    if args.markdown:
        print("| 文件 | 版式 | 印出的表 | 生成的表 | 表号与表名相同（次序相同） | 印出的标题 | 相同且次序相同 "
              "| 无表号的表 印出 | 生成 | 表名相同且次序相同 | 在同一标题下 |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for department, before_name, before, after in rows:
            for name, m in ((before_name, before), ("学到的", after)):
                print(f"| {department} | {name} | {m.published_tables} | {m.render_tables} | {m.same_tables}（{m.in_order}） "
                      f"| {m.published_headings} | {m.same_headings} | {m.published_unnumbered} | {m.render_unnumbered} "
                      f"| {m.same_unnumbered} | {m.placed_unnumbered} |")


if __name__ == "__main__":
    main()
