"""Glossary enforcement in machine translation, and the terminology check on sentence pairs.

No engine in our stack supports terminology constraints, so glossary terms are protected:
each term found in a source sentence is replaced by a placeholder token (``XQZ1``) that both
engines pass through untouched, and after translation the placeholder is replaced by the
term's preferred target form. If an engine drops, repeats or mangles a placeholder, the sentence
is translated again without protection and flagged ``glossary-fallback`` rather than emitting
garbage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilingual.glossary import Entry, Glossary, Match, fold

PLACEHOLDER = "XQZ{}"
_PLACEHOLDER = re.compile(r"[*#@]?XQZ(\d+)", re.IGNORECASE)
FALLBACK_FLAG = "glossary-fallback"


@dataclass(frozen=True)
class Protected:
    """A source sentence with glossary terms replaced by placeholders."""

    text: str
    terms: tuple[Match, ...]
    source: str


def protect(sentence: str, glossary: Glossary, source_lang: str) -> Protected:
    """Replace every glossary term of ``sentence`` by a numbered placeholder."""
    matches = glossary.matcher(source_lang).find(sentence)
    if not matches:
        return Protected(sentence, (), sentence)
    if _PLACEHOLDER.search(sentence):
        return Protected(sentence, (), sentence)  # text that looks like our placeholders: leave it alone
    parts: list[str] = []
    pos = 0
    for n, m in enumerate(matches, start=1):
        parts.append(sentence[pos : m.start])
        parts.append(PLACEHOLDER.format(n))
        pos = m.end
    parts.append(sentence[pos:])
    return Protected("".join(parts), tuple(matches), sentence)


def target_form(match: Match, source_text: str, target_lang: str) -> str:
    """The preferred target form for a matched term, in plural and capitalised as written."""
    entry = match.entry
    written = source_text[match.start : match.end]
    same = [f for f in entry.forms(target_lang) if fold(f) == fold(written)]
    if same:
        return same[0]  # a name written the same in both languages keeps the form used ("Sheinbaum")
    form = entry.preferred(target_lang)
    if match.plural and form[:1].islower():
        plurals = [f for f in entry.forms(target_lang) if fold(f) in (fold(form) + "s", fold(form) + "es")]
        form = plurals[0] if plurals else form + ("es" if form.endswith(("s", "z", "x", "ch", "sh")) else "s")
    if form[:1].islower() and written[:1].isupper():
        form = form[:1].upper() + form[1:]
    return form


def restore(translated: str, protected: Protected, target_lang: str) -> str | None:
    """Put the target forms in place of the placeholders; None if any placeholder was mangled."""
    if not protected.terms:
        return translated
    found = [int(m.group(1)) for m in _PLACEHOLDER.finditer(translated)]
    if sorted(found) != list(range(1, len(protected.terms) + 1)):
        return None

    def put(m: re.Match[str]) -> str:
        match = protected.terms[int(m.group(1)) - 1]
        return target_form(match, protected.source, target_lang)

    return _PLACEHOLDER.sub(put, translated)


def is_placeholder(word: str) -> bool:
    """Whether an engine's unknown word is one of our placeholders."""
    return bool(_PLACEHOLDER.fullmatch(word))


def missing_terms(glossary: Glossary, source: str, target: str, source_lang: str, target_lang: str) -> list[Entry]:
    """Entries found in ``source`` none of whose ``target_lang`` forms occurs in ``target``."""
    wanted = glossary.matcher(source_lang).find(source)
    if not wanted:
        return []
    present = glossary.matcher(target_lang).entries_in(target)
    folded_target = fold(target)
    out: list[Entry] = []
    for m in wanted:
        entry = m.entry
        if entry in present or entry in out:
            continue
        if any(fold(f) in folded_target for f in entry.forms(target_lang)):
            continue  # written in a way the matcher's case rules reject, but there
        out.append(entry)
    return out
