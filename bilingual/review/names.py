"""Name and speaker checks between a quote and its original.

Names survive translation, adapted at most (:mod:`bilingual.review.nameforms`), so a glossary
name of one side that the other side lacks is a changed or added name, and a capitalised word
without counterpart is a changed name when the other side has a name without counterpart too
(a swap). Speakers are compared only when both are person names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from bilingual.engines.dictionary import ApertiumLexicon, Word
from bilingual.glossary.model import Entry, Glossary, fold
from bilingual.review.correspond import Counterpart, counterparts
from bilingual.review.model import Flag, Texts
from bilingual.review.nameforms import acronym_of, derived_from, same_name, skeleton
from bilingual.review.quotes import lexicon


def name_flags(t: Texts, glossary: Glossary | None, lex: ApertiumLexicon | None = None) -> list[Flag]:
    """Names of one side the other side lacks: glossary entries (the original or its MT
    lacking them and any word derived from them: "americano" for "U.S."), then names swapped
    for others.

    A capitalised word inside a sentence is a name unless the dictionary reads it only as a
    verb, adverb or function word ("Volví" after a dash). It has a counterpart when the other
    side (or its MT) has it, a dictionary translation of it ("Army" / "Ejército"), a cross-language
    form of it (:mod:`bilingual.review.nameforms`: "Hizbulá", "brasileño", "MoD" for "Ministry of
    Defence", "Fernando VII" for "Ferdinand VII"), a word whose translation starts like it
    ("Checa" → "Czech" / "Czechia") or a word it contains ("Federation" / "Confederation").

    A name without counterpart is flagged only as one side of a swap (see ``_Name.swaps_with``):
    the original has a name without counterpart too, or says a name more often than the article
    ("Texas … Texas" where the article has "Oklahoma … Texas"). A replaced name always leaves the
    original's name behind, while translators add names of their own ("the capital" → "la
    capital, Madrid") and translate titles word by word ("Golan Heights" / "el Golán"). Adjacent
    words form one name, and the flag points at the original's missing name ("Dan Patrick"
    where the original has "Greg Abbott")."""
    flags: list[Flag] = []
    known: list[tuple[int, int]] = []  # article spans the glossary already accounts for
    other = _fold_name(" ".join(x for x in (t.original, t.original_mt or "") if x))
    if glossary is not None:
        matches = glossary.matcher(t.article_lang).find(t.article)
        known = [(m.start, m.end) for m in matches]
        found_a = {m.entry: t.article[m.start : m.end] for m in matches}
        found_o = {m.entry: t.original[m.start : m.end] for m in glossary.matcher(t.original_lang).find(t.original)}
        other_words = re.findall(r"[^\W\d_]{5,}", " ".join(x for x in (t.original, t.original_mt or "") if x))
        for entry, written in found_a.items():
            if entry in found_o or entry.type == "term" or _present(_fold_name(written), other):
                continue
            if any(derived_from(w, o) for w in _form_words(entry) for o in other_words):
                continue  # "the U.S. central bank" / "el banco central americano" (America)
            flags.append(Flag("name", written, f"'{written}' is not in the {t.labels[1]}", "article"))
        article_folded = fold(t.article)
        for entry, written in found_o.items():
            if entry in found_a or entry.type == "term":
                continue
            if any(_present(fold(form), article_folded) for form in entry.forms(t.article_lang)):
                continue  # "México" ~ "Mexican"
            flags.append(Flag("name", written, f"'{written}' from the {t.labels[1]} is missing", "source"))
    seen = {fold(f.text) for f in flags}
    mine = _names(t.article, t.article_lang, t.original, t.original_lang, t.original_mt, lex)
    theirs = _names(t.original, t.original_lang, t.article, t.article_lang, t.article_mt, lex)
    article_folded, original_folded = fold(t.article), fold(t.original)
    left = [n for n in theirs if not n.hit or 0 < _count(n.key, article_folded) < _count(n.key, original_folded)]
    unmatched = []
    partners: list[_Name] = []
    for n in mine:
        if n.hit or n.key in seen or any(s <= n.start < e for s, e in known):
            continue
        swapped = [p for p in left if n.swaps_with(p)]
        if swapped:
            unmatched.append((n.start, n.text))
            partners += [p for p in swapped if p not in partners]
    missing = _run_text(t.original, sorted(partners, key=lambda p: p.start), {p.start for p in theirs if p.hit})
    keep_out = {n.start for n in mine if n.hit}
    if lex is not None:  # a title or other word with a counterpart does not join the name ("Gen.")
        found = counterparts(t.article, t.article_lang, t.original, t.original_lang, t.original_mt, lex)
        keep_out |= {c.word.start for c in found if c.hit}
    for start, end in _merge(t.article, unmatched, keep_out=frozenset(keep_out)):
        name = t.article[start:end]
        where = f" (it has '{missing}')" if missing else ""
        flags.append(Flag("name", name, f"'{name}' does not appear in the {t.labels[1]}{where}", "article", missing))
    return flags


@dataclass(frozen=True)
class _Name:
    """A capitalised word of one side: where it is, whether it is a proper noun or unknown word
    (``strong``) rather than a capitalised common word, whether the other side has it, and the
    words of its title run that the other side has (``anchors``: "North" of "North Avenue")."""

    start: int
    text: str
    strong: bool
    hit: bool
    anchors: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        return fold(self.text)

    def swaps_with(self, other: _Name) -> bool:
        """Whether ``other`` (a name of the other side without counterpart) can be what this
        name replaced: two proper nouns (or words the dictionary does not know), two capitalised
        words outside titles ("Orange" for "T-Mobile"), or two words of titles anchored on a
        shared word ("North Boulevard" / "North Avenue"). A common word of a translated title
        ("Heights" of "Golan Heights", "Future" of "Commission for the Future of the City") has no name
        facing it, and no replaced person or place is one."""
        if (self.strong and other.strong) or not (self.anchors or other.anchors):
            return True
        return any(same_name(a, b) for a in self.anchors for b in other.anchors)


_NAME_TAGS = frozenset({"n", "adj"})
_ROMAN = re.compile(r"\s+([IVXLC]+)\b")
_RUN_GAP = re.compile(r"\s+(?:(?:de|del|la|las|los|el|of|the|for|and|y)\s+)*")


def _runs(text: str) -> list[tuple[int, int]]:
    """Spans of capitalised words joined by spaces and "de", "of"… ("Ministerio de Defensa")."""
    spans: list[tuple[int, int]] = []
    for m in _CAP_WORD.finditer(text):
        if spans and _RUN_GAP.fullmatch(text[spans[-1][1] : m.start()]):
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def _names(
    text: str, lang: str, other: str, other_lang: str, other_mt: str | None, lex: ApertiumLexicon | None
) -> list[_Name]:
    """The capitalised words of ``text`` that are names (see :func:`name_flags`), each with
    whether ``other`` has a counterpart for it."""
    candidates = _capitalised(text, lang)
    if lex is not None:  # a sentence may open with a name: a word the dictionary reads as one only
        proper = {w.start for w in lex.analyse([text], lang)[0] if {t for _, t in w.analyses} == {"np"}}
        inside = {start for start, _ in candidates}
        openers = [(s, w) for s, w in _capitalised(text, lang, openers=True) if s in proper and s not in inside]
        candidates = sorted(candidates + openers)
    if not candidates:
        return []
    other_all = _fold_name(" ".join(x for x in (other, other_mt or "") if x))
    other_words = [m.group() for m in re.finditer(r"[^\W\d_][\w'’.-]*", other)]
    other_caps = [w for w in other_words if w[:1].isupper()]
    runs = _runs(text)
    stop = lexicon(lang).stopwords
    words: list[Word] = []
    hits: list[Counterpart] = []
    prefixes: set[str] = set()
    if lex is not None:
        words = lex.analyse([text], lang)[0]
        hits = [c for c in counterparts(text, lang, other, other_lang, other_mt, lex) if c.kind]
        analysed = lex.analyse([other], other_lang)[0]
        prefixes = {fold(tr)[:5] for ts in lex.translations(analysed, other_lang) for tr in ts if len(tr) >= 5}
    other_stems = {w[:6] for w in re.findall(r"[^\W\d_]{6,}", other_all)}

    def has(word: str, start: int) -> bool:
        """Whether ``other`` has a counterpart for ``word`` (at ``start``)."""
        end = start + len(word)
        mine = [c for c in hits if c.word.start < end and start < c.word.end]
        key = _fold_name(word)
        run = next(((s, e) for s, e in runs if s <= start < e), (start, end))
        return (
            bool(mine and all(c.hit for c in mine))
            or _present(key, other_all)
            or (len(key) >= 5 and key[:5] in prefixes)
            or (len(key) >= 8 and any(key[i : i + 6] in other_stems for i in range(1, len(key) - 5)))
            or any(same_name(word, o) for o in other_caps)
            or any(derived_from(word, o) or (len(skeleton(o)) >= 3 and same_name(word, o)) for o in other_words)
            or _same_numbered(text, end, word, other)
            or any(acronym_of(text[run[0] : run[1]].split(), o) for o in other_caps)
        )

    out = []
    for start, word in candidates:
        end = start + len(word)
        tags = {tag for w in words if w.start < end and start < w.end for _, tag in w.analyses}
        untagged = any(not w.analyses for w in words if w.start < end and start < w.end)
        if lex is not None and tags and not untagged and "np" not in tags and not tags & _NAME_TAGS:
            continue  # a verb or adverb opening a clause
        strong = lex is None or untagged or "np" in tags or not tags
        run = next(((s, e) for s, e in runs if s <= start < e), (start, end))
        anchors = frozenset(
            m.group()
            for m in _CAP_WORD.finditer(text, run[0], run[1])
            if m.start() != start and fold(m.group()) not in stop and has(m.group(), m.start())
        )
        out.append(_Name(start, word, strong, has(word, start), anchors))
    return out


def _form_words(entry: Entry) -> set[str]:
    """The capitalised words of five letters or more of a glossary entry's forms, both
    languages ("United", "States", "America", "Estados", "Unidos")."""
    return {w for form in (*entry.es, *entry.en) for w in form.split() if len(w) >= 5 and w[:1].isupper()}


def _fold_name(text: str) -> str:
    """``text`` folded, hyphens as spaces ("Al-Qaeda" = "Al Qaeda")."""
    return fold(text).replace("-", " ")


def _count(key: str, folded: str) -> int:
    """How many times the folded word ``key`` occurs in ``folded`` as a whole word."""
    return len(re.findall(rf"(?<!\w){re.escape(key)}(?!\w)", folded))


def _same_numbered(text: str, end: int, word: str, other: str) -> bool:
    """``word`` is followed by a Roman numeral that follows a name of the same first letter in
    ``other`` ("Ferdinand VII" / "Fernando VII")."""
    numeral = _ROMAN.match(text, end)
    if numeral is None:
        return False
    pattern = rf"\b([^\W\d_][\w'’-]*)\s+{numeral.group(1)}\b"
    return any(fold(m.group(1))[:1] == fold(word)[:1] for m in re.finditer(pattern, other))


def _run_text(text: str, names: list[_Name], keep_out: set[int]) -> str:
    """The first name of ``names`` as written, with the capitalised words right after it that
    have no counterpart (``keep_out``: those that have), up to a sentence end ("Wouter Bos"),
    without a possessive "'s"."""
    spans = _merge(text, [(n.start, n.text) for n in names], extend=False)
    spans = [(s, _merge(text, [(s, text[s:e])], keep_out=frozenset(keep_out))[0][1]) for s, e in spans]
    if not spans:
        return ""
    run = re.sub(r"['’]s$", "", text[spans[0][0] : spans[0][1]])
    return run[:-1] if run.endswith(".") and "." not in run.split()[-1][:-1] else run


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
            if text[e : m.start()].strip() or text[e - 1] == ".":
                break
            e = m.end()
        out.append((s, e))
    return out


def _capitalised(text: str, lang: str, *, openers: bool = False) -> list[tuple[int, str]]:
    """Capitalised words inside sentences (likely names), not stopwords; sentence openers only
    with ``openers``."""
    stop = lexicon(lang).stopwords
    out = []
    for m in re.finditer(r"[^\W\d_][\w'’-]*", text):
        word = m.group()
        before = text[max(0, m.start() - 2) : m.start()]
        opens = m.start() == 0 or bool(re.search(r"[.!?¿¡«“\"—–:]\s*$", before))
        if (opens and not openers) or not word[0].isupper():
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
    differing words alike but neither a shortening nor a transliteration of the other (same
    consonant skeleton, :func:`~bilingual.review.nameforms.skeleton`). Longer or shorter
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
    if min(len(fx), len(fy)) < 4 or fx.startswith(fy) or fy.startswith(fx) or skeleton(x) == skeleton(y):
        return None  # a shortening, or a transliteration ("Tchoubais" / "Chubais")
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
