"""Finding a quote's best candidates without scoring every candidate (linear-time review).

The fit of a quote to a candidate is a character 3-gram F-score (Dice coefficient of the two
3-gram multisets). Scoring every quote against every candidate window costs quotes × windows;
instead an inverted index maps each 3-gram to the candidates holding it, and a quote's grams are
read rarest first (the max-score method of text retrieval): after some grams, a candidate's
shared count is at most what it shared so far plus the quote's grams still unread, which bounds
its F-score. Candidates are scored exactly in the order of that bound, and reading stops as soon
as no unscored candidate can reach the current runner-up (the best candidate that does not
overlap the best one). So the best candidate and that runner-up, which are all a decision needs,
are exactly what scoring everything would give, while common grams ("the", " de") are rarely
read. Shared counts are accumulated with numpy, so what is read costs little either way.
"""

from __future__ import annotations

import gc
import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import chain

import numpy as np

_SPACES = re.compile(r"\s+")
_SLACK = 1e-9
"""Bounds are raised by this much: F-scores computed in floating point may exceed their exact
value by a few units in the last place."""
_FIRST_BUDGET = 2048
"""Posting entries read per direction in the first round (doubled every round)."""
_CHUNK = 64
"""Candidates scored between two updates of the runner-up."""
_LIMIT = 256
"""More candidates than this still able to reach the runner-up: read more grams before scoring."""


