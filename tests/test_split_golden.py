"""Golden sentence-splitting cases: one file per case under tests/cases/split/{es,en}/.

Each file holds the input, a line ``--- expected ---``, then the expected sentences one per
line (newlines inside a sentence written as one space) with a blank line between paragraphs.
Adding a case means adding a file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from golden import sections

from bilingual.split.splitter import split_text

CASES = Path(__file__).parent / "cases" / "split"


def _cases() -> list[tuple[str, Path]]:
    return [(lang, path) for lang in ("es", "en") for path in sorted((CASES / lang).glob("*.txt"))]


def _render(text: str, lang: str) -> str:
    lines: list[str] = []
    previous = None
    for s in split_text(text, lang):
        if previous is not None and s.paragraph != previous:
            lines.append("")
        lines.append(re.sub(r"\s*\n\s*", " ", s.text))
        previous = s.paragraph
    return "\n".join(lines)


@pytest.mark.parametrize(("lang", "path"), _cases(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_golden(lang: str, path: Path) -> None:
    parts = sections(path)
    assert "expected" in parts, f"{path}: missing the '--- expected ---' line"
    assert _render(parts[""], lang) == parts["expected"]


def test_there_are_cases_for_both_languages() -> None:
    langs = {lang for lang, _ in _cases()}
    assert langs == {"es", "en"}
    assert len(_cases()) >= 40
