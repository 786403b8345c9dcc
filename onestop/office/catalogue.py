"""The procedure catalogue: the shipped CSV and imports from CSV or XLSX.

A catalogue row: code, name, field, level, statutory, committed, fee, supplement_rule, documents,
and optionally deciding_agency_code, supplement_request_days, supplement_close_days.
`documents` holds one paper per line: "<form> x<count>: <name>", e.g. "bản sao x1: Sổ hộ khẩu".
An import checks every row first and changes nothing when any row is bad.

Levels: two tiers of local government since 01/07/2025 (Luật 72/2025/QH15), «cấp xã» and «cấp
tỉnh». The shipped catalogue's 27 former district procedures were all re-levelled to the commune:
the 2025 decrees on dividing powers between the two tiers (NĐ 120/2025 for civil status and
certification, and the sector decrees for land, construction, household businesses, education,
culture and the environment) hand the district's tasks to the commune People's Committee. Where a
province assigned one of them to a provincial body instead, the site re-imports that row at
«tỉnh». The foreign-element civil status procedures are at the commune as well (NĐ 120/2025); if a
province keeps them at the Sở Tư pháp, the same re-import applies. This mapping was made from the
decrees' general rule, not checked procedure by procedure against each province's published list.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop.clock.calendar import WorkCalendar
from onestop.clock.deadlines import Duration, cut_percent
from onestop.db.models import Field, Procedure, RequiredDocument
from onestop.db.session import Database
from onestop.errors import RowErrors
from onestop.files.xlsx_input import SpreadsheetRefused, xlsx_rows
from onestop.office.codes import IDENTIFIER_HINT, identifier_problem
from onestop.people.accounts import Actor, require
from onestop.people.admin_log import log_admin
from onestop.text import fold, nfc

LEVELS = {"commune": "Cấp xã", "district": "Cấp huyện", "province": "Cấp tỉnh"}
# Two tiers of local government since 01/07/2025 (Luật Tổ chức chính quyền địa phương số
# 72/2025/QH15): «cấp huyện» stays a label for old data only; a catalogue import refuses it.
CURRENT_LEVELS = ("commune", "province")
MAX_ROWS = 50_000  # sheet rows of a catalogue file: a province lists a few thousand procedures
LEVEL_ALIASES = {"xa": "commune", "cap xa": "commune", "huyen": "district", "cap huyen": "district",
                 "tinh": "province", "cap tinh": "province"}
DOCUMENT_FORMS = {"original": "bản chính", "copy": "bản sao", "certified_copy": "bản sao chứng thực"}
SUPPLEMENT_RULES = ("restart", "resume")
COLUMNS = ("code", "name", "field", "level", "statutory", "committed", "fee", "supplement_rule", "documents",
           "deciding_agency_code", "supplement_request_days", "supplement_close_days")
# Columns a file may leave out: the fee, the supplement rule, and (NĐ 118/2025) the deciding agency's
# identifier (Điều 28 k2a; empty: the counter's own) and the supplement windows (Điều 19 k5; sector
# law may set other values than 3 working days and 15 days). Left out on an update: kept as they are.
OPTIONAL = ("fee", "supplement_rule", "deciding_agency_code", "supplement_request_days", "supplement_close_days")
# Vietnamese headers a counter's own sheet may use, folded (no case, no diacritics).
HEADER_ALIASES = {
    "ma thu tuc": "code", "ma": "code", "ten thu tuc": "name", "ten": "name", "linh vuc": "field",
    "cap": "level", "cap thuc hien": "level", "thoi han theo quy dinh": "statutory",
    "thoi han giai quyet": "statutory", "thoi han cam ket": "committed", "le phi": "fee",
    "phi, le phi": "fee", "phi le phi": "fee", "khi bo sung": "supplement_rule",
    "thanh phan ho so": "documents", "ma dinh danh co quan giai quyet": "deciding_agency_code",
    "so ngay lam viec yeu cau bo sung": "supplement_request_days", "so ngay dong ho so": "supplement_close_days",
}
_DOC_LINE = re.compile(r"^\s*(?P<form>[^\d:]+?)\s*x\s*(?P<qty>\d+)\s*:\s*(?P<name>.+?)\s*$", re.IGNORECASE)
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")


@dataclass(frozen=True)
class DocumentSpec:
    name: str
    form: str  # key of DOCUMENT_FORMS
    quantity: int


@dataclass(frozen=True)
class ProcedureSpec:
    code: str
    name: str
    field: str
    level: str
    statutory: Duration
    committed: Duration
    fee: str
    supplement_rule: str
    documents: tuple[DocumentSpec, ...]
    deciding_agency_code: str | None = None  # None: not in the file
    supplement_request_days: int | None = None
    supplement_close_days: int | None = None


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


class CatalogueError(RowErrors, ValueError):
    """Bad rows, each as (row number as the officer sees it in the sheet, message)."""

    HEADLINE = "Không nhập được danh mục; chưa thay đổi gì."


def parse_documents(text: str) -> tuple[DocumentSpec, ...]:
    forms_by_label = {fold(label): key for key, label in DOCUMENT_FORMS.items()}
    forms_by_label.update({key: key for key in DOCUMENT_FORMS})
    docs = []
    for line in nfc(text).splitlines():
        if not line.strip():
            continue
        m = _DOC_LINE.match(line)
        form = forms_by_label.get(fold(m.group("form"))) if m else None
        if not m or form is None:
            raise ValueError(f"giấy tờ «{line.strip()}» không đúng dạng «bản chính x1: Tên giấy tờ»")
        qty = int(m.group("qty"))
        if not 1 <= qty <= 99:
            raise ValueError(f"số lượng của «{m.group('name')}» phải từ 1 đến 99")
        docs.append(DocumentSpec(m.group("name")[:500], form, qty))
    return tuple(docs)


_CONDITIONAL = re.compile(r"\(\s*(neu|truong hop)\b")


def is_optional(paper_name: str) -> bool:
    """A paper the catalogue names "(nếu có)", "(nếu …)" or "(trường hợp …)" is handed over only where
    that case applies, so leaving it unticked is not a missing paper (the published TTHC wording)."""
    return bool(_CONDITIONAL.search(fold(paper_name)))


def format_documents(docs: tuple[DocumentSpec, ...] | list[RequiredDocument]) -> str:
    return "\n".join(f"{DOCUMENT_FORMS[d.form]} x{d.quantity}: {d.name}" for d in docs)


def _parse_row(raw: dict[str, str]) -> ProcedureSpec:
    row = {k: nfc(str(raw.get(k) or "")).strip() for k in COLUMNS}
    problems = []
    if not _CODE.match(row["code"]):
        problems.append("mã thủ tục trống hoặc có ký tự không hợp lệ")
    if not row["name"] or len(row["name"]) > 500:
        problems.append("tên thủ tục trống hoặc dài quá 500 ký tự")
    if not row["field"] or len(row["field"]) > 200:
        problems.append("lĩnh vực trống hoặc dài quá 200 ký tự")
    level = row["level"].lower()
    level = LEVEL_ALIASES.get(fold(level), level)
    if level == "district":
        problems.append("từ 01/07/2025 không còn cấp huyện (Luật số 72/2025/QH15): chọn cấp xã hoặc cấp tỉnh")
    elif level not in CURRENT_LEVELS:
        problems.append(f"cấp «{row['level']}» không hợp lệ (xã hoặc tỉnh)")
    durations = {}
    for key, label in (("statutory", "thời hạn theo quy định"), ("committed", "thời hạn cam kết")):
        try:
            durations[key] = Duration.parse(row[key])
        except ValueError as exc:
            problems.append(f"{label}: {exc}")
    if len(durations) == 2:
        cut = cut_percent(durations["statutory"], durations["committed"], WorkCalendar())
        if cut is not None and cut < 0:
            problems.append("thời hạn cam kết dài hơn thời hạn theo quy định")
    rule = row["supplement_rule"].lower() or "restart"
    if rule not in SUPPLEMENT_RULES:
        problems.append("cách tính khi bổ sung phải là restart hoặc resume")
    try:
        documents = parse_documents(row["documents"])
    except ValueError as exc:
        problems.append(str(exc))
        documents = ()
    if len(row["fee"]) > 300:
        problems.append("lệ phí dài quá 300 ký tự")
    agency = row["deciding_agency_code"].upper()
    if agency and identifier_problem(agency):
        problems.append(f"mã định danh cơ quan giải quyết «{row['deciding_agency_code']}» không hợp lệ "
                        f"({IDENTIFIER_HINT})")
    windows = {}
    for key, label, top in (("supplement_request_days", "số ngày làm việc được yêu cầu bổ sung", 30),
                            ("supplement_close_days", "số ngày chờ bổ sung trước khi đóng hồ sơ", 90)):
        text = row[key]
        if text and not (text.isdigit() and 1 <= int(text) <= top):
            problems.append(f"{label} phải là số từ 1 đến {top}")
        windows[key] = int(text) if text.isdigit() else None
    if problems:
        raise ValueError("; ".join(problems))
    return ProcedureSpec(row["code"], row["name"], row["field"], level, durations["statutory"],
                         durations["committed"], row["fee"], rule, documents,
                         agency if "deciding_agency_code" in raw else None, **windows)


def _normalise_headers(headers: list[str]) -> list[str]:
    out = []
    for h in headers:
        key = fold(nfc(str(h or "")).strip())
        out.append(key if key in COLUMNS else HEADER_ALIASES.get(key, key))
    return out


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV (UTF-8, with or without BOM) or XLSX file, keyed by column name."""
    if path.suffix.lower() == ".xlsx":
        try:
            grid = [["" if v is None else str(v) for v in row] for row in xlsx_rows(path, MAX_ROWS)]
            width = max(map(len, grid), default=0)
            grid = [row + [""] * (width - len(row)) for row in grid]  # every row as wide as the sheet
        except SpreadsheetRefused as exc:
            raise CatalogueError([(0, exc.message)]) from exc
    elif path.suffix.lower() == ".csv":
        try:
            grid = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        except UnicodeDecodeError as exc:
            raise CatalogueError([(0, "tệp CSV phải lưu theo bảng mã UTF-8 "
                                      "(trong Excel: Lưu thành «CSV UTF-8»)")]) from exc
        except csv.Error as exc:
            raise CatalogueError([(0, f"tệp CSV không đúng định dạng: {exc}")]) from exc
    else:
        raise CatalogueError([(0, "chỉ nhận tệp .csv hoặc .xlsx")])
    if not grid:
        raise CatalogueError([(1, "tệp trống")])
    headers = _normalise_headers(grid[0])
    missing = [c for c in COLUMNS if c not in headers and c not in OPTIONAL]
    if missing:
        raise CatalogueError([(1, "thiếu cột: " + ", ".join(missing))])
    return [dict(zip(headers, r)) for r in grid[1:]]


