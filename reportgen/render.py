"""The pipeline for one source: load → check → Document → DOCX/HTML, written all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportgen.checks import run_checks
from reportgen.compute import Figures, compute
from reportgen.document import Document
from reportgen.errors import Finding, SourceError
from reportgen.model import Budget
from reportgen.narrative import build_document
from reportgen.source import load_source

FORMATS = ("docx", "html")


@dataclass
class Prepared:
    """A source read and checked; ``document`` is None when errors stop the render."""

    budget: Budget | None
    figures: Figures | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


@dataclass
class Rendered:
    source: Path
    outputs: list[Path]
    findings: list[Finding]
    seconds: float
    document: Document | None = None

    @property
    def ok(self) -> bool:
        return bool(self.outputs) or not any(f.severity == "error" for f in self.findings)


def prepare(path: Path, reason_threshold: Decimal | None = None) -> Prepared:
    """Load and check one source; never raises for bad input."""
    try:
        budget = load_source(path)
    except SourceError as exc:
        return Prepared(None, None, exc.findings)
    figures = compute(budget)
    return Prepared(budget, figures, run_checks(budget, figures, reason_threshold))


def document_for(prepared: Prepared, templates: list[Path] | None = None, draft: bool = False) -> Document:
    assert prepared.budget is not None and prepared.figures is not None
    banner = None
    if draft and prepared.findings:
        banner = ["草稿：以下问题尚未解决，请核对后再正式发布"] + [f.format() for f in prepared.findings]
    return build_document(prepared.budget, prepared.figures, templates, banner)


def write_outputs(document: Document, out_dir: Path, stem: str, formats: tuple[str, ...],
                  templates: list[Path] | None = None) -> list[Path]:
    """Write every format to a temporary folder inside out_dir, then move them in place together,
    so a failure leaves out_dir exactly as it was."""
    from reportgen.writers.docx import write_docx
    from reportgen.writers.html import write_html

    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".reportgen-", dir=out_dir))
    try:
        staged = []
        for fmt in formats:
            target = staging / f"{stem}.{fmt}"
            if fmt == "docx":
                write_docx(document, target)
            else:
                write_html(document, target, templates)
            staged.append(target)
        outputs = []
        for target in staged:
            final = out_dir / target.name
            os.replace(target, final)
            outputs.append(final)
        return outputs
    except BaseException:
        if created:
            shutil.rmtree(out_dir, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def render_source(path: Path, out_dir: Path, formats: tuple[str, ...] = FORMATS, templates: list[Path] | None = None,
                  draft: bool = False) -> Rendered:
    """Render one source; with errors and no draft, nothing is written."""
    start = time.perf_counter()
    prepared = prepare(path)
    if prepared.budget is None or (prepared.errors and not draft):
        return Rendered(path, [], prepared.findings, time.perf_counter() - start)
    document = document_for(prepared, templates, draft)
    outputs = write_outputs(document, out_dir, path.stem, formats, templates)
    return Rendered(path, outputs, prepared.findings, time.perf_counter() - start, document)
