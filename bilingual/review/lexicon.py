"""Word lists of quote review, per language: reporting verbs, speaker descriptions, titles,
negations, stopwords, number words (``bilingual/data/reporting/{es,en}.txt``).

The files are plain data with ``[section]`` headers so that a new verb or title is a one-line
edit; this module only parses them, once per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from bilingual.lang import wordlists

__all__ = ["Lexicon", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """Everything quote review knows about the words of one language."""

    verbs: frozenset[str]
    """Reporting verbs; multi-word ones ("pointed out") with a single space."""
    descriptors: tuple[str, ...]
    """Pronouns and article + noun descriptions ("él", "the mayor"), longest first."""
    titles: frozenset[str]
    negations: frozenset[str]
    stopwords: frozenset[str]
    numbers: dict[str, str]
    roles: dict[str, tuple[str, ...]]
    """A description's head noun → the titles it can refer back to ("mandataria" → "presidenta"…)."""
    descriptions: frozenset[str]
    """Nouns that describe a speaker without being a title ("transportista", "resident")."""
    pronouns: frozenset[str]
    determiners: frozenset[str]
    """Articles and possessives that open a description of the speaker ("el", "su", "the", "his")."""
    indefinites: frozenset[str]
    """Articles of an unnamed speaker who stays unnamed ("una reportera", "a witness")."""
    prepositions: frozenset[str]
    """Words that open a place, medium or audience after a verb ("en", "ante", "on", "to")."""
    conjunctions: frozenset[str]
    auxiliaries: tuple[str, ...]
    """Auxiliary verbs between a subject and a reporting verb ("has said", "ha dicho")."""
    according: tuple[str, ...]
    """Phrases that put a speaker before a quote without a verb ("según", "according to")."""
    note_roles: dict[str, tuple[str, ...]]
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def pattern(self, key: str, source: str) -> re.Pattern[str]:
        """``source`` compiled once per lexicon under ``key`` (the patterns embed the long word
        alternations, so rebuilding them per call would dominate the run time)."""
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = re.compile(source)
        return compiled

    """A description's head noun → words of a glossary note (English) naming that office."""

    @cached_property
    def verbs_alt(self) -> str:
        """Regex alternation of the reporting verbs, longest first (built once per language)."""
        return "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(self.verbs, key=len, reverse=True))

    @cached_property
    def descr_alt(self) -> str:
        """Regex alternation of the descriptors ("la mandataria", "the mayor")."""
        return "|".join(re.escape(d) for d in self.descriptors)

    @cached_property
    def according_alt(self) -> str:
        """Regex alternation of the "according to" phrases."""
        return "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(self.according, key=len, reverse=True))

    @cached_property
    def not_in_names(self) -> frozenset[str]:
        """Lowercase words that cannot sit between a description and a name ("El Paso resident
        Maria Gomez" yes, "Jorge Ruiz en el sitio Web" no)."""
        return (
            self.prepositions | self.conjunctions | self.verbs | self.determiners | {"of", "de", "del", "que", "that"}
        )

    @cached_property
    def role_words(self) -> frozenset[str]:
        """Nouns that name an office or a role: titles, descriptor heads and role targets."""
        heads = {d.split()[-1] for d in self.descriptors if " " in d}
        targets = {t for values in self.roles.values() for t in values}
        nouns = {t.rstrip(".") for t in self.titles} | set(self.descriptions)
        return frozenset(nouns | heads | set(self.roles) | targets)


@cache
def lexicon(lang: str) -> Lexicon:
    """The word lists of ``lang`` ("es" or "en"), read once from the package data."""
    sections = wordlists.sections("reporting", lang)  # LanguageError for anything but es/en

    def words(key: str) -> list[str]:
        return [w.replace("_", " ") for line in sections.get(key, []) for w in line.split()]

    determiners = frozenset(words("determiners"))
    descriptors: list[str] = []
    for line in sections.get("descriptors", []):
        tokens = line.split()
        i = 0
        while i < len(tokens):  # "el alcalde" / "the mayor" / "él": article + noun or a pronoun
            if tokens[i] in determiners and i + 1 < len(tokens):
                descriptors.append(f"{tokens[i]} {tokens[i + 1]}")
                i += 2
            else:
                descriptors.append(tokens[i])
                i += 1

    def mapping(key: str) -> dict[str, tuple[str, ...]]:
        return {line.split()[0]: tuple(line.split()[1:]) for line in sections.get(key, [])}

    return Lexicon(
        verbs=frozenset(words("verbs")),
        descriptors=tuple(sorted(set(descriptors), key=len, reverse=True)),
        titles=frozenset(words("titles")),
        negations=frozenset(words("negations")),
        stopwords=frozenset(words("stopwords")),
        numbers=dict(w.split("=", 1) for w in words("numbers")),
        roles=mapping("roles"),
        descriptions=frozenset(words("descriptions")),
        pronouns=frozenset(words("pronouns")),
        determiners=determiners,
        indefinites=frozenset(words("indefinites")),
        prepositions=frozenset(words("prepositions")),
        conjunctions=frozenset(words("conjunctions")),
        auxiliaries=tuple(words("auxiliaries")),
        according=tuple(words("according")),
        note_roles=mapping("note_roles"),
    )
