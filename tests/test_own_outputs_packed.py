"""A PDF that packs its objects into compressed streams is told from review's annotated copy without qpdf where its
bytes and its object streams as decoded hold no mark (reportgen/review/own_outputs.py): the published documents a
folder holds (3 of fresh1's 24 are packed) are not opened by qpdf to read their catalogue. A copy saved packed by
another program is still known by its catalogue (tests/test_review_folders.py)."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from reportgen.review.own_outputs import _may_be_marked

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
PACKED = ("fj-fuzhou-minzhengju-benji-2026-unit-budget.pdf", "fj-quanzhou-zhengfuban-2026-dept-budget.pdf",
          "zj-hangzhou-qixiang-2026-dept-budget.pdf")


def test_a_packed_published_document_is_no_output_and_qpdf_is_not_loaded() -> None:
    paths = [FRESH / name for name in PACKED]
    assert all(b"/ObjStm" in path.read_bytes() for path in paths)
    probe = ("import sys; from pathlib import Path; from reportgen.review.own_outputs import review_output;"
             f"print([review_output(Path(p)) for p in {[str(p) for p in paths]!r}], 'pikepdf' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[False,", "False,", "False]", "False"], done.stdout + done.stderr


def _packed(catalogue: bytes, dictionary: bytes = b"/Filter /FlateDecode", body: bytes | None = None) -> bytes:
    stream = zlib.compress(b"1 0 " + catalogue) if body is None else body
    return (b"%PDF-1.5\n2 0 obj\n<< /Type /ObjStm /N 1 /First 4 " + dictionary
            + f" /Length {len(stream)} >>\nstream\r\n".encode() + stream + b"\nendstream\nendobj\n%%EOF\n")


@pytest.mark.parametrize(("data", "may"), [
    (_packed(b"<< /Type /Catalog /Pages 3 0 R >>"), False),
    (_packed(b"<</Type/Catalog/ReportgenReview(reportgen review)>>"), True),  # written again its own way
    (_packed(b"<< /Type /Catalog >>", b"/Filter [/FlateDecode]"), False),
    (_packed(b"<< /Type /Catalog >>", b"/Filter [/FlateDecode /ASCIIHexDecode]"), True),  # not decoded here
    (_packed(b"<< /Type /Catalog >>", b"/Filter /FlateDecode /DecodeParms << /Predictor 12 >>"), True),
    (_packed(b"", body=b"\x8f\x13 not a zlib stream (an encrypted file's)"), True),
    (_packed(b"", body=zlib.compress(b"1 0 << /Type /Catalog >>")[:-6]), True),  # cut short
])
def test_an_object_stream_not_decoded_or_holding_the_name_is_left_to_qpdf(data: bytes, may: bool) -> None:
    assert _may_be_marked(data) is may
