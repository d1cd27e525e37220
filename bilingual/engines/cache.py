"""A persistent SQLite cache of sentence translations, shared safely between processes.

Re-translating a document (or the same boilerplate across many documents) is then nearly
free. A row is keyed by everything that can change a translation: engine, model version,
language pair, glossary hash and the sentence itself. The key is stored as one SHA-256 digest
of those fields, so the index stays small however long the sentences are.

Two ``bilingual`` runs may share the cache: the database uses WAL journaling (readers never
block the writer), a busy timeout, and each :meth:`TranslationCache.put_many` is a single
transaction that is retried while another process holds the write lock. A corrupt cache file
(one that starts as an SQLite database; anything else is refused, never moved) is moved aside
to ``*.corrupt`` and a fresh cache started; :attr:`TranslationCache.warning` (and the ``warn``
channel) then says so, for the CLI to show.

Location: ``$BILINGUAL_CACHE`` if set (a file, or a directory to put ``translations.sqlite3``
in; ``off``/``0``/``no``/``false``/``none`` disables caching), else
``platformdirs.user_cache_dir("bilingual")/translations.sqlite3``. An empty variable counts as
unset, like the XDG variables.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

import platformdirs

from bilingual.engines.base import Translation
from bilingual.errors import BilingualError, Warn

ENV_VAR = "BILINGUAL_CACHE"
FILENAME = "translations.sqlite3"
_DISABLED_VALUES = frozenset({"off", "0", "no", "false", "none"})
_SCHEMA_VERSION = 2
_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUSY_TIMEOUT_MS = 10_000
_WRITE_ATTEMPTS = 8
_CHUNK = 500  # keys per SELECT … IN (…), well under SQLite's bound-parameter limit
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key BLOB PRIMARY KEY,
    engine TEXT NOT NULL,
    model_version TEXT NOT NULL,
    text TEXT NOT NULL,
    flags TEXT NOT NULL,
    unknown_words TEXT NOT NULL,
    created REAL NOT NULL,
    source_lang TEXT,
    target_lang TEXT,
    glossary TEXT,
    source TEXT
) WITHOUT ROWID
"""
_V2_COLUMNS = ("source_lang", "target_lang", "glossary", "source")
"""Added in schema 2 so the cache can be exported (rows of schema 1 have them NULL)."""
_NO_CACHE_HINT = f"set {ENV_VAR} to a writable file, or run with --no-cache"

_T = TypeVar("_T")


class CacheError(BilingualError):
    """The translation cache cannot be opened or written."""


@dataclass(frozen=True)
class CacheEntry:
    """One cached machine translation, as :meth:`TranslationCache.entries` exports it."""

    engine: str
    model_version: str
    source_lang: str
    target_lang: str
    glossary: str
    source: str
    text: str
    flags: tuple[str, ...]
    unknown_words: tuple[str, ...]
    created: float

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What :meth:`TranslationCache.put_many` takes before the items."""
        return (self.engine, self.model_version, self.source_lang, self.target_lang, self.glossary)

    @property
    def translation(self) -> Translation:
        """The cached translation."""
        return Translation(self.text, self.flags, self.unknown_words)


def default_cache_path() -> Path | None:
    """Where the cache lives: ``$BILINGUAL_CACHE`` or the platform cache dir; ``None`` if disabled."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value.lower() in _DISABLED_VALUES:
        return None
    if value:
        path = Path(value).expanduser()
        return path / FILENAME if path.is_dir() or value.endswith(("/", os.sep)) else path
    return Path(platformdirs.user_cache_dir("bilingual")) / FILENAME


def cache_key(
    engine: str, model_version: str, source_lang: str, target_lang: str, glossary_hash: str, sentence: str
) -> bytes:
    """SHA-256 of all the fields (JSON-encoded, so no two field tuples can collide by concatenation)."""
    fields = [engine, model_version, source_lang, target_lang, glossary_hash, sentence]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).digest()


def _is_locked(exc: sqlite3.Error) -> bool:
    """Whether an error is another connection holding a lock (worth retrying)."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _wait_if_locked(exc: sqlite3.Error, attempt: int) -> bool:
    """Whether to try again after ``exc`` ended try number ``attempt`` (having backed off first).

    Only a lock held by another connection is worth waiting for, and only while tries remain.
    """
    if _is_locked(exc) and attempt < _WRITE_ATTEMPTS - 1:
        time.sleep(0.05 * (attempt + 1))
        return True
    return False


def _is_corrupt(exc: sqlite3.Error) -> bool:
    """Whether an error means the file is not a usable SQLite database."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    )


