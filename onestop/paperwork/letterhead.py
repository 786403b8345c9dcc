"""Shared building blocks for the forms of Thông tư 01/2018/TT-VPCP (Mẫu 01-06).

Layout follows the presentation rules for administrative documents
(Nghị định 30/2020/NĐ-CP): two-column header with the agency on the left and
the national title on the right, italic place/date line, bold centred title,
signature columns. Everything is built from Paragraphs/Tables because
ReportLab does not wrap text by itself.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from onestop.paperwork.fonts import FontFamily

__all__ = [
    "LOCAL_TZ",
    "NATIONAL_TITLE",
    "MOTTO",
    "FormStyles",
    "SignatureColumn",
    "HRule",
    "nfc",
    "esc",
    "upper",
    "to_local",
    "date_line",
    "make_styles",
    "letterhead",
    "plain_table",
    "title_block",
    "signature_block",
]

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _local_tz() -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo("Asia/Ho_Chi_Minh")
    except ZoneInfoNotFoundError:  # Windows without the tzdata package; Vietnam has no DST
        return timezone(timedelta(hours=7), "ICT")


LOCAL_TZ: tzinfo = _local_tz()


# ---------------------------------------------------------------- text helpers


def nfc(text: object) -> str:
    """NFC-normalised text: fonts map precomposed letters, not combining marks."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text))


def esc(text: object) -> str:
    """NFC + XML escaping for Paragraph markup (names may contain & or <)."""
    return escape(nfc(text))


def upper(text: object) -> str:
    return unicodedata.normalize("NFC", nfc(text).upper())


def to_local(dt: datetime) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    return dt.astimezone(LOCAL_TZ)


def date_line(place: str, when: datetime) -> str:
    """'<place>, ngày 05 tháng 01 năm 2026'.

    Day < 10 and month < 3 get a leading zero (NĐ 30/2020, Phụ lục I).
    """
    d = to_local(when) if when.tzinfo is not None else when
    day = f"{d.day:02d}" if d.day < 10 else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    prefix = f"{nfc(place).strip()}, " if nfc(place).strip() else ""
    return f"{prefix}ngày {day} tháng {month} năm {d.year}"


# --------------------------------------------------------------------- styles


@dataclass(frozen=True)
class FormStyles:
    """All paragraph styles of a form, scaled from one body size."""

    fonts: FontFamily
    size: float
    body: ParagraphStyle
    body_center: ParagraphStyle
    small: ParagraphStyle
    small_italic: ParagraphStyle
    parent: ParagraphStyle
    agency: ParagraphStyle
    national: ParagraphStyle
    motto: ParagraphStyle
    place_date: ParagraphStyle
    number: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    table_cell_center: ParagraphStyle
    sign_role: ParagraphStyle
    sign_hint: ParagraphStyle
    sign_name: ParagraphStyle

    @property
    def scale(self) -> float:
        return self.size / 13.0


def make_styles(fonts: FontFamily, body_size: float = 13.0, leading: float = 1.18) -> FormStyles:
    """Styles for a form whose body text is body_size pt (13 pt on A4).

    Header sizes keep the NĐ 30/2020 proportions (12/13/14 pt for 13 pt body).
    """
    k = body_size / 13.0

    def style(name: str, size: float, font: str, align: int = TA_LEFT, **kw) -> ParagraphStyle:
        s = size * k
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=s,
            leading=s * leading,
            alignment=align,
            textColor=colors.black,
            **kw,
        )

    r, b, i = fonts.regular, fonts.bold, fonts.italic
    return FormStyles(
        fonts=fonts,
        size=body_size,
        body=style("body", 13, r, spaceBefore=0, spaceAfter=0),
        body_center=style("body_center", 13, r, TA_CENTER),
        small=style("small", 11, r),
        small_italic=style("small_italic", 11, i),
        parent=style("parent", 12, r, TA_CENTER),
        agency=style("agency", 12, b, TA_CENTER),
        national=style("national", 12, b, TA_CENTER),
        motto=style("motto", 13, b, TA_CENTER),
        place_date=style("place_date", 13, i, TA_CENTER),
        number=style("number", 13, r, TA_CENTER),
        title=style("title", 14, b, TA_CENTER),
        subtitle=style("subtitle", 13, b, TA_CENTER),
        table_head=style("table_head", 12, b, TA_CENTER),
        table_cell=style("table_cell", 12, r),
        table_cell_center=style("table_cell_center", 12, r, TA_CENTER),
        sign_role=style("sign_role", 13, b, TA_CENTER),
        sign_hint=style("sign_hint", 13, i, TA_CENTER),
        sign_name=style("sign_name", 13, b, TA_CENTER),
    )


