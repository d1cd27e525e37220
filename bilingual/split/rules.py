"""Per-language sentence-splitting data: abbreviations and sentence openers.

All language knowledge lives in plain data files, one per language and kind
(``bilingual/data/abbreviations/es.txt``, ``bilingual/data/openers/es.txt``), so adding an
abbreviation means editing a list, not code. This module only parses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from bilingual.errors import LanguageError
from bilingual.lang import wordlists
from bilingual.lang.codes import LANGUAGES


class Kind(Enum):
    """What an abbreviation says about the word that follows it."""

    TITLE = "title"
    NUMBER = "number"
    GENERAL = "general"
    TIME = "time"
    EXCLAMATION = "exclamation"


@dataclass(frozen=True)
class LanguageRules:
    """Everything the splitter knows about one language."""

    lang: str
    exact: dict[str, Kind]
    """Abbreviations (without the final dot) whose spelling matters: ``Mar``, ``CD``."""
    folded: dict[str, Kind]
    """Abbreviations matched case-insensitively, keyed in lower case: ``etc``, ``a.m``."""
    multi: re.Pattern[str] | None
    """Abbreviations written with inner spaces (``EE. UU.``, ``a. m.``); ``kind`` by group name."""
    multi_kinds: dict[str, Kind]
    openers: frozenset[str]
    calendar: frozenset[str]
    question_then_lowercase_ends: bool
    """English web text starts sentences in lowercase after "?"; Spanish does not (it marks the
    question with "¿", so "¿Qué? —dijo" or "¿Vienes? preguntó" continue the sentence)."""

    def lookup(self, word: str) -> Kind | None:
        """Abbreviation kind of ``word`` (written without its final dot), or None."""
        kind = self.exact.get(word)
        if kind is None:
            kind = self.folded.get(word.lower())
        return kind


def _multi_pattern(entries: list[tuple[str, Kind]]) -> tuple[re.Pattern[str] | None, dict[str, Kind]]:
    """One regex for all spaced abbreviations; longest first so ``S. A. de C. V.`` beats ``S. A.``."""
    if not entries:
        return None, {}
    alts: list[str] = []
    kinds: dict[str, Kind] = {}
    for i, (entry, kind) in enumerate(sorted(entries, key=lambda e: -len(e[0]))):
        parts = [re.escape(p) for p in entry.split()]
        body = r"\s?".join(parts)
        if entry == entry.lower():
            body = f"(?i:{body})"
        alts.append(f"(?P<m{i}>{body})")
        kinds[f"m{i}"] = kind
    return re.compile(r"(?<![\w.])(?:" + "|".join(alts) + r")(?![\w])"), kinds


@cache
def load_rules(lang: str) -> LanguageRules:
    """Parse the data files of ``lang`` (cached: files are read once per process)."""
    if lang not in LANGUAGES:
        raise LanguageError(f"unknown language '{lang}'", "use es or en")
    exact: dict[str, Kind] = {}
    folded: dict[str, Kind] = {}
    multi: list[tuple[str, Kind]] = []
    for section, entries in wordlists.sections("abbreviations", lang).items():
        if not section:
            continue
        kind = Kind(section)
        for entry in entries:
            if " " in entry:
                multi.append((entry, kind))
                continue
            word = entry[:-1] if entry.endswith((".", "!")) else entry
            if word == word.lower():
                folded.setdefault(word, kind)
            else:
                exact.setdefault(word, kind)
                exact.setdefault(word.upper(), kind)
    pattern, kinds = _multi_pattern(multi)
    words = wordlists.sections("openers", lang)
    openers = frozenset(w for line in words.get("openers", []) for w in line.split())
    calendar = frozenset(w for line in words.get("calendar", []) for w in line.split())
    options = dict(line.split("=", 1) for line in words.get("options", []))
    question_ends = options.get("question-then-lowercase-ends", "no").strip() == "yes"
    return LanguageRules(lang, exact, folded, pattern, kinds, openers, calendar, question_ends)
