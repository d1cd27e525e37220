"""Quote review: find each quote's original in other-language sources and check its fidelity.

Sources are *comparable*, not parallel: the original of a quote can sit anywhere in any source,
split differently or quoted only in part. Candidates are windows of one to four source
sentences (their quoted words when the source quotes; see :mod:`bilingual.review.candidates`),
compared with the quote in both languages by character 3-gram F-score. Whether the best one is
the original is a calibrated probability (fit, margin over the best candidate elsewhere, how much
of it is quoted); below one half the quote is reported ``unmatched`` rather than forced onto a
wrong sentence. A match is cut down to the quotations and clauses that correspond to the quote,
so the checks never see numbers or names from words the quote does not translate, and a quote of
several sentences is checked part by part (:mod:`bilingual.review.parts`).
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, replace

from bilingual.engines.base import Engine
from bilingual.engines.cache import TranslationCache
from bilingual.engines.dictionary import ApertiumLexicon
from bilingual.formats.model import Document
from bilingual.glossary.model import Glossary, fold
from bilingual.review import candidates as cands
from bilingual.review import parts
from bilingual.review.candidates import Candidate, PreparedSource, Ranked
from bilingual.review.correspond import prepare
from bilingual.review.fidelity import Texts, Translator, check, word_runs
from bilingual.review.model import Flag, Review, ReviewItem, SourceMatch
from bilingual.review.names import misspelt_speaker_flags, speaker_flags
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
    translator = _translator(
        {(s.lang, lang): to_article for s in prepared} | {(lang, s.lang): to_source for s in prepared}, cache
    )
    pieces = {
        qi: found
        for qi, q in enumerate(quotes)
        if len(q.sentences) > 1
        and len(found := parts.pieces(split.text, q.segments, [split.sentences[i] for i in q.sentences])) > 1
    }
    back = _back_translations(quotes, [p.text for ps in pieces.values() for p in ps], lang, prepared, translator)
    index = cands.index(windows)
    scores = [cands.fits(q.text, back[qi], index) for qi, q in enumerate(quotes)]
    sizes = [len(q.sentences) for q in quotes]
    ranked = settle([cands.decide(windows, s) for s in scores], windows, scores, sizes, opts)
    ranked = [weigh_speakers(r, q, prepared, lang) for r, q in zip(ranked, quotes, strict=True)]
    originals: list[str | None] = []
    for qi, r in enumerate(ranked):
        if r.candidate is None or r.probability < opts.match:
            originals.append(None)
        else:
            originals.append(_kept(back[qi], prepared[r.candidate.source], r.candidate.first, r.candidate.last))
    units = _units(quotes, ranked, originals, back, prepared, pieces, lang, translator)
    todo = [k for k, u in enumerate(units) if u.original is not None and u.original_mt is None]
    if todo:
        slang = prepared[0].lang
        done = translator([units[k].original or "" for k in todo], slang, lang)
        for k, mt in zip(todo, done, strict=True):
            units[k] = replace(units[k], original_mt=mt)
    lex = ApertiumLexicon() if ApertiumLexicon.available() else None
    if lex is not None and prepared:
        prepare(lex, [(u.text, lang) for u in units] + [(u.original, prepared[0].lang) for u in units if u.original])
        _prefetch_runs(units, prepared, lang, lex, translator)
    items = []
    for u in units:
        context = " ".join(article[slice(*split.paragraphs[k])] for k in u.quote.paragraphs)
        items.append(_item(u, context, prepared, lang, glossary, opts, translator, lex))
    by_paragraph: dict[int, list[str]] = {}
    for s in split.sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s.flat)
    nearby = {
        q.id: [t for p in range(min(q.paragraphs) - 1, max(q.paragraphs) + 2) for t in by_paragraph.get(p, [])]
        for q in quotes
    }
    items = _dropped_from_quotations(items, [u.ranked for u in units], prepared, opts, nearby)
    items.sort(key=lambda it: (not it.flagged, it.quote, it.part))
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
    items: list[ReviewItem],
    ranked: list[Ranked],
    sources: list[PreparedSource],
    opts: ReviewOptions,
    nearby: dict[int, list[str]],
) -> list[ReviewItem]:
    """An ``omission`` for every sentence of a source quotation, in the matched passage's
    paragraph, that no quote of the article matched: a translator who drops the first or last
    sentence of a quotation leaves a quote whose own words all correspond. A quote with more
    sentences than its matched passage is left alone (the passage is then what is short), and so
    is a sentence the article says after all near the quote (``nearby``: by quote id, the
    article's sentences around it), as narration or in a quote of its own it did not match."""
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
            and not _said_nearby(sources[c.source].quoted_mt[i], nearby.get(item.quote, []))
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


_SAID = 0.3
"""The 3-gram fit above which an article sentence is taken to render a dropped source sentence
(unrelated sentences in the same language fit about 0.1-0.2)."""


def _said_nearby(mt: str, article: list[str]) -> bool:
    """Whether one of ``article``'s sentences renders ``mt`` (a source sentence in the article's
    language)."""
    grams = cands.trigrams(mt)
    return any(cands.fscore(grams, cands.trigrams(a)) >= _SAID for a in article)


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
    quotations = cands.quotations_in(sentences, text, quotes)
    quoted = cands.quoted_parts(quotations)
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
    return PreparedSource(name, slang, text, sentences, quotes, quotations, quoted, quoted_mt, sent_mt)


_REPEAT = 0.1
"""A quote that fits a passage another quote holds within this much of that quote's fit is a
repetition of the same words (a quote given twice, in the lead and in the body), not a
look-alike."""


def _prefetch_runs(
    units: list[_Unit], sources: list[PreparedSource], lang: str, lex: ApertiumLexicon, translator: _Memo
) -> None:
    """Translate every candidate addition and omission of the whole article in one batch per
    direction (the checks translate each one on its own; an engine call per quote is slow)."""
    ahead: dict[tuple[str, str], list[str]] = {}
    for u in units:
        c = u.ranked.candidate
        if c is None or u.original is None:
            continue
        slang = sources[c.source].lang
        added, dropped = word_runs(Texts(u.text, _strip_marks(u.original), lang, slang, u.original_mt, u.back), lex)
        ahead.setdefault((lang, slang), []).extend(r.text for r in added)
        ahead.setdefault((slang, lang), []).extend(r.text for r in dropped)
    for (x, y), texts in ahead.items():
        translator.prefetch(texts, x, y)


@dataclass(frozen=True)
class _Unit:
    """What one review item checks: a whole quote, or one part of a quote of several sentences
    with the sentences of the original that part translates."""

    quote: Quote
    part: int
    text: str
    sentences: tuple[int, ...]
    ranked: Ranked
    """The quote's decision; for a part, its candidate narrowed to the part's sentences."""
    original: str | None
    original_mt: str | None
    """The original in the article's language; None until translated."""
    back: str | None
    """The unit's words in the original's language."""


def _units(
    quotes: list[Quote],
    ranked: list[Ranked],
    originals: list[str | None],
    back: list[str | None],
    sources: list[PreparedSource],
    pieces: dict[int, list[parts.Piece]],
    lang: str,
    translator: _Memo,
) -> list[_Unit]:
    """Review units: a matched quote of several sentences whose original aligns sentence by
    sentence gives one unit per aligned part (see :mod:`bilingual.review.parts`); any other
    quote is one unit."""
    split_up = {qi: found for qi, found in pieces.items() if originals[qi] is not None}
    texts = [p.text for qi in split_up for p in split_up[qi]]
    slang = sources[0].lang if sources else lang
    backs = iter(translator(texts, lang, slang) if slang != lang else [None] * len(texts))
    out: list[_Unit] = []
    for qi, q in enumerate(quotes):
        r, original = ranked[qi], originals[qi]
        c = r.candidate
        whole = _Unit(
            q, 0, q.text, q.sentences, r, original, c.mt if c is not None and original == c.original else None, back[qi]
        )
        if qi not in split_up or c is None:
            out.append(whole)
            continue
        found = split_up[qi]
        found_back = [next(backs) for _ in found]
        units = _parts(q, r, found, found_back, sources[c.source])
        out.extend(units if len(units) > 1 else [whole])
    return out


def _parts(
    q: Quote, r: Ranked, found: list[parts.Piece], found_back: list[str | None], src: PreparedSource
) -> list[_Unit]:
    """One unit per bead of the quote's pieces and the matched window's sentences; a window
    sentence no piece translates joins the bead before it (the first bead, at the start). A quote
    with more sentences than its window is aligned with the neighbours too (a match grows only
    while the fit holds, and a short sentence adds little to it); a neighbour no piece takes is
    left out."""
    c = r.candidate
    assert c is not None
    extra = max(0, len(found) - (c.last - c.first + 1))
    ids = [*_neighbours(src, c.first, -extra), *range(c.first, c.last + 1), *_neighbours(src, c.last, extra)]
    original = [src.quoted[i] or src.sentences[i].flat for i in ids]
    beads = parts.align_parts([p.text for p in found], found_back, original, [src.quoted_mt[i] for i in ids])
    groups: list[tuple[list[int], list[int]]] = []
    pending: list[int] = []
    for bead in beads:
        if not bead.pieces:
            inside = [j for j in bead.originals if c.first <= ids[j] <= c.last]
            if groups:
                groups[-1][1].extend(inside)
            else:
                pending.extend(inside)
            continue
        groups.append((list(bead.pieces), pending + list(bead.originals)))
        pending = []
    out = []
    for n, (pi, oj) in enumerate(groups, start=1):
        text = " ".join(found[k].text for k in pi)
        backs = [found_back[k] for k in pi]
        back = " ".join(b for b in backs if b) if all(backs) else None
        first, last = ids[oj[0]], ids[oj[-1]]
        orig = " ".join(original[j] for j in oj)
        mt = " ".join(src.quoted_mt[i] for i in range(first, last + 1))
        window = Candidate(c.source, first, last, orig, mt, cands.quoted_share(src, first, last))
        kept = _kept(back, src, first, last)
        sentences = tuple(sorted({s for k in pi for s in found[k].sentences}))
        out.append(_Unit(q, n, text, sentences, replace(r, candidate=window), kept, mt if kept == orig else None, back))
    return out


def settle(
    ranked: list[Ranked], windows: list[Candidate], scores: list[Fits], sizes: list[int], opts: ReviewOptions
) -> list[Ranked]:
    """Each source sentence is the original of one quote, unless repeated: quotes are settled
    from the most to the least certain (calibrated for their sentence counts ``sizes``), and a
    quote whose best candidate another quote already holds with a clearly better fit is decided
    again among the rest (a removed original's nearest look-alike is usually the original of a
    neighbouring quote). Sentences taken in by :func:`_grow` are not held (a longer quote's
    neighbour may be another quote's original)."""
    out = [cands.sized(r, size) for r, size in zip(ranked, sizes, strict=True)]
    taken: dict[tuple[int, int], float] = {}
    index = {(w.source, w.first, w.last): k for k, w in enumerate(windows)}
    for qi in sorted(range(len(out)), key=lambda k: -out[k].probability):
        r = out[qi]
        c = r.candidate
        held = [taken[(c.source, i)] for i in range(c.first, c.last + 1) if (c.source, i) in taken] if c else []
        if held and r.fit < max(held) - _REPEAT:
            r = out[qi] = cands.decide(windows, scores[qi].without(frozenset(taken)), frozenset(taken), sizes[qi])
            c = r.candidate
        if c is not None and r.probability >= opts.match:
            for i in range(c.first, c.last + 1):
                taken[(c.source, i)] = max(taken.get((c.source, i), 0.0), r.fit)
            r = out[qi] = _grow(r, windows, scores[qi], sizes[qi], taken, index)
    return out


_GROW_TOLERANCE = 0.03
"""How much fit a window may lose when it takes in a neighbour sentence of a longer quote (the
MT of a short sentence often adds little; a sentence the quote does not translate costs more)."""


def _grow(
    r: Ranked,
    windows: list[Candidate],
    scores: Mapping[int, float],
    size: int,
    taken: Container[tuple[int, int]],
    index: dict[tuple[int, int, int], int],
) -> Ranked:
    """Take neighbouring sentences into a match while the quote has more sentences than the
    match and the fit holds: a quote of two sentences is usually the translation of two. Only
    the sentence taken in must be free (the match's own sentences are held by this quote)."""
    c = r.candidate
    while c is not None and c.last - c.first + 1 < size:
        options = [
            index[key]
            for key, new in (
                ((c.source, c.first - 1, c.last), c.first - 1),
                ((c.source, c.first, c.last + 1), c.last + 1),
            )
            if key in index and (c.source, new) not in taken
        ]
        if not options:
            break
        k = max(options, key=scores.__getitem__)
        if scores[k] < r.fit - _GROW_TOLERANCE:
            break
        c = windows[k]
        r = replace(r, candidate=c)
    return r


def _neighbours(src: PreparedSource, at: int, count: int) -> list[int]:
    """Up to ``|count|`` sentences before (negative) or after sentence ``at`` that a quote could
    run on into (same paragraph, same quotation, or the same person's quotation in the next
    paragraph: "«…», respondió la mandataria. ¶ «…», añadió Sheinbaum"), nearest last/first."""
    out: list[int] = []
    step = -1 if count < 0 else 1
    edge = at
    for i in range(at + step, at + step * (abs(count) + 1), step):
        if not 0 <= i < len(src.sentences):
            break
        s, e = src.sentences[i], src.sentences[edge]
        if s.paragraph != e.paragraph and (s.quote is None or s.quote != e.quote) and not _said_on(src, edge, i):
            break
        out.append(i)
        edge = i
    return out[::-1] if step < 0 else out


def _said_on(src: PreparedSource, a: int, b: int) -> bool:
    """Whether sentences ``a`` and ``b`` of adjacent paragraphs are both quoted, from the same
    named person."""
    if abs(src.sentences[a].paragraph - src.sentences[b].paragraph) != 1:
        return False
    said = [{src.quotes[k].speaker for k, _ in src.quotations[i]} for i in (a, b)]
    return len(said[0]) == 1 and said[0] == said[1] and None not in said[0]


def _kept(back: str | None, src: PreparedSource, first: int, last: int) -> str:
    """What of sentences ``first..last`` of ``src`` the checks compare with the quote (``back``:
    in the source's language): its quoted run, trimmed of the reporting frame."""
    text = _quoted_run(back, src, first, last)
    return cands.trim(back, text, src.lang) if back else text


def _quoted_run(back: str | None, src: PreparedSource, first: int, last: int) -> str:
    """The words of sentences ``first..last`` of ``src`` the quote (``back``: in the source's
    language) translates: the quotations of a quoting sentence, one by one, the whole of any
    other; when several, the consecutive ones that fit the quote best
    (:func:`~bilingual.review.parts.quoted_run`). All of them: the window's own text."""
    whole = " ".join(src.quoted[i] or src.sentences[i].flat for i in range(first, last + 1))
    segments: list[str] = []
    for i in range(first, last + 1):
        if not src.quoted[i]:
            segments.append(src.sentences[i].flat)
            continue
        segments.extend(" ".join(t.split()).strip('«»“”"‘’ ') for _, t in src.quotations[i])
    segments = [w for w in segments if w]
    run = parts.quoted_run(back, segments)
    return whole if run == " ".join(segments) else run


def _source_quote(src: PreparedSource, first: int, last: int) -> Quote | None:
    """The source's quotation in sentences ``first..last`` (the first one), if any."""
    held = [k for i in range(first, last + 1) for k, _ in src.quotations[i]]
    return src.quotes[min(held)] if held else None


def _speaker_at(src: PreparedSource, first: int, last: int) -> str | None:
    said = _source_quote(src, first, last)
    return said.speaker if said is not None else None


class _Memo:
    """A :data:`Translator` that remembers: batches fetched ahead (:meth:`prefetch`, one engine
    call per language pair) are answered without another engine call."""

    def __init__(self, engines: dict[tuple[str, str], Engine | None], cache: TranslationCache | None) -> None:
        self._engines = engines
        self._cache = cache
        self._known: dict[tuple[str, str, str], str] = {}

    def covers(self, source_lang: str, target_lang: str) -> bool:
        """Whether an engine translates this pair (otherwise texts come back as they are)."""
        return source_lang != target_lang and self._engines.get((source_lang, target_lang)) is not None

    def prefetch(self, texts: Sequence[str], source_lang: str, target_lang: str) -> None:
        """Translate ``texts`` now, in one batch."""
        todo = list(dict.fromkeys(t for t in texts if (source_lang, target_lang, t) not in self._known))
        engine = self._engines.get((source_lang, target_lang))
        if not todo or engine is None or not self.covers(source_lang, target_lang):
            return
        done = translate_sentences(engine, todo, source_lang, target_lang, cache=self._cache)
        for text, tr in zip(todo, done, strict=True):
            self._known[(source_lang, target_lang, text)] = tr.text

    def __call__(self, texts: Sequence[str], source_lang: str, target_lang: str) -> list[str]:
        if not self.covers(source_lang, target_lang):
            return list(texts)
        self.prefetch(texts, source_lang, target_lang)
        return [self._known[(source_lang, target_lang, t)] for t in texts]


def _translator(engines: dict[tuple[str, str], Engine | None], cache: TranslationCache | None) -> _Memo:
    """Batch translation by language pair with whichever engine covers it (identity otherwise)."""
    return _Memo(engines, cache)


def _back_translations(
    quotes: list[Quote], more: list[str], lang: str, sources: list[PreparedSource], translator: _Memo
) -> list[str | None]:
    """The quotes in the sources' language (None without an engine for it), with ``more`` texts
    (the quotes' sentences, for :func:`_units`) fetched in the same engine call."""
    targets = {s.lang for s in sources} - {lang}
    if not targets or not quotes or not translator.covers(lang, sorted(targets)[0]):
        return [None] * len(quotes)
    target = sorted(targets)[0]
    translator.prefetch([q.text for q in quotes] + more, lang, target)
    return list(translator([q.text for q in quotes], lang, target))


def _item(
    u: _Unit,
    context: str,
    sources: list[PreparedSource],
    lang: str,
    glossary: Glossary | None,
    opts: ReviewOptions,
    translator: Translator | None = None,
    lex: ApertiumLexicon | None = None,
) -> ReviewItem:
    q, ranked, original = u.quote, u.ranked, u.original
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
        return ReviewItem(q.id, q.speaker, u.text, u.sentences, None, score, (flag,), u.part)
    src = sources[window.source]
    first, last = window.first, window.last
    translation = u.original_mt if u.original_mt is not None else window.mt
    speaker = _speaker_at(src, first, last)
    texts = Texts(u.text, _strip_marks(original), lang, src.lang, translation, u.back)
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
    return ReviewItem(q.id, q.speaker, u.text, u.sentences, match, score, tuple(flags), u.part)


def _named_in(speaker: str | None, context: str) -> bool:
    """True when a name word of ``speaker`` (capitalised, 3+ letters) occurs in ``context``."""
    if not speaker:
        return False
    words = {fold(w) for w in speaker.split() if len(w) > 2 and w[0].isupper()}
    found = {fold(w) for w in context.split()}
    return bool(words & {w.strip(".,;:«»“”\"'()") for w in found})


SPEAKER_ODDS = 0.25
"""How a differing speaker changes the odds that a candidate is the quote's original: the
article and the source quotation naming two different people is evidence against the match,
weighed, not a veto (the article may misattribute, or the source's attribution may be misread).
A judgment, not fitted: on the review dev set a right match has a differing named speaker about
2% of the time, so it hardly moves there; a chance look-alike quoted from someone else (a quote
said in the article's own language) is pushed below the match threshold."""


def weigh_speakers(r: Ranked, q: Quote, sources: list[PreparedSource], lang: str) -> Ranked:
    """``r`` with its probability weighed by whether the candidate's quotation is said by someone
    other than the quote's speaker (what :func:`~bilingual.review.names.speaker_flags` calls a
    different speaker: two person names sharing no name word)."""
    c = r.candidate
    if c is None or (said := _source_quote(sources[c.source], c.first, c.last)) is None:
        return r
    flags = speaker_flags(q.speaker, said.speaker, (lang, sources[c.source].lang), None)
    if not any(f.kind == "speaker" for f in flags):
        return r
    odds = r.probability / max(1.0 - r.probability, 1e-9) * SPEAKER_ODDS
    return replace(r, probability=odds / (1.0 + odds))


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
