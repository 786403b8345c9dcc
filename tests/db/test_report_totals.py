"""The periodic report agrees with the dossier export and with itself (a year of demo data)."""
from __future__ import annotations

import csv
from datetime import date, datetime

import pytest

from onestop.dossiers.export import dossier_rows
from onestop.dossiers.statuses import REFUSALS
from onestop.figures.report import COUNTS, periodic_report
from onestop.installation.demo import generate
from tests.conftest import ENGINES

START, END = date(2026, 9, 1), date(2026, 10, 31)


@pytest.fixture
def demo_year(site_db):
    db, site = site_db
    generate(db, site, dossiers=1500, seed=21, now=datetime(2026, 11, 23, 9, 15, tzinfo=site.calendar.tz))
    return db, site


def _in_period(value: str) -> bool:
    return bool(value) and START <= datetime.fromisoformat(value).date() <= END


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_report_totals_equal_what_the_export_gives(demo_year):
    db, site = demo_year
    with db.read() as s:
        total = periodic_report(s, site, START, END, "procedure").total
        rows = list(dossier_rows(s, site.calendar))
    received = [r for r in rows if _in_period(r["received_at"])]
    # Refusals (at reception's counterpart in 2018, after review in 2025) are not resolved dossiers.
    resolved = [r for r in rows if _in_period(r["finished_at"]) and r["status"] not in REFUSALS]

    def kind(r):  # DESIGN.md: late after the appointment or once late before, early on an earlier local date
        finished, due = datetime.fromisoformat(r["finished_at"]), datetime.fromisoformat(r["due_at"])
        late = finished > due or r["first_late_at"] != ""
        return "late" if late else "early" if finished.date() < due.date() else "on_time"

    assert total["received_online"] == sum(r["channel"] == "online" for r in received)
    assert total["received_direct"] == sum(r["channel"] != "online" for r in received)
    for k in ("early", "on_time", "late"):
        assert total[f"resolved_{k}"] == sum(kind(r) == k for r in resolved)
    assert total["returned"] == sum(_in_period(r["returned_at"]) for r in rows)
    assert total["refused"] == sum(r["status"] in REFUSALS and _in_period(r["finished_at"]) for r in rows)
    assert total["refused"] > 0  # the demo's 2026 refusals are all after review (NĐ 118/2025 Điều 19 k3)
    assert total["resolved_late"] > 0 and total["carried_over"] > 0


@pytest.mark.parametrize("by", ["field", "procedure"])
def test_every_dossier_is_accounted_for_once(demo_year, by):
    """Carried over + received = resolved + refused + withdrawn (stopped) + closed + still in progress
    at the end."""
    db, site = demo_year
    with db.read() as s:
        report = periodic_report(s, site, START, END, by)
    assert report.rows
    for counts in [r.counts for r in report.rows] + [report.total]:
        came = counts["carried_over"] + counts["received_online"] + counts["received_direct"]
        went = sum(counts[c] for c in ("resolved_early", "resolved_on_time", "resolved_late", "refused",
                                       "withdrawn", "closed", "in_progress_within", "in_progress_overdue"))
        assert came == went
    assert report.total == {c: sum(r.counts[c] for r in report.rows) for c in COUNTS}
    lines = list(csv.reader(report.to_csv().splitlines()))
    assert lines[0][2:] == list(COUNTS) and lines[-1][0] == "total"
    assert [int(x) for x in lines[-1][2:]] == [report.total[c] for c in COUNTS]
