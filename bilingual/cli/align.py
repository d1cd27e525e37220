"""``bilingual align``."""

from __future__ import annotations

import click

from bilingual.cli import options
from bilingual.cli.app import cli, warner
from bilingual.formats.outputs import output_format
from bilingual.glossary.edit import glossary_inputs
from bilingual.textio import atomic_write, check_not_input, read_text


@cli.command()
@click.argument("src_file", metavar="ES_FILE")
@click.argument("tgt_file", metavar="EN_FILE")
@options.from_lang("Language of the first file; auto detects it.")
@click.option(
    "--to",
    "target_lang",
    type=options.Lang(auto=True),
    default="auto",
    show_default=True,
    help="Language of the second file; auto detects it.",
)
@options.hidden_alias("--langs", "old_langs")
@click.option("--presplit", is_flag=True, help="Inputs have one sentence per line; ids are input line numbers.")
@options.engine(with_none=True)
@options.fmt(("tsv", "jsonl", "tmx", "md"), "tsv")
@options.output
@options.cache
@options.glossary
@click.option("--force", is_flag=True, help="Align even if both files are in the same language.")
@options.quiet
def align(
    src_file: str,
    tgt_file: str,
    source_lang: str,
    target_lang: str,
    old_langs: str | None,
    presplit: bool,
    engine: str,
    fmt: str | None,
    output: str,
    cache: bool,
    use_glossary: bool,
    glossary_files: tuple[str, ...],
    glossary_dir: str | None,
    shipped: bool,
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

    check_not_input(output, [src_file, tgt_file, *glossary_inputs(glossary_dir, glossary_files)])
    fmt = output_format(fmt, output, FORMATS, "tsv")
    codes = [source_lang, target_lang]
    if old_langs is not None and old_langs != "auto":
        codes = [c.strip() for c in old_langs.split(",")]
        if len(codes) != 2:
            raise click.UsageError(f"--langs must be two codes like es,en, not {old_langs!r}; use --from and --to")
        codes = [options.Lang().convert(c, None, None) for c in codes]
    texts = (read_text(src_file), read_text(tgt_file))
    warn = warner(quiet)
    glossary = options.load_glossary(use_glossary, glossary_files, glossary_dir, shipped)
    with options.open_cache(cache and engine != "none", warn) as store:
        document = align_texts(
            texts,
            (src_file, tgt_file),
            langs=(codes[0], codes[1]),
            presplit=presplit,
            engine=engine,
            cache=store,
            glossary=glossary,
            force=force,
            warn=warn,
        )
    with atomic_write(output) as out:
        write(document, out, fmt)
