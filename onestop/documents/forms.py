"""Mẫu 02-05 of Thông tư 01/2018/TT-VPCP (adapted), rendered to PDF bytes.

- Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
- Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ
- Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả
- Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ

Same look as the receipt (Mẫu 01): letterhead, serif font with Vietnamese
coverage, signature blocks. Data classes hold plain values only. A QR code is
drawn only when a payload is given; like the receipt's, it must carry the
dossier code or a look-up URL, never personal data.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from urllib.parse import unquote_plus

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
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
from .receipt import _check_payload as _receipt_check_payload

__all__ = [
    "APOLOGY_TITLE",
    "CONTROL_SLIP_TITLE",
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

_SIGN_HINT = "(Ký và ghi rõ họ tên)"


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


@dataclass(frozen=True)
class ApologyData:
    """Mẫu 04."""

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
    """Mẫu 05."""

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


# --------------------------------------------------------------- paper


@dataclass(frozen=True)
class _Paper:
    size: tuple[float, float]
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    body_pt: float
    qr_mm: float
    sign_space: float
    para_gap: float  # space between paragraphs, pt


# Same geometry as the receipt so the whole set looks alike.
_PAPERS = {
    "A4": _Paper(A4, (20 * mm, 15 * mm, 15 * mm, 30 * mm), 13.0, 25.0, 20 * mm, 3.0),
    "A5": _Paper(A5, (10 * mm, 10 * mm, 8 * mm, 14 * mm), 10.0, 20.0, 12 * mm, 1.4),
}
_SHRINK_STEPS = (1.0, 0.92, 0.85)


def _paper(paper: str) -> _Paper:
    try:
        return _PAPERS[paper.strip().upper()]
    except (KeyError, AttributeError):
        raise ValueError(f"unsupported paper size {paper!r}; use 'A4' or 'A5'") from None


# --------------------------------------------------------------- text helpers


def _hm_date(dt: datetime) -> str:
    d = to_local(dt)
    return f"{d.hour:02d} giờ {d.minute:02d} phút, ngày {d.day:02d}/{d.month:02d}/{d.year}"


def _clean(text: object) -> str:
    return nfc(text).strip()


def _sentence(text: object) -> str:
    """Escaped text ending with exactly one full stop."""
    t = _clean(text)
    if t and not t.endswith((".", "!", "?", ")", ":")):
        t += "."
    return esc(t)


def _clause(text: object) -> str:
    """Escaped text without a trailing full stop, for use inside a sentence."""
    return esc(_clean(text).rstrip(" .;,"))


def _name(text: object) -> str:
    """Escaped person name that does not break across lines (long names still may)."""
    t = esc(_clean(text))
    return t.replace(" ", "\u00a0") if len(t) <= 32 else t


def _is_org(id_label: str) -> bool:
    return "thuế" in _clean(id_label).lower()


def _fold(text: str) -> str:
    """Without diacritics: 'Nguyễn Đức' -> 'Nguyen Duc' (how names end up in URLs)."""
    t = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in t if not unicodedata.combining(c))


def _check_qr(payload: str | None, name: str, id_: str = "", phone: str = "") -> None:
    """The receipt's rule (no applicant name, ID or phone in the QR), also applied to
    the percent-decoded payload and without diacritics."""
    if not payload:
        return
    for text in {payload, unquote_plus(payload)}:
        for f in (nfc, _fold):
            _receipt_check_payload(
                SimpleNamespace(
                    qr_payload=f(text),
                    applicant_name=f(name),
                    applicant_id=id_,
                    applicant_phone=phone,
                    applicant_email="",
                )
            )


# ---------------------------------------------------------- shared layout


@dataclass
class _Ctx:
    """Per-build styles and sizes shared by the story builders."""

    st: FormStyles
    paper: _Paper
    width: float
    step: float

    @property
    def k(self) -> float:
        return self.st.scale

    @property
    def gap(self) -> ParagraphStyle:
        """Short information lines: left-aligned, as on the receipt."""
        space = self.paper.para_gap * self.step
        return ParagraphStyle("gap", parent=self.st.body, spaceBefore=space)

    @property
    def prose(self) -> ParagraphStyle:
        """Running text of the letter-like forms: justified, as in administrative documents."""
        return ParagraphStyle("prose", parent=self.gap, alignment=TA_JUSTIFY)

    @property
    def code_style(self) -> ParagraphStyle:
        body = self.st.body
        return ParagraphStyle(
            "code", parent=body, fontSize=body.fontSize * 14 / 13,
            leading=body.leading * 14 / 13, spaceAfter=2 * self.k,
        )


def _with_qr(ctx: _Ctx, left: list[Flowable], payload: str | None) -> list[Flowable]:
    """Left block with the QR beside it on the right (as on the receipt)."""
    if not payload:
        return left
    st = ctx.st
    caption = ParagraphStyle(
        "qr_caption", parent=st.small_italic, alignment=TA_CENTER,
        fontSize=st.small.fontSize * 0.8, leading=st.small.fontSize * 0.95,
    )
    qr_size = ctx.paper.qr_mm * mm * ctx.step
    col_gap = 4 * mm * ctx.k
    right = [qr_flowable(payload, qr_size / mm), Paragraph("Quét mã để tra cứu", caption)]
    t = Table([[left, "", right]], colWidths=[ctx.width - qr_size - col_gap, col_gap, qr_size])
    t.setStyle(
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
    return [t]


def _signature(ctx: _Ctx, role: str, name: str, hint: str = _SIGN_HINT) -> KeepTogether:
    """One signer in the right half, kept together with a little space above."""
    col = SignatureColumn(role, hint, name)
    t = signature_block(ctx.st, [col], ctx.width * 0.5, space=ctx.paper.sign_space * ctx.step)
    t.hAlign = "RIGHT"
    return KeepTogether([Spacer(1, 6 * ctx.k), t])


def _head(ctx: _Ctx, data, title: str, date: datetime | None, place: str = "") -> list[Flowable]:
    story = letterhead(
        ctx.st, width=ctx.width, parent_name=data.parent_name, agency_name=data.agency_name,
        place=place, date=date,
    )
    story += title_block(ctx.st, title, space_before=10 * ctx.k)
    story.append(Spacer(1, 5 * ctx.k))
    return story


def _applicant_block(ctx: _Ctx, data, lead: str) -> list[Flowable]:
    """Code (if any), who, ID/phone, address, procedure: Mẫu 02 and 03."""
    st, gap = ctx.st, ctx.gap
    who = "Tổ chức" if _is_org(data.applicant_id_label) else "Ông/Bà"
    left: list[Flowable] = []
    if data.code:
        left.append(Paragraph(f"Mã hồ sơ: <b>{esc(_clean(data.code))}</b>", ctx.code_style))
    left.append(Paragraph(f"{lead} {who} <b>{_name(data.applicant_name)}</b>", st.body))
    ids = []
    if _clean(data.applicant_id):
        ids.append(f"{esc(_clean(data.applicant_id_label))}: {esc(_clean(data.applicant_id))}")
    if _clean(data.applicant_phone):
        ids.append(f"Số điện thoại: {esc(_clean(data.applicant_phone))}")
    if ids:
        left.append(Paragraph("; ".join(ids), gap))
    if _clean(data.applicant_address):
        left.append(Paragraph(f"Địa chỉ: {esc(_clean(data.applicant_address))}", gap))
    story = _with_qr(ctx, left, data.qr_payload)
    story.append(Paragraph(f"Đề nghị giải quyết thủ tục: {_procedure(data)}.", gap))
    return story


def _procedure(data) -> str:
    code = _clean(data.procedure_code)
    extra = f" (mã thủ tục: {esc(code)})" if code else ""
    return f"<b>{_clause(data.procedure_name)}</b>{extra}"


# ---------------------------------------------------------------- Mẫu 02


def _supplement_story(data: SupplementRequestData, ctx: _Ctx) -> list:
    st, gap, k = ctx.st, ctx.gap, ctx.k
    story = _head(ctx, data, SUPPLEMENT_TITLE, data.issued_at, data.place)
    story += _applicant_block(ctx, data, "Hồ sơ của")
    story.append(
        Paragraph("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", gap)
    )
    indent = 7 * mm * k
    item = ParagraphStyle(
        "item", parent=gap, leftIndent=indent, bulletIndent=indent * 0.35,
        bulletFontName=st.fonts.regular, bulletFontSize=st.body.fontSize,
    )
    for i, it in enumerate(data.items, start=1):
        name, problem = _clause(it.name), _sentence(it.problem)
        text = f"{name}: {problem}" if problem else f"{name}."
        story.append(Paragraph(text, item, bulletText=f"{i}."))
    if not data.items:
        story.append(Paragraph("(Không có nội dung)", st.small_italic))
    if _clean(data.reason):
        story.append(Paragraph(f"Lý do: {_sentence(data.reason)}", gap))
    who = "Tổ chức" if _is_org(data.applicant_id_label) else "Ông/Bà"
    contact = _clause(data.contact) or _clause(data.agency_name)
    story.append(
        Paragraph(
            f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, {who} liên hệ với "
            f"{contact} để được hướng dẫn./.",
            ctx.prose,
        )
    )
    story.append(_signature(ctx, "NGƯỜI HƯỚNG DẪN", data.officer_name))
    return story


def render_supplement_request(
    data: SupplementRequestData, paper: str = "A4", font_path: str | None = None
) -> bytes:
    """Mẫu 02 as PDF bytes. ValueError for naive datetimes, unknown paper, personal data in QR."""
    _check_qr(data.qr_payload, data.applicant_name, data.applicant_id, data.applicant_phone)
    to_local(data.issued_at)
    return _render(
        _supplement_story, data, paper, font_path, SUPPLEMENT_TITLE, data.code,
        data.agency_name, data.procedure_name,
    )


# ---------------------------------------------------------------- Mẫu 03


def _legal_basis(text: str) -> str:
    """'Căn cứ' is printed by the form; drop it if the caller already wrote it."""
    t = _clean(text)
    t = re.sub(r"^căn\s+cứ\s*[:,]?\s*", "", t, flags=re.IGNORECASE)
    return _clause(t)


def _refusal_story(data: RefusalData, ctx: _Ctx) -> list:
    gap = ctx.gap
    story = _head(ctx, data, REFUSAL_TITLE, data.issued_at, data.place)
    story += _applicant_block(ctx, data, f"{esc(_clean(data.agency_name))} tiếp nhận hồ sơ của")
    who = "Tổ chức" if _is_org(data.applicant_id_label) else "Ông/Bà"
    basis = _legal_basis(data.legal_basis)
    lead = f"Căn cứ {basis}, sau khi xem xét, " if basis else "Sau khi xem xét, "
    story.append(
        Paragraph(
            f"{lead}{esc(_clean(data.agency_name))} từ chối tiếp nhận, giải quyết hồ sơ này "
            f"với lý do cụ thể như sau: {_sentence(data.reason)}",
            ctx.prose,
        )
    )
    story.append(Paragraph(f"Xin thông báo để {who} được biết và thực hiện./.", gap))
    story.append(_signature(ctx, data.signatory_role, data.officer_name))
    return story


def render_refusal(data: RefusalData, paper: str = "A4", font_path: str | None = None) -> bytes:
    """Mẫu 03 as PDF bytes. ValueError for naive datetimes, unknown paper, personal data in QR."""
    _check_qr(data.qr_payload, data.applicant_name, data.applicant_id, data.applicant_phone)
    to_local(data.issued_at)
    return _render(
        _refusal_story, data, paper, font_path, REFUSAL_TITLE, data.code,
        data.agency_name, data.procedure_name,
    )


# ---------------------------------------------------------------- Mẫu 04


def _apology_story(data: ApologyData, ctx: _Ctx) -> list:
    st, gap, prose = ctx.st, ctx.gap, ctx.prose
    agency = esc(_clean(data.agency_name))
    story = _head(ctx, data, APOLOGY_TITLE, data.issued_at, data.place)
    left: list[Flowable] = [
        Paragraph(f"Mã hồ sơ: <b>{esc(_clean(data.code))}</b>", ctx.code_style),
        Paragraph(f"Kính gửi: Ông/Bà <b>{_name(data.applicant_name)}</b>", st.body),
    ]
    if _clean(data.applicant_address):
        left.append(Paragraph(f"Địa chỉ: {esc(_clean(data.applicant_address))}", gap))
    story += _with_qr(ctx, left, data.qr_payload)
    story.append(
        Paragraph(
            f"{agency} tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục {_procedure(data)} "
            f"vào lúc {_hm_date(data.received_at)}, hẹn trả kết quả vào lúc "
            f"{_hm_date(data.due_at)}.",
            prose,
        )
    )
    story.append(
        Paragraph(
            f"Tuy nhiên đến nay, {agency} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà.", prose
        )
    )
    story.append(Paragraph(f"Lý do: {_sentence(data.reason)}", prose))
    story.append(
        Paragraph(
            f"Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. {agency} xin "
            f"lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào lúc "
            f"<b>{_hm_date(data.new_due_at)}</b>.",
            prose,
        )
    )
    if _clean(data.result_place):
        story.append(Paragraph(f"Nhận kết quả tại: {_sentence(data.result_place)}", gap))
    story.append(Paragraph(f"{agency} xin trân trọng cảm ơn./.", gap))
    hint = "(Ký, ghi rõ họ tên và đóng dấu)"
    story.append(_signature(ctx, data.signatory_role, data.signatory_name, hint))
    return story


def render_apology(data: ApologyData, paper: str = "A4", font_path: str | None = None) -> bytes:
    """Mẫu 04 as PDF bytes. ValueError for naive datetimes, unknown paper, personal data in QR."""
    _check_qr(data.qr_payload, data.applicant_name)
    for dt in (data.received_at, data.due_at, data.new_due_at, data.issued_at):
        to_local(dt)
    return _render(
        _apology_story, data, paper, font_path, APOLOGY_TITLE, data.code,
        data.agency_name, data.procedure_name,
    )


# ---------------------------------------------------------------- Mẫu 05


def _short_time(dt: datetime) -> str:
    # Hour and date on separate lines so narrow cells never break inside either.
    d = to_local(dt)
    return f"{d.hour:02d} giờ {d.minute:02d},<br/>ngày {d.day:02d}/{d.month:02d}/{d.year}"


def _result_label(on_time: bool | None) -> str:
    if on_time is None:
        return ""
    return ON_TIME_LABEL if on_time else LATE_LABEL


def _steps_table(data: ControlSlipData, ctx: _Ctx) -> Table:
    st, k = ctx.st, ctx.k
    # Six columns on portrait paper: a size smaller than the body keeps rows short.
    size = st.body.fontSize * 11 / 13
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
                Paragraph(esc(_clean(s.giver)), cell),
                Paragraph(esc(_clean(s.receiver)), cell),
                Paragraph(times, cell),
                Paragraph(esc(_result_label(s.on_time)), center),
                Paragraph(esc(_clean(s.note)), cell),
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


def _control_story(data: ControlSlipData, ctx: _Ctx) -> list:
    st, gap, k = ctx.st, ctx.gap, ctx.k
    story = _head(ctx, data, CONTROL_SLIP_TITLE, None)
    left: list[Flowable] = [
        Paragraph(f"Mã hồ sơ: <b>{esc(_clean(data.code))}</b>", ctx.code_style),
        Paragraph(f"Người nộp hồ sơ: <b>{_name(data.applicant_name)}</b>", st.body),
        Paragraph(f"Thủ tục: {_procedure(data)}", gap),
    ]
    story += _with_qr(ctx, left, data.qr_payload)
    story.append(Paragraph(f"Thời gian nhận hồ sơ: {_hm_date(data.received_at)}.", gap))
    story.append(Paragraph(f"Thời gian hẹn trả kết quả: {_hm_date(data.due_at)}.", gap))
    if _clean(data.handling_unit):
        story.append(
            Paragraph(f"Cơ quan (bộ phận) giải quyết hồ sơ: {_sentence(data.handling_unit)}", gap)
        )
    if _clean(data.coordinating_units):
        story.append(
            Paragraph(
                f"Cơ quan phối hợp giải quyết hồ sơ: {_sentence(data.coordinating_units)}", gap
            )
        )
    story.append(Spacer(1, 5 * k))
    story.append(_steps_table(data, ctx))
    if not data.steps:
        story.append(Paragraph("(Chưa có bước giao, nhận nào)", st.small_italic))
    story.append(_signature(ctx, "NGƯỜI LẬP PHIẾU", data.officer_name))
    return story


def render_control_slip(
    data: ControlSlipData, paper: str = "A4", font_path: str | None = None
) -> bytes:
    """Mẫu 05 as PDF bytes. ValueError for naive datetimes, unknown paper, personal data in QR."""
    _check_qr(data.qr_payload, data.applicant_name)
    for dt in (data.received_at, data.due_at):
        to_local(dt)
    for s in data.steps:
        to_local(s.handed_at)
        if s.received_at is not None:
            to_local(s.received_at)
    return _render(
        _control_story, data, paper, font_path, CONTROL_SLIP_TITLE, data.code,
        data.agency_name, data.procedure_name,
    )


# ---------------------------------------------------------------- engine


def _render(
    story_fn: Callable[[object, _Ctx], list],
    data,
    paper: str,
    font_path: str | None,
    title: str,
    code: str | None,
    author: str,
    subject: str,
) -> bytes:
    """Build at full size; if it spills over, shrink a little before accepting two pages."""
    spec = _paper(paper)
    fonts = register_serif(font_path)
    args = (story_fn, data, fonts, spec, title, code, author, subject)
    pdf, pages, used = _build(*args, 1.0)
    if pages == 1:
        return pdf
    total = (pages - 1) * _frame_height(spec, 1.0) + used
    for step in _SHRINK_STEPS[1:]:
        if total * step > _frame_height(spec, step):
            continue
        small, small_pages, _ = _build(*args, step)
        if small_pages == 1:
            return small
    # Long lists: two readable pages beat one cramped page.
    return pdf


def _frame_height(spec: _Paper, step: float) -> float:
    top, _right, bottom, _left = spec.margins
    return spec.size[1] - (top + bottom) * step


def _build(
    story_fn, data, fonts: FontFamily, spec: _Paper, title: str, code: str | None,
    author: str, subject: str, step: float,
) -> tuple[bytes, int, float]:
    """(pdf, page count, height used on the last page) at the given scale."""
    top, right, bottom, left = spec.margins
    width = spec.size[0] - left - right
    st = make_styles(fonts, spec.body_pt * step)
    code = _clean(code) if code else ""
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=spec.size,
        topMargin=top * step,
        bottomMargin=bottom * step,
        leftMargin=left,
        rightMargin=right,
        title=f"{nfc(title).capitalize()} - {code}" if code else nfc(title).capitalize(),
        author=_clean(author),
        subject=_clean(subject),
        creator="onestop",
        lang="vi",
        displayDocTitle=True,
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )
    small = st.small_italic

    def later_pages(canvas, doc_) -> None:
        # Continuation pages must still identify the dossier.
        page = canvas.getPageNumber()
        if page > 1:
            label = f"Mã hồ sơ: {code} - Trang {page}" if code else f"Trang {page}"
            canvas.saveState()
            canvas.setFont(small.fontName, small.fontSize)
            canvas.drawRightString(spec.size[0] - right, spec.size[1] - top * step * 0.6, label)
            canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=later_pages)])
    ctx = _Ctx(st=st, paper=spec, width=width, step=step)
    doc.build(story_fn(data, ctx))
    used = doc.frame._y2 - doc.frame._y
    return buf.getvalue(), doc.page, used
