"""Engine and session set-up for SQLite (embedded default) and PostgreSQL."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from onestop.db.private_files import private_folder

APP_NAME = "onestop"
ENV_URL = "ONESTOP_DATABASE_URL"
# INSERT with ON CONFLICT, by dialect name: both engines speak it, through their own constructs.
UPSERT_INSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def data_dir() -> Path:
    """The user's data folder (database, saved receipts, backups)."""
    path = Path(os.environ.get("ONESTOP_DATA_DIR") or user_data_dir(APP_NAME, appauthor=False))
    return private_folder(path)  # it holds the database and its backups: CCCD and phones


def backups_dir() -> Path:
    """Where automatic backups go; known here because no output may ever be written into it."""
    return data_dir() / "backups"


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'onestop.db'}"


# This desk's database when it is not the embedded SQLite (the connection dialog writes it): a file
# in the data folder, not Qt's settings, so that the headless commands on the desk use it too.
DESK_URL_FILE = "database_url.txt"


def stored_url() -> str | None:
    """The database this desk was pointed at (a URL without password), or None."""
    try:
        return (data_dir() / DESK_URL_FILE).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def store_url(url: str | None) -> None:
    """Points this desk at `url` from its next start; None: back to the embedded SQLite."""
    path = data_dir() / DESK_URL_FILE
    if url is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(url + "\n", encoding="utf-8")


def resolve_url(url: str | None = None) -> str:
    """Which database: the one asked for (--database), else ONESTOP_DATABASE_URL, else the one
    stored for this desk (its connection dialog), else the embedded SQLite."""
    return url or os.environ.get(ENV_URL) or stored_url() or default_url()


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind a SQLite URL (`sqlite:///path`, or `sqlite:///file:path?…&uri=true`);
    None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    name = parsed.database or ""
    if name.startswith("file:") and parsed.query.get("uri") == "true":
        if parsed.query.get("mode") == "memory":
            return None
        name = unquote(urlsplit(name).path)
    return None if name in ("", ":memory:") else Path(name)


def _setup_sqlite(engine: Engine, busy_timeout_ms: int, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        # Take over transaction control from the sqlite3 module so that BEGIN IMMEDIATE works.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")  # first: every later step may meet a writer
        cur.execute("PRAGMA foreign_keys=ON")
        if not read_only:  # setting the journal mode writes to the file
            cur.execute("PRAGMA journal_mode=WAL")
        # FULL: in WAL mode NORMAL loses the last commits on a power cut or an OS crash (only a killed
        # process is safe), and with them codes already printed on receipts; FULL syncs the WAL at
        # each commit (https://sqlite.org/pragma.html#pragma_synchronous). Desks lose power.
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        # A writer takes the write lock up front: read-then-write inside a deferred BEGIN
        # fails with "database is locked" when two desks save at once.
        mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


def _setup_read_only_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        with dbapi_conn.cursor() as cur:
            cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        dbapi_conn.commit()


def make_engine(url: str | None = None, *, busy_timeout_ms: int = 10_000, read_only: bool = False,
                **kwargs) -> Engine:
    """An engine for the URL; read_only: the database refuses every write (SQLite opens the file read-only)."""
    url = resolve_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if read_only and parsed.database and parsed.database != ":memory:":
            # A SQLite URI: the driver opens the file itself read-only (no journal-mode change either).
            uri = Path(parsed.database).resolve().as_uri()
            parsed = parsed.set(database=uri, query={**parsed.query, "mode": "ro", "uri": "true"})
        elif (path := sqlite_path(parsed)) is not None:  # a file: URI names its file after "file:"
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        _setup_sqlite(engine, busy_timeout_ms, read_only)
        return engine
    engine = create_engine(url, pool_pre_ping=True, **kwargs)
    if read_only:
        _setup_read_only_postgresql(engine)
    return engine


class Database:
    """One engine and its two kinds of session: reading, and writing (locks taken up front)."""

    def __init__(self, url: str | None = None, **engine_kwargs) -> None:
        self.engine = make_engine(url, **engine_kwargs)
        self.url = self.engine.url
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self.engine.execution_options(write=True), expire_on_commit=False)

    @property
    def shown_url(self) -> str:
        """The URL as shown in messages, its password as ***."""
        return self.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any error."""
        with self._writer() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
