"""Serif TrueType font discovery and registration for printed forms.

ReportLab's built-in Type 1 fonts have no Vietnamese glyphs, so every form
must embed a TrueType serif font whose cmap covers the full Vietnamese
alphabet. Lookup order: configured file, Times New Roman, Liberation Serif,
DejaVu Serif. Fonts are registered with ReportLab once per process.
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from onestop.errors import OnestopError

__all__ = [
    "FontError",
    "FontFamily",
    "VIETNAMESE_LETTERS",
    "missing_vietnamese",
    "register_serif",
    "width_scale",
]


class FontError(OnestopError, RuntimeError):
    """No usable font with Vietnamese coverage (message is user-facing, Vietnamese)."""


def _build_vietnamese_letters() -> str:
    # 12 vowels x (no tone + 5 tones) + đ, both cases (146 letters), built via
    # NFC so no precomposed letter is forgotten.
    vowels = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = {unicodedata.normalize("NFC", v + t) for v in vowels for t in tones}
    letters.add("đ")
    lower = "".join(sorted(letters))
    return lower + lower.upper()


VIETNAMESE_LETTERS: str = _build_vietnamese_letters()


@dataclass(frozen=True)
class FontFamily:
    """Registered ReportLab font names for one serif family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    path: str  # regular style file actually used
    source: str  # human-readable origin, e.g. "Liberation Serif"

    @property
    def family(self) -> str:
        # registerFontFamily uses the regular name as the family name, so
        # <b>/<i> markup inside Paragraphs maps to the right faces.
        return self.regular


# (label, regular, bold, italic, bold italic) file names, matched case-insensitively.
_TIMES = (
    ("Times New Roman", "times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),
    (
        "Times New Roman",
        "Times New Roman.ttf",
        "Times New Roman Bold.ttf",
        "Times New Roman Italic.ttf",
        "Times New Roman Bold Italic.ttf",
    ),
    (
        "Times New Roman",
        "Times_New_Roman.ttf",
        "Times_New_Roman_Bold.ttf",
        "Times_New_Roman_Italic.ttf",
        "Times_New_Roman_Bold_Italic.ttf",
    ),
)
_LIBERATION = (
    (
        "Liberation Serif",
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-BoldItalic.ttf",
    ),
)
_DEJAVU = (
    (
        "DejaVu Serif",
        "DejaVuSerif.ttf",
        "DejaVuSerif-Bold.ttf",
        "DejaVuSerif-Italic.ttf",
        "DejaVuSerif-BoldItalic.ttf",
    ),
)
_SPECS = _TIMES + _LIBERATION + _DEJAVU

# Liberation 2.x has full Vietnamese; prefer it over the 1.x package.
_PREFERRED_DIRS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
)

_NOT_FOUND_MSG = (
    "Không tìm thấy phông chữ có đủ dấu tiếng Việt (Times New Roman, Liberation Serif "
    "hoặc DejaVu Serif). Hãy cài fonts-liberation2 (sudo apt-get install fonts-liberation2) "
    "hoặc chỉ định tệp phông chữ .ttf trong phần cấu hình."
)

_lock = threading.RLock()
_cache: dict[str | None, FontFamily] = {}
_file_index: dict[str, list[str]] | None = None


def _font_dirs() -> list[Path]:
    home = Path.home()
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [
            home / "Library" / "Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/System/Library/Fonts"),
        ]
    else:
        dirs += [
            home / ".fonts",
            home / ".local" / "share" / "fonts",
            Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"),
        ]
    return dirs


def _index_files() -> dict[str, list[str]]:
    """Lower-cased file name -> paths, built once by walking the font folders."""
    global _file_index
    if _file_index is not None:
        return _file_index
    index: dict[str, list[str]] = {}
    for root in _font_dirs():
        if not root.is_dir():
            continue
        for dirpath, _dirnames, filenames in os.walk(root, onerror=lambda _e: None):
            for name in filenames:
                if name.lower().endswith(".ttf"):
                    index.setdefault(name.lower(), []).append(os.path.join(dirpath, name))
    _file_index = index
    return index


def _sibling(directory: str, filename: str) -> str | None:
    """Case-insensitive lookup of filename in directory (Linux copies of Windows fonts vary)."""
    exact = os.path.join(directory, filename)
    if os.path.isfile(exact):
        return exact
    try:
        for entry in os.listdir(directory):
            if entry.lower() == filename.lower():
                return os.path.join(directory, entry)
    except OSError:
        pass
    return None


def _family_name(regular_path: str) -> str:
    # Derived from the regular file, so different files never collide in
    # ReportLab's global registry and the same file always gets the same name.
    real = os.path.normcase(os.path.realpath(regular_path))
    return "OnestopSerif-" + hashlib.sha1(real.encode()).hexdigest()[:8]


def missing_vietnamese(font: TTFont) -> str:
    """Vietnamese letters the font has no glyph for (glyph 0 is .notdef)."""
    cmap = font.face.charToGlyph
    return "".join(c for c in VIETNAMESE_LETTERS if not cmap.get(ord(c)))


