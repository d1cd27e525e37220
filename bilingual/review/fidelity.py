"""Fidelity checks between a quote and its original in the other language.

Numbers, negation and names are compared directly (digits and names survive translation;
number words and negation words come from ``bilingual/data/reporting``); added and dropped
content is found clause by clause: a clause with two or more content words of which almost none
occurs in the machine translation of the other side is reported, so paraphrase and single-word
MT noise are not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bilingual.engines.lexicon import ApertiumLexicon
from bilingual.glossary.model import Glossary, fold
from bilingual.review.correspond import Counterpart, Run, counterparts, uncovered_runs
from bilingual.review.model import Flag
from bilingual.review.quotes import lexicon

_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W_]+(?:[’'][^\W_]+)?")
_DIGITS = re.compile(r"\d+(?:[.,:]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$")
_PARTICIPLE = re.compile(r"(?:ad|id)[oa]s?$|[ai]ble$")


@dataclass(frozen=True)
class Texts:
    """The two sides of a comparison and their machine translations into the other language."""

    article: str
    original: str
    article_lang: str
    original_lang: str
    original_mt: str | None = None
    """The original translated into the article's language."""
    article_mt: str | None = None
    """The article's quote translated into the original's language."""
    labels: tuple[str, str] = ("article", "original")
    """What to call the two sides in explanations (pairs: "source", "translation")."""


Translator = Callable[[Sequence[str], str, str], list[str]]
"""Translates a batch of texts from one language to another (used for clause-level checks)."""


def check(
    texts: Texts,
    *,
    glossary: Glossary | None = None,
    article_speaker: str | None = None,
    original_speaker: str | None = None,
    translate: Translator | None = None,
    lex: ApertiumLexicon | None = None,
) -> list[Flag]:
    """Every fidelity flag for one quote and its original.

    With ``lex`` (Apertium's dictionaries), additions and omissions are found word by word,
    down to a phrase of two content words; without it, clause by clause against the MT.

    With ``translate``, a clause that looks added or dropped is translated on its own and kept
    only if its translation is not found on the other side either (two independent checks, so
    MT noise in one direction does not raise a flag).
    """
    flags: list[Flag] = []
    flags += _numbers(texts)
    flags += _negation(texts)
    content = _runs(texts, translate, lex) if lex is not None else _content(texts, translate)
    added = " ".join(f.text for f in content if f.kind == "addition")
    flags += [f for f in _names(texts, glossary, lex) if not (f.side == "article" and f.text and f.text in added)]
    flags += content
    flags += _speakers(article_speaker, original_speaker, (texts.article_lang, texts.original_lang), lex)
    return flags


# -- numbers -------------------------------------------------------------------------------


def numbers(text: str, lang: str) -> Counter[str]:
    """Numbers in ``text``: digits normalised (1.250 = 1,250 = 1250; 3,5 = 3.5) and number words
    ("treinta y ocho", "thirty-eight") turned into digits."""
    words = lexicon(lang).numbers
    out: Counter[str] = Counter()
    run: list[int] = []

    def flush() -> None:
        if run:
            out[str(_combine(run))] += 1
            run.clear()

    tokens = _TOKEN.findall(text)
    for i, tok in enumerate(tokens):
        low = fold(tok)
        if _DIGITS.fullmatch(tok):
            flush()
            out[_normalise(tok)] += 1
        elif low in words and words[low].isdigit():
            run.append(int(words[low]))
        elif low in ("y", "and") and run and i + 1 < len(tokens) and fold(tokens[i + 1]) in words:
            continue
        else:
            flush()
            if low in words:
                out[words[low]] += 1  # ordinals: "1st"
    flush()
    return out


def _combine(values: list[int]) -> int:
    total = current = 0
    for v in values:
        if v in (100, 1000, 1_000_000):
            current = max(current, 1) * v
            if v >= 1000:
                total += current
                current = 0
        else:
            current += v
    return total + current


def _normalise(tok: str) -> str:
    if ":" in tok:
        return tok
    if _THOUSANDS.fullmatch(tok):
        return re.sub(r"[.,]", "", tok).lstrip("0") or "0"
    return tok.replace(",", ".").lstrip("0") or "0"