@contextmanager
def paused_collection() -> Iterator[None]:
    """Pause Python's cycle collector while building many objects that form no cycles (it is
    turned back on after, if it was on)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def trigrams(text: str) -> Counter[str]:
    """Character 3-grams of ``text`` (case-folded, whitespace collapsed)."""
    t = _SPACES.sub(" ", text.casefold()).strip()
    return Counter(t[i : i + 3] for i in range(len(t) - 2))


def fscore(a: Counter[str], b: Counter[str]) -> float:
    """F-score of the shared 3-grams of ``a`` and ``b`` (0 when either is empty)."""
    if not a or not b:
        return 0.0
    hit = sum((a & b).values())
    if not hit:
        return 0.0
    p, r = hit / sum(b.values()), hit / sum(a.values())
    return 2 * p * r / (p + r)


class _Postings:
    """For one side of the candidates (originals or MT): which candidates hold each 3-gram and
    how often (compressed rows: the entries of gram ``g`` are ``start[g]:start[g + 1]``)."""

    def __init__(self, counters: Sequence[Counter[str]]) -> None:
        self.ids = {g: i for i, g in enumerate(dict.fromkeys(chain.from_iterable(counters)))}
        grams = np.fromiter(map(self.ids.__getitem__, chain.from_iterable(counters)), dtype=np.int64)
        counts = np.fromiter(chain.from_iterable(c.values() for c in counters), dtype=np.int32, count=len(grams))
        lengths = np.fromiter(map(len, counters), dtype=np.int64, count=len(counters))
        owners = np.repeat(np.arange(len(counters), dtype=np.int32), lengths)
        order = _stable_order(grams)
        self.owner = owners[order]
        self.count = counts[order]
        self.row = np.zeros(len(counters) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.row[1:])
        self.row_gram = grams.astype(np.int32)
        self.row_count = counts
        """And by candidate (rows ``row[k]:row[k + 1]``): the grams of candidate ``k`` and their
        counts, to count what few candidates share with a quote without searching the postings."""
        self.start = np.zeros(len(self.ids) + 1, dtype=np.int64)
        np.cumsum(np.bincount(grams, minlength=len(self.ids)), out=self.start[1:])
        self.top = np.zeros(len(self.ids), dtype=np.int32)
        np.maximum.at(self.top, grams, counts)
        self.ones = np.ones(len(counters), dtype=np.int32)
        """What a gram the quote holds once shares with each candidate holding it."""
        self.size = np.fromiter((c.total() for c in counters), dtype=np.float64, count=len(counters))

    def held(self, quote: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        """The ids of the grams of ``quote`` some candidate holds, rarest first, and their
        counts in ``quote``."""
        found = [(g, c) for g, c in ((self.ids.get(gram), c) for gram, c in quote.items()) if g is not None]
        ids = np.array([g for g, _ in found], dtype=np.int64)
        counts = np.array([c for _, c in found], dtype=np.int64)
        order = np.argsort(self.start[ids + 1] - self.start[ids], kind="stable")
        return ids[order], counts[order]

    def shared(self, ids: np.ndarray, counts: np.ndarray, ks: np.ndarray) -> np.ndarray:
        """How many of grams ``ids`` (``counts`` times each) candidates ``ks`` hold."""
        if not len(ids):
            return np.zeros(len(ks), dtype=np.int64)
        order = np.argsort(ids)
        ids, counts = ids[order], counts[order]
        first, lengths = self.row[ks], self.row[ks + 1] - self.row[ks]
        ends = np.cumsum(lengths)
        starts = ends - lengths
        at = np.arange(ends[-1] if len(ends) else 0) + np.repeat(first - starts, lengths)  # the rows of ks, joined
        grams = self.row_gram[at]
        pos = np.minimum(np.searchsorted(ids, grams), len(ids) - 1)
        hit = np.where(ids[pos] == grams, np.minimum(self.row_count[at], counts[pos]), 0)
        total = np.concatenate([[0], np.cumsum(hit)])
        return total[ends] - total[starts]


def _stable_order(keys: np.ndarray) -> np.ndarray:
    """The stable sorting order of ``keys`` (non-negative, below 2**32): two radix sorts of 16
    bits, in time linear in their number (numpy sorts wider integers by comparison)."""
    low = np.argsort(keys.astype(np.uint16), kind="stable")
    return low[np.argsort((keys[low] >> 16).astype(np.uint16), kind="stable")]


class GramIndex:
    """The candidates' 3-grams (of their originals and of their MT), indexed for retrieval.

    ``spans`` are the candidates' (source, first sentence, last sentence); ``grams`` each
    candidate's (original 3-grams, MT 3-grams)."""

    def __init__(self, spans: Sequence[tuple[int, int, int]], grams: Sequence[tuple[Counter[str], Counter[str]]]):
        self.spans = list(spans)
        self.grams = grams
        self.original = _Postings([o for o, _ in grams])
        self.mt = _Postings([m for _, m in grams])
        self.scored = 0
        """How many exact fits have been computed (a measure of the work done)."""
        self.read = 0
        """How many posting entries have been read (the other measure of it)."""
        self.source, self.first, self.last = np.array(self.spans, dtype=np.intp).reshape(-1, 3).T
        self._at: dict[tuple[int, int], list[int]] = {}
        for k, (source, first, last) in enumerate(self.spans):
            for i in range(first, last + 1):
                self._at.setdefault((source, i), []).append(k)

    def __len__(self) -> int:
        return len(self.spans)

    def touching(self, sentences: frozenset[tuple[int, int]]) -> set[int]:
        """The candidates holding any of these (source, sentence)."""
        return {k for key in sentences for k in self._at.get(key, ())}

    def fit(self, quote: Counter[str], back: Counter[str] | None, k: int) -> float:
        """The exact fit of a quote (3-grams ``quote``, and ``back`` of its translation) to
        candidate ``k``: the F-score with its MT, averaged with that of ``back`` with its
        original when there is a translation."""
        self.scored += 1
        orig, mt = self.grams[k]
        fwd = fscore(quote, mt)
        return (fwd + fscore(back, orig)) / 2 if back is not None else fwd


