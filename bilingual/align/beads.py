"""Sentence alignment of two versions of a text (Spanish and English), MT-bridged.

Scoring (for a bead of ``a`` source and ``b`` target sentences):

* **MT similarity** — cosine between TF-IDF character n-gram + word vectors (a chrF-like score
  with word overlap) of the machine translation of one side and the other side, in both
  directions when both translations are available, normalised so a random pair costs about 1
  and a perfect pair 0;
* **anchors** that need no MT — numbers, capitalised names, glossary terms and quotation marks —
  as heavily weighted features of the same vectors (with no MT engine they carry the score,
  together with the cognates Spanish and English share);
* a **length model** in the style of Gale & Church (1993);
* **paragraphs** as soft anchors: a bead that starts a paragraph on both sides is cheaper, one
  that merges sentences across a paragraph break is dearer.

Beads 1-1, 1-0, 0-1, 1-2, 2-1, 2-2, 1-3 and 3-1 are searched with dynamic programming in a band
around the length diagonal (where each sentence falls by the share of text before it, which
follows sides whose sentence counts differ); when the best path touches the band's edge the band
is moved onto that path (widened once, to a fixed half-width) and the search repeated, so time
and memory grow linearly with the length of the documents; only a path that keeps running away
widens the band further. Every sentence ends up in exactly one bead: unaligned sentences are kept
as 1-0 / 0-1 beads.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.align.vectors import Vectorizer
from bilingual.errors import InputError
from bilingual.glossary.model import Glossary

BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
_INF = np.float32(1e9)
_BIG = 1e8
_MAX_MOVES = 8
"""How many times the band may follow the path before it is widened instead."""
_MAX_HALF = 64
"""Moving onto the path also widens the band to this half-width at once; beyond, it only moves.
(Doubling step by step re-ran the whole search at each step, so a text twice as long, needing
one more step, took more than twice the time.)"""
_BLOCK_CELLS = 1 << 16
"""Band cells per block of rows when computing bead costs (bounds the temporaries)."""
"""How many times the band may follow the path before it is widened instead."""


@dataclass(frozen=True)
class AlignOptions:
    """Tunable weights; the defaults were chosen on the evaluation sets in ``bench/``."""

    deletion: float = 0.8
    """Cost of leaving one sentence unaligned (a random 1-1 pair costs about 1)."""
    length_weight: float = 0.1
    paragraph_weight: float = 0.08
    merge_penalty: float = 0.04
    """Extra cost per sentence beyond the first on the larger side of a merged bead."""
    merge_margin: float = 0.05
    """A merged bead whose similarity cost is this much worse than its best single pair is
    penalised (half a deletion): it glues an unrelated sentence on."""
    merge_weight: float = 0.75
    """How a merged bead's similarity cost scales: ``1 + merge_weight * (a * b - 1)``."""
    band: int = 16
    """Initial half-width of the search band around the diagonal (doubled when needed)."""


@dataclass(frozen=True)
class Bead:
    """Consecutive source sentences aligned with consecutive target sentences."""

    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    confidence: float

    @property
    def kind(self) -> str:
        """``"2-1"`` etc."""
        return f"{len(self.src_ids)}-{len(self.tgt_ids)}"


# -- the banded dynamic programme ----------------------------------------------------------


class _Band:
    """Row i covers target positions lo[i] .. lo[i] + width - 1, around ``center`` (the length
    diagonal at first, then the path of an earlier search, so the band follows the alignment;
    the sentence-count diagonal when none is given)."""

    def __init__(self, n: int, m: int, half: int, center: np.ndarray | None = None) -> None:
        self.n, self.m, self.half = n, m, half
        self.width = 2 * half + 1
        if center is None:
            center = np.arange(n + 1) * (m / n if n else 0)
        self.center = np.asarray(center, dtype=np.float64)
        self.lo = np.rint(self.center).astype(np.int64) - half

    def cols(self) -> np.ndarray:
        """Target position j of every band cell, shape (n + 1, width)."""
        return self.lo[:, None] + np.arange(self.width)[None, :]

    def full(self) -> bool:
        return self.width >= self.m + 1 and bool((self.lo <= 0).all()) and bool((self.lo + self.width > self.m).all())


