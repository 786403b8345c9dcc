#!/bin/sh
cd "$(dirname "$0")/.." && .venv/bin/pyside6-lupdate -no-obsolete -locations relative ui/*.py -ts resources/translations/onestop_en.ts
.venv/bin/pyside6-lrelease resources/translations/onestop_en.ts -qm resources/translations/onestop_en.qm
# Qt's own dialogs and buttons in Vietnamese (PySide6 ships none): edited by hand, compiled here.
.venv/bin/pyside6-lrelease resources/translations/qtbase_vi.ts -qm resources/translations/qtbase_vi.qm
