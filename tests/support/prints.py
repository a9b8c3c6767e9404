"""Every shipped source (data/*.yaml) in each of its layouts, rendered to DOCX and printed to PDF by one
LibreOffice batch — once a test session, whichever worker asks first: tests/test_print_quality.py,
tests/test_published_pages.py and tests/test_toc_pages.py (the 上海 ones: the 目录's numbers) read the same prints.

Under pytest-xdist the workers share the folder their temporary folders are made in; the first worker
to take its lock renders and prints into it while the other waits, and says it is done by a file of
its own written last. A worker whose render fails leaves no such file: the next one to ask tries again
(and fails the same way, with the findings named). Run without xdist, the prints are the session's own, made once
(they were made again for each module that asked).

The prints lie outside each worker's temporary folder, where tests/conftest.py's blank-page check does
not look: tests/test_published_pages.py checks each of them for a blank page itself."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

from reportgen.runners.render import render_source

ROOT = Path(__file__).resolve().parent.parent.parent
LOCAL = {"shanghai": "上海", "shenzhen": "深圳", "luoyang": "河南", "qinhuangdao": "河北"}
FINAL = "\n种类: 决算\n"  # a 部门决算: only a layout with a 决算 edition (上海) lays it out
# (source stem, layout): the default layout, and its locality's where it has one
RENDERS = [(source.stem, layout) for source in sorted((ROOT / "data").glob("*.yaml"))
           for layout in (() if FINAL in "\n" + source.read_text(encoding="utf-8") else ("默认",))
           + ((LOCAL[source.stem.split("-")[0]],) if source.stem.split("-")[0] in LOCAL else ())]
Prints = dict[tuple[str, str], tuple[Path, Path]]


def _print_all(out: Path) -> Prints:
    """Each render's DOCX and PDF as a batch of `reportgen render` makes them (runners/batch.py): every DOCX left to be
    printed, one LibreOffice batch for all, and a 目录's page numbers filled from that print — not one print of each
    DOCX with a 目录 for its numbers and a second for its PDF (the two are the same bytes: writers/contents_pages.py)."""
    from reportgen.writers.contents_pages import fill_printed
    from reportgen.writers.pdf import convert

    left, docs = {}, {}
    for layout in {layout for _, layout in RENDERS}:
        (out / "to-print" / layout).mkdir(parents=True)
    for name, layout in RENDERS:
        result = render_source(ROOT / "data" / f"{name}.yaml", out / layout, ("docx", "pdf"), layout=layout,
                               print_to=out / "to-print" / layout)
        assert result.outputs, [f.format() for f in result.findings]
        docs[(name, layout)] = result.outputs[0]
        left[(name, layout)] = (out / "to-print" / layout / f"{name}.docx").rename(out / "to-print" / f"{name}@{layout}.docx")
    pdfs = convert(list(left.values()), out)
    for key, pdf in zip(left, pdfs, strict=True):
        assert fill_printed(left[key], pdf, docs[key]) == "", key
    return {(name, layout): (docs[(name, layout)].rename(out / f"{name}@{layout}.docx"), pdf)
            for (name, layout), pdf in zip(left, pdfs, strict=True)}


_MADE: Prints = {}  # run without xdist: the session's prints, made by the first module to ask


def shipped_prints(tmp_path_factory: pytest.TempPathFactory) -> Prints:
    """(source stem, layout) → its DOCX and the PDF LibreOffice printed from it."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        if not _MADE:
            _MADE.update(_print_all(tmp_path_factory.mktemp("shipped-prints")))
        return dict(_MADE)
    shared = tmp_path_factory.getbasetemp().parent / "shipped-prints"
    shared.mkdir(exist_ok=True)
    done = shared / "done.json"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, or its worker ends
        if not done.is_file():
            made = _print_all(shared)
            done.write_text(json.dumps([[*key, str(docx), str(pdf)] for key, (docx, pdf) in made.items()],
                                       ensure_ascii=False), encoding="utf-8")
    return {(name, layout): (Path(docx), Path(pdf)) for name, layout, docx, pdf in json.loads(done.read_text("utf-8"))}

