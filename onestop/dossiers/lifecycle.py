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

from onestop import validation as v
from onestop.clock import rule_sets
from onestop.clock.calendar import TZ, WorkCalendar
from onestop.clock.deadlines import Duration, calendar_days_end, due_at, working_time_left
from onestop.clock.periods import EARLIEST
from onestop.db.chain import changes, dossier_state, event_hash
from onestop.db.models import Appointment, Department, Dossier, DossierEvent, DossierPause, Procedure
from onestop.db.session import UPSERT_INSERT, Database
from onestop.dossiers.actions import ACTIONS
from onestop.dossiers.statuses import RUNNING, STATUS_LABELS
from onestop.errors import OnestopError
from onestop.office.site import Site
from onestop.people.accounts import Actor
from onestop.people.audit_heads import sealed_problem

# Papers asked for in one supplement request (Mẫu 02): each a line of the notice.
MAX_MISSING, MAX_MISSING_ITEMS = 500, 50
# An apology's or an extension's new appointment beyond this is a typing slip (year 9999): the
# longest procedures take months, not years.
MAX_APPOINTMENT_AHEAD = timedelta(days=731)
NOTIFIED_BY = {"email": "thư điện tử", "sms": "tin nhắn", "phone": "điện thoại", "in-person": "trực tiếp"}


# "import": a dossier brought in from a counter's Excel ledger (onestop.installation.dossier_import).
EVENT_LABELS = {"receive": "Tiếp nhận", "import": "Nhập từ sổ theo dõi",
                **{name: action.label for name, action in ACTIONS.items()}}


FIRST_ACTIONS = ("receive", "import")  # how a dossier's history begins (intake, a ledger's import)


def transition_problem(action: str, from_status: str | None, to_status: str) -> str | None:
    """Why a recorded event is not a step this state machine takes (a Vietnamese phrase), or None:
    the audit replays a dossier's history with it."""
    if action in FIRST_ACTIONS:
        return None if from_status is None and to_status in STATUS_LABELS else "bước đầu tiên không hợp lệ"
    step = ACTIONS.get(action)
    if step is None:
        return f"thao tác «{action}» không tồn tại"
    if from_status not in step.sources:
        return f"«{step.label}» không thể làm từ trạng thái «{STATUS_LABELS.get(from_status or '', from_status)}»"
    if to_status != (step.target or from_status):
        return f"«{step.label}» không dẫn đến trạng thái «{STATUS_LABELS.get(to_status, to_status)}»"
    return None


class TransitionError(OnestopError, ValueError):
    """The action is not possible; the message says why in Vietnamese. Nothing was changed."""


class ConcurrentChange(TransitionError):
    pass


@dataclass
class TransitionRequest:
    action: str
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
    new_due_at: datetime | None = None  # apology, extension: the new appointment
    notified_by: str = ""  # extension: how the applicant was told (NOTIFIED_BY)
    returned: str = ""  # stop: papers and fees handed back
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
    extended_due_at: datetime | None = None

    @property
    def appointment(self) -> datetime:
        """The appointment the applicant holds now."""
        return self.extended_due_at or self.apology_due_at or self.due_at


def allowed_actions(status: str, rule_set: str = "2025") -> list[str]:
    return [name for name, action in ACTIONS.items() if status in action.sources and rule_set in action.rule_sets]


def appointment_of(d: Dossier) -> datetime:
    """The appointment the applicant holds now: an extension's or an apology's, else due_at."""
    return d.extended_due_at or d.apology_due_at or d.due_at


def available_actions(d: Dossier, now: datetime) -> list[str]:
    """What the officer may do now: the state's actions under the dossier's rule set, an apology
    only once it is late, an extension only while it can still be asked for."""
    late = now > appointment_of(d)
    rescheduled = rule_sets.of(d.rule_set).extension and (d.extended_due_at or d.apology_due_at) is not None
    offered = []
    for name in allowed_actions(d.status, d.rule_set):
        if name == "apologise" and (not late or rescheduled):
            continue
        if name == "extend" and (rescheduled or not _extension_open(now, d.due_at)):
            continue
        offered.append(name)
    return offered


