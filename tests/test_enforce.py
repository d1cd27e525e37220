"""Glossary enforcement: placeholders in, preferred target forms out, plurals and case kept;
and the missing-term check over a document of pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.formats.model import Document, Pair
from bilingual.glossary.enforce import missing_in_document, pluralize, protect, restore
from bilingual.glossary.model import Glossary

ROWS = (
    "es\ten\ttype\tnote\n"
    "Cd. Juárez | Ciudad Juárez\tCiudad Juárez | Juarez\tplace\t\n"
    "puerto de entrada\tport of entry | ports of entry\tterm\t\n"
    "Guardia Nacional\tNational Guard\tagency\t\n"
)


@pytest.fixture
def glossary(tmp_path: Path) -> Glossary:
    path = tmp_path / "g.tsv"
    path.write_text(ROWS, encoding="utf-8")
    return Glossary.load(shipped=False, extra=[path])


def test_protect_then_restore(glossary: Glossary) -> None:
    protected = protect("La Guardia Nacional llegó a Cd. Juárez.", glossary, "es")
    assert protected.text == "La XQZ1 llegó a XQZ2."
    assert restore("The XQZ1 arrived in XQZ2.", protected, "en") == "The National Guard arrived in Ciudad Juárez."


def test_restore_refuses_a_dropped_or_repeated_placeholder(glossary: Glossary) -> None:
    protected = protect("La Guardia Nacional llegó a Cd. Juárez.", glossary, "es")
    assert restore("The XQZ1 arrived.", protected, "en") is None
    assert restore("The XQZ1 XQZ1 arrived in XQZ2.", protected, "en") is None


def test_plural_and_all_caps_are_kept(glossary: Glossary) -> None:
    protected = protect("CD. JUÁREZ, Chih. — Cerraron dos puertos de entrada.", glossary, "es")
    out = restore("XQZ1, Chih. — Two XQZ2 closed.", protected, "en")
    assert out == "CIUDAD JUÁREZ, Chih. — Two ports of entry closed."


def test_text_that_looks_like_a_placeholder_is_left_alone(glossary: Glossary) -> None:
    protected = protect("El código XQZ1 apareció en Cd. Juárez.", glossary, "es")
    assert protected.terms == () and protected.text == "El código XQZ1 apareció en Cd. Juárez."


@pytest.mark.parametrize(
    ("form", "lang", "plural"),
    [
        ("puente internacional", "es", "puentes internacionales"),
        ("garita de cruce", "es", "garitas de cruce"),
        ("port of entry", "en", "ports of entry"),
        ("city", "en", "cities"),
        ("tax", "en", "taxes"),
        ("luz", "es", "luces"),
        ("región", "es", "regiones"),
    ],
)
def test_pluralize(form: str, lang: str, plural: str) -> None:
    assert pluralize(form, lang) == plural


def test_missing_terms_in_a_document(glossary: Glossary) -> None:
    doc = Document(
        pairs=(
            Pair(0, "La Guardia Nacional llegó.", "The National Guard arrived.", (0,), (0,)),
            Pair(1, "Llegó a Cd. Juárez.", "It arrived in the border city.", (1,), (1,)),
        ),
        source_lang="es",
        target_lang="en",
        signature={},
    )
    lines = missing_in_document(glossary, doc)
    assert len(lines) == 1
    assert lines[0].startswith("pair 1 (es 1 → en 1): 'Cd. Juárez' should be 'Ciudad Juárez | Juarez' [")
