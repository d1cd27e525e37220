"""The alignment coordinator (bilingual.align.document) with a fake engine: sides, languages,
engine choice, warnings and the signature."""

from __future__ import annotations

import pytest
from conftest import FakeEngine

from bilingual.align.document import align_sides, align_texts, side_from_text
from bilingual.errors import BilingualError, EngineError

ES = "El alcalde habló el martes.\nNo hubo vuelos en 8 horas.\n\nEl puente siguió abierto.\n"
EN = "The mayor spoke on Tuesday.\nThere were no flights in 8 hours.\n\nThe bridge stayed open.\n"
WORDS = {"alcalde": "mayor", "habló": "spoke", "martes.": "Tuesday.", "puente": "bridge", "vuelos": "flights"}


def test_presplit_sides_keep_line_numbers_and_paragraphs() -> None:
    side = side_from_text(ES, "es", presplit=True)
    assert side.sentences == ("El alcalde habló el martes.", "No hubo vuelos en 8 horas.", "El puente siguió abierto.")
    assert side.ids == (0, 1, 3)
    assert side.paragraphs == (0, 0, 1)


def test_presplit_without_sentences_is_an_input_error() -> None:
    with pytest.raises(BilingualError, match="no sentences"):
        side_from_text("\n\n", "es", presplit=True, name="vacío.txt")


def test_aligned_with_a_fake_engine_and_signed() -> None:
    engine = FakeEngine(WORDS)
    doc = align_sides(side_from_text(ES, "es"), side_from_text(EN, "en"), engines=(engine, engine))
    assert [(p.source_ids, p.target_ids) for p in doc.pairs] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert doc.signature["engine"] == "fake" and doc.signature["scoring"] == "mt+length+anchors"
    assert doc.signature["aligner"] and doc.signature["splitter"]
    assert len(engine.calls) == 2  # one call per side, not per sentence


def test_no_engine_warns_and_says_so_in_the_signature() -> None:
    warnings: list[str] = []
    doc = align_texts((ES, EN), ("a.es.txt", "b.en.txt"), engine="none", warn=warnings.append)
    assert doc.signature["scoring"] == "length+anchors" and doc.signature["engine"] == "none"
    assert warnings == ["no translation engine available: aligning on sentence length and anchors only (less accurate)"]


def test_languages_are_detected_and_one_language_twice_is_refused() -> None:
    with pytest.raises(BilingualError) as info:
        align_texts((ES, ES), ("a.txt", "b.txt"), engine="none")
    assert info.value.message == "both a.txt and b.txt are Spanish"
    doc = align_texts((ES, ES), ("a.txt", "b.txt"), engine="none", force=True)
    assert doc.target_lang == "es-x-2"


def test_a_named_engine_that_cannot_serve_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EngineError):
        align_texts((ES, EN), ("a.es.txt", "b.en.txt"), engine="apertium")
    warnings: list[str] = []
    doc = align_texts((ES, EN), ("a.es.txt", "b.en.txt"), engine="auto", warn=warnings.append)
    assert doc.signature["engine"] == "none"
    assert any(w.startswith("no engine for es→en") for w in warnings)
