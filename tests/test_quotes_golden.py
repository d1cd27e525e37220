"""Golden quote-attribution cases: one file per case under tests/cases/quotes/{es,en}/.

A case file holds optional ``#`` comment lines (``# glossary: shipped`` resolves speakers with
the shipped glossaries), the article text, a line ``--- quotes ---``, then one line per expected
quote: ``speaker | quoted words`` (``-`` for no speaker), in text order. Adding a case means
adding a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from golden import comments, sections

from bilingual.glossary.model import Glossary
from bilingual.review.quotes import extract_quotes
from bilingual.split.splitter import Splitter

CASES = Path(__file__).parent / "cases" / "quotes"


@dataclass(frozen=True)
class Case:
    """One parsed case file."""

    text: str
    expected: list[tuple[str | None, str]]
    glossary: bool


def parse_case(path: Path) -> Case:
    """A case file's text, expected (speaker, words) pairs and options."""
    parts = sections(path)
    assert "quotes" in parts, f"{path}: missing the '--- quotes ---' line"
    expected: list[tuple[str | None, str]] = []
    for line in parts["quotes"].split("\n"):
        if not line.strip():
            continue
        assert " | " in line, f"{path}: expected 'speaker | words', got {line!r}"
        speaker, words = line.split(" | ", 1)
        expected.append((None if speaker.strip() == "-" else speaker.strip(), words.strip()))
    return Case(parts.get("", ""), expected, "glossary: shipped" in comments(path))


def _cases() -> list[tuple[str, Path]]:
    return [(lang, path) for lang in ("es", "en") for path in sorted((CASES / lang).glob("*.txt"))]


@cache
def _shipped() -> Glossary:
    return Glossary.load(shipped=True, user=Path(__file__).parent / "cases" / "quotes" / "no-user-glossary")


@pytest.mark.parametrize(
    ("lang", "path"), _cases(), ids=lambda v: f"{v.parent.name}/{v.name}" if isinstance(v, Path) else v
)
def test_golden_quote(lang: str, path: Path) -> None:
    case = parse_case(path)
    glossary = _shipped() if case.glossary else None
    got = [(q.speaker, q.text) for q in extract_quotes(Splitter(lang).analyze(case.text), glossary=glossary)]
    assert got == case.expected


def test_parser_reads_speakers_and_options(tmp_path: Path) -> None:
    path = tmp_path / "case.txt"
    path.write_text("# glossary: shipped\n«Ya.», dijo.\n--- quotes ---\n- | Ya.\nAna Ruiz | Sí\n", encoding="utf-8")
    case = parse_case(path)
    assert case == Case("«Ya.», dijo.", [(None, "Ya."), ("Ana Ruiz", "Sí")], True)


def test_there_are_cases_for_both_languages() -> None:
    langs = {lang for lang, _ in _cases()}
    assert langs == {"es", "en"}
    assert len(_cases()) >= 24
