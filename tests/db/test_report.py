"""The periodic report (issue 4) on a hand-built November 2026, on SQLite and PostgreSQL.

Every expected number below is worked out by hand from the report's specification (the docstring
of onestop/report.py) and DESIGN.md — the clock, early / on time / late, apologies — not from the
implementation. Office hours Mon–Fri 08:00–12:00 and 13:00–17:00, Asia/Ho_Chi_Minh; Tuesday
24/11/2026 is a public holiday (Ngày Văn hóa Việt Nam). N working days from a receipt inside office
hours end at the same time of day N working days later.

Procedures used (committed time, supplement rule):
  DP.LLTP.01 Lý lịch tư pháp 7d restart · 1.001193 Hộ tịch same day · 1.004873 Hộ tịch 1d ·
  1.004884 Hộ tịch 3d · DP.DD.02 Đất đai 7d restart · DP.DD.05 Đất đai 10d resume ·
  DP.XD.04 / DP.XD.05 Xây dựng 3d restart · DP.CT.01 Chứng thực 1d.

Every dossier here is received after 01/07/2025, under NĐ 118/2025 (Điều 19 k5): a supplement is
asked within 03 working days of receipt and the time restarts from zero when the papers come,
whatever the procedure's rule ("resume" holds for NĐ 61/2018 dossiers only); a payment pause still
resumes; the applicant stops a dossier (counted as withdrawn); a refusal is after review; a
dossier whose papers never came is closed; a mistaken intake cancelled is in no count.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import case as sql_case
from sqlalchemy import create_engine, literal, select
from sqlalchemy.orm import Session

from onestop.cli import main
from onestop.db.models import Dossier, Procedure
from onestop.db.types import UTCDateTime
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.figures.report import COUNTS, _early, periodic_report
from onestop.people.accounts import Actor
from tests.conftest import ENGINES

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
START, END = date(2026, 11, 1), date(2026, 11, 30)


def t(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    """A Hà Nội wall-clock instant."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


NOW = t(15, 1, 9, year=2027)  # "now" for every save and action: after every instant used below

SUPPLEMENT = {"missing": ("Bản sao CCCD có chứng thực",), "reason": "Bản sao mờ"}
APOLOGY = {"reason": "Chờ cơ quan phối hợp xác minh"}


@dataclass(frozen=True)
class Case:
    label: str
    procedure: str
    channel: str
    received: datetime
    steps: tuple[tuple[str, datetime, dict], ...]
    due: datetime  # due_at as it stands at the end of the steps, worked out by hand


