"""Quote review: find each quote's original in other-language sources and check its fidelity.

Sources are *comparable*, not parallel: the original of a quote can sit anywhere in any source,
split differently or quoted only in part. Every window of one to three consecutive source
sentences (within a paragraph or a quotation) is a candidate; candidates are scored against the
quote by the aligner's character n-gram similarity between the quote and the machine translation
of the window, combined with content-word coverage in both directions. A quote whose best score
is too low is reported ``unmatched`` rather than forced onto a wrong sentence. The matched window
grows to the whole source quotation it belongs to (minus sentences other quotes matched), so a
sentence the article dropped shows up as an omission.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.align.vectors import Vectorizer
from bilingual.engines.base import Engine
from bilingual.engines.cache import TranslationCache
from bilingual.formats.model import Document
from bilingual.glossary.model import Glossary, fold
from bilingual.review.fidelity import Texts, Translator, check
from bilingual.review.model import Flag, Review, ReviewItem, SourceMatch
from bilingual.review.quotes import Quote, extract_quotes, lexicon
from bilingual.signature import REVIEWER_VERSION, signature
from bilingual.split.splitter import Sentence, Splitter
from bilingual.translate.document import translate_sentences, translate_with_glossary

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class ReviewOptions:
    """Score thresholds (chosen on the example articles; see README)."""

    match: float = 0.40
    """Below this a quote is unmatched."""
    confident: float = 0.50
    """Below this a match is flagged low_confidence, and a match whose speaker is someone else
    entirely is rejected (a weak textual match said by another person is not the original)."""
    """Below this a match is flagged low_confidence."""
    candidates: int = 8


@dataclass(frozen=True)
class _Source:
    name: str
    lang: str
    text: str
    sentences: list[Sentence]
    mt: list[str]
    quotes: list[Quote]


@dataclass(frozen=True)
class _Window:
    source: int
    first: int
    last: int  # inclusive


def _content(text: str, lang: str) -> set[str]:
    stop = lexicon(lang).stopwords
    return {w[:5] for w in (fold(x) for x in _WORD.findall(text)) if len(w) > 2 and w not in stop}


def _coverage(quote: str, window: str, lang: str) -> float:
    a, b = _content(quote, lang), _content(window, lang)
    if not a or not b:
        return 0.0
    inter = len(a & b)
    precision, recall = inter / len(b), inter / len(a)
    return 2 * precision * recall / (precision + recall) if inter else 0.0


def review_article(
    article: str,
    name: str,
    lang: str,
    sources: Sequence[tuple[str, str, str]],
    *,
    to_article: Engine | None,
    to_source: Engine | None,
    cache: TranslationCache | None = None,
    glossary: Glossary | None = None,
    options: ReviewOptions | None = None,
) -> Review:
    """Review every quote of ``article`` (language ``lang``) against ``sources`` given as
    (name, text, language); ``to_article`` translates sources into ``lang``, ``to_source`` the
    quotes into the sources' language (for omissions)."""
    opts = options or ReviewOptions()
    split = Splitter(lang).analyze(article)
    quotes = extract_quotes(split, glossary=glossary)
    prepared = [_prepare(n, text, slang, lang, to_article, cache, glossary) for n, text, slang in sources]
    windows, texts = _windows(prepared)
    vec = Vectorizer(glossary)
    matrix = vec.matrix([q.text for q in quotes] + texts, lang)
    qv, wv = matrix[: len(quotes)], matrix[len(quotes) :]
    cos = qv @ wv.T if len(texts) and len(quotes) else np.zeros((len(quotes), 0))
    back = _back_translations(quotes, lang, prepared, to_source, cache)
    originals = [" ".join(s.flat for s in prepared[w.source].sentences[w.first : w.last + 1]) for w in windows]
    cos_back = _back_similarity(back, originals, prepared, glossary, cos.shape)
    best: list[tuple[float, _Window | None]] = []
    for qi, q in enumerate(quotes):
        if cos.shape[1] == 0:
            best.append((0.0, None))
            continue
        both = (cos[qi] + cos_back[qi]) / 2 if back[qi] is not None else cos[qi]
        top = np.argsort(-both)[: opts.candidates]
        scored = []
        for k in top:
            coverage = _coverage(q.text, texts[k], lang)
            if back[qi] is not None:
                coverage = (coverage + _coverage(back[qi] or "", originals[k], prepared[windows[k].source].lang)) / 2
            scored.append((0.5 * float(both[k]) + 0.5 * coverage, windows[k]))
        score, window = max(scored, key=lambda s: s[0])
        best.append((score, _grow(q.text, window, prepared, lang)))
    claimed = {
        (w.source, i) for score, w in best if w is not None and score >= opts.match for i in range(w.first, w.last + 1)
    }
    translator = _translator(
        {(s.lang, lang): to_article for s in prepared} | {(lang, s.lang): to_source for s in prepared}, cache
    )
    items = []
    for qi, q in enumerate(quotes):
        score, window = best[qi]
        items.append(_item(q, score, window, prepared, claimed, back[qi], lang, glossary, opts, translator))
    items.sort(key=lambda it: (not it.flagged, it.quote))
    src_langs = sorted({s.lang for s in prepared})
    return Review(
        article=name,
        article_lang=lang,
        source_lang=src_langs[0] if src_langs else "",
        sources=tuple(s.name for s in prepared),
        items=tuple(items),
        signature=signature(
            [(to_article, s.lang, lang) for s in prepared[:1]] + [(to_source, lang, s.lang) for s in prepared[:1]],
            glossary=glossary.signature_value() if glossary is not None else "none",
            stages=("reviewer",),
        ),
        mode="quotes",
    )


