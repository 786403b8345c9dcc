"""Issue 11: the rules of NĐ 118/2025 at their edges, on SQLite and PostgreSQL, and no way to wash a
late file (every figure, whatever follows)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from onestop.clock import rule_sets
from onestop.clock.calendar import TZ
from onestop.db.models import Dossier, Procedure
from onestop.dossiers import queue
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionError, TransitionRequest, apply
from onestop.dossiers.queue import View
from onestop.figures.late_review import late_review
from onestop.figures.report import periodic_report
from onestop.figures.targets import cut_time_targets
from onestop.people.accounts import Actor
from tests.conftest import ENGINES, MONDAY_0915

H = timedelta(hours=1)
D = timedelta(days=1)
LATER = MONDAY_0915 + 60 * D  # "now" for the actions: after every instant used
# Tuesday 24/11/2026 is a day off (Ngày Văn hóa Việt Nam, in the holidays package).
SHORT = "1.004873"  # committed 1 working day, statutory 3: received Mon 23/11 09:15, due Wed 25/11 09:15
LONG = "DP.LLTP.01"  # committed 7 working days: received Mon 23/11 09:15, due Thu 03/12 09:15

pytestmark = pytest.mark.parametrize("database_url", ENGINES, indirect=True)


def _receive(db, site, at=MONDAY_0915, procedure=SHORT, user="cb.tiepnhan") -> str:
    req = IntakeRequest(procedure_code=procedure, name="Trần Thị Thu Hà", id_number="001190012345",
                        phone="0912345678", received_at=at)
    return save_intake(db, site, req, now=max(at, MONDAY_0915), actor=Actor.named(user)).code


def _act(db, site, code, action, at, now=LATER, user="cb.xuly", role="officer", **kw):
    return apply(db, site, code, TransitionRequest(action=action, at=at, **kw), actor=Actor.named(user, role), now=now)


def _dossier(db, code) -> Dossier:
    with db.read() as s:
        return s.scalars(select(Dossier).where(Dossier.code == code)).one()


def _local(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


# ---------------------------------------------------------------- rule sets by receipt
def test_the_rule_set_switches_at_midnight_of_1_july_2025_hanoi_time(site_db):
    db, site = site_db
    before = _receive(db, site, at=_local(2025, 6, 30, 23, 59, 59))
    after = _receive(db, site, at=_local(2025, 7, 1, 0, 0))
    assert _dossier(db, before).rule_set == "2018" and _dossier(db, after).rule_set == "2025"
    assert rule_sets.for_received(datetime(2025, 6, 30, 16, 59, 59, tzinfo=timezone.utc)).key == "2018"
    assert rule_sets.for_received(datetime(2025, 6, 30, 17, 0, tzinfo=timezone.utc)).key == "2025"
    # The 2018 actions stay for the 2018 dossier; the 2025 dossier is told which action to use.
    _act(db, site, before, "withdraw", _local(2025, 7, 1, 9, 0), reason="Người nộp xin rút")
    with pytest.raises(TransitionError, match="NĐ 118/2025.*Dừng giải quyết theo đề nghị"):
        _act(db, site, after, "withdraw", _local(2025, 7, 1, 9, 0))
    with pytest.raises(TransitionError, match="Từ chối giải quyết sau thẩm tra"):
        _act(db, site, after, "refuse", _local(2025, 7, 1, 9, 0), reason="x", legal_basis="y")
    with pytest.raises(TransitionError, match="NĐ 61/2018"):
        _act(db, site, before, "stop", _local(2025, 7, 1, 9, 0), reason="x")


# ---------------------------------------------------------------- Điều 19 k5: supplement after review
def test_a_supplement_is_asked_within_three_working_days_of_receipt(site_db):
    db, site = site_db
    window_end = _local(2026, 11, 27, 9, 15)  # Friday: three working days of office time after Monday 09:15
    on_time, late = _receive(db, site), _receive(db, site)
    _act(db, site, on_time, "request_supplement", window_end, missing=("Tờ khai có chữ ký",))
    with pytest.raises(TransitionError, match="quá thời hạn yêu cầu bổ sung.*09:15 27/11/2026"):
        _act(db, site, late, "request_supplement", window_end + timedelta(minutes=1), missing=("Tờ khai",))
    assert _dossier(db, late).status == "received"
    # A procedure whose sector law gives two days: Thursday 09:16 is already too late.
    with db.write() as s:
        s.execute(update(Procedure).where(Procedure.code == SHORT).values(supplement_request_days=2))
    third = _receive(db, site)
    with pytest.raises(TransitionError, match="2 ngày làm việc"):
        _act(db, site, third, "request_supplement", _local(2026, 11, 26, 9, 16), missing=("x",))


def test_papers_complete_restart_the_time_from_zero_even_for_a_resume_procedure(site_db):
    db, site = site_db
    with db.write() as s:
        s.execute(update(Procedure).where(Procedure.code == LONG).values(supplement_rule="resume"))
    code = _receive(db, site, procedure=LONG)
    _act(db, site, code, "request_supplement", MONDAY_0915 + D, missing=("Ảnh 4x6",))
    back = _local(2026, 11, 30, 10, 0)
    done = _act(db, site, code, "supplement_received", back)
    assert site.calendar.working_time_between(back, done.due_at) == 7 * site.calendar.working_day_length


def test_a_dossier_whose_papers_never_come_is_closed_after_15_days(site_db):
    db, site = site_db
    code = _receive(db, site, procedure=LONG)
    notice = _local(2026, 11, 23, 10, 0)  # Monday; 15 days later: Tuesday 08/12, until its close
    _act(db, site, code, "request_supplement", notice, missing=("Bản sao sổ hộ khẩu",))
    with pytest.raises(TransitionError, match="còn hạn bổ sung đến 17:00 08/12/2026"):
        _act(db, site, code, "close_unsupplemented", _local(2026, 12, 8, 16, 59))
    done = _act(db, site, code, "close_unsupplemented", _local(2026, 12, 9, 8, 0))
    assert done.status == "closed"
    with db.read() as s:
        report = periodic_report(s, site, date(2026, 12, 1), date(2026, 12, 31))
        assert queue.count(s, View.OPEN, LATER, site) == 0
    total = report.total
    assert total["closed"] == 1
    assert total["resolved_early"] + total["resolved_on_time"] + total["resolved_late"] == 0


def test_the_close_waits_for_the_next_working_day_when_the_15th_day_is_a_holiday(site_db):
    db, site = site_db
    code = _receive(db, site, at=_local(2026, 12, 17, 9, 0), procedure=LONG)  # Thursday
    _act(db, site, code, "request_supplement", _local(2026, 12, 17, 10, 0), missing=("x",))
    # 17/12 + 15 days = Friday 01/01/2027, Tết Dương lịch: the period runs to Monday 04/01 17:00.
    with pytest.raises(TransitionError, match="17:00 04/01/2027"):
        _act(db, site, code, "close_unsupplemented", _local(2027, 1, 4, 16, 0))
    assert _act(db, site, code, "close_unsupplemented", _local(2027, 1, 5, 8, 0)).status == "closed"


# ---------------------------------------------------------------- Điều 19 k6: apology and extension
def test_an_extension_is_asked_by_the_evening_before_the_appointments_day_and_once(site_db):
    db, site = site_db
    early, late = _receive(db, site, procedure=LONG), _receive(db, site, procedure=LONG)
    due = _dossier(db, early).due_at
    assert site.calendar.to_local(due) == _local(2026, 12, 3, 9, 15)
    new = _local(2026, 12, 10, 16, 0)
    done = _act(db, site, early, "extend", _local(2026, 12, 2, 23, 30), reason="Chờ xác minh",
                new_due_at=new, notified_by="sms")
    assert (done.due_at, done.extended_due_at, done.appointment) == (due, new, new)
    with pytest.raises(TransitionError, match="không quá một lần"):
        _act(db, site, early, "extend", _local(2026, 12, 2, 23, 40), reason="Lần hai",
             new_due_at=new + D, notified_by="phone")
    with pytest.raises(TransitionError, match="không quá một lần"):
        _act(db, site, early, "apologise", _local(2026, 12, 11, 9, 0), reason="Vẫn chậm", new_due_at=new + 3 * D)
    with db.read() as s:  # past the new date too: late, but nothing more to apologise with
        after = _local(2026, 12, 11, 9, 0)
        assert queue.count(s, View.OVERDUE, after, site) == 2  # both, against the original appointment
        assert queue.count(s, View.NEEDS_APOLOGY, after, site) == 1  # `late` only: `early` was rescheduled
    with pytest.raises(TransitionError, match="Đã quá thời hạn đề nghị gia hạn.*02/12/2026"):
        _act(db, site, late, "extend", _local(2026, 12, 3, 7, 30), reason="Chờ xác minh", new_due_at=new)
    with pytest.raises(TransitionError, match="thư điện tử, tin nhắn"):
        _act(db, site, late, "extend", _local(2026, 12, 1, 9, 0), reason="x", new_due_at=new, notified_by="zalo")


def test_an_extended_dossier_still_counts_late_against_its_original_appointment(site_db):
    db, site = site_db
    code = _receive(db, site, procedure=LONG)
    _act(db, site, code, "extend", _local(2026, 12, 1, 10, 0), reason="Chờ xác minh",
         new_due_at=_local(2026, 12, 10, 16, 0), notified_by="email")
    _act(db, site, code, "finish", _local(2026, 12, 4, 10, 0))  # before the new date, after the original
    with db.read() as s:
        total = periodic_report(s, site, date(2026, 12, 1), date(2026, 12, 31)).total
    assert total["resolved_late"] == 1 and total["resolved_on_time"] + total["resolved_early"] == 0
    assert _dossier(db, code).first_late_at == _dossier(db, code).due_at


def test_an_apology_after_the_appointment_is_recorded_marked_late_and_the_file_stays_late(site_db):
    db, site = site_db
    code = _receive(db, site)  # due Wednesday 25/11 09:15
    _act(db, site, code, "apologise", _local(2026, 11, 26, 9, 0), reason="Thiếu cán bộ",
         new_due_at=_local(2026, 11, 27, 16, 0))
    d = _dossier(db, code)
    assert d.apology_due_at is not None and d.first_late_at == d.due_at
    with db.read() as s:
        note = s.scalars(select(Dossier).where(Dossier.code == code)).one().events[-1].note
        assert "Xin lỗi sau khi đã quá hạn hẹn trả" in note
        assert queue.count(s, View.OVERDUE, _local(2026, 11, 26, 10, 0), site) == 1


# ---------------------------------------------------------------- Điều 21: stop at the applicant's request
def test_a_stop_is_possible_until_a_result_exists(site_db):
    db, site = site_db
    open_, ready = _receive(db, site, procedure=LONG), _receive(db, site, procedure=LONG)
    _act(db, site, open_, "transfer", MONDAY_0915 + H, to="Phòng Tư pháp")
    done = _act(db, site, open_, "stop", MONDAY_0915 + 2 * H, reason="Người nộp đổi ý",
                returned="Bản chính giấy khai sinh; lệ phí 200.000 đồng")
    assert done.status == "stopped"
    with db.read() as s:
        event = s.scalars(select(Dossier).where(Dossier.code == open_)).one().events[-1]
        assert event.note == "Lý do: Người nộp đổi ý\nĐã trả lại: Bản chính giấy khai sinh; lệ phí 200.000 đồng"
    _act(db, site, ready, "finish", MONDAY_0915 + 3 * H)
    with pytest.raises(TransitionError, match="Có kết quả"):
        _act(db, site, ready, "stop", MONDAY_0915 + 4 * H, reason="Muộn rồi")
    with pytest.raises(TransitionError, match="lý do dừng"):
        _act(db, site, _receive(db, site), "stop", MONDAY_0915 + H, reason="")


def test_a_refusal_after_review_ends_the_dossier_with_its_reason_and_basis(site_db):
    db, site = site_db
    code = _receive(db, site, procedure=LONG)
    done = _act(db, site, code, "refuse_after_review", MONDAY_0915 + D, reason="Không đủ điều kiện",
                legal_basis="Điều 7 Luật Lý lịch tư pháp 2009")
    assert done.status == "refused_after_review"
    with db.read() as s:
        total = periodic_report(s, site, date(2026, 11, 1), date(2026, 11, 30)).total
    assert total["refused"] == 1 and total["resolved_early"] == 0


# ---------------------------------------------------------------- a mistaken intake
def test_a_mistaken_intake_is_cancelled_the_same_day_by_its_officer_later_by_a_supervisor(site_db):
    db, site = site_db
    mine, other, old = (_receive(db, site) for _ in range(3))
    with pytest.raises(TransitionError, match="Chỉ cán bộ đã tiếp nhận"):
        _act(db, site, other, "cancel", MONDAY_0915 + H, reason="Nhầm thủ tục", user="cb.khac")
    assert _act(db, site, mine, "cancel", MONDAY_0915 + H, reason="Nhầm thủ tục", user="cb.tiepnhan").status == \
        "cancelled"
    with pytest.raises(TransitionError, match="trong ngày làm việc tiếp nhận"):
        _act(db, site, old, "cancel", MONDAY_0915 + D, reason="Nhầm người nộp", user="cb.tiepnhan")
    _act(db, site, old, "cancel", MONDAY_0915 + D, reason="Nhầm người nộp", user="ld.giamsat", role="supervisor")
    d = _dossier(db, mine)
    assert d.code == mine and d.closed_at is not None  # the code and the history stay
    with db.read() as s:
        total = periodic_report(s, site, date(2026, 11, 1), date(2026, 11, 30)).total
        assert queue.count(s, View.OPEN, MONDAY_0915 + 2 * D, site) == 1  # only `other`
        assert queue.count(s, View.OVERDUE, LATER, site) == 1
    assert total["received_direct"] == 1 and sum(total.values()) == 2  # `other`: received, in progress


# ---------------------------------------------------------------- a late file stays late
def test_a_supplement_and_its_restart_do_not_wash_a_late_file(site_db):
    """The sequence that washed a file before: one day late, «Yêu cầu bổ sung», «Đã nhận bổ sung»."""
    db, site = site_db
    code = _receive(db, site)  # due Wednesday 25/11 09:15
    missed = _dossier(db, code).due_at
    _act(db, site, code, "request_supplement", _local(2026, 11, 26, 9, 0), missing=("Tờ khai",))
    restarted = _act(db, site, code, "supplement_received", _local(2026, 11, 26, 15, 0))
    assert restarted.due_at == _local(2026, 11, 27, 15, 0)  # a new appointment tomorrow afternoon
    now = _local(2026, 11, 27, 9, 0)
    d = _dossier(db, code)
    assert d.first_late_at == missed
    with db.read() as s:
        assert queue.count(s, View.OVERDUE, now, site) == 1
        assert queue.count(s, View.NEEDS_APOLOGY, now, site) == 1
        assert [i.code for i in late_review(s, site, now)] == [code]
    _act(db, site, code, "finish", _local(2026, 11, 27, 10, 0))  # "on time" against the new appointment
    with db.read() as s:
        total = periodic_report(s, site, date(2026, 11, 1), date(2026, 11, 30)).total
        targets = cut_time_targets(s, site, date(2026, 11, 1), date(2026, 11, 30))
    assert total["resolved_late"] == 1 and total["resolved_on_time"] + total["resolved_early"] == 0
    row = next(r for r in targets.rows if r.code == SHORT)
    assert (row.resolved, row.within_committed) == (1, 0)


def test_the_report_of_a_month_not_over_counts_open_files_as_of_now(site_db):
    """On 03/12 the December report showed every open dossier late as of 31/12."""
    db, site = site_db
    code = _receive(db, site, at=_local(2026, 12, 1, 9, 0), procedure=LONG)  # due 10/12
    now = _local(2026, 12, 3, 10, 0)
    with db.read() as s:
        december = periodic_report(s, site, date(2026, 12, 1), date(2026, 12, 31), now=now).total
        after = periodic_report(s, site, date(2026, 12, 1), date(2026, 12, 31)).total
    assert (december["in_progress_within"], december["in_progress_overdue"]) == (1, 0)
    assert (after["in_progress_within"], after["in_progress_overdue"]) == (0, 1)  # the month seen once over
    assert _dossier(db, code).status == "received"
