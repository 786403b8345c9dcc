"""Preview and print our ReportLab PDFs through Qt's own print dialogs."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

_DPI = 300


def load_pdf(pdf: bytes, parent=None) -> QPdfDocument:
    doc = QPdfDocument(parent)
    buffer = QBuffer(doc)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    return doc


def paint_pdf(doc: QPdfDocument, printer: QPrinter) -> None:
    """Draws each PDF page, rendered at print resolution, onto the printer's pages."""
    painter = QPainter(printer)
    try:
        for index in range(doc.pageCount()):
            if index:
                printer.newPage()
            points = doc.pagePointSize(index)
            target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
            scale = min(target.width() / points.width(), target.height() / points.height())
            size = QSizeF(points.width() * scale, points.height() * scale)
            image = doc.render(index, (points * _DPI / 72).toSize())
            painter.drawImage(QRectF(target.topLeft(), size), image)
    finally:
        painter.end()


def preview_and_print(parent: QWidget, pdf: bytes, paper: str, title: str) -> None:
    doc = load_pdf(pdf, parent)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A5 if paper == "A5" else QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda p: paint_pdf(doc, p))
    dialog.exec()
