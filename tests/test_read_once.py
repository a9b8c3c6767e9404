"""Read once (issue 79, part 6): a review recognises a file's tables once — what part of a disclosure the file is
(``disclosure_part``) and its import share one recognition (``recognize.recognised_once``) — and the review is the
same as when each recognised them on its own; outside a review, nothing is kept."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from reportgen.importing.recognition import recognize as recognize_module
from reportgen.importing.recognition.catalog import load
from reportgen.readers.published import read_published
from reportgen.review import documents
from reportgen.review.documents import review_files

PDF = Path(__file__).resolve().parent / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf"


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = recognize_module._recognized_grids

    def counting(grids, catalog):  # type: ignore[no-untyped-def]
        calls.append(len(grids))
        return original(grids, catalog)

    monkeypatch.setattr(recognize_module, "_recognized_grids", counting)
    return calls


def test_a_review_recognises_its_files_tables_once_and_judges_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch)
    once = review_files([PDF], "上海")
    assert len(calls) == 1 and calls[0] > 5  # the file's grids, once
    monkeypatch.setattr(documents, "recognised_once", contextlib.nullcontext)
    twice = review_files([PDF], "上海")  # each recognising on its own, as before
    assert len(calls) == 3
    assert [(f.rule, f.message) for f in once.checks] == [(f.rule, f.message) for f in twice.checks]
    assert once.counts == twice.counts and once.outcome == twice.outcome


def test_outside_a_review_each_recognition_is_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch)
    grids = read_published(PDF).grids
    first, second = recognize_module.recognize(grids, load("上海")), recognize_module.recognize(grids, load("上海"))
    assert len(calls) == 2
    assert [t.kind.id for t in first[0]] == [t.kind.id for t in second[0]]
    assert all(a is not b for a, b in zip(first[0], second[0], strict=True))
