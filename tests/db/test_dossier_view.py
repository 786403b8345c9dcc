"""Issue 13, step 6: what the dossier window shows, read without a window (onestop.dossiers.view)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.dossiers.lookup import DossierNotFound
from onestop.dossiers.view import dossier_view
from onestop.people.accounts import Actor
from tests.conftest import ENGINES, MONDAY_0915

OFFICER = Actor("lan.nt", "Nguyễn Thị Lan", "officer")
SUPERVISOR = Actor("hai.tv", "Trần Văn Hải", "supervisor")
HOUR, DAY = timedelta(hours=1), timedelta(days=1)


def _receive(db, site) -> str:
    req = IntakeRequest("1.004884", "Phạm Thu Hà", "001190012345", phone="0912345678", address="Số 5 phố Kim Mã",
                        received_at=MONDAY_0915)
    return save_intake(db, site, req, actor=OFFICER, now=MONDAY_0915).code


def _act(db, site, code, action, at, **kw):
    return apply(db, site, code, TransitionRequest(action, at=at, **kw), actor=OFFICER, now=at)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_new_dossier_seen_by_an_officer_and_by_a_supervisor(site_db):
    db, site = site_db
    code = _receive(db, site)
    mine = dossier_view(db, site, code, OFFICER, MONDAY_0915 + HOUR)
    theirs = dossier_view(db, site, code, SUPERVISOR, MONDAY_0915 + HOUR)
    assert (mine.id_number_shown, mine.phone_shown) == ("001190012345", "0912345678")
    assert (theirs.id_number_shown, theirs.phone_shown) == ("001•••••••45", "091•••••78")
    assert theirs.applicant_id_number == "001190012345"  # the return desk's check, never shown as such
    assert mine.status == "received" and mine.version == 1 and mine.received_by == "Nguyễn Thị Lan"
    assert mine.due.held and not mine.statutory.held and mine.due.at < mine.statutory.at
    assert mine.due.left > timedelta(0) and mine.due.left_when_paused is None
    assert "transfer" in mine.actions and "return" not in mine.actions and "apologise" not in mine.actions
    assert [e.action for e in mine.events] == ["receive"] and [a.kind for a in mine.appointments] == ["receipt"]
    assert mine.printable == frozenset() and mine.result_kind is None and mine.returned is None


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_paused_then_late_dossier_keeps_its_late_mark(site_db):
    db, site = site_db
    code = _receive(db, site)
    _act(db, site, code, "request_supplement", MONDAY_0915 + HOUR, missing=("Tờ khai có chữ ký",))
    paused = dossier_view(db, site, code, OFFICER, MONDAY_0915 + 2 * HOUR)
    assert paused.pause_kind == "supplement" and paused.pause_started_at == MONDAY_0915 + HOUR
    assert paused.due.left is None and paused.due.left_when_paused is not None
    assert "supplement_received" in paused.actions
    _act(db, site, code, "supplement_received", MONDAY_0915 + DAY)
    late_at = MONDAY_0915 + 14 * DAY
    late = dossier_view(db, site, code, OFFICER, late_at)
    assert late.due.left < timedelta(0) and "apologise" in late.actions  # overdue: the apology is owed
    _act(db, site, code, "finish", late_at)
    done = dossier_view(db, site, code, OFFICER, late_at + HOUR)
    assert done.result_kind == "late" and done.finished_at == late_at and done.actions == ("return",)
    assert done.status == "result_ready" and done.first_late_at is None  # late at its own appointment


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_returned_dossier_names_its_collector_as_the_actor_may_see_it(site_db):
    db, site = site_db
    code = _receive(db, site)
    _act(db, site, code, "finish", MONDAY_0915 + HOUR)
    _act(db, site, code, "return", MONDAY_0915 + 2 * HOUR, collector_kind="authorised",
         collector_name="Lê Văn Bình", collector_id="001090000001")
    view = dossier_view(db, site, code, SUPERVISOR, MONDAY_0915 + 3 * HOUR)
    assert view.result_kind == "early" and view.closed_at is not None and view.actions == ()
    assert view.returned is not None and view.returned.to_kind == "authorised"
    assert (view.returned.name, view.returned.id_shown) == ("Lê Văn Bình", "001•••••••01")
    assert dossier_view(db, site, code, OFFICER, MONDAY_0915 + 3 * HOUR).returned.id_shown == "001090000001"
    with pytest.raises(DossierNotFound):
        dossier_view(db, site, code + "9", OFFICER, MONDAY_0915)
