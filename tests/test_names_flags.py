"""``name`` flags between a quote and its original (Apertium's dictionary): adapted names,
translated titles, acronyms, demonyms and added names are not changed names; a name swapped for
another one is, in both directions (es→en and en→es)."""

from __future__ import annotations

import pytest

from bilingual.engines.dictionary import ApertiumLexicon
from bilingual.glossary.model import Glossary
from bilingual.review.model import Texts
from bilingual.review.names import misspelt_speaker_flags, name_flags

needs_lexicon = pytest.mark.skipif(not ApertiumLexicon.available(), reason="lt-proc / apertium-eng-spa missing")


@pytest.fixture(scope="module")
def lex() -> ApertiumLexicon:
    return ApertiumLexicon()


def _flags(lex: ApertiumLexicon, article: str, original: str, lang: str) -> list[tuple[str, str]]:
    other = "es" if lang == "en" else "en"
    return [(f.text, f.other) for f in name_flags(Texts(article, original, lang, other), None, lex)]


FAITHFUL = [
    # transliterated and adapted names (nameforms)
    (
        "en",
        "We will not talk to Hezbollah while Mikhail Gorbachev is in Moscow",
        "No hablaremos con Hizbulá mientras Mijaíl Gorbachov esté en Moscú",
    ),
    (
        "es",
        "No hablaremos con Hizbulá mientras Mijaíl Gorbachov esté en Moscú",
        "We will not talk to Hezbollah while Mikhail Gorbachev is in Moscow",
    ),
    (
        "es",
        "El rey Felipe VI visitó Hamburgo y habló con la gente de Kiev",
        "King Philip VI visited Hamburg and spoke to the people of Kyiv",
    ),
    # the same Roman numeral after a name with the same initial
    (
        "en",
        "the reign of Charles III was short and the people loved him",
        "el reinado de Carlos III fue corto y el pueblo lo amaba",
    ),
    (
        "es",
        "el reinado de Carlos III fue corto y el pueblo lo amaba",
        "the reign of Charles III was short and the people loved him",
    ),
    # a demonym of the name on the other side
    ("en", "Prices in Brazil are rising faster than wages", "Los precios brasileños suben más rápido que los salarios"),
    # an acronym and the run of its initials
    ("es", "Se reunieron en el Ministerio de Defensa con la Casa Blanca", "They met at the MoD with the White House"),
    # a name the translator added, with no name of the original left over
    ("es", "La capital, Madrid, crecerá mucho este año", "The capital will grow a lot this year"),
    ("en", "The capital, Madrid, will grow a lot this year", "La capital crecerá mucho este año"),
    # capitalised common words of translated titles, facing lower-case words
    (
        "en",
        "We walked up to the Temple Mount and then to the Golan Heights",
        "Subimos a la colina del Templo y luego al Golán",
    ),
    ("en", "We visited the Research Office of the university", "Visitamos la oficina de estudios de la universidad"),
    ("es", "Visitamos la Oficina de Estudios de la universidad", "We visited the research office of the university"),
    # a verb opening a clause after a dash is no name
    (
        "es",
        "El plan es bueno –dijo– Volveremos a votar el lunes",
        "The plan is good, he said. We will vote again on Monday",
    ),
]


@needs_lexicon
@pytest.mark.parametrize(("lang", "article", "original"), FAITHFUL)
def test_faithful_names_are_not_flagged(lex: ApertiumLexicon, lang: str, article: str, original: str) -> None:
    assert _flags(lex, article, original, lang) == []


SWAPPED = [
    # the original's name opens its sentence (a proper noun for the dictionary)
    (
        "es",
        "La economía de Chile crecerá este año, dijo el ministro",
        "India's economy will grow this year, the minister said",
        ("Chile", "India"),
    ),
    (
        "en",
        "The economy of Chile will grow this year, the minister said",
        "Perú crecerá este año, dijo el ministro",
        ("Chile", "Perú"),
    ),
    (
        "en",
        "I was glad to meet Pedro Salinas in the city",
        "Me alegró conocer a Jorge Ramírez en la ciudad",
        ("Pedro Salinas", "Jorge Ramírez"),
    ),
    (
        "es",
        "Me alegró conocer a Jorge Ramírez en la ciudad",
        "I was glad to meet Pedro Salinas in the city",
        ("Jorge Ramírez", "Pedro Salinas"),
    ),
    # a brand that is a common word stands for a name
    (
        "es",
        "Lo dijo el portavoz de T-Mobile en la red de Vodafone",
        "The Orange spokesman said so on the Vodafone network",
        ("T-Mobile", "Orange"),
    ),
    (
        "en",
        "The Orange spokesman said so on the Vodafone network",
        "Lo dijo el portavoz de T-Mobile en la red de Vodafone",
        ("Orange", "T-Mobile"),
    ),
    # one word of a title swapped, the title anchored on a shared word
    (
        "es",
        "Vivo en North Boulevard desde hace diez años",
        "I have lived on North Avenue for ten years",
        ("Boulevard", "Avenue"),
    ),
    (
        "en",
        "I have lived on North Avenue for ten years",
        "Vivo en North Boulevard desde hace diez años",
        ("Avenue", "Boulevard"),
    ),
    # one of several mentions replaced: the original says the name more often
    (
        "es",
        "Los vecinos de Texas confían en la policía de Oklahoma y en la policía de Texas",
        "Texas residents trust Texas police and the Texas courts",
        ("Oklahoma", "Texas"),
    ),
    (
        "en",
        "The people of Ohio trust Kansas police and the Ohio courts",
        "Los habitantes de Ohio confían en la policía de Ohio y en los tribunales de Ohio",
        ("Kansas", "Ohio"),
    ),
]


@needs_lexicon
@pytest.mark.parametrize(("lang", "article", "original", "expected"), SWAPPED)
def test_swapped_names_are_flagged_with_the_original_name(
    lex: ApertiumLexicon, lang: str, article: str, original: str, expected: tuple[str, str]
) -> None:
    assert _flags(lex, article, original, lang) == [expected]


def test_a_transliteration_of_a_speaker_name_is_no_misspelling() -> None:
    assert misspelt_speaker_flags("Anatoli Tchoubais", "Anatoli Chubais", ("en", "es")) == []
    (flag,) = misspelt_speaker_flags("Anatoli Chubarov", "Anatoli Chubais", ("en", "es"))
    assert (flag.text, flag.other) == ("Chubarov", "Chubais")


@needs_lexicon
def test_a_glossary_name_needs_no_swap_but_its_derived_word_counts(lex: ApertiumLexicon) -> None:
    glossary = Glossary.load()
    derived = Texts("The U.S. central bank will act soon", "El banco central americano actuará pronto", "en", "es")
    assert name_flags(derived, glossary, lex) == []
    dropped = Texts("The U.S. central bank will act soon", "El banco central actuará pronto", "en", "es")
    assert [(f.kind, f.text) for f in name_flags(dropped, glossary, lex)] == [("name", "U.S.")]
