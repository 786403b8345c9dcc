"""Mẫu 02, 03, 04 (apology) and the control slip, for both rule sets, rendered to PDF bytes.

- Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (both sets);
- Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ (both sets) and, for a 2025 dossier refused
  after review (NĐ 118/2025 Điều 19 k3), the Phiếu từ chối giải quyết hồ sơ;
- Mẫu 04 of TT 01/2018: Phiếu xin lỗi và hẹn lại ngày trả kết quả; for a 2025 dossier the same
  apology, given after the appointment passed, printed under the title of Mẫu 04 of TT 03/2025
  and marked late (the extension asked in time is extension.py);
- the control slip: Mẫu 05 of TT 01/2018, Mẫu 06 of TT 03/2025.

Number, title and circular come with the data (`mark`, from onestop.clock.rule_sets by the dossier's
rule set); the default is the 2018 form. The bodies are the TT 01/2018 templates (adapted): the
2025 bodies of Phụ lục I TT 03/2025 have not been obtained (research/legal-2025.md §3.2), so only
titles, numbers and what the decree itself names differ (the refusal after review says it was
decided after review, by the competent body). Same look as the receipt (Mẫu 01): letterhead,
serif font with Vietnamese coverage, signature blocks. Data classes hold plain values only. A QR
code is drawn only when a payload is given; like the receipt's, it must carry the dossier code or
a look-up URL, never personal data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from onestop.clock.rule_sets import RULES_2018
from onestop.paperwork.fonts import width_scale
from onestop.paperwork.layout import (
    SIGN_HINT,
    Ctx,
    FormMark,
    addressee,
    applicant_block,
    check_aware,
    check_qr_payload,
    clause,
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
from onestop.paperwork.letterhead import esc, to_local

__all__ = [
    "APOLOGY_TITLE",
    "CONTROL_SLIP_TITLE",
    "LATE_APOLOGY_NOTICE",
    "LATE_LABEL",
    "ON_TIME_LABEL",
    "REFUSAL_TITLE",
    "SUPPLEMENT_TITLE",
    "ApologyData",
    "ControlSlipData",
    "ControlStep",
    "MissingItem",
    "RefusalData",
    "SupplementRequestData",
    "render_apology",
    "render_control_slip",
    "render_refusal",
    "render_supplement_request",
]

SUPPLEMENT_TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
REFUSAL_TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
APOLOGY_TITLE = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
CONTROL_SLIP_TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
ON_TIME_LABEL = "Đúng hạn"
LATE_LABEL = "Quá hạn"
# A 2025 apology after the appointment passed (Điều 19 k6 asks for it before): said on the paper.
LATE_APOLOGY_NOTICE = "Hồ sơ đã quá hạn hẹn trả kết quả"

_SEAL_HINT = "(Ký, ghi rõ họ tên và đóng dấu)"


def _mark_2018(name: str) -> FormMark:
    return FormMark.of(RULES_2018, name)


# ------------------------------------------------------------------ data


@dataclass(frozen=True)
class MissingItem:
    name: str  # the paper concerned, e.g. "Tờ khai đăng ký khai sinh"
    problem: str  # what is wrong or missing, e.g. "thiếu chữ ký"


@dataclass(frozen=True)
class SupplementRequestData:
    """Mẫu 02. code is None when printed at reception before any dossier exists."""

    parent_name: str  # cơ quan chủ quản (may be "")
    agency_name: str
    place: str  # for the date line
    issued_at: datetime  # aware
    code: str | None
    applicant_name: str
    applicant_id: str  # may be "" or masked by the caller
    applicant_phone: str
    applicant_address: str
    procedure_code: str
    procedure_name: str
    items: tuple[MissingItem, ...]
    reason: str
    officer_name: str  # người hướng dẫn
    # Whom to ask, e.g. "Bộ phận Một cửa, số điện thoại 0222 3838 123"; "" = the agency.
    contact: str = ""
    qr_payload: str | None = None  # dossier code or look-up URL: NEVER personal data
    applicant_id_label: str = "Số CCCD"  # "Mã số thuế" for organisations
    mark: FormMark = field(default_factory=lambda: _mark_2018("supplement"))


@dataclass(frozen=True)
class RefusalData:
    """Mẫu 03. code is None when refused at the counter without registering a dossier."""

    parent_name: str
    agency_name: str
    place: str
    issued_at: datetime  # aware
    code: str | None
    applicant_name: str
    applicant_id: str
    applicant_phone: str
    applicant_address: str
    procedure_code: str
    procedure_name: str
    legal_basis: str  # e.g. "khoản 2 Điều 9 Nghị định số 123/2015/NĐ-CP" ("Căn cứ" optional)
    reason: str
    officer_name: str
    signatory_role: str = "NGƯỜI TIẾP NHẬN"  # or the agency's representative
    qr_payload: str | None = None
    applicant_id_label: str = "Số CCCD"
    mark: FormMark = field(default_factory=lambda: _mark_2018("refusal"))
    # NĐ 118/2025 Điều 19 k3: refused by the competent body after review ("" = at reception),
    # the body's name; the paper then says "từ chối giải quyết", not "từ chối tiếp nhận".
    after_review_by: str = ""


@dataclass(frozen=True)
class ApologyData:
    """Mẫu 04 of TT 01/2018; a late apology on Mẫu 04 of TT 03/2025 (with late_notice)."""

    parent_name: str
    agency_name: str
    place: str
    code: str
    applicant_name: str
    applicant_address: str
    procedure_code: str
    procedure_name: str
    received_at: datetime  # aware
    due_at: datetime  # the original appointment
    reason: str  # why the result is late
    new_due_at: datetime  # the new appointment
    issued_at: datetime
    qr_payload: str | None
    signatory_role: str = "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"
    signatory_name: str = ""
    result_place: str = ""  # where to collect the result; "" = not printed
    mark: FormMark = field(default_factory=lambda: _mark_2018("apology"))
    late_notice: str = ""  # under the title, e.g. LATE_APOLOGY_NOTICE; "" = none


@dataclass(frozen=True)
class ControlStep:
    giver: str  # e.g. "Bộ phận Một cửa - Trần Văn Đức"
    receiver: str
    handed_at: datetime  # aware
    received_at: datetime | None  # None: not yet acknowledged
    on_time: bool | None  # None: still in progress
    note: str = ""


@dataclass(frozen=True)
class ControlSlipData:
    """Mẫu 05 of TT 01/2018, Mẫu 06 of TT 03/2025."""

    parent_name: str
    agency_name: str
    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    received_at: datetime  # aware
    due_at: datetime
    steps: tuple[ControlStep, ...]
    qr_payload: str | None
    handling_unit: str = ""  # cơ quan (bộ phận) giải quyết hồ sơ; "" = not printed
    coordinating_units: str = ""  # cơ quan phối hợp giải quyết; "" = not printed
    officer_name: str = ""  # who prints the slip (signs at the bottom)
    mark: FormMark = field(default_factory=lambda: _mark_2018("control-slip"))


# ---------------------------------------------------------------- Mẫu 02


def _supplement_story(data: SupplementRequestData, ctx: Ctx) -> list:
    st, gap, k = ctx.st, ctx.gap, ctx.k
    story = head(ctx, data, data.mark.title, data.issued_at, data.place)
    story += applicant_block(ctx, data, "Hồ sơ của")
    story.append(
        Paragraph("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", gap)
    )
    indent = 7 * mm * k
    item = ParagraphStyle(
        "item", parent=gap, leftIndent=indent, bulletIndent=indent * 0.35,
        bulletFontName=st.fonts.regular, bulletFontSize=st.body.fontSize,
    )
    for i, it in enumerate(data.items, start=1):
        name, problem = clause(it.name), sentence(it.problem)
        text = f"{name}: {problem}" if problem else f"{name}."
        story.append(Paragraph(text, item, bulletText=f"{i}."))
    if not data.items:
        story.append(Paragraph("(Không có nội dung)", st.small_italic))
    if clean(data.reason):
        story.append(Paragraph(f"Lý do: {sentence(data.reason)}", gap))
    who = addressee(data.applicant_id_label)
    contact = clause(data.contact) or clause(data.agency_name)
    story.append(
        Paragraph(
            f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, {who} liên hệ với "
            f"{contact} để được hướng dẫn./.",
            ctx.prose,
        )
    )
    story.append(signature(ctx, "NGƯỜI HƯỚNG DẪN", data.officer_name))
    return story


def render_supplement_request(
    data: SupplementRequestData, paper: str = "A4", font_path: str | None = None
) -> bytes:
    """Mẫu 02 as PDF bytes. ValueError for naive datetimes, unknown paper, personal data in QR."""
    check_qr_payload(data.qr_payload, data.applicant_name, data.applicant_id, data.applicant_phone)
    check_aware(data.issued_at)
    return render_fitted(_supplement_story, data, paper, font_path, data.mark.title)


# ---------------------------------------------------------------- Mẫu 03


def _legal_basis(text: str) -> str:
    """'Căn cứ' is printed by the form; drop it if the caller already wrote it."""
    t = clean(text)
    t = re.sub(r"^căn\s+cứ\s*[:,]?\s*", "", t, flags=re.IGNORECASE)
    return clause(t)


def _refusal_story(data: RefusalData, ctx: Ctx) -> list:
    gap = ctx.gap
    agency = esc(clean(data.agency_name))
    story = head(ctx, data, data.mark.title, data.issued_at, data.place)
    story += applicant_block(ctx, data, f"{agency} tiếp nhận hồ sơ của")
    who = addressee(data.applicant_id_label)
    basis = _legal_basis(data.legal_basis)
    if clean(data.after_review_by):
        # Điều 19 k3: the competent body, after review, through the counter.
        body = esc(clean(data.after_review_by))
        lead = f"Căn cứ {basis}, sau" if basis else "Sau"
        text = (f"{lead} khi thẩm tra, thẩm định hồ sơ, {body} từ chối giải quyết hồ sơ này với lý do "
                f"cụ thể như sau: {sentence(data.reason)}")
    else:
        lead = f"Căn cứ {basis}, sau khi xem xét, " if basis else "Sau khi xem xét, "
        text = (f"{lead}{agency} từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: "
                f"{sentence(data.reason)}")
    story.append(Paragraph(text, ctx.prose))
    if clean(data.after_review_by):
        story.append(Paragraph(f"Hồ sơ được trả lại cho {who} qua {agency}.", gap))
    story.append(Paragraph(f"Xin thông báo để {who} được biết và thực hiện./.", gap))
    hint = _SEAL_HINT if clean(data.after_review_by) else SIGN_HINT
    story.append(signature(ctx, data.signatory_role, data.officer_name, hint))
    return story


def render_refusal(data: RefusalData, paper: str = "A4", font_path: str | None = None) -> bytes:
    """The refusal (Mẫu 03) as PDF bytes. ValueError for naive datetimes, unknown paper, personal data in QR."""
    check_qr_payload(data.qr_payload, data.applicant_name, data.applicant_id, data.applicant_phone)
    check_aware(data.issued_at)
    return render_fitted(_refusal_story, data, paper, font_path, data.mark.title)


# ---------------------------------------------------------------- Mẫu 04


def _apology_story(data: ApologyData, ctx: Ctx) -> list:
    st, gap, prose = ctx.st, ctx.gap, ctx.prose
    agency = esc(clean(data.agency_name))
    story = head(ctx, data, data.mark.title, data.issued_at, data.place)
    if clean(data.late_notice):
        story.insert(-1, Paragraph(f"({esc(clean(data.late_notice))})", ctx.late_style()))
    left: list[Flowable] = [
        Paragraph(f"{data.mark.code_label}: <b>{esc(clean(data.code))}</b>", ctx.code_style()),
        Paragraph(f"Kính gửi: Ông/Bà <b>{person(data.applicant_name)}</b>", st.body),
    ]
    if clean(data.applicant_address):
        left.append(Paragraph(f"Địa chỉ: {esc(clean(data.applicant_address))}", gap))
    story += with_qr(ctx, left, data.qr_payload)
    story.append(
        Paragraph(
            f"{agency} tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục {procedure_line(data)} "
            f"vào lúc {hm_date(data.received_at)}, hẹn trả kết quả vào lúc "
            f"{hm_date(data.due_at)}.",
            prose,
        )
    )
    story.append(
        Paragraph(
            f"Tuy nhiên đến nay, {agency} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà.", prose
        )
    )
    story.append(Paragraph(f"Lý do: {sentence(data.reason)}", prose))
    story.append(
        Paragraph(
            f"Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. {agency} xin "
            f"lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào lúc "
            f"<b>{hm_date(data.new_due_at)}</b>.",
            prose,
        )
    )
    if clean(data.result_place):
        story.append(Paragraph(f"Nhận kết quả tại: {sentence(data.result_place)}", gap))
    story.append(Paragraph(f"{agency} xin trân trọng cảm ơn./.", gap))
    story.append(signature(ctx, data.signatory_role, data.signatory_name, _SEAL_HINT))
    return story


def render_apology(data: ApologyData, paper: str = "A4", font_path: str | None = None) -> bytes:
    """The apology (Mẫu 04) as PDF bytes. ValueError for naive datetimes, unknown paper, personal data in QR."""
    check_qr_payload(data.qr_payload, data.applicant_name)
    check_aware(data.received_at, data.due_at, data.new_due_at, data.issued_at)
    return render_fitted(_apology_story, data, paper, font_path, data.mark.title)


# ---------------------------------------------------------------- control slip


def _short_time(dt: datetime) -> str:
    # Hour and date on separate lines so narrow cells never break inside either.
    d = to_local(dt)
    return f"{d.hour:02d} giờ {d.minute:02d},<br/>ngày {d.day:02d}/{d.month:02d}/{d.year}"


def _result_label(on_time: bool | None) -> str:
    if on_time is None:
        return ""
    return ON_TIME_LABEL if on_time else LATE_LABEL


def _steps_table(data: ControlSlipData, ctx: Ctx) -> Table:
    st, k = ctx.st, ctx.k
    # Six columns on portrait paper: a size smaller than the body keeps rows short (smaller still
    # in a font wider than Times New Roman).
    size = st.body.fontSize * 11 / 13 * width_scale(st.fonts)
    cell = ParagraphStyle("step_cell", parent=st.table_cell, fontSize=size, leading=size * 1.15)
    center = ParagraphStyle("step_center", parent=cell, alignment=TA_CENTER)
    head = ParagraphStyle(
        "step_head", parent=center, fontName=st.fonts.bold, fontSize=size, leading=size * 1.15,
    )
    hint = ParagraphStyle("step_hint", parent=head, fontName=st.fonts.italic)

    def h(text: str) -> Paragraph:
        return Paragraph(text, head)

    rows: list[list] = [
        ["STT", h("TÊN CƠ QUAN, BỘ PHẬN, NGƯỜI GIAO, NHẬN"), "",
         h("THỜI GIAN GIAO, NHẬN HỒ\u00a0SƠ"),
         # Explicit breaks: narrow columns would otherwise split "Quá | hạn".
         [h("KẾT QUẢ GIẢI QUYẾT HỒ\u00a0SƠ"),
          Paragraph("(Trước hạn/<br/>Đúng hạn/<br/>Quá hạn)", hint)],
         h("GHI CHÚ")],
        ["", h("Bên giao"), h("Bên nhận"), "", "", ""],
    ]
    for i, s in enumerate(data.steps, start=1):
        times = f"Giao: {_short_time(s.handed_at)}"
        if s.received_at is not None:
            times += f"<br/>Nhận: {_short_time(s.received_at)}"
        rows.append(
            [
                str(i),
                Paragraph(esc(clean(s.giver)), cell),
                Paragraph(esc(clean(s.receiver)), cell),
                Paragraph(times, cell),
                Paragraph(esc(_result_label(s.on_time)), center),
                Paragraph(esc(clean(s.note)), cell),
            ]
        )
    w = ctx.width
    fixed = [0.06, 0.19, 0.19, 0.20, 0.18]  # of the text width; the note takes the rest
    widths = [w * f for f in fixed] + [w * (1 - sum(fixed))]
    t = Table(rows, colWidths=widths, repeatRows=2)
    pad = 2.2 * k
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (2, 0)),
                ("SPAN", (3, 0), (3, 1)),
                ("SPAN", (4, 0), (4, 1)),
                ("SPAN", (5, 0), (5, 1)),
                ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
                ("VALIGN", (0, 2), (-1, -1), "TOP"),
                ("VALIGN", (4, 2), (4, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, -1), "CENTER"),
                ("FONT", (0, 0), (0, 1), st.fonts.bold, size, size * 1.15),
                ("FONT", (0, 2), (0, -1), st.fonts.regular, size, size * 1.15),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ]
        )
    )
    return t


def _control_story(data: ControlSlipData, ctx: Ctx) -> list:
    st, gap, k = ctx.st, ctx.gap, ctx.k
    story = head(ctx, data, data.mark.title, None)
    left: list[Flowable] = [
        Paragraph(f"{data.mark.code_label}: <b>{esc(clean(data.code))}</b>", ctx.code_style()),
        Paragraph(f"Người nộp hồ sơ: <b>{person(data.applicant_name)}</b>", st.body),
        Paragraph(f"Thủ tục: {procedure_line(data)}", gap),
    ]
    story += with_qr(ctx, left, data.qr_payload)
    story.append(Paragraph(f"Thời gian nhận hồ sơ: {hm_date(data.received_at)}.", gap))
    story.append(Paragraph(f"Thời gian hẹn trả kết quả: {hm_date(data.due_at)}.", gap))
    if clean(data.handling_unit):
        story.append(
            Paragraph(f"Cơ quan (bộ phận) giải quyết hồ sơ: {sentence(data.handling_unit)}", gap)
        )
    if clean(data.coordinating_units):
        story.append(
            Paragraph(
                f"Cơ quan phối hợp giải quyết hồ sơ: {sentence(data.coordinating_units)}", gap
            )
        )
    story.append(Spacer(1, 5 * k))
    story.append(_steps_table(data, ctx))
    if not data.steps:
        story.append(Paragraph("(Chưa có bước giao, nhận nào)", st.small_italic))
    story.append(signature(ctx, "NGƯỜI LẬP PHIẾU", data.officer_name))
    return story


def render_control_slip(
    data: ControlSlipData, paper: str = "A4", font_path: str | None = None
) -> bytes:
    """The control slip (Mẫu 05 / 06) as PDF bytes. ValueError for naive datetimes, unknown paper, personal data in QR."""
    check_qr_payload(data.qr_payload, data.applicant_name)
    check_aware(
        data.received_at, data.due_at, *(s.handed_at for s in data.steps),
        *(s.received_at for s in data.steps if s.received_at is not None),
    )
    return render_fitted(_control_story, data, paper, font_path, data.mark.title)