CASES = (
    # ---------------------------------------------------------------- Lý lịch tư pháp (7d, restart)
    # Received, finished and returned in October: counts nowhere.
    Case("L0", "DP.LLTP.01", "direct", t(12, 10, 9),
         (("finish", t(15, 10, 9), {}), ("return", t(16, 10, 9), {})),
         due=t(21, 10, 9)),  # 13,14,15,16,19,20,21/10
    # Carried over and still open at the end; due 3/11, so overdue. The apology's new date (7/12)
    # is after the end but does not wash the lateness out: still overdue.
    Case("L1", "DP.LLTP.01", "direct", t(23, 10, 9),
         (("transfer", t(26, 10, 9), {"to": "Phòng Tư pháp"}),
          ("apologise", t(4, 11, 9), {**APOLOGY, "new_due_at": t(7, 12, 17)})),
         due=t(3, 11, 9)),  # 26,27,28,29,30/10, 2,3/11
    # Carried over, finished 4/11 before its date 6/11 (early), returned 5/11.
    Case("L2", "DP.LLTP.01", "online", t(28, 10, 10),
         (("finish", t(4, 11, 15), {}), ("return", t(5, 11, 9), {})),
         due=t(6, 11, 10)),  # 29,30/10, 2,3,4,5,6/11
    # Finished in October (closed before the period: not carried over), returned 2/11: returned only.
    Case("L3", "DP.LLTP.01", "direct", t(19, 10, 9),
         (("finish", t(23, 10, 10), {}), ("return", t(2, 11, 9, 30), {})),
         due=t(28, 10, 9)),  # 20,21,22,23,26,27,28/10
    # Late (due 11/11 14:00), apologised 12/11 with a new date 20/11, finished 18/11: still late.
    Case("L4", "DP.LLTP.01", "direct", t(2, 11, 14),
         (("transfer", t(2, 11, 15), {"to": "Phòng Tư pháp"}),
          ("apologise", t(12, 11, 9), {**APOLOGY, "new_due_at": t(20, 11, 17)}),
          ("finish", t(18, 11, 10), {}), ("return", t(19, 11, 9), {})),
         due=t(11, 11, 14)),  # 3,4,5,6,9,10,11/11
    # Due 12/11 09:00; waiting for fees from 13/11 (already late; a supplement could no longer be
    # asked, its 3 working days ended 6/11), paid 2/12: nothing was left, due the moment work resumes.
    # Clock stopped at the end while late: overdue (not within, despite the new date after the end).
    Case("L5", "DP.LLTP.01", "online", t(3, 11, 9),
         (("await_payment", t(13, 11, 10), {}), ("paid", t(2, 12, 9), {})),
         due=t(2, 12, 9)),  # receipt: 4,5,6,9,10,11,12/11
    # Due 18/11 09:00; supplement asked 11/11 (within 3 working days, not late), papers 3/12 restart
    # the clock to 14/12. Clock stopped at the end and not late when stopped: within, though 18/11 < 30/11.
    Case("L6", "DP.LLTP.01", "direct", t(9, 11, 9),
         (("request_supplement", t(11, 11, 10), SUPPLEMENT), ("supplement_received", t(3, 12, 9), {})),
         due=t(14, 12, 9)),  # receipt: 10,11,12,13,16,17,18/11; restart: 4,7,8,9,10,11,14/12
    # Received online at 06:30 on 1/12 in Hà Nội (23:30 on 30/11 in UTC): after the period.
    Case("L7", "DP.LLTP.01", "online", t(1, 12, 6, 30), (),
         due=t(9, 12, 17)),  # counting from 08:00 on 1/12: 1,2,3,4,7,8,9/12, ends at a closing
    # ---------------------------------------------------------------- Hộ tịch
    # Same day, online at 09:00: due 17:00 that day, finished 16:00 — on time (same date, earlier).
    Case("H1", "1.001193", "online", t(2, 11, 9), (("finish", t(2, 11, 16), {}),),
         due=t(2, 11, 17)),
    # Same day, at 15:30 (after the 15:00 cut-off): due at the close of 4/11, finished a minute later.
    Case("H2", "1.001193", "direct", t(3, 11, 15, 30), (("finish", t(4, 11, 17, 1), {}),),
         due=t(4, 11, 17)),
    # By post (counts as direct), 1d: due 13/11 14:00, finished exactly then — on time; returned 16/11.
    Case("H3", "1.004873", "post", t(12, 11, 14),
         (("finish", t(13, 11, 14), {}), ("return", t(16, 11, 9), {})),
         due=t(13, 11, 14)),
    # Stopped at the applicant's request the day after receipt: counted as withdrawn.
    Case("H4", "1.004884", "direct", t(9, 11, 9), (("stop", t(10, 11, 10), {"reason": "Xin dừng"}),),
         due=t(12, 11, 9)),  # 10,11,12/11
    # Online at 18:00 on the last day (11:00 UTC): received in the period; due the close of 1/12,
    # finished 1/12: still open at the end and within.
    Case("H5", "1.001193", "online", t(30, 11, 18), (("finish", t(1, 12, 10), {}),),
         due=t(1, 12, 17)),
    # Taken in error and cancelled half an hour later: in no count at all (not even received).
    Case("H6", "1.004873", "direct", t(16, 11, 9),
         (("cancel", t(16, 11, 9, 30), {"reason": "Tiếp nhận nhầm thủ tục", "role": "supervisor"}),),
         due=t(17, 11, 9)),
    # ---------------------------------------------------------------- Đất đai
    # Refused after review 9/11: counts in refused, not in resolved.
    Case("D1", "DP.DD.02", "direct", t(3, 11, 9),
         (("transfer", t(3, 11, 10), {"to": "Phòng Tài nguyên và Môi trường"}),
          ("refuse_after_review", t(9, 11, 10),
           {"reason": "Thửa đất đang tranh chấp", "legal_basis": "Điều 45 Luật Đất đai"})),
         due=t(12, 11, 9)),  # 4,5,6,9,10,11,12/11
    # Online 25/11, due 9/12; open at the end (stopped only on 2/12): within.
    Case("D2", "DP.DD.05", "online", t(25, 11, 10), (("stop", t(2, 12, 10), {"reason": "Xin dừng"}),),
         due=t(9, 12, 10)),  # 26,27,30/11, 1,2,3,4,7,8,9/12
    # Carried over while waiting for papers; they arrive 10/11 and restart the clock: due 19/11
    # (the receipt's 9/11 no longer holds), finished 19/11 06:45 — on time: the same Hà Nội date
    # (though 18/11 in UTC).
    Case("D3", "DP.DD.02", "direct", t(29, 10, 9),
         (("request_supplement", t(30, 10, 9), SUPPLEMENT), ("supplement_received", t(10, 11, 9), {}),
          ("finish", t(19, 11, 6, 45), {})),
         due=t(19, 11, 9)),  # receipt 30/10, 2,3,4,5,6,9/11; restart 11,12,13,16,17,18,19/11
    # Carried over; due 9/11, supplement asked 29/10 (the 3rd working day), papers 16/11: a "resume"
    # procedure, but NĐ 118/2025 restarts the 10 days, due 1/12 (not 9/11); finished 20/11 — early.
    Case("D4", "DP.DD.05", "direct", t(26, 10, 9),
         (("request_supplement", t(29, 10, 9), SUPPLEMENT), ("supplement_received", t(16, 11, 9), {}),
          ("finish", t(20, 11, 15), {})),
         due=t(1, 12, 9)),  # receipt 27..30/10, 2..6, 9/11; restart 17..20, 23, 25..27, 30/11, 1/12
    # Due 26/11 at receipt; papers on 25/11 restart the clock to 4/12, the appointment in force at
    # the end: within.
    Case("D5", "DP.DD.02", "direct", t(16, 11, 9),
         (("request_supplement", t(17, 11, 9), SUPPLEMENT), ("supplement_received", t(25, 11, 9), {}),
          ("finish", t(3, 12, 10), {})),
         due=t(4, 12, 9)),  # receipt 17,18,19,20,23,25,26/11; restart 26,27,30/11, 1,2,3,4/12
    # ---------------------------------------------------------------- Xây dựng (3d, restart)
    # Due Fri 27/11 (24/11 is a holiday), open at the end: overdue. Waiting for fees from 1/12 and
    # paid 2/12, after the end (a supplement's 3 working days ended 27/11), moves the clock to 2/12,
    # which must not change November's report.
    Case("X1", "DP.XD.04", "direct", t(23, 11, 9),
         (("await_payment", t(1, 12, 9), {}), ("paid", t(2, 12, 9), {})),
         due=t(2, 12, 9)),  # receipt 25,26,27/11; nothing left when the fees were asked
    # By post, due 30/11 09:00, finished at 06:30 on 1/12 Hà Nội time (23:30 UTC on 30/11):
    # after the period, so open and overdue at its end.
    Case("X2", "DP.XD.05", "post", t(25, 11, 9), (("finish", t(1, 12, 6, 30), {}),),
         due=t(30, 11, 9)),  # 26,27,30/11
    # Due 19/11; supplement 18/11, papers 20/11 restart the clock to 26/11 (24/11 skipped);
    # finished 25/11 — early; returned 27/11.
    Case("X3", "DP.XD.04", "direct", t(16, 11, 9),
         (("request_supplement", t(18, 11, 9), SUPPLEMENT), ("supplement_received", t(20, 11, 9), {}),
          ("finish", t(25, 11, 16), {}), ("return", t(27, 11, 9), {})),
         due=t(26, 11, 9)),  # receipt 17,18,19/11; restart 23,25,26/11
    # Supplement asked 3/11; no papers 15 days after the notice (18/11): closed 19/11 — counted in
    # closed, never as resolved, and not open at the end.
    Case("X4", "DP.XD.05", "direct", t(2, 11, 9),
         (("request_supplement", t(3, 11, 9), SUPPLEMENT), ("close_unsupplemented", t(19, 11, 9), {})),
         due=t(5, 11, 9)),  # 3,4,5/11
    # ---------------------------------------------------------------- Chứng thực (1d)
    # Online at 06:00 on Sunday 1/11 (23:00 UTC on 31/10): received in the period, not carried over.
    # Counting starts Monday 08:00: due Monday 17:00; finished Tuesday 10:00 — late.
    Case("C1", "DP.CT.01", "online", t(1, 11, 6), (("finish", t(3, 11, 10), {}),),
         due=t(2, 11, 17)),
)