def _numbers(t: Texts) -> list[Flag]:
    a = numbers(t.article, t.article_lang)
    o = numbers(t.original, t.original_lang)
    only_a = a - o
    only_o = o - a
    # An ordinal on one side only is a rewording ("el primer tiempo" / "the opening period",
    # "primer" not being a listed form); a different ordinal on the other side is a change.
    if not any(_ORDINAL.search(k) for k in only_o):
        only_a = Counter({k: v for k, v in only_a.items() if not _ORDINAL.search(k)})
    if not any(_ORDINAL.search(k) for k in only_a):
        only_o = Counter({k: v for k, v in only_o.items() if not _ORDINAL.search(k)})
    flags = []
    if only_a or only_o:
        if only_a:
            for value in only_a:
                other = ", ".join(sorted(only_o)) or "no such number"
                flags.append(
                    Flag(
                        "number",
                        _written(t.article, value, t.article_lang),
                        f"the {t.labels[0]} says {value}; the {t.labels[1]} says {other}",
                        "article",
                    )
                )
        else:
            for value in only_o:
                flags.append(
                    Flag(
                        "number",
                        _written(t.original, value, t.original_lang),
                        f"the {t.labels[1]} says {value}; the {t.labels[0]} does not",
                        "source",
                    )
                )
    return flags


def _written(text: str, value: str, lang: str) -> str:
    """How ``value`` is written in ``text`` (for highlighting): the digits or the number word."""
    for m in _DIGITS.finditer(text):
        if _normalise(m.group()) == value:
            return m.group()
    words = lexicon(lang).numbers
    for tok in _TOKEN.findall(text):
        if words.get(fold(tok)) == value:
            return tok
    return value


# -- negation ------------------------------------------------------------------------------


def negations(text: str, lang: str) -> list[str]:
    """Negating words, counting Spanish negative concord ("no … ninguno") once and leaving out
    "no" before a participle or adjective ("no autorizado" = "unauthorized")."""
    neg = lexicon(lang).negations
    tokens = [fold(t) for t in _TOKEN.findall(text)]
    out: list[str] = []
    last_no = -10
    for i, tok in enumerate(tokens):
        word = tok.replace("’", "'")
        if lang == "en" and (word.endswith("n't") or word == "cannot"):
            out.append(word)
            continue
        if word not in neg:
            continue
        if lang == "es":
            if word == "no":
                if i + 1 < len(tokens) and _PARTICIPLE.search(tokens[i + 1]):
                    continue
                last_no = i
            elif i - last_no <= 6:
                continue  # concord: "no … ningún" is one negation
            if word == "sin" and i + 1 < len(tokens) and tokens[i + 1] == "embargo":
                continue  # "sin embargo" = "however"
        if lang == "en" and word == "no" and i + 1 < len(tokens) and tokens[i + 1] == "one":
            out.append("no one")
            continue
        out.append(word)
    return out


def _negation(t: Texts) -> list[Flag]:
    a = negations(t.article, t.article_lang)
    o = negations(t.original, t.original_lang)
    if len(a) == len(o):
        return []
    if len(a) > len(o):
        return [
            Flag(
                "negation",
                a[-1],
                f"the {t.labels[0]} has {len(a)} negation(s) ({', '.join(a)}); the {t.labels[1]} has {len(o)}",
                "article",
            )
        ]
    return [
        Flag(
            "negation",
            o[-1],
            f"the {t.labels[1]} is negated ({', '.join(o)}); the {t.labels[0]} has {len(a)} negation(s)",
            "source",
        )
    ]


# -- names ---------------------------------------------------------------------------------


