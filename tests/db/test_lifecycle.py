"""The journey after intake: transitions, refused transitions, the clock's pauses, classification,
apologies and two desks racing — on SQLite and PostgreSQL."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event, func, select

from onestop.db.models import Appointment, Department, Dossier, DossierEvent, DossierPause
from onestop.db.session import Database
from onestop.dossiers import queue
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import (
    ACTIONS,
    ConcurrentChange,
    TransitionError,
    TransitionRequest,
    allowed_actions,
    apply,
    classify,
)
from onestop.dossiers.queue import View
from onestop.people.accounts import Actor
from tests.conftest import ENGINES, MONDAY_0915, MONDAY_0915_2018

LATER = MONDAY_0915 + timedelta(days=60)  # "now" for every action: after all the instants used


def _receive(db, site, at=MONDAY_0915, procedure="DP.LLTP.01") -> str:
    req = IntakeRequest(procedure_code=procedure, name="Trần Thị Thu Hà", id_number="001190012345",
                        phone="0912345678", received_at=at)
    return save_intake(db, site, req, now=max(at, MONDAY_0915), actor=Actor.named("cb.tiepnhan")).code


def _act(db, site, code, action, at=None, user="cb.xuly", role="officer", **kw):
    return apply(db, site, code, TransitionRequest(action=action, at=at, **kw), actor=Actor.named(user, role),
                 now=LATER)


def _state(db, code):
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        events = s.scalar(select(func.count()).select_from(DossierEvent).where(DossierEvent.dossier_id == d.id))
        return d.status, d.version, events


# Action sequences that bring a fresh dossier to each state, one hour apart unless a step says
# "after" (from the step before). The states of both rule sets, then those of one only.
PATHS = {
    "received": [],
    "in_progress": [("transfer", {"to": "Phòng Tư pháp"})],
    "awaiting_supplement": [("request_supplement", {"missing": ("Tờ khai có chữ ký",)})],
    "awaiting_payment": [("await_payment", {})],
    "result_ready": [("finish", {})],
    "returned": [("finish", {}), ("return", {})],
    "cancelled": [("cancel", {"reason": "Tiếp nhận nhầm thủ tục", "user": "cb.tiepnhan"})],
}
PATHS_2018 = {
    **PATHS,
    "refused": [("refuse", {"reason": "Không đủ điều kiện", "legal_basis": "Điều 7 Luật Lý lịch tư pháp"})],
    "withdrawn": [("withdraw", {"reason": "Người nộp xin rút"})],
}
PATHS_2025 = {
    **PATHS,
    "refused_after_review": [("refuse_after_review", {"reason": "Không đủ điều kiện",
                                                      "legal_basis": "Điều 7 Luật Lý lịch tư pháp"})],
    "stopped": [("stop", {"reason": "Người nộp đề nghị dừng", "returned": "Bản chính giấy khai sinh"})],
    "closed": [("request_supplement", {"missing": ("Tờ khai có chữ ký",)}),
               ("close_unsupplemented", {"after": timedelta(days=16)})],  # 15 days after the notice
}
RULE_SETS = {"2018": (MONDAY_0915_2018, PATHS_2018), "2025": (MONDAY_0915, PATHS_2025)}
ARGS = {
    "transfer": {"to": "Phòng Tư pháp", "handler": "Nguyễn Văn Xử"},
    "request_supplement": {"missing": ("Bản sao CCCD",), "reason": "Bản sao mờ"},
    "refuse": {"reason": "Không đủ điều kiện", "legal_basis": "Điều 7"},
    "refuse_after_review": {"reason": "Không đủ điều kiện", "legal_basis": "Điều 7"},
    "return": {"collector_kind": "applicant"},
    "withdraw": {"reason": "Xin rút"},
    "stop": {"reason": "Xin dừng"},
    "apologise": {"reason": "Chờ xác minh", "new_due_at": LATER},
    "extend": {"reason": "Chờ xác minh", "new_due_at": LATER, "notified_by": "sms"},
    "cancel": {"reason": "Tiếp nhận nhầm", "role": "supervisor"},
}
# When each action is tried, from the receipt: late enough for an apology to be due and for a
# dossier waiting for papers to be closed, but a 2025 supplement asked within its 3 working days
# and an extension by the day before the appointment (DP.LLTP.01: 7 working days).
AFTER = {"request_supplement": timedelta(days=1), "extend": timedelta(days=1)}


def _at_state(db, site, state: str, rule_set: str = "2025") -> str:
    received, paths = RULE_SETS[rule_set]
    code = _receive(db, site, at=received)
    at = received
    for action, kw in paths[state]:
        kw = dict(kw)
        at += kw.pop("after", timedelta(hours=1))
        _act(db, site, code, action, at=at, **kw)
    return code


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("rule_set", ["2018", "2025"])
def test_every_transition_and_every_refused_one(site_db, rule_set):
    db, site = site_db
    received, paths = RULE_SETS[rule_set]
    for state in paths:
        for action in ACTIONS:
            code = _at_state(db, site, state, rule_set)
            before = _state(db, code)
            at = max(received + AFTER.get(action, timedelta(days=20)), received + timedelta(hours=3))
            if state == "closed":
                at += timedelta(days=16)
            if action in allowed_actions(state, rule_set):
                result = _act(db, site, code, action, at=at, **ARGS.get(action, {}))
                target = ACTIONS[action].target or state
                assert (result.status, result.version) == (target, before[1] + 1)
                assert _state(db, code) == (target, before[1] + 1, before[2] + 1)
            else:
                # An action of the other rule set is refused as such, whatever the state.
                refusal = "Không thể" if rule_set in ACTIONS[action].rule_sets else "không có thao tác"
                with pytest.raises(TransitionError, match=refusal):
                    _act(db, site, code, action, at=at, **ARGS.get(action, {}))
                assert _state(db, code) == before  # nothing changed, no event written


def test_the_2018_ends_name_their_2025_actions(site_db):
    """«Từ chối», «Rút hồ sơ» on a dossier received under NĐ 118/2025: refused, naming the action
    that replaces them; and the 2025 actions on a 2018 dossier."""
    db, site = site_db
    code = _receive(db, site)
    for action, instead in (("refuse", "Từ chối giải quyết sau thẩm tra"),
                            ("withdraw", "Dừng giải quyết theo đề nghị")):
        with pytest.raises(TransitionError, match=f"NĐ 118/2025.*Hãy dùng «{instead}»"):
            _act(db, site, code, action, at=MONDAY_0915 + timedelta(hours=1), **ARGS[action])
    old = _receive(db, site, at=MONDAY_0915_2018)
    for action, instead in (("refuse_after_review", "Từ chối giải quyết"), ("stop", "Rút hồ sơ")):
        with pytest.raises(TransitionError, match=f"NĐ 61/2018.*Hãy dùng «{instead}»"):
            _act(db, site, old, action, at=MONDAY_0915_2018 + timedelta(hours=1), **ARGS[action])
    assert _state(db, code)[0] == _state(db, old)[0] == "received"


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
        ("refuse_after_review", {"reason": "x"}, "căn cứ"),
        ("stop", {}, "lý do dừng"),
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


def _pause_and_resume(db, site, procedure: str, kind=("request_supplement", "supplement_received"),
                      days=((2026, 8, 27), (2026, 8, 28), (2026, 9, 3))):
    """Received, paused a day later, resumed: by default Thursday 27/8/2026, Friday 28/8 and
    Thursday 3/9 (31/8, 1/9 and 2/9 are holidays), at 09:00."""
    tz = site.calendar.tz
    received, paused, resumed = (datetime(*day, 9, 0, tzinfo=tz) for day in days)
    code = _receive(db, site, at=received, procedure=procedure)
    extra = {"missing": ("Bản vẽ có chữ ký",)} if kind[0] == "request_supplement" else {}
    _act(db, site, code, kind[0], at=paused, **extra)
    return code, _act(db, site, code, kind[1], at=resumed)


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
    """The procedure's "resume" rule, for a dossier received under NĐ 61/2018."""
    db, site = site_db
    tz = site.calendar.tz
    # Thursday 3/4/2025, paused Friday 4/4, papers Tuesday 8/4: Monday 7/4/2025 (Giỗ Tổ) is a holiday.
    code, result = _pause_and_resume(db, site, "DP.DD.05",  # resume; 15 days by law, 10 committed
                                     days=((2025, 4, 3), (2025, 4, 4), (2025, 4, 8)))
    # Due 18/4 at receipt; one day used before the pause, 9 left from 8/4: 9, 10, 11, 14…18, 21/4.
    assert result.due_at == datetime(2025, 4, 21, 9, 0, tzinfo=tz)
    # 14 left: … 25/4, then Saturday 26/4/2025, a working day (làm bù for Friday 2/5).
    assert result.statutory_due_at == datetime(2025, 4, 26, 9, 0, tzinfo=tz)
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        assert d.rule_set == "2018"
        assert [a.kind for a in d.appointments] == ["receipt", "resume"]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_supplement_restarts_from_zero_under_2025_rules_whatever_the_procedure_says(site_db):
    """NĐ 118/2025 Điều 19 k5: the same "resume" procedure on a 2026 dossier restarts the clock."""
    db, site = site_db
    tz = site.calendar.tz
    code, result = _pause_and_resume(db, site, "DP.DD.05")
    # 10 committed working days from Thursday 3/9/2026 09:00: 4, 7…11, 14…17/9.
    assert result.due_at == datetime(2026, 9, 17, 9, 0, tzinfo=tz)
    assert result.statutory_due_at == datetime(2026, 9, 24, 9, 0, tzinfo=tz)  # 15 days
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        assert [a.kind for a in d.appointments] == ["receipt", "restart"]


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
@pytest.mark.parametrize("rule_set", ["2018", "2025"])
def test_apology_list_and_lateness_that_stays(site_db, rule_set):
    db, site = site_db
    tz = site.calendar.tz
    code = _receive(db, site, at=RULE_SETS[rule_set][0])
    # 7 working days: due Thursday 3/12/2026 09:15 (24/11 a holiday), Wednesday 2/7/2025 09:15.
    due = {"2018": datetime(2025, 7, 2, 9, 15, tzinfo=tz), "2025": datetime(2026, 12, 3, 9, 15, tzinfo=tz)}[rule_set]

    def listed(now):
        with db.read() as s:
            return code in [r.code for r in queue.fetch_page(s, View.NEEDS_APOLOGY, now, site)]

    assert not listed(due - timedelta(minutes=1))
    assert listed(due + timedelta(minutes=1))
    new_due = due + timedelta(days=4)
    result = _act(db, site, code, "apologise", at=due + timedelta(hours=1), reason="Chờ kết quả xác minh",
                  new_due_at=new_due)
    assert result.due_at == due and result.apology_due_at == new_due  # the missed appointment stays
    assert not listed(due + timedelta(hours=2))
    with db.read() as s:
        assert s.scalar(select(Appointment.kind).order_by(Appointment.id.desc()).limit(1)) == "apology"
        assert code in [r.code for r in queue.fetch_page(s, View.OVERDUE, due + timedelta(hours=2), site)]
    again = {"reason": "Chờ ý kiến", "new_due_at": new_due + timedelta(days=3)}
    if rule_set == "2018":
        assert listed(new_due + timedelta(minutes=1))  # late again: a new apology is due (NĐ 61/2018)
        second = _act(db, site, code, "apologise", at=new_due + timedelta(hours=1), **again)
        assert second.apology_due_at == new_due + timedelta(days=3) and second.due_at == due
    else:  # NĐ 118/2025 Điều 19 k6: the appointment is moved once, a second time is refused
        before = _state(db, code)
        with pytest.raises(TransitionError, match="không quá một lần"):
            _act(db, site, code, "apologise", at=new_due + timedelta(hours=1), **again)
        assert _state(db, code) == before
    finish_at = new_due + timedelta(hours=2) if rule_set == "2018" else due + timedelta(days=1, hours=1)
    finished = _act(db, site, code, "finish", at=finish_at)
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
            apply(own, site, code, TransitionRequest("finish", at=MONDAY_0915 + timedelta(hours=3),
                                                     expected_version=version), actor=Actor.named(f"desk{n}"), now=LATER)
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


