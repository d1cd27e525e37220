"""Language codes and accent folding, shared by every stage."""

from __future__ import annotations

import unicodedata

LANGUAGES = ("es", "en")
"""The languages the tool handles (ISO 639-1)."""
NAMES = {"es": "Spanish", "en": "English"}


def other_language(lang: str) -> str:
    """The other language of the pair (es ↔ en)."""
    return "en" if lang == "es" else "es"


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()
        if len(base) == 1 and base != ch:
            table[code] = base
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lowercase and strip Latin accents without changing the length (offsets stay valid)."""
    return text.translate(_FOLD)
