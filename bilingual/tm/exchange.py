"""Filling and emptying the translation memory: import approved translations from TMX, XLIFF,
JSONL or TSV (ours, or a plain two-column ``source<TAB>target`` file), export it as any
parallel format, and the rows ``tm list`` and ``tm stats`` show."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from pathlib import PurePath

from bilingual.errors import BilingualError, FormatError, Warn
from bilingual.formats import Document, Pair, read
from bilingual.formats.model import base_language, split_lines
from bilingual.formats.tmx import MIN_CONFIDENCE
from bilingual.lang import normalize_lang, other_language
from bilingual.signature import signature
from bilingual.tm.store import TMEntry, TMStats, TranslationMemory

#: Flags that mark a pair as not a translation to trust.
UNTRUSTED_FLAGS = frozenset({"unaligned", "degenerate"})


@dataclass(frozen=True)
class Imported:
    """What ``tm import`` did with one file."""

    name: str
    source_lang: str
    target_lang: str
    added: int
    updated: int
    unchanged: int
    skipped: int

    def summary(self) -> str:
        """One line for the user."""
        return (
            f"{self.name}: {self.added} added, {self.updated} updated, {self.unchanged} already there, "
            f"{self.skipped} skipped ({self.source_lang}→{self.target_lang})"
        )


def _plain_tsv(text: str, name: str, source_lang: str, target_lang: str) -> Document:
    """A two-column ``source<TAB>target`` file; a first row of two language codes names the languages."""
    lines = split_lines(text)
    if lines:
        first = lines[0].split("\t")
        try:
            codes = [normalize_lang(cell) for cell in first] if len(first) == 2 else []
        except BilingualError:
            codes = []
        if len(codes) == 2 and codes[0] != codes[1]:
            source_lang, target_lang = codes
            lines = lines[1:]
    pairs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 2:
            raise FormatError(
                f"{name}:{number}: expected two tab-separated columns (source, target), found {len(cells)}",
                "give one approved translation per line: source<TAB>target",
            )
        pairs.append(Pair(len(pairs), cells[0], cells[1]))
    return Document(tuple(pairs), source_lang, target_lang, {}, "translation")


def read_memory_file(text: str, name: str, *, source_lang: str = "es", target_lang: str | None = None) -> Document:
    """The pairs of a file to import: any parallel format ``bilingual`` reads, or a plain TSV."""
    try:
        return read(io.StringIO(text, newline=""), name)
    except FormatError:
        if PurePath(name).suffix.lower() not in (".tsv", ".txt") and name != "-":
            raise
    return _plain_tsv(text, name, source_lang, target_lang or other_language(source_lang))


def trusted(pair: Pair, min_confidence: float = MIN_CONFIDENCE) -> bool:
    """Whether ``pair`` may become a memory entry: both sides, no warning flag, confident enough."""
    if not pair.source.strip() or not pair.target.strip() or UNTRUSTED_FLAGS & set(pair.flags):
        return False
    return pair.confidence is None or pair.confidence >= min_confidence


def import_file(
    memory: TranslationMemory,
    text: str,
    name: str,
    *,
    source_lang: str = "es",
    target_lang: str | None = None,
    min_confidence: float = MIN_CONFIDENCE,
    warn: Warn | None = None,
) -> Imported:
    """``bilingual tm import``: store the approved translations of the file ``name``.

    Languages come from the file (region subtags dropped: the memory matches by language); a
    file in the other direction is stored as it is. Pairs with an empty side, flagged
    ``unaligned``/``degenerate`` or aligned below ``min_confidence`` are skipped. A file that is
    raw machine translation (its signature names an engine) is imported with a warning.
    """
    doc = read_memory_file(text, name, source_lang=source_lang, target_lang=target_lang)
    src, tgt = base_language(doc.source_lang), base_language(doc.target_lang)
    engine = doc.signature.get("engine", "none")
    if doc.kind == "translation" and engine not in ("none", "") and warn is not None:
        warn(
            f"{name} is machine translation ({engine}); its pairs now count as approved translations — "
            "import only files a person has checked"
        )
    rows = [(p.source, p.target) for p in doc.pairs if trusted(p, min_confidence)]
    done = memory.add(rows, src, tgt, PurePath(name).name)
    return Imported(name, src, tgt, done.added, done.updated, done.unchanged, len(doc.pairs) - len(rows))


def memory_document(memory: TranslationMemory, source_lang: str, target_lang: str) -> Document:
    """``bilingual tm export``: the pair's entries as a document (every pair ``origin: tm``)."""
    entries = memory.entries(source_lang, target_lang)
    pairs = tuple(Pair(i, e.source, e.target, extra={"origin": "tm"}) for i, e in enumerate(entries))
    sig = signature(pair=f"{source_lang}-{target_lang}", tm=memory.signature_value(source_lang, target_lang))
    return Document(pairs, source_lang, target_lang, sig, "translation")


LIST_HEADER = ("id", "from", "to", "source", "target", "origin", "updated")


def list_rows(entries: list[TMEntry]) -> list[list[str | int | None]]:
    """``tm list`` rows under :data:`LIST_HEADER`."""
    return [[e.id, e.source_lang, e.target_lang, e.source, e.target, e.origin, _when(e.updated)] for e in entries]


STATS_HEADER = ("what", "value")


def stats_rows(stats: TMStats) -> list[list[str | int | None]]:
    """``tm stats`` rows under :data:`STATS_HEADER`."""
    rows: list[list[str | int | None]] = [
        ["file", stats.path],
        ["size", stats.size],
        ["entries", stats.entries],
        ["updated", _when(stats.updated) if stats.updated is not None else "-"],
    ]
    rows += [[f"pair {pair}", count] for pair, count in stats.pairs.items()]
    rows += [[f"from {origin}", count] for origin, count in stats.origins.items()]
    return rows


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp))
