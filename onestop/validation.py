"""Checks for the applicant fields typed at the counter (no Qt).

Every ``clean_*`` function takes the raw text, normalises it and returns the
cleaned value, or raises :class:`ValidationError` carrying the field key and a
Vietnamese message that can be shown to the counter officer as is.
"""

from __future__ import annotations

import re
import unicodedata

from onestop.errors import OnestopError
from onestop.text import fold, nfc

__all__ = [
    "ValidationError",
    "PROVINCE_CODES",
    "clean_name",
    "clean_org_name",
    "clean_cccd",
    "clean_tax_code",
    "clean_phone",
    "clean_email",
    "clean_text",
    "lookup_key",
    "fold",
    "nfc",
]


class ValidationError(OnestopError, ValueError):
    """A field value was refused; ``message`` is Vietnamese, for the officer."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __repr__(self) -> str:
        return f"ValidationError({self.field!r}, {self.message!r})"


# Province codes that open a 12-digit citizen identity number (mã tỉnh nơi
# đăng ký khai sinh), Thông tư 07/2016/TT-BCA and later circulars.  These are
# the 63 pre-2025 provinces; the codes stay valid on every card already issued.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "TP Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

# Separators people type inside numbers: spaces, dots, dashes, brackets.
_NUMBER_SEPARATORS = re.compile(r"[\s.\-()]")
_CONTROL_OK = {"\n", "\t"}


def _prepare(text: str | None) -> str:
    """NFC-normalise and strip; ``None`` counts as empty."""
    return nfc(text).strip()


def _digits_form(text: str | None) -> str:
    """NFKC (full-width digits → ASCII) then strip, for numeric fields."""
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).strip()


def _collapse_spaces(text: str) -> str:
    return " ".join(text.split())


def _describe(ch: str) -> str:
    """Show a refused character to the officer ("«@»", or its code if invisible)."""
    if ch.isprintable() and not ch.isspace() and not unicodedata.category(ch) == "Cs":
        return f"«{ch}»"
    return f"U+{ord(ch):04X}"


# Characters that reorder or hide text when it is shown (Unicode UAX #9; "Trojan Source",
# CVE-2021-42574): an address or a department could read differently on the ledger than in the
# database. Marks LRM/RLM/ALM too: Vietnamese never needs them.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# More marks than Vietnamese stacks on one letter (a vowel mark and a tone: "ệ" in NFD) is
# "Zalgo" text, hiding the letters under it.
MAX_MARKS = 2


def _check_characters(value: str, field: str, what: str) -> None:
    """Refuses what no free text may hold: lone surrogates (bytes that were not UTF-8, which the
    database cannot store), direction overrides, and more than MAX_MARKS marks on one letter."""
    marks = 0
    for position, ch in enumerate(value, start=1):
        category = unicodedata.category(ch)
        if category == "Cs":
            raise ValidationError(field, f"{what} có ký tự lỗi bảng mã ({_describe(ch)}, không phải UTF-8) "
                                         f"ở vị trí {position}: hãy gõ lại. Chưa lưu gì.")
        if ch in BIDI_CONTROLS:
            raise ValidationError(field, f"{what} có ký tự ẩn đổi chiều chữ ({_describe(ch)}) ở vị trí {position}: "
                                         "hãy xóa rồi gõ lại. Chưa lưu gì.")
        marks = marks + 1 if category.startswith("M") else 0
        if marks > MAX_MARKS:
            raise ValidationError(field, f"{what} có quá nhiều dấu chồng lên một chữ (vị trí {position}): "
                                         "tiếng Việt chỉ có dấu mũ, dấu móc và một dấu thanh. Chưa lưu gì.")


_SCRIPT_NAMES = {"LATIN": "Latinh", "CYRILLIC": "Kirin", "GREEK": "Hy Lạp"}


def _script(ch: str) -> str:
    """The script of a letter, from its Unicode name ("LATIN SMALL LETTER A" → LATIN)."""
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


def _check_one_script(value: str, field: str, what: str) -> None:
    """A name written in one script. A Cyrillic «е» inside «Nguyễn» looks the same but folds to
    another search key, so the dossier is never found (Unicode TR #39, mixed-script confusables)."""
    letters = [ch for ch in value if unicodedata.category(ch).startswith("L")]
    scripts: dict[str, int] = {}
    for ch in letters:
        scripts[_script(ch)] = scripts.get(_script(ch), 0) + 1
    if len(scripts) < 2:
        return
    main = max(scripts, key=lambda k: (scripts[k], k == "LATIN"))
    odd = next(ch for ch in letters if _script(ch) != main)
    odd_script = _SCRIPT_NAMES.get(_script(odd), _script(odd).title())
    raise ValidationError(
        field,
        f"{what} có chữ {_describe(odd)} (U+{ord(odd):04X}, chữ {odd_script}) lẫn trong chữ "
        f"{_SCRIPT_NAMES.get(main, main.title())}: chữ này trông giống nhưng khác, nên không tìm thấy hồ sơ. "
        "Hãy gõ lại bằng bàn phím tiếng Việt. Chưa lưu gì.",
    )


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

_NAME_PUNCT = set(".'-")
_ORG_PUNCT = set(".,'-&()/+:;\"«»–—_#")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _is_letter_or_mark(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat.startswith("L") or cat.startswith("M")


def clean_name(text: str | None, field: str = "name", max_len: int = 200) -> str:
    """Clean a person's full name ("Nguyễn Văn A").

    NFC, inner whitespace collapsed, ends stripped.  Only letters, spaces and
    the punctuation ``. ' -`` are allowed (typographic apostrophes become ').
    """
    value = _collapse_spaces(_prepare(text).translate(_APOSTROPHES))
    if not value:
        raise ValidationError(field, "Vui lòng nhập họ và tên.")
    if len(value) > max_len:
        raise ValidationError(
            field,
            f"Họ và tên không được dài quá {max_len} ký tự (hiện có {len(value)} ký tự).",
        )
    _check_characters(value, field, "Họ và tên")
    previous = " "
    for ch in value:
        if ch.isdigit():
            raise ValidationError(field, "Họ và tên không được chứa chữ số.")
        # A combining mark left after NFC must sit on a letter.
        is_mark = unicodedata.category(ch).startswith("M")
        if is_mark and not _is_letter_or_mark(previous):
            allowed = False
        else:
            allowed = _is_letter_or_mark(ch) or ch == " " or ch in _NAME_PUNCT
        previous = ch
        if not allowed:
            raise ValidationError(
                field,
                f"Họ và tên chứa ký tự không hợp lệ: {_describe(ch)}. "
                "Chỉ dùng chữ cái, dấu cách và các dấu . ' -",
            )
    if not any(unicodedata.category(ch).startswith("L") for ch in value):
        raise ValidationError(field, "Họ và tên phải có ít nhất một chữ cái.")
    _check_one_script(value, field, "Họ và tên")
    return value


def clean_org_name(text: str | None, field: str = "org_name", max_len: int = 300) -> str:
    """Clean an organisation name ("Công ty TNHH Xây dựng số 1 (Chi nhánh 2)").

    Like :func:`clean_name` but digits and ``, & ( ) / + : ; " « » – _ #`` are
    also allowed.
    """
    value = _collapse_spaces(_prepare(text).translate(_APOSTROPHES))
    if not value:
        raise ValidationError(field, "Vui lòng nhập tên tổ chức.")
    if len(value) > max_len:
        raise ValidationError(
            field,
            f"Tên tổ chức không được dài quá {max_len} ký tự (hiện có {len(value)} ký tự).",
        )
    _check_characters(value, field, "Tên tổ chức")
    for ch in value:
        if not (
            _is_letter_or_mark(ch)
            or ch.isdigit()
            or ch == " "
            or ch in _ORG_PUNCT
        ):
            raise ValidationError(
                field, f"Tên tổ chức chứa ký tự không hợp lệ: {_describe(ch)}."
            )
    if not any(ch.isalnum() for ch in value):
        raise ValidationError(field, "Tên tổ chức phải có ít nhất một chữ cái hoặc chữ số.")
    _check_one_script(value, field, "Tên tổ chức")
    return value


# ---------------------------------------------------------------------------
# Identity and tax numbers
# ---------------------------------------------------------------------------

_DIGITS_RE = re.compile(r"[0-9]+")


def clean_cccd(text: str | None, field: str = "cccd", *, required: bool = True) -> str:
    """Clean a 12-digit citizen identity (CCCD / căn cước) number.

    Spaces are removed.  The first three digits must be a province code from
    :data:`PROVINCE_CODES`; the 4th (century/sex) digit may be any digit.
    """
    value = re.sub(r"\s+", "", _digits_form(text))
    if not value:
        if required:
            raise ValidationError(field, "Vui lòng nhập số CCCD.")
        return ""
    if not _DIGITS_RE.fullmatch(value):
        raise ValidationError(field, "Số CCCD chỉ được gồm các chữ số (0–9).")
    if len(value) != 12:
        hint = " Số CMND 9 chữ số cũ không dùng được ở đây." if len(value) == 9 else ""
        raise ValidationError(
            field, f"Số CCCD phải gồm đúng 12 chữ số (đang có {len(value)}).{hint}"
        )
    province = value[:3]
    if province not in PROVINCE_CODES:
        raise ValidationError(field, f"Mã tỉnh {province} ở đầu số CCCD không hợp lệ.")
    return value


_TAX10_RE = re.compile(r"[0-9]{10}")
_TAX13_DASH_RE = re.compile(r"([0-9]{10})-([0-9]{3})")
_TAX13_PLAIN_RE = re.compile(r"([0-9]{10})([0-9]{3})")


def clean_tax_code(text: str | None, field: str = "tax_code", *, required: bool = True) -> str:
    """Clean a tax code (mã số thuế).

    Accepts 10 digits, or 13 digits either as ``NNNNNNNNNN-NNN`` or plain.
    Returns 10 digits, or ``NNNNNNNNNN-NNN`` for a dependent unit's code.
    """
    value = re.sub(r"\s+", "", _digits_form(text)).replace("–", "-").replace("—", "-")
    if not value:
        if required:
            raise ValidationError(field, "Vui lòng nhập mã số thuế.")
        return ""
    if _TAX10_RE.fullmatch(value):
        return value
    match = _TAX13_DASH_RE.fullmatch(value) or _TAX13_PLAIN_RE.fullmatch(value)
    if match is None:
        raise ValidationError(
            field,
            "Mã số thuế phải gồm 10 chữ số, hoặc 13 chữ số dạng "
            "NNNNNNNNNN-NNN (đơn vị phụ thuộc).",
        )
    main, branch = match.groups()
    if branch == "000":
        raise ValidationError(
            field, "Ba số cuối của mã số thuế đơn vị phụ thuộc phải từ 001 đến 999."
        )
    return f"{main}-{branch}"


# ---------------------------------------------------------------------------
# Contact details
# ---------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"0[35789][0-9]{8}")
_LANDLINE_RE = re.compile(r"02[0-9]{9}")
_PHONE_FORMAT_MESSAGE = (
    "Số điện thoại không hợp lệ: số di động gồm 10 chữ số, bắt đầu bằng "
    "03, 05, 07, 08 hoặc 09; số cố định gồm 11 chữ số, bắt đầu bằng 02."
)


def clean_phone(text: str | None, field: str = "phone", *, required: bool = True) -> str:
    """Clean a Vietnamese mobile or landline number to its ``0…`` form.

    Spaces, dots, dashes and brackets are ignored; ``+84``, ``84`` and
    ``0084`` prefixes become ``0``.  Mobiles: 10 digits starting 03, 05, 07,
    08, 09.  Landlines: 11 digits starting 02.  ``required=False`` lets an
    empty value through as ``""``.
    """
    value = _NUMBER_SEPARATORS.sub("", _digits_form(text))
    if not value:
        if required:
            raise ValidationError(field, "Vui lòng nhập số điện thoại.")
        return ""
    international = True
    if value.startswith("+"):
        if not value.startswith("+84"):
            raise ValidationError(
                field, "Chỉ nhận số điện thoại Việt Nam (mã quốc gia +84)."
            )
        value = value[3:]
    elif value.startswith("0084"):
        value = value[4:]
    elif value.startswith("84") and len(value) >= 10:
        # "84 912 345 678": a national number never starts with 8, it starts with 0.
        value = value[2:]
    else:
        international = False
    if not _DIGITS_RE.fullmatch(value):
        raise ValidationError(
            field,
            "Số điện thoại chỉ được gồm chữ số (có thể kèm dấu cách, dấu chấm, gạch ngang).",
        )
    if international and not value.startswith("0"):
        # "+84 912…" → "0912…"; "+84 0912…" is also seen and kept as is.
        value = "0" + value
    if _MOBILE_RE.fullmatch(value) or _LANDLINE_RE.fullmatch(value):
        return value
    raise ValidationError(field, _PHONE_FORMAT_MESSAGE)


_EMAIL_LOCAL_RE = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+")
_EMAIL_LABEL_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?")


def clean_email(text: str | None, field: str = "email", *, required: bool = False) -> str:
    """Clean an e-mail address with a simple sanity check.

    One ``@``, no spaces, a dot in the domain, at most 254 characters.  The
    domain is lower-cased.  Empty is allowed unless ``required``.
    """
    value = _prepare(text)
    if not value:
        if required:
            raise ValidationError(field, "Vui lòng nhập địa chỉ thư điện tử (email).")
        return ""
    invalid = "Địa chỉ email không hợp lệ (ví dụ đúng: tennguoidung@gmail.com)."
    if len(value) > 254:
        raise ValidationError(field, "Địa chỉ email không được dài quá 254 ký tự.")
    if any(ch.isspace() for ch in value):
        raise ValidationError(field, "Địa chỉ email không được chứa dấu cách.")
    if value.count("@") != 1:
        raise ValidationError(field, "Địa chỉ email phải có đúng một ký tự @.")
    local, domain = value.split("@")
    if not local or len(local) > 64 or not _EMAIL_LOCAL_RE.fullmatch(local):
        raise ValidationError(field, invalid)
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise ValidationError(field, invalid)
    if "." not in domain:
        raise ValidationError(field, "Tên miền của email phải có dấu chấm (ví dụ gmail.com).")
    labels = domain.split(".")
    if not all(_EMAIL_LABEL_RE.fullmatch(label) for label in labels) or len(labels[-1]) < 2:
        raise ValidationError(field, invalid)
    return f"{local}@{domain.lower()}"


# ---------------------------------------------------------------------------
# Free text
# ---------------------------------------------------------------------------


def clean_text(
    text: str | None,
    field: str,
    max_len: int,
    required: bool = False,
    *,
    label: str | None = None,
) -> str:
    """Clean free text (address, note…): NFC, stripped, length-limited.

    Line breaks and tabs are kept; other control characters, lone surrogates, direction overrides
    and stacked marks are refused.
    ``label`` is the Vietnamese field name used in messages ("địa chỉ").
    """
    value = _prepare(text).replace("\r\n", "\n").replace("\r", "\n")
    what = label or "nội dung"
    if not value:
        if required:
            raise ValidationError(field, f"Vui lòng nhập {what}.")
        return ""
    if len(value) > max_len:
        raise ValidationError(
            field,
            f"{what[:1].upper()}{what[1:]} không được dài quá {max_len} ký tự "
            f"(hiện có {len(value)} ký tự).",
        )
    for ch in value:
        if unicodedata.category(ch) == "Cc" and ch not in _CONTROL_OK:
            raise ValidationError(
                field,
                f"{what[:1].upper()}{what[1:]} chứa ký tự điều khiển không hợp lệ ({_describe(ch)}).",
            )
    _check_characters(value, field, f"{what[:1].upper()}{what[1:]}")
    return value


def lookup_key(text: str | None) -> str | None:
    """A code typed to look something up (a procedure, a dossier), stripped; None when no stored code
    can be it: NUL, control characters and lone surrogates, which PostgreSQL refuses in a query
    (psycopg DataError) and SQLite cannot match."""
    value = (text or "").strip()
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        return None
    return value
