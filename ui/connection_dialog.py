"""The desk's connection to the site's PostgreSQL database: typed, tried, and kept for next start."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onestop.db.session import default_url, store_url, stored_url
from onestop.installation.bootstrap import DatabaseUnavailable
from onestop.installation.connection import (
    DEFAULT_PORT,
    ConnectionSettingsError,
    ServerAddress,
    address_of,
    check_connection,
    remember_password,
    server_address,
)
from onestop.ui.submit_dialog import add_checked_row, done_style, error_style


class ConnectionDialog(QDialog):
    """Server, port, database, user and password; «Kiểm tra kết nối» tries them, «Lưu» keeps them.

    After «Lưu», `url` is the address to use now (with the password); the desk keeps it without
    (db.session.store_url; libpq reads the password from pgpass or PGPASSWORD)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url: str | None = None
        self.setWindowTitle(self.tr("Kết nối cơ sở dữ liệu"))
        stored = address_of(stored_url() or "")
        self.host = QLineEdit(stored.host if stored else "", self, objectName="host", maxLength=255)
        self.host.setPlaceholderText(self.tr("tên máy hoặc địa chỉ IP, ví dụ 192.168.1.10"))
        self.port = QLineEdit(str(stored.port if stored else DEFAULT_PORT), self, objectName="port", maxLength=5)
        self.database = QLineEdit(stored.database if stored else "", self, objectName="database", maxLength=64)
        self.database.setPlaceholderText("onestop")
        self.user = QLineEdit(stored.user if stored else "", self, objectName="user", maxLength=64)
        self.user.setPlaceholderText("onestop")
        self.password = QLineEdit(self, objectName="password", maxLength=200)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Nhớ mật khẩu trong tệp pgpass của người dùng này trên máy"), self,
                                  objectName="remember", checked=True)
        note = QLabel(self.tr("Mật khẩu không được lưu trong cài đặt của chương trình: PostgreSQL đọc nó từ tệp "
                              "pgpass (chỉ người dùng này đọc được) hoặc từ biến môi trường PGPASSWORD."), self)
        note.setWordWrap(True)
        self.outcome = QLabel(self, objectName="outcome", wordWrap=True,
                             textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.errors: dict[str, QLabel] = {}
        for key, label, widget in (("host", self.tr("Máy chủ"), self.host), ("port", self.tr("Cổng"), self.port),
                                   ("database", self.tr("Tên cơ sở dữ liệu"), self.database),
                                   ("user", self.tr("Người dùng"), self.user),
                                   ("password", self.tr("Mật khẩu"), self.password)):
            self.errors[key] = add_checked_row(form, key, label, widget)
        layout.addWidget(self.remember)
        layout.addWidget(note)
        layout.addWidget(self.outcome)
        buttons = QDialogButtonBox(self)
        self.check_button = QPushButton(self.tr("Kiểm tra kết nối"), self, objectName="check_button")
        self.check_button.clicked.connect(self.check)
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.local_button = QPushButton(self.tr("Dùng SQLite trên máy này"), self, objectName="local_button")
        self.local_button.setToolTip(self.tr("Bỏ kết nối đã lưu: bàn này dùng lại cơ sở dữ liệu trên máy"))
        self.local_button.clicked.connect(self.use_local)
        buttons.addButton(self.local_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.save_button = buttons.addButton(self.tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save_button")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def _address(self) -> ServerAddress | None:
        """The typed address, or None with every problem shown next to its field."""
        try:
            address = server_address(self.host.text(), self.port.text(), self.database.text(), self.user.text())
        except ConnectionSettingsError as exc:
            self._show_errors(exc.errors)
            self._show_result("", ok=True)
            return None
        self._show_errors({})
        return address

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)

    def _show_result(self, text: str, *, ok: bool) -> None:
        self.outcome.setStyleSheet(done_style() if ok else error_style())
        self.outcome.setText(text)

    def check(self) -> None:
        """Connects once with what is typed and says what the server answered."""
        address = self._address()
        if address is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            version = check_connection(address.url(self.password.text()))
        except DatabaseUnavailable as exc:
            self._show_result(str(exc), ok=False)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._show_result(self.tr("Kết nối được: {version}.").format(version=version), ok=True)

    def save(self) -> None:
        address = self._address()
        if address is None:
            return
        password = self.password.text()
        if password and self.remember.isChecked():
            try:
                remember_password(address, password)
            except OSError as exc:
                self._show_result(self.tr("Không ghi được mật khẩu vào tệp pgpass: {error}").format(error=exc),
                                  ok=False)
                return
        try:
            store_url(address.url())
        except OSError as exc:
            self._show_result(self.tr("Không ghi được tệp cấu hình kết nối: {error}").format(error=exc), ok=False)
            return
        self.url = address.url(password)
        self.accept()

    def use_local(self) -> None:
        store_url(None)
        self.url = None
        self.accept()


def change_connection(parent: QWidget) -> None:
    """From the running window: the new connection is used from the next start."""
    if ConnectionDialog(parent).exec():
        QMessageBox.information(
            parent, QCoreApplication.translate("ConnectionDialog", "Kết nối cơ sở dữ liệu"),
            QCoreApplication.translate("ConnectionDialog",
                                       "Đã lưu cho bàn này. Chương trình dùng cơ sở dữ liệu mới từ lần khởi động "
                                       "sau (--database hoặc ONESTOP_DATABASE_URL, nếu có, vẫn được ưu tiên)."))


def offer_connection(message: str) -> str | None:
    """At start, when the database cannot be opened: says why and offers the dialog.

    Returns the database to try now, or None to give up."""
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("ConnectionDialog", "Không mở được cơ sở dữ liệu"), message)
    connect = box.addButton(QCoreApplication.translate("ConnectionDialog", "Kết nối cơ sở dữ liệu…"),
                            QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not connect:
        return None
    dialog = ConnectionDialog()
    if not dialog.exec():
        return None
    return dialog.url or default_url()
