"""XLIFF 1.2: written by translate and align, valid against the OASIS schema, loaded by
translate-toolkit, read back by review, and other tools' XLIFF read too."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from interop_tools import needs_xliff_schema, toolkit_store, xliff_schema_errors

from bilingual.cli import cli
from bilingual.errors import FormatError
from bilingual.formats import Document, Pair, guess_format, read, write

needs_apertium = pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed")
SIGNATURE = {"tool": "bilingual-0.1.0", "engine": "apertium", "splitter": "news-1", "glossary": "none"}

TRANSLATION = Document(
    pairs=(
        Pair(0, "Reabren el cruce de Santa Teresa.", "They reopen the Santa Teresa crossing.", (0,), (0,), paragraph=0),
        Pair(
            1,
            "El agente dijo: «<todo> & nada»\r\x02",
            "The agent said: “<all> & nothing”",
            (1,),
            (1,),
            paragraph=1,
            start=34,
            end=70,
            flags=("glossary-fallback",),
        ),
        Pair(2, "Cerraron dos escuelas.", "Two schools closed.", (2,), (2,), paragraph=1, extra={"origin": "tm"}),
    ),
    source_lang="es-MX",
    target_lang="en-US",
    signature=SIGNATURE,
)
ALIGNMENT = Document(
    pairs=(
        Pair(0, "Llueve en Nogales.", "It is raining in Nogales.", (0,), (0,), confidence=0.91),
        Pair(1, "Nadie nos avisó.", "", (1,), (), confidence=None, flags=("unaligned",)),
        Pair(2, "", "Schools will reopen Monday.", (), (1,), flags=("unaligned",)),
    ),
    source_lang="es",
    target_lang="en",
    signature=SIGNATURE,
    kind="alignment",
)


def dump(doc: Document, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        write(doc, handle, "xliff")
    return path


def load(path: Path) -> Document:
    with path.open(encoding="utf-8", newline="") as handle:
        return read(handle, str(path))


@pytest.mark.parametrize("doc", [TRANSLATION, ALIGNMENT], ids=["translation", "alignment"])
def test_round_trip_keeps_every_field_and_the_origin(doc: Document, tmp_path: Path) -> None:
    back = load(dump(doc, tmp_path / "nota.xlf"))
    assert back.signature == doc.signature and back.kind == doc.kind
    assert (back.source_lang, back.target_lang) == (doc.source_lang, doc.target_lang)
    assert back.pairs == tuple(Pair(**{**p.__dict__, "extra": {k: v for k, v in p.extra.items()}}) for p in doc.pairs)


@needs_xliff_schema
@pytest.mark.parametrize("doc", [TRANSLATION, ALIGNMENT], ids=["translation", "alignment"])
def test_valid_against_the_xliff_1_2_strict_schema(doc: Document, tmp_path: Path) -> None:
    assert xliff_schema_errors(dump(doc, tmp_path / "nota.xlf")) == []


@needs_xliff_schema
def test_the_schema_check_does_reject_a_broken_file(tmp_path: Path) -> None:
    path = dump(TRANSLATION, tmp_path / "nota.xlf")
    path.write_text(path.read_text(encoding="utf-8").replace('state="translated"', 'state="done"'), "utf-8")
    assert xliff_schema_errors(path)


def test_translate_toolkit_loads_it_with_states_a_cat_tool_understands(tmp_path: Path) -> None:
    store = toolkit_store(dump(TRANSLATION, tmp_path / "nota.xlf"))
    units = [u for u in store.units if not u.isheader()]
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("es-MX", "en-US")
    assert [u.source for u in units] == [
        "Reabren el cruce de Santa Teresa.",
        "El agente dijo: «<todo> & nada»\r\\u0002",
        "Cerraron dos escuelas.",
    ]
    assert [u.target for u in units] == [p.target for p in TRANSLATION.pairs]
    # Machine translation waits for review (fuzzy); the translation-memory match is translated.
    assert [u.isfuzzy() for u in units] == [True, True, False]
    assert [u.istranslated() for u in units] == [False, False, True]


def test_translate_toolkit_sees_unaligned_sentences_as_untranslated(tmp_path: Path) -> None:
    store = toolkit_store(dump(ALIGNMENT, tmp_path / "a.xlf"))
    units = [u for u in store.units if not u.isheader()]
    # Only the aligned bead counts as a translation; a sentence with no counterpart is not one.
    assert [u.istranslated() for u in units] == [True, False, False]
    assert [u.target for u in units] == ["It is raining in Nogales.", "", "Schools will reopen Monday."]


def test_a_weak_alignment_waits_for_review(tmp_path: Path) -> None:
    weak = Document(
        (Pair(0, "Llueve.", "Schools close.", (0,), (0,), confidence=0.2),), "es", "en", SIGNATURE, "alignment"
    )
    units = [u for u in toolkit_store(dump(weak, tmp_path / "w.xlf")).units if not u.isheader()]
    assert [u.isfuzzy() for u in units] == [True]


def test_another_tools_xliff_with_inline_codes_and_two_files() -> None:
    text = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="en" target-language="es" datatype="html">
    <body>
      <group id="g1">
        <trans-unit id="intro">
          <source>Lines at the <g id="1">Bridge of the Americas</g> grew.<x id="2"/></source>
          <target state="final">Crecieron las filas en el <g id="1">Puente de las Américas</g>.<x id="2"/></target>
        </trans-unit>
      </group>
    </body>
  </file>
  <file original="b.html" source-language="en" target-language="es" datatype="html">
    <body>
      <trans-unit id="7"><source>No one was hurt.</source></trans-unit>
    </body>
  </file>
</xliff>
"""
    doc = read(io.StringIO(text), "cat.xml")
    assert (doc.source_lang, doc.target_lang, doc.kind) == ("en", "es", "translation")
    assert [(p.id, p.source, p.target) for p in doc.pairs] == [
        (0, "Lines at the Bridge of the Americas grew.", "Crecieron las filas en el Puente de las Américas."),
        (7, "No one was hurt.", ""),
    ]


