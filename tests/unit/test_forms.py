"""Mẫu 02-05: rendered PDFs are read back (text, QR, page count, metadata)."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import UTC, datetime
from urllib.parse import quote_plus

import pytest

pdfium = pytest.importorskip("pypdfium2")
zxingcpp = pytest.importorskip("zxingcpp")
pytest.importorskip("PIL", reason="pypdfium2 needs Pillow for to_pil()")

from onestop.paperwork.fonts import FontError, register_serif
from onestop.paperwork.forms import (
    APOLOGY_TITLE,
    CONTROL_SLIP_TITLE,
    REFUSAL_TITLE,
    SUPPLEMENT_TITLE,
    ApologyData,
    ControlSlipData,
    ControlStep,
    MissingItem,
    RefusalData,
    SupplementRequestData,
    render_apology,
    render_control_slip,
    render_refusal,
    render_supplement_request,
)

CODE = "000.00.12.H11-261123-0007"
LOOKUP_URL = f"https://dichvucong.example.vn/tra-cuu?ma={CODE}"
NAME = "Nguyễn Thị Hồng Nhung"
ID = "027190012345"
PHONE = "0912 345 678"
AGENCY = "Trung tâm Phục vụ hành chính công huyện Tiên Du"
COMMON = {"parent_name": "UBND TỈNH BẮC NINH", "agency_name": AGENCY}


def vn(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    """Local Vietnam time given as UTC (UTC+7), so the tests also check conversion."""
    return datetime(2026, month, day, hour - 7, minute, tzinfo=UTC)


@pytest.fixture(scope="module", autouse=True)
def _vietnamese_font():
    try:
        register_serif()
    except FontError as exc:
        pytest.skip(f"no Vietnamese serif font installed: {exc}")


def supplement(**overrides) -> SupplementRequestData:
    data = SupplementRequestData(
        **COMMON,
        place="Tiên Du",
        issued_at=vn(23, 11, 9, 40),
        code=CODE,
        applicant_name=NAME,
        applicant_id=ID,
        applicant_phone=PHONE,
        applicant_address="Thôn Đông Sơn, xã Việt Đoàn, huyện Tiên Du, tỉnh Bắc Ninh",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        items=(
            MissingItem("Tờ khai đăng ký khai sinh", "thiếu chữ ký của người đi đăng ký"),
            MissingItem("Giấy chứng sinh", "bản chụp không rõ ngày sinh, cần nộp bản chính"),
            MissingItem("Giấy chứng nhận kết hôn của cha, mẹ", "chưa được chứng thực"),
            MissingItem("Văn bản ủy quyền", "thiếu xác nhận của Ủy ban nhân dân cấp xã"),
            MissingItem("Căn cước công dân của người đi đăng ký", "đã hết hạn sử dụng"),
        ),
        reason="Hồ sơ chưa đủ thành phần theo quy định tại Luật Hộ tịch năm 2014",
        officer_name="Trần Văn Đức",
        contact="Bộ phận Một cửa, số điện thoại 0222 3838 123",
        qr_payload=CODE,
    )
    return dataclasses.replace(data, **overrides)


def refusal(**overrides) -> RefusalData:
    data = RefusalData(
        **COMMON,
        place="Tiên Du",
        issued_at=vn(23, 11, 10, 5),
        code=None,
        applicant_name="Lê Quang Vinh",
        applicant_id="027085009876",
        applicant_phone="0987 654 321",
        applicant_address="Phố Lim, thị trấn Lim, huyện Tiên Du, tỉnh Bắc Ninh",
        procedure_code="1.004227",
        procedure_name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        legal_basis="Căn cứ khoản 2 Điều 9 Nghị định số 15/2021/NĐ-CP của Chính phủ",
        reason="Thửa đất đề nghị cấp phép nằm trong hành lang bảo vệ đê điều, "
        "không thuộc trường hợp được cấp giấy phép xây dựng",
        officer_name="Phạm Thu Trang",
    )
    return dataclasses.replace(data, **overrides)


def apology(**overrides) -> ApologyData:
    data = ApologyData(
        **COMMON,
        place="Tiên Du",
        code=CODE,
        applicant_name=NAME,
        applicant_address="Thôn Đông Sơn, xã Việt Đoàn, huyện Tiên Du, tỉnh Bắc Ninh",
        procedure_code="1.000894",
        procedure_name="Đăng ký thay đổi, cải chính, bổ sung hộ tịch",
        received_at=vn(23, 11, 9, 15),
        due_at=vn(3, 12, 9, 15),
        reason="Hồ sơ cần xác minh thông tin tại Ủy ban nhân dân tỉnh Lào Cai, "
        "nơi đăng ký khai sinh trước đây",
        new_due_at=vn(7, 12, 14, 0),
        issued_at=vn(3, 12, 8, 0),
        qr_payload=LOOKUP_URL,
        signatory_name="Nguyễn Đình Khải",
        result_place="Bộ phận Một cửa, Trung tâm Phục vụ hành chính công huyện Tiên Du",
    )
    return dataclasses.replace(data, **overrides)


STEPS = (
    ControlStep("Bộ phận Một cửa - Trần Văn Đức", "Phòng Tư pháp - Đỗ Minh Hằng",
                vn(23, 11, 10, 30), vn(23, 11, 14, 5), True, ""),
    ControlStep("Phòng Tư pháp - Đỗ Minh Hằng", "Lãnh đạo UBND huyện - Vũ Hữu Nghĩa",
                vn(30, 11, 16, 0), vn(1, 12, 8, 20), False, "Chờ xác minh tại tỉnh Lào Cai"),
    ControlStep("Lãnh đạo UBND huyện - Vũ Hữu Nghĩa", "Văn thư - Hoàng Thị Yến",
                vn(4, 12, 9, 0), vn(4, 12, 9, 30), True, "Đã ký duyệt"),
    ControlStep("Văn thư - Hoàng Thị Yến", "Bộ phận Một cửa - Trần Văn Đức",
                vn(4, 12, 15, 10), None, None, "Đang chuyển trả"),
)


def control(**overrides) -> ControlSlipData:
    data = ControlSlipData(
        **COMMON,
        code=CODE,
        applicant_name=NAME,
        procedure_code="1.000894",
        procedure_name="Đăng ký thay đổi, cải chính, bổ sung hộ tịch",
        received_at=vn(23, 11, 9, 15),
        due_at=vn(3, 12, 9, 15),
        steps=STEPS,
        qr_payload=CODE,
        handling_unit="Phòng Tư pháp huyện Tiên Du",
        officer_name="Trần Văn Đức",
    )
    return dataclasses.replace(data, **overrides)


# ------------------------------------------------------------ helpers


def text_of(pdf: bytes) -> str:
    """All pages' text, NFC, whitespace (incl. wrapping) collapsed."""
    doc = pdfium.PdfDocument(pdf)
    raw = " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", raw))


