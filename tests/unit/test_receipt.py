"""Mẫu 01 receipt: rendered PDF is read back (text, QR, page geometry)."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import datetime, timedelta, timezone

import pytest

pdfium = pytest.importorskip("pypdfium2")
zxingcpp = pytest.importorskip("zxingcpp")
pytest.importorskip("PIL", reason="pypdfium2 needs Pillow for to_pil()")

from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402

from onestop.paperwork.fonts import (  # noqa: E402
    VIETNAMESE_LETTERS,
    FontError,
    missing_vietnamese,
    register_serif,
)
from onestop.paperwork.letterhead import date_line  # noqa: E402
from onestop.paperwork.receipt_pdf import (  # noqa: E402
    RECEIPT_TITLE,
    ReceiptData,
    ReceiptDocument,
    render_receipt,
)

UTC = timezone.utc
CODE = "000.00.12.H11-261122-0007"
LOOKUP_URL = "https://dichvucong.example.vn/tra-cuu?ma={code}"
A4_PT = (595.2756, 841.8898)
A5_PT = (419.5276, 595.2756)


@pytest.fixture(scope="module", autouse=True)
def _vietnamese_font():
    try:
        register_serif()
    except FontError as exc:
        pytest.skip(f"no Vietnamese serif font installed: {exc}")


def make_data(**overrides) -> ReceiptData:
    data = ReceiptData(
        parent_name="UBND TỈNH BẮC NINH",
        agency_name="Trung tâm Phục vụ hành chính công huyện Tiên Du",
        place="Tiên Du",
        code=CODE,
        applicant_name="Nguyễn Thị Hồng Nhung",
        applicant_id_label="Số CCCD",
        applicant_id="027190012345",
        applicant_phone="0912 345 678",
        applicant_email="nhung.nguyen@example.vn",
        applicant_address="Thôn Đông Sơn, xã Việt Đoàn, huyện Tiên Du, tỉnh Bắc Ninh",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        field_name="Hộ tịch",
        documents=(
            ReceiptDocument("Tờ khai đăng ký khai sinh theo mẫu", "bản chính", 1),
            ReceiptDocument("Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp", "bản chính", 1),
            ReceiptDocument("Giấy chứng nhận kết hôn của cha, mẹ", "bản sao chứng thực", 1),
            ReceiptDocument("Căn cước công dân của người đi đăng ký khai sinh", "bản sao", 2),
        ),
        sets_count=1,
        channel_label="Trực tiếp",
        statutory_label="15 ngày làm việc",
        committed_label="10 ngày làm việc",
        # 02:15 UTC is 09:15 in Asia/Ho_Chi_Minh.
        received_at=datetime(2026, 11, 23, 2, 15, tzinfo=UTC),
        due_at=datetime(2026, 11, 26, 2, 15, tzinfo=UTC),
        statutory_due_at=datetime(2026, 12, 14, 9, 30, tzinfo=UTC),
        result_place="Bộ phận Một cửa, Trung tâm Phục vụ hành chính công huyện Tiên Du",
        officer_name="Trần Văn Đức",
        fee="8.000 đồng",
        qr_payload=CODE,
        note="Mang theo Giấy tiếp nhận này khi đến nhận kết quả.",
    )
    return dataclasses.replace(data, **overrides)


def raw_text(pdf_bytes: bytes, page: int = 0) -> str:
    doc = pdfium.PdfDocument(pdf_bytes)
    return doc[page].get_textpage().get_text_range()


def flat(text: str) -> str:
    """NFC with whitespace (incl. line breaks from wrapping) collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def decode_qr(pdf_bytes: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf_bytes)
    img = doc[0].render(scale=200 / 72).to_pil()
    return [b.text for b in zxingcpp.read_barcodes(img)]


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_text_content(paper):
    text = flat(raw_text(render_receipt(make_data(), paper)))
    assert RECEIPT_TITLE in text
    assert CODE in text
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH" in text  # agency upper-cased in the header
    assert "Tiên Du, ngày 23 tháng 11 năm 2026" in text
    # Times are printed in Vietnam local time.
    assert "Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 23/11/2026" in text
    assert "Thời gian trả kết quả: 09 giờ 15 phút, ngày 26/11/2026" in text
    assert "16 giờ 30 phút, ngày 14/12/2026" in text
    assert "Giấy chứng nhận kết hôn của cha, mẹ" in text
    assert "bản sao chứng thực" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Trần Văn Đức" in text


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_qr_decodes_to_payload(paper):
    assert decode_qr(render_receipt(make_data(), paper)) == [CODE]


@pytest.mark.parametrize(
    ("paper", "size"), [("A4", A4_PT), ("A5", A5_PT)]
)
def test_page_size(paper, size):
    doc = pdfium.PdfDocument(render_receipt(make_data(), paper))
    x0, y0, x1, y1 = doc[0].get_mediabox()
    assert (x0, y0) == (0, 0)
    assert x1 == pytest.approx(size[0], abs=0.05)
    assert y1 == pytest.approx(size[1], abs=0.05)


