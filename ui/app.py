"""Starting the window: Qt application, translations, the database, the main window."""
from __future__ import annotations

import logging
import os
import sys
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from onestop.db.session import backups_dir, resolve_url, sqlite_path
from onestop.installation.bootstrap import DatabaseUnavailable, open_database
from onestop.office.site import load_site
from onestop.ui.auto_backup import AutoBackup
from onestop.ui.connection_dialog import offer_connection
from onestop.ui.crash_dialog import install_crash_dialog
from onestop.ui.idle_lock import IdleLock

if TYPE_CHECKING:
    from onestop.db.session import Database
    from onestop.ui.main_window import MainWindow


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def install_translations(app: QApplication) -> list[QTranslator]:
    """Vietnamese is the source language; another (ONESTOP_LANG=en) loads resources/translations.
    Qt's own buttons and dialogs (Save, Cancel, Yes, the print and file dialogs) come from Qt's
    translations, which have no Vietnamese: ours, qtbase_vi.ts, stands in. Returns what it installed."""
    lang = os.environ.get("ONESTOP_LANG", "vi")
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if lang == "vi" else QLocale(lang).language()))
    folder = str(resources.files("onestop.resources") / "translations")
    installed = []
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) or (
            lang == "vi" and qt.load("qtbase_vi", folder)):
        installed.append(qt)
    ours = QTranslator(app)
    if lang != "vi" and ours.load(f"onestop_{lang}", folder):
        installed.append(ours)
    for translator in installed:
        app.installTranslator(translator)
    return installed


def start_backups(db: Database, window: MainWindow) -> AutoBackup | None:
    """SQLite: a backup soon after start, then daily, reported in the status bar. PostgreSQL: pg_dump's job."""
    path = sqlite_path(db.url)
    if path is None:
        return None
    auto = AutoBackup(path, backups_dir(), lambda: window.site.settings.backup_keep_days, utc_now, window)
    auto.reported.connect(lambda text: window.statusBar().showMessage(text, 30_000))
    auto.start()
    return auto


def run(database_url: str | None = None, log_file: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("onestop")
    app.setOrganizationName("onestop")
    install_translations(app)
    install_crash_dialog(log_file)
    url = resolve_url(database_url)
    while True:
        try:
            db, site = open_database(url)
            break
        except DatabaseUnavailable as exc:  # said, with the connection dialog offered
            url = offer_connection(str(exc))
            if url is None:
                return 1
    from onestop.people.accounts import has_accounts
    from onestop.people.pg_roles import session_username
    from onestop.ui.login_dialog import sign_in
    from onestop.ui.main_window import MainWindow

    desk = QSettings()  # per desk, not per site: who signed in here last
    with db.read() as session:
        first_start = not has_accounts(session)
        # A PostgreSQL site with roles: the desk is connected as one person, whose account it is.
        login = session_username(session)
    logging.getLogger("onestop").info("window: %s", "first start" if first_start else "sign-in")  # start-up timed
    actor = sign_in(db, utc_now, not first_start, username=login or str(desk.value("username", "")))
    if actor is None:
        db.dispose()
        return 0
    desk.setValue("username", actor.username)
    if first_start:  # the assistant's second step: the agency, before any paper is printed
        from onestop.ui.settings_dialog import SettingsDialog

        if SettingsDialog(db, site, actor=actor, clock=utc_now, first_start=True).exec():
            with db.read() as session:
                site = load_site(session)
    window = MainWindow(db, site, utc_now, actor.full_name, actor=actor)
    window.show()
    if site.warnings:  # a stored setting replaced by its default: the desk works, the admin must fix it
        window.statusBar().showMessage(" ".join(site.warnings), 120_000)
    backups = start_backups(db, window)
    idle = IdleLock(db, utc_now, actor, lambda: window.site.settings.lock_after_minutes, window)
    idle.quit_requested.connect(app.quit)
    try:
        return app.exec()
    finally:
        if backups is not None:
            backups.wait()
        db.dispose()
