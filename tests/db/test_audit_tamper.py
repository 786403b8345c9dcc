"""Issue 12: `audit verify` finds each of the six tamperings the probe got past it (state edit, chain
recomputed, dossier deleted, back-dated event, forged user, code gap), on both engines, by the
service and by the command line; the daily heads signed with the site key anchor the history, and
the day's ledger prints its head."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, insert, select, text, update

from onestop.db.chain import changes, dossier_state, event_hash
from onestop.db.models import (
    Account,
    Applicant,
    Appointment,
    CodeCounter,
    Dossier,
    DossierEvent,
    DossierPause,
    SubmittedDocument,
)
from onestop.dossiers.audit import verify_chain
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.people.accounts import Actor
from onestop.people.audit_heads import AuditKeyError, generate_key, head_of, read_private_key, sign_days
from tests.conftest import ENGINES

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 27, 16, tzinfo=TZ)
ACCOUNTS_SINCE = datetime(2026, 11, 1, 8, tzinfo=TZ)  # before the history: its names are judged
ROOT = Path(__file__).resolve().parents[2]


def t(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def history(site_db):
    """Three dossiers received on 23/11: one returned, one waiting for papers, one just received;
    an apology on the third."""
    db, site = site_db
    codes = []
    for i, procedure in enumerate(("1.004884", "DP.DD.02", "DP.CT.01")):
        req = IntakeRequest(procedure_code=procedure, name="Nguyễn Văn An", id_number="001190012345",
                            phone="0912345678", received_at=t(23, 9 + i))
        codes.append(save_intake(db, site, req, now=NOW, actor=Actor.named("cb.tiepnhan")).code)
    steps = [("transfer", {"to": "Phòng Tư pháp", "handler": "Trần Văn Hải"}), ("finish", {}), ("return", {})]
    for hour, (action, kw) in enumerate(steps, start=13):
        apply(db, site, codes[0], TransitionRequest(action=action, at=t(25, hour), **kw), actor=Actor.named("cb.xuly"), now=NOW)
    apply(db, site, codes[1], TransitionRequest(action="request_supplement", at=t(25, 10),
                                                missing=("Bản sao CCCD",), reason="Mờ"), actor=Actor.named("cb.xuly"), now=NOW)
    with db.read() as s:
        assert verify_chain(s).ok
    return db, site, codes


def _owner(db, *statements) -> None:
    """What whoever owns the tables can do: switch the guards off, change anything, switch them on."""
    with db.engine.begin() as conn:
        pg = conn.dialect.name == "postgresql"
        tables = ("dossier_event", "dossier", "code_counter")
        if pg:
            for table in tables:
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        else:
            for name in ("dossier_event_no_update", "dossier_event_no_delete", "dossier_no_delete"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        for statement in statements:
            if callable(statement):
                statement(conn)
            else:
                conn.execute(statement)
        if pg:
            for table in tables:
                conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))


def _dossier_id(db, code: str) -> int:
    with db.read() as s:
        return s.scalar(select(Dossier.id).where(Dossier.code == code))


def _rechain(conn, dossier_id: int) -> None:
    """Recomputes a dossier's chain with db/chain.py, as the probe did: the hash has no secret."""
    code = conn.scalar(select(Dossier.code).where(Dossier.id == dossier_id))
    chain = ""
    for e in conn.execute(select(DossierEvent).where(DossierEvent.dossier_id == dossier_id).order_by(DossierEvent.id)):
        chain = event_hash(chain, code, e.at, e.user, e.action, e.from_status, e.to_status, e.note, e.handed_to,
                           e.attests)
        conn.execute(update(DossierEvent).where(DossierEvent.id == e.id).values(hash=chain))
    conn.execute(update(Dossier).where(Dossier.id == dossier_id).values(last_event_hash=chain))