def _names(t: Texts, glossary: Glossary | None, lex: ApertiumLexicon | None = None) -> list[Flag]:
    flags: list[Flag] = []
    known: list[tuple[int, int]] = []  # article spans the glossary already accounts for
    if glossary is not None:
        matches = glossary.matcher(t.article_lang).find(t.article)
        known = [(m.start, m.end) for m in matches]
        found_a = {m.entry: t.article[m.start : m.end] for m in matches}
        found_o = {m.entry: t.original[m.start : m.end] for m in glossary.matcher(t.original_lang).find(t.original)}
        original_folded = fold(t.original)
        for entry, written in found_a.items():
            if entry not in found_o and entry.type != "term" and not _present(fold(written), original_folded):
                flags.append(Flag("name", written, f"'{written}' is not in the {t.labels[1]}", "article"))
        article_folded = fold(t.article)
        for entry, written in found_o.items():
            if entry in found_a or entry.type == "term":
                continue
            if any(_present(fold(form), article_folded) for form in entry.forms(t.article_lang)):
                continue  # "México" ~ "Mexican"
            flags.append(Flag("name", written, f"'{written}' from the {t.labels[1]} is missing", "source"))
    seen = {fold(f.text) for f in flags}
    other = fold(" ".join(x for x in (t.original, t.original_mt or "") if x))
    matched: set[int] = set()  # capitalised words whose dictionary translation is on the other side
    missing = ""
    if lex is not None:
        mine = counterparts(t.article, t.article_lang, t.original, t.original_lang, t.original_mt, lex)
        matched = {c.word.start for c in mine if c.hit}
        theirs = counterparts(t.original, t.original_lang, t.article, t.article_lang, t.article_mt, lex)
        missing = _name_runs(t.original, [c for c in theirs if c.kind == "name" and not c.hit])
    unmatched = []
    for start, name in _capitalised(t.article, t.article_lang):
        key = fold(name)
        if key in seen or start in matched or _present(key, other) or any(s <= start < e for s, e in known):
            continue
        unmatched.append((start, name))
    for start, end in _merge(t.article, unmatched, keep_out=frozenset(matched)):
        name = t.article[start:end]
        where = f" (it has '{missing}')" if missing else ""
        flags.append(Flag("name", name, f"'{name}' does not appear in the {t.labels[1]}{where}", "article", missing))
    return flags


_CAP_WORD = re.compile(r"[A-ZÁÉÍÓÚÑ][\w'’.-]*")


def _merge(
    text: str, words: list[tuple[int, str]], *, extend: bool = True, keep_out: frozenset[int] = frozenset()
) -> list[tuple[int, int]]:
    """Adjacent capitalised words as one name ("Edwin Harvey", "Luis de la Rosa"); with
    ``extend``, also the capitalised words right next to it that the check skipped on their own
    ("Dan" of "Dan Patrick"), except those starting at ``keep_out`` (words with a counterpart,
    such as a title)."""
    spans: list[tuple[int, int]] = []
    for start, word in words:
        gap = text[spans[-1][1] : start] if spans else "."
        if spans and re.fullmatch(r"\s+(?:(?:de|del|la|van|von|da)\s+)*", gap):
            spans[-1] = (spans[-1][0], start + len(word))
        else:
            spans.append((start, start + len(word)))
    if not extend:
        return spans
    caps = [m for m in _CAP_WORD.finditer(text) if m.start() not in keep_out]
    out = []
    for s, e in spans:
        for m in reversed([m for m in caps if m.end() <= s]):
            if text[m.end() : s].strip():
                break
            s = m.start()
        for m in (m for m in caps if m.start() >= e):
            if text[e : m.start()].strip():
                break
            e = m.end()
        out.append((s, e))
    return out


def _name_runs(text: str, names: list[Counterpart]) -> str:
    """The first name of ``names`` as written (adjacent words joined)."""
    spans = _merge(text, [(c.word.start, c.word.surface) for c in names], extend=False)
    return text[spans[0][0] : spans[0][1]] if spans else ""


def _capitalised(text: str, lang: str) -> list[tuple[int, str]]:
    """Capitalised words inside sentences (likely names), not sentence openers or stopwords."""
    stop = lexicon(lang).stopwords
    out = []
    for m in re.finditer(r"[^\W\d_][\w'’-]*", text):
        word = m.group()
        before = text[max(0, m.start() - 2) : m.start()]
        if m.start() == 0 or re.search(r"[.!?¿¡«“\"—:]\s*$", before) or not word[0].isupper():
            continue
        if len(word) < 4 or fold(word) in stop or word.isupper():
            continue
        out.append((m.start(), word))
    return out


