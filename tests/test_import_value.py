"""The import returns its source as a value (importing/emit.py ImportedSource): `review` and the import
command check that value as it is — its YAML text is made for the file written, never parsed back —
and what an import gives does not depend on what was imported or checked before it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.reading import yamlsafe
from reportgen.review.documents import DocumentReview, review_document
from reportgen.runners.render import prepare

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "tests" / "seeds" / "pdf"
WANLI_2024, WANLI_2025 = PDFS / "shanghai-putuo-wanli-2024.pdf", PDFS / "shanghai-putuo-wanli-2025.pdf"
WORKBOOK = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every YAML text parsed from here on: yamlsafe.parse_yaml (which load_yaml calls),
    wherever a module imported it."""
    names: list[str] = []
    real = yamlsafe.parse_yaml

    def spy(raw: bytes, name: str) -> object:
        names.append(name)
        return real(raw, name)

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("reportgen") and getattr(module, "parse_yaml", None) is real:
            monkeypatch.setattr(module, "parse_yaml", spy)
    return names


def told(review: DocumentReview) -> list[str]:
    """All a review says of a document, in order."""
    narrative = [f.format() for f in review.narrative.findings()] if review.narrative else []
    return [review.refused, *review.final, *(f.format() for f in [*review.checks, *review.unverified]),
            *(f.format() for f in review.narrative_problems), *narrative, str(review.counts), str(review.checklist)]


@needs_pdftotext
def test_the_review_of_a_document_checks_its_imported_source_without_parsing_any_yaml(parsed, tmp_path):
    review = review_document(WANLI_2025, "上海")
    assert review.imported is not None and review.narrative is not None and review.narrative.counts["read"]
    assert str(WANLI_2025) not in parsed  # the source the document's tables make, checked as it is
    # the same source written and read from disk is parsed (the spy sees it) and says the same
    written = tmp_path / "wanli-2025.yaml"
    written.write_text(review.imported.source.text, encoding="utf-8")
    from_disk = prepare(written)
    assert str(written) in parsed
    in_memory = prepare(review.imported.source.named(written))
    assert [f.format() for f in from_disk.findings] == [f.format() for f in in_memory.findings]


@needs_pdftotext
def test_a_review_says_the_same_whatever_was_reviewed_before_it(parsed):
    first, second = review_document(WANLI_2025, "上海"), review_document(WANLI_2024, "上海")
    again_second, again_first = review_document(WANLI_2024, "上海"), review_document(WANLI_2025, "上海")
    assert told(first) == told(again_first) and told(second) == told(again_second)
    assert told(first) != told(second)
    assert not {str(WANLI_2024), str(WANLI_2025)} & set(parsed)


def test_an_imported_source_checked_twice_and_in_either_order_gives_the_same_findings(parsed, tmp_path):
    ours = import_files([WORKBOOK], "上海").source
    other = import_files([WORKBOOK], None).source  # its layout chosen from its tables: another text
    assert ours.text != other.text
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    runs = [(name, [f.format() for f in prepare(source.named(path)).findings])
            for name, source, path in [("ours", ours, a), ("other", other, b), ("other", other, b), ("ours", ours, a)]]
    assert runs[0] == runs[3] and runs[1] == runs[2]
    assert not {str(a), str(b)} & set(parsed)
    # and as written to disk, each reads as it was checked in memory
    a.write_text(ours.text, encoding="utf-8")
    assert [f.format() for f in prepare(a).findings] == runs[0][1]
    assert str(a) in parsed
