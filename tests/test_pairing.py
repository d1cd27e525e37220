"""Document pairing: compact parts, anchors that survive translation, candidates from an
inverted index, one-to-one assignment with a threshold."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from batch_docs import ENGLISH, GOLD, SPANISH

from bilingual.batch.pairing import (
    PairingOptions,
    compact_part,
    date_anchors,
    feature_counts,
    load_signatures,
    make_signature,
    pair_signatures,
    save_signatures,
    signatures_for,
)
from bilingual.engines.apertium import ApertiumEngine


def test_compact_part_takes_headline_and_first_paragraphs_up_to_the_limit() -> None:
    text = "Titular corto\n\nPrimer párrafo.\nSigue aquí.\n\nSegundo párrafo largo. Otra frase más.\n\nTercero."
    assert compact_part(text, 1000) == [
        "Titular corto",
        "Primer párrafo. Sigue aquí.",
        "Segundo párrafo largo. Otra frase más.",
        "Tercero.",
    ]
    assert compact_part(text, 65) == ["Titular corto", "Primer párrafo. Sigue aquí.", "Segundo párrafo largo."]
    assert compact_part(text, 45) == ["Titular corto", "Primer párrafo. Sigue aquí."]


def test_numbers_are_anchors_whatever_the_separators() -> None:
    es = feature_counts("Esperaron 2.300 camiones y 1.500,5 litros el 12 de marzo de 2026.", "es", [], None)
    en = feature_counts("Some 2,300 trucks and 1,500.5 liters waited on March 12, 2026.", "en", [], None)
    numbers = {k for k in es if k.startswith("n:")}
    assert numbers == {"n:2300", "n:15005", "n:12", "n:2026"}
    assert numbers == {k for k in en if k.startswith("n:")}


def test_dates_are_the_same_anchor_in_both_languages() -> None:
    es = date_anchors("El jueves 12 de marzo, y luego el 3 de sept. y el 1 de Mayo de 2026.", "es")
    en = date_anchors("On Thursday, March 12, then Sept. 3 and 1 May 2026.", "en")
    assert es == en == ["d:03-12", "d:09-03", "d:05-01"]
    assert date_anchors("Llegaron 15 de los 30 diputados; 40 de mayo no existe.", "es") == []


def test_names_inside_sentences_are_anchors_but_sentence_openers_are_not() -> None:
    counts = feature_counts("Ayer llegó el director. Santiago González Reyes habló con la CBP.", "es", [], None)
    assert "c:gonzalez" in counts and "c:reyes" in counts
    assert "c:ayer" not in counts and "c:santiago" not in counts


def _synthetic(n: int, seed: int) -> tuple[list[dict[str, int]], list[dict[str, int]]]:
    """n stories: each side shares the story's rare anchors plus common words."""
    rng = random.Random(seed)
    common = [f"w:common{i}" for i in range(30)]
    es, en = [], []
    for i in range(n):
        rare = [f"n:{seed}{i}{k}{rng.randrange(10**6)}" for k in range(4)] + [f"c:name{seed}-{i}x{k}" for k in range(3)]
        words = rng.sample(common, 10)
        es.append({key: 1 for key in rare[:6] + words})
        en.append({key: 1 for key in rare[1:] + rng.sample(common, 10)})
    return es, en


def test_pairs_one_to_one_and_leaves_documents_without_counterpart_unpaired() -> None:
    es, en = _synthetic(80, 1)
    lonely_es, _ = _synthetic(5, 2)
    _, lonely_en = _synthetic(1, 4)
    sig_es = [make_signature(f"es{i}", c) for i, c in enumerate(es + lonely_es[:5])]
    sig_en = [make_signature(f"en{i}", c) for i, c in enumerate([*en, lonely_en[0] | {"n:unrelated": 1}])]
    result = pair_signatures(sig_es, sig_en)
    assert {(p.es, p.en) for p in result.pairs} == {(i, i) for i in range(80)}
    assert sorted(i for i, _, _ in result.unpaired_es) == [80, 81, 82, 83, 84]
    assert [j for j, _, _ in result.unpaired_en] == [80]
    assert all(score < PairingOptions().threshold for _, _, score in result.unpaired_es)
    assert result.scored <= len(sig_es) * PairingOptions().candidates