def _zero() -> dict[str, int]:
    return dict.fromkeys(COUNTS, 0)


EXPECTED_BY_FIELD = {
    "from": "2026-11-01", "to": "2026-11-30", "by": "field",
    "rows": [
        {"key": "Chứng thực", "name": "Chứng thực",  # C1
         "carried_over": 0, "received_online": 1, "received_direct": 0,
         "resolved_early": 0, "resolved_on_time": 0, "resolved_late": 1,
         "in_progress_within": 0, "in_progress_overdue": 0,
         "returned": 0, "refused": 0, "withdrawn": 0, "closed": 0},
        {"key": "Đất đai", "name": "Đất đai",  # D1–D5 (sorted as "dat dai": Vietnamese order, not bytes)
         "carried_over": 2, "received_online": 1, "received_direct": 2,
         "resolved_early": 1, "resolved_on_time": 1, "resolved_late": 0,
         "in_progress_within": 2, "in_progress_overdue": 0,
         "returned": 0, "refused": 1, "withdrawn": 0, "closed": 0},
        {"key": "Hộ tịch", "name": "Hộ tịch",  # H1–H5 (H6 cancelled: nowhere)
         "carried_over": 0, "received_online": 2, "received_direct": 3,
         "resolved_early": 0, "resolved_on_time": 2, "resolved_late": 1,
         "in_progress_within": 1, "in_progress_overdue": 0,
         "returned": 1, "refused": 0, "withdrawn": 1, "closed": 0},
        {"key": "Lý lịch tư pháp", "name": "Lý lịch tư pháp",  # L1–L6 (L0, L7 nowhere)
         "carried_over": 2, "received_online": 1, "received_direct": 2,
         "resolved_early": 1, "resolved_on_time": 0, "resolved_late": 1,
         "in_progress_within": 1, "in_progress_overdue": 2,
         "returned": 3, "refused": 0, "withdrawn": 0, "closed": 0},
        {"key": "Xây dựng", "name": "Xây dựng",  # X1–X4
         "carried_over": 0, "received_online": 0, "received_direct": 4,
         "resolved_early": 1, "resolved_on_time": 0, "resolved_late": 0,
         "in_progress_within": 0, "in_progress_overdue": 2,
         "returned": 1, "refused": 0, "withdrawn": 0, "closed": 1},
    ],
    "total": {
        "carried_over": 4, "received_online": 5, "received_direct": 11,
        "resolved_early": 3, "resolved_on_time": 3, "resolved_late": 3,
        "in_progress_within": 4, "in_progress_overdue": 4,
        "returned": 5, "refused": 1, "withdrawn": 1, "closed": 1,
    },
}

