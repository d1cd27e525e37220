"""The cache keeps each translation's source sentence, so it can be exported (``bilingual cache
export``); a schema-1 cache is upgraded in place, its old rows kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import run

from bilingual.engines.base import Translation
from bilingual.engines.cache import TranslationCache


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache.sqlite3"
    monkeypatch.setenv("BILINGUAL_CACHE", str(path))
    with TranslationCache.open(path) as cache:
        cache.put_many("apertium", "apertium-eng-spa 0.8.1", "es", "en", "none", {
            "Nadie nos avisó.": Translation("Nobody warned us."),
            "El puente siguió abierto.": Translation("The bridge stayed open."),
        })  # fmt: skip
        cache.put_many("apertium", "apertium-eng-spa 0.8.1", "es", "en", "abc123", {
            "Llegó a XQZ1.": Translation("It arrived in XQZ1."),
        })  # fmt: skip
        cache.put_many("apertium", "apertium-eng-spa 0.8.1", "en", "es", "none", {
            "The mayor spoke.": Translation("El alcalde habló."),
        })  # fmt: skip
    return path


def test_entries_keep_the_source_sentence(cache_file: Path) -> None:
    with TranslationCache.open(cache_file) as cache:
        entries = list(cache.entries("es", "en"))
    assert [(e.source, e.text, e.engine) for e in entries if e.glossary == "none"] == [
        ("El puente siguió abierto.", "The bridge stayed open.", "apertium"),
        ("Nadie nos avisó.", "Nobody warned us.", "apertium"),
    ]


def test_cache_export_writes_one_pair_as_tsv(cache_file: Path) -> None:
    code, out, err = run("cache", "export", "--from", "es", "--format", "tsv")
    assert (code, err) == (0, "")
    rows = out.split("\n")
    assert rows[0].startswith("# bilingual translation es->en ") and "cache:2-entries" in rows[0]
    assert rows[2:4] == [
        "0\tEl puente siguió abierto.\tThe bridge stayed open.\tmt",
        "1\tNadie nos avisó.\tNobody warned us.\tmt",
    ]
    assert "XQZ1" not in out  # glossary-protected sentences are cached with placeholders: left out


def test_cache_export_refuses_to_overwrite_the_cache(cache_file: Path) -> None:
    code, _, err = run("cache", "export", "--format", "tmx", "-o", str(cache_file))
    assert code == 1 and err.startswith("Error: ")
    with TranslationCache.open(cache_file) as cache:
        assert len(list(cache.entries())) == 4


def test_a_schema_1_cache_is_upgraded_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE translations (key BLOB PRIMARY KEY, engine TEXT NOT NULL, model_version TEXT NOT NULL,"
        " text TEXT NOT NULL, flags TEXT NOT NULL, unknown_words TEXT NOT NULL, created REAL NOT NULL) WITHOUT ROWID"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with TranslationCache.open(path) as cache:
        cache.put_many("apertium", "v", "es", "en", "none", {"Hola.": Translation("Hello.")})
        assert [e.source for e in cache.entries()] == ["Hola."]
        assert cache.get_many("apertium", "v", "es", "en", "none", ["Hola."]) == {"Hola.": Translation("Hello.")}
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 2
