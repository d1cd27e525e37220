"""Sentence alignment: golden cases (files under tests/cases/align/), properties, scale."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from conftest import needs_apertium
from golden import sections
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.align.beads import AlignOptions, align_sentences
from bilingual.align.document import align_sides, side_from_text
from bilingual.engines.apertium import ApertiumEngine

CASES = Path(__file__).parent / "cases" / "align"


def _case(path: Path) -> tuple[str, str, list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    parts = sections(path)
    groups = []
    for line in parts["expected"].split("\n"):
        left, right = line.split("\t")
        groups.append((tuple(int(x) for x in left.split(",") if x), tuple(int(x) for x in right.split(",") if x)))
    return parts[""], parts["en"], groups


def _ids(doc_pairs: object) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(p.source_ids, p.target_ids) for p in doc_pairs]  # type: ignore[attr-defined]


def _renumber(text: str, groups: list[tuple[tuple[int, ...], tuple[int, ...]]], side: int) -> dict[int, int]:
    """Expected files count sentences, not lines: map sentence number -> input line number."""
    lines = [n for n, line in enumerate(text.split("\n")) if line.strip()]
    return dict(enumerate(lines))


@needs_apertium
@pytest.mark.parametrize("path", sorted(CASES.glob("*.txt")), ids=lambda p: p.name)
def test_golden(path: Path) -> None:
    es, en, expected = _case(path)
    engine = ApertiumEngine()
    doc = align_sides(
        side_from_text(es, "es", presplit=True), side_from_text(en, "en", presplit=True), engines=(engine, engine)
    )
    es_line = _renumber(es, expected, 0)
    en_line = _renumber(en, expected, 1)
    want = [(tuple(es_line[i] for i in a), tuple(en_line[j] for j in b)) for a, b in expected]
    assert _ids(doc.pairs) == want


def test_numbers_and_names_align_without_mt() -> None:
    es, en, expected = _case(CASES / "08-numbers-as-anchors.txt")
    beads = align_sentences(es.split("\n"), en.split("\n"))
    assert [(b.src_ids, b.tgt_ids) for b in beads] == expected


SENTENCES = st.lists(st.text(alphabet=st.sampled_from(list("abcdefghij 0123 .ñÁ")), max_size=40), max_size=25)


@settings(max_examples=150, deadline=None)
@given(SENTENCES, SENTENCES, st.integers(min_value=1, max_value=6))
def test_every_sentence_in_exactly_one_bead_in_order(src: list[str], tgt: list[str], band: int) -> None:
    beads = align_sentences(src, tgt, options=AlignOptions(band=band))
    assert [i for b in beads for i in b.src_ids] == list(range(len(src)))
    assert [j for b in beads for j in b.tgt_ids] == list(range(len(tgt)))
    for b in beads:
        assert b.src_ids or b.tgt_ids
        assert len(b.src_ids) <= 3 and len(b.tgt_ids) <= 3
        assert 0.0 <= b.confidence <= 1.0


def test_band_widens_when_the_path_leaves_the_diagonal() -> None:
    # 30 extra sentences at the start of one side push the path far off the diagonal.
    base = [f"Sentence number {i} talks about item {i * 7} in El Paso." for i in range(60)]
    extra = [f"Unrelated filler {k} zzz." for k in range(30)]
    beads = align_sentences(extra + base, base, options=AlignOptions(band=4))
    pairs = [(b.src_ids, b.tgt_ids) for b in beads if b.src_ids and b.tgt_ids]
    assert pairs == [((30 + i,), (i,)) for i in range(60)]


def test_empty_side_gives_unaligned_rows() -> None:
    beads = align_sentences(["Uno.", "Dos."], [])
    assert [(b.src_ids, b.tgt_ids) for b in beads] == [((0,), ()), ((1,), ())]


def test_presplit_keeps_input_line_numbers() -> None:
    side = side_from_text("uno\n\ndos\r\ntres\u2028sigue\n", "es", presplit=True)
    assert side.sentences == ("uno", "dos", "tres\u2028sigue")
    assert side.ids == (0, 2, 3)
    assert side.paragraphs == (0, 1, 1)


def test_the_first_band_follows_the_lengths_so_a_drifting_text_needs_no_extra_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The target splits every sentence of the first half in two: by sentence count the path runs
    # ever further from the diagonal, by length it stays on it. The first band follows the
    # lengths, so one search settles it however long the text (passes used to grow with it).
    import bilingual.align.beads as beads

    calls: list[int] = []
    real = beads._search

    def counted(costs: Any, band: Any) -> Any:
        calls.append(band.half)
        return real(costs, band)

    monkeypatch.setattr(beads, "_search", counted)
    rng = random.Random(5)
    words = [f"w{k}" for k in range(400)]
    for size in (400, 1600):
        src = [" ".join(rng.choice(words) for _ in range(12)) + f" {i}." for i in range(size)]
        tgt = []
        for i, s in enumerate(src):
            parts = s.split(" ")
            tgt += [" ".join(parts[:6]) + ".", " ".join(parts[6:])] if i < size // 2 else [s]
        calls.clear()
        beads_found = align_sentences(src, tgt, options=AlignOptions(band=16))
        assert sorted(i for b in beads_found for i in b.src_ids) == list(range(size))
        assert len(calls) == 1, (size, calls)
