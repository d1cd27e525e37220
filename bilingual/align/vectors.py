"""Sentence vectors for comparing texts across languages through MT: hashed, signed TF-IDF
character 3/4-grams and words, plus anchors that survive translation (numbers, capitalised
names, glossary terms, quotation marks). The aligner scores beads with them; review compares
quotes with candidate originals.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

from bilingual.glossary.model import Glossary
from bilingual.lang.codes import fold

DIM = 1024
"""Hashed feature dimensions of every vector."""
_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_QUOTES = re.compile(r"[«»“”\"]")


class Vectorizer:
    """Hashed, signed TF-IDF vectors of character 3/4-grams, words and anchors.

    Each distinct word's features are hashed once; a sentence is then a list of word ids, and
    all sentences are summed into vectors with one vectorised ``bincount``.
    """

    def __init__(self, glossary: Glossary | None) -> None:
        self._ids: dict[str, int] = {}
        self._starts: list[int] = [0]
        self._buckets: list[int] = []
        self._weights: list[float] = []
        self._glossary = glossary

    def _add(self, key: str, feats: list[tuple[int, float]]) -> int:
        wid = self._ids[key] = len(self._ids)
        for col, val in feats:
            self._buckets.append(col)
            self._weights.append(val)
        self._starts.append(len(self._buckets))
        return wid

    def _word(self, word: str) -> int:
        wid = self._ids.get(word)
        if wid is None:
            padded = f" {word} "
            grams = [padded[i : i + n] for n in (3, 4) for i in range(len(padded) - n + 1)]
            wid = self._add(word, [*(_hash(g, 1.0) for g in grams), _hash("w:" + word, 1.5)])
        return wid

    def _anchor(self, key: str, weight: float) -> int:
        wid = self._ids.get(key)
        return wid if wid is not None else self._add(key, [_hash(key, weight)])

    def ids(self, sentence: str, lang: str | None) -> list[int]:
        """Feature-group ids of one sentence: its words and its anchors."""
        folded = fold(sentence)
        out = []
        for m in _WORD.finditer(sentence):
            s, e = m.span()
            word = folded[s:e]
            out.append(self._word(word))
            if s > 0 and e - s > 2 and sentence[s].isupper():
                out.append(self._anchor("c:" + word, 2.0))  # a capitalised name inside the sentence
        for number in _NUMBER.findall(sentence):
            out.append(self._anchor("n:" + re.sub(r"\D", "", number).lstrip("0"), 4.0))
        if _QUOTES.search(sentence):
            out.append(self._anchor("q:", 2.0))
        if self._glossary is not None and lang is not None:
            for match in self._glossary.matcher(lang).find(sentence):
                out.append(self._anchor("g:" + match.entry.es[0], 4.0))
        return out

    def matrix(self, sentences: Sequence[str], lang: str | None) -> np.ndarray:
        """Unit-length float32 vectors, one row per sentence (all zeros for an empty one)."""
        per_sentence = [self.ids(s, lang) for s in sentences]
        n = len(sentences)
        starts = np.asarray(self._starts, dtype=np.int64)
        buckets = np.abs(np.asarray(self._buckets, dtype=np.int64)) % DIM
        signed = np.where(np.asarray(self._buckets, dtype=np.int64) >= 0, 1.0, -1.0) * np.asarray(self._weights)
        out = np.zeros((n, DIM), dtype=np.float32)
        chunk = 2048
        for lo in range(0, n, chunk):
            rows_ids = per_sentence[lo : lo + chunk]
            lengths = np.fromiter((len(r) for r in rows_ids), dtype=np.int64, count=len(rows_ids))
            if not lengths.sum():
                continue
            wids = np.fromiter((w for r in rows_ids for w in r), dtype=np.int64, count=int(lengths.sum()))
            row_of = np.repeat(np.arange(len(rows_ids)), lengths)
            counts = starts[wids + 1] - starts[wids]
            first = np.repeat(starts[wids], counts)
            offset = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
            feat = first + offset
            rows = np.repeat(row_of, counts)
            flat = rows * DIM + buckets[feat]
            dense = np.bincount(flat, weights=signed[feat], minlength=len(rows_ids) * DIM)
            out[lo : lo + len(rows_ids)] = dense.reshape(len(rows_ids), DIM)
        df = np.count_nonzero(out, axis=0)
        idf = (np.log((n + 1) / (df + 1)) + 1.0).astype(np.float32)
        out *= idf
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


def _hash(feature: str, weight: float) -> tuple[int, float]:
    h = zlib.crc32(feature.encode())
    return ((h >> 1) if h & 1 else -(h >> 1) - 1), weight
