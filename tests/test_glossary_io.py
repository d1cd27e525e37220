"""Glossary import/export: exact CSV and TBX output, round trips, other tools' files, hostile input."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bilingual.errors import GlossaryError
from bilingual.glossary.exchange import deepl_target, read_csv, read_tbx, write_csv, write_tbx
from bilingual.glossary.model import TYPES, Entry, sort_key

GLOSSARY = [
    Entry(("Patrulla Fronteriza", "la migra"), ("Border Patrol", "CBP"), "agency", "U.S. Border Patrol, part of CBP"),
    Entry(('Joaquín "El Chapo" Guzmán', "El Chapo"), ('Joaquín "El Chapo" Guzmán',), "person", "cartel <leader> & co"),
    Entry(("Ciudad Juárez", "Juárez, Chihuahua"), ("Ciudad Juárez", "Juarez"), "place"),
]

GOLDEN_CSV = """\
Ciudad Juárez,Ciudad Juárez
"Juárez, Chihuahua",Ciudad Juárez
"Joaquín ""El Chapo"" Guzmán","Joaquín ""El Chapo"" Guzmán"
El Chapo,"Joaquín ""El Chapo"" Guzmán"
Patrulla Fronteriza,Border Patrol
la migra,Border Patrol
"""

GOLDEN_CSV_EN = """\
Ciudad Juárez,Ciudad Juárez
Juarez,Ciudad Juárez
"Joaquín ""El Chapo"" Guzmán","Joaquín ""El Chapo"" Guzmán"
Border Patrol,Patrulla Fronteriza
CBP,Patrulla Fronteriza
"""

GOLDEN_TBX = """\
<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader>
    <fileDesc>
      <sourceDesc>
        <p>bilingual glossary export</p>
      </sourceDesc>
    </fileDesc>
  </tbxHeader>
  <text>
    <body>
      <conceptEntry id="c1">
        <descrip type="subjectField">place</descrip>
        <langSec xml:lang="es">
          <termSec>
            <term>Ciudad Juárez</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>Juárez, Chihuahua</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="en">
          <termSec>
            <term>Ciudad Juárez</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>Juarez</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </termSec>
        </langSec>
      </conceptEntry>
      <conceptEntry id="c2">
        <descrip type="subjectField">person</descrip>
        <note>cartel &lt;leader&gt; &amp; co</note>
        <langSec xml:lang="es">
          <termSec>
            <term>Joaquín "El Chapo" Guzmán</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>El Chapo</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="en">
          <termSec>
            <term>Joaquín "El Chapo" Guzmán</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
        </langSec>
      </conceptEntry>
      <conceptEntry id="c3">
        <descrip type="subjectField">agency</descrip>
        <note>U.S. Border Patrol, part of CBP</note>
        <langSec xml:lang="es">
          <termSec>
            <term>Patrulla Fronteriza</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>la migra</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="en">
          <termSec>
            <term>Border Patrol</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>CBP</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""


def _csv(entries: list[Entry], source_lang: str = "es") -> str:
    handle = io.StringIO()
    write_csv(entries, handle, source_lang=source_lang)
    return handle.getvalue()


def _tbx(entries: list[Entry]) -> str:
    handle = io.StringIO()
    write_tbx(entries, handle, version=3)
    return handle.getvalue()


def _error(call: Callable[..., object], *args: object, **kwargs: object) -> GlossaryError:
    with pytest.raises(GlossaryError) as info:
        call(*args, **kwargs)
    return info.value


# -- golden output and round trips ---------------------------------------------------------


def test_csv_golden() -> None:
    assert _csv(GLOSSARY) == GOLDEN_CSV
    assert _csv(GLOSSARY, "en") == GOLDEN_CSV_EN


def test_tbx_golden() -> None:
    assert _tbx(GLOSSARY) == GOLDEN_TBX


