"""The data model shared by every parallel-text format: sentence pairs and the document holding them.

``bilingual translate`` produces pairs (a source sentence and its machine translation) and
``bilingual align`` produces beads (0–3 source sentences matched with 0–3 target sentences); one
:class:`Pair` type carries both so that ``bilingual review`` can read any output back.

Constructors validate their fields and raise :class:`ValueError`; the format readers turn that
into a :class:`~bilingual.errors.FormatError` that says ``path:line`` (see :func:`make_pair`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any

from bilingual.errors import FormatError, LanguageError

KINDS = ("translation", "alignment")

#: Language codes: BCP 47-ish (``es``, ``en``, ``es-MX``), so they are safe in headers and JSON keys.
_LANG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
#: Flags are short tokens (``degenerate``, ``glossary-fallback``) so every format can list them.
_FLAG = re.compile(r"[A-Za-z0-9_.:+-]+")
#: Signature keys are plain identifiers so the one-line form needs no key escaping.
_SIG_KEY = re.compile(r"[A-Za-z0-9_.-]+")
#: Runs of whitespace and control characters in signature values become ``-`` (as in sacreBLEU).
_SIG_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]+")
_SIG_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
_COUNT = re.compile(r"[0-9]+")


def _check_count(value: object, what: str, *, optional: bool = False) -> int | None:
    """Return ``value`` if it is a non-negative ``int`` (or ``None`` when ``optional``), else raise."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} must be a non-negative integer, not {value!r}")
    return value


LOW_CONFIDENCE = 0.5
"""An aligned pair less confident than this is low-confidence: ``align`` flags it, TMX leaves it
out by default (``--min-confidence``) and XLIFF does not approve it. One line for all three, so a
bead is never flagged in one output and trusted in another."""


@dataclass(frozen=True)
class Pair:
    """One row: a sentence pair (translation) or a bead (alignment).

    ``source_ids``/``target_ids`` list the sentence numbers on each side, so ``bead`` is
    ``"2-1"`` for two source sentences aligned with one target sentence. Lists given for the
    tuple fields are converted to tuples and ``extra`` is copied, so a pair never aliases its input.
    """

    id: int
    source: str
    target: str
    source_ids: tuple[int, ...] = ()
    target_ids: tuple[int, ...] = ()
    paragraph: int | None = None
    quote: int | None = None
    start: int | None = None
    end: int | None = None
    confidence: float | None = None
    flags: tuple[str, ...] = ()
    extra: Mapping[str, object] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        """Validate and normalise the fields (tuples for sequences, ``float`` confidence)."""
        _check_count(self.id, "id")
        for name in ("source", "target"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"{name} text must be a string, not {type(getattr(self, name)).__name__}")
        for name in ("source_ids", "target_ids"):
            ids = getattr(self, name)
            if isinstance(ids, str | bytes) or not isinstance(ids, Iterable):
                raise ValueError(f"{name} must be a sequence of integers, not {ids!r}")
            ids = tuple(ids)
            for i in ids:
                _check_count(i, f"each of {name}")
            object.__setattr__(self, name, ids)
        for name in ("paragraph", "quote", "start", "end"):
            _check_count(getattr(self, name), name, optional=True)
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"start ({self.start}) is after end ({self.end})")
        if self.confidence is not None:
            conf = self.confidence
            if isinstance(conf, bool) or not isinstance(conf, int | float) or not math.isfinite(conf):
                raise ValueError(f"confidence must be a finite number, not {conf!r}")
            object.__setattr__(self, "confidence", float(conf))
        if isinstance(self.flags, str) or not isinstance(self.flags, Iterable):
            raise ValueError(f"flags must be a sequence of strings, not {self.flags!r}")
        flags = tuple(self.flags)
        for flag in flags:
            if not isinstance(flag, str) or not _FLAG.fullmatch(flag):
                raise ValueError(f"flag {flag!r} must be a token of letters, digits and _.:+-")
        object.__setattr__(self, "flags", flags)
        if not isinstance(self.extra, Mapping) or not all(isinstance(k, str) for k in self.extra):
            raise ValueError("extra must be a mapping with string keys")
        object.__setattr__(self, "extra", dict(self.extra))

    @property
    def bead(self) -> str:
        """The bead type, ``"<number of source sentences>-<number of target sentences>"``."""
        return f"{len(self.source_ids)}-{len(self.target_ids)}"


