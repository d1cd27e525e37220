"""What the ``batch`` commands ask of the library, one function each: expand the inputs, skip
what the journal says is done, run the per-document tasks on the chosen executor, record each
outcome, then write the batch-wide outputs (pairs, archive TMX, summary) from the journal.

Every output is written atomically and depends only on the inputs and options, never on the
order tasks finished in or on an earlier interrupted run, so a killed batch re-run gives exactly
the outputs of an uninterrupted one.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bilingual.batch.executors import ExecutorChoice, run_all
from bilingual.batch.inputs import Doc, content_hash, expand_inputs, pairs_manifest, review_manifest, side_lookup
from bilingual.batch.journal import STATE_DIR, Journal, fingerprint, open_journal
from bilingual.batch.pairing import PairingOptions, load_signatures, pair_signatures
from bilingual.batch.tasks import Outcome, Settings, Task, run_signatures, run_task
from bilingual.batch.workercache import merge_worker_caches
from bilingual.engines.cache import TranslationCache
from bilingual.errors import BilingualError, InputError, UsageError, Warn
from bilingual.signature import TOOL, signature
from bilingual.textio import atomic_write

IN_PROCESS = ExecutorChoice()

Progress = Callable[[str, int, int], None]
"""Called with (stage, documents done, documents in the stage)."""

SIGNATURE_CHUNK = 32
"""Documents per pairing-signature task (one MT engine call each)."""


@dataclass
class BatchResult:
    """What a batch did: counts for this run, failures, and the batch-wide summary."""

    kind: str
    outdir: Path
    total: int = 0
    ran: int = 0
    skipped: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """No task failed."""
        return not self.failures


def _safe(name: str) -> str:
    """A relative document name as a flat, filesystem-safe stem."""
    stem = re.sub(r"\.txt$", "", name)
    return re.sub(r"[^\w.-]+", "_", stem.replace("/", "__")) or "doc"


def _models() -> str:
    from bilingual.engines.choose import installed_models

    return ";".join(f"{m.pair}:{m.engine}:{m.model}" for m in installed_models())


def _user_cache(settings: Settings, warn: Warn | None) -> Settings:
    if not settings.cache or settings.engine == "none":
        return settings
    with TranslationCache.open(warn=warn) as store:
        path = store.path
    return replace(settings, user_cache=str(path) if path is not None else None)


class _Runner:
    """Runs tasks against the journal: skips done ones, records outcomes, reports progress."""

    def __init__(
        self,
        journal: Journal,
        settings: Settings,
        executor: ExecutorChoice,
        result: BatchResult,
        warn: Warn | None,
        progress: Progress | None,
    ) -> None:
        self.journal = journal
        self.settings = settings
        self.executor = executor
        self.result = result
        self.warn = warn
        self.progress = progress
        self.seen_warnings: set[str] = set()
        self.common = {"options": settings.fingerprint_options(), "models": _models()}
        glossary = settings.glossary.load()
        self.common["glossary"] = glossary.digest if glossary is not None else "none"
        self.hashes: dict[str, str] = {}

    def hash_of(self, doc: Doc) -> str:
        """The content hash of a document; an unreadable one hashes as such and its task reports
        the error (failed tasks are always retried)."""
        if doc.path not in self.hashes:
            try:
                self.hashes[doc.path] = content_hash(doc.path)
            except InputError:
                self.hashes[doc.path] = "unreadable"
        return self.hashes[doc.path]

    def fingerprint(self, task: Task, extra: dict[str, Any] | None = None) -> str:
        inputs = {f"{i}:{doc.name}": self.hash_of(doc) for i, doc in enumerate(task.inputs)}
        return fingerprint(self.settings.kind, {**self.common, **(extra or {}), "output": task.output}, inputs)

    def run(
        self,
        stage: str,
        tasks: Sequence[Task],
        func: Callable[[Task], Outcome],
        extra: dict[str, Any] | None = None,
        count: bool = True,
    ) -> dict[str, dict[str, Any]]:
        """Run the tasks not yet done; return the journal record of every task (done or failed)."""
        todo: list[tuple[Task, str]] = []
        records: dict[str, dict[str, Any]] = {}
        for task in tasks:
            fp = self.fingerprint(task, extra)
            record = self.journal.done(task.key, fp)
            if record is not None:
                records[task.key] = record
            else:
                todo.append((task, fp))
        if count:
            self.result.total += len(tasks)
            self.result.skipped += len(tasks) - len(todo)
        fps = {task.key: fp for task, fp in todo}
        if self.progress is not None:
            self.progress(stage, 0, len(todo))
        outcomes = run_all(self.executor, func, [task for task, _ in todo])
        for done, outcome in enumerate(outcomes, start=1):
            record = {
                "task": outcome.key,
                "fingerprint": fps[outcome.key],
                "status": "ok" if outcome.ok else "failed",
                "outputs": list(outcome.outputs),
                "stats": outcome.stats,
                "error": outcome.error,
            }
            self.journal.record(record)
            records[outcome.key] = record
            for message in outcome.warnings:
                if message not in self.seen_warnings and self.warn is not None:
                    self.seen_warnings.add(message)
                    self.warn(message)
            if count:
                self.result.ran += 1
            if self.progress is not None:
                self.progress(stage, done, len(todo))
        return records


def _failures(
    tasks: Sequence[Task], records: dict[str, dict[str, Any]], label: Callable[[Task], str]
) -> list[tuple[str, str]]:
    return [(label(t), records[t.key].get("error") or "failed") for t in tasks if records[t.key]["status"] != "ok"]


def _run_each(
    runner: _Runner, stage: str, tasks: Sequence[Task], settings: Settings, result: BatchResult
) -> list[dict[str, Any]]:
    """Run one task per document, record those that failed, and return the stats of the rest."""
    records = runner.run(stage, tasks, functools.partial(run_task, settings))
    result.failures = _failures(tasks, records, lambda t: t.inputs[0].path)
    return [records[t.key]["stats"] for t in tasks if records[t.key]["status"] == "ok"]


def _tally(counts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """The per-key sums of several counts (flags by kind, beads by type)."""
    total: dict[str, int] = {}
    for count in counts:
        for key, n in count.items():
            total[key] = total.get(key, 0) + n
    return total


def _finish(journal: Journal, settings: Settings, result: BatchResult, warn: Warn | None) -> None:
    """Merge the workers' caches into the user's, and write summary.json / summary.txt."""
    caches = journal.state / "caches"
    if settings.user_cache:
        with TranslationCache.open(Path(settings.user_cache), warn=warn) as store:
            merge_worker_caches(caches, store, warn=warn)
    elif caches.is_dir():
        for leftover in caches.glob("*.sqlite3*"):
            leftover.unlink()
    result.summary["failed"] = [{"document": name, "error": error} for name, error in result.failures]
    with atomic_write(str(result.outdir / "summary.json")) as out:
        out.write(json.dumps(result.summary, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    with atomic_write(str(result.outdir / "summary.txt")) as out:
        out.write(render_summary(result.summary) + "\n")


def documents(n: int) -> str:
    """``1 document``, ``2 documents``."""
    return f"{n} document" if n == 1 else f"{n} documents"


def render_summary(summary: dict[str, Any]) -> str:
    """The batch summary as a few human-readable lines (also written to OUTDIR/summary.txt)."""
    kind = summary.get("kind")
    label = "align --pairs-only" if kind == "pairs" else kind
    lines = [f"bilingual batch {label}: {documents(summary.get('documents', 0))}, {len(summary['failed'])} failed"]
    if kind == "translate":
        lines.append(f"sentences: {summary['sentences']}, flagged: {summary['flagged']}")
    elif kind == "pairs":
        lines.append(
            f"pairs: {summary['pairs']}, unpaired: {summary['unpaired_es']} {summary['langs'][0]}"
            f" + {summary['unpaired_en']} {summary['langs'][1]}"
        )
    elif kind == "align":
        lines.append(
            f"pairs: {summary['pairs']}, unpaired: {summary['unpaired_es']} {summary['langs'][0]}"
            f" + {summary['unpaired_en']} {summary['langs'][1]}"
        )
        beads = ", ".join(f"{k} {v}" for k, v in sorted(summary["beads"].items()))
        lines.append(f"beads: {summary['bead_total']} ({beads or 'none'})")
        lines.append(
            f"low confidence (< {summary['min_confidence']}): {summary['low_confidence']}"
            f" of {summary['aligned_beads']} aligned beads ({summary['low_confidence_share']:.1%});"
            f" archive.tmx: {summary['tmx_units']} units"
        )
    elif kind == "review":
        flags = ", ".join(f"{k} {v}" for k, v in sorted(summary["flags"].items()))
        lines.append(f"items: {summary['items']}, flagged: {summary['flagged']} ({flags or 'no flags'})")
    for failure in summary["failed"]:
        lines.append(f"FAILED {failure['document']}: {failure['error']}")
    return "\n".join(lines)


def batch_translate(
    inputs: Sequence[str],
    outdir: str,
    settings: Settings,
    executor: ExecutorChoice = IN_PROCESS,
    *,
    warn: Warn | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """``bilingual batch translate``: translate every document into ``OUTDIR/translations/``."""
    out = Path(outdir)
    docs = expand_inputs(inputs, exclude=out)
    settings = _user_cache(replace(settings, kind="translate", outdir=str(out)), warn)
    tasks = [Task(f"translate\t{d.name}", (d,), f"translations/{_safe(d.name)}.{settings.fmt}") for d in docs]
    result = BatchResult("translate", out)
    with open_journal(out) as journal:
        runner = _Runner(journal, settings, executor, result, warn, progress)
        stats = _run_each(runner, "Translating", tasks, settings, result)
        langs = _tally({s["lang"]: 1} for s in stats)
        result.summary = {
            "kind": "translate",
            "tool": TOOL,
            "documents": len(tasks),
            "translated": len(stats),
            "sentences": sum(s["sentences"] for s in stats),
            "flagged": sum(s["flagged"] for s in stats),
            "source_langs": langs,
        }
        _finish(journal, settings, result, warn)
    return result


def _pairing_stage(
    runner: _Runner,
    es_docs: list[Doc],
    en_docs: list[Doc],
    langs: tuple[str, str],
    options: PairingOptions,
) -> tuple[list[tuple[Doc, Doc, float]], list[tuple[str, Doc, Doc | None, float]]]:
    """Signatures of both sides (chunked tasks, journaled), then the one-to-one pairing."""
    settings = runner.settings
    # only what changes a signature: not the alignment format, confidence or presplit options
    extra = {
        "options": {"engine": settings.engine, "glossary": settings.fingerprint_options()["glossary"]},
        "compact": options.compact_chars,
    }
    tasks: list[tuple[str, Task]] = []
    for side, docs, bridge in (("es", es_docs, langs), ("en", en_docs, (langs[1], langs[1]))):
        for start in range(0, len(docs), SIGNATURE_CHUNK):
            chunk = tuple(docs[start : start + SIGNATURE_CHUNK])
            probe = Task(f"signatures\t{side}\t{start}", chunk, "")
            fp = runner.fingerprint(probe, {**extra, "bridge": list(bridge)})
            tasks.append((side, Task(probe.key, chunk, f"{STATE_DIR}/signatures/{side}-{fp[:24]}.npz")))
    by_side = {"es": [t for s, t in tasks if s == "es"], "en": [t for s, t in tasks if s == "en"]}
    records: dict[str, dict[str, Any]] = {}
    for side, bridge in (("es", langs), ("en", (langs[1], langs[1]))):
        func = functools.partial(run_signatures, settings, options.compact_chars, bridge)
        records.update(
            runner.run(f"Reading {side}", by_side[side], func, {**extra, "bridge": list(bridge)}, count=False)
        )
    failed = [(t.key, records[t.key].get("error")) for _, t in tasks if records[t.key]["status"] != "ok"]
    if failed:
        key, error = failed[0]
        raise BilingualError(
            f"pairing could not process a group of documents ({key.replace(chr(9), ' ')}): {error}",
            "fix the cause and run the same command again (finished work is kept)",
        )
    for _, task in tasks:
        runner.result.failures.extend((path, error) for path, error in records[task.key]["stats"].get("bad", []))
    sigs = {
        side: [s for t in by_side[side] for s in load_signatures(runner.journal.outdir / t.output)] for side in by_side
    }
    es_by_name = {d.name: d for d in es_docs}
    en_by_name = {d.name: d for d in en_docs}
    es_docs = [es_by_name[s.name] for s in sigs["es"]]
    en_docs = [en_by_name[s.name] for s in sigs["en"]]
    found = pair_signatures(sigs["es"], sigs["en"], options)
    pairs = [(es_docs[c.es], en_docs[c.en], c.score) for c in found.pairs]
    unpaired: list[tuple[str, Doc, Doc | None, float]] = []
    for i, best, score in found.unpaired_es:
        unpaired.append((langs[0], es_docs[i], en_docs[best] if best is not None else None, score))
    for j, best, score in found.unpaired_en:
        unpaired.append((langs[1], en_docs[j], es_docs[best] if best is not None else None, score))
    return pairs, unpaired


def batch_align(
    es_input: str,
    en_input: str,
    outdir: str,
    settings: Settings,
    executor: ExecutorChoice = IN_PROCESS,
    *,
    pairs: str | None = None,
    pairing: PairingOptions | None = None,
    pairs_only: bool = False,
    warn: Warn | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """``bilingual batch align``: pair the documents of two folders (or take ``pairs``, a
    manifest), align every pair into ``OUTDIR/alignments/``, and write ``pairs.tsv``,
    ``unpaired.tsv``, ``archive.tmx`` and the summary; ``pairs_only`` stops after the pairs."""
    out = Path(outdir)
    langs = (settings.source_lang, settings.target_lang or "en")
    if langs[0] == langs[1] or "auto" in langs:
        raise UsageError(
            f"batch align needs two different languages, not {langs[0]} and {langs[1]}",
            "give --from and --to as es and en (the languages of ES_INPUT and EN_INPUT)",
        )
    settings = _user_cache(replace(settings, kind="align", outdir=str(out), target_lang=langs[1]), warn)
    es_docs, es_index = side_lookup(es_input, out)
    en_docs, en_index = side_lookup(en_input, out)
    options = pairing or PairingOptions()
    result = BatchResult("align", out)
    with open_journal(out) as journal:
        runner = _Runner(journal, settings, executor, result, warn, progress)
        if pairs is not None:
            listed = [(es, en, None) for es, en in pairs_manifest(pairs, es_index, en_index)]
            used_es = {es.path for es, _, _ in listed}
            used_en = {en.path for _, en, _ in listed}
            unpaired: list[tuple[str, Doc, Doc | None, float | None]] = [
                *((langs[0], d, None, None) for d in es_docs if d.path not in used_es),
                *((langs[1], d, None, None) for d in en_docs if d.path not in used_en),
            ]
            found: list[tuple[Doc, Doc, float | None]] = list(listed)
        else:
            paired, lonely = _pairing_stage(runner, es_docs, en_docs, langs, options)
            found = list(paired)
            unpaired = list(lonely)
        _write_pairs(out, found, unpaired)
        if pairs_only:
            result.summary = {
                "kind": "pairs",
                "tool": TOOL,
                "langs": list(langs),
                "documents": len(es_docs) + len(en_docs),
                "pairs": len(found),
                "unpaired_es": sum(1 for u in unpaired if u[0] == langs[0]),
                "unpaired_en": sum(1 for u in unpaired if u[0] == langs[1]),
                "pairing": "manifest" if pairs is not None else options.__dict__,
            }
            _finish(journal, settings, result, warn)
            return result
        tasks = [
            Task(
                f"align\t{es.name}\t{en.name}",
                (es, en),
                f"alignments/{_safe(es.name)}--{_safe(en.name)}.{settings.fmt}",
            )
            for es, en, _ in found
        ]
        records = runner.run("Aligning", tasks, functools.partial(run_task, settings))
        result.failures += _failures(tasks, records, lambda t: f"{t.inputs[0].path} + {t.inputs[1].path}")
        good = [t for t in tasks if records[t.key]["status"] == "ok"]
        tmx_units = _write_tmx(out, good, settings, langs)
        beads = _tally(records[t.key]["stats"]["beads"] for t in good)
        aligned = sum(n for kind, n in beads.items() if "0" not in kind.split("-"))
        low = sum(records[t.key]["stats"]["low_confidence"] for t in good)
        result.summary = {
            "kind": "align",
            "tool": TOOL,
            "langs": list(langs),
            "documents": len(es_docs) + len(en_docs),
            "pairs": len(found),
            "aligned_pairs": len(good),
            "unpaired_es": sum(1 for u in unpaired if u[0] == langs[0]),
            "unpaired_en": sum(1 for u in unpaired if u[0] == langs[1]),
            "beads": beads,
            "bead_total": sum(beads.values()),
            "aligned_beads": aligned,
            "low_confidence": low,
            "low_confidence_share": round(low / aligned, 4) if aligned else 0.0,
            "min_confidence": settings.min_confidence,
            "tmx_units": tmx_units,
            "pairing": "manifest" if pairs is not None else options.__dict__,
        }
        _finish(journal, settings, result, warn)
    return result


def _write_pairs(
    out: Path,
    found: Sequence[tuple[Doc, Doc, float | None]],
    unpaired: Sequence[tuple[str, Doc, Doc | None, float | None]],
) -> None:
    def cell(score: float | None) -> str:
        return "" if score is None else f"{score:.4f}"

    with atomic_write(str(out / "pairs.tsv")) as handle:
        handle.write("es_file\ten_file\tscore\n")
        for es, en, score in found:
            handle.write(f"{es.path}\t{en.path}\t{cell(score)}\n")
    with atomic_write(str(out / "unpaired.tsv")) as handle:
        handle.write("lang\tfile\tbest_candidate\tscore\n")
        for lang, doc, best, score in unpaired:
            handle.write(f"{lang}\t{doc.path}\t{best.path if best is not None else ''}\t{cell(score)}\n")


def _write_tmx(out: Path, good: Sequence[Task], settings: Settings, langs: tuple[str, str]) -> int:
    from bilingual.batch.archive import write_archive_tmx

    glossary = settings.glossary.load()
    base = signature(
        (),
        pair=f"{langs[0]}-{langs[1]}",
        glossary=glossary.signature_value() if glossary is not None else "none",
        stages=("aligner",),
    )
    extra = {"batch": f"{len(good)}-pairs", "min_confidence": str(settings.min_confidence)}
    return write_archive_tmx(
        out / "archive.tmx",
        [out / task.output for task in good],
        {**base, **extra} if not good else extra,
        min_confidence=settings.min_confidence,
        langs=langs,
    )


def batch_review(
    manifest: str,
    outdir: str,
    settings: Settings,
    executor: ExecutorChoice = IN_PROCESS,
    *,
    warn: Warn | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """``bilingual batch review``: review every article of the manifest against its sources
    (or every pair of a translate/align output) into ``OUTDIR/reviews/``."""
    rows = review_manifest(manifest)
    out = Path(outdir)
    settings = _user_cache(replace(settings, kind="review", outdir=str(out)), warn)
    tasks = [
        Task(f"review\t{article.name}", (article, *sources), f"reviews/{_safe(article.name)}.{settings.fmt}")
        for article, sources in rows
    ]
    result = BatchResult("review", out)
    with open_journal(out) as journal:
        runner = _Runner(journal, settings, executor, result, warn, progress)
        stats = _run_each(runner, "Reviewing", tasks, settings, result)
        flags = _tally(s["flags"] for s in stats)
        result.summary = {
            "kind": "review",
            "tool": TOOL,
            "documents": len(tasks),
            "reviewed": len(stats),
            "items": sum(s["items"] for s in stats),
            "flagged": sum(s["flagged"] for s in stats),
            "flags": flags,
        }
        _finish(journal, settings, result, warn)
    return result
