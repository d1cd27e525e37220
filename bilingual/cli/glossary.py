"""``bilingual glossary list|add|remove|check|import|export|check-pairs``."""

from __future__ import annotations

import sys
from typing import Any

import click

from bilingual.cli import options
from bilingual.cli.app import cli, warner
from bilingual.formats.outputs import output_format
from bilingual.glossary.edit import glossary_inputs
from bilingual.textio import atomic_write, check_not_input, read_text

_TYPE = click.Choice(["person", "place", "agency", "organization", "term"])
_ONLY_TYPE = click.option("--type", "kind", type=_TYPE, help="Only entries of this type.")
_FILE = click.option(
    "--file",
    "file",
    default=None,
    metavar="FILE",
    help="Glossary file to change [default: user.tsv in the user glossary directory].",
)
_CSV_FROM = options.from_lang("csv: language of the first column.", default="es", auto=False)


@cli.group()
@click.option(
    "--glossary-dir",
    default=None,
    metavar="DIR",
    help="User glossary directory [default: $BILINGUAL_GLOSSARY_DIR or the user data dir].",
)
@click.option(
    "--shipped-glossaries/--no-shipped-glossaries",
    "shipped",
    default=True,
    show_default=True,
    help="Include the shipped glossaries.",
)
@click.option("--shipped/--no-shipped", "old_shipped", default=None, hidden=True)
@click.pass_context
def glossary(ctx: click.Context, glossary_dir: str | None, shipped: bool, old_shipped: bool | None) -> None:
    """Glossaries of names and places: shipped ones plus your own, layered on top."""
    ctx.obj = {"dir": glossary_dir, "shipped": shipped if old_shipped is None else old_shipped}


def _layered(ctx: click.Context, extra: tuple[str, ...] | list[str] = ()) -> Any:
    from bilingual.glossary.model import Glossary

    return Glossary.load(shipped=ctx.obj["shipped"], user=ctx.obj["dir"], extra=extra)


def _user_file(ctx: click.Context, file: str | None) -> Any:
    from bilingual.glossary.model import user_file

    return user_file(ctx.obj["dir"], file)


@glossary.command("list")
@_ONLY_TYPE
@click.option("--search", default=None, help="Only entries with a form containing this text (accents ignored).")
@click.option(
    "--format", "fmt", type=click.Choice(["tsv", "json"]), default="tsv", show_default=True, help="Listing format."
)
@click.pass_context
def glossary_list(ctx: click.Context, kind: str | None, search: str | None, fmt: str) -> None:
    """List entries: es, en, type, note, and where each entry comes from."""
    from bilingual.formats.table import render_table
    from bilingual.glossary.model import SEP

    entries = _layered(ctx).select(kind, search)
    if fmt == "json":
        rows = [(list(e.es), list(e.en), e.type, e.note, e.where) for e in entries]
    else:
        rows = [(SEP.join(e.es), SEP.join(e.en), e.type, e.note, e.where) for e in entries]
    click.echo(render_table(("es", "en", "type", "note", "where"), rows, fmt), nl=False)  # type: ignore[arg-type]


@glossary.command("add")
@click.argument("es")
@click.argument("en")
@click.option("--type", "kind", type=_TYPE, required=True, help="What the entry names.")
@click.option("--note", default="", help="A short note (who or what it is).")
@_FILE
@click.option("--force", is_flag=True, help="Replace a conflicting entry.")
@click.pass_context
def glossary_add(ctx: click.Context, es: str, en: str, kind: str, note: str, file: str | None, force: bool) -> None:
    """Add an entry: ES and EN forms, variants separated by ' | ' (first preferred).

    Example: bilingual glossary add "Cd. Juárez | Ciudad Juárez" "Ciudad Juárez" --type place
    """
    from bilingual.glossary.edit import add_entries, make_entry

    entry = make_entry(es, en, kind, note)
    path = _user_file(ctx, file)
    change = add_entries(path, [entry], _layered(ctx, [str(path)] if path.exists() else []), force=force)
    if change.unchanged:
        click.echo(f"Already there: {entry.describe()}")
        return
    for old in change.replaced:
        click.echo(f"Replaced {old.where}: {old.describe()}")
    click.echo(f"Added to {path}: {entry.describe()}")


@glossary.command("remove")
@click.argument("es")
@_FILE
@click.pass_context
def glossary_remove(ctx: click.Context, es: str, file: str | None) -> None:
    """Remove the entry that has the Spanish form ES from your glossary."""
    from bilingual.glossary.edit import remove_entry

    path = _user_file(ctx, file)
    removed = remove_entry(path, es, _layered(ctx))
    click.echo(f"Removed from {path}: {removed.describe()}")


