"""`render --format pdf` (LibreOffice) then `import` of that PDF gives back the source's figures: the
function and economic rows, the income and the “三公” figures, as tests/test_import_roundtrip.py
checks for xlsx and docx — on PDFs of another printer than the WPS ones the PDF reader was grown on
(page numbers in the foot, headers repeated on each page, names wrapped in their cells, merged
cells centred over their rows)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.clients import require_program
from tests.test_import_roundtrip import _figures, _quiet

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("function", "economic", "income", "three_public")
SOURCES = [("shenzhen-yantian-zgh-2022", None), ("luoyang-zgh-2020", None),
           ("shanghai-putuo-chengguan-2026", "上海")]


@pytest.fixture(scope="module", params=SOURCES, ids=lambda p: p[0] + (f"-{p[1]}" if p[1] else ""))
def imported(request, tmp_path_factory) -> tuple[Path, Path]:
    require_program("soffice")
    require_program("pdftotext")
    name, layout = request.param
    out = tmp_path_factory.mktemp("pdf-roundtrip")
    source = ROOT / "data" / f"{name}.yaml"
    subprocess.run([sys.executable, "-m", "reportgen", "render", str(source), "--format", "pdf", "-o", str(out),
                    *(["--layout", layout] if layout else [])], check=True, capture_output=True, cwd=ROOT)
    back = out / "back.yaml"
    _quiet("import", str(out / f"{name}.pdf"), "-o", str(back))  # 1: the text's own slips are reported
    assert back.is_file()
    return source, back


@pytest.mark.parametrize("key", KEYS)
def test_a_rendered_pdf_imports_back_to_the_sources_figures(imported, key):
    # (the 上海 “三公” table prints no prior year: it comes back from the text's “比2025年预算增加27.00万元”)
    source, back = imported
    assert _figures(back)[key] == _figures(source)[key]
