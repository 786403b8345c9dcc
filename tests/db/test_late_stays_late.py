"""Issue 11: no sequence of actions washes a late file. Random sequences of transitions at random
times (hypothesis); an oracle written here, from the states and deadlines seen between actions,
says whether the file was ever late with its clock running; every figure must agree, at the end.

SQLite only: each example copies a migrated, seeded database file (the rules themselves are tested
on both engines in test_rules_2025.py and test_lifecycle.py)."""
from __future__ import annotations

import shutil
import uuid
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from onestop.db.models import Dossier
from onestop.dossiers import queue
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionError, TransitionRequest, apply, available_actions
from onestop.dossiers.queue import View
from onestop.dossiers.statuses import RUNNING
from onestop.figures.late_review import late_review
from onestop.figures.report import periodic_report
from onestop.figures.targets import cut_time_targets
from onestop.installation.bootstrap import open_database
from onestop.people.accounts import Actor
from tests.conftest import MONDAY_0915

PROCEDURES = ("1.004873", "DP.LLTP.01", "1.001193")  # 1 working day, 7 working days, same day
ARGS = {
    "transfer": {"to": "Phòng Tư pháp", "handler": "Lê Minh Quang"},
    "request_supplement": {"missing": ("Tờ khai có chữ ký",)},
    "refuse_after_review": {"reason": "Không đủ điều kiện", "legal_basis": "Điều 7"},
    "stop": {"reason": "Người nộp đề nghị"},
    "cancel": {"reason": "Nhầm thủ tục"},
}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("template")
    db, _ = open_database(f"sqlite:///{folder / 'onestop.db'}")
    db.dispose()
    return str(folder / "onestop.db")


def _args(name: str, at: datetime, due: datetime) -> dict:
    if name in ("apologise", "extend"):
        return {"reason": "Chờ xác minh", "new_due_at": max(at, due) + timedelta(days=3), "notified_by": "sms"}
    return ARGS.get(name, {})


steps = st.lists(st.tuples(st.integers(0, 20), st.integers(10, 60 * 24 * 6)), min_size=1, max_size=10)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(procedure=st.sampled_from(PROCEDURES), plan=steps, tail=st.integers(0, 60 * 24 * 8))
def test_a_dossier_once_late_is_late_in_every_figure(template, tmp_path, procedure, plan, tail):
    path = tmp_path / f"{uuid.uuid4().hex}.db"
    shutil.copyfile(template, path)
    db, site = open_database(f"sqlite:///{path}")
    try:
        code = save_intake(db, site, IntakeRequest(procedure_code=procedure, name="Trần Thị Thu Hà",
                                                   id_number="001190012345", received_at=MONDAY_0915),
                           now=MONDAY_0915, actor=Actor.named("cb.tiepnhan")).code
        at, was_late = MONDAY_0915, False
        d = _load(db, code)
        for pick, minutes in plan:
            nxt = at + timedelta(minutes=minutes)
            # The oracle: the clock ran from `at` to `nxt` under the deadline seen at `at`.
            was_late |= d.status in RUNNING and nxt > d.due_at
            at = nxt
            offered = available_actions(d, at)
            if not offered:
                continue
            name = offered[pick % len(offered)]
            try:
                apply(db, site, code, TransitionRequest(action=name, at=at,
                                                        **_args(name, at, d.due_at)), actor=Actor.named("cb.tiepnhan"), now=at)
            except TransitionError:
                assert _load(db, code).version == d.version  # refused: nothing written
            d = _load(db, code)
        end = at + timedelta(minutes=tail)
        was_late |= d.status in RUNNING and end > d.due_at
        _check_figures(db, site, d, procedure, end, was_late)
    finally:
        db.dispose()


def _load(db, code: str) -> Dossier:
    with db.read() as s:
        return s.scalars(select(Dossier).where(Dossier.code == code)).one()


def _check_figures(db, site, d: Dossier, procedure: str, end: datetime, was_late: bool) -> None:
    first, last = date(2026, 11, 1), site.calendar.to_local(end).date()
    with db.read() as s:
        if d.status == "cancelled":
            assert queue.count(s, View.OPEN, end, site) == 0
            assert not any(periodic_report(s, site, first, last, now=end).total.values())
            return
        assert (d.first_late_at is not None) == was_late or (d.status in RUNNING and end > d.due_at)
        if d.closed_at is None:
            assert queue.count(s, View.OVERDUE, end, site) == int(was_late)
            review = {i.code: i.lateness for i in late_review(s, site, end)}
            assert (review.get(d.code, "due_soon") != "due_soon") == was_late
            in_progress = periodic_report(s, site, first, last, now=end).total
            assert in_progress["in_progress_overdue"] == int(was_late)
            assert in_progress["in_progress_within"] == int(not was_late)
        elif d.status in ("result_ready", "returned"):
            total = periodic_report(s, site, first, last, now=end).total
            assert total["resolved_late"] == int(was_late)
            assert total["resolved_early"] + total["resolved_on_time"] == int(not was_late)
            row = next(r for r in cut_time_targets(s, site, first, last).rows if r.code == procedure)
            assert (row.resolved, row.within_committed) == (1, int(not was_late))
