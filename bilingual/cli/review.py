"""``bilingual review``."""

from __future__ import annotations

import click

from bilingual.cli import options
from bilingual.cli.app import cli, emit, warner
from bilingual.formats.outputs import output_format
from bilingual.inputs import read_article
from bilingual.textio import check_not_input, read_text


@cli.command()
@click.argument("article", metavar="ARTICLE|PAIRS")
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="SRC",
    help="A text in the other language that may hold the quotes' originals (repeatable).",
)
@options.from_lang("Language of ARTICLE; auto detects it (sources are always detected).")
@options.hidden_alias("--lang", "old_lang", options.Lang(auto=True))
@options.input_format
@options.engine(with_none=True)
@options.fmt(("jsonl", "md", "html"), "jsonl")
@options.output
@options.cache
@options.glossary
@click.option("-q", "--quiet", is_flag=True, help="No summary or warnings on stderr.")
def review(
    article: str,
    sources: tuple[str, ...],
    source_lang: str,
    old_lang: str | None,
    input_format: str,
    engine: str,
    fmt: str | None,
    output: str,
    cache: bool,
    glossary: options.GlossaryChoice,
    quiet: bool,
) -> None:
    """Check every quote of ARTICLE against its original in the --source texts, or every pair
    of a translate/align output (PAIRS): added or dropped words, changed numbers, lost
    negations, mangled names, a different speaker; quotes with no original are 'unmatched'.

    A summary goes to stderr; flagged items come first in the output.
    """
    from bilingual.review.jobs import review_texts
    from bilingual.review.report_html import render
    from bilingual.review.report_md import render_jsonl, render_markdown, summary

    check_not_input(output, [article, *sources, *glossary.inputs()])
    fmt = output_format(fmt, output, ("jsonl", "md", "html"), "jsonl")
    warn = warner(quiet)
    # Without --source, ARTICLE is a translate/align output (PAIRS), read as it is.
    text = read_article(article, input_format, warn=warn).text if sources else read_text(article)
    loaded = [(src, read_article(src, input_format, warn=warn).text) for src in sources]
    with options.open_cache(cache and engine != "none", warn) as store:
        result = review_texts(
            text,
            article,
            loaded,
            lang=old_lang or source_lang,
            engine=engine,
            cache=store,
            glossary=glossary.load(),
            warn=warn,
        )
    emit(output, {"jsonl": render_jsonl, "md": render_markdown, "html": render}[fmt](result))
    if not quiet:
        click.echo(summary(result), err=True)
