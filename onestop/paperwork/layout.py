"""What the portrait forms share (Mẫu 01 in receipt.py, the others in forms.py, extension.py and
stop_notice.py): paper geometry, text helpers, the QR privacy rule, the form's mark (its number
and circular, by the dossier's rule set), the common page blocks and the engine that builds a
story and shrinks it a little before accepting a second page.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote_plus

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)

from onestop.clock.rule_sets import RuleSet
from onestop.paperwork.fonts import FontFamily, register_serif
from onestop.paperwork.letterhead import (
    FormStyles,
    SignatureColumn,
    esc,
    letterhead,
    make_styles,
    nfc,
    plain_table,
    signature_block,
    to_local,
    upper,
)
from onestop.paperwork.qr import qr_flowable

__all__ = [
    "PAPERS",
    "SHRINK_STEPS",
    "SIGN_HINT",
    "Ctx",
    "FormMark",
    "Paper",
    "addressee",
    "applicant_block",
    "check_aware",
    "check_qr_payload",
    "clause",
    "clean",
    "fold",
    "head",
    "hm_date",
    "paper_spec",
    "person",
    "procedure_line",
    "render_fitted",
    "sentence",
    "signature",
    "with_qr",
]

SIGN_HINT = "(Ký và ghi rõ họ tên)"


# --------------------------------------------------------------- the form's mark


@dataclass(frozen=True)
class FormMark:
    """Which form of which circular a page is, as its rule set says (onestop.clock.rule_sets).

    Printed small at the top right of the first page, above the national title, where the
    circulars' appendices put "Mẫu số …"; the title is the form's heading.
    """

    number: str  # "01" … "07"
    title: str  # upper case
    circular: str  # "Thông tư số 03/2025/TT-VPCP"
    code_label: str = "Mã hồ sơ"  # how the form names the dossier code

    @classmethod
    def of(cls, rules: RuleSet, name: str) -> FormMark:
        """The mark of form `name` (an `onestop print` name) under `rules`; LookupError if none."""
        form = rules.form(name)
        # NĐ 118/2025 Điều 17 k3 and TT 03/2025 name it "mã số hồ sơ"; the 2018 forms "mã hồ sơ".
        label = "Mã hồ sơ" if rules.key == "2018" else "Mã số hồ sơ"
        return cls(form.number, form.title, rules.circular, label)

    @property
    def line(self) -> str:
        return f"Mẫu số {self.number} – {self.circular}"


# --------------------------------------------------------------- paper


@dataclass(frozen=True)
class Paper:
    size: tuple[float, float]
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    body_pt: float
    qr_mm: float
    sign_space: float
    para_gap: float  # space between numbered lines / paragraphs, pt


# A4 keeps the NĐ 30/2020 margins; A5 trades margin for text so a usual
# dossier (2-6 documents) fits on one page. All forms share it so the set looks alike.
PAPERS = {
    "A4": Paper(A4, (20 * mm, 15 * mm, 15 * mm, 30 * mm), 13.0, 25.0, 20 * mm, 3.0),
    "A5": Paper(A5, (10 * mm, 10 * mm, 8 * mm, 14 * mm), 10.0, 20.0, 12 * mm, 1.4),
}
# Scale factors tried, in order, when the content overflows one page.
SHRINK_STEPS = (1.0, 0.92, 0.85)


def paper_spec(paper: str) -> Paper:
    """The geometry for 'A4' or 'A5' (any case); ValueError otherwise."""
    try:
        return PAPERS[paper.strip().upper()]
    except (KeyError, AttributeError):
        raise ValueError(f"unsupported paper size {paper!r}; use 'A4' or 'A5'") from None


# --------------------------------------------------------------- text helpers


def hm_date(dt: datetime) -> str:
    d = to_local(dt)
    return f"{d.hour:02d} giờ {d.minute:02d} phút, ngày {d.day:02d}/{d.month:02d}/{d.year}"


def check_aware(*datetimes: datetime) -> None:
    """Fail fast (ValueError) on naive datetimes, before any rendering."""
    for dt in datetimes:
        to_local(dt)


def clean(text: object) -> str:
    return nfc(text).strip()


def sentence(text: object) -> str:
    """Escaped text ending with exactly one full stop (callers may already add one)."""
    t = clean(text)
    if t and not t.endswith((".", "!", "?", ")", ":")):
        t += "."
    return esc(t)


def addressee(id_label: str) -> str:
    """'Tổ chức' for organisations (identified by a tax code), else 'Ông/Bà'."""
    return "Tổ chức" if "thuế" in clean(id_label).lower() else "Ông/Bà"


def fold(text: str) -> str:
    """Without diacritics: 'Nguyễn Đức' -> 'Nguyen Duc' (how names end up in URLs)."""
    t = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in t if not unicodedata.combining(c))


def check_qr_payload(
    payload: str | None, name: str, id_: str = "", phone: str = "", email: str = ""
) -> None:
    """Refuse (ValueError) a QR payload that embeds the applicant's personal data.

    A QR may carry only the dossier code or a look-up URL built from it. Values of
    five or more characters are looked for as given and without white space, in
    the payload and its percent-decoded form, with and without diacritics.
    """
    if not payload:
        return
    for text in {payload, unquote_plus(payload)}:
        for f in (nfc, fold):
            hay = nfc(f(text)).casefold()
            compact = re.sub(r"\s+", "", hay)
            for value in (name, id_, phone, email):
                v = nfc(f(value)).strip().casefold()
                if len(v) >= 5 and (v in hay or re.sub(r"\s+", "", v) in compact):
                    raise ValueError("QR payload must not contain the applicant's personal data")


# ---------------------------------------------------------- shared layout


@dataclass
class Ctx:
    """Per-build styles and sizes shared by the story builders."""

    st: FormStyles
    paper: Paper
    width: float
    step: float

    @property
    def k(self) -> float:
        return self.st.scale  # relative to the 13 pt A4 body

    @property
    def gap(self) -> ParagraphStyle:
        """Short information lines: left-aligned, spaced like the receipt's numbered lines."""
        space = self.paper.para_gap * self.step
        return ParagraphStyle("gap", parent=self.st.body, spaceBefore=space)

    @property
    def prose(self) -> ParagraphStyle:
        """Running text of the letter-like forms: justified, as in administrative documents."""
        return ParagraphStyle("prose", parent=self.gap, alignment=TA_JUSTIFY)

    def late_style(self) -> ParagraphStyle:
        """A warning under the title (a late apology): bold italic, centred."""
        return ParagraphStyle("late", parent=self.st.place_date, fontName=self.st.fonts.bold_italic)

    def code_style(self, space_after: float = 2.0) -> ParagraphStyle:
        """The 'Mã hồ sơ' line, a little larger than the body; space_after in scaled pt."""
        body = self.st.body
        return ParagraphStyle(
            "code", parent=body, fontSize=body.fontSize * 14 / 13,
            leading=body.leading * 14 / 13, spaceAfter=space_after * self.k,
        )


