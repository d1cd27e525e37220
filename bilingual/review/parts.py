"""A quote of several sentences, reviewed sentence by sentence.

A quote is matched as a whole (more words, a surer match), but an editor checks it the way a
CAT tool shows a translation: segment by segment. Once the quote has its original, the quote's
sentences are aligned with the original's sentences (a small monotone alignment; beads of one
sentence on one side and one or more on the other), and each bead becomes its own review
unit, so a changed number or a dropped clause is reported on the sentence that has it and the
other sentences stay clean. A sentence of the original that no sentence of the quote translates
joins the neighbouring unit, whose checks then report what it lacks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bilingual.review.candidates import fscore, trigrams
from bilingual.split.splitter import Sentence

_MIN_WORDS = 3
"""A quote sentence shorter than this (a fragment: "Never.", "Yes, sir") stays with its
neighbour rather than being aligned on its own."""
_CHANCE = 0.2
"""The 3-gram fit of a sentence and an unrelated one in the other language (via MT) is about
this; a bead gains only by fitting better."""
_MERGE = 0.05
"""Cost per extra sentence in a bead: of two equally good readings, the finer one wins."""
_MOST = 3
"""Most sentences on the larger side of a bead."""


@dataclass(frozen=True)
class Piece:
    """The words of a quote that fall in one article sentence (or a few, for fragments)."""

    text: str
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class Bead:
    """Quote pieces ``pieces`` translated by original sentences ``originals`` (offsets into the
    lists given to :func:`align_parts`)."""

    pieces: tuple[int, ...]
    originals: tuple[int, ...]


def pieces(text: str, segments: Sequence[tuple[int, int]], sentences: Sequence[Sentence]) -> list[Piece]:
    """The quote's words (``segments`` of ``text``) sentence by sentence; fragments join the
    previous piece (the next one at the start)."""
    out: list[tuple[list[str], list[int]]] = []
    for s in sentences:
        words = [text[max(a, s.start) : min(b, s.end)].strip() for a, b in segments if a < s.end and b > s.start]
        words = [w for w in words if w]
        if words:
            out.append((words, [s.id]))
    merged: list[tuple[list[str], list[int]]] = []
    for words, ids in out:
        short = len(" ".join(words).split()) < _MIN_WORDS
        if merged and (short or len(" ".join(merged[-1][0]).split()) < _MIN_WORDS):
            merged[-1][0].extend(words)
            merged[-1][1].extend(ids)
        else:
            merged.append((list(words), list(ids)))
    return [Piece(" ".join(" ".join(words).split()), tuple(ids)) for words, ids in merged]


def align_parts(
    quote: Sequence[str], quote_mt: Sequence[str | None], original: Sequence[str], original_mt: Sequence[str]
) -> list[Bead]:
    """Align the quote's pieces with the original's sentences, in order: every piece is in a bead
    with at least one original sentence; an original sentence may stand alone (``pieces`` empty,
    the quote does not translate it). ``quote_mt`` are the pieces in the original's language,
    ``original_mt`` the sentences in the quote's language. Empty when no alignment covers every
    piece (fewer original sentences than a bead can take)."""
    n, m = len(quote), len(original)
    q_grams = [trigrams(t) for t in quote]
    b_grams = [trigrams(t) for t in quote_mt if t]
    both = len(b_grams) == n  # every piece has its translation: fit in both languages

    @cache
    def fit(i0: int, i1: int, j0: int, j1: int) -> float:
        fwd = fscore(_sum(q_grams[i0:i1]), trigrams(" ".join(original_mt[j0:j1])))
        if not both:
            return fwd
        return (fwd + fscore(_sum(b_grams[i0:i1]), trigrams(" ".join(original[j0:j1])))) / 2

    # no 2-2: the 3-grams two sentences share across the seam would favour a merged bead over the
    # two pairs it is made of
    shapes = [(a, b) for a in range(1, _MOST + 1) for b in range(1, _MOST + 1) if min(a, b) == 1]
    q_len = [len(t) for t in quote]
    o_len = [len(t) for t in original]
    best: dict[tuple[int, int], tuple[float, tuple[int, int, int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            options: list[tuple[float, tuple[int, int, int, int]]] = []
            if j and (i, j - 1) in best:  # an original sentence the quote leaves out
                options.append((best[(i, j - 1)][0], (i, i, j - 1, j)))
            for a, b in shapes:
                if i >= a and j >= b and (i - a, j - b) in best:
                    # weighed by length: a short sentence that fits poorly must not be outweighed
                    # by merging it with a long one that fits well
                    size = sum(q_len[i - a : i]) + sum(o_len[j - b : j])
                    value = (fit(i - a, i, j - b, j) - _CHANCE - _MERGE * (a + b - 2)) * size
                    options.append((best[(i - a, j - b)][0] + value, (i - a, i, j - b, j)))
            if options:
                best[(i, j)] = max(options, key=lambda o: o[0])
    if (n, m) not in best:
        return []
    beads: list[Bead] = []
    at: tuple[int, int] = (n, m)
    while at != (0, 0):
        step = best[at][1]
        assert step is not None
        i0, i1, j0, j1 = step
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1))))
        at = (i0, j0)
    return beads[::-1]


def _sum(grams: Sequence[Counter[str]]) -> Counter[str]:
    """The 3-grams of several pieces together (the seams between them add nothing)."""
    total: Counter[str] = Counter()
    for g in grams:
        total.update(g)
    return total


_BETTER = 0.02
"""How much better a run of a sentence's quotations must fit than all of them together."""


def quoted_run(quote_mt: str | None, segments: Sequence[str]) -> str:
    """Of the quotations and plain sentences ``segments`` a match is made of (in order), the
    consecutive ones the quote translates: a source sentence often holds two quotations
    ("«…», dijo, y añadió: «…»") of which the article quotes one, and the other's words are not
    the article's omission. ``quote_mt`` is the quote in the segments' language (without it,
    all are kept)."""
    whole = " ".join(segments)
    if len(segments) < 2 or not quote_mt:
        return whole
    q = trigrams(quote_mt)
    best, best_fit = whole, fscore(q, trigrams(whole))
    threshold = best_fit + _BETTER
    for i in range(len(segments)):
        for j in range(i + 1, len(segments) + 1):
            if (i, j) == (0, len(segments)):
                continue
            text = " ".join(segments[i:j])
            f = fscore(q, trigrams(text))
            if f > threshold and f > best_fit:
                best, best_fit = text, f
    return best
