"""PostgreSQL is the authority on roles: each account is a login role in its group, and each role,
connected with its own password, is refused what it must not do (issue 12)."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from onestop.cli import main
from onestop.dossiers import queue
from onestop.dossiers.intake import IntakeError, IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.dossiers.reception import log_reception_slip
from onestop.figures.report import periodic_report
from onestop.installation.bootstrap import open_database
from onestop.installation.dossier_import import import_dossiers
from onestop.office.catalogue import import_file
from onestop.paperwork.receipts import load_dossier
from onestop.people.accounts import (
    AccountError,
    Actor,
    WrongPassword,
    authenticate,
    create_account,
    create_first_admin,
    set_active,
    set_password,
)
from onestop.people.pg_roles import Names, drop_roles, session_username, setup_roles

ROOT = Path(__file__).resolve().parents[2]
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 10, tzinfo=TZ)
PG_ONLY = pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                                  indirect=True)
PASSWORDS = {"quantri": "Quản trị 2026 dài", "cb.tiepnhan": "Tiếp nhận 2026 dài", "lanhdao": "Lãnh đạo 2026 dài"}


@pytest.fixture
def site(database_url):
    """A site set up as README says: roles first, then the accounts made through the program."""
    prefix = f"ot_{uuid.uuid4().hex[:10]}"  # roles are cluster-wide: unique per run, dropped after
    db, site = open_database(database_url)
    try:
        assert setup_roles(db, prefix) == []
        admin = create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORDS["quantri"], NOW)
        create_account(db, admin, "cb.tiepnhan", "Trần Thị Tiếp Nhận", "officer", PASSWORDS["cb.tiepnhan"], NOW)
        create_account(db, admin, "lanhdao", "Lê Văn Lãnh Đạo", "supervisor", PASSWORDS["lanhdao"], NOW)
        yield db, site, prefix, database_url
    finally:
        db.dispose()
        engine = create_engine(database_url)
        with engine.begin() as conn, Session(conn) as s:
            drop_roles(s, prefix)
        engine.dispose()


def _url_as(database_url: str, prefix: str, username: str) -> str:
    """The desk's own credentials (host 127.0.0.1: over TCP, as a desk connects)."""
    url = make_url(database_url)
    # The tests' URL picks the test's schema with a search_path option; a desk's login has its own
    # (ALTER ROLE … SET search_path, as set up): the option is dropped, as a desk's URL has none.
    query = {k: v for k, v in url.query.items() if k != "options"}
    return url.set(username=Names(prefix).login(username), password=PASSWORDS[username], host="127.0.0.1",
                   query=query).render_as_string(hide_password=False)


def _refused(conn, statement: str, match: str = "permission denied|must be owner|cannot write") -> None:
    with pytest.raises(DBAPIError, match=match):
        with conn.begin_nested():
            conn.execute(text(statement))


def _intake(db, site, user: str) -> str:
    return save_intake(db, site, IntakeRequest(procedure_code="1.004884", name="Nguyễn Văn An",
                                               id_number="001190012345", phone="0912345678",
                                               received_at=datetime(2026, 11, 23, 9, tzinfo=TZ)),
                       now=NOW, actor=Actor.named(user)).code


@PG_ONLY
def test_each_account_is_a_login_role_in_its_group(site):
    db, _site, prefix, _url = site
    names = Names(prefix)
    with db.engine.connect() as conn:
        rows = dict(conn.execute(text(
            "SELECT r.rolname, g.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid "
            "JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname LIKE :p"), {"p": prefix + ".%"}).all())
        owner = conn.execute(text("SELECT tableowner FROM pg_tables WHERE tablename = 'dossier_event' "
                                  "AND schemaname = current_schema()")).scalar_one()
        scram = conn.execute(text("SELECT count(*) FROM pg_authid WHERE rolname LIKE :p "
                                  "AND rolpassword LIKE 'SCRAM-SHA-256$%%' AND rolcanlogin"),
                             {"p": prefix + ".%"}).scalar_one()
        owner_logs_in = conn.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :o"),
                                     {"o": names.owner}).scalar_one()
    assert rows == {names.login("quantri"): names.group("admin"), names.login("cb.tiepnhan"): names.group("officer"),
                    names.login("lanhdao"): names.group("supervisor")}
    assert owner == names.owner and not owner_logs_in
    assert scram == 3