@pytest.mark.parametrize("count", [2, 4, 6])
def test_usual_dossier_fits_one_a5_page(count):
    long_names = [
        "Văn bản ủy quyền được chứng thực theo quy định của pháp luật (trường hợp ủy quyền)",
        "Giấy tờ chứng minh nơi cư trú",
    ]
    docs = make_data().documents + tuple(ReceiptDocument(n, "bản sao", 1) for n in long_names)
    pdf = render_receipt(make_data(documents=docs[:count]), "A5")
    assert len(pdfium.PdfDocument(pdf)) == 1


def test_very_long_list_may_use_second_page():
    docs = tuple(ReceiptDocument(f"Giấy tờ số {i} kèm theo hồ sơ", "bản sao", 1) for i in range(40))
    pdf = render_receipt(make_data(documents=docs), "A5")
    doc = pdfium.PdfDocument(pdf)
    assert len(doc) >= 2
    last = flat(raw_text(pdf, len(doc) - 1))
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in last
    assert CODE in last  # continuation pages identify the dossier


def test_qr_url_carries_no_personal_data():
    data = make_data(qr_payload=LOOKUP_URL.format(code=CODE))
    decoded = decode_qr(render_receipt(data, "A5"))
    assert decoded == [LOOKUP_URL.format(code=CODE)]
    payload = decoded[0].casefold()
    for personal in (
        data.applicant_name,
        data.applicant_id,
        data.applicant_phone,
        data.applicant_phone.replace(" ", ""),
        data.applicant_email,
        data.applicant_address,
    ):
        assert personal.casefold() not in payload


@pytest.mark.parametrize(
    "payload",
    [
        "https://dichvucong.example.vn/tra-cuu?cccd=027190012345",
        "https://dichvucong.example.vn/tra-cuu?sdt=0912345678",
        f"{CODE}|nhung.nguyen@example.vn",
    ],
)
def test_personal_data_in_payload_is_refused(payload):
    with pytest.raises(ValueError):
        render_receipt(make_data(qr_payload=payload))


def test_metadata():
    doc = pdfium.PdfDocument(render_receipt(make_data(), "A4"))
    meta = doc.get_metadata_dict()
    assert CODE in meta["Title"]
    assert unicodedata.normalize("NFC", meta["Author"]) == (
        "Trung tâm Phục vụ hành chính công huyện Tiên Du"
    )


def test_nfd_input_is_rendered_as_nfc():
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    data = make_data(
        applicant_name=nfd("Nguyễn Thị Hồng Nhung"),
        agency_name=nfd("Trung tâm Phục vụ hành chính công huyện Tiên Du"),
        procedure_name=nfd("Đăng ký khai sinh"),
    )
    assert data.applicant_name != "Nguyễn Thị Hồng Nhung"  # really decomposed
    raw = raw_text(render_receipt(data, "A5"))
    assert unicodedata.is_normalized("NFC", raw)
    text = re.sub(r"\s+", " ", raw)
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "Đăng ký khai sinh" in text


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        render_receipt(make_data(received_at=datetime(2026, 11, 23, 9, 15)))


def test_local_time_crosses_midnight():
    # 18:30 UTC on the 23rd is 01:30 on the 24th in Vietnam.
    data = make_data(received_at=datetime(2026, 11, 23, 18, 30, tzinfo=UTC))
    text = flat(raw_text(render_receipt(data, "A5")))
    assert "Thời gian nhận hồ sơ: 01 giờ 30 phút, ngày 24/11/2026" in text
    assert "ngày 24 tháng 11 năm 2026" in text


def test_organisation_applicant():
    data = make_data(
        applicant_name="Công ty TNHH Hồng Nhung & Cộng sự",
        applicant_id_label="Mã số thuế",
        applicant_id="2300123456",
    )
    text = flat(raw_text(render_receipt(data, "A4")))
    assert "Tổ chức Công ty TNHH Hồng Nhung & Cộng sự" in text  # '&' escaped, not markup
    assert "Mã số thuế: 2300123456" in text


def test_unknown_paper():
    with pytest.raises(ValueError):
        render_receipt(make_data(), "Letter")


def test_date_line_leading_zeros():
    vn = timezone(timedelta(hours=7))
    assert date_line("Tiên Du", datetime(2026, 1, 5, 9, tzinfo=vn)) == (
        "Tiên Du, ngày 05 tháng 01 năm 2026"
    )
    assert date_line("Tiên Du", datetime(2026, 3, 24, 9, tzinfo=vn)) == (
        "Tiên Du, ngày 24 tháng 3 năm 2026"
    )