def decode_qr(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    img = doc[0].render(scale=200 / 72).to_pil()
    return [b.text for b in zxingcpp.read_barcodes(img)]


def pages(pdf: bytes) -> int:
    return len(pdfium.PdfDocument(pdf))


def common_checks(text: str) -> None:
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH" in text


# ------------------------------------------------------------ Mẫu 02


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_supplement_request(paper):
    data = supplement()
    pdf = render_supplement_request(data, paper)
    assert pages(pdf) == 1  # five items fit, even on A5
    text = text_of(pdf)
    common_checks(text)
    assert SUPPLEMENT_TITLE in text
    assert f"Mã hồ sơ: {CODE}" in text
    assert f"Hồ sơ của Ông/Bà {NAME}" in text
    assert "Tiên Du, ngày 23 tháng 11 năm 2026" in text
    assert "Đăng ký khai sinh (mã thủ tục: 1.001193)" in text
    assert "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:" in text
    for i, item in enumerate(data.items, start=1):
        assert f"{i}. {item.name}: {item.problem}" in text
    assert f"Lý do: {data.reason}." in text
    assert "liên hệ với Bộ phận Một cửa, số điện thoại 0222 3838 123 để được hướng dẫn" in text
    assert "NGƯỜI HƯỚNG DẪN" in text and "Trần Văn Đức" in text
    assert decode_qr(pdf) == [CODE]


def test_supplement_without_code_has_no_qr_and_no_code_line():
    pdf = render_supplement_request(supplement(code=None, qr_payload=None), "A5")
    text = text_of(pdf)
    assert SUPPLEMENT_TITLE in text and NAME in text
    assert "Mã hồ sơ" not in text
    assert decode_qr(pdf) == []


def test_long_supplement_list_spills_to_a_second_a5_page():
    problem = "thiếu bản chính để đối chiếu"
    items = tuple(MissingItem(f"Giấy tờ số {i}", problem) for i in range(1, 31))
    pdf = render_supplement_request(supplement(items=items), "A5")
    assert pages(pdf) >= 2
    text = text_of(pdf)
    assert "30. Giấy tờ số 30" in text and "NGƯỜI HƯỚNG DẪN" in text
    assert f"Mã hồ sơ: {CODE} - Trang 2" in text  # continuation pages identify the dossier


# ------------------------------------------------------------ Mẫu 03


def test_refusal_without_code():
    data = refusal()
    pdf = render_refusal(data, "A4")
    assert pages(pdf) == 1
    text = text_of(pdf)
    common_checks(text)
    assert REFUSAL_TITLE in text
    assert "Lê Quang Vinh" in text
    assert f"{AGENCY} tiếp nhận hồ sơ của Ông/Bà Lê Quang Vinh" in text
    # "Căn cứ" given by the caller is not doubled.
    assert "Căn cứ khoản 2 Điều 9 Nghị định số 15/2021/NĐ-CP của Chính phủ, sau khi xem xét" in text
    assert "Căn cứ Căn cứ" not in text
    assert "từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:" in text
    assert "nằm trong hành lang bảo vệ đê điều" in text
    assert "NGƯỜI TIẾP NHẬN" in text and "Phạm Thu Trang" in text
    assert "Mã hồ sơ" not in text
    assert decode_qr(pdf) == []


def test_refusal_with_code_and_representative():
    data = refusal(code=CODE, qr_payload=LOOKUP_URL, signatory_role="KT. GIÁM ĐỐC",
                   legal_basis="Điều 102 Luật Xây dựng năm 2014")
    pdf = render_refusal(data, "A4")
    text = text_of(pdf)
    assert f"Mã hồ sơ: {CODE}" in text
    assert "Căn cứ Điều 102 Luật Xây dựng năm 2014, sau khi xem xét" in text
    assert "KT. GIÁM ĐỐC" in text
    assert decode_qr(pdf) == [LOOKUP_URL]


def test_organisation_is_addressed_as_such():
    data = refusal(applicant_name="Công ty TNHH Xây dựng Lim & Cộng sự",
                   applicant_id_label="Mã số thuế", applicant_id="2300123456")
    text = text_of(render_refusal(data, "A5"))
    assert "hồ sơ của Tổ chức Công ty TNHH Xây dựng Lim & Cộng sự" in text
    assert "Mã số thuế: 2300123456" in text


# ------------------------------------------------------------ Mẫu 04


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_apology(paper):
    data = apology()
    pdf = render_apology(data, paper)
    assert pages(pdf) == 1
    text = text_of(pdf)
    common_checks(text)
    assert APOLOGY_TITLE in text
    assert f"Mã hồ sơ: {CODE}" in text
    assert f"Kính gửi: Ông/Bà {NAME}" in text
    assert "Tiên Du, ngày 03 tháng 12 năm 2026" in text
    # Times are local (UTC+7).
    assert "vào lúc 09 giờ 15 phút, ngày 23/11/2026, hẹn trả kết quả vào lúc " \
        "09 giờ 15 phút, ngày 03/12/2026" in text
    assert "Tuy nhiên đến nay" in text
    assert f"Lý do: {data.reason}." in text
    assert "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà" in text
    assert "xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào lúc " \
        "14 giờ 00 phút, ngày 07/12/2026" in text
    assert "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" in text and "Nguyễn Đình Khải" in text
    assert decode_qr(pdf) == [LOOKUP_URL]


def test_apology_without_signatory_name():
    text = text_of(render_apology(apology(signatory_name=""), "A5"))
    assert "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" in text


# ------------------------------------------------------------ Mẫu 05


def test_control_slip():
    data = control()
    pdf = render_control_slip(data, "A4")
    assert pages(pdf) == 1
    text = text_of(pdf)
    common_checks(text)
    assert CONTROL_SLIP_TITLE in text
    assert f"Mã hồ sơ: {CODE}" in text
    assert NAME in text
    assert "Bên giao" in text and "Bên nhận" in text
    for step in data.steps:
        assert step.giver in text and step.receiver in text
    assert text.count("Quá hạn") == 2  # header hint and the late step
    assert text.count("Đúng hạn") == 3  # header hint and two steps on time
    assert "Giao: 10 giờ 30, ngày 23/11/2026" in text
    assert "Thời gian hẹn trả kết quả: 09 giờ 15 phút, ngày 03/12/2026" in text
    assert "Nhận: 08 giờ 20, ngày 01/12/2026" in text
    assert "Chờ xác minh tại tỉnh Lào Cai" in text
    assert decode_qr(pdf) == [CODE]


def test_control_slip_long_history_repeats_header():
    steps = STEPS * 6
    pdf = render_control_slip(control(steps=steps), "A5")
    doc = pdfium.PdfDocument(pdf)
    assert len(doc) >= 2
    second = unicodedata.normalize("NFC", doc[1].get_textpage().get_text_range())
    assert "Bên giao" in second  # header rows repeat on the next page
    assert CODE in second


# ------------------------------------------------------------ common rules


RENDERERS = [
    (render_supplement_request, supplement),
    (render_refusal, lambda **kw: refusal(code=CODE, **kw)),
    (render_apology, apology),
    (render_control_slip, control),
]


@pytest.mark.parametrize("render,make", RENDERERS)
@pytest.mark.parametrize(
    "payload",
    [
        "https://dichvucong.example.vn/tra-cuu?ten={name}",
        "{code}|{lower}",
        "https://dichvucong.example.vn/tra-cuu?ten={quoted}",  # percent-encoded
        "https://dichvucong.example.vn/tra-cuu?ten={ascii}",  # diacritics dropped
    ],
)
def test_name_in_qr_payload_is_refused(render, make, payload):
    name = make().applicant_name
    ascii_name = "".join(
        c for c in unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
        if not unicodedata.combining(c)
    )
    payload = payload.format(name=name, code=CODE, lower=name.lower(),
                             quoted=quote_plus(name), ascii=ascii_name.replace(" ", "+"))
    with pytest.raises(ValueError):
        render(make(qr_payload=payload))


@pytest.mark.parametrize("render,make", RENDERERS[:2])
@pytest.mark.parametrize(
    "field,payload",
    [
        ("applicant_id", "https://dichvucong.example.vn/tra-cuu?cccd={}"),
        ("applicant_phone", "https://dichvucong.example.vn/tra-cuu?sdt={}"),
    ],
)
def test_id_or_phone_in_qr_payload_is_refused(render, make, field, payload):
    data = make()
    value = getattr(data, field).replace(" ", "")
    with pytest.raises(ValueError):
        render(dataclasses.replace(data, qr_payload=payload.format(value)))


@pytest.mark.parametrize("render,make", RENDERERS)
def test_metadata_title(render, make):
    data = make()
    meta = pdfium.PdfDocument(render(data)).get_metadata_dict()
    title = unicodedata.normalize("NFC", meta["Title"])
    assert title.startswith("Phiếu ")
    assert CODE in title
    assert unicodedata.normalize("NFC", meta["Author"]) == AGENCY


def test_metadata_title_without_code():
    meta = pdfium.PdfDocument(render_refusal(refusal())).get_metadata_dict()
    assert unicodedata.normalize("NFC", meta["Title"]) == "Phiếu từ chối tiếp nhận giải quyết hồ sơ"


@pytest.mark.parametrize("render,make", RENDERERS)
def test_naive_datetime_and_unknown_paper_are_refused(render, make):
    field = "issued_at" if render is not render_control_slip else "received_at"
    with pytest.raises(ValueError):
        render(make(**{field: datetime(2026, 11, 23, 9, 15)}))
    with pytest.raises(ValueError):
        render(make(), "Letter")


def test_naive_step_time_is_refused():
    bad = dataclasses.replace(STEPS[0], handed_at=datetime(2026, 11, 23, 10, 30))
    with pytest.raises(ValueError):
        render_control_slip(control(steps=(bad,)))


def test_nfd_input_is_rendered_as_nfc():
    nfd = lambda s: unicodedata.normalize("NFD", s)
    data = supplement(
        applicant_name=nfd(NAME),
        items=(MissingItem(nfd("Tờ khai đăng ký khai sinh"), nfd("thiếu chữ ký")),),
    )
    doc = pdfium.PdfDocument(render_supplement_request(data, "A5"))
    raw = doc[0].get_textpage().get_text_range()
    assert unicodedata.is_normalized("NFC", raw)
    flat = re.sub(r"\s+", " ", raw)
    assert NAME in flat and "1. Tờ khai đăng ký khai sinh: thiếu chữ ký." in flat


# ------------------------------------------------------------ both rule sets (issue 11)

from onestop.clock import rule_sets  # noqa: E402
from onestop.paperwork.extension import ExtensionData, render_extension  # noqa: E402
from onestop.paperwork.forms import LATE_APOLOGY_NOTICE  # noqa: E402
from onestop.paperwork.layout import FormMark  # noqa: E402
from onestop.paperwork.stop_notice import StopNoticeData, render_stop_notice  # noqa: E402
from tests.pdf_text import FONTS  # noqa: E402

C2018, C2025 = "Thông tư số 01/2018/TT-VPCP", "Thông tư số 03/2025/TT-VPCP"


def mark(name: str, key: str = "2025") -> FormMark:
    return FormMark.of(rule_sets.of(key), name)


def extension(**overrides) -> ExtensionData:
    data = ExtensionData(
        **COMMON, place="Tiên Du", code=CODE, applicant_name=NAME,
        applicant_address="Thôn Đông Sơn, xã Việt Đoàn, tỉnh Bắc Ninh", procedure_code="1.000894",
        procedure_name="Đăng ký thay đổi, cải chính, bổ sung hộ tịch", received_at=vn(23, 11, 9, 15),
        due_at=vn(3, 12, 9, 15), new_due_at=vn(8, 12, 16, 0),
        reason="Cần xác minh thông tin tại Ủy ban nhân dân tỉnh Lào Cai", issued_at=vn(1, 12, 15, 30),
        qr_payload=CODE, notified_by="qua tin nhắn SMS", deciding_body="Phòng Tư pháp",
        result_place="Bộ phận Một cửa, Trung tâm Phục vụ hành chính công huyện Tiên Du",
    )
    return dataclasses.replace(data, **overrides)


def stop_notice(**overrides) -> StopNoticeData:
    data = StopNoticeData(
        **COMMON, place="Tiên Du", issued_at=vn(25, 11, 10, 30), code=CODE, applicant_name=NAME,
        applicant_id=ID, applicant_phone=PHONE, applicant_address="Thôn Đông Sơn, xã Việt Đoàn",
        procedure_code="1.001193", procedure_name="Đăng ký khai sinh", received_at=vn(23, 11, 9, 15),
        reason="Gia đình đã đăng ký khai sinh tại nơi khác",
        returned="Bản chính Giấy chứng sinh; lệ phí 8.000 đồng", officer_name="Trần Văn Đức", qr_payload=CODE,
    )
    return dataclasses.replace(data, **overrides)


@pytest.mark.parametrize(("render", "data", "name", "number"), [
    (render_supplement_request, supplement, "supplement", "02"),
    (render_refusal, refusal, "refusal", "03"),
    (render_apology, apology, "apology", "04"),
    (render_control_slip, control, "control-slip", "05"),
])
def test_2018_forms_state_their_number_and_circular_by_default(render, data, name, number):
    text = text_of(render(data(), "A5"))
    assert text.startswith(f"Mẫu số {number} – {C2018}")
    assert rule_sets.RULES_2018.form(name).title in text


@pytest.mark.parametrize(("render", "data", "name", "number"), [
    (render_supplement_request, supplement, "supplement", "02"),
    (render_refusal, refusal, "refusal", "03"),
    (render_apology, apology, "apology", "04"),
    (render_control_slip, control, "control-slip", "06"),
])
def test_2025_forms_state_their_number_circular_and_title(render, data, name, number):
    m = mark(name)
    text = text_of(render(data(mark=m), "A4"))
    assert text.startswith(f"Mẫu số {number} – {C2025}")
    assert m.title in text and C2018 not in text


def test_refusal_after_review_is_the_deciding_bodys():
    data = refusal(code=CODE, qr_payload=CODE, mark=mark("refusal-after-review"), after_review_by="Phòng Quản lý đô thị",
                   signatory_role="THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", officer_name="")
    pdf = render_refusal(data, "A4")
    text = text_of(pdf)
    assert text.startswith(f"Mẫu số 03 – {C2025}")
    assert "PHIẾU TỪ CHỐI GIẢI QUYẾT HỒ SƠ" in text and "TIẾP NHẬN GIẢI QUYẾT" not in text
    assert f"Mã số hồ sơ: {CODE}" in text
    assert ("Căn cứ khoản 2 Điều 9 Nghị định số 15/2021/NĐ-CP của Chính phủ, sau khi thẩm tra, thẩm định hồ sơ, "
            "Phòng Quản lý đô thị từ chối giải quyết hồ sơ này với lý do cụ thể như sau: Thửa đất") in text
    assert f"Hồ sơ được trả lại cho Ông/Bà qua {AGENCY}." in text
    assert "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ (Ký, ghi rõ họ tên và đóng dấu)" in text
    assert decode_qr(pdf) == [CODE]


def test_late_apology_of_2025_is_marked_late():
    text = text_of(render_apology(apology(mark=mark("apology"), late_notice=LATE_APOLOGY_NOTICE), "A5"))
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert f"({LATE_APOLOGY_NOTICE})" in text
    assert "Tuy nhiên đến nay" in text  # the 2018 body: the appointment has passed


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_extension(paper, font):
    data = extension()
    pdf = render_extension(data, paper, font)
    assert pages(pdf) == 1
    text = text_of(pdf)
    common_checks(text)
    assert text.startswith(f"Mẫu số 04 – {C2025}")
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert f"Mã số hồ sơ: {CODE}" in text and f"Kính gửi: Ông/Bà {NAME}" in text
    assert "Tiên Du, ngày 01 tháng 12 năm 2026" in text
    # The appointment of the receipt, then the proposed new one.
    assert "vào lúc 09 giờ 15 phút, ngày 23/11/2026, hẹn trả kết quả vào lúc 09 giờ 15 phút, ngày 03/12/2026" in text
    assert "dự kiến không giải quyết được đúng thời hạn" in text
    assert "Lý do: Cần xác minh thông tin tại Ủy ban nhân dân tỉnh Lào Cai." in text
    assert ("Phòng Tư pháp xin lỗi Ông/Bà vì sự chậm trễ này và đề nghị gia hạn thời gian giải quyết hồ sơ; "
            "thời gian hẹn trả kết quả mới: 16 giờ 00 phút, ngày 08/12/2026.") in text
    assert "đã được thông báo tới Ông/Bà qua tin nhắn SMS." in text
    assert "Nhận kết quả tại: Bộ phận Một cửa" in text
    assert "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" in text
    assert decode_qr(pdf) == [CODE]


def test_extension_checks_its_dates_and_qr():
    with pytest.raises(ValueError, match="after the original"):
        render_extension(extension(new_due_at=vn(3, 12, 9, 15)))
    with pytest.raises(ValueError, match="aware"):
        render_extension(extension(issued_at=datetime(2026, 12, 1, 15)))
    with pytest.raises(ValueError, match="personal data"):
        render_extension(extension(qr_payload=f"{CODE} {NAME}"))
    text = text_of(render_extension(extension(notified_by="", deciding_body=""), "A5"))
    assert "đã được thông báo" not in text
    assert f"{AGENCY} xin lỗi Ông/Bà" in text  # the agency speaks when no deciding body is named


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_stop_notice(paper, font):
    pdf = render_stop_notice(stop_notice(), paper, font)
    assert pages(pdf) == 1
    text = text_of(pdf)
    common_checks(text)
    assert text.startswith(f"Mẫu số 05 – {C2025}")
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã số hồ sơ: {CODE}" in text and f"Kính gửi: Ông/Bà {NAME}" in text
    assert f"Số CCCD: {ID}" in text
    assert f"{AGENCY} đã tiếp nhận hồ sơ của Ông/Bà vào lúc 09 giờ 15 phút, ngày 23/11/2026." in text
    assert ("Căn cứ Điều 21 Nghị định số 118/2025/NĐ-CP, theo đề nghị của Ông/Bà, "
            f"{AGENCY} thông báo dừng giải quyết hồ sơ nêu trên kể từ 10 giờ 30 phút, ngày 25/11/2026.") in text
    assert "chưa có quyết định giải quyết" in text
    assert "Lý do dừng: Gia đình đã đăng ký khai sinh tại nơi khác." in text
    assert "Hồ sơ, giấy tờ và phí, lệ phí đã trả lại: Bản chính Giấy chứng sinh; lệ phí 8.000 đồng." in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Trần Văn Đức" in text
    assert decode_qr(pdf) == [CODE]


def test_stop_notice_without_reason_or_returned_papers():
    text = text_of(render_stop_notice(stop_notice(reason="", returned=""), "A5"))
    assert "Lý do dừng" not in text
    assert "Hồ sơ, giấy tờ và phí, lệ phí đã trả lại: Không có." in text
    with pytest.raises(ValueError, match="personal data"):
        render_stop_notice(stop_notice(qr_payload=f"https://x.vn/?id={ID}"))


def test_a_title_too_long_for_a_line_breaks_in_the_middle():
    from onestop.paperwork.layout import _balanced

    register_serif()
    from reportlab.lib.styles import ParagraphStyle

    style = ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=14)
    title = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
    assert _balanced(title, style, 1000) == title
    first, second = _balanced(title, style, 300).split("<br/>")
    assert first == "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ" and second == "GIA HẠN THỜI GIAN GIẢI QUYẾT"
