"""Word-level fidelity checks (Apertium lexicon) and candidate scoring for quote review."""

from __future__ import annotations

from collections import Counter

import pytest

from bilingual.engines.dictionary import ApertiumLexicon
from bilingual.review.candidates import Candidate, calibrated, decide, fscore, rank, sized, trigrams, trim
from bilingual.review.correspond import uncovered_runs
from bilingual.review.fidelity import Texts, check, negations, numbers, privatives, word_runs

needs_lexicon = pytest.mark.skipif(not ApertiumLexicon.available(), reason="lt-proc / apertium-eng-spa missing")


@pytest.fixture(scope="module")
def lex() -> ApertiumLexicon:
    return ApertiumLexicon()


@needs_lexicon
def test_lexicon_gives_lemmas_offsets_and_translations(lex: ApertiumLexicon) -> None:
    text = "Los agentes cerraron el puente en Ciudad Juárez."
    words = lex.analyse([text], "es")[0]
    assert [w.surface for w in words][:4] == ["Los", "agentes", "cerraron", "el"]
    closed = next(w for w in words if w.surface == "cerraron")
    assert text[closed.start : closed.end] == "cerraron"
    assert ("cerrar", "vblex") in closed.analyses
    translations = lex.translations(words, "es")
    assert "close" in translations[2]
    assert "bridge" in translations[words.index(next(w for w in words if w.surface == "puente"))]


@needs_lexicon
def test_short_added_phrase_is_a_run_and_faithful_text_has_none(lex: ApertiumLexicon) -> None:
    original = "Es importante tener a los mejores agentes en el puente."
    faithful = "It is important to have the best officers on the bridge."
    added = "It is important to have the best officers on the bridge under heavy pressure."
    assert uncovered_runs(faithful, "en", original, "es", None, lex) == []
    runs = uncovered_runs(added, "en", original, "es", None, lex)
    assert [r.text for r in runs] == ["under heavy pressure"]


@needs_lexicon
def test_swapped_name_is_one_name_flag(lex: ApertiumLexicon) -> None:
    texts = Texts(
        "Hablé con el gobernador Dan Patrick sobre los puentes el viernes.",
        "I spoke with Governor Greg Abbott about the bridges on Friday.",
        "es",
        "en",
        original_mt="Hablé con Gobernador Greg Abbott sobre los puentes el viernes.",
        article_mt="I spoke with the governor Dan Patrick on the bridges on Friday.",
    )
    flags = check(texts, lex=lex)
    assert {f.kind for f in flags} == {"name"}
    name = next(f for f in flags if f.side == "article")
    assert name.text == "Dan Patrick" and name.other == "Greg Abbott"


def test_fscore_prefers_the_window_that_fits() -> None:
    quote = trigrams("the bridge will reopen on Friday")
    assert fscore(quote, trigrams("the bridge will reopen on Friday")) == pytest.approx(1.0)
    assert fscore(quote, trigrams("the bridge will reopen on Friday, and the mayor spoke at length")) < 0.8
    assert fscore(quote, trigrams("")) == 0.0


def test_margin_is_small_when_two_places_fit_alike() -> None:
    a = Candidate(0, 0, 0, "el puente abrirá el viernes", "the bridge will open on Friday", 1.0)
    b = Candidate(0, 3, 3, "el puente abrirá el viernes", "the bridge will open on Friday", 1.0)
    c = Candidate(0, 5, 5, "la alcaldesa habló", "the mayor spoke", 0.0)
    twice = rank("the bridge will open on Friday", "el puente abrirá el viernes", [a, b, c])
    once = rank("the bridge will open on Friday", "el puente abrirá el viernes", [a, c])
    assert twice.margin == pytest.approx(0.0) and once.margin > 0.5
    assert once.probability > twice.probability


def test_calibration_grows_with_fit_and_margin() -> None:
    assert calibrated(0.2, 0.0) < calibrated(0.5, 0.0) < calibrated(0.5, 0.2)
    assert 0.0 < calibrated(0.0, 0.0) < 0.5 < calibrated(0.9, 0.4) < 1.0


def test_calibration_prefers_source_quotations() -> None:
    """Narration that fits a quote as well as a quotation does is the usual look-alike of a
    removed original; a strong fit and margin still match it, without low confidence."""
    assert calibrated(0.3, 0.05) < 0.5 < calibrated(0.3, 0.05, quoted=1.0)
    assert calibrated(0.7, 0.4) > 0.8