@PG_ONLY
def test_the_officer_works_through_the_program_and_is_refused_the_rest(site):
    db, site_, prefix, url = site
    officer_db, officer_site = open_database(_url_as(url, prefix, "cb.tiepnhan"))
    try:
        with officer_db.read() as s:
            assert session_username(s) == "cb.tiepnhan"
        assert authenticate(officer_db, "cb.tiepnhan", PASSWORDS["cb.tiepnhan"], NOW).role == "officer"
        with pytest.raises(WrongPassword):  # another's account is out of this session's reach
            authenticate(officer_db, "lanhdao", PASSWORDS["lanhdao"], NOW)
        code = _intake(officer_db, officer_site, "cb.tiepnhan")
        later = datetime(2026, 11, 23, 10, 30, tzinfo=TZ)
        for action, extra in (("transfer", {"to": "Phòng Tư pháp"}),
                              ("request_supplement", {"missing": ("Bản sao giấy chứng sinh",), "reason": "Thiếu"}),
                              ("supplement_received", {}), ("finish", {}), ("return", {})):
            apply(officer_db, officer_site, code, TransitionRequest(action=action, at=later,
                                                                    **extra), actor=Actor.named("cb.tiepnhan"), now=later)
        second = _intake(officer_db, officer_site, "cb.tiepnhan")
        apply(officer_db, officer_site, second, TransitionRequest(  # a new appointment, a pause-free change
            action="extend", at=later, reason="Cần xác minh thêm", notified_by="sms",
            new_due_at=datetime(2026, 12, 1, 9, tzinfo=TZ)), actor=Actor.named("cb.tiepnhan"), now=later)
        with pytest.raises((IntakeError, DBAPIError)):  # history under another person's name
            _intake(officer_db, officer_site, "quantri")
        with officer_db.engine.connect() as conn:
            assert conn.execute(text("SELECT DISTINCT id_number FROM applicant")).scalar_one() == "001190012345"
            for statement in (
                "UPDATE account SET role = 'admin' WHERE username = 'cb.tiepnhan'",
                "UPDATE account SET active = false WHERE username = 'quantri'",
                "INSERT INTO account (username, full_name, role, password_hash, failed_logins, active, created_at) "
                "VALUES ('x', 'X', 'admin', 'h', 0, true, now())",
                "UPDATE applicant SET id_number = '001190099999'",
                "UPDATE applicant SET phone = '0999999999'",
                "UPDATE dossier SET received_at = received_at - interval '3 days'",
                "UPDATE dossier SET received_by = 'quantri'",
                "UPDATE dossier_event SET note = 'sửa'",
                "DELETE FROM dossier_event",
                "TRUNCATE dossier_event",
                "DELETE FROM dossier",
                "DELETE FROM applicant",
                "UPDATE setting SET value = '{}'",
                "ALTER TABLE dossier_event DISABLE TRIGGER USER",
                "ALTER TABLE dossier_event DISABLE TRIGGER dossier_event_who",
                "CREATE TABLE intruder (id int)",
                "SELECT onestop_set_login('quantri', NULL, NULL, false)",
                "SELECT onestop_set_login('cb.tiepnhan', NULL, 'admin', NULL)",
            ):
                _refused(conn, statement, "permission denied|must be owner|only an administrator")
            _refused(conn, "INSERT INTO dossier_event (dossier_id, at, \"user\", action, from_status, to_status, note, "
                           "handed_to, hash) SELECT id, now() - interval '30 days', 'quantri', 'finish', status, "
                           "'result_ready', '', '', '' FROM dossier", "cannot write")
            for statement in ("INSERT INTO admin_log (at, \"user\", action) VALUES (now(), 'Nguyễn Quản Trị', 'x')",
                              "INSERT INTO export_log (at, \"user\", what) VALUES (now(), 'quantri', 'x')"):
                _refused(conn, statement, "cannot write")  # nor a log line under another name
            conn.rollback()
    finally:
        officer_db.dispose()
    with db.read() as s:  # the owner's view: the officer's history is the officer's, nothing else came in
        users = s.execute(text("SELECT DISTINCT \"user\" FROM dossier_event")).scalars().all()
    assert users == ["cb.tiepnhan"]


