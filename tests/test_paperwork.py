"""Mẫu 02-05 printed from a dossier's history, read back from the PDFs (SQLite and PostgreSQL)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from onestop import paperwork
from onestop.documents.forms import LATE_LABEL, ON_TIME_LABEL
from onestop.intake import IntakeRequest, save_intake
from onestop.lifecycle import TransitionRequest, apply
from tests.conftest import ENGINES
from tests.pdf_text import FONTS

pdfium = pytest.importorskip("pypdfium2")
zxingcpp = pytest.importorskip("zxingcpp")
pytest.importorskip("PIL", reason="pypdfium2 needs Pillow for to_pil()")

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 31, 9, 0, tzinfo=TZ)
APPLICANT = "Trần Thị Thu Hà"


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=TZ)


def text_of(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    raw = " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", raw))


def decode_qr(pdf: bytes) -> list[str]:
    img = pdfium.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil()
    return [b.text for b in zxingcpp.read_barcodes(img)]


RECEIVED = local(2026, 11, 23, 9, 15)


def _receive(db, site, at=RECEIVED) -> str:
    # 1.004873: committed 1 working day, statutory 3, the clock restarts after a supplement.
    req = IntakeRequest(procedure_code="1.004873", name=APPLICANT, id_number="001190012345",
                        phone="0912345678", address="Số 5 phố Kim Mã, phường Ba Đình", received_at=at)
    return save_intake(db, site, req, now=NOW, user="cb.tiepnhan").code


def _act(db, site, code, action, at, user, **kw):
    return apply(db, site, code, TransitionRequest(action=action, user=user, at=at, **kw), now=NOW)


def _journey(db, site) -> str:
    """receive → transfer → request_supplement → supplement_received → apologise → finish (late) → return."""
    code = _receive(db, site)
    _act(db, site, code, "transfer", local(2026, 11, 23, 10, 15), "cb.tiepnhan", to="Phòng Tư pháp",
         handler="Lê Xử Lý")
    _act(db, site, code, "request_supplement", local(2026, 11, 23, 11, 15), "le.xuly",
         missing=("Bản sao CCCD có chứng thực", "Tờ khai có chữ ký"), reason="Bản sao mờ")
    # Restart: one working day from 10:00 on Wednesday 25/11 → Thursday 26/11 10:00.
    _act(db, site, code, "supplement_received", local(2026, 11, 25, 10), "cb.tiepnhan")
    _act(db, site, code, "apologise", local(2026, 11, 26, 16), "cb.tiepnhan", reason="Chờ xác minh thông tin",
         new_due_at=local(2026, 11, 27, 16))
    _act(db, site, code, "finish", local(2026, 11, 27, 15), "le.xuly")
    _act(db, site, code, "return", local(2026, 11, 30, 9), "cb.tra", collector_kind="authorised",
         collector_name="Phạm Văn Nhận", collector_id="001085000111")
    return code


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_control_slip_lists_every_handover(site_db, font):
    db, site = site_db
    site = site.with_settings(replace(site.settings, font_path=font or ""))
    code = _journey(db, site)
    with db.read() as s:
        steps = paperwork.control_steps(paperwork.load_dossier(s, code))
        pdf = paperwork.control_slip_pdf(s, site, code)
    applicant = f"{APPLICANT} (người nộp hồ sơ)"
    assert [(st.giver, st.receiver, st.on_time) for st in steps] == [
        ("cb.tiepnhan", "Phòng Tư pháp — Lê Xử Lý", True),
        ("le.xuly", applicant, True),
        (applicant, "cb.tiepnhan", True),  # the papers come back from the applicant
        ("cb.tiepnhan", applicant, False),  # the apology: already late
        ("le.xuly", paperwork.COUNTER, False),  # result ready after Thursday 10:00
        ("cb.tra", "Phạm Văn Nhận (người được ủy quyền)", False),  # judged by when the result was ready
    ]
    assert steps[0].handed_at == steps[0].received_at == local(2026, 11, 23, 10, 15)
    assert steps[1].note.startswith("Yêu cầu bổ sung hồ sơ: Cần bổ sung: Bản sao CCCD có chứng thực")

    text = text_of(pdf)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert code in text and APPLICANT in text
    assert "Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 23/11/2026" in text
    assert "Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Tư pháp" in text
    for fragment in ("cb.tiepnhan Phòng Tư pháp — Lê Xử Lý Giao: 10 giờ 15, ngày 23/11/2026",
                     "le.xuly Bộ phận tiếp nhận và trả kết quả Giao: 15 giờ 00, ngày 27/11/2026",
                     f"{LATE_LABEL} Có kết quả",
                     "cb.tra Phạm Văn Nhận (người được ủy quyền)"):
        assert fragment in text, fragment
    # The column header names all three outcomes once; the rest are the steps'.
    assert text.count(LATE_LABEL) == 1 + 3 and text.count(ON_TIME_LABEL) == 1 + 3
    assert decode_qr(pdf) == [code]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_apology_has_the_missed_and_the_new_appointment(site_db):
    db, site = site_db
    code = _journey(db, site)
    with db.read() as s:
        pdf = paperwork.apology_pdf(s, site, code, "A5")
    text = text_of(pdf)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert code in text and APPLICANT in text
    assert "Hà Nội, ngày 26 tháng 11 năm 2026" in text
    assert "hẹn trả kết quả vào lúc 10 giờ 00 phút, ngày 26/11/2026" in text  # due_at, as the clock left it
    assert "Lý do: Chờ xác minh thông tin." in text
    assert "vào lúc 16 giờ 00 phút, ngày 27/11/2026" in text  # the new appointment
    assert decode_qr(pdf) == [code]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_supplement_and_refusal_forms_and_missing_ones(site_db):
    db, site = site_db
    code = _receive(db, site)
    with db.read() as s:
        for render in (paperwork.apology_pdf, paperwork.supplement_request_pdf, paperwork.refusal_pdf):
            with pytest.raises(paperwork.FormUnavailable, match=code):
                render(s, site, code)
        with pytest.raises(paperwork.DossierNotFound, match="NOPE"):
            paperwork.control_slip_pdf(s, site, "NOPE")
        # Nothing after receipt yet: an empty table.
        assert "Chưa có bước giao, nhận nào" in text_of(paperwork.control_slip_pdf(s, site, code))

    _act(db, site, code, "request_supplement", local(2026, 11, 23, 10), "le.xuly",
         missing=("Bản sao CCCD có chứng thực", "Tờ khai có chữ ký"), reason="Bản sao mờ")
    with db.read() as s:
        text = text_of(paperwork.supplement_request_pdf(s, site, code))
        steps = paperwork.control_steps(paperwork.load_dossier(s, code))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and code in text
    assert "1. Bản sao CCCD có chứng thực. 2. Tờ khai có chữ ký. Lý do: Bản sao mờ." in text
    assert "Hà Nội, ngày 23 tháng 11 năm 2026" in text and "le.xuly" in text
    assert [st.on_time for st in steps] == [None]  # open and not yet due: no verdict

    _act(db, site, code, "refuse", local(2026, 11, 24, 9), "le.xuly", reason="Người yêu cầu không đủ điều kiện",
         legal_basis="khoản 2 Điều 22 Nghị định số 123/2015/NĐ-CP")
    with db.read() as s:
        pdf = paperwork.refusal_pdf(s, site, code)
        steps = paperwork.control_steps(paperwork.load_dossier(s, code))
    text = text_of(pdf)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and code in text
    assert "Căn cứ khoản 2 Điều 22 Nghị định số 123/2015/NĐ-CP" in text
    assert "Người yêu cầu không đủ điều kiện." in text
    assert decode_qr(pdf) == [code]
    assert [st.on_time for st in steps] == [True, True]  # closed now: every step judged
    assert steps[1].receiver == paperwork.COUNTER


def test_forms_table_covers_the_cli():
    from onestop.cli import PRINT_FORMS

    assert tuple(paperwork.FORMS) == PRINT_FORMS
