"""The shape every small confirming dialog shares: intro, form, inline error, OK (Enter), Cancel (Esc).

`submit` receives values() and returns a message to show inside the dialog (it stays open and
nothing typed is lost) or None to close it. Ctrl+Enter confirms from a box of several lines.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


def _dark_palette() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def error_style(bold: bool = False) -> str:
    """A red that reads on the palette in use (contrast ≥ 4.5 on either): #b00020 was 2.2 on a dark one."""
    return f"color: {'#ff8a80' if _dark_palette() else '#b00020'};" + (" font-weight: bold;" if bold else "")


def done_style() -> str:
    return f"color: {'#81c784' if _dark_palette() else '#1b5e20'};"


Submit = Callable[[dict], "str | None"]


class SubmitDialog(QDialog):
    def __init__(self, submit: Submit, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        self.layout_ = QVBoxLayout(self)
        self.intro = QLabel(self, objectName="intro", wordWrap=True)
        self.intro.hide()
        self.layout_.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.addLayout(self.form)
        self.error = QLabel(self, objectName="error", wordWrap=True)
        self.error.setStyleSheet(error_style())
        self.error.hide()
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.ok.setObjectName("ok")
        self.ok.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Hủy (Esc)"))
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.accept)
        self.setMinimumWidth(520)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Opens in the first field: the buttons come first in the widget order, and a name typed with a
        space while the focus sat on «Hủy» pressed it."""
        super().showEvent(event)
        chosen = self.focusWidget()
        if chosen is not None and chosen not in self.buttons.buttons():  # the dialog chose (login: the password)
            return
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if widget is not None and widget.isEnabled() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widget.setFocus()
                return

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def values(self) -> dict:
        return {}

    def accept(self) -> None:
        message = self.submit(self.values())
        if message:
            self.show_error(message)
            return
        super().accept()


def add_checked_row(form: QFormLayout, key: str, label: str, widget: QWidget) -> QLabel:
    """A form row whose field has its own red message under it (hidden until set); returns the label."""
    parent = form.parentWidget()
    box = QWidget(parent)
    inner = QVBoxLayout(box)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.addWidget(widget)
    error = QLabel(parent, objectName=f"error_{key}")
    error.setStyleSheet(error_style())
    error.hide()
    inner.addWidget(error)
    form.addRow(label, box)
    return error