@PG_ONLY
def test_the_supervisor_works_on_masked_cccd_and_phone_and_never_reads_them(site):
    db, site_, prefix, url = site
    officer_db, officer_site = open_database(_url_as(url, prefix, "cb.tiepnhan"))
    try:
        code = _intake(officer_db, officer_site, "cb.tiepnhan")
        with officer_db.read() as s:  # the officer serves the applicant: sees the numbers
            assert [(r.id_number, r.phone) for r in queue.fetch_page(s, queue.View.OPEN, NOW, officer_site)] == \
                [("001190012345", "0912345678")]
    finally:
        officer_db.dispose()
    with db.read() as s:
        schema = s.execute(text("SELECT current_schema()")).scalar_one()
    boss_db, boss_site = open_database(_url_as(url, prefix, "lanhdao"))
    try:
        # The program's own queries, ORM included, run unchanged and read masked numbers.
        with boss_db.read() as s:
            rows = queue.fetch_page(s, queue.View.OPEN, NOW, boss_site)
            assert [(r.id_number, r.phone) for r in rows] == [("001•••••••45", "091•••••78")]
            assert [r.code for r in queue.search(s, "nguyen van")] == [code]
            assert load_dossier(s, code).applicant.id_number == "001•••••••45"
            assert periodic_report(s, boss_site, datetime(2026, 11, 1).date(), datetime(2026, 11, 30).date(),
                                   "field", now=NOW) is not None
        second = save_intake(boss_db, boss_site, IntakeRequest(  # a supervisor may receive a dossier too
            procedure_code="1.004884", name="Phạm Thị Bình", id_number="001190054321",
            received_at=datetime(2026, 11, 23, 9, 30, tzinfo=TZ)), now=NOW, actor=Actor.named("lanhdao")).code
        with db.read() as s:  # stored whole, not masked
            assert s.execute(text("SELECT a.id_number FROM applicant a JOIN dossier d ON d.applicant_id = a.id "
                                  "WHERE d.code = :c"), {"c": second}).scalar_one() == "001190054321"
        with boss_db.engine.connect() as conn:
            for statement in (f"SELECT id_number FROM {schema}.applicant", f"SELECT phone FROM {schema}.applicant",
                              f"SELECT * FROM {schema}.applicant",
                              f"SELECT applicant_id_number FROM {schema}.reception_slip",
                              f"SELECT applicant_phone FROM {schema}.reception_slip",
                              "UPDATE account SET role = 'admin'", "DELETE FROM dossier_event",
                              f"UPDATE {schema}.applicant SET phone = '0999999999'",
                              f"ALTER TABLE {schema}.applicant DISABLE TRIGGER ALL"):
                _refused(conn, statement)
            conn.rollback()
    finally:
        boss_db.dispose()


@PG_ONLY
def test_the_administrator_manages_accounts_and_still_cannot_rewrite_history(site):
    _db, _site, prefix, url = site
    admin_db, _ = open_database(_url_as(url, prefix, "quantri"))
    admin = Actor("quantri", "Nguyễn Quản Trị", "admin")
    names = Names(prefix)
    try:
        create_account(admin_db, admin, "cb.moi", "Phạm Văn Mới", "officer", "Mật khẩu mới 2026", NOW)
        too_long = "cb." + "a" * (63 - len(names.login("cb.")) + 1)  # PostgreSQL would cut the name silently
        with pytest.raises(AccountError, match="quá dài"):
            create_account(admin_db, admin, too_long, "Phạm Văn Dài", "officer", "Mật khẩu mới 2026", NOW)
        with admin_db.read() as s:
            assert s.execute(text("SELECT count(*) FROM account WHERE username = :u"), {"u": too_long}).scalar() == 0
        set_password(admin_db, admin, "cb.tiepnhan", "Mật khẩu khác 2026", NOW)
        set_active(admin_db, admin, "cb.moi", False, NOW)
        with admin_db.engine.connect() as conn:
            assert conn.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :n"),
                                {"n": names.login("cb.moi")}).scalar_one() is False
            assert conn.execute(text("SELECT pg_has_role(:n, :g, 'member')"),
                                {"n": names.login("cb.moi"), "g": names.group("officer")}).scalar_one()
            conn.execute(text("UPDATE account SET role = 'supervisor' WHERE username = 'cb.moi'"))
            for statement in ("UPDATE dossier_event SET note = 'sửa'", "DELETE FROM dossier_event",
                              "DELETE FROM dossier", "ALTER TABLE dossier_event DISABLE TRIGGER USER",
                              "SELECT onestop_set_login('x', 'md5abc', NULL, NULL)"):
                _refused(conn, statement, "permission denied|must be owner|SCRAM verifier")
            conn.rollback()
    finally:
        admin_db.dispose()