def _prepare(
    name: str,
    text: str,
    slang: str,
    lang: str,
    engine: Engine | None,
    cache: TranslationCache | None,
    glossary: Glossary | None,
) -> _Source:
    split = Splitter(slang).analyze(text)
    sentences = split.sentences
    plain = [s.flat for s in sentences]
    if slang == lang or engine is None:
        mt = plain
    elif glossary is not None and glossary.entries:
        mt = [t.text for t in translate_with_glossary(engine, plain, slang, lang, glossary, cache=cache)]
    else:
        mt = [t.text for t in translate_sentences(engine, plain, slang, lang, cache=cache)]
    quotes = extract_quotes(split, glossary=glossary)
    return _Source(name, slang, text, sentences, mt, quotes)


def _windows(sources: list[_Source]) -> tuple[list[_Window], list[str]]:
    windows: list[_Window] = []
    texts: list[str] = []
    for si, src in enumerate(sources):
        sents = src.sentences
        for first in range(len(sents)):
            for size in (1, 2, 3):
                last = first + size - 1
                if last >= len(sents):
                    break
                a, b = sents[first], sents[last]
                if a.paragraph != b.paragraph and (a.quote is None or a.quote != b.quote):
                    break
                windows.append(_Window(si, first, last))
                texts.append(" ".join(src.mt[first : last + 1]))
    return windows, texts


def _grow(quote: str, window: _Window, sources: list[_Source], lang: str, limit: int = 8) -> _Window:
    """Add neighbouring sentences (across paragraphs too) while they raise the quote's coverage:
    an article quote may join statements the source gives as separate quotations."""
    src = sources[window.source]
    first, last = window.first, window.last
    current = _coverage(quote, " ".join(src.mt[first : last + 1]), lang)
    while last - first + 1 < limit:
        options = []
        if first > 0:
            options.append((first - 1, last))
        if last + 1 < len(src.mt):
            options.append((first, last + 1))
        scored = [(_coverage(quote, " ".join(src.mt[a : b + 1]), lang), a, b) for a, b in options]
        if not scored:
            break
        gain, a, b = max(scored)
        if gain <= current + 0.02:
            break
        current, first, last = gain, a, b
    return _Window(window.source, first, last)


