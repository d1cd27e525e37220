"""People of a text and who a description refers to.

:class:`People` indexes every person mentioned (names after a title, names in apposition to a
role, sentence subjects of a reporting verb, glossary persons) with the role words the text — or
the glossary note — gives them, so that a later ``el alcalde`` / ``the president`` resolves to the
person last introduced with that role, a pronoun to the nearest person, a surname to the longest
earlier form. Lookups are bisections over position-sorted lists: linear time over a text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

from bilingual.glossary.model import Glossary, fold
from bilingual.review.attribution import IMPLICIT, NAME, Found, role_words, strip_titles, title_index
from bilingual.review.lexicon import Lexicon

__all__ = ["People", "context_subject"]

_OPEN = '“«‹"‘'
_WINDOW = 80
_CONTEXT = 800  # characters before a quote searched for its "NAME said" subject
_NO_EXPAND = "<no-expand>"  # a name known only from a role next to it: not a surname's long form
_YEAR_RANGE = re.compile(r"\b\d{4}\s*[–-]\s*(?:\d{4}|\d{2})\b")
_YEAR = re.compile(r"\b\d{4}\b")
_PAST = re.compile(r"\b(?:historical|former|ex|died)\b", re.IGNORECASE)
_NOT_BEFORE = frozenset({"vice", "deputy", "former", "ex", "assistant", "under"})


class _Timeline:
    """(position, name) pairs added in any order, queried for the last one before a position."""

    def __init__(self) -> None:
        self.static: list[tuple[int, str]] = []
        self.appended: list[tuple[int, str]] = []

    def last_before(self, pos: int) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        for items in (self.static, self.appended):
            i = bisect_left(items, (pos, ""))
            if i > 0 and (best is None or items[i - 1][0] > best[0]):
                best = items[i - 1]
        return best


class People:
    """Persons of one text by position, by role and by surname."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.all = _Timeline()
        self.by_role: defaultdict[str, _Timeline] = defaultdict(_Timeline)
        self.longest: dict[str, str] = {}
        self.by_surname: defaultdict[str, _Timeline] = defaultdict(_Timeline)

    @classmethod
    def of(cls, text: str, lang: str, glossary: Glossary | None, lex: Lexicon) -> People:
        """Everyone mentioned in ``text`` (see the module docstring)."""
        people = cls(lex)
        found: list[tuple[int, str, frozenset[str]]] = []
        if glossary is not None:
            for m in glossary.matcher(lang).find(text):
                if m.entry.type == "person":
                    roles = _note_roles(m.entry.note) | _roles_around(text, m.start, m.end, lex)
                    found.append((m.start, text[m.start : m.end], frozenset(roles)))
        follows_re = lex.pattern("subject_follows", rf"(?:,\s|[ \t]+(?i:{lex.verbs_alt})\b)")
        for m in re.finditer(NAME, text):
            words = m.group().split()
            cut = title_index(words, lex)
            if len(words) >= 2 and 0 <= cut < len(words) - 1:  # "Gral. Arturo Medina Salas"
                name = strip_titles(m.group(), lex)
                roles = role_words(" ".join(words[: cut + 1]), lex) | _roles_around(text, m.start(), m.end(), lex)
                found.append((m.end() - len(name), name, _as_roles(roles, lex)))
                continue
            prev = re.search(r"([^\W\d_]+)[ \t]+(?:([^\W\d_]+)[ \t]+)?$", text[max(0, m.start() - 30) : m.start()])
            if prev and _complement(prev.group(1), prev.group(2), lex):
                continue  # "el alcalde de El Paso", "director of the Shanghai …": a place or an agency
            around = _roles_around(text, m.start(), m.end(), lex)
            if around and (len(words) >= 2 or _after_role(text, m.start(), lex)):  # "el alcalde Cruz Pérez…"
                found.append((m.start(), m.group(), _as_roles(around, lex) | {_NO_EXPAND}))
                continue
            if len(words) < 2:
                continue
            if _opens_sentence(text, m.start()) and follows_re.match(text, m.end(), m.end() + 40):
                found.append((m.start(), m.group(), frozenset()))
        found.sort()
        for pos, name, roles in found:
            people._add(pos, name, roles, static=True)
        return people

    def _add(self, pos: int, name: str, roles: frozenset[str], *, static: bool) -> None:
        entry = (pos, name)
        timelines = [self.all, *(self.by_role[r] for r in roles if r != _NO_EXPAND)]
        words = fold(name).split()
        if words:
            timelines.append(self.by_surname[words[-1]])
        for t in timelines:
            (t.static if static else t.appended).append(entry)
        if _NO_EXPAND in roles:
            return
        for token in fold(name).split():
            old = self.longest.get(token)
            if old is None or len(name) > len(old):
                self.longest[token] = name

    def add_speaker(self, pos: int, found: Found | None, name: str) -> None:
        """Record the resolved speaker of a quote at ``pos`` (quotes come in text order)."""
        roles = found.roles if found is not None and found.named else frozenset()
        self._add(pos, name, _as_roles(roles, self.lex), static=False)

    def full_name(self, name: str) -> str:
        """The longest mention ending in the same surname ("Almonte" → "Robert Almonte")."""
        words = fold(name).split()
        if not words:
            return name
        longer = self.longest.get(words[-1], name)
        return longer if len(longer) > len(name) else name

    def resolve(self, descriptor: str, pos: int) -> str | None:
        """The person a pronoun or description refers to: for a role ("el alcalde", "the
        president") the person last introduced with it (in the text or, through its note, in the
        glossary), else the nearest person before ``pos``."""
        words = descriptor.lower().split()
        if descriptor != IMPLICIT and words and words[-1] not in self.lex.pronouns:
            head = words[-1]
            best: tuple[int, str] | None = None
            for role in self.role_keys(head):
                hit = self.by_role[role].last_before(pos) if role in self.by_role else None
                if hit is not None and (best is None or hit[0] > best[0]):
                    best = hit
            if best is not None:
                return self._latest_form(best[1], pos)
        hit = self.all.last_before(pos)
        return self.full_name(hit[1]) if hit is not None else None

    def _latest_form(self, name: str, pos: int) -> str:
        """How the text last named this person before ``pos`` ("María Eugenia Campos" … later
        "Campos"): a resolved description reads like the mentions around it."""
        words = fold(name).split()
        hit = self.by_surname[words[-1]].last_before(pos) if words and words[-1] in self.by_surname else None
        return self.full_name(hit[1]) if hit is not None else self.full_name(name)

    def role_keys(self, head: str) -> set[str]:
        """Index keys for a description's head noun: itself, the titles it stands for, and the
        glossary-note words of that office."""
        heads = {head, *self.lex.roles.get(head, ())}
        notes = self.lex.note_roles.get(head, ())  # the head's own office: "mandataria" is no mayor
        return {fold(h) for h in heads} | {f"note:{w}" for w in notes}