def _extension_open(at: datetime, due: datetime) -> bool:
    """Điều 19 k6 NĐ 118/2025, "chậm nhất 01 ngày trước ngày hết hạn": by the end of the calendar
    day before the appointment's day."""
    return at.astimezone(TZ).date() < due.astimezone(TZ).date()


def is_late(d: Dossier, now: datetime) -> bool:
    """Late once, late in every figure: a kept first-late instant, or a running clock past due_at."""
    return d.first_late_at is not None or (d.status in RUNNING and now > d.due_at)


def department_names(session: Session) -> list[str]:
    return list(session.scalars(select(Department.name).where(Department.active).order_by(Department.name)))


def classify(finished: datetime, due: datetime, cal: WorkCalendar, first_late_at: datetime | None = None) -> str:
    """early | on_time | late, by DESIGN.md: late after due_at or once late before (first_late_at),
    early on an earlier local date."""
    if finished > due or first_late_at is not None:
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
    key = v.lookup_key(code)
    dossier = None if key is None else session.scalars(
        select(Dossier).where(Dossier.code == key).with_for_update()).one_or_none()
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


def apply(db: Database, site: Site, code: str, req: TransitionRequest, *, actor: Actor, now: datetime) -> TransitionResult:
    """Checks and performs one transition in one transaction; raises TransitionError otherwise."""
    action = ACTIONS.get(req.action)
    if action is None:
        raise TransitionError(f"Thao tác «{req.action}» không tồn tại.")
    at = req.at or now
    if at.tzinfo is None:
        raise TransitionError("Thời điểm thao tác phải có múi giờ.")
    if at < EARLIEST:
        raise TransitionError(f"Thời điểm thao tác không được trước {EARLIEST:%d/%m/%Y}. Chưa ghi gì.")
    if at > now + timedelta(minutes=5):
        raise TransitionError("Thời điểm thao tác không được ở tương lai.")
    cal = site.calendar
    try:
        with db.write() as session:
            dossier = load_for_update(session, code)
            if req.expected_version is not None and dossier.version != req.expected_version:
                raise _changed_by(session, dossier.id, cal)
            if dossier.rule_set not in action.rule_sets:
                raise TransitionError(_other_rule_set(req.action, dossier))
            if dossier.status not in action.sources:
                raise TransitionError(
                    f"Không thể «{action.label.lower()}» khi hồ sơ đang ở trạng thái "
                    f"«{STATUS_LABELS[dossier.status]}».")
            last = _last_event(session, dossier.id)
            if at < last.at:
                raise TransitionError(
                    f"Thời điểm thao tác không được sớm hơn sự kiện cuối cùng của hồ sơ "
                    f"({cal.to_local(last.at):%H:%M %d/%m/%Y}).")
            sealed = sealed_problem(session, at)
            if sealed:
                raise TransitionError(sealed)
            before, attested = dossier.status, dossier_state(dossier)
            # One UPDATE of the dossier (one version step): the lateness kept below must not be
            # flushed on its own by a query inside the action.
            with session.no_autoflush:
                _keep_lateness(dossier, at)
                note, handed_to = _perform(session, site, dossier, req, actor, at)
            fields = {"at": at, "user": actor.full_name, "action": req.action, "from_status": before,
                      "to_status": dossier.status, "note": note, "handed_to": handed_to,
                      "attests": changes(attested, dossier_state(dossier))}
            dossier.last_event_hash = event_hash(dossier.last_event_hash, dossier.code, **fields)
            event = DossierEvent(dossier_id=dossier.id, hash=dossier.last_event_hash, **fields)
            session.add(event)
            session.flush()
            return TransitionResult(dossier.code, dossier.status, dossier.version, dossier.due_at,
                                    dossier.statutory_due_at, dossier.apology_due_at, event.id,
                                    dossier.extended_due_at)
    except StaleDataError:
        # Another desk committed between our read and our write: tell who, from a fresh read.
        with db.read() as session:
            raise _changed_by(session, load_for_update(session, code).id, cal) from None