def test_csv_round_trip_keeps_every_source_form_and_only_the_preferred_target() -> None:
    back = read_csv(GOLDEN_CSV, "g.csv")
    assert [(e.es, e.en, e.type, e.note) for e in back] == [
        (("Ciudad Juárez",), ("Ciudad Juárez",), "term", ""),
        (("Juárez, Chihuahua",), ("Ciudad Juárez",), "term", ""),
        (('Joaquín "El Chapo" Guzmán',), ('Joaquín "El Chapo" Guzmán',), "term", ""),
        (("El Chapo",), ('Joaquín "El Chapo" Guzmán',), "term", ""),
        (("Patrulla Fronteriza",), ("Border Patrol",), "term", ""),
        (("la migra",), ("Border Patrol",), "term", ""),
    ]
    assert [(e.path, e.line) for e in back] == [("g.csv", n) for n in range(1, 7)]
    # English as the source: rows sharing a Spanish form merge back into one entry.
    back_en = read_csv(GOLDEN_CSV_EN, "g.csv", source_lang="en", default_type="place")
    assert back_en == [
        Entry(("Ciudad Juárez",), ("Ciudad Juárez", "Juarez"), "place"),
        Entry(('Joaquín "El Chapo" Guzmán',), ('Joaquín "El Chapo" Guzmán',), "place"),
        Entry(("Patrulla Fronteriza",), ("Border Patrol", "CBP"), "place"),
    ]
    assert [e.line for e in back_en] == [1, 3, 4]


def test_tbx_round_trip_keeps_everything() -> None:
    back = read_tbx(GOLDEN_TBX, "g.tbx")
    assert back == sorted(GLOSSARY, key=sort_key)
    assert [(e.path, e.line) for e in back] == [("g.tbx", 12), ("g.tbx", 35), ("g.tbx", 55)]
    assert _tbx(back) == GOLDEN_TBX


def test_csv_header_lookalike_entry_survives() -> None:
    entries = [Entry(("es",), ("en",), "term")]
    text = _csv(entries)
    assert text == '"es","en"\n'
    assert read_csv(text, "x.csv") == entries
    assert read_csv("es,en\n", "x.csv") == []


def _tidy(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


_CHARS = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="|\ufeff\ufffe\uffff")
_AWKWARD = st.sampled_from([*" ,;\"'<&>\\ñÁü😀\u00a0\u0301", "a\u0301", "👩\u200d👩\u200d👧", "]]>", "&amp;"])
FORMS = st.lists(_CHARS | _AWKWARD, min_size=1, max_size=12).map("".join).map(_tidy).filter(bool)
NOTES = st.lists(_CHARS | _AWKWARD | st.just("|"), max_size=20).map("".join).map(_tidy)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    es = draw(st.lists(FORMS, min_size=1, max_size=3, unique=True))
    en = draw(st.lists(FORMS, min_size=1, max_size=3, unique=True))
    return Entry(tuple(es), tuple(en), draw(st.sampled_from(TYPES)), draw(NOTES))


GLOSSARIES = st.lists(entries(), max_size=5)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(glossary=GLOSSARIES)
def test_tbx_round_trip_property(glossary: list[Entry]) -> None:
    assert read_tbx(_tbx(glossary), "p.tbx") == sorted(glossary, key=sort_key)


@PROPERTY
@given(glossary=GLOSSARIES)
def test_csv_round_trip_property(glossary: list[Entry]) -> None:
    sources = [form for entry in glossary for form in entry.es]
    assume(len(set(sources)) == len(sources))
    ordered = sorted(glossary, key=sort_key)
    back = read_csv(_csv(glossary), "p.csv")
    assert [(e.es, e.en) for e in back] == [((s,), (deepl_target(e, s, "en"),)) for e in ordered for s in e.es]


@PROPERTY
@given(glossary=GLOSSARIES)
def test_csv_round_trip_property_english_source(glossary: list[Entry]) -> None:
    for lang in ("es", "en"):
        forms = [form for entry in glossary for form in entry.forms(lang)]
        assume(len(set(forms)) == len(forms))
    back = read_csv(_csv(glossary, "en"), "p.csv", source_lang="en")
    merged: dict[str, list[str]] = {}  # rows sharing a Spanish target read back as one entry
    for entry in sorted(glossary, key=sort_key):
        for form in entry.en:
            merged.setdefault(deepl_target(entry, form, "es"), []).append(form)
    assert [(e.es, e.en) for e in back] == [((es,), tuple(en)) for es, en in merged.items()]


# -- reading CSV ---------------------------------------------------------------------------