def _pair_dots(x: np.ndarray, y: np.ndarray, band: _Band) -> tuple[np.ndarray, np.ndarray]:
    """<x_p, y_q> for p = 0..n-1 and every q a bead ending in rows p+1..p+3 can pair p with
    (column k is q = glo[p] + k): the band 3 wider on each side, and, where the band moves
    right faster than the diagonal, as far as its rows up to p+3 reach.

    Computed block by block with matrix products over the columns the block's band touches.
    """
    n = x.shape[0]
    m = y.shape[0]
    extra = 3
    lo = band.lo
    glo = np.minimum(lo[:n], lo[1 : n + 1]) - extra
    reach = lo[np.minimum(np.arange(n) + extra, n)] + band.width
    width = int(
        max(
            band.width + 2 * extra,
            int((reach - glo).max()) if n else 0,
            int((lo[:n] - glo).max()) + band.width + extra if n else 0,
        )
    )
    out = np.zeros((n, width), dtype=np.float32)
    block = 256
    ks = np.arange(width)
    for r0 in range(0, n, block):
        r1 = min(n, r0 + block)
        c0 = max(0, int(glo[r0:r1].min()))
        c1 = min(m, int(glo[r0:r1].max()) + width)
        if c1 <= c0:
            continue
        sub = x[r0:r1] @ y[c0:c1].T
        q = glo[r0:r1, None] + ks[None, :]
        ok = (q >= c0) & (q < c1)
        rows = np.broadcast_to(np.arange(r1 - r0)[:, None], q.shape)
        out[r0:r1] = np.where(ok, sub[rows, np.clip(q - c0, 0, c1 - c0 - 1)], 0.0)
    return out, glo


def _self_dots(v: np.ndarray) -> list[np.ndarray]:
    """Norm² of sums of 1, 2, 3 consecutive vectors ending before index t (t = 0..len)."""
    n = v.shape[0]
    sq = np.einsum("ij,ij->i", v, v)
    d1 = np.einsum("ij,ij->i", v[:-1], v[1:]) if n > 1 else np.zeros(0, np.float32)
    d2 = np.einsum("ij,ij->i", v[:-2], v[2:]) if n > 2 else np.zeros(0, np.float32)
    out = []
    for size in (1, 2, 3):
        arr = np.full(n + 1, np.nan, dtype=np.float32)
        ends = np.arange(size, n + 1)
        if len(ends):
            total = np.zeros(len(ends), dtype=np.float32)
            for s in range(size):
                total += sq[ends - 1 - s]
            for s in range(size - 1):
                total += 2 * d1[ends - 2 - s]
            if size == 3:
                total += 2 * d2[ends - 3]
            arr[ends] = total
        out.append(arr)
    return out


@dataclass
class _Scores:
    """Per-direction similarity inputs."""

    x: np.ndarray
    y: np.ndarray
    mu: float


def _random_mean(x: np.ndarray, y: np.ndarray) -> float:
    """Mean cosine of random sentence pairs: what an unrelated pair scores in this document."""
    n, m = x.shape[0], y.shape[0]
    if n == 0 or m == 0:
        return 0.0
    rng = np.random.default_rng(0)
    k = min(400, n * m)
    p = rng.integers(0, n, k)
    q = rng.integers(0, m, k)
    return float(np.clip(np.einsum("ij,ij->i", x[p], y[q]).mean(), 0.0, 0.9))


