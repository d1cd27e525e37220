"""Document translation: split → translate every sentence (cached) → sentence pairs.

Unlike argostranslate's ``translate()``, which joins a paragraph into one string and loses the
link between sentences, every source sentence here keeps its own translation, offsets,
paragraph and quotation id, so pairs can be reviewed and aligned later.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bilingual.engines.base import Engine, Translation
from bilingual.engines.cache import NullCache, TranslationCache
from bilingual.engines.choose import ArgosOptions, check_pair, make_engine
from bilingual.errors import EngineError, Warn
from bilingual.formats.model import Document, Pair, base_language, labelled
from bilingual.glossary.model import Glossary
from bilingual.inputs import Article
from bilingual.lang import detect_language, other_language
from bilingual.signature import signature
from bilingual.split.splitter import Sentence, Splitter
from bilingual.tm.store import TranslationMemory

CHUNK = 256
"""Sentences per engine call when progress is reported (one call per document otherwise)."""

Progress = Callable[[int], None]
"""Called with the number of sentences just finished."""


def translate_sentences(
    engine: Engine,
    sentences: Sequence[str],
    source_lang: str,
    target_lang: str,
    *,
    cache: TranslationCache | None = None,
    glossary_hash: str = "none",
    progress: Progress | None = None,
) -> list[Translation]:
    """Translate ``sentences`` (same length and order), reusing and filling the cache.

    Each distinct uncached sentence is sent to the engine once; without ``progress`` that is a
    single engine call for the whole document.
    """
    cache = cache or NullCache()
    model = engine.model_version(source_lang, target_lang)
    known = cache.get_many(engine.name, model, source_lang, target_lang, glossary_hash, sentences)
    if progress is not None:
        progress(sum(1 for s in sentences if s in known))
    todo = list(dict.fromkeys(s for s in sentences if s not in known))
    step = CHUNK if progress is not None else max(len(todo), 1)
    for i in range(0, len(todo), step):
        chunk = todo[i : i + step]
        results = engine.translate_batch(chunk, source_lang, target_lang)
        if len(results) != len(chunk):
            raise EngineError(
                f"{engine.name} returned {len(results)} translations for {len(chunk)} sentences",
                "report this as a bug",
            )
        fresh = dict(zip(chunk, results, strict=True))
        cache.put_many(engine.name, model, source_lang, target_lang, glossary_hash, fresh)
        known.update(fresh)
        if progress is not None:
            progress(sum(1 for s in sentences if s in fresh))
    return [known[s] for s in sentences]


def pairs_from(
    sentences: Sequence[Sentence], translations: Sequence[Translation], from_memory: frozenset[int] = frozenset()
) -> tuple[Pair, ...]:
    """One :class:`Pair` per sentence, with its offsets, paragraph, quotation and engine flags;
    the sentences at the indices ``from_memory`` are marked ``origin: tm``."""
    pairs: list[Pair] = []
    for index, (s, t) in enumerate(zip(sentences, translations, strict=True)):
        extra: dict[str, object] = {"unknown_words": list(t.unknown_words)} if t.unknown_words else {}
        if index in from_memory:
            extra["origin"] = "tm"
        pairs.append(
            Pair(
                id=s.id,
                source=s.text,
                target=t.text,
                source_ids=(s.id,),
                target_ids=(s.id,),
                paragraph=s.paragraph,
                quote=s.quote,
                start=s.start,
                end=s.end,
                flags=t.flags,
                extra=extra,
            )
        )
    return tuple(pairs)


BAD_OUTPUT_FLAGS = ("empty", "degenerate", "truncated")


def _warn_bad_output(translations: Sequence[Translation], warn: Warn) -> None:
    """One warning line for all sentences (by index) whose machine output is empty, degenerate
    or truncated."""
    bad = [i for i, t in enumerate(translations) if not t.text.strip() or any(f in BAD_OUTPUT_FLAGS for f in t.flags)]
    if bad:
        ids = ", ".join(str(i) for i in bad[:5]) + (", …" if len(bad) > 5 else "")
        warn(
            f"{len(bad)} of {len(translations)} sentences got empty, degenerate or truncated machine output "
            f"(sentence ids {ids}); check the model, or try --engine apertium"
        )


def translate_text(
    text: str,
    source_lang: str,
    target_lang: str,
    engine: Engine,
    *,
    cache: TranslationCache | None = None,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
    progress: Progress | None = None,
    on_split: Callable[[int], None] | None = None,
    warn: Warn | None = None,
) -> Document:
    """Split ``text`` and translate it sentence by sentence into a :class:`Document` of pairs.

    A sentence the translation ``memory`` holds gets its approved translation (``origin: tm``)
    and never reaches the engine. With a ``glossary``, the other sentences' terms are protected
    during translation and written in their preferred target form (see
    :mod:`bilingual.glossary.enforce`). Empty, degenerate or truncated machine output is flagged
    on its pair and counted in one warning (with the first sentence ids), whatever the format.
    """
    check_pair(source_lang, target_lang)
    sentences = Splitter(source_lang).split(text)
    if on_split is not None:
        on_split(len(sentences))
    # Engines get each sentence on one line (hard-wrapped input would otherwise split it).
    inputs = [s.flat for s in sentences]
    done = translate_inputs(
        engine,
        inputs,
        source_lang,
        target_lang,
        cache=cache,
        glossary=glossary,
        memory=memory,
        progress=progress,
        warn=warn,
    )
    return Document(
        pairs=pairs_from(sentences, done.translations, done.from_memory),
        source_lang=source_lang,
        target_lang=target_lang,
        signature=done.signature(engine, source_lang, target_lang),
        kind="translation",
    )


@dataclass(frozen=True)
class Translated:
    """What :func:`translate_inputs` gives: one translation per input, the indices the memory
    answered, and the glossary and memory values for the signature."""

    translations: list[Translation]
    from_memory: frozenset[int]
    glossary: str
    memory: str | None

    def signature(self, engine: Engine, source_lang: str, target_lang: str) -> dict[str, str]:
        """The output's signature; it names the translation memory (and its entries) when one was used."""
        extra = {"tm": self.memory} if self.memory is not None else {}
        pair = f"{source_lang}-{target_lang}"
        return signature(((engine, source_lang, target_lang),), pair=pair, glossary=self.glossary, **extra)


