"""Mẫu 05 of Thông tư 03/2025/TT-VPCP: Thông báo dừng giải quyết hồ sơ.

NĐ 118/2025 Điều 21 k1: from the receipt until the decision (or the notice of the result) the
applicant may ask to stop; the paper dossier and the fees are handed back as sector law says.
TT 03/2025 Điều 7 k1: the receiving counter checks that no decision or result notice exists yet
and issues this notice. So the paper says whose dossier, which procedure, received when, that
the stop was asked by the applicant, the reason given, that no decision existed, and what was
handed back. The form had no TT 01/2018 predecessor and its Phụ lục I layout has not been
obtained (research/legal-2025.md §3.2): the layout is that of the other forms (letterhead,
applicant block, signatures), with no field beyond what those articles name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from onestop.clock.rule_sets import RULES_2025
from onestop.paperwork.layout import (
    Ctx,
    FormMark,
    addressee,
    applicant_block,
    check_aware,
    check_qr_payload,
    clean,
    head,
    hm_date,
    render_fitted,
    sentence,
)
from onestop.paperwork.letterhead import SignatureColumn, esc, signature_block

__all__ = ["StopNoticeData", "render_stop_notice"]


@dataclass(frozen=True)
class StopNoticeData:
    parent_name: str
    agency_name: str
    place: str
    issued_at: datetime  # when the stop was recorded (aware)
    code: str
    applicant_name: str
    applicant_id: str
    applicant_phone: str
    applicant_address: str
    procedure_code: str
    procedure_name: str
    received_at: datetime  # aware
    reason: str  # as the applicant gave it; "" = not printed
    returned: str  # papers and fees handed back; "" = nothing recorded
    officer_name: str
    qr_payload: str | None = None
    applicant_id_label: str = "Số CCCD"
    mark: FormMark = field(default_factory=lambda: FormMark.of(RULES_2025, "stop-notice"))


def _story(data: StopNoticeData, ctx: Ctx) -> list:
    st, gap, prose = ctx.st, ctx.gap, ctx.prose
    agency = esc(clean(data.agency_name))
    who = addressee(data.applicant_id_label)
    story = head(ctx, data, data.mark.title, data.issued_at, data.place)
    story += applicant_block(ctx, data, "Kính gửi:")
    story.append(Paragraph(
        f"{agency} đã tiếp nhận hồ sơ của {who} vào lúc {hm_date(data.received_at)}.", prose))
    story.append(Paragraph(
        f"Căn cứ Điều 21 Nghị định số 118/2025/NĐ-CP, theo đề nghị của {who}, {agency} thông báo "
        f"dừng giải quyết hồ sơ nêu trên kể từ {hm_date(data.issued_at)}. Đến thời điểm này, hồ sơ "
        f"chưa có quyết định giải quyết hoặc văn bản thông báo kết quả giải quyết.", prose))
    if clean(data.reason):
        story.append(Paragraph(f"Lý do dừng: {sentence(data.reason)}", gap))
    returned = sentence(data.returned) if clean(data.returned) else "Không có."
    story.append(Paragraph(f"Hồ sơ, giấy tờ và phí, lệ phí đã trả lại: {returned}", gap))
    story.append(Paragraph(f"Xin thông báo để {who} được biết./.", gap))
    # Two signers, as on the receipt: the applicant takes back what is listed, the officer issues.
    sign = signature_block(
        st,
        [SignatureColumn("Người nộp hồ sơ", "(Ký và ghi rõ họ tên)", ""),
         SignatureColumn("Người tiếp nhận hồ sơ", "(Ký và ghi rõ họ tên)", data.officer_name)],
        ctx.width, space=ctx.paper.sign_space * ctx.step,
    )
    story.append(KeepTogether([Spacer(1, 6 * ctx.k), sign]))
    return story


def render_stop_notice(data: StopNoticeData, paper: str = "A4", font_path: str | None = None) -> bytes:
    """Mẫu 05 (TT 03/2025) as PDF bytes. ValueError for naive datetimes, unknown paper, personal data in QR."""
    check_qr_payload(data.qr_payload, data.applicant_name, data.applicant_id, data.applicant_phone)
    check_aware(data.issued_at, data.received_at)
    return render_fitted(_story, data, paper, font_path, data.mark.title)
