"""The forms after the receipt, for a saved dossier or a logged reception slip: gather plain
data, render to PDF.

Like receipts.py (Mẫu 01): load from the database, build the form's plain dataclass, render. Every
function takes an open session and returns PDF bytes; nothing is written. Each form is the one of
the dossier's rule set (onestop.clock.rule_sets: TT 01/2018 or TT 03/2025), with its number and title;
a reception slip, which has no dossier, follows the rule set in force at the slip's own time. A
form the dossier has no occasion for (an extension of a 2018 dossier, a stop notice for a dossier
not stopped) raises FormUnavailable.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from onestop.clock import rule_sets
from onestop.db.models import Appointment, Dossier, DossierEvent, Procedure, ReceptionSlip
from onestop.dossiers.lifecycle import EVENT_LABELS
from onestop.dossiers.statuses import PAUSED
from onestop.errors import OnestopError
from onestop.office.site import Site
from onestop.paperwork.extension import ExtensionData, render_extension
from onestop.paperwork.forms import (
    LATE_APOLOGY_NOTICE,
    ApologyData,
    ControlSlipData,
    ControlStep,
    MissingItem,
    RefusalData,
    SupplementRequestData,
    render_apology,
    render_control_slip,
    render_refusal,
    render_supplement_request,
)
from onestop.paperwork.layout import FormMark
from onestop.paperwork.receipts import DossierNotFound, form_mark, load_dossier, receipt_data, receipt_pdf
from onestop.paperwork.stop_notice import StopNoticeData, render_stop_notice

COUNTER = "Bộ phận tiếp nhận và trả kết quả"
# Appointments that set the deadline; an apology's new date does not wash lateness out (DESIGN.md).
_CLOCK_KINDS = ("receipt", "restart", "resume")

__all__ = [
    "FORMS",
    "DossierNotFound",
    "FormUnavailable",
    "apology_pdf",
    "control_slip_pdf",
    "control_steps",
    "extension_pdf",
    "reception_slip_pdf",
    "refusal_pdf",
    "stop_notice_pdf",
    "supplement_request_pdf",
]
# NĐ 118/2025 Điều 19 k6: how the applicant was told of the extension (lifecycle.NOTIFIED_BY's
# keys), completing "đã được thông báo tới Ông/Bà …".
NOTIFIED_PHRASES = {"email": "qua thư điện tử", "sms": "qua tin nhắn SMS", "phone": "qua điện thoại",
                    "in-person": "trực tiếp tại Bộ phận Một cửa"}


class FormUnavailable(OnestopError, LookupError, ValueError):
    """The form cannot be printed for this dossier (e.g. no apology was given); Vietnamese message."""


# ------------------------------------------------------------------ helpers


def _paper(site: Site, paper: str | None) -> tuple[str, str | None]:
    return paper or site.settings.paper_size, site.settings.font_path or None


def _latest_event(dossier: Dossier, action: str) -> DossierEvent | None:
    return next((e for e in reversed(dossier.events) if e.action == action), None)


def _note_fields(note: str) -> tuple[dict[str, str], list[str]]:
    """Splits an event note written by lifecycle ('Lý do: …', 'Căn cứ: …') into labelled parts and the rest."""
    labelled: dict[str, str] = {}
    rest: list[str] = []
    for line in (note or "").splitlines():
        head, sep, value = line.partition(": ")
        if sep and head in ("Cần bổ sung", "Lý do", "Căn cứ", "Đã trả lại") and head not in labelled:
            labelled[head] = value.strip()
        elif line.strip():
            rest.append(line.strip())
    return labelled, rest


def _applicant_id_label(kind: str) -> str:
    return "Số CCCD" if kind == "person" else "Mã số thuế"


# ------------------------------------------------------------------ Mẫu 02 and 03 for a dossier


def supplement_request_pdf(session: Session, site: Site, code: str, paper: str | None = None) -> bytes:
    """Mẫu 02 for the dossier's (latest) supplement request, from the request's event."""
    dossier = load_dossier(session, code)
    event = _latest_event(dossier, "request_supplement")
    if event is None:
        raise FormUnavailable(f"Hồ sơ «{dossier.code}» chưa có yêu cầu bổ sung, hoàn thiện nào.")
    fields, rest = _note_fields(event.note)
    items = tuple(MissingItem(name.strip(), "") for name in fields.get("Cần bổ sung", "").split("; ")
                  if name.strip())
    r = receipt_data(dossier, site)
    data = SupplementRequestData(
        parent_name=r.parent_name, agency_name=r.agency_name, place=r.place, issued_at=event.at,
        code=dossier.code, applicant_name=r.applicant_name, applicant_id=r.applicant_id,
        applicant_phone=r.applicant_phone, applicant_address=r.applicant_address,
        procedure_code=r.procedure_code, procedure_name=r.procedure_name, items=items,
        reason=" ".join(([fields["Lý do"]] if fields.get("Lý do") else []) + rest),
        officer_name=event.user, contact=site.paper_agency.result_place, qr_payload=r.qr_payload,
        applicant_id_label=r.applicant_id_label, mark=form_mark(dossier, "supplement"),
    )
    return render_supplement_request(data, *_paper(site, paper))


def refusal_pdf(session: Session, site: Site, code: str, paper: str | None = None) -> bytes:
    """Mẫu 03 for a refused dossier, from the refusal's event (reason and legal basis).

    A 2025 dossier refused after review (NĐ 118/2025 Điều 19 k3) gets the Phiếu từ chối giải
    quyết hồ sơ, from its "refuse_after_review" event, signed for the deciding body.
    """
    dossier = load_dossier(session, code)
    after_review = dossier.status == "refused_after_review"
    event = _latest_event(dossier, "refuse_after_review" if after_review else "refuse")
    if event is None:
        raise FormUnavailable(f"Hồ sơ «{dossier.code}» không bị từ chối giải quyết.")
    fields, rest = _note_fields(event.note)
    r = receipt_data(dossier, site)
    deciding = ""
    if after_review:
        deciding = dossier.department.name if dossier.department is not None else ""
        deciding = deciding or "cơ quan có thẩm quyền giải quyết"
    data = RefusalData(
        parent_name=r.parent_name, agency_name=r.agency_name, place=r.place, issued_at=event.at,
        code=dossier.code, applicant_name=r.applicant_name, applicant_id=r.applicant_id,
        applicant_phone=r.applicant_phone, applicant_address=r.applicant_address,
        procedure_code=r.procedure_code, procedure_name=r.procedure_name,
        legal_basis=fields.get("Căn cứ", ""),
        reason=" ".join(([fields["Lý do"]] if fields.get("Lý do") else []) + rest),
        # After review the head of the deciding body signs (by hand); at reception, the officer.
        officer_name="" if after_review else event.user,
        signatory_role="THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" if after_review else "NGƯỜI TIẾP NHẬN",
        qr_payload=r.qr_payload, applicant_id_label=r.applicant_id_label,
        mark=form_mark(dossier, "refusal-after-review" if after_review else "refusal"),
        after_review_by=deciding,
    )
    return render_refusal(data, *_paper(site, paper))


# ------------------------------------------------------------------ Mẫu 04


def apology_pdf(session: Session, site: Site, code: str, paper: str | None = None) -> bytes:
    """Mẫu 04 for the dossier's latest apology: its reason and new date, and the appointment it missed.

    2018: the Phiếu xin lỗi và hẹn lại ngày trả kết quả. 2025: the apology owed after the
    appointment passed (Điều 19 k6 wants it before: see extension_pdf), on Mẫu 04 of TT 03/2025,
    marked late.
    """
    dossier = load_dossier(session, code)
    apologies = [a for a in dossier.appointments if a.kind == "apology"]
    if not apologies:
        raise FormUnavailable(f"Hồ sơ «{dossier.code}» chưa có phiếu xin lỗi, hẹn lại nào.")
    apology = apologies[-1]
    # The appointment that was missed: the one in force before this apology (a second apology
    # answers for the date of the first one); dossier.due_at for the usual single apology.
    earlier = [a for a in dossier.appointments if a.id < apology.id]
    missed = earlier[-1].due_at if earlier else dossier.due_at
    r = receipt_data(dossier, site)
    data = ApologyData(
        parent_name=r.parent_name, agency_name=r.agency_name, place=r.place, code=dossier.code,
        applicant_name=r.applicant_name, applicant_address=r.applicant_address,
        procedure_code=r.procedure_code, procedure_name=r.procedure_name,
        received_at=dossier.received_at, due_at=missed, reason=apology.reason,
        new_due_at=apology.due_at, issued_at=apology.given_at, qr_payload=r.qr_payload,
        result_place=site.paper_agency.result_place, mark=form_mark(dossier, "apology"),
        late_notice=LATE_APOLOGY_NOTICE if rule_sets.of(dossier.rule_set).extension else "",
    )
    return render_apology(data, *_paper(site, paper))


def extension_pdf(session: Session, site: Site, code: str, paper: str | None = None) -> bytes:
    """Mẫu 04 of TT 03/2025 (NĐ 118/2025 Điều 19 k6) from the dossier's extension: its reason, the
    proposed new appointment, how the applicant was told; the original appointment is due_at."""
    dossier = load_dossier(session, code)
    rules = rule_sets.of(dossier.rule_set)
    if not rules.extension:
        raise FormUnavailable(
            f"Hồ sơ «{dossier.code}» được tiếp nhận theo {rules.name}: không có văn bản đề nghị gia hạn; "
            "dùng phiếu xin lỗi và hẹn lại ngày trả kết quả.")
    extension = next((a for a in reversed(dossier.appointments) if a.kind == "extension"), None)
    if extension is None:
        raise FormUnavailable(f"Hồ sơ «{dossier.code}» chưa có đề nghị gia hạn thời gian giải quyết.")
    r = receipt_data(dossier, site)
    data = ExtensionData(
        parent_name=r.parent_name, agency_name=r.agency_name, place=r.place, code=dossier.code,
        applicant_name=r.applicant_name, applicant_address=r.applicant_address,
        procedure_code=r.procedure_code, procedure_name=r.procedure_name,
        received_at=dossier.received_at, due_at=dossier.due_at, new_due_at=extension.due_at,
        reason=extension.reason, issued_at=extension.given_at, qr_payload=r.qr_payload,
        notified_by=NOTIFIED_PHRASES.get(extension.notified_by, ""),
        deciding_body=dossier.department.name if dossier.department is not None else "",
        result_place=site.paper_agency.result_place, mark=form_mark(dossier, "extension"),
    )
    return render_extension(data, *_paper(site, paper))


# ------------------------------------------------------------------ Mẫu 05 (2025)


def stop_notice_pdf(session: Session, site: Site, code: str, paper: str | None = None) -> bytes:
    """Mẫu 05 of TT 03/2025, Thông báo dừng giải quyết hồ sơ (NĐ 118/2025 Điều 21, TT 03 Điều 7),
    from the "stop" event: the reason and what was handed back."""
    dossier = load_dossier(session, code)
    event = _latest_event(dossier, "stop")
    if not rule_sets.of(dossier.rule_set).stop_on_request or dossier.status != "stopped" or event is None:
        raise FormUnavailable(f"Hồ sơ «{dossier.code}» không dừng giải quyết theo đề nghị: "
                              "không có thông báo dừng giải quyết hồ sơ.")
    fields, rest = _note_fields(event.note)
    r = receipt_data(dossier, site)
    data = StopNoticeData(
        parent_name=r.parent_name, agency_name=r.agency_name, place=r.place, issued_at=event.at,
        code=dossier.code, applicant_name=r.applicant_name, applicant_id=r.applicant_id,
        applicant_phone=r.applicant_phone, applicant_address=r.applicant_address,
        procedure_code=r.procedure_code, procedure_name=r.procedure_name,
        received_at=dossier.received_at,
        reason=" ".join(([fields["Lý do"]] if fields.get("Lý do") else []) + rest),
        returned=fields.get("Đã trả lại", ""), officer_name=event.user, qr_payload=r.qr_payload,
        applicant_id_label=r.applicant_id_label, mark=form_mark(dossier, "stop-notice"),
    )
    return render_stop_notice(data, *_paper(site, paper))


# ------------------------------------------------------------------ control slip (Mẫu 05 / 06)


def _due_in_force(appointments: list[Appointment], at: datetime, fallback: datetime) -> datetime:
    """The deadline the unit was held to at `at`: the latest receipt/restart/resume appointment."""
    due = None
    for a in appointments:
        if a.kind in _CLOCK_KINDS and a.given_at <= at:
            due = a.due_at
    return due if due is not None else fallback


def _collector(dossier: Dossier) -> str:
    name = dossier.returned_to_name or dossier.applicant.name
    if dossier.returned_to_kind == "authorised":
        return f"{name} (người được ủy quyền)"
    return f"{name} (người nộp hồ sơ)"


# Events that go from the counter to the applicant: the papers or a notice change hands.
_TO_APPLICANT = ("request_supplement", "await_payment", "withdraw", "apologise", "extend", "stop")
# Events that end at the counter: the counter records them, nothing goes elsewhere (a closed
# unsupplemented file, a mistaken intake cancelled, a refusal after review handed to the counter).
_AT_COUNTER = ("close_unsupplemented", "cancel", "refuse_after_review")


def control_steps(dossier: Dossier) -> tuple[ControlStep, ...]:
    """Every event after receipt as a hand-over: who gave, who took, when, and whether in time.

    In time means by the deadline in force then (a restart or resume moves it; an apology or an
    extension does not), and a dossier that was once late is late from then on (first_late_at:
    NĐ 118/2025 leaves no way back, issue 11 rule 4).
    """
    applicant = f"{dossier.applicant.name} (người nộp hồ sơ)"
    open_ = dossier.closed_at is None
    appointments = list(dossier.appointments)
    steps: list[ControlStep] = []
    paused_since: datetime | None = None
    for e in dossier.events:
        pause_began, paused_since = paused_since, (
            (paused_since or e.at) if e.to_status in PAUSED else None)
        if e.action == "receive":
            continue
        giver, receiver = e.user, COUNTER
        if e.action == "transfer":
            receiver = e.handed_to or COUNTER
        elif e.action in _TO_APPLICANT:
            receiver = applicant
        elif e.action in _AT_COUNTER:
            receiver = COUNTER
        elif e.action in ("supplement_received", "paid"):
            giver, receiver = applicant, e.user
        elif e.action == "return":
            receiver = _collector(dossier)
        elif e.handed_to:
            receiver = e.handed_to
        # A result handed back later than the appointment because the applicant came late is
        # not the unit's lateness: the return is judged by when the result was ready.
        judged = dossier.finished_at if e.action == "return" and dossier.finished_at else e.at
        # The clock stops while the dossier waits for the applicant (NĐ 118/2025 Điều 19 k5): a
        # step taken during the pause is judged by the time left when the pause began.
        if pause_began is not None and e.from_status in PAUSED:
            judged = pause_began
        due = _due_in_force(appointments, judged, dossier.due_at)
        on_time: bool | None = judged <= due
        if dossier.first_late_at is not None and judged > dossier.first_late_at:
            on_time = False
        if open_ and on_time:
            on_time = None  # not yet due: the outcome is still open
        label = EVENT_LABELS.get(e.action, e.action)
        first_line = next((line.strip() for line in (e.note or "").splitlines() if line.strip()), "")
        note = f"{label}: {first_line}" if first_line else label
        steps.append(ControlStep(giver=giver, receiver=receiver, handed_at=e.at, received_at=e.at,
                                 on_time=on_time, note=note))
    return tuple(steps)


def control_slip_pdf(session: Session, site: Site, code: str, paper: str | None = None) -> bytes:
    """Mẫu 05 (TT 01/2018) or 06 (TT 03/2025): the dossier's hand-overs from its event history."""
    dossier = load_dossier(session, code)
    r = receipt_data(dossier, site)
    data = ControlSlipData(
        parent_name=r.parent_name, agency_name=r.agency_name, code=dossier.code,
        applicant_name=r.applicant_name, procedure_code=r.procedure_code,
        procedure_name=r.procedure_name, received_at=dossier.received_at, due_at=dossier.due_at,
        steps=control_steps(dossier), qr_payload=r.qr_payload,
        handling_unit=dossier.department.name if dossier.department is not None else "",
        mark=form_mark(dossier, "control-slip"),
    )
    return render_control_slip(data, *_paper(site, paper))


