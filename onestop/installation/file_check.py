"""A damaged SQLite file found at start, before anything is written into it.

A bad sector or a bad copy in the middle of the file goes unnoticed by SQLite until a query reads
that page: a desk would keep saving into the damaged file and the audit would fail later.
`PRAGMA quick_check` (https://sqlite.org/pragma.html#pragma_quick_check) reads every page and
checks the b-trees, without the index-to-table cross-check of integrity_check. It reads the whole
file, so a large file is checked on its first start of the (local) day only, recorded in the data
folder; a small one at every start (see benchmarks/bench_quick_check.py for the figures).
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from onestop.db.session import data_dir
from onestop.installation.data_history import last_backup, restore_command

EVERY_START_BELOW = 128 * 2**20  # bytes: about 0.5 s of quick_check (some 60,000 dossiers) on a slow desk
CHECKED_FILE = "quick_check.txt"  # "<local date>\t<resolved path>" of the last clean check, a line per file


def problems(path: Path) -> list[str]:
    """What `PRAGMA quick_check` finds wrong in the file (at most 5 lines); [] when it is sound."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)) as conn:
            found = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.OperationalError:
        return []  # cannot be read now (locked, unreadable, read-only folder): the start's own open says why
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        return [str(exc)]
    return [] if found == ["ok"] else found


def _checked() -> dict[str, str]:
    try:
        lines = (data_dir() / CHECKED_FILE).read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return {}
    return {key: day for day, _, key in (line.partition("\t") for line in lines) if key}


def check_due(path: Path, today: date) -> bool:
    """Every start for a small file; for a large one, when it was not checked clean today."""
    if path.stat().st_size < EVERY_START_BELOW:
        return True
    return _checked().get(str(path.resolve())) != today.isoformat()


def record_clean(path: Path, today: date) -> None:
    if path.stat().st_size < EVERY_START_BELOW:
        return
    checked = {**_checked(), str(path.resolve()): today.isoformat()}
    try:
        (data_dir() / CHECKED_FILE).write_text("".join(f"{d}\t{k}\n" for k, d in checked.items()), encoding="utf-8")
    except OSError:
        pass  # checked again at the next start


def damaged_message(path: Path, found: list[str]) -> str:
    text = (f"Tệp cơ sở dữ liệu {path} bị hỏng (kiểm tra của SQLite báo: {'; '.join(found[:2])}). Chương trình không "
            "ghi thêm vào tệp hỏng, để không làm mất thêm dữ liệu; chưa có gì được ghi. ")
    if (backup := last_backup(path)) is not None:
        return text + (f"Bản sao lưu tốt gần nhất là {backup}. Hãy khôi phục nó bằng lệnh: "
                       f"{restore_command(path, backup)} (tệp hỏng được giữ lại bên cạnh, không bị xóa).")
    return text + ("Không tìm thấy bản sao lưu nào trong thư mục sao lưu. Hãy chép tệp sang nơi an toàn rồi nhờ "
                   "người quản trị kiểm tra; nếu có bản sao lưu ở nơi khác, khôi phục bằng: "
                   f"{restore_command(path, 'TỆP_SAO_LƯU')}")