@PG_ONLY
def test_an_officer_changes_only_their_own_password(site):
    _db, _site, prefix, url = site
    officer_db, _ = open_database(_url_as(url, prefix, "cb.tiepnhan"))
    me = Actor("cb.tiepnhan", "Trần Thị Tiếp Nhận", "officer")
    try:
        set_password(officer_db, me, "cb.tiepnhan", "Mật khẩu riêng 2026", NOW)
        with officer_db.engine.connect() as conn:
            _refused(conn, "SELECT onestop_set_login('lanhdao', NULL, NULL, NULL)", "only an administrator")
            # Row security: another account's row is out of reach, as if it were not there.
            assert conn.execute(text("SELECT username FROM account")).scalars().all() == ["cb.tiepnhan"]
            assert conn.execute(text("SELECT password_hash FROM account WHERE username = 'quantri'")).first() is None
            assert conn.execute(text("UPDATE account SET password_hash = 'x', failed_logins = 9 "
                                     "WHERE username <> 'cb.tiepnhan'")).rowcount == 0
            assert conn.execute(text("UPDATE account SET failed_logins = 0 "
                                     "WHERE username = 'cb.tiepnhan'")).rowcount == 1
            conn.rollback()
    finally:
        officer_db.dispose()


@PG_ONLY
def test_codes_are_never_rewritten_nor_counters_rewound(site):
    db, site_, prefix, url = site
    officer_db, officer_site = open_database(_url_as(url, prefix, "cb.tiepnhan"))
    try:
        _intake(officer_db, officer_site, "cb.tiepnhan")
        with officer_db.engine.connect() as conn:
            _refused(conn, "UPDATE dossier SET code = code || 'X'", "never changed")
            _refused(conn, "UPDATE code_counter SET last_number = 0", "never goes back")
            conn.rollback()
    finally:
        officer_db.dispose()


def _cli(*args: str, stdin: str = "", logname: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOGNAME": logname or os.environ.get("LOGNAME", ""),
           "USER": logname or os.environ.get("USER", "")}
    return subprocess.run([sys.executable, "-m", "onestop", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=120, env=env)


@PG_ONLY
def test_the_command_line_sets_up_the_site_and_records_the_database_login_not_logname(database_url):
    """README's steps: `site roles` and `account add` as the server's administrator, then a desk
    signs in with its own login; $LOGNAME says someone else and is not believed."""
    prefix = f"ot_{uuid.uuid4().hex[:10]}"
    try:
        done = _cli("--database", database_url, "site", "roles", "--prefix", prefix)
        assert done.returncode == 0, done.stderr
        for username, name, role in (("quantri", "Nguyễn Quản Trị", "admin"),
                                     ("cb.tiepnhan", "Trần Thị Tiếp Nhận", "officer")):
            done = _cli("--database", database_url, "account", "add", username, "--name", name, "--role", role,
                        stdin=PASSWORDS[username] + "\n")
            assert done.returncode == 0, done.stderr
        officer = _url_as(database_url, prefix, "cb.tiepnhan")
        done = _cli("--database", officer, "intake", "--procedure", "1.004884", "--name", "Nguyễn Văn An",
                    "--cccd", "001190012345", logname="quantri")
        assert done.returncode == 0, done.stderr
        code = done.stdout.strip()
        done = _cli("--database", officer, "dossier", code, "transfer", "--to", "Phòng Tư pháp", logname="quantri")
        assert done.returncode == 0, done.stderr
        done = _cli("--database", officer, "account", "password", "quantri", stdin="Chiếm quyền 2026 dài\n")
        assert done.returncode == 1 and "Traceback" not in done.stderr and "quản trị" in done.stderr
        done = _cli("--database", officer, "log", "admin")
        assert done.returncode == 1 and "Traceback" not in done.stderr
        engine = create_engine(database_url)
        with engine.connect() as conn:
            # The login's account, by the name the window records too (not $LOGNAME's «quantri»).
            assert conn.execute(text('SELECT DISTINCT "user" FROM dossier_event')).scalars().all() == \
                ["Trần Thị Tiếp Nhận"]
        engine.dispose()
    finally:
        engine = create_engine(database_url)
        with engine.begin() as conn, Session(conn) as s:
            drop_roles(s, prefix)
        engine.dispose()


@PG_ONLY
def test_the_supervisor_updates_the_catalogue_dropping_papers_a_dossier_used(site, tmp_path):
    db, site_, prefix, url = site
    officer_db, officer_site = open_database(_url_as(url, prefix, "cb.tiepnhan"))
    try:
        _intake(officer_db, officer_site, "cb.tiepnhan")  # hands in the procedure's papers
    finally:
        officer_db.dispose()
    path = tmp_path / "danh-muc.csv"
    path.write_text("Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp,Thời hạn theo quy định,Thời hạn cam kết,Lệ phí,"
                    "Khi bổ sung,Thành phần hồ sơ\n1.004884,Thủ tục đăng ký khai sinh,Hộ tịch,commune,3d,2d,,,"
                    "bản chính x1: Tờ khai đăng ký khai sinh\n", encoding="utf-8")
    boss_db, _ = open_database(_url_as(url, prefix, "lanhdao"))
    try:
        with boss_db.write() as s:
            import_file(s, path, Actor("lanhdao", "Lê Văn Lãnh Đạo", "supervisor"), NOW)
    finally:
        boss_db.dispose()
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM required_document r JOIN procedure p ON p.id = r.procedure_id "
                              "WHERE p.code = '1.004884'")).scalar_one() == 1
        assert s.execute(text("SELECT count(*) FROM submitted_document")).scalar_one() > 0


