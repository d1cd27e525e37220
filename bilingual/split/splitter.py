"""News-aware sentence splitting for Spanish and English.

The splitter looks only at candidate positions (terminal punctuation followed by whitespace),
so it runs in time linear in the text. Each candidate is decided from the word before it
(abbreviation lists in ``bilingual/data/abbreviations``), the word after it (sentence openers in
``bilingual/data/openers``), and a few layout rules: paragraphs are hard boundaries, list
markers start items, spaced ellipses follow MLA usage, a dash or a lowercase word continues the
sentence (``«¿Vienes?» —preguntó``, ``«Basta.», dijo``).

Invariant: every non-whitespace character of the input lies in exactly one sentence, in order,
and ``text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bilingual.errors import LanguageError
from bilingual.lang.codes import LANGUAGES
from bilingual.split.rules import Kind, LanguageRules, load_rules

__all__ = ["Sentence", "SplitText", "Splitter", "paragraph_spans", "split_text"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its position in the input and the quotation it belongs to (if any)."""

    id: int
    paragraph: int
    start: int
    end: int
    text: str
    quote: int | None = None

    @property
    def flat(self) -> str:
        """The sentence on one line (runs of whitespace, including hard line breaks, as one
        space): what engines, aligners and reviewers compare."""
        return _SPACE_RUN.sub(" ", self.text)


@dataclass(frozen=True)
class SplitText:
    """Everything the splitter finds in one text, computed once and handed on: the sentences,
    the paragraphs and the top-level quotations (``(start, end, id)``, ids as in
    :attr:`Sentence.quote`)."""

    text: str
    lang: str
    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]
    quotations: list[tuple[int, int, int]]


_PARA_BREAK = re.compile(r"\n[^\S\n]*\n")
_SPACE_RUN = re.compile(r"\s+")
_CANDIDATE = re.compile(
    r"(?P<emoticon>(?<!\S)[:;=][-'^]?[)(\]\[DPp/\\|]{1,3}(?=\s))"
    r"|[.!?…‽][.!?…‽\"”’'»›)\]}]*(?=\s|[A-ZÁÉÍÓÚÑ][a-záéíóúñ])"
)
_EMOTICON = re.compile(r"[:;=][-'^]?[)(\]\[DPp/\\|]{1,3}")
_NEXT_TOKEN = re.compile(r"\s*(\S{1,80})")
_GLUED_WORD = re.compile(r"[^\W\d_]{3,}")
_URLISH = re.compile(r"[@/.:_]")
_SPACED_DOTS = re.compile(r"(?<!\.)\.(?:[ \u00a0]\.){2,}(?!\.)")
_WORD = re.compile(r"[^\W\d_]+")
_ENUM = re.compile(r"(\d{1,3}|[a-z])(\.\)|\)|\.)(?=\s)")
_MULTIDOT = re.compile(r"(?:[^\W\d_]{1,4}\.)+[^\W\d_]{1,4}")
_QUOTE_CHARS = re.compile(r"[“”«»‹›‘’\"]")

_LEADERS = frozenset("\"“‘'«‹([{¿¡—–-•⁃▪◦*…·")
_BULLETS = frozenset("•⁃▪◦●‣∙·*-–—")
_TRAIL = "\"”’'»›)]}—–"
_LEAD = "\"“‘'«‹([{¿¡—–"
_VOWELS = frozenset("aeiouyáéíóúüàèìòùâêîôûäëïöAEIOUYÁÉÍÓÚÜ")
_OPEN_QUOTES = frozenset('“«‹"')
_TURN_DASHES = frozenset(("-", "–", "—", "―"))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank-line separated, surrounding whitespace trimmed."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        bounds.append(_trim(text, pos, m.start()))
        pos = m.end()
    bounds.append(_trim(text, pos, len(text)))
    return [(s, e) for s, e in bounds if s < e]


