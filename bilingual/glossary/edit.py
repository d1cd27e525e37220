"""Changing glossary files: add, remove and import entries with conflict checks.

Files are rewritten atomically, sorted by the Spanish preferred form, with their leading
comment block kept, so diffs stay small and an interrupted write never loses the file.
"""

from __future__ import annotations

import fcntl
import os
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from bilingual.errors import GlossaryError, OutputError
from bilingual.glossary.model import (
    CONTROL_CHAR,
    SEP,
    TYPES,
    USER_FILE,
    Entry,
    Glossary,
    load_file,
    render,
    shipped_dir,
    user_dir,
)
from bilingual.lang.codes import fold
from bilingual.textio import atomic_write

_DEFAULT_COMMENT = "Glossary of names and places for bilingual (es<TAB>en<TAB>type<TAB>note)."


def make_entry(es: str, en: str, kind: str, note: str = "") -> Entry:
    """Build an entry from command-line text (`` | `` separates variants), validating it."""
    if kind not in TYPES:
        raise GlossaryError(f"unknown type '{kind}'", f"use one of: {', '.join(TYPES)}")
    sides: list[tuple[str, ...]] = []
    for name, value in (("Spanish", es), ("English", en)):
        if any(c in value for c in "\t\n\r"):
            raise GlossaryError(f"the {name} form contains a tab or line break", "write it on one line")
        bad = CONTROL_CHAR.search(value)
        if bad:
            raise GlossaryError(
                f"the {name} form contains the control character U+{ord(bad.group()):04X}",
                "remove the character; glossary text must be printable",
            )
        forms = tuple(" ".join(unicodedata.normalize("NFC", f).split()) for f in value.split("|"))
        if not forms or not all(forms):
            raise GlossaryError(
                f"empty {name} form in '{value}'", "give at least one form; separate variants with ' | '"
            )
        sides.append(forms)
    bad = CONTROL_CHAR.search(note)
    if bad:
        raise GlossaryError(
            f"the note contains the control character U+{ord(bad.group()):04X}",
            "remove the character; glossary text must be printable",
        )
    clean_note = " ".join(unicodedata.normalize("NFC", note).split())
    return Entry(sides[0], sides[1], kind, clean_note)


def conflicts(glossary: Glossary, entry: Entry) -> list[Entry]:
    """Entries of ``glossary`` sharing a Spanish form with ``entry`` but saying something else."""
    keys = {fold(f) for f in entry.es}
    out = []
    for other in glossary.entries:
        if keys & {fold(f) for f in other.es} and (other.es, other.en, other.type) != (entry.es, entry.en, entry.type):
            out.append(other)
    return out


def duplicates(glossary: Glossary, entry: Entry) -> list[Entry]:
    """Entries of ``glossary`` identical to ``entry`` (same forms and type)."""
    return [o for o in glossary.entries if (o.es, o.en, o.type) == (entry.es, entry.en, entry.type)]


@dataclass(frozen=True)
class Change:
    """What a write did: entries added, entries replaced (with their old locations)."""

    path: Path
    added: tuple[Entry, ...]
    replaced: tuple[Entry, ...]
    unchanged: tuple[Entry, ...]


def _read_existing(path: Path) -> tuple[list[Entry], str]:
    if not path.exists():
        return [], _DEFAULT_COMMENT
    entries = load_file(path)
    comment_lines = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.startswith("#"):
            break
        comment_lines.append(line[1:].removeprefix(" "))
    return entries, "\n".join(comment_lines)


def glossary_inputs(
    directory: str | Path | None = None, extra: Sequence[str | Path] = (), shipped: bool = True
) -> list[str]:
    """Every glossary file a command may read (shipped, the user directory's, ``user.tsv`` even
    before it exists, and ``extra``): the output guard refuses to write onto any of them."""
    paths: list[Path] = [Path(p) for p in extra]
    folders = [user_dir(directory)]
    ship = shipped_dir() if shipped else None
    if ship is not None:
        folders.append(ship)
    for folder in folders:
        if folder.is_dir():
            paths.extend(sorted(folder.glob("*.tsv")))
    paths.append(user_dir(directory) / USER_FILE)
    return [str(p) for p in paths]


def _make_dir(path: Path) -> None:
    """Create the glossary file's directory, or say why it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{path.parent}: cannot create the glossary directory ({exc.strerror or exc})",
            "check the path and its permissions, or pick another with --glossary-dir / --file",
        ) from None


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for editing the glossary file ``path`` (a ``.NAME.lock`` file beside
    it), so concurrent add/import/remove runs read-modify-write one after the other."""
    _make_dir(path)
    lock_path = path.parent / f".{path.name}.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(
            f"{path.parent}: cannot write in the glossary directory ({exc.strerror or exc})",
            "check its permissions, or pick another with --glossary-dir / --file",
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write_entries(path: Path, entries: Sequence[Entry], comment: str) -> None:
    """Rewrite a glossary file atomically, sorted."""
    _make_dir(path)
    with atomic_write(str(path)) as out:
        out.write(render(entries, comment))


