"""Writing an output file (a printed form, an export, a report) so that nothing is lost on failure.

Every command and window that writes a file the user named goes through write_output():
- a database is never the target: an existing SQLite database file (by its header), its -wal,
  -shm or -journal sidecar, and anything in the backups folder are refused before anything is
  written (`print receipt CODE -o onestop.db` once overwrote the live database with the PDF);
- the bytes go to a temporary file beside the target (same folder, so same file system), created
  private (0600, mkstemp), flushed and fsync'ed, then renamed over the target with os.replace, which
  is atomic on POSIX and Windows: a reader sees the old file or the new one, never half of one, and
  a failure half way (disk full) leaves the old file byte for byte and removes the temporary one;
- a target that exists and is not a regular file (/dev/stdout, a named pipe, /dev/full) is
  written in place: there is nothing to keep and it cannot be renamed over.
Symbolic links and relative paths are resolved first, so the real file is the one replaced and
compared.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO, TypeVar

from onestop.db.session import backups_dir
from onestop.errors import OnestopError

__all__ = ["OutputRefused", "SQLITE_SIDECARS", "closed_on_failure", "is_disk_full", "refuse_protected", "utf8_text",
           "sync_folder", "write_bytes", "write_output", "write_problem"]

T = TypeVar("T")
SQLITE_HEADER = b"SQLite format 3\x00"  # https://www.sqlite.org/fileformat.html, 1.3 The Database Header
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")  # https://www.sqlite.org/tempfiles.html
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class OutputRefused(OnestopError, OSError):
    """The output path is the database, a sidecar of it or a backup; nothing was written."""

    def __init__(self, message: str) -> None:
        super().__init__(errno.EPERM, message)
        self.message = message


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _backups_folder() -> Path | None:
    try:
        return Path(os.path.realpath(backups_dir()))
    except OSError:  # no data folder can be made: there are no backups in it either
        return None


def refuse_protected(path: Path) -> Path:
    """The real path to write (links and '..' resolved); OutputRefused when it is a database, a
    database's sidecar or in the backups folder."""
    real = Path(os.path.realpath(path))
    nothing = "Không có gì được ghi; hãy chọn tên tệp khác."
    if real.is_file() and _is_sqlite(real):
        raise OutputRefused(f"{path} là một tệp cơ sở dữ liệu: không ghi đè lên nó. {nothing}")
    for suffix in SQLITE_SIDECARS:
        if real.name.endswith(suffix) and _is_sqlite(real.with_name(real.name[: -len(suffix)])):
            raise OutputRefused(f"{path} là tệp đi kèm ({suffix}) của một cơ sở dữ liệu: không ghi đè lên nó. {nothing}")
    backups = _backups_folder()
    if backups is not None and (real == backups or backups in real.parents):
        raise OutputRefused(f"{path} nằm trong thư mục sao lưu {backups}: không ghi tệp khác vào đó. {nothing}")
    return real


