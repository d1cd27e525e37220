"""TSV: one pair per line, for spreadsheets and ``cut``/``awk``.

Layout::

    # bilingual translation es->en tool:bilingual-0.1.0|engine:apertium|…
    id<TAB>es<TAB>en
    0<TAB>Hola.<TAB>Hello.

Alignment files use the header ``id bead es_ids en_ids confidence es en`` (tab-separated), with
sentence ids comma-separated (``3,4``), an empty cell for "none", and confidence written with
``repr`` so it reads back exactly. Inside cells a backslash, tab, newline and carriage return are
written ``\\\\``, ``\\t``, ``\\n`` and ``\\r``; nothing else is escaped and there is no quoting.

When any pair has an origin (``tm`` for a translation-memory match), a last ``origin`` column
holds it (empty for machine translation or alignment).

Reading is strict (wrong column counts, unknown escapes and bead/id mismatches are errors that
name ``path:line``) but tolerates CRLF line ends and a header without the ``#`` comment line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TextIO

from bilingual.errors import FormatError
from bilingual.formats import model
from bilingual.formats.model import Document, Pair

#: The :class:`Pair` fields a TSV file carries, by document kind; the others read back as defaults.
FIELDS: dict[str, frozenset[str]] = model.TABLE_FIELDS

_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Characters other tools (``str.splitlines``, editors) take as line breaks: written as \\uXXXX."""
_ESCAPE = re.compile(f"[\\\\\t\n\r{_LINE_BREAKS}]")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"} | {c: f"\\u{ord(c):04X}" for c in _LINE_BREAKS}
_UNESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|.?)", re.DOTALL)
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_HINT = "write the file with `bilingual translate`/`bilingual align`, or fix the line by hand"
_ESCAPE_HINT = (
    r"inside TSV cells write a backslash as \\, a tab as \t, a newline as \n, CR as \r and a line separator as \u2028"
)


def escape(text: str) -> str:
    """Escape backslash, tab, newline and CR (and, as ``\\uXXXX``, the characters other tools
    break lines at, such as U+2028) so ``text`` fits in one TSV cell on one line."""
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


def unescape(cell: str, where: str) -> str:
    """Invert :func:`escape`; an unknown or dangling escape is a :class:`FormatError` at ``where``."""

    def one(match: re.Match[str]) -> str:
        if len(match.group(1)) == 5:
            return chr(int(match.group(1)[1:], 16))
        try:
            return _UNESCAPES[match.group(1)]
        except KeyError:
            raise FormatError(f"{where}: unknown escape {match.group()!r} in a cell", _ESCAPE_HINT) from None

    return _UNESCAPE.sub(one, cell)


def header_columns(kind: str, source_lang: str, target_lang: str, *, origin: bool = False) -> list[str]:
    """The column names of the header line for a document of ``kind`` (``origin``: with the
    origin column)."""
    if kind == "alignment":
        columns = ["id", "bead", f"{source_lang}_ids", f"{target_lang}_ids", "confidence", source_lang, target_lang]
    else:
        columns = ["id", source_lang, target_lang]
    return [*columns, "origin"] if origin else columns


def origin_of(pair: Pair) -> str:
    """The pair's origin (``tm``), or ``""``."""
    origin = pair.extra.get("origin")
    return origin if isinstance(origin, str) else ""


def _ids(ids: tuple[int, ...]) -> str:
    return ",".join(map(str, ids))


def write(doc: Document, handle: TextIO) -> None:
    """Write ``doc`` as TSV (comment line, header line, one row per pair)."""
    comment = f"# bilingual {doc.kind} {doc.source_lang}->{doc.target_lang}"
    sig = model.signature_line(doc.signature)
    handle.write(f"{comment} {sig}\n" if sig else f"{comment}\n")
    with_origin = any(origin_of(pair) for pair in doc.pairs)
    handle.write("\t".join(header_columns(doc.kind, doc.source_lang, doc.target_lang, origin=with_origin)) + "\n")
    for pair in doc.pairs:
        if doc.kind == "alignment":
            conf = "" if pair.confidence is None else repr(pair.confidence)
            cells = [str(pair.id), pair.bead, _ids(pair.source_ids), _ids(pair.target_ids), conf]
        else:
            cells = [str(pair.id)]
        cells += [escape(pair.source), escape(pair.target)]
        if with_origin:
            cells.append(escape(origin_of(pair)))
        handle.write("\t".join(cells) + "\n")


