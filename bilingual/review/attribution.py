"""Reading an attribution: who a snippet of text next to a quote says is speaking.

News attributes a quote in a few shapes, each read here with the word lists of
:mod:`bilingual.review.lexicon`:

- after the quote, verb first: ``», declaró Claudia Sheinbaum en Palacio Nacional.``,
  ``», expresó a medios locales el alcalde Cruz Pérez Cuéllar.``, ``," said El Paso resident Maria
  Gomez.`` (a place, medium or audience after the verb is skipped, never taken for the speaker);
- after the quote, subject first: ``," the mayor insisted.``, ``», el alcalde afirmó.``;
- before the quote: ``El secretario de Transporte, Sean Duffy, escribió en X:``, ``Pérez Cuéllar
  dijo que`` (partial quotes in reported speech), ``Según el vocero de la Defensa, Ricardo
  Trevilla Trejo,``, ``According to …,``.

A result is a :class:`Found`: a personal name (titles stripped), a description to resolve
("el gobernador", "she"), :data:`IMPLICIT` for a Spanish verb without a subject, or an unnamed
speaker ("una reportera") — plus the role words the text gave the speaker ("alcalde").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilingual.review.lexicon import Lexicon

__all__ = ["IMPLICIT", "NAME", "NAME_WORD", "Found", "speaker_after", "speaker_before", "strip_titles"]

IMPLICIT = "<implicit>"
NAME_WORD = r"(?:[A-ZÁÉÍÓÚÑÜ][a-z]{0,3}\.(?=[ \t]+[A-ZÁÉÍÓÚÑÜ])|[A-ZÁÉÍÓÚÑÜ][\w'’\-]*)"
_PARTICLE = r"(?:de|del|de la|de los|la|las|los|van|von|da|di)"
NAME = rf"{NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{NAME_WORD})*"
_NAME_RE = re.compile(NAME)
_W = r"[^\W\d_](?:[\w'’-]|\.(?=\w))*"
_WORD = re.compile(_W)
_LEAD = re.compile(r"[\s,.;:—–―-]*")
_ALSO = frozenset({"also", "too", "later", "then", "también", "luego", "después", "finalmente", "finally"})
_APPOSITION_BODY = r"[^,.;:!?“”«»\"\n]{1,90}?"


@dataclass(frozen=True)
class Found:
    """A speaker read from an attribution: ``who`` and the role words used for them."""

    who: str
    roles: frozenset[str] = frozenset()

    @property
    def named(self) -> bool:
        """A personal name (not a description, a pronoun or :data:`IMPLICIT`)."""
        return self.who != IMPLICIT and self.who[:1].isupper()


def strip_titles(name: str, lex: Lexicon) -> str:
    """The personal name at the end of a titled phrase: "Juárez Mayor Cruz Pérez Cuéllar" →
    "Cruz Pérez Cuéllar", "Lt. Col. Ana Torres" → "Ana Torres"."""
    words = name.split()
    cut = title_index(words, lex)
    rest = words[cut + 1 :] if cut + 1 < len(words) else words
    while len(rest) > 1 and rest[0].lower() in lex.determiners | {"of", "de", "del"}:
        rest = rest[1:]
    return " ".join(rest).rstrip(".,")


def title_index(words: list[str], lex: Lexicon) -> int:
    """Index of the last title word ("Mayor", "Gral.", "President") in ``words``, or -1."""
    last = -1
    for i, w in enumerate(words):
        low = w.lower()
        if low in lex.determiners or low in ("of", "de", "del"):
            continue
        if low in lex.titles or low.rstrip(".") + "." in lex.titles:
            last = i
    return last


def role_words(phrase: str, lex: Lexicon) -> frozenset[str]:
    """The words of ``phrase`` that name an office ("secretario", "mayor", "spokesman")."""
    roles = lex.role_words
    return frozenset(w for w in (m.group().lower().rstrip(".") for m in _WORD.finditer(phrase)) if w in roles)


def _named(name: str, extra: str, lex: Lexicon) -> Found:
    name = re.sub(r"['’]s?$", "", name)  # "Mr. Charest's list"
    words = name.split()
    for k, w in enumerate(words[:-1]):  # "Liming Dai. Perhaps": a sentence ends after "Dai."
        if w.endswith(".") and len(w) > 2 and w.lower() not in lex.titles and k >= title_index(words, lex):
            name = " ".join(words[: k + 1]).rstrip(".")
            break
    return Found(strip_titles(name, lex), role_words(f"{extra} {name}", lex))


# -- a speaker phrase at the start of a string -------------------------------------------------


def _phrase(s: str, lex: Lexicon, *, clause_end: bool) -> tuple[Found, int] | None:
    """The speaker phrase that opens ``s`` and where it ends: a description with a name
    ("el jefe de la policía, César Muñoz"; "the mayor"), a titled or plain name, or a pronoun.
    ``clause_end``: a bare article + noun ("la semana") counts only when nothing follows it."""
    first = _WORD.match(s)
    if first is None:
        return None
    head = first.group().lower()
    if head in lex.determiners or head in lex.indefinites:
        return _described(s, first.end(), head in lex.indefinites, lex, clause_end=clause_end)
    if head in lex.pronouns and not re.match(r"[ \t]+[A-ZÁÉÍÓÚÑÜ]", s[first.end() :]):  # "Ella Dinkins"
        return Found(head), first.end()
    name = _NAME_RE.match(s)
    if name is None:  # "port director Silvia Ochoa", "union leader Alma Torres"
        titled = re.match(rf"(?P<d>(?:[a-záéíóúñü](?:[\w'’-]|\.(?=\w))*[ \t]+){{1,3}})(?P<n>{NAME})", s)
        if titled and titled.group("d").split()[-1].lower() in lex.role_words:
            return _named(titled.group("n"), titled.group("d"), lex), titled.end()
        return None
    # "El Paso resident Maria Gomez", "Juárez police chief César Muñoz": a description bridged by
    # lowercase words to the name; a preposition ("Jorge Ruiz en el sitio Web") ends the phrase.
    bridge = re.match(rf"(?P<b>(?:[ \t]+[a-záéíóúñü][\w.'’-]*){{1,3}})[ \t]+(?P<n>{NAME})", s[name.end() :])
    if bridge and _plain_bridge(bridge.group("b"), lex):
        end = name.end() + bridge.end()
        return _named(bridge.group("n"), name.group() + bridge.group("b"), lex), end
    return _named(name.group(), "", lex), name.end()


def _plain_bridge(words: str, lex: Lexicon) -> bool:
    return all(t.lower() not in lex.not_in_names for t in words.split())


def _described(s: str, start: int, indefinite: bool, lex: Lexicon, *, clause_end: bool) -> tuple[Found, int] | None:
    """A determiner phrase: with a name in apposition or after its title, or a description."""
    app = re.match(rf"(?P<d>{_APPOSITION_BODY}),[ \t]+(?P<n>{NAME})(?=[ \t]*(?:[,.;:!?—–)]|$))", s[start:])
    if app and not indefinite and role_words(app.group("d"), lex):
        return _named(app.group("n"), app.group("d"), lex), start + app.end()
    words = list(re.finditer(rf"[ \t]+({_W})", s[start : start + 120]))
    desc: list[str] = []
    end = start
    for m in words[:5]:
        w = m.group(1)
        if w[:1].isupper():
            name = _NAME_RE.match(s, start + m.start(1))
            if desc and name is not None and not indefinite:
                titled = desc[-1].lower() in lex.role_words or role_words(" ".join(desc), lex)
                closes = re.match(r"[ \t]*(?:[,.;:!?—–)]|$)", s[name.end() :]) is not None
                if titled or (len(desc) <= 2 and closes):  # "el jefe de policía Peter Pacillas", "el señor Cole"
                    return _named(name.group(), " ".join(desc), lex), name.end()
            break
        low = w.lower()
        if low in lex.prepositions or low in lex.conjunctions or low in lex.verbs or low in lex.determiners:
            break
        desc.append(w)
        end = start + m.end()
    if not desc:
        return None
    phrase = f"{s[:start].strip().lower()} {' '.join(desc).lower()}"
    if role_words(desc[0], lex) and not indefinite:
        return Found(" ".join(phrase.split()[:2]), role_words(desc[0], lex)), end
    rest = s[end:].lstrip(" \t")
    if clause_end and (not rest or rest[0] in ",.;:!?—–)") and len(desc) <= 2:
        return Found(phrase), end  # "una reportera", "un joven", "el taxista"
    return None


# -- after the quote --------------------------------------------------------------------------


def speaker_after(snippet: str, lex: Lexicon) -> Found | None:
    """The speaker in an attribution that follows a quote (up to the end of its sentence)."""
    s = snippet[_LEAD.match(snippet).end() :]  # type: ignore[union-attr]
    according = lex.pattern("according_at", rf"(?i:{lex.according_alt})[ \t]+").match(s) if lex.according else None
    if according is not None:  # "…," according to the sheriff's office.
        found = _phrase(s[according.end() :], lex, clause_end=True)
        return found[0] if found is not None else None
    verb = lex.pattern("verb_at", rf"(?i:{lex.verbs_alt})\b").match(s)
    if verb is not None:
        rest = _skip_also(s[verb.end() :])
        if not rest or rest[0] in ",.;:!?—–―)":
            return Found(IMPLICIT)  # «…», afirmó. / «…», dijo—.
        body = rest.lstrip(" \t")
        found = _phrase(body, lex, clause_end=True)
        if found is not None:
            return found[0]
        return _speaker_further(body, lex) or Found(IMPLICIT)  # «…», señaló en entrevista.
    found = _phrase(s, lex, clause_end=False)
    if found is None:
        return None
    who, end = found
    tail = s[end:]
    app = re.match(rf",{_APPOSITION_BODY},", tail)  # "Sean Duffy, the transportation secretary, said"
    if app and who.named:
        who = Found(who.who, who.roles | role_words(app.group(), lex))
        tail = tail[app.end() :]
    if lex.pattern("verb_after", rf"(?:[ \t]+(?:{'|'.join(_ALSO)}))?[ \t]+(?i:{lex.verbs_alt})\b").match(tail):
        return who
    return None


def _skip_also(s: str) -> str:
    m = re.match(r"[ \t]+([^\W\d_]+)", s)
    return s[m.end() :] if m and m.group(1).lower() in _ALSO else s


def _speaker_further(body: str, lex: Lexicon) -> Found | None:
    """A titled speaker after a place, medium, audience or time ("a medios locales el alcalde
    Cruz Pérez Cuéllar", "ayer ante diputados la gobernadora"): the first phrase in the clause
    that is a role description or a titled name. A plain name there is left alone (it may be
    the medium: "en entrevista con El Diario")."""
    clause = re.split(r"[;:!?—–―\n]|\.(?!\w)", body, maxsplit=1)[0]  # not inside "mobil.cz"
    for m in list(re.finditer(rf"(?<![\w'’.-]){_W}", clause))[:14]:
        if m.start() == 0:
            continue
        found = _phrase(clause[m.start() :], lex, clause_end=True)
        if found is None:
            continue
        who = found[0]
        if who.roles and (who.named or who.who.split()[0] not in lex.indefinites):
            return who
        before = clause[: m.start()].split()
        plain = (
            who.named and " " in who.who and before and before[-1].lower() not in lex.prepositions | {"de", "del", "of"}
        )
        if plain and re.match(r",[ \t]+[a-záéíóúñü]", clause[m.start() + found[1] :]):
            return who  # "añadió a nuestra pregunta Kristián Chalupa, del departamento…"
    return None


# -- before the quote -------------------------------------------------------------------------


def speaker_before(snippet: str, lex: Lexicon) -> Found | None:
    """The speaker in the words before a quote in its sentence: "según/according to X,", a
    subject and a reporting verb ("El secretario de Transporte, Sean Duffy, escribió en X:",
    "Pérez Cuéllar dijo que"), or a verb and its subject ("Declaró la presidenta:")."""
    s = snippet.rstrip(' \t\n“«‹"‘')
    according_re = lex.pattern("according_in", rf"(?i:(?<![\w])(?:{lex.according_alt}))[ \t]+")
    according = list(according_re.finditer(s))[-2:] if lex.according else []
    verbs = list(lex.pattern("verb_in", rf"(?<![\w])(?i:{lex.verbs_alt})\b").finditer(s))[-3:]
    taken = {m.start() for m in according}  # "according" is also listed as a verb
    marks = sorted(
        [(m.start(), "according", m) for m in according]
        + [(m.start(), "verb", m) for m in verbs if m.start() not in taken]
    )
    for _, kind, m in reversed(marks):  # the attribution nearest the quote first
        if kind == "according":
            found = _phrase(s[m.end() :], lex, clause_end=True)
            if found is not None:
                return found[0]
            continue
        subject = _subject_before(s[: m.start()], lex)
        if subject is not None:
            return subject
        after = s[m.end() :].lstrip(" \t")
        found = _phrase(after, lex, clause_end=True) if after else None
        if found is not None and (found[0].named or found[0].roles):
            return found[0]
        if not s[: m.start()].strip(" \t,—–-") and re.fullmatch(r"[^.!?]{0,80}[:,]?", after):
            return Found(IMPLICIT)  # "Añadió: “…”" / "Dijo a la prensa: «…»"
    return None


def _subject_before(pre: str, lex: Lexicon) -> Found | None:
    """The subject that ends ``pre`` (the text before a reporting verb)."""
    pre = pre.rstrip(" \t")
    if pre.endswith(","):  # "El secretario de Transporte, Sean Duffy," / "Sean Duffy, secretario …,"
        m = re.search(rf"(?:^|[,;:(]|\s)(?P<subj>[^,;:.!?]{{1,120}}),(?P<app>{_APPOSITION_BODY}),$", pre)
        if m is None:
            return None
        app = m.group("app").strip()
        subj = m.group("subj").strip()
        if _NAME_RE.fullmatch(app):
            return _named(app, subj, lex)
        tail = re.search(rf"(?P<n>{NAME})$", subj)
        if tail:
            return _named(tail.group("n"), app + " " + subj[: tail.start()], lex)
        return _descriptor_at_end(subj, lex)
    tail = re.search(rf"(?P<n>{NAME})$", pre)
    if tail:
        start = tail.start()
        if start > 0 and pre[start - 1] not in " \t\n(":
            return None
        lead = re.search(rf"(?:{_W}[ \t]+){{1,3}}$", pre[:start])  # "la presidenta Claudia Sheinbaum"
        return _named(tail.group("n"), lead.group() if lead else "", lex)
    return _descriptor_at_end(pre, lex)


def _descriptor_at_end(pre: str, lex: Lexicon) -> Found | None:
    words = pre.split()
    if not words:
        return None
    last = words[-1].lower()
    if last in lex.pronouns:
        return Found(last)
    if len(words) >= 2 and words[-2].lower() in lex.determiners and last in lex.role_words:
        return Found(f"{words[-2].lower()} {last}", frozenset({last}))
    return None
