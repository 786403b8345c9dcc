"""One dossier: its data, papers, both deadlines, the timeline of events, the appointments given,
and only the actions its state allows (each with its form printed where one exists).

Opened from the queue, the search or a scanned receipt. Every action acts on the version loaded
here: if another desk changed the dossier meanwhile, onestop.dossiers.lifecycle refuses it, the window says
who changed it and shows the new state.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onestop.clock import rule_sets
from onestop.clock.deadlines import Duration, due_at
from onestop.db.session import Database
from onestop.dossiers.intake import APPLICANT_KINDS, CHANNELS
from onestop.dossiers.lifecycle import (
    ACTIONS,
    EVENT_LABELS,
    ConcurrentChange,
    TransitionRequest,
    apply,
)
from onestop.dossiers.statuses import STATUS_LABELS
from onestop.dossiers.view import Deadline, DossierView, dossier_view
from onestop.formatting import long_time, short_time, working_span
from onestop.office.catalogue import DOCUMENT_FORMS
from onestop.office.site import Site
from onestop.paperwork.issue import print_paper
from onestop.paperwork.receipts import DossierNotFound
from onestop.people.accounts import Actor
from onestop.ui import action_dialogs as dialogs
from onestop.ui.errors import SAID, message
from onestop.ui.labels import tr_action, tr_label
from onestop.ui.submit_dialog import done_style, error_style

CONTEXT = "DossierWindow"
CLASS_LABELS = {
    "early": QT_TRANSLATE_NOOP("DossierWindow", "Trước hạn"),
    "on_time": QT_TRANSLATE_NOOP("DossierWindow", "Đúng hạn"),
    "late": QT_TRANSLATE_NOOP("DossierWindow", "Quá hạn"),
}
APPOINTMENT_KINDS = {
    "receipt": QT_TRANSLATE_NOOP("DossierWindow", "Hẹn khi tiếp nhận"),
    "restart": QT_TRANSLATE_NOOP("DossierWindow", "Tính lại từ đầu sau bổ sung"),
    "resume": QT_TRANSLATE_NOOP("DossierWindow", "Tính tiếp thời gian còn lại"),
    "apology": QT_TRANSLATE_NOOP("DossierWindow", "Xin lỗi, hẹn lại"),
    "extension": QT_TRANSLATE_NOOP("DossierWindow", "Xin lỗi, gia hạn (một lần)"),
}
FORM_TITLES = {
    "supplement": QT_TRANSLATE_NOOP("DossierWindow", "Phiếu yêu cầu bổ sung hồ sơ {code}"),
    "refusal": QT_TRANSLATE_NOOP("DossierWindow", "Phiếu từ chối giải quyết hồ sơ {code}"),
    "apology": QT_TRANSLATE_NOOP("DossierWindow", "Phiếu xin lỗi và hẹn lại {code}"),
    "control-slip": QT_TRANSLATE_NOOP("DossierWindow", "Phiếu kiểm soát quá trình giải quyết {code}"),
    "extension": QT_TRANSLATE_NOOP("DossierWindow", "Văn bản xin lỗi và đề nghị gia hạn {code}"),
    "stop-notice": QT_TRANSLATE_NOOP("DossierWindow", "Thông báo dừng giải quyết hồ sơ {code}"),
}
PAUSE_KINDS = {
    "supplement": QT_TRANSLATE_NOOP("DossierWindow", "chờ bổ sung hồ sơ"),
    "payment": QT_TRANSLATE_NOOP("DossierWindow", "chờ nộp phí, thuế"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def with_mnemonic(text: str, letter: str) -> str:
    """Marks `letter` as the Alt+ mnemonic: on its first plain occurrence, or appended as ' (&X)'."""
    text = text.replace("&", "&&")
    for i, ch in enumerate(text):
        if ch.upper() == letter.upper() and (i == 0 or text[i - 1] != "&"):
            return text[:i] + "&" + text[i:]
    return f"{text} (&{letter})"


ACTIONS_PER_ROW = 4


class DossierWindow(QDialog):
    print_requested = Signal(str)  # reprint the receipt (Mẫu 01) of this dossier code
    changed = Signal(str, str)  # code, action: after every recorded action

    def __init__(self, db: Database, site: Site, clock: Callable[[], datetime], actor: Callable[[], Actor],
                 code: str, print_pdf: Callable[[bytes, str, str], None] | None = None,
                 parent: QWidget | None = None, focus_action: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossier_window")
        self.db, self.site, self.clock, self.actor = db, site, clock, actor
        self.code = code.strip()
        self.print_pdf = print_pdf or (lambda pdf, paper, title: None)
        self.focus_action = focus_action
        self.version: int | None = None
        self.status = ""
        self.view: DossierView | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self.action_dialog: dialogs.ActionDialog | None = None
        self._print_after: str | None = None
        self._departments: list[str] = []
        self.setWindowTitle(self.tr("Hồ sơ {code}").format(code=self.code))
        self._build()
        self.reload()
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1120, 800
        if screen is not None:  # counter PCs are often 1366 × 768
            width, height = min(width, screen.width() - 24), min(height, screen.height() - 48)
        self.resize(width, height)
        self._focus_first()

    # ---- building -------------------------------------------------------------------------
    def _value(self, name: str) -> QLabel:
        label = QLabel(self, objectName=name, wordWrap=True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setTextFormat(Qt.TextFormat.RichText)
        self.values[name] = label
        return label

    def _build(self) -> None:
        self.values: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        self.header = QLabel(self, objectName="header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.header.setFont(font)
        outer.addWidget(self.header)
        self.message = QLabel(self, objectName="message", wordWrap=True)
        self.message.hide()
        outer.addWidget(self.message)

        # Everything about the dossier scrolls as one page (tables show all their rows): nothing is cut
        # off on a small screen, and the actions stay in view below.
        body = QWidget(self, objectName="body")
        page = QVBoxLayout(body)
        page.setContentsMargins(0, 0, 0, 0)
        info = QHBoxLayout()
        who = QGroupBox(self.tr("Hồ sơ và người nộp"), self)
        self.who_form = QFormLayout(who)
        self.who_form.setVerticalSpacing(4)
        for name, label in (("applicant", self.tr("Người nộp")), ("id_number", self.tr("Số giấy tờ")),
                            ("phone", self.tr("Điện thoại")), ("address", self.tr("Địa chỉ")),
                            ("procedure", self.tr("Thủ tục")), ("channel", self.tr("Hình thức nộp")),
                            ("department", self.tr("Phòng ban xử lý")), ("documents", self.tr("Thành phần hồ sơ")),
                            ("note", self.tr("Ghi chú"))):
            self.who_form.addRow(label, self._value(name))
        info.addWidget(who, 3)
        when = QGroupBox(self.tr("Thời hạn"), self)
        self.when_form = QFormLayout(when)
        self.when_form.setVerticalSpacing(4)
        for name, label in (("received", self.tr("Tiếp nhận")), ("due", self.tr("Hẹn trả kết quả")),
                            ("statutory", self.tr("Hạn theo quy định")), ("apology", self.tr("Hẹn lại (xin lỗi)")),
                            ("clock", self.tr("Đồng hồ")), ("result", self.tr("Kết quả")),
                            ("returned", self.tr("Trả kết quả"))):
            self.when_form.addRow(label, self._value(name))
        info.addWidget(when, 2)
        page.addLayout(info)
        timeline_box = QGroupBox(self.tr("Quá trình giải quyết"), body)
        QVBoxLayout(timeline_box).addWidget(self._build_timeline(timeline_box))
        page.addWidget(timeline_box)
        appointments_box = QGroupBox(self.tr("Các lần hẹn trả kết quả"), body)
        QVBoxLayout(appointments_box).addWidget(self._build_appointments(appointments_box))
        page.addWidget(appointments_box)
        page.addStretch(1)
        self.scroll = QScrollArea(self, objectName="scroll", widgetResizable=True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)

        actions_box = QGroupBox(self.tr("Thao tác (Alt + chữ gạch chân)"), self)
        # Four to a row: up to nine actions in one row made the window 1,300 px wide, cut at 1,024.
        self.actions_layout = QGridLayout(actions_box)
        self.no_actions = QLabel(self.tr("Hồ sơ đã kết thúc: không còn thao tác nào."), actions_box)
        self.actions_layout.addWidget(self.no_actions, 0, 0, 1, ACTIONS_PER_ROW)
        outer.addWidget(actions_box)

        prints = QHBoxLayout()
        self.reprint = QPushButton(with_mnemonic(self.tr("In lại giấy tiếp nhận"), "I"), self, objectName="reprint")
        self.reprint.clicked.connect(lambda: self.print_requested.emit(self.code))
        # The forms' numbers follow the dossier's rule set: labels are set in reload (_label_prints).
        self.print_control = QPushButton(self, objectName="print_control")
        self.print_control.clicked.connect(lambda: self.print_form("control-slip"))
        self.print_apology = QPushButton(self, objectName="print_apology")
        self.print_apology.clicked.connect(lambda: self.print_form("apology"))
        self.print_extension = QPushButton(self, objectName="print_extension")
        self.print_extension.clicked.connect(lambda: self.print_form("extension"))
        self.print_stop = QPushButton(self, objectName="print_stop")
        self.print_stop.clicked.connect(lambda: self.print_form("stop-notice"))
        self._label_prints("2018")
        self.close_button = QPushButton(self.tr("Đóng (Esc)"), self, objectName="close")
        self.close_button.clicked.connect(self.reject)
        for button in (self.reprint, self.print_control, self.print_apology, self.print_extension, self.print_stop):
            button.setAutoDefault(False)
            prints.addWidget(button)
        prints.addStretch(1)
        self.close_button.setAutoDefault(False)
        prints.addWidget(self.close_button)
        outer.addLayout(prints)

    def _table(self, parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), parent, objectName=name)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.setTabKeyNavigation(False)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
        # Notes wrap over several lines: row heights follow the width the note column gets.
        table.horizontalHeader().sectionResized.connect(lambda *_: _fit_rows(table))
        return table

    def _build_timeline(self, parent: QWidget) -> QTableWidget:
        self.timeline = self._table(parent, "timeline", [
            self.tr("Thời điểm"), self.tr("Thao tác"), self.tr("Trạng thái"), self.tr("Người thực hiện"),
            self.tr("Chuyển cho"), self.tr("Ghi chú")])
        header = self.timeline.horizontalHeader()
        for column in (0, 1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.setColumnWidth(4, 160)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        return self.timeline

    def _build_appointments(self, parent: QWidget) -> QTableWidget:
        self.appointments = self._table(parent, "appointments", [
            self.tr("Ngày hẹn"), self.tr("Loại"), self.tr("Hẹn trả kết quả"), self.tr("Hạn theo quy định"),
            self.tr("Người hẹn"), self.tr("Lý do")])
        header = self.appointments.horizontalHeader()
        for column in (0, 1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        return self.appointments

    # ---- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        """Reads the dossier again and shows it; the actions offered follow its current state."""
        try:
            view = dossier_view(self.db, self.site, self.code, self.actor(), self.clock())
        except DossierNotFound as exc:
            self.show_message(str(exc), error=True)
            self._show_actions([])
            return
        except SAID as exc:
            self.show_message(message(exc, self.db), error=True)
            return
        self.view = view
        self.version, self.status = view.version, view.status
        self._fill(view)
        self._show_actions(list(view.actions))

    def _fill(self, view: DossierView) -> None:
        cal = self.site.calendar
        tz = cal.tz
        status = tr_label(STATUS_LABELS.get(view.status, view.status))
        self.header.setText(self.tr("Hồ sơ <b>{code}</b> — {status}").format(code=view.code, status=f"<b>{status}</b>"))
        id_label = self.tr("Số CCCD") if view.applicant_kind == "person" else self.tr("Mã số thuế")
        v = self.values
        v["applicant"].setText(f"<b>{_html(view.applicant_name)}</b> "
                               f"({tr_label(APPLICANT_KINDS.get(view.applicant_kind, view.applicant_kind))})")
        v["id_number"].setText(f"{id_label}: {_html(view.id_number_shown)}")
        v["phone"].setText(_html(view.phone_shown) + (f" · {_html(view.email)}" if view.email else "") or "—")
        v["address"].setText(_html(view.address) or "—")
        v["procedure"].setText(f"{_html(view.procedure_code)} — {_html(view.procedure_name)}<br>"
                               f"<i>{_html(view.field_name)}</i>")
        v["channel"].setText(self.tr("{channel}, {n} bộ").format(
            channel=tr_label(CHANNELS.get(view.channel, view.channel)), n=view.sets_count))
        v["department"].setText(_html(view.department + (f" — {view.handler}" if view.handler else "")) or "—")
        v["documents"].setText("<br>".join(
            f"{i}. {_html(doc.name)} ({tr_label(DOCUMENT_FORMS.get(doc.form, doc.form))}, {doc.quantity})"
            for i, doc in enumerate(view.documents, start=1)) or "—")
        v["note"].setText(_html(view.note) or "—")
        self.who_form.setRowVisible(v["note"], bool(view.note))
        day = cal.working_day_length

        def deadline(due: Deadline) -> str:
            text = f"<b>{long_time(due.at, tz)}</b>" if due.held else long_time(due.at, tz)
            if due.left_when_paused is not None:
                span = working_span(due.left_when_paused, day)
                return text + "<br>" + self.tr("Đồng hồ dừng, còn {span} khi dừng").format(span=span)
            if due.left is not None:
                overdue = due.left.total_seconds() < 0
                span = working_span(due.left, day)
                words = span if overdue else self.tr("còn {span}").format(span=span)
                return text + f'<br><span style="{error_style() if overdue else ""}">' + self.tr(
                    "Thời gian làm việc: {left}").format(left=words) + "</span>"
            return text

        v["received"].setText(f"{long_time(view.received_at, tz)} ({_html(view.received_by)})")
        # Late once, late for good: the deadline first missed stays on show after a restart or an extension.
        late_once = (f'<br><span style="{error_style()}">'
                     + self.tr("Đã quá hạn từ {at}").format(at=short_time(view.first_late_at, tz)) + "</span>"
                     if view.first_late_at is not None else "")
        v["due"].setText(deadline(view.due) + late_once)
        v["statutory"].setText(deadline(view.statutory))
        v["apology"].setText(deadline(view.promised) if view.promised else "")
        self.when_form.setRowVisible(v["apology"], view.promised is not None)
        if view.pause_started_at is not None:
            v["clock"].setText(self.tr("Dừng từ {at} ({why})").format(
                at=short_time(view.pause_started_at, tz), why=_tr(PAUSE_KINDS.get(view.pause_kind, view.pause_kind))))
        self.when_form.setRowVisible(v["clock"], view.pause_started_at is not None)
        if view.result_kind is not None:
            style = error_style() if view.result_kind == "late" else done_style()
            v["result"].setText(self.tr("Có kết quả lúc {at}: {kind}").format(
                at=short_time(view.finished_at, tz),
                kind=f'<b style="{style}">{_tr(CLASS_LABELS[view.result_kind])}</b>'))
        elif view.ended_without_result and view.closed_at is not None:
            v["result"].setText(f"{status} ({short_time(view.closed_at, tz)})")
        self.when_form.setRowVisible(v["result"], view.result_kind is not None or view.ended_without_result)
        self.result_kind = view.result_kind
        if view.returned is not None:
            r = view.returned
            who = self.tr("người nộp") if r.to_kind == "applicant" else self.tr("người được ủy quyền")
            v["returned"].setText(self.tr("{at}, cho {who}: {name} ({id})").format(
                at=short_time(r.at, tz), who=who, name=_html(r.name), id=r.id_shown))
        self.when_form.setRowVisible(v["returned"], view.returned is not None)

        self.timeline.setRowCount(len(view.events))
        for row, e in enumerate(view.events):
            moved = (f"{tr_label(STATUS_LABELS.get(e.from_status, e.from_status))} → "
                     if e.from_status and e.from_status != e.to_status else "")
            cells = (short_time(e.at, tz), tr_action(EVENT_LABELS.get(e.action, e.action)),
                     moved + tr_label(STATUS_LABELS.get(e.to_status, e.to_status)), e.user, e.handed_to, e.note)
            for column, text in enumerate(cells):
                self.timeline.setItem(row, column, QTableWidgetItem(text))
        _fit_rows(self.timeline)

        self.appointments.setRowCount(len(view.appointments))
        for row, ap in enumerate(view.appointments):
            cells = (short_time(ap.given_at, tz), _tr(APPOINTMENT_KINDS.get(ap.kind, ap.kind)),
                     short_time(ap.due_at, tz), short_time(ap.statutory_due_at, tz) if ap.statutory_due_at else "—",
                     ap.user, ap.reason)
            for column, text in enumerate(cells):
                self.appointments.setItem(row, column, QTableWidgetItem(text))
        _fit_rows(self.appointments)
        self.print_apology.setVisible("apology" in view.printable)
        self.print_extension.setVisible("extension" in view.printable)
        self.print_stop.setVisible("stop-notice" in view.printable)
        self._label_prints(view.rule_set)

    def _label_prints(self, rule_set: str) -> None:
        """The print buttons name the forms by their numbers under the dossier's rule set."""
        forms = rule_sets.of(rule_set).forms
        labels = ((self.print_control, self.tr("In phiếu kiểm soát (Mẫu {number})"), "control-slip"),
                  (self.print_apology, self.tr("In phiếu xin lỗi (Mẫu {number})"), "apology"),
                  (self.print_extension, self.tr("In văn bản gia hạn (Mẫu {number})"), "extension"),
                  (self.print_stop, self.tr("In thông báo dừng (Mẫu {number})"), "stop-notice"))
        for button, label, kind in labels:
            # The 2025-only forms are never shown for a 2018 dossier; their 2025 number stands.
            number = (forms.get(kind) or rule_sets.RULES_2025.forms[kind]).number
            button.setText(with_mnemonic(label.format(number=number), number[-1]))

    def _show_actions(self, names: list[str]) -> None:
        for button in self.action_buttons.values():
            self.actions_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.action_buttons = {}
        for i, name in enumerate(names):
            button = QPushButton(with_mnemonic(tr_action(ACTIONS[name].label), ACTIONS[name].mnemonic), self,
                                 objectName=f"do_{name}")
            button.clicked.connect(lambda _=False, n=name: self.start_action(n))
            self.actions_layout.addWidget(button, i // ACTIONS_PER_ROW, i % ACTIONS_PER_ROW)
            button.show()  # in a window already shown, a new child would only appear on the next event loop
            self.action_buttons[name] = button
        self.no_actions.setVisible(not names)

    def _focus_first(self) -> None:
        """Focus (and Enter) goes to the action asked for, else to the first one offered. When the
        action asked for is not offered (the return desk on a dossier without a result), Enter does
        nothing: Enter, Enter there once recorded a transfer (issue 11)."""
        missing = self.focus_action is not None and self.focus_action not in self.action_buttons
        if missing:
            target = None
            for button in self.action_buttons.values():
                # Else QDialog makes the first auto-default button the default when it is shown.
                button.setAutoDefault(False)
            if self.focus_action == "return" and self.view is not None:
                self.show_message(self._not_returnable(self.view), error=True)
        else:
            target = self.action_buttons.get(self.focus_action or "") or next(iter(self.action_buttons.values()), None)
        for button in self.action_buttons.values():
            button.setDefault(button is target)
        (target or self.close_button).setFocus()

    def _not_returnable(self, d: DossierView) -> str:
        if d.status == "returned":
            return self.tr("Hồ sơ {code} đã trả kết quả: không còn kết quả nào để trả.").format(code=d.code)
        return self.tr("Hồ sơ {code} chưa có kết quả để trả (trạng thái: {status}). Phím Enter không thực hiện "
                       "thao tác nào; chọn thao tác bằng Alt + chữ gạch chân.").format(
            code=d.code, status=tr_label(STATUS_LABELS.get(d.status, d.status)))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(error_style(bold=True) if error else done_style())
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ---- actions --------------------------------------------------------------------------
    def dialog_for(self, name: str) -> dialogs.ActionDialog:
        submit = lambda values: self.perform(name, values)
        d = self.view
        assert d is not None
        if name == "transfer":
            return dialogs.TransferDialog(self.code, submit, list(d.departments), d.department, self,
                                          current_handler=d.handler)
        if name == "request_supplement":
            return dialogs.SupplementDialog(self.code, submit, self)
        if name in ("refuse", "refuse_after_review"):
            return dialogs.RefuseDialog(self.code, submit, self, action=name)
        if name in ("withdraw", "stop", "cancel"):
            return dialogs.ReasonDialog(name, self.code, submit, self)
        if name in ("apologise", "extend"):
            cal = self.site.calendar
            start = max(self.clock(), d.due.at) if name == "extend" else self.clock()
            default = due_at(start, Duration.parse(d.committed), cal)
            return dialogs.ApologyDialog(self.code, submit, default, cal.tz, self, action=name)
        if name == "return":
            return dialogs.ReturnDialog(self.code, submit, d.applicant_name, d.applicant_id_number, self)
        intro = ""
        if name == "supplement_received":
            intro = (self.tr("Thời hạn được tính lại từ đầu kể từ lúc nhận đủ hồ sơ.")
                     if d.supplement_rule == "restart" or rule_sets.of(d.rule_set).supplement_window
                     else self.tr("Thời hạn được tính tiếp phần thời gian còn lại."))
        elif name == "close_unsupplemented":
            intro = self.tr("Người nộp không bổ sung hồ sơ trong thời hạn: đóng hồ sơ (Điều 19 khoản 5 "
                            "Nghị định 118/2025/NĐ-CP). Hồ sơ không được tính là đã giải quyết.")
        elif name == "finish":
            intro = self.tr("Kết quả đã có tại Bộ phận tiếp nhận và trả kết quả, chờ trả cho người nộp.")
        return dialogs.NoteDialog(name, self.code, submit, intro, self)

    def start_action(self, name: str) -> dialogs.ActionDialog | None:
        if name not in self.action_buttons or self.view is None:
            return None
        self.show_message("")
        dialog = self.action_dialog = self.dialog_for(name)
        dialog.accepted.connect(self._after_action)
        dialog.open()
        return dialog

    def perform(self, name: str, values: dict) -> str | None:
        """Records the action on the version loaded; returns a message for the dialog, None to close it."""
        request = TransitionRequest(action=name, expected_version=self.version, **values)
        try:
            apply(self.db, self.site, self.code, request, actor=self.actor(), now=self.clock())
        except ConcurrentChange as exc:
            self.reload()
            self.show_message(str(exc), error=True)
            self._print_after = None
            return None
        except SAID as exc:  # TransitionError, locked, disconnected…: said in the action's dialog
            return message(exc, self.db)
        self.reload()
        self.show_message(self.tr("Đã ghi: {action}.").format(action=tr_action(ACTIONS[name].label)))
        self._print_after = name
        self.changed.emit(self.code, name)
        return None

    def _after_action(self) -> None:
        """Once the action's dialog is closed: print its form, then carry on from the new state."""
        name, self._print_after = self._print_after, None
        if name is not None and ACTIONS[name].form:
            self.print_form(ACTIONS[name].form)
        if name == "return" and self.focus_action == "return":
            self.accept()  # return desk: back to the scan box for the next applicant
            return
        self.focus_action = None
        self._focus_first()

    # ---- printing -------------------------------------------------------------------------
    def print_form(self, kind: str) -> None:
        try:
            printed = print_paper(self.db, self.site, kind, self.code, actor=self.actor(), now=self.clock())
        except SAID as exc:
            self.show_message(self.tr("Không in được: {error}").format(error=message(exc, self.db)), error=True)
            return
        self.print_pdf(printed.pdf, self.site.settings.paper_size, _tr(FORM_TITLES[kind]).format(code=self.code))


def _fit_rows(table: QTableWidget) -> None:
    """Rows as tall as their text, the table as tall as its rows and as wide as its fixed columns."""
    table.resizeRowsToContents()
    header = table.horizontalHeader()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(header.sizeHint().height() + rows + 2 * table.frameWidth() + 2)
    last = table.columnCount() - 1
    table.setMinimumWidth(sum(header.sectionSize(c) for c in range(last)) + 130 + 2 * table.frameWidth())


def _html(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
