"""Real client: LibreOffice opens the DOCX and prints it, and the figures survive."""

from __future__ import annotations

import pathlib
import re
import subprocess

from reportgen.writers.docx import write_docx
from tests.clients import libreoffice_profile, require_program
from tests.test_writer_docx import TITLE, synthetic_document


def pdf_text(pdftotext: str, pdf: pathlib.Path, page: int | None = None) -> str:
    """The PDF's text with all whitespace gone: pdftotext spaces out Han characters and digits."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run([pdftotext, *pages, str(pdf), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    return re.sub(r"\s+", "", out)


def test_libreoffice_prints_the_docx_with_its_text_and_figures(tmp_path: pathlib.Path) -> None:
    soffice = require_program("soffice")
    pdftotext = require_program("pdftotext")
    pdfinfo = require_program("pdfinfo")
    source = tmp_path / "report.docx"
    write_docx(synthetic_document(), source)

    # A fresh profile per run: two LibreOffice processes sharing one profile block each other.
    profile = libreoffice_profile(tmp_path / "lo-profile")
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / "report.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr

    text = pdf_text(pdftotext, pdf)
    assert TITLE in text
    assert "1,273.52" in text
    assert "第一部分部门概况" in text

    # The wide table lies on landscape pages, and its header band is repeated on each of them.
    info = subprocess.run([pdfinfo, "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    sizes = re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info)
    landscape = [int(n) for n, w, h in sizes if float(w) > float(h)]
    assert len(landscape) >= 2, info
    for page in landscape:
        assert "第9列" in pdf_text(pdftotext, pdf, page)


def test_libreoffice_opens_a_rendered_seed(tmp_path: pathlib.Path) -> None:
    """The Yantian seed as a user renders it: LibreOffice prints its title and table figures."""
    from reportgen.runners.render import render_source

    soffice = require_program("soffice")
    pdftotext = require_program("pdftotext")
    root = pathlib.Path(__file__).resolve().parent.parent
    rendered = render_source(root / "data" / "shenzhen-yantian-zgh-2022.yaml", tmp_path, ("docx",))
    source = rendered.outputs[0]
    profile = libreoffice_profile(tmp_path / "lo-profile")
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = source.with_suffix(".pdf")
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr
    text = pdf_text(pdftotext, pdf)
    assert "深圳市盐田区总工会2022年部门预算" in text
    layout = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                            timeout=60).stdout
    rows = [re.sub(r"\s+", "", line) for line in layout.splitlines()]
    assert "2210203购房补贴44.0544.050.00" in rows  # a 表5 row, cell by cell, on one printed line
    assert "比2021年增加3.39万元，增长0.27%" in text