def add_entries(path: Path, new: Sequence[Entry], glossary: Glossary, *, force: bool = False) -> Change:
    """Add ``new`` entries to the file at ``path``.

    An entry that conflicts with an existing one (in any layer of ``glossary``) is refused
    unless ``force``; with ``force`` a conflicting entry in the same file is replaced, and one in
    another layer (e.g. shipped) is overridden by the new entry. The file is read and rewritten
    under :func:`locked`, so entries added at the same time by another run are kept.
    """
    with locked(path):
        return _add_locked(path, new, glossary, force)


def _keys(entry: Entry) -> set[str]:
    """The folded Spanish forms of ``entry`` (what conflicts are found by)."""
    return {fold(f) for f in entry.es}


class _Indexed:
    """Entries in order, indexed by folded Spanish form and by value, so that adding many entries
    (``glossary import`` of thousands of rows) takes linear, not quadratic, time."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self._items: dict[int, Entry] = {}
        self._by_key: dict[str, set[int]] = {}
        self._by_value: dict[Entry, list[int]] = {}
        self._next = 0
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        seq = self._next
        self._next += 1
        self._items[seq] = entry
        for key in _keys(entry):
            self._by_key.setdefault(key, set()).add(seq)
        self._by_value.setdefault(entry, []).append(seq)

    def _drop(self, seq: int) -> None:
        entry = self._items.pop(seq)
        for key in _keys(entry):
            self._by_key[key].discard(seq)
        self._by_value[entry].remove(seq)

    def __contains__(self, entry: Entry) -> bool:
        return bool(self._by_value.get(entry))

    def remove_first(self, entry: Entry) -> None:
        """Remove the first entry equal to ``entry`` (like ``list.remove``)."""
        self._drop(self._by_value[entry][0])

    def remove_all(self, entry: Entry) -> None:
        for seq in list(self._by_value.get(entry, ())):
            self._drop(seq)

    def sharing(self, keys: set[str]) -> list[Entry]:
        """Entries with one of the folded Spanish forms ``keys``, in order."""
        found = sorted({seq for key in keys for seq in self._by_key.get(key, ())})
        return [self._items[seq] for seq in found]

    def entries(self) -> list[Entry]:
        return list(self._items.values())


def _add_locked(path: Path, new: Sequence[Entry], glossary: Glossary, force: bool) -> Change:
    existing_list, comment = _read_existing(path)
    existing = _Indexed(existing_list)
    layered = _Indexed(glossary.entries)
    triples = {(e.es, e.en, e.type) for e in glossary.entries}
    target = str(path)
    added: list[Entry] = []
    replaced: list[Entry] = []
    unchanged: list[Entry] = []
    for entry in new:
        triple = (entry.es, entry.en, entry.type)
        if triple in triples or entry in existing:
            unchanged.append(entry)
            continue
        keys = _keys(entry)
        clash = [o for o in layered.sharing(keys) if (o.es, o.en, o.type) != triple] + existing.sharing(keys)
        clash = list(dict.fromkeys(clash))
        if clash and not force:
            other = clash[0]
            raise GlossaryError(
                f"'{SEP.join(entry.es)}' conflicts with {other.where}: {other.describe()}",
                "use --force to replace it, or edit that entry",
            )
        for other in clash:
            if other in existing and (not other.path or other.path == target or not Path(other.path).exists()):
                existing.remove_first(other)
            elif other.path == target:
                existing.remove_all(other)
            replaced.append(other)
        existing.add(replace(entry, path=target))
        added.append(entry)
    if added:
        write_entries(path, existing.entries(), comment)
    return Change(path, tuple(added), tuple(replaced), tuple(unchanged))


def remove_entry(path: Path, form: str, glossary: Glossary) -> Entry:
    """Remove the entry with Spanish form ``form`` from the file at ``path`` (under :func:`locked`)."""
    key = fold(" ".join(form.split()))
    if path.exists():
        with locked(path):
            existing, comment = _read_existing(path)
            for entry in existing:
                if key in {fold(f) for f in entry.es}:
                    write_entries(path, [e for e in existing if e != entry], comment)
                    return entry
    for entry in glossary.entries:
        if key in {fold(f) for f in entry.es}:
            raise GlossaryError(
                f"'{form}' is not in {path}; it comes from {entry.where}",
                "shipped glossaries are read-only: override the entry with `bilingual glossary add … --force`",
            )
    raise GlossaryError(f"'{form}' is not in any glossary", "see `bilingual glossary list --search`")
