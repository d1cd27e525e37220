"""Quote extraction and speaker attribution (Spanish and English), including `bilingual quotes`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bilingual.cli import cli
from bilingual.review.quotes import extract_quotes
from bilingual.split.splitter import Splitter

CASES = [
    # (lang, text, [(quoted words, speaker)])
    ("en", "“We are ready,” Mayor Renard Johnson said.", [("We are ready,", "Renard Johnson")]),
    ("en", "Johnson said: “We are ready.”", [("We are ready.", "Johnson")]),
    (
        "en",
        "“The bridge is open,” Almonte said. “Traffic is normal.”",
        [("The bridge is open, Traffic is normal.", "Almonte")],
    ),  # one quote split by its attribution
    (
        "en",
        "Juárez Mayor Cruz Pérez Cuéllar spoke on Tuesday. “We have no data,” he said.",
        [("We have no data,", "Cruz Pérez Cuéllar")],
    ),  # pronoun resolved to the person named before
    (
        "en",
        "Mexican President Claudia Sheinbaum spoke at the National Palace. "
        "Later, Mayor Renard Johnson arrived. “Nothing changes,” the president said.",
        [("Nothing changes,", "Claudia Sheinbaum")],
    ),  # a description picks the person introduced with that title
    ("en", "“It was a long night,” said El Paso resident Maria Gomez.", [("It was a long night,", "Maria Gomez")]),
    ("es", "«No hay datos», dijo la presidenta Claudia Sheinbaum.", [("No hay datos", "Claudia Sheinbaum")]),
    (
        "es",
        "El alcalde Cruz Pérez Cuéllar habló con la prensa. «Nadie nos avisó», afirmó.",
        [("Nadie nos avisó", "Cruz Pérez Cuéllar")],
    ),  # Spanish drops the subject: the person speaking before
    (
        "es",
        "«Vamos a esperar», dijo el jefe de la policía municipal, César Omar Muñoz Morales.",
        [("Vamos a esperar", "César Omar Muñoz Morales")],
    ),
    (
        "es",
        "—No tenemos datos —dijo el alcalde Cruz Pérez Cuéllar—. Vamos a esperar.",
        [("No tenemos datos Vamos a esperar.", "Cruz Pérez Cuéllar")],
    ),  # raya dialogue: the narrator's inciso is not part of the quote
    ("es", "—¿Y los drones? —preguntó una reportera.", [("¿Y los drones?", "una reportera")]),
    (
        "en",
        "Sheinbaum spoke Monday.\n\n“We will gather the information.\n\n“We will keep communicating,” she said.",
        [("We will gather the information. We will keep communicating,", "Sheinbaum")],
    ),  # a quote over two paragraphs (the first left open) is one quote
    ("en", "Former ‘El Chapo’ lawyers were there.", []),  # scare quotes are not quotations
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_quotes_and_speakers(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    got = [(q.text, q.speaker) for q in extract_quotes(Splitter(lang).analyze(text))]
    assert got == expected


def test_segments_point_into_the_text() -> None:
    text = "“The bridge is open,” Almonte said. “Traffic is normal.”"
    (quote,) = extract_quotes(Splitter("en").analyze(text))
    assert [text[a:b] for a, b in quote.segments] == ["The bridge is open,", "Traffic is normal."]
    assert quote.sentences == (0, 1)


def test_cli_quotes_jsonl(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "nota.txt"
    path.write_text("«No hay datos», dijo la presidenta Claudia Sheinbaum.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["quotes", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "id": 0,
        "speaker": "Claudia Sheinbaum",
        "text": "No hay datos",
        "segments": [[1, 13]],
        "sentences": [0],
        "paragraphs": [0],
    }


def test_word_lists_for_an_unsupported_language_raise_a_bilingual_error() -> None:
    from bilingual.errors import LanguageError
    from bilingual.review.quotes import lexicon

    with pytest.raises(LanguageError):
        lexicon("fr")


def test_role_resolution_prefers_the_person_introduced_with_the_role() -> None:
    text = (
        "El gobernador Luis Mendoza llegó temprano. Después habló la senadora Ana Ruiz.\n\n"
        "«No habrá cierre», dijo el gobernador. «Tampoco habrá aviso», añadió la senadora."
    )
    got = [q.speaker for q in extract_quotes(Splitter("es").analyze(text))]
    assert got == ["Luis Mendoza", "Ana Ruiz"]
