"""Issue 13 step 1: a use case owns its transaction and its log rows. The window and the command
line call services; they never open a write transaction nor write a log entry themselves."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SURFACES = sorted((ROOT / "ui").glob("*.py")) + sorted((ROOT / "onestop" / "cli").glob("*.py"))
FORBIDDEN = re.compile(r"\.write\(\)|\blog_(export|admin|paper)\b|\bsession\.(add|delete|flush|commit)\(")


def test_the_window_and_the_command_line_leave_writes_and_logs_to_the_services():
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in SURFACES for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if FORBIDDEN.search(line)]
    assert found == []


def test_the_check_sees_a_write_when_there_is_one():
    assert FORBIDDEN.search("    with self.db.write() as session:")
    assert FORBIDDEN.search("log_export(session, actor, 'x', '', now)")
    assert not FORBIDDEN.search("with self.db.read() as session:")
