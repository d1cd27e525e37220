"""Hostile and odd inputs: lone CRs, late NULs, UTF-16, Unicode line separators, control
characters in glossary entries."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from conftest import run
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.errors import InputError
from bilingual.formats import read, write
from bilingual.formats.model import Document, Pair
from bilingual.textio import decode_text

TEXT = "El alcalde habló ayer. Dijo que no hay datos.\n\nNadie sabe nada.\n\nFin de la nota.\n"
BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def test_lone_cr_file_keeps_its_paragraphs(tmp_path: Path) -> None:
    lf, cr = tmp_path / "lf.txt", tmp_path / "cr.txt"
    lf.write_bytes(TEXT.encode())
    cr.write_bytes(TEXT.replace("\n", "\r").encode())
    assert run("split", str(cr), "--from", "es")[1] == run("split", str(lf), "--from", "es")[1]
    assert run("split", str(cr), "--from", "es")[1].count("\n\n") == 2  # three paragraphs


def test_crlf_is_kept_and_offsets_hold() -> None:
    text = decode_text(b"uno\r\ndos\rtres\n", "x")
    assert text == "uno\r\ndos\ntres\n"  # same length: offsets into the user's file still hold


def test_nul_after_the_first_mib_is_refused() -> None:
    data = b"a" * (3 << 20) + b"\x00" + b"b\n"
    with pytest.raises(InputError, match="NUL byte at byte offset 3145728"):
        decode_text(data, "big.txt")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_is_named_with_the_fix(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "u16.txt"
    data = TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    code, out, err = run("split", str(path), "--from", "es")
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {path}:1: UTF-16 text") and f"iconv -f UTF-16 -t UTF-8 {path}" in err


PIECE = st.sampled_from(["a", "ñ", " ", "\t", "\n", "\r", "\\", "|", "<", "&", *BREAKS, "\\u2028"])
CELL = st.lists(PIECE, min_size=1, max_size=12).map("".join)


@pytest.mark.parametrize("fmt", ["tsv", "md"])
@settings(max_examples=120, deadline=None)
@given(cells=st.lists(st.tuples(CELL, CELL), min_size=1, max_size=4))
def test_line_based_formats_keep_one_pair_per_line(fmt: str, cells: list[tuple[str, str]]) -> None:
    doc = Document(
        pairs=tuple(Pair(i, s, t) for i, (s, t) in enumerate(cells)),
        source_lang="es",
        target_lang="en",
        signature={},
        kind="translation",
    )
    out = io.StringIO()
    write(doc, out, fmt)
    text = out.getvalue()
    assert not any(c in text for c in BREAKS)
    assert len(text.splitlines()) == len(text.split("\n")) - 1  # what other tools see: no extra lines
    assert [(p.source, p.target) for p in read(io.StringIO(text), f"x.{fmt}", fmt).pairs] == cells


def test_glossary_add_refuses_control_characters() -> None:
    for es, en, note in (("Ciudad\x07 Juárez", "x", ""), ("a", "b\x1b[31m", ""), ("a", "b", "n\x00")):
        code, _, err = run("glossary", "add", es, en, "--type", "place", "--note", note)
        assert code == 1 and "control character" in err and err.count("\n") == 1
    assert not (Path(os.environ["BILINGUAL_GLOSSARY_DIR"]) / "user.tsv").exists()


def test_glossary_check_reports_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("es\ten\ttype\tnote\nCiudad\x07 Juárez\tx\tplace\t\n", encoding="utf-8")
    code, out, _ = run("glossary", "check", str(path))
    assert code == 1 and f"{path}:2: control character U+0007" in out
