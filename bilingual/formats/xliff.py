"""XLIFF 1.2: the bilingual file CAT tools open (OmegaT, Trados, memoQ, Okapi, translate-toolkit).

One ``<file>`` with ``source-language``/``target-language`` (region codes kept), whose
``<header>`` names the tool and holds two notes: ``from="bilingual-kind"`` (translation or
alignment) and ``from="bilingual-signature"`` (the one-line signature). One ``<trans-unit>`` per
pair, ``id`` = the pair id, ``<source>`` and ``<target>`` with ``xml:space="preserve"``. The
target's ``state`` tells a CAT tool how far to trust it: machine translation is
``needs-review-translation`` with ``state-qualifier="leveraged-mt"``, a translation-memory match
``translated``/``exact-match``, an aligned human translation ``translated``/``leveraged-inherited``,
and a sentence with no counterpart ``needs-translation`` (empty target); only translation-memory
matches and aligned beads of confidence ≥ :data:`APPROVE_CONFIDENCE` are ``approved="yes"``. The rest of a
:class:`Pair` (sentence ids, confidence, paragraph, quotation, offsets, flags, origin) goes in
the unit's ``extradata`` as ``key=value`` items separated by ``;`` so it reads back losslessly.

Text that XML cannot hold is escaped as in TMX (:func:`bilingual.formats.tmx.encode_seg`).
Reading accepts other tools' XLIFF 1.2 too: inline codes (``<g>``, ``<x/>``, ``<mrk>``…) are
reduced to their text and several ``<file>`` elements are read in order.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TextIO
from xml.etree.ElementTree import Element

from bilingual import __version__, xmlsafe
from bilingual.errors import FormatError
from bilingual.formats import model
from bilingual.formats.model import Document, Pair
from bilingual.formats.tmx import decode_seg, encode_seg, refusal, text_escape

NS = "urn:oasis:names:tc:xliff:document:1.2"
_Q = "{" + NS + "}"
#: The :class:`Pair` fields an XLIFF file carries, by document kind: all but ``extra`` (whose
#: ``origin`` entry it keeps).
FIELDS: dict[str, frozenset[str]] = {kind: model.PAIR_FIELDS - {"extra"} for kind in model.KINDS}
_HINT = "give an XLIFF 1.2 file, e.g. one written by `bilingual … --format xliff`"
_MT_STATE = ("needs-review-translation", "leveraged-mt")
_STATES = {"tm": ("translated", "exact-match"), "human": ("translated", "leveraged-inherited")}
APPROVE_CONFIDENCE = model.LOW_CONFIDENCE
"""An aligned human translation at least this confident is written ``approved="yes"`` (so CAT
tools and translate-toolkit count it as translated); weaker beads wait for review."""


def _attr(value: str) -> str:
    return '"' + text_escape(value, attr=True) + '"'


def _extradata(pair: Pair) -> str:
    return ";".join(f"{key}={value}" for key, value in model.pair_properties(pair))


def _state(pair: Pair, kind: str) -> tuple[str, str | None, bool]:
    """The target's ``state``, ``state-qualifier`` and whether the unit is approved."""
    if not pair.target.strip() or not pair.source.strip():
        return "needs-translation", None, False
    origin = pair.extra.get("origin")
    if origin in _STATES:
        return (*_STATES[str(origin)], True)
    if kind == "alignment":
        if pair.confidence is not None and pair.confidence < APPROVE_CONFIDENCE:
            return "needs-review-translation", "leveraged-inherited", False
        return (*_STATES["human"], True)
    return (*_MT_STATE, False)


def _unit(pair: Pair, doc: Document) -> str:
    state, qualifier, approved = _state(pair, doc.kind)
    extra = _extradata(pair)
    head = f'    <trans-unit id="{pair.id}" approved="{"yes" if approved else "no"}"'
    head += (f" extradata={_attr(extra)}" if extra else "") + ">\n"
    target_attrs = f' xml:lang={_attr(doc.target_lang)} state="{state}"'
    if qualifier:
        target_attrs += f' state-qualifier="{qualifier}"'
    return (
        head
        + f'     <source xml:lang={_attr(doc.source_lang)} xml:space="preserve">{text_escape(encode_seg(pair.source))}'
        + "</source>\n"
        + f'     <target{target_attrs} xml:space="preserve">{text_escape(encode_seg(pair.target))}</target>\n'
        + "    </trans-unit>\n"
    )