def test_csv_rows_with_the_same_source_merge_and_shared_targets_stay_separate() -> None:
    text = (
        "Patrulla Fronteriza,Border Patrol\r\n"
        "la migra,Border Patrol\r\n"
        "Patrulla Fronteriza,CBP\r\n"
        "\r\n"
        'Patrulla Fronteriza,"Border  Patrol "\r\n'
    )
    assert read_csv(text, "m.csv", default_type="agency") == [
        Entry(("Patrulla Fronteriza",), ("Border Patrol", "CBP"), "agency"),
        Entry(("la migra",), ("Border Patrol",), "agency"),
    ]


def test_csv_multiline_cell_keeps_line_numbers() -> None:
    text = 'a,"b\nc"\nd,e\n'
    back = read_csv(text, "m.csv")
    assert [(e.es, e.en, e.line) for e in back] == [(("a",), ("b c",), 1), (("d",), ("e",), 3)]


def test_csv_deepl_four_columns() -> None:
    text = (
        "Patrulla Fronteriza,Border Patrol,es,en\nCBP,la migra,EN-US,es-MX\nBorder Patrol,Patrulla Fronteriza,en,es\n"
    )
    assert read_csv(text, "d.csv", source_lang="en") == [
        Entry(("Patrulla Fronteriza",), ("Border Patrol",), "term"),
        Entry(("la migra",), ("CBP",), "term"),
    ]


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a,b,es,en\nGrenzschutz,Border Patrol,de,en\n", "d.csv:2", "'de' in column 3 is not Spanish or English"),
        ("a,b,es,en\nx,y,en,fr\n", "d.csv:2", "'fr' in column 4"),
        ("a,b,es,es\n", "d.csv:1", "both 'es'"),
        ("a,b,es,\n", "d.csv:1", "empty language cell (column 4)"),
    ],
)
def test_csv_deepl_four_columns_errors(text: str, where: str, words: str) -> None:
    error = _error(read_csv, text, "d.csv")
    assert error.message.startswith(where + ": ")
    assert words in error.message


@pytest.mark.parametrize(
    "header",
    [
        "es,en",
        "source,target",
        "Spanish,English",
        "Español,Inglés",
        " ES , EN ",
        "source,target,source_lang,target_lang",
    ],
)
def test_csv_header_row_is_skipped(header: str) -> None:
    row = "Juárez,Juarez,es,en" if header.count(",") == 3 else "Juárez,Juarez"
    back = read_csv(f"{header}\n{row}\n", "h.csv")
    assert back == [Entry(("Juárez",), ("Juarez",), "term")]
    assert back[0].line == 2


def test_csv_english_header() -> None:
    assert read_csv("English,Spanish\nJuarez,Juárez\n", "h.csv", source_lang="en") == [
        Entry(("Juárez",), ("Juarez",), "term")
    ]
    error = _error(read_csv, "en,es\nJuarez,Juárez\n", "h.csv")
    assert error.message.startswith("h.csv:1: the header says column 1 is English")
    assert error.hint is not None
    assert "'en'" in error.hint


def test_csv_header_only_on_the_first_line() -> None:
    back = read_csv("a,b\nes,en\n", "h.csv")
    assert [(e.es, e.en) for e in back] == [(("a",), ("b",)), (("es",), ("en",))]


def test_csv_bom_is_stripped() -> None:
    back = read_csv("\ufeffes,en\nJuárez,Juarez\n", "b.csv")
    assert back == [Entry(("Juárez",), ("Juarez",), "term")]
    assert back[0].line == 2
    assert read_csv("\ufeffJuárez,Juarez\n", "b.csv")[0].es == ("Juárez",)


def test_csv_empty_file() -> None:
    assert read_csv("", "e.csv") == []
    assert read_csv("\n\n", "e.csv") == []


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a,b,c\n", "bad.csv:1", "expected 2 or 4 columns, found 3"),
        ("abc\n", "bad.csv:1", "expected 2 or 4 columns, found 1"),
        ("a;b\n", "bad.csv:1", "found 1"),
        ("a,b\n\nc,d,e\n", "bad.csv:3", "expected 2 columns like line 1, found 3"),
        ("a,b\nc,\n", "bad.csv:2", "empty target cell (column 2)"),
        ("a,b\n  ,d\n", "bad.csv:2", "empty source cell (column 1)"),
        ('a,b\nc,"d\ne,f\n', "bad.csv:2", "malformed CSV"),
        ('a,"b"c\n', "bad.csv:1", "malformed CSV"),
        ("a,b | c\n", "bad.csv:1", "contains '|'"),
        ("a\x07,b\n", "bad.csv:1", "control character U+0007"),
    ],
)
def test_csv_errors(text: str, where: str, words: str) -> None:
    error = _error(read_csv, text, "bad.csv")
    assert error.message.startswith(where + ": ")
    assert words in error.message
    assert error.hint


