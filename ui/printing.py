"""Our ReportLab PDFs on paper: straight to this desk's printer, or through Qt's preview.

The printer is chosen per desk (each counter PC has its own), in desk.ini (onestop.ui.desk_settings)."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSizeF, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QWidget

from onestop.ui.desk_settings import desk, keep

_DPI = 300
_PRINTER, _PREVIEW = "printing/printer", "printing/preview"


def chosen_printer() -> str:
    """The printer chosen for this desk; "" for the system's default."""
    return str(desk().value(_PRINTER, ""))


def preview_first() -> bool:
    return desk().value(_PREVIEW, False, type=bool)


def choose_printing(printer: str, preview: bool) -> None:
    """Raises OSError when desk.ini cannot be written."""
    keep({_PRINTER: printer, _PREVIEW: preview})


def printer_names() -> list[str]:
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def desk_printer() -> QPrinter | None:
    """The chosen printer, else the system's default; None when this PC has none (or the chosen one is gone)."""
    name = chosen_printer()
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    return None if info.isNull() else QPrinter(info, QPrinter.PrinterMode.HighResolution)


def load_pdf(pdf: bytes, parent=None) -> QPdfDocument:
    doc = QPdfDocument(parent)
    buffer = QBuffer(doc)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    return doc


def paint_pdf(doc: QPdfDocument, printer: QPrinter) -> bool:
    """Draws each PDF page, rendered at print resolution, onto the printer's pages; False if the
    printer refused the job (offline, gone, a file it cannot write)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
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
    return printer.printerState() != QPrinter.PrinterState.Error


def _set_up(printer: QPrinter, paper: str, title: str) -> QPrinter:
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A5 if paper == "A5" else QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF carries its own margins
    # The print dialog proposes docName as the file name minus its last ".suffix": without ".pdf" the code
    # 000.00.12.H26-260528-2312 lost its tail and every receipt proposed "… 000.00.12.pdf".
    printer.setDocName(f"{title}.pdf")
    return printer


def print_on(printer: QPrinter, pdf: bytes, paper: str, title: str) -> bool:
    """Prints without asking (Ctrl+P at the counter); False if the printer refused the job."""
    return paint_pdf(load_pdf(pdf), _set_up(printer, paper, title))


def preview_and_print(parent: QWidget, pdf: bytes, paper: str, title: str) -> None:
    """Qt's preview at the page's width; Ctrl+P in it prints and closes it."""
    doc = load_pdf(pdf, parent)
    printer = _set_up(desk_printer() or QPrinter(QPrinter.PrinterMode.HighResolution), paper, title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowState(Qt.WindowState.WindowMaximized)
    dialog.paintRequested.connect(lambda p: paint_pdf(doc, p))
    dialog.findChild(QPrintPreviewWidget).fitToWidth()  # it opened at 38 %, too small to check a name
    QShortcut(QKeySequence.StandardKey.Print, dialog, lambda: paint_pdf(doc, printer) and dialog.accept())
    dialog.exec()