def _extend(window: _Window, src: _Source, claimed: set[tuple[int, int]]) -> tuple[int, int]:
    """Grow a window to the source quotation it lies in, stopping at sentences other quotes own."""
    first, last = window.first, window.last
    qid = src.sentences[first].quote
    if qid is None:
        return first, last
    while first > 0 and src.sentences[first - 1].quote == qid and (window.source, first - 1) not in claimed:
        first -= 1
    while (
        last + 1 < len(src.sentences)
        and src.sentences[last + 1].quote == qid
        and (window.source, last + 1) not in claimed
    ):
        last += 1
    return first, last


def _quoted_words(src: _Source, first: int, last: int) -> str:
    """The quoted words of sentences first..last (attributions left out), or the whole sentences
    when the source does not quote (a transcript)."""
    s0, e0 = src.sentences[first].start, src.sentences[last].end
    parts = [src.text[max(a, s0) : min(b, e0)] for q in src.quotes for a, b in q.segments if a < e0 and b > s0]
    if parts:
        return _SPACES.sub(" ", " ".join(parts)).strip()
    return " ".join(s.flat for s in src.sentences[first : last + 1])


def _speaker_at(src: _Source, first: int, last: int) -> str | None:
    ids = set(range(first, last + 1))
    for q in src.quotes:
        if ids & set(q.sentences):
            return q.speaker
    return None


def _back_similarity(
    back: list[str | None],
    originals: list[str],
    sources: list[_Source],
    glossary: Glossary | None,
    shape: tuple[int, int],
) -> np.ndarray:
    """Cosine between each quote's translation into the sources' language and each window's
    original text (the second direction of the bridge)."""
    if not originals or all(b is None for b in back):
        return np.zeros(shape)
    lang = sources[0].lang
    matrix = Vectorizer(glossary).matrix([b or "" for b in back] + originals, lang)
    return matrix[: len(back)] @ matrix[len(back) :].T


