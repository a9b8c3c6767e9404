"""What the desk keeps of a reviewed document for its 检查表, its notice and its pages — the review's SummaryPart,
its numbered findings (marks), its title and kind — as data the schema describes: a JSON value (Django's
JSONField), each dataclass a mapping of its fields, a path and a date as text. Django-free: the worker writes
``stored(...)``, the register and the notices read ``summary_of(...)``.

(The desk kept these as pickles until migration 0007: a stored pickle is read by running what it names, so a
database a local user could write was code the desk would run; JSON is only read. cattrs turns the dataclasses
into plain values and back, by their annotations: docs/dependencies.md.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from cattrs import Converter

from reportgen.paperwork.inspection import Inspection
from reportgen.paperwork.listing import Listed
from reportgen.paperwork.pages import SummaryPart
from reportgen.paperwork.places import Mark
from reportgen.paperwork.register import Known

VERSION = 1  # the shape below; a later shape is read by its own version


@dataclass(frozen=True)
class Summary:
    part: SummaryPart
    marks: list[Mark]
    title: str
    kind: str


@cache
def _converter() -> Converter:
    converter = Converter()
    converter.register_unstructure_hook(Path, str)
    converter.register_structure_hook(Path, lambda value, _: Path(value))
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
    return converter


def stored(part: SummaryPart, marks: list[Mark], title: str, kind: str) -> dict[str, Any]:
    """The JSON value kept of one reviewed document (a file of several: of each disclosure)."""
    plain = _converter().unstructure
    # the row's 检查表 is the part's own (summary_part: one object, which decided.py updates for both): kept once
    assert part.row.get("inspection", part.inspection) is part.inspection
    row = {key: value for key, value in part.row.items() if key != "inspection"}
    findings = [{**finding, "item": plain(finding["item"])} for finding in part.findings]
    return {"version": VERSION, "title": title, "kind": kind, "marks": plain(marks),
            "part": {"document": str(part.document), "row": row, "findings": findings, "link": part.link,
                     "outcome": part.outcome, "inspection": plain(part.inspection), "known": plain(part.known)}}


def summary_of(value: dict[str, Any]) -> Summary:
    """The summary ``stored`` kept, as the review made it."""
    if value.get("version") != VERSION:
        raise ValueError(f"summary of version {value.get('version')!r}, not {VERSION}")
    typed = _converter().structure
    data = value["part"]
    inspection = typed(data["inspection"], Inspection)
    row = {**data["row"], "inspection": inspection}
    findings: list[dict[str, object]] = [{**finding, "item": typed(finding["item"], Listed)}
                                         for finding in data["findings"]]
    part = SummaryPart(Path(data["document"]), row, findings, data["link"], data["outcome"], inspection,
                       typed(data["known"], Known))
    return Summary(part, typed(value["marks"], list[Mark]), value["title"], value["kind"])
