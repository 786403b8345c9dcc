"""The counter's main window: intake, the queue with its lists, search and the scan box."""
from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabBar,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from onestop.db.session import Database, data_dir
from onestop.dossiers.queue import VIEW_LABELS, View
from onestop.office.codes import extract_code
from onestop.office.site import Site, load_site
from onestop.paperwork.issue import print_paper
from onestop.paperwork.receipts import DossierNotFound, load_dossier
from onestop.people.accounts import Actor
from onestop.ui.alerts import Alerts
from onestop.ui.connection_dialog import change_connection
from onestop.ui.desk_settings import TEXT_SIZES, desk, keep, text_size
from onestop.ui.dossier_window import DossierWindow
from onestop.ui.errors import SAID, message
from onestop.ui.intake_form import IntakeForm
from onestop.ui.labels import tr_label
from onestop.ui.logs_dialog import LogsDialog
from onestop.ui.printer_dialog import PrinterDialog
from onestop.ui.printing import desk_printer, preview_and_print, preview_first, print_on
from onestop.ui.queue_model import AMBER, DEEP_RED, RED, QueueModel
from onestop.ui.settings_dialog import SettingsDialog

VIEWS = list(View)


class MainWindow(QMainWindow):
    def __init__(self, db: Database, site: Site, clock: Callable[[], datetime], officer: str, *,
                 alert_minutes: float = 3, actor: Actor | None = None) -> None:
        super().__init__()
        self.db, self.site, self.clock = db, site, clock
        # Signed in (ui/app.py): the account's name on every event. Without an account (tests, tools) the
        # desk's typed name, with every permission.
        self.actor = actor or Actor(officer, officer, "admin")
        self.signed_in = actor is not None
        self.officer_box = QLineEdit(self.actor.full_name if actor else officer, self, objectName="officer_box",
                                     maxLength=100, readOnly=self.signed_in)
        # Every paper goes through print_handler (tests replace it): straight to this desk's printer
        # (desk_printer, a PDF printer in tests) unless the desk asked for the preview first.
        self.print_handler: Callable[[QWidget, bytes, str, str], None] = self.print_now
        self.preview_handler: Callable[[QWidget, bytes, str, str], None] = preview_and_print
        self.desk_printer: Callable[[], QPrinter | None] = desk_printer
        self.print_error: QMessageBox | None = None
        self.setWindowTitle(self.tr("Một cửa — {agency}").format(agency=site.paper_agency.name))
        self._restore_geometry()

        self.tabs = QTabWidget(self)
        self.intake = IntakeForm(db, site, clock, self.acting, self)
        self.intake.saved.connect(self._after_save)
        self.intake.print_requested.connect(self.print_receipt)
        self.intake.preview_requested.connect(lambda code: self.print_receipt(code, preview=True))
        self.intake.slip_print_requested.connect(self.print_slip)  # Mẫu 02 / 03 handed out at reception
        self.tabs.addTab(self.intake, self.tr("Tiếp nhận hồ sơ (F2)"))
        self.tabs.addTab(self._build_queue(), self.tr("Theo dõi hồ sơ (F3)"))
        # The supervisor's desk (and QtCharts) is built when first opened: counters start sooner.
        self.desk_tab = QWidget(self)
        QVBoxLayout(self.desk_tab).setContentsMargins(0, 0, 0, 0)
        self._desk = None
        self.tabs.addTab(self.desk_tab, self.tr("Giám sát (F5)"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self._build_toolbar()
        # Older eyes: Ctrl+= / Ctrl+- / Ctrl+0 scale every text, kept per account on this desk.
        for keys, step in (("Ctrl+=", 1), ("Ctrl++", 1), ("Ctrl+-", -1), ("Ctrl+0", 0)):
            QShortcut(QKeySequence(keys), self, lambda step=step: self.change_text_size(step))
        self.text_size = 100
        self.apply_text_size(text_size(self.actor.username))
        self.counts_label = QLabel(self, objectName="counts_label")
        self.statusBar().addPermanentWidget(self.counts_label)
        if not site.configured:
            self.statusBar().showMessage(self.tr("Chưa cấu hình cơ quan: giấy tờ in ra ghi «CHƯA CẤU HÌNH CƠ QUAN» cho "
                                                 "đến khi lưu «Cài đặt»."), 120_000)
        self.dossier_window: DossierWindow | None = None
        self.alerts = Alerts(db, site, clock, self.counts_label, self, interval_minutes=alert_minutes)
        self.alerts.counted.connect(self._show_counts)
        self.alerts.start()
        self.model.show_view(View.OPEN)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Công cụ"), self)
        bar.setMovable(False)
        self.addToolBar(bar)
        intake = QAction(self.tr("Tiếp nhận"), self, shortcut=QKeySequence("F2"))
        intake.triggered.connect(lambda: (self.tabs.setCurrentIndex(0), self.intake.procedure_search.setFocus()))
        queue_action = QAction(self.tr("Theo dõi"), self, shortcut=QKeySequence("F3"))
        queue_action.triggered.connect(lambda: (self.tabs.setCurrentIndex(1), self.search_box.setFocus()))
        scan_action = QAction(self.tr("Quét mã"), self, shortcut=QKeySequence("F4"))
        scan_action.triggered.connect(lambda: self.scan_box.setFocus())
        desk_action = QAction(self.tr("Giám sát"), self, shortcut=QKeySequence("F5"))
        desk_action.triggered.connect(self.show_desk)
        settings = QAction(self.tr("Cài đặt"), self, objectName="settings_action",
                           enabled=self.actor.may("change_settings"))
        settings.triggered.connect(self.open_settings)
        accounts = QAction(self.tr("Tài khoản"), self, objectName="accounts_action",
                           visible=self.actor.may("manage_accounts"))
        accounts.triggered.connect(self.open_accounts)
        logs = QAction(self.tr("Nhật ký"), self, objectName="logs_action", visible=self.actor.may("view_logs"))
        logs.triggered.connect(lambda: LogsDialog(self.db, self.actor, self).exec())
        printer = QAction(self.tr("Máy in"), self, objectName="printer_action")
        printer.triggered.connect(lambda: PrinterDialog(self.site.settings.paper_size, self).exec())
        for action in (intake, queue_action, scan_action, desk_action, settings, printer, accounts, logs):
            bar.addAction(action)
        password = QAction(self.tr("Đổi mật khẩu"), self, objectName="password_action", visible=self.signed_in)
        password.triggered.connect(self.change_password)
        bar.addAction(password)
        # Per desk (database_url.txt in the data folder): which database this desk opens from its next start.
        connection = QAction(self.tr("Kết nối cơ sở dữ liệu…"), self, objectName="connection_action",
                             enabled=self.actor.may("change_settings"))
        connection.triggered.connect(lambda: change_connection(self))
        bar.addAction(connection)
        # The officer and the scan box on a row of their own: in one crowded row the toolbar's overflow
        # hid the box behind «»» at 1366 px, and a code scanned then went nowhere.
        self.addToolBarBreak()
        bar = QToolBar(self.tr("Cán bộ và quét mã"), self, objectName="scan_bar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(self.tr(" Cán bộ: ")))
        self.officer_box.setMaximumWidth(180)
        bar.addWidget(self.officer_box)
        bar.addWidget(QLabel(self.tr(" Quét mã QR (F4): ")))
        self.scan_box = QLineEdit(self, objectName="scan_box", maxLength=500)
        self.scan_box.setPlaceholderText(self.tr("Đưa biên nhận vào máy quét hoặc gõ mã hồ sơ rồi Enter"))
        self.scan_box.setMinimumWidth(380)
        self.scan_box.returnPressed.connect(self._scanned)
        bar.addWidget(self.scan_box)

    def _build_queue(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.view_tabs = QTabBar(page, objectName="view_tabs", expanding=False, usesScrollButtons=False)
        for view in VIEWS:
            self.view_tabs.addTab(tr_label(VIEW_LABELS[view]))
        self.view_tabs.currentChanged.connect(lambda i: self._show_view(VIEWS[i]))
        top.addWidget(self.view_tabs)
        top.addStretch(1)
        # The search on a row of its own: beside the six lists it made the window 1,222 px at least, and
        # at 1,024 px its right third was cut off.
        search_row = QHBoxLayout()
        self.search_box = QLineEdit(page, objectName="search_box", maxLength=200)
        self.search_box.setPlaceholderText(self.tr("Tìm theo mã, tên (không cần dấu), điện thoại, CCCD…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(self._search)
        self.search_box.textChanged.connect(lambda t: None if t else self._show_view(VIEWS[self.view_tabs.currentIndex()]))
        search_row.addWidget(self.search_box)
        layout.addLayout(search_row)
        layout.addLayout(top)
        self.model = QueueModel(self.db, self.site, self.clock, self)
        self.table = QTableView(page, objectName="queue_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 210), (1, 180), (3, 130), (4, 130), (5, 160), (6, 120)):
            self.table.setColumnWidth(column, width)
        # activated: Enter, and the double click (which also emits it) — connecting both opened it twice.
        self.table.activated.connect(lambda index: self.open_dossier(self.model.rows[index.row()].code))
        layout.addWidget(self.table)
        swatch = '<span style="background:{0}; color:#1a1a1a;">&nbsp;{1}&nbsp;</span>'
        self.legend = QLabel("&nbsp;&nbsp;".join(swatch.format(colour.name(), text) for colour, text in (
            (AMBER, self.tr("sắp đến hạn")), (RED, self.tr("quá hạn hẹn trả")),
            (DEEP_RED, self.tr("<b>quá thời hạn quy định</b>")))), page, objectName="queue_legend")
        layout.addWidget(self.legend)
        return page

    @property
    def desk(self):
        if self._desk is None:
            from onestop.ui.supervisor_desk import SupervisorDesk

            self._desk = SupervisorDesk(self.db, self.site, self.clock, self.desk_tab, actor=self.actor)
            self._desk.open_requested.connect(self.open_dossier)
            self._desk.saved.connect(
                lambda path: self.statusBar().showMessage(self.tr("Đã lưu {path}.").format(path=path), 8000))
            self.desk_tab.layout().addWidget(self._desk)
        return self._desk

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.desk_tab:
            self.desk  # noqa: B018 - builds it; shown, it computes its first page

    def show_desk(self) -> None:
        """F5: the supervisor's desk, recomputed when already in view."""
        if self.tabs.currentWidget() is self.desk_tab:
            self.desk.refresh()
        self.tabs.setCurrentWidget(self.desk_tab)

    def officer(self) -> str:
        """Who is at this desk: recorded on every event and printed on the receipt."""
        return self.officer_box.text().strip() or getpass.getuser()

    def acting(self) -> Actor:
        """The person acting at this desk: the signed-in account, else an officer known by the typed name
        (who sees personal data whole and follows the officer's rules, as before accounts existed)."""
        return self.actor if self.signed_in else Actor.named(self.officer())

    # ---- lists and counts -----------------------------------------------------------------
    def _show_view(self, view: View) -> None:
        self.model.show_view(view)

    def _search(self) -> None:
        text = self.search_box.text().strip()
        if text:
            self.model.show_search(text)
            self.statusBar().showMessage(self.tr("Tìm thấy {n} hồ sơ.").format(n=len(self.model.rows)), 5000)

    def refresh_counts(self) -> None:
        self.alerts.check()

    def _show_counts(self, counts: dict) -> None:
        for i, view in enumerate(VIEWS):
            self.view_tabs.setTabText(i, f"{tr_label(VIEW_LABELS[view])} ({counts[view]})")

    def _after_save(self, code: str) -> None:
        self.statusBar().showMessage(self.tr("Đã lưu hồ sơ {code}.").format(code=code), 8000)
        if self._desk is not None:
            self._desk.refresh()
        self.refresh_counts()
        self.model.refresh()

    # ---- dossiers -------------------------------------------------------------------------
    def _scanned(self) -> None:
        text = self.scan_box.text()
        self.scan_box.clear()
        code = extract_code(text)
        if code is None:
            self.statusBar().showMessage(self.tr("Không đọc được mã hồ sơ từ «{text}».").format(text=text[:60]), 8000)
            return
        # Return desk: a result ready opens on «Trả kết quả», so that Enter, Enter records it.
        self.open_dossier(code, focus_action="return")

    def open_dossier(self, code: str, focus_action: str | None = None) -> DossierWindow | None:
        try:
            with self.db.read() as session:
                load_dossier(session, code)
        except DossierNotFound as exc:
            QMessageBox.warning(self, self.tr("Không tìm thấy"), str(exc))
            return None
        if self.dossier_window is not None:  # one dossier window at a time; the previous one is freed
            self.dossier_window.reject()
            self.dossier_window.deleteLater()
        window = DossierWindow(self.db, self.site, self.clock, self.acting, code, self._print_pdf, self,
                               focus_action=focus_action)
        window.print_requested.connect(self.print_receipt)
        window.changed.connect(self._dossier_changed)
        window.finished.connect(lambda _result, w=window: self._dossier_closed(w))
        self.dossier_window = window
        window.open()
        return window

    def _dossier_changed(self, code: str, action: str) -> None:
        self.refresh_counts()
        self.model.refresh()
        if self._desk is not None:
            self._desk.refresh()
        if action == "return":
            self.statusBar().showMessage(self.tr("Đã trả kết quả hồ sơ {code}.").format(code=code), 8000)

    def _dossier_closed(self, window: DossierWindow) -> None:
        if window.focus_action == "return":  # back at the return desk: ready for the next receipt
            self.activateWindow()
            self.scan_box.setFocus()

    def _print_pdf(self, pdf: bytes, paper: str, title: str) -> None:
        self.print_handler(self.dossier_window or self, pdf, paper, title)

    def print_slip(self, pdf: bytes, title: str) -> None:
        self.print_handler(self, pdf, self.site.settings.paper_size, title)

    def _geometry_key(self) -> str:
        size = self.screen().availableGeometry().size()
        return f"window/{size.width()}x{size.height()}"  # per screen: the laptop's and the counter's differ

    def _restore_geometry(self) -> None:
        saved = desk().value(self._geometry_key())
        if saved is not None and self.restoreGeometry(saved):
            return
        available = self.screen().availableGeometry().size()
        self.resize(min(1280, available.width()), min(800, available.height()))
        if available.width() < 1280 or available.height() < 800:  # 1366×768, 1024×768: all of the screen
            self.setWindowState(Qt.WindowState.WindowMaximized)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        try:
            keep({self._geometry_key(): self.saveGeometry()})
        except OSError:
            pass  # a read-only data folder: the next start opens at the default size, nothing else is lost
        super().closeEvent(event)

    def apply_text_size(self, percent: int) -> None:
        app = QApplication.instance()
        if app.property("system_text_points") is None:  # the size before any account scaled it
            app.setProperty("system_text_points", app.font().pointSizeF())
        font = app.font()
        font.setPointSizeF(app.property("system_text_points") * percent / 100)
        app.setFont(font)
        self.text_size = percent

    def change_text_size(self, step: int) -> None:
        sizes = list(TEXT_SIZES)
        position = sizes.index(self.text_size) + step
        self.apply_text_size(100 if step == 0 else sizes[max(0, min(position, len(sizes) - 1))])
        try:
            keep({f"text_size/{self.actor.username}": self.text_size})
        except OSError as exc:
            self.statusBar().showMessage(self.tr("Cỡ chữ {n} % chỉ dùng lần này: không ghi được {path}.").format(
                n=self.text_size, path=exc), 8000)
            return
        self.statusBar().showMessage(self.tr("Cỡ chữ: {n} % (Ctrl+= lớn hơn, Ctrl+- nhỏ hơn, Ctrl+0 như cũ).")
                                     .format(n=self.text_size), 8000)

    def print_now(self, parent: QWidget, pdf: bytes, paper: str, title: str) -> None:
        """Ctrl+P: to this desk's printer without a dialog; a printer missing or refusing is said in a box
        that does not stop the counter, and the paper can be printed again from the dossier."""
        if preview_first():
            self.preview_handler(parent, pdf, paper, title)
            return
        printer = self.desk_printer()
        if printer is None:
            problem = self.tr("Máy tính này chưa có máy in (hoặc máy in đã chọn không còn). Cài máy in rồi chọn "
                              "trong «Máy in»; Ctrl+Shift+P xem trước và lưu ra tệp PDF.")
        else:
            name = printer.printerName() or printer.outputFileName()  # a PDF printer has a file, not a name
            if print_on(printer, pdf, paper, title):
                self.statusBar().showMessage(self.tr("Đã gửi «{title}» tới máy in {printer}.").format(
                    title=title, printer=name), 8000)
                return
            problem = self.tr("Máy in «{printer}» không nhận bản in: kiểm tra máy in đã bật, có giấy và đã nối "
                              "với máy tính.").format(printer=name)
        self.print_error = QMessageBox(QMessageBox.Icon.Warning, self.tr("Chưa in được «{title}»").format(title=title),
                                       problem + "\n\n" + self.tr("Hồ sơ đã được lưu; in lại từ cửa sổ hồ sơ "
                                                                   "(F4, quét hoặc gõ mã)."),
                                       QMessageBox.StandardButton.Ok, parent, objectName="print_failed")
        self.print_error.button(QMessageBox.StandardButton.Ok).setText(self.tr("Đã hiểu"))
        self.print_error.open()

    def print_receipt(self, code: str, preview: bool = False) -> None:
        try:
            printed = print_paper(self.db, self.site, "receipt", code, actor=self.acting(), now=self.clock(),
                                  keep_copy_in=data_dir() / "receipts")
        except SAID as exc:  # FontError, DossierNotFound, the database gone…
            QMessageBox.critical(self, self.tr("Không in được"), message(exc, self.db))
            return
        if printed.copy_problem:  # disk full…: the paper is still printed, the copy said missing
            QMessageBox.warning(self, self.tr("Không lưu được bản lưu"), printed.copy_problem)
        else:
            self.statusBar().showMessage(self.tr("Đã lưu bản giấy tiếp nhận: {path}").format(path=printed.copy), 8000)
        (self.preview_handler if preview else self.print_handler)(
            self, printed.pdf, self.site.settings.paper_size, self.tr("Giấy tiếp nhận {code}").format(code=code))

    def change_password(self) -> None:
        from onestop.ui.login_dialog import ChangePasswordDialog

        if ChangePasswordDialog(self.db, self.clock, self.actor, self).exec():
            self.statusBar().showMessage(self.tr("Đã đổi mật khẩu."), 8000)

    def open_accounts(self) -> None:
        from onestop.ui.accounts_dialog import AccountsDialog

        AccountsDialog(self.db, self.actor, self.clock, self).exec()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.db, self.site, self, actor=self.actor, clock=self.clock)
        if dialog.exec():
            with self.db.read() as session:
                self.site = load_site(session)
            self.intake.site = self.model.site = self.alerts.site = self.site
            if self._desk is not None:
                self._desk.set_site(self.site)
            self.setWindowTitle(self.tr("Một cửa — {agency}").format(agency=self.site.paper_agency.name))
            self.refresh_counts()
            self.model.refresh()
