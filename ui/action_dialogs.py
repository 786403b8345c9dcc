"""Small dialogs asking what one lifecycle action needs, before onestop.dossiers.lifecycle.apply is called.

Each dialog collects the fields of a TransitionRequest (values()) and hands them to `submit`, a
callable of the dossier window that performs the action. `submit` returns a message to show inside
the dialog (the dialog stays open, nothing typed is lost) or None to close it. Enter confirms
(Ctrl+Enter where a box takes several lines), Esc cancels.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from onestop.dossiers.lifecycle import ACTIONS
from onestop.ui.labels import tr_action
from onestop.ui.submit_dialog import Submit, SubmitDialog


class ActionDialog(SubmitDialog):
    """One lifecycle action's questions; the window title names the action and the dossier."""

    def __init__(self, action: str, code: str, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(submit, self.tr("Xác nhận (Enter)"), parent)
        self.setObjectName(f"action_{action}")
        self.action, self.code = action, code
        self.setWindowTitle(self.tr("{action} — hồ sơ {code}").format(action=tr_action(ACTIONS[action].label),
                                                                      code=code))
        self.note: QLineEdit | None = None  # added by the dialogs that ask for one (add_note)

    def add_note(self) -> None:
        self.note = QLineEdit(self, objectName="note", maxLength=1000)
        self.form.addRow(self.tr("&Ghi chú"), self.note)

    def values(self) -> dict:
        """Keyword arguments for TransitionRequest."""
        return {"note": self.note.text()} if self.note is not None else {}

class NoteDialog(ActionDialog):
    """Actions that need nothing but a confirmation and an optional note."""

    def __init__(self, action: str, code: str, submit: Submit, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(action, code, submit, parent)
        self.set_intro(intro)
        self.add_note()
        self.note.setFocus()


class TransferDialog(ActionDialog):
    """Where the dossier goes. Opens on where it is now (department and handler), so that a transfer
    is an explicit choice: confirming it unchanged is refused by onestop.dossiers.lifecycle, and the handler
    is never dropped by accident. Another department typed clears the handler named for this one."""

    def __init__(self, code: str, submit: Submit, departments: Sequence[str] = (), current: str = "",
                 parent: QWidget | None = None, current_handler: str = "") -> None:
        super().__init__("transfer", code, submit, parent)
        self.current, self.current_handler = current, current_handler
        self.department = QLineEdit(current, self, objectName="department", maxLength=200)
        self.department.setPlaceholderText(self.tr("Ví dụ: Phòng Tư pháp"))
        if departments:
            completer = QCompleter(list(departments), self.department)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.department.setCompleter(completer)
        self.handler = QLineEdit(current_handler, self, objectName="handler", maxLength=200)
        self.form.addRow(self.tr("&Phòng ban xử lý"), self.department)
        self.form.addRow(self.tr("&Cán bộ xử lý"), self.handler)
        self.add_note()
        self.department.textChanged.connect(self._department_changed)
        self.department.setFocus()
        self.department.selectAll()

    def _department_changed(self, text: str) -> None:
        # The handler pre-filled works in the current department: not in another one.
        if text.strip() == self.current.strip():
            if not self.handler.text():
                self.handler.setText(self.current_handler)
        elif self.handler.text() == self.current_handler:
            self.handler.clear()

    def values(self) -> dict:
        return {**super().values(), "to": self.department.text(), "handler": self.handler.text()}


class _MultiLine(QPlainTextEdit):
    """A box of several lines where Tab moves on (Enter starts a new line; Ctrl+Enter confirms)."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent, objectName=name)
        self.setTabChangesFocus(True)
        self.setFixedHeight(96)


class SupplementDialog(ActionDialog):
    def __init__(self, code: str, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__("request_supplement", code, submit, parent)
        self.set_intro(self.tr("Đồng hồ tính thời hạn dừng lại cho đến khi người nộp bổ sung đủ giấy tờ. "
                               "Phiếu yêu cầu bổ sung (Mẫu 02) sẽ được in."))
        self.missing = _MultiLine(self, "missing")
        self.missing.setPlaceholderText(self.tr("Mỗi dòng một giấy tờ cần bổ sung, hoàn thiện"))
        self.reason = QLineEdit(self, objectName="reason", maxLength=1000)
        self.form.addRow(self.tr("&Giấy tờ cần bổ sung\n(Ctrl+Enter để xác nhận)"), self.missing)
        self.form.addRow(self.tr("&Lý do"), self.reason)
        self.missing.setFocus()

    def values(self) -> dict:
        lines = tuple(line.strip() for line in self.missing.toPlainText().splitlines() if line.strip())
        return {"missing": lines, "reason": self.reason.text()}


class RefuseDialog(ActionDialog):
    """A refusal (2018) or a refusal after review (NĐ 118/2025 Điều 19 k3): reason and legal basis."""

    def __init__(self, code: str, submit: Submit, parent: QWidget | None = None, action: str = "refuse") -> None:
        super().__init__(action, code, submit, parent)
        self.set_intro(self.tr("Hồ sơ kết thúc với kết quả từ chối. Phiếu từ chối (Mẫu 03) sẽ được in.")
                       if action == "refuse" else
                       self.tr("Cơ quan có thẩm quyền từ chối giải quyết sau thẩm tra, trong thời hạn giải quyết. "
                               "Phiếu từ chối giải quyết hồ sơ sẽ được in."))
        self.reason = QLineEdit(self, objectName="reason", maxLength=1000)
        self.legal_basis = QLineEdit(self, objectName="legal_basis", maxLength=1000)
        self.legal_basis.setPlaceholderText(self.tr("Ví dụ: Điều 7 Luật Lý lịch tư pháp 2009"))
        self.form.addRow(self.tr("&Lý do từ chối"), self.reason)
        self.form.addRow(self.tr("Căn cứ &pháp lý"), self.legal_basis)
        self.add_note()
        self.reason.setFocus()

    def values(self) -> dict:
        return {**super().values(), "reason": self.reason.text(), "legal_basis": self.legal_basis.text()}


class ReasonDialog(ActionDialog):
    """Withdrawal (2018), a stop at the applicant's request (2025, with what was handed back) or
    the cancellation of a mistaken intake: a reason, and what else the action needs."""

    def __init__(self, action: str, code: str, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(action, code, submit, parent)
        intro, label = {
            "withdraw": (self.tr("Người nộp rút hồ sơ: hồ sơ kết thúc, không giải quyết tiếp."),
                         self.tr("&Lý do rút hồ sơ")),
            "stop": (self.tr("Người nộp đề nghị dừng giải quyết (Điều 21 Nghị định 118/2025/NĐ-CP): hồ sơ kết "
                             "thúc. Thông báo dừng giải quyết hồ sơ (Mẫu 05) sẽ được in."),
                     self.tr("&Lý do dừng")),
            "cancel": (self.tr("Hồ sơ tiếp nhận nhầm: giữ mã và lịch sử, không tính vào danh sách và số liệu nào."),
                       self.tr("&Lý do hủy")),
        }[action]
        self.set_intro(intro)
        self.reason = QLineEdit(self, objectName="reason", maxLength=1000)
        self.form.addRow(label, self.reason)
        self.returned: QLineEdit | None = None
        if action == "stop":
            self.returned = QLineEdit(self, objectName="returned", maxLength=1000)
            self.returned.setPlaceholderText(self.tr("Ví dụ: bản chính giấy tờ, lệ phí đã nộp"))
            self.form.addRow(self.tr("Đã &trả lại"), self.returned)
        self.add_note()
        self.reason.setFocus()

    def values(self) -> dict:
        extra = {"returned": self.returned.text()} if self.returned is not None else {}
        return {**super().values(), "reason": self.reason.text(), **extra}


class ApologyDialog(ActionDialog):
    """The reason for the delay and the new appointment, entered in the site's local time."""

    def __init__(self, code: str, submit: Submit, default_due: datetime, tz: ZoneInfo,
                 parent: QWidget | None = None, action: str = "apologise") -> None:
        super().__init__(action, code, submit, parent)
        self.tz = tz
        if action == "extend":
            self.set_intro(self.tr("Hồ sơ dự kiến quá hạn: ghi lý do và thời gian đề nghị gia hạn, chậm nhất 01 ngày "
                                   "trước ngày hẹn trả, một lần (Điều 19 khoản 6 Nghị định 118/2025/NĐ-CP). "
                                   "Văn bản xin lỗi và đề nghị gia hạn (Mẫu 04) sẽ được in."))
        else:
            self.set_intro(self.tr("Hồ sơ đã quá hạn hẹn trả: ghi lý do chậm trễ và hẹn lại ngày trả kết quả. "
                                   "Phiếu xin lỗi và hẹn lại (Mẫu 04) sẽ được in."))
        self.reason = QLineEdit(self, objectName="reason", maxLength=1000)
        self.new_due = QDateTimeEdit(self, objectName="new_due")
        self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.new_due.setCalendarPopup(True)
        local = default_due.astimezone(tz).replace(tzinfo=None, second=0, microsecond=0)
        self.new_due.setDateTime(QDateTime(local))
        self.form.addRow(self.tr("&Lý do chậm trễ"), self.reason)
        self.form.addRow(self.tr("&Hẹn lại lúc"), self.new_due)
        self.notified: dict[str, QRadioButton] = {}
        if action == "extend":
            group = QButtonGroup(self)
            for key, label in (("email", self.tr("Thư điện tử")), ("sms", self.tr("Tin nhắn")),
                               ("phone", self.tr("Điện thoại")), ("in-person", self.tr("Trực tiếp"))):
                button = self.notified[key] = QRadioButton(label, self, objectName=f"notified_{key}")
                group.addButton(button)
                self.form.addRow(self.tr("Đã báo người nộp qua") if key == "email" else "", button)
        self.add_note()
        self.reason.setFocus()

    def new_due_at(self) -> datetime:
        local = self.new_due.dateTime().toPython()
        return local.replace(tzinfo=self.tz)

    def values(self) -> dict:
        told = next((key for key, button in self.notified.items() if button.isChecked()), "")
        extra = {"notified_by": told} if self.notified else {}
        return {**super().values(), "reason": self.reason.text(), "new_due_at": self.new_due_at(), **extra}


class ReturnDialog(ActionDialog):
    """Who collects the result: the applicant in person (default: Enter confirms) or an authorised person."""

    def __init__(self, code: str, submit: Submit, applicant_name: str, applicant_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("return", code, submit, parent)
        self.in_person = QRadioButton(self.tr("Người nộp &trực tiếp nhận"), self, objectName="in_person")
        self.authorised = QRadioButton(self.tr("Người được ủy &quyền nhận"), self, objectName="authorised")
        group = QButtonGroup(self)
        group.addButton(self.in_person)
        group.addButton(self.authorised)
        self.in_person.setChecked(True)
        self.applicant = QLabel(f"{applicant_name} — {applicant_id}", self, objectName="applicant")
        self.collector_name = QLineEdit(self, objectName="collector_name", maxLength=300)
        self.collector_id = QLineEdit(self, objectName="collector_id", maxLength=20)
        self.collector_id.setPlaceholderText(self.tr("12 chữ số"))
        self.form.addRow(self.in_person)
        self.form.addRow(self.tr("Người nộp"), self.applicant)
        self.form.addRow(self.authorised)
        self.form.addRow(self.tr("&Họ và tên"), self.collector_name)
        self.form.addRow(self.tr("&Số CCCD"), self.collector_id)
        self.add_note()
        self.authorised.toggled.connect(self._kind_changed)
        self._kind_changed(False)
        self.in_person.setFocus()

    def _kind_changed(self, authorised: bool) -> None:
        for edit in (self.collector_name, self.collector_id):
            edit.setEnabled(authorised)
        if authorised:
            self.collector_name.setFocus()

    def values(self) -> dict:
        if self.in_person.isChecked():
            return {**super().values(), "collector_kind": "applicant"}
        return {**super().values(), "collector_kind": "authorised", "collector_name": self.collector_name.text(),
                "collector_id": self.collector_id.text()}
