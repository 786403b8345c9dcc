"""The intake form: keyboard-first (Enter saves, Ctrl+P saves and prints, Esc clears)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onestop.clock.deadlines import Duration
from onestop.db.models import Procedure
from onestop.db.session import Database
from onestop.dossiers.intake import (
    APPLICANT_KINDS,
    CHANNELS,
    MAX_SETS,
    DocumentReceived,
    IntakeError,
    IntakeRequest,
    SavedIntake,
    deadlines_for,
    load_procedure_picker,
    save_intake,
)
from onestop.dossiers.reception import ReceptionSlipError, log_reception_slip
from onestop.formatting import long_time
from onestop.office.catalogue import DOCUMENT_FORMS, LEVELS, is_optional
from onestop.office.site import Site
from onestop.paperwork.fonts import register_serif
from onestop.paperwork.papers import reception_slip_pdf
from onestop.people.accounts import Actor
from onestop.ui.errors import SAID, message
from onestop.ui.labels import tr_label
from onestop.ui.submit_dialog import SubmitDialog, error_style

# Keys of log_reception_slip's errors that belong to the intake form rather than to the slip dialog.
_FORM_KEYS = ("procedure", "name", "id_number", "phone")


class ReceptionSlipDialog(SubmitDialog):
    """What a reception-time slip needs: the papers to complete (Mẫu 02), or the reason for refusing
    and its legal basis (Mẫu 03). Enter confirms (Ctrl+Enter inside the list), Esc cancels."""

    def __init__(self, kind: str, submit: Callable[[dict], str | None], prefill: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(submit, self.tr("Lưu và in phiếu (Enter)"), parent)
        self.kind = kind
        self.setObjectName(f"slip_{kind}")
        self.content = QPlainTextEdit(self, objectName="content")
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(120)
        self.legal_basis: QLineEdit | None = None
        if kind == "supplement":
            self.setWindowTitle(self.tr("Hướng dẫn bổ sung, hoàn thiện hồ sơ (Mẫu 02)"))
            self.set_intro(self.tr("Hồ sơ chưa đủ để tiếp nhận: phiếu hướng dẫn được in cho người nộp, "
                                   "không cấp mã hồ sơ."))
            self.content.setPlaceholderText(self.tr("Mỗi dòng một giấy tờ cần bổ sung, hoàn thiện"))
            self.content.setPlainText(prefill)
            self.form.addRow(self.tr("&Giấy tờ cần bổ sung\n(Ctrl+Enter để in)"), self.content)
        else:
            self.setWindowTitle(self.tr("Từ chối tiếp nhận hồ sơ (Mẫu 03)"))
            self.set_intro(self.tr("Hồ sơ không được tiếp nhận: phiếu từ chối được in cho người nộp, "
                                   "không cấp mã hồ sơ."))
            self.legal_basis = QLineEdit(self, objectName="legal_basis", maxLength=1000)
            self.legal_basis.setPlaceholderText(self.tr("Ví dụ: Điều 7 Luật Lý lịch tư pháp 2009"))
            self.form.addRow(self.tr("&Lý do từ chối\n(Ctrl+Enter để in)"), self.content)
            self.form.addRow(self.tr("Căn cứ &pháp lý"), self.legal_basis)
        self.content.setFocus()

    def values(self) -> dict:
        return {"content": self.content.toPlainText(),
                "legal_basis": self.legal_basis.text() if self.legal_basis is not None else ""}



class IntakeForm(QWidget):
    saved = Signal(str)  # dossier code
    print_requested = Signal(str)  # dossier code: Ctrl+P, straight to the printer
    preview_requested = Signal(str)  # Ctrl+Shift+P: the preview first
    slip_print_requested = Signal(bytes, str)  # Mẫu 02 / 03 handed out at reception: pdf, title

    def __init__(self, db: Database, site: Site, clock: Callable[[], datetime], actor: Callable[[], Actor],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.site, self.clock, self.actor = db, site, clock, actor
        self.procedure: Procedure | None = None
        self.last_saved: SavedIntake | None = None
        self.slip_dialog: ReceptionSlipDialog | None = None
        self.last_slip_id: int | None = None
        self.errors: dict[str, QLabel] = {}
        self._build()
        self.reload_procedures()
        self._timer = QTimer(self, interval=30_000, timeout=self._update_deadlines)
        self._timer.start()
        self._escape_timer = QTimer(self, singleShot=True, interval=3000)
        QShortcut(QKeySequence.StandardKey.Print, self, self._save_and_print,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, lambda: self._save_and_print(preview=True),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.clear()

    # ---- building -------------------------------------------------------------------------
    def _error_label(self, key: str) -> QLabel:
        label = QLabel(self, objectName=f"error_{key}")
        label.setStyleSheet(error_style())
        label.setWordWrap(True)
        label.hide()
        self.errors[key] = label
        return label

    def _with_error(self, widget: QWidget, key: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(self._error_label(key))
        return box

    def _line(self, name: str, max_length: int, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self, objectName=name, maxLength=max_length, placeholderText=placeholder)
        return edit

    def _build(self) -> None:
        outer = QHBoxLayout(self)

        left = QVBoxLayout()
        proc_box = QGroupBox(self.tr("Thủ tục hành chính"), self)
        proc_layout = QVBoxLayout(proc_box)
        self.procedure_search = self._line("procedure_search", 200, self.tr("Gõ mã hoặc tên thủ tục, không cần dấu…"))
        self.procedure_search.textEdited.connect(self._filter_procedures)
        self.procedure_search.installEventFilter(self)
        self.procedure_list = QListWidget(self, objectName="procedure_list")
        self.procedure_list.setMaximumHeight(130)
        self.procedure_list.itemActivated.connect(self._pick_item)
        self.procedure_list.installEventFilter(self)
        self.procedure_info = QLabel(self, objectName="procedure_info", wordWrap=True)
        proc_layout.addWidget(self._with_error(self.procedure_search, "procedure"))
        proc_layout.addWidget(self.procedure_list)
        proc_layout.addWidget(self.procedure_info)
        left.addWidget(proc_box)

        docs_box = QGroupBox(self.tr("Thành phần hồ sơ đã nhận (Space để đánh dấu)"), self)
        docs_layout = QVBoxLayout(docs_box)
        self.documents = QTableWidget(0, 3, self, objectName="documents")
        self.documents.setHorizontalHeaderLabels([self.tr("Giấy tờ"), self.tr("Hình thức"), self.tr("Số lượng")])
        self.documents.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.documents.verticalHeader().hide()
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                       | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.documents.setTabKeyNavigation(False)
        self.tick_all = QPushButton(self.tr("Đã nhận đủ tất cả"), self, objectName="tick_all")
        self.tick_all.clicked.connect(self._tick_all)
        docs_layout.addWidget(self._with_error(self.documents, "documents"))
        docs_layout.addWidget(self.tick_all, alignment=Qt.AlignmentFlag.AlignLeft)
        left.addWidget(docs_box, 1)
        outer.addLayout(left, 3)

        right = QVBoxLayout()
        applicant_box = QGroupBox(self.tr("Người nộp hồ sơ"), self)
        form = QFormLayout(applicant_box)
        self.kind = QComboBox(self, objectName="kind")
        for key, label in APPLICANT_KINDS.items():
            self.kind.addItem(tr_label(label), key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.name = self._line("name", 300)
        self.id_number = self._line("id_number", 20)
        self.phone = self._line("phone", 20, "09xx xxx xxx")
        self.email = self._line("email", 254)
        self.address = self._line("address", 500)
        self.name_label, self.id_label = QLabel(self), QLabel(self)
        form.addRow(self.tr("Đối tượng"), self.kind)
        form.addRow(self.name_label, self._with_error(self.name, "name"))
        form.addRow(self.id_label, self._with_error(self.id_number, "id_number"))
        form.addRow(self.tr("Điện thoại"), self._with_error(self.phone, "phone"))
        form.addRow(self.tr("Email"), self._with_error(self.email, "email"))
        form.addRow(self.tr("Địa chỉ"), self._with_error(self.address, "address"))
        right.addWidget(applicant_box)

        dossier_box = QGroupBox(self.tr("Hồ sơ"), self)
        form2 = QFormLayout(dossier_box)
        self.channel = QComboBox(self, objectName="channel")
        for key, label in CHANNELS.items():
            self.channel.addItem(tr_label(label), key)
        self.sets_count = QSpinBox(self, objectName="sets_count", minimum=1, maximum=MAX_SETS)
        self.note = self._line("note", 1000)
        form2.addRow(self.tr("Hình thức nộp"), self._with_error(self.channel, "channel"))
        form2.addRow(self.tr("Số bộ hồ sơ"), self._with_error(self.sets_count, "sets_count"))
        form2.addRow(self.tr("Ghi chú"), self._with_error(self.note, "note"))
        right.addWidget(dossier_box)

        self.deadline_label = QLabel(self, objectName="deadline_label", wordWrap=True)
        # Its own ink on its own paper: a dark palette's light text was unreadable on the light blue; the
        # size follows the window's (Ctrl+= / Ctrl+-), a larger one by 15 %.
        self.deadline_label.setStyleSheet("font-size: 1.15em; padding: 6px; background: #eef5ff; color: #10233f;")
        right.addWidget(self.deadline_label)
        right.addWidget(self._error_label("received_at"))

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Lưu (Enter)"), self, objectName="save")
        self.print_button = QPushButton(self.tr("Lưu và in (Ctrl+P)"), self, objectName="save_print")
        self.clear_button = QPushButton(self.tr("Làm mới (Esc Esc)"), self, objectName="clear")
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(lambda: self._save_and_print())
        self.clear_button.clicked.connect(self.clear)
        for b in (self.save_button, self.print_button, self.clear_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        right.addLayout(buttons)
        # Papers not acceptable: a slip for the applicant, logged and counted, no dossier code taken.
        slips = QHBoxLayout()
        self.supplement_slip_button = QPushButton(self.tr("Hướng dẫn bổ sung (Mẫu 02)"), self,
                                                  objectName="slip_supplement")
        self.refusal_slip_button = QPushButton(self.tr("Từ chối tiếp nhận (Mẫu 03)"), self, objectName="slip_refusal")
        self.supplement_slip_button.clicked.connect(lambda: self.start_slip("supplement"))
        self.refusal_slip_button.clicked.connect(lambda: self.start_slip("refusal"))
        for b in (self.supplement_slip_button, self.refusal_slip_button):
            b.setAutoDefault(False)
            slips.addWidget(b)
        right.addLayout(slips)
        self.result_label = QLabel(self, objectName="result_label", wordWrap=True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.result_label)
        right.addStretch(1)
        outer.addLayout(right, 2)

        # From the papers one Tab reaches the name (most applicants are persons); the kind comes after the
        # address, and «Đã nhận đủ tất cả» is a click (Space ticks each paper).
        self.tick_all.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        order = [self.procedure_search, self.procedure_list, self.documents,
                 self.name, self.id_number, self.phone, self.email, self.address, self.kind, self.channel,
                 self.sets_count, self.note, self.save_button, self.print_button, self.clear_button,
                 self.supplement_slip_button, self.refusal_slip_button]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        self._kind_changed()

    # ---- procedures -----------------------------------------------------------------------
    def reload_procedures(self) -> None:
        # The counts per procedure are read here, once, not on every key press (onestop.dossiers.intake).
        with self.db.read() as session:
            self._picker = load_procedure_picker(session)
        self._procedures = self._picker.procedures
        self._filter_procedures(self.procedure_search.text())

    def _filter_procedures(self, text: str) -> None:
        self.procedure_list.clear()
        for proc in self._picker.search(text):  # already ranked: Enter picks the first
            item = QListWidgetItem(f"{proc.code} — {proc.name}", self.procedure_list)
            item.setData(Qt.ItemDataRole.UserRole, proc.code)
        if self.procedure_list.count():
            self.procedure_list.setCurrentRow(0)

    def _pick_item(self, item: QListWidgetItem) -> None:
        self.select_procedure(item.data(Qt.ItemDataRole.UserRole))
        self.documents.setFocus()
        if self.documents.rowCount():
            self.documents.setCurrentCell(0, 0)

    def select_procedure(self, code: str) -> None:
        self.procedure = next((p for p in self._procedures if p.code == code), None)
        self.documents.setRowCount(0)
        self.procedure_info.clear()
        if self.procedure is None:
            self._update_deadlines()
            return
        p = self.procedure
        self.procedure_search.setText(f"{p.code} — {p.name}")
        self.procedure_info.setText(self.tr("Lĩnh vực: {field}; {level}; thời hạn theo quy định: {stat}; "
                                            "cam kết: {committed}; lệ phí: {fee}").format(
            field=p.field.name, level=tr_label(LEVELS[p.level]), stat=Duration.parse(p.statutory).label(),
            committed=Duration.parse(p.committed).label(), fee=p.fee or "—"))
        for doc in p.documents:
            row = self.documents.rowCount()
            self.documents.insertRow(row)
            item = QTableWidgetItem(doc.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            if is_optional(doc.name):
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
                item.setToolTip(self.tr("Không bắt buộc: chỉ nộp khi người nộp thuộc trường hợp này."))
            form = QTableWidgetItem(tr_label(DOCUMENT_FORMS.get(doc.form, doc.form)))
            form.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            form.setData(Qt.ItemDataRole.UserRole, doc.form)
            self.documents.setItem(row, 0, item)
            self.documents.setItem(row, 1, form)
            self.documents.setItem(row, 2, QTableWidgetItem(str(doc.quantity)))
        self.documents.resizeRowsToContents()
        self._update_deadlines()

    def _tick_all(self) -> None:
        for row in range(self.documents.rowCount()):
            self.documents.item(row, 0).setCheckState(Qt.CheckState.Checked)

    # ---- keyboard -------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() != event.Type.KeyPress:
            return False
        key = event.key()
        if obj is self.procedure_search and key == Qt.Key.Key_Down and self.procedure_list.count():
            self.procedure_list.setFocus()
            return True
        picking = obj is self.procedure_list or (
            obj is self.procedure_search and (self.procedure is None or not self._search_matches_pick()))
        if picking and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if obj is self.procedure_search and not self.procedure_search.text().strip():
                return True  # nothing typed: no procedure is picked for the officer
            item = self.procedure_list.currentItem()
            if item is not None:
                self._pick_item(item)
                return True
        return False

    def _search_matches_pick(self) -> bool:
        p = self.procedure
        return p is not None and self.procedure_search.text() == f"{p.code} — {p.name}"

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
        elif event.key() == Qt.Key.Key_Escape:
            self._escape()
        else:
            super().keyPressEvent(event)

    def _kind_changed(self) -> None:
        person = self.kind.currentData() == "person"
        self.name_label.setText(self.tr("Họ và tên") if person else self.tr("Tên tổ chức"))
        self.id_label.setText(self.tr("Số CCCD") if person else self.tr("Mã số thuế"))
        self.id_number.setPlaceholderText(self.tr("12 chữ số") if person else self.tr("10 hoặc 13 chữ số"))

    # ---- deadlines ------------------------------------------------------------------------
    def _update_deadlines(self) -> None:
        if self.procedure is None:
            self.deadline_label.setText(self.tr("Chọn thủ tục để xem ngày hẹn trả kết quả."))
            return
        cal = self.site.calendar
        d = deadlines_for(self.procedure, self.clock(), cal)
        self.deadline_label.setText(self.tr("<b>Hẹn trả kết quả: {due}</b><br>Hạn theo quy định: {stat}").format(
            due=long_time(d.due_at, cal.tz), stat=long_time(d.statutory_due_at, cal.tz)))

    # ---- saving ---------------------------------------------------------------------------
    def _received_documents(self) -> list[DocumentReceived]:
        docs = []
        for row in range(self.documents.rowCount()):
            item = self.documents.item(row, 0)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            quantity_text = self.documents.item(row, 2).text().strip()
            quantity = int(quantity_text) if quantity_text.isdigit() else 0
            docs.append(DocumentReceived(item.data(Qt.ItemDataRole.UserRole), item.text(),
                                         self.documents.item(row, 1).data(Qt.ItemDataRole.UserRole), quantity))
        return docs

    def request(self) -> IntakeRequest:
        return IntakeRequest(
            procedure_code=self.procedure.code if self.procedure else "",
            applicant_kind=self.kind.currentData(),
            name=self.name.text(), id_number=self.id_number.text(), phone=self.phone.text(),
            email=self.email.text(), address=self.address.text(), channel=self.channel.currentData(),
            sets_count=self.sets_count.value(), note=self.note.text(), documents=self._received_documents(),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        focus = {"procedure": self.procedure_search, "documents": self.documents, "name": self.name,
                 "id_number": self.id_number, "phone": self.phone, "email": self.email,
                 "address": self.address, "note": self.note}
        for key in focus:
            if key in errors:
                focus[key].setFocus()
                break

    def save(self) -> SavedIntake | None:
        missing = self._unticked_documents(required_only=True)
        if self.procedure is not None and missing and self._received_documents() and not self._receive_anyway(missing):
            return None
        try:
            result = save_intake(self.db, self.site, self.request(), actor=self.actor(), now=self.clock())
        except IntakeError as exc:
            self.show_errors(exc.errors)
            self.result_label.setText(self.tr("Chưa lưu: hãy sửa các mục báo đỏ."))
            return None
        except SAID as exc:  # locked, disconnected, disk full: the form keeps what was typed
            self.result_label.setText(message(exc, self.db))
            return None
        self.last_saved = result
        if self.procedure is not None:
            self._picker.note_received(self.procedure.id)
        self.clear()
        cal = self.site.calendar
        self.result_label.setText(self.tr("Đã tiếp nhận hồ sơ <b>{code}</b>. Hẹn trả kết quả: {due}.").format(
            code=result.code, due=long_time(result.due_at, cal.tz)))
        self.saved.emit(result.code)
        return result

    def _save_and_print(self, preview: bool = False) -> None:
        signal = self.preview_requested if preview else self.print_requested
        if self.procedure is None and not self.name.text() and self.last_saved is not None:
            signal.emit(self.last_saved.code)  # reprint the one just saved
            return
        result = self.save()
        if result is not None:
            signal.emit(result.code)

    # ---- reception slips (Mẫu 02 / 03 without a dossier) ---------------------------------------
    def _unticked_documents(self, required_only: bool = False) -> list[str]:
        names = [self.documents.item(row, 0).text() for row in range(self.documents.rowCount())
                 if self.documents.item(row, 0).checkState() != Qt.CheckState.Checked]
        return [n for n in names if not is_optional(n)] if required_only else names

    def _receive_anyway(self, missing: list[str]) -> bool:
        """Asks before taking a dossier short of a required paper (Điều 17 k1c NĐ 118/2025: an incomplete
        one is sent back with Mẫu 02). Enter and Esc both answer «Quay lại», which saves nothing and
        keeps the form; receiving it anyway takes V (Alt+V) or the mouse."""
        box = self.missing_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Hồ sơ chưa đủ"), self.tr(
            "Còn {n} giấy tờ bắt buộc chưa đánh dấu đã nhận:").format(n=len(missing)), parent=self,
            objectName="missing_papers")
        box.setInformativeText("\n".join(f"• {name}" for name in missing) + "\n\n" + self.tr(
            "«Quay lại» để đánh dấu, hoặc in «Hướng dẫn bổ sung (Mẫu 02)» cho người nộp."))
        anyway = box.addButton(self.tr("&Vẫn tiếp nhận"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("&Quay lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is anyway

    def start_slip(self, kind: str) -> ReceptionSlipDialog:
        """Opens the slip's dialog (window-modal); the slip is saved and printed when it is confirmed."""
        prefill = "\n".join(self._unticked_documents(required_only=True)) if kind == "supplement" else ""
        dialog = self.slip_dialog = ReceptionSlipDialog(kind, lambda values: self.submit_slip(kind, values),
                                                        prefill, self)
        dialog.open()
        return dialog

    def submit_slip(self, kind: str, values: dict) -> str | None:
        """Logs the slip for the procedure and applicant typed in the form, then asks for it to be printed.
        Returns a message for the dialog when nothing was saved."""
        try:
            register_serif(self.site.settings.font_path or None)  # before saving: a slip is printed or not kept
        except SAID as exc:  # FontError
            return message(exc)
        try:
            slip_id = log_reception_slip(
                self.db, self.site, kind=kind, procedure_code=self.procedure.code if self.procedure else "",
                applicant_kind=self.kind.currentData(), applicant_name=self.name.text(),
                applicant_id_number=self.id_number.text(), applicant_phone=self.phone.text(),
                content=values["content"], legal_basis=values.get("legal_basis", ""), actor=self.actor(),
                now=self.clock())
        except ReceptionSlipError as exc:
            self.show_errors({k: m for k, m in exc.errors.items() if k in _FORM_KEYS})
            return "\n".join(exc.errors.values())
        except SAID as exc:
            return message(exc, self.db)
        name = self.name.text().strip()
        self.last_slip_id = slip_id
        self.clear()
        try:
            with self.db.read() as session:
                pdf = reception_slip_pdf(session, self.site, slip_id)
        except SAID as exc:
            self.result_label.setText(self.tr("Đã lưu phiếu nhưng không in được: {error}").format(
                error=message(exc, self.db)))
            return None
        if kind == "supplement":
            title = self.tr("Phiếu hướng dẫn bổ sung hồ sơ — {name}").format(name=name)
            done = self.tr("Đã lập phiếu hướng dẫn bổ sung hồ sơ (Mẫu 02) cho {name}; không cấp mã hồ sơ.")
        else:
            title = self.tr("Phiếu từ chối tiếp nhận hồ sơ — {name}").format(name=name)
            done = self.tr("Đã lập phiếu từ chối tiếp nhận hồ sơ (Mẫu 03) cho {name}; không cấp mã hồ sơ.")
        self.result_label.setText(done.format(name=name))
        self.slip_print_requested.emit(pdf, title)
        return None

    def _typed(self) -> bool:
        return self.procedure is not None or any(edit.text().strip() for edit in (
            self.procedure_search, self.name, self.id_number, self.phone, self.email, self.address, self.note))

    def _escape(self) -> None:
        """Esc on a filled form asks for a second Esc within 3 s: one stray key does not wipe an applicant."""
        if self._typed() and not self._escape_timer.isActive():
            self._escape_timer.start()
            self.result_label.setText(self.tr("Nhấn Esc lần nữa để xóa những gì đã nhập."))
            return
        self._escape_timer.stop()
        self.clear()

    def clear(self) -> None:
        self.result_label.clear()  # "Chưa lưu…" belongs to the form just cleared
        self.procedure = None
        for edit in (self.procedure_search, self.name, self.id_number, self.phone, self.email, self.address,
                     self.note):
            edit.clear()
        self.kind.setCurrentIndex(0)
        self.channel.setCurrentIndex(0)
        self.sets_count.setValue(1)
        self.documents.setRowCount(0)
        self.procedure_info.clear()
        self.show_errors({})
        self._filter_procedures("")
        self._update_deadlines()
        self.procedure_search.setFocus()
