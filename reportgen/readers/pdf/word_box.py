"""A word printed on a PDF page and its box, in points from the page's top left: what pdftotext's
-bbox reading (readers/pdf_words.py) and OCR of a scanned page (readers/pdf_ocr.py) both give."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Word:
    left: float
    top: float
    right: float
    bottom: float
    text: str

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top
