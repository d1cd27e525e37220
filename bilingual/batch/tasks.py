"""Per-document tasks: the single-document library functions, run in a worker, writing their
outputs atomically and returning a small picklable :class:`Outcome` (never the document).

A task reads its own inputs, so only names travel to workers (local processes or Dask), and
one failing document comes back as an :class:`Outcome` with its error instead of stopping the
batch.
"""

from __future__ import annotations

import functools
import json
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual.batch.inputs import Doc
from bilingual.batch.journal import STATE_DIR
from bilingual.batch.workercache import WorkerCache
from bilingual.engines.cache import NullCache, TranslationCache
from bilingual.errors import BilingualError
from bilingual.formats.tmx import MIN_CONFIDENCE
from bilingual.glossary.model import Glossary
from bilingual.textio import atomic_write, read_text


@dataclass(frozen=True)
class GlossarySpec:
    """What the glossary options asked for (loaded once per worker process)."""

    use: bool = True
    files: tuple[str, ...] = ()
    directory: str | None = None
    shipped: bool = True

    def load(self) -> Glossary | None:
        """The layered glossary, or None when glossaries are off."""
        return _load_glossary(self) if self.use else None


@functools.lru_cache(maxsize=4)
def _load_glossary(spec: GlossarySpec) -> Glossary:
    return Glossary.load(shipped=spec.shipped, user=spec.directory, extra=spec.files)


@dataclass(frozen=True)
class Settings:
    """Options shared by every task of one batch (the single commands' options)."""

    kind: str
    """``translate``, ``align`` or ``review``."""
    outdir: str
    engine: str = "auto"
    source_lang: str = "auto"
    target_lang: str | None = None
    fmt: str = "jsonl"
    glossary: GlossarySpec = field(default_factory=GlossarySpec)
    cache: bool = True
    user_cache: str | None = None
    """The user's cache file (read by workers, merged into at the end), None for none."""
    beam_size: int = 2
    threads: int = 0
    batch_size: int = 32
    presplit: bool = False
    force: bool = False
    min_confidence: float = MIN_CONFIDENCE

    def fingerprint_options(self) -> dict[str, Any]:
        """The options that can change a task's outputs (not where caches live)."""
        out = dict(self.__dict__)
        for key in ("outdir", "cache", "user_cache", "glossary"):
            out.pop(key)
        out["glossary"] = {"use": self.glossary.use, "shipped": self.glossary.shipped}
        return out


@dataclass(frozen=True)
class Task:
    """One unit of work: its journal key, its input documents and its main output (relative)."""

    key: str
    inputs: tuple[Doc, ...]
    output: str


