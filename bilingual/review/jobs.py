"""What the ``quotes`` and ``review`` commands ask of this stage, one function each: detect
languages, choose engines, run the review, and say through ``warn`` what was degraded."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

from bilingual.engines.cache import TranslationCache
from bilingual.engines.choose import engines_for
from bilingual.errors import BilingualError, Warn
from bilingual.formats import read
from bilingual.glossary.model import Glossary
from bilingual.lang import detect_language
from bilingual.review.match import review_article, review_pairs
from bilingual.review.model import Review
from bilingual.review.quotes import Quote, extract_quotes
from bilingual.split.splitter import Splitter


def find_quotes(text: str, name: str, *, lang: str = "auto", glossary: Glossary | None = None) -> list[Quote]:
    """``bilingual quotes``: the quotations of ``text`` with their speakers."""
    code = detect_language(text, name).lang if lang == "auto" else lang
    return extract_quotes(Splitter(code).analyze(text), glossary=glossary)


def review_texts(
    text: str,
    name: str,
    sources: Sequence[tuple[str, str]],
    *,
    lang: str = "auto",
    engine: str = "auto",
    cache: TranslationCache | None = None,
    glossary: Glossary | None = None,
    warn: Warn | None = None,
) -> Review:
    """``bilingual review``: with ``sources`` ((name, text) pairs), check every quote of the
    article against its original; without, read ``text`` as a translate/align output and review
    every pair."""
    if not sources:
        try:
            document = read(io.StringIO(text), name)
        except BilingualError as exc:
            raise BilingualError(
                f"{name} is not a translate/align output ({exc.message})",
                "to review an article, give its sources with --source FILE",
            ) from None
        src, tgt = document.source_lang.split("-")[0], document.target_lang.split("-")[0]
        engines = engines_for(engine, src, tgt, warn=warn)
        return review_pairs(document, name, engines=engines, cache=cache, glossary=glossary)
    article_lang = detect_language(text, name).lang if lang == "auto" else lang
    loaded = [(src_name, src_text, detect_language(src_text, src_name).lang) for src_name, src_text in sources]
    src_lang = next((code for _, _, code in loaded if code != article_lang), article_lang)
    to_article, to_source = engines_for(engine, src_lang, article_lang, warn=warn)
    if to_article is None and src_lang != article_lang and warn is not None:
        warn("no translation engine: quotes are matched on names, numbers and shared words only")
    review = review_article(
        text,
        name,
        article_lang,
        loaded,
        to_article=to_article,
        to_source=to_source,
        cache=cache,
        glossary=glossary,
    )
    return replace(review, locations=sentence_locations(text, article_lang))


def sentence_locations(text: str, lang: str) -> dict[int, tuple[int, int]]:
    """Sentence id → (paragraph, line), 1-based, as an editor finds it in ``text`` (newlines
    counted from one sentence to the next: counting from the start for each one was quadratic)."""
    out: dict[int, tuple[int, int]] = {}
    line, at = 1, 0
    for s in sorted(Splitter(lang).analyze(text).sentences, key=lambda s: s.start):
        line += text.count("\n", at, s.start)
        at = s.start
        out[s.id] = (s.paragraph + 1, line)
    return out