def _translator(engines: dict[tuple[str, str], Engine | None], cache: TranslationCache | None) -> Translator:
    """Batch translation by language pair with whichever engine covers it (identity otherwise)."""

    def run(texts: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        engine = engines.get((source_lang, target_lang))
        if engine is None or source_lang == target_lang:
            return list(texts)
        return [t.text for t in translate_sentences(engine, list(texts), source_lang, target_lang, cache=cache)]

    return run


def _back_translations(
    quotes: list[Quote], lang: str, sources: list[_Source], engine: Engine | None, cache: TranslationCache | None
) -> list[str | None]:
    targets = {s.lang for s in sources} - {lang}
    if engine is None or not targets or not quotes:
        return [None] * len(quotes)
    target = sorted(targets)[0]
    return [t.text for t in translate_sentences(engine, [q.text for q in quotes], lang, target, cache=cache)]


def _item(
    q: Quote,
    score: float,
    window: _Window | None,
    sources: list[_Source],
    claimed: set[tuple[int, int]],
    back: str | None,
    lang: str,
    glossary: Glossary | None,
    opts: ReviewOptions,
    translator: Translator | None = None,
) -> ReviewItem:
    if window is None or score < opts.match:
        flag = Flag(
            "unmatched",
            "",
            "no sentence of the sources matches this quote; it may have been said in "
            f"the article's language or come from a source not given (best score {score:.2f})",
        )
        return ReviewItem(q.id, q.speaker, q.text, q.sentences, None, score, (flag,))
    src = sources[window.source]
    claimed_elsewhere = claimed - {(window.source, i) for i in range(window.first, window.last + 1)}
    first, last = _extend(window, src, claimed_elsewhere)
    original = _quoted_words(src, first, last)
    translation = " ".join(src.mt[first : last + 1])
    speaker = _speaker_at(src, first, last)
    if score < opts.confident and _different_people(q.speaker, speaker):
        flag = Flag("unmatched", "", f"the closest passage (score {score:.2f}) was said by {speaker}, not {q.speaker}")
        return ReviewItem(q.id, q.speaker, q.text, q.sentences, None, score, (flag,))
    texts = Texts(q.text, _strip_marks(original), lang, src.lang, translation, back)
    flags = check(texts, glossary=glossary, article_speaker=q.speaker, original_speaker=speaker, translate=translator)
    if score < opts.confident:
        flags.insert(
            0, Flag("low_confidence", "", f"the best match scores only {score:.2f}; check it is the right passage")
        )
    match = SourceMatch(src.name, original, tuple(range(first, last + 1)), speaker, translation)
    return ReviewItem(q.id, q.speaker, q.text, q.sentences, match, score, tuple(flags))


def _different_people(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return not ({w for w in fold(a).split() if len(w) > 2} & {w for w in fold(b).split() if len(w) > 2})


def _strip_marks(text: str) -> str:
    return text.strip('«»“”"‘’ ')


# -- pairs from translate / align ----------------------------------------------------------


def review_pairs(
    doc: Document,
    name: str,
    *,
    engines: tuple[Engine | None, Engine | None] = (None, None),
    cache: TranslationCache | None = None,
    glossary: Glossary | None = None,
) -> Review:
    """The same checks for every pair of a ``translate`` or ``align`` output; ``engines``
    translate source→target and target→source (None: not available), for additions and
    omissions."""
    src, tgt = doc.source_lang.split("-")[0], doc.target_lang.split("-")[0]
    forward, back = engines if src != tgt else (None, None)
    pairs = doc.pairs
    back_mt: list[str | None] = [None] * len(pairs)
    fwd_mt: list[str | None] = [None] * len(pairs)
    if back is not None:
        back_mt = [t.text for t in translate_sentences(back, [p.target for p in pairs], tgt, src, cache=cache)]
    if forward is not None:
        fwd_mt = [t.text for t in translate_sentences(forward, [p.source for p in pairs], src, tgt, cache=cache)]
    translator = _translator({(tgt, src): back, (src, tgt): forward}, cache)
    items = []
    for k, p in enumerate(pairs):
        match = SourceMatch(name, p.target, p.target_ids, None, back_mt[k] or "")
        if not p.source.strip() or not p.target.strip():
            side = "target" if not p.target.strip() else "source"
            flag = Flag("unmatched", "", f"this sentence has no counterpart on the {side} side")
            items.append(ReviewItem(p.id, None, p.source, p.source_ids, match, p.confidence or 0.0, (flag,)))
            continue
        # Compare the source (as "article") with the target (as "original").
        texts = Texts(p.source, p.target, src, tgt, back_mt[k], fwd_mt[k], ("source", "translation"))
        flags = check(texts, glossary=glossary, translate=translator)
        renamed = tuple(_pair_flag(f) for f in flags)
        if p.confidence is not None and p.confidence < 0.5:
            renamed = (Flag("low_confidence", "", f"alignment confidence {p.confidence:.2f}"), *renamed)
        items.append(ReviewItem(p.id, None, p.source, p.source_ids, match, p.confidence or 1.0, renamed))
    items.sort(key=lambda it: (not it.flagged, it.quote))
    return Review(
        article=name,
        article_lang=src,
        source_lang=tgt,
        sources=(name,),
        items=tuple(items),
        signature={**dict(doc.signature), "reviewer": REVIEWER_VERSION},
        mode="pairs",
    )


def _pair_flag(flag: Flag) -> Flag:
    """In a pair the "article" is the source text and the "original" the translation: words the
    translation lacks are omissions, words only the translation has are additions."""
    if flag.kind == "addition":
        return Flag("omission", flag.text, "these source words have no counterpart in the translation", flag.side)
    if flag.kind == "omission":
        return Flag("addition", flag.text, "these words of the translation are not in the source", flag.side)
    return flag
