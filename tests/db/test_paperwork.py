"""Mẫu 02-05 printed from a dossier's history, read back from the PDFs (SQLite and PostgreSQL)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.paperwork import papers as paperwork
from onestop.paperwork.forms import LATE_LABEL, ON_TIME_LABEL
from onestop.people.accounts import Actor
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


RECEIVED = local(2025, 6, 23, 9, 15)


def _receive(db, site, at=RECEIVED, procedure="1.004873") -> str:
    # 1.004873: committed 1 working day, statutory 3, the clock restarts after a supplement.
    req = IntakeRequest(procedure_code=procedure, name=APPLICANT, id_number="001190012345",
                        phone="0912345678", address="Số 5 phố Kim Mã, phường Ba Đình", received_at=at)
    return save_intake(db, site, req, now=NOW, actor=Actor.named("cb.tiepnhan")).code


def _act(db, site, code, action, at, user, **kw):
    return apply(db, site, code, TransitionRequest(action=action, at=at, **kw), actor=Actor.named(user), now=NOW)


def _journey(db, site) -> str:
    """receive → transfer → request_supplement → supplement_received → apologise → finish (late) → return."""
    code = _receive(db, site)
    _act(db, site, code, "transfer", local(2025, 6, 23, 10, 15), "cb.tiepnhan", to="Phòng Tư pháp",
         handler="Lê Xử Lý")
    _act(db, site, code, "request_supplement", local(2025, 6, 23, 11, 15), "le.xuly",
         missing=("Bản sao CCCD có chứng thực", "Tờ khai có chữ ký"), reason="Bản sao mờ")
    # Restart: one working day from 10:00 on Wednesday 25/06 → Thursday 26/06 10:00.
    _act(db, site, code, "supplement_received", local(2025, 6, 25, 10), "cb.tiepnhan")
    _act(db, site, code, "apologise", local(2025, 6, 26, 16), "cb.tiepnhan", reason="Chờ xác minh thông tin",
         new_due_at=local(2025, 6, 27, 16))
    _act(db, site, code, "finish", local(2025, 6, 27, 15), "le.xuly")
    _act(db, site, code, "return", local(2025, 6, 30, 9), "cb.tra", collector_kind="authorised",
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
    assert steps[0].handed_at == steps[0].received_at == local(2025, 6, 23, 10, 15)
    assert steps[1].note.startswith("Yêu cầu bổ sung hồ sơ: Cần bổ sung: Bản sao CCCD có chứng thực")

    text = text_of(pdf)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert code in text and APPLICANT in text
    assert "Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 23/06/2025" in text
    assert "Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Tư pháp" in text
    for fragment in ("cb.tiepnhan Phòng Tư pháp — Lê Xử Lý Giao: 10 giờ 15, ngày 23/06/2025",
                     "le.xuly Bộ phận tiếp nhận và trả kết quả Giao: 15 giờ 00, ngày 27/06/2025",
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
    assert "Hà Nội, ngày 26 tháng 6 năm 2025" in text
    assert "hẹn trả kết quả vào lúc 10 giờ 00 phút, ngày 26/06/2025" in text  # due_at, as the clock left it
    assert "Lý do: Chờ xác minh thông tin." in text
    assert "vào lúc 16 giờ 00 phút, ngày 27/06/2025" in text  # the new appointment
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

    _act(db, site, code, "request_supplement", local(2025, 6, 23, 10), "le.xuly",
         missing=("Bản sao CCCD có chứng thực", "Tờ khai có chữ ký"), reason="Bản sao mờ")
    with db.read() as s:
        text = text_of(paperwork.supplement_request_pdf(s, site, code))
        steps = paperwork.control_steps(paperwork.load_dossier(s, code))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and code in text
    assert "1. Bản sao CCCD có chứng thực. 2. Tờ khai có chữ ký. Lý do: Bản sao mờ." in text
    assert "Hà Nội, ngày 23 tháng 6 năm 2025" in text and "le.xuly" in text
    assert [st.on_time for st in steps] == [None]  # open and not yet due: no verdict

    _act(db, site, code, "refuse", local(2025, 6, 24, 9), "le.xuly", reason="Người yêu cầu không đủ điều kiện",
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


# ------------------------------------------------------------ the rule set of the receipt (issue 11)

C2018, C2025 = "Thông tư số 01/2018/TT-VPCP", "Thông tư số 03/2025/TT-VPCP"


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_forms_switch_at_midnight_of_1_july_2025(site_db):
    db, site = site_db
    before = _receive(db, site, at=local(2025, 6, 30, 23, 59))
    after = _receive(db, site, at=local(2025, 7, 1, 0, 0))
    with db.read() as s:
        old = {name: text_of(paperwork.FORMS[name](s, site, before)) for name in ("receipt", "control-slip")}
        new = {name: text_of(paperwork.FORMS[name](s, site, after)) for name in ("receipt", "control-slip")}
        assert paperwork.load_dossier(s, before).rule_set == "2018"
        assert paperwork.load_dossier(s, after).rule_set == "2025"
        with pytest.raises(paperwork.FormUnavailable, match="NĐ 61/2018"):
            paperwork.extension_pdf(s, site, before)
        for name in ("extension", "stop-notice"):
            with pytest.raises(paperwork.FormUnavailable, match=after):
                paperwork.FORMS[name](s, site, after)
    assert old["receipt"].startswith(f"Mẫu số 01 – {C2018}") and f"Mã hồ sơ: {before}" in old["receipt"]
    assert "7. Nhận kết quả tại:" in old["receipt"] and "Cách thức trả kết quả" not in old["receipt"]
    assert old["control-slip"].startswith(f"Mẫu số 05 – {C2018}")
    assert new["receipt"].startswith(f"Mẫu số 01 – {C2025}") and f"Mã số hồ sơ: {after}" in new["receipt"]
    assert "5. Thời gian nhận hồ sơ: 00 giờ 00 phút, ngày 01/07/2025." in new["receipt"]
    assert f"7. Địa điểm trả kết quả: {site.paper_agency.result_place}." in new["receipt"]
    assert "8. Cách thức trả kết quả: Nhận trực tiếp tại Bộ phận Một cửa." in new["receipt"]
    assert new["control-slip"].startswith(f"Mẫu số 06 – {C2025}")
    for text in (*old.values(), *new.values()):
        assert ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
                or "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_reception_slips_follow_the_rule_set_of_their_time(site_db):
    from onestop.db.models import ReceptionSlip

    db, site = site_db
    with db.write() as s:
        ids = []
        for at, kind in ((local(2025, 6, 30, 16), "refusal"), (local(2025, 7, 1, 8), "refusal"),
                         (local(2025, 7, 1, 8, 5), "supplement")):
            slip = ReceptionSlip(kind=kind, at=at, user="cb.tiepnhan", procedure_id=None, applicant_name=APPLICANT,
                                 applicant_id_number="001190012345", applicant_phone="0912345678",
                                 content="Thiếu tờ khai", legal_basis="Điều 16 Luật Hộ tịch")
            s.add(slip)
            s.flush()
            ids.append(slip.id)
    with db.read() as s:
        texts = [text_of(paperwork.reception_slip_pdf(s, site, i)) for i in ids]
    assert texts[0].startswith(f"Mẫu số 03 – {C2018}") and "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in texts[0]
    assert texts[1].startswith(f"Mẫu số 03 – {C2025}") and "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in texts[1]
    assert texts[2].startswith(f"Mẫu số 02 – {C2025}") and "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in texts[2]


# ------------------------------------------------------------ the forms of NĐ 118/2025 from real dossiers

JULY = local(2025, 7, 1, 8, 0)  # Tuesday, the first office minute under NĐ 118/2025


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_extension_form_from_the_extension(site_db):
    db, site = site_db
    code = _receive(db, site, at=JULY, procedure="1.004884")  # due Thursday 03/07 17:00
    _act(db, site, code, "transfer", local(2025, 7, 1, 9), "cb.tiepnhan", to="Phòng Tư pháp")
    with db.read() as s:
        with pytest.raises(paperwork.FormUnavailable, match="chưa có đề nghị gia hạn"):
            paperwork.extension_pdf(s, site, code)
    _act(db, site, code, "extend", local(2025, 7, 1, 15), "le.xuly", reason="Cần xác minh nơi cư trú",
         new_due_at=local(2025, 7, 8, 16), notified_by="sms")
    with db.read() as s:
        pdf = paperwork.FORMS["extension"](s, site, code)
        steps = paperwork.control_steps(paperwork.load_dossier(s, code))
        slip = text_of(paperwork.control_slip_pdf(s, site, code))
    text = text_of(pdf)
    assert text.startswith("Mẫu số 04 – Thông tư số 03/2025/TT-VPCP")
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert f"Mã số hồ sơ: {code}" in text and APPLICANT in text
    assert "Hà Nội, ngày 01 tháng 7 năm 2025" in text
    # The appointment of the receipt stays; the new one is the extension's.
    assert "vào lúc 08 giờ 00 phút, ngày 01/07/2025, hẹn trả kết quả vào lúc 17 giờ 00 phút, ngày 03/07/2025" in text
    assert "Lý do: Cần xác minh nơi cư trú." in text
    assert "Phòng Tư pháp xin lỗi Ông/Bà" in text
    assert "thời gian hẹn trả kết quả mới: 16 giờ 00 phút, ngày 08/07/2025." in text
    assert "đã được thông báo tới Ông/Bà qua tin nhắn SMS." in text
    assert decode_qr(pdf) == [code]
    assert steps[-1].receiver == f"{APPLICANT} (người nộp hồ sơ)" and steps[-1].note.startswith("Xin lỗi, gia hạn")
    assert slip.startswith("Mẫu số 06 – Thông tư số 03/2025/TT-VPCP")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_stop_notice_from_the_stop(site_db):
    db, site = site_db
    code = _receive(db, site, at=JULY)
    _act(db, site, code, "stop", local(2025, 7, 1, 10, 30), "cb.tiepnhan", reason="Đã đăng ký ở nơi khác",
         returned="Bản chính Giấy chứng sinh; lệ phí 8.000 đồng")
    bare = _receive(db, site, at=local(2025, 7, 1, 8, 5))
    _act(db, site, bare, "stop", local(2025, 7, 1, 11), "cb.tiepnhan", reason="Không có nhu cầu")
    with db.read() as s:
        pdf = paperwork.FORMS["stop-notice"](s, site, code)
        bare_text = text_of(paperwork.stop_notice_pdf(s, site, bare))
        steps = paperwork.control_steps(paperwork.load_dossier(s, code))
    text = text_of(pdf)
    assert text.startswith("Mẫu số 05 – Thông tư số 03/2025/TT-VPCP")
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã số hồ sơ: {code}" in text and f"Kính gửi: Ông/Bà {APPLICANT}" in text
    assert "đã tiếp nhận hồ sơ của Ông/Bà vào lúc 08 giờ 00 phút, ngày 01/07/2025." in text
    assert "Căn cứ Điều 21 Nghị định số 118/2025/NĐ-CP" in text
    assert "dừng giải quyết hồ sơ nêu trên kể từ 10 giờ 30 phút, ngày 01/07/2025." in text
    assert "Lý do dừng: Đã đăng ký ở nơi khác." in text
    assert "đã trả lại: Bản chính Giấy chứng sinh; lệ phí 8.000 đồng." in text
    assert "cb.tiepnhan" in text and decode_qr(pdf) == [code]
    assert "Lý do dừng: Không có nhu cầu." in bare_text and "đã trả lại: Không có." in bare_text
    assert [(st.receiver, st.on_time) for st in steps] == [(f"{APPLICANT} (người nộp hồ sơ)", True)]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_refusal_after_review_and_late_apology_of_2025(site_db):
    db, site = site_db
    code = _receive(db, site, at=JULY)
    _act(db, site, code, "transfer", local(2025, 7, 1, 9), "cb.tiepnhan", to="Phòng Tư pháp")
    # Late (due 02/07 08:00): the apology is owed and printed on Mẫu 04 of 2025, marked late.
    _act(db, site, code, "apologise", local(2025, 7, 3, 9), "cb.tiepnhan", reason="Chờ xác minh",
         new_due_at=local(2025, 7, 4, 16))
    _act(db, site, code, "refuse_after_review", local(2025, 7, 4, 10), "le.xuly",
         reason="Giấy chứng sinh không hợp lệ", legal_basis="khoản 1 Điều 16 Luật Hộ tịch")
    with db.read() as s:
        refusal = paperwork.refusal_pdf(s, site, code)
        apology = text_of(paperwork.apology_pdf(s, site, code))
        steps = paperwork.control_steps(paperwork.load_dossier(s, code))
        with pytest.raises(paperwork.FormUnavailable, match="không dừng giải quyết"):
            paperwork.stop_notice_pdf(s, site, code)
    text = text_of(refusal)
    assert text.startswith("Mẫu số 03 – Thông tư số 03/2025/TT-VPCP")
    assert "PHIẾU TỪ CHỐI GIẢI QUYẾT HỒ SƠ" in text and "TIẾP NHẬN GIẢI QUYẾT" not in text
    assert ("Căn cứ khoản 1 Điều 16 Luật Hộ tịch, sau khi thẩm tra, thẩm định hồ sơ, Phòng Tư pháp từ chối giải "
            "quyết hồ sơ này với lý do cụ thể như sau: Giấy chứng sinh không hợp lệ.") in text
    assert "Hà Nội, ngày 04 tháng 7 năm 2025" in text
    assert decode_qr(refusal) == [code]
    assert apology.startswith("Mẫu số 04 – Thông tư số 03/2025/TT-VPCP")
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT (Hồ sơ đã quá hạn hẹn trả kết quả)" in apology
    assert "vào lúc 16 giờ 00 phút, ngày 04/07/2025" in apology
    # Late once, late for good; the refusal goes to the counter.
    assert [(st.receiver, st.on_time) for st in steps] == [
        ("Phòng Tư pháp", True), (f"{APPLICANT} (người nộp hồ sơ)", False), (paperwork.COUNTER, False)]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_control_slip_places_cancel_and_a_2018_dossier_has_no_2025_forms(site_db):
    db, site = site_db
    code = _receive(db, site, at=JULY)
    _act(db, site, code, "cancel", local(2025, 7, 1, 8, 30), "cb.tiepnhan", reason="Nhập nhầm thủ tục")
    old = _receive(db, site, at=local(2025, 6, 30, 9))
    _act(db, site, old, "withdraw", local(2025, 6, 30, 10), "cb.tiepnhan", reason="Xin rút")
    with db.read() as s:
        steps = paperwork.control_steps(paperwork.load_dossier(s, code))
        with pytest.raises(paperwork.FormUnavailable, match="NĐ 61/2018"):
            paperwork.extension_pdf(s, site, old)
        with pytest.raises(paperwork.FormUnavailable, match="không dừng"):
            paperwork.stop_notice_pdf(s, site, old)
        old_slip = text_of(paperwork.control_slip_pdf(s, site, old))
    assert [(st.giver, st.receiver, st.note) for st in steps] == [
        ("cb.tiepnhan", paperwork.COUNTER, "Hủy do tiếp nhận nhầm: Lý do: Nhập nhầm thủ tục")]
    assert old_slip.startswith("Mẫu số 05 – Thông tư số 01/2018/TT-VPCP")
    assert "Rút hồ sơ: Lý do: Xin rút" in old_slip


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_cli_prints_the_new_forms_and_refuses_those_that_do_not_apply(site_db, database_url, tmp_path, capsys):
    from onestop.cli import main

    db, site = site_db
    code = _receive(db, site, at=JULY)
    _act(db, site, code, "stop", local(2025, 7, 1, 10), "cb.tiepnhan", reason="Không có nhu cầu")
    out = tmp_path / "dung.pdf"
    assert main(["--database", database_url, "print", "stop-notice", code, "-o", str(out)]) == 0
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text_of(out.read_bytes())
    capsys.readouterr()
    assert main(["--database", database_url, "print", "extension", code, "-o", str(tmp_path / "x.pdf")]) != 0
    assert "chưa có đề nghị gia hạn" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_step_taken_during_the_pause_is_judged_by_the_time_left_when_it_began(site_db):
    db, site = site_db
    code = _receive(db, site, at=JULY)  # due 02/07/2025 08:00
    _act(db, site, code, "request_supplement", local(2025, 7, 1, 9), "cb.tiepnhan",
         missing=("Tờ khai có chữ ký",), reason="Thiếu chữ ký")
    # 15 days without the papers (NĐ 118/2025 Điều 19 k5): closed long after the due date, but the
    # clock stood still since 01/07 09:00, when the unit still had time left.
    _act(db, site, code, "close_unsupplemented", local(2025, 7, 17, 9), "cb.tiepnhan")
    with db.read() as s:
        steps = paperwork.control_steps(paperwork.load_dossier(s, code))
    assert [st.on_time for st in steps] == [True, True]


def test_until_the_agency_is_set_papers_say_so_rather_than_name_the_demo_agency(site_db):
    from onestop.office.site import UNCONFIGURED, AgencyInfo, change_settings, load_site
    from onestop.paperwork.receipts import receipt_pdf

    db, site = site_db
    assert not site.configured  # a first start fills in a demo agency that nobody chose
    code = _receive(db, site)
    with db.read() as s:
        text = text_of(receipt_pdf(s, site, code))
    demo = AgencyInfo()
    assert text.count(UNCONFIGURED) >= 3
    assert not [part for part in (demo.name, demo.parent_name, demo.address, demo.result_place) if part in text]
    assert code in text  # the identifier still makes the codes

    ours = replace(AgencyInfo(), name="Trung tâm Phục vụ hành chính công xã Tiên Du", parent_name="UBND tỉnh Bắc Ninh",
                   address="Thôn Lũng Sơn, xã Tiên Du", result_place="Bộ phận Một cửa xã Tiên Du")
    change_settings(db, ours, site.settings, Actor.named("quantri", "admin"), NOW)
    with db.read() as s:
        site = load_site(s)
        text = text_of(receipt_pdf(s, site, code))
    assert site.configured and UNCONFIGURED not in text
    assert "Trung tâm Phục vụ hành chính công xã Tiên Du" in text and "Bộ phận Một cửa xã Tiên Du" in text
