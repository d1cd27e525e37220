"""The translation memory store: one SQLite file of approved sentence translations.

Unlike the translation cache (engine output keyed by a hash), every row here is readable: the
language pair, the source sentence, its approved translation, the file it came from and when.
A sentence is matched exactly, after whitespace is collapsed and Unicode normalised (NFC), so a
re-wrapped paragraph still finds its sentences; case and punctuation count.

Location: ``$BILINGUAL_TM`` if set (a file, or a directory to put ``memory.sqlite3`` in), else
``platformdirs.user_data_dir("bilingual")/memory.sqlite3`` (data, not cache: it is the
newsroom's own work and is never deleted or rebuilt by the tool). WAL journaling and a busy
timeout let several runs share it.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs

from bilingual.errors import BilingualError

ENV_VAR = "BILINGUAL_TM"
FILENAME = "memory.sqlite3"
_SCHEMA_VERSION = 1
_CHUNK = 500
_SPACE = re.compile(r"\s+")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    key TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL,
    updated REAL NOT NULL,
    UNIQUE (source_lang, target_lang, key)
)
"""


class TMError(BilingualError):
    """The translation memory cannot be opened, read or written."""


def default_tm_path() -> Path:
    """Where the translation memory lives: ``$BILINGUAL_TM`` or the platform data dir."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        path = Path(value).expanduser()
        return path / FILENAME if path.is_dir() else path
    return Path(platformdirs.user_data_dir("bilingual")) / FILENAME


def match_key(sentence: str) -> str:
    """What an exact match compares: the sentence in NFC with runs of whitespace as one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", sentence)).strip()


@dataclass(frozen=True)
class TMEntry:
    """One approved translation."""

    id: int
    source_lang: str
    target_lang: str
    source: str
    target: str
    origin: str
    updated: float


@dataclass(frozen=True)
class TMStats:
    """What ``tm stats`` shows: the file, its size, entries per pair and per origin file."""

    path: str
    size: int
    pairs: dict[str, int]
    origins: dict[str, int]
    updated: float | None

    @property
    def entries(self) -> int:
        """All entries, every pair."""
        return sum(self.pairs.values())


@dataclass(frozen=True)
class Added:
    """What :meth:`TranslationMemory.add` did: new entries, changed ones, identical ones."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


class TranslationMemory:
    """A translation memory file, opened for reading and writing."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def open(cls, path: Path | None = None, *, create: bool = False) -> TranslationMemory | None:
        """Open the memory at ``path`` (default :func:`default_tm_path`); ``None`` if it does
        not exist and ``create`` is false (translating with no memory yet is normal)."""
        path = path if path is not None else default_tm_path()
        if not path.exists() and not create:
            return None
        if path.is_dir():
            raise TMError(f"{path}: is a directory", f"point ${ENV_VAR} or --tm at a file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(str(path), timeout=10.0, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > _SCHEMA_VERSION:
                raise TMError(
                    f"{path}: translation memory made by a newer bilingual (schema {version})", "upgrade bilingual"
                )
            connection.execute(_SCHEMA)
            connection.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise TMError(
                f"{path}: not a usable translation memory ({exc})",
                f"restore it from a backup or an export (`bilingual tm export`), or point ${ENV_VAR} elsewhere",
            ) from None
        except OSError as exc:
            raise TMError(f"{path}: cannot open ({exc.strerror})", "check the path and permissions") from None
        return cls(path, connection)

    @property
    def name(self) -> str:
        """The memory's name in signatures: its file name."""
        return self.path.name

    def _run(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as exc:
            raise TMError(f"{self.path}: {exc}", "check the file, or restore it from an export") from None

    def add(self, rows: Iterable[tuple[str, str]], source_lang: str, target_lang: str, origin: str) -> Added:
        """Store ``(source, target)`` rows as approved translations from ``origin`` (a file name).

        A source already in the memory with another translation is updated (the newest import
        wins); rows with an empty side are ignored by the caller, not here.
        """
        added = updated = unchanged = 0
        now = time.time()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for source, target in rows:
                key = match_key(source)
                found = self._db.execute(
                    "SELECT id, target FROM entries WHERE source_lang=? AND target_lang=? AND key=?",
                    (source_lang, target_lang, key),
                ).fetchone()
                if found is None:
                    self._db.execute(
                        "INSERT INTO entries (source_lang, target_lang, key, source, target, origin, updated) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (source_lang, target_lang, key, source, target, origin, now),
                    )
                    added += 1
                elif found[1] != target:
                    self._db.execute(
                        "UPDATE entries SET source=?, target=?, origin=?, updated=? WHERE id=?",
                        (source, target, origin, now, found[0]),
                    )
                    updated += 1
                else:
                    unchanged += 1
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise TMError(f"{self.path}: cannot write ({exc})", "check the file and its permissions") from None
        return Added(added, updated, unchanged)

    def lookup(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> dict[str, str]:
        """The approved translation of every sentence of ``sentences`` the memory holds (exact match)."""
        keys = {match_key(s): s for s in sentences}
        out: dict[str, str] = {}
        items = list(keys)
        for i in range(0, len(items), _CHUNK):
            chunk = items[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, target in self._run(
                f"SELECT key, target FROM entries WHERE source_lang=? AND target_lang=? AND key IN ({marks})",
                [source_lang, target_lang, *chunk],
            ):
                out[str(key)] = str(target)
        return {s: out[match_key(s)] for s in sentences if match_key(s) in out}

    def count(self, source_lang: str | None = None, target_lang: str | None = None) -> int:
        """Entries for the pair (all pairs when ``None``)."""
        if source_lang is None or target_lang is None:
            return int(self._run("SELECT COUNT(*) FROM entries")[0][0])
        row = self._run(
            "SELECT COUNT(*) FROM entries WHERE source_lang=? AND target_lang=?", (source_lang, target_lang)
        )
        return int(row[0][0])

    def entries(
        self,
        source_lang: str | None = None,
        target_lang: str | None = None,
        *,
        search: str | None = None,
        limit: int | None = None,
    ) -> list[TMEntry]:
        """Entries in import order, for one pair or all, optionally those whose source or target
        contains ``search`` (case-insensitive)."""
        sql = "SELECT id, source_lang, target_lang, source, target, origin, updated FROM entries WHERE 1=1"
        params: list[object] = []
        if source_lang is not None and target_lang is not None:
            sql += " AND source_lang=? AND target_lang=?"
            params += [source_lang, target_lang]
        if search:
            sql += " AND (instr(lower(source), lower(?)) > 0 OR instr(lower(target), lower(?)) > 0)"
            params += [search, search]
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [TMEntry(*row) for row in self._run(sql, params)]

    def stats(self) -> TMStats:
        """Counts per language pair and per origin file, the file size and the last change."""
        pairs = {
            f"{s}-{t}": int(n)
            for s, t, n in self._run(
                "SELECT source_lang, target_lang, COUNT(*) FROM entries GROUP BY 1, 2 ORDER BY 1, 2"
            )
        }
        origins = {
            str(o): int(n) for o, n in self._run("SELECT origin, COUNT(*) FROM entries GROUP BY 1 ORDER BY 2 DESC, 1")
        }
        updated = self._run("SELECT MAX(updated) FROM entries")[0][0]
        size = self.path.stat().st_size if self.path.exists() else 0
        return TMStats(str(self.path), size, pairs, origins, float(updated) if updated is not None else None)

    def signature_value(self, source_lang: str, target_lang: str) -> str:
        """``memory.sqlite3-1520-entries``: the memory's name and its entries for the pair."""
        return f"{self.name}-{self.count(source_lang, target_lang)}-entries"

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
