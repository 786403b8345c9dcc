"""Shared fixtures: a real database per test, on SQLite and (when configured) PostgreSQL."""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from onestop.db.session import Database
from onestop.installation.bootstrap import open_database
from onestop.office.site import Site

# No screen on CI machines; a developer may still override it to watch the tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL = os.environ.get("ONESTOP_TEST_DATABASE_URL", "")
# Monday 23 November 2026, 09:15 in Hà Nội: a working day, inside office hours.
MONDAY_0915 = datetime(2026, 11, 23, 2, 15, tzinfo=timezone.utc)
# Monday 23 June 2025, 09:15 in Hà Nội: received before 01/07/2025, a dossier under NĐ 61/2018 (rule set
# "2018"), for the behaviours NĐ 118/2025 dropped (refuse, withdraw, the "resume" supplement rule,
# repeated apologies).
MONDAY_0915_2018 = datetime(2025, 6, 23, 2, 15, tzinfo=timezone.utc)

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
# For a test about SQLite's own file (backups, locks, paths): the database_url fixture on SQLite only.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


_PG_LEFT_OUT = pytest.StashKey[int]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL server the PostgreSQL half is left out and said once, at the end,
    rather than as a hundred-odd SKIPPED lines that hide the skips worth reading."""
    if PG_URL:
        return
    left_out = [item for item in items if item.get_closest_marker("postgres")]
    if left_out:
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        config.hook.pytest_deselected(items=left_out)
        config.stash[_PG_LEFT_OUT] = len(left_out)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    if PG_URL:
        return
    # Under xdist the workers collect, so the count is theirs; the controller says it without one.
    left_out = config.stash.get(_PG_LEFT_OUT, 0)
    terminalreporter.write_line(f"PostgreSQL: {f'{left_out} tests' if left_out else 'its half of the tests'} "
                                "not run (deselected): ONESTOP_TEST_DATABASE_URL is unset")


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; nothing touches the real user's files."""
    folder = tmp_path / "data"
    monkeypatch.setenv("ONESTOP_DATA_DIR", str(folder))
    monkeypatch.delenv("ONESTOP_DATABASE_URL", raising=False)
    return folder


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new schema in the test PostgreSQL database.
    Every test that takes it runs on both engines; one about SQLite's file pins itself with
    `@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)`. For a test that takes
    site_db it is instead a copy of the run's migrated and seeded template (see site_db)."""
    engine_name = request.param
    if engine_name == "sqlite":
        target = tmp_path / "onestop.db"
        if "site_db" in request.fixturenames:
            shutil.copyfile(request.getfixturevalue("_sqlite_template"), target)
        yield f"sqlite:///{target}"
        return
    if not PG_URL:
        pytest.skip("ONESTOP_TEST_DATABASE_URL is not set")
    if "site_db" in request.fixturenames:
        yield from _pg_copy(request.getfixturevalue("_pg_template"))
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated and seeded once per run; each test's site_db starts from a copy
    (migrating a new file costs about 180 ms, copying and opening this one about 30 ms)."""
    folder = tmp_path_factory.mktemp("template")
    with pytest.MonkeyPatch.context() as patch:  # not the user's data folder: session scope runs first
        patch.setenv("ONESTOP_DATA_DIR", str(folder / "data"))
        db, _ = open_database(f"sqlite:///{folder / 'onestop.db'}")
        db.dispose()
    return folder / "onestop.db"


def _pg_admin():
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")  # CREATE/DROP DATABASE refuse a transaction


@pytest.fixture(scope="session")
def _pg_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The PostgreSQL twin of _sqlite_template: a database migrated and seeded once per run, which
    CREATE DATABASE … TEMPLATE copies for each test (migrating a schema costs about 0.3 s, a copy
    about 0.05 s). Named after the run's database and process, so that two runs never share one."""
    name = f"{make_url(PG_URL).database}_tpl_{os.getpid()}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("ONESTOP_DATA_DIR", str(tmp_path_factory.mktemp("pg_template") / "data"))
            db, _ = open_database(make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
            db.dispose()  # no session may stay on a template while it is copied
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _pg_copy(template: str) -> Iterator[str]:
    name = f"{template}_{uuid.uuid4().hex[:8]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:  # FORCE: a subprocess or a pool the test left open
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def site_db(database_url: str) -> Iterator[tuple[Database, Site]]:
    """A migrated database seeded like a first start: default agency and the shipped catalogue
    (database_url has made it a copy of the run's template)."""
    db, site = open_database(database_url)
    try:
        yield db, site
    finally:
        db.dispose()
