"""Speaker names between a quote and its original: a misspelt word of one person's name is a
``name`` flag; other forms of the same name are not; two different people are ``speaker``."""

from __future__ import annotations

import pytest

from bilingual.review.names import misspelt_speaker_flags, speaker_flags


def test_one_misspelt_word_is_a_name_flag_pointing_at_both_spellings() -> None:
    (flag,) = misspelt_speaker_flags("Arturo Molina Salas", "Arturo Medina Salas", ("en", "es"))
    assert (flag.kind, flag.text, flag.other) == ("name", "Molina", "Medina")
    assert "Arturo Medina Salas" in flag.detail


@pytest.mark.parametrize(
    ("article", "original"),
    [
        ("Claudia Sheinbaum", "Claudia Sheinbaum Pardo"),  # a second surname dropped
        ("Maru Campos", "María Eugenia Campos"),  # a short form
        ("Cruz Perez Cuellar", "Cruz Pérez Cuéllar"),  # accents only
        ("Gen. Arturo Medina", "Gral. Arturo Medina"),  # titles differ by language, shortened
        ("Juan Lopez Obrador", "Juan Lopez Obr"),  # a truncation, not a misspelling
        ("Ana Torres", "Ana Torres"),
        ("Jean Charest", "Juan Charest"),  # a given name adapted to the language
        ("Chamber Gianfranco Fini", "Cámara Gianfranco Fini"),  # a title translated
    ],
)
def test_other_forms_of_one_name_are_not_flagged(article: str, original: str) -> None:
    assert misspelt_speaker_flags(article, original, ("en", "es")) == []


def test_two_different_people_are_a_speaker_flag() -> None:
    (flag,) = speaker_flags("Renard Johnson", "Cruz Pérez Cuéllar", ("en", "es"), None)
    assert flag.kind == "speaker"


def test_same_person_spelt_the_same_gives_nothing() -> None:
    assert speaker_flags("Ricardo Trevilla Trejo", "Ricardo Trevilla Trejo", ("en", "es"), None) == []