def test_sniffed_from_the_start_of_another_tools_file() -> None:
    head = '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    assert guess_format("-", head=head) == "xliff"
    assert guess_format("nota.xliff") == "xliff"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('<?xml version="1.0"?>\n<tmx version="1.4"><header/><body/></tmx>', "not an XLIFF 1.2 <xliff>"),
        ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>', "has no <file>"),
        (
            '<!DOCTYPE x [<!ENTITY e "boom">]><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>',
            "entity declarations",
        ),
        (
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="es" '
            'target-language="en"><body><trans-unit id="0"><target>x</target></trans-unit></body></file></xliff>',
            "has no <source>",
        ),
    ],
)
def test_bad_xliff_is_a_located_format_error(text: str, words: str) -> None:
    with pytest.raises(FormatError) as info:
        read(io.StringIO(text), "bad.xlf", "xliff")
    assert info.value.message.startswith("bad.xlf:") and words in info.value.message


@needs_apertium
@needs_xliff_schema
def test_translate_and_align_write_xliff_that_review_reads(tmp_path: Path) -> None:
    es = tmp_path / "nota.es.txt"
    en = tmp_path / "nota.en.txt"
    es.write_text("Cierran el puente por protesta.\n\n«Nadie nos avisó», dijo Marta Olivas.\n", "utf-8")
    en.write_text("The bridge closes over a protest.\n\n“Nobody told us,” Marta Olivas said.\n", "utf-8")
    runner = CliRunner()
    out = tmp_path / "nota.xlf"
    result = runner.invoke(cli, ["translate", str(es), "--from", "es-MX", "--engine", "apertium", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert xliff_schema_errors(out) == []
    assert 'source-language="es-MX"' in out.read_text(encoding="utf-8")
    aligned = tmp_path / "aligned.xlf"
    result = runner.invoke(cli, ["align", str(es), str(en), "--engine", "apertium", "-q", "-o", str(aligned)])
    assert result.exit_code == 0, result.stderr
    assert xliff_schema_errors(aligned) == []
    assert len([u for u in toolkit_store(aligned).units if not u.isheader()]) == 2
    result = runner.invoke(cli, ["review", str(out), "--engine", "apertium", "-q"])
    assert result.exit_code == 0, result.stderr
    header = json.loads(result.stdout.split("\n")[0])
    assert header["mode"] == "pairs" and header["signature"]["engine"] == "apertium"
