"""``bilingual batch``: translate, align and review whole archives, resumably, on local worker
processes (``-j N``) or a Dask cluster (``--scheduler ADDRESS``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from bilingual.cli import options
from bilingual.cli.app import cli, warner
from bilingual.formats.tmx import MIN_CONFIDENCE

F = TypeVar("F", bound=Callable[..., Any])

outdir = click.option(
    "-o", "--output", "outdir", required=True, metavar="OUTDIR", help="Output folder (created; holds the journal)."
)
jobs = click.option(
    "-j", "--jobs", type=click.IntRange(1, 512), default=1, show_default=True, help="Local worker processes."
)
scheduler = click.option(
    "--scheduler", metavar="ADDRESS", default=None, help="Run the tasks on this Dask scheduler (needs bilingual[dask])."
)


def run_options(func: F) -> F:
    """``-o OUTDIR``, ``-j N``, ``--scheduler``, ``-q``: every batch command's own options."""
    return options.compose(outdir, jobs, scheduler, options.quiet)(func)


class Bars:
    """Progress over documents on stderr, one bar per stage, on a terminal only."""

    def __init__(self, quiet: bool) -> None:
        self.show = not quiet and sys.stderr.isatty()
        self.bar: Any = None
        self.stage = ""
        self.shown = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.show or total == 0:
            return
        if stage != self.stage:
            self.close()
            self.stage, self.shown = stage, 0
            self.bar = click.progressbar(length=total, label=stage, file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.shown)
            self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def finish(result: Any, quiet: bool) -> int:
    """Print the summary to stderr; exit status 1 when any document failed."""
    from bilingual.batch.jobs import documents, render_summary

    if not quiet or not result.ok:
        click.echo(
            f"{documents(result.ran)} processed, {result.skipped} already done (journal in {result.outdir}/.batch)",
            err=True,
        )
        click.echo(render_summary(result.summary), err=True)
    return 0 if result.ok else 1


def run_batch(run: Callable[..., Any], *args: Any, jobs: int, scheduler: str | None, quiet: bool, **kwargs: Any) -> int:
    """Run one batch job (``run(*args, executor, **kwargs)``) with its progress bars and warnings
    on stderr, then report it (see :func:`finish`)."""
    bars = Bars(quiet)
    try:
        result = run(*args, executor(jobs, scheduler), warn=warner(quiet), progress=bars, **kwargs)
    finally:
        bars.close()
    return finish(result, quiet)


def settings_for(glossary: options.GlossaryChoice, **values: Any) -> Any:
    from bilingual.batch.tasks import GlossarySpec, Settings

    spec = GlossarySpec(glossary.use, tuple(glossary.files), glossary.directory, glossary.shipped)
    return Settings(kind="", outdir="", glossary=spec, **values)


def executor(jobs: int, scheduler: str | None) -> Any:
    """Local processes or a Dask scheduler (the cluster decides its own number of workers)."""
    from bilingual.batch.executors import ExecutorChoice

    if scheduler and jobs > 1:
        raise click.UsageError("give -j N (local processes) or --scheduler ADDRESS (Dask), not both")
    return ExecutorChoice(jobs=jobs, scheduler=scheduler)


@cli.group()
def batch() -> None:
    """Translate, align and review whole archives: resumable (a journal in OUTDIR; a re-run skips
    what is done), one bad document never stops the others, -j N local processes or a Dask
    cluster (--scheduler)."""


@batch.command("translate")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@options.from_lang("Language of the inputs; auto detects each.")
@options.to_lang("Target language [default: the other one].")
@options.engine(with_none=False)
@options.fmt(("tsv", "jsonl", "tmx", "md"), "tsv")
@click.option("--beam-size", type=click.IntRange(1, 16), default=2, show_default=True, help="argos: beam size.")
@click.option("--threads", type=click.IntRange(0, 256), default=0, show_default=True, help="argos: CPU threads.")
@click.option("--batch-size", type=click.IntRange(1, 4096), default=32, show_default=True, help="argos: batch size.")
@options.cache
@options.glossary
@run_options
def batch_translate(
    inputs: tuple[str, ...],
    source_lang: str,
    target_lang: str | None,
    engine: str,
    fmt: str | None,
    beam_size: int,
    threads: int,
    batch_size: int,
    cache: bool,
    glossary: options.GlossaryChoice,
    outdir: str,
    jobs: int,
    scheduler: str | None,
    quiet: bool,
) -> int:
    """Translate every document of INPUT... (files, folders, globs, or a manifest whose first
    line is 'file') into OUTDIR/translations/, one file per document."""
    from bilingual.batch.jobs import batch_translate as run

    settings = settings_for(
        glossary,
        engine=engine,
        source_lang=source_lang,
        target_lang=target_lang,
        fmt=fmt or "tsv",
        cache=cache,
        beam_size=beam_size,
        threads=threads,
        batch_size=batch_size,
    )
    return run_batch(run, inputs, outdir, settings, jobs=jobs, scheduler=scheduler, quiet=quiet)


