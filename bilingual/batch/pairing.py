"""Document pairing: which English article is the version of which Spanish one, from content.

Archives are not paired by file name. Each document is reduced to a compact signature — hashed
features with term counts (about 125 per news article, ≈ 1 KB), never its text:

- ``w:`` words of a compact part (headline and first paragraphs) in English: for an English
  document the words themselves, for a Spanish one the words of its Apertium translation (the
  MT bridge; batched over many documents per engine call and cached);
- ``n:`` numbers of the whole text, digits only (``103.000`` and ``103,000`` are one anchor);
- ``d:`` day-and-month dates (``12 de marzo`` and ``March 12`` are one anchor; month names from
  ``bilingual/data/months/``);
- ``c:`` capitalised words inside sentences (names survive translation), accents folded;
- ``g:`` glossary entries, whichever language they were written in.

Scoring is the cosine of TF-IDF vectors (sublinear term counts, IDF over both sides). Candidates
come from an inverted index over the English side's rare features: a Spanish document visits the
postings of its rarest features first and stops after :attr:`PairingOptions.max_postings`, so the
work per document is bounded and an archive is never scored all against all. Pairs are assigned
one to one, greedily by score, above a threshold; a pair must also be the best choice of both
documents by a margin (mutual best, or the second best of either side clearly lower).
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import os
import re
import tempfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bilingual.engines.base import Engine
from bilingual.engines.cache import TranslationCache
from bilingual.glossary.model import Glossary
from bilingual.lang import wordlists
from bilingual.lang.codes import fold
from bilingual.translate.document import translate_sentences

_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_CAPITAL = re.compile(r"(?<=[^\s.!?¿¡\"“«—–(\[-]\s)[A-ZÁÉÍÓÚÑÜ][^\W\d_]{2,}")
_SENTENCE_END = re.compile(r"[.!?]\s")


@dataclass(frozen=True)
class PairingOptions:
    """Knobs of the pairing step (defaults tuned for news, see docs/scaling.md)."""

    compact_chars: int = 1200
    """Characters of the compact part (headline + first paragraphs) that are translated."""
    threshold: float = 0.2
    """Minimum cosine for a pair."""
    candidates: int = 12
    """Candidates scored in full per Spanish document."""
    max_postings: int = 400
    """Postings visited per Spanish document when generating candidates."""
    max_df: int = 200
    """Features on more English documents than this are not indexed (not rare)."""
    margin: float = 0.03
    """A pair that is not the mutual best must beat each side's runner-up by this much."""


@dataclass
class Signature:
    """A document's compact signature: sorted feature hashes and their term counts."""

    name: str
    features: np.ndarray  # uint32, sorted, unique
    counts: np.ndarray  # float32, same length

    @property
    def size(self) -> int:
        """Number of distinct features."""
        return int(self.features.size)


def compact_part(text: str, limit: int) -> list[str]:
    """Headline and first paragraphs (blank-line separated) up to about ``limit`` characters,
    each paragraph flattened to one line: the segments sent to the MT bridge."""
    out: list[str] = []
    used = 0
    for block in re.split(r"\n\s*\n", text.replace("\r", "")):
        flat = " ".join(line.strip() for line in block.split("\n") if line.strip())
        if not flat:
            continue
        if used + len(flat) > limit and out:
            cut = flat[: max(limit - used, 0)]
            end = max((m.end() for m in _SENTENCE_END.finditer(cut)), default=0)
            if end:
                out.append(cut[:end].strip())
            break
        out.append(flat)
        used += len(flat)
    return out


@functools.cache
def _date_patterns(lang: str) -> tuple[dict[str, int], re.Pattern[str]]:
    """Month names of ``lang`` (folded) with their numbers, and a day-and-month pattern:
    "12 de marzo" / "12 March" / "March 12" / "Sept. 3"."""
    months: dict[str, int] = {}
    for number, line in enumerate(wordlists.lines("months", lang), start=1):
        for name in line.split():
            months[fold(name)] = number
    names = "|".join(sorted(months, key=len, reverse=True))
    day = r"[0-3]?\d(?!\d)"
    month = rf"(?:{names})\b\.?"
    pattern = rf"\b(?:(?P<day>{day})(?:\s+de)?\s+(?P<month>{month})|(?P<month2>{month})\s+(?P<day2>{day}))"
    return months, re.compile(pattern)


def date_anchors(text: str, lang: str) -> list[str]:
    """Day-and-month mentions as ``d:MM-DD`` anchors (the same in both languages)."""
    months, pattern = _date_patterns(lang)
    out = []
    for m in pattern.finditer(fold(text)):
        day = int(m.group("day") or m.group("day2"))
        month = months[(m.group("month") or m.group("month2")).rstrip(".")]
        if 1 <= day <= 31:
            out.append(f"d:{month:02d}-{day:02d}")
    return out


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8"))


