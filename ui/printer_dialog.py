"""This desk's printer: chosen once, then Ctrl+P prints without a dialog."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QMessageBox

from onestop.ui.printing import choose_printing, chosen_printer, preview_first, printer_names


class PrinterDialog(QDialog):
    def __init__(self, paper: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Máy in của bàn này"))
        form = QFormLayout(self)
        self.printer = QComboBox(self, objectName="printer")
        self.printer.addItem(self.tr("Máy in mặc định của máy tính"), "")
        for name in printer_names():
            self.printer.addItem(name, name)
        chosen = chosen_printer()
        if chosen and self.printer.findData(chosen) < 0:  # chosen once, since removed: still said, not lost
            self.printer.addItem(self.tr("{name} (không còn trên máy này)").format(name=chosen), chosen)
        self.printer.setCurrentIndex(max(self.printer.findData(chosen), 0))
        self.preview = QCheckBox(self.tr("Xem trước mỗi lần in"), self, objectName="preview", checked=preview_first())
        form.addRow(self.tr("Máy in"), self.printer)
        form.addRow(self.tr("Khổ giấy"), QLabel(self.tr("{paper} (đổi trong «Cài đặt»)").format(paper=paper), self))
        form.addRow("", self.preview)
        form.addRow("", QLabel(self.tr("Ctrl+P in ngay ra máy in này; Ctrl+Shift+P xem trước rồi in."), self))
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            choose_printing(self.printer.currentData(), self.preview.isChecked())
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Không lưu được"),
                                self.tr("Không ghi được tệp {path}: hãy kiểm tra thư mục dữ liệu.").format(path=exc))
            return
        self.accept()