class TranslationCache:
    """Sentence translations stored in SQLite, keyed by engine, model, pair, glossary and sentence.

    Use :meth:`open` rather than the constructor. ``warning`` is set when the cache had to be
    recovered (e.g. a corrupt file moved aside); the CLI should show it.
    """

    def __init__(self, path: Path | None, connection: sqlite3.Connection | None, *, warn: Warn | None = None) -> None:
        self.path = path
        self._connection = connection
        self._warn = warn
        self.warning: str | None = None

    @classmethod
    def open(cls, path: Path | None = None, *, warn: Warn | None = None) -> TranslationCache:
        """Open (creating if needed) the cache at ``path`` or the default location.

        With no ``path`` and ``$BILINGUAL_CACHE`` set to ``off`` this returns a :class:`NullCache`.
        A corrupt file is moved to ``<name>.corrupt`` and replaced by an empty cache.
        """
        if path is None:
            path = default_cache_path()
            if path is None:
                return NullCache()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(
                f"cannot create the cache directory {path.parent}: {exc.strerror or exc}", _NO_CACHE_HINT
            ) from None
        _check_is_cache_file(path)
        cache = cls(path, None, warn=warn)
        try:
            cache._connection = _connect(path)
        except sqlite3.DatabaseError as exc:
            if not _is_corrupt(exc):
                raise CacheError(f"cannot open the translation cache {path}: {exc}", _NO_CACHE_HINT) from None
            cache._recover()
        return cache

    def _recover(self) -> None:
        """Move a corrupt cache file (and its WAL/SHM files) aside and start an empty cache."""
        if self.path is None:
            return
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        aside = self.path.with_name(self.path.name + ".corrupt")
        counter = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.corrupt.{counter}")
            counter += 1
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):  # another process may have moved it
                    self.path.with_name(self.path.name + suffix).replace(aside.with_name(aside.name + suffix))
            self._connection = _connect(self.path)
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(
                f"the translation cache {self.path} is corrupt and could not be replaced: {exc}",
                f"delete {self.path} by hand, or run with --no-cache",
            ) from None
        self.warning = f"the translation cache {self.path} was corrupt; moved it to {aside.name} and started a new one"
        if self._warn is not None:
            self._warn(self.warning)

    def _db(self) -> sqlite3.Connection:
        """The open connection, or :class:`CacheError` after :meth:`close`."""
        if self._connection is None:
            raise CacheError("the translation cache is closed", "open it again with TranslationCache.open()")
        return self._connection

    def get_many(
        self,
        engine: str,
        model_version: str,
        source_lang: str,
        target_lang: str,
        glossary_hash: str,
        sentences: Iterable[str],
    ) -> dict[str, Translation]:
        """Cached translations for those ``sentences`` that have one (misses are simply absent)."""
        by_key: dict[bytes, str] = {}
        for sentence in sentences:
            by_key[cache_key(engine, model_version, source_lang, target_lang, glossary_hash, sentence)] = sentence
        keys = list(by_key)
        found: dict[str, Translation] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._read(f"SELECT key, text, flags, unknown_words FROM translations WHERE key IN ({marks})", chunk)
            for key, text, flags, unknown in rows:
                try:
                    translation = Translation(text, tuple(json.loads(flags)), tuple(json.loads(unknown)))
                except (ValueError, TypeError):
                    continue  # a damaged row is a miss; the next put_many overwrites it
                found[by_key[key]] = translation
        return found

    def _run(
        self, action: Callable[[sqlite3.Connection], _T], verb: str, *, fallback: _T, again_after_recovery: bool
    ) -> _T:
        """Run ``action`` on the connection, retrying while another process holds a lock.

        If the file turns out corrupt (and has not been recovered before), it is moved aside by
        :meth:`_recover`; then ``action`` runs again on the fresh cache if ``again_after_recovery``
        (with the tries left), else ``fallback`` is returned. Any other error is a :class:`CacheError`
        saying the cache could not be ``verb`` (``"read"``, ``"write to"``).
        """
        for attempt in range(_WRITE_ATTEMPTS):
            try:
                return action(self._db())
            except sqlite3.DatabaseError as exc:
                if _wait_if_locked(exc, attempt):
                    continue
                if _is_corrupt(exc) and self.warning is None:
                    self._recover()
                    if again_after_recovery:
                        continue
                    return fallback
                raise CacheError(f"cannot {verb} the translation cache {self.path}: {exc}", _NO_CACHE_HINT) from None
        return fallback

    def _read(self, sql: str, parameters: list[bytes]) -> list[tuple[bytes, str, str, str]]:
        """Run a query, retrying while locked; a corrupt file is recovered once and reads as empty."""
        return self._run(
            lambda db: db.execute(sql, parameters).fetchall(), "read", fallback=[], again_after_recovery=False
        )

    def _write(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        """Run ``sql`` for every row in one transaction, retrying while locked (see :meth:`_run`).

        A corrupt file is recovered once and the write then made to the fresh cache.
        """
        self._run(lambda db: _transaction(db, sql, rows), "write to", fallback=None, again_after_recovery=True)

    def put_many(
        self,
        engine: str,
        model_version: str,
        source_lang: str,
        target_lang: str,
        glossary_hash: str,
        items: Mapping[str, Translation],
    ) -> None:
        """Store translations (sentence → translation) in one transaction, replacing old ones."""
        if not items:
            return
        now = time.time()
        rows = [
            (
                cache_key(engine, model_version, source_lang, target_lang, glossary_hash, sentence),
                engine,
                model_version,
                translation.text,
                json.dumps(list(translation.flags), ensure_ascii=False),
                json.dumps(list(translation.unknown_words), ensure_ascii=False),
                now,
                source_lang,
                target_lang,
                glossary_hash,
                sentence,
            )
            for sentence, translation in items.items()
        ]
        sql = (
            "INSERT OR REPLACE INTO translations (key, engine, model_version, text, flags, unknown_words, created,"
            " source_lang, target_lang, glossary, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        self._write(sql, rows)

    def entries(self, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[CacheEntry]:
        """Every stored translation with its source sentence, oldest first (then by source), for export (rows
        written before the cache kept source text are skipped). Streams: memory stays flat."""
        sql = (
            "SELECT engine, model_version, source_lang, target_lang, glossary, source, text, flags, unknown_words,"
            " created"
            " FROM translations WHERE source IS NOT NULL"
        )
        wanted: list[str] = []
        for column, value in (("source_lang", source_lang), ("target_lang", target_lang)):
            if value is not None:
                sql += f" AND {column} = ?"
                wanted.append(value)
        rows = self._run(
            lambda db: db.execute(sql + " ORDER BY created, source", wanted).fetchall(),
            "read",
            fallback=[],
            again_after_recovery=False,
        )
        for engine, model, src, tgt, glossary, source, text, flags, unknown, created in rows:
            try:
                parsed, words = tuple(json.loads(flags)), tuple(json.loads(unknown))
            except (ValueError, TypeError):
                continue
            yield CacheEntry(engine, model, src, tgt, glossary, source, text, parsed, words, created)

    def close(self) -> None:
        """Close the database connection (idempotent)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class NullCache(TranslationCache):
    """A cache that stores nothing: every lookup misses. Used for ``--no-cache``."""

    def __init__(self) -> None:
        super().__init__(None, None)

    def _run(
        self, action: Callable[[sqlite3.Connection], _T], verb: str, *, fallback: _T, again_after_recovery: bool
    ) -> _T:
        """Touch no database: every read finds nothing and every write is discarded."""
        return fallback

    def close(self) -> None:
        """Nothing to close."""


def _check_is_cache_file(path: Path) -> None:
    """Refuse a path that holds something other than an SQLite database (an article, a device):
    only a damaged SQLite file may be moved aside, never a file that is not ours."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise CacheError(f"cannot open the translation cache {path}: {exc.strerror or exc}", _NO_CACHE_HINT) from None
    if not stat.S_ISREG(info.st_mode):
        raise CacheError(f"the translation cache {path} is not a regular file", _NO_CACHE_HINT)
    if info.st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise CacheError(f"cannot read the translation cache {path}: {exc.strerror or exc}", _NO_CACHE_HINT) from None
    if head != _SQLITE_MAGIC:
        raise CacheError(
            f"{path} is not a bilingual translation cache (not an SQLite database); left it untouched",
            _NO_CACHE_HINT,
        )


def _connect(path: Path) -> sqlite3.Connection:
    """Open ``path`` in WAL mode with a busy timeout and make sure the schema exists.

    Raises :class:`sqlite3.DatabaseError` for a corrupt file (the caller recovers) and
    :class:`CacheError` when the schema belongs to a newer ``bilingual``.
    """
    connection = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        for attempt in range(_WRITE_ATTEMPTS):
            try:
                _prepare(connection)
                break
            except sqlite3.OperationalError as exc:
                if not _wait_if_locked(exc, attempt):
                    raise
    except BaseException:
        connection.close()
        raise
    return connection


def _transaction(db: sqlite3.Connection, sql: str, rows: list[tuple[object, ...]]) -> None:
    """Run ``sql`` for every row inside ``BEGIN IMMEDIATE … COMMIT``, rolling back on any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.executemany(sql, rows)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _prepare(connection: sqlite3.Connection) -> None:
    """Switch to WAL, create the table and check the schema version (touches every header byte).

    A database with tables but no ``translations`` table belongs to another program: refused
    before anything (even the journal mode) is changed in it."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "translations" not in tables:
        raise CacheError(
            f"{_connection_path(connection)} is an SQLite database of another program, not a translation cache",
            _NO_CACHE_HINT,
        )
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > _SCHEMA_VERSION:
        raise CacheError(
            f"the translation cache {_connection_path(connection)} was written by a newer bilingual",
            f"upgrade bilingual, or point {ENV_VAR} at another file",
        )
    connection.execute(_SCHEMA)
    if version < _SCHEMA_VERSION:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(translations)")}
        for column in _V2_COLUMNS:
            if column not in columns:  # a schema-1 cache: keep its rows, add the new columns
                connection.execute(f"ALTER TABLE translations ADD COLUMN {column} TEXT")
        connection.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
    connection.execute("SELECT count(*) FROM (SELECT 1 FROM translations LIMIT 1)").fetchone()


def _connection_path(connection: sqlite3.Connection) -> str:
    """The file behind a connection, for messages."""
    row = connection.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row else "?"