_SENTENCE_END = re.compile(r"(?:[.!?]\s+|\n)$")


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether ``pos`` is where a sentence (or a line) of ``text`` begins."""
    return pos == 0 or bool(_SENTENCE_END.search(text[max(0, pos - 3) : pos]))


def _as_roles(words: frozenset[str] | set[str], lex: Lexicon) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _note_roles(note: str) -> set[str]:
    """Offices a glossary note gives a person now ("President of Mexico … since 2024" →
    note:president); past offices ("Governor … 2016–2021", "historical") give none."""
    clause = note.split(";")[0]
    first_year = _YEAR.search(clause)
    past = _PAST.search(clause) or (first_year and _YEAR_RANGE.match(clause, first_year.start()))
    if past:
        return set()
    words = re.findall(r"[a-z]+", clause.split("(")[0].lower())
    return {f"note:{w}" for i, w in enumerate(words) if i == 0 or words[i - 1] not in _NOT_BEFORE}


def _complement(first: str, second: str | None, lex: Lexicon) -> bool:
    """Whether the words right before a name make it a complement ("de El Paso", "of the
    Shanghai Commission", "en Palacio Nacional") rather than a person."""
    preps = lex.prepositions | {"de", "del", "of"}
    if second is None:
        return first.lower() in preps
    return second.lower() in preps or (first.lower() in preps and second.lower() in lex.determiners)


def _after_role(text: str, start: int, lex: Lexicon) -> bool:
    prev = re.search(r"([^\W\d_]+)[ \t]+$", text[max(0, start - 30) : start])
    return bool(prev and prev.group(1).lower() in lex.role_words)


def _roles_around(text: str, start: int, end: int, lex: Lexicon) -> frozenset[str]:
    """Role words right before a name ("el alcalde Cruz …", "el secretario de Transporte, Sean
    Duffy") or in an apposition right after it ("Renard Johnson, alcalde de El Paso,")."""
    before = text[max(0, start - _WINDOW) : start]
    before = re.split(r"[.;:!?()“”«»\"\n]|\b(?:y|and|que|that|who|quien)\b", before)[-1]
    words = re.findall(r"[^\W\d_][\w.'’-]*", before)[-6:]
    verbs = lex.verbs
    while words and any(w.lower() in verbs for w in words):  # only the phrase after a verb
        words = words[next(i for i, w in enumerate(words) if w.lower() in verbs) + 1 :]
    roles = set(role_words(" ".join(words), lex))
    app = re.match(r",[ \t]+([^,.;:!?()“”«»\"\n]{1,70})[,.;]", text[end : end + 80])
    if app:
        first = re.match(r"[^\W\d_]+", app.group(1))
        lead = first.group().lower() if first else ""
        if lead in lex.determiners or lead in lex.role_words:
            roles |= role_words(app.group(1), lex)
    return frozenset(roles)


def context_subject(
    text: str, pos: int, par: tuple[int, int], prev: tuple[int, int] | None, lex: Lexicon
) -> str | None:
    """Who is speaking according to the text before the quote: the last "NAME (,…,) said" in its
    paragraph, or — news style, for a quote that opens its paragraph — in the paragraph before."""
    before = text[max(par[0], pos - _CONTEXT) : pos]
    if not before.strip(_OPEN + " ") and prev is not None:
        before = text[max(prev[0], prev[1] - _CONTEXT) : prev[1]]
    also = rf"(?:[ \t]+(?:also|también|{'|'.join(lex.auxiliaries)}))?"
    apposition = r"(?:,(?P<app>[^.;:]{1,160}?),)?"
    pattern = rf"(?P<who>{NAME}|(?i:{lex.descr_alt})){apposition},?{also}[ \t]+(?i:{lex.verbs_alt})\b"
    found = None
    named_subject = None
    at = -1
    for m in lex.pattern("context_subject", pattern).finditer(before):
        at = m.start()
        opens = _opens_sentence(before, m.start())
        app = m.group("app")
        named = re.fullmatch(rf"\s*(?P<name>{NAME})\s*", app) if app is not None else None
        if app is None:
            found = m.group("who")
        elif named and " " in named.group("name"):  # "… del Ministerio de Transportes, Josef Pokorný, piensa"
            found = named.group("name")
        elif opens:  # with a description in apposition, only a sentence's subject counts
            found = m.group("who")
        if found is not None and found[:1].isupper() and found.lower() not in lex.pronouns:
            named_subject = found
    introduced = _introduced(before, lex)
    if introduced is not None and introduced[0] > at:  # the person the text turned to last
        return strip_titles(introduced[1], lex)
    if found is None:
        return None
    if found.lower() in lex.pronouns and named_subject is not None:
        found = named_subject  # "Johnson said he had asked …": the pronoun is the named subject
    return found.lower() if found[:1].islower() or found.lower() in lex.descriptors else strip_titles(found, lex)


def _introduced(before: str, lex: Lexicon) -> tuple[int, str] | None:
    """The last person a sentence of ``before`` opens by introducing, with a description in
    apposition, whatever its verb ("El experto de BESIP, Jaroslav Hořín, no ve problemas",
    "Jaroslav Hořín, an expert on traffic safety, does not see …"): news style turns to that
    person, and a quote after it with no attribution of its own is theirs. Position and name."""
    leads = lex.determiners | lex.indefinites
    best: tuple[int, str] | None = None
    for m in lex.pattern(
        "introduced", rf"(?P<name>{NAME})[ \t]*,|[^\W\d_][^,.;:!?\n]{{0,160}}?,[ \t]*(?P<late>{NAME})[ \t]*,"
    ).finditer(before):
        if not _opens_sentence(before, m.start()):
            continue
        if m.group("name"):  # "NAME, an expert on …,"
            name = m.group("name")
            app = re.match(r"[ \t]*,[ \t]*([^,.;:!?\n]{1,160}),", before[m.end() - 1 :])
            words = re.findall(r"[^\W\d_]+", app.group(1).lower())[:3] if app else []
        else:  # "El experto de BESIP, NAME,"
            name = m.group("late")
            words = re.findall(r"[^\W\d_]+", m.group().lower())[:3]
        if " " in name and words and words[0] in leads and any(w in lex.role_words for w in words[1:]):
            best = (m.start(), name)
    return best
