"""Catalogue import from CSV and XLSX into a real database (SQLite and PostgreSQL)."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from onestop.db.models import Dossier, Field, Procedure, RequiredDocument, SubmittedDocument
from onestop.dossiers.audit import protect_for_role
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.office.catalogue import CatalogueError, import_file
from onestop.people.accounts import Actor
from tests.conftest import ENGINES, MONDAY_0915

ENGLISH = ["code", "name", "field", "level", "statutory", "committed", "fee", "supplement_rule", "documents"]
VIETNAMESE = ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp", "Thời hạn theo quy định", "Thời hạn cam kết",
              "Lệ phí", "Khi bổ sung", "Thành phần hồ sơ"]
ROOT = Path(__file__).resolve().parents[2]
SHIPPED_CODE = "1.004873"  # Giấy xác nhận tình trạng hôn nhân: 3d statutory, 1d committed, 4 papers
SHIPPED_SIBLING = "1.004884"  # untouched by the imports below

NEW_ROW = ["DP.TEST.01", "Thủ tục cấp giấy phép thử nghiệm", "Lĩnh vực thử nghiệm", "xã", "10 ngày",
           "7 ngày", "50.000 đồng", "resume",
           "bản chính x1: Đơn đề nghị cấp giấy phép\nbản sao chứng thực x2: Căn cước công dân"]
UPDATE_ROW = [SHIPPED_CODE, "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", "commune", "3d",
              "2d", "", "", "bản chính x1: Tờ khai cấp Giấy xác nhận tình trạng hôn nhân\nbản sao x1: Giấy tờ "
              "chứng minh nơi cư trú"]

ADMIN = Actor("quantri", "Quản trị", "admin")


def write_file(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    if path.suffix == ".xlsx":
        book = Workbook()
        sheet = book.active
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        book.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(headers)
            writer.writerows(rows)
    return path


def procedure(session, code: str) -> Procedure | None:
    return session.scalars(select(Procedure).where(Procedure.code == code)).one_or_none()


def snapshot(db) -> dict[str, object]:
    """What a rejected import must leave exactly as it was."""
    with db.read() as session:
        shipped = procedure(session, SHIPPED_CODE)
        return {
            "procedures": session.scalar(select(func.count(Procedure.id))),
            "documents": session.scalar(select(func.count(RequiredDocument.id))),
            "fields": session.scalar(select(func.count(Field.id))),
            "committed": shipped.committed,
            "shipped_documents": [(d.id, d.name, d.form, d.quantity) for d in shipped.documents],
            "new": procedure(session, "DP.TEST.01"),
        }


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize(("suffix", "headers"), [(".csv", ENGLISH), (".xlsx", VIETNAMESE), (".csv", VIETNAMESE)],
                         ids=["csv-english", "xlsx-vietnamese", "csv-vietnamese"])
def test_import_adds_and_updates(site_db, tmp_path, suffix, headers):
    db, _site = site_db
    before = snapshot(db)
    with db.read() as session:
        sibling = procedure(session, SHIPPED_SIBLING)
        sibling_before = (sibling.committed, [d.name for d in sibling.documents])
    path = write_file(tmp_path / f"danh-muc{suffix}", headers, [NEW_ROW, UPDATE_ROW])

    with db.write() as session:
        result = import_file(session, path, ADMIN)

    assert (result.added, result.updated) == (1, 1)
    with db.read() as session:
        assert session.scalar(select(func.count(Procedure.id))) == before["procedures"] + 1
        assert session.scalar(select(func.count(Field.id))) == before["fields"] + 1
        new = procedure(session, "DP.TEST.01")
        assert new is not None and new.active
        assert new.name == "Thủ tục cấp giấy phép thử nghiệm"
        assert new.field.name == "Lĩnh vực thử nghiệm"
        assert (new.level, new.statutory, new.committed) == ("commune", "10d", "7d")
        assert (new.fee, new.supplement_rule) == ("50.000 đồng", "resume")
        assert [(d.position, d.name, d.form, d.quantity) for d in new.documents] == [
            (1, "Đơn đề nghị cấp giấy phép", "original", 1),
            (2, "Căn cước công dân", "certified_copy", 2),
        ]
        updated = procedure(session, SHIPPED_CODE)
        assert (updated.statutory, updated.committed, updated.supplement_rule) == ("3d", "2d", "restart")
        assert [(d.name, d.form, d.quantity) for d in updated.documents] == [
            ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "original", 1),
            ("Giấy tờ chứng minh nơi cư trú", "copy", 1),
        ]
        # The old papers are gone, not left behind as orphans.
        assert session.scalar(select(func.count(RequiredDocument.id))) == before["documents"] + 2 - 4 + 2
        sibling = procedure(session, SHIPPED_SIBLING)
        assert (sibling.committed, [d.name for d in sibling.documents]) == sibling_before


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_bad_rows_are_listed_and_nothing_changes(site_db, tmp_path, suffix):
    db, _site = site_db
    before = snapshot(db)
    bad_level = ["DP.TEST.02", "Thủ tục thử hai", "Hộ tịch", "phường", "3d", "2d", "", "", "bản chính x1: Đơn"]
    bad_duration = ["DP.TEST.03", "Thủ tục thử ba", "Hộ tịch", "xã", "ba ngày", "2d", "", "", "bản chính x1: Đơn"]
    duplicate = list(NEW_ROW)
    district = ["DP.TEST.04", "Thủ tục thử bốn", "Hộ tịch", "huyện", "3d", "2d", "", "", "bản chính x1: Đơn"]
    rows = [NEW_ROW, bad_level, UPDATE_ROW, bad_duration, duplicate, district]  # sheet rows 2..7
    path = write_file(tmp_path / f"loi{suffix}", VIETNAMESE if suffix == ".xlsx" else ENGLISH, rows)

    with pytest.raises(CatalogueError) as caught:
        with db.write() as session:
            import_file(session, path, ADMIN)

    problems = caught.value.problems
    assert [row for row, _ in problems] == [3, 5, 6, 7]
    assert "phường" in problems[0][1]
    assert "thời hạn theo quy định" in problems[1][1]
    assert "lặp lại" in problems[2][1]
    assert "không còn cấp huyện" in problems[3][1]  # two tiers since 01/07/2025
    assert "Dòng 3:" in str(caught.value) and "Dòng 6:" in str(caught.value)
    assert snapshot(db) == before  # the good rows 2 and 4 were not applied either


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_committed_longer_than_statutory_is_refused(site_db, tmp_path):
    db, _site = site_db
    before = snapshot(db)
    longer = list(UPDATE_ROW)
    longer[4:6] = ["3d", "5d"]
    same_day_law = ["DP.TEST.04", "Thủ tục trong ngày", "Chứng thực", "xã", "trong ngày", "1 ngày", "", "",
                    "bản chính x1: Giấy tờ"]
    equal = ["DP.TEST.05", "Thủ tục không cắt giảm", "Chứng thực", "xã", "16 giờ", "2 ngày", "", "",
             "bản chính x1: Giấy tờ"]  # 16 working hours = 2 working days: allowed
    path = write_file(tmp_path / "dai-hon.csv", ENGLISH, [equal, longer, same_day_law])

    with pytest.raises(CatalogueError) as caught:
        with db.write() as session:
            import_file(session, path, ADMIN)

    assert [row for row, _ in caught.value.problems] == [3, 4]
    for _, message in caught.value.problems:
        assert "thời hạn cam kết dài hơn thời hạn theo quy định" in message
    assert snapshot(db) == before


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_update_keeps_documents_of_saved_dossiers(site_db, tmp_path):
    db, site = site_db
    saved = save_intake(db, site, IntakeRequest(
        procedure_code=SHIPPED_CODE, name="Nguyễn Thị Hồng Nhung", id_number="001190012345",
        phone="0912345678", received_at=MONDAY_0915,
    ), now=MONDAY_0915 + timedelta(minutes=5), actor=Actor.named("canbo"))
    with db.read() as session:
        old_required = {d.id for d in procedure(session, SHIPPED_CODE).documents}
        submitted_before = [(d.position, d.name, d.form, d.quantity, d.required_document_id)
                            for d in session.scalars(select(SubmittedDocument)
                                                     .where(SubmittedDocument.dossier_id == saved.dossier_id)
                                                     .order_by(SubmittedDocument.position))]
    assert len(submitted_before) == 4 and {d[4] for d in submitted_before} == old_required

    path = write_file(tmp_path / "cap-nhat.xlsx", VIETNAMESE, [UPDATE_ROW])
    with db.write() as session:
        result = import_file(session, path, ADMIN)

    assert (result.added, result.updated) == (0, 1)
    with db.read() as session:
        current = procedure(session, SHIPPED_CODE)
        new_required = {d.id for d in current.documents}
        assert len(new_required) == 2 and not new_required & old_required
        submitted = list(session.scalars(select(SubmittedDocument)
                                         .where(SubmittedDocument.dossier_id == saved.dossier_id)
                                         .order_by(SubmittedDocument.position)))
        # The dossier keeps what was handed in; links to removed papers are cleared, not dangling.
        assert [(d.position, d.name, d.form, d.quantity) for d in submitted] == [s[:4] for s in submitted_before]
        assert all(d.required_document_id is None or d.required_document_id in new_required for d in submitted)
        dossier = session.get(Dossier, saved.dossier_id)
        assert dossier.procedure_id == current.id and dossier.code == saved.code


@pytest.mark.parametrize("name", ["danh-muc.txt", "hong.xlsx"])
def test_unreadable_files_are_refused_in_vietnamese(site_db, tmp_path, name):
    db, _site = site_db
    path = tmp_path / name
    path.write_bytes(b"not a spreadsheet")
    with pytest.raises(CatalogueError) as caught:
        with db.write() as session:
            import_file(session, path, ADMIN)
    assert caught.value.problems[0][0] == 0
    assert "tệp" in str(caught.value)


def test_csv_not_in_utf8_is_refused_in_vietnamese(site_db, tmp_path):
    db, _site = site_db
    path = tmp_path / "cp1258.csv"
    path.write_bytes(",".join(ENGLISH).encode() + b"\r\nDP.TEST.01,T\xean,H\xf4,x\xe3,3d,2d,,,\r\n")
    with pytest.raises(CatalogueError, match="UTF-8"):
        with db.write() as session:
            import_file(session, path, ADMIN)


def test_missing_columns_are_named(site_db, tmp_path):
    db, _site = site_db
    path = write_file(tmp_path / "thieu.csv", ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp"],
                      [NEW_ROW[:4]])
    with pytest.raises(CatalogueError) as caught:
        with db.write() as session:
            import_file(session, path, ADMIN)
    assert caught.value.problems == [(1, "thiếu cột: statutory, committed, documents")]


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_protected_site_imports_a_catalogue_that_drops_a_paper(site_db, tmp_path, database_url):
    """After `audit protect`, the desks' role updates the catalogue: the papers a procedure no longer
    asks for are deleted (delete-orphan), which the role could not do (a traceback, issue 12)."""
    db, _site = site_db
    role = f"onestop_app_{uuid.uuid4().hex[:8]}"  # roles are cluster-wide: unique, dropped after
    with db.engine.begin() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
    try:
        protect_for_role(db, role)
        path = write_file(tmp_path / "cap-nhat.csv", VIETNAMESE, [UPDATE_ROW])  # 4 papers become 2
        url = make_url(database_url).set(username=role, host="127.0.0.1").render_as_string(hide_password=False)
        done = subprocess.run([sys.executable, "-m", "onestop", "--database", url, "catalogue", "import", str(path)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        with db.read() as session:
            assert [d.name for d in procedure(session, SHIPPED_CODE).documents] == [
                "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "Giấy tờ chứng minh nơi cư trú"]
    finally:
        with db.engine.begin() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
