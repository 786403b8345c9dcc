"""Backups of a SQLite database: made online through SQLite's backup API, checked, pruned, restored.

A backup is `<database name>-YYYYMMDD-HHMMSS.db` (local time) in the backup folder, a self-contained
file (rollback journal, not WAL) that has passed `PRAGMA integrity_check`. It is written under a
`.partial` name first, so that an interrupted backup never looks like a good one. PostgreSQL sites
back up with pg_dump instead.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from glob import escape as glob_escape
from pathlib import Path

from onestop.clock.calendar import TZ
from onestop.db.failures import Failure, classify
from onestop.db.private_files import create_private, private_folder
from onestop.db.session import sqlite_path
from onestop.errors import OnestopError
from onestop.files.output_files import sync_folder

PARTIAL = ".partial"
ASIDE = ".truoc-khi-khoi-phuc-"
RESTORING = ".dang-khoi-phuc-"  # the backup being copied in, beside the database
SIDE_FILES = ("-wal", "-shm", "-journal")
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.db(?P<partial>\.partial)?$")
POSTGRESQL_MESSAGE = ("Cơ sở dữ liệu PostgreSQL được sao lưu và khôi phục bằng công cụ của PostgreSQL: "
                      "pg_dump -Fc -f onestop.dump TÊN_CSDL, rồi pg_restore khi cần.")


class BackupError(OnestopError, RuntimeError):
    """A backup or restore that could not be done; the message says why in Vietnamese."""


def _stamp(now: datetime) -> str:
    return now.astimezone(TZ).strftime("%Y%m%d-%H%M%S")


def _made_at(path: Path) -> datetime | None:
    m = _NAME.match(path.name)
    return datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=TZ) if m else None


def backups(folder: Path) -> list[tuple[datetime, Path]]:
    """The finished backups in the folder, oldest first."""
    if not folder.is_dir():
        return []
    found = [(made, p) for p in folder.iterdir()
             if (made := _made_at(p)) is not None and not p.name.endswith(PARTIAL)]
    return sorted(found)


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    """A connection that never creates the file (mode "ro" or "rw"); "rwc" creates it."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=10,
                           isolation_level=None)


def check(path: Path) -> None:
    """Raises BackupError unless the file is a sound SQLite database (`PRAGMA integrity_check`)."""
    try:
        with closing(_connect(path, "ro")) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Tệp {path} không phải cơ sở dữ liệu SQLite hoặc đã hỏng ({exc}).") from exc
    if problems != ["ok"]:
        raise BackupError(f"Tệp {path} bị hỏng, không qua được kiểm tra toàn vẹn: {'; '.join(problems[:3])}")


def _copy(source: Path, target: Path, source_mode: str) -> None:
    """Copies a database page by page through the backup API: consistent while others write."""
    create_private(target)  # an empty file: SQLite writes the copy into it, keeping its mode 0600
    with closing(_connect(source, source_mode)) as src, closing(_connect(target, "rwc")) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it


def make_backup(database: str | os.PathLike[str], folder: Path, now: datetime) -> Path:
    """Backs up a SQLite database (a file or a sqlite:/// URL) into the folder; returns the new file."""
    source = sqlite_path(database) if isinstance(database, str) and "://" in database else Path(database)
    if source is None:
        raise BackupError(POSTGRESQL_MESSAGE)
    if not source.is_file():
        raise BackupError(f"Không tìm thấy tệp cơ sở dữ liệu {source}.")
    try:
        private_folder(folder)
    except OSError as exc:
        raise BackupError(f"Không tạo được thư mục sao lưu {folder}: {exc.strerror or exc}.") from exc
    target = _free_name(folder / f"{source.stem}-{_stamp(now)}", ".db")
    partial = target.with_name(target.name + PARTIAL)
    try:
        _copy(source, partial, "rw")  # the live database: "rw" reaches its WAL whatever the -shm
        check(partial)
        os.replace(partial, target)
    except BackupError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Bản sao lưu của {source} không dùng được, đã xóa: {exc} "
                          "Cơ sở dữ liệu có thể đang hỏng; hãy kiểm tra nó.") from exc
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Không sao lưu được {source} vào {folder}: {exc}.") from exc
    return target


def _free_name(base: Path, suffix: str) -> Path:
    """`base + suffix`, or with -1, -2… before the suffix when taken (two in the same second)."""
    path, n = Path(f"{base}{suffix}"), 1
    while path.exists() or Path(f"{path}{PARTIAL}").exists():
        path, n = Path(f"{base}-{n}{suffix}"), n + 1
    return path


def backup_due(folder: Path, now: datetime) -> bool:
    """True when the folder holds no backup made today (local date): one at start, then daily."""
    today = now.astimezone(TZ).date()
    return all(made.date() != today for made, _ in backups(folder))


