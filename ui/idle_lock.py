"""Auto-lock after idle minutes: a counter PC stands in a public hall, and a desk left open shows
citizens' names, CCCD and phone numbers to whoever walks by."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from onestop.db.session import Database
from onestop.people.accounts import Actor
from onestop.ui.login_dialog import LoginDialog

INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                          QEvent.Type.Wheel, QEvent.Type.TouchBegin})


class UnlockDialog(LoginDialog):
    """The signed-in person's password, and nobody else's: what they were typing stays as it was.
    Failed attempts count towards the account's lockout like any login. Esc or the window's close
    button do nothing; only «Thoát chương trình» leaves."""

    leave_requested = Signal()

    def __init__(self, db: Database, clock: Callable[[], datetime], actor: Actor, minutes: int) -> None:
        super().__init__(db, clock, username=actor.username)
        self.setWindowTitle(self.tr("Máy đã khóa"))
        self.set_intro(self.tr("Máy tự khóa sau {minutes} phút không thao tác. Nhập mật khẩu của {name} để "
                               "làm tiếp; người khác thì thoát chương trình rồi đăng nhập lại.")
                       .format(minutes=minutes, name=actor.full_name))
        self.username.setReadOnly(True)
        self.ok.setText(self.tr("Mở khóa (Enter)"))
        leave = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        leave.setText(self.tr("Thoát chương trình"))
        leave.clicked.connect(self.leave_requested)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

    def reject(self) -> None:
        pass


class IdleLock(QObject):
    """Hides every window after `minutes()` without a key press, click or mouse move (0: never), and
    shows them again once the signed-in person types their password. `quit_requested` when they
    choose to leave instead."""

    quit_requested = Signal()

    def __init__(self, db: Database, clock: Callable[[], datetime], actor: Actor,
                 minutes: Callable[[], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.clock, self.actor, self.minutes = db, clock, actor, minutes
        self.dialog: UnlockDialog | None = None
        self._hidden: list[QWidget] = []
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.lock)
        QApplication.instance().installEventFilter(self)
        self.restart()

    def restart(self) -> None:
        minutes = self.minutes()
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.dialog is None and event.type() in INPUT_EVENTS:
            self.restart()
        return False

    def lock(self) -> None:
        if self.dialog is not None:
            return
        self._hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        self.dialog = UnlockDialog(self.db, self.clock, self.actor, self.minutes())
        self.dialog.accepted.connect(self._unlock)
        self.dialog.leave_requested.connect(self.quit_requested)
        self.dialog.show()

    def _unlock(self) -> None:
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.dialog.deleteLater()
        self.dialog = None
        self.restart()