def _load(path: str, name: str) -> TTFont | None:
    """TTFont for path if it parses and covers Vietnamese, else None."""
    # getFont() on an unknown name goes searching for Type 1 files; avoid it.
    if name in pdfmetrics.getRegisteredFontNames():
        existing = pdfmetrics.getFont(name)
        if isinstance(existing, TTFont):
            return existing
    try:
        font = TTFont(name, path)
    except (TTFError, OSError, struct.error, ValueError):  # unreadable, truncated, CFF-flavoured OTF, ...
        return None
    if missing_vietnamese(font):
        return None
    return font


def _style_paths(regular: str) -> tuple[str | None, str | None, str | None]:
    """Best guess for the bold/italic/bold-italic files next to a regular file."""
    directory, base = os.path.split(regular)
    names: list[str] = []
    for _label, reg, *styles in _SPECS:
        if base.lower() == reg.lower():
            names = styles
            break
    else:
        stem, ext = os.path.splitext(base)
        if "Regular" in stem:
            names = [stem.replace("Regular", s) + ext for s in ("Bold", "Italic", "BoldItalic")]
    if not names:
        return (None, None, None)
    bold, italic, bold_italic = (_sibling(directory, n) or _indexed(n) for n in names)
    return bold, italic, bold_italic


def _indexed(filename: str) -> str | None:
    paths = _index_files().get(filename.lower())
    return paths[0] if paths else None


def _register(regular_path: str, regular: TTFont, source: str) -> FontFamily:
    faces = {"regular": regular}
    for style, path in zip(("Bold", "Italic", "BoldItalic"), _style_paths(regular_path)):
        font = _load(path, f"{regular.fontName}-{style}") if path else None
        # A missing or non-covering style degrades to regular rather than failing.
        faces[style] = font if font is not None else regular
    for font in faces.values():
        pdfmetrics.registerFont(font)
    fam = FontFamily(
        regular=regular.fontName,
        bold=faces["Bold"].fontName,
        italic=faces["Italic"].fontName,
        bold_italic=faces["BoldItalic"].fontName,
        path=regular_path,
        source=source,
    )
    addMapping(fam.family, 0, 0, fam.regular)
    addMapping(fam.family, 1, 0, fam.bold)
    addMapping(fam.family, 0, 1, fam.italic)
    addMapping(fam.family, 1, 1, fam.bold_italic)
    return fam


def _candidates() -> list[tuple[str, str]]:
    """(label, regular path) in priority order, without duplicates."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(label: str, path: str | None) -> None:
        if path and os.path.isfile(path):
            key = os.path.normcase(os.path.realpath(path))
            if key not in seen:
                seen.add(key)
                out.append((label, path))

    for group in (_TIMES, _LIBERATION, _DEJAVU):
        for label, reg, *_ in group:
            for directory in _PREFERRED_DIRS:
                add(label, _sibling(directory, reg) if os.path.isdir(directory) else None)
            for path in _index_files().get(reg.lower(), ()):
                add(label, path)
    return out


def register_serif(font_path: str | None = None) -> FontFamily:
    """Register (once) and return a serif family covering Vietnamese.

    A configured font_path is authoritative: if it is missing or lacks
    Vietnamese glyphs we raise instead of silently printing with another font.
    """
    key = os.path.normcase(os.path.realpath(font_path)) if font_path else None
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        if font_path:
            if not os.path.isfile(font_path):
                raise FontError(f"Không tìm thấy tệp phông chữ đã chỉ định: {font_path}")
            font = _load(font_path, _family_name(font_path))
            if font is None:
                raise FontError(
                    f"Tệp phông chữ «{os.path.basename(font_path)}» không đọc được hoặc "
                    "không có đủ dấu tiếng Việt. Hãy chỉ định tệp phông khác (ví dụ Times "
                    "New Roman) hoặc cài fonts-liberation2."
                )
            fam = _register(font_path, font, os.path.basename(font_path))
        else:
            fam = None
            for label, path in _candidates():
                font = _load(path, _family_name(path))
                if font is not None:
                    fam = _register(path, font, label)
                    break
            if fam is None:
                raise FontError(_NOT_FOUND_MSG)
        _cache[key] = fam
        return fam


# Letters and figures a table is made of; Times-Roman here is ReportLab's built-in metrics.
_WIDTH_SAMPLE = "0123456789/:-,. abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def width_scale(fonts: FontFamily) -> float:
    """The forms' tables were laid out for Times New Roman: a wider family is set this much smaller
    so that codes, dates and headings keep their lines (1 for Times and the metric-compatible
    Liberation Serif, about 0.8 for DejaVu Serif, whose bold is wider still)."""
    ratio = max(pdfmetrics.stringWidth(_WIDTH_SAMPLE, ours, 10) / pdfmetrics.stringWidth(_WIDTH_SAMPLE, times, 10)
                for ours, times in ((fonts.regular, "Times-Roman"), (fonts.bold, "Times-Bold")))
    return min(1.0, 1 / ratio)
