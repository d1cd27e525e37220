"""The one parser of golden case files (``tests/cases/**``).

A case file is sections of text, each opened by a line ``--- NAME ---`` (NAME may have several
words, e.g. ``--- source city.en.txt en ---``); text before the first such line is the section
named ``""``. Lines starting with ``#`` before any text are comments. Files are split on "\\n" only.
Adding a case means adding a file.
"""

from __future__ import annotations

import re
from pathlib import Path

_HEADER = re.compile(r"--- (.+?) ---")


def comments(path: Path) -> list[str]:
    """The leading ``#`` comment lines of a case file, without the ``#`` (options such as
    ``glossary: shipped`` live there)."""
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.startswith("#"):
            break
        out.append(line[1:].strip())
    return out


def read_case(path: Path) -> list[tuple[str, str]]:
    """(name, text) of every section of the case file, in order; trailing newlines trimmed."""
    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        header = _HEADER.fullmatch(line)
        if header:
            sections.append((header.group(1), []))
        else:
            sections[-1][1].append(line)
    out = [(name, "\n".join(body).strip("\n")) for name, body in sections]
    return out if out[0][1] else out[1:]


def sections(path: Path) -> dict[str, str]:
    """The case file's sections by name (names must be unique)."""
    found = read_case(path)
    named = dict(found)
    if len(named) != len(found):
        raise ValueError(f"{path}: two sections share a name")
    return named
