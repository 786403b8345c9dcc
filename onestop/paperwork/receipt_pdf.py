"""Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả, of TT 01/2018/TT-VPCP or TT 03/2025/TT-VPCP.

Rendered to PDF bytes on A4 or A5. The body is the TT 01/2018 template (adapted): the 2025 one
(Phụ lục I TT 03/2025) has not been obtained, so a 2025 receipt differs only where NĐ 118/2025
itself says what it carries (research/legal-2025.md §3): the mã số hồ sơ and the instant of
receipt (Điều 17 k3), and the time, place and method of return (Điều 22 k3), given as three items
when `return_method` is set. The QR code carries only the dossier code or a look-up URL built
from it, never personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from onestop.clock.rule_sets import RULES_2018
from onestop.paperwork.layout import (
    Ctx,
    FormMark,
    addressee,
    check_aware,
    check_qr_payload,
    clean,
    head,
    hm_date,
    render_fitted,
    sentence,
    with_qr,
)
from onestop.paperwork.letterhead import FormStyles, SignatureColumn, esc, signature_block

__all__ = ["ReceiptDocument", "ReceiptData", "render_receipt", "RECEIPT_TITLE"]

RECEIPT_TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"


@dataclass(frozen=True)
class ReceiptDocument:
    name: str  # e.g. "Tờ khai đăng ký khai sinh"
    form: str  # "bản chính" | "bản sao" | "bản sao chứng thực"
    quantity: int


@dataclass(frozen=True)
class ReceiptData:
    parent_name: str  # cơ quan chủ quản, e.g. "UBND TỈNH BẮC NINH" (may be "")
    agency_name: str  # e.g. "Trung tâm Phục vụ hành chính công huyện Tiên Du"
    place: str  # place name for the date line, e.g. "Tiên Du"
    code: str  # "000.00.12.H11-261122-0007"
    applicant_name: str
    applicant_id_label: str  # "Số CCCD" or "Mã số thuế"
    applicant_id: str  # may be masked by the caller; printed as given
    applicant_phone: str
    applicant_email: str
    applicant_address: str
    procedure_code: str
    procedure_name: str
    field_name: str
    documents: tuple[ReceiptDocument, ...]
    sets_count: int
    channel_label: str  # "Trực tiếp" | "Bưu chính công ích" | "Trực tuyến"
    statutory_label: str  # "15 ngày làm việc"
    committed_label: str  # "10 ngày làm việc"
    received_at: datetime  # aware
    due_at: datetime  # aware: the appointment
    statutory_due_at: datetime
    result_place: str  # where the result is collected
    officer_name: str
    fee: str
    qr_payload: str  # the dossier code or the look-up URL with the code: NEVER personal data
    note: str = ""
    mark: FormMark = field(default_factory=lambda: FormMark.of(RULES_2018, "receipt"))
    # NĐ 118/2025 Điều 22 k3: how the result is returned, e.g. "Trực tiếp tại …"; "" = the 2018
    # items (time and place of return only).
    return_method: str = ""


def _documents_table(data: ReceiptData, st: FormStyles, width: float) -> Flowable:
    k = st.scale
    # Short fixed cells are plain strings (much cheaper than Paragraphs); only
    # cells that may need wrapping are Paragraphs.
    rows: list[list] = [
        ["STT", Paragraph("Tên giấy tờ", st.table_head), Paragraph("Hình thức", st.table_head),
         "Số lượng"]
    ]
    for i, doc in enumerate(data.documents, start=1):
        rows.append(
            [
                str(i),
                Paragraph(esc(doc.name), st.table_cell),
                Paragraph(esc(doc.form), st.table_cell_center),
                f"{doc.quantity:02d}",
            ]
        )
    stt_w, form_w, qty_w = 0.07 * width, 0.24 * width, 0.13 * width
    t = Table(
        rows,
        colWidths=[stt_w, width - stt_w - form_w - qty_w, form_w, qty_w],
        repeatRows=1,
    )
    pad = 2.5 * k
    cell = st.table_cell
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("FONT", (0, 0), (-1, -1), cell.fontName, cell.fontSize, cell.leading),
                ("FONT", (0, 0), (-1, 0), st.table_head.fontName, cell.fontSize, cell.leading),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad * 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.8),
            ]
        )
    )
    return t


def _story(data: ReceiptData, ctx: Ctx, ledger_line: bool) -> list:
    st, k, gap = ctx.st, ctx.k, ctx.gap
    body = st.body
    appointment = ParagraphStyle("appointment", parent=gap, fontName=st.fonts.bold)
    deadline = st.small_italic

    story = head(ctx, data, data.mark.title, data.received_at, data.place)

    # Code and applicant on the left, QR beside the code line on the right.
    who = addressee(data.applicant_id_label)
    left: list = [
        Paragraph(f"{data.mark.code_label}: <b>{esc(data.code)}</b>", ctx.code_style(3)),
        Paragraph(
            f"{esc(data.agency_name)} tiếp nhận hồ sơ của: {who} <b>{esc(data.applicant_name)}</b>",
            body,
        ),
    ]
    if clean(data.applicant_id):
        left.append(Paragraph(f"{esc(data.applicant_id_label)}: {esc(data.applicant_id)}", gap))
    contact = []
    if clean(data.applicant_phone):
        contact.append(f"Số điện thoại: {esc(data.applicant_phone)}")
    if clean(data.applicant_email):
        contact.append(f"Email: {esc(data.applicant_email)}")
    if contact:
        left.append(Paragraph("; ".join(contact), gap))
    if clean(data.applicant_address):
        left.append(Paragraph(f"Địa chỉ: {esc(data.applicant_address)}", gap))
    story += with_qr(ctx, left, data.qr_payload)

    details = []
    for label, value in (("mã thủ tục", data.procedure_code), ("lĩnh vực", data.field_name)):
        if clean(value):
            details.append(f"{label}: {esc(value)}")
    extra = f" ({'; '.join(details)})" if details else ""
    story.append(
        Paragraph(f"Nội dung yêu cầu giải quyết: <b>{esc(data.procedure_name)}</b>{extra}.", gap)
    )

    story.append(Paragraph("1. Thành phần hồ sơ nộp gồm:", gap))
    if data.documents:
        story.append(Spacer(1, 2 * k))
        story.append(_documents_table(data, st, ctx.width))
    else:
        story.append(Paragraph("(Không có giấy tờ kèm theo)", st.small_italic))
    story.append(Paragraph(f"2. Số lượng hồ sơ: {data.sets_count:02d} (bộ).", gap))
    story.append(Paragraph(f"3. Hình thức nộp hồ sơ: {sentence(data.channel_label)}", gap))
    story.append(
        Paragraph(
            f"4. Thời gian giải quyết hồ sơ theo quy định: {esc(data.statutory_label)}; "
            f"thời gian cam kết giải quyết: {esc(data.committed_label)}.",
            gap,
        )
    )
    story.append(Paragraph(f"5. Thời gian nhận hồ sơ: {hm_date(data.received_at)}.", gap))
    story.append(Paragraph(f"6. Thời gian trả kết quả: {hm_date(data.due_at)}.", appointment))
    story.append(
        Paragraph(f"(Hạn giải quyết theo quy định: {hm_date(data.statutory_due_at)})", deadline)
    )
    fee = clean(data.fee) or "Không"
    if clean(data.return_method):
        # Điều 22 k3: the result is returned at the time, place and by the method written here.
        story.append(Paragraph(f"7. Địa điểm trả kết quả: {sentence(data.result_place)}", gap))
        story.append(Paragraph(f"8. Cách thức trả kết quả: {sentence(data.return_method)}", gap))
        story.append(Paragraph(f"9. Phí, lệ phí: {sentence(fee)}", gap))
    else:
        story.append(Paragraph(f"7. Nhận kết quả tại: {sentence(data.result_place)}", gap))
        story.append(Paragraph(f"8. Phí, lệ phí: {sentence(fee)}", gap))
    if clean(data.note):
        story.append(Paragraph(f"<i>Ghi chú:</i> {sentence(data.note)}", gap))

    # Ledger line and signatures must never be split from each other.
    bottom: list = [Spacer(1, 4 * k)]
    if ledger_line:
        bottom.append(
            Paragraph("Vào Sổ theo dõi hồ sơ, Quyển số: ............ Số thứ tự: ............", body)
        )
        bottom.append(Spacer(1, 4 * k))
    bottom.append(
        signature_block(
            st,
            [
                SignatureColumn("Người nộp hồ sơ", "(Ký và ghi rõ họ tên)"),
                SignatureColumn("Người tiếp nhận hồ sơ", "(Ký và ghi rõ họ tên)", data.officer_name),
            ],
            ctx.width,
            space=ctx.paper.sign_space * ctx.step,
        )
    )
    story.append(KeepTogether(bottom))
    return story


def render_receipt(
    data: ReceiptData,
    paper: str = "A4",
    font_path: str | None = None,
    *,
    ledger_line: bool = True,
) -> bytes:
    """Render Mẫu 01 to PDF bytes (one page for usual dossiers on A4 and A5).

    Raises FontError if no font with Vietnamese glyphs is available and
    ValueError for naive datetimes, an unknown paper or a QR payload
    containing personal data.
    """
    check_qr_payload(
        data.qr_payload, data.applicant_name, data.applicant_id, data.applicant_phone,
        data.applicant_email,
    )
    check_aware(data.received_at, data.due_at, data.statutory_due_at)
    return render_fitted(partial(_story, ledger_line=ledger_line), data, paper, font_path,
                         data.mark.title)
