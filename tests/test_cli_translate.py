"""`bilingual translate` and `bilingual models` from the user's side, with both real engines.

argos runs the tiny copy model built by tests/argos_fixture.py (so every "translation" must
equal its source); Apertium runs Debian's apertium-eng-spa on real sentences.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import needs_apertium, run

from bilingual.engines.base import Translation
from bilingual.engines.cache import TranslationCache
from bilingual.formats import read
from bilingual.translate.document import translate_sentences

ARTICLE = (
    "CD. JUÁREZ, Chih. — El alcalde Cruz Pérez Cuéllar dijo que no hay datos sobre drones.\n"
    "\n"
    "«Vamos a esperar información oficial. No podemos especular», afirmó el alcalde.\n"
    "La Guardia Nacional vigila el aeropuerto desde las 9 a. m.\n"
)
SENTENCES = [
    "CD. JUÁREZ, Chih. — El alcalde Cruz Pérez Cuéllar dijo que no hay datos sobre drones.",
    "«Vamos a esperar información oficial.",
    "No podemos especular», afirmó el alcalde.",
    "La Guardia Nacional vigila el aeropuerto desde las 9 a. m.",
]


pytestmark = pytest.mark.usefixtures("argos_isolated")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "nota.es.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def install(model: Path) -> None:
    code, out, err = run("models", "install", str(model))
    assert (code, err) == (0, ""), err
    assert out.startswith("Installed translate-es_en 0.0.1 (es→en) in ")


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "tmx", "md"])
def test_argos_copy_model_round_trips_every_format(copy_model: Path, article: Path, tmp_path: Path, fmt: str) -> None:
    install(copy_model)
    out = tmp_path / f"out.{fmt}"
    code, stdout, err = run(
        "translate", str(article), "--from", "es", "--to", "en", "--engine", "argos", "--no-glossary", "-o", str(out)
    )
    assert (code, stdout, err) == (0, "", "")
    doc = read(io.StringIO(out.read_text(encoding="utf-8")), str(out))
    assert [p.source for p in doc.pairs] == SENTENCES
    assert [p.target for p in doc.pairs] == SENTENCES  # the copy model gives every sentence back
    assert [p.id for p in doc.pairs] == [0, 1, 2, 3]
    assert (doc.source_lang, doc.target_lang) == ("es", "en")
    assert doc.signature["engine"] == "argos"
    assert doc.signature["model"] == "translate-es_en-0.0.1"
    assert doc.signature["tool"].startswith("bilingual-")
    assert doc.signature["splitter"] == "news-1"


def test_jsonl_keeps_offsets_paragraphs_and_quotes(copy_model: Path, article: Path) -> None:
    install(copy_model)
    code, out, _ = run("translate", str(article), "--engine", "argos", "--format", "jsonl", "--no-glossary")
    assert code == 0
    lines = out.split("\n")
    header = json.loads(lines[0])
    assert header["bilingual"] == "translation" and header["signature"]["engine"] == "argos"
    rows = [json.loads(line) for line in lines[1:] if line]
    assert [(r["paragraph"], r["quote"]) for r in rows] == [(0, None), (1, 0), (1, 0), (1, None)]
    for r in rows:
        assert ARTICLE[r["start"] : r["end"]] == r["source"]


def test_auto_prefers_argos_when_a_model_is_installed(copy_model: Path, article: Path) -> None:
    install(copy_model)
    code, out, _ = run("translate", str(article))
    assert code == 0
    assert out.split("\n")[0].startswith("# bilingual translation es->en tool:bilingual-")
    assert "|engine:argos|model:translate-es_en-0.0.1|" in out.split("\n")[0]


def test_glossary_file_terms_are_enforced_and_signed(copy_model: Path, article: Path, tmp_path: Path) -> None:
    install(copy_model)
    gloss = tmp_path / "mine.tsv"
    gloss.write_text("es\ten\ttype\tnote\nGuardia Nacional\tNational Guard\tagency\t\n", encoding="utf-8")
    code, out, _ = run(
        "translate", str(article), "--engine", "argos", "--no-shipped-glossaries", "--glossary-file", str(gloss)
    )
    assert code == 0
    lines = out.split("\n")
    assert "|glossary:1-entries-" in lines[0]
    assert lines[5].split("\t")[2] == "La National Guard vigila el aeropuerto desde las 9 a. m."  # copy model


@needs_apertium
def test_apertium_translates_real_sentences(article: Path) -> None:
    code, out, err = run("translate", str(article), "--from", "es", "--to", "en", "--engine", "apertium")
    assert (code, err) == (0, "")
    lines = out.split("\n")
    assert lines[0].startswith("# bilingual translation es->en tool:bilingual-")
    assert "|engine:apertium|model:apertium-eng-spa-" in lines[0]
    assert lines[1] == "id\tes\ten"
    rows = [line.split("\t") for line in lines[2:] if line]
    assert [r[0] for r in rows] == ["0", "1", "2", "3"]
    assert [r[1] for r in rows] == SENTENCES
    assert "mayor" in rows[0][2] and "drones" in rows[0][2]
    assert "National Guard" in rows[3][2] and "airport" in rows[3][2]


@needs_apertium
def test_apertium_english_to_spanish_from_stdin() -> None:
    text = "The mayor said there is no information about the drones. The airport is open.\n"
    code, out, _ = run("translate", "-", "--from", "en", "--to", "es", "--engine", "apertium", input=text)
    assert code == 0
    rows = [line.split("\t") for line in out.split("\n")[2:] if line]
    assert len(rows) == 2
    assert "alcalde" in rows[0][2] and "aeropuerto" in rows[1][2]


@needs_apertium
def test_from_auto_detects_and_picks_the_other_language(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text("The mayor of El Paso spoke to reporters on Tuesday.\n", encoding="utf-8")
    code, out, _ = run("translate", str(path), "--engine", "apertium")
    assert code == 0
    assert out.split("\n")[0].startswith("# bilingual translation en->es ")


def test_no_engine_names_both_install_routes(article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    code, out, err = run("translate", str(article), "--from", "es", "--to", "en")
    assert (code, out) == (1, "")
    assert err == (
        "Error: no translation engine for es→en; install an argos model with "
        "`bilingual models install FILE.argosmodel` (or `bilingual models install --from es --to en` when "
        "online), or Apertium with `sudo apt-get install apertium apertium-eng-spa`\n"
    )


def test_argos_requested_but_missing(article: Path) -> None:
    code, _, err = run("translate", str(article), "--engine", "argos")
    assert code == 1
    assert err.startswith("Error: no argos model for es→en is installed; install an argos model with ")


def test_same_language_is_refused(article: Path) -> None:
    code, _, err = run("translate", str(article), "--from", "es", "--to", "es")
    assert code == 1
    assert err == "Error: source and target language are both 'es'; give different --from and --to\n"


def test_empty_input_leaves_no_output_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    code, _, err = run("translate", str(empty), "--from", "es", "-o", str(out))
    assert code == 1 and err == f"Error: {empty}: input is empty; give a file with some text in it\n"
    assert not out.exists()


def test_unknown_output_extension(article: Path, tmp_path: Path) -> None:
    code, _, err = run("translate", str(article), "-o", str(tmp_path / "out.docx"))
    assert code == 2 and err.startswith("Error: ") and "tsv, jsonl, tmx" in err and "text, html" in err


def test_corrupt_model_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "broken.argosmodel"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    code, out, err = run("models", "install", str(bad))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {bad}: not a valid .argosmodel") and err.count("\n") == 1


def test_install_needs_a_file_or_a_pair() -> None:
    code, _, err = run("models", "install")
    assert code == 2
    assert err == (
        "Error: give a .argosmodel FILE, or --from and --to to download one (see 'bilingual models install --help')\n"
    )


def test_models_list_skips_broken_package_dirs(copy_model: Path, tmp_path: Path) -> None:
    install(copy_model)
    (tmp_path / "argos" / "half-copied-package").mkdir()
    code, out, err = run("models", "list")
    assert code == 0
    lines = out.split("\n")
    assert lines[0].split() == ["pair", "engine", "model", "size", "path"]
    assert lines[1].split()[:4] == ["es-en", "argos", "translate-es_en", "0.0.1"]
    assert "half-copied-package" in err and err.startswith("Warning: ")


class CountingEngine:
    """A fake engine that upper-cases and counts calls, to observe the cache."""

    name = "counting"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def model_version(self, source_lang: str, target_lang: str) -> str:
        return "v1"

    def translate_batch(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[Translation]:
        self.calls.append(list(sentences))
        return [Translation(s.upper()) for s in sentences]


def test_cache_serves_repeated_and_known_sentences(tmp_path: Path) -> None:
    engine = CountingEngine()
    with TranslationCache.open(tmp_path / "c.sqlite3") as cache:
        first = translate_sentences(engine, ["a", "b", "a"], "es", "en", cache=cache)
        second = translate_sentences(engine, ["b", "c", "a"], "es", "en", cache=cache)
    assert [t.text for t in first] == ["A", "B", "A"]
    assert [t.text for t in second] == ["B", "C", "A"]
    assert engine.calls == [["a", "b"], ["c"]]  # one engine call per document, only for new sentences
