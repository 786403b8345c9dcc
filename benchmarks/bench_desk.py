"""The supervisor's desk as a person meets it: F5 on the main window of a site with N dossiers.

Prints, for each run: how long until the desk is on screen and the window answers again, how long
until the late review's figures are in, and the longest stall of the window's event loop meanwhile
(a 10 ms timer's largest gap: what typing would feel). Beside them, the same two service reads with
no window, so that the ratio is what the window adds (bench_supervisor.py compares those reads with
hand-written SQL on the bare driver).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_desk.py --database sqlite:////tmp/1m.db

The database is filled with demo dossiers if it has none (--dossiers, 1,000,000 by default; about
three minutes). Not a test: nothing here is collected by pytest, and it is not run in CI.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_counter import FIXED_NOW, machine, median  # noqa: E402
from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from onestop.db.models import Dossier  # noqa: E402
from onestop.figures.late_review import late_groups, late_review  # noqa: E402
from onestop.installation import demo  # noqa: E402
from onestop.installation.bootstrap import open_database  # noqa: E402
from onestop.ui.main_window import MainWindow  # noqa: E402


def one_run(app: QApplication, db, site) -> tuple[float, float, float]:
    window = MainWindow(db, site, lambda: FIXED_NOW, "Trưởng bộ phận")
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    gaps, last = [0.0], QElapsedTimer()
    last.start()

    def tick() -> None:
        gaps.append(last.restart() / 1000)

    timer = QTimer(interval=10, timeout=tick)
    start = time.perf_counter()
    QTest.keyClick(window, Qt.Key.Key_F5)
    timer.start()
    while not window.desk.isVisible():
        app.processEvents()
    app.processEvents()
    shown = time.perf_counter() - start
    page = window.desk.late
    while page.busy:
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()
    ready = time.perf_counter() - start
    timer.stop()
    window.close()
    window.deleteLater()
    app.processEvents()
    return shown, ready, max(gaps)


def plain_late_review(db, site) -> float:
    """The same two reads the page makes, through the services on a bare session (what the page adds
    on top is the thread hop and the table)."""
    start = time.perf_counter()
    with db.read() as session:
        late_groups(session, site, FIXED_NOW, "department")
        late_review(session, site, FIXED_NOW)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    db, site = open_database(args.database, now=FIXED_NOW)
    with db.read() as session:
        have = session.scalar(select(func.count()).select_from(Dossier)) or 0
    if not have:
        started = time.perf_counter()
        demo.generate(db, site, dossiers=args.dossiers, seed=1, now=FIXED_NOW)
        print(f"filled {args.dossiers} dossiers in {time.perf_counter() - started:.0f} s")
        with db.read() as session:
            have = session.scalar(select(func.count()).select_from(Dossier)) or 0
    print(f"{machine()}; {db.dialect}, {have} dossiers, {args.runs} runs")
    runs = [one_run(app, db, site) for _ in range(args.runs)]
    services = [plain_late_review(db, site) for _ in range(args.runs)]
    shown, ready, stall = (sorted(r[i] for r in runs) for i in range(3))
    print(f"desk on screen, window answering: median {median(shown):.3f} s (runs {', '.join(f'{x:.3f}' for x in shown)})")
    print(f"late review's figures in:          median {median(ready):.3f} s (runs {', '.join(f'{x:.3f}' for x in ready)})")
    print(f"longest event-loop stall:          median {median(stall):.3f} s (runs {', '.join(f'{x:.3f}' for x in stall)})")
    print(f"the same reads, no window:          median {median(services):.3f} s; ratio figures-in / reads "
          f"{median(ready) / median(services):.2f}")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
