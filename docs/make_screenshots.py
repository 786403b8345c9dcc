"""Regenerates docs/screenshots/*.png from a real window (run under Xvfb: see below).

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/make_screenshots.py
"""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

OUT = Path(__file__).resolve().parent / "screenshots"
NOW = datetime(2026, 11, 23, 2, 15, tzinfo=timezone.utc)  # Monday 09:15 in Hà Nội


def main() -> None:
    os.environ.setdefault("ONESTOP_DATA_DIR", tempfile.mkdtemp(prefix="onestop-shots-"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from onestop.installation.bootstrap import open_database
    from onestop.installation.demo import generate
    from onestop.paperwork.receipts import receipt_pdf
    from onestop.people.accounts import Actor
    from onestop.ui.app import install_translations
    from onestop.ui.main_window import MainWindow
    from tests.qt_typing import type_ime, type_keys

    install_translations(app)
    db, site = open_database()
    generate(db, site, dossiers=3000, seed=1, now=NOW)
    window = MainWindow(db, site, lambda: NOW, "Lê Thu Hà")
    window.resize(1360, 820)
    window.show()
    form = window.intake
    type_keys(form.procedure_search, "ly lich tu phap")
    form.select_procedure("DP.LLTP.01")
    form.tick_all.click()
    type_ime(form.name, "Nguyễn Thị Hồng Nhung")
    type_ime(form.id_number, "001190012345")
    type_ime(form.phone, "0912 345 678")
    type_ime(form.email, "nhung.nguyen@example.vn")
    type_ime(form.address, "Số 5 phố Kim Mã, phường Ba Đình, Hà Nội")
    type_ime(form.note, "Nộp thay cho mẹ, có giấy ủy quyền")
    for _ in range(20):
        app.processEvents()
    OUT.mkdir(exist_ok=True)
    window.grab().save(str(OUT / "intake.png"))

    saved = form.save()
    window.tabs.setCurrentIndex(1)
    window.view_tabs.setCurrentIndex(2)  # overdue
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(OUT / "queue.png"))

    # A dossier on its way: sent to a department, papers requested and brought back.
    from datetime import timedelta

    from onestop.dossiers.lifecycle import TransitionRequest, apply
    from onestop.ui.action_dialogs import ReturnDialog

    later = NOW + timedelta(days=3)
    for hours, action, extra in ((2, "transfer", {"to": "Phòng Tư pháp - Hộ tịch", "handler": "Trần Văn Bình"}),
                                 (4, "request_supplement", {"missing": ("Bản sao CCCD có chứng thực",),
                                                            "reason": "Bản sao mờ, không đọc được"}),
                                 (30, "supplement_received", {}), (50, "finish", {})):
        apply(db, site, saved.code, TransitionRequest(action, at=NOW + timedelta(hours=hours),
                                                      **extra), actor=Actor.named("Phạm Minh Đức"), now=later)
    window.clock = lambda: later
    dossier_window = window.open_dossier(saved.code)
    dossier_window.resize(1120, 800)
    for _ in range(20):
        app.processEvents()
    dossier_window.grab().save(str(OUT / "dossier.png"))
    dialog = ReturnDialog(saved.code, lambda values: None, "Nguyễn Thị Hồng Nhung", "001190012345", dossier_window)
    dialog.show()
    for _ in range(10):
        app.processEvents()
    dialog.grab().save(str(OUT / "return_dialog.png"))
    dialog.reject()
    dossier_window.reject()
    window.tabs.setCurrentIndex(0)
    type_keys(form.procedure_search, "khai sinh")
    form.select_procedure("1.001193")
    type_ime(form.name, "Lê Văn Tám")
    type_ime(form.id_number, "001080000001")
    slip = form.start_slip("supplement")
    for _ in range(10):
        app.processEvents()
    slip.grab().save(str(OUT / "reception_slip_dialog.png"))
    slip.reject()

    shoot_desk(app, window, NOW)
    shoot_first_start(app, db)
    shoot_idle_lock(app, db, window)
    shoot_documents(db, site, NOW)

    import pypdfium2

    with db.read() as session:
        pdf = receipt_pdf(session, site, saved.code)
    page = pypdfium2.PdfDocument(pdf)[0]
    page.render(scale=110 / 72).to_pil().save(OUT / "receipt.png")
    print("screenshots in", OUT)


def shoot_desk(app, window, now) -> None:
    """The supervisor's desk, page by page, at `now`."""
    window.clock = window.desk.late.clock = lambda: now
    window.tabs.setCurrentWidget(window.desk_tab)
    names = ("desk_late.png", "desk_report.png", "desk_targets.png", "desk_charts.png")
    for index, name in enumerate(names):
        window.desk.tabs.setCurrentIndex(index)
        page = window.desk.tabs.currentWidget()
        while page.busy:  # its figures are computed off the window's thread
            page.background.wait()
            app.processEvents()
        for _ in range(30):
            app.processEvents()
        window.grab().save(str(OUT / name))


def shoot_first_start(app, db) -> None:
    """The dialog of the very first start: the person installing creates the administrator."""
    from onestop.ui.login_dialog import FirstAdminDialog
    from tests.qt_typing import type_ime, type_keys

    dialog = FirstAdminDialog(db, lambda: NOW)
    dialog.show()
    type_keys(dialog.username, "quantri")
    type_ime(dialog.full_name, "Nguyễn Văn Quản")
    type_keys(dialog.password, "mat-khau-dai")
    for _ in range(10):
        app.processEvents()
    dialog.grab().save(str(OUT / "first_start.png"))
    dialog.reject()


def shoot_idle_lock(app, db, window) -> None:
    """The desk locked after its idle minutes: only the signed-in person's password opens it."""
    from onestop.people.accounts import create_first_admin
    from onestop.ui.idle_lock import IdleLock

    actor = create_first_admin(db, "ha.lt", "Lê Thu Hà", "mat-khau-dai", NOW)
    lock = IdleLock(db, lambda: NOW, actor, lambda: 15, window)
    lock.lock()
    for _ in range(10):
        app.processEvents()
    lock.dialog.grab().save(str(OUT / "idle_lock.png"))
    lock.dialog.leave_requested.emit()
    shoot_logs(app, db, actor)


def shoot_logs(app, db, admin) -> None:
    """The logs, after a few administrative changes: who created, reset and closed what."""
    from datetime import timedelta

    from onestop.people.accounts import create_account, set_active, set_password
    from onestop.ui.logs_dialog import LogsDialog

    officer = create_account(db, admin, "binh.tv", "Trần Văn Bình", "officer", "mat-khau-dai", NOW + timedelta(minutes=5))
    set_password(db, admin, officer.username, "mat-khau-moi-dai", NOW + timedelta(minutes=9))
    set_active(db, admin, officer.username, False, NOW + timedelta(hours=3))
    dialog = LogsDialog(db, admin)
    dialog.show()
    for _ in range(10):
        app.processEvents()
    dialog.grab().save(str(OUT / "logs.png"))
    dialog.reject()


def shoot_documents(db, site, now) -> None:
    """Page 1 of the report, targets and ledger PDFs; the report's XLSX through LibreOffice (if any)."""
    import shutil
    import subprocess
    from datetime import date

    import pypdfium2

    from onestop.figures.figure_files import save_figures, save_ledger
    from onestop.figures.report import periodic_report
    from onestop.figures.targets import cut_time_targets
    from onestop.people.accounts import Actor

    start, end = date(2026, 11, 1), date(2026, 11, 30)
    folder = Path(tempfile.mkdtemp(prefix="onestop-docs-"))
    with db.read() as session:
        save_figures(periodic_report(session, site, start, end), "pdf", folder / "report.pdf", site, now)
        save_figures(periodic_report(session, site, start, end), "xlsx", folder / "report.xlsx", site, now)
        save_figures(cut_time_targets(session, site, date(2026, 1, 1), end), "pdf", folder / "targets.pdf", site, now)
    # As a counter officer prints it (a supervisor's copy has the phone numbers masked).
    save_ledger(db, site, start, end, "pdf", folder / "ledger.pdf", now, Actor("lan.nt", "Nguyễn Thị Lan", "officer"))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:  # the spreadsheet as Excel would print it
        subprocess.run([office, "--headless", "--convert-to", "pdf:calc_pdf_Export", "--outdir", str(folder / "xlsx"),
                        str(folder / "report.xlsx")], check=True, capture_output=True)
    for name, pdf in (("report_pdf", "report.pdf"), ("targets_pdf", "targets.pdf"), ("ledger_pdf", "ledger.pdf"),
                      ("report_xlsx", "xlsx/report.pdf")):
        if (folder / pdf).exists():
            pypdfium2.PdfDocument(str(folder / pdf))[0].render(scale=110 / 72).to_pil().save(OUT / f"{name}.png")


if __name__ == "__main__":
    main()