def _append(conn, dossier_id: int, at: datetime, user: str, action: str, to_status: str, **sets) -> None:
    """A forged event with a correct hash, the dossier's head and row moved along with it."""
    d = conn.execute(select(Dossier).where(Dossier.id == dossier_id)).one()
    after = {**d._mapping, **sets}
    attests = changes(dossier_state(d._mapping), dossier_state(after))
    chain = event_hash(d.last_event_hash, d.code, at, user, action, d.status, to_status, "", "", attests)
    conn.execute(insert(DossierEvent).values(dossier_id=dossier_id, at=at, user=user, action=action,
                                             from_status=d.status, to_status=to_status, note="", handed_to="",
                                             attests=attests, hash=chain))
    conn.execute(update(Dossier).where(Dossier.id == dossier_id).values(status=to_status, last_event_hash=chain,
                                                                         **sets))


def _remove(conn, dossier_id: int) -> None:
    """A whole dossier gone, with everything that hangs on it."""
    applicant = conn.scalar(select(Dossier.applicant_id).where(Dossier.id == dossier_id))
    for model in (DossierEvent, SubmittedDocument, Appointment, DossierPause):
        conn.execute(delete(model).where(model.dossier_id == dossier_id))
    conn.execute(delete(Dossier).where(Dossier.id == dossier_id))
    conn.execute(delete(Applicant).where(Applicant.id == applicant))


def _sign(db, tmp_path: Path, through: date = date(2026, 11, 26)) -> Path:
    key = tmp_path / "site-key.pem"
    generate_key(db, key, actor=Actor.named("giamdoc"), now=NOW)
    sign_days(db, read_private_key(key), through=through, actor=Actor.named("giamdoc"), now=NOW)
    return key


def _findings(db) -> list[tuple[str, str]]:
    with db.read() as s:
        return [(b.code, b.message) for b in verify_chain(s).breaches]


def _found(findings, code: str, fragment: str) -> bool:
    return any(c == code and fragment in m for c, m in findings)


# (a) the dossier row edited behind the history's back ------------------------------------------

STATE_EDITS = {
    "status": (1, {"status": "returned"}, "trạng thái đã bị sửa"),
    "received": (2, {"received_at": t(23, 8)}, "thời điểm tiếp nhận đã bị sửa"),
    "appointment": (2, {"due_at": t(30, 17)}, "ngày hẹn trả kết quả đã bị sửa"),
    "statutory": (1, {"statutory_due_at": t(30, 17)}, "hạn giải quyết theo quy định đã bị sửa"),
    "finished": (0, {"finished_at": t(24, 9)}, "thời điểm có kết quả đã bị sửa"),
    "returned": (0, {"returned_at": t(26, 9)}, "thời điểm trả kết quả đã bị sửa"),
    "reopened": (0, {"closed_at": None}, "thời điểm kết thúc xử lý đã bị sửa"),
    "received_by": (2, {"received_by": "nguoi.khac"}, "người tiếp nhận đã bị sửa"),
}


@pytest.mark.parametrize("edit", sorted(STATE_EDITS))
@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_dossier_row_edited_is_found(history, edit):
    db, _, codes = history
    which, values, message = STATE_EDITS[edit]
    _owner(db, update(Dossier).where(Dossier.code == codes[which]).values(**values))
    assert _found(_findings(db), codes[which], message), _findings(db)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_an_applicant_edited_is_found(history):
    db, _, codes = history
    applicant = select(Dossier.applicant_id).where(Dossier.code == codes[1]).scalar_subquery()
    for values in ({"name": "Nguyễn Văn Ân"}, {"id_number": "001190099999"}, {"phone": "0987654321"}):
        _owner(db, update(Applicant).where(Applicant.id == applicant).values(**values))
        assert _found(_findings(db), codes[1], "thông tin người nộp"), values


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_an_appointment_given_after_receipt_is_attested(history, database_url):
    db, site, codes = history
    apply(db, site, codes[2], TransitionRequest(action="apologise", at=t(27, 9), reason="Chậm",
                                                new_due_at=t(30, 17)), actor=Actor.named("cb.xuly"), now=NOW + timedelta(days=3))
    with db.read() as s:
        assert verify_chain(s).ok
    _owner(db, update(Dossier).where(Dossier.code == codes[2]).values(apology_due_at=t(30, 9)))
    assert _found(_findings(db), codes[2], "ngày hẹn lại (thư xin lỗi) đã bị sửa")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_an_event_that_is_no_step_of_the_lifecycle_is_found(history):
    db, _, codes = history
    # waiting for papers → returned, with a correct hash: no action goes there from that state
    _owner(db, lambda conn: _append(conn, _dossier_id(db, codes[1]), t(26, 9), "cb.xuly", "return", "returned",
                                    returned_at=t(26, 9)))
    assert _found(_findings(db), codes[1], "«Trả kết quả» không thể làm từ trạng thái «Chờ bổ sung»")