def feature_counts(text: str, lang: str, bridged: Iterable[str], glossary: Glossary | None) -> dict[str, int]:
    """Named features of one document (before hashing): see the module docstring."""
    counts: dict[str, int] = {}

    def add(key: str) -> None:
        counts[key] = counts.get(key, 0) + 1

    for segment in bridged:
        for word in _WORD.findall(fold(segment)):
            if len(word) >= 3:
                add("w:" + word)
    for number in _NUMBER.findall(text):
        digits = re.sub(r"\D", "", number).lstrip("0")
        if len(digits) >= 2:
            add("n:" + digits)
    for date in date_anchors(text, lang):
        add(date)
    for name in _CAPITAL.findall(text):
        add("c:" + fold(name))
    if glossary is not None and glossary.entries:
        for match in glossary.matcher(lang).find(text):
            add("g:" + match.entry.es[0])
    return counts


def make_signature(name: str, counts: dict[str, int]) -> Signature:
    """Hash named feature counts into a :class:`Signature`."""
    merged: dict[int, int] = {}
    for key, value in counts.items():
        h = _hash(key)
        merged[h] = merged.get(h, 0) + value
    features = np.fromiter(sorted(merged), dtype=np.uint32, count=len(merged))
    values = np.fromiter((merged[int(f)] for f in features), dtype=np.float32, count=len(merged))
    return Signature(name, features, values)


@dataclass(frozen=True)
class Candidate:
    """A scored (Spanish, English) document pair."""

    es: int
    en: int
    score: float


@dataclass
class PairingResult:
    """Pairs found (indices into the two signature lists) and, for each unpaired document, its
    best candidate (index or None) and that candidate's score."""

    pairs: list[Candidate]
    unpaired_es: list[tuple[int, int | None, float]] = field(default_factory=list)
    unpaired_en: list[tuple[int, int | None, float]] = field(default_factory=list)
    scored: int = 0


def _weights(sig: Signature, lookup: np.ndarray) -> np.ndarray:
    """Unit-length TF-IDF weights of a signature (``lookup`` holds its features' IDF)."""
    w = (1.0 + np.log(sig.counts)) * lookup
    norm = float(np.sqrt(np.dot(w, w)))
    return (w / norm).astype(np.float32) if norm > 0 else w.astype(np.float32)


def pair_signatures(
    es: Sequence[Signature], en: Sequence[Signature], options: PairingOptions | None = None
) -> PairingResult:
    """Pair Spanish and English signatures one to one (see the module docstring)."""
    opts = options or PairingOptions()
    n_docs = len(es) + len(en)
    if not es or not en:
        return PairingResult([], [(i, None, 0.0) for i in range(len(es))], [(j, None, 0.0) for j in range(len(en))])
    everything = np.concatenate([s.features for s in (*es, *en)])
    vocab, df = np.unique(everything, return_counts=True)
    del everything
    idf_all = np.log((n_docs + 1) / (df + 1)).astype(np.float32) + 1.0

    def lookup(sig: Signature) -> np.ndarray:
        return idf_all[np.searchsorted(vocab, sig.features)]

    es_w = [_weights(s, lookup(s)) for s in es]
    en_w = [_weights(s, lookup(s)) for s in en]

    # Inverted index over the English side's rare features (CSR layout).
    en_df = np.zeros(vocab.size, dtype=np.int64)
    en_pos = [np.searchsorted(vocab, s.features) for s in en]
    for pos in en_pos:
        en_df[pos] += 1
    keep = en_df <= opts.max_df
    starts = np.zeros(vocab.size + 1, dtype=np.int64)
    starts[1:] = np.cumsum(np.where(keep, en_df, 0))
    postings = np.empty(int(starts[-1]), dtype=np.int32)
    fill = starts[:-1].copy()
    for j, pos in enumerate(en_pos):
        pos = pos[keep[pos]]
        postings[fill[pos]] = j
        fill[pos] += 1
    del en_pos, fill

    edges: list[Candidate] = []
    best_es: list[tuple[int | None, float]] = []
    scored = 0
    for i, sig in enumerate(es):
        pos = np.searchsorted(vocab, sig.features)
        usable = keep[pos] & (en_df[pos] > 0)
        pos_u = pos[usable]
        w_u = es_w[i][usable]
        order = np.lexsort((-w_u, en_df[pos_u]))  # rarest first, heavier first among equals
        acc: dict[int, float] = {}
        visited = 0
        for k in order:
            p = pos_u[k]
            lo, hi = starts[p], starts[p + 1]
            weight = float(w_u[k]) * float(idf_all[p])
            for j in postings[lo:hi]:
                acc[int(j)] = acc.get(int(j), 0.0) + weight
            visited += int(hi - lo)
            if visited >= opts.max_postings:
                break
        top = heapq.nlargest(opts.candidates, acc.items(), key=lambda item: item[1])
        best: tuple[int | None, float] = (None, 0.0)
        for j, _ in top:
            score = _cosine(sig, es_w[i], en[j], en_w[j])
            scored += 1
            edges.append(Candidate(i, j, score))
            if score > best[1]:
                best = (j, score)
        best_es.append(best)
    return _assign(edges, len(es), len(en), best_es, opts, scored)


