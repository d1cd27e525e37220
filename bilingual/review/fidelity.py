"""Fidelity checks between a quote and its original in the other language.

Numbers and negation are compared directly (digits survive translation; number words and
negation words come from ``bilingual/data/reporting``), names and speakers in
:mod:`bilingual.review.names`. Added and dropped content is found word by word with Apertium's
bilingual dictionary (:mod:`bilingual.review.correspond`): a run of content words without
counterpart (two; three for a run dropped from inside the original), more than the words it
could be rewording on the other side, whose own translation is not found there either.
Without the dictionary, clause by clause against the MT.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache

from bilingual.engines.dictionary import ApertiumLexicon
from bilingual.glossary.model import Glossary, fold
from bilingual.review.correspond import Counterpart, Run, counterparts, negation_words, uncovered_runs
from bilingual.review.model import Flag, Texts
from bilingual.review.names import name_flags, speaker_flags
from bilingual.review.quotes import lexicon

_TOKEN = re.compile(r"\d+(?:st|nd|rd|th|er|º|ª)(?![^\W_])|\d+(?:[.,:]\d+)*|[^\W_]+(?:[’'][^\W_]+)?")
_DIGIT_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th|er|º|ª)")
_DIGITS = re.compile(r"\d+(?:[.,:]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$")
_PARTICIPLE = re.compile(r"(?:ad|id)[oa]s?$|[ai]ble$")


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
    # a name inside an added run is part of the addition, unless it replaced one of the
    # original's names (a swap: the name check found what it stands for)
    flags += [
        f
        for f in name_flags(texts, glossary, lex)
        if f.other or not (f.side == "article" and f.text and f.text in added)
    ]
    flags += content
    flags += speaker_flags(article_speaker, original_speaker, (texts.article_lang, texts.original_lang), lex)
    return flags


# -- numbers -------------------------------------------------------------------------------


@cache
def number_words(lang: str) -> dict[str, str]:
    """The number words of ``lang`` by their folded spelling ("dieciseis" = "dieciséis": the text
    is folded before lookup)."""
    return {fold(word): value for word, value in lexicon(lang).numbers.items()}


def numbers(text: str, lang: str) -> Counter[str]:
    """Numbers in ``text``: digits normalised (1.250 = 1,250 = 1250; 3,5 = 3.5), number words
    ("treinta y ocho", "thirty-eight") turned into digits, and a number with its scale words
    read as one value ("1.600 millones" = "1.6 billion" = "mil seiscientos millones"). "por
    ciento"/"por cien" is a percentage, not a hundred."""
    words = number_words(lang)
    out: Counter[str] = Counter()
    run: list[Decimal] = []
    said: list[str] = []  # the words of ``run``

    def flush() -> None:
        if run:
            # "millones de años", "thousands of": a scale word alone in the plural is "many", not a number
            if not (len(run) == 1 and run[0] >= 1000 and said[0].endswith("s")):
                out[_decimal_text(_combine(run))] += 1
            run.clear()
            said.clear()

    tokens = _TOKEN.findall(text)
    for i, tok in enumerate(tokens):
        low = fold(tok)
        nxt = fold(tokens[i + 1]) if i + 1 < len(tokens) else ""
        if ordinal := _DIGIT_ORDINAL.fullmatch(tok):
            flush()
            out[_ordinal_key(int(ordinal.group(1)))] += 1  # "20th", "1er", "3º": the same as "third"
        elif _DIGITS.fullmatch(tok):
            flush()
            value = _normalise(tok)
            if ":" not in value and words.get(nxt, "").isdigit() and int(words[nxt]) >= 1000:
                run.append(Decimal(value))  # "1.600 millones": the digits start a run of scales
                said.append(tok)
            else:
                out[value] += 1
        elif low in ("ciento", "cien") and i > 0 and fold(tokens[i - 1]) == "por":
            flush()  # "25 por ciento" = "25 percent"
        elif low in words and words[low].isdigit():
            if not run and int(words[low]) >= 1000 and _half_before(tokens, i):
                run.append(Decimal("0.5"))  # "half a billion", "medio millón"
                said.append("half")
            run.append(Decimal(words[low]))
            said.append(low)
        elif (
            low in ("y", "and")
            and run
            and run[-1] % 10 == 0
            and words.get(nxt, "").isdigit()
            and int(words[nxt]) < min(run[-1], 100)
        ):
            continue  # "treinta y ocho", "two hundred and five"; not "1.600 millones y mil millones"
        else:
            flush()
            if low in words:
                out[words[low]] += 1  # ordinals: "1st"
    flush()
    return out


