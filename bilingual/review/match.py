"""Quote review: find each quote's original in other-language sources and check its fidelity.

Sources are *comparable*, not parallel: the original of a quote can sit anywhere in any source,
split differently or quoted only in part. Candidates are windows of one to three source
sentences (their quoted words when the source quotes; see :mod:`bilingual.review.candidates`),
compared with the quote in both languages by character 3-gram F-score. Whether the best one is
the original is a calibrated probability from its fit and its margin over the best candidate
elsewhere; below one half the quote is reported ``unmatched`` rather than forced onto a wrong
sentence. A match is cut down to the clauses that correspond to the quote, so the checks never
see numbers or names from words the quote does not translate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bilingual.engines.base import Engine
from bilingual.engines.cache import TranslationCache
from bilingual.engines.dictionary import ApertiumLexicon
from bilingual.formats.model import Document
from bilingual.glossary.model import Glossary, fold
from bilingual.review import candidates as cands
from bilingual.review.candidates import Candidate, PreparedSource, Ranked
from bilingual.review.correspond import prepare
from bilingual.review.fidelity import Texts, Translator, check, word_runs
from bilingual.review.model import Flag, Review, ReviewItem, SourceMatch
from bilingual.review.names import misspelt_speaker_flags
from bilingual.review.quotes import Quote, extract_quotes
from bilingual.review.retrieval import Fits
from bilingual.signature import REVIEWER_VERSION, signature
from bilingual.split.splitter import Splitter
from bilingual.translate.document import translate_sentences, translate_with_glossary


@dataclass(frozen=True)
class ReviewOptions:
    """Decision thresholds on the calibrated match probability."""

    match: float = 0.5
    """Below this a quote is unmatched."""
    confident: float = 0.8
    """Below this a match is flagged low_confidence."""


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
    quotes into the sources' language."""
    opts = options or ReviewOptions()
    split = Splitter(lang).analyze(article)
    quotes = extract_quotes(split, glossary=glossary)
    prepared = [_prepare(n, text, slang, lang, to_article, cache, glossary) for n, text, slang in sources]
    windows = cands.build(prepared)
    grams = [(cands.trigrams(c.original), cands.trigrams(c.mt)) for c in windows]
    back = _back_translations(quotes, lang, prepared, to_source, cache)
    index = cands.index(windows, grams)
    scores = [cands.fits(q.text, back[qi], index) for qi, q in enumerate(quotes)]
    sizes = [len(q.sentences) for q in quotes]
    ranked = _one_to_one([cands.decide(windows, s) for s in scores], windows, scores, sizes, opts)
    translator = _translator(
        {(s.lang, lang): to_article for s in prepared} | {(lang, s.lang): to_source for s in prepared}, cache
    )
    originals: list[str | None] = []
    for qi, r in enumerate(ranked):
        if r.candidate is None or r.probability < opts.match:
            originals.append(None)
        else:
            text = r.candidate.original
            originals.append(cands.trim(back[qi], text, prepared[r.candidate.source].lang) if back[qi] else text)
    trimmed = [(qi, o) for qi, o in enumerate(originals) if o is not None and o != ranked[qi].candidate.original]  # type: ignore[union-attr]
    trimmed_mt: dict[int, str] = {}
    if trimmed:
        slang = prepared[0].lang
        trimmed_mt = dict(zip((qi for qi, _ in trimmed), translator([o for _, o in trimmed], slang, lang), strict=True))
    lex = ApertiumLexicon() if ApertiumLexicon.available() else None
    if lex is not None and prepared:
        prepare(lex, [(q.text, lang) for q in quotes] + [(o, prepared[0].lang) for o in originals if o is not None])
    if lex is not None and prepared:
        _prefetch_runs(quotes, ranked, originals, trimmed_mt, back, prepared, lang, lex, translator)
    items = []
    for qi, q in enumerate(quotes):
        context = " ".join(article[a:b] for k, (a, b) in enumerate(split.paragraphs) if k in q.paragraphs)
        items.append(
            _item(
                q,
                context,
                ranked[qi],
                originals[qi],
                trimmed_mt.get(qi),
                prepared,
                back[qi],
                lang,
                glossary,
                opts,
                translator,
                lex,
            )
        )
    items = _dropped_from_quotations(items, ranked, prepared, opts)
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


