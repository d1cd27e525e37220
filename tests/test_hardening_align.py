"""Align in linear memory: the band follows the path instead of widening around the diagonal."""

from __future__ import annotations

import random
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.align.beads import AlignOptions, align_sentences

WORDS = (
    "casa",
    "perro",
    "gobierno",
    "ciudad",
    "alcalde",
    "dijo",
    "martes",
    "datos",
    "policía",
    "puente",
    "río",
    "agua",
)


def drifting(n: int, inserted: int) -> tuple[list[str], list[str], dict[int, int]]:
    """``n`` sentences and the same with a filler after every third of the first ones: the
    alignment drifts about ``inserted / 2`` sentences off the diagonal and back."""
    rng = random.Random(0)
    src = [
        f"{' '.join(rng.choice(WORDS) for _ in range(rng.randint(5, 14)))} número {i} "
        f"{rng.choice(['Pérez', 'López', 'Ortiz', 'Ruiz'])}."
        for i in range(n)
    ]
    tgt: list[str] = []
    truth: dict[int, int] = {}
    for i, sentence in enumerate(src):
        truth[i] = len(tgt)
        tgt.append(sentence)
        if i < 3 * inserted and i % 3 == 2:
            tgt.append(f"Relleno {i} zzz qqq.")
    return src, tgt, truth


def test_band_follows_a_drifting_path_in_bounded_memory() -> None:
    src, tgt, truth = drifting(800, 130)
    tracemalloc.start()
    try:
        result = align_sentences(src, tgt)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40 * 2**20  # widening the band around the diagonal took 52 MB here (24 MB now)
    assert [i for b in result for i in b.src_ids] == list(range(len(src)))
    assert [j for b in result for j in b.tgt_ids] == list(range(len(tgt)))
    right = sum(1 for b in result if len(b.src_ids) == len(b.tgt_ids) == 1 and truth[b.src_ids[0]] == b.tgt_ids[0])
    assert right >= 0.85 * len(src)


SENTENCES = st.lists(
    st.text(alphabet=st.sampled_from(list("abcdefghij 0123 .ñÁ")), min_size=1, max_size=30), min_size=20, max_size=90
)


@settings(max_examples=40, deadline=None)
@given(SENTENCES, SENTENCES)
def test_every_sentence_once_when_the_band_moves(src: list[str], tgt: list[str]) -> None:
    result = align_sentences(src, tgt, options=AlignOptions(band=1))
    assert [i for b in result for i in b.src_ids] == list(range(len(src)))
    assert [j for b in result for j in b.tgt_ids] == list(range(len(tgt)))
    assert all(b.src_ids or b.tgt_ids for b in result)
