"""Spreadsheet bombs and oversized sheets are refused by both imports, with nothing saved and little
memory used (issue 12; the probe's files: one 1.5 GB shared string in 1.5 MB, a million rows reaching
column XFD in 5 MB). The files are built by tests/xlsx_bombs.py in about a second each."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from onestop.db.models import Dossier, Procedure
from onestop.files.xlsx_input import MAX_COLUMNS, MAX_UNPACKED
from onestop.installation import dossier_import
from onestop.installation.dossier_import import DossierImportError, import_dossiers
from onestop.office import catalogue
from onestop.office.catalogue import CatalogueError, import_file
from onestop.people.accounts import Actor
from tests.conftest import ENGINES
from tests.xlsx_bombs import MB, huge_shared_string, ledger_rows, wide_rows

NOW = datetime(2027, 1, 15, 2, 0, tzinfo=timezone.utc)
ADMIN = Actor("quantri", "Quản trị", "admin")
LEDGER = ["code", "received_at", "procedure_code", "applicant_name", "status"]
GOOD_ROW = ["HS-0001", "2026-11-02T09:00:00+07:00", "1.004873", "Nguyễn Văn An", "received"]
CATALOGUE = ["code", "name", "field", "level", "statutory", "committed", "fee", "supplement_rule", "documents"]
GOOD_PROCEDURE = ["DP.TEST.01", "Thủ tục thử nghiệm", "Lĩnh vực thử nghiệm", "xã", "10 ngày", "7 ngày", "", "",
                  "bản chính x1: Đơn đề nghị"]
HEADERS = {"dossiers": LEDGER, "catalogue": CATALOGUE}
GOOD = {"dossiers": GOOD_ROW, "catalogue": GOOD_PROCEDURE}


def run_import(db, site, kind: str, path: Path) -> list[tuple[int, str]]:
    """The import's problems (it must refuse)."""
    if kind == "dossiers":
        with pytest.raises(DossierImportError) as caught:
            import_dossiers(db, site, path, now=NOW, actor=Actor.named("cb.nhap"))
    else:
        with pytest.raises(CatalogueError) as caught:
            with db.write() as session:
                import_file(session, path, ADMIN, NOW)
    return caught.value.problems


def saved(db) -> tuple[int, int]:
    with db.read() as s:
        return s.scalar(select(func.count(Dossier.id))), s.scalar(select(func.count(Procedure.id)))


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("kind", ["dossiers", "catalogue"])
def test_a_sheet_from_the_same_builder_imports(site_db, tmp_path, kind):
    """The bombs below differ from this file only in size: their refusal is for their size."""
    db, site = site_db
    before = saved(db)
    path = ledger_rows(tmp_path / "ok.xlsx", HEADERS[kind], [GOOD[kind]])
    if kind == "dossiers":
        assert import_dossiers(db, site, path, now=NOW, actor=Actor.named("cb.nhap")).dossiers == 1
        assert saved(db) == (before[0] + 1, before[1])
    else:
        with db.write() as session:
            assert import_file(session, path, ADMIN, NOW).added == 1
        assert saved(db) == (before[0], before[1] + 1)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("kind", ["dossiers", "catalogue"])
def test_huge_unpacked_size_is_refused_before_reading(site_db, tmp_path, kind):
    db, site = site_db
    before = saved(db)
    path = huge_shared_string(tmp_path / "bom.xlsx", HEADERS[kind], MAX_UNPACKED // MB + 50)
    assert path.stat().st_size < 3 * MB
    [(row, message)] = run_import(db, site, kind, path)
    assert row == 0
    assert "khi giải nén chiếm 450 MB, quá giới hạn 400 MB" in message
    assert "Không có gì được nhập" in message
    assert saved(db) == before


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("kind", ["dossiers", "catalogue"])
def test_a_part_that_inflates_a_hundredfold_is_refused(site_db, tmp_path, kind):
    db, site = site_db
    before = saved(db)
    path = huge_shared_string(tmp_path / "bom.xlsx", HEADERS[kind], 40)  # 40 MB in ~180 KB
    [(row, message)] = run_import(db, site, kind, path)
    assert row == 0 and "nén bất thường (phần xl/sharedStrings.xml giải nén gấp" in message
    assert "Không có gì được nhập" in message
    assert saved(db) == before


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("kind", ["dossiers", "catalogue"])
def test_too_many_rows_reaching_column_xfd(site_db, tmp_path, kind, monkeypatch):
    """The probe's million rows, each with a cell in column XFD, cut to the bound: the catalogue's
    real one (50,000), and for the ledger the same, set lower than its 300,000 to keep the test short."""
    db, site = site_db
    monkeypatch.setattr(dossier_import, "MAX_ROWS", catalogue.MAX_ROWS)
    before = saved(db)
    path = wide_rows(tmp_path / "rong.xlsx", HEADERS[kind], catalogue.MAX_ROWS)  # + the header: one too many
    [(row, message)] = run_import(db, site, kind, path)
    assert row == 0 and "có hơn 50.000 dòng, quá giới hạn" in message
    assert saved(db) == before


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("kind", ["dossiers", "catalogue"])
def test_a_value_past_the_column_bound_is_refused(site_db, tmp_path, kind):
    db, site = site_db
    before = saved(db)
    wide = [*GOOD[kind], *[None] * (MAX_COLUMNS - len(GOOD[kind])), "x"]  # column 201
    path = ledger_rows(tmp_path / "rong.xlsx", HEADERS[kind], [GOOD[kind], wide])
    [(row, message)] = run_import(db, site, kind, path)
    assert row == 0 and "dòng 3: có dữ liệu ở cột thứ 201 trở đi, quá giới hạn 200 cột" in message
    assert saved(db) == before


@pytest.mark.parametrize("command", [["import", "dossiers"], ["catalogue", "import"]])
def test_cli_refuses_the_probes_bomb_in_little_memory(tmp_path, command):
    """The probe's 1.5 GB shared string: refused by a real `onestop` process, with a message, no
    traceback, and a peak memory far from the 4 GB the unbounded read reached."""
    root = Path(__file__).resolve().parents[2]
    kind = "catalogue" if command[0] == "catalogue" else "dossiers"
    path = huge_shared_string(tmp_path / "bom.xlsx", HEADERS[kind], 1536)
    env = {**os.environ, "PYTHONPATH": str(root), "ONESTOP_DATA_DIR": str(tmp_path / "data")}
    with (tmp_path / "err").open("w+") as err:
        child = subprocess.Popen([sys.executable, "-m", "onestop", "--database", f"sqlite:///{tmp_path / 'x.db'}",
                                  *command, str(path)], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    assert child.returncode == 1, stderr
    assert "khi giải nén chiếm 1.536 MB, quá giới hạn 400 MB" in stderr
    assert "Traceback" not in stderr
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    print(f"peak memory of the refused import: {peak_mb:.0f} MB")
    assert peak_mb < 500
