"""Failures that used to end in a traceback are one ``Error:`` line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

from bilingual.align import beads

TSV = (
    "# bilingual translation fr->en tool:bilingual-0.1.0|engine:apertium\n"
    "id\tfr\ten\n"
    "0\tBonjour le monde.\tHello world.\n"
)
JSONL = (
    '{"bilingual": "translation", "source_lang": "fr", "target_lang": "en", "signature": {}}\n'
    '{"id": 0, "source": "Bonjour.", "target": "Hello."}\n'
)
TMX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
    '<header creationtool="bilingual" srclang="fr" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en">'
    '<prop type="x-bilingual-target-lang">en</prop></header>\n<body>\n'
    '<tu tuid="0"><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>\n'
    "</body>\n</tmx>\n"
)


@pytest.mark.parametrize(("name", "body"), [("p.tsv", TSV), ("p.jsonl", JSONL), ("p.tmx", TMX)])
@pytest.mark.parametrize("command", [["review", "--engine", "none"], ["glossary", "check-pairs"]])
def test_pairs_in_another_language_are_a_language_error(
    tmp_path: Path, name: str, body: str, command: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    args = [command[0], *command[1:], str(path)] if command[0] == "glossary" else [command[0], str(path), *command[1:]]
    code, out, err = run(*args)
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {path}") and "language 'fr' is not Spanish or English" in err
    assert err.count("\n") == 1


def test_out_of_memory_in_align_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    es, en = tmp_path / "es.txt", tmp_path / "en.txt"
    es.write_text("El alcalde habló ayer. Dijo que no hay datos.\n", encoding="utf-8")
    en.write_text("The mayor spoke yesterday. He said there is no data.\n", encoding="utf-8")

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(beads, "_bead_costs", exhausted)
    code, out, err = run("align", str(es), str(en), "--from", "es", "--to", "en", "--engine", "none")
    assert (code, out) == (1, "")
    assert err.startswith("Error: not enough memory to align 2 × 2 sentences") and err.count("\n") == 1