class Splitter:
    """Sentence splitter for one language (``es`` or ``en``); reusable and thread-safe."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise LanguageError(f"unknown language '{lang}'", "use es, en or auto")
        self.lang = lang
        self.rules: LanguageRules = load_rules(lang)

    def split(self, text: str) -> list[Sentence]:
        """Split ``text`` into sentences with offsets, paragraph numbers and quotation ids."""
        return self.analyze(text).sentences

    def analyze(self, text: str) -> SplitText:
        """Sentences, paragraphs and quotations of ``text`` (see :class:`SplitText`)."""
        paragraphs = paragraph_spans(text)
        quotes = _quotations(text, paragraphs)
        out: list[Sentence] = []
        qi = 0
        for pno, (ps, pe) in enumerate(paragraphs):
            for s, e in self._sentences(text, ps, pe):
                while qi < len(quotes) and quotes[qi][1] <= s:
                    qi += 1
                out.append(Sentence(len(out), pno, s, e, text[s:e], _quote_of(quotes, qi, s, e)))
        return SplitText(text, self.lang, out, paragraphs, quotes)

    # -- boundaries inside one paragraph -------------------------------------------------

    def _sentences(self, text: str, ps: int, pe: int) -> Iterator[tuple[int, int]]:
        start = ps
        for cut in self._cuts(text, ps, pe):
            s, e = _trim(text, start, cut)
            if s < e:
                yield s, e
            start = cut
        s, e = _trim(text, start, pe)
        if s < e:
            yield s, e

    def _cuts(self, text: str, ps: int, pe: int) -> Iterator[int]:
        forced = _list_item_starts(text, ps, pe)
        spaced = {m.start(): m for m in _SPACED_DOTS.finditer(text, ps, pe)} if ". ." in text[ps:pe] else {}
        skip_until = ps
        sent_start = ps
        fi = 0
        for m in _CANDIDATE.finditer(text, ps, pe):
            cs, ce = m.span()
            while fi < len(forced) and forced[fi] <= cs:
                if forced[fi] > sent_start:
                    sent_start = forced[fi]
                    yield sent_start
                fi += 1
            if cs < skip_until:
                continue
            run = spaced.get(cs)
            if run is not None:
                skip_until = run.end()
                cut = self._spaced_dots_cut(text, run, pe)
            elif m.lastgroup == "emoticon":
                if not self._after_emoticon(text, ce, pe):
                    continue
                cut = ce
            elif self._is_boundary(text, ps, pe, sent_start, cs, ce):
                cut = ce
            else:
                continue
            if cut is not None and cut > sent_start:
                sent_start = cut
                yield cut
        for f in forced[fi:]:
            if f > sent_start:
                sent_start = f
                yield f

    def _spaced_dots_cut(self, text: str, run: re.Match[str], pe: int) -> int | None:
        """MLA ellipses: ``. . .`` omits words mid-sentence; a fourth dot is a sentence's period."""
        dots = (run.end() - run.start() + 1) // 2
        nxt = _NEXT_TOKEN.match(text, run.end(), pe)
        if nxt is None or _classify(nxt.group(1))[0] not in ("upper", "inverted"):
            return None
        attached = run.start() > 0 and not text[run.start() - 1].isspace()
        if attached and dots == 4:
            return run.start() + 1
        if not attached and dots >= 4:
            return run.end()
        return None

    def _after_emoticon(self, text: str, ce: int, pe: int) -> bool:
        """An emoticon closes the sentence before it (``so far! :) The park…``)."""
        nxt = _NEXT_TOKEN.match(text, ce, pe)
        return nxt is not None and _classify(nxt.group(1))[0] in ("upper", "inverted", "digit")

    def _is_boundary(self, text: str, ps: int, pe: int, sent_start: int, cs: int, ce: int) -> bool:
        nxt = _NEXT_TOKEN.match(text, ce, pe)
        if nxt is None:
            return False
        cluster = text[cs:ce]
        if not text[ce].isspace():
            return not _URLISH.search(nxt.group(1).rstrip(".!?")) and self._glued(text, ps, cs, cluster)
        token = nxt.group(1)
        if _EMOTICON.fullmatch(token):
            return False  # the emoticon belongs to this sentence
        if token in _TURN_DASHES:
            return self._dialogue_turn(text, ps, pe, sent_start, cs, nxt.end(), cluster)
        kind, word = _classify(token)
        if kind == "lower":
            if cluster == ".":
                return self._plain_word_before(text, ps, cs)
            return self.rules.question_then_lowercase_ends and _emphatic_end(cluster)
        if kind == "dash":
            return False
        if "?" in cluster or "!" in cluster or "‽" in cluster:
            if kind == "other" and not any(c.isalnum() for c in token):
                return False  # "parrots? ?", "Servers! =-----"
            if cluster == "!" and kind == "upper" and word.lower() not in self.rules.openers:
                core = text[max(ps, cs - 40) : cs].rsplit(None, 1)[-1] if cs > ps else ""
                return self.rules.lookup(core) is not Kind.EXCLAMATION  # "Yahoo! Mail"
            return True
        if cluster.startswith(("...", "…")) or "…" in cluster:
            if cs > ps and text[cs - 1] in "([" and cluster.rstrip(_TRAIL) != cluster:
                return False  # bracketed omission mark: "[...]"
            return kind in ("upper", "inverted")
        if kind == "other":
            return False
        token_start = _token_start(text, ps, cs, 80)
        if _is_list_marker(text, sent_start, token_start, cs):
            return False
        if cluster[-1] in _TRAIL and token_start < cs:
            return True  # period inside closing quotes/brackets: ".”", ".)"
        return self._after_word(text, sent_start, token_start, cs, kind, word, nxt.group(1))

    def _dialogue_turn(self, text: str, ps: int, pe: int, sent_start: int, cs: int, after: int, cluster: str) -> bool:
        """Interviews typed with spaced dashes instead of rayas (``…frontera. - ¿Hubo aviso? -
        Ninguno.``): a lone dash after a sentence end opens a new turn when a capitalised word
        or ``¿``/``¡`` follows; ranges and lists ("10 - 12", "EE. UU. - México") do not."""
        nxt = _NEXT_TOKEN.match(text, after, pe)
        if nxt is None:
            return False
        kind, word = _classify(nxt.group(1))
        if kind == "inverted":
            return True
        if kind != "upper":
            return False
        if "?" in cluster or "!" in cluster or "‽" in cluster or "…" in cluster or cluster.startswith(".."):
            return True
        token_start = _token_start(text, ps, cs, 80)
        core = text[token_start:cs].lstrip(_LEAD).rstrip(_TRAIL)
        head = text[sent_start:cs]
        if not any(c.islower() for c in head):
            return False  # dateline: "CIUDAD JUÁREZ, Chih. — La…"
        if self._date_heading(head):
            return False  # chronology entry: "12 de julio. - El Congreso aprueba…"
        if self.rules.lookup(core) is not None or _is_list_marker(text, sent_start, token_start, cs):
            return False
        return self._after_word(text, sent_start, token_start, cs, kind, word, nxt.group(1))

    def _date_heading(self, head: str) -> bool:
        """A short date that heads a chronology entry ("17 de mayo", "2000 Enero / Febrero")."""
        words = head.split()
        if not words or len(words) > 5 or words[0][0] in _TURN_DASHES:
            return False
        return any(c.isdigit() for c in head) or any(w.lower() in self.rules.calendar for w in _WORD.findall(head))

    def _glued(self, text: str, ps: int, cs: int, cluster: str) -> bool:
        """A boundary without a space ("I received.This man…"): only after a plain lowercase
        word of three or more letters, never inside dotted names (``J.Aron``, ``Mc.Donalds``)."""
        if cluster[-1] in _TRAIL:
            return False
        token_start = _token_start(text, ps, cs, 40)
        core = text[token_start:cs].lstrip(_LEAD)
        return bool(_GLUED_WORD.fullmatch(core)) and core[-1].islower() and self.rules.lookup(core) is None

    def _plain_word_before(self, text: str, ps: int, cs: int) -> bool:
        """Informal text starts sentences in lowercase ("going to sleep. i was too tired"):
        a period after an ordinary word (not an abbreviation, two or more letters with a vowel)
        still ends one. ``friendly . and`` (space before the period) counts too."""
        end = cs
        while end > ps and text[end - 1] in " \t":
            end -= 1
        token_start = _token_start(text, ps, end, 40)
        core = text[token_start:end].lstrip(_LEAD).rstrip(_TRAIL)
        if len(core) < 2 or not core.replace("'", "").replace("’", "").isalpha():
            return False
        if not (set(core) & _VOWELS) or self.rules.lookup(core) is not None:
            return False
        return self.rules.multi is None or self._multi_kind(text, token_start, end) is None

    def _after_word(
        self, text: str, sent_start: int, token_start: int, cs: int, kind: str, word: str, nxt: str
    ) -> bool:
        """Decide a period boundary from the word before the period and the token after it."""
        rules = self.rules
        core = text[token_start:cs].lstrip(_LEAD).rstrip(_TRAIL)
        strong = kind == "inverted" or (nxt[0] in _OPEN_QUOTES and kind == "upper")
        initial_next = len(word) == 1 and nxt.lstrip(_LEAD)[1:2] == "."  # "M. A. López"
        opener = strong or (kind == "upper" and not initial_next and word.lower() in rules.openers)
        if rules.multi is not None:
            abbr = self._multi_kind(text, token_start, cs)
            if abbr is False:
                return False
            if abbr is not None:
                return self._after_abbreviation(abbr, text, sent_start, cs, kind, word, opener)
        if not core:
            return kind in ("upper", "digit")
        abbr_kind = rules.lookup(core)
        if abbr_kind is Kind.NUMBER and core.lower() == "no" and kind != "digit":
            abbr_kind = None  # "no." as the word "no"
        if abbr_kind is not None:
            return self._after_abbreviation(abbr_kind, text, sent_start, cs, kind, word, opener)
        if any(c.isdigit() for c in core):
            return True
        if len(core) == 1 or _MULTIDOT.fullmatch(core):
            return opener  # initial ("Robert F. Kennedy") or dotted acronym ("D.C.")
        if len(core) <= 5 and not (set(core) & _VOWELS) and core.isalpha() and not core.isupper():
            return opener  # vowel-less: "Blvd", "Pdte"-like abbreviation not in the lists
        return True

    def _after_abbreviation(
        self, abbr: Kind, text: str, sent_start: int, cs: int, kind: str, word: str, opener: bool
    ) -> bool:
        if abbr is Kind.TITLE:
            return False
        if abbr is Kind.NUMBER and kind == "digit":
            return False
        if abbr is Kind.TIME and kind == "upper" and not opener:
            return word.lower() not in self.rules.calendar and len(text[sent_start:cs].split()) > 3
        if kind == "digit" and abbr is not Kind.TIME:
            return False
        return opener

    def _multi_kind(self, text: str, token_start: int, cs: int) -> Kind | bool | None:
        """Kind of a spaced abbreviation ending at ``cs`` ("EE. UU."), False inside one, else None."""
        pattern = self.rules.multi
        assert pattern is not None
        m = pattern.match(text, token_start)
        if m is not None and m.end() > cs + 1:
            return False  # the dot of "EE." in "EE. UU."
        lo = max(0, cs - 24)
        for m in pattern.finditer(text, lo, cs + 1):
            if m.end() == cs + 1 and m.lastgroup is not None:
                return self.rules.multi_kinds[m.lastgroup]
        return None


