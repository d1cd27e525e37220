"""Glossaries of names and places: the TSV format, layering, linting and fast matching.

A glossary is a UTF-8 TSV file with the header ``es<TAB>en<TAB>type<TAB>note``; each side lists
one or more forms separated by `` | ``, the first being the preferred (output) form. Shipped
glossaries (``bilingual/data/glossaries/``) are
layered under the user's (``--glossary-dir`` / ``$BILINGUAL_GLOSSARY_DIR``): a user entry
replaces a shipped entry that shares a Spanish form.

Matching is whole-word, ignores accents when reading (``Juarez`` finds ``Juárez``), respects
case where it matters (an acronym like ``CBP`` must be written in capitals, a name must be
capitalised, a lowercase term matches any case and its plural), and prefers the longest match
(``Aeropuerto Internacional Abraham González`` beats ``Abraham González``). It looks up each
word of the text once, so time grows with the text, not with text × entries.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

import platformdirs

from bilingual.errors import GlossaryError, InputError
from bilingual.lang.codes import fold

TYPES = ("person", "place", "agency", "organization", "term")
HEADER = ("es", "en", "type", "note")
SEP = " | "
USER_FILE = "user.tsv"
_HEADER_LINE = "\t".join(HEADER)


_TOKEN = re.compile(r"[^\W_]+")
_GAP_OK = re.compile(r"[\s.,\-‐‑–—'’]{1,3}")


def _gap_kind(gap: str) -> tuple[bool, bool]:
    """What must agree between a form's gap and the text's: a dot ("EE. UU.") and a comma."""
    return ("." in gap, "," in gap)


# -- entries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One glossary entry: Spanish and English forms (preferred first), type and note."""

    es: tuple[str, ...]
    en: tuple[str, ...]
    type: str
    note: str = ""
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    def forms(self, lang: str) -> tuple[str, ...]:
        """All forms in ``lang`` ("es" or "en"), preferred first."""
        return self.es if lang == "es" else self.en

    def preferred(self, lang: str) -> str:
        """The form to write in ``lang``."""
        return self.forms(lang)[0]

    @property
    def where(self) -> str:
        """``path:line`` of the entry (for messages)."""
        return f"{self.path}:{self.line}" if self.path else "(built-in)"

    def row(self) -> str:
        """The entry as a TSV line (without newline)."""
        return "\t".join((SEP.join(self.es), SEP.join(self.en), self.type, self.note))

    def describe(self) -> str:
        """Human-readable one-liner: ``Guardia Nacional → National Guard (agency)``."""
        return f"{SEP.join(self.es)} → {SEP.join(self.en)} ({self.type})"


@dataclass(frozen=True)
class Problem:
    """A lint finding with its location."""

    path: str
    line: int
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _split_forms(cell: str) -> list[str]:
    return cell.split("|")


