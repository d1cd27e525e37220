"""The one reader for the shipped word lists, ``bilingual/data/<kind>/<lang>.txt``.

Format shared by every list: UTF-8, lines starting with ``#`` are comments (each file says where
its entries come from), blank lines are ignored, ``[name]`` starts a section. Lines before any
section belong to the section ``""``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from bilingual.errors import LanguageError
from bilingual.lang.codes import LANGUAGES


@cache
def sections(kind: str, lang: str) -> dict[str, tuple[str, ...]]:
    """The stripped, non-comment lines of ``data/<kind>/<lang>.txt`` by section, in file order."""
    if lang not in LANGUAGES:
        raise LanguageError(f"no {kind} word list for language '{lang}'", "use es or en")
    text = resources.files("bilingual").joinpath("data", kind, f"{lang}.txt").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    current = out.setdefault("", [])
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return {name: tuple(lines) for name, lines in out.items()}


def lines(kind: str, lang: str) -> tuple[str, ...]:
    """Every non-comment line of the list, whatever its section."""
    return tuple(line for part in sections(kind, lang).values() for line in part)
