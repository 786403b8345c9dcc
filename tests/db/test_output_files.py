"""Output files (issue 12): written to a temporary name and renamed, never over the database, a
clear message when the disk is full, the older file kept byte for byte when writing fails."""
from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from onestop.dossiers.export import dossier_rows, write_csv, write_xlsx
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.figures.figure_files import save_figures, save_ledger
from onestop.figures.report import periodic_report
from onestop.files.output_files import OutputRefused, is_disk_full, write_bytes, write_output, write_problem
from onestop.paperwork.receipts import receipt_pdf
from onestop.people.accounts import Actor, system_actor
from tests.conftest import ENGINES, MONDAY_0915
from tests.small_disk import small_disk

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 23)
LATER = MONDAY_0915 + timedelta(days=1)
OLD = b"the older file, kept\n" * 100


def listing(folder: Path) -> list[str]:
    """What a folder holds, but the test's data folder (tests/conftest.py) when it is there."""
    return sorted(n for n in os.listdir(folder) if n != "data")


# ------------------------------------------------------------------ the writer itself


def test_replaces_the_file_whole_and_private(tmp_path):
    target = tmp_path / "ra.csv"
    target.write_bytes(OLD)
    os.chmod(target, 0o644)
    assert write_output(target, lambda fh: fh.write(b"new")) == 3
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # personal data: the user's own (mkstemp)
    assert listing(tmp_path) == ["ra.csv"]  # no temporary file left


def test_a_failure_half_way_keeps_the_older_file(tmp_path):
    target = tmp_path / "ra.csv"
    target.write_bytes(OLD)

    def half(fh):
        fh.write(b"x" * 100_000)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_output(target, half)
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["ra.csv"]


def test_a_link_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.pdf"
    real.write_bytes(OLD)
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    write_bytes(link, b"%PDF")
    assert link.is_symlink() and real.read_bytes() == b"%PDF"


def test_a_device_is_written_in_place(tmp_path):
    write_bytes("/dev/null", b"x" * 10_000)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def _sqlite_file(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    return path


def test_the_database_its_sidecars_and_the_backups_are_refused(tmp_path, monkeypatch):
    db = _sqlite_file(tmp_path / "onestop.db")
    before = db.read_bytes()
    (tmp_path / "link.pdf").symlink_to(db)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    backups = Path(os.environ["ONESTOP_DATA_DIR"]) / "backups"
    backups.mkdir(parents=True)
    refused = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal"), tmp_path / "link.pdf",
               Path("../onestop.db"), backups / "ban-in.pdf", backups]
    for path in refused:
        with pytest.raises(OutputRefused) as caught:
            write_bytes(path, b"%PDF")
        assert "Không có gì được ghi" in write_problem(path, caught.value)
    assert db.read_bytes() == before
    assert listing(tmp_path) == ["link.pdf", "onestop.db", "sub"] and listing(backups) == []


# ------------------------------------------------------------------ every writer, on a full disk


@pytest.fixture
def full_disk(tmp_path):
    """A 64 KB tmpfs holding an older file that fills it (root only: skipped elsewhere)."""
    with small_disk(tmp_path / "small", "64k") as mount:
        yield mount


def _fill(folder: Path, name: str) -> tuple[Path, bytes]:
    target = folder / name
    old = os.urandom(63_000)
    target.write_bytes(old)
    assert os.statvfs(folder).f_bavail == 0
    return target, old


def _two_dossiers(db, site) -> str:
    codes = [save_intake(db, site, IntakeRequest(procedure_code="1.004873", name="Trần Văn Nam",
                                                 id_number="001090012345", received_at=MONDAY_0915),
                         now=MONDAY_0915, actor=Actor.named("canbo")).code for _ in range(2)]
    return codes[0]


WRITERS = {
    "dossiers.csv": lambda db, site, code, path: _export(db, site, write_csv, path),
    "dossiers.xlsx": lambda db, site, code, path: _export(db, site, write_xlsx, path),
    "ledger.xlsx": lambda db, site, code, path: save_ledger(db, site, DAY, DAY, "xlsx", path, LATER,
                                                            system_actor("canbo")),
    "ledger.pdf": lambda db, site, code, path: save_ledger(db, site, DAY, DAY, "pdf", path, LATER,
                                                           system_actor("canbo")),
    "report.xlsx": lambda db, site, code, path: _report(db, site, "xlsx", path),
    "report.csv": lambda db, site, code, path: _report(db, site, "csv", path),
    "receipt.pdf": lambda db, site, code, path: _receipt(db, site, code, path),
}


def _export(db, site, writer, path):
    with db.read() as s:
        writer(dossier_rows(s, site.calendar), path)


def _report(db, site, fmt, path):
    with db.read() as s:
        report = periodic_report(s, site, DAY, DAY, "procedure", now=LATER)
    save_figures(report, fmt, path, site, LATER)


