"""What the window does with an error nobody caught (raised inside a slot): the traceback goes to
the log file (onestop.installation.diagnostics), and the officer sees a message saying where it is."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from onestop.installation.diagnostics import install_excepthook

_shown: list[QMessageBox] = []  # kept alive while on screen


def install_crash_dialog(log_file: Path | None) -> None:
    def show(path: Path | None) -> None:
        # Not modal: the hook runs inside the failed slot, and a nested exec() there could block the
        # timers and the auto-lock; the window stays usable behind it.
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("crash", "Lỗi không mong muốn"),
                          QCoreApplication.translate(
                              "crash", "Đã xảy ra lỗi không mong muốn; những gì đã lưu trước đó không bị mất, thao "
                              "tác đang làm có thể chưa được lưu. Chi tiết đã được ghi vào {path}; hãy gửi tệp này "
                              "cho người quản trị.").format(path=path or "—"),
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setModal(False)
        box.finished.connect(lambda _=0, b=box: _shown.remove(b) if b in _shown else None)
        _shown.append(box)
        box.show()

    install_excepthook(log_file, show)
