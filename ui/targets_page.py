"""Cut-time targets on screen: each procedure's promise and what was kept, broken promises first."""
from __future__ import annotations

from datetime import date

from onestop.figures.targets import CUT_TARGET, NOT_KEPT, UNIT_TARGET, cut_time_targets
from onestop.formatting import vn_number
from onestop.ui.figures_page import FiguresPage


class TargetsPage(FiguresPage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bar.addStretch(1)

        def targets_name() -> str:
            start, end = self.period()
            return f"cat-giam-thoi-gian-{start:%Y%m%d}-{end:%Y%m%d}"

        for label, fmt in ((self.tr("Xuất PDF…"), "pdf"), (self.tr("Xuất Excel…"), "xlsx"), (self.tr("Xuất CSV…"), "csv")):
            self.add_export(label, fmt, self.figures_file(fmt), targets_name)

    def work(self, start: date, end: date):
        site = self.site
        return lambda session: cut_time_targets(session, site, start, end)

    def fill(self, targets) -> None:
        headers = [self.tr("Mã"), self.tr("Thủ tục"), self.tr("Quy định"), self.tr("Cam kết"), self.tr("Cắt giảm (%)"),
                   self.tr("Đã giải quyết"), self.tr("Trong hạn cam kết (%)"), self.tr("Trong hạn quy định (%)"),
                   self.tr("Trung vị (ngày)"), self.tr("90% hồ sơ trong (ngày)"), self.tr("Thực tế")]
        verdict = {NOT_KEPT: self.tr("Không giữ được cam kết")}
        rows = [[r.code, r.name, r.statutory.label(), r.committed.label(), r.cut_percent, r.resolved,
                 r.within_committed_percent, r.within_statutory_percent, r.median_days, r.p90_days,
                 verdict.get(r.standing, "")] for r in targets.rows]
        self.set_rows(headers, rows, name_width=340,
                      flagged={i for i, r in enumerate(targets.rows) if r.standing == NOT_KEPT})
        s = targets.summary
        self.summary.setText(self.tr(
            "Thủ tục cắt giảm từ {cut_target} % trở lên: {cut}/{procedures} ({share} %) — chỉ tiêu {unit_target} %: "
            "{met}. Trong kỳ: {resolved} hồ sơ có kết quả, {within} % trong hạn cam kết, {statutory} % trong hạn "
            "quy định; {not_kept} thủ tục không giữ được cam kết (đầu bảng).").format(
                cut_target=CUT_TARGET, cut=s.cut, procedures=s.procedures, share=vn_number(s.cut_percent),
                unit_target=UNIT_TARGET, met=self.tr("đạt") if s.target_met else self.tr("chưa đạt"),
                resolved=vn_number(s.resolved), within=vn_number(s.within_committed_percent),
                statutory=vn_number(s.within_statutory_percent), not_kept=s.not_kept))