# (b) an event edited and its chain recomputed -----------------------------------------------------

@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_recomputed_chain_passes_the_hashes_but_not_the_signed_day(history, tmp_path):
    db, _, codes = history
    _sign(db, tmp_path)
    with db.read() as s:
        transfer = s.scalar(select(DossierEvent.id).where(DossierEvent.action == "transfer"))
    _owner(db, update(DossierEvent).where(DossierEvent.id == transfer).values(handed_to="Phòng Nội vụ"),
           lambda conn: _rechain(conn, _dossier_id(db, codes[0])))
    findings = _findings(db)
    assert not any(c == codes[0] for c, _ in findings)  # the chain itself is consistent again
    assert _found(findings, "ngày 25/11/2026", "không còn khớp bản đã ký")
    assert len(findings) == 1  # the day after is judged from the signed head, not reported again


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_replaced_signed_head_fails_its_signature(history, tmp_path):
    db, _, _ = history
    _sign(db, tmp_path)
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_head DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER audit_head_no_update"))
        conn.execute(text("UPDATE audit_head SET head = :h WHERE day = '2026-11-25'"), {"h": "0" * 64})
    assert _found(_findings(db), "ngày 25/11/2026", "chữ ký của ngày không hợp lệ")


# (c) a whole dossier deleted ----------------------------------------------------------------------

@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_deleted_dossier_is_found_by_its_code_and_its_signed_day(history, tmp_path):
    db, _, codes = history
    _sign(db, tmp_path)
    _owner(db, lambda conn: _remove(conn, _dossier_id(db, codes[1])))
    findings = _findings(db)
    assert _found(findings, codes[1], "mã đã cấp nhưng không còn hồ sơ")
    assert _found(findings, "ngày 23/11/2026", "không còn khớp bản đã ký")
    assert _found(findings, "ngày 25/11/2026", "không còn khớp bản đã ký")  # its request for papers


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_last_dossier_deleted_with_its_counter_moved_back_is_found_by_the_signed_day(history, tmp_path):
    db, _, codes = history
    _sign(db, tmp_path)
    _owner(db, lambda conn: _remove(conn, _dossier_id(db, codes[2])),
           update(CodeCounter).values(last_number=CodeCounter.last_number - 1))
    findings = _findings(db)
    assert _found(findings, "ngày 23/11/2026", "(3 sự kiện khi ký, nay 2)")


# (d) a back-dated event appended ------------------------------------------------------------------

@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_backdated_event_is_found(history, tmp_path):
    db, _, codes = history
    _sign(db, tmp_path)
    did = _dossier_id(db, codes[2])  # received 23/11 11:00
    _owner(db, lambda conn: _append(conn, did, t(23, 10), "cb.xuly", "transfer", "in_progress"))
    findings = _findings(db)
    assert _found(findings, codes[2], "ghi lùi thời gian: 10:00:00 23/11/2026, sớm hơn sự kiện trước nó "
                                      "(11:00:00 23/11/2026)")
    assert _found(findings, "ngày 23/11/2026", "không còn khớp bản đã ký")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_an_event_forged_into_a_signed_day_without_events_is_found(history, tmp_path):
    db, _, codes = history
    _sign(db, tmp_path)
    did = _dossier_id(db, codes[2])  # 24/11 had no event: there is no signed head of that day
    _owner(db, lambda conn: _append(conn, did, t(24, 10), "cb.xuly", "finish", "result_ready",
                                    finished_at=t(24, 10), closed_at=t(24, 10)))
    findings = _findings(db)
    assert _found(findings, "ngày 24/11/2026", "nằm trước ngày đã ký 26/11/2026")
    assert _found(findings, "ngày 25/11/2026", "không còn khớp bản đã ký")  # chained to the day before
    with pytest.raises(AuditKeyError, match="ghi sau khi đã ký"):  # and never signed now
        sign_days(db, read_private_key(tmp_path / "site-key.pem"), through=date(2026, 11, 26), actor=Actor.named("x"), now=NOW)


