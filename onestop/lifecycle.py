"""A dossier's journey after intake: every transition is one transaction with its event row.

Concurrency: a desk acts on the version it saw (`expected_version`); if another desk changed the
dossier meanwhile, the action is refused and the officer is told who changed it and when.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db.chain import event_hash
from db.models import Appointment, Department, Dossier, DossierEvent, DossierPause, Procedure
from db.session import UPSERT_INSERT, Database
from onestop import validation as v
from onestop.calendar import WorkCalendar
from onestop.deadlines import Duration, due_at, working_time_left
from onestop.site import Site
from onestop.statuses import STATUS_LABELS

OPEN = ("received", "in_progress", "awaiting_supplement", "awaiting_payment")
WORKING = ("received", "in_progress")  # the clock runs and the file is with us


@dataclass(frozen=True)
class Action:
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change (an apology)


ACTIONS: dict[str, Action] = {
    "transfer": Action("Chuyển xử lý", WORKING, "in_progress"),
    "request_supplement": Action("Yêu cầu bổ sung hồ sơ", WORKING, "awaiting_supplement"),
    "supplement_received": Action("Đã nhận hồ sơ bổ sung", ("awaiting_supplement",), "in_progress"),
    "await_payment": Action("Chờ nộp phí, thuế", WORKING, "awaiting_payment"),
    "paid": Action("Đã nộp phí, thuế", ("awaiting_payment",), "in_progress"),
    "finish": Action("Có kết quả", WORKING, "result_ready"),
    "return": Action("Trả kết quả", ("result_ready",), "returned"),
    "refuse": Action("Từ chối giải quyết", (*WORKING, "awaiting_supplement"), "refused"),
    "withdraw": Action("Rút hồ sơ", (*OPEN, "result_ready"), "withdrawn"),
    "apologise": Action("Xin lỗi, hẹn lại", OPEN, None),
}


# "import": a dossier brought in from a counter's Excel ledger (onestop.dossier_import).
EVENT_LABELS = {"receive": "Tiếp nhận", "import": "Nhập từ sổ theo dõi",
                **{name: action.label for name, action in ACTIONS.items()}}


class TransitionError(ValueError):
    """The action is not possible; the message says why in Vietnamese. Nothing was changed."""


class ConcurrentChange(TransitionError):
    pass


@dataclass
class TransitionRequest:
    action: str
    user: str
    at: datetime | None = None  # default: now
    note: str = ""
    to: str = ""  # transfer: the department
    handler: str = ""  # transfer: the officer there, if named
    missing: tuple[str, ...] = ()  # request_supplement: the papers missing or to be corrected
    reason: str = ""  # supplement, refusal, withdrawal, apology
    legal_basis: str = ""  # refusal
    collector_kind: str = "applicant"  # return: applicant | authorised
    collector_name: str = ""
    collector_id: str = ""
    new_due_at: datetime | None = None  # apology: the new appointment
    expected_version: int | None = None


@dataclass(frozen=True)
class TransitionResult:
    code: str
    status: str
    version: int
    due_at: datetime
    statutory_due_at: datetime
    apology_due_at: datetime | None
    event_id: int = field(default=0)


def allowed_actions(status: str) -> list[str]:
    return [name for name, action in ACTIONS.items() if status in action.sources]


def available_actions(d: Dossier, now: datetime) -> list[str]:
    """What the officer may do now: the state's actions, and an apology only once it is late."""
    late = now > (d.apology_due_at or d.due_at)
    return [a for a in allowed_actions(d.status) if a != "apologise" or late]


def department_names(session: Session) -> list[str]:
    return list(session.scalars(select(Department.name).where(Department.active).order_by(Department.name)))


def classify(finished: datetime, due: datetime, cal: WorkCalendar) -> str:
    """early | on_time | late, by DESIGN.md: late after due_at, early on an earlier local date."""
    if finished > due:
        return "late"
    return "early" if cal.to_local(finished).date() < cal.to_local(due).date() else "on_time"


def _clock_restart(site: Site, procedure: Procedure, at: datetime) -> tuple[datetime, datetime]:
    cal = site.calendar
    return due_at(at, Duration.parse(procedure.committed), cal), due_at(at, Duration.parse(procedure.statutory), cal)


def _clock_resume(cal: WorkCalendar, at: datetime, left: timedelta) -> datetime:
    # Late before the pause stays late: with nothing left the deadline is the moment work resumes.
    return cal.add_working_time(at, left) if left > timedelta(0) else at


def _clean(text: str, field_name: str, label: str, max_len: int, required: bool = False) -> str:
    try:
        return v.clean_text(text, field_name, max_len, required=required, label=label)
    except v.ValidationError as exc:
        raise TransitionError(exc.message) from None


