"""Direct quotations in Spanish and English news, with their speakers.

Quotation marks come from the splitter (“…”, "…", «…», ‘…’, multi-paragraph quotes, raya
dialogue). Quotation segments of one paragraph separated only by whitespace or by one
attribution ("…," Almonte said. "…") form one quote. The speaker is read from the attribution
between, after or before the quote (:mod:`bilingual.review.attribution`); pronouns, role
descriptions and surnames are resolved against the people of the text
(:mod:`bilingual.review.speakers`). Word lists are data (``bilingual/data/reporting/{es,en}.txt``).

Every step is indexed (bisection over paragraph and sentence starts, attribution snippets
bounded by their paragraph), so extraction runs in time linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from bilingual.glossary.model import Glossary
from bilingual.review.attribution import IMPLICIT, Found, speaker_after, speaker_before
from bilingual.review.lexicon import Lexicon, lexicon
from bilingual.review.speakers import People, context_subject
from bilingual.split.splitter import SplitText

__all__ = ["IMPLICIT", "Quote", "extract_quotes", "lexicon"]

_OPEN = '“«‹"‘'
_CLOSE = '”»›"’'
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<![A-Z]\.)(?<![A-Z][a-z]\.)(?<![A-Z][a-z][a-z]\.)\s")
_BEFORE_LIMIT = 600


@dataclass(frozen=True)
class Quote:
    """One direct quotation: its words, where they are, and who said them."""

    id: int
    text: str
    segments: tuple[tuple[int, int], ...]
    sentences: tuple[int, ...]
    paragraphs: tuple[int, ...]
    speaker: str | None = None

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


# -- segments ------------------------------------------------------------------------------


def _segments(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int, str]]:
    """(start, end, quotation id, kind) of the quoted words; kind is "marks" or "raya"."""
    out: list[tuple[int, int, int, str]] = []
    for s, e, qid in spans:
        if text[s] in "—―–":
            out.extend((a, b, qid, "raya") for a, b in _raya_speech(text, s, e))
            continue
        inner_s = s + 1 if text[s] in _OPEN else s
        inner_e = e - 1 if text[e - 1] in _CLOSE and e - 1 > inner_s else e
        while inner_s < inner_e and text[inner_s].isspace():
            inner_s += 1
        while inner_e > inner_s and text[inner_e - 1].isspace():
            inner_e -= 1
        if inner_s < inner_e:
            out.append((inner_s, inner_e, qid, "marks"))
    return out


def _raya_speech(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Speech parts of a raya dialogue paragraph (narrator incisos ``—dijo él—`` left out)."""
    parts: list[tuple[int, int]] = []
    base = pos = s + 1
    speaking = True
    for m in re.finditer(r"\s?[—―]", text[base:e]):
        a, b = base + m.start(), base + m.end()
        if speaking:
            parts.append((pos, a))
        speaking = not speaking
        pos = b
    if speaking:
        parts.append((pos, e))
    clean = []
    for a, b in parts:
        while a < b and (text[a].isspace() or text[a] in ".,"):
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            clean.append((a, b))
    return clean


