"""The pipeline for one source: load → check → Document → DOCX/HTML, written all or nothing."""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
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
    docx_done: Callable[[], None] | None = None
    try:
        staged = []
        for fmt in formats:
            target = staging / f"{stem}.{fmt}"
            if fmt == "docx" and len(formats) > 1 and _worth_a_fork(document):
                docx_done = _in_child(write_docx, document, target)
            elif fmt == "docx":
                write_docx(document, target)
            else:
                write_html(document, target, templates)
            staged.append(target)
        if docx_done is not None:
            docx_done, wait = None, docx_done
            wait()
        outputs = []
        for target in staged:
            final = out_dir / target.name
            os.replace(target, final)
            outputs.append(final)
        return outputs
    except BaseException:
        if docx_done is not None:  # this side failed first: let the child finish before cleaning up
            with contextlib.suppress(BaseException):
                docx_done()
        if created:
            shutil.rmtree(out_dir, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# A large document writes its DOCX in a forked process while this one writes the HTML: the two
# writers share nothing but the Document, and a machine has at least two cores. Worth it from a
# few thousand table rows (a fork of a big process costs some milliseconds); off where the cores
# are already busy (batch workers) and in a process with threads, where fork is not safe.
PARALLEL_WRITERS = True
PARALLEL_FROM_ROWS = 3000


def _worth_a_fork(document: Document) -> bool:
    if not PARALLEL_WRITERS or not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    return sum(len(t.header) + len(t.body) for t in document.tables()) >= PARALLEL_FROM_ROWS


def _in_child(write: Callable[[Document, Path], None], document: Document, target: Path) -> Callable[[], None]:
    """Run ``write(document, target)`` in a forked child; the function returned waits for it and
    raises here whatever it raised there."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write, report a failure, leave without the parent's exit handlers
        os.close(read_end)
        code = 0
        try:
            write(document, target)
        except BaseException as exc:
            code = 1
            try:
                payload = pickle.dumps(exc)
            except Exception:
                payload = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(code)
    os.close(write_end)

    def wait() -> None:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if payload:
            raise pickle.loads(payload)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"写入 {target.name} 的进程意外退出（{os.waitstatus_to_exitcode(status)}）")

    return wait


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