def _present(key: str, text_folded: str) -> bool:
    if re.search(rf"\b{re.escape(key)}", text_folded):
        return True
    return len(key) >= 6 and key[:5] in text_folded


# -- additions and omissions ---------------------------------------------------------------


def _content(t: Texts, translate: Translator | None) -> list[Flag]:
    flags: list[Flag] = []
    if t.original_mt:
        added = _uncovered_clauses(t.article, t.article_lang, t.original_mt + " " + t.original)
        added = _confirmed(added, t.article_lang, t.original_lang, t.original, translate)
        if added:
            flags.append(
                Flag("addition", _join(t.article, added), "this part has no counterpart in the original", "article")
            )
    if t.article_mt:
        dropped = _uncovered_clauses(t.original, t.original_lang, t.article_mt + " " + t.article)
        dropped = _confirmed(dropped, t.original_lang, t.article_lang, t.article, translate)
        if dropped:
            flags.append(
                Flag(
                    "omission",
                    _join(t.original, dropped),
                    "this part of the original is missing from the article",
                    "source",
                )
            )
    return flags


def word_runs(t: Texts, lex: ApertiumLexicon) -> tuple[list[Run], list[Run]]:
    """Runs of the article without counterpart in the original (candidate additions) and of the
    original without counterpart in the article (candidate omissions), before the MT check."""
    mine = counterparts(t.article, t.article_lang, t.original, t.original_lang, t.original_mt, lex)
    theirs = counterparts(t.original, t.original_lang, t.article, t.article_lang, t.article_mt, lex)
    swapped = any(c.kind == "name" and not c.hit for c in mine) and any(c.kind == "name" and not c.hit for c in theirs)
    added = uncovered_runs(
        t.article, t.article_lang, t.original, t.original_lang, t.original_mt, lex,
        text_mt=t.article_mt, names_count=not swapped,
    )  # fmt: skip
    dropped = uncovered_runs(
        t.original, t.original_lang, t.article, t.article_lang, t.article_mt, lex,
        text_mt=t.original_mt, names_count=not swapped,
    )  # fmt: skip
    return added, dropped


def _runs(t: Texts, translate: Translator | None, lex: ApertiumLexicon) -> list[Flag]:
    """Additions and omissions as runs of content words without counterpart (see correspond),
    each kept only if its own translation is not found on the other side either."""
    flags: list[Flag] = []
    added, dropped = word_runs(t, lex)
    spans = _confirmed(
        [(r.start, r.end, r.text) for r in added], t.article_lang, t.original_lang, t.original, translate
    )
    for _, _, text in spans:
        flags.append(Flag("addition", text, f"'{text}' has no counterpart in the {t.labels[1]}", "article"))
    spans = _confirmed(
        [(r.start, r.end, r.text) for r in dropped], t.original_lang, t.article_lang, t.article, translate
    )
    for _, _, text in spans:
        flags.append(
            Flag("omission", text, f"'{text}' of the {t.labels[1]} is missing from the {t.labels[0]}", "source")
        )
    return flags


def _confirmed(
    spans: list[tuple[int, int, str]], lang: str, other_lang: str, other: str, translate: Translator | None
) -> list[tuple[int, int, str]]:
    """Keep the clauses whose own translation is not found in ``other`` either."""
    if not spans or translate is None or lang == other_lang:
        return spans
    translated = translate([text for _, _, text in spans], lang, other_lang)
    bag = _bag(other, other_lang)
    keep = []
    for span, mt in zip(spans, translated, strict=True):
        words = _content_words(mt, other_lang)
        if not words or sum(_covered(w, bag) for w in words) / len(words) <= 0.25:
            keep.append(span)
    return keep


