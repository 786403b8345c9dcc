"""Crash safety: a desk killed (SIGKILL) in the middle of saves, many times over. Afterwards the
database opens, passes its integrity checks, holds no half-saved dossier, has lost nothing it
acknowledged, and its per-day code sequences have no gap and no duplicate."""
from __future__ import annotations

import random
import select as select_module
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from onestop.db.models import (
    Applicant,
    Appointment,
    CodeCounter,
    Dossier,
    DossierEvent,
    Procedure,
    RequiredDocument,
    SubmittedDocument,
)
from onestop.dossiers.audit import verify_chain
from onestop.installation.bootstrap import open_database
from tests.conftest import ENGINES, MONDAY_0915

ROOT = Path(__file__).resolve().parents[2]
KILLS = {"sqlite": 15, "postgresql": 8}
DELAY_MS = (30, 300)  # how long after the writer is ready it is killed
READY_TIMEOUT_S = 60

# The writer: opens the database, says so, then saves intakes as fast as it can, alternating
# Monday and Tuesday (two code sequences) and the procedures given. A code is printed only once
# save_intake has returned, i.e. after the commit: a printed code is an acknowledged one.
WRITER = """
import sys
from datetime import datetime, timedelta
from onestop.installation.bootstrap import open_database
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.people.accounts import Actor

url, run, procedures = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
start = datetime.fromisoformat(sys.argv[4])
db, site = open_database(url)
print("ready", flush=True)
k = 0
while True:
    now = start + timedelta(days=k % 2, seconds=run * 3600 + k)
    req = IntakeRequest(procedure_code=procedures[k % len(procedures)], name="Nguyễn Thị Mai",
                        id_number=f"001{run:03d}{k:06d}", phone="0912345678")
    print(save_intake(db, site, req, now=now, actor=Actor.named(f"writer{run}")).code, flush=True)
    k += 1
"""


def _procedures(url: str) -> list[str]:
    """A handful of procedures with different numbers of required documents."""
    db, _ = open_database(url)  # migrates and seeds before any writer starts
    try:
        with db.read() as s:
            codes = list(s.scalars(select(Procedure.code).where(Procedure.active.is_(True)).order_by(Procedure.code)))
    finally:
        db.dispose()
    return codes[::max(1, len(codes) // 6)]


def _kill_while_saving(url: str, run: int, procedures: list[str], delay_s: float) -> list[str]:
    """Starts a writer, SIGKILLs it `delay_s` after it is ready; returns the codes it acknowledged."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(run), ",".join(procedures), MONDAY_0915.isoformat()],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        ready, _, _ = select_module.select([proc.stdout], [], [], READY_TIMEOUT_S)
        lines = [proc.stdout.readline(), proc.stdout.readline()] if ready else []
        if [line.strip() for line in lines[:1]] != ["ready"] or not lines[1].strip():
            proc.kill()
            pytest.fail(f"writer {run} did not start saving: {lines!r}\n{proc.communicate()[1][-3000:]}")
        # Its first save, the slow one (caches warming up), is done: the kill lands among fast ones.
        time.sleep(delay_s)
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"writer {run} ended by itself:\n{err[-3000:]}"
    return [lines[1].strip(), *out.split()]


def _check_sqlite_file(url: str) -> None:
    """SQLite's own checks, on a plain connection (the writers' WAL is recovered on opening)."""
    conn = sqlite3.connect(make_url(url).database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def _half_saved(session) -> list[str]:  # noqa: ANN001
    """Dossiers missing a part of their save: applicant, documents, receive event, receipt."""
    d = Dossier
    docs = select(func.count()).where(SubmittedDocument.dossier_id == d.id).scalar_subquery()
    required = select(func.count()).where(RequiredDocument.procedure_id == d.procedure_id).scalar_subquery()
    receives = select(func.count()).where(DossierEvent.dossier_id == d.id,
                                          DossierEvent.action == "receive").scalar_subquery()
    events = select(func.count()).where(DossierEvent.dossier_id == d.id).scalar_subquery()
    receipts = select(func.count()).where(Appointment.dossier_id == d.id,
                                          Appointment.kind == "receipt").scalar_subquery()
    applicants = select(func.count()).where(Applicant.id == d.applicant_id).scalar_subquery()
    rows = session.execute(select(d.code, docs, required, receives, events, receipts, applicants)).all()
    return [f"{code}: {n_docs}/{n_required} documents, {n_receives} receive of {n_events} events, "
            f"{n_receipts} receipts, {n_applicants} applicant"
            for code, n_docs, n_required, n_receives, n_events, n_receipts, n_applicants in rows
            if (n_docs, n_receives, n_events, n_receipts, n_applicants) != (n_required, 1, 1, 1, 1)]


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_killed_writers_leave_a_sound_database(database_url):
    engine = make_url(database_url).get_backend_name()
    procedures = _procedures(database_url)
    rng = random.Random(20261123)
    kills = KILLS[engine]
    acknowledged: list[str] = []
    for run in range(kills):
        acknowledged += _kill_while_saving(database_url, run, procedures, rng.uniform(*DELAY_MS) / 1000)

    if engine == "sqlite":
        _check_sqlite_file(database_url)
    db, _ = open_database(database_url)  # it opens: migrations check, site
    try:
        with db.read() as s:
            in_db = set(s.scalars(select(Dossier.code)))
            orphans = s.scalar(select(func.count()).select_from(Applicant)
                               .where(~select(Dossier.id).where(Dossier.applicant_id == Applicant.id).exists()))
            half_saved = _half_saved(s)
            counters = {(c.agency_code, c.day): c.last_number for c in s.scalars(select(CodeCounter))}
            audit = verify_chain(s)
    finally:
        db.dispose()

    print(f"{engine}: {kills} kills, {len(acknowledged)} codes acknowledged, {len(in_db)} dossiers, "
          f"{len(in_db - set(acknowledged))} committed but not acknowledged, {audit.events} events")
    assert len(acknowledged) > kills  # the writers did save between start and kill
    assert len(set(acknowledged)) == len(acknowledged)
    assert set(acknowledged) <= in_db, "an acknowledged dossier was lost"
    # Committed but killed before printing: at most one per kill.
    assert len(in_db - set(acknowledged)) <= kills
    assert half_saved == []
    assert orphans == 0  # the applicant row is written first: none without its dossier
    assert audit.ok, audit.breaches[:3]
    numbers: dict[tuple[str, str], list[int]] = defaultdict(list)
    for code in in_db:
        agency, day, number = code.rsplit("-", 2)
        numbers[(agency, day)].append(int(number))
    assert len(numbers) == 2  # Monday and Tuesday
    for key, found in numbers.items():
        assert sorted(found) == list(range(1, len(found) + 1)), f"{key}: gap or duplicate"
        assert counters[key] == len(found), f"{key}: the counter is not the last number"
