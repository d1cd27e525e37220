"""A quote of several sentences is reviewed part by part against the original's sentences."""

from __future__ import annotations

from conftest import needs_apertium

from bilingual.review.jobs import review_texts
from bilingual.review.parts import Bead, align_parts, pieces
from bilingual.split.splitter import Splitter


def test_pieces_follow_the_article_sentences_and_keep_fragments_with_a_neighbour() -> None:
    text = "“Abrimos el puente a las seis. No. Nadie nos dijo nada del cierre,” dijo la alcaldesa."
    split = Splitter("es").analyze(text)
    start, end = text.index("Abrimos"), text.index(",” dijo") + 1
    found = pieces(text, [(start, end)], split.sentences)
    assert [p.text for p in found] == ["Abrimos el puente a las seis. No.", "Nadie nos dijo nada del cierre,"]
    assert [p.sentences for p in found] == [(0, 1), (2,)]


def test_align_parts_pairs_each_sentence_with_its_translation() -> None:
    quote = ["We opened the bridge at six.", "Nobody told us anything about the closure."]
    back = ["Abrimos el puente a las seis.", "Nadie nos dijo nada sobre el cierre."]
    original = ["Abrimos el puente a las seis.", "Nadie nos avisó nada del cierre."]
    original_mt = ["We opened the bridge at six.", "Nobody warned us anything of the closure."]
    assert align_parts(quote, back, original, original_mt) == [Bead((0,), (0,)), Bead((1,), (1,))]


def test_align_parts_leaves_out_an_original_sentence_the_quote_does_not_translate() -> None:
    quote = ["The water reached the second floor.", "We lost everything we had."]
    back = ["El agua llegó al segundo piso.", "Perdimos todo lo que teníamos."]
    original = ["El agua llegó al segundo piso.", "Eran las tres de la mañana.", "Perdimos todo lo que teníamos."]
    original_mt = ["The water arrived to the second floor.", "It was three in the morning.", "We lost all we had."]
    beads = align_parts(quote, back, original, original_mt)
    assert beads == [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,))]


def test_align_parts_joins_two_sentences_translated_as_one() -> None:
    quote = ["The market fell sharply on Monday.", "Investors sold their shares in panic."]
    back = ["El mercado cayó bruscamente el lunes.", "Los inversores vendieron sus acciones con pánico."]
    original = ["El mercado cayó con fuerza el lunes y los inversores vendieron sus acciones con pánico."]
    original_mt = ["The market fell with force on Monday and investors sold their shares with panic."]
    assert align_parts(quote, back, original, original_mt) == [Bead((0, 1), (0,))]


def test_align_parts_needs_an_original_sentence_for_every_piece() -> None:
    assert align_parts(["a b c", "d e f", "g h i", "j k l"], [None] * 4, ["x y z"], ["x y z"]) == []


@needs_apertium
def test_a_changed_number_is_reported_on_the_sentence_that_has_it() -> None:
    article = (
        "The mayor spoke on Tuesday.\n\n"
        "“We sent 30 trucks to the colonias on the west side. The shelters are open all night. "
        "Nobody will be left without water,” Mayor Laura Quintana said.\n"
    )
    source = (
        "La alcaldesa habló el martes.\n\n"
        "«Enviamos 20 camiones a las colonias del poniente. Los albergues están abiertos toda la noche. "
        "Nadie se quedará sin agua», dijo la alcaldesa Laura Quintana.\n"
    )
    review = review_texts(article, "article.en.txt", [("fuente.es.txt", source)], lang="en", engine="apertium")
    parts = {item.part: item for item in review.items}
    assert sorted(parts) == [1, 2, 3]
    assert [f.kind for f in parts[1].flags] == ["number"]
    assert parts[2].flags == () and parts[3].flags == ()
    assert parts[1].match is not None and parts[1].match.text.startswith("Enviamos 20 camiones")
    assert parts[3].label == f"{parts[3].quote}.3"