class Fits(Mapping[int, float]):
    """The fits of one quote to the candidates of a :class:`GramIndex`, as a mapping from
    candidate index to fit.

    Its keys (ascending) are the candidates that can matter to a decision: every candidate whose
    fit reaches the runner-up's, and the first candidate (which wins when nothing fits at all).
    Any other candidate's fit is computed on demand by ``fits[k]``; those not among the keys fit
    less than the runner-up. :meth:`without` gives the same for the candidates left once some
    sentences are taken."""

    def __init__(
        self,
        index: GramIndex,
        quote: Counter[str],
        back: Counter[str] | None,
        blocked: set[int] | None = None,
        known: dict[int, float] | None = None,
    ) -> None:
        self._index = index
        self._quote = quote
        self._back = back
        self._known: dict[int, float] = known if known is not None else {}
        self._keys = _search(index, quote, back, blocked or set(), self._known)

    def __getitem__(self, k: int) -> float:
        if not 0 <= k < len(self._index):
            raise KeyError(k)
        if k not in self._known:
            self._known[k] = self._index.fit(self._quote, self._back, k)
        return self._known[k]

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, k: object) -> bool:
        return k in self._keys

    def without(self, taken: frozenset[tuple[int, int]]) -> Fits:
        """The same fits, with keys enough for a decision among the candidates that touch no
        ``taken`` (source, sentence)."""
        return Fits(self._index, self._quote, self._back, self._index.touching(taken), self._known)


def _runner_up(index: GramIndex, ks: np.ndarray, fit: np.ndarray) -> float:
    """The best of the fits ``fit`` of candidates ``ks`` (ascending) outside the best
    candidate's sentences (0 when none): the threshold a candidate must reach to matter. The best
    is the first of the highest fits, as :func:`max` picks it."""
    if not len(ks):
        return 0.0
    top = ks[np.argmax(fit)]
    apart = (
        (index.source[ks] != index.source[top])
        | (index.first[ks] > index.last[top])
        | (index.last[ks] < index.first[top])
    )
    return float(fit[apart].max()) if apart.any() else 0.0


class _Side:
    """One direction of the comparison: the quote's 3-grams (rarest first) against one side of
    the candidates, with the shared counts read so far."""

    def __init__(self, quote: Counter[str], postings: _Postings, n: int) -> None:
        self.postings = postings
        self.ids, self.counts = postings.held(quote)
        first, last = postings.start[self.ids], postings.start[self.ids + 1]
        capped = self.counts < postings.top[self.ids]  # some candidate holds it more often than the quote
        self.grams = list(zip(first.tolist(), last.tolist(), self.counts.tolist(), capped.tolist(), strict=True))
        """Per gram: its postings (``first:last``), its count in the quote, whether capped."""
        self.length = float(sum(quote.values()))
        self.rest = float(self.counts.sum())
        """Quote grams not read yet (grams no candidate holds are never shared: not counted)."""
        self.at = 0
        self.spent = 0
        """Posting entries read."""
        self.shared = np.zeros(n, dtype=np.int32)

    def read(self, budget: int, target: float) -> None:
        """Read grams (rarest first) until about ``budget`` posting entries have been read or
        the bound of a candidate sharing none of them falls below ``target``."""
        spent = 0
        while self.at < len(self.grams) and (spent == 0 or spent < budget) and self.unseen() + _SLACK >= target:
            first, last, count, capped = self.grams[self.at]
            if not capped:
                counts = self.postings.count[first:last]
            elif count == 1:  # the usual case: one each
                counts = self.postings.ones[: last - first]
            else:
                counts = np.minimum(self.postings.count[first:last], count)
            np.add.at(self.shared, self.postings.owner[first:last], counts)
            spent += last - first
            self.rest -= count
            self.at += 1
        self.spent += spent

    def bound(self) -> np.ndarray:
        """Upper bound of the F-score of every candidate in this direction: as if each held every
        gram not read yet, up to its size (computed for all at once: cheaper than picking out
        the candidates read, who are most of them when the quote's grams are common)."""
        if not self.length:
            return np.zeros(len(self.shared))
        size = self.postings.size
        return 2.0 * np.minimum(self.shared + self.rest, size) / (self.length + size)

    def exact(self, ks: np.ndarray) -> np.ndarray:
        """The F-score of candidates ``ks`` in this direction: the counts read so far plus
        those of the grams not read yet (computed as :func:`fscore` computes them)."""
        hit = (self.shared[ks] + self.postings.shared(self.ids[self.at :], self.counts[self.at :], ks)).astype(
            np.float64
        )
        size = self.postings.size[ks]
        ok = (hit > 0) & (size > 0) & (self.length > 0)
        p = np.where(ok, hit, 1.0) / np.where(ok, size, 1.0)
        r = np.where(ok, hit, 1.0) / (self.length if self.length else 1.0)
        return np.where(ok, 2 * p * r / (p + r), 0.0)

    def unseen(self) -> float:
        """Upper bound of the F-score of a candidate that shares none of the grams read."""
        return 2.0 * self.rest / (self.length + self.rest) if self.length and self.rest else 0.0


