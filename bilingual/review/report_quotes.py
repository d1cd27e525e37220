"""Renderings of ``bilingual quotes``: JSONL (one object per quote) and a Markdown list."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from bilingual.review.quotes import Quote

_NEWLINES = re.compile(r"\s*[\r\n]\s*")
FORMATS = ("jsonl", "md")


def render_quotes(quotes: Sequence[Quote], fmt: str) -> str:
    """``jsonl``: id, speaker, text, segments, sentences, paragraphs; ``md``: one line per quote."""
    out: list[str] = []
    for q in quotes:
        if fmt == "jsonl":
            record = {
                "id": q.id,
                "speaker": q.speaker,
                "text": q.text,
                "segments": [list(s) for s in q.segments],
                "sentences": list(q.sentences),
                "paragraphs": list(q.paragraphs),
            }
            out.append(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.append(f"{q.id}. **{q.speaker or 'unknown speaker'}**: “{_NEWLINES.sub(' ', q.text)}”\n")
    return "".join(out)