def _bead_costs(
    dirs: list[_Scores],
    band: _Band,
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    src_par: np.ndarray,
    tgt_par: np.ndarray,
    opts: AlignOptions,
) -> dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]:
    """(total cost, normalised similarity cost) of every bead type ending at every band cell.

    Rows are computed in blocks of about :data:`_BLOCK_CELLS` cells, so the temporaries stay
    small and memory is the result's (a few float32 per cell) whatever the band's length.
    Deletion beads have no similarity: their second array is a read-only view of ones.
    """
    n, m = band.n, band.m
    prepared = []
    for d in dirs:
        gdots, glo = _pair_dots(d.x, d.y, band)
        prepared.append((gdots, glo, _self_dots(d.x), _self_dots(d.y), d.mu))
    ratio = float(tgt_len.sum()) / max(float(src_len.sum()), 1.0)
    src_cum = np.concatenate([[0.0], np.cumsum(src_len)])
    tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_len)])
    src_start = np.concatenate([[True], src_par[1:] != src_par[:-1]]) if n else np.zeros(0, bool)
    tgt_start = np.concatenate([[True], tgt_par[1:] != tgt_par[:-1]]) if m else np.zeros(0, bool)
    shape = (n + 1, band.width)
    out: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
    src_cross: dict[int, np.ndarray] = {}
    tgt_cross: dict[int, np.ndarray] = {}
    for a, b in BEADS:
        if a == 0 or b == 0:
            out[(a, b)] = (np.empty(shape, np.float32), np.broadcast_to(np.float32(1.0), shape))
            continue
        out[(a, b)] = (np.empty(shape, np.float32), np.empty(shape, np.float32))
        if a > 1 and a not in src_cross:
            crosses = np.zeros(n + 1, dtype=bool)
            for s in range(1, a):
                crosses[a:] |= src_start[np.arange(a, n + 1) - s]
            src_cross[a] = crosses
        if b > 1 and b not in tgt_cross:
            crosses_t = np.zeros(m + 1, dtype=bool)
            for t in range(1, b):
                crosses_t[b:] |= tgt_start[np.arange(b, m + 1) - t]
            tgt_cross[b] = crosses_t
    step = max(1, _BLOCK_CELLS // band.width)
    for r0 in range(0, n + 1, step):
        r1 = min(n + 1, r0 + step)
        rows = np.arange(r0, r1)[:, None]
        cols = band.lo[r0:r1, None] + np.arange(band.width)[None, :]
        valid_j = (cols >= 0) & (cols <= m)
        jc = np.clip(cols, 0, m)
        for a, b in BEADS:
            ok = valid_j & (rows >= a) & (cols >= b)
            if a == 0 or b == 0:
                out[(a, b)][0][r0:r1] = np.where(ok, np.float32(opts.deletion * (a + b)), _INF)
                continue
            sims = []
            for gdots, glo, xs, ys, mu in prepared:
                dot = np.zeros(cols.shape, dtype=np.float32)
                for s in range(1, a + 1):
                    p = np.clip(rows[:, 0] - s, 0, n - 1)
                    for t in range(1, b + 1):
                        k = cols - t - glo[p][:, None]
                        kk = np.clip(k, 0, gdots.shape[1] - 1)
                        dot += np.where((k >= 0) & (k < gdots.shape[1]), gdots[p[:, None], kk], 0.0)
                nx = xs[a - 1][rows[:, 0]][:, None]
                ny = ys[b - 1][jc]
                denom = np.sqrt(np.maximum(nx * ny, 1e-12))
                cos = np.where(np.isfinite(denom) & (nx > 0) & (ny > 0), dot / denom, 0.0)
                sims.append(np.clip((1.0 - cos) / max(1.0 - mu, 1e-3), 0.0, 2.0))
            norm = np.mean(sims, axis=0).astype(np.float32)
            ls = src_cum[rows[:, 0]] - src_cum[np.clip(rows[:, 0] - a, 0, n)]
            lt = tgt_cum[jc] - tgt_cum[np.clip(jc - b, 0, m)]
            delta = (lt - ratio * ls[:, None]) / np.sqrt(6.8 * np.maximum(ls[:, None], 1.0))
            length = np.minimum(delta * delta / 2.0, 25.0)
            par = np.zeros(cols.shape, dtype=np.float32)
            starts_both = (
                src_start[np.clip(rows[:, 0] - a, 0, max(n - 1, 0))][:, None]
                & tgt_start[np.clip(jc - b, 0, max(m - 1, 0))]
            )
            par -= np.where(starts_both, opts.paragraph_weight, 0.0)
            if a > 1:
                par += np.where(src_cross[a][rows[:, 0]][:, None], opts.paragraph_weight, 0.0)
            if b > 1:
                par += np.where(tgt_cross[b][jc], opts.paragraph_weight, 0.0)
            merge = opts.merge_penalty * (max(a, b) - 1)
            if (a, b) != (1, 1):
                # A merge must read better than its best single pair: otherwise it is an unrelated
                # sentence glued on, and leaving that sentence unaligned should win. (1-1 comes
                # first in BEADS, so its rows up to r1 are already filled.)
                single = _best_single(out[(1, 1)][1], band, rows[:, 0], cols, a, b)
                merge = merge + np.where(norm >= single + opts.merge_margin, opts.deletion * 0.5, 0.0)
            cost = norm * (1.0 + opts.merge_weight * (a * b - 1)) + opts.length_weight * length + par + merge
            out[(a, b)][0][r0:r1] = np.where(ok, cost, _INF)
            out[(a, b)][1][r0:r1] = norm
    return out


def _best_single(norm11: np.ndarray, band: _Band, rows: np.ndarray, cols: np.ndarray, a: int, b: int) -> np.ndarray:
    """Lowest 1-1 similarity cost among the sentence pairs inside each (a, b) bead."""
    best = np.full(cols.shape, np.inf, dtype=np.float32)
    n = band.n
    for s in range(a):
        r = np.clip(rows - s, 0, n)[:, None]
        for u in range(b):
            k = (cols - u) - band.lo[r]
            ok = (k >= 0) & (k < band.width)
            vals = np.where(ok, norm11[r, np.clip(k, 0, band.width - 1)], np.inf)
            best = np.minimum(best, vals)
    return best


def _search(
    costs: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]], band: _Band
) -> list[tuple[int, int, int, int]]:
    """Best path through the band: list of (i, j, a, b) beads ending at (i, j)."""
    n, m = band.n, band.m
    width = band.width
    lo = band.lo
    shifts = [lo[a:] - b - lo[: n + 1 - a] for a, b in BEADS if a]
    pad = int(max((np.abs(s).max() for s in shifts if s.size), default=0)) + 1
    dist = np.full((n + 1, width + 2 * pad), _INF, dtype=np.float32)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    kidx = np.arange(width)
    movers = [(code, a, b, costs[(a, b)][0]) for code, (a, b) in enumerate(BEADS) if a]
    d01 = costs[(0, 1)][0]
    step = np.float32(np.min(d01[d01 < _BIG])) if (d01 < _BIG).any() else _INF
    ramp = kidx * step
    code01 = np.int8(BEADS.index((0, 1)))
    for i in range(n + 1):
        valid = (lo[i] + kidx >= 0) & (lo[i] + kidx <= m)
        best = np.full(width, _INF, dtype=np.float32)
        arg = np.full(width, -1, dtype=np.int8)
        if i == 0 and 0 <= -lo[0] < width:
            best[-lo[0]] = 0.0
        for code, a, b, cost in movers:
            if i < a:
                continue
            shift = int(lo[i] - b - lo[i - a])
            cand = dist[i - a, pad + shift : pad + shift + width] + cost[i]
            better = cand < best
            best = np.where(better, cand, best)
            arg = np.where(better, np.int8(code), arg)
        # 0-1 beads move along the row: best[k] = min(best[k], best[k-1] + step).
        running = np.minimum.accumulate(np.where(best < _BIG, best - ramp, _INF))
        through = running + ramp
        moved = (through < _BIG) & (through < best - 1e-6) & valid
        best = np.where(moved, through, best)
        arg = np.where(moved, code01, arg)
        dist[i, pad : pad + width] = best
        back[i] = arg
    path: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = j - lo[i]
        if not 0 <= k < width or back[i, k] < 0:
            raise _BandTooNarrow
        a, b = BEADS[int(back[i, k])]
        path.append((i, j, a, b))
        i, j = i - a, j - b
    path.reverse()
    return path


