"""Is a published document the approved one? The same bytes, or else the same words and figures: each file read as
`review` reads it (readers/published.py: its printed lines, a PDF's, a DOCX's, a text's), the two compared by the diff
core (reportgen/diff/: paragraphs aligned by similarity, figures kept whole), every difference told — the desk's check
of a published version (desk/web/published.py).

The two files' printed lines are put in one form before they are compared, so a PDF and the DOCX it was printed
from compare as the same text: a run of spaces made one, and a PDF's spaces beside a Chinese character (“2022 年”)
left out; a page's number, and a running head or foot (the first or last line of more than a third of the pages),
left out; the lines joined — a page's width and a paragraph's end alike — and cut into sentences after 。；！？
(a table's rows run on to the next sentence, their figures kept apart by a space). The figures each prints are
counted as well: a figure one prints and the other does not is told even where the text around it moved."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.base.patterns import regex
from reportgen.diff import DocumentDiff, diff_documents
from reportgen.docmodel.document import Document, Paragraph
from reportgen.readers.published import read_published
from reportgen.readers.text.lines import Line

_SPACES = regex(r"\s+")
_BESIDE_WIDE = regex(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ")  # a space beside a Chinese character or mark
_PAGE_NUMBER = regex(r"[-—－]? ?\d{1,4} ?[-—－]?|第\d+页(共\d+页)?|\d+/\d+")
_FIGURE = regex(r"\d[\d,]*(?:\.\d+)?%?")
_SENTENCE = regex(r"(?<=[。；！？])")
RUNNING_SHARE = 3  # a line printed on more than a third of the pages (at least 3): a running head or foot


def canonical(text: str) -> str:
    """A printed line as both formats print it: a run of spaces one, none beside a Chinese character."""
    return _BESIDE_WIDE.sub("", _SPACES.sub(" ", text).strip())


def pieces(lines: Sequence[Line]) -> list[str]:
    """The printed lines in one form (the module's doc): their text in turn, a page's number and its running head
    or foot left out, lines joined (with a space between two figures or letters, else none), cut after each
    sentence."""
    texts = [(text, line.page) for line in lines if (text := canonical(line.text)) and not _PAGE_NUMBER.fullmatch(text)]
    stream = _joined([text for text, _ in texts], _running(texts))
    return [piece for piece in _SENTENCE.split(stream) if piece]


def _joined(texts: list[str], running: set[str]) -> str:
    """The texts joined in turn, the ``running`` heads and feet left out: a space between two figures or letters,
    else none."""
    stream = ""
    for text in texts:
        if text in running:
            continue
        spaced = stream[-1:].isascii() and stream[-1:].isalnum() and text[:1].isascii() and text[:1].isalnum()
        stream += (" " if spaced else "") + text
    return stream


def _running(texts: list[tuple[str, int]]) -> set[str]:
    """The running heads and feet: a text first or last on its page on more than a third of the pages (at least
    RUNNING_SHARE of them). A format of no pages (a DOCX's lines) has none; a table's heading repeated on each of its
    pages, below the page's first line, is not one."""
    ends: dict[int, list[str]] = {}
    for text, page in texts:
        if page:
            ends.setdefault(page, []).append(text)
    counts = Counter(edge for on_page in ends.values() for edge in {on_page[0], on_page[-1]})
    return {text for text, n in counts.items() if n >= RUNNING_SHARE and n * RUNNING_SHARE > len(ends)}


@dataclass(frozen=True)
class Versions:
    """The approved text against the published one: their diff, and the figures one prints more often than the
    other (a figure moved — a table's header printed in another order — is no difference of figures)."""

    diff: DocumentDiff
    only_approved: list[str]  # figures the approved text prints and the published one does not (as often)
    only_published: list[str]

    @property
    def same_text(self) -> bool:
        return self.diff.unchanged

    @property
    def same_figures(self) -> bool:
        return not self.only_approved and not self.only_published


def figures_of(texts: Sequence[str]) -> Counter[str]:
    """Every figure the pieces print (a number of two digits or more, or with a point or a %), as often as printed."""
    return Counter(f for text in texts for f in _FIGURE.findall(text) if len(f.replace(",", "")) > 1 or "." in f)


def versions_compared(approved: Sequence[Path], published: Sequence[Path]) -> Versions | None:
    """None where the published files are the approved ones byte for byte (in any order); else the approved text
    against the published one: each side's files' sentences in turn (one disclosure in several files, 北京's 说明
    and its 报表), the published files put in the approved files' order (``in_order``) wherever they were published.
    Unreadable (readers/unreadable.py) where a file cannot be read."""
    if sorted(p.read_bytes() for p in approved) == sorted(p.read_bytes() for p in published):
        return None
    old_files = [pieces(read_published(path).lines) for path in approved]
    old = [piece for file in old_files for piece in file]
    new = [piece for file in in_order(old_files, [pieces(read_published(path).lines) for path in published])
           for piece in file]
    diff = diff_documents(_document(old, APPROVED), _document(new, PUBLISHED), old_name=APPROVED, new_name=PUBLISHED)
    before, after = figures_of(old), figures_of(new)
    return Versions(diff, sorted((before - after).elements()), sorted((after - before).elements()))


def in_order(approved: list[list[str]], published: list[list[str]]) -> list[list[str]]:
    """The published files' sentences in the order of the approved files they print the most figures of (each
    approved file in turn takes the published one sharing the most with it; a published file none takes, after)."""
    left = list(range(len(published)))
    ordered = []
    for file in approved:
        if not left:
            break
        figures = figures_of(file)
        best = max(left, key=lambda n: (sum((figures & figures_of(published[n])).values()), -n))
        ordered.append(published[best])
        left.remove(best)
    return ordered + [published[n] for n in left]


def _document(texts: list[str], title: str) -> Document:
    return Document([Paragraph(text) for text in texts], meta={"title": title})


APPROVED, PUBLISHED = "审核通过的文本", "公开的文本"