def test_a_quote_longer_than_its_best_window_is_less_certain() -> None:
    a = Candidate(0, 0, 0, "el puente abrirá el viernes", "the bridge will open on Friday", 1.0)
    b = Candidate(0, 4, 5, "la alcaldesa habló. Fue breve.", "the mayor spoke. It was brief.", 0.0)
    one = decide([a, b], {0: 0.5, 1: 0.1})
    assert one.candidate == a and one.quoted == 1.0 and not one.short
    two = decide([a, b], {0: 0.5, 1: 0.1}, size=2)
    assert two.short and two.probability < one.probability
    assert sized(one, 2) == two and sized(two, 1) == one


def test_trim_drops_the_reporting_frame_only() -> None:
    framed = "Johnson told reporters that the city will hire 40 officers"
    assert trim("the city will hire 40 officers", framed, "en") == "the city will hire 40 officers"
    said = "La ciudad contratará 40 agentes, dijo Johnson."
    assert trim("La ciudad contratará 40 agentes", said, "es") == "La ciudad contratará 40 agentes"
    dropped = "The city will hire 40 officers, and the state will pay for them."
    assert trim("the city will hire 40 officers", dropped, "en") == dropped  # an omission, kept
    assert trim("something else entirely", "one clause only", "en") == "one clause only"


def test_ordinal_on_one_side_is_a_rewording_but_a_different_one_is_a_change() -> None:
    same = Texts("He played well in the first period.", "Jugó bien en el periodo inicial.", "en", "es")
    assert [f.kind for f in check(same)] == []
    changed = Texts("It was the third time.", "Fue la primera vez.", "en", "es")
    assert [f.kind for f in check(changed)] == ["number"]


@needs_lexicon
def test_rewording_is_not_an_addition_but_words_beyond_it_are(lex: ApertiumLexicon) -> None:
    original = "Ve a la clínica y haz que te curen."
    reworded = "Go to the clinic and get treated."
    assert uncovered_runs(reworded, "en", original, "es", None, lex) == []
    longer = "Go to the clinic and get treated by the best private doctors in the region."
    assert [r.text for r in uncovered_runs(longer, "en", original, "es", None, lex)] != []


def test_scale_words_make_one_value_in_both_languages() -> None:
    both = Counter({"2300000000": 1, "1000000000": 1})
    assert numbers("Ganaron 2.300 millones y gastaron mil millones", "es") == both
    assert numbers("They earned 2.3 billion and spent one billion", "en")["2300000000"] == 1
    assert numbers("tres millones cuatrocientos mil votos", "es") == Counter({"3400000": 1})
    assert numbers("el 40 por ciento", "es") == Counter({"40": 1})
    assert numbers("veintidós y dieciséis", "es") == Counter({"22": 1, "16": 1})


def test_vague_plural_scales_and_ordinal_forms_are_not_changes() -> None:
    es = "Hace millones de años el primer río del tercer valle ya corría"
    en = "Billions of years ago the first river of the third valley was already running"
    assert not [f for f in check(Texts(en, es, "en", "es", None, None)) if f.kind == "number"]
    assert numbers("the 21st century and the 3º piso", "en") == Counter({"21st": 1, "3rd": 1})
    changed = check(Texts("the second river", "el tercer río", "en", "es", None, None))
    assert [f.kind for f in changed] == ["number"]


def test_negations_with_accents_concord_and_prefixes_count_alike() -> None:
    assert negations("Llegó sin ningún aviso, y jamás volvió", "es") == ["jamas"]
    assert negations("She came without any warning, and never came back", "en") == ["never"]
    # a privative "sin"/"without" does not flip what is said: "sin sentido" = "meaningless"
    assert negations("un humor sin sentido", "es") == negations("a meaningless humour", "en") == []
    assert len(negations("vecinos de origen no europeo", "es")) == len(negations("non-European residents", "en"))
    assert len(negations("el alcalde fue incapaz de responder", "es")) == 1
    assert negations("no lo sé, ni me importa", "es") == ["no", "ni"]


@needs_lexicon
def test_two_dropped_words_count_at_the_end_of_the_original_not_inside(lex: ApertiumLexicon) -> None:
    article = "We closed the bridge on Friday."
    cut_short = Texts(article, "Cerramos el puente el viernes por la fuerte tormenta.", "en", "es")
    assert [r.text for r in word_runs(cut_short, lex)[1]] == ["fuerte tormenta"]
    inside = Texts(article, "Cerramos el puente por la fuerte tormenta el viernes.", "en", "es")
    assert word_runs(inside, lex)[1] == []
    clause = Texts(article, "Cerramos el puente por la fuerte tormenta de nieve el viernes.", "en", "es")
    assert [r.text for r in word_runs(clause, lex)[1]] == ["fuerte tormenta de nieve"]