def _dropped_from_quotations(
    items: list[ReviewItem], ranked: list[Ranked], sources: list[PreparedSource], opts: ReviewOptions
) -> list[ReviewItem]:
    """An ``omission`` for every sentence of a source quotation, in the matched passage's
    paragraph, that no quote of the article matched: a translator who drops the first or last
    sentence of a quotation leaves a quote whose own words all correspond. A quote with more
    sentences than its matched passage is left alone (the passage is then what is short)."""
    covered: set[tuple[int, int]] = set()
    for r in ranked:  # a quote's best passage counts even when too weak to match: it may be that one
        if r.candidate is not None:
            covered.update((r.candidate.source, i) for i in range(r.candidate.first, r.candidate.last + 1))
    out = []
    for item, r in zip(items, ranked, strict=True):
        c = r.candidate
        if item.match is None or c is None or r.probability < opts.match:
            out.append(item)
            continue
        sentences = sources[c.source].sentences
        window = sentences[c.first : c.last + 1]
        if len(item.article_sentences) > len(window):
            out.append(item)
            continue
        ids = {s.quote for s in window if s.quote is not None}
        paragraphs = {s.paragraph for s in window}
        quoted = sources[c.source].quoted
        dropped = [
            sentences[i]
            for i in (c.first - 1, c.last + 1)  # right before or after the passage
            if 0 <= i < len(sentences)
            and sentences[i].quote in ids
            and sentences[i].paragraph in paragraphs
            and (c.source, i) not in covered
            and _only_quoted(sentences[i].flat, quoted[i])  # quoted words only: no attribution in it
        ]
        if not dropped:
            out.append(item)
            continue
        words = " ".join(_strip_marks(s.flat) for s in dropped)
        flag = Flag(
            "omission",
            words,
            f"the original quotation also says '{words}' (sentence {', '.join(str(s.id) for s in dropped)}), "
            "which the article leaves out",
            "source",
        )
        out.append(replace(item, flags=(*item.flags, flag)))
    return out


def _only_quoted(sentence: str, quoted: str) -> bool:
    """Whether a sentence is quoted words and nothing else (quotation marks and spaces aside)."""
    strip = '«»“”"‘’ .,;:!?¡¿—-'
    return bool(quoted) and quoted.strip(strip) == sentence.strip(strip)


def _prepare(
    name: str,
    text: str,
    slang: str,
    lang: str,
    engine: Engine | None,
    cache: TranslationCache | None,
    glossary: Glossary | None,
) -> PreparedSource:
    """Split a source, find its quotations and translate its sentences and their quoted words
    (one batch)."""
    split = Splitter(slang).analyze(text)
    sentences = split.sentences
    quotes = extract_quotes(split, glossary=glossary)
    quoted = cands.quoted_parts(sentences, text, quotes)
    plain = [s.flat for s in sentences]
    batch = plain + [q for q in quoted if q]
    if slang == lang or engine is None:
        mt = batch
    elif glossary is not None and glossary.entries:
        mt = [t.text for t in translate_with_glossary(engine, batch, slang, lang, glossary, cache=cache)]
    else:
        mt = [t.text for t in translate_sentences(engine, batch, slang, lang, cache=cache)]
    sent_mt = mt[: len(plain)]
    rest = iter(mt[len(plain) :])
    quoted_mt = [next(rest) if q else sent_mt[i] for i, q in enumerate(quoted)]
    return PreparedSource(name, slang, text, sentences, quotes, quoted, quoted_mt, sent_mt)


_REPEAT = 0.1
"""A quote that fits a passage another quote holds within this much of that quote's fit is a
repetition of the same words (a quote given twice, in the lead and in the body), not a
look-alike."""


