"""Tests for the SQLite translation cache: keys, concurrency, corruption recovery, location."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
import pytest

from bilingual.engines.base import Translation
from bilingual.engines.cache import (
    ENV_VAR,
    FILENAME,
    CacheError,
    NullCache,
    TranslationCache,
    cache_key,
    default_cache_path,
)

if TYPE_CHECKING:
    from multiprocessing.synchronize import Barrier

KEY = ("apertium", "apertium-eng-spa 0.8.1", "es", "en", "")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[TranslationCache]:
    """A fresh cache in a temporary directory, closed after the test."""
    with TranslationCache.open(tmp_path / "cache.sqlite3") as opened:
        yield opened


def test_round_trip_keeps_text_flags_and_unknown_words(cache: TranslationCache) -> None:
    """What goes in comes back equal, including flags, unknown words and non-ASCII text."""
    items = {
        "El alcalde habló.": Translation("The mayor spoke."),
        "El zorblaxiano llegó.": Translation("The zorblaxiano arrived.", unknown_words=("zorblaxiano",)),
        "ja ja ja ja": Translation("ha ha ha ha ha ha", flags=("degenerate",)),
        "Ñandú «cita» 🚀": Translation("Rhea “quote” 🚀"),
    }
    cache.put_many(*KEY, items)
    assert cache.get_many(*KEY, list(items)) == items


def test_miss_then_hit(cache: TranslationCache) -> None:
    """Only stored sentences are returned; the rest are absent, not None."""
    assert cache.get_many(*KEY, ["Hola.", "Adiós."]) == {}
    cache.put_many(*KEY, {"Hola.": Translation("Hello.")})
    assert cache.get_many(*KEY, ["Hola.", "Adiós.", "Hola."]) == {"Hola.": Translation("Hello.")}


@pytest.mark.parametrize(
    "other",
    [
        ("argos", "apertium-eng-spa 0.8.1", "es", "en", ""),
        ("apertium", "apertium-eng-spa 0.9.0", "es", "en", ""),
        ("apertium", "apertium-eng-spa 0.8.1", "en", "es", ""),
        ("apertium", "apertium-eng-spa 0.8.1", "es", "en", "glossary-sha256-abc"),
    ],
    ids=["engine", "model", "pair", "glossary"],
)
def test_any_key_field_change_is_a_miss(cache: TranslationCache, other: tuple[str, ...]) -> None:
    """A different engine, model version, pair or glossary never reuses a translation."""
    cache.put_many(*KEY, {"Hola.": Translation("Hello.")})
    assert cache.get_many(*other, ["Hola."]) == {}
    assert cache.get_many(*KEY, ["Hola."]) == {"Hola.": Translation("Hello.")}


def test_put_replaces_and_persists_across_reopen(tmp_path: Path) -> None:
    """A later put wins, and the data survives closing and reopening the file."""
    path = tmp_path / "cache.sqlite3"
    with TranslationCache.open(path) as first:
        first.put_many(*KEY, {"Hola.": Translation("Hi.")})
        first.put_many(*KEY, {"Hola.": Translation("Hello.")})
    with TranslationCache.open(path) as second:
        assert second.get_many(*KEY, ["Hola."]) == {"Hola.": Translation("Hello.")}
        assert second.warning is None
        journal = second._db().execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "wal"


def test_long_sentences_are_hashed_into_a_fixed_size_key(cache: TranslationCache) -> None:
    """The key is a 32-byte digest whatever the sentence length; long sentences still round-trip."""
    long_sentence = "palabra " * 5000
    cache.put_many(*KEY, {long_sentence: Translation("word " * 5000)})
    assert cache.get_many(*KEY, [long_sentence]) == {long_sentence: Translation("word " * 5000)}
    assert len(cache_key(*KEY, long_sentence)) == 32
    lengths = {row[0] for row in cache._db().execute("SELECT length(key) FROM translations")}
    assert lengths == {32}


def test_many_sentences_in_one_call(cache: TranslationCache) -> None:
    """Lookups larger than one SQL parameter chunk still find every row."""
    items = {f"Frase {i}.": Translation(f"Sentence {i}.") for i in range(2345)}
    cache.put_many(*KEY, items)
    assert cache.get_many(*KEY, list(items)) == items


def _writer(path: str, worker: int, count: int, barrier: Barrier) -> None:
    """Child process: write ``count`` rows one transaction at a time (maximum lock contention)."""
    with TranslationCache.open(Path(path)) as cache:
        barrier.wait()
        for i in range(count):
            sentence = f"w{worker} s{i}"
            cache.put_many(*KEY, {sentence: Translation(f"t{worker} {i}", unknown_words=(str(i),))})
            if i % 50 == 0:
                cache.get_many(*KEY, [sentence])


def test_two_processes_write_concurrently(tmp_path: Path) -> None:
    """Two processes doing 500 single-row writes each at once: no error, all 1000 rows present."""
    path = tmp_path / "shared.sqlite3"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [context.Process(target=_writer, args=(str(path), w, 500, barrier)) for w in range(2)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [process.exitcode for process in workers] == [0, 0]
    with TranslationCache.open(path) as cache:
        for worker in range(2):
            sentences = [f"w{worker} s{i}" for i in range(500)]
            found = cache.get_many(*KEY, sentences)
            assert len(found) == 500
            assert found["w1 s499" if worker else "w0 s7"].unknown_words == (("499",) if worker else ("7",))


@pytest.mark.parametrize("garbage", [b"SQLite format 3\x00" + os.urandom(8192), b"SQLite format 3\x00" + b"\xff" * 200])
def test_corrupt_file_is_moved_aside(tmp_path: Path, garbage: bytes) -> None:
    """Garbage in the cache file → moved to ``*.corrupt``, fresh cache, warning for the CLI."""
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(garbage)
    with TranslationCache.open(path) as cache:
        assert cache.warning is not None
        assert "corrupt" in cache.warning
        assert cache.get_many(*KEY, ["Hola."]) == {}
        cache.put_many(*KEY, {"Hola.": Translation("Hello.")})
        assert cache.get_many(*KEY, ["Hola."]) == {"Hola.": Translation("Hello.")}
    assert (tmp_path / "cache.sqlite3.corrupt").read_bytes() == garbage
    with TranslationCache.open(path) as again:
        assert again.warning is None
        assert again.get_many(*KEY, ["Hola."]) == {"Hola.": Translation("Hello.")}


def test_second_corruption_does_not_overwrite_the_first(tmp_path: Path) -> None:
    """An existing ``*.corrupt`` file is kept; the next one gets a numbered name."""
    path = tmp_path / "cache.sqlite3"
    for garbage in (b"SQLite format 3\x00first" * 100, b"SQLite format 3\x00second" * 100):
        path.write_bytes(garbage)
        TranslationCache.open(path).close()
    assert (tmp_path / "cache.sqlite3.corrupt").read_bytes() == b"SQLite format 3\x00first" * 100
    assert (tmp_path / "cache.sqlite3.corrupt.1").read_bytes() == b"SQLite format 3\x00second" * 100


def test_corruption_found_while_reading_is_recovered(tmp_path: Path) -> None:
    """Damage deep in the file (found only by a query) also recovers instead of crashing."""
    path = tmp_path / "cache.sqlite3"
    with TranslationCache.open(path) as cache:
        cache.put_many(*KEY, {f"Frase {i} " + "x" * 200: Translation("y" * 200) for i in range(2000)})
        cache._db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    middle = slice(4096 * (pages // 3), 4096 * (2 * pages // 3))
    data[middle] = b"\xa5" * (middle.stop - middle.start)  # schema and root pages intact, leaves wrecked
    path.write_bytes(bytes(data))
    with TranslationCache.open(path) as cache:
        assert cache.warning is None  # the damage is not visible when opening
        assert cache.get_many(*KEY, [f"Frase {i} " + "x" * 200 for i in range(2000)]) == {}
        cache.put_many(*KEY, {"Hola.": Translation("Hello.")})
        assert cache.warning is not None
        assert cache.get_many(*KEY, ["Hola."]) == {"Hola.": Translation("Hello.")}


def test_env_var_overrides_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``$BILINGUAL_CACHE`` names the file (or a directory to put it in)."""
    target = tmp_path / "sub" / "mine.sqlite3"
    monkeypatch.setenv(ENV_VAR, str(target))
    assert default_cache_path() == target
    with TranslationCache.open() as cache:
        assert cache.path == target
        cache.put_many(*KEY, {"Hola.": Translation("Hello.")})
    assert target.is_file()
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert default_cache_path() == tmp_path / FILENAME


