"""Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Thông tư 01/2018/TT-VPCP).

Rendered to PDF bytes on A4 or A5. The QR code carries only the dossier code
or a look-up URL built from it, never personal data.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .fonts import FontFamily, register_serif
from .letterhead import (
    FormStyles,
    SignatureColumn,
    esc,
    letterhead,
    make_styles,
    nfc,
    signature_block,
    title_block,
    to_local,
)
from .qr import qr_flowable

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


@dataclass(frozen=True)
class _Paper:
    size: tuple[float, float]
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    body_pt: float
    qr_mm: float
    sign_space: float
    para_gap: float  # space between numbered lines, pt


# A4 keeps the NĐ 30/2020 margins; A5 trades margin for text so a usual
# dossier (2-6 documents) fits on one page.
_PAPERS = {
    "A4": _Paper(A4, (20 * mm, 15 * mm, 15 * mm, 30 * mm), 13.0, 25.0, 20 * mm, 3.0),
    "A5": _Paper(A5, (10 * mm, 10 * mm, 8 * mm, 14 * mm), 10.0, 20.0, 12 * mm, 1.4),
}
# Scale factors tried, in order, when the content overflows one page.
_SHRINK_STEPS = (1.0, 0.92, 0.85)


def _hm_date(dt: datetime) -> str:
    d = to_local(dt)
    return f"{d.hour:02d} giờ {d.minute:02d} phút, ngày {d.day:02d}/{d.month:02d}/{d.year}"


def _sentence(text: str) -> str:
    """Escaped text ending with exactly one full stop (callers may already add one)."""
    t = nfc(text).strip()
    if t and not t.endswith((".", "!", "?", ")")):
        t += "."
    return esc(t)


def _check_payload(data: ReceiptData) -> None:
    """Refuse QR payloads that embed the applicant's personal data."""
    payload = nfc(data.qr_payload).casefold()
    compact = re.sub(r"\s+", "", payload)
    for value in (data.applicant_name, data.applicant_id, data.applicant_phone, data.applicant_email):
        v = nfc(value).strip().casefold()
        if len(v) >= 5 and (v in payload or re.sub(r"\s+", "", v) in compact):
            raise ValueError("QR payload must not contain the applicant's personal data")


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


def _story(
    data: ReceiptData, st: FormStyles, paper: _Paper, width: float, step: float, ledger_line: bool
) -> list:
    k = st.scale  # relative to the 13 pt A4 body
    body = st.body
    gap = ParagraphStyle("gap", parent=body, spaceBefore=paper.para_gap * step)
    code_style = ParagraphStyle(
        "code", parent=body, fontSize=body.fontSize * 14 / 13, leading=body.leading * 14 / 13,
        spaceAfter=3 * k,
    )
    caption = ParagraphStyle(
        "qr_caption", parent=st.small_italic, alignment=TA_CENTER,
        fontSize=st.small.fontSize * 0.8, leading=st.small.fontSize * 0.95,
    )
    appointment = ParagraphStyle("appointment", parent=gap, fontName=st.fonts.bold)
    deadline = st.small_italic

    story: list = []
    story += letterhead(
        st,
        width=width,
        parent_name=data.parent_name,
        agency_name=data.agency_name,
        place=data.place,
        date=data.received_at,
    )
    story += title_block(st, RECEIPT_TITLE, space_before=10 * k)
    story.append(Spacer(1, 5 * k))

    # Code and applicant on the left, QR beside the code line on the right.
    is_org = "thuế" in nfc(data.applicant_id_label).lower()
    who = "Tổ chức" if is_org else "Ông/Bà"
    left: list = [
        Paragraph(f"Mã hồ sơ: <b>{esc(data.code)}</b>", code_style),
        Paragraph(
            f"{esc(data.agency_name)} tiếp nhận hồ sơ của: {who} <b>{esc(data.applicant_name)}</b>",
            body,
        ),
    ]
    if nfc(data.applicant_id).strip():
        left.append(Paragraph(f"{esc(data.applicant_id_label)}: {esc(data.applicant_id)}", gap))
    contact = []
    if nfc(data.applicant_phone).strip():
        contact.append(f"Số điện thoại: {esc(data.applicant_phone)}")
    if nfc(data.applicant_email).strip():
        contact.append(f"Email: {esc(data.applicant_email)}")
    if contact:
        left.append(Paragraph("; ".join(contact), gap))
    if nfc(data.applicant_address).strip():
        left.append(Paragraph(f"Địa chỉ: {esc(data.applicant_address)}", gap))

    qr_size = paper.qr_mm * mm * step
    right: list = [qr_flowable(data.qr_payload, qr_size / mm), Paragraph("Quét mã để tra cứu", caption)]
    col_gap = 4 * mm * k
    head = Table([[left, "", right]], colWidths=[width - qr_size - col_gap, col_gap, qr_size])
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(head)

    details = []
    for label, value in (("mã thủ tục", data.procedure_code), ("lĩnh vực", data.field_name)):
        if nfc(value).strip():
            details.append(f"{label}: {esc(value)}")
    extra = f" ({'; '.join(details)})" if details else ""
    story.append(
        Paragraph(f"Nội dung yêu cầu giải quyết: <b>{esc(data.procedure_name)}</b>{extra}.", gap)
    )

    story.append(Paragraph("1. Thành phần hồ sơ nộp gồm:", gap))
    if data.documents:
        story.append(Spacer(1, 2 * k))
        story.append(_documents_table(data, st, width))
    else:
        story.append(Paragraph("(Không có giấy tờ kèm theo)", st.small_italic))
    story.append(Paragraph(f"2. Số lượng hồ sơ: {data.sets_count:02d} (bộ).", gap))
    story.append(Paragraph(f"3. Hình thức nộp hồ sơ: {_sentence(data.channel_label)}", gap))
    story.append(
        Paragraph(
            f"4. Thời gian giải quyết hồ sơ theo quy định: {esc(data.statutory_label)}; "
            f"thời gian cam kết giải quyết: {esc(data.committed_label)}.",
            gap,
        )
    )
    story.append(Paragraph(f"5. Thời gian nhận hồ sơ: {_hm_date(data.received_at)}.", gap))
    story.append(Paragraph(f"6. Thời gian trả kết quả: {_hm_date(data.due_at)}.", appointment))
    story.append(
        Paragraph(f"(Hạn giải quyết theo quy định: {_hm_date(data.statutory_due_at)})", deadline)
    )
    story.append(Paragraph(f"7. Nhận kết quả tại: {_sentence(data.result_place)}", gap))
    fee = nfc(data.fee).strip() or "Không"
    story.append(Paragraph(f"8. Phí, lệ phí: {_sentence(fee)}", gap))
    if nfc(data.note).strip():
        story.append(Paragraph(f"<i>Ghi chú:</i> {_sentence(data.note)}", gap))

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
            width,
            space=paper.sign_space * step,
        )
    )
    story.append(KeepTogether(bottom))
    return story


