"""``bilingual cache export``: the translation cache's machine translations, with their sources."""

from __future__ import annotations

from bilingual.cli import options
from bilingual.cli.app import cli
from bilingual.formats.outputs import output_format
from bilingual.textio import atomic_write


@cli.group()
def cache() -> None:
    """The translation cache ($BILINGUAL_CACHE): every machine translation made, with its source."""


@cache.command("export")
@options.from_lang("Source language of the pairs to export.", default="es", auto=False)
@options.to_lang("Target language [default: the other one].")
@options.fmt(("tmx", "xliff", "tsv", "jsonl"), "tmx")
@options.output
def cache_export(source_lang: str, target_lang: str | None, fmt: str | None, output: str) -> None:
    """Export the cached machine translations of one pair (TMX by default), each with its engine
    and model; translations cached before the cache kept source text are left out."""
    from bilingual.engines.cache import TranslationCache
    from bilingual.formats import write
    from bilingual.lang import other_language
    from bilingual.textio import check_not_input
    from bilingual.translate.document import cache_document

    fmt = output_format(fmt, output, ("tmx", "xliff", "tsv", "jsonl"), "tmx")
    with TranslationCache.open() as store:
        if store.path is not None:
            check_not_input(output, [str(store.path)])
        document = cache_document(store, source_lang, target_lang or other_language(source_lang))
    with atomic_write(output) as out:
        write(document, out, fmt)