def parse(text: str, path: str) -> tuple[list[Entry], list[Problem]]:
    """Parse glossary TSV ``text``; returns the usable entries and every problem found.

    Fatal problems (wrong column count, unknown type, empty forms, missing header) make the
    line unusable; the others (non-NFC text, stray whitespace) are fixed on load but reported.
    """
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen_header = False
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, raw in enumerate(lines, start=1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not seen_header:
            seen_header = True
            if line.strip() == _HEADER_LINE or line.rstrip("\t") == "\t".join(HEADER[:3]):
                continue
            problems.append(Problem(path, number, f"first line must be the header '{'<TAB>'.join(HEADER)}'"))
            if line.split("\t")[0].strip().lower() == "es":
                continue
        entry = _parse_row(line, path, number, problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems


CONTROL_CHAR = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters glossary text may not contain (as ``glossary import`` refuses them)."""


def _parse_row(line: str, path: str, number: int, problems: list[Problem]) -> Entry | None:
    cells = line.split("\t")
    if len(cells) == 3:
        cells.append("")
    if len(cells) != 4:
        problems.append(
            Problem(path, number, f"expected 4 tab-separated columns (es, en, type, note), found {len(cells)}")
        )
        return None
    bad = CONTROL_CHAR.search(line.replace("\t", " "))
    if bad:
        problems.append(Problem(path, number, f"control character U+{ord(bad.group()):04X}", fatal=False))
    if unicodedata.normalize("NFC", line) != line:
        problems.append(Problem(path, number, "text is not in Unicode NFC form", fatal=False))
        cells = [unicodedata.normalize("NFC", c) for c in cells]
    sides: list[tuple[str, ...]] = []
    ok = True
    for column, cell in zip(("es", "en"), cells[:2], strict=True):
        forms = []
        empty = False
        for form in _split_forms(cell):
            clean = " ".join(form.split())
            if not clean:
                empty = True
                continue
            forms.append(clean)
        if empty:
            problems.append(Problem(path, number, f"empty {column} form"))
            ok = False
        elif cell != SEP.join(forms):
            problems.append(Problem(path, number, f"stray whitespace in the {column} column", fatal=False))
        sides.append(tuple(forms))
    kind = cells[2].strip()
    if kind not in TYPES:
        problems.append(Problem(path, number, f"unknown type '{cells[2]}' (use one of: {', '.join(TYPES)})"))
        ok = False
    note = " ".join(cells[3].split())
    if note != cells[3]:
        problems.append(Problem(path, number, "stray whitespace in the note", fatal=False))
    if not ok or not sides[0] or not sides[1]:
        return None
    return Entry(sides[0], sides[1], kind, note, path, number)


def read_file(path: Path | str) -> tuple[list[Entry], list[Problem]]:
    """Read and parse one glossary file (``GlossaryError`` if it cannot be read)."""
    from bilingual.textio import read_text

    name = str(path)
    try:
        text = read_text(name, allow_empty=True)
    except InputError as exc:  # keep the message and hint, report it as a glossary problem
        raise GlossaryError(exc.message, exc.hint) from None
    return parse(text, name)


def load_file(path: Path | str) -> list[Entry]:
    """Entries of one glossary file; the first fatal problem raises :class:`GlossaryError`."""
    entries, problems = read_file(path)
    for problem in problems:
        if problem.fatal:
            raise GlossaryError(str(problem), "fix the line (see `bilingual glossary check`)")
    return entries


def cross_problems(entries: Sequence[Entry]) -> list[Problem]:
    """Duplicates and conflicting targets across ``entries`` (one Spanish form, two meanings)."""
    problems: list[Problem] = []
    owner: dict[str, Entry] = {}
    for entry in entries:
        for form in entry.es:
            key = fold(form)
            other = owner.get(key)
            if other is None:
                owner[key] = entry
                continue
            if other is entry:
                continue
            if fold(other.preferred("en")) == fold(entry.preferred("en")):
                msg = f"duplicate of {other.where} ('{form}' → '{entry.preferred('en')}')"
            else:
                msg = (
                    f"conflicting target for '{form}': '{entry.preferred('en')}' here, "
                    f"'{other.preferred('en')}' at {other.where}"
                )
            problems.append(Problem(entry.path, entry.line, msg))
    return problems


def sort_key(entry: Entry) -> tuple[str, str]:
    """Order used when writing files: Spanish preferred form, accents and case ignored."""
    return (fold(entry.es[0]), entry.es[0])


def render(entries: Iterable[Entry], comment: str = "") -> str:
    """A whole glossary file, entries sorted so diffs stay small."""
    lines = [f"# {c}" if c else "#" for c in comment.split("\n")] if comment else []
    lines.append(_HEADER_LINE)
    lines.extend(e.row() for e in sorted(entries, key=sort_key))
    return "\n".join(lines) + "\n"


# -- where glossaries live -----------------------------------------------------------------


def shipped_dir() -> Path | None:
    """The shipped glossaries (``bilingual/data/glossaries``), or None in a broken install."""
    try:
        shipped = Path(str(resources.files("bilingual").joinpath("data", "glossaries")))
    except (ModuleNotFoundError, TypeError):
        return None
    return shipped if shipped.is_dir() else None


def user_dir(explicit: str | Path | None = None) -> Path:
    """The user's glossary directory: ``--glossary-dir``, ``$BILINGUAL_GLOSSARY_DIR``, or the data dir."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("BILINGUAL_GLOSSARY_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("bilingual")) / "glossaries"


def user_file(directory: str | Path | None = None, file: str | Path | None = None) -> Path:
    """The glossary file edits go to: ``file`` if given, else ``user.tsv`` in the user directory."""
    return Path(file) if file else user_dir(directory) / USER_FILE


def _tsv_files(directory: Path | None) -> list[Path]:
    if directory is None or not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.tsv") if p.is_file())


# -- the layered glossary ------------------------------------------------------------------


@dataclass(frozen=True)
class Glossary:
    """Entries from several files, later layers replacing earlier ones that share a Spanish form."""

    entries: tuple[Entry, ...]
    files: tuple[str, ...] = ()

    @classmethod
    def load(
        cls,
        *,
        shipped: bool = True,
        user: str | Path | None = None,
        extra: Sequence[str | Path] = (),
    ) -> Glossary:
        """Shipped glossaries, then the user directory, then ``extra`` files (highest priority)."""
        layers: list[list[Path]] = []
        if shipped:
            layers.append(_tsv_files(shipped_dir()))
        layers.append(_tsv_files(user_dir(user)))
        layers.append([Path(p) for p in extra])
        merged: dict[str, Entry] = {}
        files: list[str] = []
        for layer in layers:
            for path in layer:
                files.append(str(path))
                for entry in load_file(path):
                    for form in entry.es:
                        old = merged.get(fold(form))
                        if old is not None and old.path != entry.path:
                            for other in old.es:
                                merged.pop(fold(other), None)
                    for form in entry.es:
                        merged[fold(form)] = entry
        unique = list(dict.fromkeys(merged.values()))
        return cls(tuple(unique), tuple(files))

    @cached_property
    def digest(self) -> str:
        """Content hash (entries only, order-independent): part of signatures and cache keys."""
        rows = sorted(e.row() for e in self.entries)
        return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:12]

    def signature_value(self) -> str:
        """``<n>-entries-<hash>`` or ``none``."""
        return f"{len(self.entries)}-entries-{self.digest}" if self.entries else "none"

    def select(self, kind: str | None = None, search: str | None = None) -> list[Entry]:
        """Entries in listing order, only of type ``kind`` and with a form containing ``search``
        (accents and case ignored) when given."""
        needle = fold(search) if search else None
        return [
            e
            for e in sorted(self.entries, key=sort_key)
            if (not kind or e.type == kind) and (not needle or any(needle in fold(f) for f in (*e.es, *e.en)))
        ]

    def matcher(self, lang: str) -> Matcher:
        """A :class:`Matcher` for the ``lang`` side (built once per glossary and language)."""
        cache: dict[str, Matcher] = self.__dict__.setdefault("_matchers", {})
        if lang not in cache:
            cache[lang] = Matcher(self.entries, lang)
        return cache[lang]


# -- matching ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A glossary term found in a text: ``text[start:end]`` is what was written."""

    start: int
    end: int
    entry: Entry
    form: str
    plural: bool = False


@dataclass(frozen=True)
class _Pattern:
    tokens: tuple[str, ...]  # folded
    cases: tuple[str, ...]  # "upper" | "title" | "lower" per token
    gaps: tuple[tuple[bool, bool], ...]
    trailing_dot: bool
    entry: Entry
    form: str


def _case_of(token: str) -> str:
    letters = [c for c in token if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and (len(letters) > 1 or len(token) == 1):
        return "upper"
    if token[:1].isupper():
        return "title"
    return "lower"


def _pattern(form: str, entry: Entry) -> _Pattern | None:
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(form)]
    if not spans:
        return None
    tokens = tuple(fold(form[s:e]) for s, e in spans)
    cases = tuple(_case_of(form[s:e]) for s, e in spans)
    gaps = tuple(_gap_kind(form[spans[i][1] : spans[i + 1][0]]) for i in range(len(spans) - 1))
    return _Pattern(tokens, cases, gaps, form.rstrip().endswith("."), entry, form)


class Matcher:
    """Finds glossary terms of one language in text; see the module docstring for the rules."""

    def __init__(self, entries: Iterable[Entry], lang: str) -> None:
        self.lang = lang
        self._index: dict[str, list[_Pattern]] = {}
        for entry in entries:
            for form in entry.forms(lang):
                pattern = _pattern(form, entry)
                if pattern is None:
                    continue
                keys = {pattern.tokens[0]}
                if pattern.cases[0] == "lower":
                    keys |= {pattern.tokens[0] + "s", pattern.tokens[0] + "es"}
                for key in keys:
                    self._index.setdefault(key, []).append(pattern)
        for patterns in self._index.values():
            patterns.sort(key=lambda p: -len(p.tokens))

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, left to right, longest first at each position."""
        folded = fold(text)
        toks = [(m.start(), m.end()) for m in _TOKEN.finditer(folded)]
        out: list[Match] = []
        i = 0
        n = len(toks)
        while i < n:
            s, e = toks[i]
            candidates = self._index.get(folded[s:e])
            found = None
            if candidates:
                for pattern in candidates:
                    found = self._try(text, folded, toks, i, pattern)
                    if found is not None:
                        break
            if found is None:
                i += 1
                continue
            match, used = found
            out.append(match)
            i += used
        return out

    def _try(
        self, text: str, folded: str, toks: list[tuple[int, int]], i: int, p: _Pattern
    ) -> tuple[Match, int] | None:
        k = len(p.tokens)
        if i + k > len(toks):
            return None
        plural = False
        for j in range(k):
            s, e = toks[i + j]
            word = folded[s:e]
            want = p.tokens[j]
            if word != want:
                if p.cases[j] == "lower" and word in (want + "s", want + "es"):
                    plural = True
                else:
                    return None
            original = text[s:e]
            case = p.cases[j]
            if case == "upper" and not original.isupper():
                return None
            if case == "title" and not original[:1].isupper():
                return None
            if j:
                gap = text[toks[i + j - 1][1] : s]
                if not _GAP_OK.fullmatch(gap) or _gap_kind(gap) != p.gaps[j - 1]:
                    return None
        start, end = toks[i][0], toks[i + k - 1][1]
        if p.trailing_dot and text[end : end + 1] == ".":
            end += 1
        return Match(start, end, p.entry, p.form, plural), k

    def entries_in(self, text: str) -> set[Entry]:
        """The entries mentioned in ``text``."""
        return {m.entry for m in self.find(text)}


def iter_problems(paths: Sequence[Path]) -> Iterator[Problem]:
    """Every lint problem in ``paths``: per-line ones, then duplicates/conflicts across them."""
    everything: list[Entry] = []
    for path in paths:
        entries, problems = read_file(path)
        yield from problems
        everything.extend(entries)
    yield from cross_problems(everything)