# By procedure: only the non-zero counts, by hand, dossier by dossier.
EXPECTED_BY_PROCEDURE = {
    "1.001193": {"received_online": 2, "received_direct": 1, "resolved_on_time": 1, "resolved_late": 1,
                 "in_progress_within": 1},  # H1, H2, H5
    "1.004873": {"received_direct": 1, "resolved_on_time": 1, "returned": 1},  # H3
    "1.004884": {"received_direct": 1, "withdrawn": 1},  # H4
    "DP.CT.01": {"received_online": 1, "resolved_late": 1},  # C1
    "DP.DD.02": {"carried_over": 1, "received_direct": 2, "resolved_on_time": 1, "in_progress_within": 1,
                 "refused": 1},  # D1, D3, D5
    "DP.DD.05": {"carried_over": 1, "received_online": 1, "resolved_early": 1, "in_progress_within": 1},  # D2, D4
    "DP.LLTP.01": {"carried_over": 2, "received_online": 1, "received_direct": 2, "resolved_early": 1,
                   "resolved_late": 1, "in_progress_within": 1, "in_progress_overdue": 2,
                   "returned": 3},  # L1–L6
    "DP.XD.04": {"received_direct": 2, "resolved_early": 1, "in_progress_overdue": 1, "returned": 1},  # X1, X3
    "DP.XD.05": {"received_direct": 2, "in_progress_overdue": 1, "closed": 1},  # X2, X4
}


