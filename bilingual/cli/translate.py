"""``bilingual translate``."""

from __future__ import annotations

import click

from bilingual.cli import options
from bilingual.cli.app import cli, progress, warner
from bilingual.formats.outputs import output_format
from bilingual.glossary.edit import glossary_inputs
from bilingual.textio import atomic_write, check_not_input, read_text


@cli.command()
@click.argument("file", metavar="FILE|-")
@options.from_lang("Language of FILE; auto detects it.")
@options.to_lang("Target language [default: the other one].")
@options.engine(with_none=False)
@options.fmt(("tsv", "jsonl", "tmx", "md"), "tsv")
@options.output
@click.option("--beam-size", type=click.IntRange(1, 16), default=2, show_default=True, help="argos: beam size.")
@click.option(
    "--threads", type=click.IntRange(0, 256), default=0, show_default=True, help="argos: CPU threads (0: default)."
)
@click.option(
    "--batch-size", type=click.IntRange(1, 4096), default=32, show_default=True, help="argos: sentences per batch."
)
@options.cache
@options.glossary
@options.quiet
def translate(
    file: str,
    source_lang: str,
    target_lang: str | None,
    engine: str,
    fmt: str | None,
    output: str,
    beam_size: int,
    threads: int,
    batch_size: int,
    cache: bool,
    use_glossary: bool,
    glossary_files: tuple[str, ...],
    glossary_dir: str | None,
    shipped: bool,
    quiet: bool,
) -> None:
    """Translate an article sentence by sentence and write the source/translation pairs.

    Glossary names and places keep their preferred form. Every output carries a signature:
    tool version, engine, model name and version, splitter rules and glossary.
    """
    from bilingual.engines.choose import ArgosOptions
    from bilingual.formats import FORMATS, write
    from bilingual.translate.document import translate_article

    check_not_input(output, [file, *glossary_inputs(glossary_dir, glossary_files)])
    fmt = output_format(fmt, output, FORMATS, "tsv")
    text = read_text(file)
    warn = warner(quiet)
    glossary = options.load_glossary(use_glossary, glossary_files, glossary_dir, shipped)
    store = options.open_cache(cache, warn)
    with store, progress("Translating", quiet) as (advance, start):
        document = translate_article(
            text,
            file,
            source_lang=source_lang,
            target_lang=target_lang,
            engine=engine,
            argos=ArgosOptions(beam_size=beam_size, threads=threads, batch_size=batch_size),
            cache=store,
            glossary=glossary,
            progress=advance,
            on_split=start,
            warn=warn,
        )
    with atomic_write(output) as out:
        write(document, out, fmt)