class _Index:
    """Paragraph and sentence lookup by character position (bisection)."""

    def __init__(self, split: SplitText) -> None:
        self.paragraphs = split.paragraphs
        self.par_starts = [s for s, _ in split.paragraphs]
        self.sentences = split.sentences
        self.sent_starts = [s.start for s in split.sentences]

    def paragraph_of(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (the last one for positions past the end)."""
        i = bisect_right(self.par_starts, pos) - 1
        if i < 0:
            return len(self.paragraphs) - 1
        s, e = self.paragraphs[i]
        return i if s <= pos < e else len(self.paragraphs) - 1

    def sentences_of(self, spans: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
        """Ids of the sentences that overlap any of ``spans``, in order."""
        ids: set[int] = set()
        for a, b in spans:
            i = max(0, bisect_right(self.sent_starts, a) - 1)
            while i < len(self.sentences) and self.sentences[i].start < b:
                if a < self.sentences[i].end:
                    ids.add(self.sentences[i].id)
                i += 1
        return tuple(sorted(ids))


def extract_quotes(split: SplitText, *, glossary: Glossary | None = None) -> list[Quote]:
    """Every direct quotation of a split text with its sentences and (resolved) speaker."""
    text, lang = split.text, split.lang
    if not split.paragraphs:
        return []
    lex = lexicon(lang)
    index = _Index(split)
    segs = _segments(text, split.quotations)
    groups = _group(text, segs, index, lex)
    people = People.of(text, lang, glossary, lex)
    out: list[Quote] = []
    for n, group in enumerate(groups):
        spans = tuple((a, b) for a, b, _, _ in group)
        raya = group[0][3] == "raya"
        found = _attribution(text, spans, index, lex, raya)
        speaker = found.who if found is not None else None
        if speaker is None or speaker.split()[0] not in lex.indefinites:  # "una reportera" stays unnamed
            speaker = _resolve_speaker(found, text, spans[0][0], index, people, lex, out)
        if speaker is not None:
            people.add_speaker(spans[0][0], found, speaker)
        par_ids = tuple(sorted({index.paragraph_of(a) for a, _ in spans}))
        words = " ".join(text[a:b] for a, b in spans)
        out.append(Quote(n, words, spans, index.sentences_of(spans), par_ids, speaker))
    return out


def _resolve_speaker(
    found: Found | None, text: str, pos: int, index: _Index, people: People, lex: Lexicon, earlier: list[Quote]
) -> str | None:
    """Turn an attribution into a person: context subject for a missing or implicit one, the
    previous quote's speaker for Spanish subject-less verbs, the person last introduced with a
    role for a role description, the nearest fitting name for pronouns, the longest earlier
    mention for a surname."""
    speaker = found.who if found is not None else None
    if speaker is not None and found is not None and found.named:
        return people.full_name(speaker)
    p = index.paragraph_of(pos)
    par = index.paragraphs[p]
    prev = index.paragraphs[p - 1] if p > 0 else None
    if speaker is None or speaker == IMPLICIT:
        speaker = context_subject(text, pos, par, prev, lex) or speaker
        if speaker is not None and speaker != IMPLICIT and not _is_descriptor(speaker, lex):
            return people.full_name(speaker)
    if speaker == IMPLICIT:
        if earlier and earlier[-1].speaker:
            return earlier[-1].speaker
        return people.resolve(IMPLICIT, pos)
    if speaker is None:
        return None
    words = speaker.split()
    if words[-1] not in lex.pronouns and len(words) >= 2:  # a role: "el alcalde", "the president"
        resolved = people.resolve(speaker, pos)
        return resolved if resolved is not None else speaker
    context = context_subject(text, pos, par, prev, lex)
    if context is not None and not _is_descriptor(context, lex):
        return people.full_name(context)  # "Johnson said … “…,” he said."
    return people.resolve(context or speaker, pos)


def _is_descriptor(speaker: str, lex: Lexicon) -> bool:
    return speaker == IMPLICIT or speaker[:1].islower() or speaker.lower() in lex.descriptors


def _group(
    text: str, segs: list[tuple[int, int, int, str]], index: _Index, lex: Lexicon
) -> list[list[tuple[int, int, int, str]]]:
    """Segments of one quote: same quotation id, or same paragraph joined by whitespace or by
    one attribution ("…," Almonte said. "…"); a second attribution starts a new quote
    ("…," said X. "…," added Y.)."""
    groups: list[list[tuple[int, int, int, str]]] = []
    attributed = False
    for k, seg in enumerate(segs):
        if groups:
            last = groups[-1][-1]
            same_par = index.paragraph_of(last[0]) == index.paragraph_of(seg[0])
            gap = text[last[1] : seg[0]].strip(_OPEN + _CLOSE + " \t\r\n")
            said = bool(gap) and same_par and len(gap.split()) <= 12 and speaker_after(gap, lex) is not None
            if said and _own_attribution(text, seg, segs[k + 1] if k + 1 < len(segs) else None, index, lex):
                said = False  # "…," said X. "…," added Y.
            if last[2] == seg[2] or (same_par and (not gap or (said and not attributed))):
                attributed = attributed or said
                groups[-1].append(seg)
                continue
        groups.append([seg])
        attributed = False
    return groups


def _own_attribution(
    text: str, seg: tuple[int, int, int, str], nxt: tuple[int, int, int, str] | None, index: _Index, lex: Lexicon
) -> bool:
    """Whether a segment is followed by an attribution of its own that names or describes a
    speaker (a subject-less Spanish verb continues the previous speaker)."""
    par_e = index.paragraphs[index.paragraph_of(seg[0])][1]
    end = min(par_e, nxt[0]) if nxt is not None else par_e
    after = text[seg[1] : min(end, seg[1] + 300)].lstrip(_CLOSE + " \t")
    found = speaker_after(_SENTENCE_END.split(after, maxsplit=1)[0], lex)
    return found is not None and found.who != IMPLICIT


def _attribution(
    text: str, spans: tuple[tuple[int, int], ...], index: _Index, lex: Lexicon, raya: bool
) -> Found | None:
    """Find the speaker around the quote: between segments, after it, then before it."""
    for (_, b), (a, _) in pairwise(spans):
        found = speaker_after(text[b:a].strip(_OPEN + _CLOSE + " \t"), lex)
        if found:
            return found
    first, last = spans[0][0], spans[-1][1]
    par_s, par_e = index.paragraphs[index.paragraph_of(last - 1)]
    after = text[last:par_e].lstrip(_CLOSE + " \t")
    if raya:
        inciso = re.search(r"[—―]\s*([^—―]+)", text[par_s:par_e])
        if inciso and (found := speaker_after(inciso.group(1), lex)):
            return found
    found = speaker_after(_SENTENCE_END.split(after, maxsplit=1)[0], lex)
    if found:
        return found
    par_s = index.paragraphs[index.paragraph_of(first)][0]
    before = text[max(par_s, first - _BEFORE_LIMIT) : first].rstrip(_OPEN + " ")
    before = re.split(r"[.!?]\s", before)[-1]
    return speaker_before(before, lex)
