"""Settings of the installation: agency, look-up address, office hours, days off, paper."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
)

from onestop.db.session import Database
from onestop.office.site import (
    MAX_BACKUP_DAYS,
    MAX_LOCK_MINUTES,
    PAPER_SIZES,
    AgencyInfo,
    Site,
    SiteSettings,
    change_settings,
    format_dates,
    format_office_hours,
    parse_dates,
    parse_office_hours,
    validate_site,
)
from onestop.people.accounts import Actor
from onestop.ui.submit_dialog import add_checked_row


class SettingsDialog(QDialog):
    def __init__(self, db: Database, site: Site, parent=None, *, actor: Actor,
                 clock: Callable[[], datetime], first_start: bool = False) -> None:
        super().__init__(parent)
        self.actor = actor  # change_settings refuses a role that may not change the settings
        self.db, self.site, self.clock = db, site, clock
        self.setWindowTitle(self.tr("Bước 2/2: Thông tin cơ quan") if first_start else self.tr("Cài đặt"))
        # The first start's step after the administrator: the agency's own fields start empty, not the
        # demo agency's, so that nothing of another agency is saved by pressing Enter.
        a = AgencyInfo(code="", name="", parent_name="", place_name="", address="", result_place="") \
            if first_start else site.agency
        s = site.settings
        self.errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        if first_start:
            layout.addWidget(QLabel(self.tr(
                "Nhập thông tin của cơ quan. Cho đến khi lưu, giấy tờ in ra ghi «CHƯA CẤU HÌNH CƠ QUAN». Danh mục "
                "thủ tục mẫu đã được nạp; danh mục của cơ quan nhập bằng lệnh «onestop catalogue import TỆP»."),
                self, wordWrap=True, objectName="first_start_intro"))
        form = QFormLayout()
        layout.addLayout(form)

        def line(name: str, value: str, max_length: int) -> QLineEdit:
            return QLineEdit(value, self, objectName=name, maxLength=max_length + 1)

        self.code = line("code", a.code, 40)
        self.code.setPlaceholderText("000.17.22.H56 / H55.242")  # both styles of mã định danh (QĐ 20/2020)
        self.name = line("name", a.name, 300)
        self.parent_name = line("parent_name", a.parent_name, 300)
        self.place_name = line("place_name", a.place_name, 100)
        self.address = line("address", a.address, 500)
        self.result_place = line("result_place", a.result_place, 500)
        self.lookup = line("lookup_url_template", a.lookup_url_template, 500)
        self.lookup.setPlaceholderText("https://dichvucong.example.gov.vn/tra-cuu?ma={code}")
        self.office_hours = line("office_hours", format_office_hours(s.office_hours), 200)
        self.saturday = QCheckBox(self.tr("Làm việc sáng thứ Bảy"), self, checked=s.saturday_morning)
        self.cutoff = QTimeEdit(QTime(s.same_day_cutoff.hour, s.same_day_cutoff.minute), self)
        self.cutoff.setDisplayFormat("HH:mm")
        self.days_off = QPlainTextEdit(format_dates(s.extra_days_off), self, objectName="extra_days_off")
        self.working_days = QPlainTextEdit(format_dates(s.extra_working_days), self, objectName="extra_working_days")
        for box in (self.days_off, self.working_days):
            box.setMaximumHeight(60)
            box.setPlaceholderText(self.tr("ngày/tháng/năm, cách nhau bởi dấu phẩy"))
        self.due_soon = QDoubleSpinBox(self, minimum=0.5, maximum=80, decimals=1, value=s.due_soon_hours)
        self.due_soon.setSuffix(self.tr(" giờ làm việc"))
        self.paper = QComboBox(self)
        self.paper.addItems(PAPER_SIZES)
        self.paper.setCurrentText(s.paper_size)
        self.font_path = line("font_path", s.font_path, 500)
        self.font_path.setPlaceholderText(self.tr("để trống: Times New Roman / Liberation Serif / DejaVu Serif"))
        self.backup_days = QSpinBox(self, objectName="backup_keep_days", minimum=1, maximum=MAX_BACKUP_DAYS,
                                    value=s.backup_keep_days)
        self.backup_days.setSuffix(self.tr(" ngày"))
        self.lock_minutes = QSpinBox(self, objectName="lock_after_minutes", minimum=0, maximum=MAX_LOCK_MINUTES,
                                     value=s.lock_after_minutes)
        self.lock_minutes.setSuffix(self.tr(" phút không thao tác"))
        self.lock_minutes.setSpecialValueText(self.tr("không tự khóa"))
        self.system_digits = line("centralised_code_digits", s.centralised_code_digits, 2)
        self.system_digits.setPlaceholderText(self.tr("để trống; hệ thống tập trung: 2 chữ số (Thông tư 04/2025)"))

        rows = [
            ("code", self.tr("Mã định danh cơ quan"), self.code),
            ("name", self.tr("Tên cơ quan, đơn vị"), self.name),
            ("parent_name", self.tr("Cơ quan chủ quản"), self.parent_name),
            ("place_name", self.tr("Địa danh (dòng ngày tháng)"), self.place_name),
            ("address", self.tr("Địa chỉ"), self.address),
            ("result_place", self.tr("Nơi trả kết quả"), self.result_place),
            ("lookup_url_template", self.tr("Địa chỉ tra cứu trong mã QR"), self.lookup),
            ("office_hours", self.tr("Giờ làm việc"), self.office_hours),
            ("saturday", "", self.saturday),
            ("cutoff", self.tr("Giờ chốt nhận hồ sơ trong ngày"), self.cutoff),
            ("extra_days_off", self.tr("Ngày nghỉ thêm (nghỉ bù)"), self.days_off),
            ("extra_days", self.tr("Ngày làm bù"), self.working_days),
            ("due_soon_hours", self.tr("Báo sắp đến hạn khi còn dưới"), self.due_soon),
            ("paper_size", self.tr("Khổ giấy biên nhận"), self.paper),
            ("font_path", self.tr("Tệp phông chữ (tùy chọn)"), self.font_path),
            ("backup_keep_days", self.tr("Giữ bản sao lưu tự động (SQLite) trong"), self.backup_days),
            ("lock_after_minutes", self.tr("Tự khóa máy sau"), self.lock_minutes),
            ("centralised_code_digits", self.tr("Mã hệ thống tập trung trong mã hồ sơ (AA)"), self.system_digits),
        ]
        for key, label, widget in rows:
            self.errors[key] = add_checked_row(form, key, label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 0)

    def _show(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)

    def values(self) -> tuple[AgencyInfo, SiteSettings, dict[str, str]]:
        errors: dict[str, str] = {}
        agency = AgencyInfo(
            code=self.code.text().strip().upper(), name=self.name.text().strip(),
            parent_name=self.parent_name.text().strip(), place_name=self.place_name.text().strip(),
            address=self.address.text().strip(), result_place=self.result_place.text().strip(),
            lookup_url_template=self.lookup.text().strip(),
        )
        parsed = {}
        for key, parse, text in (("office_hours", parse_office_hours, self.office_hours.text()),
                                 ("extra_days_off", parse_dates, self.days_off.toPlainText()),
                                 ("extra_working_days", parse_dates, self.working_days.toPlainText())):
            try:
                parsed[key] = parse(text)
            except ValueError as exc:
                errors["extra_days" if key == "extra_working_days" else key] = str(exc)
                parsed[key] = getattr(self.site.settings, key)
        cutoff = self.cutoff.time()
        settings = SiteSettings(
            office_hours=parsed["office_hours"], saturday_morning=self.saturday.isChecked(),
            same_day_cutoff=cutoff.toPython(), extra_days_off=parsed["extra_days_off"],
            extra_working_days=parsed["extra_working_days"], due_soon_hours=self.due_soon.value(),
            paper_size=self.paper.currentText(), font_path=self.font_path.text().strip(),
            backup_keep_days=self.backup_days.value(), lock_after_minutes=self.lock_minutes.value(),
            centralised_code_digits=self.system_digits.text().strip(),
        )
        return agency, settings, {**validate_site(agency, settings), **errors}

    def save(self) -> None:
        agency, settings, errors = self.values()
        self._show(errors)
        if errors:
            return
        change_settings(self.db, agency, settings, self.actor, self.clock())
        self.accept()
