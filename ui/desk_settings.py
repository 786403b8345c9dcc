"""What one counter PC keeps for itself (its printer, each account's text size): desk.ini in the data
folder beside the desk's other files, not in the site's settings that every desk shares."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from onestop.db.session import data_dir

TEXT_SIZES = range(80, 210, 10)  # per cent of the system's text size


def desk() -> QSettings:
    return QSettings(str(data_dir() / "desk.ini"), QSettings.Format.IniFormat)


def keep(values: dict[str, object]) -> None:
    """Raises OSError when desk.ini cannot be written (a read-only or full data folder)."""
    settings = desk()
    for key, value in values.items():
        settings.setValue(key, value)
    settings.sync()
    if settings.status() != QSettings.Status.NoError:
        raise OSError(settings.fileName())


def text_size(username: str) -> int:
    size = desk().value(f"text_size/{username}", 100, type=int)
    return size if size in TEXT_SIZES else 100
