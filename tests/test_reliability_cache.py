"""Cache recovery only ever touches a damaged SQLite database of ours, and says so."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import cli
from bilingual.engines.base import Translation
from bilingual.engines.cache import CacheError, TranslationCache, default_cache_path

KEY = ("apertium", "1", "es", "en", "g")
ARTICLE = "El alcalde habló ayer. Dijo que no hay datos.\n"
needs_apertium = pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@needs_apertium
def test_cache_pointing_at_the_article_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("BILINGUAL_CACHE", str(article))
    code, out, err = run("translate", str(article), "--from", "es", "--engine", "apertium")
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {article} is not a bilingual translation cache") and err.count("\n") == 1
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


def test_sqlite_database_of_another_program_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE users (name TEXT)")
    db.close()
    before = other.read_bytes()
    with pytest.raises(CacheError, match="another program"):
        TranslationCache.open(other)
    assert other.read_bytes() == before


def test_missing_dir_with_trailing_slash_is_a_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILINGUAL_CACHE", str(tmp_path / "missing" / "dir") + "/")
    path = default_cache_path()
    assert path == tmp_path / "missing" / "dir" / "translations.sqlite3"
    TranslationCache.open().close()
    assert (tmp_path / "missing" / "dir").is_dir()


def test_damaged_pages_are_reported_through_warn(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with TranslationCache.open(path) as cache:
        cache.put_many(*KEY, {f"Frase {i} " + "x" * 200: Translation("y" * 200) for i in range(2000)})
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    middle = slice(4096 * (pages // 3), 4096 * (2 * pages // 3))
    data[middle] = b"\xa5" * (middle.stop - middle.start)
    path.write_bytes(bytes(data))
    warnings: list[str] = []
    with TranslationCache.open(path, warn=warnings.append) as cache:
        cache.get_many(*KEY, [f"Frase {i} " + "x" * 200 for i in range(2000)])
        cache.put_many(*KEY, {"Hola.": Translation("Hello.")})
    assert len(warnings) == 1 and "corrupt" in warnings[0]
    assert (tmp_path / "cache.sqlite3.corrupt").exists()
