"""The two logs, for supervisors and administrators: changes to accounts, the catalogue and the
settings; exports and prints of personal data (Nghị định 13/2023/NĐ-CP). Read only, newest first."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout

from onestop.clock.calendar import TZ
from onestop.db.session import Database
from onestop.people.accounts import Actor
from onestop.people.admin_log import log_entries

SHOWN = 500  # the newest; `onestop log … --limit N` reads further back


class LogsDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nhật ký"))
        self.resize(980, 560)
        self.tabs = QTabWidget(self)
        QVBoxLayout(self).addWidget(self.tabs)
        for which, title, what in (("admin", self.tr("Quản trị: tài khoản, danh mục, cài đặt"), self.tr("Việc")),
                                   ("exports", self.tr("Xuất, in dữ liệu cá nhân"), self.tr("Tệp, giấy tờ"))):
            self.tabs.addTab(self._table(log_entries(db, actor, which, SHOWN), what, which), title)

    def _table(self, rows: list, what: str, name: str) -> QTableWidget:
        table = QTableWidget(len(rows), 4, self, objectName=f"{name}_log")
        table.setHorizontalHeaderLabels([self.tr("Thời điểm"), self.tr("Người thực hiện"), what, self.tr("Chi tiết")])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        for r, (at, user, action, detail) in enumerate(rows):
            for c, value in enumerate((f"{at.astimezone(TZ):%H:%M %d/%m/%Y}", user, action, detail)):
                table.setItem(r, c, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        return table
