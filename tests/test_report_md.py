"""The Markdown review report escapes everything it prints (no HTML or markup gets through)."""

from __future__ import annotations

import re

from bilingual.review.model import Flag, Review, ReviewItem, SourceMatch
from bilingual.review.report_md import render_markdown

HOSTILE = "<script>alert(1)</script> *bold* [link](javascript:x) | pipe"


def _review(mode: str = "quotes", sentences: tuple[int, ...] = (3,)) -> Review:
    item = ReviewItem(
        quote=0,
        speaker="<b>Cruz</b>",
        article_text=HOSTILE,
        article_sentences=(1,),
        match=SourceMatch(source="<img src=x>.txt", text=HOSTILE, sentences=sentences, speaker="*Cruz*"),
        score=0.8,
        flags=(Flag("addition", "<i>bajo presión</i>", "added <u>words</u>"),),
    )
    return Review("<nota>.txt", "es", "en", ("<img src=x>.txt",), (item,), {"tool": "bilingual"}, mode)


def test_no_raw_html_or_markup_in_the_report() -> None:
    text = render_markdown(_review())
    for raw in ("<script", "</script", "<b>", "<i>", "<u>", "<img", "<nota>", "[link]", "*bold*", "*Cruz*", "| pipe"):
        assert not re.search(r"(?<!\\)" + re.escape(raw), text), raw
    assert "\\<script\\>" in text and "\\| pipe" in text and "\\*bold\\*" in text


def test_pairs_mode_without_sentence_ids_says_nothing_about_sentences() -> None:
    text = render_markdown(_review("pairs", sentences=()))
    assert "sentences" not in text.split("Signature")[1]


def test_parts_of_a_quote_are_numbered_and_counted() -> None:
    match = SourceMatch(source="fuente.es.txt", text="Abrimos el puente.", sentences=(2,))
    items = tuple(
        ReviewItem(4, "Ana", text, (k,), match, 1.0, flags, part=k)
        for k, text, flags in ((1, "We opened the bridge.", (Flag("number", "6", "six"),)), (2, "All is calm.", ()))
    )
    review = Review("nota.en.txt", "en", "es", ("fuente.es.txt",), items, {"tool": "bilingual"})
    text = render_markdown(review)
    assert "### Quote 4.1 — Ana (number)" in text and "### Quote 4.2 — Ana (no problems found)" in text
    assert "1 quote in 2 parts, 1 flagged (number 1)." in text
    assert [item.record()["part"] for item in items] == [1, 2]