def _build(db, site) -> dict[str, str]:
    """Receives and moves every case; returns label → dossier code, after checking each due_at."""
    codes = {}
    for case in CASES:
        req = IntakeRequest(procedure_code=case.procedure, name="Nguyễn Văn An", id_number="001190012345",
                            phone="0912345678", channel=case.channel, received_at=case.received)
        code = save_intake(db, site, req, now=NOW, actor=Actor.named("cb.tiepnhan")).code
        for action, at, kw in case.steps:
            kw = dict(kw)
            actor = Actor.named("cb.xuly", kw.pop("role", "officer"))
            apply(db, site, code, TransitionRequest(action=action, at=at, **kw), actor=actor, now=NOW)
        codes[case.label] = code
    # The fixture's own premise: the appointments worked out by hand are the ones stored.
    with db.read() as s:
        stored = dict(s.execute(select(Dossier.code, Dossier.due_at)).all())
    assert {c.label: stored[codes[c.label]] for c in CASES} == {c.label: c.due for c in CASES}
    return codes


@pytest.fixture
def november(site_db):
    db, site = site_db
    _build(db, site)
    return db, site


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_november_by_field(november):
    db, site = november
    with db.read() as s:
        report = periodic_report(s, site, start=START, end=END, by="field")
    got = report.to_json()
    # Row by row first, so that a failure names the field.
    assert [r["key"] for r in got["rows"]] == [r["key"] for r in EXPECTED_BY_FIELD["rows"]]
    for want, have in zip(EXPECTED_BY_FIELD["rows"], got["rows"]):
        assert have == want, want["key"]
    assert got["total"] == EXPECTED_BY_FIELD["total"]
    assert got == EXPECTED_BY_FIELD


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_november_by_procedure_total_is_the_sum_of_the_rows(november):
    db, site = november
    with db.read() as s:
        report = periodic_report(s, site, start=START, end=END, by="procedure")
        names = dict(s.execute(select(Procedure.code, Procedure.name)).all())
    got = report.to_json()
    assert (got["from"], got["to"], got["by"]) == ("2026-11-01", "2026-11-30", "procedure")
    keys = [r["key"] for r in got["rows"]]
    assert keys == sorted(EXPECTED_BY_PROCEDURE)
    for row in got["rows"]:
        assert row["name"] == names[row["key"]]
        assert {c: row[c] for c in COUNTS} == {**_zero(), **EXPECTED_BY_PROCEDURE[row["key"]]}, row["key"]
    assert got["total"] == {c: sum(r[c] for r in got["rows"]) for c in COUNTS}
    # The same dossiers, grouped differently: the same total as by field.
    assert got["total"] == EXPECTED_BY_FIELD["total"]


def test_cli_report_json_and_csv(november, database_url, tmp_path, capsys):
    json_path, csv_path = tmp_path / "bao-cao.json", tmp_path / "bao-cao.csv"
    base = ["--database", database_url, "report", "--from", "2026-11-01", "--to", "2026-11-30", "--by", "field"]
    assert main([*base, "--format", "json", "-o", str(json_path)]) == 0
    assert json.loads(json_path.read_text(encoding="utf-8")) == EXPECTED_BY_FIELD

    assert main([*base, "--format", "csv", "-o", str(csv_path)]) == 0
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    capsys.readouterr()
    assert lines[0] == ["key", "name", *COUNTS]
    body, total = lines[1:-1], lines[-1]
    assert body == [[r["key"], r["name"], *(str(r[c]) for c in COUNTS)] for r in EXPECTED_BY_FIELD["rows"]]
    assert total[0] == "total"
    assert [int(x) for x in total[2:]] == [EXPECTED_BY_FIELD["total"][c] for c in COUNTS]


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(TZ)),
       st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)))
def test_early_in_sql_is_an_earlier_hanoi_date(finished, ahead):
    """SQLite's shortcut on stored UTC text (onestop.figures.report._early) against plain date arithmetic."""
    due = finished + ahead
    engine = create_engine("sqlite://")
    with Session(engine) as session:
        f, d = (literal(x, UTCDateTime()) for x in (finished, due))
        got = session.scalar(select(sql_case((_early("sqlite", f, d), 1), else_=0)))
    assert bool(got) == (finished.astimezone(TZ).date() < due.astimezone(TZ).date())