@dataclass(frozen=True)
class Outcome:
    """What a task reports back: success, outputs (relative to OUTDIR), statistics, or the error."""

    key: str
    ok: bool
    outputs: tuple[str, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    warnings: tuple[str, ...] = ()


def _cache(settings: Settings) -> TranslationCache:
    if not settings.cache or settings.engine == "none":
        return NullCache()
    return WorkerCache(Path(settings.outdir) / STATE_DIR / "caches", settings.user_cache)


def _write(settings: Settings, relative: str, render: Callable[[Any], None]) -> None:
    target = Path(settings.outdir) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(str(target)) as out:
        render(out)


def _translate(settings: Settings, task: Task, warn: Callable[[str], None]) -> dict[str, Any]:
    from bilingual.engines.choose import ArgosOptions
    from bilingual.formats import write
    from bilingual.translate.document import translate_article

    doc = task.inputs[0]
    with _cache(settings) as store:
        document = translate_article(
            read_text(doc.path),
            doc.path,
            source_lang=settings.source_lang,
            target_lang=settings.target_lang,
            engine=settings.engine,
            argos=ArgosOptions(settings.beam_size, settings.threads, settings.batch_size),
            cache=store,
            glossary=settings.glossary.load(),
            warn=warn,
        )
    _write(settings, task.output, lambda out: write(document, out, settings.fmt))
    flagged = sum(1 for p in document.pairs if p.flags)
    return {"sentences": len(document.pairs), "flagged": flagged, "lang": document.source_lang}


def _align(settings: Settings, task: Task, warn: Callable[[str], None]) -> dict[str, Any]:
    from bilingual.align.document import align_texts
    from bilingual.formats import write

    es, en = task.inputs
    with _cache(settings) as store:
        document = align_texts(
            (read_text(es.path), read_text(en.path)),
            (es.path, en.path),
            langs=(settings.source_lang, settings.target_lang or "auto"),
            presplit=settings.presplit,
            engine=settings.engine,
            cache=store,
            glossary=settings.glossary.load(),
            force=settings.force,
            warn=warn,
        )
    _write(settings, task.output, lambda out: write(document, out, settings.fmt))
    beads: dict[str, int] = {}
    low = kept = 0
    for pair in document.pairs:
        beads[pair.bead] = beads.get(pair.bead, 0) + 1
        if pair.source_ids and pair.target_ids:
            if (pair.confidence or 0.0) < settings.min_confidence:
                low += 1
            elif pair.source.strip() and pair.target.strip():
                kept += 1
    return {"beads": beads, "low_confidence": low, "tmx_units": kept}


def _review(settings: Settings, task: Task, warn: Callable[[str], None]) -> dict[str, Any]:
    from bilingual.review.jobs import review_texts
    from bilingual.review.report_html import render
    from bilingual.review.report_md import render_jsonl, render_markdown

    article, *sources = task.inputs
    with _cache(settings) as store:
        result = review_texts(
            read_text(article.path),
            article.path,
            [(s.path, read_text(s.path)) for s in sources],
            lang=settings.source_lang,
            engine=settings.engine,
            cache=store,
            glossary=settings.glossary.load(),
            warn=warn,
        )
    jsonl = render_jsonl(result)
    body = {"jsonl": lambda: jsonl, "md": lambda: render_markdown(result), "html": lambda: render(result)}
    text = body[settings.fmt]()
    _write(settings, task.output, lambda out: out.write(text))
    items = flagged = 0
    kinds: dict[str, int] = {}
    for line in jsonl.split("\n")[1:]:
        if not line.strip():
            continue
        record = json.loads(line)
        items += 1
        flags = record.get("flags") or []
        flagged += 1 if flags else 0
        for flag in flags:
            kinds[flag["kind"]] = kinds.get(flag["kind"], 0) + 1
    return {"items": items, "flagged": flagged, "flags": kinds}


RUNNERS = {"translate": _translate, "align": _align, "review": _review}


def run_task(settings: Settings, task: Task) -> Outcome:
    """Run one task; any error becomes a failed :class:`Outcome` (the batch goes on)."""
    warnings: list[str] = []
    try:
        stats = RUNNERS[settings.kind](settings, task, warnings.append)
    except BilingualError as exc:
        return Outcome(task.key, False, error=str(exc), warnings=tuple(warnings))
    except Exception as exc:  # one broken document must not stop the archive
        where = traceback.extract_tb(exc.__traceback__)[-1]
        detail = f"{type(exc).__name__}: {exc} (at {os.path.basename(where.filename)}:{where.lineno})"
        return Outcome(task.key, False, error=f"unexpected error {detail}; please report it", warnings=tuple(warnings))
    return Outcome(task.key, True, (task.output,), stats, warnings=tuple(warnings))


def run_signatures(settings: Settings, compact_chars: int, bridge: tuple[str, str], task: Task) -> Outcome:
    """Pairing signatures of a chunk of documents in language ``bridge[0]``, their compact parts
    translated into ``bridge[1]`` (the other side's language) through the cache; saved as one
    ``.npz`` file (``task.output``), written atomically. A document that cannot be read is left
    out and listed in the outcome's ``bad`` statistics (the others are still paired)."""
    from bilingual.batch.pairing import save_signatures, signatures_for
    from bilingual.engines.choose import make_engine

    warnings: list[str] = []
    try:
        lang, other = bridge
        engine = None
        if settings.engine != "none" and lang != other:
            engine = make_engine(settings.engine, lang, other, warn=warnings.append)
        texts: list[tuple[str, str]] = []
        bad: list[tuple[str, str]] = []
        for doc in task.inputs:
            try:
                texts.append((doc.name, read_text(doc.path)))
            except BilingualError as exc:
                bad.append((doc.path, str(exc)))
        with _cache(settings) as store:
            sigs = signatures_for(
                texts, lang, other, engine=engine, cache=store, glossary=settings.glossary.load(), chars=compact_chars
            )
        save_signatures(Path(settings.outdir) / task.output, sigs)
    except BilingualError as exc:
        return Outcome(task.key, False, error=str(exc), warnings=tuple(warnings))
    stats = {"documents": len(texts), "bad": bad}
    return Outcome(task.key, True, (task.output,), stats, warnings=tuple(warnings))