def translate_inputs(
    engine: Engine,
    inputs: Sequence[str],
    source_lang: str,
    target_lang: str,
    *,
    cache: TranslationCache | None = None,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
    progress: Progress | None = None,
    warn: Warn | None = None,
) -> Translated:
    """Translate one-line sentences: exact matches from the translation ``memory`` first, the
    rest by the engine (cached), with the glossary protected when it has entries; empty,
    degenerate or truncated machine output is counted in one ``warn`` line. Shared by articles
    and HTML pages."""
    found = memory.lookup(inputs, source_lang, target_lang) if memory is not None else {}
    rest = [s for s in inputs if s not in found]
    if progress is not None and found:
        progress(len(inputs) - len(rest))
    if glossary is not None and glossary.entries:
        engine_out = translate_with_glossary(
            engine, rest, source_lang, target_lang, glossary, cache=cache, progress=progress
        )
        gloss = glossary.signature_value()
    else:
        engine_out = translate_sentences(engine, rest, source_lang, target_lang, cache=cache, progress=progress)
        gloss = "none"
    by_engine = iter(engine_out)
    translations = [Translation(found[s]) if s in found else next(by_engine) for s in inputs]
    if warn is not None:
        _warn_bad_output(translations, warn)
    return Translated(
        translations,
        frozenset(i for i, s in enumerate(inputs) if s in found),
        gloss,
        memory.signature_value(source_lang, target_lang) if memory is not None else None,
    )


