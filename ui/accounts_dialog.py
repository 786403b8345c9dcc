"""Accounts, for the administrator: add one, set a password (which also unlocks), close or reopen."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from onestop.clock.calendar import TZ
from onestop.db.session import Database
from onestop.formatting import short_time
from onestop.people.accounts import (
    ROLES,
    AccountError,
    Actor,
    create_account,
    list_accounts,
    set_active,
    set_password,
)
from onestop.ui.labels import tr_label
from onestop.ui.submit_dialog import error_style


class AccountsDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime], parent=None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.clock = db, actor, clock
        self.setWindowTitle(self.tr("Tài khoản"))
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5, self, objectName="accounts_table")
        self.table.setHorizontalHeaderLabels([self.tr("Tên đăng nhập"), self.tr("Họ và tên"), self.tr("Vai trò"),
                                              self.tr("Tình trạng"), self.tr("Tạm khóa đến")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for label, slot in ((self.tr("Đặt lại mật khẩu…"), self.reset_password),
                            (self.tr("Khóa / mở tài khoản"), self.toggle_active)):
            button = QPushButton(label, self, autoDefault=False)  # Enter in the form must not reset a password
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        form = QFormLayout()
        self.username = QLineEdit(self, objectName="new_username", maxLength=60)
        self.full_name = QLineEdit(self, objectName="new_full_name", maxLength=200)
        self.role = QComboBox(self, objectName="new_role")
        for key, label in ROLES.items():
            self.role.addItem(tr_label(label), key)
        self.password = QLineEdit(self, objectName="new_password", maxLength=200,
                                  echoMode=QLineEdit.EchoMode.Password)
        for label, box in ((self.tr("Tên đăng nhập"), self.username), (self.tr("Họ và tên"), self.full_name),
                           (self.tr("Vai trò"), self.role), (self.tr("Mật khẩu ban đầu"), self.password)):
            form.addRow(label, box)
        add = QPushButton(self.tr("Thêm tài khoản"), self, objectName="add_account", autoDefault=False)
        add.clicked.connect(self.add)
        for box in (self.username, self.full_name, self.password):
            box.returnPressed.connect(self.add)  # Enter in the new account's fields adds it
        form.addRow("", add)
        layout.addLayout(form)
        self.error = QLabel(self, objectName="accounts_error", wordWrap=True, styleSheet=error_style())
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        with self.db.read() as session:
            accounts = list_accounts(session)
        now = self.clock()
        self.table.setRowCount(len(accounts))
        for r, a in enumerate(accounts):
            locked = short_time(a.locked_until, TZ) if a.locked_until and a.locked_until > now else ""
            for c, text in enumerate((a.username, a.full_name, tr_label(ROLES[a.role]),
                                      self.tr("Đang dùng") if a.active else self.tr("Đã khóa"), locked)):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except AccountError as exc:
            self.error.setText(str(exc))
            return False
        self.error.clear()
        self.refresh()
        return True

    def _selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def add(self) -> None:
        if self._run(lambda: create_account(self.db, self.actor, self.username.text(), self.full_name.text(),
                                            self.role.currentData(), self.password.text(), self.clock())):
            for box in (self.username, self.full_name, self.password):
                box.clear()

    def reset_password(self) -> None:
        username = self._selected()
        if username is None:
            return
        password, ok = QInputDialog.getText(self, self.tr("Đặt lại mật khẩu"),
                                            self.tr("Mật khẩu mới cho {user}:").format(user=username),
                                            QLineEdit.EchoMode.Password)
        if ok:
            self._run(lambda: set_password(self.db, self.actor, username, password, self.clock()))

    def toggle_active(self) -> None:
        username = self._selected()
        if username is None:
            return
        active = self.table.item(self.table.currentRow(), 3).text() != self.tr("Đang dùng")
        self._run(lambda: set_active(self.db, self.actor, username, active, self.clock()))