def _prefetch_runs(
    quotes: list[Quote],
    ranked: list[Ranked],
    originals: list[str | None],
    trimmed_mt: dict[int, str],
    back: list[str | None],
    sources: list[PreparedSource],
    lang: str,
    lex: ApertiumLexicon,
    translator: _Memo,
) -> None:
    """Translate every candidate addition and omission of the whole article in one batch per
    direction (the checks translate each one on its own; an engine call per quote is slow)."""
    ahead: dict[tuple[str, str], list[str]] = {}
    for qi, q in enumerate(quotes):
        c, original = ranked[qi].candidate, originals[qi]
        if c is None or original is None:
            continue
        slang = sources[c.source].lang
        mt = trimmed_mt.get(qi, c.mt)
        added, dropped = word_runs(Texts(q.text, _strip_marks(original), lang, slang, mt, back[qi]), lex)
        ahead.setdefault((lang, slang), []).extend(r.text for r in added)
        ahead.setdefault((slang, lang), []).extend(r.text for r in dropped)
    for (a, b), texts in ahead.items():
        translator.prefetch(texts, a, b)


def _one_to_one(
    ranked: list[Ranked], windows: list[Candidate], scores: list[Fits], sizes: list[int], opts: ReviewOptions
) -> list[Ranked]:
    """Each source sentence is the original of one quote, unless repeated: quotes are settled
    from the most to the least certain, and a quote whose best candidate another quote already
    holds with a clearly better fit is decided again among the rest (a removed original's
    nearest look-alike is usually the original of a neighbouring quote). Sentences taken in by
    :func:`_grow` are not held (a longer quote's neighbour may be another quote's original)."""
    out = list(ranked)
    taken: dict[tuple[int, int], float] = {}
    index = {(w.source, w.first, w.last): k for k, w in enumerate(windows)}
    for qi in sorted(range(len(ranked)), key=lambda k: -ranked[k].probability):
        r = out[qi]
        c = r.candidate
        held = [taken[(c.source, i)] for i in range(c.first, c.last + 1) if (c.source, i) in taken] if c else []
        if held and r.fit < max(held) - _REPEAT:
            r = out[qi] = cands.decide(windows, scores[qi].without(frozenset(taken)), frozenset(taken))
            c = r.candidate
        if c is not None and r.probability >= opts.match:
            for i in range(c.first, c.last + 1):
                taken[(c.source, i)] = max(taken.get((c.source, i), 0.0), r.fit)
            r = out[qi] = _grow(r, windows, scores[qi], sizes[qi], set(taken), index)
    return out


_GROW_TOLERANCE = 0.03
"""How much fit a window may lose when it takes in a neighbour sentence of a longer quote (the
MT of a short sentence often adds little; a sentence the quote does not translate costs more)."""


def _grow(
    r: Ranked,
    windows: list[Candidate],
    scores: Mapping[int, float],
    size: int,
    taken: set[tuple[int, int]],
    index: dict[tuple[int, int, int], int],
) -> Ranked:
    """Take neighbouring sentences into a match while the quote has more sentences than the
    match and the fit holds: a quote of two sentences is usually the translation of two."""
    c = r.candidate
    while c is not None and c.last - c.first + 1 < size:
        options = [
            index[key]
            for key in ((c.source, c.first - 1, c.last), (c.source, c.first, c.last + 1))
            if key in index and (c.source, key[1]) not in taken and (c.source, key[2]) not in taken
        ]
        if not options:
            break
        k = max(options, key=scores.__getitem__)
        if scores[k] < r.fit - _GROW_TOLERANCE:
            break
        c = windows[k]
        r = Ranked(c, r.fit, r.margin, r.probability)
    return r


def _speaker_at(src: PreparedSource, first: int, last: int) -> str | None:
    ids = set(range(first, last + 1))
    for q in src.quotes:
        if ids & set(q.sentences):
            return q.speaker
    return None