def clause(text: object) -> str:
    """Escaped text without a trailing full stop, for use inside a sentence."""
    return esc(clean(text).rstrip(" .;,"))


def person(text: object) -> str:
    """Escaped person name that does not break across lines (long names still may)."""
    t = esc(clean(text))
    return t.replace(" ", "\u00a0") if len(t) <= 32 else t


def procedure_line(data) -> str:
    """'<b>name</b> (mã thủ tục: code)' of data's procedure_name and procedure_code."""
    code = clean(data.procedure_code)
    extra = f" (mã thủ tục: {esc(code)})" if code else ""
    return f"<b>{clause(data.procedure_name)}</b>{extra}"


def signature(ctx: Ctx, role: str, name: str, hint: str = SIGN_HINT) -> KeepTogether:
    """One signer in the right half, kept together with a little space above."""
    # The last two words together: a wide font must not leave "VỊ" alone on a line.
    head_words, _, last = clean(role).rpartition(" ")
    col = SignatureColumn(f"{head_words}\u00a0{last}" if head_words else last, hint, name)
    t = signature_block(ctx.st, [col], ctx.width * 0.5, space=ctx.paper.sign_space * ctx.step)
    t.hAlign = "RIGHT"
    return KeepTogether([Spacer(1, 6 * ctx.k), t])


def applicant_block(ctx: Ctx, data, lead: str) -> list[Flowable]:
    """Code (if any), who, ID/phone, address, procedure, with the QR beside: Mẫu 02, 03, 05 (2025)."""
    st, gap = ctx.st, ctx.gap
    who = addressee(data.applicant_id_label)
    left: list[Flowable] = []
    if data.code:
        left.append(Paragraph(f"{data.mark.code_label}: <b>{esc(clean(data.code))}</b>", ctx.code_style()))
    left.append(Paragraph(f"{lead} {who} <b>{person(data.applicant_name)}</b>", st.body))
    ids = []
    if clean(data.applicant_id):
        ids.append(f"{esc(clean(data.applicant_id_label))}: {esc(clean(data.applicant_id))}")
    if clean(data.applicant_phone):
        ids.append(f"Số điện thoại: {esc(clean(data.applicant_phone))}")
    if ids:
        left.append(Paragraph("; ".join(ids), gap))
    if clean(data.applicant_address):
        left.append(Paragraph(f"Địa chỉ: {esc(clean(data.applicant_address))}", gap))
    story = with_qr(ctx, left, data.qr_payload)
    story.append(Paragraph(f"Đề nghị giải quyết thủ tục: {procedure_line(data)}.", gap))
    return story