# (e) a forged user -------------------------------------------------------------------------------

@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_an_event_under_a_name_that_is_no_account_is_found(history, tmp_path):
    db, _, codes = history
    with db.write() as s:
        for username, full_name in (("cb.tiepnhan", "Lê Thị Hoa"), ("cb.xuly", "Trần Văn Hải")):
            s.add(Account(username=username, full_name=full_name, role="officer", password_hash="x",
                          failed_logins=0, active=True, created_at=ACCOUNTS_SINCE))
    with db.read() as s:
        assert verify_chain(s).ok
    _owner(db, lambda conn: _append(conn, _dossier_id(db, codes[2]), t(27, 9), "giamdoc", "finish", "result_ready",
                                    finished_at=t(27, 9), closed_at=t(27, 9)))
    if db.engine.dialect.name == "postgresql":  # migration 0008 lets no login write another's name
        assert _found(_findings(db), codes[2], "người thực hiện «giamdoc», không phải tài khoản nào")
    else:  # a SQLite file has no identities: whoever holds it writes any name; reported, not judged
        with db.read() as s:
            result = verify_chain(s)
        assert result.unattributed == {"giamdoc": 1} and not any("giamdoc" in b.message for b in result.breaches)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_names_written_before_the_first_account_are_not_judged(history):
    db, _, codes = history
    _owner(db, lambda conn: _append(conn, _dossier_id(db, codes[2]), t(27, 9), "giamdoc", "finish", "result_ready",
                                    finished_at=t(27, 9), closed_at=t(27, 9)))
    with db.write() as s:  # the site takes accounts after that day: nobody had an account to name
        s.add(Account(username="cb.xuly", full_name="Trần Văn Hải", role="officer", password_hash="x",
                      failed_logins=0, active=True, created_at=NOW))
    with db.read() as s:
        result = verify_chain(s)
    assert result.ok and result.unattributed == {}


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_user_rewritten_on_a_signed_event_breaks_the_signature(history, tmp_path):
    db, _, codes = history
    _sign(db, tmp_path)
    with db.read() as s:
        finish = s.scalar(select(DossierEvent.id).where(DossierEvent.action == "finish"))
    _owner(db, update(DossierEvent).where(DossierEvent.id == finish).values(user="giamdoc"),
           lambda conn: _rechain(conn, _dossier_id(db, codes[0])))
    assert _found(_findings(db), "ngày 25/11/2026", "không còn khớp bản đã ký")


# (f) a code gap ------------------------------------------------------------------------------------

@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_gap_in_a_day_series_is_found(history):
    db, _, codes = history
    _owner(db, lambda conn: _remove(conn, _dossier_id(db, codes[0])),
           update(CodeCounter).values(last_number=4))
    findings = _findings(db)
    fourth = codes[2][:-4] + "0004"
    assert [c for c, m in findings if "mã đã cấp nhưng không còn hồ sơ" in m] == [codes[0], fourth]