class _Memo:
    """A :data:`Translator` that remembers: batches fetched ahead (:meth:`prefetch`, one engine
    call per language pair) are answered without another engine call."""

    def __init__(self, engines: dict[tuple[str, str], Engine | None], cache: TranslationCache | None) -> None:
        self._engines = engines
        self._cache = cache
        self._known: dict[tuple[str, str, str], str] = {}

    def prefetch(self, texts: Sequence[str], source_lang: str, target_lang: str) -> None:
        """Translate ``texts`` now, in one batch."""
        todo = list(dict.fromkeys(t for t in texts if (source_lang, target_lang, t) not in self._known))
        engine = self._engines.get((source_lang, target_lang))
        if not todo or engine is None or source_lang == target_lang:
            return
        done = translate_sentences(engine, todo, source_lang, target_lang, cache=self._cache)
        for text, tr in zip(todo, done, strict=True):
            self._known[(source_lang, target_lang, text)] = tr.text

    def __call__(self, texts: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        if self._engines.get((source_lang, target_lang)) is None or source_lang == target_lang:
            return list(texts)
        self.prefetch(texts, source_lang, target_lang)
        return [self._known[(source_lang, target_lang, t)] for t in texts]


def _translator(engines: dict[tuple[str, str], Engine | None], cache: TranslationCache | None) -> _Memo:
    """Batch translation by language pair with whichever engine covers it (identity otherwise)."""
    return _Memo(engines, cache)


def _back_translations(
    quotes: list[Quote], lang: str, sources: list[PreparedSource], engine: Engine | None, cache: TranslationCache | None
) -> list[str | None]:
    targets = {s.lang for s in sources} - {lang}
    if engine is None or not targets or not quotes:
        return [None] * len(quotes)
    target = sorted(targets)[0]
    return [t.text for t in translate_sentences(engine, [q.text for q in quotes], lang, target, cache=cache)]


def _item(
    q: Quote,
    context: str,
    ranked: Ranked,
    original: str | None,
    original_mt: str | None,
    sources: list[PreparedSource],
    back: str | None,
    lang: str,
    glossary: Glossary | None,
    opts: ReviewOptions,
    translator: Translator | None = None,
    lex: ApertiumLexicon | None = None,
) -> ReviewItem:
    score = ranked.probability
    window: Candidate | None = ranked.candidate
    if window is None or original is None:
        flag = Flag(
            "unmatched",
            "",
            "no passage of the sources stands out as this quote's original; it may have been said in "
            f"the article's language or come from a source not given (best fit {ranked.fit:.2f}, "
            f"margin {ranked.margin:.2f}, match probability {score:.2f})",
        )
        return ReviewItem(q.id, q.speaker, q.text, q.sentences, None, score, (flag,))
    src = sources[window.source]
    first, last = window.first, window.last
    translation = original_mt if original_mt is not None else window.mt
    speaker = _speaker_at(src, first, last)
    texts = Texts(q.text, _strip_marks(original), lang, src.lang, translation, back)
    # The article names the original's speaker right at the quote: a differing attribution
    # string there is a misread attribution, not a quote given to someone else.
    article_speaker = None if _named_in(speaker, context) else q.speaker
    flags = check(
        texts,
        glossary=glossary,
        article_speaker=article_speaker,
        original_speaker=speaker,
        translate=translator,
        lex=lex,
    )
    if article_speaker is None:  # named at the quote: still catch a misspelt name
        flags += misspelt_speaker_flags(q.speaker, speaker, (lang, src.lang))
    if score < opts.confident:
        flags.insert(
            0,
            Flag(
                "low_confidence",
                "",
                f"match probability {score:.2f} (fit {ranked.fit:.2f}, margin {ranked.margin:.2f}); "
                "check it is the right passage",
            ),
        )
    match = SourceMatch(src.name, original, tuple(range(first, last + 1)), speaker, translation)
    return ReviewItem(q.id, q.speaker, q.text, q.sentences, match, score, tuple(flags))


def _named_in(speaker: str | None, context: str) -> bool:
    """True when a name word of ``speaker`` (capitalised, 3+ letters) occurs in ``context``."""
    if not speaker:
        return False
    words = {fold(w) for w in speaker.split() if len(w) > 2 and w[0].isupper()}
    found = {fold(w) for w in context.split()}
    return bool(words & {w.strip(".,;:«»“”\"'()") for w in found})


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
