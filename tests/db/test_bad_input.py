"""Bad input that the probe of issue 12 found let through or ending in a traceback: dates out of
range, undecodable arguments, tricky text, demo data on a real database, the services' odd values.
The command line runs as real subprocesses (bytes arguments included) on both engines."""
from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from onestop.clock.periods import instants
from onestop.db.models import Dossier
from onestop.dossiers.export import dossier_rows
from onestop.dossiers.intake import DocumentReceived, IntakeError, IntakeRequest, find_procedure, save_intake
from onestop.dossiers.lifecycle import TransitionError, TransitionRequest, apply
from onestop.installation.demo import DemoRefused, generate
from onestop.office.site import AgencyInfo, SiteSettings, validate_site
from onestop.paperwork.receipts import DossierNotFound, load_dossier
from onestop.people.accounts import Actor
from tests.conftest import ENGINES, MONDAY_0915

ROOT = Path(__file__).resolve().parents[2]
NOW = MONDAY_0915


def cli(url: str, *argv: str | bytes) -> tuple[int, str, str]:
    """`onestop --database URL ARGV…` in a subprocess; bytes arguments reach sys.argv undecoded."""
    args = [os.fsencode(sys.executable), b"-m", b"onestop", b"--database", url.encode()]
    args += [a if isinstance(a, bytes) else a.encode() for a in argv]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(args, cwd=ROOT, capture_output=True, timeout=180, env=env)
    return done.returncode, done.stdout.decode(), done.stderr.decode("utf-8", "replace")


def refused(result: tuple[int, str, str], *words: str) -> str:
    code, out, err = result
    assert code != 0 and "Traceback" not in err and "Error" not in err, err
    assert err.startswith("Lỗi"), err
    for word in words:
        assert word in err, err
    return err


def dossiers(url: str) -> int:
    from onestop.installation.bootstrap import open_database

    db, _ = open_database(url)
    try:
        with db.read() as s:
            return s.scalar(select(func.count()).select_from(Dossier))
    finally:
        db.dispose()


INTAKE = ("intake", "--procedure", "DP.LLTP.01", "--name", "Nguyễn Văn An", "--cccd", "001090000001")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_dates_out_of_range_are_refused_without_a_traceback(database_url, tmp_path):
    """Probe 1a/1b: `--at 1900` was accepted (code …-000102-…), `--at 0001` and `--to 9999-12-31`
    ended in OverflowError, `--new-appointment 9999-12-31T23:59` was printed on the apology."""
    url = database_url
    for at in ("1900-01-02T09:00", "1999-12-31T09:00", "0001-01-01T00:00", "9999-12-31T23:59"):
        refused(cli(url, *INTAKE, "--at", at), "--at", "01/01/2000")
    for command in (("report",), ("targets",), ("ledger", "-o", str(tmp_path / "s.pdf")),
                    ("export", "dossiers", "-o", str(tmp_path / "e.csv"))):
        for start, end in (("0001-01-01", "9999-12-31"), ("2026-01-01", "9999-12-31"), ("0001-01-01", "2026-12-31")):
            refused(cli(url, *command, "--from", start, "--to", end), "31/12/2100")
    code, late, err = cli(url, *INTAKE, "--at", "2026-01-05T09:00")
    assert code == 0, err
    late = late.strip()
    refused(cli(url, "dossier", late, "apologise", "--reason", "Chậm", "--new-appointment", "9999-12-31T23:59"),
            "--new-appointment")
    refused(cli(url, "dossier", late, "apologise", "--reason", "Chậm", "--at", "2026-11-23T09:00",
                "--new-appointment", "2028-12-31T10:00"), "quá 2 năm", "Chưa ghi gì")
    refused(cli(url, "dossier", late, "finish", "--at", "1900-01-01T09:00"), "01/01/2000")
    assert dossiers(url) == 1


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_arguments_that_are_not_utf8_are_refused_with_a_message(database_url):
    """Probe 1b: `--to $'Ph\\xffong'`, `--address` and `--note` with a byte that is not UTF-8 passed
    clean_text and crashed at the insert with UnicodeEncodeError."""
    url = database_url
    for option in (b"--address", b"--note", b"--name"):
        refused(cli(url, *INTAKE, option, b"Ph\xffong"), "UTF-8", "chưa lưu gì")
    code, out, err = cli(url, *INTAKE)
    assert code == 0, err
    refused(cli(url, "dossier", out.strip(), "transfer", b"--to", b"Ph\xffong T\xe0i ch\xednh"), "UTF-8")
    assert dossiers(url) == 1


