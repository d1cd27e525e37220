"""Quote review golden cases (files under tests/cases/review/) and the fidelity checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import needs_apertium
from golden import read_case

from bilingual.engines.apertium import ApertiumEngine
from bilingual.glossary.model import Glossary
from bilingual.review.fidelity import Texts, check, negations, numbers
from bilingual.review.match import review_article

CASES = Path(__file__).parent / "cases" / "review"


Expected = list[tuple[str, set[str], list[tuple[str, str]]]]


def _parse(path: Path) -> tuple[tuple[str, str], list[tuple[str, str, str]], Expected]:
    """Article, sources and expected lines: quote id, source (or ``unmatched``), flag kinds,
    then optionally ``kind:words`` cells (a flag of that kind must point at exactly those words)."""
    article: tuple[str, str] = ("", "")
    sources: list[tuple[str, str, str]] = []
    expected: Expected = []
    for name, body in read_case(path):
        words = name.split()
        if words[0] == "article":
            article = (body, words[1])
        elif words[0] == "source":
            sources.append((words[1], body, words[2]))
        else:
            for line in body.split("\n"):
                cells = line.split("\t")
                kinds = set(cells[2].split()) if len(cells) > 2 else set()
                pointed = [tuple(c.split(":", 1)) for c in cells[3:] if ":" in c]
                expected.append((cells[1], kinds, [(k, w) for k, w in pointed]))
    return article, sources, expected


@needs_apertium
@pytest.mark.parametrize("path", sorted(CASES.glob("*.txt")), ids=lambda p: p.name)
def test_golden_review(path: Path) -> None:
    (article, lang), sources, expected = _parse(path)
    engine = ApertiumEngine()
    review = review_article(
        article, "article.txt", lang, sources, to_article=engine, to_source=engine, glossary=Glossary.load()
    )
    got = []
    pointed = []
    for item in sorted(review.items, key=lambda i: i.quote):
        if item.match is None:
            got.append(("unmatched", set()))
        else:
            got.append((item.match.source, {f.kind for f in item.flags} - {"low_confidence"}))
        pointed.append({(f.kind, f.text) for f in item.flags})
    assert got == [(src, kinds) if src != "unmatched" else ("unmatched", set()) for src, kinds, _ in expected]
    for flags, (_, _, words) in zip(pointed, expected, strict=True):
        for kind, text in words:
            assert (kind, text) in flags


def test_numbers_normalise_digits_and_words() -> None:
    assert numbers("Llegaron 1.250 personas, treinta y ocho vuelos y 3,5 horas a las 4:30", "es") == {
        "1250": 1,
        "38": 1,
        "3.5": 1,
        "4:30": 1,
    }
    assert numbers("1,250 people, thirty-eight flights, 3.5 hours at 4:30", "en") == {
        "1250": 1,
        "38": 1,
        "3.5": 1,
        "4:30": 1,
    }


def test_spanish_negative_concord_counts_once() -> None:
    assert negations("No hubo ningún vuelo no autorizado.", "es") == ["no"]
    assert negations("There was no unauthorized flight and we can't say more.", "en") == ["no", "can't"]


def test_faithful_pair_has_no_flags() -> None:
    texts = Texts(
        "We put 40 officers in the area.",
        "Pusimos 40 elementos en la zona.",
        "en",
        "es",
        original_mt="We put 40 elements in the zone.",
        article_mt="Pusimos 40 oficiales en el área.",
    )
    assert check(texts) == []


def test_changed_number_and_lost_negation() -> None:
    texts = Texts(
        "The bridges have stopped working after 60 minutes.",
        "Los puentes no han dejado de funcionar después de 40 minutos.",
        "en",
        "es",
        original_mt="The bridges have not stopped working after 40 minutes.",
    )
    kinds = [(f.kind, f.text) for f in check(texts)]
    assert ("number", "60") in kinds and ("negation", "no") in kinds