class _BandTooNarrow(Exception):
    pass


def _path_center(path: list[tuple[int, int, int, int]], n: int) -> tuple[np.ndarray, int]:
    """Middle target position of ``path`` on every row 0..n (rows a merged bead skips are
    interpolated), and the longest stretch of targets the path covers on one row."""
    rows = [0] + [i for i, _, _, _ in path]
    cols = [0] + [j for _, j, _, _ in path]
    low = np.full(n + 1, np.inf)
    high = np.full(n + 1, -np.inf)
    np.minimum.at(low, rows, cols)
    np.maximum.at(high, rows, cols)
    seen = np.isfinite(low)
    known = np.flatnonzero(seen)
    middle = (low[seen] + high[seen]) / 2.0
    run = int((high[seen] - low[seen]).max()) if known.size else 0
    return np.interp(np.arange(n + 1), known, middle), run


def _touches_edge(path: list[tuple[int, int, int, int]], band: _Band) -> bool:
    for i, j, _, _ in path:
        k = j - band.lo[i]
        if (k <= 1 and band.lo[i] + k > 0) or (k >= band.width - 2 and j < band.m):
            return True
    return False


def _confidence(norm: float) -> float:
    """Map a normalised cost (0 perfect, ~1 random) to a probability-like confidence."""
    return float(1.0 / (1.0 + math.exp(10.0 * (norm - 0.62))))


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    src_lang: str = "es",
    tgt_lang: str = "en",
    src_mt: Sequence[str] | None = None,
    tgt_mt: Sequence[str] | None = None,
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    glossary: Glossary | None = None,
    options: AlignOptions | None = None,
) -> list[Bead]:
    """Align two lists of sentences; every sentence appears in exactly one bead, in order.

    ``src_mt`` is the machine translation of each source sentence into the target language and
    ``tgt_mt`` that of each target sentence into the source language; either or both may be
    missing (then length and anchors decide).
    """
    opts = options or AlignOptions()
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    vec = Vectorizer(glossary)
    dirs: list[_Scores] = []
    if src_mt is not None:
        x, y = vec.matrix(src_mt, tgt_lang), vec.matrix(tgt, tgt_lang)
        dirs.append(_Scores(x, y, _random_mean(x, y)))
    if tgt_mt is not None:
        x, y = vec.matrix(src, src_lang), vec.matrix(tgt_mt, src_lang)
        dirs.append(_Scores(x, y, _random_mean(x, y)))
    if not dirs:
        x, y = vec.matrix(src, src_lang), vec.matrix(tgt, tgt_lang)
        dirs.append(_Scores(x, y, _random_mean(x, y)))
    src_len = np.asarray([len(s) for s in src], dtype=np.float64)
    tgt_len = np.asarray([len(s) for s in tgt], dtype=np.float64)
    src_par = np.asarray(src_paragraphs if src_paragraphs is not None else [0] * n)
    tgt_par = np.asarray(tgt_paragraphs if tgt_paragraphs is not None else [0] * m)
    try:
        return _align_in_band(dirs, src_len, tgt_len, src_par, tgt_par, opts)
    except MemoryError:
        raise InputError(
            f"not enough memory to align {n} × {m} sentences",
            "align the texts in smaller parts (e.g. section by section)",
        ) from None


