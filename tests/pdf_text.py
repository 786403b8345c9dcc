"""Reading back the PDFs we print: each page's size and its text (NFC, white space collapsed)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest

# The last fallback font (fonts-dejavu-core): a fifth wider than Times New Roman, for which the
# tables were laid out. Forms printed with it must read back the same.
DEJAVU_SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONTS = [None, pytest.param(DEJAVU_SERIF, id="dejavu", marks=pytest.mark.skipif(
    not Path(DEJAVU_SERIF).is_file(), reason="fonts-dejavu-core is not installed"))]


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
