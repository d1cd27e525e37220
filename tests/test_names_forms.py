"""Cross-language forms of one name (``bilingual.review.nameforms``): adapted and
transliterated names are one name, a different name is not."""

from __future__ import annotations

import pytest

from bilingual.review.nameforms import acronym_of, derived_from, same_name, skeleton, spelling_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mikhail", "Mijaíl"),  # kh / j
        ("Gorbachev", "Gorbachov"),  # vowels differ
        ("Tchaikovsky", "Chaikovski"),  # tch / ch, y / i
        ("Gaddafi", "Gadafi"),  # doubled letters
        ("Philippe", "Felipe"),  # ph / f
        ("Kyiv", "Kiev"),  # two consonants, same first sound
        ("Shiite", "chiita"),  # sh / ch
        ("Hamburg", "Hamburgo"),  # a longer form
        ("Al-Aqsa", "Al Aqsa"),  # hyphen / space
        ("Bernardino", "Bernardo"),  # one consonant dropped from a long skeleton
    ],
)
def test_adapted_forms_are_one_name(a: str, b: str) -> None:
    assert same_name(a, b) and same_name(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Harris", "Harvey"),  # a consonant changed
        ("Molina", "Medina"),
        ("Garza", "Gómez"),
        ("Smith", "Jones"),
        ("Avalos", "Euston"),
        ("Kent", "Garry"),
        ("Fernández", "Hernández"),  # one consonant more, but at the start
    ],
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert not same_name(a, b) and not same_name(b, a)


def test_keys_fold_accents_hyphens_and_sounds() -> None:
    assert spelling_key("Al-Qaeda") == spelling_key("Al Qaeda") == "alkaeda"
    assert skeleton("Ferdinand") == "frdnd"
    assert skeleton("Chubais") == skeleton("Tchoubais")


@pytest.mark.parametrize(
    ("name", "word", "expected"),
    [
        ("Brazil", "brasileños", True),  # a demonym
        ("Canada", "canadiense", True),
        ("America", "americano", True),
        ("Peru", "peruano", False),  # a stem under four letters says nothing
        ("Brazil", "Brazil", False),  # the same word is not a derived one
        ("Brazil", "bravo", False),
    ],
)
def test_derived_forms(name: str, word: str, expected: bool) -> None:
    assert derived_from(name, word) is expected


def test_acronyms_are_the_initials_of_a_capitalised_run() -> None:
    assert acronym_of(["Ministry", "of", "Defence"], "MoD")
    assert acronym_of(["Organización", "de", "las", "Naciones", "Unidas"], "ONU")
    assert not acronym_of(["Ministry", "of", "Finance"], "MoD")
    assert not acronym_of(["Defence"], "D")  # one letter is no acronym
