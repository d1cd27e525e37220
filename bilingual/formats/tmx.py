"""TMX 1.4b: translation memory exchange, for CAT tools (OmegaT, Trados, memoQ, …).

A TMX file is a translation memory, which a CAT tool trusts blindly (OmegaT's ``tm/auto`` fills
segments from it), so only real translations go in: a pair with an empty side (a ``1-0``/``0-1``
sentence with no counterpart) is never written, nor an aligned bead less confident than
``min_confidence`` (:data:`MIN_CONFIDENCE` by default). TSV and JSONL keep every row.

One ``<tu>`` per pair with two ``<tuv xml:lang=…><seg>…</seg></tuv>``. Pair metadata goes in
``<prop>`` elements: ``x-id`` always, and ``x-source-ids``/``x-target-ids`` (comma-separated),
``x-confidence`` (``repr`` of the float), ``x-paragraph``, ``x-quote``, ``x-start``, ``x-end``,
``x-flags`` (comma-separated) and ``x-origin`` (``tm`` for a translation-memory match) when set.
The header carries ``x-bilingual-kind``, ``x-bilingual-target-lang`` and ``x-bilingual-signature``
(the one-line signature).

Escaping inside ``<seg>``: XML 1.0 cannot hold C0 control characters other than tab, LF and CR,
nor U+FFFE/U+FFFF or lone surrogates, so such a character is written as the six characters
``\\uXXXX`` (4 upper-case hex digits). To keep that reversible, a literal backslash is doubled when
the next character is a backslash, a ``u`` or an escaped character; every other backslash is
written as is, so ordinary text (``C:\\temp``) is untouched for other tools. CR is written as
``&#13;`` because XML parsers turn a literal CR (and CRLF) into LF.

Reading uses :mod:`defusedxml`, so entity declarations (billion laughs), external entities and
external references are refused with a :class:`FormatError` rather than expanded or fetched.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TextIO
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape

from defusedxml import DefusedXmlException

from bilingual import __version__, xmlsafe
from bilingual.errors import FormatError, Warn
from bilingual.formats import model
from bilingual.formats.model import Document, Pair

#: The :class:`Pair` fields a TMX file carries, by document kind: all but ``extra``.
FIELDS: dict[str, frozenset[str]] = {kind: model.PAIR_FIELDS - {"extra"} for kind in model.KINDS}

_NOT_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_SEG_ESCAPE = re.compile(rf"\\(?=[\\u{_NOT_XML}])|[{_NOT_XML}]")
_SEG_UNESCAPE = re.compile(r"\\(\\|u[0-9A-Fa-f]{4})")
_HINT = "give a TMX 1.4 file, e.g. one written by `bilingual … --format tmx`"
_INT_PROPS = {"x-paragraph": "paragraph", "x-quote": "quote", "x-start": "start", "x-end": "end"}


def encode_seg(text: str) -> str:
    """Apply the private escaping scheme (see the module docstring) to segment text."""

    def one(match: re.Match[str]) -> str:
        char = match.group()
        return "\\\\" if char == "\\" else f"\\u{ord(char):04X}"

    return _SEG_ESCAPE.sub(one, text)


def decode_seg(text: str) -> str:
    """Invert :func:`encode_seg`; backslashes not starting an escape are kept literally."""
    return _SEG_UNESCAPE.sub(lambda m: "\\" if m.group(1) == "\\" else chr(int(m.group(1)[1:], 16)), text)


def text_escape(value: str, *, attr: bool = False) -> str:
    """Escape ``value`` for XML character data (or, with ``attr``, a double-quoted attribute),
    keeping CR (and in attributes LF and tab) from being normalised by XML parsers."""
    if attr:
        return escape(value, {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"})
    return escape(value, {"\r": "&#13;"})


def _text(value: str) -> str:
    return text_escape(value)


def _attr(value: str) -> str:
    return '"' + text_escape(value, attr=True) + '"'


def _prop(kind: str, value: str, indent: str) -> str:
    return f"{indent}<prop type={_attr(kind)}>{_text(value)}</prop>\n"


def _tu(pair: Pair, doc: Document) -> str:
    indent = " " * 6
    props = [("x-id", str(pair.id)), *((f"x-{name}", value) for name, value in model.pair_properties(pair))]
    parts = ["    <tu>\n"]
    parts += [_prop(kind, value, indent) for kind, value in props]
    for lang, text in ((doc.source_lang, pair.source), (doc.target_lang, pair.target)):
        parts.append(f"{indent}<tuv xml:lang={_attr(lang)}><seg>{_text(encode_seg(text))}</seg></tuv>\n")
    parts.append("    </tu>\n")
    return "".join(parts)


MIN_CONFIDENCE = model.LOW_CONFIDENCE
"""Aligned beads below this confidence are left out of TMX (``align --min-confidence``)."""


def kept(pair: Pair, min_confidence: float = MIN_CONFIDENCE) -> bool:
    """Whether ``pair`` belongs in a translation memory: both sides have text and its confidence
    (when it has one) is at least ``min_confidence``."""
    if not pair.source.strip() or not pair.target.strip():
        return False
    return pair.confidence is None or pair.confidence >= min_confidence


def write(doc: Document, handle: TextIO, *, min_confidence: float = MIN_CONFIDENCE, warn: Warn | None = None) -> None:
    """Write ``doc`` as a TMX 1.4b document (declare the handle's encoding as UTF-8), leaving out
    the pairs :func:`kept` refuses and saying through ``warn`` how many."""
    pairs = [pair for pair in doc.pairs if kept(pair, min_confidence)]
    left_out = [pair for pair in doc.pairs if not kept(pair, min_confidence)]
    if left_out and warn is not None:
        empty = sum(1 for pair in left_out if not pair.source.strip() or not pair.target.strip())
        weak = len(left_out) - empty
        parts = [f"{empty} sentence(s) with no counterpart"] if empty else []
        parts += [f"{weak} bead(s) with confidence below {min_confidence:g}"] if weak else []
        warn("left out of the TMX: " + " and ".join(parts) + " (TSV and JSONL keep every row)")
    handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
    attrs = {
        "creationtool": "bilingual",
        "creationtoolversion": __version__,
        "srclang": doc.source_lang,
        "datatype": "plaintext",
        "segtype": "sentence",
        "o-tmf": "bilingual",
        "adminlang": "en",
    }
    handle.write("  <header " + " ".join(f"{k}={_attr(v)}" for k, v in attrs.items()) + ">\n")
    handle.write(_prop("x-bilingual-kind", doc.kind, "    "))
    handle.write(_prop("x-bilingual-target-lang", doc.target_lang, "    "))
    handle.write(_prop("x-bilingual-signature", model.signature_line(doc.signature), "    "))
    handle.write("  </header>\n  <body>\n")
    for pair in pairs:
        handle.write(_tu(pair, doc))
    handle.write("  </body>\n</tmx>\n")


def refusal(exc: DefusedXmlException) -> tuple[str, str]:
    """The message and hint for XML that :mod:`defusedxml` refuses (see :func:`bilingual.xmlsafe.parse`)."""
    return (
        f"refused XML {type(exc).__name__} ({exc}): entity declarations and external references are not allowed",
        "TMX and XLIFF need no entities; remove the <!DOCTYPE …[ … ]> declarations",
    )


def _seg_text(seg: Element) -> str:
    """The text of a ``<seg>``, dropping any inline codes (``<ph>``, ``<bpt>``, …) other tools add."""
    parts = [seg.text or ""]
    parts += [child.tail or "" for child in seg]
    return decode_seg("".join(parts))


def _props(elem: Element, where: str) -> dict[str, str]:
    props: dict[str, str] = {}
    for prop in elem.findall("prop"):
        kind = prop.get("type", "")
        if kind in props:
            raise FormatError(f"{where}: prop {kind!r} appears twice", _HINT)
        props[kind] = prop.text or ""
    return props


def _number(value: str, where: str, what: str) -> int:
    return model.parse_count(value.strip(), where, what, _HINT)


def _id_list(value: str, where: str, what: str) -> tuple[int, ...]:
    value = value.strip()
    return tuple(_number(part, where, what) for part in value.split(",")) if value else ()


def _lang_of(tuv: Element) -> str:
    return tuv.get(xmlsafe.XML_LANG) or tuv.get("lang") or ""


def _matches(tuv_lang: str, lang: str, *, loose: bool) -> bool:
    a, b = tuv_lang.lower(), lang.lower()
    return a == b or (loose and a.split("-")[0] == b.split("-")[0])


def _pick(tuvs: list[tuple[str, Element]], lang: str, where: str) -> Element:
    """The single ``<tuv>`` for ``lang`` (exact code first, then same primary language)."""
    for loose in (False, True):
        found = [tuv for tuv_lang, tuv in tuvs if _matches(tuv_lang, lang, loose=loose)]
        if len(found) > 1:
            raise FormatError(f"{where}: more than one <tuv> for language {lang!r}", _HINT)
        if found:
            return found[0]
    raise FormatError(f"{where}: no <tuv> for language {lang!r}", _HINT)


def _read_tu(tu: Element, doc: Document, row: int, where: str) -> Pair:
    props = _props(tu, where)
    tuvs = [(_lang_of(tuv), tuv) for tuv in tu.findall("tuv")]
    texts = []
    for lang in (doc.source_lang, doc.target_lang):
        seg = _pick(tuvs, lang, where).find("seg")
        if seg is None:
            raise FormatError(f"{where}: <tuv> for {lang!r} has no <seg>", _HINT)
        texts.append(_seg_text(seg))
    values: dict[str, object] = {
        "id": _number(props["x-id"], where, "x-id") if "x-id" in props else row,
        "source_ids": _id_list(props.get("x-source-ids", ""), where, "x-source-ids"),
        "target_ids": _id_list(props.get("x-target-ids", ""), where, "x-target-ids"),
        "flags": tuple(flag for flag in props.get("x-flags", "").strip().split(",") if flag),
    }
    for prop, name in _INT_PROPS.items():
        if prop in props:
            values[name] = _number(props[prop], where, prop)
    if "x-confidence" in props:
        values["confidence"] = model.parse_float(props["x-confidence"], where, "x-confidence", _HINT)
    extra = {"origin": props["x-origin"].strip()} if props.get("x-origin", "").strip() else {}
    return model.make_pair(where, _HINT, source=texts[0], target=texts[1], extra=extra, **values)


def _header(root: Element, lines: dict[Element, int], name: str) -> tuple[Document, Element]:
    """Check the root, header and body; return an empty document and the ``<body>`` element."""
    if root.tag != "tmx":
        raise FormatError(f"{name}:{lines.get(root, 1)}: root element is <{root.tag}>, not <tmx>", _HINT)
    header, body = root.find("header"), root.find("body")
    if header is None or body is None:
        missing = "header" if header is None else "body"
        raise FormatError(f"{name}:{lines.get(root, 1)}: <tmx> has no <{missing}>", _HINT)
    where = f"{name}:{lines.get(header, 1)}"
    props = _props(header, where)
    source_lang = header.get("srclang", "")
    if source_lang.strip().lower() == "*all*":  # TMX: any language may be the source; take the first tuv's
        first = next(body.iter("tuv"), None)
        source_lang = _lang_of(first) if first is not None else ""
    target_lang = props.get("x-bilingual-target-lang", "").strip()
    if not target_lang:  # a TMX from another tool: take the first other language used
        for tuv in body.iter("tuv"):
            if not _matches(_lang_of(tuv), source_lang, loose=False):
                target_lang = _lang_of(tuv)
                break
    signature = model.read_signature(props.get("x-bilingual-signature", ""), where)
    doc = model.make_document(
        where,
        "the header needs srclang (es or en) and the tuvs a second language",
        pairs=(),
        source_lang=source_lang,
        target_lang=target_lang,
        signature=signature,
        kind=props.get("x-bilingual-kind", "translation").strip(),
    )
    return doc, body


def read(handle: TextIO, name: str) -> Document:
    """Read a TMX file (ours or another tool's), refusing entities and external references."""
    root, lines = xmlsafe.parse(handle.read(), name, error=FormatError, hint=_HINT, refusal=refusal)
    doc, body = _header(root, lines, name)
    pairs = []
    for tu in body:
        where = f"{name}:{lines.get(tu, 1)}"
        if tu.tag != "tu":
            raise FormatError(f"{where}: unexpected <{tu.tag}> in <body>", _HINT)
        pairs.append(_read_tu(tu, doc, len(pairs), where))
    return replace(doc, pairs=tuple(pairs))
