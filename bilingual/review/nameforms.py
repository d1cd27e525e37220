"""Cross-language forms of one name: "Hezbollah" / "Hizbulá", "Edward" / "Eduardo",
"Abkhazia" / "Abjasia", "Al-Qaeda" / "Al Qaeda", "Brazil" / "brasileño", "MoD" / "Ministerio
de Defensa".

Translators adapt names to their language (a given name, a transliteration, a place), so an
exact spelling check calls every adapted name a changed one. Two spellings are one name when
their transliteration-folded forms (accents, hyphens and spaces folded; kh/j, sh/ch, ph/f, th/t,
z/s, v/b, w/u, y/i, silent h, doubled letters) share their consonant skeleton, or one skeleton
extends the other (a longer form, an adjective). A different name ("Harris" / "Harvey",
"Molina" / "Medina") changes a consonant and stays different.
"""

from __future__ import annotations

import re
from functools import cache

from bilingual.lang.codes import fold

__all__ = ["acronym_of", "derived_from", "same_name", "skeleton", "spelling_key"]

# Spellings of one sound across Spanish, English and the transliterations news uses, in order
# (longer ones first). "Ç" stands for the "ch" sound so that its "c" and "h" stay out of the rest.
_SOUNDS = (
    ("tch", "ch"),
    ("sch", "sh"),
    ("kh", "j"),
    ("sh", "ch"),
    ("cz", "ch"),
    ("ch", "Ç"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("qu", "k"),
    ("q", "k"),
    ("c", "k"),
    ("z", "s"),
    ("v", "b"),
    ("w", "u"),
    ("y", "i"),
    ("h", ""),
)
_VOWELS = re.compile(r"[aeiou]")
_DOUBLE = re.compile(r"(.)\1+")


@cache
def spelling_key(word: str) -> str:
    """``word`` folded (accents, case, hyphens, spaces and apostrophes gone), its spellings of one
    sound made one, doubled letters single: "Al-Qaeda" → "alkaeda", "Hizbulá" → "isbula"."""
    key = "".join(ch for ch in fold(word).lower() if ch.isalpha())
    for spelt, sound in _SOUNDS:
        key = key.replace(spelt, sound)
    return _DOUBLE.sub(r"\1", key)


@cache
def skeleton(word: str) -> str:
    """The consonants of :func:`spelling_key`, doubled ones single ("Ferdinand" → "frdnd")."""
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", spelling_key(word)))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _one_dropped(short: str, long: str) -> bool:
    """``long`` is ``short`` with one letter more ("frdnd" / "frnd")."""
    return len(long) == len(short) + 1 and any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def same_name(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are plausibly one name written in two languages: same folded
    spelling, same consonant skeleton (two consonants or more, and then the same first sound if
    only two), one skeleton a start of the other with the first three sounds equal (a longer
    form of the name), or, for skeletons of four consonants or more and the same first sound, one
    consonant dropped ("Fernando" / "Ferdinand", but not "Fernández" / "Hernández")."""
    ka, kb = spelling_key(a), spelling_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    sa, sb = skeleton(a), skeleton(b)
    short, long = sorted((sa, sb), key=len)
    if len(short) < 2:
        return False
    if sa == sb:
        return len(sa) >= 3 or ka[0] == kb[0]
    if long.startswith(short) and _common_prefix(ka, kb) >= 3:
        return True
    return len(short) >= 4 and ka[0] == kb[0] and _one_dropped(short, long)


def derived_from(name: str, word: str) -> bool:
    """True when ``word`` is an adjective or other derived form of ``name`` ("brasileño" of
    "Brazil", "americano" of "America"): it starts with the name's spelling key less a final
    vowel, at least four letters."""
    stem = spelling_key(name)
    stem = stem[:-1] if stem[-1:] in "aeiou" else stem
    return len(stem) >= 4 and spelling_key(word).startswith(stem) and len(spelling_key(word)) > len(stem)


def acronym_of(words: list[str], acronym: str) -> bool:
    """True when ``acronym``'s capitals ("MoD", "EE.UU." → "MD", "EEUU") are the initials of the
    capitalised ``words`` ("Ministerio", "Defensa"), two letters or more."""
    caps = "".join(ch for ch in acronym if ch.isupper())
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return len(caps) >= 2 and fold(caps) == fold(initials)