def write(doc: Document, handle: TextIO, *, original: str = "article") -> None:
    """Write ``doc`` as an XLIFF 1.2 document (declare the handle's encoding as UTF-8)."""
    # Declaration and root on one line, so the first line alone tells XLIFF from TMX.
    handle.write(f'<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="{NS}">\n')
    handle.write(
        f"  <file original={_attr(original)} source-language={_attr(doc.source_lang)} "
        f'target-language={_attr(doc.target_lang)} datatype="plaintext" tool-id="bilingual">\n'
    )
    handle.write("   <header>\n")
    handle.write(f'    <tool tool-id="bilingual" tool-name="bilingual" tool-version={_attr(__version__)}/>\n')
    handle.write(f'    <note from="bilingual-kind">{doc.kind}</note>\n')
    handle.write(f'    <note from="bilingual-signature">{text_escape(model.signature_line(doc.signature))}</note>\n')
    handle.write("   </header>\n   <body>\n")
    for pair in doc.pairs:
        handle.write(_unit(pair, doc))
    handle.write("   </body>\n  </file>\n</xliff>\n")


def _text(elem: Element | None) -> str:
    """The text of a ``<source>``/``<target>``, inline codes reduced to the text they hold."""
    return decode_seg("".join(elem.itertext())) if elem is not None else ""


def _ids(value: str, where: str, what: str) -> tuple[int, ...]:
    return tuple(model.parse_count(part.strip(), where, what, _HINT) for part in value.split(",") if part.strip())


def _read_unit(unit: Element, row: int, where: str) -> Pair:
    source = unit.find(_Q + "seg-source") if unit.find(_Q + "source") is None else unit.find(_Q + "source")
    if source is None:
        raise FormatError(f"{where}: <trans-unit> has no <source>", _HINT)
    target = unit.find(_Q + "target")
    unit_id = unit.get("id", "")
    values: dict[str, object] = {
        "id": int(unit_id) if unit_id.isascii() and unit_id.isdigit() else row,
        "source": _text(source),
        "target": _text(target),
    }
    extra: dict[str, object] = {}
    for item in (unit.get("extradata") or "").split(";"):
        key, sep, value = item.partition("=")
        if not sep:
            continue
        if key in ("source-ids", "target-ids"):
            values[key.replace("-", "_")] = _ids(value, where, key)
        elif key == "confidence":
            values["confidence"] = model.parse_float(value, where, key, _HINT)
        elif key in model.PAIR_INTS:
            values[key] = model.parse_count(value, where, key, _HINT)
        elif key == "flags":
            values["flags"] = tuple(flag for flag in value.split(",") if flag)
        elif key == "origin":
            extra["origin"] = value
    if "origin" not in extra and target is not None and target.get("state-qualifier") == "exact-match":
        extra["origin"] = "tm"
    return model.make_pair(where, _HINT, extra=extra, **values)


def read(handle: TextIO, name: str) -> Document:
    """Read an XLIFF 1.2 file (ours or another tool's), refusing entities and external references."""
    root, lines = xmlsafe.parse(handle.read(), name, error=FormatError, hint=_HINT, refusal=refusal)
    where = f"{name}:{lines.get(root, 1)}"
    if root.tag != _Q + "xliff":
        raise FormatError(f"{where}: root element is <{root.tag}>, not an XLIFF 1.2 <xliff>", _HINT)
    files = root.findall(_Q + "file")
    if not files:
        raise FormatError(f"{where}: <xliff> has no <file>", _HINT)
    first = files[0]
    notes = {note.get("from", ""): (note.text or "") for note in first.iter(_Q + "note")}
    file_where = f"{name}:{lines.get(first, 1)}"
    doc = model.make_document(
        file_where,
        "the <file> needs source-language and target-language (es, en, es-MX …)",
        pairs=(),
        source_lang=first.get("source-language", ""),
        target_lang=first.get("target-language", ""),
        signature=model.read_signature(notes.get("bilingual-signature", ""), file_where),
        kind=notes.get("bilingual-kind", "translation").strip() or "translation",
    )
    pairs = []
    for file in files:
        for unit in file.iter(_Q + "trans-unit"):
            pairs.append(_read_unit(unit, len(pairs), f"{name}:{lines.get(unit, 1)}"))
    return replace(doc, pairs=tuple(pairs))