#: Every :class:`Pair` field name.
PAIR_FIELDS = frozenset(f.name for f in dataclass_fields(Pair))
#: The :class:`Pair` fields the table formats (TSV, Markdown) carry as columns, by document kind.
TABLE_FIELDS: dict[str, frozenset[str]] = {
    "translation": frozenset({"id", "source", "target"}),
    "alignment": frozenset({"id", "source_ids", "target_ids", "confidence", "source", "target"}),
}


@dataclass(frozen=True)
class Document:
    """A whole parallel-text file: the pairs plus what produced them.

    ``signature`` values are normalised on construction (runs of whitespace and control
    characters become ``-``) so that the one-line form used by TSV, TMX and Markdown reads back
    to exactly the same mapping as JSONL does.
    """

    pairs: tuple[Pair, ...]
    source_lang: str
    target_lang: str
    signature: Mapping[str, str] = field(hash=False)
    kind: str = "translation"

    def __post_init__(self) -> None:
        """Validate kind and languages, freeze ``pairs`` and normalise ``signature``."""
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        for name in ("source_lang", "target_lang"):
            lang = getattr(self, name)
            if not isinstance(lang, str) or not _LANG.fullmatch(lang):
                raise ValueError(f"{name} must be a language code such as 'es' or 'en', not {lang!r}")
        if self.source_lang.lower() == self.target_lang.lower():
            raise ValueError(f"source and target language are both {self.source_lang!r}")
        pairs = tuple(self.pairs)
        for pair in pairs:
            if not isinstance(pair, Pair):
                raise ValueError(f"pairs must all be Pair objects, not {type(pair).__name__}")
        object.__setattr__(self, "pairs", pairs)
        object.__setattr__(self, "signature", normalize_signature(self.signature))


def normalize_signature(sig: Mapping[str, str]) -> dict[str, str]:
    """Return ``sig`` as a plain dict whose values contain no whitespace or control characters.

    Raises :class:`ValueError` for keys that are not plain identifiers or values that are not strings.
    """
    out: dict[str, str] = {}
    for key, value in sig.items():
        if not isinstance(key, str) or not _SIG_KEY.fullmatch(key):
            raise ValueError(f"signature key {key!r} must be letters, digits and _.-")
        if not isinstance(value, str):
            raise ValueError(f"signature value for {key!r} must be a string, not {type(value).__name__}")
        out[key] = _SIG_UNSAFE.sub("-", value)
    return out


def signature_line(sig: Mapping[str, str]) -> str:
    """Render ``sig`` as a sacreBLEU-style one-liner, ``tool:bilingual-0.1.0|engine:apertium|…``.

    Keys keep their insertion order; values are normalised as in :func:`normalize_signature`
    and ``\\`` and ``|`` in them are backslash-escaped so :func:`parse_signature_line` inverts it.
    """
    items = normalize_signature(sig)
    return "|".join(f"{key}:{_escape_sig_value(value)}" for key, value in items.items())


def _escape_sig_value(value: str) -> str:
    """Backslash-escape ``\\`` and ``|`` so a value cannot end its item early."""
    return value.replace("\\", "\\\\").replace("|", "\\|")


def split_unescaped(text: str, sep: str) -> list[str]:
    """Split ``text`` at every ``sep`` not preceded by an escaping backslash (escapes are kept).

    There is always one more item than separators; the last is ``""`` when ``text`` ends with ``sep``.
    """
    items: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == sep:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return items


def parse_signature_line(s: str) -> dict[str, str]:
    """Parse a :func:`signature_line` string back into a dict (empty or blank ``s`` gives ``{}``).

    Raises :class:`FormatError` (without a location; readers add ``path:line``) when an item has
    no ``key:`` part, a key is repeated, or a key is not a plain identifier.
    """
    s = s.strip()
    out: dict[str, str] = {}
    if not s:
        return out
    for item in split_unescaped(s, "|"):
        key, sep, value = item.partition(":")
        if not sep or not _SIG_KEY.fullmatch(key):
            raise FormatError(
                f"bad signature item {item!r}",
                "signature items look like key:value separated by |",
            )
        if key in out:
            raise FormatError(f"signature key {key!r} appears twice", "give each signature key once")
        out[key] = _SIG_UNESCAPE.sub(r"\1", value)
    return out


_LANGS = ("es", "en")


