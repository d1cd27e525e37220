"""Candidate originals for a quote, and how well each one fits.

A source is cut into windows of one to four consecutive sentences (within a paragraph, or
within one quotation across paragraphs). Of a sentence that holds quoted words, the candidate
keeps those words only (a source quotation is what a quote is most often a translation of), otherwise
the whole sentence. Each candidate carries its own machine translation into the article's
language, so it can be compared with the quote in both languages.

The fit is the character 3-gram F-score (the measure that works best for noisy rule-based MT:
it forgives inflection and word order, and its precision half penalises a window much longer
than the quote) in both directions, averaged. Whether the best candidate is *the* original is
a calibrated probability from the best fit, its margin over the best candidate elsewhere (the
bitext-mining trick: a real translation stands out from its neighbours; when the original was
removed, several mediocre windows score alike), how much of it the source quotes (a quote's
original is a quotation, its usual look-alike narration) and whether the quote is longer than it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bilingual.glossary.model import fold
from bilingual.review.quotes import Quote, lexicon
from bilingual.review.retrieval import Fits, GramIndex, fscore, paused_collection, trigrams
from bilingual.split.splitter import Sentence

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_]+")
_LONGEST = 4
"""Most sentences in one candidate (a quote rarely spans more; longer windows only add noise)."""
# Clauses: cut after , ; : ( ) and before the complementiser that opens reported speech
# ("told reporters that …", "dijo que …").
_PIECE = re.compile(r".+?(?:[,;:()]|\s(?:that|que)(?=\s)|$)")

# Logistic calibration of P(the best candidate is the original) from the :func:`features` of the
# decision: (log best fit, log margin, quoted share, quote longer than the candidate). Fitted on the
# review dev set of professional news translations (../shared/eval/review, 172 cases): an
# L2-regularised logistic regression (standardised features, lambda 1) on the final best
# candidate of every gold quote the tool finds, labelled 1 when it is the gold original; refit with
# `python bench/review_calibrate` (see bench/RESULTS.md) when the fit measure or the candidates
# change, and paste what it prints here.
# - log fit: a fit near the floor of unrelated text (0.1-0.2) says little, so low fits count
#   on a log scale;
# - log margin: a tie (margin near 0: the quote fits two places alike) says "not here" even when
#   the fit is fair, while each further point of a clear margin adds less;
# - quoted: the share of the candidate's sentences that hold quoted words of the source (a
#   share, not all-or-nothing, as a quotation's marks are sometimes missed on one of its
#   sentences). A direct quote's original is nearly always quoted in the original-language
#   article too; narration that reports the same facts in indirect speech is the usual
#   look-alike when the original is missing. (On the dev set every gold original is quoted by
#   construction, so this weight is an upper bound; narration still matches on a strong fit and
#   margin.)
# - short: the quote has more sentences than the candidate, so part of it is left unexplained.
CALIBRATION = (4.2, 2.09, 1.38, 4.47, -2.83)
_FLOOR = 0.01
"""Added to the margin, and the least fit, before taking logs."""


@dataclass(frozen=True)
class PreparedSource:
    """A source split into sentences, with its quotations and machine translations."""

    name: str
    lang: str
    text: str
    sentences: list[Sentence]
    quotes: list[Quote]
    quotations: list[list[tuple[int, str]]]
    """Per sentence: the quoted stretches it holds (:func:`quotations_in`)."""
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
    quoted: float
    """The share of its sentences that hold quoted words of the source."""


def quotations_in(sentences: Sequence[Sentence], text: str, quotes: Sequence[Quote]) -> list[list[tuple[int, str]]]:
    """Per sentence, the quoted stretches it holds as (index into ``quotes``, text as written),
    in the quotes' order.

    Each quoted segment is placed on the sentences it overlaps by bisection, so this takes time
    linear in the text, not sentences × quotes."""
    starts = [s.start for s in sentences]
    found: list[list[tuple[int, str]]] = [[] for _ in sentences]
    for k, q in enumerate(quotes):
        for a, b in q.segments:
            i = max(0, bisect_right(starts, a) - 1)
            while i < len(sentences) and sentences[i].start < b:
                s = sentences[i]
                if a < s.end:
                    found[i].append((k, text[max(a, s.start) : min(b, s.end)]))
                i += 1
    return found


def quoted_parts(quotations: Sequence[Sequence[tuple[int, str]]]) -> list[str]:
    """The quoted words of each sentence ("" for a sentence outside every quotation), from
    :func:`quotations_in`."""
    return [_SPACES.sub(" ", " ".join(t for _, t in parts)).strip().strip('«»“”"‘’ ') for parts in quotations]


def quoted_share(src: PreparedSource, first: int, last: int) -> float:
    """The share of sentences ``first..last`` of ``src`` that hold quoted words."""
    return sum(bool(src.quoted[i]) for i in range(first, last + 1)) / (last - first + 1)


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
                out.append(Candidate(si, first, last, original, mt, quoted_share(src, first, last)))
    return out


@dataclass(frozen=True)
class Ranked:
    """The best candidate for one quote, its fit, the margin over the next-best elsewhere, and
    the calibrated probability that it is the original."""

    candidate: Candidate | None
    fit: float
    margin: float
    probability: float
    quoted: float = 0.0
    """The share of the decided candidate's sentences that hold quoted words (kept when a
    longer match changes the window)."""
    short: bool = False
    """Whether the quote has more sentences than the decided candidate."""


def index(cands: Sequence[Candidate]) -> GramIndex:
    """The candidates' 3-grams (of each candidate's original and MT) indexed for :func:`fits`.

    Built with Python's cycle collector paused: the hundreds of thousands of counters of a long
    source hold only strings and numbers (no cycles to collect), and with all of them alive its
    full passes cost more than building them — at 16,000 paragraphs half the build time."""
    with paused_collection():
        grams = [(trigrams(c.original), trigrams(c.mt)) for c in cands]
        return GramIndex([(c.source, c.first, c.last) for c in cands], grams)


def fits(quote: str, back: str | None, grams: GramIndex) -> Fits:
    """The fit of ``quote`` (and of its translation ``back`` into the sources' language) to the
    candidates: a mapping from candidate index to fit whose keys are the candidates that can
    matter to :func:`decide` (every fit is there on demand; see :mod:`bilingual.review.retrieval`)."""
    return Fits(grams, trigrams(quote), trigrams(back) if back else None)


def decide(
    cands: Sequence[Candidate],
    scores: Mapping[int, float],
    taken: frozenset[tuple[int, int]] = frozenset(),
    size: int = 1,
) -> Ranked:
    """The best candidate not touching a ``taken`` (source, sentence), its margin over the best
    one elsewhere, and the calibrated probability that it is the original of a quote of ``size``
    sentences (``scores``: the fit of every candidate that may matter, by index)."""
    free = [
        k
        for k in scores
        if not taken or not any((cands[k].source, i) in taken for i in range(cands[k].first, cands[k].last + 1))
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
    return sized(Ranked(top, fit, fit - second, 0.0, top.quoted), size)


def sized(r: Ranked, size: int) -> Ranked:
    """``r`` calibrated for a quote of ``size`` sentences (:func:`decide` without a size takes
    one)."""
    if r.candidate is None:
        return r
    short = size > r.candidate.last - r.candidate.first + 1
    probability = calibrated(r.fit, r.margin, quoted=r.quoted, short=short)
    return Ranked(r.candidate, r.fit, r.margin, probability, r.quoted, short)


def rank(quote: str, back: str | None, cands: Sequence[Candidate]) -> Ranked:
    """:func:`decide` on the :func:`fits` of one quote."""
    return decide(cands, fits(quote, back, index(cands)))


def features(fit: float, margin: float, *, quoted: float = 0.0, short: bool = False) -> tuple[float, ...]:
    """What the calibration weighs, in the order of ``CALIBRATION[1:]``: log fit, log margin,
    quoted share, short (see the comment at ``CALIBRATION``)."""
    return (math.log(max(fit, _FLOOR)), math.log(max(margin, 0.0) + _FLOOR), quoted, float(short))


def calibrated(fit: float, margin: float, *, quoted: float = 0.0, short: bool = False) -> float:
    """P(the best candidate is the original) from its fit, its margin, the share of its
    sentences that hold quoted words, and whether the quote has more sentences than it."""
    c0, *weights = CALIBRATION
    z = c0 + sum(w * x for w, x in zip(weights, features(fit, margin, quoted=quoted, short=short), strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


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