@PG_ONLY
def test_running_the_set_up_again_keeps_logins_and_passwords(site):
    """README: `site roles` again after each upgrade; the desks keep working with their passwords."""
    db, _site, prefix, url = site

    def verifiers():
        with db.engine.connect() as conn:
            return dict(conn.execute(text("SELECT rolname, rolpassword FROM pg_authid WHERE rolname LIKE :p"),
                                     {"p": prefix + ".%"}).all())

    before = verifiers()
    assert setup_roles(db, prefix) == []
    assert verifiers() == before
    officer_db, officer_site = open_database(_url_as(url, prefix, "cb.tiepnhan"))
    try:
        _intake(officer_db, officer_site, "cb.tiepnhan")
        with officer_db.engine.connect() as conn:
            _refused(conn, "UPDATE account SET role = 'admin'")
    finally:
        officer_db.dispose()


@PG_ONLY
def test_the_administrator_imports_a_ledger_under_their_own_name(site, tmp_path):
    """The administrator's login reads masked views of applicant: the import's ids still come from
    the table's own sequence, and its events carry the administrator's name."""
    db, site_, prefix, url = site
    path = tmp_path / "so.csv"
    path.write_text("Mã hồ sơ,Ngày tiếp nhận,Mã thủ tục,Người nộp,Trạng thái\n"
                    "000.00.12.H26-261120-0007,2026-11-20T09:00,1.004884,Lê Thị Hoa,received\n", encoding="utf-8")
    admin_db, admin_site = open_database(_url_as(url, prefix, "quantri"))
    try:
        result = import_dossiers(admin_db, admin_site, path, now=NOW, actor=Actor.named("quantri"))
    finally:
        admin_db.dispose()
    assert result.dossiers == 1
    with db.read() as s:
        assert s.execute(text('SELECT DISTINCT "user" FROM dossier_event')).scalars().all() == ["quantri"]


@PG_ONLY
def test_a_supervisor_returning_a_result_records_the_applicants_whole_cccd(site):
    """The supervisor reads the applicant's CCCD masked; handing the result back must not store
    the masked one as the collector's (the return's record, Mẫu 01 and the ledger need it whole)."""
    db, site_, prefix, url = site
    boss_db, boss_site = open_database(_url_as(url, prefix, "lanhdao"))
    try:
        code = _intake(boss_db, boss_site, "lanhdao")
        for action in ("finish", "return"):
            apply(boss_db, boss_site, code, TransitionRequest(action=action, at=NOW), actor=Actor.named("lanhdao"), now=NOW)
    finally:
        boss_db.dispose()
    with db.read() as s:
        assert s.execute(text("SELECT returned_to_kind, returned_to_id FROM dossier WHERE code = :c"),
                         {"c": code}).one() == ("applicant", "001190012345")


