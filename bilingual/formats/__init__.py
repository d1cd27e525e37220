"""Parallel-text file formats: TSV, JSON Lines, TMX, XLIFF and Markdown, all over one data model.

``bilingual translate`` and ``bilingual align`` write a :class:`Document` with :func:`write`;
``bilingual review`` reads any of them back with :func:`read`, which can guess the format from
the file name or its first line. What each format keeps of a :class:`Pair` is listed by
:func:`carried_fields` (JSONL keeps everything, TSV and Markdown only the columns they show).
"""

from __future__ import annotations

import io
from pathlib import Path
from types import ModuleType
from typing import TextIO

from bilingual.errors import FormatError, Warn
from bilingual.formats import jsonl, markdown, text, tmx, tsv, xliff
from bilingual.formats.model import (
    KINDS,
    Document,
    Pair,
    normalize_signature,
    parse_signature_line,
    signature_line,
)

__all__ = [
    "FORMATS",
    "KINDS",
    "WRITE_ONLY",
    "Document",
    "Pair",
    "carried_fields",
    "guess_format",
    "normalize_signature",
    "parse_signature_line",
    "read",
    "signature_line",
    "write",
]

FORMATS = ("tsv", "jsonl", "tmx", "xliff", "md")

_MODULES: dict[str, ModuleType] = {"tsv": tsv, "jsonl": jsonl, "tmx": tmx, "xliff": xliff, "md": markdown}
_EXTENSIONS = {
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".md": "md",
    ".markdown": "md",
}
_HINT = "use one of: " + ", ".join(FORMATS) + " (by file extension, or with --format)"
_SNIFF_BYTES = 1 << 16


def _module(fmt: str) -> ModuleType:
    try:
        return _MODULES[fmt]
    except KeyError:
        raise FormatError(f"unknown format {fmt!r}", _HINT) from None


def carried_fields(fmt: str, kind: str) -> frozenset[str]:
    """The :class:`Pair` field names that format ``fmt`` stores for documents of ``kind``."""
    fields: dict[str, frozenset[str]] = _module(fmt).FIELDS
    if kind not in fields:
        raise FormatError(f"unknown document kind {kind!r}", "use one of: " + ", ".join(KINDS))
    return fields[kind]


WRITE_ONLY = ("text",)
"""Formats :func:`write` also writes but :func:`read` cannot read back (``text`` is prose)."""


def write(
    doc: Document,
    handle: TextIO,
    fmt: str,
    *,
    min_confidence: float = tmx.MIN_CONFIDENCE,
    warn: Warn | None = None,
) -> None:
    """Write ``doc`` to ``handle`` in format ``fmt`` (one of :data:`FORMATS` or :data:`WRITE_ONLY`).

    ``min_confidence`` and ``warn`` concern TMX only, which leaves out unaligned and weak rows.
    """
    if fmt == "text":
        text.write(doc, handle)
    elif fmt == "tmx":
        tmx.write(doc, handle, min_confidence=min_confidence, warn=warn)
    else:
        _module(fmt).write(doc, handle)


def read(handle: TextIO, name: str, fmt: str | None = None) -> Document:
    """Read a document from ``handle``; ``name`` (a path or ``-``) is used in error messages.

    Without ``fmt`` the format is guessed from ``name``'s extension, then from the first line.
    """
    if fmt is not None:
        return _module(fmt).read(handle, name)
    text = handle.read()
    fmt = guess_format(name, head=text[:_SNIFF_BYTES])
    return _module(fmt).read(io.StringIO(text, newline=""), name)


def _sniff(start: str) -> str | None:
    """The format whose start (the first line, or the first few KiB) looks like ``start``, or ``None``."""
    start = start.lstrip("\ufeff")
    head = start.split("\n", 1)[0].rstrip("\r")
    if head.startswith("# bilingual "):
        return "md" if head.split(" ", 3)[2].endswith(":") else "tsv"
    if head.startswith("id\t"):
        return "tsv"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<xliff") or (head.startswith("<?xml") and "<xliff" in start[:_SNIFF_BYTES]):
        return "xliff"
    if head.startswith(("<?xml", "<tmx", "<!DOCTYPE tmx")):
        return "tmx"
    if head.startswith(("# ", "| ")):
        return "md"
    return None


def _start(path: str) -> str | None:
    """The first few KiB of the file at ``path`` (``None`` for stdin or an unreadable file)."""
    if path == "-":
        return None
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(_SNIFF_BYTES)
    except OSError:
        return None
    return data.decode("utf-8", errors="replace")


def guess_format(path: str, head: str | None = None) -> str:
    """Guess the format of ``path`` from its extension, else by sniffing its first line.

    ``head`` is the file's start (its first line at least) when the caller already has it
    (e.g. for stdin, ``-``); otherwise the file is opened to read it. Raises :class:`FormatError` if neither tells.
    """
    fmt = _EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is not None:
        return fmt
    if head is None:
        head = _start(path)
    fmt = _sniff(head) if head is not None else None
    if fmt is None:
        raise FormatError(f"{path}: cannot tell the file format from its name or first line", _HINT)
    return fmt
