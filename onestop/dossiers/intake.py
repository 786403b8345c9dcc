"""Receiving a dossier: validate what the officer typed, then save it in one transaction."""
from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, bindparam, func, insert, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from onestop import validation as v
from onestop.clock import rule_sets
from onestop.clock.calendar import WorkCalendar
from onestop.clock.deadlines import Duration, due_at
from onestop.clock.periods import EARLIEST
from onestop.db.chain import event_hash, first_attests
from onestop.db.models import (
    Applicant,
    Appointment,
    Dossier,
    DossierEvent,
    Procedure,
    SubmittedDocument,
)
from onestop.db.session import Database
from onestop.errors import FieldErrors
from onestop.office.catalogue import DOCUMENT_FORMS
from onestop.office.codes import allocate_code, series_identifier
from onestop.office.site import Site
from onestop.people.accounts import Actor
from onestop.people.audit_heads import sealed_problem
from onestop.text import fold

CHANNELS = {"direct": "Trực tiếp", "post": "Bưu chính công ích", "online": "Trực tuyến"}
APPLICANT_KINDS = {"person": "Cá nhân", "organisation": "Tổ chức"}
MAX_SETS = 20
MAX_DOCUMENT_NAME = SubmittedDocument.__table__.c.name.type.length
# A clock a few minutes off between desks must not turn "now" into "the future".
FUTURE_TOLERANCE = timedelta(minutes=5)
# Table-level inserts, built once (the ORM's per-statement bookkeeping doubled the cost of a save;
# building and keying the statements again on every save cost a third of what remained).
_INSERT_APPLICANT = insert(Applicant.__table__).returning(Applicant.__table__.c.id)
_INSERT_DOSSIER = insert(Dossier.__table__).returning(Dossier.__table__.c.id)
_INSERT_DOCUMENTS = insert(SubmittedDocument.__table__)
_INSERT_EVENT = insert(DossierEvent.__table__)
# SET takes the columns named in the parameters: code and last_event_hash.
_NAME_DOSSIER = update(Dossier.__table__).where(Dossier.__table__.c.id == bindparam("dossier_id"))
_INSERT_APPOINTMENT = insert(Appointment.__table__)


@dataclass(frozen=True)
class DocumentReceived:
    required_document_id: int | None
    name: str
    form: str
    quantity: int


@dataclass
class IntakeRequest:
    """What the officer typed, as typed. Empty `documents` means none ticked; None means all."""

    procedure_code: str
    name: str
    id_number: str
    applicant_kind: str = "person"
    phone: str = ""
    email: str = ""
    address: str = ""
    channel: str = "direct"
    sets_count: int | str = 1
    note: str = ""
    documents: list[DocumentReceived] | None = None
    received_at: datetime | None = None


@dataclass(frozen=True)
class CleanApplicant:
    kind: str
    name: str
    id_number: str
    phone: str
    email: str
    address: str


@dataclass(frozen=True)
class CleanIntake:
    procedure: Procedure
    applicant: CleanApplicant
    channel: str
    sets_count: int
    note: str
    documents: tuple[DocumentReceived, ...]
    received_at: datetime


@dataclass(frozen=True)
class SavedIntake:
    dossier_id: int
    code: str
    received_at: datetime
    due_at: datetime
    statutory_due_at: datetime


class IntakeError(FieldErrors, ValueError):
    """Every problem found, keyed by the form field it belongs to; nothing was saved."""


@dataclass(frozen=True)
class Deadlines:
    due_at: datetime
    statutory_due_at: datetime


def deadlines_for(procedure: Procedure, received: datetime, cal: WorkCalendar) -> Deadlines:
    return Deadlines(
        due_at(received, Duration.parse(procedure.committed), cal),
        due_at(received, Duration.parse(procedure.statutory), cal),
    )


def _procedures() -> Select[tuple[Procedure]]:
    return select(Procedure).where(Procedure.active.is_(True)).options(
        selectinload(Procedure.documents), selectinload(Procedure.field))


def find_procedure(session: Session, code: str) -> Procedure | None:
    # One joined SELECT: this is on every save's path (three SELECTs cost 1.5 ms, this 0.6 ms).
    if (key := v.lookup_key(code)) is None:
        return None
    query = select(Procedure).where(Procedure.active.is_(True), Procedure.code == key).options(
        joinedload(Procedure.documents), joinedload(Procedure.field))
    return session.scalars(query).unique().one_or_none()


# Ranks of a match in the procedure picker: every typed word is a whole word of the name or code,
# else a word's beginning, else only somewhere inside the code, name or field.
WHOLE_WORDS, WORD_PREFIXES, SUBSTRINGS = 0, 1, 2
_WORD = re.compile(r"[0-9a-z]+")


