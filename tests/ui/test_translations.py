"""English through Qt's translation system: the shipped catalogue is complete and the window follows it."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator

from onestop.clock.periods import KIND_LABELS
from onestop.dossiers.intake import APPLICANT_KINDS, CHANNELS
from onestop.dossiers.queue import VIEW_LABELS, View
from onestop.dossiers.statuses import STATUS_LABELS
from onestop.figures.late_review import GROUPING_LABELS, LATENESS_LABELS
from onestop.office.catalogue import DOCUMENT_FORMS, LEVELS
from onestop.people.accounts import ROLES
from onestop.ui.labels import CONTEXT, LABELS
from onestop.ui.main_window import VIEWS, MainWindow
from tests.conftest import MONDAY_0915

ROOT = Path(__file__).resolve().parents[2]
FOLDER = str(resources.files("onestop.resources") / "translations")
TS = Path(FOLDER) / "onestop_en.ts"
PLACEHOLDER = re.compile(r"\{\w*\}")


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(context.findtext("name"), message.findtext("source"), message.find("translation"))
            for context in root.iter("context") for message in context.iter("message")]


@pytest.fixture
def english(qapp) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load("onestop_en", FOLDER)
    assert QCoreApplication.installTranslator(translator)
    try:
        yield translator
    finally:
        QCoreApplication.removeTranslator(translator)


@pytest.fixture
def window(qtbot, site_db):
    def build() -> MainWindow:
        db, site = site_db
        w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
        qtbot.addWidget(w)
        return w
    return build


def _texts(w: MainWindow) -> dict[str, str]:
    return {
        "intake_tab": w.tabs.tabText(0),
        "queue_tab": w.tabs.tabText(1),
        "save": w.intake.save_button.text(),
        "overdue_tab": w.view_tabs.tabText(VIEWS.index(View.OVERDUE)),
        "header": w.model.headerData(0, Qt.Orientation.Horizontal),
        "status_header": w.model.headerData(6, Qt.Orientation.Horizontal),
        "kind": w.intake.kind.itemText(0),
        "channel": w.intake.channel.itemText(0),
        "id_label": w.intake.id_label.text(),
    }


def test_main_window_speaks_english_with_the_shipped_catalogue(english, window):
    texts = _texts(window())
    assert texts["intake_tab"] == "Receive dossier (F2)"
    assert texts["queue_tab"] == "Track dossiers (F3)"
    assert texts["save"] == "Save (Enter)"
    assert texts["overdue_tab"] == "Overdue (0)"
    assert texts["header"] == "Dossier code"
    assert texts["status_header"] == "Status"
    assert texts["kind"] == "Individual"
    assert texts["channel"] == "In person"
    assert texts["id_label"] == "Citizen ID (CCCD)"


def test_main_window_speaks_vietnamese_without_a_translator(window):
    assert QCoreApplication.translate("MainWindow", "Tiếp nhận hồ sơ (F2)") == "Tiếp nhận hồ sơ (F2)"
    texts = _texts(window())
    assert texts["intake_tab"] == "Tiếp nhận hồ sơ (F2)"
    assert texts["save"] == "Lưu (Enter)"
    assert texts["overdue_tab"] == f"{VIEW_LABELS[View.OVERDUE]} (0)"
    assert texts["header"] == "Mã hồ sơ"
    assert texts["kind"] == APPLICANT_KINDS["person"]
    assert texts["channel"] == CHANNELS["direct"]
    assert texts["id_label"] == "Số CCCD"


def test_install_translations_loads_english_when_asked(qapp, monkeypatch):
    from onestop.ui.app import install_translations

    monkeypatch.setenv("ONESTOP_LANG", "en")
    before, locale = set(qapp.findChildren(QTranslator)), QLocale()
    install_translations(qapp)
    added = [t for t in qapp.findChildren(QTranslator) if t not in before]
    try:
        assert QCoreApplication.translate(CONTEXT, VIEW_LABELS[View.OVERDUE]) == "Overdue"
    finally:
        for translator in added:
            QCoreApplication.removeTranslator(translator)
            translator.setParent(None)
        QLocale.setDefault(locale)
    assert QCoreApplication.translate(CONTEXT, VIEW_LABELS[View.OVERDUE]) == VIEW_LABELS[View.OVERDUE]


@pytest.mark.parametrize("labels", [VIEW_LABELS, STATUS_LABELS, CHANNELS, APPLICANT_KINDS, LEVELS, DOCUMENT_FORMS,
                                    LATENESS_LABELS, GROUPING_LABELS, KIND_LABELS, ROLES],
                         ids=["VIEW_LABELS", "STATUS_LABELS", "CHANNELS", "APPLICANT_KINDS", "LEVELS", "DOCUMENT_FORMS",
                              "LATENESS_LABELS", "GROUPING_LABELS", "KIND_LABELS", "ROLES"])
def test_every_onestop_label_is_registered_in_ui_labels(labels):
    missing = set(labels.values()) - set(LABELS)
    assert not missing, f"add these to ui/labels.py, then run tools/update_translations.sh: {missing}"


def test_catalogue_is_finished_and_keeps_placeholders():
    messages = _messages(TS)
    assert messages
    for context, source, translation in messages:
        assert translation.get("type") is None, f"{context}: {source!r} is {translation.get('type')}"
        assert (translation.text or "").strip(), f"{context}: {source!r} has no translation"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation.text)), source
    registered = {source for context, source, _ in messages if context == CONTEXT}
    assert set(LABELS) <= registered


def test_compiled_catalogue_matches_the_ts(qapp):
    translator = QTranslator()
    assert translator.load("onestop_en", FOLDER)
    for context, source, translation in _messages(TS):
        assert translator.translate(context, source) == translation.text, f"{context}: {source!r}"


def test_catalogue_covers_every_string_in_ui(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    lupdate = str(lupdate) if lupdate.exists() else shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, "-silent", *map(str, sorted((ROOT / "ui").glob("*.py"))), "-ts", str(fresh)],
                   check=True, capture_output=True)
    extracted = {(context, source) for context, source, _ in _messages(fresh)}
    shipped = {(context, source) for context, source, _ in _messages(TS)}
    assert extracted == shipped, "run tools/update_translations.sh and translate the new strings"


QT_VI = Path(FOLDER) / "qtbase_vi.ts"
# Words of Qt's own English that an officer must not meet on a button or a menu.
ENGLISH = re.compile(r"\b(Save|Cancel|Yes|No|Close|Apply|Open|Print|Help|Reset|Discard|Abort|Retry|Ignore|"
                     r"Undo|Redo|Copy|Paste|Delete|Select|Zoom|Page|Export|Back|Forward|Options|Properties)\b")


def test_the_vietnamese_catalogue_of_qts_own_strings_compiles_as_written(qapp):
    translator = QTranslator()
    assert translator.load("qtbase_vi", FOLDER)
    messages = _messages(QT_VI)
    assert len(messages) > 200
    for context, source, translation in messages:
        assert translation.text and translator.translate(context, source) == translation.text, f"{context}: {source!r}"


def _shown_words(widget) -> list[str]:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisible()]
    texts += [a.text() for a in widget.findChildren(QAction) if a.isVisible() and a.text()]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    return [t.replace("&", "") for t in texts if t]


def test_every_standard_button_and_dialog_of_qt_speaks_vietnamese(qtbot, site_db, qapp, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

    from onestop.people.accounts import Actor
    from onestop.ui.app import install_translations
    from onestop.ui.connection_dialog import ConnectionDialog
    from onestop.ui.printer_dialog import PrinterDialog
    from onestop.ui.settings_dialog import SettingsDialog

    monkeypatch.delenv("ONESTOP_LANG", raising=False)
    db, site = site_db
    locale = QLocale()
    installed = install_translations(qapp)
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "?", "?", QMessageBox.StandardButton.Yes
                          | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Close
                          | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Save)
        files = QFileDialog(None, "", "", "*.xlsx")
        files.setOption(QFileDialog.Option.DontUseNativeDialog)  # Windows' own is in Windows' language
        files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        printer = QPrinter()
        dialogs = [box, files, QPrintPreviewDialog(printer), QPrintDialog(printer), PrinterDialog("A4"),
                   ConnectionDialog(), SettingsDialog(db, site, actor=Actor("qt", "Quản trị", "admin"),
                                                      clock=lambda: MONDAY_0915)]
        seen = []
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            words = _shown_words(dialog)
            seen += words
            english = [w for w in words if ENGLISH.search(w)]
            assert not english, f"{type(dialog).__name__}: {english}"
        assert {"Có", "Không", "Đóng", "Hủy", "Lưu"} <= set(seen)
        edit = QLineEdit()
        menu = edit.createStandardContextMenu()  # right-click in any box
        assert [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if a.text()][:3] == [
            "Hoàn tác", "Làm lại", "Cắt"]
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(locale)
