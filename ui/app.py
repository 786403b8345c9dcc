"""Starting the window: Qt application, translations, the database, the main window."""
from __future__ import annotations

import getpass
import os
import sys
from datetime import datetime, timezone
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from onestop.bootstrap import DatabaseUnavailable, open_database


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def install_translations(app: QApplication) -> None:
    """Vietnamese is the source language; another (ONESTOP_LANG=en) loads resources/translations."""
    lang = os.environ.get("ONESTOP_LANG", "vi")
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if lang == "vi" else QLocale(lang).language()))
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    ours = QTranslator(app)
    folder = str(resources.files("resources") / "translations")
    if lang != "vi" and ours.load(f"onestop_{lang}", folder):
        app.installTranslator(ours)


def run(database_url: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("onestop")
    app.setOrganizationName("onestop")
    install_translations(app)
    try:
        db, site = open_database(database_url)
    except DatabaseUnavailable as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Không mở được cơ sở dữ liệu"), str(exc))
        return 1
    from ui.main_window import MainWindow

    desk = QSettings()  # per desk, not per site: who sits here
    window = MainWindow(db, site, utc_now, str(desk.value("officer", getpass.getuser())))
    window.show()
    try:
        return app.exec()
    finally:
        desk.setValue("officer", window.officer())
        db.dispose()
