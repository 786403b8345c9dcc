"""Issue 5, PostgreSQL sites: `onestop db upgrade`, `onestop db migrate-to` and the desk's connection dialog.

Every database here is real: a SQLite file made like a counter's, and fresh schemas in the test
PostgreSQL server (ONESTOP_TEST_DATABASE_URL; the PostgreSQL tests skip without it).
"""
from __future__ import annotations

import hashlib
import socket
import sqlite3
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from onestop.cli import main
from onestop.db.migrate import current_revision, head_revision
from onestop.db.models import Base, Dossier, DossierEvent, Procedure
from onestop.db.session import DESK_URL_FILE, Database, resolve_url, store_url, stored_url
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.dossiers.reception import log_reception_slip
from onestop.installation.bootstrap import open_database
from onestop.installation.connection import (
    ConnectionSettingsError,
    ServerAddress,
    address_of,
    build_url,
    pgpass_path,
    remember_password,
    server_address,
)
from onestop.installation.demo import generate
from onestop.installation.site_migration import SETUP_TABLES, SiteMigrationError, migrate_site
from onestop.people.accounts import Actor
from tests.conftest import ENGINES, MONDAY_0915, MONDAY_0915_2018, PG_URL

POSTGRESQL = [ENGINES[1]]  # the `database_url` fixture as a fresh PostgreSQL schema
NOW = MONDAY_0915 + timedelta(days=30)
H = timedelta(hours=1)
TABLES = Base.metadata.sorted_tables


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw_counts(sqlite_file: Path) -> dict[str, int]:
    """Rows per table read with the bare sqlite3 module (not through the code under test)."""
    conn = sqlite3.connect(f"file:{sqlite_file}?mode=ro", uri=True)
    try:
        return {t.name: conn.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def all_rows(url: str) -> dict[str, list[dict]]:
    """Every row of every table, in id order, read through the models' column types."""
    db = Database(url, read_only=url.startswith("sqlite"))
    try:
        with db.engine.connect() as conn:
            return {t.name: [r._asdict() for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
                    for t in TABLES}
    finally:
        db.dispose()


def intake(db, site, name: str, cccd: str, at: datetime, procedure: str = "DP.LLTP.01") -> str:
    req = IntakeRequest(procedure_code=procedure, name=name, id_number=cccd, phone="0912345678", received_at=at)
    return save_intake(db, site, req, now=max(at, MONDAY_0915), actor=Actor.named("cb.tiepnhan")).code


def act(db, site, code: str, action: str, at: datetime, **kw) -> None:
    apply(db, site, code, TransitionRequest(action=action, at=at, **kw), actor=Actor.named("cb.xuly"), now=NOW)


@pytest.fixture
def sqlite_site(tmp_path: Path) -> Path:
    """A counter's SQLite file after some real work: a demo year, then dossiers taken through the
    lifecycle (transfer, supplement, payment, apology, return, refusal after review, stop; a refusal
    of a dossier received under NĐ 61/2018) and a reception slip."""
    path = tmp_path / "ban-1" / "onestop.db"
    db, site = open_database(f"sqlite:///{path}")
    try:
        generate(db, site, dossiers=150, seed=7, now=MONDAY_0915 - timedelta(days=3), actor=Actor.named("demo"))
        a = intake(db, site, "Nguyễn Văn An", "001090000001", MONDAY_0915)
        act(db, site, a, "transfer", MONDAY_0915 + H, to="Phòng Tư pháp", handler="Lê Minh Quang")
        act(db, site, a, "request_supplement", MONDAY_0915 + 2 * H, missing=("Bản sao CCCD",), reason="Bản mờ")
        act(db, site, a, "supplement_received", MONDAY_0915 + 26 * H)
        act(db, site, a, "await_payment", MONDAY_0915 + 27 * H)
        act(db, site, a, "paid", MONDAY_0915 + 28 * H)
        act(db, site, a, "finish", MONDAY_0915 + 50 * H)
        act(db, site, a, "return", MONDAY_0915 + 51 * H)
        b = intake(db, site, "Trần Thị Thu Hà", "001190012345", MONDAY_0915 + H, procedure="1.001193")
        act(db, site, b, "apologise", MONDAY_0915 + 24 * 8 * H, reason="Chờ xác minh",
            new_due_at=MONDAY_0915 + 24 * 10 * H)
        c = intake(db, site, "Phạm Đức Long", "001090000002", MONDAY_0915 + 2 * H)
        act(db, site, c, "refuse_after_review", MONDAY_0915 + 3 * H, reason="Không đủ điều kiện",
            legal_basis="Điều 7")
        d = intake(db, site, "Hoàng Văn Đức", "001090000003", MONDAY_0915 + 3 * H, procedure="1.004873")
        act(db, site, d, "stop", MONDAY_0915 + 4 * H, reason="Người nộp đề nghị dừng", returned="Bản chính")
        old = intake(db, site, "Đinh Thị Lan", "001190000004", MONDAY_0915_2018)
        act(db, site, old, "refuse", MONDAY_0915_2018 + 3 * H, reason="Không đủ điều kiện", legal_basis="Điều 7")
        log_reception_slip(db, site, kind="supplement", procedure_code="DP.LLTP.01", applicant_name="Vũ Thị Mai",
                           content=["Tờ khai"], actor=Actor.named("cb.tiepnhan"), at=MONDAY_0915 + 4 * H, now=NOW)
    finally:
        db.dispose()  # the last connection checkpoints the WAL into the file
    return path


# ---------------------------------------------------------------------------------- db upgrade
@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_db_upgrade_migrates_and_seeds_a_new_database(capsys, database_url):
    code, out, err = run(capsys, "db", "upgrade", "--database", database_url)
    assert code == 0, err
    head = head_revision()
    assert f"phiên bản {head}" in out
    db = Database(database_url)
    try:
        assert current_revision(db.engine) == head
        with db.read() as session:  # seeded like a first start: the shipped catalogue
            assert session.scalar(select(func.count()).select_from(Procedure)) == 70
    finally:
        db.dispose()
    # Again, with --database before the sub-command: nothing to do, the same revision, no duplicates.
    code, out, err = run(capsys, "--database", database_url, "db", "upgrade")
    assert code == 0, err
    assert f"phiên bản {head}" in out
    assert len(all_rows(database_url)["procedure"]) == 70


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nobody listens once it is closed


@pytest.mark.parametrize(("url", "said"), [
    ("nonsense", "không hợp lệ"),
    ("postgres://u:secret@localhost/x", "không hợp lệ"),  # SQLAlchemy 2 wants postgresql://
    ("postgresql+psycopg2://u@localhost/x", "không có trình điều khiển"),
    ("postgresql+psycopg://postgres@127.0.0.1:{port}/test", "Không kết nối được máy chủ"),
], ids=["garbage", "old-scheme", "driver", "refused"])
def test_db_upgrade_says_what_is_wrong_without_a_traceback(capsys, url, said):
    code, out, err = run(capsys, "db", "upgrade", "--database", url.format(port=_closed_port()))
    assert code == 1
    assert err.startswith("Lỗi: ") and said in err
    assert "Traceback" not in err and "secret" not in err and out == ""


@pytest.mark.postgres
def test_db_upgrade_names_a_missing_database_or_role(capsys):
    if not PG_URL:
        pytest.skip("ONESTOP_TEST_DATABASE_URL is not set")
    base = make_url(PG_URL)
    missing_db = base.set(database="khong_co_csdl_nay").render_as_string(hide_password=False)
    code, _, err = run(capsys, "db", "upgrade", "--database", missing_db)
    assert code == 1 and "chưa có cơ sở dữ liệu này" in err and "createdb" in err
    missing_role = base.set(username="khong_co_nguoi_nay").render_as_string(hide_password=False)
    code, _, err = run(capsys, "db", "upgrade", "--database", missing_role)
    assert code == 1 and "không có người dùng này" in err


# ---------------------------------------------------------------------------------- migrate-to
@pytest.mark.parametrize("database_url", POSTGRESQL, indirect=True)
def test_migrate_to_after_upgrade_copies_everything_and_leaves_the_source_alone(capsys, database_url, sqlite_site):
    source_url = f"sqlite:///{sqlite_site}"
    before_hash, before_counts = sha256(sqlite_site), raw_counts(sqlite_site)
    assert before_counts["dossier"] > 100 and before_counts["dossier_pause"] == 2
    assert before_counts["appointment"] >= 4 and before_counts["reception_slip"] == 1

    # The README's steps 2 and 3: the server's database made ready, then the desk's data copied in.
    assert run(capsys, "db", "upgrade", "--database", database_url)[0] == 0
    code, out, err = run(capsys, "db", "migrate-to", database_url, "--database", source_url)
    assert code == 0, err
    assert "khớp nhau" in out
    for table, n in before_counts.items():  # the printed table: source and target side by side
        assert any(line.split() == [table, str(n), str(n)] for line in out.splitlines()), table

    # The source file is byte for byte what it was, and nothing waits in its journal.
    assert sha256(sqlite_site) == before_hash
    wal = sqlite_site.with_name(sqlite_site.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0

    # Every row of every table arrived unchanged; instants as aware UTC datetimes.
    source_rows, target_rows = all_rows(source_url), all_rows(database_url)
    for table in TABLES:
        assert target_rows[table.name] == source_rows[table.name], table.name
    dossier = target_rows["dossier"][-1]
    assert dossier["received_at"].utcoffset() == timedelta(0) and dossier["code"]
    assert {(r["rule_set"], r["status"]) for r in target_rows["dossier"]} >= {
        ("2025", "refused_after_review"), ("2025", "stopped"), ("2018", "refused")}

    # The id sequences are past the copied ids: a desk on PostgreSQL saves the next dossier at once.
    db, site = open_database(database_url)
    try:
        code_new = intake(db, site, "Hoàng Thùy Linh", "001190054321", NOW - H)
        act(db, site, code_new, "transfer", NOW - H / 2, to="Phòng Tư pháp")
        log_reception_slip(db, site, kind="refusal", procedure_code="DP.LLTP.01", applicant_name="Đỗ Văn Nam",
                           content="Không thuộc thẩm quyền", legal_basis="Điều 3", actor=Actor.named("cb"), now=NOW)
        with db.read() as session:
            new_id = session.scalar(select(Dossier.id).where(Dossier.code == code_new))
            assert new_id == max(r["id"] for r in source_rows["dossier"]) + 1
            assert session.scalar(select(func.count()).select_from(DossierEvent)) == before_counts["dossier_event"] + 2
    finally:
        db.dispose()

    # Once in use, the target is refused, and nothing changes.
    in_use = all_rows(database_url)
    code, out, err = run(capsys, "db", "migrate-to", database_url, "--database", source_url)
    assert code == 1
    assert err.startswith("Lỗi: ") and f"đã có {before_counts['dossier'] + 1} hồ sơ" in err
    assert "chưa thay đổi gì" in err
    assert all_rows(database_url) == in_use
    assert sha256(sqlite_site) == before_hash


@pytest.mark.parametrize("database_url", POSTGRESQL, indirect=True)
def test_migrate_site_into_a_bare_database_returns_the_counts(database_url, sqlite_site):
    expected = raw_counts(sqlite_site)
    source = Database(f"sqlite:///{sqlite_site}", read_only=True)
    target = Database(database_url)
    seen: list[tuple[str, int]] = []
    try:
        counts = migrate_site(source, target, batch_size=100, progress=lambda t, n: seen.append((t, n)))
        assert current_revision(target.engine) == head_revision()  # upgraded by the copy itself
        with target.engine.connect() as conn:  # counted with plain SQL on the target
            target_counts = {t.name: conn.scalar(text(f'SELECT count(*) FROM "{t.name}"')) for t in TABLES}
    finally:
        source.dispose()
        target.dispose()
    assert {c.table: (c.source, c.target) for c in counts} == {t: (n, n) for t, n in expected.items()}
    assert target_counts == expected
    assert seen == [(t.name, expected[t.name]) for t in TABLES]  # parents before children


@pytest.mark.parametrize("database_url", POSTGRESQL, indirect=True)
def test_migrate_site_refuses_a_target_holding_dossiers(database_url, sqlite_site):
    db, site = open_database(database_url)
    try:
        intake(db, site, "Bùi Quốc Nam", "001090000003", MONDAY_0915)
    finally:
        db.dispose()
    before = all_rows(database_url)
    source = Database(f"sqlite:///{sqlite_site}", read_only=True)
    target = Database(database_url)
    try:
        with pytest.raises(SiteMigrationError, match="đã có 1 hồ sơ") as caught:
            migrate_site(source, target)
        assert "chưa thay đổi gì" in str(caught.value)
        with pytest.raises(SiteMigrationError, match="Nguồn phải là cơ sở dữ liệu SQLite"):
            migrate_site(target, target)
        with pytest.raises(SiteMigrationError, match="Đích phải là cơ sở dữ liệu PostgreSQL"):
            migrate_site(source, source)
    finally:
        source.dispose()
        target.dispose()
    assert all_rows(database_url) == before


def test_migrate_to_without_a_source_file(capsys, tmp_path):
    missing = tmp_path / "khong-co.db"
    code, _, err = run(capsys, "db", "migrate-to", "postgresql+psycopg://u@localhost/x", "--database",
                       f"sqlite:///{missing}")
    assert code == 1 and "không có tệp cơ sở dữ liệu nguồn" in err
    assert not missing.exists()


def test_migrate_site_wants_a_source_of_this_version(tmp_path):
    """An older SQLite is upgraded by opening it first (a write the officer chooses), never by the copy."""
    from onestop.db.migrate import upgrade

    old, broken = tmp_path / "old.db", tmp_path / "broken.db"
    engine = create_engine(f"sqlite:///{old}")
    upgrade(engine, "0003")
    engine.dispose()
    broken.write_bytes(b"not a database at all" * 100)
    target = Database("postgresql+psycopg://onestop@localhost/onestop")  # never reached
    for path, said in ((old, "đang ở phiên bản 0003"), (broken, "bị hỏng hoặc không phải cơ sở dữ liệu")):
        before = sha256(path)
        source = Database(f"sqlite:///{path}", read_only=True)
        try:
            with pytest.raises(SiteMigrationError, match=said):
                migrate_site(source, target)
        finally:
            source.dispose()
        assert sha256(path) == before


@pytest.mark.parametrize("argv", [["db"], ["db", "migrate-to"], ["db", "downgrade"]], ids=" ".join)
def test_db_bad_arguments(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2 and capsys.readouterr().err.startswith("Lỗi tham số")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_read_only_database_refuses_writes(database_url):
    documents = text("SELECT count(*) FROM required_document")

    def count() -> int:
        db = Database(database_url)
        try:
            with db.engine.connect() as conn:
                return conn.scalar(documents)
        finally:
            db.dispose()

    open_database(database_url)[0].dispose()
    kept = count()
    file = Path(make_url(database_url).database) if database_url.startswith("sqlite") else None
    before = sha256(file) if file else None
    db = Database(database_url, read_only=True)
    try:
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM procedure")) == 70
            with pytest.raises(DBAPIError, match="read.?only"):
                conn.execute(text("DELETE FROM required_document"))
    finally:
        db.dispose()
    if file:
        assert sha256(file) == before
    assert count() == kept > 0  # nothing was deleted, on either engine


def test_a_first_start_writes_only_the_set_up_tables(tmp_path):
    """migrate-to replaces exactly what `onestop db upgrade` put in: this list must follow the seed."""
    url = f"sqlite:///{tmp_path / 'new.db'}"
    db, _site = open_database(url)
    db.dispose()
    filled = {t for t, n in raw_counts(tmp_path / "new.db").items() if n}
    assert filled <= SETUP_TABLES and "procedure" in filled


def test_database_precedence(monkeypatch):
    stored = "postgresql+psycopg://onestop@server/onestop"
    assert resolve_url(None).startswith("sqlite:///")
    store_url(stored)  # what the desk's connection dialog keeps
    assert resolve_url(None) == stored
    monkeypatch.setenv("ONESTOP_DATABASE_URL", "sqlite:////tmp/env.db")
    assert resolve_url(None) == "sqlite:////tmp/env.db"
    assert resolve_url("sqlite:////tmp/arg.db") == "sqlite:////tmp/arg.db"
    store_url(None)
    monkeypatch.delenv("ONESTOP_DATABASE_URL")
    assert resolve_url(None).startswith("sqlite:///")


@pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_the_headless_commands_use_the_database_the_desk_was_pointed_at(database_url, tmp_path):
    """A desk switched to the site's PostgreSQL with the dialog: `onestop export` on that desk
    lists the site's dossiers, not those of the SQLite file it used before."""
    assert main(["demo-data", "--dossiers", "30", "--seed", "1"]) == 0  # the desk's own SQLite, before
    db, site = open_database(database_url)
    code = save_intake(db, site, IntakeRequest(procedure_code="1.004884", name="Lê Thị Hoa",
                                               id_number="001190012345", received_at=MONDAY_0915),
                       now=MONDAY_0915, actor=Actor.named("cb")).code
    db.dispose()
    for pointed_at, expected in ((None, 30), (database_url, 1)):
        store_url(pointed_at)
        out = tmp_path / f"{expected}.csv"
        assert main(["export", "dossiers", "--format", "csv", "-o", str(out)]) == 0
        rows = out.read_text(encoding="utf-8").splitlines()[1:]
        assert len(rows) == expected
    assert rows[0].startswith(code)


# ---------------------------------------------------------------------------------- connection
def test_server_address_is_checked_field_by_field():
    with pytest.raises(ConnectionSettingsError) as caught:
        server_address("máy chủ", "70000", "", "a b")
    errors = caught.value.errors
    assert set(errors) == {"host", "port", "database", "user"}
    assert "Máy chủ «máy chủ» không hợp lệ" in errors["host"] and "1 đến 65535" in errors["port"]
    assert errors["database"] == "Chưa nhập tên cơ sở dữ liệu."

    url = build_url(" 192.168.1.10 ", "5432", "onestop", "onestop", "mật:khẩu@/1")
    parsed = make_url(url)
    assert (parsed.drivername, parsed.host, parsed.port, parsed.database) == ("postgresql+psycopg", "192.168.1.10",
                                                                              5432, "onestop")
    assert parsed.password == "mật:khẩu@/1"
    bare = build_url("db.ubnd.local", 5433, "onestop", "ban1")
    assert make_url(bare).password is None
    assert address_of(bare) == ServerAddress("db.ubnd.local", 5433, "onestop", "ban1")
    assert address_of("sqlite:///x.db") is None and address_of("rác") is None and address_of("postgresql://ban1@h:năm/onestop") is None


def test_remember_password_keeps_one_private_line_per_server(tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    path = pgpass_path()
    path.write_text("other:5432:*:someone:keep\n", encoding="utf-8")
    address = ServerAddress("db.local", 5432, "onestop", "ban1")
    remember_password(address, "cũ")
    remember_password(address, "mới:có\\dấu")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "other:5432:*:someone:keep", "db.local:5432:onestop:ban1:mới\\:có\\\\dấu"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# ---------------------------------------------------------------------------------- the dialog
@pytest.fixture
def desk_url_file(tmp_path, monkeypatch):
    """Where the dialog keeps this desk's URL (in the test's own data folder) and its pgpass file."""
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    return tmp_path / "data" / DESK_URL_FILE


def _fill(qtbot, dialog, host: str, port: int | str, database: str, user: str) -> None:
    for box, value in ((dialog.host, host), (dialog.port, str(port)), (dialog.database, database),
                       (dialog.user, user)):
        box.clear()
        qtbot.keyClicks(box, value)


@pytest.mark.postgres
def test_connection_dialog_tries_the_server_and_saves_the_desk_url(qtbot, desk_url_file, tmp_path):
    if not PG_URL:
        pytest.skip("ONESTOP_TEST_DATABASE_URL is not set")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    from onestop.ui.connection_dialog import ConnectionDialog
    from tests.qt_typing import type_ime, type_keys

    server = make_url(PG_URL)
    engine = create_engine(PG_URL)
    with engine.connect() as conn:
        version = conn.scalar(text("SHOW server_version"))
    engine.dispose()

    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    assert dialog.port.text() == "5432" and dialog.password.echoMode() == QLineEdit.EchoMode.Password

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)  # nothing typed yet
    assert dialog.errors["host"].text() == "Chưa nhập máy chủ (tên máy hoặc địa chỉ IP, ví dụ 192.168.1.10)."
    assert not dialog.errors["host"].isHidden() and dialog.outcome.text() == ""

    _fill(qtbot, dialog, server.host, server.port or 5432, server.database, server.username)
    type_keys(dialog.password, "mật")  # Vietnamese, as a keyboard and as an input method send it
    type_ime(dialog.password, "khẩu")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text() == f"Kết nối được: PostgreSQL {version}."
    assert dialog.errors["host"].isHidden()

    dialog.port.clear()
    qtbot.keyClicks(dialog.port, str(_closed_port()))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text().startswith("Không kết nối được máy chủ cơ sở dữ liệu (")
    assert "mật" not in dialog.outcome.text()

    dialog.port.clear()
    qtbot.keyClicks(dialog.port, str(server.port or 5432))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = stored_url()
    assert make_url(saved).password is None  # no password in the desk's file
    assert "mật" not in desk_url_file.read_text(encoding="utf-8")
    assert address_of(saved) == ServerAddress(server.host, server.port or 5432, server.database, server.username)
    assert make_url(dialog.url).password == "mậtkhẩu"  # used for this session only
    assert (tmp_path / "pgpass").read_text(encoding="utf-8").endswith(":mậtkhẩu\n")
    assert resolve_url() == saved  # the window's next start and the headless commands alike

    # Opened again at this desk, it shows the saved connection; «Dùng SQLite» forgets it.
    again = ConnectionDialog()
    qtbot.addWidget(again)
    assert (again.host.text(), again.port.text(), again.database.text(), again.user.text()) == (
        server.host, str(server.port or 5432), server.database, server.username)
    assert again.password.text() == ""
    qtbot.mouseClick(again.local_button, Qt.MouseButton.LeftButton)
    assert stored_url() is None and again.url is None and not desk_url_file.exists()


def test_connection_dialog_reports_a_bad_port_and_saves_nothing(qtbot, desk_url_file):
    from PySide6.QtCore import Qt

    from onestop.ui.connection_dialog import ConnectionDialog

    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, "127.0.0.1", "99999", "onestop", "onestop")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["port"].text().startswith("Cổng «99999» không hợp lệ")
    assert dialog.result() != dialog.DialogCode.Accepted
    assert stored_url() is None and not desk_url_file.exists()
    dialog.port.clear()
    qtbot.keyClicks(dialog.port, str(_closed_port()))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text().startswith("Không kết nối được máy chủ cơ sở dữ liệu")


def test_main_window_offers_the_connection_dialog(qtbot, site_db):
    from PySide6.QtGui import QAction

    from onestop.ui.main_window import MainWindow

    db, site = site_db
    window = MainWindow(db, site, lambda: NOW.astimezone(timezone.utc), "cb")
    qtbot.addWidget(window)
    action = window.findChild(QAction, "connection_action")
    assert action is not None and action.isEnabled() and action.text() == "Kết nối cơ sở dữ liệu…"