def head(ctx: Ctx, data, title: str, date: datetime | None, place: str = "") -> list[Flowable]:
    """Letterhead of data's parent and agency, the title and a little space after.

    A title too long for one line (Mẫu 04 of TT 03/2025 in a wide font) is set on two lines of
    about equal length, not one full line and a word.
    """
    story = letterhead(
        ctx.st, width=ctx.width, parent_name=data.parent_name, agency_name=data.agency_name,
        place=place, date=date,
    )
    story.append(Spacer(1, 10 * ctx.k))
    story.append(Paragraph(_balanced(upper(title), ctx.st.title, ctx.width), ctx.st.title))
    story.append(Spacer(1, 5 * ctx.k))
    return story


def _balanced(text: str, style: ParagraphStyle, width: float) -> str:
    """Markup of text on one line, or broken where its two lines are the most even."""
    words = nfc(text).split()

    def w(part: list[str]) -> float:
        return stringWidth(" ".join(part), style.fontName, style.fontSize)

    if w(words) <= width * 0.98 or len(words) < 2:
        return esc(" ".join(words))
    cut = min(range(1, len(words)), key=lambda i: max(w(words[:i]), w(words[i:])))
    return f"{esc(' '.join(words[:cut]))}<br/>{esc(' '.join(words[cut:]))}"


def with_qr(ctx: Ctx, left: list[Flowable], payload: str | None) -> list[Flowable]:
    """Left block with the QR beside it on the right; just the block without a payload."""
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
    return [plain_table([[left, "", right]], [ctx.width - qr_size - col_gap, col_gap, qr_size])]


# ---------------------------------------------------------------- engine


def render_fitted(
    story_fn: Callable[[object, Ctx], list],
    data,
    paper: str,
    font_path: str | None,
    title: str,
) -> bytes:
    """PDF bytes of story_fn(data, ctx), shrunk a little if that avoids a second page.

    data must have code (str or None), agency_name and procedure_name: they go
    into the PDF metadata and the header of continuation pages; its `mark` (a
    FormMark, if it has one) is printed at the top of the first page.
    """
    spec = paper_spec(paper)
    fonts = register_serif(font_path)
    args = (story_fn, data, fonts, spec, title)
    pdf, pages, used = _build(*args, 1.0)
    if pages == 1:
        return pdf
    # Content height at full size (a slight overestimate: page-break waste is
    # included); shrink only as far as needed, never below the last step.
    total = (pages - 1) * _frame_height(spec, 1.0) + used
    for step in SHRINK_STEPS[1:]:
        if total * step > _frame_height(spec, step):
            continue
        small, small_pages, _ = _build(*args, step)
        if small_pages == 1:
            return small
    # Long lists: better two readable pages than one cramped page.
    return pdf


def _frame_height(spec: Paper, step: float) -> float:
    top, _right, bottom, _left = spec.margins
    return spec.size[1] - (top + bottom) * step


def _build(
    story_fn, data, fonts: FontFamily, spec: Paper, title: str, step: float
) -> tuple[bytes, int, float]:
    """(pdf, page count, height used on the last page) at the given scale."""
    top, right, bottom, left = spec.margins
    width = spec.size[0] - left - right
    st = make_styles(fonts, spec.body_pt * step)
    code = clean(data.code) if data.code else ""
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=spec.size,
        topMargin=top * step,
        bottomMargin=bottom * step,
        leftMargin=left,
        rightMargin=right,
        title=f"{nfc(title).capitalize()} - {code}" if code else nfc(title).capitalize(),
        author=clean(data.agency_name),
        subject=clean(data.procedure_name),
        creator="onestop",
        lang="vi",
        displayDocTitle=True,
    )
    # Zero frame padding: tables are sized to exactly the text width.
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )
    small = st.small_italic
    mark: FormMark | None = getattr(data, "mark", None)

    def later_pages(canvas, doc_) -> None:
        # Continuation pages must still identify the dossier.
        page = canvas.getPageNumber()
        if page == 1 and mark is not None:
            # In the top margin, right-aligned above the national title: the body's layout (and
            # whether it fits one page) does not change with the mark.
            size = small.fontSize * 0.9
            number, rest = f"Mẫu số {mark.number}", f" – {nfc(mark.circular)}"
            x = spec.size[0] - right
            x0 = x - stringWidth(rest, fonts.italic, size) - stringWidth(number, fonts.bold, size)
            y = spec.size[1] - top * step * 0.7
            canvas.saveState()
            canvas.setFont(fonts.bold, size)
            canvas.drawString(x0, y, number)
            canvas.setFont(fonts.italic, size)
            canvas.drawRightString(x, y, rest)
            canvas.restoreState()
        if page > 1:
            label = f"Mã hồ sơ: {code} - Trang {page}" if code else f"Trang {page}"
            canvas.saveState()
            canvas.setFont(small.fontName, small.fontSize)
            canvas.drawRightString(spec.size[0] - right, spec.size[1] - top * step * 0.6, label)
            canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=later_pages)])
    ctx = Ctx(st=st, paper=spec, width=width, step=step)
    doc.build(story_fn(data, ctx))
    used = doc.frame._y2 - doc.frame._y  # frame cursor after the last flowable
    return buf.getvalue(), doc.page, used
