"""Mẫu 02 and 03 handed out at reception: logged and counted, no dossier and no code (SQLite and PostgreSQL)."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from onestop.db.models import CodeCounter, Dossier, ReceptionSlip
from onestop.dossiers.reception import ReceptionSlipError, count_reception_slips, log_reception_slip
from onestop.paperwork.papers import FormUnavailable, reception_slip_pdf
from onestop.people.accounts import Actor
from tests.conftest import ENGINES

pdfium = pytest.importorskip("pypdfium2")
zxingcpp = pytest.importorskip("zxingcpp")
pytest.importorskip("PIL", reason="pypdfium2 needs Pillow for to_pil()")

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 24, 16, 0, tzinfo=TZ)
PROCEDURE = "DP.LLTP.01"


def text_of(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    raw = " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", raw))


def decode_qr(pdf: bytes) -> list[str]:
    img = pdfium.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil()
    return [b.text for b in zxingcpp.read_barcodes(img)]


def _counts(db) -> tuple[int, int, int]:
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (ReceptionSlip, Dossier, CodeCounter))


def _log(db, site, **kw) -> int:
    args = dict(kind="supplement", procedure_code=PROCEDURE, applicant_name="Nguyễn Văn Bình",
                applicant_id_number="001090012345", applicant_phone="0912 345 678",
                content="Tờ khai có chữ ký của người yêu cầu\nBản sao CCCD còn hạn",
                at=datetime(2026, 11, 23, 9, 30, tzinfo=TZ), actor=Actor.named("Lê Thu Hà"), now=NOW)
    args.update(kw)
    return log_reception_slip(db, site, **args)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_slips_are_logged_printed_without_code_and_counted(site_db):
    db, site = site_db
    before = _counts(db)
    supplement = _log(db, site, content=["Tờ khai có chữ ký của người yêu cầu", " ", "Bản sao CCCD còn hạn"])
    refusal = _log(db, site, kind="refusal", applicant_name="Trần Thị Cúc", applicant_id_number="",
                   applicant_phone="", content="Thủ tục thuộc thẩm quyền của Sở Tư pháp tỉnh khác",
                   legal_basis="Điều 44 Luật Lý lịch tư pháp 2009",
                   at=datetime(2026, 11, 24, 8, 5, tzinfo=TZ))
    _log(db, site, at=datetime(2026, 11, 20, 23, 50, tzinfo=TZ))  # late Friday evening, local date 20/11
    after = _counts(db)
    assert after == (before[0] + 3, before[1], before[2])  # no dossier, no code number used

    with db.read() as s:
        row = s.get(ReceptionSlip, supplement)
        assert (row.applicant_phone, row.content) == (
            "0912345678", "Tờ khai có chữ ký của người yêu cầu\nBản sao CCCD còn hạn")
        assert row.user == "Lê Thu Hà" and row.procedure_id is not None
        pdf2 = reception_slip_pdf(s, site, supplement)
        pdf3 = reception_slip_pdf(s, site, refusal, "A5")
        assert count_reception_slips(s, date(2026, 11, 23), date(2026, 11, 24)) == {"supplement": 1, "refusal": 1}
        assert count_reception_slips(s, date(2026, 11, 20), date(2026, 11, 20)) == {"supplement": 1, "refusal": 0}
        assert count_reception_slips(s, date(2026, 11, 21), date(2026, 11, 23)) == {"supplement": 1, "refusal": 0}
        assert count_reception_slips(s, date(2026, 1, 1), date(2026, 12, 31)) == {"supplement": 2, "refusal": 1}
        with pytest.raises(FormUnavailable):
            reception_slip_pdf(s, site, refusal + 100)

    text = text_of(pdf2)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Nguyễn Văn Bình" in text and "Số CCCD: 001090012345; Số điện thoại: 0912345678" in text
    assert "1. Tờ khai có chữ ký của người yêu cầu. 2. Bản sao CCCD còn hạn." in text
    assert "Cấp Phiếu lý lịch tư pháp" in text and "Hà Nội, ngày 23 tháng 11 năm 2026" in text
    assert "NGƯỜI HƯỚNG DẪN" in text and "Lê Thu Hà" in text

    text = text_of(pdf3)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and "Trần Thị Cúc" in text
    assert "Căn cứ Điều 44 Luật Lý lịch tư pháp 2009" in text
    assert "Thủ tục thuộc thẩm quyền của Sở Tư pháp tỉnh khác." in text
    assert "Số CCCD" not in text  # none given, none printed
    for pdf in (pdf2, pdf3):
        assert "Mã hồ sơ" not in text_of(pdf) and "Quét mã" not in text_of(pdf)
        assert decode_qr(pdf) == []


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_invalid_slips_save_nothing(site_db):
    db, site = site_db
    before = _counts(db)
    cases = [
        (dict(applicant_name=""), {"name"}),
        (dict(applicant_name="Nguyễn Văn 2"), {"name"}),
        (dict(applicant_id_number="0010900123"), {"id_number"}),
        (dict(applicant_phone="0123"), {"phone"}),
        (dict(content=" \n "), {"content"}),
        (dict(content=["", "  "]), {"content"}),
        (dict(content="x" * 2001), {"content"}),
        (dict(kind="refusal", content="Không thuộc thẩm quyền"), {"legal_basis"}),
        (dict(kind="refusal", content="Không thuộc thẩm quyền", legal_basis="Điều 1" * 300), {"legal_basis"}),
        (dict(procedure_code=""), {"procedure"}),
        (dict(procedure_code="KHONG.CO"), {"procedure"}),
        (dict(kind="other"), {"kind"}),
        (dict(at=NOW + timedelta(hours=1)), {"at"}),
        (dict(at=datetime(2026, 11, 23, 9, 30)), {"at"}),
        (dict(applicant_name="", applicant_phone="12", content=""), {"name", "phone", "content"}),
    ]
    for kw, keys in cases:
        with pytest.raises(ReceptionSlipError) as info:
            _log(db, site, **kw)
        assert set(info.value.errors) == keys, kw
        assert isinstance(info.value, ValueError)
        for message in info.value.errors.values():
            assert message and not message.isascii(), message  # Vietnamese, for the officer
    errors = pytest.raises(ReceptionSlipError, _log, db, site, content="x" * 2001).value.errors
    assert "2000" in errors["content"]
    assert _counts(db) == before


def test_organisation_applicant(site_db):
    db, site = site_db
    slip = _log(db, site, applicant_kind="organisation", applicant_name="Công ty TNHH Xây dựng số 1",
                applicant_id_number="0101234567")
    with db.read() as s:
        text = text_of(reception_slip_pdf(s, site, slip))
    assert "Tổ chức Công ty TNHH Xây dựng số 1" in text and "Mã số thuế: 0101234567" in text


def test_intake_form_hands_out_slips(qtbot, site_db):
    """The two buttons under the save buttons: ask what the slip needs, log it, print it, take no code."""
    from PySide6.QtCore import Qt

    from onestop.ui.main_window import MainWindow
    from tests.conftest import MONDAY_0915

    db, site = site_db
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    w.printed = []
    w.print_handler = lambda parent, pdf, paper, title: w.printed.append((pdf, paper, title))
    qtbot.addWidget(w)
    w.show()
    form = w.intake
    before = _counts(db)

    form.select_procedure(PROCEDURE)
    names = [form.documents.item(r, 0).text() for r in range(form.documents.rowCount())]
    assert len(names) >= 2
    form.documents.item(0, 0).setCheckState(Qt.CheckState.Checked)  # only the first paper is acceptable
    form.kind.setCurrentIndex(0)
    form.id_number.setText("001090012345")

    # No name typed: the dialog says so, stays open, nothing is saved.
    dialog = form.start_slip("supplement")
    qtbot.waitUntil(dialog.isVisible)
    # The unticked required paper, editable; the two needed only in some cases ("(nếu có)", "(trường hợp
    # nộp hồ sơ thay)") are not asked for.
    assert dialog.content.toPlainText().splitlines() == [names[1]] and len(names) == 4
    dialog.ok.click()
    assert dialog.isVisible() and "họ và tên" in dialog.error.text().lower()
    assert form.errors["name"].isVisible()
    assert _counts(db) == before and w.printed == []

    form.name.setText("Nguyễn Văn Bình")
    dialog.content.setPlainText(names[1] + "\nBản sao CCCD còn hạn")
    dialog.ok.click()
    assert not dialog.isVisible()
    assert _counts(db) == (before[0] + 1, before[1], before[2])  # logged; no dossier, no code
    pdf, paper, title = w.printed[-1]
    text = text_of(pdf)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and "Bản sao CCCD còn hạn" in text
    assert "Mã hồ sơ" not in text and "Nguyễn Văn Bình" in title and paper == "A4"
    assert form.name.text() == "" and "không cấp mã hồ sơ" in form.result_label.text()

    # Refusal: the legal basis is required.
    form.select_procedure(PROCEDURE)
    form.name.setText("Trần Thị Cúc")
    dialog = form.start_slip("refusal")
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.content.toPlainText() == ""
    dialog.content.setPlainText("Thủ tục thuộc thẩm quyền của Sở Tư pháp nơi thường trú")
    dialog.ok.click()
    assert dialog.isVisible() and "căn cứ pháp lý" in dialog.error.text()
    assert _counts(db)[0] == before[0] + 1
    dialog.legal_basis.setText("Điều 44 Luật Lý lịch tư pháp 2009")
    dialog.ok.click()
    assert not dialog.isVisible() and _counts(db) == (before[0] + 2, before[1], before[2])
    text = text_of(w.printed[-1][0])
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and "Trần Thị Cúc" in text
    with db.read() as s:
        assert count_reception_slips(s, date(2026, 11, 23), date(2026, 11, 23)) == {"supplement": 1, "refusal": 1}
