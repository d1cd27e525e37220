"""Tests for the Apertium engine: real translations when apertium is installed, fakes otherwise."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from conftest import needs_apertium

from bilingual.engines.apertium import ApertiumEngine
from bilingual.engines.base import Engine, Translation
from bilingual.errors import EngineError

SPECIAL = "[]\\^$/<>@*#{}"

ES_NEWS = [
    (
        "El alcalde de Ciudad Juárez dijo que no hay información sobre los drones.",
        ["mayor", "said", "drones"],
    ),
    (
        "La policía municipal detuvo a dos hombres cerca del puente internacional.",
        ["police", "two", "bridge"],
    ),
    ("El gobernador anunció un nuevo hospital para la ciudad.", ["governor", "hospital", "city"]),
    ("Las lluvias de ayer causaron inundaciones en varias colonias.", ["yesterday", "floods"]),
]
EN_NEWS = [
    ("The mayor of El Paso said the bridge will reopen on Monday.", ["alcalde", "puente", "lunes"]),
    ("The governor announced a new hospital for the city.", ["gobernador", "hospital", "ciudad"]),
    ("The school board approved the budget.", ["presupuesto"]),
]


@pytest.fixture(scope="module")
def engine() -> ApertiumEngine:
    """One engine for the module, so the mode list is read once."""
    return ApertiumEngine()


def fake_apertium(tmp_path: Path, body: str) -> str:
    """Write an executable stand-in for ``apertium`` that lists spa-eng and runs ``body``."""
    script = tmp_path / "apertium"
    script.write_text(
        '#!/bin/sh\nif [ "$1" = "-l" ]; then echo "  spa-eng"; echo "  eng-spa"; exit 0; fi\n' + body + "\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return str(script)


def test_implements_engine_protocol() -> None:
    """The engine satisfies the shared Protocol and is named ``apertium``."""
    engine = ApertiumEngine()
    assert isinstance(engine, Engine)
    assert engine.name == "apertium"


@needs_apertium
def test_supports_and_model_version(engine: ApertiumEngine) -> None:
    """Both directions are supported; other pairs are not; the version names the package."""
    assert engine.supports("es", "en")
    assert engine.supports("en", "es")
    assert not engine.supports("es", "fr")
    version = engine.model_version("es", "en")
    assert version.startswith("apertium-eng-spa ")
    assert version != "apertium-eng-spa "


@needs_apertium
def test_spanish_to_english(engine: ApertiumEngine) -> None:
    """Real news sentences come out in English with the key words translated."""
    out = engine.translate_batch([s for s, _ in ES_NEWS], "es", "en")
    assert len(out) == len(ES_NEWS)
    for (_, keywords), translation in zip(ES_NEWS, out, strict=True):
        for keyword in keywords:
            assert keyword in translation.text.lower(), (keyword, translation.text)


@needs_apertium
def test_english_to_spanish(engine: ApertiumEngine) -> None:
    """Real news sentences come out in Spanish with the key words translated."""
    out = engine.translate_batch([s for s, _ in EN_NEWS], "en", "es")
    assert len(out) == len(EN_NEWS)
    for (_, keywords), translation in zip(EN_NEWS, out, strict=True):
        for keyword in keywords:
            assert keyword in translation.text.lower(), (keyword, translation.text)


@needs_apertium
def test_200_sentences_keep_count_and_order(engine: ApertiumEngine) -> None:
    """Each output carries its input's unique number, so a shift anywhere would show."""
    bases = [s for s, _ in ES_NEWS] + ["¿Qué pasó?", "¡Basta!", "Sí.", "Hoy llueve", "[Foto: archivo]"]
    sentences = [f"Nota {1000 + i}: {bases[i % len(bases)]}" for i in range(200)]
    out = engine.translate_batch(sentences, "es", "en")
    assert len(out) == 200
    for i, translation in enumerate(out):
        assert str(1000 + i) in translation.text, (i, translation.text)


