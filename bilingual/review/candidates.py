"""Candidate originals for a quote, and how well each one fits.

A source is cut into windows of one to four consecutive sentences (within a paragraph, or
within one quotation across paragraphs). Of a sentence that holds quoted words, the candidate
keeps those words only (a source quotation is what a quote is most often a translation of), otherwise
the whole sentence. Each candidate carries its own machine translation into the article's
language, so it can be compared with the quote in both languages.

The fit is the character 3-gram F-score (the measure that works best for noisy rule-based MT:
it forgives inflection and word order, and its precision half penalises a window much longer
than the quote) in both directions, averaged. Whether the best candidate is *the* original is
decided on the best fit together with its margin over the best candidate elsewhere (the
bitext-mining trick: a real translation stands out from its neighbours; when the original was
removed, several mediocre windows score alike).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bilingual.glossary.model import fold
from bilingual.review.quotes import Quote, lexicon
from bilingual.review.retrieval import Fits, GramIndex, fscore, trigrams
from bilingual.split.splitter import Sentence

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_]+")
_LONGEST = 4
"""Most sentences in one candidate (a quote rarely spans more; longer windows only add noise)."""
# Clauses: cut after , ; : ( ) and before the complementiser that opens reported speech
# ("told reporters that …", "dijo que …").
_PIECE = re.compile(r".+?(?:[,;:()]|\s(?:that|que)(?=\s)|$)")

# Logistic calibration of P(the best candidate is the original) from (best fit, margin).
# Fitted once on a development set of professional news translations (see bench/RESULTS.md);
# refit if the fit measure changes.
CALIBRATION = (-1.9, 2.34, 22.37)


@dataclass(frozen=True)
class PreparedSource:
    """A source split into sentences, with its quotations and machine translations."""

    name: str
    lang: str
    text: str
    sentences: list[Sentence]
    quotes: list[Quote]
    quoted: list[str]
    """Per sentence: its quoted words ("" when it holds none)."""
    quoted_mt: list[str]
    """Per sentence: the translation of its quoted words, else of the whole sentence."""
    mt: list[str]
    """Per sentence: the translation of the whole sentence."""


@dataclass(frozen=True)
class Candidate:
    """One possible original: sentences ``first..last`` of source ``source``."""

    source: int
    first: int
    last: int
    original: str
    mt: str
    quoted: bool


def quoted_parts(sentences: Sequence[Sentence], text: str, quotes: Sequence[Quote]) -> list[str]:
    """The quoted words of each sentence ("" for a sentence outside every quotation).

    Each quoted segment is placed on the sentences it overlaps by bisection, so this takes time
    linear in the text, not sentences × quotes."""
    starts = [s.start for s in sentences]
    found: list[list[str]] = [[] for _ in sentences]
    for a, b in (seg for q in quotes for seg in q.segments):
        i = max(0, bisect_right(starts, a) - 1)
        while i < len(sentences) and sentences[i].start < b:
            s = sentences[i]
            if a < s.end:
                found[i].append(text[max(a, s.start) : min(b, s.end)])
            i += 1
    return [_SPACES.sub(" ", " ".join(parts)).strip().strip('«»“”"‘’ ') for parts in found]


def build(sources: Sequence[PreparedSource]) -> list[Candidate]:
    """Every window of one to four sentences of every source."""
    out: list[Candidate] = []
    for si, src in enumerate(sources):
        sents = src.sentences
        for first in range(len(sents)):
            for size in range(1, _LONGEST + 1):
                last = first + size - 1
                if last >= len(sents):
                    break
                a, b = sents[first], sents[last]
                if a.paragraph != b.paragraph and (a.quote is None or a.quote != b.quote):
                    break
                span = range(first, last + 1)
                original = " ".join(src.quoted[i] or sents[i].flat for i in span)
                mt = " ".join(src.quoted_mt[i] for i in span)
                out.append(Candidate(si, first, last, original, mt, all(src.quoted[i] for i in span)))
    return out


@dataclass(frozen=True)
class Ranked:
    """The best candidate for one quote, its fit, the margin over the next-best elsewhere, and
    the calibrated probability that it is the original."""

    candidate: Candidate | None
    fit: float
    margin: float
    probability: float


def index(cands: Sequence[Candidate], grams: Sequence[tuple[Counter[str], Counter[str]]]) -> GramIndex:
    """The candidates' 3-grams (``grams``: of each candidate's original and MT) indexed for
    :func:`fits`."""
    return GramIndex([(c.source, c.first, c.last) for c in cands], grams)


def fits(quote: str, back: str | None, grams: GramIndex) -> Fits:
    """The fit of ``quote`` (and of its translation ``back`` into the sources' language) to the
    candidates: a mapping from candidate index to fit whose keys are the candidates that can
    matter to :func:`decide` (every fit is there on demand; see :mod:`bilingual.review.retrieval`)."""
    return Fits(grams, trigrams(quote), trigrams(back) if back else None)


def decide(
    cands: Sequence[Candidate], scores: Mapping[int, float], taken: frozenset[tuple[int, int]] = frozenset()
) -> Ranked:
    """The best candidate not touching a ``taken`` (source, sentence), its margin over the best
    one elsewhere, and the calibrated probability that it is the original."""
    free = [
        k for k in scores if not any((cands[k].source, i) in taken for i in range(cands[k].first, cands[k].last + 1))
    ]
    if not free:
        return Ranked(None, 0.0, 0.0, 0.0)
    best = max(free, key=scores.__getitem__)
    top = cands[best]
    second = max(
        (
            scores[k]
            for k in free
            if cands[k].source != top.source or cands[k].last < top.first or cands[k].first > top.last
        ),
        default=0.0,
    )
    fit = scores[best]
    return Ranked(top, fit, fit - second, calibrated(fit, fit - second))


def rank(
    quote: str, back: str | None, cands: Sequence[Candidate], grams: Sequence[tuple[Counter[str], Counter[str]]]
) -> Ranked:
    """:func:`decide` on the :func:`fits` of one quote."""
    return decide(cands, fits(quote, back, index(cands, grams)))


def calibrated(fit: float, margin: float) -> float:
    """P(the best candidate is the original) from its fit and its margin."""
    c0, c1, c2 = CALIBRATION
    return 1.0 / (1.0 + math.exp(-(c0 + c1 * fit + c2 * margin)))


def trim(quote_back: str, original: str, lang: str) -> str:
    """``original`` without the attribution around the quoted words, when the quote fits the
    rest clearly better: the clauses up to the first one ending in "que"/"that" or ":" or holding
    a reporting verb ("After …, Johnson told reporters that …"), and trailing clauses with a
    reporting verb (", dijo el alcalde"). Other clauses stay: a clause the quote lacks is an
    omission to report, not noise to cut."""
    pieces = [m.group() for m in _PIECE.finditer(original)]
    if len(pieces) < 2:
        return original
    verbs = lexicon(lang).verbs

    def frame(piece: str, leading: bool) -> bool:
        words = {fold(w) for w in _WORDS.findall(piece)}
        return bool(words & verbs) or (leading and bool(re.search(r"(?:\b(?:que|that)\s*|:\s*)$", piece)))

    first, last = 0, len(pieces)
    for k in range(len(pieces) - 1):  # narration up to the attribution ("After …, X said that")
        if frame(pieces[k], True):
            first = k + 1
            break
    while last - 1 > first and frame(pieces[last - 1], False):
        last -= 1
    if (first, last) == (0, len(pieces)):
        return original
    text = "".join(pieces[first:last]).strip(" ,;:")
    q = trigrams(quote_back)
    return text if fscore(q, trigrams(text)) > fscore(q, trigrams(original)) + 0.02 else original
