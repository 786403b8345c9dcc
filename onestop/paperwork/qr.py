"""QR code as vector PDF content, built from the `qrcode` package's matrix.

Vector squares stay sharp on any printer (thermal, laser) and keep the PDF
small; ReportLab's own QR widget is not used so encoding options stay ours.
"""

from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

__all__ = ["QRFlowable", "qr_flowable", "qr_matrix"]

QUIET_ZONE = 4  # modules, as required by ISO/IEC 18004


def qr_matrix(payload: str, border: int = QUIET_ZONE) -> list[list[bool]]:
    """Module matrix (True = dark) including the quiet zone."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border, box_size=1)
    qr.add_data(payload)
    qr.make(fit=True)  # also picks the lowest-penalty mask, as the standard asks
    return qr.get_matrix()


def _runs(matrix: list[list[bool]]) -> list[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules."""
    runs = []
    for y, row in enumerate(matrix):
        x, n = 0, len(row)
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                runs.append((y, start, x - start))
            else:
                x += 1
    return runs


@lru_cache(maxsize=64)
def _symbol(payload: str, border: int) -> tuple[int, str]:
    """(modules per side, PDF path operators in module units).

    Cached because reprints reuse the payload; building the operator string
    directly avoids ReportLab formatting hundreds of floats per symbol.
    """
    matrix = qr_matrix(payload, border)
    n = len(matrix)
    ops = " ".join(f"{x} {n - 1 - y} {length} 1 re" for y, x, length in _runs(matrix))
    return n, ops


class QRFlowable(Flowable):
    """Square QR symbol of side `size` points; the quiet zone is inside that square."""

    def __init__(self, payload: str, size: float, border: int = QUIET_ZONE) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.modules, self._ops = _symbol(payload, border)
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c = self.canv
        m = self.size / self.modules
        c.saveState()
        c.setFillColorRGB(0, 0, 0)
        # Scale to module units, then one path of integer rects and a single fill.
        c.transform(m, 0, 0, m, 0, 0)
        if self._ops:
            c.addLiteral(self._ops + " f")
        c.restoreState()


def qr_flowable(payload: str, size_mm: float) -> QRFlowable:
    """QR code flowable (error correction M, 4-module quiet zone), size_mm wide."""
    if not payload:
        raise ValueError("QR payload must not be empty")
    return QRFlowable(payload, size_mm * mm)