_HALF = frozenset({"half", "medio", "media"})


def _half_before(tokens: list[str], i: int) -> bool:
    """Whether "half" ("half a", "medio") comes right before token ``i``."""
    before = [fold(t) for t in tokens[max(0, i - 2) : i]]
    if before and before[-1] == "a":
        before = before[:-1]
    return bool(before) and before[-1] in _HALF


def _ordinal_key(n: int) -> str:
    """How the word lists write an ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _combine(values: list[Decimal]) -> Decimal:
    """One value from number words in order: units and tens add up, a scale word (mil,
    thousand, millones, billion) multiplies what precedes it when that is smaller ("dos mil
    millones" = 2e9, "dos millones trescientos mil" = 2.3e6)."""
    total = current = Decimal(0)
    for v in values:
        if v == 100:
            current = max(current, Decimal(1)) * v
        elif v >= 1000:
            if total + current < v:
                total = ((total + current) or Decimal(1)) * v
            else:
                total += (current or Decimal(1)) * v
            current = Decimal(0)
        else:
            current += v
    return total + current


def _decimal_text(value: Decimal) -> str:
    """``value`` written the way :func:`_normalise` writes digits (no exponent, no trailing zeros)."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _normalise(tok: str) -> str:
    if ":" in tok:
        return tok
    if _THOUSANDS.fullmatch(tok):
        return re.sub(r"[.,]", "", tok).lstrip("0") or "0"
    return tok.replace(",", ".").lstrip("0") or "0"


_BOTH = frozenset({"both", "ambos", "ambas"})
""""Both" is two things named once: "ambas partes" translates "two-party", "both sides" "los dos
lados", so a 2 on the other side is matched by it (it is not a number of its own)."""


def _pairs(text: str) -> Counter[str]:
    """A 2 for each "both"/"ambos" of ``text`` (see :data:`_BOTH`)."""
    return Counter({"2": sum(fold(w) in _BOTH for w in _TOKEN.findall(text))}) - Counter()


def _numbers(t: Texts) -> list[Flag]:
    a = numbers(t.article, t.article_lang)
    o = numbers(t.original, t.original_lang)
    only_a = a - o - _pairs(t.original)
    only_o = o - a - _pairs(t.article)
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
    """How ``value`` is written in ``text`` (for highlighting): the digits, or the fewest words
    that read as it ("1.600 millones", "treinta y ocho")."""
    for m in _DIGITS.finditer(text):
        if _normalise(m.group()) == value:
            return m.group()
    found = list(_TOKEN.finditer(text))
    for size in range(1, 7):
        for i in range(len(found) - size + 1):
            span = text[found[i].start() : found[i + size - 1].end()]
            if value in numbers(span, lang):
                return span
    return value


# -- negation ------------------------------------------------------------------------------


_NEGATORS = frozenset({"sin", "nunca", "jamas", "tampoco", "ni"})
"""Spanish negations after which a negative word agrees rather than negates again ..."""
_AGREEING = frozenset({"nada", "nadie", "ningun", "ninguno", "ninguna", "nunca", "jamas", "ni"})
"""... the negative words that agree ("sin ningún", "nunca nadie")."""
_CLAUSE_END = re.compile(r"[.,;:!?]")
_PRIVATIVE = frozenset({"sin", "without"})
"""Privative prepositions: they do not flip what is said, and translators render them as
"-less", "un-", "lacking", "sin sentido" = "meaningless", so they are not counted (a negative
word after "sin" still agrees with it: "sin ningún" counts nothing)."""


def negations(text: str, lang: str) -> list[str]:
    """Negating words, counting Spanish negative concord ("no … ninguno") once and leaving out
    "no" before a participle or adjective ("no autorizado" = "unauthorized")."""
    neg = negation_words(lang)
    found = list(_TOKEN.finditer(text))
    tokens = [fold(m.group()) for m in found]
    out: list[str] = []
    last_no = last_neg = -10
    for i, tok in enumerate(tokens):
        word = tok.replace("’", "'")
        if i and _CLAUSE_END.search(text[found[i - 1].end() : found[i].start()]):
            last_no = last_neg = -10  # concord does not cross a clause
        if lang == "en" and (word.endswith("n't") or word == "cannot"):
            out.append(word)
            last_neg = i
            continue
        if word not in neg:
            continue
        if lang == "es":
            if word == "no":
                last_no = i  # what follows agrees even with an uncounted "no": "no cerrado ni inmóvil"
                if i + 1 < len(tokens) and _PARTICIPLE.search(tokens[i + 1]):
                    continue
            elif i - last_no <= 6:
                continue  # concord: "no … ningún" is one negation
            elif i - last_neg <= 6 and word in _AGREEING:
                continue  # "sin ningún", "nunca nadie", "ni … ni": one negation too
            if word in _NEGATORS:
                last_neg = i
        elif word == "nor" and i - last_neg <= 6:
            continue  # "neither … nor", "not … nor": one negation, as "ni … ni" is
        else:
            last_neg = i
        if word in _PRIVATIVE:
            continue
        if lang == "en" and word == "not" and _adjectival_not(tokens, i):
            continue
        if lang == "en" and word == "no" and i + 1 < len(tokens) and tokens[i + 1] == "one":
            out.append("no one")
            continue
        out.append(word)
    return out


_EN_PARTICIPLE = re.compile(r"..(?:ed|able|ible)$")
_EN_AUXILIARIES = frozenset(
    [
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
    ]
)


def _adjectival_not(tokens: list[str], i: int) -> bool:
    """English "not" before a participle or adjective with no auxiliary before it ("appointed,
    not elected"): the twin of Spanish "no" before a participle ("designados pero no elegidos"),
    which is not counted either."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    prev = tokens[i - 1] if i else ""
    return bool(_EN_PARTICIPLE.search(nxt)) and prev not in _EN_AUXILIARIES and not prev.endswith("n't")


def privatives(text: str) -> int:
    """How many privative prepositions ``text`` has ("sin", "without"; not "sin embargo")."""
    tokens = [fold(w) for w in _TOKEN.findall(text)]
    return sum(w in _PRIVATIVE and tokens[i + 1 : i + 2] != ["embargo"] for i, w in enumerate(tokens))


def _negation(t: Texts) -> list[Flag]:
    a = negations(t.article, t.article_lang)
    o = negations(t.original, t.original_lang)
    if len(a) == len(o):
        return []
    # a privative is often rendered as a negation ("sin esto no habrá paz" = "there will be no
    # peace if we don't do that"): the side with fewer negations may make up for them with it
    if len(a) > len(o) and len(a) - len(o) <= privatives(t.original):
        return []
    if len(o) > len(a) and len(o) - len(a) <= privatives(t.article):
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


INSIDE_WORDS = 3
"""Content words a run inside the text needs to be reported (one at the end of the quote or of
the original needs two). Translators condense and expand: two words without counterpart between
words that have one are most often a rewording the dictionary does not know ("tenía un gran
interés" → "was keen", "how our story is told" → "la manera en que se cuenta nuestra
historia"); what is added or lost at the end — a quote cut short, a phrase tacked on — is not
bounded by a counterpart after it."""


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
    # Inside (a word with a counterpart after it), a short run is most often a rewording; at
    # the end, the quote stopping short or a phrase tacked on.
    return _at_end_or_long(added, mine), _at_end_or_long(dropped, theirs)


def _at_end_or_long(runs: list[Run], words: list[Counterpart]) -> list[Run]:
    """The runs of :data:`INSIDE_WORDS` content words or more, and shorter ones after the last
    word with a counterpart."""
    last = max((c.word.start for c in words if c.hit and c.kind in ("content", "name")), default=-1)
    return [r for r in runs if r.words >= INSIDE_WORDS or r.start > last]


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
        if _DIGITS.fullmatch(word) or word in number_words(lang):
            continue
        if word in negation_words(lang) or word.endswith("n't"):
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


def summarize(flags: Sequence[Flag]) -> str:
    """``number, negation`` style list of flag kinds."""
    return ", ".join(dict.fromkeys(f.kind for f in flags))
