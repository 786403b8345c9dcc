"""Reading back the PDFs we print: each page's size and its text (NFC, white space collapsed)."""
from __future__ import annotations

import re
import unicodedata

import pypdfium2 as pdfium


def pdf_pages(pdf: bytes) -> list[tuple[float, float, str]]:
    """(width, height, NFC text with white space collapsed) of each page."""
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            textpage = page.get_textpage()
            text = unicodedata.normalize("NFC", textpage.get_text_range())
            width, height = page.get_size()
            out.append((width, height, re.sub(r"\s+", " ", text)))
            textpage.close()
            page.close()
        return out
    finally:
        doc.close()
