"""Prose: the translated article as an editor publishes it, headline and paragraphs.

Each paragraph's translated sentences are joined with one space, and paragraphs are separated by
a blank line, in the order of the source (the headline is the first paragraph). Write-only: the
pairs, offsets and signature stay in the parallel formats (TSV, JSONL, TMX, XLIFF, Markdown).
"""

from __future__ import annotations

from typing import TextIO

from bilingual.errors import FormatError
from bilingual.formats.model import Document


def paragraphs(doc: Document) -> list[str]:
    """The target text of ``doc`` paragraph by paragraph (a pair with no paragraph stands alone)."""
    out: list[list[str]] = []
    last: int | None = None
    for pair in doc.pairs:
        text = pair.target.strip()
        if not text:
            continue
        if not out or pair.paragraph is None or pair.paragraph != last:
            out.append([])
        out[-1].append(text)
        last = pair.paragraph
    return [" ".join(sentences) for sentences in out]


def write(doc: Document, handle: TextIO) -> None:
    """Write the translation of ``doc`` as prose (a translation, not an alignment)."""
    if doc.kind != "translation":
        raise FormatError(
            "the text format writes a translated article; an alignment has two texts already",
            "use --format tsv, jsonl, tmx, xliff or md for an alignment",
        )
    body = "\n\n".join(paragraphs(doc))
    handle.write(body + "\n" if body else "")
