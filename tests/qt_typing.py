"""Typing into Qt widgets the way people do, Vietnamese included.

qtbot.keyClicks aborts on any non-ASCII character (PITFALLS.md), so each character goes as a
key event carrying its text, or the whole word as an input method commit (Unikey, EVKey).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def type_keys(widget: QWidget, text: str) -> None:
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key(0), ch, Qt.KeyboardModifier.NoModifier)


def type_ime(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)


def answer_next_box(key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> list[str]:
    """Presses `key` in the next modal box once it is up; returns what the box said (nothing if none came).
    A key the box ignores closes it unanswered and says so, rather than leaving the test hanging."""
    said: list[str] = []

    def answer(tries: int = 50) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        if not box.isActiveWindow() and tries:  # as a person would: keys reach the box once it is active
            box.activateWindow()
            QTimer.singleShot(10, box, lambda: answer(tries - 1))
            return
        said.append(f"{box.text()}\n{box.informativeText()}")
        press(box, key, modifier)

        def unanswered() -> None:  # a mnemonic clicks its button after a short animation
            if box.isVisible():
                said.append("the key did nothing")
                box.done(0)
        QTimer.singleShot(1000, box, unanswered)  # bound to the box: gone with it
    QTimer.singleShot(0, answer)
    return said