def test_bad_arguments() -> None:
    assert "unknown entry type" in _error(read_csv, "a,b\n", "x.csv", default_type="thing").message
    assert "source language" in _error(read_csv, "a,b\n", "x.csv", source_lang="fr").message
    assert "unknown entry type" in _error(read_tbx, GOLDEN_TBX, "x.tbx", default_type="thing").message
    assert "source language" in _error(write_csv, [], io.StringIO(), source_lang="de").message


# -- writing refuses what cannot be read back ----------------------------------------------


def test_write_csv_refuses_a_source_with_two_targets() -> None:
    clash = [Entry(("Juárez",), ("Juarez",), "place", path="a.tsv", line=3), Entry(("Juárez",), ("Ju",), "person")]
    error = _error(write_csv, clash, io.StringIO())
    assert "'Juárez' → 'Juarez'" in error.message
    assert "a.tsv:3" in error.message
    same = [Entry(("Juárez",), ("Juarez",), "place"), Entry(("Juárez", "Juaritos"), ("Juarez",), "place")]
    assert _csv(same) == "Juárez,Juarez\nJuaritos,Juarez\n"


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        (Entry(("a",), (), "term", path="g.tsv", line=4), "g.tsv:4: no English form"),
        (Entry(("a | b",), ("c",), "term"), "contains '|'"),
        (Entry(("a  b",), ("c",), "term"), "stray whitespace"),
        (Entry(("a",), ("",), "term"), "empty English form"),
    ],
)
def test_writers_refuse_untidy_entries(entry: Entry, words: str) -> None:
    for write in (write_csv, write_tbx):
        assert words in _error(write, [entry], io.StringIO()).message


def test_write_tbx_refuses_bad_type_and_note() -> None:
    assert "unknown type" in _error(write_tbx, [Entry(("a",), ("b",), "thing")], io.StringIO()).message
    assert "U+0001" in _error(write_tbx, [Entry(("a",), ("b",), "term", "x\x01")], io.StringIO()).message
    assert "note" in _error(write_tbx, [Entry(("a",), ("b",), "term", "x\ty")], io.StringIO()).message


# -- reading other tools' TBX --------------------------------------------------------------

TBX_V2 = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>from a CAT tool</p></sourceDesc></fileDesc></martifHeader>
  <text>
    <body>
      <termEntry id="t1">
        <descrip type="subjectField">Law enforcement</descrip>
        <note>Federal  agency</note>
        <langSet xml:lang="en-US">
          <tig><term>Border Guard</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
          <tig><term>Border Patrol</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        </langSet>
        <langSet xml:lang="es-MX">
          <tig><term> Patrulla
            Fronteriza </term></tig>
        </langSet>
        <langSet xml:lang="fr"><tig><term>Patrouille frontalière</term></tig></langSet>
      </termEntry>
      <termEntry id="t2">
        <descrip type="subjectField">PLACE</descrip>
        <langSet xml:lang="es"><ntig><termGrp><term>Ciudad Juárez</term></termGrp></ntig></langSet>
        <langSet lang="en"><ntig><termGrp><term>Juarez</term></termGrp></ntig></langSet>
      </termEntry>
      <termEntry id="t3">
        <langSet xml:lang="es"><tig><term>sólo español</term></tig></langSet>
      </termEntry>
      <termEntry id="t4">
        <langSet xml:lang="de"><tig><term>nur Deutsch</term></tig></langSet>
        <langSet xml:lang="es"><tig><term></term></tig></langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def test_tbx_v2_martif_import() -> None:
    skipped: list[str] = []
    back = read_tbx(TBX_V2, "v2.tbx", default_type="organization", warn=skipped.append)
    assert back == [
        Entry(("Patrulla Fronteriza",), ("Border Patrol", "Border Guard"), "organization", "Federal agency"),
        Entry(("Ciudad Juárez",), ("Juarez",), "place"),
    ]
    assert [(e.path, e.line) for e in back] == [("v2.tbx", 7), ("v2.tbx", 22)]
    assert skipped == [
        "skipped v2.tbx:27: concept 't3' has no English term",
        "skipped v2.tbx:30: concept 't4' has no Spanish or English term",
    ]
    assert len(read_tbx(TBX_V2, "v2.tbx")) == 2  # warn=None is fine


