"""Small Unicode helpers for Vietnamese text (no Qt).

* :func:`nfc` normalises to NFC, the form the database and the catalogue store.
* :func:`fold` builds a search key that ignores case and diacritics, so that
  "nguyen van a" finds "Nguyễn Văn A" whatever normalisation form either side
  was typed in.
"""

from __future__ import annotations

import unicodedata

__all__ = ["nfc", "fold"]

# Letters that carry no combining mark in Unicode decomposition, so stripping
# marks alone would keep them.  Vietnamese needs đ/Đ; a few common Latin
# letters are added so that foreign names also fold to plain ASCII.
_SPECIAL_LETTERS = str.maketrans(
    {
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
    }
)


def nfc(text: str | None) -> str:
    """Return ``text`` in Unicode NFC form (``None`` becomes ``""``)."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text)


def _fold_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_SPECIAL_LETTERS).lower()


def fold(text: str | None) -> str:
    """Lower-case ``text`` and strip its diacritics for accent-insensitive search.

    ``fold("Nguyễn Văn Đức") == "nguyen van duc"``.  The input may be NFC or
    NFD (or mixed); the result is the same.  Vietnamese text folds to plain
    ASCII.  ``fold`` is idempotent: ``fold(fold(s)) == fold(s)``.
    """
    if not text:
        return ""
    result = _fold_once(text)
    # Lower-casing can (rarely) produce new combining marks or non-normalised
    # sequences, e.g. "İ".lower() == "i̇"; repeat until stable so that the
    # function is idempotent for any input.
    for _ in range(4):
        again = _fold_once(result)
        if again == result:
            break
        result = again
    return result