def _parse_comment(line: str, name: str) -> Document:
    """Parse ``# bilingual <kind> <src>-><tgt> [<signature>]`` into an empty document."""
    where = f"{name}:1"
    parts = line.split()
    if len(parts) not in (4, 5) or parts[:2] != ["#", "bilingual"] or "->" not in parts[3]:
        raise FormatError(
            f"{where}: bad header comment {line!r}",
            "the first line should look like `# bilingual translation es->en tool:…|engine:…`",
        )
    source_lang, _, target_lang = parts[3].partition("->")
    signature = model.read_signature(parts[4] if len(parts) == 5 else "", where)
    return model.make_document(
        where,
        _HINT,
        pairs=(),
        source_lang=source_lang,
        target_lang=target_lang,
        signature=signature,
        kind=parts[2],
    )


def _infer_from_header(line: str, name: str) -> Document | None:
    """Recognise a bare header line (no comment line) and return an empty document, or ``None``."""
    cols = line.split("\t")
    if cols[-1] == "origin":
        cols = cols[:-1]
    if len(cols) == 3 and cols[0] == "id":
        src, tgt, kind = cols[1], cols[2], "translation"
    elif len(cols) == 7 and cols[:2] == ["id", "bead"] and cols[4] == "confidence":
        src, tgt, kind = cols[5], cols[6], "alignment"
    else:
        return None
    return model.make_document(f"{name}:1", _HINT, pairs=(), source_lang=src, target_lang=tgt, signature={}, kind=kind)


def _number(cell: str, where: str, what: str) -> int:
    return model.parse_count(cell, where, what, _HINT)


def _id_list(cell: str, where: str, what: str) -> tuple[int, ...]:
    return tuple(_number(part, where, what) for part in cell.split(",")) if cell else ()


def _row(cells: list[str], kind: str, where: str) -> Pair:
    """Turn the cells of one data row into a :class:`Pair`."""
    pair_id = _number(cells[0], where, "id")
    if kind == "translation":
        return model.make_pair(
            where, _HINT, id=pair_id, source=unescape(cells[1], where), target=unescape(cells[2], where)
        )
    _, bead, source_ids, target_ids, conf, source, target = cells
    src = _id_list(source_ids, where, "source sentence id")
    tgt = _id_list(target_ids, where, "target sentence id")
    if bead != f"{len(src)}-{len(tgt)}":
        raise FormatError(
            f"{where}: bead {bead!r} does not match {len(src)} source and {len(tgt)} target ids",
            "make the bead column <number of source ids>-<number of target ids>",
        )
    confidence = model.parse_float(conf, where, "confidence", _HINT) if conf else None
    return model.make_pair(
        where,
        _HINT,
        id=pair_id,
        source=unescape(source, where),
        target=unescape(target, where),
        source_ids=src,
        target_ids=tgt,
        confidence=confidence,
    )


def read(handle: TextIO, name: str) -> Document:
    """Read a TSV file written by :func:`write`; ``name`` is used in error messages."""
    lines = model.split_lines(handle.read())
    if not lines:
        raise FormatError(f"{name}:1: empty file, no TSV header", "give a file written by `bilingual`")
    if lines[0].startswith("#"):
        doc = _parse_comment(lines[0], name)
        header_at = 1
    else:
        inferred = _infer_from_header(lines[0], name)
        if inferred is None:
            raise FormatError(
                f"{name}:1: missing header: expected `# bilingual …` or an `id<TAB>…` header line",
                "the first lines should be `# bilingual translation es->en …` and `id<TAB>es<TAB>en`",
            )
        doc, header_at = inferred, 0
    expected = header_columns(doc.kind, doc.source_lang, doc.target_lang)
    with_origin = header_at < len(lines) and lines[header_at].split("\t") == [*expected, "origin"]
    if with_origin:
        expected = [*expected, "origin"]
    if header_at >= len(lines) or lines[header_at].split("\t") != expected:
        found = repr(lines[header_at]) if header_at < len(lines) else "end of file"
        raise FormatError(
            f"{name}:{header_at + 1}: expected header {chr(9).join(expected)!r}, found {found}",
            "the header names the columns: " + ", ".join(expected),
        )
    pairs = []
    for number, line in enumerate(lines[header_at + 1 :], start=header_at + 2):
        where = f"{name}:{number}"
        cells = line.split("\t")
        if len(cells) != len(expected):
            raise FormatError(
                f"{where}: expected {len(expected)} tab-separated columns ({', '.join(expected)}), found {len(cells)}",
                r"a tab inside a sentence must be written as \t",
            )
        if with_origin:
            origin = unescape(cells.pop(), where)
            pair = _row(cells, doc.kind, where)
            pairs.append(replace(pair, extra={"origin": origin}) if origin else pair)
        else:
            pairs.append(_row(cells, doc.kind, where))
    return replace(doc, pairs=tuple(pairs))
