"""Two versions of a document → aligned parallel text (a :class:`Document` of beads).

Splits (or takes pre-split lines), translates each side into the other language with the
available engines (cached) to bridge the languages, aligns with :mod:`bilingual.align`, and
records in the signature how the alignment was scored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bilingual.align.beads import AlignOptions, Bead, align_sentences
from bilingual.engines.base import Engine
from bilingual.engines.cache import TranslationCache
from bilingual.engines.choose import engines_for
from bilingual.errors import BilingualError, InputError, Warn
from bilingual.formats.model import LOW_CONFIDENCE, Document, Pair
from bilingual.glossary.model import Glossary
from bilingual.lang import NAMES, detect_language
from bilingual.signature import signature
from bilingual.split.splitter import Splitter
from bilingual.translate.document import Progress, translate_sentences


@dataclass(frozen=True)
class Side:
    """One document's sentences, their ids (sentence numbers or input line numbers) and paragraphs."""

    lang: str
    sentences: tuple[str, ...]
    ids: tuple[int, ...]
    paragraphs: tuple[int, ...]


def side_from_text(text: str, lang: str, *, presplit: bool = False, name: str = "input") -> Side:
    """Sentences of ``text``: split with the news splitter, or one per line with ``presplit``.

    Pre-split input keeps input line numbers (0-based) as ids; blank lines are skipped and
    separate paragraphs. Lines are split on ``\\n`` only.
    """
    if presplit:
        sentences: list[str] = []
        ids: list[int] = []
        paragraphs: list[int] = []
        paragraph = 0
        for number, line in enumerate(text.split("\n")):
            clean = line.removesuffix("\r").strip()
            if not clean:
                paragraph += 1 if sentences and paragraphs[-1] == paragraph else 0
                continue
            sentences.append(clean)
            ids.append(number)
            paragraphs.append(paragraph)
        if not sentences:
            raise InputError(f"{name}: no sentences", "give a file with one sentence per line")
        return Side(lang, tuple(sentences), tuple(ids), tuple(paragraphs))
    split = Splitter(lang).split(text)
    return Side(
        lang,
        tuple(s.flat for s in split),
        tuple(s.id for s in split),
        tuple(s.paragraph for s in split),
    )


def _bridge(
    engine: Engine | None,
    side: Side,
    target_lang: str,
    cache: TranslationCache | None,
    progress: Progress | None,
) -> list[str] | None:
    if engine is None:
        return None
    translated = translate_sentences(engine, side.sentences, side.lang, target_lang, cache=cache, progress=progress)
    return [t.text for t in translated]


def align_sides(
    src: Side,
    tgt: Side,
    *,
    engines: tuple[Engine | None, Engine | None] = (None, None),
    cache: TranslationCache | None = None,
    glossary: Glossary | None = None,
    options: AlignOptions | None = None,
    warn: Warn | None = None,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Document:
    """Align ``src`` with ``tgt``; ``engines`` translate src→tgt and tgt→src (None: not available).

    Without any engine the alignment uses length and anchors only, and the signature says so.
    ``on_start`` gets the number of sentences to translate, ``progress`` each batch done.
    """
    forward, backward = engines if src.lang != tgt.lang else (None, None)
    if on_start is not None:
        on_start((len(src.sentences) if forward else 0) + (len(tgt.sentences) if backward else 0))
    src_mt = _bridge(forward, src, tgt.lang, cache, progress)
    tgt_mt = _bridge(backward, tgt, src.lang, cache, progress)
    beads = align_sentences(
        src.sentences,
        tgt.sentences,
        src_lang=src.lang,
        tgt_lang=tgt.lang,
        src_mt=src_mt,
        tgt_mt=tgt_mt,
        src_paragraphs=src.paragraphs,
        tgt_paragraphs=tgt.paragraphs,
        glossary=glossary,
        options=options,
    )
    used = [e for e in (forward, backward) if e is not None]
    scoring = "mt+length+anchors" if used else "length+anchors"
    if not used and src.lang != tgt.lang and warn is not None:
        warn("no translation engine available: aligning on sentence length and anchors only (less accurate)")
    unaligned_src = sum(1 for b in beads if b.src_ids and not b.tgt_ids)
    unaligned_tgt = sum(1 for b in beads if b.tgt_ids and not b.src_ids)
    if warn is not None and (unaligned_src * 2 > len(src.sentences) or unaligned_tgt * 2 > len(tgt.sentences)):
        warn(
            f"{unaligned_src} of {len(src.sentences)} {src.lang} and {unaligned_tgt} of {len(tgt.sentences)} "
            f"{tgt.lang} sentences have no counterpart: are these two versions of the same text?"
        )
    sig = signature(
        ((forward, src.lang, tgt.lang), (backward, tgt.lang, src.lang)),
        pair=f"{src.lang}-{tgt.lang}",
        glossary=glossary.signature_value() if glossary is not None else "none",
        stages=("aligner",),
        scoring=scoring,
    )
    return Document(
        pairs=tuple(_pair(n, bead, src, tgt) for n, bead in enumerate(beads)),
        source_lang=src.lang,
        target_lang=tgt.lang if tgt.lang != src.lang else f"{tgt.lang}-x-2",  # same language (--force)
        signature=sig,
        kind="alignment",
    )


def _pair(n: int, bead: Bead, src: Side, tgt: Side) -> Pair:
    flags: list[str] = []
    if not bead.src_ids or not bead.tgt_ids:
        flags.append("unaligned")
    elif bead.confidence < LOW_CONFIDENCE:
        flags.append("low-confidence")
    paragraph = src.paragraphs[bead.src_ids[0]] if bead.src_ids else None
    return Pair(
        id=n,
        source=" ".join(src.sentences[i] for i in bead.src_ids),
        target=" ".join(tgt.sentences[j] for j in bead.tgt_ids),
        source_ids=tuple(src.ids[i] for i in bead.src_ids),
        target_ids=tuple(tgt.ids[j] for j in bead.tgt_ids),
        paragraph=paragraph,
        confidence=bead.confidence,
        flags=tuple(flags),
    )


def align_texts(
    texts: tuple[str, str],
    names: tuple[str, str],
    *,
    langs: tuple[str, str] = ("auto", "auto"),
    presplit: bool = False,
    engine: str = "auto",
    cache: TranslationCache | None = None,
    glossary: Glossary | None = None,
    force: bool = False,
    warn: Warn | None = None,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Document:
    """``bilingual align``: detect each language given as ``auto``, refuse two texts in one
    language (unless ``force``), choose the engines, align."""
    codes = [
        detect_language(text, name).lang if code == "auto" else code
        for text, name, code in zip(texts, names, langs, strict=True)
    ]
    if codes[0] == codes[1] and not force:
        raise BilingualError(
            f"both {names[0]} and {names[1]} are {NAMES.get(codes[0], codes[0])}",
            "give one Spanish and one English file, --from/--to if detection is wrong, or --force to align them anyway",
        )
    sides = [
        side_from_text(text, code, presplit=presplit, name=name)
        for text, code, name in zip(texts, codes, names, strict=True)
    ]
    return align_sides(
        sides[0],
        sides[1],
        engines=engines_for(engine, codes[0], codes[1], warn=warn),
        cache=cache,
        glossary=glossary,
        warn=warn,
        progress=progress,
        on_start=on_start,
    )
