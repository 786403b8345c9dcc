"""Receiving a dossier through the service: what is saved, and that bad input saves nothing."""
from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from onestop.db.models import Applicant, CodeCounter, Dossier, DossierEvent, SubmittedDocument
from onestop.dossiers.intake import IntakeError, IntakeRequest, save_intake, search_procedures
from onestop.people.accounts import Actor
from tests.conftest import ENGINES, MONDAY_0915


def _counts(db) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Dossier, Applicant, SubmittedDocument, DossierEvent, CodeCounter))


def _request(**changes) -> IntakeRequest:
    base = dict(procedure_code="1.001193", name="Nguyễn Thị Hồng Nhung", id_number="001190012345",
                phone="+84 912 345 678", email="nhung@example.vn", address="Số 5 phố Kim Mã, Hà Nội")
    return IntakeRequest(**{**base, **changes})


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_saved_intake_has_code_deadlines_documents_and_event(site_db):
    db, site = site_db
    # Lý lịch tư pháp style: a procedure measured in working days; pick one from the catalogue.
    with db.read() as s:
        proc = next(p for p in search_procedures(s, "") if p.committed.endswith("d") and p.committed != p.statutory)
    saved = save_intake(db, site, _request(procedure_code=proc.code), now=MONDAY_0915, actor=Actor.named("cb.lan"))
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == saved.code)).one()
        assert d.status == "received" and d.received_by == "cb.lan"
        assert d.received_at == MONDAY_0915
        assert d.due_at == saved.due_at < d.statutory_due_at
        assert d.applicant.phone == "0912345678"
        assert [doc.name for doc in d.documents] == [doc.name for doc in proc.documents]
        assert [(e.action, e.from_status, e.to_status) for e in d.events] == [("receive", None, "received")]
    # 09:15 Monday + N working days lands at 09:15 on a working day.
    local_due = saved.due_at.astimezone(site.calendar.tz)
    assert (local_due.hour, local_due.minute) == (9, 15)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_vietnamese_text_is_stored_nfc(site_db):
    db, site = site_db
    decomposed = unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh")
    saved = save_intake(db, site, _request(name=decomposed), now=MONDAY_0915, actor=Actor.named("cb"))
    with db.read() as s:
        name = s.scalar(select(Applicant.name).join(Dossier).where(Dossier.code == saved.code))
    assert name == unicodedata.normalize("NFC", "Phạm Thị Ngọc Ánh")


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"id_number": "00119001234"}, "id_number", "12 chữ số"),
        ({"id_number": "099190012345"}, "id_number", "099"),
        ({"phone": "12345"}, "phone", "điện thoại"),
        ({"name": ""}, "name", "họ và tên"),
        ({"name": "Nguyen 123"}, "name", ""),
        ({"email": "a@b"}, "email", ""),
        ({"address": "x" * 501}, "address", "500"),
        ({"note": "y" * 1001}, "note", "1000"),
        ({"procedure_code": ""}, "procedure", "thủ tục"),
        ({"procedure_code": "9.999999"}, "procedure", "9.999999"),
        ({"sets_count": "0"}, "sets_count", "Số bộ"),
        ({"channel": "fax"}, "channel", "Hình thức nộp"),
        ({"documents": []}, "documents", "giấy tờ"),
        ({"applicant_kind": "organisation", "id_number": "123"}, "id_number", "thuế"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(site_db, changes, field, fragment):
    db, site = site_db
    before = _counts(db)
    with pytest.raises(IntakeError) as info:
        save_intake(db, site, _request(**changes), now=MONDAY_0915, actor=Actor.named("cb"))
    assert field in info.value.errors
    assert fragment.lower() in info.value.errors[field].lower()
    assert _counts(db) == before


def test_receipt_time_in_the_future_is_refused(site_db):
    db, site = site_db
    with pytest.raises(IntakeError) as info:
        save_intake(db, site, _request(received_at=MONDAY_0915 + timedelta(hours=1)), now=MONDAY_0915, actor=Actor.named("cb"))
    assert "tương lai" in info.value.errors["received_at"]


def test_paper_record_entered_later_counts_from_its_own_time(site_db):
    db, site = site_db
    friday_1630 = datetime(2026, 11, 20, 16, 30, tzinfo=site.calendar.tz)
    saved = save_intake(db, site, _request(received_at=friday_1630), now=MONDAY_0915, actor=Actor.named("cb"))
    assert saved.code.endswith("-261120-0001")
    # Same-day procedure received Friday after the 15:00 cut-off: due at Monday's close.
    assert saved.due_at == datetime(2026, 11, 23, 17, 0, tzinfo=site.calendar.tz)


def test_procedure_type_ahead_ignores_case_and_diacritics(site_db):
    db, _ = site_db
    with db.read() as s:
        names = [p.name for p in search_procedures(s, "KHAI sinh")]
        assert any("khai sinh" in n.lower() for n in names)
        assert [p.code for p in search_procedures(s, "1.001193")] == ["1.001193"]
        assert search_procedures(s, "đăng ký khai sinh") == search_procedures(s, "dang ky khai sinh")