@pytest.mark.parametrize(("rule_set", "action"), [
    ("2018", "refuse"), ("2018", "withdraw"),
    ("2025", "refuse_after_review"), ("2025", "stop"), ("2025", "close_unsupplemented"), ("2025", "cancel"),
])
def test_closing_a_paused_dossier_ends_its_pause(site_db, rule_set, action):
    db, site = site_db
    code = _at_state(db, site, "awaiting_supplement", rule_set)
    # 16 days after the notice: a dossier whose papers never came may be closed.
    at = RULE_SETS[rule_set][0] + timedelta(days=16 if action == "close_unsupplemented" else 3)
    _act(db, site, code, action, at=at, **ARGS.get(action, {}))
    with db.read() as s:
        (pause,) = s.scalars(select(DossierPause).join(Dossier).where(Dossier.code == code)).all()
    assert pause.ended_at == at


def test_apology_is_offered_only_once_late(site_db):
    from onestop.dossiers.lifecycle import available_actions

    db, site = site_db
    code = _receive(db, site)
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
    assert "apologise" not in available_actions(d, d.due_at)
    assert "apologise" in available_actions(d, d.due_at + timedelta(minutes=1))
    # NĐ 118/2025: the extension by the end of the day before the appointment's day, not on it.
    assert available_actions(d, d.due_at) == [a for a in ACTIONS if a not in ("apologise", "extend")
                                              and "received" in ACTIONS[a].sources and "2025" in ACTIONS[a].rule_sets]
    assert "extend" in available_actions(d, d.due_at - timedelta(days=1))
    assert "extend" not in available_actions(d, d.due_at + timedelta(minutes=1))

    old = _receive(db, site, at=MONDAY_0915_2018)
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == old)).one()
    assert available_actions(d, d.due_at) == [a for a in ACTIONS if a != "apologise"
                                              and "received" in ACTIONS[a].sources and "2018" in ACTIONS[a].rule_sets]
    assert "apologise" in available_actions(d, d.due_at + timedelta(minutes=1))