def _paper(paper: str) -> _Paper:
    try:
        return _PAPERS[paper.strip().upper()]
    except KeyError:
        raise ValueError(f"unsupported paper size {paper!r}; use 'A4' or 'A5'") from None


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
    spec = _paper(paper)
    fonts = register_serif(font_path)
    _check_payload(data)
    for dt in (data.received_at, data.due_at, data.statutory_due_at):
        to_local(dt)  # fail fast on naive datetimes

    pdf, pages, used = _build(data, fonts, spec, 1.0, ledger_line)
    if pages == 1:
        return pdf
    # Content height at full size (a slight overestimate: page-break waste is
    # included); shrink only as far as needed, never below the last step.
    total = (pages - 1) * _frame_height(spec, 1.0) + used
    for step in _SHRINK_STEPS[1:]:
        if total * step > _frame_height(spec, step):
            continue
        small, small_pages, _ = _build(data, fonts, spec, step, ledger_line)
        if small_pages == 1:
            return small
    # Long lists: better two readable pages than one cramped page.
    return pdf


def _frame_height(spec: _Paper, step: float) -> float:
    top, _right, bottom, _left = spec.margins
    return spec.size[1] - (top + bottom) * step


def _build(
    data: ReceiptData, fonts: FontFamily, spec: _Paper, step: float, ledger_line: bool
) -> tuple[bytes, int, float]:
    """(pdf, page count, height used on the last page) at the given scale."""
    top, right, bottom, left = spec.margins
    width = spec.size[0] - left - right
    st = make_styles(fonts, spec.body_pt * step)
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=spec.size,
        topMargin=top * step,
        bottomMargin=bottom * step,
        leftMargin=left,
        rightMargin=right,
        title=f"{RECEIPT_TITLE.capitalize()} - {nfc(data.code)}",
        author=nfc(data.agency_name),
        subject=nfc(data.procedure_name),
        creator="onestop",
        lang="vi",
        displayDocTitle=True,
    )
    # Zero frame padding: tables are sized to exactly the text width.
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )
    code = nfc(data.code)
    small = st.small_italic

    def later_pages(canvas, doc_) -> None:
        # Continuation pages must still identify the dossier.
        page = canvas.getPageNumber()
        if page > 1:
            canvas.saveState()
            canvas.setFont(small.fontName, small.fontSize)
            canvas.drawRightString(
                spec.size[0] - right,
                spec.size[1] - top * step * 0.6,
                f"Mã hồ sơ: {code} - Trang {page}",
            )
            canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="receipt", frames=[frame], onPage=later_pages)])
    doc.build(_story(data, st, spec, width, step, ledger_line))
    used = doc.frame._y2 - doc.frame._y  # frame cursor after the last flowable
    return buf.getvalue(), doc.page, used
