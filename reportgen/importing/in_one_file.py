"""Several disclosures printed one after another in one PDF: a department's budget followed by its units'
budgets, or several units' one after another (a region publishes one PDF per 部门 with every 单位's 预算公开
appended, each with its own cover, 目录, text and tables).

Each disclosure after the first is found by its own beginning, all of these at once (never one of them
alone, so that no single disclosure is ever split):

* a cover: a page whose first lines state a year's 预算 or 决算 and the owner it is of (identity.cover_of),
  and which prints no amount (a table's page titled “2026年部门收支预算总表” with its 编制单位 is no cover: the
  深圳 and 广州 documents print the department's page of a table then each unit's page of it);
* a new 目录 on that page or within the next two;
* an owner that is not the one of the disclosure before it (identity.same_owner): a 说明 and its 报表 given as
  one PDF, or a title page of a part of one document (“第二部分 2026年部门预算表”), are one owner's.

A file with no such beginning is one disclosure (``disclosures_in`` gives one span, the whole file)."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.base.patterns import regex
from reportgen.importing.recognition.identity import Cover, cover_of, same_owner
from reportgen.readers.published import Published, within
from reportgen.readers.text.lines import Line

_CONTENTS = ("目录", "目次")
_CONTENTS_WITHIN = 2  # a cover's 目录 is on it, or on one of the two pages after it (a blank page, a 说明 page)
# an amount printed (“40,870”, “67.59”): a cover prints none, a table's page many
_AMOUNT = regex(r"\d\.\d|\d,\d{3}")


@dataclass(frozen=True)
class Span:
    """One disclosure of a file: its pages (first and last, as the file numbers them) and its cover."""

    first: int
    last: int
    cover: Cover | None

    @property
    def named(self) -> str:
        """“第22–41页：上海市刑事科学技术研究院 2026年单位预算”."""
        cover = self.cover
        what = f"{cover.department} {cover.year}年{cover.kind}{cover.accounts}" if cover is not None else "未写明的公开文本"
        return f"第{self.first}–{self.last}页：{what}"


def disclosures_in(lines: list[Line]) -> list[Span]:
    """The disclosures a PDF's printed lines hold, in order; one span (the whole file) where it holds one."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    numbers = sorted(page for page in pages if page > 0)
    if not numbers:
        return []
    starts = _starts(numbers, pages)
    ends = [first - 1 for first, _ in starts[1:]] + [numbers[-1]]
    return [Span(first, last, cover) for (first, cover), last in zip(starts, ends, strict=True)]


def _starts(numbers: list[int], pages: dict[int, list[Line]]) -> list[tuple[int, Cover | None]]:
    """Where each disclosure starts, with its cover: the first page, and each page after it that is the cover of
    another owner than the disclosure before's."""
    starts = [(numbers[0], cover_of(pages[numbers[0]]))]
    for page in numbers[1:]:
        cover = _cover(page, pages)
        owner = starts[-1][1]
        if cover is not None and owner is not None and owner.department \
                and not same_owner(owner.department, cover.department):
            starts.append((page, cover))
    return starts


def _cover(page: int, pages: dict[int, list[Line]]) -> Cover | None:
    """The cover the page is, with its owner named and a 目录 on it or just after it; None where it is none."""
    lines = pages[page]
    cover = cover_of(lines)
    if cover is None or len(cover.department) < 2 or any(_AMOUNT.search(line.text) for line in lines):
        return None
    after = [line for number in range(page, page + _CONTENTS_WITHIN + 1) for line in pages.get(number, [])]
    return cover if any("".join(line.text.split()) in _CONTENTS for line in after) else None


def each_disclosure(published: Published) -> list[tuple[Span, Published]]:
    """Each disclosure a PDF holds with the file read on its pages alone (``within``), in order; [] where the file
    is one disclosure, or no PDF."""
    spans = disclosures_in(published.lines) if published.kind == "pdf" else []
    return [(span, within(published, span.first, span.last)) for span in spans] if len(spans) > 1 else []


def first_disclosure(published: Published) -> tuple[Published, str]:
    """A file to import as its first disclosure (the department's, where its units' follow) and what to tell
    of the others, not written ("" where the file is one disclosure, or no PDF)."""
    spans = disclosures_in(published.lines) if published.kind == "pdf" else []
    if len(spans) < 2:
        return published, ""
    first, others = spans[0], spans[1:]
    return within(published, first.first, first.last), (
        f"{published.path} 中印有 {len(spans)} 份公开文本（各有自己的封面与目录）：源文件只写第一份（{first.named}）；"
        f"其余 {len(others)} 份没有写入——{'；'.join(span.named for span in others)}。"
        "单独导入这个文件时，-o 给一个文件夹，每份写成一个源文件；review 逐份审核")
