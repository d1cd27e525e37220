"""``bilingual align``."""

from __future__ import annotations

import click

from bilingual.cli import options
from bilingual.cli.app import cli, progress, warner
from bilingual.formats.outputs import output_format
from bilingual.formats.tmx import MIN_CONFIDENCE
from bilingual.inputs import read_article
from bilingual.textio import atomic_write, check_not_input


@cli.command()
@click.argument("src_file", metavar="ES_FILE")
@click.argument("tgt_file", metavar="EN_FILE")
@options.from_lang("Language of the first file; auto detects it. A region (es-MX) labels TMX/XLIFF.", keep_region=True)
@click.option(
    "--to",
    "target_lang",
    type=options.Lang(auto=True, keep_region=True),
    default="auto",
    show_default=True,
    help="Language of the second file; auto detects it.",
)
@options.hidden_alias("--langs", "old_langs")
@click.option("--presplit", is_flag=True, help="Inputs have one sentence per line; ids are input line numbers.")
@options.input_format
@options.engine(with_none=True)
@options.fmt(("tsv", "jsonl", "tmx", "xliff", "md"), "tsv")
@options.output
@options.cache
@options.glossary
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=MIN_CONFIDENCE,
    show_default=True,
    help="TMX: leave out beads less confident than this (rows with no counterpart are always left out of TMX; "
    "TSV and JSONL keep every row).",
)
@click.option("--force", is_flag=True, help="Align even if both files are in the same language.")
@options.quiet
def align(
    src_file: str,
    tgt_file: str,
    source_lang: str,
    target_lang: str,
    old_langs: str | None,
    presplit: bool,
    input_format: str,
    engine: str,
    fmt: str | None,
    output: str,
    cache: bool,
    glossary: options.GlossaryChoice,
    min_confidence: float,
    force: bool,
    quiet: bool,
) -> None:
    """Align two versions of an article (Spanish and English) sentence by sentence.

    Every sentence of both files appears in exactly one output row, in order: aligned beads
    (1-1, 2-1, 1-2, 2-2, 3-1, 1-3) with a confidence in [0, 1], and sentences with no
    counterpart as 1-0 / 0-1 rows flagged "unaligned". Glossary names are alignment anchors.
    """
    from bilingual.align.document import align_texts
    from bilingual.formats import FORMATS, write
    from bilingual.formats.model import base_language, labelled

    check_not_input(output, [src_file, tgt_file, *glossary.inputs()])
    fmt = output_format(fmt, output, FORMATS, "tsv")
    codes = [source_lang, target_lang]
    if old_langs is not None and old_langs != "auto":
        codes = [c.strip() for c in old_langs.split(",")]
        if len(codes) != 2:
            raise click.UsageError(f"--langs must be two codes like es,en, not {old_langs!r}; use --from and --to")
        codes = [options.Lang().convert(c, None, None) for c in codes]
    warn = warner(quiet)
    texts = (read_article(src_file, input_format, warn=warn).text, read_article(tgt_file, input_format, warn=warn).text)
    with options.open_cache(cache and engine != "none", warn) as store, progress("Translating", quiet) as bar:
        document = align_texts(
            texts,
            (src_file, tgt_file),
            langs=(base_language(codes[0]), base_language(codes[1])),
            presplit=presplit,
            engine=engine,
            cache=store,
            glossary=glossary.load(),
            force=force,
            warn=warn,
            progress=bar[0],
            on_start=bar[1],
        )
    with atomic_write(output) as out:
        write(labelled(document, codes[0], codes[1]), out, fmt, min_confidence=min_confidence, warn=warn)
