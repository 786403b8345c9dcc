"""The procedure picker's order (issue 11): whole words of what was typed first, then word
beginnings, then the rest; within a rank the procedures this counter receives most often, then by
name. On the shipped catalogue, both engines."""
from __future__ import annotations

from datetime import timedelta

from onestop.dossiers.intake import (
    SUBSTRINGS,
    WHOLE_WORDS,
    WORD_PREFIXES,
    IntakeRequest,
    dossiers_per_procedure,
    load_procedure_picker,
    save_intake,
    search_procedures,
)
from onestop.people.accounts import Actor
from onestop.text import fold
from tests.conftest import MONDAY_0915

MARRIAGE_STATUS = "1.004873"  # Thủ tục cấp Giấy xác nhận tình trạng hôn nhân
MARRIAGE = "1.000894"  # Thủ tục đăng ký kết hôn
MARRIAGE_FOREIGN = "2.000806"  # Thủ tục đăng ký kết hôn có yếu tố nước ngoài
HOUSEHOLD_BUSINESS = "DP.DKKD.01"  # Đăng ký thành lập hộ kinh doanh
DIPLOMA = "DP.GDDT.05"  # Công nhận văn bằng tốt nghiệp … phổ thông: "hon" and "nhan" inside words


def _receive(db, site, code: str, n: int) -> None:
    for i in range(n):
        req = IntakeRequest(procedure_code=code, name="Nguyễn Thị Hồng Nhung", id_number=f"00119001{i:04d}",
                            phone="0912345678")
        save_intake(db, site, req, now=MONDAY_0915 + timedelta(minutes=i), actor=Actor.named("cb.lan"))


def _codes(db, text: str, limit: int | None = 50) -> list[str]:
    with db.read() as s:
        return [p.code for p in search_procedures(s, text, limit)]


def test_whole_words_come_before_words_found_inside_other_words(site_db):
    db, _ = site_db
    codes = _codes(db, "hon nhan")
    assert codes[0] == MARRIAGE_STATUS
    assert DIPLOMA in codes and codes.index(DIPLOMA) > codes.index(MARRIAGE_STATUS)
    assert _codes(db, "Hôn Nhân") == codes  # case and diacritics do not matter
    assert _codes(db, "dang ky kinh doanh ho")[0] == HOUSEHOLD_BUSINESS
    assert _codes(db, "ket hon")[:2] == [MARRIAGE, MARRIAGE_FOREIGN]


def test_ranks_whole_words_then_prefixes_then_substrings(site_db):
    db, _ = site_db
    with db.read() as s:
        picker = load_procedure_picker(s)
    for text in ("hon nhan", "dang ky kinh doanh ho", "ket ho", "khai sinh", "giay phep xay", "ho tich", "dkkd"):
        words = fold(text).split()
        ranks = [picker.rank(picker.procedures.index(p), words) for p in picker.search(text)]
        assert ranks, text
        assert ranks == sorted(ranks), text  # never a lower rank above a higher one
        for p in picker.search(text):
            assert all(w in fold(f"{p.code} {p.name} {p.field.name}") for w in words)  # every word matches
    # "ket ho": "ho" begins "hôn" (a prefix), "kết" is whole.
    by_code = {p.code: i for i, p in enumerate(picker.procedures)}
    assert picker.rank(by_code[MARRIAGE], ["ket", "ho"]) == WORD_PREFIXES
    assert picker.rank(by_code[MARRIAGE], ["ket", "hon"]) == WHOLE_WORDS
    assert picker.rank(by_code[DIPLOMA], ["hon", "nhan"]) == SUBSTRINGS
    assert picker.rank(by_code[MARRIAGE], ["khai"]) is None
    assert picker.rank(by_code[HOUSEHOLD_BUSINESS], ["dkkd"]) == WHOLE_WORDS  # a part of the code
    assert [p.code for p in picker.search("1.001193")] == ["1.001193"]  # the whole code


def test_the_procedures_received_most_often_come_first_within_a_rank(site_db):
    db, site = site_db
    assert _codes(db, "ket hon")[:2] == [MARRIAGE, MARRIAGE_FOREIGN]  # a tie: by name
    _receive(db, site, MARRIAGE_FOREIGN, 2)
    _receive(db, site, MARRIAGE, 1)
    assert _codes(db, "ket hon")[:2] == [MARRIAGE_FOREIGN, MARRIAGE]
    # A frequent procedure never jumps a rank: the diploma matches "hon nhan" only inside words.
    _receive(db, site, DIPLOMA, 3)
    codes = _codes(db, "hon nhan")
    assert codes[0] == MARRIAGE_STATUS and codes.index(DIPLOMA) > 0
    with db.read() as s:
        counts = dossiers_per_procedure(s)
        picker = load_procedure_picker(s)
    ids = {p.code: p.id for p in picker.procedures}
    assert counts == {ids[MARRIAGE_FOREIGN]: 2, ids[MARRIAGE]: 1, ids[DIPLOMA]: 3}
    # Nothing typed: the whole catalogue, the most frequent first.
    assert [p.code for p in picker.search("")][:3] == [DIPLOMA, MARRIAGE_FOREIGN, MARRIAGE]
    assert len(picker.search("")) == len(picker.procedures)
    # A dossier saved at this desk counts at once, without reading the database again.
    picker.note_received(ids[MARRIAGE])
    picker.note_received(ids[MARRIAGE])
    assert [p.code for p in picker.search("ket hon")][:2] == [MARRIAGE, MARRIAGE_FOREIGN]