def test_a_pair_that_is_nobodys_first_choice_needs_a_margin_over_the_runner_up() -> None:
    common = {f"w:common{i}": 1 for i in range(6)}
    story = make_signature("story", common | {"n:1": 1})  # its closest English version goes to...
    follow_up = make_signature("follow-up", common | {"n:1": 1, "n:2": 1})  # ...this exact match
    version = make_signature("version", common | {"n:1": 1, "n:2": 1})
    near = make_signature("near", common | {"n:1": 1, "n:3": 1})
    pad_es = [make_signature(f"pe{i}", {f"w:p{i}": 1}) for i in range(20)]
    pad_en = [make_signature(f"pn{i}", {f"w:p{i}": 1, f"w:q{i}": 1}) for i in range(20)]
    strict = pair_signatures([follow_up, story, *pad_es], [version, near, *pad_en])
    assert [(p.es, p.en) for p in strict.pairs if p.es < 2] == [(0, 0)]
    assert [(i, best) for i, best, _ in strict.unpaired_es if i < 2] == [(1, 0)]  # listed with its best
    loose = pair_signatures([follow_up, story, *pad_es], [version, near, *pad_en], PairingOptions(margin=0.0))
    assert [(p.es, p.en) for p in loose.pairs if p.es < 2] == [(0, 0), (1, 1)]


def test_features_on_too_many_documents_give_no_candidates() -> None:
    shared = {f"w:everywhere{k}": 1 for k in range(5)}
    sig_es = [make_signature(f"es{i}", shared) for i in range(6)]
    sig_en = [make_signature(f"en{i}", shared) for i in range(6)]
    result = pair_signatures(sig_es, sig_en, PairingOptions(max_df=3))
    assert result.pairs == [] and result.scored == 0
    assert all(best is None for _, best, _ in result.unpaired_es)


def test_candidate_work_per_document_is_bounded_by_max_postings() -> None:
    es, en = _synthetic(40, 3)
    copies = 10  # every story ten times on each side: each rare feature has 10 postings
    sig_es = [make_signature(f"es{i}-{c}", d) for c in range(copies) for i, d in enumerate(es)]
    sig_en = [make_signature(f"en{i}-{c}", d) for c in range(copies) for i, d in enumerate(en)]
    tight = pair_signatures(sig_es, sig_en, PairingOptions(max_postings=10, candidates=3))
    assert tight.scored <= 3 * len(sig_es)
    for pair in tight.pairs:  # copies make the choice among twins arbitrary, never another story
        assert pair.es % 40 == pair.en % 40


def test_signatures_round_trip_through_npz(tmp_path: Path) -> None:
    sigs = [make_signature("a.txt", {"w:juarez": 2, "n:2300": 1}), make_signature("b.txt", {})]
    save_signatures(tmp_path / "s.npz", sigs)
    back = load_signatures(tmp_path / "s.npz")
    assert [s.name for s in back] == ["a.txt", "b.txt"]
    assert back[0].features.tolist() == sigs[0].features.tolist() and back[1].size == 0


@pytest.mark.skipif(not ApertiumEngine().supports("es", "en"), reason="Apertium es-en is not installed")
def test_mt_bridged_pairing_of_a_small_border_archive() -> None:
    engine = ApertiumEngine()
    es_names, en_names = sorted(SPANISH), sorted(ENGLISH)
    es = signatures_for(
        [(n, SPANISH[n]) for n in es_names], "es", "en", engine=engine, cache=None, glossary=None, chars=1200
    )
    en = signatures_for(
        [(n, ENGLISH[n]) for n in en_names], "en", "en", engine=None, cache=None, glossary=None, chars=1200
    )
    result = pair_signatures(es, en)
    assert {(es_names[p.es], en_names[p.en]) for p in result.pairs} == GOLD
    assert [es_names[i] for i, _, _ in result.unpaired_es] == ["feria.txt"]
    assert [en_names[j] for j, _, _ in result.unpaired_en] == ["ufc.txt"]
    assert all(best is not None for _, best, _ in result.unpaired_es)
