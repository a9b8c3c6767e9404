"""What `reportgen diff` reads and writes, over the pipeline: a YAML source rendered to its Document
(render.py) or any DOCX read back; the outputs' bytes by suffix (the diff writers); and the outputs
that may not be written (an input, twice, a folder). An operation, as batch.py is render's: the
comparing itself (diff/) knows neither the pipeline nor the writers."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from reportgen.base.errors import Finding, SourceError
from reportgen.diff.model import DocumentDiff
from reportgen.diff.report import as_json
from reportgen.docmodel.document import Document
from reportgen.reading.outputs import Output
from reportgen.reading.outputs import refused_outputs as guarded
from reportgen.runners.render import document_for, files_read, prepare

SOURCE_SUFFIXES = (".yaml", ".yml")


def load_input(path: Path, layout: str | Path | None = None) -> tuple[Document | None, list[Finding]]:
    """A YAML source rendered to its Document (in ``layout`` when given, else its own), or a DOCX
    read back; findings say why not."""
    if path.suffix.lower() in SOURCE_SUFFIXES:
        prepared = prepare(path)
        if prepared.budget is None or prepared.errors:
            return None, prepared.findings
        return document_for(prepared, layout=layout), prepared.findings
    from reportgen.readers.published import read_published  # deferred: the readers, a DOCX input only
    from reportgen.readers.unreadable import Unreadable  # deferred: as above

    try:
        published = read_published(path)
    except Unreadable as exc:
        return None, [Finding("error", "R-DOCX", exc.reason, exc.file)]
    if published.document is None:  # no Word document: the DOCX reader says why (an old .doc, encrypted …)
        from reportgen.readers.office.docx import read_docx  # deferred: as above

        try:
            read_docx(path, data=published.data)
        except SourceError as exc:
            return None, exc.findings
        return None, [Finding("error", "R-DOCX", "这不是 Word 文档（.docx）", str(path))]
    return published.document, []


def refused_outputs(old: Path, new: Path, outputs: list[Path], layout: str | Path | None = None) -> list[str]:
    """Why the outputs may not be written, before any work: one is an input (OLD, NEW, or a file a
    YAML input reads in ``layout``: render.files_read), one is named twice, a folder stands
    in its place, or a file where its folder should be."""
    inputs = [old, new]
    for path in (old, new):
        if path.suffix.lower() in SOURCE_SUFFIXES:
            inputs += files_read(path, layout)
    # each output replaces only a file whose bytes reportgen wrote there (written.py)
    planned = [Output(t, "-o", "written") for t in outputs]
    return [f"{path}: 错误 [输出] {message}" for path, message in guarded(planned, inputs)]


def output_bytes(result: DocumentDiff, target: Path) -> bytes:
    """One output's bytes, chosen by its suffix."""
    suffix = target.suffix.lower()
    if suffix == ".docx":
        from reportgen.writers.docx.diff import diff_docx_bytes  # deferred: 4 ms at start-up, a .docx output only

        return diff_docx_bytes(result)
    if suffix == ".pdf":  # the tracked-changes DOCX as LibreOffice prints it, its changes marked
        from reportgen.writers.docx.diff import diff_docx_bytes  # deferred: 4 ms at start-up, a .pdf output only
        from reportgen.writers.docx.package import document_time  # deferred: 3 ms at start-up, a .pdf output only
        from reportgen.writers.pdf import convert  # deferred: 5 ms at start-up, a .pdf output only

        with tempfile.TemporaryDirectory(prefix="reportgen-diff-") as folder:
            docx = Path(folder) / f"{target.stem}.docx"
            docx.write_bytes(diff_docx_bytes(result))
            return convert([docx], Path(folder), document_time(result.new_year))[0].read_bytes()
    if suffix == ".json":
        return (json.dumps(as_json(result), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    from reportgen.writers.diff_html import diff_html_string  # deferred: 1 ms at start-up, an .html output only

    return diff_html_string(result).encode("utf-8")
