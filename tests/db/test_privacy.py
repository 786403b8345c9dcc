"""Personal data: masked for the roles that do not need it, and every export of it logged."""
from __future__ import annotations

import getpass
from datetime import date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QLabel

from onestop.cli import main
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.figures.figure_files import save_ledger
from onestop.people.accounts import Actor
from onestop.people.privacy import export_log, mask_id_number, mask_phone
from onestop.ui.dossier_window import DossierWindow
from tests.conftest import ENGINES

NOW = datetime(2026, 11, 23, 2, 15, tzinfo=timezone.utc)
OFFICER, SUPERVISOR = Actor("lan.nt", "Nguyễn Thị Lan", "officer"), Actor("hai.tv", "Trần Văn Hải", "supervisor")


def test_masks_keep_the_ends():
    assert mask_id_number("001190012345") == "001•••••••45"
    assert mask_phone("0912345678") == "091•••••78"
    assert mask_id_number("0101234567") == "010•••••67"  # a tax code
    assert mask_phone("") == "" and mask_id_number("123") == "•••"


@pytest.fixture
def dossier(site_db):
    db, site = site_db
    req = IntakeRequest(procedure_code="1.004884", name="Phạm Thu Hà", id_number="001190012345", phone="0912345678",
                        address="Số 5 phố Kim Mã", received_at=NOW)
    return db, site, save_intake(db, site, req, now=NOW, actor=Actor.named("cb")).code


@pytest.mark.parametrize(("actor", "id_text", "phone"), [(OFFICER, "001190012345", "0912345678"),
                                                        (SUPERVISOR, "001•••••••45", "091•••••78")])
def test_the_dossier_window_shows_personal_data_to_officers_only(qtbot, dossier, actor, id_text, phone):
    db, site, code = dossier
    window = DossierWindow(db, site, lambda: NOW, lambda: actor, code)
    qtbot.addWidget(window)
    texts = " ".join(label.text() for label in window.findChildren(QLabel))
    assert id_text in texts and phone in texts
    hidden = {"001190012345", "0912345678"} - {id_text, phone}
    assert not any(h in texts for h in hidden)


@pytest.mark.parametrize(("actor", "shown"), [(OFFICER, "001095001122"), (SUPERVISOR, "001•••••••22")])
def test_the_collectors_cccd_is_shown_to_officers_only(qtbot, dossier, actor, shown):
    db, site, code = dossier
    later = NOW + timedelta(hours=1)
    apply(db, site, code, TransitionRequest(action="finish"), actor=Actor.named("cb"), now=later)
    apply(db, site, code, TransitionRequest(action="return", collector_kind="authorised",
                                            collector_name="Lê Văn Bình", collector_id="001095001122"), actor=Actor.named("cb"), now=later)
    window = DossierWindow(db, site, lambda: later, lambda: actor, code)
    qtbot.addWidget(window)
    texts = " ".join(label.text() for label in window.findChildren(QLabel))
    assert f"Lê Văn Bình ({shown})" in texts
    assert actor is OFFICER or "001095001122" not in texts


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_ledger_masks_phones_for_supervisors_and_every_export_is_logged(dossier, tmp_path):
    db, site, code = dossier
    for actor in (OFFICER, SUPERVISOR):
        path = tmp_path / f"{actor.username}.xlsx"
        assert save_ledger(db, site, date(2026, 11, 1), date(2026, 11, 30), "xlsx", path, NOW, actor) == 1
        cells = " ".join(str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value)
        assert ("0912345678" in cells) is (actor is OFFICER)
        assert ("091•••••78" in cells) is (actor is SUPERVISOR)
    with db.read() as s:
        log = [(e.user, e.what, e.detail) for e in export_log(s)]
    assert [(u, w) for u, w, _ in log] == [("Trần Văn Hải", "ledger.xlsx"), ("Nguyễn Thị Lan", "ledger.xlsx")]
    assert "từ 01/11/2026 đến 30/11/2026: 1 hồ sơ" in log[0][2]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_command_line_export_is_logged_with_the_system_user(dossier, database_url, tmp_path):
    db, _, _ = dossier
    out = tmp_path / "ho-so.csv"
    assert main(["--database", database_url, "export", "dossiers", "--format", "csv", "-o", str(out)]) == 0
    with db.read() as s:
        (entry,) = export_log(s)
    assert (entry.user, entry.what) == (getpass.getuser(), "dossiers.csv")
    assert f"1 hồ sơ → {out}" in entry.detail


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_receipts_and_forms_saved_from_the_command_line_are_logged(dossier, database_url, tmp_path):
    db, _, code = dossier
    receipt, slip = tmp_path / "bien-nhan.pdf", tmp_path / "phieu-kiem-soat.pdf"
    assert main(["--database", database_url, "receipt", code, "-o", str(receipt)]) == 0
    assert main(["--database", database_url, "print", "control-slip", code, "-o", str(slip)]) == 0
    with db.read() as s:
        log = [(e.user, e.what, e.detail) for e in export_log(s)]
    user = getpass.getuser()
    assert log == [(user, "control-slip.pdf", f"{code} → {slip}"), (user, "receipt.pdf", f"{code} → {receipt}")]


