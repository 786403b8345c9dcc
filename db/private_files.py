"""Files only their owner may read: the database holds every applicant's CCCD and phone.

On Linux and macOS the data folder is made 0700 and the database and its backups 0600, whatever
the umask (typically 022, which leaves them readable by every local account on a shared desk).
On Windows the user's own profile folder (AppData) already keeps other accounts out.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

POSIX = os.name != "nt"


def private_folder(path: Path) -> Path:
    """Makes the folder (and its parents) if needed; the folder itself is 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    _chmod(path, 0o700)
    return path


def private_file(path: Path) -> None:
    """An existing file (the database with its -wal and -shm, a backup) is made 0600."""
    for name in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal"))):
        if name.exists():
            _chmod(name, 0o600)


def create_private(path: Path) -> None:
    """Creates an empty file 0600 before SQLite writes it (SQLite then keeps its mode, and gives
    the same mode to the -wal and -shm it creates: https://sqlite.org/tempfiles.html)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    _chmod(path, 0o600)


def _chmod(path: Path, mode: int) -> None:
    if not POSIX:
        return
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except OSError:
        pass  # another user's folder, a read-only medium: the file is used as it is
