"""What the dossier window shows of one dossier, worked out without Qt: who the applicant is (with
the CCCD and phone as this actor may see them), each deadline with the working time left or the
time left when the clock stopped, the late mark that stays, the result's class, the history, the
appointments, the forms that can be printed and the actions offered now. The window only lays it
out and translates the words; a test reads the same view without a window."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from onestop.clock.deadlines import working_time_left
from onestop.db.session import Database
from onestop.dossiers.lifecycle import available_actions, classify, department_names
from onestop.dossiers.lookup import load_dossier
from onestop.dossiers.statuses import ENDED_WITHOUT_RESULT, PAUSED
from onestop.office.site import Site
from onestop.people.accounts import Actor
from onestop.people.privacy import for_actor


@dataclass(frozen=True)
class Deadline:
    at: datetime
    held: bool  # the appointment the applicant holds (shown in bold)
    left: timedelta | None = None  # working time left, negative once passed; None when closed or paused
    left_when_paused: timedelta | None = None  # the clock is stopped: what was left when it stopped


@dataclass(frozen=True)
class Document:
    name: str
    form: str
    quantity: int


@dataclass(frozen=True)
class Event:
    at: datetime
    action: str
    from_status: str | None
    to_status: str
    user: str
    handed_to: str
    note: str


@dataclass(frozen=True)
class AppointmentRow:
    given_at: datetime
    kind: str
    due_at: datetime
    statutory_due_at: datetime | None
    user: str
    reason: str


@dataclass(frozen=True)
class Returned:
    at: datetime
    to_kind: str  # applicant | authorised
    name: str
    id_shown: str  # the collector's CCCD as this actor may see it


@dataclass(frozen=True)
class DossierView:
    code: str
    status: str
    version: int
    rule_set: str
    applicant_kind: str
    applicant_name: str
    applicant_id_number: str  # whole: the return desk checks the collector against it
    id_number_shown: str
    phone_shown: str
    email: str
    address: str
    procedure_code: str
    procedure_name: str
    field_name: str
    committed: str  # onestop.clock.deadlines.Duration text, for a new appointment's default
    supplement_rule: str
    channel: str
    sets_count: int
    department: str
    handler: str
    documents: tuple[Document, ...]
    note: str
    received_at: datetime
    received_by: str
    due: Deadline
    statutory: Deadline
    promised: Deadline | None  # an extension's or an apology's new appointment
    first_late_at: datetime | None  # shown when it is not the appointment itself: late once, late for good
    pause_started_at: datetime | None
    pause_kind: str | None
    result_kind: str | None  # early | on_time | late, once there is a result
    finished_at: datetime | None
    closed_at: datetime | None
    ended_without_result: bool
    returned: Returned | None
    events: tuple[Event, ...]
    appointments: tuple[AppointmentRow, ...]
    printable: frozenset[str]  # of apology, extension, stop-notice (the control slip always is)
    actions: tuple[str, ...]  # onestop.dossiers.actions names offered now
    departments: tuple[str, ...]  # where a transfer may go


def dossier_view(db: Database, site: Site, code: str, actor: Actor, now: datetime) -> DossierView:
    """DossierNotFound when there is no such dossier."""
    cal = site.calendar
    with db.read() as session:
        d = load_dossier(session, code)
        departments = tuple(department_names(session))
        is_open, paused = d.closed_at is None, d.status in PAUSED
        open_pause = next((p for p in reversed(d.pauses) if p.ended_at is None), None)

        def deadline(at: datetime, left_when_paused: int | None) -> Deadline:
            if is_open and paused and left_when_paused is not None:
                return Deadline(at, at == d.due_at, left_when_paused=timedelta(seconds=left_when_paused))
            return Deadline(at, at == d.due_at, left=working_time_left(now, at, cal) if is_open else None)

        a, p = d.applicant, d.procedure
        id_shown, phone_shown = for_actor(actor, a.id_number, a.phone)
        promised = d.extended_due_at or d.apology_due_at
        finished = d.finished_at is not None and d.status in ("result_ready", "returned")
        returned = None
        if d.returned_at is not None:
            returned = Returned(d.returned_at, d.returned_to_kind, d.returned_to_name or "",
                                for_actor(actor, d.returned_to_id or "", "")[0])
        printable = {kind for kind, shown in (("apology", d.apology_due_at is not None),
                                              ("extension", d.extended_due_at is not None),
                                              ("stop-notice", d.status == "stopped")) if shown}
        return DossierView(
            code=d.code, status=d.status, version=d.version, rule_set=d.rule_set,
            applicant_kind=a.kind, applicant_name=a.name, applicant_id_number=a.id_number,
            id_number_shown=id_shown, phone_shown=phone_shown, email=a.email or "", address=a.address or "",
            procedure_code=p.code, procedure_name=p.name, field_name=p.field.name, committed=p.committed,
            supplement_rule=p.supplement_rule, channel=d.channel, sets_count=d.sets_count,
            department=d.department.name if d.department else "", handler=d.handler or "",
            documents=tuple(Document(doc.name, doc.form, doc.quantity) for doc in d.documents),
            note=d.note or "", received_at=d.received_at, received_by=d.received_by,
            due=deadline(d.due_at, open_pause.committed_left_s if open_pause else None),
            statutory=deadline(d.statutory_due_at, open_pause.statutory_left_s if open_pause else None),
            promised=deadline(promised, None) if promised else None,
            first_late_at=d.first_late_at if d.first_late_at not in (None, d.due_at) else None,
            pause_started_at=open_pause.started_at if open_pause else None,
            pause_kind=open_pause.kind if open_pause else None,
            result_kind=classify(d.finished_at, d.due_at, cal, d.first_late_at) if finished else None,
            finished_at=d.finished_at if finished else None, closed_at=d.closed_at,
            ended_without_result=d.status in ENDED_WITHOUT_RESULT,
            returned=returned,
            events=tuple(Event(e.at, e.action, e.from_status, e.to_status, e.user, e.handed_to or "", e.note or "")
                         for e in d.events),
            appointments=tuple(AppointmentRow(ap.given_at, ap.kind, ap.due_at, ap.statutory_due_at, ap.user,
                                              ap.reason or "") for ap in d.appointments),
            printable=frozenset(printable), actions=tuple(available_actions(d, now)), departments=departments,
        )
