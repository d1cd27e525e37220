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

from bilingual.formats.model import Document
from bilingual.glossary.model import Entry, Glossary, Match
from bilingual.lang.codes import fold

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
        form = same[0]  # a name written the same in both languages keeps the form used ("Sheinbaum")
    else:
        form = entry.preferred(target_lang)
        if _is_plural(written, entry.preferred(match_lang(entry, match))):
            form = _plural_variant(entry.forms(target_lang)) or pluralize(form, target_lang)
    letters = [c for c in written if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters) and not form.isupper():
        return form.upper()  # all-caps datelines: "CD. JUÁREZ" -> "CIUDAD JUÁREZ"
    if form[:1].islower() and written[:1].isupper():
        form = form[:1].upper() + form[1:]
    return form


def match_lang(entry: Entry, match: Match) -> str:
    """The language of the side ``match.form`` comes from."""
    return "es" if match.form in entry.es else "en"


def _words(text: str) -> list[str]:
    return fold(text).split()


def _is_plural(written: str, singular: str) -> bool:
    """Whether ``written`` is ``singular`` with some word in the plural (``puertos de entrada``)."""
    a, b = _words(written), _words(singular)
    return len(a) == len(b) and a != b and all(x == y or x in (y + "s", y + "es") for x, y in zip(a, b, strict=True))


def _plural_variant(forms: tuple[str, ...]) -> str | None:
    """A listed variant that is the plural of the preferred form (``ports of entry``)."""
    for form in forms[1:]:
        if _is_plural(form, forms[0]):
            return form
    return None


_PREPOSITIONS = {"es": {"de", "del", "para", "en", "con", "a"}, "en": {"of", "for", "in", "on", "at", "to"}}


def pluralize(form: str, lang: str) -> str:
    """Plural of a lowercase term: Spanish pluralises every word before the first preposition
    (``puente internacional`` → ``puentes internacionales``), English the last one before it
    (``port of entry`` → ``ports of entry``)."""
    words = form.split(" ")
    stop = next((i for i, w in enumerate(words) if w.lower() in _PREPOSITIONS[lang]), len(words))
    if stop == 0:
        return form
    targets = range(stop) if lang == "es" else [stop - 1]
    for i in targets:
        words[i] = _plural_word(words[i], lang)
    return " ".join(words)


def _plural_word(word: str, lang: str) -> str:
    low = word.lower()
    if lang == "es":
        if low.endswith(("a", "e", "i", "o", "u", "á", "é", "ó")):
            return word + "s"
        if low.endswith("z"):
            return word[:-1] + "ces"
        if low.endswith("ión"):
            return word[:-3] + "iones"
        return word + "es"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return word[:-1] + "ies"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


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


def missing_in_document(glossary: Glossary, doc: Document) -> list[str]:
    """``glossary check-pairs``: one line per glossary term of a pair's source whose target
    forms are all missing from its translation, saying which pair and what was expected."""
    src, tgt = doc.source_lang, doc.target_lang
    out: list[str] = []
    for pair in doc.pairs:
        for entry in missing_terms(glossary, pair.source, pair.target, src, tgt):
            where = ""
            if pair.source_ids or pair.target_ids:
                ids = ",".join(map(str, pair.source_ids)) or "-"
                tids = ",".join(map(str, pair.target_ids)) or "-"
                where = f" ({src} {ids} → {tgt} {tids})"
            out.append(
                f"pair {pair.id}{where}: '{entry.preferred(src)}' should be "
                f"'{' | '.join(entry.forms(tgt))}' [{entry.where}]"
            )
    return out
