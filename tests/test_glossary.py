"""Glossary format, matching rules, layering and enforcement through both engines."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from argos_fixture import build_copy_package

from bilingual.engines import argos as argos_engine
from bilingual.engines.apertium import ApertiumEngine
from bilingual.engines.argos import ArgosEngine
from bilingual.engines.base import Translation
from bilingual.engines.packages import install_package
from bilingual.errors import GlossaryError
from bilingual.glossary.enforce import FALLBACK_FLAG, missing_terms, protect, restore
from bilingual.glossary.model import Entry, Glossary, fold, iter_problems, load_file, parse
from bilingual.translate.document import translate_text

GLOSSARY = """\
# test glossary
es\ten\ttype\tnote
Aeropuerto Internacional Abraham González\tAbraham González International Airport\tplace\t
Abraham González\tAbraham González\tperson\tRevolutionary governor of Chihuahua
Ciudad Juárez | Cd. Juárez | Juárez\tCiudad Juárez | Juárez\tplace\t
Claudia Sheinbaum | Sheinbaum\tClaudia Sheinbaum | Sheinbaum\tperson\tPresident of Mexico
dron\tdrone | drones\tterm\t
EE. UU. | EE.UU. | Estados Unidos\tU.S. | United States\tplace\t
El Paso\tEl Paso\tplace\t
espacio aéreo\tairspace\tterm\t
FAA | Administración Federal de Aviación\tFAA | Federal Aviation Administration\tagency\t
Guardia Nacional\tNational Guard\tagency\tMexico's National Guard
"""


@pytest.fixture
def glossary(tmp_path: Path) -> Glossary:
    path = tmp_path / "test.tsv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return Glossary.load(shipped=False, user=tmp_path / "none", extra=[path])


def found(glossary: Glossary, lang: str, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entry.preferred("en")) for m in glossary.matcher(lang).find(text)]


MATCHING = [
    # (lang, text, expected [(written, preferred English form)])
    ("es", "Llegó a Juarez ayer.", [("Juarez", "Ciudad Juárez")]),  # missing accent still found
    ("es", "El alcalde de CIUDAD JUÁREZ habló.", [("CIUDAD JUÁREZ", "Ciudad Juárez")]),
    ("es", "el paso del tiempo", []),  # lowercase common words are not the city
    ("es", "Cruzó por El Paso.", [("El Paso", "El Paso")]),
    ("en", "Sheinbaum's remarks", [("Sheinbaum", "Claudia Sheinbaum")]),  # possessive
    ("en", "the faa said", []),  # acronyms must be capitals
    ("en", "The FAA said", [("FAA", "FAA")]),
    (
        "es",
        "en el Aeropuerto Internacional Abraham González de Juárez",
        [
            ("Aeropuerto Internacional Abraham González", "Abraham González International Airport"),
            ("Juárez", "Ciudad Juárez"),
        ],
    ),  # longest match wins over "Abraham González"
    ("es", "Abraham González fue gobernador.", [("Abraham González", "Abraham González")]),
    ("es", "Los drones y el dron.", [("drones", "drone"), ("dron", "drone")]),  # plural of a term
    ("es", "Espacio aéreo cerrado.", [("Espacio aéreo", "airspace")]),  # a term in any case
    (
        "es",
        "autoridades de EE. UU. y de EE.UU. y de Estados Unidos",
        [("EE. UU.", "U.S."), ("EE.UU.", "U.S."), ("Estados Unidos", "U.S.")],
    ),
    ("es", "Juárez-El Paso", [("Juárez", "Ciudad Juárez"), ("El Paso", "El Paso")]),
    ("es", "Juárezland no cuenta.", []),  # whole words only
]


@pytest.mark.parametrize(("lang", "text", "expected"), MATCHING, ids=[m[1][:30] for m in MATCHING])
def test_matching(glossary: Glossary, lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(glossary, lang, text) == expected


def test_fold_keeps_offsets() -> None:
    text = "ÁÉÍÓÚÑÜ áéíóúñü Çç"
    assert fold(text) == "aeiounu aeiounu cc"
    assert len(fold(text)) == len(text)


def test_parse_reports_every_problem_with_line_numbers() -> None:
    text = (
        "es\ten\ttype\tnote\n"
        "ok\tok\tterm\t\n"
        "two\tcolumns\n"
        "x\ty\tanimal\t\n"
        " padded \ty\tterm\t\n"
        "a |  | b\tc\tterm\t\n"
        "Jua\u0301rez\tJuárez\tplace\t\n"
    )
    entries, problems = parse(text, "g.tsv")
    assert [str(p) for p in problems] == [
        "g.tsv:3: expected 4 tab-separated columns (es, en, type, note), found 2",
        "g.tsv:4: unknown type 'animal' (use one of: person, place, agency, organization, term)",
        "g.tsv:5: stray whitespace in the es column",
        "g.tsv:6: empty es form",
        "g.tsv:7: text is not in Unicode NFC form",
    ]
    assert [e.es for e in entries] == [("ok",), ("padded",), ("Juárez",)]


def test_load_refuses_a_malformed_file(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("es\ten\ttype\tnote\nuno\tone\tthing\t\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as err:
        load_file(path)
    assert (
        err.value.message == f"{path}:2: unknown type 'thing' (use one of: person, place, agency, organization, term)"
    )


def test_duplicates_and_conflicts_across_files(tmp_path: Path) -> None:
    a = tmp_path / "a.tsv"
    b = tmp_path / "b.tsv"
    a.write_text("es\ten\ttype\tnote\nEl Paso\tEl Paso\tplace\t\nGuardia Nacional\tNational Guard\tagency\t\n")
    b.write_text("es\ten\ttype\tnote\nEl Paso\tEl Paso\tplace\t\nguardia nacional\tNational Police\tagency\t\n")
    assert [str(p) for p in iter_problems([a, b])] == [
        f"{b}:2: duplicate of {a}:2 ('El Paso' → 'El Paso')",
        f"{b}:3: conflicting target for 'guardia nacional': 'National Police' here, 'National Guard' at {a}:3",
    ]


def test_user_layer_overrides_shipped_entries(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped.tsv"
    shipped.write_text("es\ten\ttype\tnote\nCiudad Juárez | Juárez\tCiudad Juárez\tplace\t\n")
    user = tmp_path / "user.tsv"
    user.write_text("es\ten\ttype\tnote\nJuárez\tJuarez City\tplace\tour style\n")
    g = Glossary.load(shipped=False, user=tmp_path / "none", extra=[shipped, user])
    assert [(e.es, e.en) for e in g.entries] == [(("Juárez",), ("Juarez City",))]
    assert g.signature_value().startswith("1-entries-")


def test_digest_depends_on_content_not_order(tmp_path: Path) -> None:
    one = tmp_path / "one.tsv"
    two = tmp_path / "two.tsv"
    one.write_text("es\ten\ttype\tnote\nA\tA\tplace\t\nB\tB\tplace\t\n")
    two.write_text("es\ten\ttype\tnote\nB\tB\tplace\t\nA\tA\tplace\t\n")
    load = lambda p: Glossary.load(shipped=False, user=tmp_path / "none", extra=[p])  # noqa: E731
    assert load(one).digest == load(two).digest


def test_protect_and_restore(glossary: Glossary) -> None:
    p = protect("Los drones sobrevolaron Juarez y el espacio aéreo de EE. UU.", glossary, "es")
    assert p.text == "Los XQZ1 sobrevolaron XQZ2 y el XQZ3 de XQZ4"
    assert restore("The XQZ1 flew over XQZ2 and the XQZ3 of the XQZ4", p, "en") == (
        "The drones flew over Juárez and the airspace of the U.S."
    )
    assert restore("The *XQZ1 flew over XQZ2 and XQZ3", p, "en") is None  # one placeholder lost


def test_sheinbaum_stays_as_written_and_full_forms_expand(glossary: Glossary) -> None:
    p = protect("Sheinbaum y la Administración Federal de Aviación", glossary, "es")
    assert restore("XQZ1 and the XQZ2", p, "en") == "Sheinbaum and the FAA"


def test_missing_terms_for_check_pairs(glossary: Glossary) -> None:
    entries = missing_terms(
        glossary, "La Guardia Nacional llegó a El Paso.", "The Guard arrived at El Paso.", "es", "en"
    )
    assert [e.preferred("en") for e in entries] == ["National Guard"]
    assert missing_terms(glossary, "La Guardia Nacional llegó.", "The National Guard arrived.", "es", "en") == []


# -- enforcement through the engines ---------------------------------------------------------


@pytest.fixture
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    argos_engine.clear_model_cache()
    install_package(build_copy_package(tmp_path))
    yield
    argos_engine.clear_model_cache()


def test_enforced_through_argos(glossary: Glossary, argos_home: None) -> None:
    # The copy model returns its input, so the output shows exactly what protection did.
    doc = translate_text("La Guardia Nacional vigila Juarez. Nada más.", "es", "en", ArgosEngine(), glossary=glossary)
    assert [p.target for p in doc.pairs] == ["La National Guard vigila Juárez.", "Nada más."]
    assert doc.signature["glossary"] == glossary.signature_value()
    assert all(FALLBACK_FLAG not in p.flags for p in doc.pairs)


@pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed")
def test_enforced_through_apertium(glossary: Glossary) -> None:
    text = "El alcalde de El Paso habló con la Guardia Nacional sobre el espacio aéreo de Ciudad Juárez."
    plain = translate_text(text, "es", "en", ApertiumEngine()).pairs[0].target
    kept = translate_text(text, "es", "en", ApertiumEngine(), glossary=glossary).pairs[0].target
    assert "El Paso" not in plain  # Apertium alone translates the name word by word
    assert "El Paso" in kept and "National Guard" in kept and "airspace" in kept and "Ciudad Juárez" in kept
    assert "XQZ" not in kept


class ManglingEngine:
    """An engine that loses placeholders (as real NMT sometimes does)."""

    name = "mangler"

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def model_version(self, source_lang: str, target_lang: str) -> str:
        return "1"

    def translate_batch(self, sentences: list[str], source_lang: str, target_lang: str) -> list[Translation]:
        return [Translation(s.replace("XQZ1", "XQZ one")) for s in sentences]


def test_mangled_placeholder_falls_back_and_flags(glossary: Glossary) -> None:
    doc = translate_text("Llegó a El Paso. Sin nombres aquí.", "es", "en", ManglingEngine(), glossary=glossary)
    assert [(p.target, p.flags) for p in doc.pairs] == [
        ("Llegó a El Paso.", (FALLBACK_FLAG,)),  # translated again without protection, flagged
        ("Sin nombres aquí.", ()),
    ]


def test_entry_equality_ignores_location() -> None:
    assert Entry(("a",), ("b",), "term", "", "x.tsv", 3) == Entry(("a",), ("b",), "term")


PLURALS = """\
es\ten\ttype\tnote
puente internacional\tinternational bridge\tterm\t
puerto de entrada | puertos de entrada\tport of entry | ports of entry\tterm\t
Puente Internacional Zaragoza-Ysleta\tYsleta-Zaragoza International Bridge\tplace\t
Ciudad Juárez | Cd. Juárez\tCiudad Juárez\tplace\t
Washington, D.C.\tWashington, D.C.\tplace\t
"""


@pytest.fixture
def plurals(tmp_path: Path) -> Glossary:
    path = tmp_path / "p.tsv"
    path.write_text(PLURALS, encoding="utf-8")
    return Glossary.load(shipped=False, user=tmp_path / "none", extra=[path])


@pytest.mark.parametrize(
    ("source", "lang", "expected"),
    [
        (
            "Los puertos de entrada y los puentes internacionales.",
            "es",
            "Los ports of entry y los international bridges.",
        ),
        (
            "Cruzaron el Puente Internacional Zaragoza–Ysleta.",
            "es",
            "Cruzaron el Ysleta-Zaragoza International Bridge.",
        ),
        ("CD. JUÁREZ, Chih. — Hoy.", "es", "CIUDAD JUÁREZ, Chih. — Hoy."),
        (
            "Two international bridges and the ports of entry.",
            "en",
            "Two puentes internacionales and the puertos de entrada.",
        ),
        ("He flew to Washington, D.C. yesterday.", "en", "He flew to Washington, D.C. yesterday."),
    ],
)
def test_plural_dash_and_caps_forms(plurals: Glossary, source: str, lang: str, expected: str) -> None:
    target = "en" if lang == "es" else "es"
    p = protect(source, plurals, lang)
    assert restore(p.text, p, target) == expected
