"""The review stage's candidate retrieval: pruned decisions equal brute force, and a quote is
scored against few candidates, not all of them (the review stage scales linearly)."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.review import candidates as cands
from bilingual.review import match
from bilingual.review.candidates import Candidate, decide
from bilingual.review.retrieval import Fits, GramIndex, fscore, trigrams

WORDS = ["casa", "perro", "gato", "la", "el", "de", "que", "mesa", "sol", "luna", "mar", "río", "dijo", "ayer", "sí"]

words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=9).map(" ".join)


def _windows(texts: list[tuple[str, str]], sizes: list[int]) -> list[Candidate]:
    """Candidates over sentences 0.. of sources of ``sizes`` sentences, windows of one to two."""
    out = []
    k = 0
    for source, size in enumerate(sizes):
        for first in range(size):
            for last in (first, first + 1):
                if last < size and k < len(texts):
                    out.append(Candidate(source, first, last, texts[k][0], texts[k][1], 0.0))
                    k += 1
    return out


def _brute(quote: str, back: str | None, windows: list[Candidate]) -> dict[int, float]:
    q, b = trigrams(quote), (trigrams(back) if back else None)
    out = {}
    for k, w in enumerate(windows):
        fwd = fscore(q, trigrams(w.mt))
        out[k] = (fwd + fscore(b, trigrams(w.original))) / 2 if b is not None else fwd
    return out


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.tuples(words, words), min_size=1, max_size=40),
    sizes=st.lists(st.integers(1, 8), min_size=1, max_size=4),
    quote=words,
    back=st.none() | words,
    taken=st.sets(st.tuples(st.integers(0, 3), st.integers(0, 7)), max_size=4),
)
def test_pruned_decision_is_the_brute_force_one(
    texts: list[tuple[str, str]], sizes: list[int], quote: str, back: str | None, taken: set[tuple[int, int]]
) -> None:
    windows = _windows(texts, sizes)
    if not windows:
        return
    full = _brute(quote, back, windows)
    fits = cands.fits(quote, back, cands.index(windows))
    assert all(fits[k] == full[k] for k in range(len(windows)))  # the same floats, bit for bit
    assert decide(windows, fits) == decide(windows, full)
    frozen = frozenset(taken)
    rest = fits.without(frozen)
    assert decide(windows, rest, frozen) == decide(windows, full, frozen)
    blocked = {k for k, w in enumerate(windows) if any((w.source, i) in frozen for i in range(w.first, w.last + 1))}
    assert not blocked & set(rest)  # a taken candidate neither sets the runner-up nor is a key


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_best_and_runner_up_are_found_among_many_lookalikes(seed: int) -> None:
    """Long random sources of a few words (every window shares common grams with the quote)."""
    rng = random.Random(seed)
    texts = [(" ".join(rng.choices(WORDS, k=rng.randint(3, 14))),) * 2 for _ in range(400)]
    windows = _windows(texts, [100, 100, 100])
    quote = " ".join(rng.choices(WORDS, k=rng.randint(2, 12)))
    back = " ".join(rng.choices(WORDS, k=rng.randint(2, 12))) if seed % 2 else None
    grams = [(trigrams(w.original), trigrams(w.mt)) for w in windows]
    fits = Fits(
        GramIndex([(w.source, w.first, w.last) for w in windows], grams),
        trigrams(quote),
        trigrams(back) if back else None,
    )
    full = _brute(quote, back, windows)
    assert decide(windows, fits) == decide(windows, full)


def _text(rng: random.Random, vocabulary: list[str], n: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(n))


def test_review_scores_few_candidates_per_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a large source, the fits computed are a small share of quotes × windows (scoring every
    window for every quote made the review stage quadratic)."""
    rng = random.Random(7)
    vocabulary = ["".join(rng.choice("abcdefghilmnoprstuv") for _ in range(rng.randint(2, 9))) for _ in range(3000)]
    common = ["the", "of", "and", "to", "in", "that", "said", "was", "for", "on"]
    sentences = [f"“{_text(rng, vocabulary + common * 80, 14).capitalize()}”, Smith said." for _ in range(1500)]
    source = "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
    quoted = rng.sample(range(len(sentences)), 40)
    article = "\n\n".join(f"“{sentences[i].split('”')[0][1:]}”, Smith said." for i in quoted)
    made: list[GramIndex] = []

    real = cands.index

    def index(windows: list[Candidate]) -> GramIndex:
        made.append(real(windows))
        return made[-1]

    monkeypatch.setattr(cands, "index", index)
    review = match.review_article(article, "a", "en", [("s", source, "en")], to_article=None, to_source=None)
    assert len(review.items) == 40
    assert sum(it.match is not None for it in review.items) >= 38
    (built,) = made
    assert built.scored < 0.04 * 40 * len(built)  # about 70 a quote here, whatever the source's length


def test_a_quote_reads_few_of_the_postings() -> None:
    """A quote whose rare grams settle it reads a small share of the posting entries, whatever the
    source's length: the lists of its common grams ("the", "of"), which hold most of them, are left
    unread once no candidate sharing none of the grams read can reach the runner-up. (Finding the
    runner-up exactly still takes reading in proportion to the source: it is a look-alike of noise
    level, which only ruling out every other candidate can find.)"""
    rng = random.Random(3)
    vocabulary = ["".join(rng.choice("abcdefghilmnoprstuv") for _ in range(rng.randint(2, 9))) for _ in range(3000)]
    common = ["the", "of", "and", "to", "in", "that", "said", "was", "for", "on"]
    texts = [_text(rng, vocabulary + common * 80, 14) for _ in range(8000)]
    quotes = [trigrams(texts[k]) for k in rng.sample(range(2000), 30)]
    for size in (2000, 8000):
        built = GramIndex([(0, k, k) for k in range(size)], [(trigrams(t), trigrams(t)) for t in texts[:size]])
        for quote in quotes:
            assert max(Fits(built, quote, None).values()) == 1.0
        assert built.read < 0.05 * len(quotes) * len(built.mt.owner)
        assert built.scored < 0.1 * len(quotes) * size


def test_the_index_is_built_with_the_cycle_collector_paused_and_restored() -> None:
    import gc

    seen: list[bool] = []
    windows = [Candidate(0, k, k, f"frase {k} del texto", f"sentence {k} of the text", 0.0) for k in range(3)]
    real = cands.trigrams

    def spy(text: str) -> Counter[str]:
        seen.append(gc.isenabled())
        return real(text)

    cands.trigrams = spy
    try:
        assert gc.isenabled()
        assert len(cands.index(windows)) == 3
    finally:
        cands.trigrams = real
    assert seen and not any(seen) and gc.isenabled()
