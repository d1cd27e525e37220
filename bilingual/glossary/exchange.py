"""Glossary import and export: DeepL-style CSV and TBX-Basic, so glossaries move between tools.

**CSV** (DeepL's glossary format): one ``source,target`` row per term, RFC 4180 quoting, no
header, or DeepL's four-column form ``source,target,source_lang,target_lang`` where each row
names its own languages. DeepL allows one target per source and has no place for an entry type
or a note, so each source form is written with its own target (itself when the other language
writes it alike, else the preferred form) and a CSV round trip loses types, notes and the target
variants no source form maps to.

**TBX** (TermBase eXchange, ISO 30042): written as TBX-Basic, by default in the TBX v2 layout
(``<martif>``/``<termEntry>``/``<langSet>``/``<tig>``) that translate-toolkit, OmegaT and most CAT
termbases read, or on request in the TBX v3 DCA style (``<conceptEntry>``/``<langSec>``/
``<termSec>``); either way the entry type is in ``<descrip type="subjectField">``, the note in
``<note>``, and the preferred form is marked ``preferredTerm-admn-sts``. Reading accepts both.
A TBX round trip keeps everything (forms in order, type, note).

XML is parsed only with :mod:`defusedxml`: entity declarations (billion laughs) and external
entities (XXE) are refused with a :class:`GlossaryError` instead of being expanded or fetched.

Every form read is cleaned the way the TSV loader cleans it (whitespace collapsed, Unicode NFC,
a stray byte-order mark dropped); a form containing ``|`` (the TSV form separator) or a control
character is refused, since it could not be saved as a glossary file.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape

from defusedxml import DefusedXmlException, EntitiesForbidden

from bilingual import xmlsafe
from bilingual.errors import GlossaryError, Warn
from bilingual.glossary.model import TYPES, Entry, sort_key
from bilingual.lang.codes import fold

LANGS = ("es", "en")
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"

_LANG_NAMES = {"es": "Spanish", "en": "English"}
_LANG_CODES = {"es": "es", "spa": "es", "en": "en", "eng": "en"}
_HEADER_LANGS = {**_LANG_CODES, "spanish": "es", "espanol": "es", "english": "en", "ingles": "en"}
_HEADER_EXTRA = (("source_lang", "source_language"), ("target_lang", "target_language"))
_BAD_CHAR = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Order of TBX administrative statuses when choosing the preferred form (unknown ones sort as admitted).
_STATUS_RANK = {PREFERRED: 0, ADMITTED: 1, "deprecatedTerm-admn-sts": 2, "supersededTerm-admn-sts": 2}
_CSV_HINT = (
    "a DeepL glossary CSV has 2 comma-separated columns (source,target) or 4 "
    "(source,target,source_lang,target_lang); quote cells that contain commas"
)
_TBX_HINT = "give a TBX file (TBX-Basic v3 <tbx> or v2 <martif>), e.g. one written by `bilingual glossary export`"
_ENTITY_HINT = "a glossary needs no XML entities; remove the <!DOCTYPE …[ … ]> block and export the file again"


# -- shared helpers ------------------------------------------------------------------------


def _clean(raw: str, where: str, what: str) -> str:
    """``raw`` as a glossary form or note ('' if blank); refuses ``|`` in forms and control characters."""
    text = " ".join(unicodedata.normalize("NFC", raw.replace("\ufeff", "")).split())
    bad = _BAD_CHAR.search(text)
    if bad:
        raise GlossaryError(
            f"{where}: {what} contains the control character U+{ord(bad.group()):04X}",
            "remove the character; glossary text must be printable",
        )
    if what != "note" and "|" in text:
        raise GlossaryError(
            f"{where}: {what} {text!r} contains '|', which separates forms in glossary files",
            "remove the '|' (list each variant as its own form)",
        )
    return text


def _check_arg(default_type: str, source_lang: str = "es") -> None:
    if default_type not in TYPES:
        raise GlossaryError(f"unknown entry type {default_type!r}", f"use one of: {', '.join(TYPES)}")
    if source_lang not in LANGS:
        raise GlossaryError(f"unsupported source language {source_lang!r}", "use 'es' or 'en'")


def _where(entry: Entry) -> str:
    return entry.where if entry.path else f"entry {entry.describe()!r}"


def _check_forms(entry: Entry, forms: Sequence[str], lang: str) -> None:
    """Refuse forms a reader could not give back exactly (blank, untidy, ``|``, control characters)."""
    if not forms:
        raise GlossaryError(f"{_where(entry)}: no {_LANG_NAMES[lang]} form", "every entry needs both languages")
    for form in forms:
        if not form:
            raise GlossaryError(f"{_where(entry)}: empty {_LANG_NAMES[lang]} form", "remove the empty form")
        if _clean(form, _where(entry), f"{_LANG_NAMES[lang]} form") != form:
            raise GlossaryError(
                f"{_where(entry)}: {_LANG_NAMES[lang]} form {form!r} has stray whitespace or is not NFC",
                "load entries through bilingual.glossary.parse, which tidies them",
            )


def _dedupe(forms: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(forms))


# -- CSV -----------------------------------------------------------------------------------


def _header_langs(cells: list[str]) -> tuple[str, str] | None:
    """The (column 1, column 2) meaning of a header row, or None if ``cells`` is not a header."""
    words = [fold(c.strip()).replace(" ", "_") for c in cells]
    if len(words) == 4 and all(w in names for w, names in zip(words[2:], _HEADER_EXTRA, strict=True)):
        words = words[:2]
    if words == ["source", "target"]:
        return ("source", "target")
    if len(words) == 2 and all(w in _HEADER_LANGS for w in words):
        first, second = (_HEADER_LANGS[w] for w in words)
        if first != second:
            return (first, second)
    return None


def _row_lang(cell: str, where: str, column: int) -> str:
    code = cell.strip().replace("_", "-").split("-")[0].lower()
    if not code:
        raise GlossaryError(f"{where}: empty language cell (column {column})", _CSV_HINT)
    if code not in _LANG_CODES:
        raise GlossaryError(
            f"{where}: language {cell.strip()!r} in column {column} is not Spanish or English",
            "bilingual glossaries are Spanish/English only: remove the row or split the file by language",
        )
    return _LANG_CODES[code]


def read_csv(text: str, name: str, *, source_lang: str = "es", default_type: str = "term") -> list[Entry]:
    """Entries of a DeepL-style glossary CSV, merging rows that share a Spanish form.

    ``source_lang`` says which language column 1 holds (2-column files); in the 4-column form
    each row's own language columns decide. A first row that is exactly a header (``es,en``,
    ``source,target``, ``Spanish,English``, …) is skipped. Rows with the same Spanish form
    become one entry whose English side lists the English forms in row order (first
    preferred); rows sharing only the English form stay separate entries. Every entry gets
    ``default_type``, no note, ``path=name`` and the CSV line number of its first row.
    """
    _check_arg(default_type, source_lang)
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0].rstrip("\r")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    merged: dict[str, tuple[list[str], int]] = {}
    columns = first_row = end = 0
    while True:
        start = end + 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            raise GlossaryError(f"{name}:{start}: malformed CSV: {exc}", _CSV_HINT) from None
        end = reader.line_num
        if cells is None:
            break
        if not cells:
            continue
        where = f"{name}:{start}"
        if not columns:
            if len(cells) not in (2, 4):
                raise GlossaryError(f"{where}: expected 2 or 4 columns, found {len(cells)}", _CSV_HINT)
            columns, first_row = len(cells), start
            header = _header_langs(cells) if start == 1 and '"' not in first_line else None
            if header is not None:
                if columns == 2 and header[0] in LANGS and header[0] != source_lang:
                    raise GlossaryError(
                        f"{where}: the header says column 1 is {_LANG_NAMES[header[0]]}, "
                        f"but the source language is {source_lang!r}",
                        f"import it with source language {header[0]!r}",
                    )
                continue
        elif len(cells) != columns:
            raise GlossaryError(
                f"{where}: expected {columns} columns like line {first_row}, found {len(cells)}", _CSV_HINT
            )
        forms = []
        for column, role in ((1, "source"), (2, "target")):
            form = _clean(cells[column - 1], where, f"{role} form")
            if not form:
                raise GlossaryError(f"{where}: empty {role} cell (column {column})", _CSV_HINT)
            forms.append(form)
        first = source_lang
        if columns == 4:
            first = _row_lang(cells[2], where, 3)
            if _row_lang(cells[3], where, 4) == first:
                raise GlossaryError(f"{where}: source and target language are both {first!r}", _CSV_HINT)
        es, en = forms if first == "es" else forms[::-1]
        if es in merged:
            merged[es][0].append(en)
        else:
            merged[es] = ([en], start)
    return [Entry((es,), _dedupe(en), default_type, "", name, line) for es, (en, line) in merged.items()]


def deepl_target(entry: Entry, form: str, target_lang: str) -> str:
    """The target DeepL should write for the source ``form`` of ``entry``: the same form when the
    other side lists it (a name written alike in both languages, ``Sheinbaum`` → ``Sheinbaum``,
    ``Juárez`` → ``Juárez``), else the preferred target form, as ``bilingual translate`` does."""
    same = [target for target in entry.forms(target_lang) if fold(target) == fold(form)]
    return same[0] if same else entry.preferred(target_lang)


def write_csv(entries: Sequence[Entry], handle: TextIO, *, source_lang: str = "es") -> None:
    """Write ``entries`` as a DeepL glossary CSV: one ``source,target`` row per source form.

    Every form on the ``source_lang`` side gets a row with its own target (:func:`deepl_target`),
    so DeepL, like ``bilingual translate``, leaves a short mention (``Sheinbaum``) short instead
    of expanding it to the preferred full form; entries in :func:`~bilingual.glossary.sort_key`
    order, no header, ``\\n`` line ends. Types and notes are not written (DeepL's format has no
    place for them). A source form listed twice with different targets is refused, as DeepL would.
    """
    _check_arg("term", source_lang)
    target_lang = "en" if source_lang == "es" else "es"
    rows: dict[str, tuple[str, Entry]] = {}
    for entry in sorted(entries, key=sort_key):
        _check_forms(entry, entry.forms(source_lang), source_lang)
        _check_forms(entry, entry.forms(target_lang), target_lang)
        for form in entry.forms(source_lang):
            target = deepl_target(entry, form, target_lang)
            seen = rows.setdefault(form, (target, entry))
            if seen[0] != target:
                raise GlossaryError(
                    f"{_where(entry)}: {form!r} → {target!r} conflicts with {form!r} → {seen[0]!r} "
                    f"at {_where(seen[1])}",
                    "DeepL allows one target per source form; fix the glossary (see `bilingual glossary check`)",
                )
    writer = csv.writer(handle, lineterminator="\n")
    for number, (source, (target, _entry)) in enumerate(rows.items()):
        if number == 0 and _header_langs([source, target]) is not None:
            # Quoted, so read_csv cannot mistake this first row for a header and skip it.
            csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow((source, target))
        else:
            writer.writerow((source, target))


# -- TBX -----------------------------------------------------------------------------------


def _refusal(exc: DefusedXmlException) -> tuple[str, str]:
    """The message and hint for XML that :mod:`defusedxml` refuses (see :func:`bilingual.xmlsafe.parse`)."""
    if isinstance(exc, EntitiesForbidden):
        kind = ", external" if exc.sysid or exc.pubid else ""
        return f"refused: the file declares XML entities (entity {exc.name!r}{kind})", _ENTITY_HINT
    return f"refused: unsafe XML ({type(exc).__name__})", _ENTITY_HINT


def _local(elem: Element) -> str:
    return elem.tag.rsplit("}", 1)[-1] if isinstance(elem.tag, str) else ""


def _children(elem: Element, *names: str) -> list[Element]:
    return [child for child in elem if _local(child) in names]


def _subject_field(concept: Element) -> str:
    """Text of the concept's ``<descrip type="subjectField">`` (possibly inside a ``descripGrp``)."""
    for child in concept:
        if _local(child) == "descripGrp":
            candidates = _children(child, "descrip")
        elif _local(child) == "descrip":
            candidates = [child]
        else:
            continue
        for descrip in candidates:
            if descrip.get("type") == "subjectField":
                return "".join(descrip.itertext()).strip()
    return ""