def parse_rows(rows: list[dict[str, str]]) -> list[ProcedureSpec]:
    specs, problems, seen = [], [], set()
    for number, raw in enumerate(rows, start=2):  # row 1 is the header, as in the sheet
        if not any(str(v).strip() for v in raw.values()):
            continue
        try:
            spec = _parse_row(raw)
        except ValueError as exc:
            problems.append((number, str(exc)))
            continue
        if spec.code in seen:
            problems.append((number, f"mã thủ tục {spec.code} lặp lại trong tệp"))
        seen.add(spec.code)
        specs.append(spec)
    if problems:
        raise CatalogueError(problems)
    return specs


def apply_specs(session: Session, specs: list[ProcedureSpec]) -> ImportResult:
    fields = {f.name: f for f in session.scalars(select(Field))}
    existing = {p.code: p for p in session.scalars(select(Procedure))}
    added = updated = 0
    for spec in specs:
        field = fields.get(spec.field)
        if field is None:
            field = fields[spec.field] = Field(name=spec.field)
            session.add(field)
        proc = existing.get(spec.code)
        if proc is None:
            proc = Procedure(code=spec.code)
            session.add(proc)
            added += 1
        else:
            updated += 1
        proc.name, proc.name_folded, proc.field = spec.name, fold(spec.name), field
        proc.level, proc.fee, proc.supplement_rule = spec.level, spec.fee, spec.supplement_rule
        proc.statutory, proc.committed, proc.active = spec.statutory.to_text(), spec.committed.to_text(), True
        proc.documents = [RequiredDocument(position=i, name=d.name, form=d.form, quantity=d.quantity)
                          for i, d in enumerate(spec.documents, start=1)]
        for key in ("deciding_agency_code", "supplement_request_days", "supplement_close_days"):
            if getattr(spec, key) is not None:
                setattr(proc, key, getattr(spec, key))
    session.flush()
    return ImportResult(added, updated)


def import_file(session: Session, path: Path, actor: Actor, now: datetime | None = None) -> ImportResult:
    """Imports a CSV or XLSX catalogue; with `now`, the import goes to the admin log (None: the
    shipped catalogue loaded at the first start)."""
    require(actor, "change_catalogue")
    result = apply_specs(session, parse_rows(read_rows(path)))
    if now is not None:
        log_admin(session, actor, "catalogue.import",
                  f"{path.name}: {result.added} thủ tục mới, {result.updated} cập nhật", now)
    return result


def import_catalogue(db: Database, path: Path, actor: Actor, now: datetime) -> ImportResult:
    """The import as a person does it: all rows or none, in one transaction, in the admin log."""
    with db.write() as session:
        return import_file(session, path, actor, now)


def shipped_catalogue() -> Path:
    return Path(str(resources.files("onestop.resources.catalogue") / "procedures.csv"))
