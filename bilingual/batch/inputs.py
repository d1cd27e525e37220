"""What a batch works on: documents from files, folders, globs and manifests, each with a stable
name (its key in the journal and the stem of its outputs) and a content hash.

Folders are read recursively (``*.txt``), globs are expanded (``**`` included), and a manifest is
a UTF-8 TSV file whose first line is a known header:

- ``file`` — one document path per line (``batch translate``);
- ``es_file<TAB>en_file[<TAB>score]`` — document pairs (``batch align --pairs``; ``pairs.tsv``
  written by ``batch align`` is one);
- ``article<TAB>source[<TAB>source…]`` — an article and the texts holding its quotes' originals
  (``batch review``; a row with no source reviews a translate/align output).

Relative paths in a manifest are relative to the manifest's folder. Lines are split on ``\\n`` only.
"""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import InputError, UsageError
from bilingual.textio import read_text

HEADERS = {"file": ("file",), "pairs": ("es_file", "en_file"), "review": ("article", "source")}
_GLOB_CHARS = frozenset("*?[")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Doc:
    """One input document: ``name`` is unique in the batch (a relative path), ``path`` reads it."""

    name: str
    path: str


def content_hash(path: str) -> str:
    """SHA-256 of a file's bytes, read in chunks (documents are never held whole for this)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})", "check the path and permissions") from None
    return digest.hexdigest()


def manifest_kind(path: str) -> str | None:
    """Which manifest ``path`` is (``file``, ``pairs``, ``review``), or None for a document."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(256).split(b"\n", 1)[0].decode("utf-8", errors="replace")
    except OSError:
        return None
    cells = tuple(c.strip().lower() for c in head.lstrip("\ufeff").rstrip("\r").split("\t"))
    for kind, header in HEADERS.items():
        if cells[: len(header)] == header and all(c in (*header, "score", "source") for c in cells):
            return kind
    return None


def manifest_rows(path: str, kind: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every non-blank data row of a manifest of ``kind``."""
    want = len(HEADERS[kind]) if kind != "review" else 1
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        line = line.removesuffix("\r")
        if number == 1 or not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < want or not all(cells[:want]):
            raise InputError(
                f"{path}:{number}: expected {want} tab-separated column(s), got {line!r}",
                f"see the header: {chr(9).join(HEADERS[kind])}",
            )
        yield number, [c for c in cells if c]


def _relative(path: str, base: Path) -> str:
    """``path`` as given, or relative to the manifest's folder when not found as given."""
    p = Path(path)
    if p.is_absolute() or p.exists():
        return path
    return str(base / p)


def _expand_one(spec: str, exclude: Path | None) -> list[Doc]:
    p = Path(spec)
    if p.is_dir():
        files = []
        for f in sorted(p.rglob("*.txt")):
            relative = f.relative_to(p)
            hidden = any(part.startswith(".") for part in relative.parts)
            inside_output = exclude is not None and f.resolve().is_relative_to(exclude)
            if f.is_file() and not hidden and not inside_output:
                files.append(f)
        return [Doc(f.relative_to(p).as_posix(), str(f)) for f in files]
    if p.is_file():
        if manifest_kind(spec) == "file":
            base = p.parent
            return [Doc(Path(cells[0]).name, _relative(cells[0], base)) for _, cells in manifest_rows(spec, "file")]
        return [Doc(p.name, spec)]
    if _GLOB_CHARS & set(spec):
        matches = sorted(m for m in glob.glob(spec, recursive=True) if Path(m).is_file())
        if not matches:
            raise InputError(f"{spec}: no file matches this pattern", "check the pattern (quote it for the shell)")
        return [Doc(Path(m).name, m) for m in matches]
    raise InputError(f"{spec}: no such file or folder", "check the path and spelling")


def expand_inputs(specs: Sequence[str], *, exclude: str | Path | None = None) -> list[Doc]:
    """Every document named by ``specs`` (files, folders, globs, ``file`` manifests), in order,
    each once; two different files with one name are refused (their outputs would collide).
    Hidden files and folders, and anything under ``exclude`` (the output folder), are skipped
    when a folder is read."""
    seen: dict[str, Doc] = {}
    out: list[Doc] = []
    skip = Path(exclude).resolve() if exclude is not None else None
    for spec in specs:
        for doc in _expand_one(spec, skip):
            other = seen.get(doc.name)
            if other is not None:
                if Path(other.path).resolve() == Path(doc.path).resolve():
                    continue
                raise UsageError(
                    f"two inputs are both named {doc.name}: {other.path} and {doc.path}",
                    "give their folders instead, or rename one (outputs are named after inputs)",
                )
            seen[doc.name] = doc
            out.append(doc)
    if not out:
        raise InputError("no documents found in " + ", ".join(specs), "give .txt files, folders of them, or a manifest")
    return out


def side_lookup(spec: str, exclude: str | Path | None = None) -> tuple[list[Doc], dict[str, Doc]]:
    """The documents of one side of ``batch align`` and a lookup by name and by base name."""
    docs = expand_inputs([spec], exclude=exclude)
    index: dict[str, Doc] = {}
    for doc in docs:
        index[doc.name] = doc
        index.setdefault(Path(doc.name).name, doc)
    return docs, index


def pairs_manifest(path: str, es_index: dict[str, Doc], en_index: dict[str, Doc]) -> list[tuple[Doc, Doc]]:
    """The pairs a ``es_file<TAB>en_file`` manifest lists, resolved against the two sides (by
    name, base name, or as a path)."""
    if manifest_kind(path) != "pairs":
        raise InputError(f"{path}:1: not a pairs manifest", "its first line must be es_file<TAB>en_file")
    base = Path(path).parent
    out: list[tuple[Doc, Doc]] = []

    def find(name: str, index: dict[str, Doc], number: int) -> Doc:
        doc = index.get(name) or index.get(Path(name).name)
        if doc is not None:
            return doc
        resolved = _relative(name, base)
        if Path(resolved).is_file():
            return Doc(Path(name).name, resolved)
        raise InputError(f"{path}:{number}: {name} is not among the inputs", "check the name or the input folders")

    for number, cells in manifest_rows(path, "pairs"):
        out.append((find(cells[0], es_index, number), find(cells[1], en_index, number)))
    return out


def review_manifest(path: str) -> list[tuple[Doc, tuple[Doc, ...]]]:
    """The articles of a review manifest, each with its sources."""
    if manifest_kind(path) != "review":
        raise InputError(f"{path}:1: not a review manifest", "its first line must be article<TAB>source")
    base = Path(path).parent
    out: list[tuple[Doc, tuple[Doc, ...]]] = []
    names: dict[str, int] = {}
    for number, cells in manifest_rows(path, "review"):
        article = _relative(cells[0], base)
        name = Path(cells[0]).name
        if name in names:
            raise UsageError(
                f"{path}:{number}: article {name} is already on line {names[name]}",
                "list each article once (give all its sources on one line)",
            )
        names[name] = number
        sources = tuple(Doc(Path(c).name, _relative(c, base)) for c in cells[1:])
        out.append((Doc(name, article), sources))
    if not out:
        raise InputError(f"{path}: no articles listed", "add a line article<TAB>source")
    return out
