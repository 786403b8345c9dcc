"""Guards against a Qt binding that corrupts Python's reference counts (PySide6 6.12.0 on 3.11)."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit


def test_void_qt_calls_do_not_leak_references_to_none(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for _ in range(200):
        edit.setText("x")
    # Immortal None (3.12+) keeps a fixed count; on 3.11 it must come back where it was.
    assert abs(sys.getrefcount(None) - before) < 50
