"""`bilingual align` from the user's side."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import needs_apertium, run

from bilingual.formats import read

ES = "El alcalde habló hoy con la prensa.\nDijo que no hay datos.\n\nNadie avisó a Juárez.\n"
EN = (
    "The mayor spoke to the press today.\nHe said there is no data.\n\n"
    "A paragraph only in English.\n\nNobody warned Juárez.\n"
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    es, en = tmp_path / "nota.es.txt", tmp_path / "story.en.txt"
    es.write_text(ES, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    return es, en


@needs_apertium
def test_tsv_output(files: tuple[Path, Path]) -> None:
    code, out, err = run("align", str(files[0]), str(files[1]), "--presplit", "--no-glossary")
    assert (code, err) == (0, "")
    lines = out.split("\n")
    assert lines[0].startswith("# bilingual alignment es->en tool:bilingual-")
    assert lines[0].endswith(
        "|engine:apertium|model:apertium-eng-spa-0.8.1|pair:es-en|splitter:news-1"
        "|glossary:none|aligner:align-2|scoring:mt+length+anchors"
    )
    assert lines[1] == "id\tbead\tes_ids\ten_ids\tconfidence\tes\ten"
    rows = [line.split("\t")[:4] for line in lines[2:] if line]
    assert rows == [["0", "1-1", "0", "0"], ["1", "1-1", "1", "1"], ["2", "0-1", "", "3"], ["3", "1-1", "3", "5"]]


@needs_apertium
@pytest.mark.parametrize("fmt", ["jsonl", "tmx", "md"])
def test_every_format_reads_back(files: tuple[Path, Path], tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"aligned.{fmt}"
    assert run("align", str(files[0]), str(files[1]), "-o", str(out))[0] == 0
    doc = read(io.StringIO(out.read_text(encoding="utf-8")), str(out))
    assert doc.kind == "alignment"
    beads = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,))]
    if fmt == "tmx":  # a translation memory leaves out the sentence with no counterpart
        beads.remove(((), (2,)))
    assert [(p.source_ids, p.target_ids) for p in doc.pairs] == beads
    assert all(0.0 <= (p.confidence or 0.0) <= 1.0 for p in doc.pairs)


@needs_apertium
def test_jsonl_fields(files: tuple[Path, Path]) -> None:
    code, out, _ = run("align", str(files[0]), str(files[1]), "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.split("\n")[1:] if line]
    assert rows[2]["bead"] == "0-1" and rows[2]["es_ids"] == [] and rows[2]["en_ids"] == [2]
    assert rows[2]["flags"] == ["unaligned"]
    assert set(rows[0]) >= {"bead", "es_ids", "en_ids", "es", "en", "confidence"}


def test_no_engine_falls_back_and_says_so(files: tuple[Path, Path]) -> None:
    code, out, err = run("align", str(files[0]), str(files[1]), "--engine", "none", "--presplit")
    assert code == 0
    assert "|engine:none|model:none|" in out.split("\n")[0] and out.split("\n")[0].endswith("|scoring:length+anchors")
    assert (
        err
        == "Warning: no translation engine available: aligning on sentence length and anchors only (less accurate)\n"
    )


def test_same_language_is_refused_unless_forced(files: tuple[Path, Path]) -> None:
    code, out, err = run("align", str(files[0]), str(files[0]))
    assert (code, out) == (1, "")
    assert err == (
        f"Error: both {files[0]} and {files[0]} are Spanish; give one Spanish and one English file, --from/--to if "
        "detection is wrong, or --force to align them anyway\n"
    )
    code, out, _ = run("align", str(files[0]), str(files[0]), "--force", "--format", "jsonl")
    assert code == 0
    assert json.loads(out.split("\n")[0])["target_lang"] == "es-x-2"


def test_bad_langs_is_a_usage_error(files: tuple[Path, Path]) -> None:
    code, _, err = run("align", str(files[0]), str(files[1]), "--langs", "es")
    assert code == 2 and err.startswith("Error: --langs must be two codes like es,en, not 'es'")


def test_empty_side_is_an_error(files: tuple[Path, Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run("align", str(files[0]), str(empty))
    assert code == 1 and err == f"Error: {empty}: input is empty; give a file with some text in it\n"
