"""Tests for onestop.validation and onestop.text (pure functions, no Qt)."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop.text import fold, nfc
from onestop.validation import (
    PROVINCE_CODES,
    ValidationError,
    clean_cccd,
    clean_email,
    clean_name,
    clean_org_name,
    clean_phone,
    clean_tax_code,
    clean_text,
)

VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợ"
    "pqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
VIETNAMESE_ALPHABET = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def assert_refused(func, *args, field: str, contains: str, **kwargs) -> ValidationError:
    """Call ``func(*args, **kwargs)``; expect a ValidationError for ``field``.

    ``field`` is the *expected* field key: pass a custom field to ``func``
    positionally.
    """
    with pytest.raises(ValidationError) as info:
        func(*args, **kwargs)
    err = info.value
    assert err.field == field
    assert contains in err.message
    assert str(err) == err.message
    return err


# ---------------------------------------------------------------------------
# ValidationError
# ---------------------------------------------------------------------------


def test_validation_error_is_value_error_with_field_and_message():
    err = ValidationError("phone", "Số điện thoại không hợp lệ.")
    assert isinstance(err, ValueError)
    assert err.field == "phone"
    assert err.message == "Số điện thoại không hợp lệ."
    assert str(err) == "Số điện thoại không hợp lệ."
    assert "phone" in repr(err)


# ---------------------------------------------------------------------------
# text.nfc / text.fold
# ---------------------------------------------------------------------------


def test_nfc_composes_and_handles_none():
    assert nfc(nfd("Nguyễn")) == "Nguyễn"
    assert len(nfc(nfd("ễ"))) == 1
    assert nfc(None) == ""
    assert nfc("") == ""


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Nguyễn Văn A", "nguyen van a"),
        ("ĐẶNG THỊ ĐỨC", "dang thi duc"),
        ("đường Lê Duẩn", "duong le duan"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Hồ Chí Minh", "ho chi minh"),
        ("", ""),
    ],
)
def test_fold_examples(raw, folded):
    assert fold(raw) == folded


def test_fold_none_is_empty():
    assert fold(None) == ""


def test_fold_is_normalisation_insensitive():
    name = "Trần Thị Ánh Tuyết"
    assert fold(name) == fold(nfd(name)) == "tran thi anh tuyet"


def test_fold_supports_diacritic_insensitive_search():
    haystack = ["Nguyễn Văn A", "Trần Văn B", "Lê Thị Nguyệt"]
    hits = [name for name in haystack if fold("nguyen van a") in fold(name)]
    assert hits == ["Nguyễn Văn A"]


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet=VIETNAMESE_ALPHABET + string.ascii_letters + string.digits + " .,-'"))
def test_fold_of_vietnamese_text_is_lowercase_ascii(text):
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert len(folded) == len(text)


@given(st.text(alphabet=VIETNAMESE_ALPHABET + " "))
def test_fold_same_for_nfc_and_nfd(text):
    assert fold(nfc(text)) == fold(nfd(text))


# ---------------------------------------------------------------------------
# clean_name / clean_org_name
# ---------------------------------------------------------------------------


def test_clean_name_normalises():
    assert clean_name("  Nguyễn   Văn\tA  ") == "Nguyễn Văn A"
    assert clean_name(nfd("Đặng Thị Ngọc")) == "Đặng Thị Ngọc"
    assert unicodedata.is_normalized("NFC", clean_name(nfd("Phạm Thị Ánh")))


def test_clean_name_accepts_allowed_punctuation():
    assert clean_name("Mary-Jane O'Neil") == "Mary-Jane O'Neil"
    assert clean_name("Nguyễn V. A") == "Nguyễn V. A"
    assert clean_name("O’Brien") == "O'Brien"  # typographic apostrophe


def test_clean_name_custom_field():
    assert clean_name("Lê Văn Tám", field="father_name") == "Lê Văn Tám"
    assert_refused(clean_name, "", "father_name", field="father_name", contains="Vui lòng nhập họ và tên")


@pytest.mark.parametrize("raw", ["", "   ", None, "\t\n"])
def test_clean_name_refuses_empty(raw):
    assert_refused(clean_name, raw, field="name", contains="Vui lòng nhập họ và tên.")


def test_clean_name_refuses_too_long():
    assert clean_name("A" * 200) == "A" * 200
    assert_refused(clean_name, "A" * 201, field="name", contains="200 ký tự")
    assert_refused(clean_name, "Nguyễn Văn", max_len=5, field="name", contains="5 ký tự")


@pytest.mark.parametrize("raw", ["Nguyễn Văn 2", "Trần Thị B1", "Lê ٣"])
def test_clean_name_refuses_digits(raw):
    assert_refused(clean_name, raw, field="name", contains="không được chứa chữ số")


@pytest.mark.parametrize("raw", ["Nguyễn@Văn", "Trần, Thị", "Lê (Văn)", "A/B", "Hà_Nội", "Tên!"])
def test_clean_name_refuses_other_characters(raw):
    assert_refused(clean_name, raw, field="name", contains="ký tự không hợp lệ")


def test_clean_name_refuses_stray_combining_mark():
    assert_refused(clean_name, "An \u0301", field="name", contains="ký tự không hợp lệ")


@pytest.mark.parametrize("raw", ["...", "- '", "."])
def test_clean_name_refuses_punctuation_only(raw):
    assert_refused(clean_name, raw, field="name", contains="ít nhất một chữ cái")


def test_clean_org_name_accepts_digits_and_punctuation():
    raw = "  Công ty TNHH  Xây dựng số 1 (Chi nhánh 2), A&B / C  "
    assert clean_org_name(raw) == "Công ty TNHH Xây dựng số 1 (Chi nhánh 2), A&B / C"
    assert clean_org_name("Hợp tác xã Nông nghiệp 19-5") == "Hợp tác xã Nông nghiệp 19-5"


def test_clean_org_name_errors():
    assert_refused(clean_org_name, " ", field="org_name", contains="Vui lòng nhập tên tổ chức")
    assert clean_org_name("C" * 300) == "C" * 300
    assert_refused(clean_org_name, "C" * 301, field="org_name", contains="300 ký tự")
    assert_refused(clean_org_name, "Công ty <script>", field="org_name", contains="«<»")
    assert_refused(clean_org_name, "Công ty $", field="org_name", contains="không hợp lệ")
    assert_refused(clean_org_name, "(/)", field="org_name", contains="ít nhất một chữ cái")
    assert_refused(clean_org_name, "", "unit", field="unit", contains="Vui lòng nhập")


# ---------------------------------------------------------------------------
# clean_cccd
# ---------------------------------------------------------------------------


def test_province_codes_table():
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["002"] == "Hà Giang"
    assert PROVINCE_CODES["004"] == "Cao Bằng"
    assert "Hồ Chí Minh" in PROVINCE_CODES["079"]
    assert PROVINCE_CODES["096"] == "Cà Mau"
    assert all(len(code) == 3 and code.isdigit() for code in PROVINCE_CODES)
    assert len(set(PROVINCE_CODES.values())) == 63
    for code in ("000", "003", "097", "099", "100"):
        assert code not in PROVINCE_CODES


def test_clean_cccd_valid():
    assert clean_cccd("001090123456") == "001090123456"
    assert clean_cccd(" 079 2 01 012345 ") == "079201012345"
    assert clean_cccd("０３１０９５００１２３４") == "031095001234"  # full-width digits


@pytest.mark.parametrize("century_sex", "0123456789")
def test_clean_cccd_any_fourth_digit(century_sex):
    number = f"048{century_sex}95001234"
    assert clean_cccd(number) == number


@pytest.mark.parametrize("code", sorted(PROVINCE_CODES))
def test_clean_cccd_every_province_code(code):
    assert clean_cccd(code + "199001234") == code + "199001234"


@pytest.mark.parametrize("raw", ["", "  ", None])
def test_clean_cccd_empty(raw):
    assert_refused(clean_cccd, raw, field="cccd", contains="Vui lòng nhập số CCCD")
    assert clean_cccd(raw, required=False) == ""


@pytest.mark.parametrize("raw", ["00109012345", "0010901234567", "1"])
def test_clean_cccd_wrong_length(raw):
    assert_refused(clean_cccd, raw, field="cccd", contains="Số CCCD phải gồm đúng 12 chữ số")


def test_clean_cccd_old_nine_digit_id_hint():
    err = assert_refused(clean_cccd, "012345678", field="cccd", contains="12 chữ số")
    assert "CMND" in err.message


@pytest.mark.parametrize("raw", ["00109012345a", "001-090-123456", "001.090.123456"])
def test_clean_cccd_non_digits(raw):
    assert_refused(clean_cccd, raw, field="cccd", contains="chỉ được gồm các chữ số")


@pytest.mark.parametrize("prefix", ["099", "000", "003", "097", "100", "999"])
def test_clean_cccd_bad_province(prefix):
    assert_refused(
        clean_cccd,
        prefix + "090123456",
        field="cccd",
        contains=f"Mã tỉnh {prefix} ở đầu số CCCD không hợp lệ.",
    )


def test_clean_cccd_custom_field():
    assert_refused(clean_cccd, "1", "owner_cccd", field="owner_cccd", contains="12 chữ số")


@given(
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
)
def test_clean_cccd_property_valid(prefix, rest):
    number = prefix + rest
    spaced = " ".join([number[:3], number[3:6], number[6:]])
    assert clean_cccd(spaced) == number


# ---------------------------------------------------------------------------
# clean_tax_code
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0101234567", "0101234567"),
        (" 0101 234 567 ", "0101234567"),
        ("0101234567-001", "0101234567-001"),
        ("0101234567 - 001", "0101234567-001"),
        ("0101234567–002", "0101234567-002"),
        ("0101234567001", "0101234567-001"),
    ],
)
def test_clean_tax_code_valid(raw, expected):
    assert clean_tax_code(raw) == expected


@pytest.mark.parametrize(
    "raw", ["010123456", "01012345678", "010123456-001", "0101234567-01", "01012345670", "abcdefghij", "0101234567-"]
)
def test_clean_tax_code_bad_format(raw):
    assert_refused(clean_tax_code, raw, field="tax_code", contains="10 chữ số")


@pytest.mark.parametrize("raw", ["0101234567-000", "0101234567000"])
def test_clean_tax_code_zero_branch(raw):
    assert_refused(clean_tax_code, raw, field="tax_code", contains="001 đến 999")


def test_clean_tax_code_empty():
    assert_refused(clean_tax_code, "", field="tax_code", contains="Vui lòng nhập mã số thuế")
    assert clean_tax_code(" ", required=False) == ""


# ---------------------------------------------------------------------------
# clean_phone
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84 912 345 678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("032 123 4567", "0321234567"),
        ("0587 654 321", "0587654321"),
        ("070 123 4567", "0701234567"),
        ("0888 888 888", "0888888888"),
        ("024 3825 1234", "02438251234"),
        ("(028) 3829 1234", "02838291234"),
        ("+84 24 3825 1234", "02438251234"),
        ("0206 3852 123", "02063852123"),
    ],
)
def test_clean_phone_valid(raw, expected):
    assert clean_phone(raw) == expected


@given(
    st.sampled_from("35789"),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
)
def test_clean_phone_international_and_national_forms_agree(second, rest):
    national = "0" + second + rest[:8]
    spaced = f"+84 {national[1:4]} {national[4:7]} {national[7:]}"
    assert clean_phone(spaced) == national
    dotted = f"{national[:4]}.{national[4:7]}.{national[7:]}"
    assert clean_phone(dotted) == national
    assert clean_phone("84" + national[1:]) == national


def test_clean_phone_example_property():
    assert clean_phone("+84 912 345 678") == "0912345678"


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_clean_phone_empty(raw):
    assert_refused(clean_phone, raw, field="phone", contains="Vui lòng nhập số điện thoại")
    assert clean_phone(raw, required=False) == ""


@pytest.mark.parametrize(
    "raw",
    [
        "912345678",  # leading 0 missing
        "0112345678",  # 01x no longer exists
        "0412345678",
        "0612345678",
        "091234567",  # too short
        "09123456789",  # mobile too long
        "0243825123",  # landline too short
        "024382512345",  # landline too long
        "8412345678",
        "1900 1234",
    ],
)
def test_clean_phone_bad_number(raw):
    assert_refused(clean_phone, raw, field="phone", contains="Số điện thoại không hợp lệ")


@pytest.mark.parametrize("raw", ["0912abc678", "0912/345/678", "+84 9x2345678"])
def test_clean_phone_bad_characters(raw):
    assert_refused(clean_phone, raw, field="phone", contains="chỉ được gồm chữ số")


@pytest.mark.parametrize("raw", ["+1 202 555 0143", "+85 912345678"])
def test_clean_phone_foreign_country_code(raw):
    assert_refused(clean_phone, raw, field="phone", contains="+84")


def test_clean_phone_custom_field():
    assert_refused(clean_phone, "1", "contact_phone", field="contact_phone", contains="không hợp lệ")


# ---------------------------------------------------------------------------
# clean_email
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a@b.vn", "a@b.vn"),
        ("  Nguyen.Van-A+hs@Gmail.COM ", "Nguyen.Van-A+hs@gmail.com"),
        ("motcua@ubnd.phuong1.hanoi.gov.vn", "motcua@ubnd.phuong1.hanoi.gov.vn"),
    ],
)
def test_clean_email_valid(raw, expected):
    assert clean_email(raw) == expected


def test_clean_email_empty():
    assert clean_email("") == ""
    assert clean_email(None) == ""
    assert_refused(clean_email, "  ", required=True, field="email", contains="Vui lòng nhập")


def test_clean_email_too_long():
    local = "a" * 60
    domain = ".".join(["b" * 60] * 4) + ".vn"  # 247 chars
    assert_refused(clean_email, f"{local}@{domain}", field="email", contains="254 ký tự")


@pytest.mark.parametrize(
    ("raw", "contains"),
    [
        ("nguyen van@gmail.com", "dấu cách"),
        ("nguyenvan.gmail.com", "đúng một ký tự @"),
        ("a@b@c.vn", "đúng một ký tự @"),
        ("a@localhost", "dấu chấm"),
        ("@gmail.com", "không hợp lệ"),
        ("a@.vn", "không hợp lệ"),
        ("a@gmail.", "không hợp lệ"),
        ("a@gmail..com", "không hợp lệ"),
        ("a@-gmail.com", "không hợp lệ"),
        ("a@gmail.c", "không hợp lệ"),
        (".a@gmail.com", "không hợp lệ"),
        ("a..b@gmail.com", "không hợp lệ"),
        ("nguyễn@gmail.com", "không hợp lệ"),
        ("a@gmail_x.com", "không hợp lệ"),
        ("x" * 65 + "@gmail.com", "không hợp lệ"),
    ],
)
def test_clean_email_invalid(raw, contains):
    assert_refused(clean_email, raw, field="email", contains=contains)


# ---------------------------------------------------------------------------
# clean_text
# ---------------------------------------------------------------------------


def test_clean_text_normalises_and_keeps_lines():
    raw = "  " + nfd("Số 1, đường Lê Lợi") + "\r\nPhường Bến Nghé  "
    assert clean_text(raw, "address", 200) == "Số 1, đường Lê Lợi\nPhường Bến Nghé"


def test_clean_text_optional_and_required():
    assert clean_text("   ", "note", 100) == ""
    assert clean_text(None, "note", 100) == ""
    assert_refused(clean_text, "", "note", 100, required=True, field="note", contains="Vui lòng nhập nội dung.")
    assert_refused(
        clean_text, " ", "address", 100, True, label="địa chỉ", field="address", contains="Vui lòng nhập địa chỉ."
    )


def test_clean_text_length_limit():
    assert clean_text("a" * 10, "note", 10) == "a" * 10
    err = assert_refused(clean_text, "a" * 11, "note", 10, field="note", contains="10 ký tự")
    assert err.message.startswith("Nội dung")
    assert_refused(clean_text, "ab", "address", 1, label="địa chỉ", field="address", contains="Địa chỉ không được dài quá 1 ký tự")


def test_clean_text_refuses_control_characters():
    assert clean_text("a\tb", "note", 10) == "a\tb"
    assert_refused(clean_text, "a\x00b", "note", 10, field="note", contains="ký tự điều khiển")
    assert_refused(clean_text, "a\x1bb", "note", 10, field="note", contains="U+001B")
