"""SQLAlchemy 2 typed models. Persistence only: no domain rules here."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from onestop.db.types import UTCDateTime

# Stable constraint names so that Alembic migrations work on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Agency(Base):
    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # mã định danh
    name: Mapped[str] = mapped_column(String(300))
    parent_name: Mapped[str] = mapped_column(String(300), default="")
    place_name: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    result_place: Mapped[str] = mapped_column(String(500), default="")
    lookup_url_template: Mapped[str] = mapped_column(String(500), default="")


class Setting(Base):
    """Site-wide settings as JSON values, shared by every desk of a site."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Field(Base):
    __tablename__ = "field"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Procedure(Base):
    __tablename__ = "procedure"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    name_folded: Mapped[str] = mapped_column(String(500))
    field_id: Mapped[int] = mapped_column(ForeignKey("field.id"))
    level: Mapped[str] = mapped_column(String(10))  # commune | district | province
    statutory: Mapped[str] = mapped_column(String(20))  # Duration.to_text()
    committed: Mapped[str] = mapped_column(String(20))
    fee: Mapped[str] = mapped_column(String(300), default="")
    supplement_rule: Mapped[str] = mapped_column(String(10), default="restart")
    # NĐ 118/2025 Điều 19 k5, "trừ trường hợp pháp luật chuyên ngành có quy định": working days
    # after receipt within which a supplement may be asked, and days after the notice before a
    # dossier whose papers never came is closed.
    supplement_request_days: Mapped[int] = mapped_column(Integer, server_default="3")
    supplement_close_days: Mapped[int] = mapped_column(Integer, server_default="15")
    # Mã định danh of the agency that decides the case (Điều 28 k2a); "" = the counter's own.
    deciding_agency_code: Mapped[str] = mapped_column(String(40), server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    field: Mapped[Field] = relationship()
    documents: Mapped[list[RequiredDocument]] = relationship(
        order_by="RequiredDocument.position", cascade="all, delete-orphan"
    )


class RequiredDocument(Base):
    __tablename__ = "required_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))
    form: Mapped[str] = mapped_column(String(30))  # original | copy | certified_copy
    quantity: Mapped[int] = mapped_column(Integer, default=1)


class Department(Base):
    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Applicant(Base):
    """The applicant as stated on this dossier (a snapshot, not a shared person record)."""

    __tablename__ = "applicant"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # person | organisation
    name: Mapped[str] = mapped_column(String(300))
    name_folded: Mapped[str] = mapped_column(String(300), index=True)
    id_number: Mapped[str] = mapped_column(String(20), index=True)  # CCCD or tax code
    phone: Mapped[str] = mapped_column(String(15), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    address: Mapped[str] = mapped_column(String(500), default="")


class Dossier(Base):
    __tablename__ = "dossier"
    __table_args__ = (
        # Open-and-overdue lists and counts: closed_at IS NULL AND due_at < now (see PITFALLS).
        Index("ix_dossier_open_due", "closed_at", "due_at", "department_id"),
        Index("ix_dossier_open_statutory", "closed_at", "statutory_due_at"),
        # The periodic report counts, procedure by procedure, ranges of one instant each: these
        # cover what each count reads, so that a month reads a month of index entries, already
        # in procedure order (no sort), and no table row (see onestop/report.py).
        Index("ix_dossier_procedure_received", "procedure_id", "received_at", "channel"),
        Index("ix_dossier_procedure_finished", "procedure_id", "finished_at", "status", "due_at", "statutory_due_at",
              "received_at"),  # the targets read the two deadlines and the receipt too
        Index("ix_dossier_procedure_returned", "procedure_id", "returned_at"),
        Index("ix_dossier_procedure_closed", "procedure_id", "closed_at", "received_at", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id"))  # indexed by the report's indexes
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicant.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    channel: Mapped[str] = mapped_column(String(10))  # direct | post | online
    sets_count: Mapped[int] = mapped_column(Integer, default=1)
    note: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[str] = mapped_column(String(24), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    received_by: Mapped[str] = mapped_column(String(100))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    statutory_due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)  # result ready
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when processing ends for any reason (result ready, refused, withdrawn, stopped, closed,
    # cancelled): NULL means open.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The new appointment given with an apology (Mẫu 04); due_at keeps the one that was missed.
    apology_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rule_set: Mapped[str] = mapped_column(String(4), server_default="2018")  # onestop.clock.rule_sets, by receipt
    # The new appointment of an extension (NĐ 118/2025 Điều 19 k6); due_at keeps the original.
    extended_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The deadline that was first passed while the clock ran: set once, never cleared, so that a
    # restart, a resume or an extension cannot make a late file on time again.
    first_late_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_statutory_late_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handler: Mapped[str] = mapped_column(String(200), server_default="")  # department officer, if named
    returned_to_kind: Mapped[str] = mapped_column(String(12), server_default="")  # applicant | authorised
    returned_to_name: Mapped[str] = mapped_column(String(300), server_default="")
    returned_to_id: Mapped[str] = mapped_column(String(20), server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    last_event_hash: Mapped[str] = mapped_column(String(64), server_default="")  # the chain's head (audit)

    __mapper_args__ = {"version_id_col": version}

    procedure: Mapped[Procedure] = relationship()
    applicant: Mapped[Applicant] = relationship()
    agency: Mapped[Agency] = relationship()
    department: Mapped[Department | None] = relationship()
    documents: Mapped[list[SubmittedDocument]] = relationship(
        order_by="SubmittedDocument.position", cascade="all, delete-orphan"
    )
    events: Mapped[list[DossierEvent]] = relationship(order_by="DossierEvent.id")
    pauses: Mapped[list[DossierPause]] = relationship(order_by="DossierPause.id")
    appointments: Mapped[list[Appointment]] = relationship(order_by="Appointment.id")


class SubmittedDocument(Base):
    __tablename__ = "submitted_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    required_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("required_document.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(String(500))
    form: Mapped[str] = mapped_column(String(30))
    quantity: Mapped[int] = mapped_column(Integer, default=1)


class DossierEvent(Base):
    """Append-only history: the process control slip and the audit trail."""

    __tablename__ = "dossier_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(Text, default="")
    handed_to: Mapped[str] = mapped_column(String(200), server_default="")  # who takes the dossier on
    # SHA-256 of this event chained to the dossier's previous one (onestop/audit.py): an edited,
    # removed or inserted event breaks the chain.
    hash: Mapped[str] = mapped_column(String(64), server_default="")
    # What the event set on the dossier (db/chain.py), inside its hash: the audit replays it (0007).
    attests: Mapped[str] = mapped_column(Text, server_default="")


class DossierPause(Base):
    """A stop of the clock: waiting for the applicant's papers, or for fees and taxes."""

    __tablename__ = "dossier_pause"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # supplement | payment
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Office time left to each deadline when the clock stopped (negative when already late).
    committed_left_s: Mapped[int] = mapped_column(Integer)
    statutory_left_s: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class Appointment(Base):
    """Every appointment given to the applicant, in order: at receipt, after pauses, with apologies."""

    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(12))  # receipt | restart | resume | apology | extension
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    statutory_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    user: Mapped[str] = mapped_column(String(100))
    notified_by: Mapped[str] = mapped_column(String(12), server_default="")  # extension: email | sms | phone | in-person


class ReceptionSlip(Base):
    """Mẫu 02 or 03 handed out at reception when papers are not acceptable: no dossier, no code."""

    __tablename__ = "reception_slip"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # supplement | refusal
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    user: Mapped[str] = mapped_column(String(100))
    procedure_id: Mapped[int | None] = mapped_column(ForeignKey("procedure.id"))
    applicant_name: Mapped[str] = mapped_column(String(300))
    applicant_id_number: Mapped[str] = mapped_column(String(20), default="")
    applicant_phone: Mapped[str] = mapped_column(String(15), default="")
    content: Mapped[str] = mapped_column(Text)  # the missing papers, or the reason for refusal
    legal_basis: Mapped[str] = mapped_column(Text, default="")


class CodeCounter(Base):
    """Last dossier number used per agency and local day; bumped in the dossier's transaction."""

    __tablename__ = "code_counter"
    __table_args__ = (UniqueConstraint("agency_code", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))
    day: Mapped[str] = mapped_column(String(6))  # yymmdd, local date
    last_number: Mapped[int] = mapped_column(Integer)


class Account(Base):
    """A person who signs in: counter officer, supervisor or administrator."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12))  # officer | supervisor | admin
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ExportLog(Base):
    """Every export or print of personal data: who, when, what (Nghị định 13/2023/NĐ-CP)."""

    __tablename__ = "export_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    user: Mapped[str] = mapped_column(String(100))
    what: Mapped[str] = mapped_column(String(60))  # e.g. dossiers.csv, ledger.pdf
    detail: Mapped[str] = mapped_column(Text, server_default="")  # period, filter, file, row count


class AdminLog(Base):
    """Changes to accounts, the catalogue and the settings: who, when, what. A dossier's own history
    is dossier_event; exports of personal data are export_log. Append-only (migration 0005)."""

    __tablename__ = "admin_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))  # e.g. account.create, settings.save
    detail: Mapped[str] = mapped_column(Text, server_default="")


class AuditKey(Base):
    """The public half of the site key that signs the daily heads; the private half stays off the desks."""

    __tablename__ = "audit_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_key: Mapped[str] = mapped_column(Text)  # PEM, Ed25519
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class AuditHead(Base):
    """One local day's head over every dossier's events of that day, chained to the day before and
    signed with the site key (onestop/audit.py). Append-only (migration 0007)."""

    __tablename__ = "audit_head"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD, local
    head: Mapped[str] = mapped_column(String(64))
    events: Mapped[int] = mapped_column(Integer)
    signature: Mapped[str] = mapped_column(String(128))  # hex
    key_id: Mapped[int] = mapped_column(ForeignKey("audit_key.id"))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    signed_by: Mapped[str] = mapped_column(String(100))
