"""Cut-time targets (issue 4, part 3) on a hand-built November 2026, on SQLite and PostgreSQL.

Every expected figure below is worked out by hand from DESIGN.md (the clock) and the docstring of
onestop/targets.py (working time used, percentiles as Excel's PERCENTILE.INC, half-up rounding),
not from the implementation. Office hours Mon–Fri 08:00–12:00 and 13:00–17:00, Asia/Ho_Chi_Minh;
Monday 2/11/2026; Tuesday 24/11 is a public holiday. One working day = 8 hours of office time.

Procedures used (statutory → committed, cut, rule), from the shipped catalogue:
  DP.CT.01 Chứng thực 2d → 1d (50%) · DP.LLTP.01 Lý lịch tư pháp 10d → 7d (30%) restart ·
  DP.XD.04 Xây dựng 5d → 3d (40%) restart · DP.DD.05 Đất đai 15d → 10d (33,3%) resume ·
  1.001193 Hộ tịch same day → same day (0%).
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from onestop.cli import main
from onestop.db.models import Dossier
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.figures.targets import cut_time_targets, percentile, promise_not_kept
from onestop.figures.targets_pdf import render_targets_pdf
from onestop.figures.targets_xlsx import write_targets_xlsx
from onestop.office.catalogue import shipped_catalogue
from onestop.people.accounts import Actor
from tests.conftest import ENGINES
from tests.pdf_text import pdf_pages

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
START, END = date(2026, 11, 1), date(2026, 11, 30)


def t(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    """A Hà Nội wall-clock instant in 2026."""
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


NOW = datetime(2027, 1, 15, 9, tzinfo=TZ)  # "now" for every save and action: after every instant below
SUPPLEMENT = {"missing": ("Bản sao CCCD có chứng thực",), "reason": "Bản sao mờ"}


@dataclass(frozen=True)
class Case:
    label: str
    procedure: str
    received: datetime
    steps: tuple[tuple[str, datetime, dict], ...]
    due: datetime  # due_at when the steps are done, by hand
    statutory_due: datetime


CASES = (
    # ------------------------------------------------ DP.XD.04 (5d → 3d, restart): the cut is kept
    # Finished after 2 days: used 2,0, a day early.
    Case("A1", "DP.XD.04", t(2, 11, 9), (("finish", t(4, 11, 9), {}),),
         due=t(5, 11, 9), statutory_due=t(9, 11, 9)),  # 3,4,5/11; 3,4,5,6,9/11
    # Finished at the very minute of its appointment: within; used 3,0.
    Case("A2", "DP.XD.04", t(2, 11, 14), (("finish", t(5, 11, 14), {}),),
         due=t(5, 11, 14), statutory_due=t(9, 11, 14)),
    # Supplement asked after a day, papers on 12/11 restart both clocks (13,16,17 / 13,16,17,18,19);
    # finished 16/11 09:00: used 2,0 counted from the restart (a day left of three).
    Case("A3", "DP.XD.04", t(9, 11, 9),
         (("request_supplement", t(10, 11, 9), SUPPLEMENT), ("supplement_received", t(12, 11, 9), {}),
          ("finish", t(16, 11, 9), {})),
         due=t(17, 11, 9), statutory_due=t(19, 11, 9)),
    # Finished after 8 + 2 hours: used 1,25 days (1,3 when rounded alone).
    Case("A4", "DP.XD.04", t(16, 11, 9), (("finish", t(17, 11, 11), {}),),
         due=t(19, 11, 9), statutory_due=t(23, 11, 9)),
    # Refused after review: no result, counts nowhere.
    Case("A5", "DP.XD.04", t(3, 11, 9),
         (("refuse_after_review", t(5, 11, 10),
           {"reason": "Không đủ điều kiện", "legal_basis": "Điều 99 Luật Xây dựng"}),),
         due=t(6, 11, 9), statutory_due=t(10, 11, 9)),
    # Result ready on 29/10 and on 1/12: outside the period.
    Case("A6", "DP.XD.04", t(26, 10, 9), (("finish", t(29, 10, 9), {}),),
         due=t(29, 10, 9), statutory_due=t(2, 11, 9)),  # 27,28,29/10; 27..30/10, 2/11
    Case("A7", "DP.XD.04", t(27, 11, 9), (("finish", t(1, 12, 9), {}),),
         due=t(2, 12, 9), statutory_due=t(4, 12, 9)),  # 30/11, 1,2/12; 30/11, 1..4/12
    # ------------------------------------ DP.LLTP.01 (10d → 7d, restart): late dossiers, not kept
    # Two days late (used 9,0), within the statutory time.
    Case("B1", "DP.LLTP.01", t(2, 11, 9), (("finish", t(13, 11, 9), {}),),
         due=t(11, 11, 9), statutory_due=t(16, 11, 9)),  # 3,4,5,6,9,10,11; …,12,13,16/11
    # A day early: used 6,0.
    Case("B2", "DP.LLTP.01", t(3, 11, 9), (("finish", t(11, 11, 9), {}),),
         due=t(12, 11, 9), statutory_due=t(17, 11, 9)),
    # Five days late (16..20/11): used 12,0; past the statutory time too.
    Case("B3", "DP.LLTP.01", t(4, 11, 9), (("finish", t(20, 11, 9), {}),),
         due=t(13, 11, 9), statutory_due=t(18, 11, 9)),
    # Still open: counts nowhere.
    Case("B4", "DP.LLTP.01", t(25, 11, 9), (),
         due=t(4, 12, 9), statutory_due=t(9, 12, 9)),  # 26,27,30/11, 1,2,3,4/12; …,7,8,9/12
    # ------------------------------------------------ DP.CT.01 (2d → 1d): one dossier, late
    # Online at 06:00 on Sunday 1/11: the clock starts Monday 08:00, due Monday 17:00; finished
    # Tuesday 10:00 — late; used 8 + 2 hours = 1,25 days (1,3).
    Case("C1", "DP.CT.01", t(1, 11, 6), (("finish", t(3, 11, 10), {}),),
         due=t(2, 11, 17), statutory_due=t(3, 11, 17)),
    # ------------------------------------------------ DP.DD.05 (15d → 10d, resume)
    # Waiting for fees after 2 days on 4/11 (8 and 13 days left), paid 9/11, the clock resumed: due
    # 19/11 and 27/11. (Papers asked would restart it: NĐ 118/2025 Điều 19 k5, whatever the
    # procedure's "resume", which holds for NĐ 61/2018 dossiers only.)
    # Finished 18/11 09:00, a day before: used 2 + 7 = 9,0 days, the pause left out.
    Case("R1", "DP.DD.05", t(2, 11, 9),
         (("await_payment", t(4, 11, 9), {}), ("paid", t(9, 11, 9), {}),
          ("finish", t(18, 11, 9), {})),
         due=t(19, 11, 9), statutory_due=t(27, 11, 9)),  # 10..13,16..19/11; …,20,23,25,26,27/11
    # ------------------------------------------------ 1.001193 (same day, no cut)
    # 09:00 to 16:00 with the lunch hour: used 6 hours = 0,75 days (0,8).
    Case("D1", "1.001193", t(2, 11, 9), (("finish", t(2, 11, 16), {}),),
         due=t(2, 11, 17), statutory_due=t(2, 11, 17)),
)


def catalogue() -> dict[str, dict[str, str]]:
    with shipped_catalogue().open(encoding="utf-8", newline="") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def row(code: str, field: str, level: str, statutory: str, committed: str, cut: float, resolved: int,
        within_c: int, within_c_pct: float, within_s: int, within_s_pct: float, median: float, p90: float,
        standing: str) -> dict:
    return {"code": code, "name": catalogue()[code]["name"], "field": field, "level": level,
            "statutory": statutory, "committed": committed, "cut_percent": cut, "resolved": resolved,
            "within_committed": within_c, "within_committed_percent": within_c_pct,
            "within_statutory": within_s, "within_statutory_percent": within_s_pct,
            "median_days": median, "p90_days": p90, "standing": standing}


# The procedures with dossiers, worked out by hand. Not kept first, worst first: DP.CT.01 (0 of 1
# within the committed time), then DP.LLTP.01 (1 of 3; used 6, 9, 12: p90 = 9 + 0,8 × 3 = 11,4 days,
# beyond 7). DP.XD.04: used 1,25, 2, 2, 3 → median 2,0, p90 = 2 + 0,7 × 1 = 2,7 ≤ 3, all within.
EXPECTED_ROWS = {
    "DP.CT.01": row("DP.CT.01", "Chứng thực", "commune", "2 ngày làm việc", "1 ngày làm việc", 50.0,
                    1, 0, 0.0, 1, 100.0, 1.3, 1.3, "not_kept"),
    "DP.LLTP.01": row("DP.LLTP.01", "Lý lịch tư pháp", "province", "10 ngày làm việc", "7 ngày làm việc", 30.0,
                      3, 1, 33.3, 2, 66.7, 9.0, 11.4, "not_kept"),
    "DP.XD.04": row("DP.XD.04", "Xây dựng", "commune", "5 ngày làm việc", "3 ngày làm việc", 40.0,
                    4, 4, 100.0, 4, 100.0, 2.0, 2.7, "kept"),
    "DP.DD.05": row("DP.DD.05", "Đất đai", "commune", "15 ngày làm việc", "10 ngày làm việc", 33.3,
                    1, 1, 100.0, 1, 100.0, 9.0, 9.0, "kept"),
    "1.001193": row("1.001193", "Hộ tịch", "commune", "Trong ngày", "Trong ngày", 0.0,
                    1, 1, 100.0, 1, 100.0, 0.8, 0.8, "no_cut"),
}


def _hours(duration: str) -> Fraction:
    """The catalogue's durations in office hours, by DESIGN.md: a day is 8 h, "same day" half a day."""
    if duration == "same_day":
        return Fraction(4)
    return Fraction(duration[:-1]) * (8 if duration.endswith("d") else 1)