@PG_ONLY
def test_the_collectors_cccd_is_masked_for_the_supervisor_and_stored_whole(site):
    """dossier.returned_to_id (an authorised person's CCCD) as the applicant's: the supervisor reads it
    masked through the view, is refused the column, and its steps leave the stored number whole."""
    db, site_, prefix, url = site
    with db.read() as s:
        schema = s.scalar(text("SELECT current_schema()"))
    boss_db, boss_site = open_database(_url_as(url, prefix, "lanhdao"))
    try:
        code = _intake(boss_db, boss_site, "lanhdao")
        apply(boss_db, boss_site, code, TransitionRequest(action="finish", at=NOW), actor=Actor.named("lanhdao"), now=NOW)
        apply(boss_db, boss_site, code, TransitionRequest(
            action="return", at=NOW, collector_kind="authorised", collector_name="Lê Văn Bình",
            collector_id="001095001122"), actor=Actor.named("lanhdao"), now=NOW)
        with boss_db.read() as s:
            assert load_dossier(s, code).returned_to_id == "001•••••••22"
        with boss_db.engine.begin() as conn:
            conn.execute(text("UPDATE dossier SET status = status, version = version WHERE code = :c"), {"c": code})
            _refused(conn, f'SELECT returned_to_id FROM "{schema}".dossier')
    finally:
        boss_db.dispose()
    with db.read() as s:
        assert s.execute(text("SELECT returned_to_kind, returned_to_id FROM dossier WHERE code = :c"),
                         {"c": code}).one() == ("authorised", "001095001122")


@PG_ONLY
def test_a_supervisor_hands_out_a_reception_slip_through_the_masked_view(site):
    db, site_, prefix, url = site
    boss_db, boss_site = open_database(_url_as(url, prefix, "lanhdao"))
    try:
        slip = log_reception_slip(boss_db, boss_site, kind="supplement", procedure_code="1.004884",
                                  applicant_name="Lê Thị Hoa", applicant_id_number="001190012345",
                                  applicant_phone="0912345678", content="Bản sao giấy chứng sinh",
                                  actor=Actor.named("lanhdao"), at=NOW, now=NOW)
        with boss_db.read() as s:
            assert s.execute(text("SELECT applicant_id_number FROM reception_slip WHERE id = :i"),
                             {"i": slip}).scalar_one() == "001•••••••45"
    finally:
        boss_db.dispose()
    with db.read() as s:
        assert s.execute(text("SELECT applicant_id_number, applicant_phone, \"user\" FROM reception_slip")).one() == \
            ("001190012345", "0912345678", "lanhdao")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_keeps_one_person_one_file(database_url, capsys, monkeypatch):
    """`site roles` is PostgreSQL's; on SQLite it says why and changes nothing. `account add`
    works on both (here SQLite), the password read from standard input."""
    assert main(["--database", database_url, "site", "roles"]) == 2
    err = capsys.readouterr().err
    assert "chỉ có trên PostgreSQL" in err and "một người một tệp" in err and "Traceback" not in err
    monkeypatch.setattr(sys, "stdin", io.StringIO("Tiếp nhận 2026 dài\n"))
    assert main(["--database", database_url, "account", "add", "cb.an", "--name", "Trần Văn An",
                 "--role", "officer"]) == 0
    db, _site = open_database(database_url)
    try:
        assert authenticate(db, "cb.an", "Tiếp nhận 2026 dài", NOW).role == "officer"
    finally:
        db.dispose()


@PG_ONLY
def test_an_administrators_audit_verify_does_not_take_masked_numbers_for_edits(site):
    """An administrator's login reads CCCD and phones masked (the views): verify must not report
    the applicant as edited, and says that its identity was not compared."""
    from onestop.dossiers.audit import verify_chain

    db, site_, prefix, url = site
    officer_db, officer_site = open_database(_url_as(url, prefix, "cb.tiepnhan"))
    admin_db, _ = open_database(_url_as(url, prefix, "quantri"))
    try:
        _intake(officer_db, officer_site, "cb.tiepnhan")
        with admin_db.read() as s:
            result = verify_chain(s)
        assert result.ok, [b.message for b in result.breaches]
        assert result.identities_unchecked
        with db.read() as s:  # the server's administrator reads the real numbers and compares them
            whole = verify_chain(s)
        assert whole.ok and not whole.identities_unchecked
    finally:
        officer_db.dispose()
        admin_db.dispose()