def _classify(token: str) -> tuple[str, str]:
    """Kind of the token after a candidate: upper, lower, digit, inverted (¿¡), dash, other."""
    i = 0
    inverted = dash = False
    n = len(token)
    while i < n and token[i] in _LEADERS:
        c = token[i]
        if c in "¿¡":
            inverted = True
        elif c in "—–":
            dash = True
        i += 1
    if i == n:
        return ("dash" if dash else "other"), ""
    m = _WORD.match(token, i)
    word = m.group() if m else ""
    if inverted:
        return "inverted", word
    c = token[i]
    if c.isupper():
        return "upper", word
    if c.isdigit():
        return "digit", word
    if c.islower():
        return "lower", word
    return "other", word


def _emphatic_end(cluster: str) -> bool:
    """ "?", "??", "!!", "?!" without closing quotes: a question or exclamation that ends here."""
    if cluster[-1] in _TRAIL:
        return False
    return "?" in cluster or cluster.count("!") > 1


def _is_list_marker(text: str, sent_start: int, token_start: int, cs: int) -> bool:
    """A "1." / "a." / "⁃9." that opens the current sentence (after bullets) is a list marker."""
    core = text[token_start:cs].lstrip("".join(_BULLETS))
    if not (core.isdigit() and len(core) <= 3) and not (len(core) == 1 and core.isalpha()):
        return False
    head = text[sent_start:token_start]
    return all(c.isspace() or c in _BULLETS for c in head)