class ProcedurePicker:
    """The active procedures and how many dossiers the counter received of each, loaded once (when
    the intake form loads or refreshes), then searched on every key press without the database."""

    def __init__(self, procedures: Sequence[Procedure], received: Mapping[int, int]) -> None:
        self.procedures = tuple(procedures)
        self.received = dict(received)
        self._keys = []
        for p in self.procedures:
            code = fold(p.code)
            words = {code, *_WORD.findall(code), *_WORD.findall(p.name_folded)}
            self._keys.append((words, f"{code} {p.name_folded} {fold(p.field.name)}"))

    def rank(self, index: int, words: Sequence[str]) -> int | None:
        """The rank of the procedure at `index` for the folded typed words; None: no match."""
        whole, text = self._keys[index]
        if not all(w in text for w in words):
            return None
        if all(w in whole for w in words):
            return WHOLE_WORDS
        if all(any(t.startswith(w) for t in whole) for w in words):
            return WORD_PREFIXES
        return SUBSTRINGS

    def search(self, text: str, limit: int | None = None) -> list[Procedure]:
        """Matches of every typed word, ignoring case and diacritics: by rank, then the procedures
        this counter receives most often, then by name (Enter picks the first)."""
        words = fold(text).split()
        found = []
        for i, p in enumerate(self.procedures):
            rank = self.rank(i, words)
            if rank is not None:
                found.append((rank, -self.received.get(p.id, 0), p.name_folded, p.code, i))
        found.sort()
        return [self.procedures[row[-1]] for row in found[:limit]]

    def note_received(self, procedure_id: int) -> None:
        """One more dossier saved at this desk: counted without asking the database again."""
        self.received[procedure_id] = self.received.get(procedure_id, 0) + 1


def dossiers_per_procedure(session: Session) -> dict[int, int]:
    """Dossiers received of each procedure: one GROUP BY over ix_dossier_procedure_received (the
    index alone answers it; no table row is read)."""
    query = select(Dossier.procedure_id, func.count()).group_by(Dossier.procedure_id)
    return {procedure_id: n for procedure_id, n in session.execute(query)}


def load_procedure_picker(session: Session) -> ProcedurePicker:
    procedures = session.scalars(_procedures().order_by(Procedure.name_folded)).all()
    return ProcedurePicker(procedures, dossiers_per_procedure(session))


def search_procedures(session: Session, text: str, limit: int | None = 50) -> list[Procedure]:
    """Type-ahead over code and name (and field), ignoring case and diacritics; every word must match.
    Ranked as ProcedurePicker.search; a form that searches on every key press keeps a picker."""
    return load_procedure_picker(session).search(text, limit)


def _clean_applicant(req: IntakeRequest, errors: dict[str, str]) -> CleanApplicant | None:
    kind = req.applicant_kind if req.applicant_kind in APPLICANT_KINDS else None
    if kind is None:
        errors["applicant_kind"] = "Chọn người nộp là cá nhân hoặc tổ chức."
        return None
    values: dict[str, str] = {}
    checks = {
        "name": lambda: (v.clean_name(req.name) if kind == "person" else v.clean_org_name(req.name)),
        "id_number": lambda: (v.clean_cccd(req.id_number) if kind == "person" else v.clean_tax_code(req.id_number)),
        "phone": lambda: v.clean_phone(req.phone, required=False),
        "email": lambda: v.clean_email(req.email),
        "address": lambda: v.clean_text(req.address, "address", 500, label="địa chỉ"),
    }
    for key, check in checks.items():
        try:
            values[key] = check()
        except v.ValidationError as exc:
            errors[key] = exc.message
    return None if len(values) < len(checks) else CleanApplicant(kind=kind, **values)


def _clean_document(d: DocumentReceived, procedure: Procedure) -> DocumentReceived:
    """A paper received: one of the procedure's (or none, for an extra one), a name, a form, a count."""
    if d.required_document_id is not None and d.required_document_id not in {r.id for r in procedure.documents}:
        raise v.ValidationError("documents", "Giấy tờ đã đánh dấu không thuộc thủ tục này: hãy chọn lại thủ tục.")
    name = v.clean_text(d.name, "documents", MAX_DOCUMENT_NAME, required=True, label="tên giấy tờ")
    if d.form not in DOCUMENT_FORMS:
        raise v.ValidationError("documents", f"Hình thức giấy tờ «{d.form}» không có: chọn "
                                             f"{', '.join(DOCUMENT_FORMS.values())}.")
    if isinstance(d.quantity, bool) or not isinstance(d.quantity, int) or not 1 <= d.quantity <= 99:
        raise v.ValidationError("documents", "Số lượng mỗi giấy tờ phải từ 1 đến 99.")
    return DocumentReceived(d.required_document_id, name, d.form, d.quantity)


