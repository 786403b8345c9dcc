"""Storage faults at start and while saving: a lost or empty database file, an in-memory URL, a full
disk, a damaged page, a start beside a writer, file permissions, a garbage settings row."""
from __future__ import annotations

import os
import shlex
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from onestop.installation.backup import make_backup
from onestop.installation.bootstrap import DatabaseUnavailable, open_database
from tests.conftest import ENGINES, MONDAY_0915
from tests.small_disk import small_disk

ROOT = Path(__file__).resolve().parents[2]


def cli(data_dir: Path, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The real command line in its own process, as a desk runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ONESTOP_DATA_DIR": str(data_dir)}
    env.pop("ONESTOP_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "onestop", *argv], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


def intake(data_dir: Path, url: str, name: str = "Nguyễn Văn An", at: str = "2026-11-23T09:15"):
    return cli(data_dir, "--database", url, "intake", "--procedure", "1.001193", "--name", name,
               "--cccd", "001190012345", "--at", at)


def codes(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT code FROM dossier")}


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# ---- a lost or empty database file -------------------------------------------------------------

def test_a_first_start_creates_the_database_even_from_an_empty_file(tmp_path):
    for db_file in (tmp_path / "moi.db", tmp_path / "rong.db"):
        if db_file.name == "rong.db":
            db_file.write_bytes(b"")  # e.g. made by an installer: nothing in the data folder says otherwise
        db, _ = open_database(f"sqlite:///{db_file}")
        db.dispose()
        assert db_file.stat().st_size > 0


@pytest.mark.parametrize("how", ["missing", "empty"])
def test_a_lost_database_is_refused_at_start_and_not_recreated(tmp_path, how):
    db_file = tmp_path / "onestop.db"
    url = f"sqlite:///{db_file}"
    db, _ = open_database(url)  # the first start: recorded in the data folder
    db.dispose()
    _remove(db_file)
    if how == "empty":
        db_file.write_bytes(b"")

    with pytest.raises(DatabaseUnavailable) as refused:
        open_database(url)
    message = str(refused.value)
    assert ("không còn" if how == "missing" else "rỗng") in message
    assert "0001" in message and "chưa có gì được ghi" in message and "Không tìm thấy bản sao lưu" in message
    assert db_file.exists() == (how == "empty") and (how == "missing" or db_file.stat().st_size == 0)


def test_a_database_on_a_drive_not_plugged_in_is_refused_without_making_its_folder(tmp_path):
    db_file = tmp_path / "usb" / "onestop.db"
    url = f"sqlite:///{db_file}"
    open_database(url, now=MONDAY_0915)[0].dispose()
    for p in db_file.parent.iterdir():
        p.unlink()
    db_file.parent.rmdir()  # the drive is unplugged: its mount point is gone

    with pytest.raises(DatabaseUnavailable, match="không còn"):
        open_database(url, now=MONDAY_0915)
    assert not db_file.parent.exists()


def test_a_lost_database_names_its_last_backup(tmp_path, _data_dir):
    db_file = tmp_path / "onestop.db"
    url = f"sqlite:///{db_file}"
    db, _ = open_database(url)
    db.dispose()
    make_backup(db_file, _data_dir / "backups", MONDAY_0915)
    last = make_backup(db_file, _data_dir / "backups", MONDAY_0915.replace(hour=5))
    _data_dir.joinpath("known_databases.txt").unlink()  # the backups alone are history enough
    _remove(db_file)

    with pytest.raises(DatabaseUnavailable, match="Bản sao lưu gần nhất là") as refused:
        open_database(url)
    assert f"restore {last}" in str(refused.value)
    assert not db_file.exists()


def test_cli_refuses_a_lost_database_and_restores_it(tmp_path):
    data = tmp_path / "data"
    db_file = tmp_path / "onestop.db"
    url = f"sqlite:///{db_file}"
    saved = intake(data, url)
    assert saved.returncode == 0, saved.stderr
    backed = cli(data, "--database", url, "backup")
    assert backed.returncode == 0, backed.stderr
    backup = Path(backed.stdout.removeprefix("Đã sao lưu vào ").strip())
    _remove(db_file)

    refused = intake(data, url, name="Trần Thị Bình")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "không còn" in refused.stderr and f"restore {backup}" in refused.stderr
    assert not db_file.exists()

    assert cli(data, "--database", url, "restore", str(backup)).returncode == 0
    again = intake(data, url, name="Trần Thị Bình")
    assert again.returncode == 0, again.stderr
    assert codes(db_file) == {saved.stdout.strip(), again.stdout.strip()}


# ---- an in-memory database --------------------------------------------------------------------

IN_MEMORY = ["sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite:///file:x?mode=memory&cache=shared&uri=true"]


@pytest.mark.parametrize("url", IN_MEMORY)
def test_an_in_memory_database_is_refused(tmp_path, url):
    with pytest.raises(DatabaseUnavailable, match="trong bộ nhớ"):
        open_database(url)
    done = intake(tmp_path / "data", url)
    assert done.returncode == 1 and "trong bộ nhớ" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""  # no code handed out for a dossier that would vanish
    for argv in (["backup"], ["restore", str(tmp_path / "x.db")]):
        done = cli(tmp_path / "data", "--database", url, *argv)
        assert done.returncode == 2 and "trong bộ nhớ" in done.stderr and "pg_dump" not in done.stderr


def test_an_in_memory_database_from_the_environment_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("ONESTOP_DATABASE_URL", "sqlite:///")
    with pytest.raises(DatabaseUnavailable, match="trong bộ nhớ"):
        open_database(None)


# ---- a full disk --------------------------------------------------------------------------------

@pytest.fixture
def two_megabytes(tmp_path):
    with small_disk(tmp_path / "full", "2m") as point:
        yield point


def test_a_full_disk_says_so_saves_nothing_and_loses_nothing(tmp_path, two_megabytes):
    data = tmp_path / "data"
    db_file = two_megabytes / "onestop.db"
    url = f"sqlite:///{db_file}"
    first = intake(data, url)
    assert first.returncode == 0, first.stderr
    saved = [first.stdout.strip()]
    for k in range(4):
        done = intake(data, url, name="Phạm Văn Dũng", at=f"2026-11-23T09:{20 + k}")
        assert done.returncode == 0, done.stderr
        saved.append(done.stdout.strip())
    free = os.statvfs(two_megabytes)
    filler = two_megabytes / "lap-day"
    filler.write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 96 * 1024))  # about 96 KB left

    for k in range(30):
        done = intake(data, url, name=f"Trần Thị Bình {chr(65 + k % 26)}", at=f"2026-11-23T10:{k:02d}")
        if done.returncode != 0:
            break
        saved.append(done.stdout.strip())
    else:
        pytest.fail("the disk never filled up")
    print(f"{len(saved)} intakes saved before the disk was full")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "Đĩa đầy" in done.stderr and "không có gì được lưu" in done.stderr and "()" not in done.stderr
    assert done.stdout == ""

    filler.unlink()  # space again: everything acknowledged is there, the file is sound, no code skipped
    with closing(sqlite3.connect(db_file)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert codes(db_file) == set(saved)
    after = intake(data, url, name="Lê Văn Cường")
    assert after.returncode == 0, after.stderr
    assert after.stdout.strip().endswith(f"-{len(saved) + 1:04d}")


# ---- a damaged page -----------------------------------------------------------------------------

def _damage_middle_page(db_file: Path) -> None:
    """A bad sector: one page in the middle of the file overwritten (the header stays sound)."""
    with closing(sqlite3.connect(db_file)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # everything in the file itself, no -wal
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    with db_file.open("r+b") as fh:
        fh.seek(page_size * (pages // 2))
        fh.write(bytes((i * 37 + 11) % 256 for i in range(page_size)))


def test_a_damaged_page_is_found_at_start_and_the_last_backup_named(tmp_path, _data_dir):
    data = _data_dir
    db_file = tmp_path / "onestop.db"
    url = f"sqlite:///{db_file}"
    for k in range(3):
        assert intake(data, url, name="Nguyễn Thị Hoa", at=f"2026-11-23T09:{10 + k}").returncode == 0
    backed = cli(data, "--database", url, "backup")
    assert backed.returncode == 0, backed.stderr
    backup = Path(backed.stdout.removeprefix("Đã sao lưu vào ").strip())
    _damage_middle_page(db_file)
    damaged = db_file.read_bytes()

    with pytest.raises(DatabaseUnavailable, match="bị hỏng") as refused:
        open_database(url, now=MONDAY_0915)
    assert f"restore {backup}" in str(refused.value)
    for argv in (["intake", "--procedure", "1.001193", "--name", "Trần Văn Bảo", "--cccd", "001190012345",
                  "--at", "2026-11-23T10:00"], ["audit", "verify"],
                 ["report", "--from", "2026-11-01", "--to", "2026-11-30"]):
        done = cli(data, "--database", url, *argv)
        assert done.returncode == 1 and "Traceback" not in done.stderr, (argv, done.stderr)
        assert "bị hỏng" in done.stderr and f"restore {backup}" in done.stderr
    assert db_file.read_bytes() == damaged  # nothing written into the damaged file

    typed = shlex.split(done.stderr.split("bằng lệnh: ")[1].split(" (tệp hỏng")[0])  # as the message says it
    assert typed[:2] == ["onestop", "restore"]
    restored = cli(data, *typed[1:])
    assert restored.returncode == 0, restored.stderr
    assert cli(data, "--database", url, "audit", "verify").returncode == 0


def test_a_large_file_is_checked_once_a_local_day(tmp_path, monkeypatch):
    from datetime import date

    from onestop.installation import file_check

    db_file = tmp_path / "onestop.db"
    db, _ = open_database(f"sqlite:///{db_file}", now=MONDAY_0915)
    db.dispose()
    monkeypatch.setattr(file_check, "EVERY_START_BELOW", 1)  # this small file stands for a large one
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    assert file_check.check_due(db_file, monday)
    file_check.record_clean(db_file, monday)
    assert not file_check.check_due(db_file, monday) and file_check.check_due(db_file, tuesday)
    _damage_middle_page(db_file)
    with pytest.raises(DatabaseUnavailable, match="bị hỏng"):
        open_database(f"sqlite:///{db_file}", now=MONDAY_0915.replace(day=24))  # the first start of Tuesday


# ---- durability of a commit ---------------------------------------------------------------------

def test_a_sqlite_desk_syncs_each_commit(tmp_path):
    db, _ = open_database(f"sqlite:///{tmp_path / 'onestop.db'}", now=MONDAY_0915)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL: survives a power cut
    finally:
        db.dispose()


# ---- a start beside a writer --------------------------------------------------------------------

STARTS = 80


def test_starts_beside_a_busy_writer_wait_instead_of_failing(tmp_path):
    from tests.db.test_crash_safety import WRITER

    url = f"sqlite:///{tmp_path / 'onestop.db'}"
    open_database(url, now=MONDAY_0915)[0].dispose()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, url, "1", "1.001193", MONDAY_0915.isoformat()],
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    failures = []
    try:
        assert writer.stdout.readline().strip() == "ready"
        writer.stdout.readline()  # its first save is done: it is now committing in a loop
        for _ in range(STARTS):
            try:
                db, _ = open_database(url, now=MONDAY_0915)
                db.dispose()
            except DatabaseUnavailable as exc:
                failures.append(str(exc))
        assert writer.poll() is None, "the writer stopped before the starts were done"
    finally:
        writer.kill()
        writer.communicate()
    assert failures == []


# ---- file permissions ---------------------------------------------------------------------------

def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.skipif(os.name == "nt", reason="Windows: the profile folder's ACL keeps other accounts out")
def test_the_data_folder_database_and_backups_are_private_whatever_the_umask(tmp_path):
    data = tmp_path / "data"
    old = os.umask(0o022)
    try:
        done = cli(data, "intake", "--procedure", "1.001193", "--name", "Nguyễn Văn An", "--cccd",
                   "001190012345", "--at", "2026-11-23T09:15")  # the default database, in the data folder
        assert done.returncode == 0, done.stderr
        backed = cli(data, "backup")
        assert backed.returncode == 0, backed.stderr
    finally:
        os.umask(old)
    backup = Path(backed.stdout.removeprefix("Đã sao lưu vào ").strip())
    assert _mode(data) == 0o700 and _mode(data / "onestop.db") == 0o600
    assert _mode(backup.parent) == 0o700 and _mode(backup) == 0o600
    assert not any(_mode(p) & 0o077 for p in backup.parent.iterdir())


@pytest.mark.skipif(os.name == "nt", reason="Windows: the profile folder's ACL keeps other accounts out")
def test_an_existing_readable_install_is_made_private_at_start(tmp_path, _data_dir):
    db_file = _data_dir / "onestop.db"
    open_database(None, now=MONDAY_0915)[0].dispose()
    _data_dir.chmod(0o755)
    db_file.chmod(0o644)
    db, _ = open_database(None, now=MONDAY_0915)
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")  # the -wal and -shm exist while it is open
        assert _mode(_data_dir) == 0o700
        assert all(_mode(Path(f"{db_file}{s}")) == 0o600 for s in ("", "-wal", "-shm"))
    finally:
        db.dispose()


# ---- a garbage settings row ---------------------------------------------------------------------

GARBAGE_SETTINGS = {
    "not JSON": ("{", None),
    "not an object": ("[1, 2]", None),
    "no office hours": ('{"office_hours": [], "paper_size": "A5"}', "office_hours"),
    "reversed office hours": ('{"office_hours": [["17:00", "08:00"]], "paper_size": "A5"}', "office_hours"),
    "a 25:00 cut-off": ('{"same_day_cutoff": "25:00", "paper_size": "A5"}', "same_day_cutoff"),
    "a number as text": ('{"backup_keep_days": "ba mươi", "paper_size": "A5"}', "backup_keep_days"),
    "a day off and worked": ('{"extra_days_off": ["2026-11-28"], "extra_working_days": ["2026-11-28"], '
                             '"paper_size": "A5"}', "extra_working_days"),
}


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("case", list(GARBAGE_SETTINGS))
def test_a_garbage_settings_row_falls_back_to_defaults_with_a_warning(database_url, case, capsys):
    from sqlalchemy import update

    from onestop.cli import main
    from onestop.db.models import Setting
    from onestop.office.site import SETTINGS_KEY, SiteSettings

    value, bad_field = GARBAGE_SETTINGS[case]
    db, _ = open_database(database_url, now=MONDAY_0915)
    try:
        with db.write() as session:
            session.execute(update(Setting).where(Setting.key == SETTINGS_KEY).values(value=value))
    finally:
        db.dispose()

    db, site = open_database(database_url, now=MONDAY_0915)  # every desk's start: it opens
    db.dispose()
    assert len(site.warnings) == 1 and "mặc định" in site.warnings[0]
    if bad_field is None:
        assert site.settings == SiteSettings()
    else:
        assert bad_field in site.warnings[0]
        assert getattr(site.settings, bad_field) == getattr(SiteSettings(), bad_field)
        assert site.settings.paper_size == "A5"  # the sound values are kept
    code = main(["--database", database_url, "intake", "--procedure", "1.001193", "--name", "Nguyễn Văn An",
                 "--cccd", "001190012345", "--at", "2026-11-23T09:15"])
    _, err = capsys.readouterr()
    assert code == 0 and "Cảnh báo:" in err


# ---- network shares seen by other names ----------------------------------------------------------

@pytest.mark.parametrize(("fs_type", "source"), [
    ("fuse.gvfsd-fuse", "gvfsd-fuse"),  # GNOME Files: smb://nas/hanhchinh under /run/user/1000/gvfs
    ("davfs", "https://cloud.example.vn/dav"),
    ("fuse.davfs2", "https://cloud.example.vn/dav"),
    ("fuse.rclone", "gdrive:onestop"),
    ("fuse.s3fs", "s3fs"),
    ("ncpfs", "server/volume"),
])
def test_gnome_webdav_cloud_and_netware_mounts_are_network_shares(fs_type, source):
    from onestop.installation.network_drive import network_location

    mountinfo = ("22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
                 f"40 22 0:50 / /run/user/1000/gvfs rw,nosuid,nodev shared:9 - {fs_type} {source} rw\n")
    where = network_location("/run/user/1000/gvfs/smb-share:server=nas,share=hanhchinh/onestop.db",
                             mountinfo=mountinfo)
    assert where is not None and fs_type in where
    assert network_location("/home/cb/onestop.db", mountinfo=mountinfo) is None