def _term_forms(lang_sec: Element, where: str) -> list[tuple[int, str]]:
    """(status rank, form) for each term of a ``langSec``/``langSet``, in document order."""
    found = []
    for group in _children(lang_sec, "termSec", "tig", "ntig"):
        nodes = list(group.iter())
        term = next((n for n in nodes if _local(n) == "term"), None)
        if term is None:
            continue
        form = _clean("".join(term.itertext()), where, "term")
        if not form:
            continue
        status = next(
            (
                "".join(n.itertext()).strip()
                for n in nodes
                if _local(n) == "termNote" and n.get("type") == "administrativeStatus"
            ),
            ADMITTED,
        )
        found.append((_STATUS_RANK.get(status, 1), form))
    return found


def read_tbx(text: str, name: str, *, default_type: str = "term", warn: Warn | None = None) -> list[Entry]:
    """Entries of a TBX file (TBX-Basic v3 ``<tbx>`` or v2 ``<martif>``, namespaced or not).

    Each concept becomes one entry: its Spanish and English terms (``xml:lang`` ``es-MX`` counts
    as Spanish), the preferred-status term first and deprecated ones last, otherwise in file
    order; a ``subjectField`` naming one of :data:`~bilingual.glossary.TYPES` sets the type
    (else ``default_type``); concept-level ``<note>`` elements become the note. Concepts without
    a Spanish or an English term are skipped, with a ``name:line: …`` line sent to
    ``warn`` when given. Malformed XML and entity declarations raise :class:`GlossaryError`.
    """
    _check_arg(default_type)
    root, lines = xmlsafe.parse(
        text.removeprefix("\ufeff"), name, error=GlossaryError, hint=_TBX_HINT, refusal=_refusal
    )
    if _local(root) not in ("tbx", "martif"):
        raise GlossaryError(
            f"{name}:{lines.get(root, 1)}: not a TBX file (the root element is <{_local(root)}>)", _TBX_HINT
        )
    bodies = [body for part in _children(root, "text") for body in _children(part, "body")]
    if not bodies:
        raise GlossaryError(f"{name}:{lines.get(root, 1)}: no <text><body> in the TBX file", _TBX_HINT)
    entries = []
    for concept in (c for body in bodies for c in _children(body, "conceptEntry", "termEntry")):
        line = lines.get(concept, 0)
        where = f"{name}:{line}"
        forms: dict[str, list[tuple[int, str]]] = {"es": [], "en": []}
        for lang_sec in _children(concept, "langSec", "langSet"):
            tag = lang_sec.get(xmlsafe.XML_LANG) or lang_sec.get("lang") or ""
            code = tag.replace("_", "-").split("-")[0].lower()
            lang = _LANG_CODES.get(code)
            if lang is not None:
                forms[lang] += _term_forms(lang_sec, f"{name}:{lines.get(lang_sec, line)}")
        es, en = (_dedupe([form for _rank, form in sorted(forms[lang], key=lambda f: f[0])]) for lang in LANGS)
        if not es or not en:
            if warn is not None:
                missing = " or ".join(_LANG_NAMES[lang] for lang, side in zip(LANGS, (es, en), strict=True) if not side)
                warn(f"skipped {where}: concept {concept.get('id', '?')!r} has no {missing} term")
            continue
        field = _subject_field(concept).lower()
        kind = field if field in TYPES else default_type
        notes = [_clean("".join(n.itertext()), where, "note") for n in _children(concept, "note")]
        entries.append(Entry(es, en, kind, "; ".join(n for n in notes if n), name, line))
    return entries


