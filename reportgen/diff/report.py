"""The diff for people and programs: status words, signed numbers, the terminal summary (worded
in templates/diff/words.j2) and JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.base import templating
from reportgen.diff.model import BlockDiff, DocumentDiff, FigureChange, TableDiff
from reportgen.diff.text import Span, TextDiff

# --- summary and JSON ---------------------------------------------------------------------------

_STATUS_WORD = {"inserted": "新增", "deleted": "删除", "changed": "修改", "equal": "未变"}


def status_word(status: str) -> str:
    return _STATUS_WORD.get(status, status)


def signed(value: Decimal | None, suffix: str = "") -> str:
    if value is None:
        return "—"
    text = f"{abs(value):,}"
    if value > 0:
        return f"+{text}{suffix}"
    if value < 0:
        return f"-{text}{suffix}"
    return f"0{suffix}"


def grouped_figures(result: DocumentDiff) -> list[tuple[FigureChange, list[FigureChange]]]:
    """Computed grouped by (old, new): the same total changes in a sentence and in three tables."""
    groups: dict[tuple[str, str], list[FigureChange]] = {}
    for figure in result.figures:
        groups.setdefault((figure.old, figure.new), []).append(figure)
    return [(items[0], items) for items in groups.values()]


def _words() -> Any:
    """The comparison's wording (templates/diff/words.j2): title, year-shift line, summary."""
    return templating.words("text", "diff/words.j2")


def _set_up(env: Any) -> None:
    env.filters["signed"] = signed


templating.set_up("text", _set_up)


def diff_title(result: DocumentDiff) -> str:
    """修订对照：OLD → NEW, for the redlines' titles."""
    return str(_words().title(result))


def year_shift_title(span: Span) -> str:
    """The note on one shifted year (年份顺延：2021年 → 2022年)."""
    return str(_words().year_shift(span))


def year_shift_line(result: DocumentDiff) -> str:
    return str(_words().year_line(result))


def summary_text(result: DocumentDiff, limit: int = 40) -> str:
    """The terminal summary, in Chinese: what was compared, counts, the changed figures."""
    return str(_words().summary(result, grouped_figures(result), limit))


def _text_json(diff: TextDiff | None) -> list[dict[str, str]]:
    return [{"op": s.op, "old": s.old, "new": s.new} for s in diff.spans] if diff else []


def _rows_json(table: TableDiff) -> list[dict[str, object]]:
    """A table's rows that changed, each with its cells: the old text and the new, and their spans."""
    return [{"status": r.status, "header": r.header, "label": r.label, "anchor": r.anchor,
             "cells": [{"column": c.column, "old": c.old.text if c.old else None,
                        "new": c.new.text if c.new else None, "spans": _text_json(c.text)}
                       for c in r.cells]}
            for r in table.rows if r.status != "equal"]


def as_json(result: DocumentDiff) -> dict[str, object]:
    """Everything a machine needs: counts, figures, year shifts, and every block's diff."""
    def block(b: BlockDiff) -> dict[str, object]:
        out: dict[str, object] = {"kind": b.kind, "status": b.status, "anchor": b.anchor, "where": b.where}
        if b.table is None:
            out["old"] = b.text.old_text if b.text and b.old else None
            out["new"] = b.text.new_text if b.text and b.new else None
            out["spans"] = _text_json(b.text)
        else:
            out["table"] = b.table.label
            out["rows"] = _rows_json(b.table)
        return out

    return {
        "old": {"name": result.old_name, "year": result.old_year},
        "new": {"name": result.new_name, "year": result.new_year},
        "unchanged": result.unchanged,
        "counts": result.counts(),
        "year_shift": {"step": result.year_step, "shown_inline": result.show_year_shift,
                       "pairs": [{"old": a, "new": b, "count": n} for (a, b), n in sorted(result.year_shifts.items())]},
        "figures": [{"where": f.where, "old": f.old, "new": f.new,
                     "difference": None if f.difference is None else str(f.difference),
                     "percent": None if f.percent is None else str(f.percent), "anchor": f.anchor}
                    for f in result.figures],
        "changes": [{"anchor": c.anchor, "kind": c.kind, "status": c.status, "where": c.where, "old": c.old,
                     "new": c.new} for c in result.changes],
        "blocks": [block(b) for b in result.blocks() if b.status != "equal"],
    }