def test_font_family_is_registered_once():
    fam = register_serif()
    assert register_serif() is fam
    assert len(VIETNAMESE_LETTERS) == 146
    assert "ỹ" in VIETNAMESE_LETTERS and "Ỹ" in VIETNAMESE_LETTERS and "Đ" in VIETNAMESE_LETTERS


def _non_vietnamese_font() -> str | None:
    """A TrueType file ReportLab can read that lacks Vietnamese glyphs."""
    candidates = []
    import reportlab

    # Bitstream Vera ships with ReportLab and has no Vietnamese letters.
    candidates.append(os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf"))
    if shutil.which("fc-list"):
        out = subprocess.run(
            ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=False
        ).stdout
        candidates += sorted(p for p in out.splitlines() if p.lower().endswith(".ttf"))
    for path in candidates:
        if not os.path.isfile(path):
            continue
        try:
            font = TTFont("probe-non-vi", path)
        except Exception:
            continue
        if missing_vietnamese(font):
            return path
    return None


def test_font_without_vietnamese_raises_font_error():
    path = _non_vietnamese_font()
    if path is None:
        pytest.skip("no TrueType font without Vietnamese glyphs found on this system")
    with pytest.raises(FontError, match="tiếng Việt"):
        register_serif(path)
    with pytest.raises(FontError):
        render_receipt(make_data(), "A4", font_path=path)


def test_missing_font_file_raises_font_error(tmp_path):
    with pytest.raises(FontError):
        register_serif(str(tmp_path / "khong-co.ttf"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses ~/.fonts lookup")
def test_times_new_roman_is_preferred_and_missing_styles_fall_back(tmp_path):
    # A fresh interpreter with HOME pointing at a fake ~/.fonts holding
    # "Times" files (copies of a Vietnamese-capable font) and no italic.
    base = register_serif()
    fonts = tmp_path / ".fonts" / "ms"
    fonts.mkdir(parents=True)
    shutil.copy(base.path, fonts / "Times.TTF")  # case differs on purpose
    shutil.copy(base.path, fonts / "timesbd.ttf")
    code = (
        "from onestop.paperwork.fonts import register_serif\n"
        "f = register_serif()\n"
        "print(f.source)\n"
        "print(f.path)\n"
        "print(f.bold != f.regular, f.italic == f.regular)\n"
    )
    env = dict(os.environ, HOME=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    ).stdout.splitlines()
    assert out == ["Times New Roman", str(fonts / "Times.TTF"), "True True"]


# ------------------------------------------------------------ both rule sets (issue 11)


def test_2018_receipt_states_mau_01_of_tt_01_2018():
    text = flat(raw_text(render_receipt(make_data(), "A5")))
    assert text.startswith("Mẫu số 01 – Thông tư số 01/2018/TT-VPCP")
    assert f"Mã hồ sơ: {CODE}" in text
    assert "7. Nhận kết quả tại: Bộ phận Một cửa" in text and "8. Phí, lệ phí: 8.000 đồng." in text
    assert "Cách thức trả kết quả" not in text


@pytest.mark.parametrize("paper", ["A4", "A5"])
@pytest.mark.parametrize("channel", ["direct", "post", "online"])
def test_2025_receipt_gives_time_place_and_method_of_return(paper, channel):
    from onestop.clock.rule_sets import RULES_2025
    from onestop.paperwork.layout import FormMark
    from onestop.paperwork.receipts import RETURN_METHODS

    data = make_data(mark=FormMark.of(RULES_2025, "receipt"), return_method=RETURN_METHODS[channel])
    pdf = render_receipt(data, paper)
    assert len(pdfium.PdfDocument(pdf)) == 1
    text = flat(raw_text(pdf))
    assert text.startswith("Mẫu số 01 – Thông tư số 03/2025/TT-VPCP")
    assert RECEIPT_TITLE in text
    # Điều 17 k3 NĐ 118/2025: the mã số hồ sơ and the instant of receipt.
    assert f"Mã số hồ sơ: {CODE}" in text
    assert "5. Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 23/11/2026." in text
    # Điều 22 k3: time, place and method of return.
    assert "6. Thời gian trả kết quả: 09 giờ 15 phút, ngày 26/11/2026." in text
    assert "7. Địa điểm trả kết quả: Bộ phận Một cửa, Trung tâm Phục vụ hành chính công huyện Tiên Du." in text
    assert f"8. Cách thức trả kết quả: {RETURN_METHODS[channel]}." in text
    assert "9. Phí, lệ phí: 8.000 đồng." in text
    assert decode_qr(pdf) == [CODE]


def test_return_methods_say_how_in_vietnamese():
    from onestop.dossiers.intake import CHANNELS
    from onestop.paperwork.receipts import RETURN_METHODS

    assert set(RETURN_METHODS) == set(CHANNELS)
    assert "trực tiếp" in RETURN_METHODS["direct"].lower()
    assert "bưu chính công ích" in RETURN_METHODS["post"]
    assert "Cổng Dịch vụ công quốc gia" in RETURN_METHODS["online"]
