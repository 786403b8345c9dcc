"""Mẫu 01 for a saved dossier, of its rule set: gather its data, render, keep a copy in the data folder."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from onestop.clock import rule_sets
from onestop.clock.deadlines import Duration
from onestop.db.models import Dossier
from onestop.dossiers.intake import CHANNELS
from onestop.dossiers.lookup import DossierNotFound, load_dossier  # noqa: F401 - re-exported
from onestop.files.output_files import write_bytes
from onestop.office.catalogue import DOCUMENT_FORMS
from onestop.office.site import Site
from onestop.paperwork.layout import FormMark
from onestop.paperwork.receipt_pdf import ReceiptData, ReceiptDocument, render_receipt

# NĐ 118/2025 Điều 22 k3: the receipt says how the result is returned; here the way the dossier
# came in (an online dossier's result goes to the Cổng, Điều 22 k3; the applicant may still ask
# for paper at the counter, Điều 22 k1).
RETURN_METHODS = {
    "direct": "Nhận trực tiếp tại Bộ phận Một cửa",
    "post": "Gửi qua dịch vụ bưu chính công ích đến địa chỉ của người nộp hồ sơ",
    "online": "Trả kết quả trực tuyến qua Cổng Dịch vụ công quốc gia hoặc Cổng dịch vụ công cấp tỉnh",
}


def form_mark(dossier: Dossier, name: str) -> FormMark:
    """Number, title and circular of form `name` under the dossier's rule set."""
    return FormMark.of(rule_sets.of(dossier.rule_set), name)


def receipt_data(dossier: Dossier, site: Site) -> ReceiptData:
    a, p, agency = dossier.applicant, dossier.procedure, site.paper_agency
    rules = rule_sets.of(dossier.rule_set)
    return ReceiptData(
        parent_name=agency.parent_name,
        agency_name=agency.name,
        place=agency.place_name,
        code=dossier.code,
        applicant_name=a.name,
        applicant_id_label="Số CCCD" if a.kind == "person" else "Mã số thuế",
        applicant_id=a.id_number,
        applicant_phone=a.phone,
        applicant_email=a.email,
        applicant_address=a.address,
        procedure_code=p.code,
        procedure_name=p.name,
        field_name=p.field.name,
        documents=tuple(ReceiptDocument(d.name, DOCUMENT_FORMS.get(d.form, d.form), d.quantity)
                        for d in dossier.documents),
        sets_count=dossier.sets_count,
        channel_label=CHANNELS[dossier.channel],
        statutory_label=Duration.parse(p.statutory).label(),
        committed_label=Duration.parse(p.committed).label(),
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        statutory_due_at=dossier.statutory_due_at,
        result_place=agency.result_place or agency.address,
        officer_name=dossier.received_by,
        fee=p.fee,
        qr_payload=agency.qr_payload(dossier.code),
        note=dossier.note,
        mark=FormMark.of(rules, "receipt"),
        return_method=RETURN_METHODS[dossier.channel] if rules is rule_sets.RULES_2025 else "",
    )


def receipt_pdf(session: Session, site: Site, code: str, paper: str | None = None) -> bytes:
    data = receipt_data(load_dossier(session, code), site)
    return render_receipt(data, paper or site.settings.paper_size, site.settings.font_path or None)


def save_copy(pdf: bytes, code: str, folder: Path) -> Path:
    """Keeps every printed receipt in the data folder, one file per dossier code."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.pdf"
    write_bytes(path, pdf)
    return path
