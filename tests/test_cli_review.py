"""`bilingual review` from the user's side: quotes against sources, and translate/align pairs."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import needs_apertium, run

from bilingual.signature import REVIEWER_VERSION

EXAMPLES = Path(__file__).parent.parent / "examples"


@needs_apertium
def test_review_example_article_jsonl() -> None:
    code, out, err = run(
        "review", str(EXAMPLES / "drone-border.en.txt"), "--source", str(EXAMPLES / "dron-frontera.es.txt")
    )
    assert code == 0
    assert err == (
        "12 quotes in 17 parts, 9 flagged (addition 1, name 1, negation 1, number 1, omission 1, unmatched 4)\n"
    )
    lines = out.split("\n")
    header = json.loads(lines[0])
    assert header["bilingual"] == "review" and header["article_lang"] == "en" and header["source_lang"] == "es"
    assert header["signature"]["reviewer"] == REVIEWER_VERSION
    records = {(r["quote"], r["part"]): r for r in (json.loads(line) for line in lines[1:] if line)}
    fields = ["quote", "part", "speaker", "article_text", "article_sentences", "match", "score", "flags"]
    assert list(records[(4, 1)]) == fields
    # quote 4 has three sentences, reviewed one by one: the number is in the first, the lost
    # "no" in the last
    assert sorted(k for k in records if k[0] == 4) == [(4, 1), (4, 2), (4, 3)]
    assert [f["kind"] for f in records[(4, 1)]["flags"]] == ["number"]
    assert records[(4, 2)]["flags"] == []
    assert [f["kind"] for f in records[(4, 3)]["flags"]] == ["negation"]
    assert records[(4, 1)]["match"]["speaker"] == "Cruz Pérez Cuéllar"
    assert records[(9, None)]["match"] is None and records[(9, None)]["flags"][0]["kind"] == "unmatched"  # in English
    assert records[(1, 1)]["flags"] == [] and records[(1, 2)]["flags"] == []  # a faithful translation
    kinds = [r["flags"][0]["kind"] if r["flags"] else "" for r in (json.loads(x) for x in lines[1:] if x)]
    assert kinds.index("") > max(i for i, k in enumerate(kinds) if k)  # flagged first


@needs_apertium
def test_review_html_is_self_contained(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    code, stdout, _ = run(
        "review",
        str(EXAMPLES / "drone-border.en.txt"),
        "--source",
        str(EXAMPLES / "dron-frontera.es.txt"),
        "-o",
        str(out),
        "-q",
    )
    assert (code, stdout) == (0, "")
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "http://" not in html and "https://" not in html
    assert "Molina Salas" in html and "number changed" in html


@needs_apertium
def test_review_translate_output_pairs(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "# bilingual translation es->en tool:bilingual-0.1.0|engine:test\n"
        "id\tes\ten\n"
        "0\tLos puentes no han dejado de funcionar.\tThe bridges have stopped working.\n"
        "1\tPusimos 40 agentes en la zona.\tWe put 60 agents in the area.\n"
        "2\tEl alcalde habló con la prensa.\tThe mayor spoke with the press.\n",
        encoding="utf-8",
    )
    code, out, err = run("review", str(pairs), "--format", "jsonl")
    assert code == 0 and err == "3 pairs, 2 flagged (negation 1, number 1)\n"
    records = [json.loads(line) for line in out.split("\n")[1:] if line]
    assert [(r["quote"], [f["kind"] for f in r["flags"]]) for r in records] == [
        (0, ["negation"]),
        (1, ["number"]),
        (2, []),
    ]


def test_article_without_sources_must_be_a_pairs_file(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("The mayor said “we are ready,” on Tuesday.\n", encoding="utf-8")
    code, out, err = run("review", str(article))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {article} is not a translate/align output (")
    assert err.endswith("; to review an article, give its sources with --source FILE\n")