def _join(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The longest run of adjacent flagged clauses, as written in ``text``."""
    merged: list[tuple[int, int]] = []
    for s, e, _ in spans:
        if merged and not re.search(r"[^\s,;:]", text[merged[-1][1] : s]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    s, e = max(merged, key=lambda span: span[1] - span[0])
    return text[s:e].strip()


def _bag(text: str, lang: str) -> set[str]:
    bag: set[str] = set()
    for w in _content_words(text, lang):
        bag.update((w, w[:5], w[:4]))
    return bag


_CLAUSE = re.compile(r"(?:[^,;:.!?¿¡«»“”\"()]|(?<=\d)[:.,](?=\d))+")


def _content_words(text: str, lang: str) -> list[str]:
    lex = lexicon(lang)
    out = []
    for m in _TOKEN.finditer(text):
        word = fold(m.group()).replace("’", "'")
        if _DIGITS.fullmatch(word) or word in lex.numbers:
            continue
        if word in lex.negations or word.endswith("n't"):
            out.append("¬")  # every negation word counts as the same word ("nothing" ~ "not anything")
        elif len(word) >= 3 and word not in lex.stopwords:
            out.append(word)
    return out


def _covered(word: str, bag: set[str]) -> bool:
    return word in bag or word[:5] in bag or (len(word) >= 6 and word[:4] in bag)


def _uncovered_clauses(text: str, lang: str, other: str) -> list[tuple[int, int, str]]:
    """Clauses of ``text`` (two or more content words) of which almost nothing occurs in ``other``
    — the machine translation of the other side plus the other side itself (names and numbers
    survive translation)."""
    bag = _bag(other, lang)
    spans: list[tuple[int, int, str]] = []
    for start, end in _clauses(text):
        clause = text[start:end]
        words = _content_words(clause, lang)
        if len(words) < 2:
            continue
        if sum(_covered(w, bag) for w in words) / len(words) <= 0.2:
            spans.append((start, end, clause.strip()))
    return spans


_CONJUNCTION = re.compile(r"\s(?=(?:y|e|pero|sino|and|but)\s)", re.IGNORECASE)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clauses: split at punctuation, then before a coordinating conjunction ("… y vamos a …")."""
    out = []
    for m in _CLAUSE.finditer(text):
        start = m.start()
        for cut in _CONJUNCTION.finditer(m.group()):
            out.append((start, m.start() + cut.start()))
            start = m.start() + cut.end()
        out.append((start, m.end()))
    return out


# -- speakers ------------------------------------------------------------------------------


def _speakers(
    article: str | None, original: str | None, langs: tuple[str, str], lex: ApertiumLexicon | None
) -> list[Flag]:
    """A ``speaker`` flag when both sides name a person and they share no name word. Strings
    that are not person names (a misread attribution: "También", "Estados Unidos", "a la
    pregunta") say nothing about who spoke; sharing a name word means the same person written
    differently ("Maru Campos" / "María Eugenia Campos")."""
    if not article or not original:
        return []
    if not _person(article, langs[0], lex) or not _person(original, langs[1], lex):
        return []
    a = {w for w in fold(article).split() if len(w) > 2}
    o = {w for w in fold(original).split() if len(w) > 2}
    if a & o:
        return []
    return [Flag("speaker", article, f"the article attributes the quote to {article}; the original to {original}")]


def _person(name: str, lang: str, lex: ApertiumLexicon | None) -> bool:
    """Two or more capitalised words, none a function word, a place or an organisation, nor
    (with the dictionary) a common word."""
    words = name.split()
    stop = lexicon(lang).stopwords
    caps = [w for w in words if w[:1].isupper()]
    if len(caps) < 2 or any(fold(w) in stop for w in caps):
        return False
    if lex is None:
        return True
    for word in lex.analyse([name], lang)[0]:
        tags = {t for _, t in word.analyses}
        if any(t in r for r in word.raw for t in ("<top>", "<loc>", "<org>")) or (tags and "np" not in tags):
            return False
    return True


def summarize(flags: Sequence[Flag]) -> str:
    """``number, negation`` style list of flag kinds."""
    return ", ".join(dict.fromkeys(f.kind for f in flags))
