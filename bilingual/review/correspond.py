"""Word-level correspondence between a quote and its original, for additions and omissions.

A content word of one side has a counterpart on the other when a dictionary translation of
one of its lemmas (Apertium's bilingual dictionary, both directions) is a lemma of a word
there, or when its stem occurs in the other side or in the other side's machine translation
(names, cognates and numbers survive translation). Runs of two or more content words without
counterpart, with no matched content word between them, are what a translator added or
dropped: a clause, or a phrase as short as two content words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bilingual.engines.dictionary import ApertiumLexicon, Word
from bilingual.glossary.model import fold
from bilingual.review.quotes import lexicon

_CONTENT_TAGS = frozenset({"n", "vblex", "adj", "adv", "np", "num"})
_STOP_BREAK = re.compile(r"[.,;:!?()«»“”\"—]")
_SHIFT = 2
"""Words a rewording may move past the words anchoring it (Spanish puts the adjective after its
noun: "franquicia mayor" / "greater deductible")."""


@dataclass(frozen=True)
class Run:
    """Consecutive content words of one side without counterpart: offsets and text."""

    start: int
    end: int
    text: str
    words: int


def stems(text: str, lang: str) -> set[str]:
    """Folded words of ``text`` and their 4/5-letter prefixes (inflection-tolerant lookup)."""
    out: set[str] = set()
    for w in re.findall(r"[^\W_]+", fold(text)):
        out.update((w, w[:5], w[:4]) if len(w) >= 6 else (w, w[:5]))
    return out


def _stem_hit(word: str, bag: set[str]) -> bool:
    w = fold(word)
    return w in bag or w[:5] in bag or (len(w) >= 6 and w[:4] in bag)


def _in_compound(translations: frozenset[str], word: str) -> bool:
    """A translation inside a longer word of the other side ("espacio" → "space" in
    "airspace")."""
    return any(len(t) >= 4 and len(word) >= len(t) + 3 and t in word for t in translations)


@cache
def negation_words(lang: str) -> frozenset[str]:
    """The negating words of ``lang`` folded ("jamas", "ningun"), as the text is folded before lookup."""
    return frozenset(fold(w) for w in lexicon(lang).negations)


def _kind(word: Word, lang: str, first: bool) -> str:
    """``"content"`` for a word that carries meaning of its own, ``"name"`` for a name
    mid-sentence, ``""`` for the rest (function words, numbers and negations, which have checks
    of their own); ``"negation"`` for a negating word (matched by any negation on the other
    side); ``"unknown"`` for a word the dictionary does not know (matched by its spelling only)."""
    lex = lexicon(lang)
    low = fold(word.surface)
    if low in negation_words(lang) or low.endswith("n't"):
        return "negation"
    if len(low) < 3 or low in lex.stopwords or low in lex.numbers:
        return ""
    if any(ch.isdigit() for ch in low):
        return ""
    tags = {t for _, t in word.analyses}
    if "np" in tags or (word.surface[0].isupper() and not first):
        return "name"
    if not word.analyses:
        return "unknown"
    return "content" if tags & _CONTENT_TAGS else ""


@dataclass(frozen=True)
class Counterpart:
    """One word of a side, what kind of word it is (see ``_kind``), whether the other side has
    a counterpart for it, and which word of the other side that is (None: no counterpart, or
    one found only in the machine translation)."""

    word: Word
    kind: str
    hit: bool
    link: int | None = None


def _keys(word: str) -> set[str]:
    """A folded word and the prefixes :func:`_stem_hit` compares."""
    w = fold(word)
    return {w, w[:5], w[:4]} if len(w) >= 6 else {w, w[:5]}


def counterparts(
    text: str, lang: str, other: str, other_lang: str, other_mt: str | None, lex: ApertiumLexicon
) -> list[Counterpart]:
    """Every word of ``text`` with its kind and its counterpart in ``other`` (or in ``other``'s
    MT ``other_mt``, in ``lang``). Function words get no counterpart (they are not evidence)."""
    words = lex.analyse([text], lang)[0]
    other_words = lex.analyse([other], other_lang)[0]
    forward = lex.translations(words, lang)
    backward = lex.translations(other_words, other_lang)
    by_lemma: dict[str, set[int]] = {}
    by_stem: dict[str, set[int]] = {}
    by_translation: dict[str, set[int]] = {}
    for j, o in enumerate(other_words):
        for lemma in {lemma for lemma, _ in o.analyses} | {fold(o.surface)}:
            by_lemma.setdefault(lemma, set()).add(j)
        for key in _keys(o.surface):
            by_stem.setdefault(key, set()).add(j)
        for t in backward[j]:
            by_translation.setdefault(t, set()).add(j)
    mt_bag = stems(other_mt or "", lang)
    other_neg = negation_words(other_lang)
    negs = [j for j, o in enumerate(other_words) if fold(o.surface) in other_neg or fold(o.surface).endswith("n't")]
    scale = len(other_words) / max(len(words), 1)
    out = []
    for i, w in enumerate(words):
        first = i == 0 or bool(re.search(r"[.!?¿¡«“\"—:]\s*$", text[max(0, w.start - 4) : w.start]))
        kind = _kind(w, lang, first)
        if not kind:
            out.append(Counterpart(w, kind, True))
            continue
        lemmas = {lemma for lemma, _ in w.analyses} | {fold(w.surface)}
        found: set[int] = set()
        if kind == "negation":
            found.update(negs)
        else:
            for t in forward[i]:
                found |= by_lemma.get(t, set())
            for lemma in lemmas:
                found |= by_translation.get(lemma, set())
                for key in _keys(lemma):
                    found |= by_stem.get(key, set())
            if not found:
                found = {j for j, o in enumerate(other_words) if _in_compound(forward[i], fold(o.surface))}
        link = min(found, key=lambda j: (abs(j - i * scale), j)) if found else None
        hit = link is not None
        if not hit and kind != "negation":
            hit = _stem_hit(w.surface, mt_bag) or any(_stem_hit(lemma, mt_bag) for lemma in lemmas)
            hit = hit or (kind == "content" and not forward[i])
        out.append(Counterpart(w, kind, hit, link))
    return out


def uncovered_runs(
    text: str,
    lang: str,
    other: str,
    other_lang: str,
    other_mt: str | None,
    lex: ApertiumLexicon,
    *,
    text_mt: str | None = None,
    min_words: int = 2,
    names_count: bool = True,
) -> list[Run]:
    """Runs of ``min_words`` or more content words of ``text`` with no counterpart in ``other``
    and nothing in ``other`` that could be their translation.

    A run is bounded by the nearest words with a counterpart on each side; content words of the
    other side without counterpart (between those two counterparts, or anywhere when the text's
    other unlinked words leave them unexplained) are what the run may reword (a rewording
    replaces words about one for one), so the run is reported only when it has ``min_words``
    words more than they. A name without counterpart counts as a
    word of the run unless ``names_count`` is false (the other side has a name without
    counterpart too: a changed name, which the name check reports); a run of names alone is
    never an addition. A preposition right before a run belongs to it ("… the best *under heavy
    pressure*"). ``text_mt`` is ``text`` translated into ``other_lang`` (for the other side's
    words)."""
    mine = counterparts(text, lang, other, other_lang, other_mt, lex)
    theirs = counterparts(other, other_lang, text, lang, text_mt, lex)
    runs: list[Run] = []
    current: list[int] = []
    lead: dict[int, Word] = {}

    def loose(side: list[Counterpart], other_side: list[Counterpart]) -> list[int]:
        # words without a dictionary or spelling link either way (a match in the MT alone is
        # weak: the MT may have paraphrased the same way the translator did)
        targets = {c.link for c in other_side if c.link is not None}
        return [
            k for k, c in enumerate(side) if c.kind in ("content", "unknown") and c.link is None and k not in targets
        ]

    loose_mine, loose_theirs = loose(mine, theirs), loose(theirs, mine)

    def reworded(first: int, last: int) -> int:
        """How many words of the other side a rewording of the run may have replaced: those
        without counterpart facing it (between the counterparts of its anchors, give or take
        :data:`_SHIFT` words), or — word order differs, and a rewording may move to the other end
        of the sentence — those the rest of the text's own unlinked words do not account for,
        if more. For a run at the end (nothing linked after it, so it faces everything after its
        left anchor), the fewer of the two: "serious … grave" is one rewording, not also one of a
        phrase added after it."""
        anchors = [k for k, c in enumerate(mine) if c.link is not None and c.kind in ("content", "name")]
        left = next((mine[k].link for k in reversed(anchors) if k < first), None)
        right = next((mine[k].link for k in anchors if k > last), None)
        lo = -1 if left is None else left
        hi = len(theirs) if right is None else right
        lo, hi = min(lo, hi) - _SHIFT, max(lo, hi) + _SHIFT
        facing = sum(lo < j < hi for j in loose_theirs)
        elsewhere = sum(not first <= k <= last for k in loose_mine)
        balance = max(0, len(loose_theirs) - elsewhere)
        if right is not None:
            return max(facing, balance)
        return min(facing, balance)

    def close() -> None:
        if not current:
            return
        cs = [mine[k] for k in current]
        counted = [c for c in cs if c.kind != "name" or names_count]
        excess = len(counted) - reworded(current[0], current[-1])
        if len(counted) >= min_words and any(c.kind != "name" for c in cs) and excess >= min_words:
            first = lead.get(cs[0].word.start, cs[0].word)
            s, e = first.start, mine[current[-1]].word.end
            runs.append(Run(s, e, text[s:e], len(counted)))
        current.clear()

    previous: Word | None = None
    for k, c in enumerate(mine):
        if current and _STOP_BREAK.search(text[mine[current[-1]].word.end : c.word.start]):
            close()
        if not c.kind:
            if any(t == "pr" for _, t in c.word.analyses):
                previous = c.word
            continue
        if c.hit:
            close()
        else:
            if not current and previous is not None and not text[previous.end : c.word.start].strip():
                lead[c.word.start] = previous
            current.append(k)
        previous = None
    close()
    return runs


def prepare(lex: ApertiumLexicon, texts: Sequence[tuple[str, str]]) -> None:
    """Analyse and look up many (text, language) pairs in one batch per language (so a whole
    review costs a few ``lt-proc`` runs)."""
    for lang in {lang for _, lang in texts}:
        analysed = lex.analyse([t for t, tl in texts if tl == lang], lang)
        lex.translations([w for ws in analysed for w in ws], lang)