def base_language(tag: str) -> str:
    """The language of a tag without its region (``es-MX`` → ``es``), lowercased."""
    return tag.split("-")[0].lower()


def labelled(doc: Document, source_tag: str | None, target_tag: str | None) -> Document:
    """``doc`` with its languages given as the tags the user named (``es-MX``, ``en-US``), so TMX,
    XLIFF and the other formats keep the region; a tag whose language is not the document's is ignored."""
    source, target = doc.source_lang, doc.target_lang
    if source_tag and base_language(source_tag) == base_language(source):
        source = source_tag
    if target_tag and base_language(target_tag) == base_language(target):
        target = target_tag
    return Document(doc.pairs, source, target, doc.signature, doc.kind)


def make_pair(where: str, hint: str, **fields: Any) -> Pair:
    """Build a :class:`Pair` from parsed file data, reporting invalid values as ``where: …``."""
    try:
        return Pair(**fields)
    except ValueError as exc:
        raise FormatError(f"{where}: {exc}", hint) from None


def make_document(where: str, hint: str, **fields: Any) -> Document:
    """Build a :class:`Document` from parsed file data, reporting invalid values as ``where: …``.

    A pair of languages other than Spanish and English is a :class:`LanguageError` here, so no
    later stage goes looking for word lists that do not exist."""
    try:
        doc = Document(**fields)
    except ValueError as exc:
        raise FormatError(f"{where}: {exc}", hint) from None
    for lang in (doc.source_lang, doc.target_lang):
        if lang.replace("_", "-").split("-")[0].lower() not in _LANGS:
            raise LanguageError(
                f"{where}: language '{lang}' is not Spanish or English",
                "bilingual reads es/en pairs only; give a file translated or aligned between es and en",
            )
    return doc


def located(where: str, exc: FormatError) -> FormatError:
    """Return a copy of ``exc`` whose message is prefixed with ``where`` (a ``path:line``)."""
    return FormatError(f"{where}: {exc.message}", exc.hint)


def read_signature(s: str, where: str) -> dict[str, str]:
    """:func:`parse_signature_line` for a reader: a bad signature is a :class:`FormatError` at ``where``."""
    try:
        return parse_signature_line(s)
    except FormatError as exc:
        raise located(where, exc) from None


def parse_count(text: str, where: str, what: str, hint: str) -> int:
    """``text`` (digits only) as a non-negative integer; anything else is a :class:`FormatError` at ``where``."""
    if not _COUNT.fullmatch(text):
        raise FormatError(f"{where}: {what} must be a non-negative integer, not {text!r}", hint)
    return int(text)


def parse_float(text: str, where: str, what: str, hint: str) -> float:
    """``text`` as a float; anything :class:`float` refuses is a :class:`FormatError` at ``where``."""
    try:
        return float(text)
    except ValueError:
        raise FormatError(f"{where}: {what} {text!r} is not a number", hint) from None


def split_lines(text: str) -> list[str]:
    """Split file text into lines at ``\\n`` only, dropping a leading BOM and each line's final ``\\r``.

    ``str.splitlines`` must not be used: it also breaks at U+2028, U+0085, form feeds and other
    characters that may legitimately occur inside a sentence, which would shift every later pair.
    Dropping one trailing ``\\r`` is safe because every format escapes CR inside text.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


PAIR_INTS = ("paragraph", "quote", "start", "end")
"""Integer :class:`Pair` fields the XML formats carry as properties."""


def pair_properties(pair: Pair) -> list[tuple[str, str]]:
    """A pair's metadata as (name, value) strings, for formats that carry it as properties
    (TMX ``<prop type="x-NAME">``, XLIFF extradata): ids, confidence, positions, flags, origin."""
    items: list[tuple[str, str]] = []
    if pair.source_ids:
        items.append(("source-ids", ",".join(map(str, pair.source_ids))))
    if pair.target_ids:
        items.append(("target-ids", ",".join(map(str, pair.target_ids))))
    if pair.confidence is not None:
        items.append(("confidence", repr(pair.confidence)))
    items += [(name, str(getattr(pair, name))) for name in PAIR_INTS if getattr(pair, name) is not None]
    if pair.flags:
        items.append(("flags", ",".join(pair.flags)))
    origin = pair.extra.get("origin")
    if isinstance(origin, str) and origin:
        items.append(("origin", origin))
    return items