def _length_diagonal(src_len: np.ndarray, tgt_len: np.ndarray) -> np.ndarray | None:
    """Where each source position falls in the target by the share of text before it (Gale and
    Church's premise: translations keep lengths in proportion): a first band centre that
    follows documents whose sentence counts differ, which the sentence-count diagonal drifts
    away from in proportion to their length."""
    src = np.concatenate([[0.0], np.cumsum(src_len, dtype=np.float64)])
    tgt = np.concatenate([[0.0], np.cumsum(tgt_len, dtype=np.float64)])
    if src[-1] <= 0 or tgt[-1] <= 0:
        return None
    return np.interp(src / src[-1], tgt / tgt[-1], np.arange(len(tgt), dtype=np.float64))


def _align_in_band(
    dirs: list[_Scores],
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    src_par: np.ndarray,
    tgt_par: np.ndarray,
    opts: AlignOptions,
) -> list[Bead]:
    """The banded search, widening the band while the best path runs along its edge."""
    n, m = len(src_len), len(tgt_len)
    half = max(opts.band, 8)
    center: np.ndarray | None = _length_diagonal(src_len, tgt_len)
    moves = 0
    while True:
        band = _Band(n, m, half, center)
        costs = _bead_costs(dirs, band, src_len, tgt_len, src_par, tgt_par, opts)
        try:
            path = _search(costs, band)
        except _BandTooNarrow:
            path = None
        if path is not None and (band.full() or not _touches_edge(path, band)):
            break
        if band.full():
            raise RuntimeError("alignment failed with a full band")  # pragma: no cover - cannot happen
        if path is None or moves >= _MAX_MOVES:
            half *= 2  # no way through, or the path keeps running away: widen
            moves = 0
            continue
        # The best path runs along the band's edge: move the band onto it (same width, so memory
        # stays linear) and search again; widen only as far as one row's stretch of the path needs.
        center, run = _path_center(path, n)
        half = max(half, _MAX_HALF, run // 2 + 2)
        moves += 1
    return _beads(path, costs, band)


def _beads(
    path: list[tuple[int, int, int, int]],
    costs: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]],
    band: _Band,
) -> list[Bead]:
    total, norm = costs[(1, 1)]
    # Best 1-1 similarity cost of every sentence within the band: how sure a 1-0 / 0-1 bead is
    # (block by block of rows, like the costs).
    src_best = np.full(band.n + 1, np.inf)
    tgt_best = np.full(band.m + 1, np.inf)
    step = max(1, _BLOCK_CELLS // band.width)
    for r0 in range(0, band.n + 1, step):
        r1 = min(band.n + 1, r0 + step)
        usable = total[r0:r1] < _BIG
        src_best[r0:r1] = np.where(usable, norm[r0:r1], np.inf).min(axis=1)
        cols = band.lo[r0:r1, None] + np.arange(band.width)[None, :]
        np.minimum.at(tgt_best, np.clip(cols[usable], 0, band.m), norm[r0:r1][usable])
    out: list[Bead] = []
    for i, j, a, b in path:
        k = j - band.lo[i]
        if a and b:
            conf = _confidence(float(costs[(a, b)][1][i, k]))
        else:
            best = float(src_best[i]) if a else float(tgt_best[j])
            conf = 1.0 - _confidence(best if math.isfinite(best) else 2.0)
        out.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), round(conf, 4)))
    return out
