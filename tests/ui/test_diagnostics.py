"""The program's log: private, without personal data, and the last resort for errors nobody caught
in the window (a slot) and on the command line (issue 13, step 8)."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from onestop.installation import diagnostics
from onestop.ui.crash_dialog import install_crash_dialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_file(tmp_path):
    path = diagnostics.configure("INFO", tmp_path / "data")
    yield path
    for handler in list(diagnostics.log.handlers):
        diagnostics.log.removeHandler(handler)
        handler.close()


def _read(path: Path) -> str:
    for handler in diagnostics.log.handlers:
        handler.flush()
    return path.read_text("utf-8")


def test_the_log_is_private_and_keeps_codes_but_no_cccd_nor_phone(log_file):
    diagnostics.log.info("saved 000.00.12.H26-261123-0001 for 001190012345, phone 0912345678")
    diagnostics.log.error("failed\n[SQL: INSERT INTO applicant]\n[parameters: {'name': 'Phạm Thu Hà'}]")
    text = _read(log_file)
    assert "000.00.12.H26-261123-0001" in text and "001•••••••45" in text and "091•••••78" in text
    assert "001190012345" not in text and "0912345678" not in text and "Phạm Thu Hà" not in text
    assert stat.S_IMODE(os.stat(log_file).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(log_file.parent).st_mode) == 0o700


def test_the_log_rotates_instead_of_growing(log_file):
    for i in range(7000):  # 7 MB through five files of 1 MB
        diagnostics.log.info("line %d %s", i, "x" * 1000)
    files = sorted(log_file.parent.iterdir())
    assert len(files) == 1 + diagnostics.BACKUPS
    assert all(f.stat().st_size <= diagnostics.MAX_BYTES for f in files)


@pytest.mark.qt_no_exception_capture
def test_an_error_inside_a_slot_is_logged_with_its_traceback_and_told_on_screen(qtbot, log_file):
    saved = sys.excepthook
    install_crash_dialog(log_file)
    try:
        button = QPushButton("Lưu")
        qtbot.addWidget(button)

        def broken() -> None:
            raise RuntimeError("boom while saving 001190012345")

        button.clicked.connect(broken)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()))
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        assert str(log_file) in box.text() and "không mong muốn" in box.text()
        button.setText("Vẫn dùng được")  # the window goes on
        box.close()
    finally:
        sys.excepthook = saved
    text = _read(log_file)
    assert "Traceback" in text and "RuntimeError: boom while saving 001•••••••45" in text
    assert "in broken" in text


def test_the_command_line_tells_an_unexpected_error_and_logs_its_traceback(tmp_path):
    data = tmp_path / "data"
    # A fault injected in the child process where the report is computed: nothing catches it there.
    child = ("import sys, onestop.figures.report as r\n"
             "def fail(*a, **k): raise ZeroDivisionError('injected')\n"
             "r.periodic_report = fail\n"
             "sys.argv = ['onestop', '--database', sys.argv[1], 'report', '--from', '2026-11-01', '--to', '2026-11-30']\n"
             "from onestop.cli import main\n"
             "sys.exit(main())\n")
    env = {**os.environ, "ONESTOP_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", child, f"sqlite:///{tmp_path / 'x.db'}"], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert "Đã xảy ra lỗi không mong muốn" in done.stderr and str(data / "logs" / "onestop.log") in done.stderr
    assert "Traceback" not in done.stderr
    text = (data / "logs" / "onestop.log").read_text("utf-8")
    assert "onestop " in text and ": report" in text
    assert "Traceback" in text and "ZeroDivisionError: injected" in text


def test_log_level_is_an_option_of_every_command(tmp_path):
    env = {**os.environ, "ONESTOP_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    url = f"sqlite:///{tmp_path / 'x.db'}"
    ok = subprocess.run([sys.executable, "-m", "onestop", "--log-level", "WARNING", "--database", url, "log", "admin"],
                        capture_output=True, text=True, env=env, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert ": log" not in (tmp_path / "data" / "logs" / "onestop.log").read_text("utf-8")  # INFO not kept
    bad = subprocess.run([sys.executable, "-m", "onestop", "--log-level", "LOUD", "log", "admin"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "--log-level" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 / Wayland are Linux's")
def test_the_window_on_a_machine_without_a_desktop_says_so_and_creates_nothing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(ONESTOP_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "onestop"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert "Không có màn hình" in done.stderr and "onestop intake" in done.stderr
    assert "libxcb" not in done.stderr and "Traceback" not in done.stderr
    assert not list((tmp_path / "data").glob("*.db"))  # no database made for a window that cannot open
