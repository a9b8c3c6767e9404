"""A PDF read: its words with their boxes (poppler), the pages it shows text on (clips, turned pages), its scanned
pages read by OCR, a damaged file rebuilt, and its tables as grids. Nothing here reads any other format.

Its face (``module.name``: a function named as its module, which the package offers as that module):

    pdf_words.pdf_words, layout_text, lines_of_pages, words_of_pages, Word, PdfNotRead
                                            a PDF's words and lines, read once per process (pdf_words)
    read_pdf                                a PDF's tables as grids, and its lines (pdf_tables; the tables/ room finds them)
    scanned_pages, shared_readings          its scanned pages read by OCR, kept once per run (pdf_ocr)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.readers.pdf.pdf_ocr import scanned_pages as scanned_pages
    from reportgen.readers.pdf.pdf_ocr import shared_readings as shared_readings
    from reportgen.readers.pdf.pdf_tables import read_pdf as read_pdf
    from reportgen.readers.pdf.pdf_words import PdfNotRead as PdfNotRead
    from reportgen.readers.pdf.pdf_words import Word as Word
    from reportgen.readers.pdf.pdf_words import layout_text as layout_text
    from reportgen.readers.pdf.pdf_words import lines_of_pages as lines_of_pages
    from reportgen.readers.pdf.pdf_words import words_of_pages as words_of_pages

__all__, __getattr__ = face(__name__, {
    "pdf_words": ("layout_text", "lines_of_pages", "words_of_pages", "Word", "PdfNotRead",),
    "pdf_tables": ("read_pdf",),
    "pdf_ocr": ("scanned_pages", "shared_readings",),
})