def _list_item_starts(text: str, ps: int, pe: int) -> list[int]:
    """Positions where list items start inside a paragraph that opens as a list.

    ``• a • b`` splits before each repeated bullet; ``1. a 2. b`` / ``a) x b) y`` splits before
    the next marker in sequence.
    """
    first = text[ps]
    out: list[int] = []
    if first in _BULLETS and first not in "-–—":
        pos = ps + 1
        while (i := text.find(first, pos, pe)) >= 0:
            if text[i - 1].isspace():
                out.append(i)
            pos = i + 1
        return out
    m = _ENUM.match(text, ps, pe)
    if m is None:
        return out
    label, style = m.group(1), m.group(2)
    pos = m.end()
    while True:
        label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
        nxt = re.compile(r"(?<=\s)" + re.escape(label + style) + r"(?=\s)")
        found = nxt.search(text, pos, pe)
        if found is None:
            return out
        out.append(found.start())
        pos = found.end()


def _token_start(text: str, ps: int, end: int, limit: int) -> int:
    """Start of the whitespace-delimited token ending at ``end`` (at most ``limit`` back, not
    before the paragraph start ``ps``): bounded, so a 1 MB token costs nothing per candidate."""
    start = end
    while start > ps and end - start < limit and not text[start - 1].isspace():
        start -= 1
    return start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# -- quotations ----------------------------------------------------------------------------


