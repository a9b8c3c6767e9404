"""A project's target text copied from another's and still naming the other's party.

Two projects of one document whose names differ in one part alone (“2026年春节慰问金-拱北海关” and “2026年春节慰问金-
珠海边检总站”; “…临时开放期间拱北海关补助经费” and “…临时开放期间珠海边检总站补助经费”) are the same project for two
parties: each name's own part is what it has where the other has its. A target text (target_cells.ProjectCells.goal:
a form's, or a list row's cells right of its money) that names the other's part and not its own is the other's text
copied (珠海市商务局 2026 表12: 2026年春节慰问金-珠海边检总站's “…体现对拱北海关一线工作人员的关怀与激励”). A part
of a character, or of figures (“第三批” and “第四批”, “2025年” and “2026年”), names no party and is not read. The same
text printed in two tables (表12 and the 重点项目 table) is told once, with both places."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.readers.text.lines import Line
from reportgen.review.target_cells import ProjectCells, project_cells

_ALIKE = 0.9  # the share of two texts' characters in common, at least, of one text copied
_SEPARATOR = regex(r"[-－—–（）()]+")  # what sets a name's parts apart: a dash, brackets
_PARTY = regex(r"^[\u4e00-\u9fff]{2,}$")  # a part that names a party: Han characters alone, two or more


def _parts(one: list[str], other: list[str]) -> tuple[str, str] | None:
    """Each name's own part, where the two (split into their parts: apart by a dash or in brackets) are printed in
    as many parts and differ in one alone, each a party's."""
    differ = [(a, b) for a, b in zip(one, other, strict=True) if a != b]
    if len(differ) != 1:
        return None
    return differ[0] if _PARTY.match(differ[0][0]) and _PARTY.match(differ[0][1]) else None


def _copied(project: ProjectCells, others: list[tuple[ProjectCells, list[str]]]) -> str | None:
    """The other party a project's target text names in place of its own, where that text is the other's (the same
    but for a few characters), if any. ``others``: the projects whose names print parts, each with them."""
    mine = _SEPARATOR.split(project.name)
    for other, theirs in others:
        parts = _parts(mine, theirs) if len(theirs) == len(mine) else None
        if parts and parts[1] in project.goal and parts[0] not in project.goal and parts[1] not in project.name \
                and _alike(project.goal, other.goal):
            return parts[1]
    return None


def _alike(one: str, other: str) -> bool:
    """Whether two target texts are one text, a few characters apart at most."""
    return SequenceMatcher(None, one, other, autojunk=False).ratio() >= _ALIKE


def parties_copied(lines: list[Line], document: Path) -> list[Finding]:
    """Each project whose target text names another's party and not its own: once a project and party, quoting the
    words that name it."""
    projects = [(p, parts) for p in project_cells(lines) if p.name and p.goal
                for parts in [_SEPARATOR.split(p.name)] if len(parts) > 1]
    found: dict[tuple[str, str], list[ProjectCells]] = {}
    for project, _ in projects:
        party = _copied(project, projects)
        if party is not None:
            found.setdefault((project.name, party), []).append(project)
    return [_told(name, party, at, document) for (name, party), at in found.items()]


def _told(name: str, party: str, at: list[ProjectCells], document: Path) -> Finding:
    also = f"（另见{'、'.join(x.line.where for x in at[1:])}）" if len(at) > 1 else ""
    return Finding("error", "R-绩效目标", f"项目“{name}”的绩效目标写的是“{_clause(at[0].goal, party)}”：“{party}”是另一项目"
                   f"名称中的单位，本项目名称中的单位没有写到——是否照抄了另一项目的绩效目标？{also}", str(document), at[0].line.number)


def _clause(goal: str, party: str) -> str:
    """The words of the text around the party, from the punctuation before it to the punctuation after."""
    found = re.search(f"[^，。；,;]*{re.escape(party)}[^，。；,;]*", goal)
    return found.group() if found else party
