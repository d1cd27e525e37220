"""JSON Lines: a header object, then one object per pair; the lossless format for programs.

Layout::

    {"bilingual": "translation", "source_lang": "es", "target_lang": "en", "signature": {…}}
    {"id": 0, "source": "Hola.", "target": "Hello.", "paragraph": 0, "quote": null, …}

Translation objects always have ``id source target paragraph quote start end flags``; alignment
objects always have ``id bead <src>_ids <tgt>_ids <src> <tgt> confidence`` (``es_ids``, ``es``, …).
Any other :class:`Pair` field is written only when it is not at its default, and ``extra`` entries
become top-level keys (so their values must be JSON values; tuples read back as lists).

Text is UTF-8 (``ensure_ascii=False``), but U+0085, U+2028 and U+2029 are written as ``\\uXXXX``
so that tools splitting on every Unicode line break still see one object per line. Reading splits
on ``\\n`` only, skips blank lines, and rejects duplicate keys and ``NaN``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TextIO

from bilingual.errors import FormatError
from bilingual.formats.model import (
    KINDS,
    PAIR_FIELDS,
    Document,
    Pair,
    located,
    make_document,
    make_pair,
    normalize_signature,
    split_lines,
)

#: The :class:`Pair` fields a JSONL file carries, by document kind: all of them.
FIELDS: dict[str, frozenset[str]] = {kind: PAIR_FIELDS for kind in KINDS}

_ORDER = {
    "translation": (
        "id",
        "source",
        "target",
        "paragraph",
        "quote",
        "start",
        "end",
        "flags",
        "source_ids",
        "target_ids",
        "confidence",
    ),
    "alignment": (
        "id",
        "bead",
        "source_ids",
        "target_ids",
        "source",
        "target",
        "confidence",
        "paragraph",
        "quote",
        "start",
        "end",
        "flags",
    ),
}
_ALWAYS = {
    "translation": frozenset({"id", "source", "target", "paragraph", "quote", "start", "end", "flags"}),
    "alignment": frozenset({"id", "bead", "source_ids", "target_ids", "source", "target", "confidence"}),
}
_DEFAULTS: dict[str, object] = {
    "source_ids": (),
    "target_ids": (),
    "flags": (),
    "paragraph": None,
    "quote": None,
    "start": None,
    "end": None,
    "confidence": None,
}
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_HINT = "each line must be one JSON object, as written by `bilingual … --format jsonl`"


def keys(kind: str, source_lang: str, target_lang: str) -> dict[str, str]:
    """Map each written field (plus ``bead`` for alignments) to its JSON key, in output order.

    Raises :class:`FormatError` if a language code would collide with another key (``id``, …).
    """
    names = {name: name for name in _ORDER[kind]}
    if kind == "alignment":
        names.update(
            source=source_lang,
            target=target_lang,
            source_ids=f"{source_lang}_ids",
            target_ids=f"{target_lang}_ids",
        )
    if len(set(names.values())) != len(names):
        raise FormatError(
            f"language codes {source_lang!r}/{target_lang!r} clash with JSONL field names",
            "use the plain two-letter codes es and en",
        )
    return names


def _dumps(obj: object) -> str:
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    for char, escaped in _LINE_BREAKS.items():
        text = text.replace(char, escaped)  # only ever inside JSON strings, where \uXXXX is valid
    return text


def _pair_object(pair: Pair, kind: str, names: Mapping[str, str]) -> dict[str, object]:
    obj: dict[str, object] = {}
    for name, key in names.items():
        value: object = pair.bead if name == "bead" else getattr(pair, name)
        if name not in _ALWAYS[kind] and value == _DEFAULTS[name]:
            continue
        obj[key] = list(value) if isinstance(value, tuple) else value
    for key, value in pair.extra.items():
        if key in names.values():
            raise FormatError(
                f"pair {pair.id}: extra key {key!r} clashes with a JSONL field",
                "rename the extra entry",
            )
        obj[key] = value
    return obj


def write(doc: Document, handle: TextIO) -> None:
    """Write ``doc`` as JSON Lines (header object, then one object per pair)."""
    names = keys(doc.kind, doc.source_lang, doc.target_lang)
    header = {
        "bilingual": doc.kind,
        "source_lang": doc.source_lang,
        "target_lang": doc.target_lang,
        "signature": dict(doc.signature),
    }
    handle.write(_dumps(header) + "\n")
    for pair in doc.pairs:
        obj = _pair_object(pair, doc.kind, names)
        try:
            line = _dumps(obj)
        except (TypeError, ValueError) as exc:
            raise FormatError(
                f"pair {pair.id}: cannot write as JSON ({exc})", "extra values must be JSON values"
            ) from None
        handle.write(line + "\n")


class _Rejected(ValueError):
    """Raised from inside :func:`json.loads` hooks for valid JSON that we refuse."""


def _no_duplicates(items: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in items:
        if key in obj:
            raise _Rejected(f"key {key!r} appears twice")
        obj[key] = value
    return obj


def _no_constants(name: str) -> object:
    raise _Rejected(f"{name} is not allowed")


def _loads(line: str, where: str) -> Any:
    try:
        return json.loads(line, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise FormatError(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})", _HINT) from None
    except _Rejected as exc:
        raise FormatError(f"{where}: invalid JSON: {exc}", _HINT) from None
    except RecursionError:
        raise FormatError(f"{where}: invalid JSON: nested too deeply", _HINT) from None


def _header(obj: Any, where: str) -> Document:
    if not isinstance(obj, dict) or "bilingual" not in obj:
        raise FormatError(
            f"{where}: missing header: the first line should be "
            '{"bilingual": "<kind>", "source_lang": …, "target_lang": …, "signature": {…}}',
            "give a file written by `bilingual … --format jsonl`",
        )
    signature = obj.get("signature", {})
    if not isinstance(signature, dict):
        raise FormatError(f"{where}: header signature must be an object", _HINT)
    try:
        signature = normalize_signature(signature)
    except ValueError as exc:
        raise FormatError(f"{where}: {exc}", _HINT) from None
    return make_document(
        where,
        _HINT,
        pairs=(),
        kind=obj["bilingual"],
        source_lang=obj.get("source_lang"),
        target_lang=obj.get("target_lang"),
        signature=signature,
    )


def _pair(obj: Any, names: Mapping[str, str], row: int, where: str) -> Pair:
    if not isinstance(obj, dict):
        raise FormatError(f"{where}: expected a JSON object, found {type(obj).__name__}", _HINT)
    values: dict[str, Any] = {}
    for name, key in names.items():
        if key not in obj:
            if name in ("source", "target"):
                raise FormatError(f"{where}: missing key {key!r}", _HINT)
            continue
        value = obj[key]
        if name in ("source_ids", "target_ids", "flags"):
            if not isinstance(value, list):
                raise FormatError(f"{where}: {key!r} must be a list, not {json.dumps(value)}", _HINT)
            value = tuple(value)
        values[name] = value
    values.setdefault("id", row)
    bead = values.pop("bead", None)
    extra = {key: value for key, value in obj.items() if key not in names.values()}
    pair = make_pair(where, _HINT, extra=extra, **values)
    if bead is not None and bead != pair.bead:
        raise FormatError(
            f"{where}: bead {bead!r} does not match {len(pair.source_ids)} source and "
            f"{len(pair.target_ids)} target ids",
            "make bead <number of source ids>-<number of target ids>",
        )
    return pair


def read(handle: TextIO, name: str) -> Document:
    """Read a JSON Lines file written by :func:`write`; ``name`` is used in error messages."""
    doc: Document | None = None
    names: dict[str, str] = {}
    pairs: list[Pair] = []
    for number, line in enumerate(split_lines(handle.read()), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        obj = _loads(line, where)
        if doc is None:
            doc = _header(obj, where)
            try:
                names = keys(doc.kind, doc.source_lang, doc.target_lang)
            except FormatError as exc:
                raise located(where, exc) from None
        else:
            pairs.append(_pair(obj, names, len(pairs), where))
    if doc is None:
        raise FormatError(f"{name}:1: empty file, no JSONL header", "give a file written by `bilingual`")
    return replace(doc, pairs=tuple(pairs))
