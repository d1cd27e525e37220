"""`bilingual split` from the user's side: exact output, exit codes and error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run

ARTICLE = (
    "CD. JUÁREZ, Chih. — El Sr. Pérez Cuéllar habló a las 9 a. m. en EE. UU. El alcalde "
    "dijo: «No hay datos. Vamos a esperar».\n"
    "\n"
    "¿Hubo drones? No se sabe.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "nota.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_lines_output(article: Path) -> None:
    code, out, err = run("split", str(article), "--lang", "es")
    assert (code, err) == (0, "")
    assert out == (
        "CD. JUÁREZ, Chih. — El Sr. Pérez Cuéllar habló a las 9 a. m. en EE. UU.\n"
        "El alcalde dijo: «No hay datos.\n"
        "Vamos a esperar».\n"
        "\n"
        "¿Hubo drones?\n"
        "No se sabe.\n"
    )


def test_jsonl_output_offsets_point_into_input(article: Path) -> None:
    code, out, _ = run("split", str(article), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.split("\n") if line]
    assert [r["id"] for r in records] == list(range(5))
    assert [r["paragraph"] for r in records] == [0, 0, 0, 1, 1]
    assert [r["quote"] for r in records] == [None, 0, 0, None, None]
    for r in records:
        assert ARTICLE[r["start"] : r["end"]] == r["text"]
        assert set(r) == {"id", "paragraph", "start", "end", "text", "quote"}


def test_stdin_and_output_file(tmp_path: Path) -> None:
    out_path = tmp_path / "out.txt"
    code, out, err = run("split", "-", "--lang", "en", "-o", str(out_path), input="Hi there. Bye now.\n")
    assert (code, out, err) == (0, "", "")
    assert out_path.read_text(encoding="utf-8") == "Hi there.\nBye now.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temp files left behind


def test_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes("\ufeffFirst line here. Second one.\r\n\r\nNext paragraph.\r\n".encode())
    code, out, _ = run("split", str(path), "--lang", "en")
    assert code == 0
    assert out == "First line here.\nSecond one.\n\nNext paragraph.\n"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "Error: {p}: no such file; check the path and spelling\n"),
        (lambda p: p.mkdir(), "Error: {p}: is a directory, not a file; give the path of a text file\n"),
        (lambda p: p.write_bytes(b""), "Error: {p}: input is empty; give a file with some text in it\n"),
        (lambda p: p.write_bytes(b" \n\n \n"), "Error: {p}: input is empty; give a file with some text in it\n"),
        (
            lambda p: p.write_bytes(b"GIF89a\x00\x01binary"),
            "Error: {p}:1: binary data (NUL byte at byte offset 6), not text; "
            "give a plain-text UTF-8 file (export .docx/.pdf to .txt first)\n",
        ),
        (
            lambda p: p.write_bytes("línea uno\nse\xf1or".encode()[:-4] + b"\xf1or"),
            "Error: {p}:2: invalid UTF-8 at byte offset 13 (byte 0xf1); convert it to UTF-8 first, "
            "e.g. `iconv -f WINDOWS-1252 -t UTF-8 {p} > {p}.utf8`\n",
        ),
    ],
    ids=["missing", "directory", "empty", "blank", "binary", "latin1"],
)
def test_bad_input_is_one_error_line(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.txt"
    make(path)
    code, out, err = run("split", str(path), "--lang", "es")
    assert (code, out) == (1, "")
    assert err == message.format(p=path)


def test_unknown_lang_is_a_usage_error(article: Path) -> None:
    code, out, err = run("split", str(article), "--lang", "fr")
    assert (code, out) == (2, "")
    assert err == (
        "Error: Invalid value for '--lang': 'fr' is not Spanish or English; use es or en or auto "
        "(see 'bilingual split --help')\n"
    )


def test_missing_argument_is_a_usage_error() -> None:
    assert run("split") == (2, "", "Error: Missing argument 'FILE|-'. (see 'bilingual split --help')\n")


def test_never_overwrites_the_input(article: Path) -> None:
    code, out, err = run("split", str(article), "-o", str(article))
    assert (code, out) == (1, "")
    assert err == f"Error: {article}: output would overwrite the input file {article}; choose a different -o path\n"
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_undetectable_language(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_text("12 34 56 — 78.\n", encoding="utf-8")
    code, out, err = run("split", str(path))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: could not detect the language of {path}")
    assert err.endswith("; pass --from es or --from en\n") and err.count("\n") == 1


def test_one_megabyte_line(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("La Guardia Nacional vigila la frontera. " * 26_000, encoding="utf-8")
    code, out, _ = run("split", str(path), "--lang", "es")
    assert code == 0 and out.count("\n") == 26_000