def test_tbx_v3_from_another_tool() -> None:
    text = """<?xml version="1.0" encoding="utf-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed:3.0">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="a">
  <descripGrp><descrip type="subjectField">agency</descrip></descripGrp>
  <note>first</note><note>second</note>
  <langSec xml:lang="es">
    <termSec><term>la migra</term><termNote type="partOfSpeech">noun</termNote></termSec>
    <termSec><term>Patrulla <hi>Fronteriza</hi></term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>la migra</term></termSec>
  </langSec>
  <langSec xml:lang="EN-us"><termSec><term>Border Patrol</term><note>termSec note, ignored</note></termSec></langSec>
</conceptEntry>
</body></text>
</tbx>
"""
    assert read_tbx(text, "v3.tbx") == [
        Entry(("Patrulla Fronteriza", "la migra"), ("Border Patrol",), "agency", "first; second")
    ]
    plain = text.replace(' xmlns="urn:iso:std:iso:30042:ed:3.0"', "")
    assert read_tbx(plain, "v3.tbx") == read_tbx(text, "v3.tbx")


def test_tbx_bom_and_empty_body() -> None:
    empty = "\ufeff<tbx><text><body/></text></tbx>"
    assert read_tbx(empty, "e.tbx") == []


# -- hostile and malformed XML -------------------------------------------------------------

XXE = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY xxe SYSTEM "file://{path}">
]>
<tbx><text><body><conceptEntry id="c1">
<langSec xml:lang="es"><termSec><term>&xxe;</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>x</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<tbx><text><body><conceptEntry id="c1">
<langSec xml:lang="es"><termSec><term>&lol9;</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>x</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""
PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY % remote SYSTEM "file://{path}">
  %remote;
]>
<tbx/>
"""


@pytest.mark.parametrize("template", [XXE, PARAMETER_ENTITY])
@pytest.mark.parametrize("target", ["secret", "/etc/passwd"])
def test_tbx_external_entities_are_refused(template: str, target: str, tmp_path: Path) -> None:
    if target == "secret":
        secret = tmp_path / "secret.txt"
        secret.write_text("TOP-SECRET-TOKEN-4711\n", encoding="utf-8")
        path = str(secret)
        leaks = ["TOP-SECRET-TOKEN-4711", path]
    else:
        path = target
        leaks = ["root:", "/bin/", path]
    skipped: list[str] = []
    error = _error(read_tbx, template.format(path=path), "evil.tbx", warn=skipped.append)
    assert error.message.startswith("evil.tbx:3: refused: the file declares XML entities (entity ")
    assert "external" in error.message
    for leak in leaks:
        assert leak not in str(error)
    assert skipped == []


def test_tbx_billion_laughs_is_refused() -> None:
    error = _error(read_tbx, BILLION_LAUGHS, "evil.tbx")
    assert error.message == "evil.tbx:3: refused: the file declares XML entities (entity 'lol')"
    assert error.hint is not None
    assert "DOCTYPE" in error.hint


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("<tbx>\n<text>\n<body>\n</text>\n</tbx>\n", "bad.tbx:4", "not well-formed XML: mismatched tag (column 3)"),
        ("", "bad.tbx:1", "not well-formed XML: no element found"),
        ("<tbx>&nbsp;</tbx>", "bad.tbx:1", "undefined entity"),
        ('<?xml version="1.0"?>\n<html/>\n', "bad.tbx:2", "not a TBX file (the root element is <html>)"),
        ("<martif>\n<martifHeader/>\n</martif>", "bad.tbx:1", "no <text><body>"),
        (
            '<tbx><text><body><conceptEntry>\n<langSec xml:lang="es"><termSec><term>a|b</term></termSec></langSec>'
            "</conceptEntry></body></text></tbx>",
            "bad.tbx:2",
            "contains '|'",
        ),
    ],
)
def test_tbx_errors(text: str, where: str, words: str) -> None:
    error = _error(read_tbx, text, "bad.tbx")
    assert error.message.startswith(where + ": ")
    assert words in error.message
    assert error.hint
