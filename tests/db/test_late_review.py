"""The supervisor's late review on a hand-built week, on SQLite and PostgreSQL.

Now is Monday 23/11/2026 09:15 in Hà Nội; Tuesday 24/11 is a public holiday, so "due soon" (one
working day, 8 office hours) reaches Wednesday 25/11 09:15. Office hours 08:00–12:00, 13:00–17:00.
Every expected figure below is worked out by hand.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from onestop.db.models import Procedure
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.figures.late_review import LateFilter, LateGroup, Lateness, late_groups, late_review
from onestop.people.accounts import Actor
from tests.conftest import ENGINES, MONDAY_0915

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = MONDAY_0915
TU_PHAP, TNMT = "Phòng Tư pháp", "Phòng Tài nguyên và Môi trường"


def t(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=TZ)


SUPPLEMENT = {"missing": ("Bản sao CCCD",), "reason": "Bản sao mờ"}
CASES = {
    # 3d from Tue 17/11 09:00: due Fri 20/11 09:00 — overdue by 7 h (Fri) + 1.25 h (Mon) = 1.03 days.
    "A": ("1.004884", t(17, 9), [("transfer", t(17, 10), {"to": TU_PHAP, "handler": "Nguyễn Thị Lan"})]),
    # 1d / 2d from Mon 16/11 09:00: due 17/11 09:00, statutory 18/11 09:00 — over the statutory
    # time, overdue by 7+8+8+8+1.25 h = 4.03 days; apologised (a new date does not wash it out).
    "B": ("DP.CT.01", t(16, 9), [("transfer", t(16, 10), {"to": TU_PHAP, "handler": "Trần Văn Hải"}),
                                 ("apologise", t(18, 10), {"reason": "Chờ xác minh", "new_due_at": t(20, 17)})]),
    # 3d from Thu 19/11 09:00: 20, 23, 25 (24 is a holiday) → due Wed 25/11 09:00, inside the
    # horizon: due soon, 6.75 + 1 h = 0.97 days left. Never transferred.
    "C": ("DP.XD.04", t(19, 9), []),
    # 7d from Mon 9/11 09:00: due Wed 18/11 09:00; waiting for fees from 19/11 09:00, one working day
    # late (papers could no longer be asked: NĐ 118/2025 gives 3 working days from receipt): the
    # stopped clock keeps it overdue by 1.0 day (statutory 23/11 09:00 was 16 h away: not over).
    "D": ("DP.DD.02", t(9, 9), [("transfer", t(9, 10), {"to": TNMT}),
                                ("await_payment", t(19, 9), {})]),
    # Paused before its date (due 26/11): neither late nor due soon.
    "E": ("DP.DD.02", t(16, 9), [("request_supplement", t(17, 9), SUPPLEMENT)]),
    # Late, but the result is ready: not in the review.
    "F": ("1.004884", t(16, 9), [("finish", t(20, 10), {})]),
    # Open and far from its date.
    "G": ("DP.LLTP.01", t(20, 9), []),
}


def build_week(db, site) -> dict[str, str]:
    """Receives and moves every case; returns label → dossier code."""
    codes = {}
    for label, (procedure, received, steps) in CASES.items():
        req = IntakeRequest(procedure_code=procedure, name=f"Người nộp {label}", id_number="001190012345",
                            phone="0912345678", received_at=received)
        codes[label] = save_intake(db, site, req, now=NOW, actor=Actor.named("cb.tiepnhan")).code
        for action, at, kw in steps:
            apply(db, site, codes[label], TransitionRequest(action=action, at=at, **kw), actor=Actor.named("cb.xuly"), now=NOW)
    return codes


@pytest.fixture
def week(site_db):
    db, site = site_db
    return db, site, build_week(db, site)


def _review(db, site, codes, flt=LateFilter()):
    labels = {code: label for label, code in codes.items()}
    with db.read() as s:
        return [(labels[i.code], i.lateness, i.days_overdue, i.apologised, i.department, i.officer)
                for i in late_review(s, site, NOW, flt)]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_review_lists_late_and_at_risk_dossiers_most_overdue_first(week):
    db, site, codes = week
    assert _review(db, site, codes) == [
        ("B", Lateness.OVER_STATUTORY, 4.0, True, TU_PHAP, "Trần Văn Hải"),
        ("D", Lateness.OVERDUE, 1.0, False, TNMT, "Chưa giao cán bộ"),  # tie with A: by code (9/11 first)
        ("A", Lateness.OVERDUE, 1.0, False, TU_PHAP, "Nguyễn Thị Lan"),
        ("C", Lateness.DUE_SOON, -1.0, False, "Chưa chuyển xử lý", "Chưa giao cán bộ"),
    ]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_review_filters(week):
    db, site, codes = week
    only = lambda flt: [row[0] for row in _review(db, site, codes, flt)]  # noqa: E731
    assert only(LateFilter(kinds=frozenset({Lateness.OVER_STATUTORY}))) == ["B"]
    assert only(LateFilter(kinds=frozenset({Lateness.OVERDUE, Lateness.DUE_SOON}))) == ["D", "A", "C"]
    assert only(LateFilter(apologised=False)) == ["D", "A", "C"]
    assert only(LateFilter(apologised=True)) == ["B"]
    assert only(LateFilter(group_by="department", group_key=TU_PHAP)) == ["B", "A"]
    assert only(LateFilter(group_by="field", group_key="Đất đai")) == ["D"]
    with db.read() as s:
        name = s.scalar(select(Procedure.name).where(Procedure.code == "1.004884"))
    assert only(LateFilter(group_by="procedure", group_key=f"1.004884 — {name}")) == ["A"]
    assert only(LateFilter(group_by="officer", group_key="Chưa giao cán bộ")) == ["D", "C"]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_group_counts(week):
    db, site, _ = week
    with db.read() as s:
        by_department = late_groups(s, site, NOW, "department")
        by_field = late_groups(s, site, NOW, "field")
        by_officer = late_groups(s, site, NOW, "officer")
        overdue_only = late_groups(s, site, NOW, "department", LateFilter(kinds=frozenset({Lateness.OVERDUE})))
    # (key, over statutory, overdue incl. over statutory, due soon, apologised)
    assert by_department == [LateGroup(TU_PHAP, 1, 2, 0, 1), LateGroup(TNMT, 0, 1, 0, 0),
                             LateGroup("Chưa chuyển xử lý", 0, 0, 1, 0)]
    assert by_field == [LateGroup("Chứng thực", 1, 1, 0, 1),
                        LateGroup("Đất đai", 0, 1, 0, 0), LateGroup("Hộ tịch", 0, 1, 0, 0),
                        LateGroup("Xây dựng", 0, 0, 1, 0)]
    assert by_officer == [LateGroup("Chưa giao cán bộ", 0, 1, 1, 0), LateGroup("Nguyễn Thị Lan", 0, 1, 0, 0),
                          LateGroup("Trần Văn Hải", 1, 1, 0, 1)]
    # Ties in Vietnamese order of the name: "Phòng Tài…" before "Phòng Tư…".
    assert overdue_only == [LateGroup(TNMT, 0, 1, 0, 0), LateGroup(TU_PHAP, 0, 1, 0, 0)]


def test_unknown_grouping_is_refused(site_db):
    db, site = site_db
    with db.read() as s, pytest.raises(ValueError, match="Không nhóm được"):
        late_groups(s, site, NOW, "colour")