def _fit(style: ParagraphStyle, text: str, width: float) -> ParagraphStyle:
    """Shrink a one-line style so text fits width (the national title must not wrap)."""
    w = stringWidth(text, style.fontName, style.fontSize)
    if w <= width:
        return style
    f = width / w * 0.995
    return ParagraphStyle(
        style.name + "_fit",
        parent=style,
        fontSize=style.fontSize * f,
        leading=style.leading * f,
    )


# ------------------------------------------------------------------ flowables


class HRule(Flowable):
    """Centred horizontal rule of a fixed length (the short line under headings)."""

    def __init__(self, length: float, thickness: float = 0.6, space_before: float = 1.0,
                 space_after: float = 0.0) -> None:
        super().__init__()
        self.length = length
        self.thickness = thickness
        self.space_before = space_before
        self.space_after = space_after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._avail = availWidth
        self.length = min(self.length, availWidth)
        return availWidth, self.space_before + self.thickness + self.space_after

    def draw(self) -> None:
        x0 = (self._avail - self.length) / 2
        y = self.space_after + self.thickness / 2
        c = self.canv
        c.saveState()
        c.setLineWidth(self.thickness)
        c.line(x0, y, x0 + self.length, y)
        c.restoreState()


def plain_table(rows, col_widths, valign: str = "TOP", extra: Sequence = ()) -> Table:
    """Table without padding, for side-by-side layout blocks."""
    t = Table(rows, colWidths=col_widths)
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), valign),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                *extra,
            ]
        )
    )
    return t


def letterhead(
    styles: FormStyles,
    *,
    width: float,
    parent_name: str,
    agency_name: str,
    place: str,
    date: datetime | None,
    number: str = "",
    left_ratio: float = 0.42,
) -> list[Flowable]:
    """Two-column header (quốc hiệu, tiêu ngữ, agency, number, place/date line)."""
    gap = 2 * mm
    left_w = width * left_ratio - gap / 2
    right_w = width - left_w - gap

    left: list[Flowable] = []
    if nfc(parent_name).strip():
        left.append(Paragraph(esc(upper(parent_name.strip())), styles.parent))
    left.append(Paragraph(esc(upper(agency_name.strip())), styles.agency))
    # Short rule under the agency: about a third of the column, per NĐ 30/2020.
    left.append(HRule(left_w * 0.35, space_before=0.4 * styles.agency.fontSize))

    nat = _fit(styles.national, NATIONAL_TITLE, right_w)
    motto = _fit(styles.motto, MOTTO, right_w)
    right: list[Flowable] = [
        Paragraph(NATIONAL_TITLE, nat),
        Paragraph(MOTTO, motto),
        # The rule under the motto is as long as the motto itself.
        HRule(stringWidth(MOTTO, motto.fontName, motto.fontSize), space_before=0.4 * motto.fontSize),
    ]

    rows = [[left, "", right]]
    second_left = Paragraph(esc(number), styles.number) if number else ""
    second_right = (
        Paragraph(esc(date_line(place, date)), styles.place_date) if date is not None else ""
    )
    if second_left or second_right:
        rows.append([second_left, "", second_right])
    t = plain_table(
        rows,
        [left_w, gap, right_w],
        extra=[("TOPPADDING", (0, 1), (-1, 1), 4 * styles.scale)] if len(rows) > 1 else [],
    )
    return [t]


def title_block(
    styles: FormStyles, title: str, subtitle: str = "", space_before: float | None = None
) -> list[Flowable]:
    k = styles.scale
    out: list[Flowable] = [Spacer(1, 8 * k if space_before is None else space_before)]
    out.append(Paragraph(esc(upper(title)), styles.title))
    if subtitle:
        out.append(Paragraph(esc(subtitle), styles.subtitle))
    return out


@dataclass(frozen=True)
class SignatureColumn:
    role: str  # printed upper case, bold
    hint: str = "(Ký, ghi rõ họ tên)"
    name: str = ""
    date: str = ""  # optional italic line above the role


def signature_block(
    styles: FormStyles,
    columns: Sequence[SignatureColumn],
    width: float,
    space: float | None = None,
) -> Table:
    """Side-by-side signature columns: role, hint, room to sign, name."""
    k = styles.scale
    space = 20 * mm * k if space is None else space
    cells = []
    for col in columns:
        cell: list[Flowable] = []
        if col.date:
            cell.append(Paragraph(esc(col.date), styles.place_date))
        cell.append(Paragraph(esc(upper(col.role)), styles.sign_role))
        if col.hint:
            cell.append(Paragraph(esc(col.hint), styles.sign_hint))
        cell.append(Spacer(1, space))
        # Keep the line even without a name so columns stay aligned.
        cell.append(Paragraph(esc(col.name) or "&nbsp;", styles.sign_name))
        cells.append(cell)
    n = max(1, len(cells))
    return plain_table([cells], [width / n] * n)