def test_a_period_beyond_the_bounds_is_refused_by_the_service():
    tz = timezone(timedelta(hours=7))
    for start, end in ((date(1, 1, 1), date(2026, 1, 1)), (date(2026, 1, 1), date(9999, 12, 31)),
                       (date(1999, 12, 31), date(2000, 1, 1))):
        with pytest.raises(ValueError, match="01/01/2000 đến 31/12/2100"):
            instants(start, end, tz)
    assert instants(date(2000, 1, 1), date(2100, 12, 31), tz)[1] == datetime(2101, 1, 1, tzinfo=tz)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_export_takes_any_range_of_days(site_db):
    """Probe 1b: export.dossier_rows overflowed on 0001-01-01 .. 9999-12-31 (the window's path)."""
    db, site = site_db
    save_intake(db, site, IntakeRequest("DP.LLTP.01", "Nguyễn Văn An", "001090000001"), now=NOW, actor=Actor.named("lan"))
    with db.read() as s:
        for start, end in ((date(1, 1, 1), date(9999, 12, 31)), (None, date(9999, 12, 31)), (date(1, 1, 1), None)):
            assert len(list(dossier_rows(s, site.calendar, start, end))) == 1
        assert list(dossier_rows(s, site.calendar, date(9999, 12, 31), None)) == []


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_services_refuse_instants_before_2000_and_appointments_years_ahead(site_db):
    db, site = site_db
    with pytest.raises(IntakeError) as old:
        save_intake(db, site, IntakeRequest("DP.LLTP.01", "Nguyễn Văn An", "001090000001",
                                            received_at=datetime(1900, 1, 2, 2, 0, tzinfo=timezone.utc)),
                    now=NOW, actor=Actor.named("lan"))
    assert "01/01/2000" in old.value.errors["received_at"]
    saved = save_intake(db, site, IntakeRequest("DP.LLTP.01", "Nguyễn Văn An", "001090000001",
                                                received_at=NOW - timedelta(days=200)), now=NOW, actor=Actor.named("lan"))
    with pytest.raises(TransitionError, match="01/01/2000"):
        apply(db, site, saved.code, TransitionRequest("finish", at=datetime(1999, 1, 1, tzinfo=timezone.utc)),
              actor=Actor.named("lan"), now=NOW)
    for new_due in (datetime(9999, 12, 31, tzinfo=timezone.utc), NOW + timedelta(days=732)):
        with pytest.raises(TransitionError, match="quá 2 năm"):
            apply(db, site, saved.code, TransitionRequest("apologise", reason="Chậm", new_due_at=new_due),
                  actor=Actor.named("lan"), now=NOW)
    with pytest.raises(TransitionError, match="múi giờ"):
        apply(db, site, saved.code, TransitionRequest("apologise", reason="Chậm",
                                                      new_due_at=datetime(2026, 12, 1, 9, 0)), actor=Actor.named("lan"), now=NOW)
    apply(db, site, saved.code, TransitionRequest("apologise", reason="Chậm",
                                                  new_due_at=NOW + timedelta(days=30)), actor=Actor.named("lan"), now=NOW)


BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f",
        "\u061c"]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_direction_overrides_and_lone_surrogates_are_refused_in_every_free_text(site_db):
    """Probe 1b/1c: RLO was accepted in addresses and departments; a lone surrogate in the address
    raised UnicodeEncodeError at the insert (both engines)."""
    db, site = site_db
    base = dict(procedure_code="DP.LLTP.01", name="Nguyễn Văn An", id_number="001090000001")
    for bad in BIDI + ["\udcff", "\ud800"]:
        for key, field in (("address", "address"), ("note", "note"), ("name", "name")):
            with pytest.raises(IntakeError) as caught:
                save_intake(db, site, IntakeRequest(**{**base, key: f"Phường {bad}Đông"}), now=NOW, actor=Actor.named("lan"))
            assert "Chưa lưu gì" in caught.value.errors[field], caught.value.errors
        with pytest.raises(IntakeError) as caught:
            save_intake(db, site, IntakeRequest(**{**base, "applicant_kind": "organisation",
                                                   "name": f"Công ty {bad}A", "id_number": "0101234567"}),
                        now=NOW, actor=Actor.named("lan"))
        assert "name" in caught.value.errors
    saved = save_intake(db, site, IntakeRequest(**base), now=NOW, actor=Actor.named("lan"))
    for bad in ("\u202e", "\u2066", "\udcff"):
        for kw in ({"to": f"Phòng Tư pháp{bad}"}, {"to": "Phòng Tư pháp", "handler": f"Lê{bad} Bình"},
                   {"to": "Phòng Tư pháp", "note": f"ghi {bad}chú"}):
            with pytest.raises(TransitionError, match="Chưa lưu gì"):
                apply(db, site, saved.code, TransitionRequest("transfer", **kw), actor=Actor.named("lan"), now=NOW)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Dossier)) == 1
        assert s.scalar(select(Dossier.status)) == "received"


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_look_alike_letter_from_another_script_is_refused_in_a_name(site_db):
    """Probe 1a: «Nguy\\u0435n Văn An» (Cyrillic е) was accepted and never found by a search."""
    db, site = site_db
    base = dict(procedure_code="DP.LLTP.01", id_number="001090000001")
    for name, letter in (("Nguy\u0435n Văn An", "U+0435"), ("\u041dguyễn Văn An", "U+041D"),
                         ("Trần Thị \u039cai", "U+039C"), ("Lê V\u0103n \u0392ình", "U+0392")):
        with pytest.raises(IntakeError) as caught:
            save_intake(db, site, IntakeRequest(name=name, **base), now=NOW, actor=Actor.named("lan"))
        assert letter in caught.value.errors["name"] and "lẫn trong chữ Latinh" in caught.value.errors["name"]
    with pytest.raises(IntakeError) as caught:
        save_intake(db, site, IntakeRequest(name="Công ty Аlpha", applicant_kind="organisation",
                                            id_number="0101234567", procedure_code="DP.LLTP.01"), now=NOW, actor=Actor.named("lan"))
    assert "U+0410" in caught.value.errors["name"]
    # A name wholly in one script is a name: a foreign applicant's, in Cyrillic or Greek.
    for name in ("Иван Петров", "Νίκος Παπαδόπουλος", "Nguyễn Thị Ánh Tuyết", "Đặng Ngọc Ẩn"):
        save_intake(db, site, IntakeRequest(name=name, **base), now=NOW, actor=Actor.named("lan"))


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_stacked_combining_marks_are_refused_and_nfd_names_are_stored_nfc(site_db):
    """Probe 1a: «A» followed by 150 U+0301 was accepted as a name."""
    db, site = site_db
    base = dict(procedure_code="DP.LLTP.01", id_number="001090000001")
    for name in ("A" + "\u0301" * 150, "Nguye\u0301\u0301\u0301\u0301n Văn An", "An" + "\u0300\u0301\u0302\u0303"):
        with pytest.raises(IntakeError) as caught:
            save_intake(db, site, IntakeRequest(name=name, **base), now=NOW, actor=Actor.named("lan"))
        assert "quá nhiều dấu" in caught.value.errors["name"]
    with pytest.raises(IntakeError) as caught:
        save_intake(db, site, IntakeRequest(name="Lan", address="Thôn A" + "\u0301" * 40, **base), now=NOW, actor=Actor.named("lan"))
    assert "quá nhiều dấu" in caught.value.errors["address"]
    typed_nfd = unicodedata.normalize("NFD", "Phạm Thị Hường")
    saved = save_intake(db, site, IntakeRequest(name=typed_nfd, address=unicodedata.normalize("NFD", "Đông Hưng"),
                                                **base), now=NOW, actor=Actor.named("lan"))
    with db.read() as s:
        applicant = s.get(Dossier, saved.dossier_id).applicant
        assert applicant.name == unicodedata.normalize("NFC", "Phạm Thị Hường")
        assert applicant.address == unicodedata.normalize("NFC", "Đông Hưng")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_tricky_text_is_refused_through_the_command_line(database_url):
    url = database_url
    name = INTAKE.index("--name") + 1
    with_name = lambda n: INTAKE[:name] + (n,) + INTAKE[name + 1:]  # noqa: E731
    refused(cli(url, *with_name("Nguy\u0435n Văn An")), "U+0435", "Chưa lưu gì")
    refused(cli(url, *with_name("A" + "\u0301" * 150)), "quá nhiều dấu")
    refused(cli(url, *INTAKE, "--address", "Số 1\u202e đường 2"), "Địa chỉ", "U+202E")
    refused(cli(url, *INTAKE, "--note", "ghi\u2066chú"), "Ghi chú", "U+2066")
    code, out, err = cli(url, *INTAKE)
    assert code == 0, err
    refused(cli(url, "dossier", out.strip(), "transfer", "--to", "Phòng\u202e Tư pháp"), "U+202E")
    assert dossiers(url) == 1


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_demo_data_is_refused_on_a_database_with_dossiers_and_bounded(database_url, site_db):
    """Probe 1b: `demo-data --dossiers 3` added fake dossiers, departments and code counters to a
    real database's figures; `--dossiers 1000000000` ran until killed."""
    db, site = site_db
    save_intake(db, site, IntakeRequest("DP.LLTP.01", "Nguyễn Văn An", "001090000001"), now=NOW, actor=Actor.named("lan"))
    with db.read() as s:
        before = {t.name: s.scalar(select(func.count()).select_from(t)) for t in Dossier.metadata.sorted_tables}
    with pytest.raises(DemoRefused, match="đã có 1 hồ sơ"):
        generate(db, site, dossiers=3, seed=1, now=NOW)
    refused(cli(database_url, "demo-data", "--dossiers", "3"), "đã có 1 hồ sơ", "Chưa tạo gì")
    with db.read() as s:
        after = {t.name: s.scalar(select(func.count()).select_from(t)) for t in Dossier.metadata.sorted_tables}
    assert after == before  # no dossier, department or code counter added
    for count in ("100001", "1000000000"):
        refused(cli(database_url, "demo-data", "--dossiers", count), "tối đa 100000")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_services_refuse_odd_codes_documents_and_supplement_lists_with_a_message(site_db):
    """Probe 1c: NUL in the procedure code (psycopg DataError), an unknown required_document_id
    (IntegrityError), a 100k-character or NUL document name (DataError on PostgreSQL), a bogus form,
    NUL or 1 MB in the papers missing (DataError on PostgreSQL, accepted on SQLite)."""
    db, site = site_db
    base = dict(procedure_code="DP.LLTP.01", name="Nguyễn Văn An", id_number="001090000001")
    with pytest.raises(IntakeError) as caught:
        save_intake(db, site, IntakeRequest(**{**base, "procedure_code": "DP.LLTP\x00.01"}), now=NOW, actor=Actor.named("lan"))
    assert "thủ tục" in caught.value.errors["procedure"]
    with db.read() as s:
        procedure = find_procedure(s, "DP.LLTP.01")
        paper = procedure.documents[0]
    good = DocumentReceived(paper.id, paper.name, paper.form, 1)
    for bad, words in ((replace(good, required_document_id=999_999), "không thuộc thủ tục"),
                       (replace(good, name="x" * 100_000), "không được dài quá 500"),
                       (replace(good, name="Giấy\x00 tờ"), "ký tự điều khiển"),
                       (replace(good, name="Giấy \u202etờ"), "U+202E"),
                       (replace(good, name="  "), "tên giấy tờ"),
                       (replace(good, form="bogus"), "«bogus»"),
                       (replace(good, quantity="2"), "từ 1 đến 99"),
                       (replace(good, quantity=True), "từ 1 đến 99")):
        with pytest.raises(IntakeError) as caught:
            save_intake(db, site, IntakeRequest(**base, documents=[bad]), now=NOW, actor=Actor.named("lan"))
        assert words in caught.value.errors["documents"], caught.value.errors
    extra = DocumentReceived(None, unicodedata.normalize("NFD", "Giấy xác nhận cư trú"), "copy", 1)
    saved = save_intake(db, site, IntakeRequest(**base, documents=[good, extra]), now=NOW, actor=Actor.named("lan"))
    with db.read() as s:
        names = [d.name for d in s.get(Dossier, saved.dossier_id).documents]
    assert names == [paper.name, "Giấy xác nhận cư trú"]  # stored NFC
    for missing, words in ((("Bản sao\x00 CCCD",), "ký tự điều khiển"), (("x" * 1_000_000,), "500"),
                           (("Bản sao \udcff",), "bảng mã"), (tuple(f"Giấy {i}" for i in range(51)), "tối đa 50")):
        with pytest.raises(TransitionError, match=words):
            apply(db, site, saved.code, TransitionRequest("request_supplement", missing=missing,
                                                          reason="Thiếu"), actor=Actor.named("lan"), now=NOW)
    for code in ("X\x00Y", "\udcff", ""):
        with pytest.raises(TransitionError, match="Không tìm thấy hồ sơ"):
            apply(db, site, code, TransitionRequest("finish"), actor=Actor.named("lan"), now=NOW)
        with db.read() as s, pytest.raises(DossierNotFound):
            load_dossier(s, code)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Dossier)) == 1
        assert s.get(Dossier, saved.dossier_id).status == "received"


def test_the_agency_settings_refuse_direction_overrides_and_undecodable_text():
    """Issue 12: the agency's name and address print on every receipt and ledger."""
    settings = SiteSettings()
    assert validate_site(AgencyInfo(), settings) == {}
    for key in ("name", "parent_name", "place_name", "address", "result_place"):
        for bad in ("\u202e", "\u2067", "\udcff", "\x07"):
            agency = replace(AgencyInfo(), **{key: f"Phường {bad}Ba Đình"})
            assert "Chưa lưu gì" in validate_site(agency, settings).get(key, "") or \
                "điều khiển" in validate_site(agency, settings).get(key, ""), (key, bad)
