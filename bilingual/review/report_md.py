"""Markdown and JSONL renderings of a :class:`~bilingual.review.model.Review`."""

from __future__ import annotations

import json

from bilingual.formats.markdown import escape_inline
from bilingual.formats.model import signature_line
from bilingual.review.model import Review, ReviewItem


def render_jsonl(review: Review) -> str:
    """A header line (article, languages, sources, signature), then one record per item."""
    header = {
        "bilingual": "review",
        "mode": review.mode,
        "article": review.article,
        "article_lang": review.article_lang,
        "source_lang": review.source_lang,
        "sources": list(review.sources),
        "signature": dict(review.signature),
    }
    lines = [json.dumps(header, ensure_ascii=False)]
    lines += [json.dumps(item.record(), ensure_ascii=False) for item in review.items]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return escape_inline(text) or "—"


def _item(item: ReviewItem, review: Review) -> list[str]:
    what = "Pair" if review.mode == "pairs" else "Quote"
    head = f"### {what} {item.label}"
    if item.speaker:
        head += f" — {escape_inline(item.speaker)}"
    kinds = ", ".join(dict.fromkeys(f.kind for f in item.flags))
    head += f" ({kinds})" if kinds else " (no problems found)"
    left = "Source" if review.mode == "pairs" else f"Article ({review.article_lang})"
    right = "Translation" if review.mode == "pairs" else f"Original ({review.source_lang})"
    out = [head, "", f"| {left} | {right} |", "|---|---|"]
    if item.match is None:
        out.append(f"| {_cell(item.article_text)} | *no original found* |")
    else:
        place = [escape_inline(item.match.source)]
        if item.match.sentences:
            place.append(f"sentences {', '.join(map(str, item.match.sentences))}")
        where = f" <br>*{', '.join(place)}*"
        if item.match.speaker:
            where += f" — {escape_inline(item.match.speaker)}"
        out.append(f"| {_cell(item.article_text)} | {_cell(item.match.text)}{where} |")
    out.append("")
    out.append(f"Score: {item.score:.2f}")
    for f in item.flags:
        words = f" “{escape_inline(f.text)}”" if f.text else ""
        out.append(f"- **{f.kind}**{words}: {escape_inline(f.detail)}")
    out.append("")
    return out


def render_markdown(review: Review) -> str:
    """A readable report: summary, then every item, flagged first."""
    lines = [
        f"# Quote review: {escape_inline(review.article)}",
        "",
        summary(review) + ".",
        f"Sources: {', '.join(escape_inline(s) for s in review.sources) or '—'}",
        "",
        f"Signature: `{signature_line(review.signature)}`",
        "",
    ]
    for item in review.items:
        lines += _item(item, review)
    return "\n".join(lines)


def summary(review: Review) -> str:
    """One line: ``8 quotes, 5 flagged (number 1, unmatched 4)``; when quotes were reviewed
    sentence by sentence, ``8 quotes in 10 parts, 5 flagged …`` (flagged counts parts)."""
    flagged = sum(1 for i in review.items if i.flagged)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(review.counts().items()))
    quotes = len({i.quote for i in review.items})
    what = ("pair" if review.mode == "pairs" else "quote") + ("" if quotes == 1 else "s")
    parts = f" in {len(review.items)} parts" if quotes != len(review.items) else ""
    return f"{quotes} {what}{parts}, {flagged} flagged" + (f" ({counts})" if counts else "")