def _text(value: str) -> str:
    return escape(value)


TBX_VERSIONS = (2, 3)
"""``write_tbx`` versions: 2 (``<martif>``, what translate-toolkit, OmegaT and most CAT termbases
read; the default) and 3 (ISO 30042:2019, DCA style)."""


def write_tbx(entries: Sequence[Entry], handle: TextIO, *, version: int = 2) -> None:
    """Write ``entries`` as TBX-Basic, in sort order; open ``handle`` as UTF-8.

    Version 2 (default): ``<martif type="TBX-Basic">`` with one ``termEntry`` per entry and one
    ``langSet``/``tig`` per language and form. Version 3: one ``conceptEntry`` per entry with
    ``langSec``/``termSec``. Either way ids are ``c1``, ``c2``, …, ``subjectField`` holds the
    entry type, a ``<note>`` the note, and the first form of each language is marked preferred
    and the others admitted.
    """
    if version not in TBX_VERSIONS:
        raise GlossaryError(f"unknown TBX version {version}", "use 2 (martif, the default) or 3")
    ordered = sorted(entries, key=sort_key)
    for entry in ordered:
        for lang in LANGS:
            _check_forms(entry, entry.forms(lang), lang)
        if entry.type not in TYPES:
            raise GlossaryError(f"{_where(entry)}: unknown type {entry.type!r}", f"use one of: {', '.join(TYPES)}")
        if _clean(entry.note, _where(entry), "note") != entry.note:
            raise GlossaryError(
                f"{_where(entry)}: the note has stray whitespace or is not NFC",
                "load entries through bilingual.glossary.parse, which tidies them",
            )
    v = _TBX_SHAPES[version]
    handle.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<{v.root}{v.root_attrs}>\n"
        f"  <{v.header}>\n    <fileDesc>\n      <sourceDesc>\n"
        "        <p>bilingual glossary export</p>\n"
        f"      </sourceDesc>\n    </fileDesc>\n{v.encoding}  </{v.header}>\n"
        "  <text>\n    <body>\n"
    )
    for number, entry in enumerate(ordered, start=1):
        parts = [
            f'      <{v.entry} id="c{number}">\n',
            f'        <descrip type="subjectField">{_text(entry.type)}</descrip>\n',
        ]
        if entry.note:
            parts.append(f"        <note>{_text(entry.note)}</note>\n")
        for lang in LANGS:
            parts.append(f'        <{v.lang_set} xml:lang="{lang}">\n')
            for index, form in enumerate(entry.forms(lang)):
                status = PREFERRED if index == 0 else ADMITTED
                parts.append(
                    f"          <{v.term}>\n"
                    f"            <term>{_text(form)}</term>\n"
                    f'            <termNote type="administrativeStatus">{status}</termNote>\n'
                    f"          </{v.term}>\n"
                )
            parts.append(f"        </{v.lang_set}>\n")
        parts.append(f"      </{v.entry}>\n")
        handle.write("".join(parts))
    handle.write(f"    </body>\n  </text>\n</{v.root}>\n")


@dataclass(frozen=True)
class _TbxShape:
    """The element names of one TBX version (v2 martif / TBX-Basic, v3 DCA)."""

    root: str
    root_attrs: str
    header: str
    encoding: str
    entry: str
    lang_set: str
    term: str


_TBX_SHAPES = {
    2: _TbxShape(
        "martif",
        ' type="TBX-Basic" xml:lang="en"',
        "martifHeader",
        '    <encodingDesc>\n      <p type="XCSURI">TBXBasicXCSV02.xcs</p>\n    </encodingDesc>\n',
        "termEntry",
        "langSet",
        "tig",
    ),
    3: _TbxShape(
        "tbx",
        f' type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NAMESPACE}"',
        "tbxHeader",
        "",
        "conceptEntry",
        "langSec",
        "termSec",
    ),
}