def prune(folder: Path, keep_days: int, now: datetime) -> list[Path]:
    """Deletes backups older than `keep_days` days (never the newest one) and interrupted ones
    left over for more than a day; returns what was deleted."""
    cutoff = now - timedelta(days=keep_days)
    finished = backups(folder)
    old = [p for made, p in finished[:-1] if made < cutoff]
    stale = [p for p in folder.glob(f"*{PARTIAL}") if (made := _made_at(p)) and made < now - timedelta(days=1)]
    for path in old + stale:
        path.unlink(missing_ok=True)
    return old + stale


def restore(backup_file: Path, db_path: Path, now: datetime) -> Path | None:
    """Puts a backup in place of the database. The current database (with its -wal and -shm) is
    kept aside as `<name>.truoc-khi-khoi-phuc-<time>`, never deleted; returns where it went
    (None when there was none). Refuses a file that is not a sound backup of this program, and a
    database that another program still has open.

    Atomic: the backup is copied to a temporary file beside the database, checked, flushed to the
    disk, then swapped in with os.replace (a rename within one folder), so that a restore killed
    at any moment leaves the old database or the restored one at its path, never nothing."""
    if not backup_file.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {backup_file}.")
    check(backup_file)
    _check_ours(backup_file)
    if db_path.exists() and db_path.resolve() == backup_file.resolve():
        raise BackupError("Tệp sao lưu chính là cơ sở dữ liệu đang dùng.")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"Không tạo được thư mục {db_path.parent}: {exc.strerror or exc}.") from exc
    _remove_stale_copies(db_path)
    incoming = db_path.with_name(f"{db_path.name}{RESTORING}{_stamp(now)}{PARTIAL}")
    try:
        _copy(backup_file, incoming, "ro")
        check(incoming)
        _check_ours(incoming)
        _fsync(incoming)
    except (BackupError, sqlite3.Error, OSError) as exc:
        _remove_with_side_files(incoming)
        raise BackupError(f"Không khôi phục được từ {backup_file}: {exc}. Cơ sở dữ liệu cũ vẫn giữ nguyên.") from exc
    aside = None
    try:
        if db_path.exists():
            aside = _keep_aside(db_path, now)
        os.replace(incoming, db_path)
        sync_folder(db_path.parent)
    except BackupError:
        _remove_with_side_files(incoming)
        raise
    except OSError as exc:
        _remove_with_side_files(incoming)
        if aside is not None and db_path.exists():
            aside.unlink(missing_ok=True)  # the old database is still in place: no copy of it needed
            aside = None
        raise BackupError(f"Không khôi phục được từ {backup_file}: {exc}. Cơ sở dữ liệu cũ vẫn giữ nguyên.") from exc
    return aside


def _check_ours(path: Path) -> None:
    with closing(_connect(path, "ro")) as conn:
        ours = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                            "AND name IN ('alembic_version', 'dossier')").fetchone()[0] == 2
        versioned = ours and conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    if not versioned:
        raise BackupError(f"Tệp {path} không phải bản sao lưu cơ sở dữ liệu của chương trình này.")


def _remove_stale_copies(db_path: Path) -> None:
    """Temporary copies left by a restore that was killed, and a second name of the live database
    (a restore killed between keeping it aside and the swap): never data of their own."""
    name = glob_escape(db_path.name)
    for stale in db_path.parent.glob(f"{name}{RESTORING}*{PARTIAL}"):
        _remove_with_side_files(stale)
    if db_path.exists():
        for alias in db_path.parent.glob(f"{name}{ASIDE}*"):
            if alias.is_file() and os.path.samefile(alias, db_path):
                alias.unlink()


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_aside(db_path: Path, now: datetime) -> Path:
    """A second name for the current database (a hard link, or a copy where links are not
    supported, e.g. FAT on a USB drive), taken while the database stays at its own path."""
    try:  # leaving WAL needs every other connection closed; its log is folded into the file
        with closing(_connect(db_path, "rw")) as conn:
            conn.execute("PRAGMA busy_timeout=2000")
            conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError as exc:
        if classify(exc) is Failure.BUSY:
            raise BackupError(f"Cơ sở dữ liệu {db_path} đang được một chương trình khác mở (cửa sổ onestop "
                              "hoặc một lệnh đang chạy). Hãy đóng chương trình đó rồi khôi phục lại.") from exc
    except sqlite3.DatabaseError:
        pass  # a damaged database is kept aside as it is
    aside = _free_name(db_path.with_name(f"{db_path.name}{ASIDE}{_stamp(now)}"), "")
    try:
        os.link(db_path, aside)
    except OSError:
        shutil.copy2(db_path, aside)
        _fsync(aside)
    for suffix in SIDE_FILES:  # left only beside a damaged file; they belong to it, not to the backup
        if Path(f"{db_path}{suffix}").exists():
            os.replace(f"{db_path}{suffix}", f"{aside}{suffix}")
    sync_folder(db_path.parent)
    return aside