def _other_rule_set(name: str, d: Dossier) -> str:
    rules = rule_sets.of(d.rule_set)
    instead = {"refuse": rules.refuse_action, "refuse_after_review": rules.refuse_action,
               "withdraw": rules.end_on_request_action, "stop": rules.end_on_request_action}.get(name)
    hint = f" Hãy dùng «{ACTIONS[instead].label}»." if instead else ""
    return f"Hồ sơ {d.code} được tiếp nhận theo {rules.name}: không có thao tác «{ACTIONS[name].label}».{hint}"


def _keep_lateness(d: Dossier, at: datetime) -> None:
    """A running clock past a deadline makes the file late for good: the deadline is kept before
    any action (a pause, a result, a refusal, an extension, later a restart) can move it or stop
    the clock. A stopped clock was judged when it stopped (the pause's time left)."""
    if d.status not in RUNNING:
        return
    if d.first_late_at is None and at > d.due_at:
        d.first_late_at = d.due_at
    if d.first_statutory_late_at is None and at > d.statutory_due_at:
        d.first_statutory_late_at = d.statutory_due_at


def _perform(session: Session, site: Site, d: Dossier, req: TransitionRequest, actor: Actor,
             at: datetime) -> tuple[str, str]:
    """Changes the dossier for one action; returns the event's note and who took the dossier on."""
    cal = site.calendar
    note = _clean(req.note, "note", "ghi chú", 1000)
    name = req.action
    if name == "transfer":
        to = _clean(req.to, "to", "phòng ban xử lý", 200, required=True)
        handler = _clean(req.handler, "handler", "cán bộ xử lý", 200)
        department_id = _department_id(session, to)
        if d.status == "in_progress" and department_id == d.department_id and handler == (d.handler or ""):
            # A transfer that changes nothing is a slip (Enter, Enter), not a step of the process.
            raise TransitionError(f"Hồ sơ đang ở {to}" + (f" — {handler}" if handler else "")
                                  + ": hãy chọn phòng ban hoặc cán bộ xử lý khác để chuyển.")
        d.department_id = department_id
        d.handler = handler
        d.status = "in_progress"
        return note, to + (f" — {d.handler}" if d.handler else "")
    if name in ("request_supplement", "await_payment"):
        kind = "supplement" if name == "request_supplement" else "payment"
        if kind == "supplement" and rule_sets.of(d.rule_set).supplement_window:
            _check_supplement_window(site, d, at)
        if kind == "supplement":
            missing = [m for m in (_clean(m, "missing", "giấy tờ cần bổ sung", MAX_MISSING) for m in req.missing) if m]
            if not missing:
                raise TransitionError("Hãy ghi rõ giấy tờ cần bổ sung, hoàn thiện.")
            if len(missing) > MAX_MISSING_ITEMS:
                raise TransitionError(f"Ghi tối đa {MAX_MISSING_ITEMS} giấy tờ cần bổ sung; "
                                      "gộp các giấy tờ cùng loại vào một dòng. Chưa ghi gì.")
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
        if name == "supplement_received" and rule_sets.of(d.rule_set).supplement_window:
            rule = "restart"  # Điều 19 k5: "tính lại từ đầu sau khi nhận đủ hồ sơ"
        if rule == "restart":
            d.due_at, d.statutory_due_at = _clock_restart(site, d.procedure, at)
        else:
            d.due_at = _clock_resume(cal, at, timedelta(seconds=pause.committed_left_s))
            d.statutory_due_at = _clock_resume(cal, at, timedelta(seconds=pause.statutory_left_s))
        session.add(Appointment(dossier_id=d.id, given_at=at, kind=rule, due_at=d.due_at,
                                statutory_due_at=d.statutory_due_at, reason=note, user=actor.full_name))
        d.status = "in_progress"
        return note, ""
    if name == "finish":
        d.status, d.finished_at, d.closed_at = "result_ready", at, at
        return note, ""
    if name == "return":
        _record_collector(d, req)
        d.status, d.returned_at = "returned", at
        return note, ""
    if name in ("refuse", "refuse_after_review"):
        reason = _clean(req.reason, "reason", "lý do từ chối", 1000, required=True)
        basis = _clean(req.legal_basis, "legal_basis", "căn cứ pháp lý", 1000, required=True)
        _end_pause(session, d, at)
        d.status, d.finished_at, d.closed_at = ACTIONS[name].target, at, at
        return _lines(f"Lý do: {reason}", f"Căn cứ: {basis}", note), ""
    if name == "withdraw":
        reason = _clean(req.reason, "reason", "lý do rút hồ sơ", 1000)
        _end_pause(session, d, at)
        d.status, d.closed_at = "withdrawn", d.closed_at or at
        return _lines(f"Lý do: {reason}" if reason else "", note), ""
    if name == "stop":
        reason = _clean(req.reason, "reason", "lý do dừng giải quyết", 1000, required=True)
        returned = _clean(req.returned, "returned", "giấy tờ, phí đã trả lại", 1000)
        _end_pause(session, d, at)
        d.status, d.closed_at = "stopped", at
        return _lines(f"Lý do: {reason}", f"Đã trả lại: {returned}" if returned else "", note), ""
    if name == "close_unsupplemented":
        pause = _open_pause(session, d)
        assert pause is not None  # the state says the clock is stopped for papers
        days = d.procedure.supplement_close_days
        ends = calendar_days_end(pause.started_at, days, cal)
        if at <= ends:
            raise TransitionError(
                f"Chưa thể đóng hồ sơ: người nộp còn hạn bổ sung đến {cal.to_local(ends):%H:%M %d/%m/%Y} "
                f"({days} ngày kể từ thông báo yêu cầu bổ sung ngày {cal.to_local(pause.started_at):%d/%m/%Y}; "
                "Điều 19 khoản 5 Nghị định 118/2025/NĐ-CP).")
        _end_pause(session, d, at)
        d.status, d.closed_at = "closed", at
        return _lines(f"Không bổ sung sau {days} ngày kể từ thông báo ngày "
                      f"{cal.to_local(pause.started_at):%d/%m/%Y}", note), ""
    if name == "cancel":
        reason = _clean(req.reason, "reason", "lý do hủy", 1000, required=True)
        _check_cancel(d, actor, at, cal)
        _end_pause(session, d, at)
        d.status, d.closed_at = "cancelled", at
        return _lines(f"Lý do: {reason}", note), ""
    # apologise / extend: a new appointment; due_at keeps the one the figures are held to
    reason = _clean(req.reason, "reason", "lý do chậm trễ", 1000, required=True)
    once = rule_sets.of(d.rule_set).extension  # Điều 19 k6: one re-appointment
    if once and (d.extended_due_at or d.apology_due_at) is not None:
        raise TransitionError("Việc hẹn lại ngày trả kết quả chỉ được thực hiện không quá một lần "
                              "(Điều 19 khoản 6 Nghị định 118/2025/NĐ-CP).")
    current = appointment_of(d)
    if name == "extend":
        if not _extension_open(at, current):
            raise TransitionError(
                f"Đã quá thời hạn đề nghị gia hạn: chậm nhất hết ngày {cal.to_local(current - timedelta(days=1)):%d/%m/%Y}, "
                "01 ngày trước ngày hẹn trả (Điều 19 khoản 6 Nghị định 118/2025/NĐ-CP). "
                "Khi đã quá hạn, hãy ghi «Xin lỗi, hẹn lại».")
        if req.notified_by and req.notified_by not in NOTIFIED_BY:
            raise TransitionError("Cách báo cho người nộp phải là thư điện tử, tin nhắn, điện thoại hoặc trực tiếp.")
        _check_new_appointment(req.new_due_at, at)
        if req.new_due_at is None or req.new_due_at <= current:
            raise TransitionError("Thời gian đề nghị gia hạn phải sau ngày hẹn trả hiện tại.")
        d.extended_due_at = req.new_due_at
        session.add(Appointment(dossier_id=d.id, given_at=at, kind="extension", due_at=req.new_due_at,
                                statutory_due_at=None, reason=reason, user=actor.full_name, notified_by=req.notified_by))
        told = f"Đã báo người nộp qua {NOTIFIED_BY[req.notified_by]}" if req.notified_by else ""
        return _lines(f"Lý do: {reason}", f"Hẹn trả mới: {cal.to_local(req.new_due_at):%H:%M %d/%m/%Y}", told,
                      note), ""
    if at <= current:
        raise TransitionError("Hồ sơ chưa quá hạn hẹn trả: chưa cần xin lỗi, hẹn lại."
                              + (" Trước ngày hẹn trả, hãy ghi «Xin lỗi, gia hạn»." if once else ""))
    _check_new_appointment(req.new_due_at, at)
    if req.new_due_at is None or req.new_due_at <= at:
        raise TransitionError("Ngày hẹn mới phải sau thời điểm xin lỗi.")
    d.apology_due_at = req.new_due_at
    session.add(Appointment(dossier_id=d.id, given_at=at, kind="apology", due_at=req.new_due_at,
                            statutory_due_at=None, reason=reason, user=actor.full_name))
    late = "Xin lỗi sau khi đã quá hạn hẹn trả" if once else ""
    return _lines(f"Lý do: {reason}", late, note), ""