def _cosine(a: Signature, wa: np.ndarray, b: Signature, wb: np.ndarray) -> float:
    _, ia, ib = np.intersect1d(a.features, b.features, assume_unique=True, return_indices=True)
    return float(np.dot(wa[ia], wb[ib])) if ia.size else 0.0


def _assign(
    edges: list[Candidate],
    n_es: int,
    n_en: int,
    best_es: list[tuple[int | None, float]],
    opts: PairingOptions,
    scored: int,
) -> PairingResult:
    """Greedy one-to-one assignment by score, with the threshold and the runner-up margin."""
    runner_es: dict[int, list[float]] = {}
    runner_en: dict[int, list[float]] = {}
    for e in edges:
        runner_es.setdefault(e.es, []).append(e.score)
        runner_en.setdefault(e.en, []).append(e.score)
    best_en: dict[int, tuple[int, float]] = {}
    for e in edges:
        if e.en not in best_en or e.score > best_en[e.en][1]:
            best_en[e.en] = (e.es, e.score)

    def second(scores: list[float]) -> float:
        top = heapq.nlargest(2, scores)
        return top[1] if len(top) > 1 else 0.0

    used_es: set[int] = set()
    used_en: set[int] = set()
    pairs: list[Candidate] = []
    for e in sorted(edges, key=lambda c: (-c.score, c.es, c.en)):
        if e.score < opts.threshold:
            break
        if e.es in used_es or e.en in used_en:
            continue
        mutual = best_es[e.es][0] == e.en and best_en[e.en][0] == e.es
        if not mutual and (
            e.score - second(runner_es[e.es]) < opts.margin or e.score - second(runner_en[e.en]) < opts.margin
        ):
            continue
        used_es.add(e.es)
        used_en.add(e.en)
        pairs.append(e)
    unpaired_es = [(i, best_es[i][0], best_es[i][1]) for i in range(n_es) if i not in used_es]
    unpaired_en = [
        (j, best_en[j][0] if j in best_en else None, best_en[j][1] if j in best_en else 0.0)
        for j in range(n_en)
        if j not in used_en
    ]
    pairs.sort(key=lambda c: (c.es, c.en))
    return PairingResult(pairs, unpaired_es, unpaired_en, scored)


def signatures_for(
    texts: Sequence[tuple[str, str]],
    lang: str,
    bridge_to: str,
    *,
    engine: Engine | None,
    cache: TranslationCache | None,
    glossary: Glossary | None,
    chars: int,
) -> list[Signature]:
    """Signatures of ``(name, text)`` documents in ``lang``; their compact parts are translated
    into ``bridge_to`` with ``engine`` in one batched call (None: no bridge, words as written)."""
    compacts = [compact_part(text, chars) for _, text in texts]
    bridged: list[list[str]] = compacts
    if engine is not None and lang != bridge_to:
        flat = [segment for compact in compacts for segment in compact]
        done = translate_sentences(engine, flat, lang, bridge_to, cache=cache)
        bridged, at = [], 0
        for compact in compacts:
            bridged.append([t.text for t in done[at : at + len(compact)]])
            at += len(compact)
    return [
        make_signature(name, feature_counts(text, lang, words, glossary))
        for (name, text), words in zip(texts, bridged, strict=True)
    ]


def save_signatures(path: Path, signatures: Sequence[Signature]) -> None:
    """Write signatures to one ``.npz`` file atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sizes = np.array([s.size for s in signatures], dtype=np.int64)
    features = np.concatenate([s.features for s in signatures]) if signatures else np.zeros(0, np.uint32)
    counts = np.concatenate([s.counts for s in signatures]) if signatures else np.zeros(0, np.float32)
    names = np.array([s.name for s in signatures], dtype=str)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, names=names, sizes=sizes, features=features, counts=counts)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def load_signatures(path: Path) -> list[Signature]:
    """Read signatures written by :func:`save_signatures`."""
    with np.load(path, allow_pickle=False) as data:
        names, sizes, features, counts = data["names"], data["sizes"], data["features"], data["counts"]
    out: list[Signature] = []
    at = 0
    for name, size in zip(names, sizes, strict=True):
        end = at + int(size)
        out.append(Signature(str(name), features[at:end].copy(), counts[at:end].copy()))
        at = end
    return out
