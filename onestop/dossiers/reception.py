"""Forms handed out at reception when the papers are not acceptable: Mẫu 02 (what to complete) and
Mẫu 03 (refusal to receive). Each is logged and counted; no dossier is created and no code is taken.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onestop import validation as v
from onestop.clock.calendar import TZ
from onestop.db.models import ReceptionSlip
from onestop.db.session import Database
from onestop.dossiers.intake import FUTURE_TOLERANCE, find_procedure
from onestop.errors import FieldErrors
from onestop.office.site import Site
from onestop.people.accounts import Actor

KINDS = {
    "supplement": "Phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
    "refusal": "Phiếu từ chối tiếp nhận hồ sơ (Mẫu 03)",
}
MAX_CONTENT = 2000
MAX_LEGAL_BASIS = 1000


class ReceptionSlipError(FieldErrors, ValueError):
    """Every problem found, keyed by field (as on the intake form); nothing was saved."""


def _content_text(content: str | Iterable[str]) -> str:
    """The missing papers as typed (one per line) or as a list; empty lines dropped."""
    lines = content.splitlines() if isinstance(content, str) else [str(x) for x in content]
    return "\n".join(line.strip() for line in lines if line.strip())


def log_reception_slip(db: Database, site: Site, *, kind: str, procedure_code: str, applicant_name: str,
                       applicant_id_number: str = "", applicant_phone: str = "",
                       content: str | Iterable[str] = "", legal_basis: str = "", applicant_kind: str = "person",
                       at: datetime | None = None, actor: Actor, now: datetime) -> int:
    """Validates and records one slip; returns its id. Raises ReceptionSlipError, saving nothing.

    `content` is the list of missing papers (Mẫu 02, one per line or a sequence) or the reason for
    the refusal (Mẫu 03); a refusal also needs its legal basis.
    """
    errors: dict[str, str] = {}
    if kind not in KINDS:
        errors["kind"] = "Loại phiếu phải là hướng dẫn bổ sung (Mẫu 02) hoặc từ chối tiếp nhận (Mẫu 03)."
    person = applicant_kind != "organisation"
    values: dict[str, str] = {}
    checks = {
        "name": lambda: v.clean_name(applicant_name) if person else v.clean_org_name(applicant_name),
        "id_number": lambda: (v.clean_cccd(applicant_id_number, required=False) if person
                              else v.clean_tax_code(applicant_id_number, required=False)),
        "phone": lambda: v.clean_phone(applicant_phone, required=False),
        "content": lambda: v.clean_text(
            _content_text(content), "content", MAX_CONTENT, required=True,
            label="giấy tờ cần bổ sung, hoàn thiện" if kind == "supplement" else "lý do từ chối"),
        "legal_basis": lambda: v.clean_text(legal_basis, "legal_basis", MAX_LEGAL_BASIS,
                                            required=kind == "refusal", label="căn cứ pháp lý"),
        "user": lambda: v.clean_text(actor.full_name, "user", 100, required=True, label="cán bộ tiếp nhận"),
    }
    for key, check in checks.items():
        try:
            values[key] = check()
        except v.ValidationError as exc:
            errors[key] = exc.message
    when = at or now
    if when.tzinfo is None:
        errors["at"] = "Thời điểm lập phiếu phải có múi giờ."
    elif when > now + FUTURE_TOLERANCE:
        errors["at"] = "Thời điểm lập phiếu không được ở tương lai."
    with db.read() as session:
        procedure = find_procedure(session, procedure_code) if procedure_code.strip() else None
    if procedure is None:
        errors["procedure"] = ("Vui lòng chọn thủ tục hành chính." if not procedure_code.strip()
                               else f"Không tìm thấy thủ tục mã «{procedure_code.strip()}».")
    if errors:
        raise ReceptionSlipError(errors)
    assert procedure is not None
    with db.write() as session:
        slip = ReceptionSlip(
            kind=kind, at=when, user=values["user"], procedure_id=procedure.id,
            applicant_name=values["name"], applicant_id_number=values["id_number"],
            applicant_phone=values["phone"], content=values["content"],
            legal_basis=values["legal_basis"],
        )
        session.add(slip)
        session.flush()
        return slip.id


def count_reception_slips(session: Session, start: date, end: date, tz: ZoneInfo = TZ) -> dict[str, int]:
    """Slips handed out between two local dates (both included), per kind; every kind is present."""
    low = datetime.combine(start, time(), tz)
    high = datetime.combine(end + timedelta(days=1), time(), tz)
    rows = session.execute(
        select(ReceptionSlip.kind, func.count()).where(ReceptionSlip.at >= low, ReceptionSlip.at < high)
        .group_by(ReceptionSlip.kind))
    counts = dict.fromkeys(KINDS, 0)
    counts.update({kind: n for kind, n in rows})
    return counts
