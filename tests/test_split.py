"""Splitter properties and structure: offsets, paragraphs, quotations, odd input."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.split.splitter import Splitter, paragraph_spans, split_text

ALPHABET = st.sampled_from(
    [
        *"aAbBeEzZ áéÑñ ¿?¡!.…,;:-—–()[]«»“”‘’\"'0123456789\n\r\t\u2028\u0085\u00a0",
        *["Sr.", "EE. UU.", "U.S.", "a. m.", "p.m.", "No. 5", " . . . ", "...", "1.", "• ", "\n\n", "Mr."],
    ]
)
TEXT = st.lists(ALPHABET, max_size=80).map("".join)


def _nonspace(s: str) -> str:
    return re.sub(r"\s+", "", s)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.sampled_from(["es", "en"]))
def test_spans_cover_every_nonspace_character_in_order(text: str, lang: str) -> None:
    sentences = Splitter(lang).split(text)
    assert "".join(_nonspace(s.text) for s in sentences) == _nonspace(text)
    last_end = 0
    for i, s in enumerate(sentences):
        assert s.id == i
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last_end
        last_end = s.end


@settings(max_examples=200, deadline=None)
@given(TEXT, st.sampled_from(["es", "en"]))
def test_paragraphs_are_hard_boundaries(text: str, lang: str) -> None:
    paragraphs = paragraph_spans(text)
    for s in Splitter(lang).split(text):
        ps, pe = paragraphs[s.paragraph]
        assert ps <= s.start and s.end <= pe


def test_offsets_and_paragraph_numbers() -> None:
    text = "Primera oración. Segunda oración.\n\n  Otro párrafo aquí.\n"
    got = [(s.id, s.paragraph, s.start, s.end, s.text) for s in split_text(text, "es")]
    assert got == [
        (0, 0, 0, 16, "Primera oración."),
        (1, 0, 17, 33, "Segunda oración."),
        (2, 1, 37, 55, "Otro párrafo aquí."),
    ]


def test_crlf_and_blank_lines_with_spaces() -> None:
    text = "First one. Second one.\r\n \r\nThird one.\r\n"
    got = [(s.paragraph, s.text) for s in split_text(text, "en")]
    assert got == [(0, "First one."), (0, "Second one."), (1, "Third one.")]


def test_single_newline_is_whitespace() -> None:
    got = [s.text for s in split_text("The mayor of\nEl Paso spoke. Then he left.", "en")]
    assert got == ["The mayor of\nEl Paso spoke.", "Then he left."]


def test_quote_ids_follow_quotations() -> None:
    text = (
        "“The airport is open. Flights are normal,” the mayor said. He left.\n\n"
        "«No hay datos», dijo Pérez Cuéllar. Luego habló Sheinbaum: «Vamos a esperar».\n\n"
        "Former ‘El Chapo’ lawyers were there."
    )
    got = [(s.text, s.quote) for s in split_text(text, "en")]
    assert got == [
        ("“The airport is open.", 0),
        ("Flights are normal,” the mayor said.", 0),
        ("He left.", None),
        ("«No hay datos», dijo Pérez Cuéllar.", 1),
        ("Luego habló Sheinbaum: «Vamos a esperar».", 2),
        ("Former ‘El Chapo’ lawyers were there.", None),
    ]


def test_multi_paragraph_quote_keeps_one_id() -> None:
    text = (
        "“We have no data. We cannot speculate.\n\n"
        "“We will wait for official information,” the mayor added.\n\n"
        "Nothing else was said."
    )
    got = [(s.paragraph, s.quote) for s in split_text(text, "en")]
    assert got == [(0, 0), (0, 0), (1, 0), (2, None)]


def test_raya_dialogue_paragraph_is_a_quotation() -> None:
    text = "—No tenemos datos —dijo el alcalde—. Vamos a esperar.\n\nEl cabildo no respondió."
    got = [(s.text, s.quote) for s in split_text(text, "es")]
    assert got == [
        ("—No tenemos datos —dijo el alcalde—.", 0),
        ("Vamos a esperar.", 0),
        ("El cabildo no respondió.", None),
    ]


def test_long_line_without_punctuation_is_linear() -> None:
    text = "palabra " * 130_000  # ~1 MB on one line
    sentences = split_text(text, "es")
    assert len(sentences) == 1 and sentences[0].end == len(text.rstrip())


def test_long_line_with_many_sentences() -> None:
    text = "El Sr. López llegó a Cd. Juárez a las 5 p. m. del lunes. " * 18_000
    sentences = split_text(text, "es")
    assert len(sentences) == 18_000


def test_auto_detects_language() -> None:
    text = "El alcalde de Ciudad Juárez dijo que no hay datos. La presidenta habló en la mañanera."
    assert [s.text for s in split_text(text)] == [
        "El alcalde de Ciudad Juárez dijo que no hay datos.",
        "La presidenta habló en la mañanera.",
    ]