def _best(ks: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """The (at most :data:`_CHUNK`) candidates of ``ks`` with the highest bounds."""
    if len(ks) <= _CHUNK:
        return ks
    return ks[np.argpartition(-bound, _CHUNK - 1)[:_CHUNK]]


def _search(
    index: GramIndex, quote: Counter[str], back: Counter[str] | None, blocked: set[int], known: dict[int, float]
) -> list[int]:
    """The candidates (not ``blocked``) whose fit can reach the runner-up's, plus the first
    free candidate; the fits computed go into ``known``.

    The candidates read so far are bounded (work in proportion to them) only when the bound of
    an unread one has fallen below the runner-up, or to find a first runner-up: while grams must
    be read anyway, bounding the others would decide nothing."""
    n = len(index)
    first = next((k for k in range(n) if k not in blocked), None)
    if first is None:
        return []
    sides = [_Side(quote, index.mt, n)]
    if back is not None:
        sides.append(_Side(back, index.original, n))
    done = np.zeros(n, dtype=bool)
    if blocked:
        done[list(blocked)] = True
    scores: dict[int, float] = {}
    scored = np.zeros(0, dtype=np.intp)

    def score(ks: np.ndarray) -> float:
        """Score ``ks`` and return the new runner-up."""
        nonlocal scored
        ks = np.sort(ks)
        fit = sides[0].exact(ks) if len(sides) == 1 else (sides[0].exact(ks) + sides[1].exact(ks)) / 2
        index.scored += len(ks)
        for k, f in zip(ks.tolist(), fit.tolist(), strict=True):
            scores[k] = known.setdefault(k, f)
        done[ks] = True
        scored = np.sort(np.concatenate([scored, ks]))
        return _runner_up(index, scored, np.array([scores[k] for k in scored.tolist()]))

    budget = _FIRST_BUDGET
    threshold = -math.inf
    while True:
        before = [s.at for s in sides]
        for side in sides:
            side.read(budget, threshold)
        if [s.at for s in sides] == before:  # the bound alone asks for no more: read on all the same
            for side in sides:
                side.read(budget, -math.inf)
        budget *= 2
        exhausted = all(s.at == len(s.grams) for s in sides)
        unseen = sum(s.unseen() for s in sides) / len(sides) + _SLACK
        if scores and not exhausted and unseen >= threshold:
            continue  # a candidate sharing none of the grams read may still reach it: read on
        bound = sum(s.bound() for s in sides) / len(sides) + _SLACK
        if not scores:  # a first runner-up to compare the others with, among the candidates read
            touched = sides[0].shared > 0 if len(sides) == 1 else (sides[0].shared > 0) | (sides[1].shared > 0)
            open_ = np.flatnonzero(touched & ~done)
            threshold = score(_best(open_, bound[open_]))
        while exhausted or unseen < threshold:  # else a candidate sharing no gram read may reach it
            # (one sharing none has a bound below the runner-up then: only those read are live)
            live = np.flatnonzero(~done & (bound >= threshold))
            if not len(live):  # no candidate, read or not, can reach the runner-up
                if first not in scores:
                    scores[first] = known[first] = index.fit(quote, back, first)
                index.read += sum(s.spent for s in sides)
                return sorted(scores)
            if not exhausted and len(live) > _LIMIT:
                break  # many loose bounds: reading on tightens them more cheaply than scoring
            threshold = score(_best(live, bound[live]))
