"""Per-worker translation caches, merged into the user's cache at the end of a batch.

Many workers writing one SQLite file contend for its write lock (and a cluster's workers may not
share a disk with it). So each worker process (or thread) reads the user's cache but writes what
it translates to its own translation cache, ``OUTDIR/.batch/caches/<host>-<pid>-<thread>.sqlite3``;
the batch then copies every entry (the cache keeps source sentences) into the user's cache with
its public ``put_many`` and deletes the worker files. A worker file left by a killed run is merged by the
next run.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

from bilingual.engines.base import Translation
from bilingual.engines.cache import NullCache, TranslationCache
from bilingual.errors import BilingualError, Warn

_MERGE_CHUNK = 2000


def worker_cache_path(folder: Path) -> Path:
    """This process's and thread's own cache file in ``folder``."""
    host = socket.gethostname().replace("/", "_") or "host"
    return folder / f"{host}-{os.getpid()}-{threading.get_ident()}.sqlite3"


class WorkerCache(NullCache):
    """Reads the user's cache (if any), then this worker's own cache file; writes only to its own."""

    def __init__(self, folder: Path, user: str | None) -> None:
        super().__init__()
        folder.mkdir(parents=True, exist_ok=True)
        self.own = TranslationCache.open(worker_cache_path(folder))
        self.path = self.own.path
        self.user = TranslationCache.open(Path(user)) if user else None

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
        key = (engine, model_version, source_lang, target_lang, glossary_hash)
        wanted = list(dict.fromkeys(sentences))
        found = self.user.get_many(*key, wanted) if self.user is not None else {}
        found.update(self.own.get_many(*key, [s for s in wanted if s not in found]))
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
        self.own.put_many(engine, model_version, source_lang, target_lang, glossary_hash, items)

    def close(self) -> None:
        """Close both caches."""
        self.own.close()
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
            with TranslationCache.open(path) as learned:
                groups: dict[tuple[str, str, str, str, str], dict[str, Translation]] = {}
                for entry in learned.entries():
                    groups.setdefault(entry.key, {})[entry.source] = entry.translation
                    if len(groups[entry.key]) >= _MERGE_CHUNK:
                        user.put_many(*entry.key, groups.pop(entry.key))
                        total += _MERGE_CHUNK
                for key, items in groups.items():
                    user.put_many(*key, items)
                    total += len(items)
        except BilingualError as exc:
            if warn is not None:
                warn(f"{path}: worker cache not merged ({exc})")
        for suffix in ("", "-wal", "-shm", ".corrupt"):
            with contextlib.suppress(FileNotFoundError):
                path.with_name(path.name + suffix).unlink()
    return total