def load_for_update(session: Session, code: str) -> Dossier:
    # FOR UPDATE (PostgreSQL; a SQLite writer holds the write lock already): a desk racing another
    # waits for its commit, then reads the new version and is told ConcurrentChange. Without the
    # row lock it could read the old dossier row and the winner's newer event, and be refused for
    # the wrong reason ("earlier than the last event").
    # The procedure and applicant load when an action needs them (a restart, a return), not on every move.
    dossier = session.scalars(select(Dossier).where(Dossier.code == code.strip()).with_for_update()).one_or_none()
    if dossier is None:
        raise TransitionError(f"Không tìm thấy hồ sơ mã «{code}».")
    return dossier


def _last_event(session: Session, dossier_id: int) -> DossierEvent:
    return session.scalars(select(DossierEvent).where(DossierEvent.dossier_id == dossier_id)
                           .order_by(DossierEvent.id.desc()).limit(1)).one()


def _changed_by(session: Session, dossier_id: int, cal: WorkCalendar) -> ConcurrentChange:
    last = _last_event(session, dossier_id)
    when = cal.to_local(last.at).strftime("%H:%M %d/%m/%Y")
    return ConcurrentChange(
        f"Hồ sơ vừa được {last.user} cập nhật ({EVENT_LABELS.get(last.action, last.action)}, {when}). "
        "Hãy mở lại hồ sơ để xem trạng thái mới trước khi thao tác.")


def apply(db: Database, site: Site, code: str, req: TransitionRequest, *, now: datetime) -> TransitionResult:
    """Checks and performs one transition in one transaction; raises TransitionError otherwise."""
    action = ACTIONS.get(req.action)
    if action is None:
        raise TransitionError(f"Thao tác «{req.action}» không tồn tại.")
    at = req.at or now
    if at.tzinfo is None:
        raise TransitionError("Thời điểm thao tác phải có múi giờ.")
    if at > now + timedelta(minutes=5):
        raise TransitionError("Thời điểm thao tác không được ở tương lai.")
    cal = site.calendar
    try:
        with db.write() as session:
            dossier = load_for_update(session, code)
            if req.expected_version is not None and dossier.version != req.expected_version:
                raise _changed_by(session, dossier.id, cal)
            if dossier.status not in action.sources:
                raise TransitionError(
                    f"Không thể «{action.label.lower()}» khi hồ sơ đang ở trạng thái "
                    f"«{STATUS_LABELS[dossier.status]}».")
            last = _last_event(session, dossier.id)
            if at < last.at:
                raise TransitionError(
                    f"Thời điểm thao tác không được sớm hơn sự kiện cuối cùng của hồ sơ "
                    f"({cal.to_local(last.at):%H:%M %d/%m/%Y}).")
            before = dossier.status
            note, handed_to = _perform(session, site, dossier, req, at)
            fields = {"at": at, "user": req.user, "action": req.action, "from_status": before,
                      "to_status": dossier.status, "note": note, "handed_to": handed_to}
            dossier.last_event_hash = event_hash(dossier.last_event_hash, dossier.code, **fields)
            event = DossierEvent(dossier_id=dossier.id, hash=dossier.last_event_hash, **fields)
            session.add(event)
            session.flush()
            return TransitionResult(dossier.code, dossier.status, dossier.version, dossier.due_at,
                                    dossier.statutory_due_at, dossier.apology_due_at, event.id)
    except StaleDataError:
        # Another desk committed between our read and our write: tell who, from a fresh read.
        with db.read() as session:
            raise _changed_by(session, load_for_update(session, code).id, cal) from None