# signing --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_signing_covers_every_past_day_once_and_refuses_today_and_another_key(history, tmp_path):
    db, _, _ = history
    key = _sign(db, tmp_path)
    with db.read() as s:
        result = verify_chain(s)
    assert (result.ok, result.signed_days, result.unsigned_days) == (True, 3, [])  # 23, 25 and the last, 26
    assert (tmp_path / "site-key.pem").stat().st_mode & 0o777 == 0o600
    with pytest.raises(AuditKeyError, match="đã qua"):
        sign_days(db, read_private_key(key), through=date(2026, 11, 27), actor=Actor.named("giamdoc"), now=NOW)
    assert sign_days(db, read_private_key(key), through=date(2026, 11, 26), actor=Actor.named("giamdoc"), now=NOW) == []
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    with pytest.raises(AuditKeyError, match="không phải khóa ký của đơn vị"):
        sign_days(db, Ed25519PrivateKey.generate(), through=date(2026, 11, 26), actor=Actor.named("x"), now=NOW)
    with pytest.raises(AuditKeyError, match="đã có khóa ký"):
        generate_key(db, tmp_path / "second.pem", actor=Actor.named("x"), now=NOW)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_days_head_fingerprint_is_on_the_ledger(history, tmp_path):
    db, site, _ = history
    from onestop.figures.figure_files import save_ledger
    from onestop.people.accounts import system_actor
    from tests.pdf_text import pdf_pages

    def ledger_text(day: date) -> str:
        out = tmp_path / f"so-{day}.pdf"
        save_ledger(db, site, day, day, "pdf", out, NOW, system_actor("giamdoc"))
        return " ".join(page[2] for page in pdf_pages(out.read_bytes()))

    with db.read() as s:
        unsigned = head_of(s, date(2026, 11, 23))
    assert unsigned[1] is False and f"Dấu kiểm chứng sổ đến hết ngày 23/11/2026: {unsigned[0]} (chưa ký)" \
        in ledger_text(date(2026, 11, 23))
    _sign(db, tmp_path)
    with db.read() as s:
        signed = head_of(s, date(2026, 11, 23))
        stored = s.execute(text("SELECT head FROM audit_head WHERE day = '2026-11-23'")).scalar_one()
    assert signed == (stored[:16], True) and signed[0] == unsigned[0]
    assert f"Dấu kiểm chứng sổ đến hết ngày 23/11/2026: {signed[0]} (đã ký)" in ledger_text(date(2026, 11, 23))


# the command line -------------------------------------------------------------------------------------

