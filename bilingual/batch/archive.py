"""The archive translation memory: one TMX of every aligned bead of every pair, streamed.

Each pair's alignment is read back (any format ``align`` writes), its beads kept only when both
sides have text and the confidence is at least the minimum (1-0/0-1 beads and empty segments
never reach a CAT tool), renumbered across the archive, and rendered by the TMX writer of
:mod:`bilingual.formats`, whose ``<tu>`` elements are appended to one file. One pair is in
memory at a time.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bilingual.formats import Document, Pair, read, write
from bilingual.textio import atomic_write

_BODY_OPEN = "<body>\n"
_BODY_CLOSE = "  </body>"


def _render(doc: Document) -> str:
    buffer = io.StringIO()
    write(doc, buffer, "tmx")
    return buffer.getvalue()


def _units(doc: Document) -> str:
    """The ``<tu>`` elements of ``doc`` as the TMX writer renders them."""
    text = _render(doc)
    start = text.index(_BODY_OPEN) + len(_BODY_OPEN)
    return text[start : text.rindex(_BODY_CLOSE)]


def keep(pair: Pair, min_confidence: float) -> bool:
    """Whether a bead goes into the translation memory."""
    return (
        bool(pair.source_ids and pair.target_ids)
        and bool(pair.source.strip() and pair.target.strip())
        and (pair.confidence is None or pair.confidence >= min_confidence)
    )


def write_archive_tmx(
    path: Path, alignments: Sequence[Path], signature: dict[str, str], *, min_confidence: float, langs: tuple[str, str]
) -> int:
    """Write ``path`` (atomically) from the per-pair ``alignments``; returns the units written.

    The header's signature is the first alignment's (engine, model, aligner…) updated with
    ``signature`` (the batch's own items), or ``signature`` alone for an empty archive.
    """
    if alignments:
        with alignments[0].open(encoding="utf-8", newline="") as handle:
            signature = {**read(handle, str(alignments[0])).signature, **signature}
    header = Document(pairs=(), source_lang=langs[0], target_lang=langs[1], signature=signature, kind="alignment")
    head_text = _render(header)
    cut = head_text.index(_BODY_OPEN) + len(_BODY_OPEN)
    written = 0
    with atomic_write(str(path)) as out:
        out.write(head_text[:cut])
        for alignment in alignments:
            written = _append(out, alignment, written, min_confidence)
        out.write(head_text[head_text.rindex(_BODY_CLOSE) :])
    return written


def _append(out: TextIO, alignment: Path, first_id: int, min_confidence: float) -> int:
    with alignment.open(encoding="utf-8", newline="") as handle:
        doc = read(handle, str(alignment))
    kept = [p for p in doc.pairs if keep(p, min_confidence)]
    if not kept:
        return first_id
    renumbered = tuple(
        Pair(
            id=first_id + n,
            source=p.source,
            target=p.target,
            source_ids=p.source_ids,
            target_ids=p.target_ids,
            paragraph=p.paragraph,
            confidence=p.confidence,
            flags=p.flags,
        )
        for n, p in enumerate(kept)
    )
    part = Document(renumbered, doc.source_lang, doc.target_lang, doc.signature, kind="alignment")
    out.write(_units(part))
    return first_id + len(kept)
