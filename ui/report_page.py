"""The periodic report on screen, by field or by procedure, with its PDF, Excel and CSV files and
the dossier ledger (Mẫu 06 of TT 01/2018, Mẫu 07 of TT 03/2025) of the same period."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel

from onestop.figures.figure_files import save_ledger
from onestop.figures.report import periodic_report
from onestop.figures.report_xlsx import HEADER_GROUPS, TOTAL_LABEL, figures, name_heading
from onestop.formatting import vn_number
from onestop.people.accounts import Actor
from onestop.ui.figures_page import FiguresPage


class ReportPage(FiguresPage):
    def __init__(self, *args, actor: Actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor  # the ledger: phones masked or not, and the export logged under this name
        self.bar.addWidget(QLabel(self.tr("Tổng hợp theo:")))
        self.by = QComboBox(self, objectName="report_by")
        self.by.addItem(self.tr("Lĩnh vực"), "field")
        self.by.addItem(self.tr("Thủ tục"), "procedure")
        self.by.currentIndexChanged.connect(self.refresh)
        self.bar.addWidget(self.by)
        self.bar.addStretch(1)

        def report_name() -> str:
            start, end = self.period()
            return f"bao-cao-{start:%Y%m%d}-{end:%Y%m%d}"

        def ledger_name() -> str:
            start, end = self.period()
            return f"so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}"

        for label, fmt in ((self.tr("Xuất báo cáo PDF…"), "pdf"), (self.tr("Xuất báo cáo Excel…"), "xlsx"),
                           (self.tr("Xuất CSV…"), "csv")):
            self.add_export(label, fmt, self.figures_file(fmt), report_name)
        for label, fmt in ((self.tr("Sổ theo dõi hồ sơ PDF…"), "pdf"), (self.tr("Sổ theo dõi Excel…"), "xlsx")):
            self.add_export(label, fmt, lambda path, shown, f=fmt: save_ledger(
                self.db, self.site, shown.start, shown.end, f, path, shown.now, self.actor), ledger_name)

    def work(self, start: date, end: date):
        site, by, now = self.site, self.by.currentData(), self.clock()
        return lambda session: periodic_report(session, site, start, end, by, now=now)

    def fill(self, report) -> None:
        headers = [self.tr("STT"), name_heading(report.by)]
        for group, subs in HEADER_GROUPS[2:]:
            headers += [f"{group}\n{sub}" for sub in subs] or [group]
        rows = [[i, r.name, *figures(r.counts)] for i, r in enumerate(report.rows, start=1)]
        total = figures(report.total)  # received in all first, the on-time rate last
        rows.append(["", TOTAL_LABEL, *total])
        self.set_rows(headers, rows, bold_last=True, name_width=200 if report.by == "field" else 340)
        received, rate = total[0], total[-1]
        self.summary.setText(self.tr("Từ {start} đến {end}: {received} hồ sơ nhận giải quyết; tỷ lệ đúng hạn {rate} %.")
                             .format(start=f"{report.start:%d/%m/%Y}", end=f"{report.end:%d/%m/%Y}",
                                     received=vn_number(received), rate=vn_number(rate)))