@needs_apertium
def test_one_process_per_document(engine: ApertiumEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole batch is translated by a single apertium launch."""
    engine.supports("es", "en")  # discovery (apertium -l) happens once, before counting
    launches: list[list[str]] = []
    real_popen = subprocess.Popen

    class CountingPopen(real_popen):  # type: ignore[misc,valid-type]
        def __init__(self, args: list[str], *rest: object, **kwargs: object) -> None:
            launches.append(list(args))
            super().__init__(args, *rest, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(subprocess, "Popen", CountingPopen)
    out = engine.translate_batch([s for s, _ in ES_NEWS] * 10, "es", "en")
    assert len(out) == 40
    assert len(launches) == 1
    assert launches[0][-1] == "spa-eng"


@needs_apertium
def test_unknown_words_reported_without_marks(engine: ApertiumEngine) -> None:
    """An invented word is listed as unknown and the ``*`` mark is gone from the text."""
    out = engine.translate_batch(["El zorblaxiano llegó ayer.", "El alcalde llegó ayer."], "es", "en")
    assert out[0].unknown_words == ("zorblaxiano",)
    assert "zorblaxiano" in out[0].text
    assert "*" not in out[0].text
    assert out[1].unknown_words == ()
    en = engine.translate_batch(["The zorblaxian council met today."], "en", "es")[0]
    assert "zorblaxian" in en.unknown_words
    assert "*" not in en.text


@needs_apertium
def test_literal_mark_characters_are_not_marks(engine: ApertiumEngine) -> None:
    """Source ``*``, ``#`` and ``@`` in front of known words stay and produce no unknowns."""
    out = engine.translate_batch(["Escriba *ayuda* o #ayuda al @alcalde.", "Precio: 5 * 3 # 2 @ 1"], "es", "en")
    assert out[0].unknown_words == ()
    assert "*help*" in out[0].text
    assert "#help" in out[0].text
    assert "@mayor" in out[0].text
    assert out[1].unknown_words == ()
    for char in "*#@":
        assert out[1].text.count(char) == 1


@needs_apertium
@pytest.mark.parametrize("char", list(SPECIAL))
def test_special_character_survives(engine: ApertiumEngine, char: str) -> None:
    """Characters apertium's stream format uses come back intact, alone or next to words."""
    sentences = [f"El alcalde dijo {char} hoy.", f"a{char}b", char, f"Fin {char}"]
    out = engine.translate_batch(sentences, "es", "en")
    assert len(out) == len(sentences)
    for source, translation in zip(sentences, out, strict=True):
        assert translation.text.count(char) == source.count(char), (source, translation.text)


@needs_apertium
def test_all_special_characters_in_one_sentence(engine: ApertiumEngine) -> None:
    """Every special character together still round-trips, and alignment holds around it."""
    sentence = "Ver [nota] en a\\b ^x$ <b> {c} / @d *e #f al alcalde."
    out = engine.translate_batch(["Hola.", sentence, "Adiós."], "es", "en")
    assert len(out) == 3
    for char in SPECIAL:
        assert out[1].text.count(char) == sentence.count(char), (char, out[1].text)
    assert "Hello" in out[0].text
    assert "mayor" in out[1].text


@needs_apertium
def test_empty_inputs(engine: ApertiumEngine) -> None:
    """No sentences → no call; empty or blank sentences → empty translations in place."""
    assert engine.translate_batch([], "es", "en") == []
    out = engine.translate_batch(["", "Hola.", "  \n ", "Adiós.", ""], "es", "en")
    assert [t.text == "" for t in out] == [True, False, True, False, True]
    assert out[2] == Translation("")


@needs_apertium
def test_newlines_inside_a_sentence_do_not_split_it(engine: ApertiumEngine) -> None:
    """A sentence wrapped over lines (any line-break character) is still one sentence."""
    sentences = ["El alcalde\ndijo que\r\nsí.", "La policía\u2028llegó.", "Hola."]
    out = engine.translate_batch(sentences, "es", "en")
    assert len(out) == 3
    assert "mayor" in out[0].text
    assert "\n" not in out[0].text
    assert "police" in out[1].text.lower()
    assert "Hello" in out[2].text


@needs_apertium
def test_sentences_that_translate_to_nothing_keep_alignment(engine: ApertiumEngine) -> None:
    """Apertium drops a lone ``¿``; the neighbours must not shift."""
    out = engine.translate_batch(["¿", "Hola.", "¡"], "es", "en")
    assert len(out) == 3
    assert "Hello" in out[1].text


def test_missing_binary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without apertium on PATH the engine says so and how to install it."""
    monkeypatch.setenv("PATH", str(tmp_path))
    engine = ApertiumEngine()
    assert not engine.supports("es", "en")
    with pytest.raises(EngineError) as info:
        engine.translate_batch(["Hola."], "es", "en")
    assert info.value.message == "apertium is not installed"
    assert info.value.hint == "install it: sudo apt-get install apertium apertium-eng-spa"


@needs_apertium
def test_missing_mode_names_the_package(tmp_path: Path) -> None:
    """A data directory without the eng-spa modes gives an error naming the package."""
    (tmp_path / "modes").mkdir()
    engine = ApertiumEngine(datadir=tmp_path)
    assert not engine.supports("es", "en")
    with pytest.raises(EngineError, match="apertium-eng-spa"):
        engine.translate_batch(["Hola."], "es", "en")


def test_unsupported_pair() -> None:
    """Pairs other than es↔en are refused without running anything."""
    engine = ApertiumEngine()
    assert not engine.supports("es", "fr")
    with pytest.raises(EngineError, match="es→fr"):
        engine.translate_batch(["Hola."], "es", "fr")


def test_process_failure_reports_stderr(tmp_path: Path) -> None:
    """A failing apertium run is reported with the first line of its stderr."""
    binary = fake_apertium(tmp_path, 'echo "Error: the tagger broke" >&2; echo "second line" >&2; exit 3')
    with pytest.raises(EngineError) as info:
        ApertiumEngine(binary).translate_batch(["Hola."], "es", "en")
    assert "Error: the tagger broke" in info.value.message
    assert "second line" not in info.value.message
    assert "exit status 3" in info.value.message


def test_timeout_kills_the_pipeline(tmp_path: Path) -> None:
    """A hung pipeline is killed after the timeout instead of blocking forever."""
    binary = fake_apertium(tmp_path, "cat >/dev/null; sleep 30 | cat")
    engine = ApertiumEngine(binary, timeout=0.5, timeout_per_char=0.0)
    start = time.monotonic()
    with pytest.raises(EngineError, match="timed out"):
        engine.translate_batch(["Hola."], "es", "en")
    assert time.monotonic() - start < 10


def test_segment_count_mismatch_is_an_error(tmp_path: Path) -> None:
    """If the output cannot be split back into one segment per sentence, nothing is guessed."""
    binary = fake_apertium(tmp_path, "cat >/dev/null; echo 'Only one line'")
    with pytest.raises(EngineError, match="returned 1 segments for 2 sentences"):
        ApertiumEngine(binary).translate_batch(["Hola.", "Adiós."], "es", "en")


def test_all_mark_kinds_are_stripped(tmp_path: Path) -> None:
    """``*`` (unknown), ``#`` (generation) and ``@`` (transfer) marks all become unknown words."""
    binary = fake_apertium(tmp_path, "cat >/dev/null; printf '*zorb #went @blorf, *zorb.\\n\\nok\\n'")
    out = ApertiumEngine(binary).translate_batch(["uno", "dos"], "es", "en")
    assert out == [
        Translation("zorb went blorf, zorb.", unknown_words=("zorb", "went", "blorf")),
        Translation("ok"),
    ]