def _quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Top-level quotations as (start, end, id), in order.

    A raya paragraph (``—No tenemos datos —dijo—.``) is one dialogue quotation. A quotation left
    open at the end of a paragraph continues in the next one when that paragraph opens with a
    quotation mark (news style; Spanish may reopen with ``»``) and keeps the same id. Short scare
    quotes (fewer than three words, no punctuation inside: ‘El Chapo’) are not quotations.
    """
    spans: list[tuple[int, int, int]] = []  # (start, end, group)
    group = 0
    carry: int | None = None  # group of a quotation left open by the previous paragraph
    for ps, pe in paragraphs:
        if text[ps] in "—―" or text.startswith("– ", ps):
            spans.append((ps, pe, group))
            group += 1
            carry = None
            continue
        stack: list[str] = []
        top_start = ps
        top_group = 0
        loose: int | None = None  # a glued straight quote opening nothing yet: to"those in…»
        for m in _QUOTE_CHARS.finditer(text, ps, pe):
            c, i = m.group(), m.start()
            prev = text[i - 1] if i > ps else " "
            after = text[i + 1] if i + 1 < pe else " "
            reopen = i == ps and carry is not None and c in "»”"
            if reopen or c in "“«‹" or (c == "‘" and (prev.isspace() or prev in _LEAD)):
                opened = True
            elif c == '"':
                opened = not (stack and stack[-1] == '"') and (i == ps or prev.isspace() or prev in _LEAD)
                if not opened and not stack:
                    if after.isalnum() or after in "¿¡":
                        loose = i
                    continue
            elif c == "’" and (not stack or stack[-1] != "‘" or after.isalpha()):
                continue  # apostrophe
            elif c == "‘":
                continue
            else:
                opened = False
            if opened:
                loose = None
                if not stack:
                    top_start = i
                    if carry is not None and i == ps:
                        top_group = carry
                    else:
                        top_group, group = group, group + 1
                stack.append({"»": "«", "”": "“"}.get(c, c) if reopen else c)
                continue
            match = {"”": "“", "»": "«", "›": "‹", "’": "‘", '"': '"'}[c]
            if match not in stack:
                if not stack and loose is not None and c in "»”":  # mixed pair: "…» / "…”
                    spans.append((loose, i + 1, group))
                    group += 1
                    loose = None
                continue
            while stack.pop() != match:
                pass
            if not stack:
                spans.append((top_start, i + 1, top_group))
        carry = None
        if stack:
            spans.append((top_start, pe, top_group))
            carry = top_group
    return _number_quotations(text, spans)


def _number_quotations(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Drop scare quotes and give the remaining quotation groups ids 0, 1, 2… in order."""
    speech: set[int] = set()
    for s, e, g in spans:
        inner = text[s + 1 : e - 1]
        if len(inner.split()) >= 3 or any(c in inner for c in ".,;:!?…") or text[s] in "—―–":
            speech.add(g)
    ids: dict[int, int] = {}
    out: list[tuple[int, int, int]] = []
    for s, e, g in spans:
        if g in speech:
            out.append((s, e, ids.setdefault(g, len(ids))))
    return out


def _quote_of(quotes: list[tuple[int, int, int]], qi: int, s: int, e: int) -> int | None:
    """The first quotation that overlaps the sentence (the sentence is in it or contains it)."""
    if qi < len(quotes) and quotes[qi][0] < e:
        return quotes[qi][2]
    return None


def split_text(text: str, lang: str = "auto", *, name: str = "input") -> list[Sentence]:
    """Split ``text`` (``lang`` ``es``, ``en`` or ``auto`` to detect it)."""
    if lang == "auto":
        from bilingual.lang.detect import detect_language

        lang = detect_language(text, name).lang
    return Splitter(lang).split(text)