def test_printing_from_the_window_is_logged_with_the_officer(qtbot, dossier):
    db, site, code = dossier
    printed = []
    window = DossierWindow(db, site, lambda: NOW, lambda: OFFICER, code,
                           print_pdf=lambda pdf, paper, title: printed.append(title))
    qtbot.addWidget(window)
    window.print_form("control-slip")
    assert printed == [f"Phiếu kiểm soát quá trình giải quyết {code}"]
    with db.read() as s:
        (entry,) = export_log(s)
    assert (entry.at, entry.user, entry.what, entry.detail) == (NOW, "Nguyễn Thị Lan", "control-slip.pdf", code)


def test_a_paper_printed_is_logged_once_even_when_its_copy_cannot_be_kept(dossier, tmp_path):
    """onestop.paperwork.issue: the window's receipt keeps a copy; a full disk or a folder that is a
    file loses the copy, never the print, and the print is still in the log."""
    from onestop.paperwork.issue import print_paper
    from tests.cli.test_cli import pdf_text

    db, site, code = dossier
    kept = print_paper(db, site, "receipt", code, actor=OFFICER, now=NOW, keep_copy_in=tmp_path / "receipts")
    assert kept.copy == tmp_path / "receipts" / f"{code}.pdf" and kept.copy.read_bytes() == kept.pdf
    assert code in pdf_text(kept.copy) and not kept.copy_problem
    (tmp_path / "blocked").write_text("not a folder")
    lost = print_paper(db, site, "receipt", code, actor=OFFICER, now=NOW + timedelta(minutes=1),
                       keep_copy_in=tmp_path / "blocked")
    assert lost.copy is None and lost.copy_problem and lost.pdf.startswith(b"%PDF")
    with db.read() as s:
        log = [(e.user, e.what, e.detail) for e in export_log(s)]
    assert log == [(OFFICER.full_name, "receipt.pdf", code),
                   (OFFICER.full_name, "receipt.pdf", f"{code} → {kept.copy}")]


def test_the_dossier_export_service_writes_and_logs_in_one_call(dossier, tmp_path):
    from onestop.dossiers.export import export_dossiers

    db, site, code = dossier
    out = tmp_path / "ho-so.xlsx"
    assert export_dossiers(db, site, "xlsx", out, start=date(2026, 11, 1), end=date(2026, 11, 30),
                           actor=SUPERVISOR, now=NOW) == 1
    assert [c.value for c in next(load_workbook(out).active.iter_rows(min_row=2))][0] == code
    with db.read() as s:
        assert [(e.user, e.what, e.detail) for e in export_log(s)] == [
            (SUPERVISOR.full_name, "dossiers.xlsx", f"1 hồ sơ từ 2026-11-01 đến 2026-11-30 → {out}")]
