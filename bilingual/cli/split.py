"""``bilingual split`` and ``bilingual quotes``."""

from __future__ import annotations

import click

from bilingual.cli import options
from bilingual.cli.app import cli, emit, warner
from bilingual.formats.outputs import output_format
from bilingual.glossary.edit import glossary_inputs
from bilingual.inputs import read_article
from bilingual.textio import check_not_input


@cli.command()
@click.argument("file", metavar="FILE|-")
@options.from_lang("Language of the text; auto detects it.")
@options.hidden_alias("--lang", "old_lang", options.Lang(auto=True))
@options.input_format
@options.extracted
@options.fmt(("lines", "jsonl"), "lines")
@options.output
def split(
    file: str,
    source_lang: str,
    old_lang: str | None,
    input_format: str,
    extracted: str | None,
    fmt: str | None,
    output: str,
) -> None:
    """Split a Spanish or English news text into sentences.

    lines: one sentence per line, blank line between paragraphs. jsonl objects have id,
    paragraph, start, end (character offsets into the input, so text[start:end] is the
    sentence), text and quote (id of the quotation the sentence is in, or null).
    """
    from bilingual.split import split_text
    from bilingual.split.render import FORMATS, render_sentences

    check_not_input(output, [file, *glossary_inputs()])
    if extracted:
        check_not_input(extracted, [file, *glossary_inputs()])
    fmt = output_format(fmt, output, FORMATS, "lines")
    text = read_article(file, input_format, warn=warner()).text
    if extracted:
        emit(extracted, text)
    emit(output, render_sentences(split_text(text, old_lang or source_lang, name=file), fmt))


@cli.command()
@click.argument("file", metavar="FILE|-")
@options.from_lang("Language of the text; auto detects it.")
@options.hidden_alias("--lang", "old_lang", options.Lang(auto=True))
@options.input_format
@options.fmt(("jsonl", "md"), "jsonl")
@options.glossary
@options.output
def quotes(
    file: str,
    source_lang: str,
    old_lang: str | None,
    input_format: str,
    fmt: str | None,
    glossary: options.GlossaryChoice,
    output: str,
) -> None:
    """List the direct quotations of a news text with their speakers.

    jsonl objects have id, speaker (null when not stated), text (the quoted words), segments
    (character offsets of each quoted stretch), sentences and paragraphs (ids, as in split).
    Glossary person names help resolve speakers.
    """
    from bilingual.review.jobs import find_quotes
    from bilingual.review.report_quotes import FORMATS, render_quotes

    check_not_input(output, [file, *glossary.inputs()])
    fmt = output_format(fmt, output, FORMATS, "jsonl")
    text = read_article(file, input_format, warn=warner()).text
    found = find_quotes(text, file, lang=old_lang or source_lang, glossary=glossary.load())
    emit(output, render_quotes(found, fmt))