def _cli(url: str, *args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ONESTOP_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "onestop", "--database", url, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_command_line_keygen_sign_verify_and_each_tampering(history, tmp_path, database_url):
    db, _, codes = history
    key = tmp_path / "site-key.pem"
    done = _cli(database_url, "audit", "keygen", "-o", str(key), tmp_path=tmp_path)
    assert done.returncode == 0 and "dấu vân tay" in done.stdout, done.stderr
    assert key.stat().st_mode & 0o777 == 0o600
    # The SQLite file is in tmp_path too: the key beside it is in the desk's reach, and it is said.
    assert ("Cảnh báo: tệp khóa" in done.stderr) == database_url.startswith("sqlite"), done.stderr
    again = _cli(database_url, "audit", "keygen", "-o", str(tmp_path / "k2.pem"), tmp_path=tmp_path)
    assert again.returncode == 1 and "đã có khóa ký" in again.stderr
    done = _cli(database_url, "audit", "sign", "--key", str(key), "--through", "2026-11-26", tmp_path=tmp_path)
    assert done.returncode == 0 and "Đã ký ngày 25/11/2026: 4 sự kiện" in done.stdout, done.stderr
    done = _cli(database_url, "audit", "verify", "--key", str(key), tmp_path=tmp_path)
    assert done.returncode == 0 and "Đã ký 3 ngày" in done.stdout, done.stdout + done.stderr

    with db.read() as s:
        finish = s.scalar(select(DossierEvent.id).where(DossierEvent.action == "finish"))
    _owner(db, update(Dossier).where(Dossier.code == codes[1]).values(status="returned"),  # (a)
           update(DossierEvent).where(DossierEvent.id == finish).values(user="giamdoc"),  # (b), (e)
           lambda conn: _rechain(conn, _dossier_id(db, codes[0])),
           lambda conn: _append(conn, _dossier_id(db, codes[2]), t(23, 10), "cb.xuly", "transfer",  # (d)
                                "in_progress"),
           update(CodeCounter).values(last_number=4))  # (c), (f): a fourth dossier gone
    done = _cli(database_url, "audit", "verify", tmp_path=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for line in (f"{codes[1]}: trạng thái đã bị sửa", f"{codes[2]}: sự kiện #", "ngày 25/11/2026: sự kiện của ngày",
                 "ngày 23/11/2026: sự kiện của ngày", f"{codes[2][:-4]}0004: mã đã cấp"):
        assert line in done.stderr, done.stderr
    other = tmp_path / "other.pem"
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    other.write_bytes(Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    done = _cli(database_url, "audit", "verify", "--key", str(other), tmp_path=tmp_path)
    assert done.returncode == 1 and "không phải của tệp khóa đã cho" in done.stderr


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_verify_never_ends_in_a_traceback(history, tmp_path, database_url):
    db, _, _ = history
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO audit_key (public_key, created_at, created_by) VALUES ('rác', :at, 'x')"),
                     {"at": NOW})
    done = _cli(database_url, "audit", "verify", tmp_path=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "Lỗi: không kiểm tra được" in done.stderr
    done = _cli(database_url, "audit", "sign", "--key", str(tmp_path / "missing.pem"), tmp_path=tmp_path)
    assert done.returncode == 1 and "Không đọc được tệp khóa" in done.stderr


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_nothing_is_written_into_a_signed_day(history, tmp_path):
    """A step dated in a signed day would break that day's signature: refused, with the way out."""
    db, site, codes = history
    _sign(db, tmp_path)
    from onestop.dossiers.intake import IntakeError
    from onestop.dossiers.lifecycle import TransitionError
    with pytest.raises(TransitionError, match="đã được ký chốt đến hết ngày 26/11/2026"):
        apply(db, site, codes[2], TransitionRequest(action="transfer", at=t(24, 9),
                                                    to="Phòng Tư pháp"), actor=Actor.named("cb.xuly"), now=NOW)
    with pytest.raises(IntakeError) as caught:
        save_intake(db, site, IntakeRequest(procedure_code="1.004884", name="Lê Thị Hoa", id_number="001190012345",
                                            received_at=t(25, 16)), now=NOW, actor=Actor.named("cb.tiepnhan"))
    assert "đã được ký chốt" in caught.value.errors["received_at"]
    apply(db, site, codes[2], TransitionRequest(action="transfer", at=t(27, 9), to="Phòng Tư pháp"),
          actor=Actor.named("cb.xuly"), now=NOW)  # the day after the last signed one is open
    with db.read() as s:
        assert verify_chain(s).ok


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_an_event_slipped_into_the_last_signed_day_without_events_is_found(history, tmp_path):
    db, _, codes = history
    _sign(db, tmp_path)  # through 26/11, a day without events: signed all the same
    did = _dossier_id(db, codes[2])
    _owner(db, lambda conn: _append(conn, did, t(26, 10), "cb.xuly", "transfer", "in_progress"))
    assert _found(_findings(db), "ngày 26/11/2026", "(0 sự kiện khi ký, nay 1)")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_ledger_import_into_a_signed_day_is_refused(history, tmp_path):
    db, site, codes = history
    from onestop.dossiers.export import dossier_rows, write_csv
    from onestop.installation.dossier_import import DossierImportError, import_dossiers
    path = tmp_path / "so.csv"
    with db.read() as s:
        write_csv(dossier_rows(s, site.calendar), path)
    _sign(db, tmp_path)
    from onestop.installation.bootstrap import open_database
    other, other_site = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:  # the same ledger into a site whose days are signed through 26/11
        generate_key(other, tmp_path / "other.pem", actor=Actor.named("giamdoc"), now=NOW)
        sign_days(other, read_private_key(tmp_path / "other.pem"), through=date(2026, 11, 26), actor=Actor.named("giamdoc"), now=NOW)
        with pytest.raises(DossierImportError) as caught:
            import_dossiers(other, other_site, path, now=NOW, actor=Actor.named("cb"))
        assert all("đã được ký chốt" in message for _, message in caught.value.problems)
    finally:
        other.dispose()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_verify_on_a_damaged_file_says_so_without_a_traceback(site_db, tmp_path, database_url):
    db, site = site_db
    from onestop.installation.demo import generate
    generate(db, site, dossiers=300, seed=1, now=NOW)
    db.dispose()
    path = Path(database_url.removeprefix("sqlite:///"))
    size, rng = path.stat().st_size, __import__("random").Random(12)
    with path.open("r+b") as f:  # pages of the tables' data overwritten in the middle of the file
        for percent in range(50, 90, 10):
            f.seek(size * percent // 100 // 4096 * 4096)
            f.write(rng.randbytes(4096))
    done = _cli(database_url, "audit", "verify", tmp_path=tmp_path)
    assert done.returncode != 0 and "Traceback" not in done.stderr and done.stderr.startswith("Lỗi:"), done.stderr


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_verify_on_a_date_overwritten_with_text_says_so_without_a_traceback(history, tmp_path, database_url):
    """SQLite keeps any text in a date column: the driver cannot read it back as a date."""
    db, _, _ = history
    _owner(db, text("UPDATE dossier_event SET at = 'hôm qua' WHERE id = 2"))
    db.dispose()
    done = _cli(database_url, "audit", "verify", tmp_path=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("Lỗi: không kiểm tra được lịch sử (ValueError"), done.stderr


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_desks_role_after_protect_cannot_pass_a_backdated_event_nor_touch_the_signed_heads(history, tmp_path):
    """The probe's 4c: the protected role appended a back-dated «finish» by «giamdoc» with a correct
    hash and head, and verify said all was well."""
    import uuid

    from sqlalchemy.exc import DBAPIError

    from onestop.dossiers.audit import protect_for_role
    db, _, codes = history
    _sign(db, tmp_path)
    with db.write() as s:
        s.add(Account(username="cb.xuly", full_name="Trần Văn Hải", role="officer", password_hash="x",
                      failed_logins=0, active=True, created_at=ACCOUNTS_SINCE))
    role = f"onestop_desk_{uuid.uuid4().hex[:8]}"
    with db.engine.begin() as conn:
        conn.execute(text(f"CREATE ROLE {role} NOLOGIN"))
    try:
        protect_for_role(db, role)
        did = _dossier_id(db, codes[2])
        with db.engine.begin() as conn:
            conn.execute(text(f"SET ROLE {role}"))
            _append(conn, did, t(25, 9), "giamdoc", "finish", "result_ready", finished_at=t(25, 9),
                    closed_at=t(25, 9))
            for sql in ("UPDATE audit_head SET head = ''", "DELETE FROM audit_head",
                        "INSERT INTO audit_key (public_key, created_at, created_by) VALUES ('k', now(), 'x')"):
                with pytest.raises(DBAPIError, match="permission denied"):
                    with conn.begin_nested():
                        conn.execute(text(sql))
            conn.execute(text("RESET ROLE"))
        findings = _findings(db)
        assert _found(findings, codes[2], "người thực hiện «giamdoc», không phải tài khoản nào")
        assert _found(findings, "ngày 25/11/2026", "không còn khớp bản đã ký")
    finally:
        with db.engine.begin() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_garbage_in_an_attestation_is_reported_not_crashed_on(history):
    db, _, codes = history
    with db.read() as s:
        first = s.scalar(select(DossierEvent.id).where(DossierEvent.action == "receive").order_by(DossierEvent.id))
    _owner(db, update(DossierEvent).where(DossierEvent.id == first).values(attests="due_at=rác;khong-bang"))
    findings = _findings(db)
    assert _found(findings, codes[0], f"sự kiện #{first} không khớp chuỗi kiểm chứng")
    assert _found(findings, codes[0], "theo lịch sử phải là «rác»")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_an_appointment_of_the_history_edited_is_found(history):
    db, site, codes = history
    apply(db, site, codes[1], TransitionRequest(action="supplement_received", at=t(26, 9)), actor=Actor.named("cb.xuly"), now=NOW)
    with db.read() as s:
        assert verify_chain(s).ok
        ids = dict(s.execute(select(Appointment.kind, Appointment.id).join(Dossier)
                             .where(Dossier.code == codes[1])).all())
    _owner(db, update(Appointment).where(Appointment.id == ids["receipt"]).values(due_at=t(30, 17)))
    assert _found(_findings(db), codes[1], f"lịch hẹn #{ids['receipt']} (17:00:00 30/11/2026) không khớp")
    _owner(db, update(Appointment).where(Appointment.id == ids["restart"]).values(statutory_due_at=t(30, 17)))
    assert _found(_findings(db), codes[1], f"lịch hẹn #{ids['restart']}: hạn giải quyết theo quy định không khớp")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_ledger_long_after_the_last_signed_day_says_to_sign_instead_of_reading_the_whole_history(history):
    db, _, _ = history
    from onestop.people.audit_heads import ledger_mark
    with db.read() as s:
        assert ledger_mark(s, date(2026, 12, 24)).endswith("(chưa ký)")  # 31 days after the first receipt
        assert "chưa có — lịch sử chưa được ký chốt trong 31 ngày" in ledger_mark(s, date(2026, 12, 25))