@batch.command("align")
@click.argument("es_input", metavar="ES_INPUT")
@click.argument("en_input", metavar="EN_INPUT")
@click.option("--pairs", "pairs", metavar="MANIFEST", help="es_file<TAB>en_file pairs to align (skips pairing).")
@click.option("--pairs-only", is_flag=True, help="Stop after writing pairs.tsv and unpaired.tsv.")
@click.option(
    "--from", "source_lang", type=options.Lang(), default="es", show_default=True, help="Language of ES_INPUT."
)
@click.option("--to", "target_lang", type=options.Lang(), default="en", show_default=True, help="Language of EN_INPUT.")
@click.option("--presplit", is_flag=True, help="Inputs have one sentence per line.")
@options.engine(with_none=True)
@options.fmt(("tsv", "jsonl", "tmx", "md"), "jsonl")
@options.cache
@options.glossary
@click.option("--force", is_flag=True, help="Align a pair even if both files are in the same language.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=MIN_CONFIDENCE,
    show_default=True,
    help="Beads below this stay out of archive.tmx.",
)
@click.option(
    "--threshold", type=click.FloatRange(0, 1), default=None, help="Pairing: minimum similarity [default: 0.2]."
)
@run_options
def batch_align(
    es_input: str,
    en_input: str,
    pairs: str | None,
    pairs_only: bool,
    source_lang: str,
    target_lang: str,
    presplit: bool,
    engine: str,
    fmt: str | None,
    cache: bool,
    glossary: options.GlossaryChoice,
    force: bool,
    min_confidence: float,
    threshold: float | None,
    outdir: str,
    jobs: int,
    scheduler: str | None,
    quiet: bool,
) -> int:
    """Pair the Spanish documents of ES_INPUT with their English versions in EN_INPUT (folders,
    globs or files) by content — or take the pairs from --pairs — and align each pair.

    Writes OUTDIR/pairs.tsv, OUTDIR/unpaired.tsv (each with its best candidate), one alignment
    per pair in OUTDIR/alignments/, OUTDIR/archive.tmx (aligned beads at or above
    --min-confidence) and OUTDIR/summary.txt.
    """
    from bilingual.batch.jobs import batch_align as run
    from bilingual.batch.pairing import PairingOptions

    settings = settings_for(
        glossary,
        engine=engine,
        source_lang=source_lang,
        target_lang=target_lang,
        fmt=fmt or "jsonl",
        cache=cache,
        presplit=presplit,
        force=force,
        min_confidence=min_confidence,
    )
    pairing = PairingOptions() if threshold is None else PairingOptions(threshold=threshold)
    return run_batch(
        run,
        es_input,
        en_input,
        outdir,
        settings,
        jobs=jobs,
        scheduler=scheduler,
        quiet=quiet,
        pairs=pairs,
        pairing=pairing,
        pairs_only=pairs_only,
    )


@batch.command("review")
@click.argument("manifest", metavar="MANIFEST")
@options.from_lang("Language of the articles; auto detects each.")
@options.engine(with_none=True)
@options.fmt(("jsonl", "md", "html"), "jsonl")
@options.cache
@options.glossary
@run_options
def batch_review(
    manifest: str,
    source_lang: str,
    engine: str,
    fmt: str | None,
    cache: bool,
    glossary: options.GlossaryChoice,
    outdir: str,
    jobs: int,
    scheduler: str | None,
    quiet: bool,
) -> int:
    """Review every article of MANIFEST (first line 'article<TAB>source'; then an article and
    its sources per line, or a translate/align output alone) into OUTDIR/reviews/."""
    from bilingual.batch.jobs import batch_review as run

    settings = settings_for(glossary, engine=engine, source_lang=source_lang, fmt=fmt or "jsonl", cache=cache)
    return run_batch(run, manifest, outdir, settings, jobs=jobs, scheduler=scheduler, quiet=quiet)