class _Guarded:
    """The file as the writer sees it. After the first failed write (disk full), or once
    write_output is done with the file, writes are dropped and the position is only counted: a
    library object left holding the file (openpyxl's ZipFile) writes its end records when it is
    collected, which would print "Exception ignored …" on stderr; that file is deleted anyway and
    the first error was already raised."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.dead = False
        self._pos = 0
        self._end = 0

    def _moved(self, pos: int) -> int:
        self._pos = pos
        self._end = max(self._end, pos)
        return pos

    def write(self, data) -> int:
        if not self.dead:
            try:
                written = self._fh.write(data)
            except (OSError, ValueError):
                self.dead = True
                raise
            self._moved(self._pos + written)
            return written
        self._moved(self._pos + len(data))
        return len(data)

    def flush(self) -> None:
        if not self.dead:
            try:
                self._fh.flush()
            except (OSError, ValueError):
                self.dead = True
                raise

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if not self.dead:
            try:
                return self._moved(self._fh.seek(offset, whence))
            except (OSError, ValueError):
                self.dead = True
                raise
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._end}[whence]
        return self._moved(base + offset)

    def seekable(self) -> bool:
        return self._fh.seekable() if not self.dead else True

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def close(self) -> None:  # write_output closes the real file
        self.flush()

    @property
    def closed(self) -> bool:
        return False


def _write_into(fh: BinaryIO, write: Callable[[BinaryIO], T], sync: bool) -> T:
    guarded = _Guarded(fh)
    if fh.seekable():
        guarded._moved(fh.tell())
    try:
        result = write(guarded)  # type: ignore[arg-type]
        fh.flush()
        if sync:
            os.fsync(fh.fileno())  # the bytes are on the disk before the name points at them
        return result
    finally:
        guarded.dead = True


def write_output(path: Path | str, write: Callable[[BinaryIO], T]) -> T:
    """Calls write(file) on a temporary file beside path, then puts it in path's place; returns what
    write returned. On any error the old file stays as it was and the temporary file is removed;
    the error is raised (OutputRefused, OSError: see write_problem for the message)."""
    path = Path(path)
    real = refuse_protected(path)
    try:
        special = not stat.S_ISREG(real.stat().st_mode)
    except FileNotFoundError:
        special = False
    if special:  # a device or a pipe: written in place
        with real.open("wb") as fh:
            return _write_into(fh, write, sync=False)
    fd, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")  # 0600
    replaced = False
    try:
        with os.fdopen(fd, "wb") as fh:
            result = _write_into(fh, write, sync=True)
        os.replace(temporary, real)
        replaced = True
    finally:  # whatever stopped the writing (an error, Ctrl+C), the half-written file goes
        if not replaced:
            with suppress(OSError):
                os.unlink(temporary)
    sync_folder(real.parent)
    return result


@contextmanager
def closed_on_failure(book) -> Iterator[None]:
    """Around the writing of an openpyxl write-only workbook: when it fails (disk full, the rows'
    query broken off), the sheets' streams are closed at once. Left to the garbage collector, they
    write to files already closed and print "Exception ignored …" on stderr."""
    finished = False
    try:
        yield
        finished = True
    finally:
        if not finished:
            for sheet in getattr(book, "_sheets", ()):
                for name in ("_rows", "_writer"):
                    part = getattr(sheet, name, None)
                    # the first error is the one to report: closing onto a full disk or a closed
                    # file fails again (OSError, ValueError; RuntimeError from a generator's close)
                    with suppress(OSError, ValueError, RuntimeError):
                        if part is not None:
                            part.close()


def utf8_text(fh: BinaryIO, bom: bool = False):
    """A text view of fh for csv.writer (UTF-8; with the BOM Excel needs to read Vietnamese right).
    Not an io.TextIOWrapper: that one closes fh when it is collected."""
    class _Text:
        def write(self, text: str) -> int:
            fh.write(text.encode("utf-8"))
            return len(text)

    if bom:
        fh.write("\ufeff".encode("utf-8"))
    return _Text()


def write_bytes(path: Path | str, data: bytes) -> None:
    write_output(path, lambda fh: fh.write(data))


def sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut (POSIX: fsync the directory; not possible on Windows)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in _DISK_FULL


def write_problem(path: Path | str, exc: OSError) -> str:
    """What to tell the user when write_output failed (Vietnamese, one sentence or two)."""
    if isinstance(exc, OutputRefused):
        return exc.message
    kept = "tệp cũ (nếu có) không bị ghi đè, không có gì được ghi"
    if is_disk_full(exc):
        return f"Đĩa đầy: không ghi được tệp {path}; {kept}. Hãy giải phóng chỗ trống trên đĩa rồi thử lại."
    if exc.errno in (errno.EACCES, errno.EPERM):
        why = "không có quyền ghi vào đó, hoặc tệp đang mở trong chương trình khác như Excel"
    elif exc.errno == errno.ENOENT:
        why = "thư mục không tồn tại"
    elif exc.errno == errno.EISDIR:
        why = "đó là một thư mục"
    elif exc.errno == errno.EROFS:
        why = "ổ đĩa chỉ cho đọc"
    else:
        why = exc.strerror or str(exc)
    return f"không ghi được tệp {path} ({why}); {kept}."
