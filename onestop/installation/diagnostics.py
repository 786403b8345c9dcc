"""The program's own log: a rotating file in the data folder, and a last resort for errors nobody
caught, so that an unexpected failure on a counter PC leaves a trace someone can send in.

No personal data goes into it (Nghị định 13/2023/NĐ-CP): the program logs codes, counts, commands and
the kind of database, never names, CCCD or phones. Tracebacks can carry values, so every record
passes `scrub`, which masks runs of 9 or more digits (CCCD, phone, tax code; a dossier code's
groups are shorter) and SQLAlchemy's statement parameters.
"""
from __future__ import annotations

import logging
import os
import re
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from onestop.db.session import data_dir

LOG_NAME = "onestop.log"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
MAX_BYTES, BACKUPS = 1_000_000, 4  # five files of 1 MB at most: years of a desk's starts and errors

log = logging.getLogger("onestop")
_DIGITS = re.compile(r"\d{9,}")
_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.S)


def scrub(text: str) -> str:
    text = _PARAMETERS.sub("[parameters: …]", text)
    return _DIGITS.sub(lambda m: m.group()[:3] + "•" * (len(m.group()) - 5) + m.group()[-2:], text)


class _Scrubbed(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def log_path(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / "logs" / LOG_NAME


def configure(level: str = "INFO", folder: Path | None = None) -> Path | None:
    """Sends the "onestop" loggers to the rotating file (0600, in a 0700 folder); returns its path,
    or None when the folder cannot be written (a read-only profile: the program runs without a log)."""
    path = log_path(folder)
    for handler in list(log.handlers):  # configured again (tests, a second window): one file handler
        if isinstance(handler, RotatingFileHandler):
            log.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        os.chmod(path, 0o600)
    except OSError:
        return None
    handler.setFormatter(_Scrubbed("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False
    return path


def unexpected_message(path: Path | None) -> str:
    where = f" Chi tiết đã được ghi vào {path}; hãy gửi tệp này cho người quản trị." if path else ""
    return ("Đã xảy ra lỗi không mong muốn; những gì đã lưu trước đó không bị mất, thao tác đang làm có thể "
            f"chưa được lưu.{where}")


def install_excepthook(path: Path | None, show: Callable[[Path | None], None]) -> None:
    """Errors nobody caught (in the window, those raised inside a slot) go to the log with their
    traceback, and the person in front of the screen is told (show, given the log's path)."""
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.critical("unexpected error\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        try:
            show(path)
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook
