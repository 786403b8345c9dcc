"""Issue 13, step 2: database failures classified by SQLite's result-code name and PostgreSQL's
SQLSTATE (onestop.db.failures), each produced for real on its engine, and one error family
(onestop.errors) that the window and the command line report in one place each."""
from __future__ import annotations

import re
import socket
import sqlite3
import threading
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from onestop.db.failures import Failure, classify, detail
from onestop.errors import FieldErrors, OnestopError, RowErrors
from onestop.installation.bootstrap import explain
from tests.conftest import PG_URL

ROOT = Path(__file__).resolve().parents[2]
needs_pg = pytest.mark.skipif(not PG_URL, reason="ONESTOP_TEST_DATABASE_URL is not set")


def _error(url: str, *statements: str, **engine_kwargs) -> DBAPIError:
    engine = create_engine(url, **engine_kwargs)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    except DBAPIError as exc:
        return exc
    finally:
        engine.dispose()
    raise AssertionError("the statements succeeded")


# ---- SQLite -------------------------------------------------------------------------------------
def test_a_full_sqlite_file(tmp_path):
    exc = _error(f"sqlite:///{tmp_path / 'full.db'}", "PRAGMA max_page_count = 2",
                 "CREATE TABLE t (x TEXT)", "INSERT INTO t VALUES (zeroblob(100000))")
    assert exc.orig.sqlite_errorname == "SQLITE_FULL" and classify(exc) is Failure.DISK_FULL
    assert explain(exc, "sqlite:///full.db").startswith("Đĩa đầy: không còn chỗ trống để ghi cơ sở dữ liệu "
                                                       "(sqlite:///full.db), không có gì được lưu.")
    assert "()" not in explain(exc)


def test_a_sqlite_file_locked_by_another_program(tmp_path):
    path = tmp_path / "locked.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("CREATE TABLE t (x)")
        other.execute("BEGIN EXCLUSIVE")
        exc = _error(f"sqlite:///{path}", "INSERT INTO t VALUES (1)", connect_args={"timeout": 0.05})
    assert exc.orig.sqlite_errorname == "SQLITE_BUSY" and classify(exc) is Failure.BUSY
    assert explain(exc).startswith("Cơ sở dữ liệu đang bận hoặc bị khóa")


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"Danh sach ho so thang 11 - khong phai SQLite" * 100)
    exc = _error(f"sqlite:///{path}", "SELECT * FROM sqlite_master")
    assert exc.orig.sqlite_errorname == "SQLITE_NOTADB" and classify(exc) is Failure.CORRUPT
    assert explain(exc).startswith("Tệp cơ sở dữ liệu bị hỏng") and "onestop restore" in explain(exc)


def test_a_read_only_sqlite_file_and_a_missing_folder(tmp_path):
    path = tmp_path / "ro.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
    exc = _error(f"sqlite:///file:{path}?mode=ro&uri=true", "INSERT INTO t VALUES (1)")
    assert exc.orig.sqlite_errorname.startswith("SQLITE_READONLY") and classify(exc) is Failure.READ_ONLY
    assert explain(exc).startswith("Cơ sở dữ liệu chỉ cho phép đọc")
    exc = _error(f"sqlite:///{tmp_path / 'khong-co' / 'x.db'}", "SELECT 1")
    assert exc.orig.sqlite_errorname == "SQLITE_CANTOPEN" and classify(exc) is Failure.CANNOT_OPEN
    assert "thư mục không tồn tại" in explain(exc)


def test_the_words_of_a_message_do_not_decide():
    """A driver's message in another language (or another version's words) changes nothing; a
    message that merely mentions a lock is not a lock."""
    exc = OperationalError("INSERT …", {"cccd": "001190012345"}, sqlite3.OperationalError("database is locked"))
    assert classify(exc) is Failure.OTHER  # made by hand: no result code, so no claim about it
    assert "001190012345" not in explain(exc) and explain(exc).startswith("Không mở được cơ sở dữ liệu: ")
    assert detail(exc) == "database is locked"


# ---- PostgreSQL ---------------------------------------------------------------------------------
@needs_pg
def test_a_failure_to_connect_has_no_sqlstate_so_libpq_phrases_decide():
    """psycopg/psycopg#1188: the server sends 3D000 / 28000, libpq keeps only the text."""
    base = make_url(PG_URL)
    missing_db = _error(base.set(database=f"khong_co_{uuid.uuid4().hex[:6]}").render_as_string(False), "SELECT 1")
    assert missing_db.orig.sqlstate is None and classify(missing_db) is Failure.NO_DATABASE
    assert "chưa có cơ sở dữ liệu này" in explain(missing_db)
    missing_role = _error(base.set(username=f"khong_co_{uuid.uuid4().hex[:6]}").render_as_string(False), "SELECT 1")
    assert missing_role.orig.sqlstate is None and classify(missing_role) is Failure.LOGIN_REFUSED
    assert "không có người dùng này" in explain(missing_role)


