"""The audit trail: the chain of event hashes, tampering found, the history append-only by
triggers (both engines) and by grants (PostgreSQL), the migration chaining an existing history."""
from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError

from onestop.cli import main
from onestop.db.chain import event_hash
from onestop.db.migrate import upgrade
from onestop.db.models import Dossier, DossierEvent
from onestop.dossiers.audit import protect_for_role, verify_chain
from onestop.dossiers.export import dossier_rows, write_csv
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.installation.bootstrap import open_database
from onestop.installation.dossier_import import import_dossiers
from onestop.people.accounts import Actor
from tests.conftest import ENGINES

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 27, 16, tzinfo=TZ)


def t(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=TZ)


@pytest.fixture
def history(site_db):
    db, site = site_db
    codes = []
    for i, procedure in enumerate(("1.004884", "DP.DD.02", "DP.CT.01")):
        req = IntakeRequest(procedure_code=procedure, name="Nguyễn Văn An", id_number="001190012345",
                            received_at=t(23, 9 + i))
        codes.append(save_intake(db, site, req, now=NOW, actor=Actor.named("cb.tiepnhan")).code)
    steps = [("transfer", {"to": "Phòng Tư pháp", "handler": "Trần Văn Hải"}), ("finish", {}), ("return", {})]
    for hour, (action, kw) in enumerate(steps, start=13):
        apply(db, site, codes[0], TransitionRequest(action=action, at=t(25, hour), **kw), actor=Actor.named("cb.xuly"), now=NOW)
    apply(db, site, codes[1], TransitionRequest(action="request_supplement", at=t(25, 10),
                                                missing=("Bản sao CCCD",), reason="Mờ"), actor=Actor.named("cb.xuly"), now=NOW)
    return db, site, codes


def _tamper(db, sql: str) -> None:
    """What an owner of the tables could do: switch the guard off, change the history, switch it on."""
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE dossier_event DISABLE TRIGGER dossier_event_append_only"))
            conn.execute(text(sql))
            conn.execute(text("ALTER TABLE dossier_event ENABLE TRIGGER dossier_event_append_only"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS dossier_event_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS dossier_event_no_delete"))
            conn.execute(text(sql))


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_an_untouched_history_verifies(history):
    db, _, codes = history
    with db.read() as s:
        result = verify_chain(s)
        heads = dict(s.execute(select(Dossier.code, Dossier.last_event_hash)).all())
        last = {code: s.scalars(select(DossierEvent.hash).join(Dossier).where(Dossier.code == code)
                                .order_by(DossierEvent.id.desc()).limit(1)).one() for code in codes}
    assert (result.ok, result.dossiers, result.events) == (True, 3, 3 + 3 + 1)
    assert heads == last and len(set(heads.values())) == 3


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_an_edited_event_and_a_removed_last_event_are_found(history, capsys, database_url):
    db, _, codes = history
    with db.read() as s:
        transfer = s.scalars(select(DossierEvent.id).where(DossierEvent.action == "transfer")).one()
        supplement = s.scalars(select(DossierEvent.id).where(DossierEvent.action == "request_supplement")).one()
    _tamper(db, f"UPDATE dossier_event SET handed_to = 'Phòng Nội vụ' WHERE id = {transfer}")
    _tamper(db, f"DELETE FROM dossier_event WHERE id = {supplement}")
    with db.read() as s:
        result = verify_chain(s)
    # The removed last event: the head no longer matches, and the status no longer follows from the history.
    assert list(dict.fromkeys((b.code, b.event_id) for b in result.breaches)) == [(codes[0], transfer), (codes[1], None)]
    assert main(["--database", database_url, "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"{codes[0]}: sự kiện #{transfer} không khớp" in err and codes[1] in err


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_database_refuses_to_change_or_remove_history(history):
    db, _, codes = history
    for sql in ("UPDATE dossier_event SET note = 'sửa'", "DELETE FROM dossier_event",
                f"DELETE FROM dossier WHERE code = '{codes[2]}'"):
        with pytest.raises(DBAPIError, match="append-only"):
            with db.engine.begin() as conn:
                conn.execute(text(sql))
    with db.read() as s:
        assert verify_chain(s).ok
        assert s.scalar(select(Dossier.id).where(Dossier.code == codes[2])) is not None


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_application_role_cannot_change_events_even_without_the_trigger(history):
    db, _, _ = history
    role = f"onestop_app_{uuid.uuid4().hex[:8]}"
    with db.engine.begin() as conn:
        conn.execute(text(f"CREATE ROLE {role} NOLOGIN"))
    try:
        protect_for_role(db, role)
        with db.engine.begin() as conn:  # the owner switches the trigger off: the grant still holds
            conn.execute(text("ALTER TABLE dossier_event DISABLE TRIGGER dossier_event_append_only"))
        with db.engine.connect() as conn:
            conn.execute(text(f"SET ROLE {role}"))
            assert conn.execute(text("SELECT count(*) FROM dossier_event")).scalar_one() == 7
            conn.execute(text("UPDATE dossier SET note = 'ghi chú' WHERE id = (SELECT min(id) FROM dossier)"))
            for sql in ("UPDATE dossier_event SET note = 'sửa'", "DELETE FROM dossier_event", "DELETE FROM dossier",
                        "DELETE FROM export_log", "UPDATE admin_log SET detail = ''"):
                with pytest.raises(DBAPIError, match="permission denied"):
                    with conn.begin_nested():
                        conn.execute(text(sql))
            conn.rollback()
    finally:
        with db.engine.begin() as conn:
            conn.execute(text("ALTER TABLE dossier_event ENABLE TRIGGER dossier_event_append_only"))
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_upgrading_an_existing_history_chains_it_as_the_program_does(history, database_url):
    db, _, _ = history
    with db.read() as s:  # as the program chained them before events attested what they set (0007)
        before, heads = [], {}
        for event, code in s.execute(select(DossierEvent, Dossier.code).join(Dossier).order_by(DossierEvent.id)):
            heads[code] = event_hash(heads.get(code, ""), code, event.at, event.user, event.action,
                                     event.from_status, event.to_status, event.note, event.handed_to)
            before.append((event.id, heads[code]))
    engine = create_engine(database_url)
    try:
        from alembic import command

        from onestop.db.migrate import alembic_config
        command.downgrade(alembic_config(engine), "0003")  # a site from before the chain
        upgrade(engine)
    finally:
        engine.dispose()
    with db.read() as s:
        after = s.execute(select(DossierEvent.id, DossierEvent.hash).order_by(DossierEvent.id)).all()
        assert verify_chain(s).ok
    assert [tuple(row) for row in after] == before


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_imported_dossiers_are_chained(site_db, tmp_path, database_url):
    db, site = site_db
    code = save_intake(db, site, IntakeRequest(procedure_code="1.004884", name="Lê Thị Hoa",
                                               id_number="001190012345", received_at=t(23, 9)),
                       now=NOW, actor=Actor.named("cb")).code
    path = tmp_path / "so.csv"
    with db.read() as s:
        write_csv(dossier_rows(s, site.calendar), path)
    db2, site2 = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        import_dossiers(db2, site2, path, now=NOW, actor=Actor.named("cb"))
        with db2.read() as s:
            result = verify_chain(s)
            imported = s.scalar(select(Dossier.code))
        assert (result.ok, result.events, imported) == (True, 1, code)
    finally:
        db2.dispose()
