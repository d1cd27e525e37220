"""Per-worker translation caches, merged into the user's cache at the end of a batch.

Many workers writing one SQLite file contend for its write lock (and a cluster's workers may not
share a disk with it). So each worker process (or thread) reads the user's cache but writes what
it translates to its own file, ``OUTDIR/.batch/caches/<host>-<pid>-<thread>.sqlite3``; the batch
then copies every learned translation into the user's cache with the cache's public
``put_many`` and deletes the worker files. A worker file left by a killed run is merged by the
next run.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

from bilingual.engines.base import Translation
from bilingual.engines.cache import NullCache, TranslationCache
from bilingual.errors import Warn

_SCHEMA = """
CREATE TABLE IF NOT EXISTS learned (
    engine TEXT NOT NULL, model TEXT NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL, glossary TEXT NOT NULL,
    sentence TEXT NOT NULL, text TEXT NOT NULL, flags TEXT NOT NULL, unknown TEXT NOT NULL,
    PRIMARY KEY (engine, model, src, tgt, glossary, sentence)
) WITHOUT ROWID
"""
_MERGE_CHUNK = 2000


def worker_cache_path(folder: Path) -> Path:
    """This process's and thread's own cache file in ``folder``."""
    host = socket.gethostname().replace("/", "_") or "host"
    return folder / f"{host}-{os.getpid()}-{threading.get_ident()}.sqlite3"


class WorkerCache(NullCache):
    """Reads the user's cache (if any), then this worker's file; writes only to this worker's file."""

    def __init__(self, folder: Path, user: str | None) -> None:
        super().__init__()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = worker_cache_path(folder)
        self.user = TranslationCache.open(Path(user)) if user else None
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute(_SCHEMA)

    def get_many(
        self,
        engine: str,
        model_version: str,
        source_lang: str,
        target_lang: str,
        glossary_hash: str,
        sentences: Iterable[str],
    ) -> dict[str, Translation]:
        """Translations known to the user's cache or learned by this worker."""
        wanted = list(dict.fromkeys(sentences))
        found: dict[str, Translation] = {}
        if self.user is not None:
            found = self.user.get_many(engine, model_version, source_lang, target_lang, glossary_hash, wanted)
        rest = [s for s in wanted if s not in found]
        key = (engine, model_version, source_lang, target_lang, glossary_hash)
        for start in range(0, len(rest), 400):
            chunk = rest[start : start + 400]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT sentence, text, flags, unknown FROM learned WHERE engine=? AND model=? AND src=? AND tgt=?"
                f" AND glossary=? AND sentence IN ({marks})",
                (*key, *chunk),
            ).fetchall()
            for sentence, text, flags, unknown in rows:
                found[sentence] = Translation(text, tuple(json.loads(flags)), tuple(json.loads(unknown)))
        return found

    def put_many(
        self,
        engine: str,
        model_version: str,
        source_lang: str,
        target_lang: str,
        glossary_hash: str,
        items: Mapping[str, Translation],
    ) -> None:
        """Remember new translations in this worker's file (one transaction)."""
        if not items:
            return
        rows = [
            (
                engine,
                model_version,
                source_lang,
                target_lang,
                glossary_hash,
                sentence,
                t.text,
                json.dumps(list(t.flags), ensure_ascii=False),
                json.dumps(list(t.unknown_words), ensure_ascii=False),
            )
            for sentence, t in items.items()
        ]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany("INSERT OR REPLACE INTO learned VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close both connections."""
        self.db.close()
        if self.user is not None:
            self.user.close()
            self.user = None

    def __enter__(self) -> WorkerCache:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def merge_worker_caches(folder: Path, user: TranslationCache, *, warn: Warn | None = None) -> int:
    """Copy every worker file's translations in ``folder`` into ``user``, then delete the files.

    Returns the number of translations copied. A damaged worker file is skipped with a warning
    (its translations are only a cache: they will be made again when needed).
    """
    total = 0
    if not folder.is_dir():
        return 0
    for path in sorted(folder.glob("*.sqlite3")):
        try:
            db = sqlite3.connect(path, timeout=30)
            try:
                groups: dict[tuple[str, str, str, str, str], dict[str, Translation]] = {}
                for row in db.execute("SELECT * FROM learned"):
                    key = (row[0], row[1], row[2], row[3], row[4])
                    groups.setdefault(key, {})[row[5]] = Translation(
                        row[6], tuple(json.loads(row[7])), tuple(json.loads(row[8]))
                    )
                    if len(groups[key]) >= _MERGE_CHUNK:
                        user.put_many(*key, groups.pop(key))
                        total += _MERGE_CHUNK
                for key, items in groups.items():
                    user.put_many(*key, items)
                    total += len(items)
            finally:
                db.close()
        except (sqlite3.Error, ValueError) as exc:
            if warn is not None:
                warn(f"{path}: worker cache not merged ({exc})")
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                path.with_name(path.name + suffix).unlink()
    return total
