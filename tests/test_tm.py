"""The translation memory: the SQLite store, importing approved translations from the files
newsrooms have, exporting them, and `translate` using exact matches before any engine."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run
from interop_tools import toolkit_store

from bilingual.errors import FormatError
from bilingual.formats import Document, Pair, read, write
from bilingual.tm import TMError, TranslationMemory
from bilingual.tm.exchange import import_file, memory_document
from bilingual.tm.store import match_key

APPROVED = (
    "es\ten\n"
    "Cierran el puente internacional por protesta.\tTruckers shut the international bridge in protest.\n"
    "«Nadie nos avisó», dijo Marta Olivas.\t“Nobody warned us,” Marta Olivas said.\n"
)
ARTICLE = (
    "Cierran el puente internacional por protesta.\n\n"
    "Los transportistas bloquearon el cruce durante seis horas. «Nadie nos avisó», dijo Marta Olivas.\n"
)


@pytest.fixture(autouse=True)
def isolated(argos_isolated: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILINGUAL_TM", str(tmp_path / "memoria.sqlite3"))


@pytest.fixture
def memory(tmp_path: Path) -> Iterator[TranslationMemory]:
    opened = TranslationMemory.open(tmp_path / "tm.sqlite3", create=True)
    assert opened is not None
    with opened:
        yield opened


# -- the store -----------------------------------------------------------------------------


def test_add_lookup_update_and_whitespace_insensitive_match(memory: TranslationMemory) -> None:
    done = memory.add([("Llueve en  Nogales.", "It is raining in Nogales.")], "es", "en", "a.tmx")
    assert (done.added, done.updated, done.unchanged) == (1, 0, 0)
    assert memory.lookup(["Llueve en\nNogales.", "Llueve en nogales."], "es", "en") == {
        "Llueve en\nNogales.": "It is raining in Nogales."
    }
    assert memory.lookup(["Llueve en Nogales."], "en", "es") == {}
    done = memory.add([("Llueve en Nogales.", "Rain falls on Nogales.")], "es", "en", "b")
    assert (done.added, done.updated) == (0, 1)
    assert memory.add([("Llueve en Nogales.", "Rain falls on Nogales.")], "es", "en", "b").unchanged == 1
    [entry] = memory.entries()
    assert (entry.target, entry.origin) == ("Rain falls on Nogales.", "b")
    assert memory.count("es", "en") == 1 and memory.count("en", "es") == 0
    assert memory.signature_value("es", "en") == "tm.sqlite3-1-entries"


def test_match_key_is_nfc_and_collapsed() -> None:
    assert match_key(" Cd.\u00a0Jua\u0301rez \n") == "Cd. Juárez"


def test_entries_search_limit_and_stats(memory: TranslationMemory) -> None:
    memory.add([("Uno.", "One."), ("Dos.", "Two."), ("Tres.", "Three.")], "es", "en", "n.tsv")
    memory.add([("Four.", "Cuatro.")], "en", "es", "m.tmx")
    assert [e.source for e in memory.entries(search="TWO")] == ["Dos."]
    assert [e.source for e in memory.entries("es", "en", limit=2)] == ["Uno.", "Dos."]
    stats = memory.stats()
    assert stats.pairs == {"en-es": 1, "es-en": 3} and stats.origins == {"n.tsv": 3, "m.tmx": 1}
    assert stats.entries == 4 and stats.size > 0 and stats.updated is not None


def test_missing_memory_is_none_and_a_broken_one_is_an_error(tmp_path: Path) -> None:
    assert TranslationMemory.open(tmp_path / "none.sqlite3") is None
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"esto no es una base de datos SQLite" * 100)
    with pytest.raises(TMError, match="not a usable translation memory"):
        TranslationMemory.open(broken)
    newer = tmp_path / "newer.sqlite3"
    sqlite3.connect(newer).execute("PRAGMA user_version=99").connection.close()
    with pytest.raises(TMError, match="newer bilingual"):
        TranslationMemory.open(newer)


# -- import and export ---------------------------------------------------------------------


def test_import_plain_tsv_with_language_header(memory: TranslationMemory) -> None:
    done = import_file(memory, APPROVED, "aprobadas.tsv")
    assert (done.source_lang, done.target_lang, done.added, done.skipped) == ("es", "en", 2, 0)
    assert memory.lookup(["«Nadie nos avisó», dijo Marta Olivas."], "es", "en")


def test_import_plain_tsv_names_a_bad_line(memory: TranslationMemory) -> None:
    with pytest.raises(FormatError, match=r"bad\.tsv:2: expected two tab-separated columns"):
        import_file(memory, "Uno.\tOne.\nDos. Two.\n", "bad.tsv")


def test_import_our_alignment_skips_unaligned_and_weak_beads(memory: TranslationMemory) -> None:
    doc = Document(
        (
            Pair(0, "Llueve.", "It rains.", (0,), (0,), confidence=0.9),
            Pair(1, "Nadie nos avisó.", "", (1,), (), flags=("unaligned",)),
            Pair(2, "Cerraron escuelas.", "The mayor spoke.", (2,), (1,), confidence=0.05),
        ),
        "es-MX",
        "en-US",
        {"tool": "bilingual-0.1.0", "engine": "apertium"},
        "alignment",
    )
    for fmt in ("jsonl", "xliff"):
        handle = io.StringIO()
        write(doc, handle, fmt)
        warnings: list[str] = []
        done = import_file(memory, handle.getvalue(), f"a.{fmt}", warn=warnings.append)
        assert (done.source_lang, done.skipped) == ("es", 2)
        assert warnings == []  # an alignment of two human texts is not machine translation
    assert [(e.source, e.target) for e in memory.entries()] == [("Llueve.", "It rains.")]


def test_import_machine_translation_warns(memory: TranslationMemory) -> None:
    handle = io.StringIO()
    write(Document((Pair(0, "Hola.", "Hello."),), "es", "en", {"engine": "argos"}), handle, "tsv")
    warnings: list[str] = []
    import_file(memory, handle.getvalue(), "mt.tsv", warn=warnings.append)
    assert len(warnings) == 1 and "machine translation (argos)" in warnings[0]


def test_import_another_tools_tmx_in_the_other_direction(memory: TranslationMemory) -> None:
    tmx = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="OmegaT" creationtoolversion="3.6" o-tmf="OmegaT"/><body>
<tu><tuv xml:lang="en-US"><seg>The bridge reopened.</seg></tuv>
<tuv xml:lang="es-MX"><seg>Reabrió el puente.</seg></tuv></tu>
</body></tmx>
"""
    done = import_file(memory, tmx, "project_save.tmx")
    assert (done.source_lang, done.target_lang, done.added) == ("en", "es", 1)
    assert memory.lookup(["The bridge reopened."], "en", "es") == {"The bridge reopened.": "Reabrió el puente."}


