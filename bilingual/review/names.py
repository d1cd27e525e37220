"""Name and speaker checks between a quote and its original.

Names survive translation, so a capitalised word or glossary name of one side that the other
side lacks is a changed or added name; speakers are compared only when both are person names.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from bilingual.engines.dictionary import ApertiumLexicon
from bilingual.glossary.model import Glossary, fold
from bilingual.review.correspond import Counterpart, counterparts
from bilingual.review.model import Flag, Texts
from bilingual.review.quotes import lexicon


def name_flags(t: Texts, glossary: Glossary | None, lex: ApertiumLexicon | None = None) -> list[Flag]:
    """Names of one side the other side lacks: glossary entries, then capitalised words with
    no counterpart (with ``lex``, a dictionary translation on the other side counts: "Army" /
    "Ejército"). Adjacent words form one name, and the flag points at the other side's own
    missing name, if any ("Dan Patrick" where the original has "Greg Abbott")."""
    flags: list[Flag] = []
    known: list[tuple[int, int]] = []  # article spans the glossary already accounts for
    if glossary is not None:
        matches = glossary.matcher(t.article_lang).find(t.article)
        known = [(m.start, m.end) for m in matches]
        found_a = {m.entry: t.article[m.start : m.end] for m in matches}
        found_o = {m.entry: t.original[m.start : m.end] for m in glossary.matcher(t.original_lang).find(t.original)}
        original_folded = fold(t.original)
        for entry, written in found_a.items():
            if entry not in found_o and entry.type != "term" and not _present(fold(written), original_folded):
                flags.append(Flag("name", written, f"'{written}' is not in the {t.labels[1]}", "article"))
        article_folded = fold(t.article)
        for entry, written in found_o.items():
            if entry in found_a or entry.type == "term":
                continue
            if any(_present(fold(form), article_folded) for form in entry.forms(t.article_lang)):
                continue  # "México" ~ "Mexican"
            flags.append(Flag("name", written, f"'{written}' from the {t.labels[1]} is missing", "source"))
    seen = {fold(f.text) for f in flags}
    other = fold(" ".join(x for x in (t.original, t.original_mt or "") if x))
    matched: set[int] = set()  # capitalised words whose dictionary translation is on the other side
    missing = ""
    if lex is not None:
        mine = counterparts(t.article, t.article_lang, t.original, t.original_lang, t.original_mt, lex)
        matched = {c.word.start for c in mine if c.hit}
        theirs = counterparts(t.original, t.original_lang, t.article, t.article_lang, t.article_mt, lex)
        missing = _name_runs(t.original, [c for c in theirs if c.kind == "name" and not c.hit])
    unmatched = []
    for start, name in _capitalised(t.article, t.article_lang):
        key = fold(name)
        if key in seen or start in matched or _present(key, other) or any(s <= start < e for s, e in known):
            continue
        unmatched.append((start, name))
    for start, end in _merge(t.article, unmatched, keep_out=frozenset(matched)):
        name = t.article[start:end]
        where = f" (it has '{missing}')" if missing else ""
        flags.append(Flag("name", name, f"'{name}' does not appear in the {t.labels[1]}{where}", "article", missing))
    return flags


_CAP_WORD = re.compile(r"[A-ZÁÉÍÓÚÑ][\w'’.-]*")


def _merge(
    text: str, words: list[tuple[int, str]], *, extend: bool = True, keep_out: frozenset[int] = frozenset()
) -> list[tuple[int, int]]:
    """Adjacent capitalised words as one name ("Edwin Harvey", "Luis de la Rosa"); with
    ``extend``, also the capitalised words right next to it that the check skipped on their own
    ("Dan" of "Dan Patrick"), except those starting at ``keep_out`` (words with a counterpart,
    such as a title)."""
    spans: list[tuple[int, int]] = []
    for start, word in words:
        gap = text[spans[-1][1] : start] if spans else "."
        if spans and re.fullmatch(r"\s+(?:(?:de|del|la|van|von|da)\s+)*", gap):
            spans[-1] = (spans[-1][0], start + len(word))
        else:
            spans.append((start, start + len(word)))
    if not extend:
        return spans
    caps = [m for m in _CAP_WORD.finditer(text) if m.start() not in keep_out]
    out = []
    for s, e in spans:
        for m in reversed([m for m in caps if m.end() <= s]):
            if text[m.end() : s].strip():
                break
            s = m.start()
        for m in (m for m in caps if m.start() >= e):
            if text[e : m.start()].strip():
                break
            e = m.end()
        out.append((s, e))
    return out


def _name_runs(text: str, names: list[Counterpart]) -> str:
    """The first name of ``names`` as written (adjacent words joined)."""
    spans = _merge(text, [(c.word.start, c.word.surface) for c in names], extend=False)
    return text[spans[0][0] : spans[0][1]] if spans else ""


def _capitalised(text: str, lang: str) -> list[tuple[int, str]]:
    """Capitalised words inside sentences (likely names), not sentence openers or stopwords."""
    stop = lexicon(lang).stopwords
    out = []
    for m in re.finditer(r"[^\W\d_][\w'’-]*", text):
        word = m.group()
        before = text[max(0, m.start() - 2) : m.start()]
        if m.start() == 0 or re.search(r"[.!?¿¡«“\"—:]\s*$", before) or not word[0].isupper():
            continue
        if len(word) < 4 or fold(word) in stop or word.isupper():
            continue
        out.append((m.start(), word))
    return out


def _present(key: str, text_folded: str) -> bool:
    if re.search(rf"\b{re.escape(key)}", text_folded):
        return True
    return len(key) >= 6 and key[:5] in text_folded


def speaker_flags(
    article: str | None, original: str | None, langs: tuple[str, str], lex: ApertiumLexicon | None
) -> list[Flag]:
    """A ``speaker`` flag when both sides name a person and they share no name word. Strings
    that are not person names (a misread attribution: "También", "Estados Unidos", "a la
    pregunta") say nothing about who spoke; sharing a name word means the same person written
    differently ("Maru Campos" / "María Eugenia Campos") — unless one word of an otherwise equal
    name is misspelt ("Molina" for "Medina"), which is a ``name`` flag."""
    if not article or not original:
        return []
    a = {w for w in fold(article).split() if len(w) > 2}
    o = {w for w in fold(original).split() if len(w) > 2}
    if a & o:  # one person; a differently spelt word of the name is a mangled name
        return misspelt_speaker_flags(article, original, langs)
    if not _person(article, langs[0], lex) or not _person(original, langs[1], lex):
        return []
    return [Flag("speaker", article, f"the article attributes the quote to {article}; the original to {original}")]


def misspelt_speaker_flags(article: str | None, original: str | None, langs: tuple[str, str]) -> list[Flag]:
    """A ``name`` flag when the article spells one word of the original speaker's name
    differently (``Arturo Molina Salas`` for ``Arturo Medina Salas``)."""
    if not article or not original:
        return []
    misspelt = _misspelt(article, original)
    if misspelt is None or not _person(article, langs[0], None) or not _person(original, langs[1], None):
        return []
    detail = f"the speaker is '{article}' in the article but '{original}' in the original"
    return [Flag("name", misspelt[0], detail, other=misspelt[1])]


def _misspelt(article: str, original: str) -> tuple[str, str] | None:
    """The one word that differs between two spellings of one person's name (``Arturo Molina
    Salas`` / ``Arturo Medina Salas``): same number of words, all others equal (accents aside),
    the differing word not the first (a given name or title, which languages adapt), and the two
    differing words alike but neither a shortening of the other. Longer or shorter
    forms of a name (a second surname dropped, ``Maru`` for ``María Eugenia``) are not misspellings."""
    a, o = article.split(), original.split()
    if len(a) != len(o):
        return None
    differ = [
        (k, x, y) for k, (x, y) in enumerate(zip(a, o, strict=True)) if fold(x).strip(".,") != fold(y).strip(".,")
    ]
    if len(differ) != 1 or differ[0][0] == 0:
        return None  # given names and titles are adapted across languages (Jean/Juan, Chamber/Cámara)
    _, x, y = differ[0]
    fx, fy = fold(x).strip(".,"), fold(y).strip(".,")
    if min(len(fx), len(fy)) < 4 or fx.startswith(fy) or fy.startswith(fx):
        return None
    return (x, y) if SequenceMatcher(None, fx, fy).ratio() >= 0.5 else None


def _person(name: str, lang: str, lex: ApertiumLexicon | None) -> bool:
    """Two or more capitalised words, none a function word, a place or an organisation, nor
    (with the dictionary) a common word."""
    words = name.split()
    stop = lexicon(lang).stopwords
    caps = [w for w in words if w[:1].isupper()]
    if len(caps) < 2 or any(fold(w) in stop for w in caps):
        return False
    if lex is None:
        return True
    for word in lex.analyse([name], lang)[0]:
        tags = {t for _, t in word.analyses}
        if any(t in r for r in word.raw for t in ("<top>", "<loc>", "<org>")) or (tags and "np" not in tags):
            return False
    return True
