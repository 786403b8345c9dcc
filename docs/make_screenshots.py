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
    from onestop.bootstrap import open_database
    from onestop.demo import generate
    from onestop.receipts import receipt_pdf
    from tests.qt_typing import type_ime, type_keys
    from ui.app import install_translations
    from ui.main_window import MainWindow

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

    from onestop.lifecycle import TransitionRequest, apply
    from ui.action_dialogs import ReturnDialog

    later = NOW + timedelta(days=3)
    for hours, action, extra in ((2, "transfer", {"to": "Phòng Tư pháp - Hộ tịch", "handler": "Trần Văn Bình"}),
                                 (4, "request_supplement", {"missing": ("Bản sao CCCD có chứng thực",),
                                                            "reason": "Bản sao mờ, không đọc được"}),
                                 (30, "supplement_received", {}), (50, "finish", {})):
        apply(db, site, saved.code, TransitionRequest(action, user="Phạm Minh Đức", at=NOW + timedelta(hours=hours),
                                                      **extra), now=later)
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

    import pypdfium2

    with db.read() as session:
        pdf = receipt_pdf(session, site, saved.code)
    page = pypdfium2.PdfDocument(pdf)[0]
    page.render(scale=110 / 72).to_pil().save(OUT / "receipt.png")
    print("screenshots in", OUT)


if __name__ == "__main__":
    main()
