"""Bad input that the probe of issue 12 found let through or ending in a traceback: dates out of
range, undecodable arguments, tricky text, demo data on a real database, the services' odd values.
The command line runs as real subprocesses (bytes arguments included) on both engines."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Dossier
from onestop.export import dossier_rows
from onestop.intake import IntakeError, IntakeRequest, save_intake
from onestop.lifecycle import TransitionError, TransitionRequest, apply
from onestop.periods import instants
from tests.conftest import ENGINES, MONDAY_0915

ROOT = Path(__file__).resolve().parents[1]
NOW = MONDAY_0915


def cli(url: str, *argv: str | bytes) -> tuple[int, str, str]:
    """`onestop --database URL ARGV…` in a subprocess; bytes arguments reach sys.argv undecoded."""
    args = [os.fsencode(sys.executable), b"-m", b"onestop", b"--database", url.encode()]
    args += [a if isinstance(a, bytes) else a.encode() for a in argv]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(args, cwd=ROOT, capture_output=True, timeout=180, env=env)
    return done.returncode, done.stdout.decode(), done.stderr.decode("utf-8", "replace")


def refused(result: tuple[int, str, str], *words: str) -> str:
    code, out, err = result
    assert code != 0 and "Traceback" not in err and "Error" not in err, err
    assert err.startswith("Lỗi"), err
    for word in words:
        assert word in err, err
    return err


def dossiers(url: str) -> int:
    from onestop.bootstrap import open_database

    db, _ = open_database(url)
    try:
        with db.read() as s:
            return s.scalar(select(func.count()).select_from(Dossier))
    finally:
        db.dispose()


INTAKE = ("intake", "--procedure", "DP.LLTP.01", "--name", "Nguyễn Văn An", "--cccd", "001090000001")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_dates_out_of_range_are_refused_without_a_traceback(database_url, tmp_path):
    """Probe 1a/1b: `--at 1900` was accepted (code …-000102-…), `--at 0001` and `--to 9999-12-31`
    ended in OverflowError, `--new-appointment 9999-12-31T23:59` was printed on the apology."""
    url = database_url
    for at in ("1900-01-02T09:00", "1999-12-31T09:00", "0001-01-01T00:00", "9999-12-31T23:59"):
        refused(cli(url, *INTAKE, "--at", at), "--at", "01/01/2000")
    for command in (("report",), ("targets",), ("ledger", "-o", str(tmp_path / "s.pdf")),
                    ("export", "dossiers", "-o", str(tmp_path / "e.csv"))):
        for start, end in (("0001-01-01", "9999-12-31"), ("2026-01-01", "9999-12-31"), ("0001-01-01", "2026-12-31")):
            refused(cli(url, *command, "--from", start, "--to", end), "31/12/2100")
    code, late, err = cli(url, *INTAKE, "--at", "2026-01-05T09:00")
    assert code == 0, err
    late = late.strip()
    refused(cli(url, "dossier", late, "apologise", "--reason", "Chậm", "--new-appointment", "9999-12-31T23:59"),
            "--new-appointment")
    refused(cli(url, "dossier", late, "apologise", "--reason", "Chậm", "--at", "2026-11-23T09:00",
                "--new-appointment", "2028-12-31T10:00"), "quá 2 năm", "Chưa ghi gì")
    refused(cli(url, "dossier", late, "finish", "--at", "1900-01-01T09:00"), "01/01/2000")
    assert dossiers(url) == 1


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_arguments_that_are_not_utf8_are_refused_with_a_message(database_url):
    """Probe 1b: `--to $'Ph\\xffong'`, `--address` and `--note` with a byte that is not UTF-8 passed
    clean_text and crashed at the insert with UnicodeEncodeError."""
    url = database_url
    for option in (b"--address", b"--note", b"--name"):
        refused(cli(url, *INTAKE, option, b"Ph\xffong"), "UTF-8", "chưa lưu gì")
    code, out, err = cli(url, *INTAKE)
    assert code == 0, err
    refused(cli(url, "dossier", out.strip(), "transfer", b"--to", b"Ph\xffong T\xe0i ch\xednh"), "UTF-8")
    assert dossiers(url) == 1


def test_a_period_beyond_the_bounds_is_refused_by_the_service():
    tz = timezone(timedelta(hours=7))
    for start, end in ((date(1, 1, 1), date(2026, 1, 1)), (date(2026, 1, 1), date(9999, 12, 31)),
                       (date(1999, 12, 31), date(2000, 1, 1))):
        with pytest.raises(ValueError, match="01/01/2000 đến 31/12/2100"):
            instants(start, end, tz)
    assert instants(date(2000, 1, 1), date(2100, 12, 31), tz)[1] == datetime(2101, 1, 1, tzinfo=tz)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_export_takes_any_range_of_days(site_db):
    """Probe 1b: export.dossier_rows overflowed on 0001-01-01 .. 9999-12-31 (the window's path)."""
    db, site = site_db
    save_intake(db, site, IntakeRequest("DP.LLTP.01", "Nguyễn Văn An", "001090000001"), now=NOW, user="lan")
    with db.read() as s:
        for start, end in ((date(1, 1, 1), date(9999, 12, 31)), (None, date(9999, 12, 31)), (date(1, 1, 1), None)):
            assert len(list(dossier_rows(s, site.calendar, start, end))) == 1
        assert list(dossier_rows(s, site.calendar, date(9999, 12, 31), None)) == []


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_services_refuse_instants_before_2000_and_appointments_years_ahead(site_db):
    db, site = site_db
    with pytest.raises(IntakeError) as old:
        save_intake(db, site, IntakeRequest("DP.LLTP.01", "Nguyễn Văn An", "001090000001",
                                            received_at=datetime(1900, 1, 2, 2, 0, tzinfo=timezone.utc)),
                    now=NOW, user="lan")
    assert "01/01/2000" in old.value.errors["received_at"]
    saved = save_intake(db, site, IntakeRequest("DP.LLTP.01", "Nguyễn Văn An", "001090000001",
                                                received_at=NOW - timedelta(days=200)), now=NOW, user="lan")
    with pytest.raises(TransitionError, match="01/01/2000"):
        apply(db, site, saved.code, TransitionRequest("finish", "lan", at=datetime(1999, 1, 1, tzinfo=timezone.utc)),
              now=NOW)
    for new_due in (datetime(9999, 12, 31, tzinfo=timezone.utc), NOW + timedelta(days=732)):
        with pytest.raises(TransitionError, match="quá 2 năm"):
            apply(db, site, saved.code, TransitionRequest("apologise", "lan", reason="Chậm", new_due_at=new_due),
                  now=NOW)
    with pytest.raises(TransitionError, match="múi giờ"):
        apply(db, site, saved.code, TransitionRequest("apologise", "lan", reason="Chậm",
                                                      new_due_at=datetime(2026, 12, 1, 9, 0)), now=NOW)
    apply(db, site, saved.code, TransitionRequest("apologise", "lan", reason="Chậm",
                                                  new_due_at=NOW + timedelta(days=30)), now=NOW)
