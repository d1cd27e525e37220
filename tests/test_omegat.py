"""OmegaT 3.6 (Debian's omegat, console mode) on what we write: a TMX in the project's tm/auto
must not blank or replace sentences (the damage the old align TMX did), and our XLIFF opens as a
source file with one segment per sentence."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bilingual.formats import Document, Pair, write

needs_omegat = pytest.mark.skipif(shutil.which("omegat") is None, reason="omegat is not installed (apt omegat)")

ARTICLE = "Llueve en Nogales desde el lunes.\n\nNadie nos avisó.\n\nCerraron dos escuelas de la colonia Buenos Aires.\n"
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>ES</source_lang>
    <target_lang>EN</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSpanishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
# An alignment of the article with an English version that leaves out «Nadie nos avisó.»: one
# good bead, the unaligned sentence, and a wrong bead the aligner was not sure of.
ALIGNMENT = Document(
    (
        Pair(
            0,
            "Llueve en Nogales desde el lunes.",
            "It has been raining in Nogales since Monday.",
            (0,),
            (0,),
            confidence=0.93,
        ),
        Pair(1, "Nadie nos avisó.", "", (1,), (), flags=("unaligned",)),
        Pair(
            2,
            "Cerraron dos escuelas de la colonia Buenos Aires.",
            "The mayor will speak at noon.",
            (2,),
            (1,),
            confidence=0.04,
        ),
    ),
    "es-MX",
    "en-US",
    {"tool": "bilingual-0.1.0", "aligner": "align-1"},
    "alignment",
)


def project(tmp_path: Path, source_name: str, source_text: str, tmx: str | None = None) -> Path:
    """An OmegaT project with one source file (and a TMX in tm/auto), translated in console mode."""
    root = tmp_path / "omegat-project"
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "omegat.project").write_text(PROJECT, encoding="utf-8")
    (root / "source" / source_name).write_text(source_text, encoding="utf-8")
    if tmx is not None:
        (root / "tm" / "auto" / "memoria.tmx").write_text(tmx, encoding="utf-8")
    result = subprocess.run(
        ["omegat", str(root), "--mode=console-translate"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    assert result.returncode == 0 and "Finished" in result.stdout + result.stderr, result.stderr[-2000:]
    return root


def tmx(doc: Document) -> str:
    handle = io.StringIO()
    write(doc, handle, "tmx")
    return handle.getvalue()


@needs_omegat
def test_the_check_catches_a_tmx_with_an_empty_target(tmp_path: Path) -> None:
    """What the old align TMX did to a tm/auto project, so the next test can fail."""
    old = tmx(Document((), "es", "en", {}, "alignment"))
    old = old.replace(
        "  </body>",
        '    <tu><tuv xml:lang="es"><seg>Nadie nos avisó.</seg></tuv><tuv xml:lang="en"><seg></seg></tuv></tu>\n'
        "  </body>",
    )
    out = (project(tmp_path, "nota.txt", ARTICLE, old) / "target" / "nota.txt").read_text(encoding="utf-8")
    assert "Nadie nos avisó." not in out


@needs_omegat
def test_our_tmx_in_tm_auto_translates_only_what_it_should(tmp_path: Path) -> None:
    out = (project(tmp_path, "nota.txt", ARTICLE, tmx(ALIGNMENT)) / "target" / "nota.txt").read_text(encoding="utf-8")
    assert out.split("\n\n") == [
        "It has been raining in Nogales since Monday.",  # the good bead, filled in from tm/auto
        "Nadie nos avisó.",  # no counterpart: left for the translator, not blanked
        "Cerraron dos escuelas de la colonia Buenos Aires.\n",  # the weak bead did not replace it
    ]


@needs_omegat
def test_omegat_opens_our_xliff_as_a_source_file(tmp_path: Path) -> None:
    doc = Document(
        tuple(
            Pair(i, s, t, (i,), (i,), paragraph=i)
            for i, (s, t) in enumerate(
                [
                    ("Llueve en Nogales desde el lunes.", "It rains in Nogales since Monday."),
                    ("Nadie nos avisó.", "Nobody warned us."),
                    ("Cerraron dos escuelas.", "Two schools closed."),
                ]
            )
        ),
        "es",
        "en",
        {"tool": "bilingual-0.1.0"},
    )
    handle = io.StringIO()
    write(doc, handle, "xliff")
    root = project(tmp_path, "nota.xlf", handle.getvalue())
    stats = (root / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    row = next(line for line in stats.split("\n") if line.startswith("nota.xlf"))
    assert re.split(r"\s+", row.strip())[1] == "3"  # three segments, one per trans-unit
    assert "Nobody warned us." in (root / "target" / "nota.xlf").read_text(encoding="utf-8")
