"""A bilingual lexicon from Apertium's own stages, for word-level correspondence in review.

``lt-proc -w …/spa-eng.automorf.bin`` gives every analysis (lemma + tags) of every word;
``lt-proc -b …/spa-eng.autobil.bin`` every dictionary translation of an analysed lemma (the
same for eng-spa; paths as in ``/usr/share/apertium/modes/*.mode``). A batch of texts goes
through one ``lt-proc`` process per stage, never one per word, and results are cached on the
instance, so reviewing a document costs a handful of process starts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import EngineError

_PAIRS = {("es", "en"): "spa-eng", ("en", "es"): "eng-spa"}
_UNIT = re.compile(r"\^((?:[^$\\]|\\.)*)\$")
_TAG = re.compile(r"<([^>]+)>")
_TIMEOUT = 60.0


@dataclass(frozen=True)
class Word:
    """One analysed word: its surface form and offsets in the text, and its analyses as
    (lemma, first tag) pairs (no analyses: unknown to the dictionary, e.g. most names)."""

    surface: str
    start: int
    end: int
    analyses: tuple[tuple[str, str], ...]
    raw: tuple[str, ...]
    """The analyses as lt-proc wrote them (``lemma<tag>…``), for the bilingual lookup."""

    @property
    def known(self) -> bool:
        return bool(self.analyses)


class ApertiumLexicon:
    """Morphological analysis and bilingual dictionary lookup through ``lt-proc``."""

    def __init__(self, datadir: Path | None = None) -> None:
        self._dir = (datadir or Path("/usr/share/apertium")) / "apertium-eng-spa"
        self._analysed: dict[tuple[str, str], list[Word]] = {}
        self._bil: dict[tuple[str, str, str], frozenset[str]] = {}

    @staticmethod
    def available(datadir: Path | None = None) -> bool:
        """True when ``lt-proc`` and the eng-spa dictionaries are installed."""
        base = (datadir or Path("/usr/share/apertium")) / "apertium-eng-spa"
        return shutil.which("lt-proc") is not None and (base / "spa-eng.automorf.bin").exists()

    def _run(self, flag: str, binary: str, payload: str) -> str:
        path = self._dir / binary
        exe = shutil.which("lt-proc")
        if exe is None or not path.exists():
            raise EngineError(f"lt-proc or {path} is missing", "install apertium and apertium-eng-spa")
        try:
            done = subprocess.run(
                [exe, flag, str(path)], input=payload, capture_output=True, text=True, timeout=_TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EngineError(f"lt-proc failed: {exc}") from exc
        if done.returncode != 0:
            raise EngineError(f"lt-proc {flag} {binary} failed: {done.stderr.strip()[:200]}")
        return done.stdout

    def analyse(self, texts: Sequence[str], lang: str) -> list[list[Word]]:
        """The analysed words of each text (one ``lt-proc`` run for all texts not seen yet)."""
        pair = _pair(lang)
        todo = list(dict.fromkeys(t for t in texts if (lang, t) not in self._analysed))
        if todo:
            flat = [t.replace("\n", " ") for t in todo]
            out = self._run("-w", f"{pair}.automorf.bin", "\n".join(_escape(t) for t in flat) + "\n")
            lines = out.split("\n")
            if len(lines) < len(todo):
                raise EngineError(f"lt-proc returned {len(lines)} lines for {len(todo)} texts")
            for text, line in zip(todo, lines, strict=False):
                self._analysed[(lang, text)] = _words(text.replace("\n", " "), line)
        return [self._analysed[(lang, t)] for t in texts]

    def translations(self, words: Sequence[Word], lang: str) -> list[frozenset[str]]:
        """Every dictionary translation (lemmas, lower case) of each word's analyses into the
        other language (one ``lt-proc -b`` run for all analyses not seen yet)."""
        pair = _pair(lang)
        todo = list(dict.fromkeys(r for w in words for r in w.raw if (pair, r, "") not in self._bil))
        if todo:
            out = self._run("-b", f"{pair}.autobil.bin", "".join(f"^{r}$\n" for r in todo))
            units = _UNIT.findall(out)
            if len(units) != len(todo):
                raise EngineError(f"lt-proc -b returned {len(units)} entries for {len(todo)} lemmas")
            for r, unit in zip(todo, units, strict=True):
                outs = _split_unescaped(unit, "/")[1:]
                self._bil[(pair, r, "")] = frozenset(
                    _lemma(o).lower() for o in outs if o and not o.startswith("@") and _lemma(o)
                )
        return [frozenset().union(*(self._bil[(pair, r, "")] for r in w.raw)) if w.raw else frozenset() for w in words]


def _pair(lang: str) -> str:
    for (a, _), pair in _PAIRS.items():
        if a == lang:
            return pair
    raise EngineError(f"no Apertium lexicon for language {lang!r}")


def _escape(text: str) -> str:
    return re.sub(r"([\^$\\/<>@*{}\[\]#])", r"\\\1", text)


def _split_unescaped(text: str, sep: str) -> list[str]:
    parts, cur, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur.append(text[i : i + 2])
            i += 2
            continue
        if c == sep:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    parts.append("".join(cur))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _lemma(analysis: str) -> str:
    return _unescape(analysis.split("<", 1)[0]).strip()


def _words(text: str, line: str) -> list[Word]:
    """Pair lt-proc's units with their positions in ``text`` (surface forms appear in order)."""
    out: list[Word] = []
    pos = 0
    for unit in _UNIT.findall(line):
        parts = _split_unescaped(unit, "/")
        surface = _unescape(parts[0])
        at = text.find(surface, pos)
        if at < 0:
            continue
        pos = at + len(surface)
        raw: list[str] = []
        analyses: list[tuple[str, str]] = []
        for a in parts[1:]:
            if a.startswith("*") or not a:
                continue
            for piece in a.split("+"):
                tags = _TAG.findall(piece)
                if not tags:
                    continue
                raw.append(piece)
                analyses.append((_lemma(piece).lower(), tags[0]))
        if not any(ch.isalnum() for ch in surface):
            continue
        out.append(Word(surface, at, pos, tuple(dict.fromkeys(analyses)), tuple(dict.fromkeys(raw))))
    return out
