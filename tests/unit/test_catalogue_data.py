"""Checks on the shipped procedure catalogue (resources/catalogue/procedures.csv)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "catalogue" / "procedures.csv"
HEADER = ["code", "name", "field", "level", "statutory", "committed", "fee", "supplement_rule", "documents"]
LEVELS = {"commune", "province"}  # two tiers since 01/07/2025 (Luật 72/2025/QH15)
DURATION_RE = re.compile(r"^\d+(\.\d+)?[dh]$|^same_day$")
NATIONAL_CODE_RE = re.compile(r"^\d\.\d{6}$")
LOCAL_CODE_RE = re.compile(r"^DP\.[A-Z]+\.\d{2}$")
DOCUMENT_RE = re.compile(r"^(bản chính|bản sao|bản sao chứng thực) x([1-9]\d*): (\S.*\S)$")
HOURS_PER_DAY = 8


def _read() -> tuple[list[str], list[dict[str, str]]]:
    with CATALOGUE.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


HEADER_READ, ROWS = _read()


def _days(value: str) -> float | None:
    """Duration in working days; ``None`` for same_day."""
    if value == "same_day":
        return None
    amount = float(value[:-1])
    return amount if value.endswith("d") else amount / HOURS_PER_DAY


def _has_cut(row: dict[str, str], ratio: float = 0.2) -> bool:
    statutory, committed = _days(row["statutory"]), _days(row["committed"])
    if statutory is None or committed is None:
        return False
    return committed <= statutory * (1 - ratio) + 1e-9


def test_file_is_utf8_nfc_without_bom():
    raw = CATALOGUE.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)


def test_header():
    assert HEADER_READ == HEADER
    assert CATALOGUE.read_text(encoding="utf-8").splitlines()[0] == ",".join(HEADER)


def test_row_count_and_no_blank_cells():
    assert len(ROWS) >= 45
    for row in ROWS:
        assert None not in row, f"extra cells in {row['code']}"
        for key in HEADER:
            assert row[key] is not None and row[key].strip() == row[key], (row["code"], key)
            assert row[key], (row["code"], key)


def test_codes_unique_and_well_formed():
    codes = [row["code"] for row in ROWS]
    assert len(codes) == len(set(codes)), [c for c, n in Counter(codes).items() if n > 1]
    for code in codes:
        assert NATIONAL_CODE_RE.match(code) or LOCAL_CODE_RE.match(code), code


def test_names_unique_within_level():
    keys = [(row["level"], row["name"]) for row in ROWS]
    assert len(keys) == len(set(keys))


def test_levels_and_fields_coverage():
    levels = {row["level"] for row in ROWS}
    assert levels == LEVELS
    fields = {row["field"] for row in ROWS}
    assert len(fields) >= 8
    for expected in ("Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Đăng ký kinh doanh", "Lý lịch tư pháp"):
        assert expected in fields


def test_business_registration_levels():
    levels = {row["level"] for row in ROWS if row["field"] == "Đăng ký kinh doanh"}
    assert {"commune", "province"} <= levels  # household businesses at the commune since 7/2025


@pytest.mark.parametrize("row", ROWS, ids=[row["code"] for row in ROWS])
def test_row_values(row):
    assert row["level"] in LEVELS
    assert DURATION_RE.match(row["statutory"]), row["statutory"]
    assert DURATION_RE.match(row["committed"]), row["committed"]
    assert row["supplement_rule"] in {"restart", "resume"}
    statutory, committed = _days(row["statutory"]), _days(row["committed"])
    if row["statutory"].endswith("d") and row["committed"].endswith("d"):
        assert committed <= statutory
    if statutory is None:
        # A same-day procedure stays same-day.
        assert row["committed"] == "same_day"
    elif committed is not None:
        assert 0 < committed <= statutory


@pytest.mark.parametrize("row", ROWS, ids=[row["code"] for row in ROWS])
def test_documents_format(row):
    lines = row["documents"].split("\n")
    assert 2 <= len(lines) <= 6, len(lines)
    names = []
    for line in lines:
        match = DOCUMENT_RE.match(line)
        assert match, f"{row['code']}: {line!r}"
        names.append(match.group(3))
    assert len(names) == len(set(names)), row["code"]


def test_fee_is_text():
    for row in ROWS:
        fee = row["fee"]
        assert "đồng" in fee or "Miễn" in fee or "HĐND" in fee, (row["code"], fee)


def test_commitment_cuts():
    cut = [row for row in ROWS if _has_cut(row)]
    assert len(cut) >= 0.6 * len(ROWS)
    # ...but not every procedure is cut.
    assert any(row["statutory"] == row["committed"] for row in ROWS)


def test_supplement_rules_mostly_restart():
    rules = Counter(row["supplement_rule"] for row in ROWS)
    assert rules["restart"] > rules["resume"] > 0


def test_known_anchor_rows():
    by_code = {row["code"]: row for row in ROWS}
    birth = by_code["1.001193"]
    assert birth["level"] == "commune"
    assert birth["field"] == "Hộ tịch"
    assert birth["statutory"] == "same_day"


@pytest.mark.parametrize(("name", "optional"), [
    ("Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí (nếu có)", True),
    ("Văn bản ủy quyền có chứng thực (trường hợp nộp hồ sơ thay)", True),
    ("Di chúc (nếu di chúc liên quan đến tài sản đó)", True),
    (unicodedata.normalize("NFD", "Bản án ly hôn (NẾU CÓ)"), True),  # as typed, decomposed, in capitals
    ("Căn cước công dân (xuất trình)", False),
    ("Tờ khai (áp dụng cho cả trường hợp chứng thực điện tử)", False),
    ("Giấy phép (trừ nhà ở riêng lẻ)", False),
    ("Tờ khai theo mẫu; nếu có con chung thì kê khai", False),  # a sentence, not the case-mark
])
def test_conditional_papers_are_optional(name, optional):
    from onestop.office.catalogue import is_optional

    assert is_optional(name) is optional


def test_every_procedure_asks_for_at_least_one_paper_that_is_not_optional():
    from onestop.office.catalogue import is_optional

    for row in ROWS:
        names = [DOCUMENT_RE.match(line).group(3) for line in row["documents"].split("\n")]
        assert not all(is_optional(n) for n in names), row["code"]
