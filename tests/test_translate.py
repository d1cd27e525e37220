"""Document translation with a fake engine: pairs, signature, glossary enforcement, and the
warning for empty or degenerate machine output."""

from __future__ import annotations

from pathlib import Path

from conftest import FakeEngine

from bilingual.glossary.model import Glossary
from bilingual.translate.document import translate_text

ARTICLE = "El alcalde habló en Cd. Juárez.\n\nNo hubo vuelos. El puente siguió abierto.\n"


def test_one_pair_per_sentence_with_offsets_and_signature() -> None:
    doc = translate_text(ARTICLE, "es", "en", FakeEngine({"puente": "bridge"}))
    assert [p.source for p in doc.pairs] == [
        "El alcalde habló en Cd. Juárez.",
        "No hubo vuelos.",
        "El puente siguió abierto.",
    ]
    assert doc.pairs[2].target == "El bridge siguió abierto."
    assert [p.paragraph for p in doc.pairs] == [0, 1, 1]
    assert all(ARTICLE[p.start : p.end] == p.source for p in doc.pairs)
    assert doc.signature["engine"] == "fake" and doc.signature["model"] == "fake-1"
    assert doc.signature["pair"] == "es-en" and doc.signature["glossary"] == "none"


def test_empty_machine_output_is_flagged_in_one_warning() -> None:
    engine = FakeEngine(outputs={"No hubo vuelos.": "", "El puente siguió abierto.": "   "})
    warnings: list[str] = []
    translate_text(ARTICLE, "es", "en", engine, warn=warnings.append)
    assert warnings == [
        "2 of 3 sentences got empty, degenerate or truncated machine output (sentence ids 1, 2); "
        "check the model, or try --engine apertium"
    ]


def test_good_output_gives_no_warning() -> None:
    warnings: list[str] = []
    translate_text(ARTICLE, "es", "en", FakeEngine(), warn=warnings.append)
    assert warnings == []


def test_glossary_terms_come_out_in_their_preferred_form(tmp_path: Path) -> None:
    gloss = tmp_path / "g.tsv"
    gloss.write_text("es\ten\ttype\tnote\nCd. Juárez | Ciudad Juárez\tCiudad Juárez\tplace\t\n", encoding="utf-8")
    glossary = Glossary.load(shipped=False, extra=[gloss])
    engine = FakeEngine({"alcalde": "mayor"})
    doc = translate_text(ARTICLE, "es", "en", engine, glossary=glossary)
    assert doc.pairs[0].target == "El mayor habló en Ciudad Juárez."
    assert engine.calls[0][0] == "El alcalde habló en XQZ1."  # the engine never saw the term
    assert doc.signature["glossary"] == glossary.signature_value()


def test_a_mangled_placeholder_falls_back_to_plain_translation(tmp_path: Path) -> None:
    gloss = tmp_path / "g.tsv"
    gloss.write_text("es\ten\ttype\tnote\nCd. Juárez\tCiudad Juárez\tplace\t\n", encoding="utf-8")
    glossary = Glossary.load(shipped=False, extra=[gloss])
    engine = FakeEngine(outputs={"El alcalde habló en XQZ1.": "The mayor spoke in XQZ."})
    doc = translate_text(ARTICLE, "es", "en", engine, glossary=glossary)
    assert doc.pairs[0].target == "El alcalde habló en Cd. Juárez."
    assert "glossary-fallback" in doc.pairs[0].flags


def test_the_shared_input_path_warns_for_pages_too() -> None:
    """HTML pages go through translate_inputs directly: the warning lives there, not on pairs."""
    from bilingual.translate.document import translate_inputs

    warnings: list[str] = []
    translate_inputs(FakeEngine(outputs={"Menú": ""}), ["Menú", "El puente"], "es", "en", warn=warnings.append)
    assert warnings == [
        "1 of 2 sentences got empty, degenerate or truncated machine output (sentence ids 0); "
        "check the model, or try --engine apertium"
    ]
