"""Mẫu 04 of Thông tư 03/2025/TT-VPCP: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết.

NĐ 118/2025 Điều 19 k6: for a dossier expected to be late, no later than one day before the
appointment, the competent body tells the counter in writing and apologises to the applicant,
stating the reason for the delay and the proposed new time; the counter moves the appointment
once and tells the applicant by e-mail, SMS, phone (or social network). Those are the items this
paper carries. The layout and wording otherwise follow Mẫu 04 of TT 01/2018 (forms.py), turned to
the future ("dự kiến", "đề nghị gia hạn"): the 2025 body of Phụ lục I has not been obtained
(research/legal-2025.md §3.2). The original appointment is printed as given at receipt: an
extension never rewrites it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reportlab.platypus import Flowable, Paragraph

from onestop.clock.rule_sets import RULES_2025
from onestop.paperwork.layout import (
    Ctx,
    FormMark,
    check_aware,
    check_qr_payload,
    clean,
    head,
    hm_date,
    person,
    procedure_line,
    render_fitted,
    sentence,
    signature,
    with_qr,
)
from onestop.paperwork.letterhead import esc

__all__ = ["ExtensionData", "render_extension"]


@dataclass(frozen=True)
class ExtensionData:
    parent_name: str
    agency_name: str  # the counter's agency, which receives and returns
    place: str
    code: str
    applicant_name: str
    applicant_address: str
    procedure_code: str
    procedure_name: str
    received_at: datetime  # aware
    due_at: datetime  # the appointment given at receipt (never moved by the extension)
    new_due_at: datetime  # the proposed new appointment
    reason: str  # why the dossier will be late
    issued_at: datetime  # when the extension was recorded
    qr_payload: str | None
    # How the applicant was told, as a phrase completing "đã được thông báo tới Ông/Bà …", e.g.
    # "qua tin nhắn"; "" = not printed.
    notified_by: str = ""
    deciding_body: str = ""  # the competent body asking for the extension; "" = agency_name
    result_place: str = ""
    signatory_role: str = "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"
    signatory_name: str = ""
    mark: FormMark = field(default_factory=lambda: FormMark.of(RULES_2025, "extension"))


def _story(data: ExtensionData, ctx: Ctx) -> list:
    st, gap, prose = ctx.st, ctx.gap, ctx.prose
    agency = esc(clean(data.agency_name))
    body = esc(clean(data.deciding_body)) or agency
    story = head(ctx, data, data.mark.title, data.issued_at, data.place)
    left: list[Flowable] = [
        Paragraph(f"{data.mark.code_label}: <b>{esc(clean(data.code))}</b>", ctx.code_style()),
        Paragraph(f"Kính gửi: Ông/Bà <b>{person(data.applicant_name)}</b>", st.body),
    ]
    if clean(data.applicant_address):
        left.append(Paragraph(f"Địa chỉ: {esc(clean(data.applicant_address))}", gap))
    story += with_qr(ctx, left, data.qr_payload)
    story.append(Paragraph(
        f"{agency} tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục {procedure_line(data)} vào lúc "
        f"{hm_date(data.received_at)}, hẹn trả kết quả vào lúc {hm_date(data.due_at)}.", prose))
    story.append(Paragraph(
        "Hồ sơ của Ông/Bà dự kiến không giải quyết được đúng thời hạn hẹn trả kết quả nêu trên.", prose))
    story.append(Paragraph(f"Lý do: {sentence(data.reason)}", prose))
    story.append(Paragraph(
        f"{body} xin lỗi Ông/Bà vì sự chậm trễ này và đề nghị gia hạn thời gian giải quyết hồ sơ; "
        f"thời gian hẹn trả kết quả mới: <b>{hm_date(data.new_due_at)}</b>.", prose))
    if clean(data.result_place):
        story.append(Paragraph(f"Nhận kết quả tại: {sentence(data.result_place)}", gap))
    if clean(data.notified_by):
        story.append(Paragraph(
            f"Thời gian hẹn trả kết quả mới đã được thông báo tới Ông/Bà {esc(clean(data.notified_by))}.", gap))
    story.append(Paragraph(f"{body} xin trân trọng cảm ơn./.", gap))
    story.append(signature(ctx, data.signatory_role, data.signatory_name, "(Ký, ghi rõ họ tên và đóng dấu)"))
    return story


def render_extension(data: ExtensionData, paper: str = "A4", font_path: str | None = None) -> bytes:
    """Mẫu 04 (TT 03/2025) as PDF bytes. ValueError for naive datetimes, unknown paper, personal
    data in the QR, or a new appointment not after the original one."""
    check_qr_payload(data.qr_payload, data.applicant_name)
    check_aware(data.received_at, data.due_at, data.new_due_at, data.issued_at)
    if data.new_due_at <= data.due_at:
        raise ValueError("the new appointment must be after the original one")
    return render_fitted(_story, data, paper, font_path, data.mark.title)
