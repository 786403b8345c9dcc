"""One dossier's details, opened from the queue, the search or a scanned receipt."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout

from db.models import Dossier
from onestop.catalogue import DOCUMENT_FORMS
from onestop.deadlines import working_time_left
from onestop.formatting import long_time, working_span
from onestop.intake import CHANNELS
from onestop.site import Site
from onestop.statuses import STATUS_LABELS
from ui.labels import tr_label


class DossierDialog(QDialog):
    print_requested = Signal(str)

    def __init__(self, dossier: Dossier, site: Site, now: datetime, parent=None) -> None:
        super().__init__(parent)
        self.code = dossier.code
        cal = site.calendar
        self.setWindowTitle(self.tr("Hồ sơ {code}").format(code=dossier.code))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        a, p = dossier.applicant, dossier.procedure
        docs = "<br>".join(f"{i}. {d.name} ({tr_label(DOCUMENT_FORMS.get(d.form, d.form))}, {d.quantity})"
                           for i, d in enumerate(dossier.documents, start=1))
        left = working_span(working_time_left(now, dossier.due_at, cal), cal.working_day_length)
        rows = [
            (self.tr("Mã hồ sơ"), f"<b>{dossier.code}</b>"),
            (self.tr("Trạng thái"), tr_label(STATUS_LABELS.get(dossier.status, dossier.status))),
            (self.tr("Người nộp"), a.name),
            (self.tr("Số giấy tờ"), a.id_number),
            (self.tr("Điện thoại"), a.phone or "—"),
            (self.tr("Địa chỉ"), a.address or "—"),
            (self.tr("Thủ tục"), f"{p.code} — {p.name}"),
            (self.tr("Hình thức nộp"), tr_label(CHANNELS[dossier.channel])),
            (self.tr("Thành phần hồ sơ"), docs or "—"),
            (self.tr("Tiếp nhận"), long_time(dossier.received_at, cal.tz) + f" ({dossier.received_by})"),
            (self.tr("Hẹn trả kết quả"), f"<b>{long_time(dossier.due_at, cal.tz)}</b>"),
            (self.tr("Hạn theo quy định"), long_time(dossier.statutory_due_at, cal.tz)),
            (self.tr("Thời gian còn lại"), left if dossier.closed_at is None else "—"),
        ]
        for label, value in rows:
            text = QLabel(value, self, wordWrap=True)
            form.addRow(label, text)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        reprint = QPushButton(self.tr("In lại giấy tiếp nhận"), self, objectName="reprint")
        buttons.addButton(reprint, QDialogButtonBox.ButtonRole.ActionRole)
        reprint.clicked.connect(lambda: self.print_requested.emit(self.code))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 560)