def _check_new_appointment(new_due_at: datetime | None, at: datetime) -> None:
    """A new appointment is a date the applicant is told to come back: within a year, not 9999."""
    if new_due_at is None:
        return
    if new_due_at.tzinfo is None:
        raise TransitionError("Ngày hẹn trả mới phải có múi giờ.")
    if new_due_at > at + MAX_APPOINTMENT_AHEAD:
        raise TransitionError("Ngày hẹn trả mới không được quá 2 năm sau thời điểm thao tác: "
                              "hãy kiểm tra lại năm đã gõ. Chưa ghi gì.")


def _lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _check_supplement_window(site: Site, d: Dossier, at: datetime) -> None:
    """Điều 19 k5 NĐ 118/2025: a supplement after review is asked "không quá 03 ngày làm việc kể
    từ ngày tiếp nhận hồ sơ" (the procedure's value: sector law may set another)."""
    cal = site.calendar
    days = d.procedure.supplement_request_days
    ends = due_at(d.received_at, Duration.working_days(days), cal)
    if at > ends:
        raise TransitionError(
            f"Đã quá thời hạn yêu cầu bổ sung, hoàn thiện hồ sơ: {days} ngày làm việc kể từ khi tiếp nhận, "
            f"đến {cal.to_local(ends):%H:%M %d/%m/%Y} (Điều 19 khoản 5 Nghị định 118/2025/NĐ-CP).")


def _check_cancel(d: Dossier, actor: Actor, at: datetime, cal: WorkCalendar) -> None:
    """A mistaken intake: by the officer who took it, within the working day of receipt; later only
    by a supervisor (or an administrator)."""
    if actor.role in ("supervisor", "admin"):
        return
    if actor.full_name != d.received_by:
        raise TransitionError(f"Chỉ cán bộ đã tiếp nhận hồ sơ ({d.received_by}) hoặc lãnh đạo mới được hủy hồ sơ "
                              "tiếp nhận nhầm.")
    if cal.to_local(at).date() != cal.to_local(d.received_at).date():
        raise TransitionError("Chỉ được hủy hồ sơ tiếp nhận nhầm trong ngày làm việc tiếp nhận; "
                              "sau đó cần lãnh đạo thực hiện.")


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


def _open_pause(session: Session, d: Dossier) -> DossierPause | None:
    return session.scalars(select(DossierPause).where(DossierPause.dossier_id == d.id,
                                                      DossierPause.ended_at.is_(None))).one_or_none()


def _end_pause(session: Session, d: Dossier, at: datetime) -> DossierPause | None:
    """Restarts the clock if it was stopped: every pause gets its end, whatever ends it."""
    pause = _open_pause(session, d)
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