def test_a_short_sentence_that_fits_poorly_is_not_merged_into_a_long_one() -> None:
    # the first pair is a loose rendering; the second a close one: each stays its own part
    quote = ["Ana plays Rosa as a grown woman.", "I am so glad she agreed to act in my film and I feel very honoured."]
    back = [
        "Ana juega Rosa como una mujer crecida.",
        "Estoy tan contenta que aceptó actuar en mi película y me siento muy honrada.",
    ]
    original = [
        "Ana hace de Rosa de mayor, el personaje de la madurez.",
        "Estoy feliz de que aceptara actuar en mi película y me siento muy honrada.",
    ]
    original_mt = [
        "Ana does of Rosa of older, the character of the maturity.",
        "I am happy that she accepted to act in my film and I feel very honoured.",
    ]
    assert align_parts(quote, back, original, original_mt) == [Bead((0,), (0,)), Bead((1,), (1,))]


@needs_apertium
def test_a_quotation_sentence_the_article_gives_as_narration_is_not_an_omission() -> None:
    source = (
        "La alcaldesa habló el martes.\n\n"
        "«Nadie nos avisó del cierre. Enviamos 20 camiones a las colonias del poniente», dijo la alcaldesa "
        "Laura Quintana.\n"
    )
    dropped = "“We sent 20 trucks to the colonias on the west side,” Mayor Laura Quintana said.\n"
    told = "Nobody warned them of the closure, the mayor said on Tuesday.\n\n" + dropped
    for article, flagged in ((dropped, True), (told, False)):
        review = review_texts(article, "article.en.txt", [("fuente.es.txt", source)], lang="en", engine="apertium")
        item = next(i for i in review.items if "trucks" in i.article_text)
        assert ("omission" in {f.kind for f in item.flags}) is flagged, article


def test_a_quotation_said_by_someone_else_weighs_against_the_match() -> None:
    from bilingual.review.candidates import Candidate, PreparedSource, Ranked, quotations_in, quoted_parts
    from bilingual.review.match import weigh_speakers
    from bilingual.review.quotes import Quote, extract_quotes

    text = "«Cerramos el puente a las seis», dijo el alcalde Cruz Pérez Cuéllar.\n"
    split = Splitter("es").analyze(text)
    said = extract_quotes(split)
    quotations = quotations_in(split.sentences, text, said)
    src = PreparedSource(
        "fuente.es.txt", "es", text, split.sentences, said, quotations, quoted_parts(quotations), [], []
    )
    window = Candidate(0, 0, 0, "Cerramos el puente a las seis", "We closed the bridge at six", 1.0)
    ranked = Ranked(window, 0.22, 0.01, 0.52)

    def quote(speaker: str) -> Quote:
        return Quote(0, "We will track them down", ((0, 23),), (0,), (0,), speaker)

    assert weigh_speakers(ranked, quote("Robert Almonte"), [src], "en").probability < 0.5
    assert weigh_speakers(ranked, quote("Cruz Pérez"), [src], "en") == ranked  # the same person


@needs_apertium
def test_a_quote_runs_on_into_the_same_speakers_quotation_in_the_next_paragraph() -> None:
    # the article gives as one quote what the source quotes in two paragraphs ("…», añadió"):
    # both are the original, so the second sentence's words are no addition
    article = (
        "The mayor spoke on Tuesday.\n\n"
        "“The shelters are open all night and the trucks will bring water to every colonia. "
        "Nobody will be left without help this winter,” Mayor Laura Quintana said.\n"
    )
    source = (
        "La alcaldesa habló el martes.\n\n"
        "«Los albergues están abiertos toda la noche y los camiones llevarán agua a cada colonia», "
        "dijo la alcaldesa Laura Quintana.\n\n"
        "«Nadie se quedará sin ayuda este invierno», añadió Quintana.\n\n"
        "«Los puentes siguen abiertos», dijo el vocero de la aduana, Tomás Villa.\n"
    )
    review = review_texts(article, "article.en.txt", [("fuente.es.txt", source)], lang="en", engine="apertium")
    assert [(i.part, [f.kind for f in i.flags if f.kind != "low_confidence"]) for i in review.items] == [
        (1, []),
        (2, []),
    ]
    assert review.items[1].match is not None and review.items[1].match.text.startswith("Nadie se quedará")
