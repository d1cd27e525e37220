"""Markdown: a side-by-side table for people, which still reads back exactly.

Layout::

    # bilingual translation: es → en

    Signature: `tool:bilingual-0.1.0|engine:apertium|…`

    | # | es | en |
    |--:|----|----|
    | 0 | Hola. | Hello. |

Alignment files use ``| # | bead | es | en | confidence |``; the bead cell also lists the
sentence ids (``2-1 (3,4→3)``) and confidence has 4 decimals, which is all that reads back.
When any pair has an origin (``tm`` for a translation-memory match) a last ``origin`` column holds it.

Cell escaping (GitHub-flavoured Markdown renders every escape as the original character):
``\\`` → ``\\\\``, ``|`` → ``\\|``, ``<`` → ``\\<``, ``&`` → ``\\&``, LF → ``<br>``, CR → ``&#13;``,
and spaces and tabs at either end of a cell → ``&#32;``/``&#9;`` (renderers trim them, and so does
the reader, which lets the table be re-padded by hand or by a formatter).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TextIO

from bilingual.errors import FormatError
from bilingual.formats import model
from bilingual.formats.model import Document, Pair

#: The :class:`Pair` fields a Markdown file carries, by document kind (confidence to 4 decimals).
FIELDS: dict[str, frozenset[str]] = model.TABLE_FIELDS
#: Decimal places written for confidence.
CONFIDENCE_DECIMALS = 4

_HEADING = re.compile(r"# bilingual (\S+): (\S+) → (\S+)")
_SIGNATURE = re.compile(r"Signature: (`+)(.*)\1")
_DELIMITER = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")
_BEAD = re.compile(r"([0-9]+)-([0-9]+) \(([0-9,]*)→([0-9,]*)\)")
_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_ESCAPE = re.compile(f"[\\\\|<&\n\r{_LINE_BREAKS}]")
_ESCAPES = {"\\": "\\\\", "|": "\\|", "<": "\\<", "&": "\\&", "\n": "<br>", "\r": "&#13;"} | {
    c: f"&#{ord(c)};" for c in _LINE_BREAKS
}
_EDGE = re.compile(r"^[ \t]+|[ \t]+$")
_UNESCAPE = re.compile(r"""\\([!-/:-@\[-`{-~])|<br\s*/?>|&#([0-9]+);|&#[xX]([0-9A-Fa-f]+);""")
_HINT = "write the file with `bilingual … --format md`, or fix the table row by hand"


def escape_cell(text: str) -> str:
    """Escape ``text`` for one table cell so :func:`unescape_cell` gives it back exactly."""
    text = _ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)
    return _EDGE.sub(lambda m: m.group().replace(" ", "&#32;").replace("\t", "&#9;"), text)


_INLINE = re.compile(r"[\\`*_\[\]<>#|&!~]")


def escape_inline(text: str) -> str:
    """Escape ``text`` for running Markdown (headings, list items): every character that could
    start markup or HTML is backslash-escaped, and line breaks become spaces."""
    return _INLINE.sub(lambda m: "\\" + m.group(), " ".join(text.split()))


def unescape_cell(cell: str) -> str:
    """Decode a cell as a Markdown renderer would (backslash escapes, ``<br>``, numeric references)."""

    def one(match: re.Match[str]) -> str:
        punct, decimal, hexa = match.groups()
        if punct is not None:
            return punct
        if decimal is None and hexa is None:
            return "\n"
        code = int(decimal) if decimal is not None else int(hexa, 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _UNESCAPE.sub(one, cell.strip(" \t"))


def _code_span(text: str) -> str:
    """``text`` as a Markdown code span, with a fence longer than any backtick run inside."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if not text or text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def _columns(doc: Document, origin: bool = False) -> list[str]:
    """The table's columns; ``origin`` adds the last one (``tm`` for translation-memory matches)."""
    if doc.kind == "alignment":
        columns = ["#", "bead", doc.source_lang, doc.target_lang, "confidence"]
    else:
        columns = ["#", doc.source_lang, doc.target_lang]
    return [*columns, "origin"] if origin else columns


def _origin(pair: Pair) -> str:
    origin = pair.extra.get("origin")
    return origin if isinstance(origin, str) else ""


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |\n"


def write(doc: Document, handle: TextIO) -> None:
    """Write ``doc`` as a Markdown heading, signature line and side-by-side table."""
    handle.write(f"# bilingual {doc.kind}: {doc.source_lang} → {doc.target_lang}\n\n")
    handle.write(f"Signature: {_code_span(model.signature_line(doc.signature))}\n\n")
    with_origin = any(_origin(pair) for pair in doc.pairs)
    columns = _columns(doc, with_origin)
    handle.write(_row(columns))
    aligns = {"#": "--:", "bead": ":--:", "confidence": "--:"}
    handle.write("|" + "|".join(aligns.get(col, "----") for col in columns) + "|\n")
    for pair in doc.pairs:
        source, target = escape_cell(pair.source), escape_cell(pair.target)
        if doc.kind == "alignment":
            ids = f"{','.join(map(str, pair.source_ids))}→{','.join(map(str, pair.target_ids))}"
            conf = "" if pair.confidence is None else f"{pair.confidence:.{CONFIDENCE_DECIMALS}f}"
            cells = [str(pair.id), f"{pair.bead} ({ids})", source, target, conf]
        else:
            cells = [str(pair.id), source, target]
        handle.write(_row([*cells, escape_cell(_origin(pair))] if with_origin else cells))


def split_row(line: str, where: str) -> list[str]:
    """Split a table row at unescaped pipes, keeping cells raw (escapes are decoded later)."""
    line = line.strip(" \t")
    if not line.startswith("|"):
        raise FormatError(f"{where}: table rows must start with '|'", _HINT)
    *cells, rest = model.split_unescaped(line[1:], "|")
    if rest:
        raise FormatError(f"{where}: table row does not end with '|'", r"a '|' inside a sentence must be written as \|")
    return cells


def _number(cell: str, where: str, what: str) -> int:
    return model.parse_count(cell.strip(" \t"), where, what, _HINT)


def _bead(cell: str, where: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    match = _BEAD.fullmatch(cell.strip(" \t"))
    if not match:
        raise FormatError(f"{where}: bead cell {cell.strip()!r} should look like '2-1 (3,4→3)'", _HINT)
    sides = []
    for count, ids in ((match.group(1), match.group(3)), (match.group(2), match.group(4))):
        parsed = tuple(_number(i, where, "sentence id") for i in ids.split(",")) if ids else ()
        if len(parsed) != int(count):
            raise FormatError(
                f"{where}: bead {match.group(1)}-{match.group(2)} does not match ids {match.group(3)}→{match.group(4)}",
                "make the bead <number of source ids>-<number of target ids>",
            )
        sides.append(parsed)
    return sides[0], sides[1]


def _pair(cells: list[str], kind: str, where: str) -> Pair:
    pair_id = _number(cells[0], where, "#")
    if kind == "translation":
        return model.make_pair(where, _HINT, id=pair_id, source=unescape_cell(cells[1]), target=unescape_cell(cells[2]))
    source_ids, target_ids = _bead(cells[1], where)
    conf_cell = cells[4].strip(" \t")
    confidence = model.parse_float(conf_cell, where, "confidence", _HINT) if conf_cell else None
    return model.make_pair(
        where,
        _HINT,
        id=pair_id,
        source=unescape_cell(cells[2]),
        target=unescape_cell(cells[3]),
        source_ids=source_ids,
        target_ids=target_ids,
        confidence=confidence,
    )


def _heading(line: str, name: str) -> Document:
    match = _HEADING.fullmatch(line.rstrip(" \t"))
    if not match:
        raise FormatError(
            f"{name}:1: missing heading: expected '# bilingual <kind>: <src> → <tgt>'",
            "give a Markdown file written by `bilingual … --format md`",
        )
    kind, source_lang, target_lang = match.groups()
    return model.make_document(
        f"{name}:1",
        _HINT,
        pairs=(),
        kind=kind,
        source_lang=source_lang,
        target_lang=target_lang,
        signature={},
    )


def read(handle: TextIO, name: str) -> Document:
    """Read a Markdown table written by :func:`write`; ``name`` is used in error messages."""
    lines = model.split_lines(handle.read())
    if not lines:
        raise FormatError(f"{name}:1: empty file, no heading", "give a file written by `bilingual`")
    doc = _heading(lines[0], name)
    columns = _columns(doc)
    signature: dict[str, str] = {}
    header_at: int | None = None
    pairs: list[Pair] = []
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip(" \t")
        where = f"{name}:{number}"
        if header_at is None:
            if not line:
                continue
            match = _SIGNATURE.fullmatch(line)
            if match:
                signature = model.read_signature(match.group(2), where)
            elif line.startswith("|"):
                found = [unescape_cell(cell) for cell in split_row(line, where)]
                if found == [*columns, "origin"]:
                    columns = found
                if found != columns:
                    raise FormatError(
                        f"{where}: expected table header {' | '.join(columns)!r}, found {' | '.join(found)!r}",
                        _HINT,
                    )
                header_at = number
            else:
                raise FormatError(f"{where}: unexpected text before the table: {line[:40]!r}", _HINT)
        elif number == header_at + 1:
            if not _DELIMITER.fullmatch(line) or line.count("|") != len(columns) + 1:
                raise FormatError(f"{where}: expected the table's |---|---| delimiter row", _HINT)
        elif line.startswith("|"):
            if number > header_at + 2 + len(pairs):
                raise FormatError(f"{where}: table rows must not be separated by blank lines", _HINT)
            cells = split_row(line, where)
            if len(cells) != len(columns):
                raise FormatError(
                    f"{where}: expected {len(columns)} cells ({', '.join(columns)}), found {len(cells)}",
                    r"a '|' inside a sentence must be written as \|",
                )
            origin = unescape_cell(cells.pop()) if columns[-1] == "origin" else ""
            pair = _pair(cells, doc.kind, where)
            pairs.append(replace(pair, extra={"origin": origin}) if origin else pair)
        elif line:
            raise FormatError(f"{where}: unexpected text after the table: {line[:40]!r}", _HINT)
    if header_at is None:
        raise FormatError(f"{name}: no table found", "the table starts with '| # | …' after the heading")
    if len(lines) == header_at:
        raise FormatError(f"{name}:{header_at + 1}: the table has no |---| delimiter row", _HINT)
    return replace(doc, pairs=tuple(pairs), signature=signature)