@glossary.command("check")
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.pass_context
def glossary_check(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Lint glossary files (default: shipped and user ones): column count, types, empty forms,
    non-NFC text, stray whitespace, duplicates and conflicting targets, each as path:line.
    Exits 1 when there are problems."""
    from pathlib import Path

    from bilingual.glossary.model import iter_problems

    paths = [Path(f) for f in files] or [Path(f) for f in _layered(ctx).files]
    problems = list(iter_problems(paths))
    for problem in problems:
        click.echo(str(problem))
    click.echo(
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {len(paths)} file"
        f"{'s' if len(paths) != 1 else ''}",
        err=True,
    )
    if problems:
        sys.exit(1)


@glossary.command("import")
@click.argument("source", metavar="FILE")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "tbx"]),
    default=None,
    help="csv (DeepL-style: source,target) or tbx (TBX-Basic) [default: from the extension].",
)
@_CSV_FROM
@click.option(
    "--type",
    "kind",
    type=_TYPE,
    default="term",
    show_default=True,
    help="Type for entries that do not say (all of csv).",
)
@_FILE
@click.option("--force", is_flag=True, help="Replace conflicting entries.")
@options.quiet
@click.pass_context
def glossary_import(
    ctx: click.Context,
    source: str,
    fmt: str | None,
    source_lang: str,
    kind: str,
    file: str | None,
    force: bool,
    quiet: bool,
) -> None:
    """Import entries from a CSV or TBX file into your glossary."""
    from bilingual.glossary.edit import add_entries
    from bilingual.glossary.exchange import read_csv, read_tbx

    fmt = output_format(fmt, source, ("csv", "tbx"), "csv")
    text = read_text(source)
    if fmt == "csv":
        entries = read_csv(text, source, source_lang=source_lang, default_type=kind)
    else:
        entries = read_tbx(text, source, default_type=kind, warn=warner(quiet))
    path = _user_file(ctx, file)
    change = add_entries(path, entries, _layered(ctx, [str(path)] if path.exists() else []), force=force)
    click.echo(
        f"Imported {len(change.added)} entries into {path} ({len(change.unchanged)} already there, "
        f"{len(change.replaced)} replaced)"
    )


@glossary.command("export")
@click.argument("old_output", metavar="[FILE]", required=False)
@options.output
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "tbx"]),
    default=None,
    help="csv (DeepL-style) or tbx (TBX-Basic) [default: from the -o extension, else csv].",
)
@click.option(
    "--tbx-version",
    type=click.Choice(["2", "3"]),
    default="2",
    show_default=True,
    help="tbx: 2 (<martif>, what translate-toolkit, OmegaT and most CAT tools read) or 3 (ISO 30042:2019).",
)
@_CSV_FROM
@_ONLY_TYPE
@click.pass_context
def glossary_export(
    ctx: click.Context,
    old_output: str | None,
    output: str,
    fmt: str | None,
    tbx_version: str,
    source_lang: str,
    kind: str | None,
) -> None:
    """Export the layered glossary (shipped + yours) as CSV or TBX."""
    from bilingual.glossary.exchange import write_csv, write_tbx

    if old_output is not None:
        output = old_output
    layered = _layered(ctx)
    check_not_input(output, [*layered.files, *glossary_inputs(ctx.obj["dir"])])
    fmt = output_format(fmt, output, ("csv", "tbx"), "csv")
    entries = layered.select(kind)
    with atomic_write(output) as out:
        if fmt == "csv":
            write_csv(entries, out, source_lang=source_lang)
        else:
            write_tbx(entries, out, version=int(tbx_version))


@glossary.command("check-pairs")
@click.argument("file", metavar="FILE|-")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "jsonl", "tmx", "md"]),
    default=None,
    help="Format of FILE [default: from the extension or first line].",
)
@click.option("--glossary-file", "glossary_files", multiple=True, metavar="FILE", help="Extra glossary TSV.")
@click.pass_context
def glossary_check_pairs(ctx: click.Context, file: str, fmt: str | None, glossary_files: tuple[str, ...]) -> None:
    """Flag pairs where a glossary term occurs in the source but none of its target forms in
    the translation (TSV/JSONL/TMX/Markdown from translate or align). Exits 1 when any is found."""
    import io

    from bilingual.formats import read
    from bilingual.glossary.enforce import missing_in_document

    doc = read(io.StringIO(read_text(file)), file, fmt)
    lines = missing_in_document(_layered(ctx, glossary_files), doc)
    for line in lines:
        click.echo(line)
    click.echo(f"{len(lines)} missing term{'s' if len(lines) != 1 else ''} in {len(doc.pairs)} pairs", err=True)
    if lines:
        sys.exit(1)
