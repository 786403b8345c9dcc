"""The journey after intake: transitions, refused transitions, the clock's pauses, classification,
apologies and two desks racing — on SQLite and PostgreSQL."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event, func, select

from db.models import Appointment, Department, Dossier, DossierEvent, DossierPause
from db.session import Database
from onestop import queue
from onestop.intake import IntakeRequest, save_intake
from onestop.lifecycle import (
    ACTIONS,
    ConcurrentChange,
    TransitionError,
    TransitionRequest,
    allowed_actions,
    apply,
    classify,
)
from onestop.queue import View
from tests.conftest import ENGINES, MONDAY_0915

LATER = MONDAY_0915 + timedelta(days=60)  # "now" for every action: after all the instants used


def _receive(db, site, at=MONDAY_0915, procedure="DP.LLTP.01") -> str:
    req = IntakeRequest(procedure_code=procedure, name="Trần Thị Thu Hà", id_number="001190012345",
                        phone="0912345678", received_at=at)
    return save_intake(db, site, req, now=max(at, MONDAY_0915), user="cb.tiepnhan").code


def _act(db, site, code, action, at=None, **kw):
    return apply(db, site, code, TransitionRequest(action=action, user=kw.pop("user", "cb.xuly"), at=at, **kw),
                 now=LATER)


def _state(db, code):
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        events = s.scalar(select(func.count()).select_from(DossierEvent).where(DossierEvent.dossier_id == d.id))
        return d.status, d.version, events


# Action sequences that bring a fresh dossier to each state.
PATHS = {
    "received": [],
    "in_progress": [("transfer", {"to": "Phòng Tư pháp"})],
    "awaiting_supplement": [("request_supplement", {"missing": ("Tờ khai có chữ ký",)})],
    "awaiting_payment": [("await_payment", {})],
    "result_ready": [("finish", {})],
    "returned": [("finish", {}), ("return", {})],
    "refused": [("refuse", {"reason": "Không đủ điều kiện", "legal_basis": "Điều 7 Luật Lý lịch tư pháp"})],
    "withdrawn": [("withdraw", {"reason": "Người nộp xin rút"})],
}
ARGS = {
    "transfer": {"to": "Phòng Tư pháp", "handler": "Nguyễn Văn Xử"},
    "request_supplement": {"missing": ("Bản sao CCCD",), "reason": "Bản sao mờ"},
    "refuse": {"reason": "Không đủ điều kiện", "legal_basis": "Điều 7"},
    "return": {"collector_kind": "applicant"},
    "withdraw": {"reason": "Xin rút"},
    "apologise": {"reason": "Chờ xác minh", "new_due_at": LATER},
}


def _at_state(db, site, state: str) -> str:
    code = _receive(db, site)
    at = MONDAY_0915
    for action, kw in PATHS[state]:
        at += timedelta(hours=1)
        _act(db, site, code, action, at=at, **kw)
    return code


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_every_transition_and_every_refused_one(site_db):
    db, site = site_db
    for state in PATHS:
        for action in ACTIONS:
            code = _at_state(db, site, state)
            before = _state(db, code)
            at = MONDAY_0915 + timedelta(days=20)  # late enough for an apology to be due
            if action in allowed_actions(state):
                result = _act(db, site, code, action, at=at, **ARGS.get(action, {}))
                target = ACTIONS[action].target or state
                assert (result.status, result.version) == (target, before[1] + 1)
                assert _state(db, code) == (target, before[1] + 1, before[2] + 1)
            else:
                with pytest.raises(TransitionError, match="Không thể"):
                    _act(db, site, code, action, at=at, **ARGS.get(action, {}))
                assert _state(db, code) == before  # nothing changed, no event written


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_events_record_who_when_from_to_and_handover(site_db):
    db, site = site_db
    code = _receive(db, site)
    _act(db, site, code, "transfer", at=MONDAY_0915 + timedelta(hours=1), to="Phòng Tư pháp", handler="Lê Xử Lý")
    _act(db, site, code, "finish", at=MONDAY_0915 + timedelta(days=2), user="le.xuly")
    _act(db, site, code, "return", at=MONDAY_0915 + timedelta(days=3), user="cb.tra",
         collector_kind="authorised", collector_name="Phạm Văn Nhận", collector_id="001085000111")
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        rows = [(e.action, e.user, e.from_status, e.to_status, e.handed_to) for e in d.events]
        assert rows == [
            ("receive", "cb.tiepnhan", None, "received", ""),
            ("transfer", "cb.xuly", "received", "in_progress", "Phòng Tư pháp — Lê Xử Lý"),
            ("finish", "le.xuly", "in_progress", "result_ready", ""),
            ("return", "cb.tra", "result_ready", "returned", ""),
        ]
        assert (d.returned_to_kind, d.returned_to_name, d.returned_to_id) == ("authorised", "Phạm Văn Nhận", "001085000111")
        assert d.finished_at == MONDAY_0915 + timedelta(days=2) and d.returned_at == MONDAY_0915 + timedelta(days=3)


def test_bad_input_to_a_transition_changes_nothing(site_db):
    db, site = site_db
    code = _receive(db, site)
    before = _state(db, code)
    cases = [
        ("transfer", {"to": ""}, "phòng ban"),
        ("request_supplement", {"missing": ()}, "bổ sung"),
        ("refuse", {"reason": "x"}, "căn cứ"),
        ("apologise", {"reason": "Chậm", "new_due_at": LATER}, "chưa quá hạn"),
        ("transfer", {"to": "Phòng A", "at": MONDAY_0915 - timedelta(minutes=1)}, "sớm hơn"),
        ("nonsense", {}, "không tồn tại"),
    ]
    for action, kw, fragment in cases:
        at = kw.pop("at", MONDAY_0915 + timedelta(hours=1))
        with pytest.raises(TransitionError) as info:
            _act(db, site, code, action, at=at, **kw)
        assert fragment in str(info.value).lower()
    _act(db, site, code, "finish", at=MONDAY_0915 + timedelta(hours=1))
    with pytest.raises(TransitionError, match="ủy quyền"):
        _act(db, site, code, "return", at=MONDAY_0915 + timedelta(hours=2), collector_kind="authorised",
             collector_name="Phạm Văn Nhận", collector_id="123")
    assert _state(db, code)[0] == "result_ready"
    assert before[0] == "received"


def _pause_and_resume(db, site, procedure: str, kind=("request_supplement", "supplement_received")):
    tz = site.calendar.tz
    received = datetime(2026, 8, 27, 9, 0, tzinfo=tz)  # Thursday; 31/8, 1/9 and 2/9 are holidays
    code = _receive(db, site, at=received, procedure=procedure)
    extra = {"missing": ("Bản vẽ có chữ ký",)} if kind[0] == "request_supplement" else {}
    _act(db, site, code, kind[0], at=datetime(2026, 8, 28, 9, 0, tzinfo=tz), **extra)
    return code, _act(db, site, code, kind[1], at=datetime(2026, 9, 3, 9, 0, tzinfo=tz))


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_supplement_restart_counts_the_full_time_again_with_a_holiday_in_the_pause(site_db):
    db, site = site_db
    tz = site.calendar.tz
    code, result = _pause_and_resume(db, site, "DP.LLTP.01")  # restart; 10 days by law, 7 committed
    assert result.due_at == datetime(2026, 9, 14, 9, 0, tzinfo=tz)
    assert result.statutory_due_at == datetime(2026, 9, 17, 9, 0, tzinfo=tz)
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        assert [(a.kind, a.due_at) for a in d.appointments] == [
            ("receipt", datetime(2026, 9, 10, 9, 0, tzinfo=tz)), ("restart", result.due_at)]
        (pause,) = d.pauses
        assert (pause.kind, pause.started_at, pause.ended_at) == (
            "supplement", datetime(2026, 8, 28, 9, 0, tzinfo=tz), datetime(2026, 9, 3, 9, 0, tzinfo=tz))


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_supplement_resume_counts_only_the_time_left(site_db):
    db, site = site_db
    tz = site.calendar.tz
    _, result = _pause_and_resume(db, site, "DP.DD.05")  # resume; 15 days by law, 10 committed
    # Due 15/9 at receipt; one day used before the pause, 9 left from 3/9.
    assert result.due_at == datetime(2026, 9, 16, 9, 0, tzinfo=tz)
    assert result.statutory_due_at == datetime(2026, 9, 23, 9, 0, tzinfo=tz)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_payment_pause_resumes_even_for_a_restart_procedure(site_db):
    db, site = site_db
    tz = site.calendar.tz
    _, result = _pause_and_resume(db, site, "DP.LLTP.01", kind=("await_payment", "paid"))
    # Due 10/9 at receipt; 6 of 7 days left at the pause; from 3/9: 4, 7, 8, 9, 10, 11/9.
    assert result.due_at == datetime(2026, 9, 11, 9, 0, tzinfo=tz)


def test_classification_at_the_edges(site_db):
    _, site = site_db
    cal, tz = site.calendar, site.calendar.tz
    due = datetime(2026, 12, 3, 9, 15, tzinfo=tz)
    assert classify(due - timedelta(minutes=1), due, cal) == "on_time"
    assert classify(due, due, cal) == "on_time"
    assert classify(due + timedelta(minutes=1), due, cal) == "late"
    assert classify(datetime(2026, 12, 3, 8, 0, tzinfo=tz), due, cal) == "on_time"  # same date, earlier
    assert classify(datetime(2026, 12, 2, 16, 59, tzinfo=tz), due, cal) == "early"
    # The calendar date is Hà Nội's: 23:00 UTC on 2/12 is 06:00 on 3/12 there, the due date itself.
    assert classify(datetime(2026, 12, 2, 23, 0, tzinfo=timezone.utc), due, cal) == "on_time"


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_apology_list_and_lateness_that_stays(site_db):
    db, site = site_db
    tz = site.calendar.tz
    code = _receive(db, site)  # due Thursday 3/12 09:15
    due = datetime(2026, 12, 3, 9, 15, tzinfo=tz)

    def listed(now):
        with db.read() as s:
            return code in [r.code for r in queue.fetch_page(s, View.NEEDS_APOLOGY, now, site)]

    assert not listed(due - timedelta(minutes=1))
    assert listed(due + timedelta(minutes=1))
    new_due = datetime(2026, 12, 7, 9, 15, tzinfo=tz)
    result = _act(db, site, code, "apologise", at=due + timedelta(hours=1), reason="Chờ kết quả xác minh",
                  new_due_at=new_due)
    assert result.due_at == due and result.apology_due_at == new_due  # the missed appointment stays
    assert not listed(due + timedelta(hours=2))
    assert listed(new_due + timedelta(minutes=1))  # late again: a new apology is due
    with db.read() as s:
        assert s.scalar(select(Appointment.kind).order_by(Appointment.id.desc()).limit(1)) == "apology"
        assert code in [r.code for r in queue.fetch_page(s, View.OVERDUE, due + timedelta(hours=2), site)]
    finished = _act(db, site, code, "finish", at=datetime(2026, 12, 4, 10, 0, tzinfo=tz))
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        assert classify(d.finished_at, d.due_at, site.calendar) == "late"  # the apology washes nothing
    assert finished.status == "result_ready"


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_two_desks_on_one_dossier_one_wins_the_other_is_told(site_db, database_url):
    db, site = site_db
    code = _receive(db, site)
    version = _state(db, code)[1]
    # Both desks opened the dossier at this version; the first to act wins.
    _act(db, site, code, "transfer", at=MONDAY_0915 + timedelta(hours=1), to="Phòng Tư pháp",
         user="desk.mot", expected_version=version)
    with pytest.raises(ConcurrentChange, match="desk.mot"):
        _act(db, site, code, "finish", at=MONDAY_0915 + timedelta(hours=2), user="desk.hai",
             expected_version=version)
    assert _state(db, code)[:2] == ("in_progress", version + 1)

    # A real race: eight desks press "finish" at once on the version they all saw.
    version += 1
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def desk(n: int) -> None:
        own = Database(database_url)
        try:
            start.wait()
            apply(own, site, code, TransitionRequest("finish", user=f"desk{n}", at=MONDAY_0915 + timedelta(hours=3),
                                                     expected_version=version), now=LATER)
            outcomes.append("won")
        except ConcurrentChange:
            outcomes.append("told")
        except TransitionError:
            outcomes.append("refused")
        finally:
            own.dispose()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["told"] * 7 + ["won"]
    with db.read() as s:
        finishes = s.scalar(select(func.count()).select_from(DossierEvent).where(DossierEvent.action == "finish"))
    assert finishes == 1


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_desk_overtaken_between_its_reads_is_told_who_changed_the_dossier(site_db, database_url):
    """The other desk acts just after this one read the dossier: this one still wins, or is told
    ConcurrentChange, never refused for an event it had not seen (PostgreSQL, no row lock)."""
    db, site = site_db
    code = _receive(db, site)
    slow, fast = Database(database_url), Database(database_url)
    outcome: list[str] = []

    def other_desk() -> None:
        try:
            _act(fast, site, code, "finish", at=MONDAY_0915 + timedelta(hours=2), user="desk.nhanh",
                 expected_version=1)
            outcome.append("won")
        except ConcurrentChange:
            outcome.append("told")

    other = threading.Thread(target=other_desk)

    def between_reads(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        if "FROM dossier_event" in statement and not other.is_alive() and not outcome:
            other.start()
            other.join(timeout=1.0)  # held back by this desk's lock, or done by now

    event.listen(slow.engine, "before_cursor_execute", between_reads)
    try:
        done = _act(slow, site, code, "transfer", at=MONDAY_0915 + timedelta(hours=1), to="Phòng Tư pháp",
                    user="desk.cham", expected_version=1)
        other.join()
    finally:
        slow.dispose()
        fast.dispose()
    assert (done.status, done.version, outcome) == ("in_progress", 2, ["told"])
    assert _state(db, code) == ("in_progress", 2, 2)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_two_desks_naming_the_same_new_department_share_one(site_db, database_url):
    """Desk A creates «Phòng Nội vụ» in a transfer not yet committed; desk B transfers another
    dossier to the same new name meanwhile: B waits for A, then uses A's department (no
    unique-key error, no second row)."""
    db, site = site_db
    first, second = _receive(db, site), _receive(db, site)
    desk_a, desk_b = Database(database_url), Database(database_url)
    outcome: list[object] = []

    def other_desk() -> None:
        try:
            outcome.append(_act(desk_b, site, second, "transfer", at=MONDAY_0915 + timedelta(hours=1),
                                to="Phòng Nội vụ", user="desk.b"))
        except Exception as exc:  # noqa: BLE001 - the assertion below shows it
            outcome.append(exc)

    other = threading.Thread(target=other_desk)

    def after_insert(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        if statement.startswith("INSERT INTO department") and not other.is_alive() and not outcome:
            other.start()
            other.join(timeout=1.0)  # B is held back by A's uncommitted row (or SQLite's write lock)

    event.listen(desk_a.engine, "after_cursor_execute", after_insert)
    try:
        _act(desk_a, site, first, "transfer", at=MONDAY_0915 + timedelta(hours=1), to="Phòng Nội vụ", user="desk.a")
        other.join()
    finally:
        desk_a.dispose()
        desk_b.dispose()
    assert [getattr(o, "status", o) for o in outcome] == ["in_progress"]
    with db.read() as s:
        ids = s.scalars(select(Department.id).where(Department.name == "Phòng Nội vụ")).all()
        assert len(ids) == 1
        assert set(s.scalars(select(Dossier.department_id).where(Dossier.code.in_([first, second])))) == set(ids)


@pytest.mark.parametrize("action", ["refuse", "withdraw"])
def test_closing_a_paused_dossier_ends_its_pause(site_db, action):
    db, site = site_db
    code = _at_state(db, site, "awaiting_supplement")
    at = MONDAY_0915 + timedelta(days=3)
    _act(db, site, code, action, at=at, **ARGS[action])
    with db.read() as s:
        (pause,) = s.scalars(select(DossierPause).join(Dossier).where(Dossier.code == code)).all()
    assert pause.ended_at == at


def test_apology_is_offered_only_once_late(site_db):
    from onestop.lifecycle import available_actions

    db, site = site_db
    code = _receive(db, site)
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
    assert "apologise" not in available_actions(d, d.due_at)
    assert "apologise" in available_actions(d, d.due_at + timedelta(minutes=1))
    assert available_actions(d, d.due_at) == [a for a in ACTIONS if a != "apologise" and "received" in ACTIONS[a].sources]