def _perform(session: Session, site: Site, d: Dossier, req: TransitionRequest, at: datetime) -> tuple[str, str]:
    """Changes the dossier for one action; returns the event's note and who took the dossier on."""
    cal = site.calendar
    note = _clean(req.note, "note", "ghi chú", 1000)
    name = req.action
    if name == "transfer":
        to = _clean(req.to, "to", "phòng ban xử lý", 200, required=True)
        d.department_id = _department_id(session, to)
        d.handler = _clean(req.handler, "handler", "cán bộ xử lý", 200)
        d.status = "in_progress"
        return note, to + (f" — {d.handler}" if d.handler else "")
    if name in ("request_supplement", "await_payment"):
        kind = "supplement" if name == "request_supplement" else "payment"
        if kind == "supplement":
            missing = [m.strip() for m in req.missing if m.strip()]
            if not missing:
                raise TransitionError("Hãy ghi rõ giấy tờ cần bổ sung, hoàn thiện.")
            reason = _clean(req.reason, "reason", "lý do", 1000)
            note = "\n".join(["Cần bổ sung: " + "; ".join(missing)] + ([f"Lý do: {reason}"] if reason else [])
                             + ([note] if note else []))
        session.add(DossierPause(
            dossier_id=d.id, kind=kind, started_at=at, note=note,
            committed_left_s=int(working_time_left(at, d.due_at, cal).total_seconds()),
            statutory_left_s=int(working_time_left(at, d.statutory_due_at, cal).total_seconds())))
        d.status = ACTIONS[name].target
        return note, ""
    if name in ("supplement_received", "paid"):
        pause = _end_pause(session, d, at)
        assert pause is not None  # the state says the clock is stopped
        rule = d.procedure.supplement_rule if name == "supplement_received" else "resume"
        if rule == "restart":
            d.due_at, d.statutory_due_at = _clock_restart(site, d.procedure, at)
        else:
            d.due_at = _clock_resume(cal, at, timedelta(seconds=pause.committed_left_s))
            d.statutory_due_at = _clock_resume(cal, at, timedelta(seconds=pause.statutory_left_s))
        session.add(Appointment(dossier_id=d.id, given_at=at, kind=rule, due_at=d.due_at,
                                statutory_due_at=d.statutory_due_at, reason=note, user=req.user))
        d.status = "in_progress"
        return note, ""
    if name == "finish":
        d.status, d.finished_at, d.closed_at = "result_ready", at, at
        return note, ""
    if name == "return":
        _record_collector(d, req)
        d.status, d.returned_at = "returned", at
        return note, ""
    if name == "refuse":
        reason = _clean(req.reason, "reason", "lý do từ chối", 1000, required=True)
        basis = _clean(req.legal_basis, "legal_basis", "căn cứ pháp lý", 1000, required=True)
        _end_pause(session, d, at)
        d.status, d.finished_at, d.closed_at = "refused", at, at
        return "\n".join([f"Lý do: {reason}", f"Căn cứ: {basis}"] + ([note] if note else [])), ""
    if name == "withdraw":
        reason = _clean(req.reason, "reason", "lý do rút hồ sơ", 1000)
        _end_pause(session, d, at)
        d.status, d.closed_at = "withdrawn", d.closed_at or at
        return "\n".join(([f"Lý do: {reason}"] if reason else []) + ([note] if note else [])), ""
    # apologise
    current = d.apology_due_at or d.due_at
    if at <= current:
        raise TransitionError("Hồ sơ chưa quá hạn hẹn trả: chưa cần xin lỗi, hẹn lại.")
    reason = _clean(req.reason, "reason", "lý do chậm trễ", 1000, required=True)
    if req.new_due_at is None or req.new_due_at <= at:
        raise TransitionError("Ngày hẹn mới phải sau thời điểm xin lỗi.")
    d.apology_due_at = req.new_due_at
    session.add(Appointment(dossier_id=d.id, given_at=at, kind="apology", due_at=req.new_due_at,
                            statutory_due_at=None, reason=reason, user=req.user))
    return "\n".join([f"Lý do: {reason}"] + ([note] if note else [])), ""


def _department_id(session: Session, name: str) -> int:
    """The department of that name, created on first use. Two desks naming the same new one at
    once: the second's insert waits for the first's commit, does nothing, and takes its row."""
    find = select(Department.id).where(Department.name == name)
    found = session.scalar(find)
    if found is None:
        insert = UPSERT_INSERT[session.get_bind().dialect.name]
        session.execute(insert(Department).values(name=name).on_conflict_do_nothing(index_elements=["name"]))
        found = session.scalar(find)
    return found


def _end_pause(session: Session, d: Dossier, at: datetime) -> DossierPause | None:
    """Restarts the clock if it was stopped: every pause gets its end, whatever ends it."""
    pause = session.scalars(select(DossierPause).where(DossierPause.dossier_id == d.id,
                                                       DossierPause.ended_at.is_(None))).one_or_none()
    if pause is not None:
        pause.ended_at = at
    return pause


def _record_collector(d: Dossier, req: TransitionRequest) -> None:
    if req.collector_kind == "applicant":
        d.returned_to_kind, d.returned_to_name, d.returned_to_id = "applicant", d.applicant.name, d.applicant.id_number
        return
    if req.collector_kind != "authorised":
        raise TransitionError("Người nhận kết quả phải là người nộp hoặc người được ủy quyền.")
    try:
        d.returned_to_name = v.clean_name(req.collector_name)
        d.returned_to_id = v.clean_cccd(req.collector_id)
    except v.ValidationError as exc:
        raise TransitionError(f"Người được ủy quyền: {exc.message}") from None
    d.returned_to_kind = "authorised"
