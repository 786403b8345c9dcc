"""Signing in: the first start's administrator, then a login at every start."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from onestop.db.session import Database
from onestop.people.accounts import (
    MIN_PASSWORD,
    AccountError,
    Actor,
    authenticate,
    change_own_password,
    create_first_admin,
)
from onestop.ui.submit_dialog import SubmitDialog


def _field(dialog: SubmitDialog, label: str, name: str, secret: bool = False) -> QLineEdit:
    box = QLineEdit(dialog, objectName=name, maxLength=200)
    if secret:
        box.setEchoMode(QLineEdit.EchoMode.Password)
    dialog.form.addRow(label, box)
    return box


class LoginDialog(SubmitDialog):
    def __init__(self, db: Database, clock: Callable[[], datetime], parent: QWidget | None = None,
                 username: str = "") -> None:
        super().__init__(self._submit, self.tr("Đăng nhập (Enter)"), parent)
        self.db, self.clock = db, clock
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Đăng nhập"))
        self.set_intro(self.tr("Mọi thao tác được ghi tên người làm."))
        self.username = _field(self, self.tr("Tên đăng nhập"), "login_username")
        self.username.setText(username)
        self.password = _field(self, self.tr("Mật khẩu"), "login_password", secret=True)
        (self.password if username else self.username).setFocus()

    def _submit(self, _values: dict) -> str | None:
        try:
            self.actor = authenticate(self.db, self.username.text(), self.password.text(), self.clock())
        except AccountError as exc:
            self.password.clear()
            self.password.setFocus()
            return str(exc)
        return None


class FirstAdminDialog(SubmitDialog):
    def __init__(self, db: Database, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(self._submit, self.tr("Tạo tài khoản (Enter)"), parent)
        self.db, self.clock = db, clock
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Bước 1/2: Tạo tài khoản quản trị"))
        self.set_intro(self.tr("Chưa có tài khoản nào. Người cài đặt tạo tài khoản quản trị; sau đó quản trị tạo "
                               "tài khoản cho cán bộ và lãnh đạo. Chương trình không có mật khẩu mặc định."))
        self.username = _field(self, self.tr("Tên đăng nhập"), "admin_username")
        self.full_name = _field(self, self.tr("Họ và tên"), "admin_full_name")
        self.password = _field(self, self.tr("Mật khẩu (từ {n} ký tự)").format(n=MIN_PASSWORD), "admin_password", secret=True)
        self.again = _field(self, self.tr("Nhập lại mật khẩu"), "admin_password_again", secret=True)

    def reject(self) -> None:
        """Esc or «Hủy» at the first start closes the program: asked first, «Ở lại» the default."""
        box = self.quit_box = QMessageBox(QMessageBox.Icon.Question, self.tr("Thoát chương trình?"), self.tr(
            "Chưa có tài khoản quản trị nên chương trình sẽ đóng. Thoát?"), parent=self, objectName="quit_first_start")
        leave = box.addButton(self.tr("&Thoát"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("Ở &lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        if box.clickedButton() is leave:
            super().reject()

    def _submit(self, _values: dict) -> str | None:
        if self.password.text() != self.again.text():
            return self.tr("Hai lần nhập mật khẩu không giống nhau.")
        try:
            self.actor = create_first_admin(self.db, self.username.text(), self.full_name.text(),
                                            self.password.text(), self.clock())
        except AccountError as exc:
            return str(exc)
        return None


class ChangePasswordDialog(SubmitDialog):
    """The signed-in person's own password: the current one, then the new one twice."""

    def __init__(self, db: Database, clock: Callable[[], datetime], actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(self._submit, self.tr("Đổi mật khẩu (Enter)"), parent)
        self.db, self.clock, self.actor = db, clock, actor
        self.setWindowTitle(self.tr("Đổi mật khẩu"))
        self.set_intro(self.tr("Tài khoản {user} ({name}). Mật khẩu mới từ {n} ký tự, không dùng mật khẩu phổ biến hay "
                               "tên đăng nhập; chỉ người dùng biết.")
                       .format(user=actor.username, name=actor.full_name, n=MIN_PASSWORD))
        self.current = _field(self, self.tr("Mật khẩu hiện tại"), "current_password", secret=True)
        self.password = _field(self, self.tr("Mật khẩu mới"), "new_password", secret=True)
        self.again = _field(self, self.tr("Nhập lại mật khẩu mới"), "new_password_again", secret=True)

    def _submit(self, _values: dict) -> str | None:
        if self.password.text() != self.again.text():
            return self.tr("Hai lần nhập mật khẩu mới không giống nhau.")
        try:
            change_own_password(self.db, self.actor, self.current.text(), self.password.text(), self.clock())
        except AccountError as exc:
            self.current.clear()
            self.current.setFocus()
            return str(exc)
        return None


def sign_in(db: Database, clock: Callable[[], datetime], has_accounts: bool, username: str = "") -> Actor | None:
    """The first start's administrator, or a login; None when the person gives up."""
    dialog = LoginDialog(db, clock, username=username) if has_accounts else FirstAdminDialog(db, clock)
    return dialog.actor if dialog.exec() else None