def _receipt(db, site, code, path):
    with db.read() as s:
        write_bytes(path, receipt_pdf(s, site, code))


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("name", list(WRITERS))
def test_disk_full_keeps_the_older_file(site_db, full_disk, name):
    db, site = site_db
    code = _two_dossiers(db, site)
    target, old = _fill(full_disk, name)
    with pytest.raises(OSError) as caught:
        WRITERS[name](db, site, code, target)
    assert is_disk_full(caught.value)
    assert write_problem(target, caught.value).startswith("Đĩa đầy: không ghi được tệp")
    assert target.read_bytes() == old
    assert listing(full_disk) == [name]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_an_export_failing_half_way_keeps_the_older_file(site_db, tmp_path, writer):
    db, site = site_db
    _two_dossiers(db, site)
    target = tmp_path / f"ra.{'csv' if writer is write_csv else 'xlsx'}"
    target.write_bytes(OLD)

    def failing(rows):
        yield next(rows)
        raise ConnectionError("the server went away half way")

    with db.read() as s, pytest.raises(ConnectionError):
        writer(failing(dossier_rows(s, site.calendar)), target)
    assert target.read_bytes() == OLD
    assert [n for n in listing(tmp_path) if n.startswith(f".{target.name}.")] == []  # no temporary file left


# ------------------------------------------------------------------ the command line


def onestop(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ONESTOP_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "onestop", "--database", f"sqlite:///{tmp_path / 'x.db'}", *argv],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)


@pytest.fixture
def desk(tmp_path) -> str:
    done = onestop(tmp_path, "intake", "--procedure", "1.004873", "--name", "Trần Văn Nam", "--cccd",
                   "001090012345", "--at", "2026-11-23T09:15")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().split()[-1].rstrip(".")


def _count_dossiers(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return conn.execute("SELECT count(*) FROM dossier").fetchone()[0]


def test_cli_never_writes_over_the_database(tmp_path, desk):
    db = tmp_path / "x.db"
    assert _count_dossiers(db) == 1
    (tmp_path / "link.pdf").symlink_to(db)
    backups = tmp_path / "data" / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    ledger = ("ledger", "--from", "2026-11-23", "--to", "2026-11-23", "--format")
    for argv in [("print", "receipt", desk, "-o", str(db)), ("receipt", desk, "-o", str(db)),
                 ("print", "receipt", desk, "-o", f"{db}-wal"), ("print", "receipt", desk, "-o", f"{db}-shm"),
                 ("print", "receipt", desk, "-o", "link.pdf"), ("print", "receipt", desk, "-o", "./data/../x.db"),
                 (*ledger, "pdf", "-o", str(db)), (*ledger, "xlsx", "-o", str(db)),
                 ("report", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "pdf", "-o", str(db)),
                 ("print", "receipt", desk, "-o", str(backups / "r.pdf"))]:
        done = onestop(tmp_path, *argv)
        assert done.returncode == 1, (argv, done.stdout)
        assert "Không có gì được ghi" in done.stderr and "Traceback" not in done.stderr, (argv, done.stderr)
    assert _count_dossiers(db) == 1  # the database is whole, its dossier there
    assert listing(backups) == []
    done = onestop(tmp_path, "intake", "--procedure", "1.004873", "--name", "Lê Thị Hoa", "--cccd", "001190012345",
                   "--at", "2026-11-23T10:15")
    assert done.returncode == 0, done.stderr


def test_cli_dev_full_says_the_disk_is_full(tmp_path, desk):
    period = ("--from", "2026-11-01", "--to", "2026-11-30")
    for argv in [("print", "receipt", desk), ("receipt", desk), ("ledger", *period, "--format", "xlsx"),
                 ("ledger", *period, "--format", "pdf"), ("report", *period, "--format", "xlsx"),
                 ("report", *period, "--format", "csv"), ("targets", *period, "--format", "xlsx")]:
        done = onestop(tmp_path, *argv, "-o", "/dev/full")
        assert done.returncode == 1, (argv, done.stdout)
        assert "Đĩa đầy" in done.stderr and "không có gì được ghi" in done.stderr, (argv, done.stderr)
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, (argv, done.stderr)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_cli_export_on_a_full_disk_keeps_the_older_file(tmp_path, desk, full_disk):
    for name, fmt in (("d.csv", "csv"), ("d.xlsx", "xlsx")):
        target, old = _fill(full_disk, name)
        done = onestop(tmp_path, "export", "dossiers", "--format", fmt, "-o", str(target))
        assert done.returncode == 1
        assert done.stderr.startswith("Lỗi: Đĩa đầy: không ghi được tệp"), done.stderr
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
        assert target.read_bytes() == old and listing(full_disk) == [name]
        target.unlink()
