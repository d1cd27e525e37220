"""``bilingual translate``."""

from __future__ import annotations

import contextlib

import click

from bilingual.cli import options
from bilingual.cli.app import cli, emit, progress, warner
from bilingual.formats.outputs import output_format
from bilingual.inputs import read_article
from bilingual.textio import atomic_write, check_not_input

FORMATS = ("tsv", "jsonl", "tmx", "xliff", "md", "text", "html")


@cli.command()
@click.argument("file", metavar="FILE|-")
@options.from_lang("Language of FILE; auto detects it. A region (es-MX) labels TMX/XLIFF.", keep_region=True)
@options.to_lang("Target language [default: the other one]; a region (en-US) labels TMX/XLIFF.", keep_region=True)
@options.input_format
@options.extracted
@options.engine(with_none=False)
@options.fmt(FORMATS, "tsv")
@options.output
@click.option("--beam-size", type=click.IntRange(1, 16), default=2, show_default=True, help="argos: beam size.")
@click.option(
    "--threads", type=click.IntRange(0, 256), default=0, show_default=True, help="argos: CPU threads (0: default)."
)
@click.option(
    "--batch-size", type=click.IntRange(1, 4096), default=32, show_default=True, help="argos: sentences per batch."
)
@options.cache
@options.tm_file
@click.option("--no-tm", is_flag=True, help="Do not use the translation memory.")
@options.glossary
@options.quiet
def translate(
    file: str,
    source_lang: str,
    target_lang: str | None,
    input_format: str,
    extracted: str | None,
    engine: str,
    fmt: str | None,
    output: str,
    beam_size: int,
    threads: int,
    batch_size: int,
    cache: bool,
    tm_file: str | None,
    no_tm: bool,
    glossary: options.GlossaryChoice,
    quiet: bool,
) -> None:
    """Translate an article sentence by sentence and write the source/translation pairs.

    text: the translated article as prose (headline and paragraphs); html: an HTML page with its
    markup kept and its text translated. A sentence the translation memory holds (`bilingual tm
    import`) gets its approved translation, marked origin tm, before any engine. Glossary names
    and places keep their preferred form.
    Every other output carries a signature: tool version, engine, model name and version,
    splitter rules, glossary and translation memory.
    """
    from bilingual.engines.choose import ArgosOptions
    from bilingual.formats import write
    from bilingual.translate.document import translate_article
    from bilingual.translate.page import translate_page

    check_not_input(output, [file, *glossary.inputs()])
    if extracted:
        check_not_input(extracted, [file, *glossary.inputs()])
    fmt = output_format(fmt, output, FORMATS, "tsv")
    warn = warner(quiet)
    # An HTML page out keeps all its text, so what extraction drops is not worth a warning there.
    article = read_article(file, input_format, warn=None if fmt == "html" else warn)
    if extracted:
        emit(extracted, article.text)
    store = options.open_cache(cache, warn)
    memory = None if no_tm else options.open_memory(tm_file, create=False)
    if tm_file and memory is None and not no_tm:
        raise click.UsageError(f"no translation memory at {tm_file}; create it with `bilingual tm import`")
    run = translate_page if fmt == "html" else translate_article
    with store, memory or contextlib.nullcontext(), progress("Translating", quiet) as (advance, start):
        result = run(
            article,
            source_lang=source_lang,
            target_lang=target_lang,
            engine=engine,
            argos=ArgosOptions(beam_size=beam_size, threads=threads, batch_size=batch_size),
            cache=store,
            glossary=glossary.load(),
            memory=memory,
            progress=advance,
            on_split=start,
            warn=warn,
        )
    if isinstance(result, str):
        emit(output, result)
        return
    with atomic_write(output) as out:
        write(result, out, fmt, warn=warn)
