"""The batch journal: what is done in an output folder, so a re-run redoes only what changed.

``OUTDIR/.batch/journal.jsonl`` holds one JSON record per finished task: its key, the
fingerprint of its inputs, options and tool version, its status, outputs and statistics. A task's
outputs are written atomically before its record is appended (and the record is flushed to disk
before the next task is recorded), so after a crash — even ``kill -9`` — a task is either recorded
with complete outputs, or redone. A torn last line is ignored. A lock file keeps two runs from
sharing an output folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bilingual import __version__
from bilingual.errors import OutputError

STATE_DIR = ".batch"
"""Folder inside OUTDIR for the journal, the lock, signatures and worker caches."""


def fingerprint(kind: str, options: Mapping[str, Any], inputs: Mapping[str, str]) -> str:
    """SHA-256 over the task kind, the tool version, the options and the inputs' content hashes."""
    payload = json.dumps(
        {"tool": __version__, "kind": kind, "options": options, "inputs": inputs}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Journal:
    """Append-only record of finished tasks in ``OUTDIR/.batch/journal.jsonl``."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.state = outdir / STATE_DIR
        self.path = self.state / "journal.jsonl"
        self.records: dict[str, dict[str, Any]] = {}
        self._handle: Any = None

    def load(self) -> None:
        """Read every complete record (the last one wins per key; a torn last line is skipped)."""
        if not self.path.exists():
            return
        with self.path.open("rb") as handle:
            for raw in handle:
                try:
                    record = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    continue
                if isinstance(record, dict) and isinstance(record.get("task"), str):
                    self.records[record["task"]] = record

    def done(self, key: str, fp: str) -> dict[str, Any] | None:
        """The record of ``key`` if it finished with fingerprint ``fp`` and its outputs still exist."""
        record = self.records.get(key)
        if record is None or record.get("fingerprint") != fp or record.get("status") != "ok":
            return None
        if not all((self.outdir / out).is_file() for out in record.get("outputs", [])):
            return None
        return record

    def record(self, record: dict[str, Any]) -> None:
        """Append one record and flush it to disk."""
        if self._handle is None:
            self._handle = self.path.open("ab")
            if self._handle.tell() > 0:
                self._repair_tail()
        self._handle.write((json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self.records[record["task"]] = record

    def _repair_tail(self) -> None:
        """Start on a fresh line if the last run was killed in the middle of one."""
        with self.path.open("rb") as check:
            check.seek(-1, os.SEEK_END)
            if check.read(1) != b"\n":
                self._handle.write(b"\n")

    def close(self) -> None:
        """Close the journal file."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def sweep_temporaries(outdir: Path) -> int:
    """Delete the temporary files (``.<name>.<random>.tmp``) an atomic write left behind when its
    run was killed, so a re-run leaves exactly the outputs of an uninterrupted one."""
    removed = 0
    for path in outdir.rglob(".*.tmp"):
        if path.is_file():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
    return removed


@contextmanager
def open_journal(outdir: Path) -> Iterator[Journal]:
    """Create OUTDIR (and its state folder), take its lock, sweep what killed runs left, load
    the journal."""
    try:
        (outdir / STATE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{outdir}: cannot create the output folder ({exc.strerror or exc})", "check -o") from None
    lock = (outdir / STATE_DIR / "lock").open("a")
    try:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(
                f"{outdir}: another bilingual batch is writing to this folder",
                "wait for it to finish, or give another -o folder",
            ) from None
        sweep_temporaries(outdir)
        journal = Journal(outdir)
        journal.load()
        try:
            yield journal
        finally:
            journal.close()
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
        lock.close()