@pytest.mark.parametrize("value", ["off", "OFF", "0", "no", "false", "none"])
def test_env_var_off_disables_the_cache(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """``BILINGUAL_CACHE=off`` gives a NullCache."""
    monkeypatch.setenv(ENV_VAR, value)
    assert default_cache_path() is None
    assert isinstance(TranslationCache.open(), NullCache)


@pytest.mark.parametrize("value", [None, "", "  "])
def test_default_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    """Unset or empty → ``user_cache_dir("bilingual")/translations.sqlite3``."""
    if value is None:
        monkeypatch.delenv(ENV_VAR, raising=False)
    else:
        monkeypatch.setenv(ENV_VAR, value)
    expected = Path(platformdirs.user_cache_dir("bilingual")) / FILENAME
    assert default_cache_path() == expected


def test_null_cache_stores_nothing() -> None:
    """The ``--no-cache`` stand-in has the same API and always misses."""
    with NullCache() as cache:
        assert isinstance(cache, TranslationCache)
        cache.put_many(*KEY, {"Hola.": Translation("Hello.")})
        assert cache.get_many(*KEY, ["Hola."]) == {}
        assert cache.warning is None
    cache.close()


def test_unwritable_location_is_a_cache_error(tmp_path: Path) -> None:
    """A cache path that cannot be created is reported with a hint, not a traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(CacheError) as info:
        TranslationCache.open(blocker / "cache.sqlite3")
    assert "--no-cache" in (info.value.hint or "")


def test_closed_cache_raises_cache_error(tmp_path: Path) -> None:
    """Using a closed cache is a clear error; closing twice is fine."""
    cache = TranslationCache.open(tmp_path / "c.sqlite3")
    cache.close()
    cache.close()
    with pytest.raises(CacheError, match="closed"):
        cache.get_many(*KEY, ["Hola."])


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    """A cache written by a newer bilingual is not silently misread."""
    path = tmp_path / "c.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(CacheError, match="newer"):
        TranslationCache.open(path)
