"""A heading told by the headings it holds: the frame's heading over headings of the same kinds as those a heading
the document prints holds is that heading, whatever its words name — 西安 2025's “一、主要职能及机构设置” over “（一）主要职能”
and “（二）机构设置” is the frame's 部门概况 (over its 主要职能 and 机构设置), not its 机构设置; 长沙市公安局 2025's
“一、部门基本概况” over “（一）职能职责” and “（二）机构设置” likewise."""

from __future__ import annotations

from reportgen.docmodel.document import Heading
from reportgen.importing.text.text_parts import PrintedHeading, heading_words_kind

_UNNAMED = (None, "止")  # words naming no kind of part (止: a part the importer does not read)


def printed_groups(headings: list[PrintedHeading]) -> dict[frozenset[str], PrintedHeading]:
    """Each printed heading over two or more headings of kinds (its direct ones: the style of the first under it),
    by the kinds of those; a heading of the part style (第一部分) none."""
    groups: dict[frozenset[str], PrintedHeading] = {}
    for at, heading in enumerate(headings):
        if heading.style == "part":
            continue
        under = _under(headings, at)
        kinds = frozenset(h.kind for h in under if h.kind not in _UNNAMED)
        if len(under) >= 2 and len(kinds) == len(under):
            groups.setdefault(kinds, heading)
    return groups


def _under(headings: list[PrintedHeading], at: int) -> list[PrintedHeading]:
    """The headings directly under the one at ``at``: those after it of the style of the first after it, up to one of
    its own style or a part's."""
    own = headings[at].style
    run = []
    for heading in headings[at + 1:]:
        if heading.style in (own, "part"):
            break
        run.append(heading)
    return [heading for heading in run if heading.style == run[0].style] if run else []


def grouped_words(blocks: list[Heading], groups: dict[frozenset[str], PrintedHeading]) -> dict[int, PrintedHeading]:
    """The printed heading (of ``groups``) each of the frame's headings ``blocks`` is, by its place: the one over
    headings of the kinds of those directly under the block, each printed heading once."""
    found: dict[int, PrintedHeading] = {}
    for at in range(len(blocks)):
        under = _blocks_under(blocks, at)
        kinds = frozenset(kind for b in under if (kind := heading_words_kind(b.text)) not in _UNNAMED)
        if len(under) >= 2 and len(kinds) == len(under) and (printed := groups.pop(kinds, None)) is not None:
            found[at] = printed
    return found


def _blocks_under(blocks: list[Heading], at: int) -> list[Heading]:
    """The frame's headings directly under the one at ``at`` (a level deeper, up to one of its level or above)."""
    level = blocks[at].level
    under = []
    for block in blocks[at + 1:]:
        if block.level <= level:
            break
        if block.level == level + 1:
            under.append(block)
    return under
