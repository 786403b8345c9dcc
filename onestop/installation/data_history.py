"""Whether a missing or empty SQLite file is a first start or a lost database.

SQLite takes a missing or 0-byte file for a new database. Created silently, it would issue the
day's codes again from 0001 while the real data sits in a backup or in a file put aside by a
restore. A desk that has used this database before (recorded here at each start), or whose
backups or put-aside files for it exist, refuses it and says how to get the data back.
"""
from __future__ import annotations

from pathlib import Path

from onestop.db.session import backups_dir, data_dir, default_url, sqlite_path
from onestop.installation.backup import ASIDE, backups

KNOWN_FILE = "known_databases.txt"  # one resolved path a line: the SQLite files this desk has used


def _known_file() -> Path:
    return data_dir() / KNOWN_FILE


def _known() -> set[str]:
    try:
        return set(_known_file().read_text(encoding="utf-8").splitlines())
    except (FileNotFoundError, UnicodeDecodeError):
        return set()


def record_database(path: Path) -> None:
    """Remembers that this desk uses the file (once; a folder that cannot be written is let be)."""
    key = str(path.resolve())
    if key in _known():
        return
    try:
        with _known_file().open("a", encoding="utf-8") as fh:
            fh.write(key + "\n")
    except OSError:
        pass


def is_blank(path: Path) -> bool:
    """True for a file SQLite would take as a new, empty database: missing or 0 bytes."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True


def _own_backups(path: Path) -> list[Path]:
    """The finished backups of this database in the backup folder, oldest first (each one passed
    integrity_check when it was made)."""
    try:
        return [p for _, p in backups(backups_dir()) if p.name.startswith(f"{path.stem}-")]
    except OSError:
        return []


def last_backup(path: Path) -> Path | None:
    return (_own_backups(path) or [None])[-1]


def _arg(value: object) -> str:
    text = str(value)
    return f'"{text}"' if " " in text else text


def restore_command(path: Path, backup: Path | str) -> str:
    """The command that puts `backup` in place of the database at `path`, ready to be typed."""
    if path.resolve() == sqlite_path(default_url()).resolve():
        return f"onestop restore {_arg(backup)}"
    return f"onestop restore {_arg(backup)} --database {_arg(f'sqlite:///{path}')}"


def lost_database_message(path: Path) -> str | None:
    """For a missing or empty file this desk has a history of, why it is refused and what to do;
    None when it may be created (a first start) or is not blank."""
    if not is_blank(path):
        return None
    own_backups = _own_backups(path)
    put_aside = sorted(path.parent.glob(f"{path.name}{ASIDE}*")) if path.parent.is_dir() else []
    put_aside = [p for p in put_aside if not p.name.endswith(("-wal", "-shm", "-journal"))]
    if not (own_backups or put_aside or str(path.resolve()) in _known()):
        return None
    state = "rỗng (0 byte)" if path.exists() else "không còn"
    text = (f"Tệp cơ sở dữ liệu {path} {state}, dù máy này đã dùng nó. Chương trình không tự tạo cơ sở dữ liệu "
            "mới, vì như thế số hồ sơ sẽ được cấp lại từ 0001 và dữ liệu cũ bị bỏ qua; chưa có gì được ghi. ")
    if own_backups:
        last = own_backups[-1]
        text += f"Bản sao lưu gần nhất là {last}. Hãy khôi phục nó bằng lệnh: {restore_command(path, last)}"
    elif put_aside:
        text += (f"Cơ sở dữ liệu trước lần khôi phục gần nhất được giữ ở {put_aside[-1]}. Hãy khôi phục nó bằng lệnh: "
                 f"{restore_command(path, put_aside[-1])}")
    else:
        text += ("Không tìm thấy bản sao lưu nào. Hãy kiểm tra ổ đĩa (ổ USB, ổ ngoài đã cắm chưa) hoặc tìm lại tệp; "
                 "nếu đúng là muốn bắt đầu một cơ sở dữ liệu mới, hãy chọn tệp khác: "
                 "onestop --database sqlite:///đường/dẫn/tệp-mới.db")
    return text