# ------------------------------------------------------------------ reception slips (no dossier)


def _looks_like_cccd(id_number: str) -> bool:
    return len(id_number) == 12 and id_number.isdigit()


def reception_slip_pdf(session: Session, site: Site, slip_id: int, paper: str | None = None) -> bytes:
    """Mẫu 02 or 03 handed out at reception: no dossier code, no QR; of the rule set in force at
    the slip's time (there is no dossier to have one)."""
    slip = session.get(ReceptionSlip, slip_id)
    if slip is None:
        raise FormUnavailable(f"Không tìm thấy phiếu tiếp nhận số {slip_id}.")
    procedure = session.get(Procedure, slip.procedure_id) if slip.procedure_id is not None else None
    agency = site.paper_agency
    id_label = ("Số CCCD" if not slip.applicant_id_number or _looks_like_cccd(slip.applicant_id_number)
                else "Mã số thuế")
    common = {
        "parent_name": agency.parent_name, "agency_name": agency.name, "place": agency.place_name,
        "issued_at": slip.at, "code": None, "applicant_name": slip.applicant_name,
        "applicant_id": slip.applicant_id_number, "applicant_phone": slip.applicant_phone,
        "applicant_address": "", "procedure_code": procedure.code if procedure else "",
        "procedure_name": procedure.name if procedure else "", "officer_name": slip.user,
        "qr_payload": None, "applicant_id_label": id_label,
        "mark": FormMark.of(rule_sets.for_received(slip.at), "supplement" if slip.kind == "supplement" else "refusal"),
    }
    if slip.kind == "supplement":
        items = tuple(MissingItem(line.strip(), "") for line in slip.content.splitlines() if line.strip())
        data = SupplementRequestData(**common, items=items, reason="", contact=agency.result_place)
        return render_supplement_request(data, *_paper(site, paper))
    data_r = RefusalData(**common, legal_basis=slip.legal_basis, reason=slip.content)
    return render_refusal(data_r, *_paper(site, paper))


FORMS: dict[str, Callable[..., bytes]] = {
    "receipt": receipt_pdf,
    "apology": apology_pdf,
    "control-slip": control_slip_pdf,
    "supplement": supplement_request_pdf,
    "refusal": refusal_pdf,
    "extension": extension_pdf,
    "stop-notice": stop_notice_pdf,
}