def unit_expectations() -> dict:
    """Counted from the catalogue file: active procedures and those cut by at least 20%."""
    rows = catalogue().values()
    cut = sum(1 for r in rows if (_hours(r["statutory"]) - _hours(r["committed"])) * 5 >= _hours(r["statutory"]))
    share = (Decimal(100 * cut) / Decimal(len(rows))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return {"procedures": len(rows), "cut": cut, "cut_percent": float(share), "target_met": 100 * cut >= 60 * len(rows)}


# The unit: ten dossiers. Used, sorted: 0,75 1,25 1,25 2 2 3 6 9 9 12 → median (2 + 3) / 2 = 2,5;
# p90 at rank 8,1: 9 + 0,1 × 3 = 9,3. Within the committed time 7 (70,0%), the statutory 9 (90,0%).
EXPECTED_SUMMARY = {
    **unit_expectations(), "cut_target_percent": 20, "unit_target_percent": 60, "not_kept": 2, "resolved": 10,
    "within_committed": 7, "within_committed_percent": 70.0, "within_statutory": 9, "within_statutory_percent": 90.0,
    "median_days": 2.5, "p90_days": 9.3,
}


def _build(db, site) -> None:
    codes = {}
    for case in CASES:
        req = IntakeRequest(procedure_code=case.procedure, name="Nguyễn Văn An", id_number="001190012345",
                            phone="0912345678", channel="online", received_at=case.received)
        code = save_intake(db, site, req, now=NOW, actor=Actor.named("cb.tiepnhan")).code
        for action, at, kw in case.steps:
            apply(db, site, code, TransitionRequest(action=action, at=at, **kw), actor=Actor.named("cb.xuly"), now=NOW)
        codes[case.label] = code
    # The fixture's own premise: the deadlines worked out by hand are the ones stored.
    with db.read() as s:
        stored = {c: (due, stat) for c, due, stat in s.execute(
            select(Dossier.code, Dossier.due_at, Dossier.statutory_due_at))}
    assert {c.label: stored[codes[c.label]] for c in CASES} == {c.label: (c.due, c.statutory_due) for c in CASES}


@pytest.fixture
def november(site_db):
    db, site = site_db
    _build(db, site)
    return db, site


@pytest.fixture
def targets(november):
    db, site = november
    with db.read() as s:
        return cut_time_targets(s, site, START, END)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_rows_and_summary(targets):
    got = targets.to_json()
    assert (got["from"], got["to"]) == ("2026-11-01", "2026-11-30")
    rows = got["rows"]
    # Not kept first, worst first; then every other active procedure by code.
    assert [r["code"] for r in rows[:2]] == ["DP.CT.01", "DP.LLTP.01"]
    assert [r["code"] for r in rows[2:]] == sorted(set(catalogue()) - {"DP.CT.01", "DP.LLTP.01"})
    by_code = {r["code"]: r for r in rows}
    for code, want in EXPECTED_ROWS.items():
        assert by_code[code] == want, code
    # The catalogue's promise without dossiers to judge it by: listed, no truth figures.
    assert by_code["DP.XD.05"] == row("DP.XD.05", "Xây dựng", "commune", "5 ngày làm việc", "3 ngày làm việc",
                                      40.0, 0, 0, None, 0, None, None, None, "no_dossiers")
    assert by_code["DP.GTVT.03"]["standing"] == "no_cut" and by_code["DP.GTVT.03"]["cut_percent"] == 0.0
    assert by_code["DP.DKKD.03"]["committed"] == "12 giờ làm việc" and by_code["DP.DKKD.03"]["cut_percent"] == 50.0
    assert got["summary"] == EXPECTED_SUMMARY


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_csv(targets):
    lines = list(csv.reader(targets.to_csv().splitlines()))
    assert lines[0][:3] == ["code", "name", "field"] and lines[0][-1] == "standing"
    assert [line[0] for line in lines[1:3]] == ["DP.CT.01", "DP.LLTP.01"]
    assert lines[2][6:] == ["30.0", "3", "1", "33.3", "2", "66.7", "9.0", "11.4", "not_kept"]
    empty = next(line for line in lines if line[0] == "DP.XD.05")
    assert empty[7:] == ["0", "0", "", "0", "", "", "", "no_dossiers"]
    assert lines[-1] == ["total", "Toàn đơn vị", "", "", "", "", "", "10", "7", "70.0", "9", "90.0", "2.5", "9.3", ""]
    assert len(lines) == 1 + EXPECTED_SUMMARY["procedures"] + 1


def test_percentile_and_promise_rules():
    assert percentile([], 1, 2) is None
    assert percentile([5], 9, 10) == 5
    assert percentile([1, 2, 3, 4], 1, 2) == Fraction(5, 2)
    assert percentile([6, 9, 12], 9, 10) == Fraction(57, 5)  # 11,4
    # 9 of 10 within: the share is kept, but the slowest tenth pulls the 90th percentile past the
    # appointment (over: office time past it) — not kept. 8 of 10 within: not kept by the share.
    assert promise_not_kept(30.0, 10, 9, p90_over_us=1)
    assert not promise_not_kept(30.0, 10, 9, p90_over_us=0)
    assert promise_not_kept(30.0, 10, 8, p90_over_us=-1)
    # No promise (under 1%), or nothing to judge by: never "not kept".
    assert not promise_not_kept(0.5, 10, 0, p90_over_us=10)
    assert not promise_not_kept(30.0, 0, 0, p90_over_us=None)




def _unit_line() -> str:
    u = unit_expectations()
    share = f"{u['cut_percent']:.1f}".replace(".", ",")
    return (f"Tỷ lệ thủ tục cắt giảm ≥ 20%: {u['cut']}/{u['procedures']} ({share}%) — chỉ tiêu 60%: "
            + ("đạt" if u["target_met"] else "chưa đạt"))


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_pdf(november, targets):
    db, site = november
    pdf = render_targets_pdf(targets, site.agency, made_at=datetime(2026, 12, 2, 9, tzinfo=TZ))
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    assert all((round(w), round(h)) == (842, 595) for w, h, _ in pages)  # A4 landscape
    first, last = pages[0][2], pages[-1][2]
    assert "KẾT QUẢ THỰC HIỆN CẮT GIẢM THỜI GIAN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in first
    assert "Kỳ báo cáo: từ ngày 01/11/2026 đến ngày 30/11/2026" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Hà Nội, ngày 02 tháng 12 năm 2026" in first
    assert site.agency.name.upper() in first
    assert _unit_line() in first
    assert ("Hồ sơ đã giải quyết trong kỳ: 10; trong thời hạn cam kết: 7 (70,0%); trong thời hạn quy định: 9 "
            "(90,0%); thời gian thực tế: trung vị 2,5 ngày làm việc, 90% hồ sơ không quá 9,3 ngày làm việc.") in first
    assert "vượt thời hạn cam kết): 2, xếp đầu bảng." in first
    for _, _, text in pages:  # the header on every page
        assert "Tên thủ tục hành chính" in text and "Trong thời hạn cam kết" in text and "Trung vị" in text
    # The promise not kept first, worst first, its figures in Vietnamese digits.
    assert first.index("DP.CT.01") < first.index("DP.LLTP.01") < first.index("1.000656")
    assert "50,0 1 0 0,0 1 100,0 1,3 1,3 Chưa đạt" in first
    assert "30,0 3 1 33,3 2 66,7 9,0 11,4 Chưa đạt" in first
    assert "Toàn đơn vị 10 7 70,0 9 90,0 2,5 9,3" in last
    assert "THỦ TRƯỞNG ĐƠN VỊ" in last and "NGƯỜI LẬP BIỂU" in last


def find_cell(sheet, value):
    for line in sheet.iter_rows():
        for cell in line:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not in the sheet")


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_xlsx(november, targets, tmp_path):
    db, site = november
    path = tmp_path / "cat-giam.xlsx"
    write_targets_xlsx(targets, site.agency, path, made_on=date(2026, 12, 2))
    sheet = load_workbook(path).active
    assert find_cell(sheet, "KẾT QUẢ THỰC HIỆN CẮT GIẢM THỜI GIAN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    assert find_cell(sheet, _unit_line())
    top = find_cell(sheet, "STT").row
    merged = {str(r) for r in sheet.merged_cells.ranges}
    for col in "ABCDEIP":
        assert f"{col}{top}:{col}{top + 1}" in merged, col
    assert {f"F{top}:H{top}", f"J{top}:K{top}", f"L{top}:M{top}", f"N{top}:O{top}"} <= merged
    assert [sheet.cell(top, c).value for c in (6, 10, 12, 14)] == [
        "Thời hạn giải quyết", "Trong thời hạn cam kết", "Trong thời hạn quy định", "Thời gian thực tế (ngày làm việc)"]
    assert [sheet.cell(top + 1, c).value for c in range(6, 16)] == [
        "Theo quy định", "Cam kết", "Cắt giảm (%)", None, "Số hồ sơ", "Tỷ lệ (%)", "Số hồ sơ", "Tỷ lệ (%)",
        "Trung vị", "90% hồ sơ không quá"]

    first = top + 3  # after the column numbers
    values = [[sheet.cell(first + i, c).value for c in range(1, 17)] for i in range(2)]
    assert values[0][:3] == [1, "DP.CT.01", catalogue()["DP.CT.01"]["name"]]
    assert values[1][1] == "DP.LLTP.01"
    lltp = values[1]
    assert lltp[4:7] == ["Cấp tỉnh", "10 ngày làm việc", "7 ngày làm việc"]
    # Per cents as fractions (30,0% is 0.3), counts as integers, days with one decimal.
    assert lltp[7:16] == [0.3, 3, 1, 0.333, 2, 0.667, 9.0, 11.4, "Chưa đạt"]
    for c, number_format in ((8, "0.0%"), (11, "0.0%"), (13, "0.0%"), (14, "0.0"), (15, "0.0")):
        cell = sheet.cell(first + 1, c)
        assert cell.data_type == "n" and cell.number_format == number_format, cell.coordinate
    for c in (1, 9, 10, 12):
        assert type(sheet.cell(first + 1, c).value) is int
    total = find_cell(sheet, "Toàn đơn vị").row
    assert total == first + EXPECTED_SUMMARY["procedures"]
    assert [sheet.cell(total, c).value for c in range(9, 16)] == [10, 7, 0.7, 9, 0.9, 2.5, 9.3]
    assert sheet.cell(total, 9).font.b
    empty = next(r for r in range(first, total) if sheet.cell(r, 2).value == "DP.XD.05")
    assert [sheet.cell(empty, c).value for c in range(9, 17)] == [0, 0, "—", 0, "—", "—", "—", "Chưa có hồ sơ"]
    assert find_cell(sheet, "THỦ TRƯỞNG ĐƠN VỊ")
    assert sheet.page_setup.orientation == "landscape"


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_cli(november, database_url, tmp_path, capsys):
    base = ["--database", database_url, "targets", "--from", "2026-11-01", "--to", "2026-11-30"]
    capsys.readouterr()
    assert main([*base, "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["summary"] == EXPECTED_SUMMARY
    assert got["rows"][:2] == [EXPECTED_ROWS["DP.CT.01"], EXPECTED_ROWS["DP.LLTP.01"]]

    assert main([*base, "--format", "pdf"]) == 2
    assert "cần tệp kết quả" in capsys.readouterr().err
    assert main([*base[:4], "2026-12-01", "--to", "2026-11-30"]) == 2
    assert "--from phải trước" in capsys.readouterr().err

    xlsx, csv_path = tmp_path / "cat-giam.xlsx", tmp_path / "cat-giam.csv"
    assert main([*base, "--format", "xlsx", "-o", str(xlsx)]) == 0
    assert "Đã lưu kết quả cắt giảm thời gian" in capsys.readouterr().out
    assert find_cell(load_workbook(xlsx).active, "Toàn đơn vị")
    assert main([*base, "--format", "csv", "-o", str(csv_path)]) == 0
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert [line[0] for line in lines[1:3]] == ["DP.CT.01", "DP.LLTP.01"] and lines[-1][1] == "Toàn đơn vị"


def test_exports_of_an_empty_catalogue(tmp_path):
    from onestop.figures.targets import Targets, TargetSummary
    from onestop.office.site import AgencyInfo

    empty = Targets(START, END, [], TargetSummary(0, 0, 0, 0, 0, 0, None, None))
    assert empty.to_json()["summary"]["target_met"] is False
    _, _, text = pdf_pages(render_targets_pdf(empty, AgencyInfo(), made_at=datetime(2026, 12, 2, tzinfo=TZ)))[0]
    assert "Tỷ lệ thủ tục cắt giảm ≥ 20%: 0/0 (—) — chỉ tiêu 60%: chưa đạt" in text
    assert "Danh mục chưa có thủ tục nào đang áp dụng." in text and "Toàn đơn vị 0 0 — 0 — — —" in text
    path = tmp_path / "rong.xlsx"
    write_targets_xlsx(empty, AgencyInfo(), path, made_on=date(2026, 12, 2))  # the note's merge, frozen panes
    sheet = load_workbook(path).active
    assert find_cell(sheet, "Danh mục chưa có thủ tục nào đang áp dụng.").row + 1 == find_cell(sheet, "Toàn đơn vị").row
