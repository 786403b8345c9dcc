"""SQLite backups and restore, the refusal of network shares, and databases that cannot be opened."""
from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, text

from onestop.cli import main
from onestop.db.models import Dossier
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.installation import network_drive
from onestop.installation.backup import BackupError, backup_due, check, make_backup, prune, restore
from onestop.installation.bootstrap import DatabaseUnavailable, open_database
from onestop.installation.network_drive import network_location
from onestop.people.accounts import Actor
from tests.conftest import MONDAY_0915, SQLITE_ONLY

# Monday 23 November 2026, 09:15 in Hà Nội.
LOCAL_STAMP = "20261123-091500"


def _intake(db, site, name: str, at: datetime) -> str:
    request = IntakeRequest(procedure_code="1.001193", name=name, id_number="001190012345",
                            phone="0912345678", received_at=at)
    return save_intake(db, site, request, now=at, actor=Actor.named("cb.lan")).code


def _codes(db_file: Path) -> set[str]:
    with closing(sqlite3.connect(db_file)) as conn:
        return {row[0] for row in conn.execute("SELECT code FROM dossier")}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _db_file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


# ---- backup ---------------------------------------------------------------------------------

@SQLITE_ONLY
def test_backup_is_online_holds_only_committed_data_and_passes_integrity_check(site_db, database_url, tmp_path):
    db, site = site_db
    saved = _intake(db, site, "Nguyễn Thị Hồng Nhung", MONDAY_0915)
    other_desk = sqlite3.connect(_db_file(database_url), isolation_level=None)
    other_desk.execute("BEGIN IMMEDIATE")  # another writer in the middle of its transaction
    other_desk.execute("INSERT INTO setting (key, value) VALUES ('chua-ghi', 'x')")
    try:
        made = make_backup(database_url, tmp_path / "backups", MONDAY_0915)  # does not wait for the writer
    finally:
        other_desk.execute("COMMIT")
        other_desk.close()

    assert made.name == f"onestop-{LOCAL_STAMP}.db"
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]  # no -wal, no .partial left
    check(made)
    with closing(sqlite3.connect(made)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("SELECT count(*) FROM setting WHERE key = 'chua-ghi'").fetchone() == (0,)
    assert _codes(made) == {saved}
    # A second one in the same second gets a name of its own.
    assert make_backup(_db_file(database_url), tmp_path / "backups", MONDAY_0915).name == f"onestop-{LOCAL_STAMP}-1.db"


def test_backup_of_a_damaged_database_is_refused_and_deleted(tmp_path):
    broken = tmp_path / "onestop.db"
    broken.write_bytes(os.urandom(64 * 1024))
    folder = tmp_path / "backups"
    with pytest.raises(BackupError, match="Không sao lưu được"):
        make_backup(broken, folder, MONDAY_0915)
    assert list(folder.iterdir()) == []
    with pytest.raises(BackupError, match="Không tìm thấy tệp cơ sở dữ liệu"):
        make_backup(tmp_path / "khong-co.db", folder, MONDAY_0915)
    with pytest.raises(BackupError, match="pg_dump"):
        make_backup("postgresql+psycopg://cb@localhost/onestop", folder, MONDAY_0915)


def _touch_backups(folder: Path, stamps: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stamp in stamps:
        (folder / f"onestop-{stamp}.db").write_bytes(b"")


def test_prune_keeps_the_configured_days_and_never_the_last_backup(tmp_path):
    folder = tmp_path / "backups"
    _touch_backups(folder, ["20261101-090000", "20261115-090000", "20261116-100000", "20261120-090000",
                            "20261123-091500"])
    (folder / "onestop-20261120-090000.db.partial").write_bytes(b"")  # an interrupted backup
    (folder / "onestop-20261123-080000.db.partial").write_bytes(b"")  # maybe still being written
    (folder / "ghi-chu.txt").write_text("not a backup")
    now = MONDAY_0915 + timedelta(minutes=30)  # 09:45 local
    deleted = prune(folder, 7, now)
    assert sorted(p.name for p in deleted) == ["onestop-20261101-090000.db", "onestop-20261115-090000.db",
                                              "onestop-20261120-090000.db.partial"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "ghi-chu.txt", "onestop-20261116-100000.db", "onestop-20261120-090000.db",
        "onestop-20261123-080000.db.partial", "onestop-20261123-091500.db"]

    only_old = tmp_path / "old"
    _touch_backups(only_old, ["20260101-090000", "20260301-090000"])
    prune(only_old, 30, now)
    assert [p.name for p in only_old.iterdir()] == ["onestop-20260301-090000.db"]


def test_a_backup_is_due_at_start_and_once_a_local_day(tmp_path):
    folder = tmp_path / "backups"
    assert backup_due(folder, MONDAY_0915)  # no folder yet
    _touch_backups(folder, ["20261122-180000"])
    assert backup_due(folder, MONDAY_0915)
    _touch_backups(folder, ["20261123-070000"])
    assert not backup_due(folder, MONDAY_0915)
    # 17:30 UTC on the 23rd is already the 24th in Hà Nội.
    assert backup_due(folder, datetime(2026, 11, 23, 17, 30, tzinfo=timezone.utc))
    (folder / "onestop-20261124-000500.db.partial").write_bytes(b"")
    assert backup_due(folder, datetime(2026, 11, 23, 17, 30, tzinfo=timezone.utc))


# ---- restore --------------------------------------------------------------------------------

@SQLITE_ONLY
def test_restore_round_trip_keeps_the_replaced_database_aside(site_db, database_url, tmp_path):
    db, site = site_db
    early = {_intake(db, site, "Trần Văn An", MONDAY_0915), _intake(db, site, "Lê Thị Bình", MONDAY_0915)}
    made = make_backup(database_url, tmp_path / "backups", MONDAY_0915)
    late = _intake(db, site, "Phạm Minh Châu", MONDAY_0915 + timedelta(hours=2))
    db_file = _db_file(database_url)

    with pytest.raises(BackupError, match="đang được một chương trình khác mở"):
        restore(made, db_file, MONDAY_0915)  # this process's connections are still open
    db.dispose()

    aside = restore(made, db_file, MONDAY_0915 + timedelta(hours=3))
    assert aside == db_file.with_name("onestop.db.truoc-khi-khoi-phuc-20261123-121500")
    assert _codes(aside) == early | {late}  # the later dossier is kept in the file put aside
    db2, _ = open_database(database_url)
    try:
        with db2.read() as session:
            assert set(session.scalars(select(Dossier.code))) == early
    finally:
        db2.dispose()


def _overwrite_middle(data: bytearray) -> None:  # a damaged disk sector or a bad copy: reading fails
    middle = len(data) // 2
    data[middle:middle + 16384] = bytes(range(256)) * 64


def _wrong_freelist_count(data: bytearray) -> None:  # readable, but integrity_check lists a problem
    data[36:40] = (5).to_bytes(4, "big")


@pytest.mark.parametrize("damage", [_overwrite_middle, _wrong_freelist_count])
@SQLITE_ONLY
def test_restore_refuses_a_corrupted_backup_and_leaves_the_database_alone(site_db, database_url, tmp_path, damage):
    db, site = site_db
    for name in ("An", "Bình", "Châu", "Dũng", "Giang", "Hạnh", "Khoa", "Lan", "Minh", "Nga"):
        _intake(db, site, f"Nguyễn Văn {name}", MONDAY_0915)
    made = make_backup(database_url, tmp_path / "backups", MONDAY_0915)
    db.dispose()
    data = bytearray(made.read_bytes())
    damage(data)
    made.write_bytes(bytes(data))
    db_file = _db_file(database_url)
    before = _digest(db_file)

    with pytest.raises(BackupError, match="hỏng"):
        restore(made, db_file, MONDAY_0915)
    assert _digest(db_file) == before
    assert not list(db_file.parent.glob("*truoc-khi-khoi-phuc*"))

    stranger = tmp_path / "khac.db"
    with closing(sqlite3.connect(stranger)) as conn:
        conn.execute("CREATE TABLE ghi_chu (x)")
        conn.commit()
    with pytest.raises(BackupError, match="không phải bản sao lưu"):
        restore(stranger, db_file, MONDAY_0915)
    with pytest.raises(BackupError, match="Không tìm thấy tệp sao lưu"):
        restore(tmp_path / "khong-co.db", db_file, MONDAY_0915)
    assert _digest(db_file) == before


# ---- network shares -------------------------------------------------------------------------

MOUNTINFO = r"""22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 22 0:40 / /mnt/nas rw,relatime shared:5 - cifs //nas/hanhchinh rw,vers=3.1.1
31 30 8:2 / /mnt/nas/local rw,relatime shared:6 - ext4 /dev/sda2 rw
32 22 0:41 / /srv/chia\040se rw,relatime shared:7 - nfs4 fileserver:/export rw
33 22 0:42 / /home/cb/may-chu rw,nosuid shared:8 - fuse.sshfs cb@server:/data rw
"""


@pytest.mark.parametrize(("path", "found"), [
    ("\\\\server\\share\\onestop.db", "\\\\server\\share"),
    ("//nas/data/onestop.db", "\\\\nas\\data"),
    ("\\\\?\\UNC\\server\\share\\onestop.db", "\\\\server\\share"),
    ("\\\\?\\C:\\onestop\\onestop.db", None),
    ("/mnt/nas/onestop.db", "cifs //nas/hanhchinh"),
    ("/mnt/nas/local/onestop.db", None),  # a local disk mounted inside the share
    ("/mnt/nasty/onestop.db", None),
    ("/srv/chia se/onestop.db", "nfs4 fileserver:/export"),
    ("/home/cb/may-chu/onestop.db", "fuse.sshfs"),
    ("/home/cb/onestop.db", None),
])
def test_network_location(path, found):
    where = network_location(path, mountinfo=MOUNTINFO)
    assert (where is None) if found is None else (found in where)


def test_sqlite_on_a_network_share_is_refused(tmp_path, monkeypatch):
    share = tmp_path / "nas"
    share.mkdir()
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                         f"30 22 0:40 / {share.resolve()} rw - cifs //nas/hanhchinh rw\n")
    monkeypatch.setattr(network_drive, "MOUNTINFO", mountinfo)
    monkeypatch.chdir(tmp_path)  # a UNC name is a relative one here: nothing may be created
    for url in (f"sqlite:///{share / 'onestop.db'}", "sqlite:///\\\\server\\share\\onestop.db"):
        with pytest.raises(DatabaseUnavailable) as caught:
            open_database(url)
        assert "nằm trên ổ mạng" in str(caught.value) and "PostgreSQL" in str(caught.value)
    assert list(tmp_path.rglob("*onestop*")) == []


# ---- databases that cannot be opened --------------------------------------------------------

def test_a_file_that_is_not_a_database_says_to_restore(tmp_path):
    broken = tmp_path / "onestop.db"
    broken.write_bytes(os.urandom(32 * 1024))
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(f"sqlite:///{broken}")
    message = str(caught.value)
    assert "bị hỏng" in message and "onestop restore" in message and "--database" in message


def test_an_unreachable_folder_says_what_to_check(tmp_path):
    (tmp_path / "tep").write_text("a file where a folder should be")
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(f"sqlite:///{tmp_path / 'tep' / 'onestop.db'}")
    assert "Không mở được tệp cơ sở dữ liệu" in str(caught.value) and "--database" in str(caught.value)


def test_a_database_locked_during_migration_says_so_and_opens_once_free(tmp_path):
    db_file = tmp_path / "onestop.db"
    other = sqlite3.connect(db_file, isolation_level=None)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("BEGIN IMMEDIATE")  # e.g. a second copy of the program in the middle of a write
    other.execute("CREATE TABLE ghi_chu (x)")
    try:
        with pytest.raises(DatabaseUnavailable, match="bị khóa bởi một chương trình khác"):
            open_database(f"sqlite:///{db_file}", busy_timeout_ms=200)
    finally:
        other.execute("ROLLBACK")
        other.close()
    db, _ = open_database(f"sqlite:///{db_file}", busy_timeout_ms=200)
    db.dispose()


@SQLITE_ONLY
def test_a_read_only_database_is_refused_at_start(site_db, database_url):
    db, _ = site_db
    db.dispose()
    read_only = f"sqlite:///file:{_db_file(database_url)}?mode=ro&uri=true"
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(read_only)
    assert "chỉ cho phép đọc" in str(caught.value) and "--database" in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes through chmod 444; the read-only URL test above covers the message")
@SQLITE_ONLY
def test_a_write_protected_file_is_refused_at_start(site_db, database_url):
    db, _ = site_db
    db.dispose()
    db_file = _db_file(database_url)
    db_file.chmod(0o444)
    db_file.parent.chmod(0o555)
    try:
        with pytest.raises(DatabaseUnavailable, match="chỉ cho phép đọc|Không mở được tệp"):
            open_database(database_url)
    finally:
        db_file.parent.chmod(0o755)
        db_file.chmod(0o644)


def test_the_window_shows_why_instead_of_a_traceback(qtbot, tmp_path, monkeypatch):
    from onestop.ui import app as ui_app

    broken = tmp_path / "onestop.db"
    broken.write_bytes(os.urandom(32 * 1024))
    shown = []  # the message box that offers to connect elsewhere; closed without choosing
    monkeypatch.setattr(ui_app, "offer_connection", lambda message: shown.append(message))
    assert ui_app.run(f"sqlite:///{broken}") == 1
    assert len(shown) == 1 and "bị hỏng" in shown[0] and "onestop restore" in shown[0]


def test_a_database_from_a_newer_program_says_so(site_db, database_url):
    db, _ = site_db
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_tuong_lai'"))
    db.dispose()
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(database_url)
    assert "phiên bản onestop mới nhất" in str(caught.value) and "9999_tuong_lai" in str(caught.value)


# ---- automatic backups in the window ----------------------------------------------------------

@SQLITE_ONLY
def test_automatic_backup_runs_off_the_window_thread_once_a_day(qtbot, site_db, database_url, tmp_path):
    from onestop.ui.auto_backup import AutoBackup

    db, site = site_db
    code = _intake(db, site, "Hoàng Thu Trang", MONDAY_0915)
    now = [MONDAY_0915]
    folder = tmp_path / "backups"
    _touch_backups(folder, ["20261001-090000"])  # older than the 30 days kept
    auto = AutoBackup(_db_file(database_url), folder, lambda: 30, lambda: now[0])
    with qtbot.waitSignal(auto.reported, timeout=30_000) as report:
        assert auto.check()
    made = folder / f"onestop-{LOCAL_STAMP}.db"
    assert report.args == [f"Đã sao lưu cơ sở dữ liệu: {made}"]
    assert sorted(folder.iterdir()) == [made] and _codes(made) == {code}
    assert not auto.check()  # one a day

    now[0] = MONDAY_0915 + timedelta(days=1)
    with qtbot.waitSignal(auto.reported, timeout=30_000):
        assert auto.check()
    assert sorted(p.name for p in folder.iterdir()) == [f"onestop-{LOCAL_STAMP}.db", "onestop-20261124-091500.db"]
    auto.wait()

    missing = AutoBackup(tmp_path / "khong-co.db", folder, lambda: 30, lambda: now[0] + timedelta(days=1))
    with qtbot.waitSignal(missing.reported, timeout=30_000) as report:  # said, not raised
        assert missing.check()
    assert report.args[0].startswith("Chưa sao lưu được cơ sở dữ liệu: Không tìm thấy tệp")


# ---- command line ---------------------------------------------------------------------------

def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _cli_intake(capsys, url: str, name: str, at: str) -> str:
    code, out, err = _cli(capsys, "--database", url, "intake", "--procedure", "1.001193", "--name", name,
                          "--cccd", "001190012345", "--at", at)
    assert code == 0, err
    return out.strip()


def test_cli_backup_and_restore(capsys, tmp_path):
    db_file = tmp_path / "x.db"
    url = f"sqlite:///{db_file}"
    kept = _cli_intake(capsys, url, "Nguyễn Văn An", "2026-10-05T09:00")
    code, out, err = _cli(capsys, "--database", url, "backup", "-o", str(tmp_path / "sao-luu"))
    assert code == 0, err
    made = Path(out.removeprefix("Đã sao lưu vào ").strip())
    assert made.parent == tmp_path / "sao-luu" and made.name.startswith("x-") and _codes(made) == {kept}
    lost = _cli_intake(capsys, url, "Trần Thị Bình", "2026-10-06T09:00")

    code, out, err = _cli(capsys, "--database", url, "restore", str(made))
    assert code == 0, err
    aside = Path(out.split("được giữ lại ở ")[1].strip())
    assert aside.name.startswith("x.db.truoc-khi-khoi-phuc-") and _codes(aside) == {kept, lost}
    assert _codes(db_file) == {kept}

    # The way out of a damaged database: it cannot be opened, but it can be restored.
    db_file.write_bytes(os.urandom(32 * 1024))
    code, _, err = _cli(capsys, "--database", url, "export", "dossiers", "-o", str(tmp_path / "x.csv"))
    assert code == 1 and "bị hỏng" in err and "onestop restore" in err
    code, out, err = _cli(capsys, "--database", url, "restore", str(made))
    assert code == 0, err
    assert _codes(db_file) == {kept}

    junk = tmp_path / "hong.db"
    junk.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    code, _, err = _cli(capsys, "--database", url, "restore", str(junk))
    assert code == 1 and err.startswith("Lỗi:") and "hỏng" in err
    assert _codes(db_file) == {kept}


def test_cli_default_backup_folder_and_postgresql(capsys, tmp_path, _data_dir):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    _cli_intake(capsys, url, "Nguyễn Văn An", "2026-10-05T09:00")
    code, out, err = _cli(capsys, "--database", url, "backup")
    assert code == 0, err
    assert Path(out.removeprefix("Đã sao lưu vào ").strip()).parent == _data_dir / "backups"

    for argv in (["backup"], ["restore", str(tmp_path / "x.db")]):
        code, _, err = _cli(capsys, "--database", "postgresql+psycopg://cb@127.0.0.1:1/onestop", *argv)
        assert code == 2 and "pg_dump" in err