def validate_intake(session: Session, req: IntakeRequest, now: datetime) -> CleanIntake:
    errors: dict[str, str] = {}
    applicant = _clean_applicant(req, errors)
    procedure = find_procedure(session, req.procedure_code) if req.procedure_code.strip() else None
    if procedure is None:
        errors["procedure"] = ("Vui lòng chọn thủ tục hành chính." if not req.procedure_code.strip()
                               else f"Không tìm thấy thủ tục mã «{req.procedure_code.strip()}».")
    if req.channel not in CHANNELS:
        errors["channel"] = "Hình thức nộp phải là trực tiếp, bưu chính công ích hoặc trực tuyến."
    try:
        sets_count = int(str(req.sets_count).strip())
        if not 1 <= sets_count <= MAX_SETS:
            raise ValueError
    except ValueError:
        errors["sets_count"] = f"Số bộ hồ sơ phải là số từ 1 đến {MAX_SETS}."
        sets_count = 0
    try:
        note = v.clean_text(req.note, "note", 1000, label="ghi chú")
    except v.ValidationError as exc:
        errors["note"] = exc.message
    received = req.received_at or now
    if received.tzinfo is None:
        errors["received_at"] = "Thời điểm tiếp nhận phải có múi giờ."
    elif received > now + FUTURE_TOLERANCE:
        errors["received_at"] = "Thời điểm tiếp nhận không được ở tương lai."
    elif received < EARLIEST:  # a typing slip; its code's two-digit year would share 2000's counters
        errors["received_at"] = f"Thời điểm tiếp nhận không được trước {EARLIEST:%d/%m/%Y} (gõ nhầm năm?)."
    elif sealed := sealed_problem(session, received):
        errors["received_at"] = sealed
    documents: tuple[DocumentReceived, ...] = ()
    if procedure is not None:
        if req.documents is None:
            documents = tuple(DocumentReceived(d.id, d.name, d.form, d.quantity) for d in procedure.documents)
        else:
            documents = tuple(req.documents)
        if procedure.documents and not documents:
            errors["documents"] = "Chưa đánh dấu giấy tờ nào đã nhận."
        else:
            try:
                documents = tuple(_clean_document(d, procedure) for d in documents)
            except v.ValidationError as exc:
                errors["documents"] = exc.message
    if errors:
        raise IntakeError(errors)
    assert procedure is not None and applicant is not None
    return CleanIntake(procedure, applicant, req.channel, sets_count, note, documents, received)


def save_intake(db: Database, site: Site, req: IntakeRequest, *, actor: Actor, now: datetime) -> SavedIntake:
    """Validates, then writes code, applicant, dossier, documents and the first event at once."""
    with db.write() as session:  # one transaction: reading the procedure locks nothing on PostgreSQL
        clean = validate_intake(session, req, now)
        received = clean.received_at
        deadlines = deadlines_for(clean.procedure, received, site.calendar)
        local_day = site.calendar.to_local(received).date()
        a = clean.applicant
        conn = session.connection()
        # The code last: from allocate_code to the commit the counter's row is locked and every
        # other desk's save waits, so the dossier goes in first under a placeholder code that
        # never outlives this transaction, and the locked stretch holds two statements.
        applicant_id = conn.execute(_INSERT_APPLICANT, dict(
            kind=a.kind, name=a.name, name_folded=fold(a.name), id_number=a.id_number,
            phone=a.phone, email=a.email, address=a.address,
        )).scalar_one()
        dossier_id = conn.execute(_INSERT_DOSSIER, dict(
            code=f"~{secrets.token_hex(12)}", agency_id=site.agency_id, procedure_id=clean.procedure.id,
            applicant_id=applicant_id, channel=clean.channel, sets_count=clean.sets_count,
            note=clean.note, status="received", received_at=received, received_by=actor.full_name,
            due_at=deadlines.due_at, statutory_due_at=deadlines.statutory_due_at, version=1,
            rule_set=rule_sets.for_received(received).key,
        )).scalar_one()
        if clean.documents:
            conn.execute(_INSERT_DOCUMENTS, [
                {"dossier_id": dossier_id, "position": i, "required_document_id": d.required_document_id,
                 "name": d.name, "form": d.form, "quantity": d.quantity}
                for i, d in enumerate(clean.documents, start=1)
            ])
        conn.execute(_INSERT_APPOINTMENT, dict(
            dossier_id=dossier_id, given_at=received, kind="receipt", due_at=deadlines.due_at,
            statutory_due_at=deadlines.statutory_due_at, reason="", user=actor.full_name,
        ))
        # NĐ 118/2025 Điều 28 k2a: the code's first part identifies the agency that decides the case
        # (the procedure's, else the counter's own); each identifier counts its own day series.
        code = allocate_code(session, series_identifier(clean.procedure.deciding_agency_code, site.agency.code),
                             local_day, site.settings.centralised_code_digits)
        first_event = {"at": received, "user": actor.full_name, "action": "receive", "from_status": None,
                       "to_status": "received", "note": "", "handed_to": "",
                       "attests": first_attests({"received_at": received, "due_at": deadlines.due_at,
                                                 "statutory_due_at": deadlines.statutory_due_at}, a)}
        chain_head = event_hash("", code, **first_event)
        conn.execute(_NAME_DOSSIER, dict(dossier_id=dossier_id, code=code, last_event_hash=chain_head))
        conn.execute(_INSERT_EVENT, dict(dossier_id=dossier_id, hash=chain_head, **first_event))
    return SavedIntake(dossier_id, code, received, deadlines.due_at, deadlines.statutory_due_at)