@needs_pg
def test_postgresql_failures_once_connected_by_sqlstate():

    role = f"onestop_ro_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE ROLE {role} NOLOGIN"))
        conn.execute(text("CREATE TABLE IF NOT EXISTS failure_probe (x int)"))
    try:
        refused = _error(PG_URL, f"SET ROLE {role}", "INSERT INTO failure_probe VALUES (1)")
        assert refused.orig.sqlstate == "42501" and classify(refused) is Failure.NOT_PERMITTED
        assert explain(refused).startswith("Người dùng không có quyền trên cơ sở dữ liệu")
        read_only = _error(PG_URL, "SET TRANSACTION READ ONLY", "INSERT INTO failure_probe VALUES (1)")
        assert read_only.orig.sqlstate == "25006" and classify(read_only) is Failure.READ_ONLY
        locked, holding = threading.Event(), threading.Event()

        def hold() -> None:
            with admin.begin() as conn:
                conn.execute(text("LOCK TABLE failure_probe IN ACCESS EXCLUSIVE MODE"))
                holding.set()
                locked.wait(10)

        holder = threading.Thread(target=hold)
        holder.start()
        try:
            assert holding.wait(10)
            busy = _error(PG_URL, "SET lock_timeout = '50ms'", "SELECT * FROM failure_probe")
        finally:
            locked.set()
            holder.join()
        assert busy.orig.sqlstate == "55P03" and classify(busy) is Failure.BUSY
    finally:
        with admin.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS failure_probe"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()


def test_a_server_nobody_answers_on_has_no_sqlstate_and_is_unreachable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exc = _error(f"postgresql+psycopg://onestop@127.0.0.1:{port}/onestop", "SELECT 1")
    assert exc.orig.sqlstate is None and classify(exc) is Failure.UNREACHABLE
    said = explain(exc, f"postgresql+psycopg://onestop@127.0.0.1:{port}/onestop")
    assert said.startswith(f"Không kết nối được máy chủ cơ sở dữ liệu (postgresql+psycopg://onestop@127.0.0.1:{port}"
                           "/onestop): ") and "Hãy kiểm tra" in said


def test_a_refused_password_by_its_sqlstate():
    """The test server trusts local connections: psycopg's own class for 28P01 stands in for the
    server's answer (the class carries the SQLSTATE, as the server's error does)."""
    import psycopg.errors

    exc = OperationalError("connect", {}, psycopg.errors.InvalidPassword('password authentication failed for user "x"'))
    assert classify(exc) is Failure.BAD_PASSWORD
    assert explain(exc, "postgresql+psycopg://x@10.0.0.5/onestop").startswith(
        "Sai người dùng hoặc mật khẩu của cơ sở dữ liệu (postgresql+psycopg://x@10.0.0.5/onestop).")
    full = OperationalError("INSERT …", {}, psycopg.errors.DiskFull('could not extend file "base/1/2"'))
    assert classify(full) is Failure.DISK_FULL and explain(full).startswith("Đĩa đầy")


# ---- the family ---------------------------------------------------------------------------------
def test_every_error_the_program_raises_belongs_to_the_family():
    from onestop.dossiers.intake import IntakeError
    from onestop.dossiers.lifecycle import ConcurrentChange, TransitionError
    from onestop.dossiers.reception import ReceptionSlipError
    from onestop.files.output_files import OutputRefused
    from onestop.installation.bootstrap import DatabaseUnavailable
    from onestop.installation.dossier_import import DossierImportError
    from onestop.office.catalogue import CatalogueError
    from onestop.paperwork.fonts import FontError
    from onestop.paperwork.papers import DossierNotFound, FormUnavailable
    from onestop.people.accounts import PermissionDenied
    from onestop.validation import ValidationError

    assert all(issubclass(c, FieldErrors) for c in (IntakeError, ReceptionSlipError))
    assert all(issubclass(c, RowErrors) for c in (CatalogueError, DossierImportError))
    for c in (TransitionError, ConcurrentChange, OutputRefused, DatabaseUnavailable, FontError, DossierNotFound,
              FormUnavailable, PermissionDenied, ValidationError):
        assert issubclass(c, OnestopError), c
    assert issubclass(OutputRefused, OSError) and issubclass(DossierNotFound, LookupError)  # old bases kept
    declared = {m.group(1) for path in (ROOT / "onestop").rglob("*.py")
                for m in re.finditer(r"^class (\w+)\((\w+)", path.read_text(encoding="utf-8"), re.M)
                if m.group(2) in ("Exception", "ValueError", "RuntimeError", "LookupError", "OSError")}
    assert declared == {"OnestopError"}  # a new exception class joins the family


# Catching everything hides what went wrong. Each surface turns errors into words in one place;
# the window's worker thread carries them to it, and the crash hook must not raise itself.
BROAD = re.compile(r"except\s*(\(?[^:]*\b(Exception|BaseException|SQLAlchemyError)\b[^:]*)?:")
ALLOWED = {
    "onestop/cli/__init__.py": 1,  # the dispatcher: the one place a command's failure becomes its message
    "ui/background.py": 1,  # a worker thread carries every failure back to the window, which judges it
    "onestop/installation/diagnostics.py": 1,  # the crash hook itself must never raise
}
# The driver's own failures (DBAPIError and its subclasses, sqlite3's) are caught only where they
# become an error of the family or a finding (explain() and classify() read their engine codes),
# never in the window, which says them through ui/errors.py.
DRIVER = re.compile(r"except\s*\(?[^:]*\b(DBAPIError|OperationalError|DatabaseError|IntegrityError)\b")


def _sources():
    for path in [*(ROOT / "onestop").rglob("*.py"), *(ROOT / "ui").glob("*.py"), *(ROOT / "db").glob("*.py")]:
        yield path.relative_to(ROOT).as_posix(), [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def test_broad_catches_are_only_where_they_are_listed():
    found = {name: n for name, lines in _sources() if (n := sum(1 for line in lines if BROAD.search(line)))}
    assert found == {k: v for k, v in ALLOWED.items() if v}


def test_the_window_catches_no_driver_error_itself():
    found = {name for name, lines in _sources() if name.startswith("ui/") and any(DRIVER.search(line) for line in lines)}
    assert found == set()
