"""TMX as a translation memory: rows with no counterpart and weak beads stay out (OmegaT's
tm/auto would otherwise fill a segment with nothing, or with an unrelated sentence), region
codes are kept, and translate-toolkit reads what we write with no empty target."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import run
from interop_tools import toolkit_store

from bilingual.cli import cli
from bilingual.formats import Document, Pair, read, write
from bilingual.formats.tmx import MIN_CONFIDENCE, kept

needs_apertium = pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed")
SIGNATURE = {"tool": "bilingual-0.1.0", "engine": "apertium", "aligner": "align-1"}

ALIGNMENT = Document(
    pairs=(
        Pair(0, "Llueve en Nogales.", "It is raining in Nogales.", (0,), (0,), confidence=0.88),
        Pair(1, "Nadie nos avisó.", "", (1,), (), flags=("unaligned",)),
        Pair(2, "Cerraron dos escuelas.", "The mayor will speak at noon.", (2,), (1,), confidence=0.03),
        Pair(3, "   ", "Schools reopen Monday.", (), (2,), flags=("unaligned",)),
        Pair(4, "Hubo 40 rescates.", "There were 40 rescues.", (3,), (3,), confidence=MIN_CONFIDENCE),
    ),
    source_lang="es-MX",
    target_lang="en-US",
    signature=SIGNATURE,
    kind="alignment",
)


def dump(doc: Document, path: Path, **options: Any) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        write(doc, handle, "tmx", **options)
    return path


def test_only_real_translations_go_in(tmp_path: Path) -> None:
    warnings: list[str] = []
    path = dump(ALIGNMENT, tmp_path / "tm.tmx", warn=warnings.append)
    with path.open(encoding="utf-8") as handle:
        back = read(handle, str(path))
    assert [p.id for p in back.pairs] == [0, 4]
    assert warnings == [
        "left out of the TMX: 2 sentence(s) with no counterpart and 1 bead(s) with confidence below 0.5 "
        "(TSV and JSONL keep every row)"
    ]


def test_min_confidence_is_a_threshold_and_empty_sides_never_pass() -> None:
    assert [kept(p, 0.0) for p in ALIGNMENT.pairs] == [True, False, True, False, True]
    assert [kept(p, 0.9) for p in ALIGNMENT.pairs] == [False, False, False, False, False]
    assert kept(Pair(0, "Hola.", "Hello."))  # machine translation has no confidence: kept


def test_region_codes_are_kept_in_xml_lang(tmp_path: Path) -> None:
    text = dump(ALIGNMENT, tmp_path / "tm.tmx").read_text(encoding="utf-8")
    assert 'srclang="es-MX"' in text and '<tuv xml:lang="es-MX">' in text and '<tuv xml:lang="en-US">' in text


def test_translate_toolkit_reads_it_with_no_empty_target(tmp_path: Path) -> None:
    store = toolkit_store(dump(ALIGNMENT, tmp_path / "tm.tmx", min_confidence=0.0))
    units = list(store.units)
    assert [(u.source, u.target) for u in units] == [
        ("Llueve en Nogales.", "It is raining in Nogales."),
        ("Cerraron dos escuelas.", "The mayor will speak at noon."),
        ("Hubo 40 rescates.", "There were 40 rescues."),
    ]
    assert all(u.target.strip() for u in units)


def test_tsv_and_jsonl_keep_every_row() -> None:
    for fmt in ("tsv", "jsonl"):
        handle = io.StringIO(newline="")
        write(ALIGNMENT, handle, fmt)
        assert len(read(io.StringIO(handle.getvalue(), newline=""), "x", fmt).pairs) == 5


@needs_apertium
def test_align_min_confidence_option_and_region_labels(tmp_path: Path) -> None:
    es, en = tmp_path / "nota.es.txt", tmp_path / "nota.en.txt"
    es.write_text(
        "Llueve en Nogales desde el lunes.\n\nNadie nos avisó.\n\nCerraron dos escuelas de la colonia Buenos Aires.\n",
        "utf-8",
    )
    en.write_text(
        "It has been raining in Nogales since Monday.\n\nTwo schools in the Buenos Aires neighborhood closed.\n",
        "utf-8",
    )
    runner = CliRunner()
    out = tmp_path / "tm.tmx"
    args = ["align", str(es), str(en), "--from", "es-MX", "--to", "en-US", "--engine", "apertium", "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert "left out of the TMX: 1 sentence(s) with no counterpart" in result.stderr
    units = list(toolkit_store(out).units)
    assert len(units) == 2 and all(u.target.strip() for u in units)
    assert "Nadie nos avisó." not in out.read_text(encoding="utf-8")
    assert '<tuv xml:lang="es-MX">' in out.read_text(encoding="utf-8")
    result = runner.invoke(cli, [*args[:-2], "--min-confidence", "1", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert list(toolkit_store(out).units) == []
    tsv = tmp_path / "all.tsv"
    result = runner.invoke(cli, [*args[:-2], "--min-confidence", "1", "-q", "-o", str(tsv)])
    assert result.exit_code == 0 and "Nadie nos avisó." in tsv.read_text(encoding="utf-8")


def test_srclang_all_and_uppercase_regional_codes_are_read(tmp_path: Path) -> None:
    """OmegaT and other tools write srclang="*all*" and codes like ES / EN-US."""
    path = tmp_path / "otra-herramienta.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" creationtoolversion="1"'
        ' srclang="*all*" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en"/><body><tu>'
        '<tuv xml:lang="ES"><seg>Llegó a Santa Fe.</seg></tuv><tuv xml:lang="EN-US"><seg>He arrived in Santa Fe.'
        "</seg></tuv></tu></body></tmx>\n",
        encoding="utf-8",
    )
    code, out, err = run("glossary", "check-pairs", str(path))
    assert (code, out, err) == (0, "", "0 missing terms in 1 pairs\n")
