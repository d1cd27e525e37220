"""``bilingual tm import|export|list|stats``: the newsroom's translation memory."""

from __future__ import annotations

from typing import Any

import click

from bilingual.cli import options
from bilingual.cli.app import cli, emit, warner
from bilingual.formats.outputs import output_format
from bilingual.formats.table import FORMATS as TABLE_FORMATS
from bilingual.formats.table import render_table
from bilingual.formats.tmx import MIN_CONFIDENCE
from bilingual.textio import check_not_input, read_text


@cli.group()
def tm() -> None:
    """The translation memory: approved translations that `translate` uses before any engine.

    It is one SQLite file ($BILINGUAL_TM, else memory.sqlite3 in the data dir, or --tm FILE).
    """


@tm.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@options.tm_file
@options.from_lang("Plain two-column TSV: language of the first column.", default="es", auto=False)
@options.to_lang("Plain two-column TSV: language of the second column [default: the other one].")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=MIN_CONFIDENCE,
    show_default=True,
    help="Skip aligned pairs less confident than this.",
)
@options.quiet
def tm_import(
    files: tuple[str, ...],
    tm_file: str | None,
    source_lang: str,
    target_lang: str | None,
    min_confidence: float,
    quiet: bool,
) -> None:
    """Import approved translations from TMX, XLIFF, JSONL or TSV files (ours, or a plain
    source<TAB>target file). A sentence already there with another translation is updated;
    pairs with an empty side, flagged unaligned or weakly aligned are skipped."""
    from bilingual.tm.exchange import import_file

    with options.open_memory(tm_file, create=True) as memory:
        for name in files:
            done = import_file(
                memory,
                read_text(name),
                name,
                source_lang=source_lang,
                target_lang=target_lang,
                min_confidence=min_confidence,
                warn=warner(quiet),
            )
            click.echo(done.summary())
        click.echo(f"{memory.path}: {memory.count()} entries")


@tm.command("export")
@options.tm_file
@options.from_lang("Source language of the entries to export.", default="es", auto=False)
@options.to_lang("Target language [default: the other one].")
@options.fmt(("tmx", "xliff", "tsv", "jsonl"), "tmx")
@options.output
def tm_export(tm_file: str | None, source_lang: str, target_lang: str | None, fmt: str | None, output: str) -> None:
    """Export the memory's entries for one language pair (TMX by default) for a CAT tool or a backup."""
    from bilingual.formats import write
    from bilingual.lang import other_language
    from bilingual.textio import atomic_write
    from bilingual.tm.exchange import memory_document

    fmt = output_format(fmt, output, ("tmx", "xliff", "tsv", "jsonl"), "tmx")
    memory = _existing(tm_file)
    with memory:
        check_not_input(output, [str(memory.path)])
        document = memory_document(memory, source_lang, target_lang or other_language(source_lang))
    with atomic_write(output) as out:
        write(document, out, fmt)


@tm.command("list")
@options.tm_file
@click.option("--search", metavar="TEXT", help="Only entries whose source or target contains TEXT (any case).")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many entries.")
@click.option(
    "--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True, help="Listing format."
)
@options.output
def tm_list(tm_file: str | None, search: str | None, limit: int | None, fmt: str, output: str) -> None:
    """List the memory's entries, oldest first."""
    from bilingual.tm.exchange import LIST_HEADER, list_rows

    with _existing(tm_file) as memory:
        rows = list_rows(memory.entries(search=search, limit=limit))
    emit(output, render_table(LIST_HEADER, rows, fmt))


@tm.command("stats")
@options.tm_file
@click.option(
    "--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True, help="Listing format."
)
def tm_stats(tm_file: str | None, fmt: str) -> None:
    """Where the memory is, its size, and its entries per language pair and per imported file."""
    from bilingual.tm.exchange import STATS_HEADER, stats_rows

    with _existing(tm_file) as memory:
        click.echo(render_table(STATS_HEADER, stats_rows(memory.stats()), fmt), nl=False)


def _existing(tm_file: str | None) -> Any:
    """The memory, or a usage error saying how to create it."""
    from bilingual.tm.store import default_tm_path

    memory = options.open_memory(tm_file, create=False)
    if memory is None:
        raise click.UsageError(
            f"no translation memory at {tm_file or default_tm_path()}; create it with `bilingual tm import FILE`"
        )
    return memory