def translate_with_glossary(
    engine: Engine,
    sentences: Sequence[str],
    source_lang: str,
    target_lang: str,
    glossary: Glossary,
    *,
    cache: TranslationCache | None = None,
    progress: Progress | None = None,
) -> list[Translation]:
    """Translate with glossary terms protected; sentences whose placeholders the engine mangled
    are translated again unprotected and flagged ``glossary-fallback``."""
    from bilingual.glossary.enforce import FALLBACK_FLAG, is_placeholder, protect, restore

    protected = [protect(s, glossary, source_lang) for s in sentences]
    raw = translate_sentences(
        engine,
        [p.text for p in protected],
        source_lang,
        target_lang,
        cache=cache,
        glossary_hash=glossary.digest,
        progress=progress,
    )
    out: list[Translation] = []
    failed: list[int] = []
    for i, (p, t) in enumerate(zip(protected, raw, strict=True)):
        text = restore(t.text, p, target_lang)
        if text is None:
            failed.append(i)
            out.append(t)
            continue
        unknown = tuple(w for w in t.unknown_words if not is_placeholder(w))
        out.append(Translation(text, t.flags, unknown))
    if failed:
        plain = translate_sentences(engine, [sentences[i] for i in failed], source_lang, target_lang, cache=cache)
        for i, t in zip(failed, plain, strict=True):
            out[i] = Translation(t.text, (*t.flags, FALLBACK_FLAG), t.unknown_words)
    return out


def translate_article(
    article: Article | str,
    name: str = "-",
    *,
    source_lang: str = "auto",
    target_lang: str | None = None,
    engine: str = "auto",
    argos: ArgosOptions | None = None,
    cache: TranslationCache | None = None,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
    progress: Progress | None = None,
    on_split: Callable[[int], None] | None = None,
    warn: Warn | None = None,
) -> Document:
    """``bilingual translate``: detect the language if asked, choose the engine, translate
    (translation ``memory`` matches first).

    ``article`` is an :class:`~bilingual.inputs.Article` as read, or plain text named ``name``.
    """
    if isinstance(article, Article):
        text, name = article.text, article.name
    else:
        text = article
    source_tag, target_tag = source_lang, target_lang  # may carry a region: es-MX
    source_lang, target_lang = languages(text, name, source_lang, target_lang)
    chosen = make_engine(engine, source_lang, target_lang, argos, warn=warn)
    document = translate_text(
        text,
        source_lang,
        target_lang,
        chosen,
        cache=cache,
        glossary=glossary,
        memory=memory,
        progress=progress,
        on_split=on_split,
        warn=warn,
    )
    return labelled(document, source_tag, target_tag)


def languages(text: str, name: str, source_lang: str, target_lang: str | None) -> tuple[str, str]:
    """The pair to translate: ``source_lang`` (detected when ``auto``) and ``target_lang`` (the
    other language when ``None``), region subtags dropped (``es-MX`` → ``es``) and checked."""
    source = detect_language(text, name).lang if source_lang == "auto" else base_language(source_lang)
    target = base_language(target_lang) if target_lang else other_language(source)
    check_pair(source, target)
    return source, target


def cache_document(cache: TranslationCache, source_lang: str, target_lang: str) -> Document:
    """``bilingual cache export``: the cache's machine translations for one pair as a document
    (every pair ``origin: mt``, with its engine and model), e.g. to pre-translate in a CAT tool or
    to review and import the good ones into the translation memory). Sentences translated with
    glossary terms protected are cached with placeholders in place of the terms, and left out."""
    entries = [e for e in cache.entries(source_lang, target_lang) if e.glossary == "none"]
    pairs = tuple(
        Pair(
            i,
            e.source,
            e.text,
            flags=e.flags,
            extra={"origin": "mt", "engine": e.engine, "model": e.model_version},
        )
        for i, e in enumerate(entries)
    )
    models = dict.fromkeys(f"{e.engine} {e.model_version}" for e in entries)
    sig = signature(pair=f"{source_lang}-{target_lang}", cache=f"{len(entries)}-entries", models="+".join(models))
    return Document(pairs, source_lang, target_lang, sig, "translation")