def test_export_is_a_tmx_translate_toolkit_reads(memory: TranslationMemory, tmp_path: Path) -> None:
    import_file(memory, APPROVED, "aprobadas.tsv")
    doc = memory_document(memory, "es", "en")
    assert doc.signature["tm"] == "tm.sqlite3-2-entries"
    assert all(p.extra == {"origin": "tm"} for p in doc.pairs)
    path = tmp_path / "memoria.tmx"
    with path.open("w", encoding="utf-8") as handle:
        write(doc, handle, "tmx")
    units = list(toolkit_store(path).units)
    assert [(u.source, u.target) for u in units] == [(p.source, p.target) for p in doc.pairs]


@pytest.mark.parametrize("fmt", ["tsv", "md", "jsonl", "tmx", "xliff"])
def test_origin_reads_back_from_every_format(fmt: str) -> None:
    doc = Document((Pair(0, "Hola.", "Hello.", extra={"origin": "tm"}), Pair(1, "Adiós.", "Bye.")), "es", "en", {})
    handle = io.StringIO(newline="")
    write(doc, handle, fmt)
    back = read(io.StringIO(handle.getvalue(), newline=""), "x", fmt)
    assert [p.extra.get("origin") for p in back.pairs] == ["tm", None]


# -- translate uses the memory first ---------------------------------------------------------


def test_translate_uses_exact_matches_and_says_so_in_every_format(copy_model: Path, tmp_path: Path) -> None:
    assert run("models", "install", str(copy_model))[0] == 0
    approved = tmp_path / "aprobadas.tsv"
    approved.write_text(APPROVED, encoding="utf-8")
    code, out, err = run("tm", "import", str(approved))
    assert code == 0, err
    assert out.split("\n")[0] == f"{approved}: 2 added, 0 updated, 0 already there, 0 skipped (es→en)"
    article = tmp_path / "nota.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    base = ["translate", str(article), "--from", "es", "--engine", "argos", "--no-glossary", "-q"]

    code, out, err = run(*base, "--format", "jsonl")
    assert code == 0, err
    header, *rows = [json.loads(line) for line in out.split("\n") if line]
    assert header["signature"]["tm"] == "memoria.sqlite3-2-entries"
    assert [(r["target"], r.get("origin")) for r in rows] == [
        ("Truckers shut the international bridge in protest.", "tm"),
        ("Los transportistas bloquearon el cruce durante seis horas.", None),  # the copy model: unchanged
        ("“Nobody warned us,” Marta Olivas said.", "tm"),
    ]
    code, out, _ = run(*base, "--format", "tsv")
    assert out.split("\n")[1] == "id\tes\ten\torigin" and out.split("\n")[2].endswith("\ttm")
    code, out, _ = run(*base, "--format", "md")
    assert "| # | es | en | origin |" in out
    code, out, _ = run(*base, "--format", "tmx")
    assert out.count('<prop type="x-origin">tm</prop>') == 2
    code, out, _ = run(*base, "--format", "xliff")
    assert out.count('state-qualifier="exact-match"') == 2
    code, out, _ = run(*base, "--format", "text")
    assert out.startswith("Truckers shut the international bridge in protest.\n\n")

    code, out, _ = run(*base, "--no-tm", "--format", "jsonl")
    header, *rows = [json.loads(line) for line in out.split("\n") if line]
    assert "tm" not in header["signature"] and all("origin" not in r for r in rows)
    assert rows[0]["target"] == "Cierran el puente internacional por protesta."


def test_tm_commands(tmp_path: Path) -> None:
    code, _, err = run("tm", "stats")
    assert code == 2 and "no translation memory at" in err and "bilingual tm import" in err
    approved = tmp_path / "aprobadas.tsv"
    approved.write_text(APPROVED, encoding="utf-8")
    assert run("tm", "import", str(approved))[0] == 0
    code, out, _ = run("tm", "list", "--search", "marta", "--format", "json")
    assert [json.loads(line)["target"] for line in out.split("\n") if line] == [
        "“Nobody warned us,” Marta Olivas said."
    ]
    code, out, _ = run("tm", "stats", "--format", "tsv")
    assert "entries\t2\n" in out and "pair es-en\t2\n" in out and "from aprobadas.tsv\t2\n" in out
    exported = tmp_path / "memoria.xlf"
    code, _, err = run("tm", "export", "-o", str(exported))
    assert code == 0, err
    with exported.open(encoding="utf-8") as handle:
        assert len(read(handle, str(exported)).pairs) == 2
    code, _, err = run("translate", str(approved), "--tm", str(tmp_path / "otra.sqlite3"))
    assert code == 2 and "no translation memory at" in err
