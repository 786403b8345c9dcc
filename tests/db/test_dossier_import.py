"""Importing a counter's ledger (`onestop import dossiers`), into real databases (SQLite and PostgreSQL).

Deadlines worked out by hand: office hours Mon–Fri 08:00–12:00 and 13:00–17:00, Asia/Ho_Chi_Minh;
Tuesday 24/11/2026 is a public holiday. 1.004873: 1 working day committed, 3 statutory;
DP.LLTP.01: 7 committed, 10 statutory.
"""
from __future__ import annotations

import csv
import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import create_engine, func, select, text

from onestop.cli import main
from onestop.db.models import Appointment, CodeCounter, Dossier, DossierEvent, DossierPause, Procedure
from onestop.dossiers.export import COLUMNS, dossier_rows, write_csv, write_xlsx
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.installation import dossier_import
from onestop.installation.bootstrap import open_database
from onestop.installation.dossier_import import DossierImportError, import_dossiers
from onestop.people.accounts import Actor
from tests.conftest import ENGINES, PG_URL

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def t(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    """A Hà Nội wall-clock instant."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


NOW = t(15, 1, 9, year=2027)  # "now" for every save, action and import: after every instant below
SUPPLEMENT = {"missing": ("Bản sao CCCD có chứng thực",), "reason": "Bản sao mờ"}
AGENCY = "000.00.12.H26"  # the default agency of a first start

# (procedure, channel, received, steps): every state, every channel, pauses, apologies, a restart.
CASES = {
    "received": ("1.004873", "direct", t(2, 11, 9), ()),
    "in_progress": ("DP.LLTP.01", "post", t(3, 11, 10), (("transfer", t(3, 11, 11), {"to": "Phòng Tư pháp"}),)),
    "awaiting_supplement": ("DP.LLTP.01", "online", t(4, 11, 9),
                            (("request_supplement", t(5, 11, 9), SUPPLEMENT),)),
    "awaiting_payment": ("DP.DD.05", "direct", t(5, 11, 9), (("await_payment", t(6, 11, 9), {}),)),
    "result_ready": ("1.004873", "direct", t(9, 11, 9), (("finish", t(9, 11, 15), {}),)),
    "returned": ("1.004873", "online", t(10, 11, 9), (("finish", t(10, 11, 16), {}), ("return", t(11, 11, 9), {}))),
    "refused_after_review": ("DP.DD.02", "direct", t(11, 11, 9),
                             (("transfer", t(11, 11, 10), {"to": "Phòng Tài nguyên và Môi trường"}),
                              ("refuse_after_review", t(13, 11, 10),
                               {"reason": "Thửa đất đang tranh chấp", "legal_basis": "Điều 45"}))),
    "stopped": ("1.004884", "direct", t(12, 11, 9), (("stop", t(13, 11, 10), {"reason": "Xin dừng"}),)),
    # NĐ 61/2018 only: dossiers received before 01/07/2025 (Monday 23/06/2025 and after).
    "refused": ("DP.DD.02", "direct", t(23, 6, 9, year=2025),
                (("transfer", t(23, 6, 10, year=2025), {"to": "Phòng Tài nguyên và Môi trường"}),
                 ("refuse", t(25, 6, 10, year=2025),
                  {"reason": "Thửa đất đang tranh chấp", "legal_basis": "Điều 45"}))),
    "withdrawn": ("1.004884", "direct", t(24, 6, 9, year=2025),
                  (("withdraw", t(25, 6, 10, year=2025), {"reason": "Xin rút"}),)),
    "withdrawn_after_result": ("1.004873", "post", t(26, 6, 9, year=2025),
                               (("finish", t(26, 6, 10, year=2025), {}), ("withdraw", t(27, 6, 9, year=2025), {}))),
    # Due 27/11 09:00; apologised with a new date, finished before it: result ready, still late.
    "apologised_finished": ("DP.LLTP.01", "direct", t(17, 11, 9),
                            (("apologise", t(30, 11, 9), {"reason": "Chờ xác minh", "new_due_at": t(4, 12, 17)}),
                             ("finish", t(3, 12, 10), {}))),
    # Papers brought on 23/11 restart the clock: due_at is no longer the receipt's.
    "restarted": ("DP.LLTP.01", "online", t(18, 11, 9),
                  (("request_supplement", t(19, 11, 9), SUPPLEMENT), ("supplement_received", t(23, 11, 9), {}))),
    "apologised_open": ("DP.XD.04", "direct", t(2, 11, 9),
                        (("apologise", t(6, 11, 9), {"reason": "Chờ ý kiến", "new_due_at": t(20, 11, 17)}),)),
    "same_day_after_hours": ("1.001193", "online", t(30, 11, 18), ()),
}


def build(db, site) -> dict[str, str]:
    codes = {}
    for label, (procedure, channel, received, steps) in CASES.items():
        req = IntakeRequest(procedure_code=procedure, name="Nguyễn Văn An", id_number="001190012345",
                            channel=channel, received_at=received)
        code = save_intake(db, site, req, now=NOW, actor=Actor.named("cb.tiepnhan")).code
        for action, at, kw in steps:
            apply(db, site, code, TransitionRequest(action=action, at=at, **kw), actor=Actor.named("cb.xuly"), now=NOW)
        codes[label] = code
    return codes


@pytest.fixture
def empty_site(database_url, tmp_path):
    """A second fresh database on the same engine as `database_url`, migrated and seeded."""
    if database_url.startswith("sqlite"):
        db, site = open_database(f"sqlite:///{tmp_path / 'target.db'}")
        yield db, site
        db.dispose()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    db, site = open_database(f"{PG_URL}{sep}options=-csearch_path%3D{schema}")
    try:
        yield db, site
    finally:
        db.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def read_back(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.reader(fh))
    sheet = load_workbook(path, read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def write_sheet(path: Path, rows: list[list[object]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(rows)
        return path
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def export(db, site, path: Path) -> int:
    writer = write_xlsx if path.suffix == ".xlsx" else write_csv
    with db.read() as session:
        return writer(dossier_rows(session, site.calendar), path)


def counts(db) -> tuple[int, int, int, int, list]:
    with db.read() as s:
        return (s.scalar(select(func.count(Dossier.id))), s.scalar(select(func.count(DossierEvent.id))),
                s.scalar(select(func.count(Appointment.id))), s.scalar(select(func.count(DossierPause.id))),
                sorted(s.execute(select(CodeCounter.day, CodeCounter.last_number)).all()))


# ------------------------------------------------------------------ round trip


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip(site_db, empty_site, tmp_path, monkeypatch, suffix):
    source_db, source_site = site_db
    codes = build(source_db, source_site)
    first = tmp_path / f"truoc{suffix}"
    assert export(source_db, source_site, first) == len(CASES)

    target_db, target_site = empty_site
    monkeypatch.setattr(dossier_import, "BATCH", 4)  # several batches: ids must stay with their rows
    result = import_dossiers(target_db, target_site, first, now=NOW, actor=Actor.named("cb.nhap"))
    assert result.dossiers == len(CASES)

    second = tmp_path / f"sau{suffix}"
    assert export(target_db, target_site, second) == len(CASES)
    before, after = read_back(first), read_back(second)
    assert before[0] == list(COLUMNS)
    assert after == before
    # The fixture is varied enough for the equality to mean something.
    rows = [dict(zip(before[0], r)) for r in before[1:]]
    assert {r["status"] for r in rows} == {"received", "in_progress", "awaiting_supplement", "awaiting_payment",
                                          "result_ready", "returned", "refused", "withdrawn",
                                          "refused_after_review", "stopped"}
    assert {r["rule_set"] for r in rows} == {"2018", "2025"}
    assert {r["channel"] for r in rows} == {"direct", "post", "online"}
    assert sum(1 for r in rows if r["apology_due_at"]) == 2

    with source_db.read() as s:
        source = {d.code: d for d in s.scalars(select(Dossier))}
    with target_db.read() as s:
        imported = {d.code: d for d in s.scalars(select(Dossier))}
        events = list(s.scalars(select(DossierEvent)))
        appointments = list(s.scalars(select(Appointment)))
        pauses = list(s.scalars(select(DossierPause)))
        by_id = {d.id: d for d in imported.values()}
    assert set(imported) == set(codes.values())
    for label, code in codes.items():
        old, new = source[code], imported[code]
        # Closed exactly when the source closed, but for a withdrawal or a stop with no result (no date in
        # the file).
        want_closed = new.received_at if label in ("withdrawn", "stopped") else old.closed_at
        assert new.closed_at == want_closed, label
        assert (new.department_id, new.received_by, new.version) == (None, "cb.nhap", 1)
    # One "import" event per dossier, at the last instant the file knows, user and file named.
    assert len(events) == len(CASES)
    for e in events:
        d = by_id[e.dossier_id]
        assert (e.action, e.from_status, e.to_status, e.user) == ("import", None, d.status, "cb.nhap")
        assert e.at == max(x for x in (d.received_at, d.finished_at, d.returned_at) if x is not None)
        assert f"Nhập từ sổ theo dõi {first.name} lúc 09:00 15/01/2027" in e.note
    kinds = sorted((by_id[a.dossier_id].code, a.kind, a.due_at) for a in appointments)
    want = sorted([(c, "receipt", imported[c].due_at) for c in codes.values()]
                  + [(codes[k], "apology", imported[codes[k]].apology_due_at)
                     for k in ("apologised_finished", "apologised_open")])
    assert kinds == want
    assert sorted((by_id[p.dossier_id].status, p.kind, p.ended_at) for p in pauses) == [
        ("awaiting_payment", "payment", None), ("awaiting_supplement", "supplement", None)]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_imported_files_go_on_through_the_lifecycle(site_db, empty_site, tmp_path):
    source_db, source_site = site_db
    codes = build(source_db, source_site)
    path = tmp_path / "so.xlsx"
    export(source_db, source_site, path)
    db, site = empty_site
    import_dossiers(db, site, path, now=NOW, actor=Actor.named("cb.nhap"))

    later = t(20, 1, 9, year=2027)
    # Papers for a file imported while waiting for them: the restart rule gives a new appointment.
    result = apply(db, site, codes["awaiting_supplement"],
                   TransitionRequest(action="supplement_received", at=t(18, 1, 9, year=2027)),
                   actor=Actor.named("cb"), now=later)
    assert result.status == "in_progress"
    assert result.due_at == t(27, 1, 9, year=2027)  # 7 working days: 19,20,21,22,25,26,27/1
    apply(db, site, codes["awaiting_payment"], TransitionRequest(action="paid"), actor=Actor.named("cb"), now=later)
    # A result that was ready before the import day can still be recorded.
    apply(db, site, codes["in_progress"], TransitionRequest(action="finish", at=t(10, 12, 9)), actor=Actor.named("cb"), now=later)
    apply(db, site, codes["result_ready"], TransitionRequest(action="return"), actor=Actor.named("cb"), now=later)
    with db.read() as s:
        statuses = dict(s.execute(select(Dossier.code, Dossier.status)).all())
    assert statuses[codes["awaiting_payment"]] == "in_progress"
    assert statuses[codes["in_progress"]] == "result_ready"
    assert statuses[codes["result_ready"]] == "returned"


# ------------------------------------------------------------------ Vietnamese sheets

VIETNAMESE_HEADER = ["STT", "MÃ HỒ SƠ", "Thời gian tiếp nhận", "Mã thủ tục", "Tên thủ tục", "Tên tổ chức, cá nhân",
                     "Kênh", "Trang thai", "Ngày hẹn trả", "Ngày có kết quả", "Ngày trả kết quả", "Ghi chú"]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_vietnamese_headers_values_and_dates(site_db, tmp_path):
    db, site = site_db
    rows = [
        VIETNAMESE_HEADER,
        # A real Excel date-time (local time); no appointment: computed from the procedure.
        [1, "HS-CU-0001", datetime(2026, 11, 23, 9, 15), "1.004873", "", "Nguyễn Thị Hoa", "Trực tiếp",
         "Mới tiếp nhận", None, None, None, "khách quen"],
        [2, "HS-CU-0002", "20/11/2026 14:30", "DP.LLTP.01", "", "Công ty TNHH Ánh Dương", "Bưu chính",
         "đang xử lý", "", "", "", ""],
        # ISO text with offset; a result date without time is the day's closing.
        [3, "HS-CU-0003", "2026-11-16T10:00:00+07:00", "1.004873", "", "Lê Văn Bình", "trực tuyến",
         "Đã trả kết quả", "", "17/11/2026", datetime(2026, 11, 18, 9, 0), ""],
        [None, None, None, None, None, None, None, None, None, None, None, None],  # a blank line is skipped
        # An Excel date cell (midnight): the day's opening for a receipt.
        [4, "HS-CU-0004", datetime(2026, 11, 19), "1.004873", "", "Trần Văn Cường", "Trực tiếp", "Chờ bổ sung",
         "26/11/2026 08:00", "", "", ""],
    ]
    path = write_sheet(tmp_path / "so-theo-doi.xlsx", rows)

    assert import_dossiers(db, site, path, now=NOW, actor=Actor.named("cb.nhap")).dossiers == 4

    with db.read() as s:
        got = {d.code: d for d in s.scalars(select(Dossier))}
        names = {d.code: d.applicant.name for d in got.values()}
        kinds = {d.applicant.kind for d in got.values()}
    one, two, three, four = (got[f"HS-CU-000{i}"] for i in range(1, 5))
    assert (one.received_at, one.channel, one.status) == (t(23, 11, 9, 15), "direct", "received")
    assert (one.due_at, one.statutory_due_at) == (t(25, 11, 9, 15), t(27, 11, 9, 15))  # 24/11 is a holiday
    assert (two.received_at, two.channel, two.status) == (t(20, 11, 14, 30), "post", "in_progress")
    assert (two.due_at, two.statutory_due_at) == (t(2, 12, 14, 30), t(7, 12, 14, 30))
    assert (three.channel, three.status, three.finished_at, three.returned_at, three.closed_at) == (
        "online", "returned", t(17, 11, 17), t(18, 11, 9), t(17, 11, 17))
    assert (four.received_at, four.status, four.due_at, four.closed_at) == (
        t(19, 11, 8), "awaiting_supplement", t(26, 11, 8), None)
    assert names["HS-CU-0002"] == "Công ty TNHH Ánh Dương" and kinds == {"person"}


def test_header_and_values_are_folded():
    from onestop.installation.dossier_import import CHANNEL_VALUES, STATUS_VALUES, _header_key

    assert _header_key("  NGÀY   hẹn trả ") == "due_at"
    assert _header_key("Ngay tra ket qua") == "returned_at"
    assert _header_key("Hẹn trả mới (xin lỗi)") == "apology_due_at"
    assert _header_key("received_at") == "received_at"
    assert _header_key("Địa chỉ") == ""
    assert STATUS_VALUES["tu choi"] == "refused" and STATUS_VALUES["rut ho so"] == "withdrawn"
    assert CHANNEL_VALUES["buu chinh cong ich"] == "post"


# ------------------------------------------------------------------ bad rows

GOOD = ["HS-0001", "2026-11-02T09:00:00+07:00", "1.004873", "", "Nguyễn Văn An", "direct", "received",
        "", "", "", "", ""]


def row(**changes: str) -> list[str]:
    values = {**dict.fromkeys(COLUMNS, ""), **dict(zip(COLUMNS, GOOD))}  # the later columns left blank
    values.update(changes)
    return [values[c] for c in COLUMNS]


BAD_ROWS = [  # sheet rows 2..17
    row(),
    row(code="HS-0002", procedure_code="9.999999"),
    row(code="HS-0003", received_at="2027-01-16T09:00:00+07:00"),
    row(code="HS-0004", received_at="31/02/2026 09:00"),
    row(),  # the code of row 2 again
    row(code="HS-0006", channel="fax", procedure_code="9.999998"),  # both reported at once
    row(code="HS-0007", status="xong"),
    row(code="HS-0008", status="result_ready", finished_at="01/11/2026 09:00"),
    row(code="HS-0009", status="returned", finished_at="03/11/2026 09:00", returned_at="02/11/2026 15:00"),
    row(code="HS-0010", applicant_name="  "),
    row(code="HS-0011", applicant_name="A" * 301),
    row(code="HS-0012", status="returned", finished_at="03/11/2026 09:00"),
    row(code="HS-0013", status="in_progress", finished_at="03/11/2026 09:00"),
    [""] * len(COLUMNS),
    row(code="HS-0015"),
    row(code="HS 0016"),
]
EXPECTED = [
    (3, "mã thủ tục «9.999999» không có trong danh mục"),
    (4, "ngày tiếp nhận không được ở tương lai"),
    (5, "ngày tiếp nhận «31/02/2026 09:00» không hợp lệ"),
    (6, "mã hồ sơ «HS-0001» trùng với dòng 2"),
    (7, "hình thức nộp «fax» không hợp lệ"),
    (7, "mã thủ tục «9.999998» không có trong danh mục"),
    (8, "trạng thái «xong» không hợp lệ"),
    (9, "ngày có kết quả trước ngày tiếp nhận"),
    (10, "ngày trả kết quả trước ngày có kết quả"),
    (11, "tên người nộp trống"),
    (12, "tên người nộp dài quá 300 ký tự"),
    (13, "thiếu ngày trả kết quả"),
    (14, "chưa có kết quả nhưng có ngày có kết quả"),
    (17, "mã hồ sơ «HS 0016» không hợp lệ"),
]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_bad_rows_are_reported_and_nothing_is_imported(site_db, tmp_path, suffix):
    db, site = site_db
    save_intake(db, site, IntakeRequest(procedure_code="1.004873", name="Phạm Thị Lan", id_number="001190012345",
                                        received_at=t(23, 11, 9)), now=NOW, actor=Actor.named("cb"))
    before = counts(db)
    path = write_sheet(tmp_path / f"loi{suffix}", [list(COLUMNS), *BAD_ROWS])

    with pytest.raises(DossierImportError) as caught:
        import_dossiers(db, site, path, now=NOW, actor=Actor.named("cb.nhap"))

    problems = caught.value.problems
    assert [r for r, _ in problems] == [r for r, _ in EXPECTED], problems
    for (_, message), (_, fragment) in zip(problems, EXPECTED):
        assert fragment in message
    assert "Dòng 3: mã thủ tục «9.999999» không có trong danh mục" in str(caught.value)
    assert counts(db) == before  # rows 2 and 16 were good and were not imported either


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_code_already_in_the_database(site_db, tmp_path):
    db, site = site_db
    saved = save_intake(db, site, IntakeRequest(procedure_code="1.004873", name="Phạm Thị Lan",
                                                id_number="001190012345", received_at=t(23, 11, 9)),
                        now=NOW, actor=Actor.named("cb"))
    before = counts(db)
    path = write_sheet(tmp_path / "trung.xlsx", [list(COLUMNS), row(code="HS-NEW-1"), row(code=saved.code)])
    with pytest.raises(DossierImportError) as caught:
        import_dossiers(db, site, path, now=NOW, actor=Actor.named("cb.nhap"))
    assert caught.value.problems == [(3, f"mã hồ sơ «{saved.code}» đã có trong cơ sở dữ liệu")]
    assert counts(db) == before


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_missing_columns_and_unreadable_files(site_db, tmp_path):
    db, site = site_db
    path = write_sheet(tmp_path / "thieu.csv", [["Mã hồ sơ", "Ngày tiếp nhận", "Người nộp"],
                                                ["HS-1", "02/11/2026", "Nguyễn Văn An"]])
    with pytest.raises(DossierImportError) as caught:
        import_dossiers(db, site, path, now=NOW, actor=Actor.named("cb"))
    assert caught.value.problems == [(1, "thiếu cột: Mã thủ tục (procedure_code), Trạng thái (status)")]

    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a spreadsheet")
    with pytest.raises(DossierImportError, match="không đọc được tệp Excel"):
        import_dossiers(db, site, broken, now=NOW, actor=Actor.named("cb"))
    with pytest.raises(DossierImportError, match="chỉ nhận tệp"):
        import_dossiers(db, site, tmp_path / "so.txt", now=NOW, actor=Actor.named("cb"))
    assert counts(db)[0] == 0


# ------------------------------------------------------------------ code counter


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_code_counter_moves_past_imported_codes(site_db, tmp_path):
    db, site = site_db

    def intake(received: datetime) -> str:
        return save_intake(db, site, IntakeRequest(procedure_code="1.004873", name="Phạm Thị Lan",
                                                   id_number="001190012345", received_at=received),
                           now=NOW, actor=Actor.named("cb")).code

    assert [intake(t(20, 11, 9 + i)) for i in range(3)][-1] == f"{AGENCY}-261120-0003"
    path = write_sheet(tmp_path / "so.xlsx", [
        list(COLUMNS),
        row(code=f"{AGENCY}-261123-0007", received_at="23/11/2026 08:30"),
        row(code=f"{AGENCY}-261123-0002", received_at="23/11/2026 08:10"),
        row(code=f"{AGENCY}-261120-0005", received_at="20/11/2026 08:10"),  # ahead of the intakes' 3
        row(code="000.00.99.X01-261123-0042", received_at="23/11/2026 08:40"),  # another agency's code
        row(code="SO-CU-261123-0099", received_at="23/11/2026 08:50"),
    ])
    assert import_dossiers(db, site, path, now=NOW, actor=Actor.named("cb.nhap")).dossiers == 5
    # A later file with a lower number for the same day leaves the counter where it is.
    later = write_sheet(tmp_path / "so-2.xlsx", [list(COLUMNS),
                                                 row(code=f"{AGENCY}-261123-0005", received_at="23/11/2026 08:20")])
    assert import_dossiers(db, site, later, now=NOW, actor=Actor.named("cb.nhap")).dossiers == 1

    assert intake(t(23, 11, 10)) == f"{AGENCY}-261123-0008"
    assert intake(t(20, 11, 15)) == f"{AGENCY}-261120-0006"
    assert intake(t(25, 11, 9)) == f"{AGENCY}-261125-0001"


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_imported_codes_of_a_deciding_agency_keep_its_series_ahead(site_db, tmp_path):
    """A ledger's codes are kept as they are; the series of every identifier in them moves past them
    (NĐ 118/2025 Điều 28 k2a: a procedure's codes start with its deciding agency's identifier), the
    TT 04/2025 form …-AAXXXX read without its AA, and a number past 9999 counted whole."""
    db, site = site_db
    site = site.with_settings(replace(site.settings, centralised_code_digits="02"))
    with db.write() as session:
        session.scalar(select(Procedure).where(Procedure.code == "1.004873")).deciding_agency_code = "H55.242"
        session.scalar(select(Procedure).where(Procedure.code == "1.004884")).deciding_agency_code = "000.17.22.H56"
    path = write_sheet(tmp_path / "so.xlsx", [
        list(COLUMNS),
        row(code="H55.242-261123-020007", received_at="23/11/2026 08:30"),
        row(code="000.17.22.H56-261123-10002", procedure_code="1.004884", received_at="23/11/2026 08:40"),
    ])
    assert import_dossiers(db, site, path, now=NOW, actor=Actor.named("cb.nhap")).dossiers == 2
    with db.read() as session:
        assert set(session.scalars(select(Dossier.code))) == {"H55.242-261123-020007", "000.17.22.H56-261123-10002"}

    def intake(procedure: str) -> str:
        return save_intake(db, site, IntakeRequest(procedure_code=procedure, name="Phạm Thị Lan",
                                                   id_number="001190012345", received_at=t(23, 11, 10)),
                           now=NOW, actor=Actor.named("cb")).code

    assert intake("1.004873") == "H55.242-261123-020008"
    assert intake("1.004884") == "000.17.22.H56-261123-0210003"


# ------------------------------------------------------------------ command line

# Fixed dates well before the wall clock the command reads.
CLI_GOOD = [list(COLUMNS),
            row(code="HS-CLI-1", received_at="05/10/2026 09:00"),
            row(code="HS-CLI-2", received_at="06/10/2026 09:00", status="Có kết quả",
                finished_at="07/10/2026 10:00")]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_cli_import_dossiers(database_url, tmp_path, capsys):
    bad = write_sheet(tmp_path / "loi.xlsx", [*CLI_GOOD, row(code="HS-CLI-3", procedure_code="9.999999",
                                                             received_at="06/10/2026 10:00")])
    assert main(["--database", database_url, "import", "dossiers", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert "chưa nhập hồ sơ nào" in lines[0]
    assert lines[1:] == ["  Dòng 4: mã thủ tục «9.999999» không có trong danh mục"]

    good = write_sheet(tmp_path / "so.xlsx", CLI_GOOD)
    assert main(["--database", database_url, "import", "dossiers", str(good)]) == 0
    out, err = capsys.readouterr()
    assert out == f"Đã nhập 2 hồ sơ từ {good}.\n" and err == ""

    exported = tmp_path / "ra.csv"
    assert main(["--database", database_url, "export", "dossiers", "-o", str(exported)]) == 0
    capsys.readouterr()
    got = read_back(exported)
    assert [(r[0], r[6]) for r in got[1:]] == [("HS-CLI-1", "received"), ("HS-CLI-2", "result_ready")]

    # Again: every code is now in the database, and nothing is imported twice.
    assert main(["--database", database_url, "import", "dossiers", str(good)]) == 1
    _out, err = capsys.readouterr()
    assert "Dòng 2: mã hồ sơ «HS-CLI-1» đã có trong cơ sở dữ liệu" in err

    assert main(["--database", database_url, "import", "dossiers", str(tmp_path / "khong-co.xlsx")]) == 1
    assert "không tìm thấy tệp" in capsys.readouterr().err