def test_a_changed_number_points_at_the_words_that_say_it() -> None:
    flags = check(Texts("Ganó 1.900 millones para el banco", "He made 1.6 billion for the bank", "es", "en"))
    assert [(f.kind, f.text) for f in flags] == [("number", "1.900 millones")]
    flags = check(Texts("Llegaron treinta y ocho agentes", "Thirty-seven officers arrived", "es", "en"))
    assert [(f.kind, f.text) for f in flags] == [("number", "treinta y ocho")]


@needs_lexicon
def test_two_added_words_count_at_the_end_of_the_quote_not_inside(lex: ApertiumLexicon) -> None:
    original = "Cerramos el puente el viernes."
    tacked_on = Texts("Cerramos el puente el viernes por la fuerte tormenta.", original, "es", "es")
    assert [r.text for r in word_runs(tacked_on, lex)[0]] == ["fuerte tormenta"]
    inside = Texts("Cerramos el viejo puente colgante el viernes.", original, "es", "es")
    assert word_runs(inside, lex)[0] == []


@needs_lexicon
def test_a_rewording_elsewhere_does_not_hide_a_phrase_tacked_on(lex: ApertiumLexicon) -> None:
    # "serious" / "grave" is a rewording at the other end of the sentence; it does not account
    # for the two words added at the end as well
    added = Texts(
        "We have a serious water problem every single week.", "Tenemos un problema de agua grave.", "en", "es"
    )
    assert [r.text for r in word_runs(added, lex)[0]] == ["single week"]


def test_half_a_scale_word_is_half_its_value() -> None:
    half_billion = Counter({"500000000": 1})
    assert numbers("half a billion dollars", "en") == numbers("500 millones de dólares", "es") == half_billion
    assert numbers("medio millón de personas", "es") == numbers("half a million people", "en") == Counter({"500000": 1})
    assert numbers("half of the 300 people", "en") == Counter({"300": 1})


@needs_lexicon
def test_a_swapped_name_inside_an_added_run_is_still_a_name_flag(lex: ApertiumLexicon) -> None:
    article = "Podemos considerar las propuestas de Ramírez para arreglar la calle vieja y gestionar el espacio."
    original = "There could be proposals, which could be done by Gómez."
    article_mt = "We can consider the proposals of Ramírez to fix the old street and manage the space."
    original_mt = "Pueda haber propuestas, los cuales podrían ser hechos por Gómez."
    flags = check(Texts(article, original, "es", "en", original_mt, article_mt), lex=lex)
    assert [(f.kind, f.text, f.other) for f in flags if f.kind == "name"] == [("name", "Ramírez", "Gómez")]
    assert "addition" in {f.kind for f in flags}


def test_not_before_a_participle_counts_like_spanish_no_before_one() -> None:
    assert negations("they were appointed, not elected", "en") == negations("designados pero no elegidos", "es") == []
    assert negations("it was not elected", "en") == ["not"] and negations("not even trained staff", "en") == ["not"]


@needs_lexicon
def test_a_rewording_moved_elsewhere_in_the_sentence_is_not_an_omission(lex: ApertiumLexicon) -> None:
    # "en el parqué suele tener un saldo" is reworded as "on the trading floor, as a rule",
    # after the word that anchors it: word order differs, the words are all there
    original = "Para los analistas, el mes de enero en el parqué suele tener un saldo favorable."
    moved = Texts("For analysts, January is favourable on the trading floor, as a rule.", original, "en", "es")
    assert word_runs(moved, lex) == ([], [])
    dropped = Texts("For analysts, January is favourable.", original, "en", "es")
    assert [r.text for r in word_runs(dropped, lex)[1]] == ["parqué suele tener un saldo"]


def test_negative_concord_and_privatives_count_as_one_negation() -> None:
    # "ni" and "nor" agree with the negation before them, even an uncounted "no" before a participle
    assert negations("un plan no cerrado ni inmóvil", "es") == negations("a plan not closed or rigid", "en") == []
    assert negations("no es ni útil ni banal", "es") == ["no"]
    assert negations("it is neither useful nor trivial", "en") == ["neither"]
    # a privative rendered as a negation is no flipped meaning; a negation with nothing to match is
    rendered = check(Texts("There will be no peace if we don't do that", "Sin esto no habrá paz", "en", "es"))
    assert [f.kind for f in rendered] == []
    flipped = check(Texts("There will be no peace if we don't do that", "Con esto no habrá paz", "en", "es"))
    assert [f.kind for f in flipped] == ["negation"]
    assert privatives("sin embargo, llegó sin aviso") == 1


def test_both_matches_a_two_on_the_other_side() -> None:
    assert [f.kind for f in check(Texts("el esfuerzo de ambas partes", "the two-party effort", "es", "en"))] == []
    assert [f.kind for f in check(Texts("el esfuerzo de las tres partes", "the two-party effort", "es", "en"))] == [
        "number"
    ]
