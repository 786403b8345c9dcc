"""Issue 11: migration 0006 on a database the previous release filled (every state, 2024–2026), on
both engines; benchmarks/bench_migration_0006.py runs the same check at 100,000 dossiers."""
from __future__ import annotations

import pytest

from onestop.db.session import make_engine
from tests.conftest import ENGINES
from tests.migration_0006_data import build_0005, check_0006, snapshot


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_0006_keeps_every_row_and_derives_rule_sets_and_lateness(database_url):
    engine = make_engine(database_url)
    try:
        build_0005(engine, 3000)
        counts = check_0006(engine, snapshot(engine))
    finally:
        engine.dispose()
    assert counts["dossiers"] == 3000
    assert 0 < counts["rule_set_2025"] < 3000 and counts["late"] > 0 and counts["late_statutory"] > 0
    assert counts["withdrawn"] == 300
