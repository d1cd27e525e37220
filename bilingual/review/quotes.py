"""Direct quotations in Spanish and English news, with their speakers.

Quotation marks come from the splitter (“…”, "…", «…», ‘…’, multi-paragraph quotes, raya
dialogue). Quotation segments of one paragraph separated only by whitespace or by an attribution
("…," Almonte said. "…") form one quote. The speaker is read from the attribution after, inside
or before the quote (``dijo la presidenta``, ``Almonte added``, ``Sheinbaum dijo que``,
``according to the mayor``); pronouns and descriptions ("she", "el alcalde") are resolved to the
nearest person named before the quote. Reporting verbs, descriptors and titles are data files
(``bilingual/data/reporting/{es,en}.txt``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise

from bilingual.glossary.model import Glossary
from bilingual.lang import wordlists
from bilingual.lang.codes import fold
from bilingual.split.splitter import SplitText

_OPEN = '“«‹"‘'
_CLOSE = '”»›"’'
_NAME_WORD = r"(?:[A-ZÁÉÍÓÚÑÜ][a-z]{0,3}\.(?=[ \t]+[A-ZÁÉÍÓÚÑÜ])|[A-ZÁÉÍÓÚÑÜ][\w'’\-]*)"
_PARTICLE = r"(?:de|del|de la|de los|la|las|los|van|von|da|di)"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_WORD})*"
IMPLICIT = "<implicit>"
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<![A-Z]\.)(?<![A-Z][a-z]\.)(?<![A-Z][a-z][a-z]\.)\s")


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


@dataclass(frozen=True)
class _Lexicon:
    verbs: frozenset[str]
    descriptors: tuple[str, ...]
    titles: frozenset[str]
    negations: frozenset[str]
    stopwords: frozenset[str]
    numbers: dict[str, str]
    roles: dict[str, tuple[str, ...]]

    @cached_property
    def verbs_alt(self) -> str:
        """Regex alternation of the reporting verbs, longest first (built once per language)."""
        return "|".join(sorted(self.verbs, key=len, reverse=True))

    @cached_property
    def descr_alt(self) -> str:
        """Regex alternation of the descriptors ("la mandataria", "the mayor")."""
        return "|".join(re.escape(d) for d in self.descriptors)


@cache
def lexicon(lang: str) -> _Lexicon:
    """Reporting verbs, descriptors, titles and negation words of ``lang`` (data files)."""
    sections = wordlists.sections("reporting", lang)
    words = lambda key: [w for line in sections.get(key, []) for w in line.split()]  # noqa: E731
    descriptors: list[str] = []
    for line in sections.get("descriptors", []):
        tokens = line.split()
        i = 0
        while i < len(tokens):  # "el alcalde" / "the mayor" / "él": article + noun or a pronoun
            if tokens[i] in ("el", "la", "los", "las", "the") and i + 1 < len(tokens):
                descriptors.append(f"{tokens[i]} {tokens[i + 1]}")
                i += 2
            else:
                descriptors.append(tokens[i])
                i += 1
    return _Lexicon(
        frozenset(words("verbs")),
        tuple(sorted(set(descriptors), key=len, reverse=True)),
        frozenset(words("titles")),
        frozenset(words("negations")),
        frozenset(words("stopwords")),
        dict(w.split("=", 1) for w in words("numbers")),
        {line.split()[0]: tuple(line.split()[1:]) for line in sections.get("roles", [])},
    )


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


# -- attribution ---------------------------------------------------------------------------


def _speaker_in(snippet: str, lex: _Lexicon, where: str) -> str | None:
    """A speaker named or described in an attribution snippet before/after/between segments."""
    verbs = lex.verbs_alt
    descr = lex.descr_alt
    who = rf"(?P<who>{_NAME}|(?i:{descr}))"
    also = r"(?:\s+(?:also|too|later|then|también|luego|después))?"
    patterns = []
    generic = r"(?P<who>(?:el|la|los|las|the|un|una|unos|unas|an?)[ \t]+[a-záéíóúñ]+(?:[ \t]+[a-záéíóúñ]+)?)"
    if where == "after":
        lead = rf"^[\s,.;:—–-]*(?i:{verbs}){also}\s+"
        described = r"(?:el|la|los|las|the)[ \t]+(?:[a-záéíóúñ.-]+[ \t]+){0,5}?"
        patterns = [
            # dijo la directora del aeropuerto, Samantha Cruz
            rf"{lead}{described}[a-záéíóúñ.-]+,[ \t]+(?P<who>{_NAME})",
            # dijo el jefe de policía Peter Pacillas
            rf"{lead}{described}(?P<who>{_NAME})",
            # said spokesman Mark Ortega / said El Paso resident Maria Gomez / said Juárez police chief …
            rf"{lead}(?:{_NAME_WORD}[ \t]+){{0,3}}(?:[a-z.-]+[ \t]+){{1,3}}(?P<who>{_NAME})",
            rf"{lead}{who}",
            rf"^[\s,.;:—–-]*{who}{also}\s+(?i:{verbs})\b",
            rf"^[\s,.;:—–-]*(?i:{verbs}){also}\s+{generic}",
            rf"^[\s,.;:—–-]*{generic}{also}\s+(?i:{verbs})\b",
        ]
    else:
        patterns = [
            rf"{who}{also}\s+(?i:{verbs})(?:\s+(?:que|that))?\s*[:,]?\s*$",
            rf"(?i:according to|según|de acuerdo con)\s+{who}\s*[:,]?\s*$",
        ]
    for pattern in patterns:
        m = re.search(pattern, snippet)
        if m:
            who = m.group("who")
            if who[:1].islower() or _is_descriptor(who, lex):
                return who.lower()
            return _strip_titles(who, lex)
    if where == "after" and re.match(rf"^[\s,.;:—–-]*(?i:{verbs})\s*(?:[.,;—–]|$|[a-záéíóúñ])", snippet):
        return IMPLICIT  # Spanish drops the subject: «…», afirmó. / «…», señaló en entrevista.
    return None


_INDEFINITE = frozenset({"un", "una", "unos", "unas", "a", "an"})
_ARTICLES = frozenset({"el", "la", "los", "las", "the", "of", "de", "del"})


def _title_index(words: list[str], lex: _Lexicon) -> int:
    """Index of the last title word ("Mayor", "Gral.", "President") in ``words``, or -1."""
    last = -1
    for i, w in enumerate(words):
        low = w.lower()
        if low not in _ARTICLES and (low in lex.titles or low.rstrip(".") + "." in lex.titles):
            last = i
    return last


def _strip_titles(name: str, lex: _Lexicon) -> str:
    """The personal name at the end of a titled phrase: "Juárez Mayor Cruz Pérez Cuéllar" →
    "Cruz Pérez Cuéllar", "Lt. Col. Ana Torres" → "Ana Torres"."""
    words = name.split()
    cut = _title_index(words, lex)
    rest = words[cut + 1 :] if cut + 1 < len(words) else words
    while len(rest) > 1 and rest[0].lower() in _ARTICLES:
        rest = rest[1:]
    return " ".join(rest).rstrip(".,")


def _is_descriptor(speaker: str, lex: _Lexicon) -> bool:
    low = speaker.lower()
    return speaker == IMPLICIT or speaker[:1].islower() or low in lex.descriptors


def extract_quotes(split: SplitText, *, glossary: Glossary | None = None) -> list[Quote]:
    """Every direct quotation of a split text with its sentences and (resolved) speaker."""
    text, lang, sentences, paragraphs = split.text, split.lang, split.sentences, split.paragraphs
    lex = lexicon(lang)
    segs = _segments(text, split.quotations)
    groups = _group(text, segs, paragraphs, lex)
    people = _people(text, lang, glossary, lex)
    out: list[Quote] = []
    for n, group in enumerate(groups):
        spans = tuple((a, b) for a, b, _, _ in group)
        raya = group[0][3] == "raya"
        speaker = _attribution(text, spans, paragraphs, lex, raya)
        if speaker is None or speaker.split()[0] not in _INDEFINITE:  # "una reportera" stays unnamed
            speaker = _resolve_speaker(speaker, text, spans[0][0], paragraphs, people, lex, out)
        if speaker is not None:
            people.append((spans[0][0], speaker))
            people.sort()
        sent_ids = tuple(s.id for s in sentences if any(s.start < b and a < s.end for a, b in spans))
        par_ids = tuple(sorted({_paragraph_of(paragraphs, a) for a, _ in spans}))
        words = " ".join(text[a:b] for a, b in spans)
        out.append(Quote(n, words, spans, sent_ids, par_ids, speaker))
    return out


def _resolve_speaker(
    speaker: str | None,
    text: str,
    pos: int,
    paragraphs: list[tuple[int, int]],
    people: list[tuple[int, str]],
    lex: _Lexicon,
    earlier: list[Quote],
) -> str | None:
    """Turn an attribution into a person: context subject for a missing or implicit one, the
    previous quote's speaker for Spanish subject-less verbs, the nearest fitting name for
    pronouns and descriptions, the longest earlier mention for a surname."""
    if speaker is None or speaker == IMPLICIT:
        speaker = _context_subject(text, pos, paragraphs, lex) or speaker
    if speaker == IMPLICIT and earlier and earlier[-1].speaker:
        return earlier[-1].speaker
    if speaker == IMPLICIT:
        return _resolve(IMPLICIT, pos, people, text, lex)
    if speaker is not None and _is_descriptor(speaker, lex):
        context = _context_subject(text, pos, paragraphs, lex)
        if context is not None and not _is_descriptor(context, lex):
            return _full_name(context, people)  # "Johnson said … “…,” he said."
        return _resolve(context or speaker, pos, people, text, lex)
    return _full_name(speaker, people) if speaker is not None else None


def _paragraph_of(paragraphs: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(paragraphs):
        if s <= pos < e:
            return i
    return len(paragraphs) - 1


def _group(
    text: str, segs: list[tuple[int, int, int, str]], paragraphs: list[tuple[int, int]], lex: _Lexicon
) -> list[list[tuple[int, int, int, str]]]:
    """Segments of one quote: same quotation id, or same paragraph joined by whitespace/attribution."""
    groups: list[list[tuple[int, int, int, str]]] = []
    for seg in segs:
        if groups:
            last = groups[-1][-1]
            same_par = _paragraph_of(paragraphs, last[0]) == _paragraph_of(paragraphs, seg[0])
            gap = text[last[1] : seg[0]].strip(_OPEN + _CLOSE + " \t\r\n")
            joined = last[2] == seg[2] or (
                same_par and (not gap or (len(gap.split()) <= 12 and _speaker_in(gap, lex, "after") is not None))
            )
            if joined:
                groups[-1].append(seg)
                continue
        groups.append([seg])
    return groups


def _attribution(
    text: str, spans: tuple[tuple[int, int], ...], paragraphs: list[tuple[int, int]], lex: _Lexicon, raya: bool
) -> str | None:
    """Find the speaker around the quote: between segments, after it, then before it."""
    for (_, b), (a, _) in pairwise(spans):
        found = _speaker_in(text[b:a].strip(_OPEN + _CLOSE), lex, "after")
        if found:
            return found
    first, last = spans[0][0], spans[-1][1]
    par_s, par_e = paragraphs[_paragraph_of(paragraphs, last - 1)]
    after = text[last:par_e].lstrip(_CLOSE)
    if raya:
        inciso = re.search(r"[—―]\s*([^—―]+)", text[par_s:par_e])
        if inciso and (found := _speaker_in(inciso.group(1), lex, "after")):
            return found
    found = _speaker_in(_SENTENCE_END.split(after, maxsplit=1)[0], lex, "after")
    if found:
        return found
    par_s = paragraphs[_paragraph_of(paragraphs, first)][0]
    before = text[par_s:first].rstrip(_OPEN + " ")
    before = re.split(r"[.!?]\s", before)[-1]
    return _speaker_in(before, lex, "before")


def _context_subject(text: str, pos: int, paragraphs: list[tuple[int, int]], lex: _Lexicon) -> str | None:
    """Who is speaking according to the text before the quote: the last "NAME (,…,) said" in its
    paragraph, or — news style, for a quote that opens its paragraph — in the paragraph before."""
    index = _paragraph_of(paragraphs, pos)
    s = paragraphs[index][0]
    before = text[s:pos]
    if not before.strip(_OPEN + " ") and index > 0:
        before = text[paragraphs[index - 1][0] : paragraphs[index - 1][1]]
    verbs = lex.verbs_alt
    descr = lex.descr_alt
    also = r"(?:[ \t]+(?:also|también))?"
    apposition = r"(?:,(?P<app>[^.;:]{1,160}?),)?"
    pattern = rf"(?P<who>{_NAME}|(?i:{descr})){apposition},?{also}[ \t]+(?i:{verbs})\b"
    found = None
    for m in re.finditer(pattern, before):
        opens = m.start() == 0 or bool(re.search(r"(?:[.!?]\s+|\n)$", before[max(0, m.start() - 3) : m.start()]))
        app = m.group("app")
        if app is None:
            found = m.group("who")
        elif opens:  # with an apposition, only a sentence's subject counts
            named = re.fullmatch(rf"\s*(?P<name>{_NAME})\s*", app)
            found = named.group("name") if named and " " in named.group("name") else m.group("who")
    if found is None:
        return None
    return found.lower() if found[:1].islower() or found.lower() in lex.descriptors else _strip_titles(found, lex)


def _people(text: str, lang: str, glossary: Glossary | None, lex: _Lexicon) -> list[tuple[int, str]]:
    """(position, name) of people mentioned: glossary persons, names after a title ("Gral.
    Arturo Medina Salas", "Mayor Renard Johnson") and sentence-opening names with an apposition
    or a reporting verb ("Leticia Porras, an El Paso resident, said")."""
    found: list[tuple[int, str]] = []
    if glossary is not None:
        for m in glossary.matcher(lang).find(text):
            if m.entry.type == "person":
                found.append((m.start, text[m.start : m.end]))
    verbs = lex.verbs_alt
    for m in re.finditer(_NAME, text):
        words = m.group().split()
        if len(words) < 2:
            continue
        cut = _title_index(words, lex)
        if 0 <= cut < len(words) - 1:
            name = _strip_titles(m.group(), lex)
            found.append((m.end() - len(name), name))
            continue
        starts_sentence = m.start() == 0 or re.search(r"(?:[.!?]\s+|\n)$", text[max(0, m.start() - 3) : m.start()])
        follows = text[m.end() : m.end() + 40]
        if starts_sentence and re.match(rf"(?:,\s|[ \t]+(?i:{verbs})\b)", follows):
            found.append((m.start(), m.group()))
    found.sort()
    return found


def _resolve(descriptor: str, pos: int, people: list[tuple[int, str]], text: str, lex: _Lexicon) -> str | None:
    """The person a pronoun or description refers to: the nearest name before ``pos`` (one
    introduced with the same title if there is one: "el alcalde" → "Alcalde Cruz Pérez Cuéllar")."""
    before = [(p, name) for p, name in people if p < pos]
    if not before:
        return None
    head = descriptor.lower().split()[-1]
    if descriptor != IMPLICIT and head not in ("he", "she", "they", "él", "ella"):
        heads = {fold(head), *(fold(r) for r in lex.roles.get(head, ()))}
        titled = [(p, name) for p, name in before if any(h in fold(text[max(0, p - 40) : p]) for h in heads)]
        if titled:
            return _full_name(titled[-1][1], people)
    return _full_name(before[-1][1], people)


def _full_name(name: str, people: list[tuple[int, str]]) -> str:
    """The longest earlier mention ending in the same surname ("Almonte" → "Robert Almonte")."""
    last = fold(name.split()[-1])
    longer = [n for _, n in people if last in fold(n).split() and len(n) > len(name)]
    return max(longer, key=len) if longer else name
